import hre from "hardhat";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { custom, getAddress } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { afterAll, describe, expect, it } from "vitest";
import { unitRegistryAbi } from "@markspace/contracts/abis";
import { deploy } from "./deploy.ts";
import { seedLand } from "./seed-land.ts";
import { MARKET_ACCOUNTS, SEEDED_MARKET_TERMS, seedMarket } from "./seed-market.ts";
import { TEST_ACCOUNT_KEYS } from "./lib/test-accounts.ts";

const connection = await hre.network.connect();
const transport = custom(connection.provider);
const publicClient = await connection.viem.getPublicClient();
const outDir = await mkdtemp(join(tmpdir(), "markspace-seed-market-"));
afterAll(async () => {
  await connection.close();
  await rm(outDir, { recursive: true, force: true });
});

describe("seedMarket", () => {
  it("sells one unit, lists one for sale, lets one and offers the bought one for rent", async () => {
    const { deployment } = await deploy({ transport, outDir });
    await seedLand({ transport, deployment });
    const lines: string[] = [];
    const seeded = await seedMarket({ transport, deployment, log: (line) => lines.push(line) });
    expect(seeded.lastBlock).toBe(Number(await publicClient.getBlockNumber()));
    const [seller, buyer, agency] = [MARKET_ACCOUNTS.seller, MARKET_ACCOUNTS.buyer, MARKET_ACCOUNTS.agency].map(
      (i) => privateKeyToAccount(TEST_ACCOUNT_KEYS[i]!).address,
    );
    expect(seeded).toMatchObject({ seller, buyer, agency });
    const registry = getAddress(deployment.contracts.UnitRegistry.address);
    const read = <T>(functionName: string, args: readonly unknown[]) =>
      publicClient.readContract({ address: registry, abi: unitRegistryAbi, functionName, args } as never) as Promise<T>;

    expect(await read<string>("ownerOf", [BigInt(seeded.units.sold)])).toBe(buyer);
    expect(await read<string>("ownerOf", [BigInt(seeded.units.forSale)])).toBe(seller);
    expect(await read<string>("ownerOf", [BigInt(seeded.units.leased)])).toBe(seller);
    // The tenant holds the leased unit's user role for the seven days it paid.
    expect(await read<string>("userOf", [BigInt(seeded.units.leased)])).toBe(buyer);
    const expires = await read<bigint>("userExpires", [BigInt(seeded.units.leased)]);
    const now = (await publicClient.getBlock()).timestamp;
    expect(expires - now).toBeGreaterThan(BigInt(SEEDED_MARKET_TERMS.rentDays - 1) * 86_400n);
    expect(expires - now).toBeLessThanOrEqual(BigInt(SEEDED_MARKET_TERMS.rentDays) * 86_400n);
    expect(lines).toHaveLength(5);
  });
});
