import hre from "hardhat";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { custom, getAddress } from "viem";
import { afterAll, describe, expect, it } from "vitest";
import { unitRegistryAbi } from "@markspace/contracts/abis";
import { encodeUnitId, floorIdOf } from "@markspace/contracts/unit-address";
import { deploy } from "./deploy.ts";
import { LAND_ACCOUNTS, SEEDED_LAND, seedLand } from "./seed-land.ts";
import { TEST_ACCOUNT_KEYS } from "./lib/test-accounts.ts";
import { privateKeyToAccount } from "viem/accounts";

const connection = await hre.network.connect();
const transport = custom(connection.provider);
const publicClient = await connection.viem.getPublicClient();
const outDir = await mkdtemp(join(tmpdir(), "markspace-seed-land-"));
afterAll(async () => {
  await connection.close();
  await rm(outDir, { recursive: true, force: true });
});

describe("seedLand", () => {
  it("buys a whole floor, three shops with a room and a facade panel with MRK from the sale", async () => {
    const { deployment } = await deploy({ transport, outDir });
    const lines: string[] = [];
    const { lastBlock } = await seedLand({ transport, deployment, log: (line) => lines.push(line) });
    expect(lastBlock).toBe(Number(await publicClient.getBlockNumber()));
    const registry = getAddress(deployment.contracts.UnitRegistry.address);
    const [floorOwner, shopkeeper, advertiser] = LAND_ACCOUNTS.map(
      (i) => privateKeyToAccount(TEST_ACCOUNT_KEYS[i]!).address,
    );
    const read = <T>(functionName: string, args: readonly unknown[]) =>
      publicClient.readContract({ address: registry, abi: unitRegistryAbi, functionName, args } as never) as Promise<T>;

    const [rangeOwner] = await read<[string, number, boolean]>("floorRange", [
      floorIdOf(encodeUnitId(SEEDED_LAND.floor)),
    ]);
    expect(rangeOwner).toBe(floorOwner);
    expect(await read<bigint>("balanceOf", [floorOwner])).toBe(625n);
    expect(await read<string>("ownerOf", [encodeUnitId({ ...SEEDED_LAND.floor, unit: 624 })])).toBe(floorOwner);
    for (const shop of SEEDED_LAND.shops) expect(await read<string>("ownerOf", [encodeUnitId(shop)])).toBe(shopkeeper);
    expect(await read<number>("roomsOf", [encodeUnitId(SEEDED_LAND.shops[0]!)])).toBe(1);
    expect(await read<string>("ownerOf", [encodeUnitId(SEEDED_LAND.surface)])).toBe(advertiser);
    expect(lines).toHaveLength(3);
  });
});
