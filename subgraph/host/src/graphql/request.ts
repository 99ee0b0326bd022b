/**
 * A GraphQL request as it arrives (a POST body or GET parameters), checked before any GraphQL is
 * parsed: graph-node's request checks and messages (`server/http/src/request.rs`), plus size and
 * nesting limits so that no input can exhaust the parser's stack. Every failure here is the
 * client's: a QueryError with a 4xx status.
 */
import { badRequest } from "./queryError.ts";

export type GraphQLRequest = {
  query: string;
  variables: Record<string, unknown> | undefined;
  operationName: string | undefined;
};

/** Deepest bracket nesting accepted in a query or in variables: above any query within maxDepth. */
export const MAX_NESTING = 512;

/** The deepest nesting of `{`, `[` and `(` in a GraphQL text, strings and comments aside. */
export function queryNesting(text: string): number {
  let depth = 0;
  let deepest = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "#") {
      while (i < text.length && text[i] !== "\n" && text[i] !== "\r") i++;
    } else if (c === '"') {
      if (text.startsWith('"""', i)) {
        i += 3;
        while (i < text.length && !text.startsWith('"""', i)) i += text.startsWith('\\"""', i) ? 4 : 1;
        i += 2;
      } else {
        i++;
        while (i < text.length && text[i] !== '"' && text[i] !== "\n") i += text[i] === "\\" ? 2 : 1;
      }
    } else if (c === "{" || c === "[" || c === "(") {
      depth++;
      if (depth > deepest) deepest = depth;
    } else if (c === "}" || c === "]" || c === ")") {
      depth = Math.max(0, depth - 1);
    }
  }
  return deepest;
}

/** The deepest nesting of arrays and objects in a JSON value, without recursion. */
export function jsonNesting(value: unknown): number {
  let deepest = 0;
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length) {
    const [current, depth] = stack.pop()!;
    if (current === null || typeof current !== "object") continue;
    if (depth + 1 > deepest) deepest = depth + 1;
    if (deepest > MAX_NESTING) return deepest;
    for (const child of Array.isArray(current) ? current : Object.values(current)) stack.push([child, depth + 1]);
  }
  return deepest;
}

/** Checks a request body (`{ query, variables, operationName }`). */
export function parseGraphQLRequest(body: unknown, maxQueryBytes: number): GraphQLRequest {
  if (body === null || typeof body !== "object" || Array.isArray(body))
    throw badRequest("Request data is not an object");
  const { query, variables, operationName } = body as Record<string, unknown>;
  if (query === undefined) throw badRequest('The "query" field is missing in request data');
  if (typeof query !== "string") throw badRequest('The "query" field is not a string');
  if (!query.trim()) throw badRequest('The "query" field is empty');
  const bytes = Buffer.byteLength(query);
  if (bytes > maxQueryBytes)
    throw badRequest(`The query is ${bytes} bytes long, more than the limit of ${maxQueryBytes} bytes`, 413);
  if (queryNesting(query) > MAX_NESTING)
    throw badRequest(`The query nests brackets more than ${MAX_NESTING} levels deep`);
  if (variables !== undefined && variables !== null) {
    if (typeof variables !== "object" || Array.isArray(variables)) throw badRequest("Invalid query variables provided");
    if (jsonNesting(variables) > MAX_NESTING)
      throw badRequest(`The query variables nest more than ${MAX_NESTING} levels deep`);
  }
  if (operationName !== undefined && operationName !== null && typeof operationName !== "string")
    throw badRequest('The "operationName" field is not a string');
  return {
    query,
    variables: (variables ?? undefined) as Record<string, unknown> | undefined,
    operationName: (operationName ?? undefined) as string | undefined,
  };
}
