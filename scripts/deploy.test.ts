import hre from "hardhat";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { custom, getAddress } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { markTokenAbi } from "@markspace/contracts/abis";
import { loadDeployment } from "@markspace/contracts/deployments";
import { buildGenesisAllocations, MRK_TOTAL_SUPPLY } from "@markspace/contracts/genesis-allocation";
import { contractRegistry, type ContractRegistry } from "@markspace/contracts/registry";
import { deploy, DeployError } from "./deploy.ts";

const conn = await hre.network.connect();
const transport = custom(conn.provider);
const publicClient = await conn.viem.getPublicClient();
const entry = (name: string) => contractRegistry.find((candidate) => candidate.name === name)!;

let outDir: string;
beforeAll(async () => {
  outDir = await mkdtemp(join(tmpdir(), "markspace-deploy-"));
});
afterAll(async () => {
  await rm(outDir, { recursive: true, force: true });
});

describe("deploy", () => {
  it("deploys every deployed contract of the registry in order and records address and start block", async () => {
    const lines: string[] = [];
    const treasury = getAddress("0x00000000000000000000000000000000000000a1");
    const { deployment, path } = await deploy({ transport, treasury, outDir, log: (line) => lines.push(line) });

    expect(Object.keys(deployment.contracts)).toEqual(["MarkToken", "UnitRegistry"]);
    expect(deployment.contracts.MarkToken.startBlock).toBeLessThan(deployment.contracts.UnitRegistry.startBlock);
    for (const { address } of Object.values(deployment.contracts))
      expect(await publicClient.getCode({ address: getAddress(address) })).toMatch(/^0x[0-9a-f]{10,}/);
    expect(lines.filter((line) => line.startsWith("deployed ")).map((line) => line.split(" ")[1])).toEqual([
      "MarkToken",
      "UnitRegistry",
    ]);
    // Constructor arguments from the registry: the whole genesis allocation went to the treasury.
    expect(
      await publicClient.readContract({
        address: getAddress(deployment.contracts.MarkToken.address),
        abi: markTokenAbi,
        functionName: "balanceOf",
        args: [treasury],
      }),
    ).toBe(MRK_TOTAL_SUPPLY);
    expect(path).toBe(join(outDir, "31337.json"));
    expect(loadDeployment(31337, outDir)).toEqual(deployment);
    expect(JSON.parse(await readFile(path, "utf8"))).toEqual(deployment);
  });

  it("hands a contract the addresses of the contracts deployed before it", async () => {
    const registry: ContractRegistry = [
      entry("UnitRegistry"),
      {
        ...entry("MarkToken"),
        deploy: { args: ({ addressOf }) => [buildGenesisAllocations(() => addressOf("UnitRegistry"))] },
      },
    ];
    const { deployment } = await deploy({ transport, registry, outDir });
    const registryAddress = getAddress(deployment.contracts.UnitRegistry.address);
    expect(
      await publicClient.readContract({
        address: getAddress(deployment.contracts.MarkToken.address),
        abi: markTokenAbi,
        functionName: "balanceOf",
        args: [registryAddress],
      }),
    ).toBe(MRK_TOTAL_SUPPLY);
  });

  it("names the contract whose address is asked for before it is deployed", async () => {
    const registry: ContractRegistry = [
      {
        ...entry("MarkToken"),
        deploy: { args: ({ addressOf }) => [buildGenesisAllocations(() => addressOf("UnitRegistry"))] },
      },
      entry("UnitRegistry"),
    ];
    const attempt = deploy({ transport, registry, outDir });
    await expect(attempt).rejects.toBeInstanceOf(DeployError);
    await expect(deploy({ transport, registry, outDir })).rejects.toThrow(
      /address of UnitRegistry, which is not deployed before them[\s\S]*list UnitRegistry \(with `deploy`\) above/,
    );
  });

  it("refuses a registry that leaves a recorded contract undeployed", async () => {
    await expect(deploy({ transport, registry: [entry("UnitRegistry")], outDir })).rejects.toThrow(
      /deployment record would be invalid: contracts\.MarkToken/,
    );
  });
});
