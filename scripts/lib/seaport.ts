/**
 * Seaport 1.6 as a gas baseline for the exchange: its sources come from the `seaport-core` npm
 * package and are compiled here with the compiler and settings Seaport is built with (solc
 * 0.8.24, via IR, optimizer runs 2^32 − 1, Cancun). The compiler is the `solc` npm package at
 * that version (installed as `solc-0.8.24`); Hardhat's own build keeps our compiler. Compiling
 * Seaport through the IR pipeline takes one to several minutes on these machines, so the output
 * is cached under `cache/seaport/`, keyed by the package and compiler versions and the settings.
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { getAddress, zeroAddress, zeroHash, type Abi, type Address, type Hex, type TypedDataDomain } from "viem";
import { repoRoot } from "./paths.ts";

const require = createRequire(import.meta.url);

type SolcJs = { version(): string; compile(input: string, callbacks: { import(path: string): object }): string };
type Compiled = { abi: Abi; bytecode: Hex };
export type SeaportBuild = {
  seaport: Compiled;
  conduitController: Compiled;
  solcVersion: string;
  seaportVersion: string;
};

const SOURCES = ["seaport-core/src/Seaport.sol", "seaport-core/src/conduit/ConduitController.sol"] as const;
const SETTINGS = {
  viaIR: true,
  evmVersion: "cancun",
  optimizer: { enabled: true, runs: 4_294_967_295 },
  outputSelection: { "*": { "*": ["abi", "evm.bytecode.object"] } },
} as const;

/** Where an import path of Seaport's sources lives in node_modules (`seaport-types/…` included). */
function resolveSource(path: string): string {
  return require.resolve(path);
}

/**
 * Seaport's and its ConduitController's ABI and creation code, compiled on first use and read
 * from the cache afterwards. `log` reports the (slow) compilation.
 */
export async function buildSeaport(log: (line: string) => void = console.log): Promise<SeaportBuild> {
  const seaportVersion = (
    JSON.parse(readFileSync(require.resolve("seaport-core/package.json"), "utf8")) as { version: string }
  ).version;
  const solcVersion = (
    JSON.parse(readFileSync(require.resolve("solc-0.8.24/package.json"), "utf8")) as { version: string }
  ).version;
  const key = createHash("sha256")
    .update(JSON.stringify({ seaportVersion, solcVersion, SETTINGS, SOURCES }))
    .digest("hex")
    .slice(0, 16);
  const cachePath = join(repoRoot, "cache", "seaport", `seaport-${seaportVersion}-${key}.json`);
  if (existsSync(cachePath)) return JSON.parse(await readFile(cachePath, "utf8")) as SeaportBuild;

  log(`bench: compiling Seaport ${seaportVersion} with solc ${solcVersion} (via IR; takes minutes once, then cached)…`);
  const started = Date.now();
  const solc = require("solc-0.8.24") as SolcJs;
  const input = {
    language: "Solidity",
    sources: Object.fromEntries(SOURCES.map((path) => [path, { content: readFileSync(resolveSource(path), "utf8") }])),
    settings: SETTINGS,
  };
  const output = JSON.parse(
    solc.compile(JSON.stringify(input), {
      import: (path: string) => {
        try {
          return { contents: readFileSync(resolveSource(path), "utf8") };
        } catch {
          return { error: `seaport: import ${path} not found in node_modules` };
        }
      },
    }),
  ) as {
    errors?: { severity: string; formattedMessage: string }[];
    contracts?: Record<string, Record<string, { abi: Abi; evm: { bytecode: { object: string } } }>>;
  };
  const errors = (output.errors ?? []).filter((error) => error.severity === "error");
  if (errors.length > 0)
    throw new Error(`seaport: compilation failed:\n${errors.map((e) => e.formattedMessage).join("\n")}`);
  const pick = (source: string, name: string): Compiled => {
    const contract = output.contracts?.[source]?.[name];
    if (!contract?.evm.bytecode.object) throw new Error(`seaport: ${name} missing from the compiler output`);
    return { abi: contract.abi, bytecode: `0x${contract.evm.bytecode.object}` };
  };
  const build: SeaportBuild = {
    seaport: pick(SOURCES[0], "Seaport"),
    conduitController: pick(SOURCES[1], "ConduitController"),
    solcVersion: solc.version(),
    seaportVersion,
  };
  await mkdir(dirname(cachePath), { recursive: true });
  await writeFile(`${cachePath}.tmp`, JSON.stringify(build));
  await rename(`${cachePath}.tmp`, cachePath);
  log(`bench: Seaport compiled in ${((Date.now() - started) / 1000).toFixed(0)} s (cached at ${cachePath})`);
  return build;
}

/** Seaport's item types (`ItemType` in seaport-types). */
const ITEM = { ERC20: 1, ERC721: 2 } as const;
/** `BasicOrderType.ERC20_TO_ERC721_FULL_OPEN`: the offerer sells an ERC-721 for an ERC-20. */
export const ERC20_TO_ERC721_FULL_OPEN = 8;

const ORDER_TYPES = {
  OrderComponents: [
    { name: "offerer", type: "address" },
    { name: "zone", type: "address" },
    { name: "offer", type: "OfferItem[]" },
    { name: "consideration", type: "ConsiderationItem[]" },
    { name: "orderType", type: "uint8" },
    { name: "startTime", type: "uint256" },
    { name: "endTime", type: "uint256" },
    { name: "zoneHash", type: "bytes32" },
    { name: "salt", type: "uint256" },
    { name: "conduitKey", type: "bytes32" },
    { name: "counter", type: "uint256" },
  ],
  OfferItem: [
    { name: "itemType", type: "uint8" },
    { name: "token", type: "address" },
    { name: "identifierOrCriteria", type: "uint256" },
    { name: "startAmount", type: "uint256" },
    { name: "endAmount", type: "uint256" },
  ],
  ConsiderationItem: [
    { name: "itemType", type: "uint8" },
    { name: "token", type: "address" },
    { name: "identifierOrCriteria", type: "uint256" },
    { name: "startAmount", type: "uint256" },
    { name: "endAmount", type: "uint256" },
    { name: "recipient", type: "address" },
  ],
} as const;

/** A fixed-price sale of one ERC-721 for an ERC-20 amount, with optional fee recipients. */
export type SeaportSale = {
  seaport: Address;
  chainId: number;
  seller: Address;
  nft: Address;
  tokenId: bigint;
  currency: Address;
  /** What the seller receives. */
  sellerAmount: bigint;
  fees: readonly { recipient: Address; amount: bigint }[];
  endTime: bigint;
  salt: bigint;
  counter: bigint;
};

/** The EIP-712 typed data a Seaport seller signs for `sale` (viem `signTypedData` arguments). */
export function seaportOrderTypedData(sale: SeaportSale) {
  const item = (recipient: Address, amount: bigint) => ({
    itemType: ITEM.ERC20,
    token: sale.currency,
    identifierOrCriteria: 0n,
    startAmount: amount,
    endAmount: amount,
    recipient,
  });
  return {
    domain: {
      name: "Seaport",
      version: "1.6",
      chainId: sale.chainId,
      verifyingContract: sale.seaport,
    } satisfies TypedDataDomain,
    types: ORDER_TYPES,
    primaryType: "OrderComponents" as const,
    message: {
      offerer: sale.seller,
      zone: zeroAddress,
      offer: [
        { itemType: ITEM.ERC721, token: sale.nft, identifierOrCriteria: sale.tokenId, startAmount: 1n, endAmount: 1n },
      ],
      consideration: [
        item(sale.seller, sale.sellerAmount),
        ...sale.fees.map((fee) => item(getAddress(fee.recipient), fee.amount)),
      ],
      orderType: 0,
      startTime: 0n,
      endTime: sale.endTime,
      zoneHash: zeroHash,
      salt: sale.salt,
      conduitKey: zeroHash,
      counter: sale.counter,
    },
  };
}

/** The `BasicOrderParameters` that fill `sale` with `fulfillBasicOrder_efficient_6GL6yc`. */
export function seaportBasicOrder(sale: SeaportSale, signature: Hex) {
  return {
    considerationToken: sale.currency,
    considerationIdentifier: 0n,
    considerationAmount: sale.sellerAmount,
    offerer: sale.seller,
    zone: zeroAddress,
    offerToken: sale.nft,
    offerIdentifier: sale.tokenId,
    offerAmount: 1n,
    basicOrderType: ERC20_TO_ERC721_FULL_OPEN,
    startTime: 0n,
    endTime: sale.endTime,
    zoneHash: zeroHash,
    salt: sale.salt,
    offererConduitKey: zeroHash,
    fulfillerConduitKey: zeroHash,
    totalOriginalAdditionalRecipients: BigInt(sale.fees.length),
    additionalRecipients: sale.fees.map((fee) => ({ amount: fee.amount, recipient: fee.recipient })),
    signature,
  };
}
