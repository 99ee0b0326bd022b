/**
 * Base of the app's typed errors, built on the shared `MarkspaceError`: a short message a person can act on, the details behind it and a hint of the fix.
 * The UI shows `shortMessage` first and the rest on demand.
 */
import { MarkspaceError, type MarkspaceErrorParameters } from "@markspace/common/errors";

export { toErrorView, type ErrorView } from "@markspace/common/errors";

export type MarkspaceAppErrorParameters = MarkspaceErrorParameters;

export class MarkspaceAppError extends MarkspaceError {
  override name = "MarkspaceAppError";
}
