import hre from "hardhat";
import { decodeEventLog, getAddress, parseEther, zeroAddress } from "viem";
import { describe, expect, it } from "vitest";
import { markTokenAbi } from "../generated/abis.ts";
import {
  GENESIS_FUNDS,
  GenesisAllocationError,
  MRK_TOTAL_SUPPLY,
  MONTH_SECONDS,
  buildGenesisAllocations,
  freezeSeconds,
  fundReleaseAt,
  type GenesisFundId,
} from "./genesis-allocation.ts";

/** One distinct, recognisable address per fund: 0x…01, 0x…02, … in table order. */
const recipients = Object.fromEntries(
  GENESIS_FUNDS.map((fund, i) => [fund.id, `0x${(i + 1).toString(16).padStart(40, "0")}`]),
) as Record<GenesisFundId, string>;

describe("genesis allocation", () => {
  describe("the table", () => {
    it("adds up to exactly 3,000,000,000 MRK", () => {
      const total = GENESIS_FUNDS.reduce((sum, fund) => sum + fund.amount, 0n);
      expect(total).toBe(3_000_000_000n * 10n ** 18n);
      expect(total).toBe(MRK_TOTAL_SUPPLY);
    });

    it("matches the whitepaper's split, in millions of MRK", () => {
      expect(Object.fromEntries(GENESIS_FUNDS.map((fund) => [fund.id, fund.amount / parseEther("1000000")]))).toEqual({
        closedPreSale: 200n,
        tokenSale: 970n,
        minersRenderingFund: 675n,
        crossSaleLiquidityFund: 570n,
        coreTeam: 300n,
        participators: 90n,
        advisers: 90n,
        angels: 90n,
        bounty: 15n,
      });
    });

    it("documents each fund's freeze period", () => {
      const freeze = Object.fromEntries(GENESIS_FUNDS.map((fund) => [fund.id, fund.freeze]));
      expect(freeze.tokenSale).toEqual({ value: 2, unit: "weeks" });
      expect(freeze.bounty).toEqual({ value: 1.5, unit: "months" });
      expect(freeze.coreTeam).toEqual({ value: 12, unit: "months" });
      expect(freeze.minersRenderingFund).toEqual({ value: 6, unit: "months" });
    });

    it("counts each fund's release time in seconds from one genesis (Solidity tests use the same figures)", () => {
      const genesis = 1_800_000_000n;
      const after = Object.fromEntries(GENESIS_FUNDS.map((fund) => [fund.id, fundReleaseAt(fund, genesis) - genesis]));
      expect(after.closedPreSale).toBe(10_518_984n); // 4 × 2,629,746
      expect(after.tokenSale).toBe(1_209_600n); // 2 weeks
      expect(after.bounty).toBe(3_944_619n); // 1.5 months, rounded down
      expect(after.coreTeam).toBe(31_556_952n); // 365.2425 days
      expect(freezeSeconds({ value: 12, unit: "months" })).toBe(BigInt(12 * MONTH_SECONDS));
    });

    it("has unique fund ids and names", () => {
      expect(new Set(GENESIS_FUNDS.map((fund) => fund.id)).size).toBe(GENESIS_FUNDS.length);
      expect(new Set(GENESIS_FUNDS.map((fund) => fund.name)).size).toBe(GENESIS_FUNDS.length);
    });
  });

  describe("buildGenesisAllocations", () => {
    it("maps every fund to its recipient, in table order, with checksummed addresses", () => {
      const lowercase = "0x" + "ab".repeat(20);
      const lines = buildGenesisAllocations({ ...recipients, bounty: lowercase });
      expect(lines).toHaveLength(GENESIS_FUNDS.length);
      expect(lines.map((line) => line.amount)).toEqual(GENESIS_FUNDS.map((fund) => fund.amount));
      expect(lines[0]).toEqual({ recipient: getAddress(recipients.closedPreSale), amount: parseEther("200000000") });
      expect(lines.at(-1)?.recipient).toBe(getAddress(lowercase));
    });

    it("accepts a function, e.g. one treasury for every fund", () => {
      const treasury = "0x" + "11".repeat(20);
      const lines = buildGenesisAllocations(() => treasury);
      expect(new Set(lines.map((line) => line.recipient))).toEqual(new Set([getAddress(treasury)]));
      expect(lines.reduce((sum, line) => sum + line.amount, 0n)).toBe(MRK_TOTAL_SUPPLY);
    });

    it("names a fund with no recipient", () => {
      const { angels: _omitted, ...partial } = recipients;
      const build = () => buildGenesisAllocations(partial as Record<GenesisFundId, string>);
      expect(build).toThrow(GenesisAllocationError);
      expect(build).toThrow('Genesis fund "angels" has no recipient address');
    });

    it("names a fund whose recipient is not an address", () => {
      try {
        buildGenesisAllocations({ ...recipients, advisers: "0x1234" });
        expect.fail("expected GenesisAllocationError");
      } catch (error) {
        expect(error).toBeInstanceOf(GenesisAllocationError);
        expect((error as GenesisAllocationError).fund).toBe("advisers");
        expect((error as Error).message).toMatch(/"advisers" recipient is not an address: "0x1234"/);
      }
    });

    it("names a fund whose recipient is the zero address", () => {
      expect(() => buildGenesisAllocations({ ...recipients, coreTeam: zeroAddress })).toThrow(
        'Genesis fund "coreTeam" recipient is the zero address',
      );
    });
  });

  describe("deployed as MarkToken's constructor argument", () => {
    it("mints the whole supply and logs one GenesisAllocated per fund", async () => {
      const conn = await hre.network.connect();
      const publicClient = await conn.viem.getPublicClient();
      const lines = buildGenesisAllocations(recipients);
      const { contract: token, deploymentTransaction } = await conn.viem.sendDeploymentTransaction("MarkToken", [
        lines,
      ]);
      const receipt = await publicClient.waitForTransactionReceipt({ hash: deploymentTransaction.hash });

      expect(await token.read.totalSupply()).toBe(MRK_TOTAL_SUPPLY);
      for (const line of lines) expect(await token.read.balanceOf([line.recipient])).toBe(line.amount);
      const allocated = receipt.logs
        .map((log) => decodeEventLog({ abi: markTokenAbi, ...log }))
        .filter((event) => event.eventName === "GenesisAllocated")
        .map((event) => event.args);
      expect(allocated).toEqual(lines);
    });
  });
});
