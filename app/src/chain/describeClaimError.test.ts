import { describe, expect, it } from "vitest";
import {
  encodeErrorResult,
  getContractError,
  HttpRequestError,
  RpcRequestError,
  UserRejectedRequestError,
  type Abi,
} from "viem";
import { unitRegistryAbi } from "@markspace/contracts/abis";
import { encodeUnitId } from "@markspace/contracts/unit-address";
import { ClaimRevertedOnChainError, describeClaimError } from "./describeClaimError.ts";

const unitId = encodeUnitId({ district: 1, neighbourhood: 42, building: 7, floor: 12, unit: 3 });
const account = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266";

/** What viem throws when the node answers a simulation with the registry's custom error. */
function revertedWith(errorName: string, args: readonly unknown[]) {
  const data = encodeErrorResult({ abi: unitRegistryAbi as Abi, errorName, args });
  const rpcError = new RpcRequestError({
    body: { method: "eth_call" },
    url: "http://127.0.0.1:8545",
    error: { code: 3, message: "execution reverted", data },
  });
  return getContractError(rpcError, {
    abi: unitRegistryAbi,
    address: "0x5FbDB2315678afecb367f032d93F642f64180aa3",
    functionName: "claim",
    args: [unitId],
    sender: account,
  });
}

describe("describeClaimError", () => {
  it("explains that the account already used its free claim", () => {
    expect(describeClaimError(revertedWith("UnitFreeClaimUsed", [account]))).toMatchObject({
      kind: "free-claim-used",
      shortMessage: `Account ${account} has already used its free claim.`,
    });
  });

  it("says free claims are closed when none are left", () => {
    const view = describeClaimError(revertedWith("FreeClaimsClosed", []));
    expect(view).toMatchObject({
      kind: "free-claims-closed",
      shortMessage: expect.stringMatching(/Free claims are closed/),
    });
    expect(view.hint).toMatch(/bought with MRK/);
  });

  it("names the unit that is already claimed in its human form", () => {
    expect(describeClaimError(revertedWith("UnitAlreadyOwned", [unitId]))).toMatchObject({
      kind: "already-claimed",
      shortMessage: "Unit R-0042-07-12-003 is already claimed by someone else.",
    });
  });

  it("explains that free claims are residential only", () => {
    const business = encodeUnitId({ district: 2, neighbourhood: 1, building: 0, floor: 0, unit: 0 });
    expect(describeClaimError(revertedWith("UnitNotResidential", [business]))).toMatchObject({
      kind: "not-residential",
      shortMessage: "Unit B-0001-00-00-000 is not in the residential district.",
    });
  });

  it("reports an invalid unit id", () => {
    expect(describeClaimError(revertedWith("UnitIdInvalid", [1n << 70n]))).toMatchObject({
      kind: "invalid-unit",
      shortMessage: `${1n << 70n} is not a valid unit id.`,
    });
  });

  it("reports a unit outside the open districts, by address when it has one", () => {
    const closed = encodeUnitId({ district: 9, neighbourhood: 0, building: 0, floor: 0, unit: 0 });
    expect(describeClaimError(revertedWith("UnitNotOpen", [closed]))).toMatchObject({
      kind: "invalid-unit",
      shortMessage: expect.stringMatching(/^\S+-0000-00-00-000 is not a unit of an open district\.$/),
    });
    expect(describeClaimError(revertedWith("UnitNotOpen", [1n << 70n]))).toMatchObject({
      kind: "invalid-unit",
      shortMessage: `#${1n << 70n} is not a unit of an open district.`,
    });
  });

  it("recognises a rejection in the wallet", () => {
    const error = new UserRejectedRequestError(new Error("User denied transaction signature."));
    expect(describeClaimError(error).kind).toBe("user-rejected");
    // Wallets that do not use viem's classes still answer with EIP-1193 code 4001.
    expect(describeClaimError(Object.assign(new Error("denied"), { code: 4001 })).kind).toBe("user-rejected");
  });

  it("recognises an unreachable JSON-RPC and names its URL", () => {
    const error = new HttpRequestError({ url: "http://127.0.0.1:8545", details: "fetch failed" });
    expect(describeClaimError(error)).toMatchObject({
      kind: "rpc-unreachable",
      shortMessage: "Cannot reach the chain's JSON-RPC at http://127.0.0.1:8545.",
    });
  });

  it("explains a revert that happened after a passing simulation", () => {
    expect(describeClaimError(new ClaimRevertedOnChainError("0xabc")).kind).toBe("reverted");
  });

  it("falls back to the error's own message", () => {
    expect(describeClaimError(new Error("something odd"))).toMatchObject({
      kind: "unknown",
      shortMessage: "something odd",
    });
  });
});
