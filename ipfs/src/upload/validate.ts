/**
 * Checks glTF 2.0 assets with the Khronos glTF-Validator (the reference implementation, from
 * npm as `gltf-validator`). Only self-contained assets are accepted: a GLB, or glTF JSON whose
 * buffers and images are data: URIs, since an upload has nowhere to fetch other files from.
 */
import * as validatorModule from "gltf-validator";
import { IpfsError } from "../errors.ts";

/**
 * Node loads the package's CommonJS build, whose API is its default export; bundlers (the app's
 * API routes under Next) load its ES module build, which has named exports only and no default.
 * `Reflect.get` keeps the bundler from refusing a default it knows is absent.
 */
const validator: typeof validatorModule.default =
  (Reflect.get(validatorModule, "default") as typeof validatorModule.default | undefined) ?? validatorModule;

/** One finding of the validator; `severity` 0 is an error, 1 a warning, 2 information, 3 a hint. */
export type GltfIssue = { code: string; message: string; severity: 0 | 1 | 2 | 3; pointer?: string };

export type GltfValidation = {
  errors: GltfIssue[];
  warnings: GltfIssue[];
  /** What the validator measured: draw calls, triangles, extensions used… */
  info: Record<string, unknown>;
  validatorVersion: string;
};

/** The validator found errors in an asset; `issues` holds them (at most `MAX_REPORTED`). */
export class UploadInvalidModelError extends IpfsError {
  override name = "UploadInvalidModelError";
  constructor(
    readonly asset: string,
    readonly issues: GltfIssue[],
    total: number,
  ) {
    const shown = issues.slice(0, 5).map(describeIssue);
    super({
      shortMessage: `${asset} is not a valid glTF 2.0 asset: ${total} error${total === 1 ? "" : "s"} from the Khronos validator`,
      details: shown.join("\n") + (total > shown.length ? `\n… and ${total - shown.length} more` : ""),
      hint: "Export it again as glTF 2.0 binary (.glb) with embedded textures, or check it at https://github.khronos.org/glTF-Validator/.",
    });
  }
}

/** Issues the validator may report at most per asset. */
const MAX_REPORTED = 50;

export function describeIssue(issue: GltfIssue): string {
  return `${issue.code}${issue.pointer ? ` at ${issue.pointer}` : ""}: ${issue.message}`;
}

/**
 * Validates `bytes` (GLB or glTF JSON) named `asset`; throws `UploadInvalidModelError` when the
 * validator reports an error, returns its warnings and measurements otherwise.
 */
export async function validateGltf(asset: string, bytes: Uint8Array): Promise<GltfValidation> {
  let report: Awaited<ReturnType<typeof validator.validateBytes>>;
  try {
    report = await validator.validateBytes(bytes, {
      uri: asset,
      maxIssues: MAX_REPORTED,
      externalResourceFunction: (uri: string) =>
        Promise.reject(new Error(`external resource ${uri}: uploads must be self-contained (GLB or data: URIs)`)),
    });
  } catch (error) {
    // The validator rejects outright what it cannot recognise as glTF at all.
    const issue: GltfIssue = {
      code: "UNRECOGNIZED_FORMAT",
      message: String((error as Error).message ?? error),
      severity: 0,
    };
    throw new UploadInvalidModelError(asset, [issue], 1);
  }
  const messages = report.issues.messages;
  const errors = messages.filter((issue) => issue.severity === 0);
  if (report.issues.numErrors > 0) throw new UploadInvalidModelError(asset, errors, report.issues.numErrors);
  return {
    errors,
    warnings: messages.filter((issue) => issue.severity === 1),
    info: report.info ?? {},
    validatorVersion: report.validatorVersion,
  };
}
