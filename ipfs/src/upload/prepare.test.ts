import { Document, NodeIO } from "@gltf-transform/core";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { UNIT_BUDGET, UploadBudgetExceededError } from "./budget.ts";
import { measureModel } from "./inspect.ts";
import { gltfIo } from "./io.ts";
import { prepareModel } from "./prepare.ts";
import { UploadInvalidModelError, validateGltf } from "./validate.ts";

type GridOptions = {
  /** Quads per side of each grid: 2 × quads² triangles per primitive. */
  quads: number;
  /** Primitives, each its own material unless `sharedMaterial`. */
  primitives?: number;
  sharedMaterial?: boolean;
  /** Base colour texture (PNG bytes) on every material. */
  texture?: Uint8Array;
  /** Add an accessor nothing uses and a second copy of the first material (for prune and dedup). */
  junk?: boolean;
  /** Write index values past the last vertex (an invalid asset). */
  breakIndices?: boolean;
};

/**
 * A real GLB written with glTF-Transform: `primitives` flat grids, each `quads` × `quads` quads
 * with positions, normals and texture coordinates, every quad with its own four vertices
 * (unwelded, as many exporters write them).
 */
async function gridGlb(options: GridOptions): Promise<Uint8Array> {
  const doc = new Document();
  const buffer = doc.createBuffer();
  const mesh = doc.createMesh("grid");
  const texture = options.texture
    ? doc.createTexture("albedo").setImage(options.texture).setMimeType("image/png")
    : undefined;
  const shared = doc.createMaterial("shared").setBaseColorFactor([0.8, 0.7, 0.6, 1]).setRoughnessFactor(0.6);
  if (texture) shared.setBaseColorTexture(texture);
  for (let p = 0; p < (options.primitives ?? 1); p++) {
    const positions: number[] = [];
    const normals: number[] = [];
    const uvs: number[] = [];
    const indices: number[] = [];
    const n = options.quads;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        const base = positions.length / 3;
        for (const [di, dj] of [
          [0, 0],
          [1, 0],
          [1, 1],
          [0, 1],
        ] as const) {
          positions.push((i + di) / n, p * 0.01, (j + dj) / n);
          normals.push(0, 1, 0);
          uvs.push((i + di) / n, (j + dj) / n);
        }
        indices.push(base, base + 3, base + 1, base + 1, base + 3, base + 2);
      }
    }
    if (options.breakIndices) indices[indices.length - 1] = positions.length; // past the last vertex
    const material = options.sharedMaterial
      ? shared
      : doc
          .createMaterial(`material-${p}`)
          .setBaseColorFactor([p / 40, 0.5, 0.5, 1])
          .setRoughnessFactor(0.5);
    if (texture && !options.sharedMaterial) material.setBaseColorTexture(texture);
    const accessor = (name: string, type: "VEC3" | "VEC2", array: number[]) =>
      doc.createAccessor(`${name}-${p}`).setType(type).setArray(new Float32Array(array)).setBuffer(buffer);
    mesh.addPrimitive(
      doc
        .createPrimitive()
        .setAttribute("POSITION", accessor("position", "VEC3", positions))
        .setAttribute("NORMAL", accessor("normal", "VEC3", normals))
        .setAttribute("TEXCOORD_0", accessor("uv", "VEC2", uvs))
        .setIndices(
          doc.createAccessor(`indices-${p}`).setType("SCALAR").setArray(new Uint32Array(indices)).setBuffer(buffer),
        )
        .setMaterial(material),
    );
  }
  if (options.junk) {
    doc.createAccessor("unused").setType("VEC3").setArray(new Float32Array(3000)).setBuffer(buffer);
    doc.createMaterial("shared-copy").setBaseColorFactor([0.8, 0.7, 0.6, 1]).setRoughnessFactor(0.6);
  }
  doc.createScene("scene").addChild(doc.createNode("grid").setMesh(mesh));
  doc.getRoot().setDefaultScene(doc.getRoot().listScenes()[0]!);
  return new NodeIO().writeBinary(doc);
}

/** A smooth gradient PNG of `width` × `height` made with sharp from raw pixels. */
async function gradientPng(width: number, height: number): Promise<Uint8Array> {
  const pixels = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) pixels.set([(x * 255) / width, (y * 255) / height, 128], (y * width + x) * 3);
  }
  return new Uint8Array(
    await sharp(pixels, { raw: { width, height, channels: 3 } })
      .png()
      .toBuffer(),
  );
}

async function refusal(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected the upload to be refused");
}

describe("prepareModel", () => {
  it("passes a valid model, measured before and after", async () => {
    const glb = await gridGlb({ quads: 10, primitives: 2 });
    const prepared = await prepareModel("grid.glb", glb);
    expect(prepared.before).toMatchObject({ drawCalls: 2, triangles: 400, vertices: 800, bytes: glb.byteLength });
    expect(prepared.after.triangles).toBe(400);
    expect(prepared.validatorVersion).toMatch(/^2\./);
    await expect(validateGltf("grid.glb", prepared.bytes)).resolves.toMatchObject({ errors: [] });
  });

  it("refuses an invalid model with the validator's message", async () => {
    const glb = await gridGlb({ quads: 4, breakIndices: true });
    const error = await refusal(prepareModel("broken.glb", glb));
    expect(error).toBeInstanceOf(UploadInvalidModelError);
    expect(error.message).toMatch(/broken\.glb is not a valid glTF 2\.0 asset: \d+ errors? from the Khronos validator/);
    expect(error.message).toMatch(
      /ACCESSOR_INDEX_OOB at \/meshes\/0\/primitives\/0\/indices: .* value 192 .* maximum vertex index available \(63\)/,
    );
    expect(error).toMatchObject({ asset: "broken.glb", issues: [{ code: "ACCESSOR_INDEX_OOB", severity: 0 }] });
  });

  it("refuses bytes that are not glTF at all", async () => {
    const error = await refusal(prepareModel("photo.glb", new TextEncoder().encode("not a model")));
    expect(error).toBeInstanceOf(UploadInvalidModelError);
    expect(error.message).toMatch(/photo\.glb is not a valid glTF 2\.0 asset/);
    expect(error.message).toMatch(/could not detect glTF format/);
  });

  it("refuses a model over the triangle limit, naming the asset, the limit and the count", async () => {
    // 2 × 14 × 14 × 16 × 10 = 62,720 triangles in 10 primitives sharing one material.
    const glb = await gridGlb({ quads: 14 * 4, primitives: 10, sharedMaterial: true });
    const error = await refusal(prepareModel("forest.glb", glb));
    expect(error).toBeInstanceOf(UploadBudgetExceededError);
    expect(error.message).toMatch(/^forest\.glb has 62,720 triangles, over the unit limit of 60,000 triangles/);
    expect(error).toMatchObject({ asset: "forest.glb", measure: "triangles", measured: 62_720, limit: 60_000 });
  });

  it("refuses a model over the draw call limit even after joining what can be joined", async () => {
    const glb = await gridGlb({ quads: 2, primitives: 30 });
    const error = await refusal(prepareModel("confetti.glb", glb));
    expect(error).toMatchObject({ measure: "drawCalls", measured: 30, limit: 25 });
    expect(error.message).toMatch(/confetti\.glb has 30 draw calls, over the unit limit of 25 draw calls/);
    // The same primitives under one material join into a single draw call and pass.
    const joined = await prepareModel(
      "confetti.glb",
      await gridGlb({ quads: 2, primitives: 30, sharedMaterial: true }),
    );
    expect(joined.before.drawCalls).toBe(30);
    expect(joined.after.drawCalls).toBe(1);
  });

  it("refuses a model whose optimized size is over the byte limit", async () => {
    const glb = await gridGlb({ quads: 40, texture: await gradientPng(256, 256) });
    const budget = { ...UNIT_BUDGET, bytes: 20_000 };
    const error = await refusal(prepareModel("heavy.glb", glb, { budget, maxUploadBytes: 1_000_000 }));
    expect(error).toMatchObject({ asset: "heavy.glb", measure: "bytes", limit: 20_000 });
    expect(error.message).toMatch(/heavy\.glb has [\d,]+ bytes \([\d.]+ MiB\), over the unit limit of 20,000 bytes/);
    // An upload many times the budget is refused before it is even parsed.
    const huge = await refusal(prepareModel("huge.glb", new Uint8Array(UNIT_BUDGET.bytes * 4 + 1)));
    expect(huge).toMatchObject({ measure: "bytes", measured: UNIT_BUDGET.bytes * 4 + 1 });
  });

  it("optimizes: smaller output, same triangles, textures within budget, still valid", async () => {
    const texture = await gradientPng(3000, 600);
    const glb = await gridGlb({ quads: 30, primitives: 4, sharedMaterial: true, texture, junk: true });
    const prepared = await prepareModel("room.glb", glb, { meshopt: true });
    const { before, after } = prepared;
    expect(before.textures[0]).toMatchObject({ width: 3000, height: 600 });
    expect(after.bytes).toBeLessThanOrEqual(before.bytes);
    expect(after.bytes).toBe(prepared.bytes.byteLength);
    expect(after.triangles).toBe(before.triangles);
    expect(after.drawCalls).toBe(1);
    // Welding shares the grid's corners: (31 × 31) vertices per grid instead of 4 per quad.
    expect(after.vertices).toBeLessThan(before.vertices / 3);
    expect(after.textures).toHaveLength(1);
    // 3000 × 600 fitted into 2048 × 2048: 2048 × 409.6, rounded down.
    expect(after.textures[0]).toMatchObject({ width: UNIT_BUDGET.textureSize, height: 409, mimeType: "image/png" });
    const check = await validateGltf("room.glb", prepared.bytes);
    expect(check.errors).toEqual([]);
    // The unused accessor and the duplicate material are gone; the geometry is meshopt-compressed.
    const doc = await (await gltfIo()).readBinary(prepared.bytes);
    expect(doc.getRoot().listMaterials()).toHaveLength(1);
    expect(
      doc
        .getRoot()
        .listExtensionsUsed()
        .map((extension) => extension.extensionName),
    ).toContain("EXT_meshopt_compression");
    expect(measureModel(doc, prepared.bytes.byteLength)).toEqual(after);
  });

  it("leaves geometry uncompressed by default, for readers without a meshopt decoder", async () => {
    const glb = await gridGlb({ quads: 10, junk: true });
    const prepared = await prepareModel("plain.glb", glb);
    const doc = await new NodeIO().readBinary(prepared.bytes);
    expect(doc.getRoot().listExtensionsUsed()).toEqual([]);
    expect(prepared.after.bytes).toBeLessThanOrEqual(prepared.before.bytes);
  });
});
