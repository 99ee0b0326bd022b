import hre from "hardhat";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { custom, getAddress } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { afterAll, describe, expect, it } from "vitest";
import { communityGovernorAbi, communityMembershipAbi, markTokenAbi } from "@markspace/contracts/abis";
import { deploy } from "./deploy.ts";
import { seedLand } from "./seed-land.ts";
import { COMMUNITY_ACCOUNTS, SEEDED_COMMUNITY, seedCommunity } from "./seed-community.ts";
import { TEST_ACCOUNT_KEYS } from "./lib/test-accounts.ts";

const connection = await hre.network.connect();
const transport = custom(connection.provider);
const publicClient = await connection.viem.getPublicClient();
const outDir = await mkdtemp(join(tmpdir(), "markspace-seed-community-"));
afterAll(async () => {
  await connection.close();
  await rm(outDir, { recursive: true, force: true });
});

describe("seedCommunity", () => {
  it("founds a community of three, funds its treasury and leaves one proposal pending", async () => {
    const { deployment } = await deploy({ transport, outDir });
    await seedLand({ transport, deployment });
    const lines: string[] = [];
    const seeded = await seedCommunity({ transport, deployment, log: (line) => lines.push(line) });
    expect(seeded.lastBlock).toBe(Number(await publicClient.getBlockNumber()));
    const founders = COMMUNITY_ACCOUNTS.founders.map((i) => privateKeyToAccount(TEST_ACCOUNT_KEYS[i]!).address);

    const read = <T>(address: string, abi: unknown, functionName: string, args: readonly unknown[] = []) =>
      publicClient.readContract({ address: getAddress(address), abi, functionName, args } as never) as Promise<T>;
    expect(await read<bigint>(seeded.membership, communityMembershipAbi, "memberCount")).toBe(3n);
    for (const founder of founders) {
      expect(await read<boolean>(seeded.membership, communityMembershipAbi, "isMember", [founder])).toBe(true);
    }
    const token = deployment.contracts.MarkToken.address;
    expect(await read<bigint>(token, markTokenAbi, "balanceOf", [seeded.treasury])).toBe(SEEDED_COMMUNITY.donationMrk);
    expect(await publicClient.getBalance({ address: seeded.treasury })).toBe(SEEDED_COMMUNITY.donationEth);
    // Proposal 1 waits for its vote to open (Pending = 0).
    expect(await read<number>(seeded.governor, communityGovernorAbi, "state", [1n])).toBe(0);
    expect(lines).toHaveLength(3);
  });
});
