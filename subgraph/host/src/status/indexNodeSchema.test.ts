import { graphql } from "graphql";
import { describe, expect, it } from "vitest";
import type { IndexerStatus } from "../indexer/indexer.ts";
import { buildIndexNodeSchema } from "./indexNodeSchema.ts";

const healthy: IndexerStatus = {
  block: { number: 41, hash: `0x${"ab".repeat(32)}`, timestamp: "1700000000" },
  chainHead: 42,
  synced: false,
  error: null,
  retrying: null,
  eventsProcessed: 10,
  triggersProcessed: 12,
  reverts: 0,
  timing: { firstFetchAt: null, lastCommitAt: null },
};

function schemaWith(status: IndexerStatus) {
  return buildIndexNodeSchema({
    name: "markspace",
    deployment: "QmDeployment",
    network: "hardhat",
    startBlock: 3,
    status: () => status,
    entityCount: async () => 17n,
    version: "0.1.0",
  });
}

const QUERY = `query ($name: String!) {
  indexingStatusForCurrentVersion(subgraphName: $name) {
    subgraph synced health entityCount node
    fatalError { message handler deterministic block { number hash } }
    nonFatalErrors { message deterministic }
    chains { __typename network chainHeadBlock { number } earliestBlock { number } latestBlock { number hash } }
  }
}`;

describe("index-node status API", () => {
  it("reports a healthy subgraph in graph-node's shape", async () => {
    const result = await graphql({
      schema: schemaWith(healthy),
      source: QUERY,
      variableValues: { name: "markspace" },
    });
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      indexingStatusForCurrentVersion: {
        subgraph: "QmDeployment",
        synced: false,
        health: "healthy",
        entityCount: "17",
        node: "embedded",
        fatalError: null,
        nonFatalErrors: [],
        chains: [
          {
            __typename: "EthereumIndexingStatus",
            network: "hardhat",
            chainHeadBlock: { number: "42" },
            earliestBlock: { number: "3" },
            latestBlock: { number: "41", hash: `0x${"ab".repeat(32)}` },
          },
        ],
      },
    });
  });

  it("reports a failed subgraph with its deterministic error, block and handler", async () => {
    const failed: IndexerStatus = {
      ...healthy,
      error: {
        block: 42,
        blockHash: `0x${"cd".repeat(32)}`,
        message: "Mapping aborted",
        handler: "UnitRegistry.handleTransfer",
        deterministic: true,
      },
    };
    const result = await graphql({
      schema: schemaWith(failed),
      source: QUERY,
      variableValues: { name: "QmDeployment" },
    });
    expect(result.data?.["indexingStatusForCurrentVersion"]).toMatchObject({
      health: "failed",
      fatalError: {
        message: "Mapping aborted",
        handler: "UnitRegistry.handleTransfer",
        deterministic: true,
        block: { number: "42", hash: `0x${"cd".repeat(32)}` },
      },
    });
  });

  it("reports retries of an unavailable chain as unhealthy, and unknown names as null", async () => {
    const retrying = { ...healthy, retrying: { message: "eth_getLogs failed", since: "now", attempts: 3 } };
    const result = await graphql({
      schema: schemaWith(retrying),
      source: `{ a: indexingStatuses { health nonFatalErrors { message deterministic } } b: indexingStatusForCurrentVersion(subgraphName: "other") { health } version { version } }`,
    });
    expect(result.data).toEqual({
      a: [{ health: "unhealthy", nonFatalErrors: [{ message: "retrying: eth_getLogs failed", deterministic: false }] }],
      b: null,
      version: { version: "0.1.0" },
    });
  });
});
