/**
 * A GLB model as tracer triangles, in the model's own space: the default scene's node hierarchy
 * walked with each node's translation × rotation (quaternion) × scale, as three.js's GLTFLoader
 * builds it; each primitive's triangles (list, strip or fan; points and lines are skipped) with
 * their TEXCOORD of the base colour texture and a tracer material from `pbrMetallicRoughness`:
 * albedo = baseColorFactor × (1 − metallic) (times the texture where there is one), GGX F0 =
 * 0.04 + 0.86 × metallic, roughness = roughnessFactor, emission = emissiveFactor — the mapping
 * `manifestMaterial` uses. Skins, morph targets, vertex colours, alpha and the texture transform
 * extension are not mapped. Only `+ − ×` build the matrices.
 */
import { NodeIO, type Node, type Material as GltfMaterial, type Primitive } from "@gltf-transform/core";
import { RenderInvalidInputError } from "../errors.ts";
import { decodeImage } from "./image-decode.ts";
import type { Material, Rgb } from "./scene.ts";
import { WRAP_CLAMP, WRAP_MIRROR, WRAP_REPEAT, type Texture, type Wrap } from "./texture.ts";

/** Most triangles one model may have. */
export const MAX_MODEL_TRIANGLES = 200_000;

/** An affine transform as a row-major 3 × 4 matrix: `[r00 r01 r02 t0, r10 r11 r12 t1, r20 r21 r22 t2]`. */
export type Affine = readonly number[];

/** A parsed model: nine numbers per triangle (model space), six texture coordinates, a material per triangle. */
export type ParsedModel = {
  positions: Float64Array;
  uvs: Float64Array;
  materialIndex: Int32Array;
  materials: Material[];
};

export const IDENTITY: Affine = [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0];

/** `a × b` for affine transforms. */
export function multiplyAffine(a: Affine, b: Affine): Affine {
  const out: number[] = [];
  for (let r = 0; r < 3; r++) {
    const a0 = a[4 * r] as number;
    const a1 = a[4 * r + 1] as number;
    const a2 = a[4 * r + 2] as number;
    for (let c = 0; c < 4; c++) {
      let value = a0 * (b[c] as number) + a1 * (b[4 + c] as number) + a2 * (b[8 + c] as number);
      if (c === 3) value += a[4 * r + 3] as number;
      out.push(value);
    }
  }
  return out;
}

/** translation × rotation(unit quaternion x, y, z, w) × scale, as three.js's `Matrix4.compose`. */
export function composeAffine(t: readonly number[], q: readonly number[], s: readonly number[]): Affine {
  const [x, y, z, w] = q as [number, number, number, number];
  const [sx, sy, sz] = s as [number, number, number];
  const x2 = x + x;
  const y2 = y + y;
  const z2 = z + z;
  const xx = x * x2;
  const xy = x * y2;
  const xz = x * z2;
  const yy = y * y2;
  const yz = y * z2;
  const zz = z * z2;
  const wx = w * x2;
  const wy = w * y2;
  const wz = w * z2;
  return [
    (1 - (yy + zz)) * sx,
    (xy - wz) * sy,
    (xz + wy) * sz,
    t[0] as number,
    (xy + wz) * sx,
    (1 - (xx + zz)) * sy,
    (yz - wx) * sz,
    t[1] as number,
    (xz - wy) * sx,
    (yz + wx) * sy,
    (1 - (xx + yy)) * sz,
    t[2] as number,
  ];
}

/** Applies an affine transform to a point. */
export function transformPoint(m: Affine, x: number, y: number, z: number): [number, number, number] {
  return [
    (m[0] as number) * x + (m[1] as number) * y + (m[2] as number) * z + (m[3] as number),
    (m[4] as number) * x + (m[5] as number) * y + (m[6] as number) * z + (m[7] as number),
    (m[8] as number) * x + (m[9] as number) * y + (m[10] as number) * z + (m[11] as number),
  ];
}

function wrapOf(mode: number): Wrap {
  return mode === 33071 ? WRAP_CLAMP : mode === 33648 ? WRAP_MIRROR : WRAP_REPEAT;
}

/** Parses a GLB (already verified against its CID) into triangles; `cid` names it in errors. */
export async function parseModel(bytes: Uint8Array, cid: string): Promise<ParsedModel> {
  const fail = (message: string, cause?: unknown) =>
    new RenderInvalidInputError({ shortMessage: `Model ${cid} ${message}`, cause });
  if (!(bytes[0] === 0x67 && bytes[1] === 0x6c && bytes[2] === 0x54 && bytes[3] === 0x46)) {
    throw fail("is not a binary glTF 2.0 (GLB) file", undefined);
  }
  let document;
  try {
    document = await new NodeIO().readBinary(bytes);
  } catch (error) {
    throw fail(`could not be parsed: ${error instanceof Error ? error.message : String(error)}`, error);
  }
  const root = document.getRoot();
  const scene = root.getDefaultScene() ?? root.listScenes()[0];
  const positions: number[] = [];
  const uvs: number[] = [];
  const materialIndex: number[] = [];
  const materials: Material[] = [];
  const materialCache = new Map<GltfMaterial | null, { index: number; texCoord: number }>();
  const textureCache = new Map<string, Texture>();
  const imageCache = new Map<unknown, { width: number; height: number; rgb: Uint8Array }>();

  const materialOf = (material: GltfMaterial | null): { index: number; texCoord: number } => {
    const cached = materialCache.get(material);
    if (cached) return cached;
    const base = material?.getBaseColorFactor() ?? [1, 1, 1, 1];
    const metal = material?.getMetallicFactor() ?? 1;
    const emissive = material?.getEmissiveFactor() ?? [0, 0, 0];
    let texture: Texture | null = null;
    let texCoord = 0;
    const gltfTexture = material?.getBaseColorTexture();
    const info = material?.getBaseColorTextureInfo();
    if (gltfTexture && info) {
      const image = gltfTexture.getImage();
      if (image) {
        let decoded = imageCache.get(gltfTexture);
        if (!decoded) {
          decoded = decodeImage(
            image,
            `${cid} texture "${gltfTexture.getName() || root.listTextures().indexOf(gltfTexture)}"`,
          );
          imageCache.set(gltfTexture, decoded);
        }
        const wrapS = wrapOf(info.getWrapS());
        const wrapT = wrapOf(info.getWrapT());
        const key = `${root.listTextures().indexOf(gltfTexture)} ${wrapS} ${wrapT}`;
        texture = textureCache.get(key) ?? { ...decoded, wrapS, wrapT };
        textureCache.set(key, texture);
        texCoord = info.getTexCoord();
      }
    }
    const mapped: Material = {
      albedo: [(base[0] as number) * (1 - metal), (base[1] as number) * (1 - metal), (base[2] as number) * (1 - metal)],
      specular: 0.04 + (0.9 - 0.04) * metal,
      roughness: material?.getRoughnessFactor() ?? 1,
      emission: [emissive[0], emissive[1], emissive[2]] as Rgb,
      texture,
    };
    materials.push(mapped);
    const entry = { index: materials.length - 1, texCoord };
    materialCache.set(material, entry);
    return entry;
  };

  const addPrimitive = (primitive: Primitive, world: Affine) => {
    const mode = primitive.getMode();
    if (mode !== 4 && mode !== 5 && mode !== 6) return; // points and lines have no area
    const position = primitive.getAttribute("POSITION");
    if (!position) return;
    const { index: material, texCoord } = materialOf(primitive.getMaterial());
    const uv = primitive.getAttribute(`TEXCOORD_${texCoord}`);
    const indices = primitive.getIndices();
    const count = indices ? indices.getCount() : position.getCount();
    const vertex = (i: number) => (indices ? indices.getScalar(i) : i);
    const corners: number[] = [];
    if (mode === 4) for (let i = 0; i + 2 < count; i += 3) corners.push(vertex(i), vertex(i + 1), vertex(i + 2));
    else if (mode === 5)
      for (let i = 0; i + 2 < count; i++)
        corners.push(
          ...(i % 2 === 0 ? [vertex(i), vertex(i + 1), vertex(i + 2)] : [vertex(i + 1), vertex(i), vertex(i + 2)]),
        );
    else for (let i = 1; i + 1 < count; i++) corners.push(vertex(0), vertex(i), vertex(i + 1));
    if (materialIndex.length + corners.length / 3 > MAX_MODEL_TRIANGLES) {
      throw fail(`has more than ${MAX_MODEL_TRIANGLES} triangles`);
    }
    const p = [0, 0, 0];
    const t = [0, 0];
    for (let k = 0; k < corners.length; k++) {
      const i = corners[k] as number;
      if (i >= position.getCount()) throw fail(`indexes vertex ${i} past its ${position.getCount()} positions`);
      position.getElement(i, p);
      positions.push(...transformPoint(world, p[0] as number, p[1] as number, p[2] as number));
      if (uv && i < uv.getCount()) {
        uv.getElement(i, t);
        uvs.push(t[0] as number, t[1] as number);
      } else uvs.push(0, 0);
      if (k % 3 === 2) materialIndex.push(material);
    }
  };

  const visit = (node: Node, parent: Affine) => {
    const world = multiplyAffine(parent, composeAffine(node.getTranslation(), node.getRotation(), node.getScale()));
    const mesh = node.getMesh();
    if (mesh) for (const primitive of mesh.listPrimitives()) addPrimitive(primitive, world);
    for (const child of node.listChildren()) visit(child, world);
  };
  for (const node of scene?.listChildren() ?? []) visit(node, IDENTITY);

  return {
    positions: Float64Array.from(positions),
    uvs: Float64Array.from(uvs),
    materialIndex: Int32Array.from(materialIndex),
    materials,
  };
}
