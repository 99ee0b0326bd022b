/**
 * Every error the subgraph host raises on purpose: a short message for people, details for
 * logs, a hint of the fix when there is one (the shared `MarkspaceError` shape) and a code.
 */
import { MarkspaceError } from "@markspace/common/errors";

export type SubgraphHostErrorCode =
  | "INVALID_OPTIONS"
  | "MANIFEST_INVALID"
  | "SCHEMA_INVALID"
  | "WASM_IMPORT_UNKNOWN"
  | "MAPPING_ABORTED"
  | "MAPPING_TRAPPED"
  | "ENTITY_INVALID"
  | "HOST_FUNCTION_FAILED"
  | "PORT_IN_USE"
  | "CHAIN_UNAVAILABLE"
  | "QUERY_INVALID"
  | "TIMEOUT"
  | "STOPPED";

export type SubgraphHostErrorOptions = {
  details?: string;
  hint?: string;
  cause?: unknown;
};

export class SubgraphHostError extends MarkspaceError {
  override name = "SubgraphHostError";
  readonly code: SubgraphHostErrorCode;

  constructor(code: SubgraphHostErrorCode, shortMessage: string, options: SubgraphHostErrorOptions = {}) {
    super({ shortMessage, ...options });
    this.code = code;
  }
}

/** Raised inside a handler: the mapping aborted, trapped or broke a store rule; stops indexing at its block. */
export class MappingError extends SubgraphHostError {
  override name = "MappingError";
}
