/**
 * Typed errors of the render network. Each carries a short message that names the offending
 * value and, where there is one, a hint of the fix.
 */
import { MarkspaceError } from "@markspace/common/errors";

/** Base class of every error thrown by `@markspace/render-network`. */
export class RenderError extends MarkspaceError {
  override name = "RenderError";
}

/** A tile, camera or render setting is outside what the tracer accepts. */
export class RenderInvalidInputError extends RenderError {
  override name = "RenderInvalidInputError";
}

/** A worker thread failed while rendering a tile. */
export class RenderWorkerError extends RenderError {
  override name = "RenderWorkerError";
}

/** A benchmark task could not be fetched, is not the document its id names, or is not canonical. */
export class RenderBenchmarkError extends RenderError {
  override name = "RenderBenchmarkError";
}
