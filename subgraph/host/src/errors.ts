/**
 * Every error the subgraph host raises on purpose: a short message for people, details for
 * logs, and a hint of the fix when there is one (viem's `BaseError` shape).
 */
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

export class SubgraphHostError extends Error {
  override name = "SubgraphHostError";
  readonly code: SubgraphHostErrorCode;
  readonly shortMessage: string;
  readonly details: string | undefined;
  readonly hint: string | undefined;

  constructor(code: SubgraphHostErrorCode, shortMessage: string, options: SubgraphHostErrorOptions = {}) {
    const lines = [shortMessage];
    if (options.details) lines.push(`Details: ${options.details}`);
    if (options.hint) lines.push(`Hint: ${options.hint}`);
    super(lines.join("\n"), options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.shortMessage = shortMessage;
    this.details = options.details;
    this.hint = options.hint;
  }
}

/** Raised inside a handler: the mapping aborted, trapped or broke a store rule; stops indexing at its block. */
export class MappingError extends SubgraphHostError {
  override name = "MappingError";
}
