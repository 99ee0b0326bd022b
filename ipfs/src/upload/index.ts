/**
 * Upload validation and optimization for Node (the app's API routes, the IPFS node's tools, the
 * CLI in `./cli.ts`): models through `prepareModel`, pictures and panoramas through
 * `prepareImage`, both held to `UNIT_BUDGET`. Uses native sharp, so not for browsers.
 */
export {
  checkBudget,
  checkSceneBudget,
  measureSceneBudget,
  UNIT_BUDGET,
  UploadBudgetExceededError,
  type AssetCost,
  type SceneBudgetUse,
  type UnitBudget,
} from "./budget.ts";
export { prepareImage, UploadInvalidImageError, type PreparedImage, type PrepareImageOptions } from "./image.ts";
export { measureModel, type ModelMeasures } from "./inspect.ts";
export { gltfIo } from "./io.ts";
export { optimizeModel, type OptimizeModelOptions } from "./optimize.ts";
export { prepareModel, type PreparedModel, type PrepareModelOptions } from "./prepare.ts";
export { UploadInvalidModelError, validateGltf, type GltfIssue, type GltfValidation } from "./validate.ts";
