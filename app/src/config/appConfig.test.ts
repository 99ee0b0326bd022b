import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadDeployment } from "@markspace/contracts/deployments";
import { sampleDeployment } from "@markspace/contracts/testing";
import { AppConfigError, parseAppEnv, resolveAppConfig } from "./appConfig.ts";

const dir = mkdtempSync(join(tmpdir(), "markspace-app-config-"));
const registry = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
const token = "0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512";
const deployment = sampleDeployment({
  contracts: { MarkToken: { address: token, startBlock: 1 }, UnitRegistry: { address: registry, startBlock: 2 } },
});
writeFileSync(join(dir, "31337.json"), JSON.stringify(deployment));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const goodEnv = {
  MARKSPACE_SUBGRAPH_URL: "http://127.0.0.1:8000/subgraphs/name/markspace/",
  MARKSPACE_IPFS_GATEWAY_URL: "http://127.0.0.1:8080",
  MARKSPACE_RPC_URL: "http://127.0.0.1:8545",
  MARKSPACE_CHAIN_ID: "31337",
  MARKSPACE_DEPLOYMENTS_DIR: dir,
};

function problemsOf(env: Record<string, string | undefined>): string[] {
  try {
    resolveAppConfig(env, loadDeployment);
  } catch (error) {
    if (error instanceof AppConfigError) return error.problems.map((p) => `${p.variable}: ${p.message}`);
    throw error;
  }
  return [];
}

describe("resolveAppConfig", () => {
  it("reads the URLs, the chain id and the contract addresses of the deployment", () => {
    expect(resolveAppConfig(goodEnv, loadDeployment)).toEqual({
      subgraphUrl: "http://127.0.0.1:8000/subgraphs/name/markspace",
      ipfsGatewayUrl: "http://127.0.0.1:8080",
      rpcUrl: "http://127.0.0.1:8545",
      chainId: 31337,
      network: "hardhat",
      contracts: {
        unitRegistry: registry,
        markToken: token,
        markSale: deployment.contracts.MarkSale.address,
        wrappedMark: deployment.contracts.WrappedMark.address,
        markGovernor: deployment.contracts.MarkGovernor.address,
        markParameters: deployment.contracts.MarkParameters.address,
        markTreasury: deployment.contracts.MarkTreasury.address,
        unitSale: deployment.contracts.UnitSale.address,
        floorSale: deployment.contracts.FloorSale.address,
        unitNames: deployment.contracts.UnitNames.address,
        unitExchange: deployment.contracts.UnitExchange.address,
        leaseBook: deployment.contracts.LeaseBook.address,
        communityFactory: deployment.contracts.CommunityFactory.address,
        communityTickets: deployment.contracts.CommunityTickets.address,
        communityDistributions: deployment.contracts.CommunityDistributions.address,
      },
    });
  });

  it("names every missing variable at once", () => {
    expect(problemsOf({})).toEqual([
      "MARKSPACE_SUBGRAPH_URL: is not set",
      "MARKSPACE_IPFS_GATEWAY_URL: is not set",
      "MARKSPACE_RPC_URL: is not set",
      "MARKSPACE_CHAIN_ID: is not set",
    ]);
  });

  it("refuses URLs that are not http(s) and chain ids that are not whole numbers", () => {
    const problems = problemsOf({ ...goodEnv, MARKSPACE_RPC_URL: "ws://127.0.0.1:8545", MARKSPACE_CHAIN_ID: "0x7a69" });
    expect(problems).toEqual([
      "MARKSPACE_RPC_URL: must be an http(s) URL",
      "MARKSPACE_CHAIN_ID: must be a positive whole number (e.g. 31337)",
    ]);
  });

  it("blames the chain id and folder when no deployment record exists", () => {
    const [problem] = problemsOf({ ...goodEnv, MARKSPACE_CHAIN_ID: "11155111" });
    expect(problem).toMatch(
      /^MARKSPACE_DEPLOYMENTS_DIR \/ MARKSPACE_CHAIN_ID: has no usable deployment: No deployment for chain 11155111/,
    );
  });

  it("treats an empty deployments folder variable as unset", () => {
    expect(parseAppEnv({ ...goodEnv, MARKSPACE_DEPLOYMENTS_DIR: "" }).MARKSPACE_DEPLOYMENTS_DIR).toBeUndefined();
  });
});
