import hre from "hardhat";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { custom, getAddress, parseEther } from "viem";
import { afterAll, describe, expect, it } from "vitest";
import { markParametersAbi, markSaleAbi } from "@markspace/contracts/abis";
import { parameterKey } from "@markspace/contracts/parameters";
import { deploy } from "./deploy.ts";
import { seedEconomy } from "./seed-economy.ts";

const connection = await hre.network.connect();
const transport = custom(connection.provider);
const publicClient = await connection.viem.getPublicClient();
const outDir = await mkdtemp(join(tmpdir(), "markspace-seed-economy-"));
afterAll(async () => {
  await connection.close();
  await rm(outDir, { recursive: true, force: true });
});

describe("seedEconomy", () => {
  it("leaves a running sale and one proposal in each state a proposal can be in", async () => {
    const { deployment } = await deploy({ transport, outDir });
    const lines: string[] = [];
    const { proposals, lastBlock } = await seedEconomy({ transport, deployment, log: (line) => lines.push(line) });

    expect(proposals.map((p) => p.state).sort()).toEqual(
      ["Active", "Canceled", "Defeated", "Executed", "Pending", "Queued", "Succeeded"].sort(),
    );
    expect(lastBlock).toBe(Number(await publicClient.getBlockNumber()));
    const sale = getAddress(deployment.contracts.MarkSale.address);
    // Three buyers of 4 ETH at 3,000 USD, 0.06 USD per MRK.
    expect(await publicClient.readContract({ address: sale, abi: markSaleAbi, functionName: "sold" })).toBe(
      parseEther("600000"),
    );
    const closesAt = await publicClient.readContract({ address: sale, abi: markSaleAbi, functionName: "closesAt" });
    expect((await publicClient.getBlock()).timestamp).toBeLessThan(closesAt);
    // The executed proposal's change is in force.
    expect(
      await publicClient.readContract({
        address: getAddress(deployment.contracts.MarkParameters.address),
        abi: markParametersAbi,
        functionName: "get",
        args: [parameterKey("sale.maxPriceAge")],
      }),
    ).toBe(7_200n);
    expect(lines.at(-1)).toMatch(/^economy: proposals /);
  });
});
