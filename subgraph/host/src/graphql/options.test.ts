/** GraphQL limits enter through `startSubgraphHost({ graphql })`, validated before anything starts. */
import { describe, expect, it } from "vitest";
import { startSubgraphHost } from "../index.ts";
import { graphqlOptions } from "./options.ts";

describe("graphql options", () => {
  it("default to graph-node's limits where it has them", () => {
    expect(graphqlOptions()).toMatchObject({
      maxDepth: 255,
      maxFirst: 1_000,
      maxSkip: 5_000,
      maxComplexity: 1_000_000,
    });
  });

  it("are refused at start when out of range or unknown, naming the option", async () => {
    const start = (graphql: Record<string, unknown>) =>
      startSubgraphHost({ rpcUrl: "http://127.0.0.1:1", buildDir: "nowhere", name: "x", port: 0, graphql });
    await expect(start({ maxDepth: 0 })).rejects.toMatchObject({
      code: "INVALID_OPTIONS",
      details: expect.stringContaining("graphql.maxDepth"),
    });
    await expect(start({ maxDepht: 10 })).rejects.toMatchObject({
      code: "INVALID_OPTIONS",
      details: expect.stringContaining("maxDepht"),
    });
  });
});
