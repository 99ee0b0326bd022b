/**
 * Errors a GraphQL request ends with, worded like graph-node's (`graph/src/data/query/error.rs`),
 * so clients that match on graph-node's messages keep working. The message a client sees is the
 * error's `shortMessage`; `status` is the HTTP status it is served with: 200 for anything about
 * the query itself (as graph-node), 4xx for a request that is not a GraphQL request at all.
 */
import { SubgraphHostError } from "../errors.ts";

export class QueryError extends SubgraphHostError {
  override name = "QueryError";
  readonly status: number;

  constructor(message: string, options: { status?: number; timeout?: boolean; details?: string; hint?: string } = {}) {
    super(options.timeout ? "TIMEOUT" : "QUERY_INVALID", message, {
      ...(options.details !== undefined ? { details: options.details } : {}),
      ...(options.hint !== undefined ? { hint: options.hint } : {}),
    });
    this.status = options.status ?? 200;
  }
}

/** A request that is malformed before any GraphQL is read: bad JSON, bad variables, too large. */
export function badRequest(message: string, status = 400): QueryError {
  return new QueryError(message, { status });
}

export function tooDeep(maxDepth: number): QueryError {
  return new QueryError(`query has a depth that exceeds the limit of \`${maxDepth}\``);
}

export function tooComplex(complexity: number, maxComplexity: number): QueryError {
  return new QueryError(
    `query potentially returns \`${complexity}\` entities or more and thereby exceeds the limit of \`${maxComplexity}\` entities. Possible solutions are reducing the depth of the query, querying fewer relationships or using \`first\` to return smaller collections`,
  );
}

export function cyclicalFragment(name: string): QueryError {
  return new QueryError(`query has fragment cycle including \`${name}\``);
}

export function queryTimedOut(): QueryError {
  return new QueryError("Query timed out", { timeout: true });
}

export function resultTooBig(size: number, limit: number): QueryError {
  return new QueryError(`the result size of ${size} is larger than the allowed limit of ${limit}`);
}

export function rangeArgument(argument: "first" | "skip", max: number, actual: number): QueryError {
  return new QueryError(`The \`${argument}\` argument must be between 0 and ${max}, but is ${actual}`);
}

export function orderByNotSupported(typeName: string, field: string): QueryError {
  return new QueryError(`Ordering by \`${field}\` is not supported for type \`${typeName}\``);
}
