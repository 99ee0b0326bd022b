/**
 * One GraphQL request to a graph-node-compatible endpoint, with the answer validated by a zod
 * schema. Works in the browser and on the server (plain `fetch`).
 */
import type { z } from "zod";
import { SubgraphQueryError, SubgraphResponseError, SubgraphUnreachableError } from "./errors.ts";

export type RequestGraphqlParameters<T extends z.ZodType> = {
  url: string;
  query: string;
  variables?: Record<string, unknown>;
  /** Schema of the `data` field. */
  schema: T;
  signal?: AbortSignal | undefined;
  fetch?: typeof fetch;
};

export type RequestGraphqlReturnType<T extends z.ZodType> = z.infer<T>;

export async function requestGraphql<T extends z.ZodType>(
  params: RequestGraphqlParameters<T>,
): Promise<RequestGraphqlReturnType<T>> {
  const doFetch = params.fetch ?? fetch;
  let response: Response;
  try {
    response = await doFetch(params.url, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify({ query: params.query, variables: params.variables ?? {} }),
      signal: params.signal,
      cache: "no-store",
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === "AbortError") throw error;
    throw new SubgraphUnreachableError(params.url, undefined, (error as Error).message, error);
  }
  const text = await response.text().catch(() => "");
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    if (!response.ok) throw new SubgraphUnreachableError(params.url, response.status, text.slice(0, 300) || undefined);
    throw new SubgraphResponseError(params.url, `not JSON: ${text.slice(0, 200)}`);
  }
  return parseGraphqlBody(params.url, body, params.schema, response.status);
}

/** Validates a GraphQL response body: GraphQL errors first, then the `data` shape. */
export function parseGraphqlBody<T extends z.ZodType>(url: string, body: unknown, schema: T, status = 200): z.infer<T> {
  const envelope = body as { data?: unknown; errors?: unknown };
  if (typeof envelope !== "object" || envelope === null) {
    throw new SubgraphResponseError(url, "the answer is not a JSON object");
  }
  if (Array.isArray(envelope.errors) && envelope.errors.length > 0) {
    const messages = envelope.errors.map((e) =>
      typeof e === "object" && e !== null && typeof (e as { message?: unknown }).message === "string"
        ? (e as { message: string }).message
        : JSON.stringify(e),
    );
    throw new SubgraphQueryError(url, messages);
  }
  if (status < 200 || status >= 300)
    throw new SubgraphUnreachableError(url, status, JSON.stringify(body).slice(0, 300));
  const parsed = schema.safeParse(envelope.data);
  if (!parsed.success) {
    throw new SubgraphResponseError(
      url,
      parsed.error.issues.map((issue) => `${issue.path.join(".") || "data"}: ${issue.message}`).join("; "),
    );
  }
  return parsed.data;
}
