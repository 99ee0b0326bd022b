/**
 * Turns a unit's scene manifest (`@markspace/ipfs/manifest`) into the tracer's triangle scene, laid
 * out as the app lays it out (app/src/scene/Room.tsx, wallPlacement.ts): the room centred on the
 * origin with the floor at y = 0, the north wall at z = −depth/2, the east wall at x = +width/2;
 * pictures 1 cm off their wall, facing into the room. Lit by a ceiling panel over the middle of
 * the room (standing in for the app's ceiling spot) and a dim constant environment.
 *
 * Not yet mapped (next slice): glTF models (`objects`) and picture images as textures; a picture
 * is a flat neutral canvas for now.
 */
import type { SceneManifest, WallImage } from "@markspace/ipfs/manifest";
import type { PinholeCamera } from "./camera.ts";
import { pow } from "./detmath.ts";
import { SceneBuilder } from "./scene-builder.ts";
import type { Material, Rgb, TriangleScene, Vec3 } from "./scene.ts";

/** Gap between a picture and its wall (the app's `PICTURE_GAP`). */
const PICTURE_GAP = 0.01;
/** Radiance of the ceiling panel, and its side as a fraction of the room's smaller side. */
const PANEL_RADIANCE: Rgb = [5, 4.85, 4.6];
const PANEL_FRACTION = 0.25;
const CANVAS: Material = { albedo: [0.3, 0.3, 0.3], specular: 0.04, roughness: 0.6, emission: [0, 0, 0] };

/** `#rrggbb` (sRGB) to linear RGB. */
export function hexToLinear(hex: string): Rgb {
  const channel = (offset: number) => {
    const c = parseInt(hex.slice(offset, offset + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4);
  };
  return [channel(1), channel(3), channel(5)];
}

/** A manifest material (colour, roughness, metalness) as a tracer material. */
export function manifestMaterial(material: SceneManifest["floor"]): Material {
  const [r, g, b] = hexToLinear(material.color);
  const metal = material.metalness;
  return {
    albedo: [r * (1 - metal), g * (1 - metal), b * (1 - metal)],
    specular: 0.04 + (0.9 - 0.04) * metal,
    roughness: material.roughness,
    emission: [0, 0, 0],
  };
}

/** Corner and edges of a picture: `u` runs to the visitor's right, `v` up, and `u × v` faces into the room. */
function pictureQuad(image: WallImage, room: SceneManifest["room"]): { corner: Vec3; u: Vec3; v: Vec3 } {
  const [along, height] = image.offset;
  const halfW = room.width / 2 - PICTURE_GAP;
  const halfD = room.depth / 2 - PICTURE_GAP;
  const bottom = height - image.height / 2;
  const v: Vec3 = [0, image.height, 0];
  switch (image.wall) {
    case "north": // right is +x, faces +z
      return { corner: [along - image.width / 2, bottom, -halfD], u: [image.width, 0, 0], v };
    case "south": // right is −x, faces −z
      return { corner: [-along + image.width / 2, bottom, halfD], u: [-image.width, 0, 0], v };
    case "east": // right is +z, faces −x
      return { corner: [halfW, bottom, along - image.width / 2], u: [0, 0, image.width], v };
    case "west": // right is −z, faces +x
      return { corner: [-halfW, bottom, -along + image.width / 2], u: [0, 0, -image.width], v };
  }
}

/** Builds the triangle scene of a unit from its (already validated) manifest. */
export function manifestScene(manifest: SceneManifest): TriangleScene {
  const { width, depth, height } = manifest.room;
  const x0 = -width / 2;
  const z0 = -depth / 2;
  const floor = manifestMaterial(manifest.floor);
  const walls = manifestMaterial(manifest.walls);
  const builder = new SceneBuilder()
    .quad([x0, 0, z0], [0, 0, depth], [width, 0, 0], floor)
    .quad([x0, height, z0], [width, 0, 0], [0, 0, depth], walls)
    .quad([x0, 0, z0], [width, 0, 0], [0, height, 0], walls) // north
    .quad([x0, 0, -z0], [0, height, 0], [width, 0, 0], walls) // south
    .quad([-x0, 0, z0], [0, 0, depth], [0, height, 0], walls) // east
    .quad([x0, 0, z0], [0, height, 0], [0, 0, depth], walls); // west
  for (const image of manifest.images) {
    const { corner, u, v } = pictureQuad(image, manifest.room);
    builder.quad(corner, u, v, CANVAS);
  }
  const side = Math.min(width, depth) * PANEL_FRACTION;
  return builder
    .rectLight({
      corner: [-side / 2, height - 0.001, -side / 2],
      edgeU: [side, 0, 0],
      edgeV: [0, 0, side],
      radiance: PANEL_RADIANCE,
    })
    .setEnvironment({ kind: "constant", radiance: [0.05, 0.05, 0.05] })
    .build();
}

/** The visitor's arrival view (the manifest's `spawn`, else eye height near the south wall looking north). */
export function manifestCamera(manifest: SceneManifest, verticalFovDegrees = 60): PinholeCamera {
  const spawn = manifest.spawn ?? {
    position: [0, 1.6, manifest.room.depth / 2 - 0.5] as Vec3,
    lookAt: [0, 1.4, 0] as Vec3,
  };
  return { kind: "pinhole", position: spawn.position, target: spawn.lookAt, verticalFovDegrees };
}
