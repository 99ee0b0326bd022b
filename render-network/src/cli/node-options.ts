/**
 * Flags and environment shared by the Worker and Scheduler commands, turned into a chain
 * connection, IPFS URLs and a data directory; and the loop both run (prepare, then a pass every
 * poll interval, JSON log lines on stdout, a clean stop on Ctrl-C).
 */
import { readFileSync } from "node:fs";
import { parseArgs, type ParseArgsConfig } from "node:util";
import { createPublicClient, createWalletClient, http, type Hex } from "viem";
import { mnemonicToAccount, privateKeyToAccount } from "viem/accounts";
import { loadDeployment } from "@markspace/contracts/deployments";
import type { RenderNodeChain, RenderNodeEvent, RenderNodeIpfs } from "../node/chain.ts";

/** The local chain's id and its well-known test mnemonic (Hardhat's): `--test-account` works there only. */
const LOCAL_CHAIN_ID = 31337;
const LOCAL_TEST_MNEMONIC = "test test test test test test test test test test test junk";

export const COMMON_USAGE = `  --rpc-url <url>          JSON-RPC endpoint (env MARKSPACE_RPC_URL; default http://127.0.0.1:8545)
  --deployments-dir <dir>  deployment records (contracts/deployments by default)
  --ipfs-api <url>         Kubo-RPC API to add content (env MARKSPACE_IPFS_API_URL; default http://127.0.0.1:5001)
  --ipfs-gateway <url>     trustless gateway to read content (env MARKSPACE_IPFS_GATEWAY_URL; default http://127.0.0.1:8080)
  --key-file <file>        file holding the account's private key (0x…); or env MARKSPACE_RENDER_KEY
  --test-account <n>       on the local chain only: test account n of the well-known mnemonic
  --data-dir <dir>         where this process keeps its state (required)
  --stake <mrk>            MRK to stake when registering (default: the role's minimum on chain is checked)
  --poll-ms <n>            pause between passes when idle (default 1000)
  --once                   prepare, run one pass and exit
  --help                   this text`;

export const COMMON_OPTIONS = {
  "rpc-url": { type: "string" },
  "deployments-dir": { type: "string" },
  "ipfs-api": { type: "string" },
  "ipfs-gateway": { type: "string" },
  "key-file": { type: "string" },
  "test-account": { type: "string" },
  "data-dir": { type: "string" },
  stake: { type: "string" },
  "poll-ms": { type: "string" },
  once: { type: "boolean", default: false },
  help: { type: "boolean", default: false },
} satisfies ParseArgsConfig["options"];

export type NodeCli = {
  chain: RenderNodeChain;
  ipfs: RenderNodeIpfs;
  dataDir: string;
  stake: bigint;
  pollMs: number;
  once: boolean;
  values: Record<string, string | boolean | undefined>;
};

/** A bad flag or environment value; the command prints it and exits 2. */
export class CliUsageError extends Error {}

export function whole(flag: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(Number(value))) {
    throw new CliUsageError(`${flag} must be a whole number, got "${value}"`);
  }
  return Number(value);
}

/** Parses argv (common options plus `extra`); `undefined` for --help. */
export async function parseNodeCli(
  argv: string[],
  extra: ParseArgsConfig["options"],
  defaultStakeMrk: bigint,
): Promise<NodeCli | undefined> {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({ args: argv, strict: true, options: { ...COMMON_OPTIONS, ...extra } }));
  } catch (error) {
    throw new CliUsageError((error as Error).message);
  }
  if (values.help) return undefined;
  const text = (name: string) => values[name] as string | undefined;
  const dataDir = text("data-dir");
  if (!dataDir) throw new CliUsageError("--data-dir is required");
  const rpcUrl = text("rpc-url") ?? process.env.MARKSPACE_RPC_URL ?? "http://127.0.0.1:8545";
  const publicClient = createPublicClient({ transport: http(rpcUrl) });
  let chainId: number;
  try {
    chainId = await publicClient.getChainId();
  } catch (error) {
    throw new CliUsageError(`No chain answers at ${rpcUrl}: ${(error as Error).message}`);
  }
  const account = accountOf(text("key-file"), text("test-account"), chainId);
  const deployment = loadDeployment(chainId, text("deployments-dir"));
  const stakeText = text("stake");
  if (stakeText !== undefined && !/^\d+$/.test(stakeText)) {
    throw new CliUsageError(`--stake must be a whole number of MRK, got "${stakeText}"`);
  }
  return {
    chain: {
      publicClient,
      walletClient: createWalletClient({ account, transport: http(rpcUrl) }),
      contracts: {
        staking: deployment.contracts.RenderStaking.address as Hex,
        jobs: deployment.contracts.RenderJobs.address as Hex,
        token: deployment.contracts.MarkToken.address as Hex,
      },
    } as RenderNodeChain,
    ipfs: {
      apiUrl: text("ipfs-api") ?? process.env.MARKSPACE_IPFS_API_URL ?? "http://127.0.0.1:5001",
      gatewayUrl: text("ipfs-gateway") ?? process.env.MARKSPACE_IPFS_GATEWAY_URL ?? "http://127.0.0.1:8080",
    },
    dataDir,
    stake: (stakeText === undefined ? defaultStakeMrk : BigInt(stakeText)) * 10n ** 18n,
    pollMs: whole("--poll-ms", text("poll-ms"), 1_000),
    once: values.once === true,
    values,
  };
}

function accountOf(keyFile: string | undefined, testAccount: string | undefined, chainId: number) {
  if (keyFile !== undefined) {
    const key = readFileSync(keyFile, "utf8").trim();
    if (!/^0x[0-9a-fA-F]{64}$/.test(key)) throw new CliUsageError(`${keyFile} does not hold a 0x-prefixed 32-byte key`);
    return privateKeyToAccount(key as Hex);
  }
  const fromEnv = process.env.MARKSPACE_RENDER_KEY;
  if (fromEnv !== undefined) {
    if (!/^0x[0-9a-fA-F]{64}$/.test(fromEnv.trim())) {
      throw new CliUsageError("MARKSPACE_RENDER_KEY is not a 0x-prefixed 32-byte key");
    }
    return privateKeyToAccount(fromEnv.trim() as Hex);
  }
  if (testAccount !== undefined) {
    if (chainId !== LOCAL_CHAIN_ID) {
      throw new CliUsageError(`--test-account works on the local chain (${LOCAL_CHAIN_ID}) only, not chain ${chainId}`);
    }
    return mnemonicToAccount(LOCAL_TEST_MNEMONIC, { addressIndex: whole("--test-account", testAccount, 0) });
  }
  throw new CliUsageError(
    "No account: pass --key-file, set MARKSPACE_RENDER_KEY, or --test-account on the local chain",
  );
}

/** One JSON line per event, with the time and the process's role. */
export function jsonLog(role: string, address: string): (event: RenderNodeEvent) => void {
  return (event) =>
    console.log(
      JSON.stringify({ time: new Date().toISOString(), role, address, ...event }, (_, value) =>
        typeof value === "bigint" ? value.toString() : value,
      ),
    );
}

/**
 * Prepares, then runs passes until stopped: right away again after a pass that sent
 * transactions, after `pollMs` otherwise; a failed pass is logged and retried after a pause.
 */
export async function runNode(
  node: { prepare(): Promise<void>; tick(): Promise<number>; close?(): Promise<void> },
  options: { pollMs: number; once: boolean; log: (event: RenderNodeEvent) => void },
): Promise<void> {
  let stopping = false;
  const stop = () => {
    stopping = true;
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  try {
    for (let attempt = 1; ; attempt++) {
      try {
        await node.prepare();
        break;
      } catch (error) {
        options.log({ event: "prepare-failed", attempt, message: (error as Error).message });
        if (options.once || stopping || attempt >= 10) throw error;
        await pause(Math.min(30_000, options.pollMs * 2 ** attempt));
      }
    }
    options.log({ event: "ready" });
    do {
      let sent = 0;
      try {
        sent = await node.tick();
      } catch (error) {
        options.log({ event: "pass-failed", message: (error as Error).message });
        await pause(options.pollMs * 5);
      }
      if (options.once) break;
      if (sent === 0) await pause(options.pollMs);
    } while (!stopping);
  } finally {
    await node.close?.();
    options.log({ event: "stopped" });
  }
}
