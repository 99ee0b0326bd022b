import { MarkspaceAppError } from "../errors/MarkspaceAppError.ts";

/** The subgraph's GraphQL endpoint could not be reached or answered with an HTTP error. */
export class SubgraphUnreachableError extends MarkspaceAppError {
  override name = "SubgraphUnreachableError";
  constructor(
    readonly url: string,
    readonly status: number | undefined,
    details: string | undefined,
    cause?: unknown,
  ) {
    super({
      shortMessage:
        status === undefined ? `Cannot reach the subgraph at ${url}` : `The subgraph at ${url} answered HTTP ${status}`,
      details,
      hint:
        status === undefined
          ? "Is the subgraph host (or graph-node) running, and is MARKSPACE_SUBGRAPH_URL right?"
          : "Check the subgraph name in MARKSPACE_SUBGRAPH_URL and the indexer's log.",
      cause,
    });
  }
}

/** The subgraph answered with GraphQL errors (bad query, unknown field, indexing failure). */
export class SubgraphQueryError extends MarkspaceAppError {
  override name = "SubgraphQueryError";
  constructor(
    readonly url: string,
    readonly messages: string[],
  ) {
    super({
      shortMessage: `The subgraph rejected the query: ${messages[0] ?? "unknown error"}`,
      details: messages.length > 1 ? messages.join("\n") : undefined,
    });
  }
}

/** The subgraph answered with data that does not have the expected shape. */
export class SubgraphResponseError extends MarkspaceAppError {
  override name = "SubgraphResponseError";
  constructor(
    readonly url: string,
    details: string,
  ) {
    super({
      shortMessage: `Unexpected answer from the subgraph at ${url}`,
      details,
      hint: "The subgraph's schema may differ from the one this app was built for (subgraph/schema.graphql).",
    });
  }
}
