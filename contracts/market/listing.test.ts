import hre from "hardhat";
import { getAddress, hashTypedData, parseEther, recoverTypedDataAddress, zeroAddress } from "viem";
import { describe, expect, it } from "vitest";
import { leaseBookAbi } from "../generated/abis.ts";
import { leaseListingTypedData, type LeaseListing } from "./listing.ts";

const conn = await hre.network.connect();
const publicClient = await conn.viem.getPublicClient();
const [owner] = await conn.viem.getWalletClients();
if (!owner) throw new Error("the test chain needs an account");
const someone = getAddress("0x00000000000000000000000000000000000000a1");
// The digest depends only on the book's address and the chain; the other arguments just must not be zero.
const book = await conn.viem.deployContract("LeaseBook", [someone, someone, someone, someone]);
const chainId = await publicClient.getChainId();

const listing: LeaseListing = {
  unitId: 0x00_02_002a_07_0c_0003n,
  owner: getAddress(owner.account.address),
  transferCount: 3,
  agent: zeroAddress,
  agentFeeBps: 0,
  pricePerDay: parseEther("10"),
  minDays: 1,
  maxDays: 365,
  deposit: parseEther("100"),
  penaltyBps: 1_000,
  mayDecorate: true,
  counter: 2n,
  deadline: 2_000_000_000n,
  salt: 7n,
};

describe("leaseListingTypedData", () => {
  it("hashes to the book's listingId, the id of the lease it becomes", async () => {
    const digest = hashTypedData(leaseListingTypedData({ book: book.address, chainId, listing }));
    expect(
      await publicClient.readContract({
        address: book.address,
        abi: leaseBookAbi,
        functionName: "listingId",
        args: [listing],
      }),
    ).toBe(digest);
  });

  it("changes with every field, the chain and the book", async () => {
    const base = hashTypedData(leaseListingTypedData({ book: book.address, chainId, listing }));
    expect(
      hashTypedData(leaseListingTypedData({ book: book.address, chainId, listing: { ...listing, salt: 8n } })),
    ).not.toBe(base);
    expect(hashTypedData(leaseListingTypedData({ book: book.address, chainId: chainId + 1, listing }))).not.toBe(base);
    expect(hashTypedData(leaseListingTypedData({ book: someone, chainId, listing }))).not.toBe(base);
  });

  it("is what a wallet signs, recovering to the owner", async () => {
    const typedData = leaseListingTypedData({ book: book.address, chainId, listing });
    const signature = await owner.signTypedData(typedData);
    expect(await recoverTypedDataAddress({ ...typedData, signature })).toBe(listing.owner);
  });
});
