/**
 * EIP-2612 permits for MRK: the typed data a wallet signs so that a land office (or any spender)
 * may take MRK in the same transaction as the purchase, and the `Permit` tuple the land offices
 * take. MarkToken's EIP-712 domain is name "Mark", version "1". Browser-safe: viem only.
 */
import {
  parseSignature,
  type Account,
  type Address,
  type Chain,
  type Hex,
  type PublicClient,
  type Transport,
  type WalletClient,
} from "viem";

export const MRK_PERMIT_TYPES = {
  Permit: [
    { name: "owner", type: "address" },
    { name: "spender", type: "address" },
    { name: "value", type: "uint256" },
    { name: "nonce", type: "uint256" },
    { name: "deadline", type: "uint256" },
  ],
} as const;

export type MrkPermitParameters = {
  token: Address;
  chainId: number;
  owner: Address;
  spender: Address;
  value: bigint;
  /** `MarkToken.nonces(owner)` now. */
  nonce: bigint;
  /** Unix seconds after which the permit is void. */
  deadline: bigint;
};

/** The typed data to pass to `signTypedData` (viem's wallet client or wagmi's action). */
export function mrkPermitTypedData({ token, chainId, owner, spender, value, nonce, deadline }: MrkPermitParameters) {
  return {
    domain: { name: "Mark", version: "1", chainId, verifyingContract: token },
    types: MRK_PERMIT_TYPES,
    primaryType: "Permit" as const,
    message: { owner, spender, value, nonce, deadline },
  };
}

/** `LandSaleBase.Permit`: what `buy`, `buyFloor`, `payStorage`, … take. */
export type LandPermit = { value: bigint; deadline: bigint; v: number; r: Hex; s: Hex };

/** No permit: the land office uses the allowance already given. */
export const NO_PERMIT: LandPermit = {
  value: 0n,
  deadline: 0n,
  v: 0,
  r: `0x${"00".repeat(32)}`,
  s: `0x${"00".repeat(32)}`,
};

/** Splits a permit signature into the tuple the land offices take. */
export function landPermit(signature: Hex, value: bigint, deadline: bigint): LandPermit {
  const { v, r, s, yParity } = parseSignature(signature);
  return { value, deadline, v: Number(v ?? BigInt(yParity + 27)), r, s };
}

const NONCES_ABI = [
  {
    type: "function",
    name: "nonces",
    stateMutability: "view",
    inputs: [{ name: "owner", type: "address" }],
    outputs: [{ name: "", type: "uint256" }],
  },
] as const;

export type SignMrkPermitParameters = {
  /** Reads the owner's permit nonce, the chain id and the latest block's time. */
  publicClient: PublicClient<Transport, Chain | undefined>;
  /** The owner's wallet: it signs the typed data. */
  wallet: WalletClient<Transport, Chain | undefined, Account>;
  token: Address;
  spender: Address;
  value: bigint;
  /** Seconds from the latest block's time until the permit is void; an hour by default. */
  ttlSeconds?: bigint;
};

/**
 * Signs an MRK permit for `spender` with the owner's current nonce, valid for `ttlSeconds` from
 * the chain's latest block, as the tuple the land offices and the render staking take.
 */
export async function signMrkPermit({
  publicClient,
  wallet,
  token,
  spender,
  value,
  ttlSeconds = 3_600n,
}: SignMrkPermitParameters): Promise<LandPermit> {
  const owner = wallet.account.address;
  const [nonce, block, chainId] = await Promise.all([
    publicClient.readContract({ address: token, abi: NONCES_ABI, functionName: "nonces", args: [owner] }),
    publicClient.getBlock(),
    publicClient.getChainId(),
  ]);
  const deadline = block.timestamp + ttlSeconds;
  const signature = await wallet.signTypedData(
    mrkPermitTypedData({ token, chainId, owner, spender, value, nonce, deadline }),
  );
  return landPermit(signature, value, deadline);
}
