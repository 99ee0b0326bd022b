/**
 * Turns a unit's scene manifest (`@markspace/ipfs/manifest`) into the tracer's triangle scene, laid
 * out as the app lays it out (app/src/scene/Room.tsx, wallPlacement.ts): the room centred on the
 * origin with the floor at y = 0, the north wall at z = −depth/2, the east wall at x = +width/2;
 * pictures (the image as a texture, in the app's dark frame) 1 cm off their wall, facing into the
 * room; glTF models (`objects`) placed by position × rotation (Euler XYZ) × scale as three.js places
 * `<primitive position rotation scale>`. Lit by a ceiling panel over the middle of the room
 * (standing in for the app's ceiling spot) and a dim constant environment.
 *
 * `manifestScene` is synchronous and takes the decoded assets; `loadManifestScene` fetches them
 * through a caller's (verifying) fetch first. The app's skirting boards are not modelled.
 */
import type { PlacedObject, SceneManifest, WallImage } from "@markspace/ipfs/manifest";
import { RenderInvalidInputError } from "../errors.ts";
import type { PinholeCamera } from "./camera.ts";
import { cos, pow, sin } from "./detmath.ts";
import { parseModel, transformPoint, type Affine, type ParsedModel } from "./gltf-model.ts";
import { decodeImage, type DecodedImage } from "./image-decode.ts";
import { SceneBuilder } from "./scene-builder.ts";
import type { Material, Rgb, TriangleScene, Vec3 } from "./scene.ts";
import { WRAP_CLAMP } from "./texture.ts";

/** Gap between a picture and its wall (the app's `PICTURE_GAP`). */
const PICTURE_GAP = 0.01;
/** The app's frame (`WallPicture.tsx`): 4 cm wider on each side, 4 mm off the wall's gap; the picture 8 mm. */
const FRAME = 0.04;
const FRAME_LIFT = 0.004;
const PICTURE_LIFT = 0.008;
/** Most triangles a whole manifest scene may have. */
export const MAX_SCENE_TRIANGLES = 1_000_000;
/** Radiance of the ceiling panel, and its side as a fraction of the room's smaller side. */
const PANEL_RADIANCE: Rgb = [5, 4.85, 4.6];
const PANEL_FRACTION = 0.25;
/** The app's frame (`#2b2622`, roughness 0.6) and picture (white × texture, roughness 0.85) materials. */
const FRAME_MATERIAL: Material = manifestMaterial({ color: "#2b2622", roughness: 0.6, metalness: 0 });

/** Decoded assets of a manifest, by CID: parsed models and decoded images. */
export type ManifestAssets = {
  models: ReadonlyMap<string, ParsedModel>;
  images: ReadonlyMap<string, DecodedImage>;
};

/** Fetches the bytes of a CID, verified against it (see `verifiedAssetFetcher` in `../asset-fetch.ts`). */
export type FetchAsset = (cid: string) => Promise<Uint8Array>;

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

/**
 * Corner and edges of a picture's rectangle (`border` metres wider on each side, `lift` metres
 * further from the wall than the picture gap): `u` runs to the visitor's right, `v` up, and
 * `u × v` faces into the room.
 */
function pictureQuad(
  image: WallImage,
  room: SceneManifest["room"],
  border: number,
  lift: number,
): { corner: Vec3; u: Vec3; v: Vec3 } {
  const [along, height] = image.offset;
  const width = image.width + 2 * border;
  const halfW = room.width / 2 - PICTURE_GAP - lift;
  const halfD = room.depth / 2 - PICTURE_GAP - lift;
  const bottom = height - image.height / 2 - border;
  const v: Vec3 = [0, image.height + 2 * border, 0];
  switch (image.wall) {
    case "north": // right is +x, faces +z
      return { corner: [along - width / 2, bottom, -halfD], u: [width, 0, 0], v };
    case "south": // right is −x, faces −z
      return { corner: [-along + width / 2, bottom, halfD], u: [-width, 0, 0], v };
    case "east": // right is +z, faces −x
      return { corner: [halfW, bottom, along - width / 2], u: [0, 0, width], v };
    case "west": // right is −z, faces +x
      return { corner: [-halfW, bottom, -along + width / 2], u: [0, 0, -width], v };
  }
}

/**
 * A placed object's transform, as three.js composes an Object3D's matrix: translation ×
 * rotation (Euler XYZ: Rx · Ry · Rz, `Matrix4.makeRotationFromEuler`) × scale, with detmath's
 * sin and cos.
 */
export function placementMatrix(object: Pick<PlacedObject, "position" | "rotation" | "scale">): Affine {
  const [rx, ry, rz] = object.rotation;
  const [sx, sy, sz] = typeof object.scale === "number" ? [object.scale, object.scale, object.scale] : object.scale;
  const a = cos(rx);
  const b = sin(rx);
  const c = cos(ry);
  const d = sin(ry);
  const e = cos(rz);
  const f = sin(rz);
  const ae = a * e;
  const af = a * f;
  const be = b * e;
  const bf = b * f;
  const [tx, ty, tz] = object.position;
  return [
    c * e * sx,
    -c * f * sy,
    d * sz,
    tx,
    (af + be * d) * sx,
    (ae - bf * d) * sy,
    -b * c * sz,
    ty,
    (bf - ae * d) * sx,
    (be + af * d) * sy,
    a * c * sz,
    tz,
  ];
}

function missingAsset(kind: string, cid: string, where: string): RenderInvalidInputError {
  return new RenderInvalidInputError({
    shortMessage: `The ${kind} ${cid} of ${where} was not loaded`,
    hint: "Build a manifest's scene with loadManifestScene, which fetches its models and images.",
  });
}

const NO_ASSETS: ManifestAssets = { models: new Map(), images: new Map() };

/**
 * Builds the triangle scene of a unit from its (already validated) manifest and its decoded
 * assets; throws `RenderInvalidInputError` naming the CID when an asset is missing, or naming the
 * object when the scene would pass `MAX_SCENE_TRIANGLES`.
 */
export function manifestScene(manifest: SceneManifest, assets: ManifestAssets = NO_ASSETS): TriangleScene {
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
  const pictureMaterials = new Map<string, Material>();
  manifest.images.forEach((image, index) => {
    const decoded = assets.images.get(image.image);
    if (!decoded) throw missingAsset("image", image.image, `picture ${index}`);
    let material = pictureMaterials.get(image.image);
    if (!material) {
      const texture = { ...decoded, wrapS: WRAP_CLAMP, wrapT: WRAP_CLAMP } as const;
      material = { albedo: [1, 1, 1], specular: 0.04, roughness: 0.85, emission: [0, 0, 0], texture };
      pictureMaterials.set(image.image, material);
    }
    const frame = pictureQuad(image, manifest.room, FRAME, FRAME_LIFT);
    builder.quad(frame.corner, frame.u, frame.v, FRAME_MATERIAL);
    const { corner, u, v } = pictureQuad(image, manifest.room, 0, PICTURE_LIFT);
    builder.quad(corner, u, v, material);
  });
  let triangles = 2 * (6 + 2 * manifest.images.length + 1);
  manifest.objects.forEach((object, index) => {
    const model = assets.models.get(object.model);
    if (!model) throw missingAsset("model", object.model, `object ${index} ("${object.name}")`);
    triangles += model.materialIndex.length;
    if (triangles > MAX_SCENE_TRIANGLES) {
      throw new RenderInvalidInputError({
        shortMessage: `Object ${index} ("${object.name}", model ${object.model}) takes the scene past ${MAX_SCENE_TRIANGLES} triangles`,
      });
    }
    placeModel(builder, model, placementMatrix(object));
  });
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

function placeModel(builder: SceneBuilder, model: ParsedModel, matrix: Affine): void {
  const { positions, uvs, materialIndex, materials } = model;
  for (let tri = 0; tri < materialIndex.length; tri++) {
    const p = 9 * tri;
    const corner = (k: number): Vec3 =>
      transformPoint(
        matrix,
        positions[p + 3 * k] as number,
        positions[p + 3 * k + 1] as number,
        positions[p + 3 * k + 2] as number,
      );
    builder.triangle(
      corner(0),
      corner(1),
      corner(2),
      materials[materialIndex[tri] as number]!,
      -1,
      uvs.subarray(6 * tri, 6 * tri + 6),
    );
  }
}

/**
 * Fetches and decodes a manifest's models and images (each distinct CID once, through
 * `fetchAsset`, which must verify the bytes against the CID) and builds its scene. Fetch errors
 * pass through unchanged (so a caller can tell a gateway's hiccup from bad content); a model or
 * image that cannot be decoded, or a scene over the limits, throws `RenderInvalidInputError`
 * naming the CID and the object or picture.
 */
export async function loadManifestScene(manifest: SceneManifest, fetchAsset: FetchAsset): Promise<TriangleScene> {
  return manifestScene(manifest, await loadManifestAssets(manifest, fetchAsset));
}

/** The decoded assets `manifestScene` needs (see `loadManifestScene` for errors). */
export async function loadManifestAssets(manifest: SceneManifest, fetchAsset: FetchAsset): Promise<ManifestAssets> {
  const models = new Map<string, ParsedModel>();
  const images = new Map<string, DecodedImage>();
  for (const [index, object] of manifest.objects.entries()) {
    if (models.has(object.model)) continue;
    models.set(
      object.model,
      await parseModel(await fetchAsset(object.model), `${object.model} (object ${index}, "${object.name}")`),
    );
  }
  for (const [index, image] of manifest.images.entries()) {
    if (images.has(image.image)) continue;
    images.set(image.image, decodeImage(await fetchAsset(image.image), `${image.image} (picture ${index})`));
  }
  return { models, images };
}

/** The visitor's arrival view (the manifest's `spawn`, else eye height near the south wall looking north). */
export function manifestCamera(manifest: SceneManifest, verticalFovDegrees = 60): PinholeCamera {
  const spawn = manifest.spawn ?? {
    position: [0, 1.6, manifest.room.depth / 2 - 0.5] as Vec3,
    lookAt: [0, 1.4, 0] as Vec3,
  };
  return { kind: "pinhole", position: spawn.position, target: spawn.lookAt, verticalFovDegrees };
}
