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
  | "STOPPED"
  | "RPC_FAILED"
  | "DATABASE_UNAVAILABLE"
  | "LOG_UNDECODABLE"
  | "HOST_FAILED";

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

/**
 * A failure that says nothing about the subgraph: the chain's node or the database did not
 * answer, a block is not available yet, a reorg is under way. Indexing retries it with backoff
 * and never records it as an indexing error. Everything else that goes wrong while a block is
 * processed is deterministic: it would fail the same way on every run, so indexing stops there.
 */
export class TransientError extends SubgraphHostError {
  override name = "TransientError";
}

/** True when retrying may help; false for deterministic failures, which stop indexing at their block. */
export function isTransient(error: unknown): boolean {
  if (error instanceof TransientError) return true;
  if (error instanceof SubgraphHostError) return false;
  return isDatabaseUnavailable(error);
}

/**
 * SQLSTATE classes that mean "the database could not do it now" rather than "this data is
 * wrong": connection (08), resources (53), operator intervention (57), system (58),
 * transaction rollback (40). Errors with no SQLSTATE at all come from the client library
 * (socket closed, connection refused) and are transient too.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) return /^(08|53|57|58|40)/.test(code);
  const errno = typeof code === "string" ? code : "";
  return /^(ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT|ENOTFOUND|EAI_AGAIN)$/.test(errno);
}
