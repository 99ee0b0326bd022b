/**
 * Flags and environment shared by the Worker and Scheduler commands, turned into a chain
 * connection, IPFS URLs and a data directory; and the loop both run (prepare, then a pass every
 * poll interval, JSON log lines on stdout, a clean stop on Ctrl-C).
 */
import { readFileSync } from "node:fs";
import { parseArgs, type ParseArgsConfig } from "node:util";
import { createPublicClient, createWalletClient, http, type BaseError, type Hex } from "viem";
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
  /** The command's own whole-number flags, parsed. */
  wholes: Record<string, number>;
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

/**
 * Parses argv (common options plus `extra`, of which `wholeFlags` must be whole numbers, with
 * their defaults); `undefined` for --help. Every flag is checked before the chain is asked anything.
 */
export async function parseNodeCli(
  argv: string[],
  extra: ParseArgsConfig["options"],
  defaultStakeMrk: bigint,
  wholeFlags: Record<string, number> = {},
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
  const stakeText = text("stake");
  if (stakeText !== undefined && !/^\d+$/.test(stakeText)) {
    throw new CliUsageError(`--stake must be a whole number of MRK, got "${stakeText}"`);
  }
  const pollMs = whole("--poll-ms", text("poll-ms"), 1_000);
  const wholes = Object.fromEntries(
    Object.entries(wholeFlags).map(([name, fallback]) => [name, whole(`--${name}`, text(name), fallback)]),
  );
  const key = keyOf(text("key-file"), text("test-account"));

  const rpcUrl = text("rpc-url") ?? process.env.MARKSPACE_RPC_URL ?? "http://127.0.0.1:8545";
  let chainId: number;
  try {
    chainId = await createPublicClient({ transport: http(rpcUrl, { retryCount: 0 }) }).getChainId();
  } catch (error) {
    throw new CliUsageError(
      `No chain answers at ${rpcUrl}: ${(error as BaseError).shortMessage ?? (error as Error).message}`,
    );
  }
  let account;
  if ("testAccount" in key) {
    if (chainId !== LOCAL_CHAIN_ID) {
      throw new CliUsageError(`--test-account works on the local chain (${LOCAL_CHAIN_ID}) only, not chain ${chainId}`);
    }
    account = mnemonicToAccount(LOCAL_TEST_MNEMONIC, { addressIndex: key.testAccount });
  } else {
    account = privateKeyToAccount(key.privateKey);
  }
  let deployment;
  try {
    deployment = loadDeployment(chainId, text("deployments-dir"));
  } catch (error) {
    throw new CliUsageError((error as Error).message);
  }
  return {
    chain: {
      publicClient: createPublicClient({ transport: http(rpcUrl) }),
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
    pollMs,
    once: values.once === true,
    wholes,
  };
}

/** The account's key from `--key-file` or `MARKSPACE_RENDER_KEY`, or a test account's index. */
function keyOf(
  keyFile: string | undefined,
  testAccount: string | undefined,
): { privateKey: Hex } | { testAccount: number } {
  const checked = (key: string, where: string): { privateKey: Hex } => {
    if (!/^0x[0-9a-fA-F]{64}$/.test(key)) throw new CliUsageError(`${where} does not hold a 0x-prefixed 32-byte key`);
    return { privateKey: key as Hex };
  };
  if (keyFile !== undefined) {
    let text: string;
    try {
      text = readFileSync(keyFile, "utf8");
    } catch (error) {
      throw new CliUsageError(`--key-file ${keyFile} cannot be read: ${(error as Error).message}`);
    }
    return checked(text.trim(), `--key-file ${keyFile}`);
  }
  const fromEnv = process.env.MARKSPACE_RENDER_KEY;
  if (fromEnv !== undefined) return checked(fromEnv.trim(), "MARKSPACE_RENDER_KEY");
  if (testAccount !== undefined) return { testAccount: whole("--test-account", testAccount, 0) };
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

/**
 * A whole command: parse (usage errors exit 2 with the usage text), open the node, run it until
 * stopped (a failure that ends it exits 1).
 */
export async function runNodeCommand(params: {
  role: "worker" | "scheduler";
  usage: string;
  argv: string[];
  extra?: ParseArgsConfig["options"];
  wholeFlags?: Record<string, number>;
  defaultStakeMrk: bigint;
  open: (cli: NodeCli, log: (event: RenderNodeEvent) => void) => Promise<Parameters<typeof runNode>[0]>;
}): Promise<number> {
  const { role, usage } = params;
  let cli;
  try {
    cli = await parseNodeCli(params.argv, params.extra ?? {}, params.defaultStakeMrk, params.wholeFlags);
    if (!cli) {
      console.log(usage);
      return 0;
    }
  } catch (error) {
    if (!(error instanceof CliUsageError)) throw error;
    console.error(`${role}: ${error.message}\n\n${usage}`);
    return 2;
  }
  const log = jsonLog(role, cli.chain.walletClient.account.address);
  try {
    await runNode(await params.open(cli, log), { pollMs: cli.pollMs, once: cli.once, log });
    return 0;
  } catch (error) {
    console.error(`${role}: ${(error as Error).message}`);
    return 1;
  }
}
