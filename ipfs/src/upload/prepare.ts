/**
 * The way in for an uploaded model: validated with the Khronos validator, optimized
 * (`optimizeModel`), validated again, measured and held to the unit budget. What comes out is a
 * GLB ready to add to IPFS, with a report of what the optimizer saved.
 */
import { IpfsError } from "../errors.ts";
import { checkBudget, UNIT_BUDGET, type UnitBudget } from "./budget.ts";
import { measureModel, type ModelMeasures } from "./inspect.ts";
import { gltfIo, isGlb } from "./io.ts";
import { optimizeModel, type OptimizeModelOptions } from "./optimize.ts";
import { validateGltf, type GltfIssue } from "./validate.ts";

export type PreparedModel = {
  /** The optimized model, binary glTF (the upload itself when optimizing would not make it smaller). */
  bytes: Uint8Array;
  before: ModelMeasures;
  after: ModelMeasures;
  /** The validator's warnings about the upload as given. */
  warnings: GltfIssue[];
  validatorVersion: string;
};

export type PrepareModelOptions = OptimizeModelOptions & {
  budget?: UnitBudget;
  /** Refuse an upload larger than this before even parsing it (default: four times the byte budget). */
  maxUploadBytes?: number;
};

/**
 * Validates, optimizes and measures the model `bytes` (GLB, or self-contained glTF JSON) named
 * `asset`. Throws `UploadInvalidModelError` for an invalid asset and `UploadBudgetExceededError`
 * when the optimized model is still over the budget.
 */
export async function prepareModel(
  asset: string,
  bytes: Uint8Array,
  options: PrepareModelOptions = {},
): Promise<PreparedModel> {
  const budget = options.budget ?? UNIT_BUDGET;
  checkBudget(
    asset,
    { drawCalls: 0, triangles: 0, bytes: bytes.byteLength },
    {
      ...budget,
      bytes: options.maxUploadBytes ?? budget.bytes * 4,
    },
  );
  const validation = await validateGltf(asset, bytes);
  const io = await gltfIo();
  const document = isGlb(bytes)
    ? await io.readBinary(bytes)
    : await io.readJSON({ json: JSON.parse(new TextDecoder().decode(bytes)), resources: {} });
  const before = measureModel(document, bytes.byteLength);
  // Triangles and draw calls the optimizer cannot lower much: refuse early with the real figures.
  checkBudget(asset, { ...before, drawCalls: 0, bytes: 0 }, budget);

  await optimizeModel(document, { textureSize: budget.textureSize, ...options });
  const optimized = await io.writeBinary(document);
  await validateGltf(asset, optimized).catch((error: unknown) => {
    throw new IpfsError({
      shortMessage: `Optimizing ${asset} produced an invalid model`,
      details: (error as Error).message,
      hint: "Please report this with the file; upload it with optimization switched off meanwhile.",
      cause: error,
    });
  });
  let after = measureModel(await io.readBinary(optimized), optimized.byteLength);
  let output: Uint8Array = optimized;
  // A small, already tidy GLB can come out a few bytes larger (the writer's padding, re-encoded
  // images); then the upload as given is the better file, unless optimizing saved draw calls or
  // shrank an oversized texture.
  const texturesFit = before.textures.every((texture) => Math.max(texture.width, texture.height) <= budget.textureSize);
  if (isGlb(bytes) && optimized.byteLength >= bytes.byteLength && after.drawCalls >= before.drawCalls && texturesFit) {
    output = bytes;
    after = before;
  }
  checkBudget(asset, after, budget);
  return {
    bytes: output,
    before,
    after,
    warnings: validation.warnings,
    validatorVersion: validation.validatorVersion,
  };
}
