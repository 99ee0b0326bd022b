/**
 * Test assets made on the spot: a box GLB (a parent node moved and turned, a child node scaled,
 * one textured or plain material) written with @gltf-transform/core, and PNG checkerboards. Used
 * by the tracer's tests, the two-process determinism fixture and the check against the app.
 */
import { Document, NodeIO } from "@gltf-transform/core";
import jpeg from "jpeg-js";
import { computeRawCid } from "@markspace/ipfs/client";
import { EMPTY_ROOM, parseSceneManifest, type SceneManifest } from "@markspace/ipfs/manifest";
import { loadManifestScene } from "../tracer/manifest-scene.ts";
import { encodePng } from "../tracer/png.ts";
import type { TriangleScene } from "../tracer/scene.ts";

export type BoxGlbOptions = {
  /** Box size in metres, centred on the child node's origin. */
  size?: [number, number, number];
  baseColor?: [number, number, number, number];
  metallic?: number;
  roughness?: number;
  emissive?: [number, number, number];
  /** PNG or JPEG bytes for the base colour texture. */
  texture?: { bytes: Uint8Array; mimeType: "image/png" | "image/jpeg" };
  parent?: { translation?: [number, number, number]; rotation?: [number, number, number, number] };
  childScale?: [number, number, number];
};

/** Corners of each face (outward normal by the right-hand rule), UVs (0, 0) at the first corner's top. */
const FACES: Array<Array<[number, number, number]>> = [
  [
    [1, -1, 1],
    [1, -1, -1],
    [1, 1, -1],
    [1, 1, 1],
  ],
  [
    [-1, -1, -1],
    [-1, -1, 1],
    [-1, 1, 1],
    [-1, 1, -1],
  ],
  [
    [-1, 1, 1],
    [1, 1, 1],
    [1, 1, -1],
    [-1, 1, -1],
  ],
  [
    [-1, -1, -1],
    [1, -1, -1],
    [1, -1, 1],
    [-1, -1, 1],
  ],
  [
    [-1, -1, 1],
    [1, -1, 1],
    [1, 1, 1],
    [-1, 1, 1],
  ],
  [
    [1, -1, -1],
    [-1, -1, -1],
    [-1, 1, -1],
    [1, 1, -1],
  ],
];

/** A GLB holding one box mesh under a child node under a parent node. */
export async function boxGlb(options: BoxGlbOptions = {}): Promise<Uint8Array> {
  const [sx, sy, sz] = options.size ?? [1, 1, 1];
  const document = new Document();
  const buffer = document.createBuffer();
  const positions: number[] = [];
  const uvs: number[] = [];
  const indices: number[] = [];
  for (const face of FACES) {
    const base = positions.length / 3;
    for (const [x, y, z] of face) positions.push((x * sx) / 2, (y * sy) / 2, (z * sz) / 2);
    uvs.push(0, 1, 1, 1, 1, 0, 0, 0);
    indices.push(base, base + 1, base + 2, base, base + 2, base + 3);
  }
  const material = document
    .createMaterial("box")
    .setBaseColorFactor(options.baseColor ?? [1, 1, 1, 1])
    .setMetallicFactor(options.metallic ?? 0)
    .setRoughnessFactor(options.roughness ?? 0.8)
    .setEmissiveFactor(options.emissive ?? [0, 0, 0]);
  if (options.texture) {
    const texture = document
      .createTexture("pattern")
      .setImage(options.texture.bytes)
      .setMimeType(options.texture.mimeType);
    material.setBaseColorTexture(texture);
  }
  const primitive = document
    .createPrimitive()
    .setAttribute(
      "POSITION",
      document.createAccessor().setType("VEC3").setArray(new Float32Array(positions)).setBuffer(buffer),
    )
    .setAttribute(
      "TEXCOORD_0",
      document.createAccessor().setType("VEC2").setArray(new Float32Array(uvs)).setBuffer(buffer),
    )
    .setIndices(document.createAccessor().setType("SCALAR").setArray(new Uint16Array(indices)).setBuffer(buffer))
    .setMaterial(material);
  const mesh = document.createMesh("box").addPrimitive(primitive);
  const child = document
    .createNode("child")
    .setMesh(mesh)
    .setScale(options.childScale ?? [1, 1, 1]);
  const parent = document
    .createNode("parent")
    .setTranslation(options.parent?.translation ?? [0, 0, 0])
    .setRotation(options.parent?.rotation ?? [0, 0, 0, 1])
    .addChild(child);
  document.createScene("scene").addChild(parent);
  return new NodeIO().writeBinary(document);
}

/** An RGB PNG checkerboard of `cells` × `cells` squares, each `cellSize` texels. */
export function checkerPng(
  cells: number,
  cellSize: number,
  a: [number, number, number],
  b: [number, number, number],
): Uint8Array {
  const side = cells * cellSize;
  const rgb = new Uint8Array(side * side * 3);
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++) {
      const colour = (Math.floor(x / cellSize) + Math.floor(y / cellSize)) % 2 === 0 ? a : b;
      rgb.set(colour, 3 * (y * side + x));
    }
  }
  return encodePng(side, side, rgb);
}

/**
 * A unit with a textured box (a JPEG checkerboard on a GLB) and a PNG picture on the north wall,
 * its assets served from memory by CID: the scene of the textured determinism tests.
 */
export async function texturedTestScene(): Promise<{ manifest: SceneManifest; scene: TriangleScene }> {
  const picture = checkerPng(4, 8, [230, 40, 40], [40, 40, 230]);
  const rgba = new Uint8Array(32 * 32 * 4).map((_, i) => (i % 4 === 3 ? 255 : ((i >> 6) * 40 + (i % 4) * 70) & 0xff));
  const glb = await boxGlb({
    size: [0.8, 0.8, 0.8],
    baseColor: [1, 0.9, 0.8, 1],
    texture: { bytes: jpeg.encode({ width: 32, height: 32, data: rgba }, 85).data, mimeType: "image/jpeg" },
    parent: { translation: [0, 0.4, 0], rotation: [0, 0.3826834323650898, 0, 0.9238795325112867] },
  });
  const store = new Map([
    [await computeRawCid(glb), glb],
    [await computeRawCid(picture), picture],
  ]);
  const [modelCid, pictureCid] = [...store.keys()] as [string, string];
  const manifest = parseSceneManifest({
    ...EMPTY_ROOM,
    objects: [{ name: "crate", model: modelCid, position: [0.3, 0, 0.5], rotation: [0, 0.4, 0] }],
    images: [{ image: pictureCid, wall: "north", offset: [0, 1.5], width: 1.6, height: 1 }],
  });
  const scene = await loadManifestScene(manifest, async (cid) => store.get(cid)!);
  return { manifest, scene };
}
