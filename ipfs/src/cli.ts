/**
 * Runs the embedded IPFS node until SIGINT/SIGTERM.
 *
 *   npx tsx ipfs/src/cli.ts --data-dir .data/ipfs [--api-port 5001] [--gateway-port 8080] [--host 127.0.0.1] [limits…]
 *
 * Prints `ipfs ready: api <url> gateway <url>` once both servers listen (the launcher waits for
 * that line). Exits 2 on a bad flag, 1 when the node cannot start.
 */
import { parseArgs } from "node:util";
import { IpfsError } from "./errors.ts";
import { IPFS_NODE_DEFAULTS, startIpfsNode, type StartIpfsNodeParameters } from "./node.ts";

const D = IPFS_NODE_DEFAULTS;
const USAGE = `Usage: tsx ipfs/src/cli.ts --data-dir <dir> [options]
  --data-dir <dir>               where blocks, pins and the node identity are kept (required)
  --api-port <n>                 Kubo RPC API port (default 5001, 0 = any free port)
  --gateway-port <n>             path gateway port (default 8080, 0 = any free port)
  --host <address>               interface to bind (default 127.0.0.1)
  --api-allowed-hosts <names>    comma-separated Host names the API also answers (default: none)
  --max-request-bytes <n>        largest accepted API request body (default ${D.maxRequestBytes})
  --max-concurrent-adds <n>      adds that read their uploads at once (default ${D.maxConcurrentAdds})
  --max-queued-adds <n>          adds that may wait for a turn, 0 = none (default ${D.maxQueuedAdds})
  --max-storage-bytes <n>        total bytes the blockstore may hold (default ${D.maxStorageBytes})
  --upload-idle-timeout-ms <n>   drop an upload that sends nothing for this long (default ${D.uploadIdleTimeoutMs})`;

/** Turns argv into node options, or throws a message naming the bad flag. */
export function parseCliArgs(argv: string[]): StartIpfsNodeParameters {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      "data-dir": { type: "string" },
      "api-port": { type: "string" },
      "gateway-port": { type: "string" },
      host: { type: "string" },
      "api-allowed-hosts": { type: "string", multiple: true },
      "max-request-bytes": { type: "string" },
      "max-concurrent-adds": { type: "string" },
      "max-queued-adds": { type: "string" },
      "max-storage-bytes": { type: "string" },
      "upload-idle-timeout-ms": { type: "string" },
    },
  });
  if (!values["data-dir"]) throw new Error("--data-dir is required");
  return {
    dataDir: values["data-dir"],
    apiPort: portFlag("--api-port", values["api-port"], 5001),
    gatewayPort: portFlag("--gateway-port", values["gateway-port"], 8080),
    host: values.host ?? "127.0.0.1",
    apiAllowedHosts: (values["api-allowed-hosts"] ?? [])
      .flatMap((list) => list.split(","))
      .map((name) => name.trim())
      .filter((name) => name !== ""),
    maxRequestBytes: wholeFlag("--max-request-bytes", values["max-request-bytes"], D.maxRequestBytes, 1),
    maxConcurrentAdds: wholeFlag("--max-concurrent-adds", values["max-concurrent-adds"], D.maxConcurrentAdds, 1),
    maxQueuedAdds: wholeFlag("--max-queued-adds", values["max-queued-adds"], D.maxQueuedAdds, 0),
    maxStorageBytes: wholeFlag("--max-storage-bytes", values["max-storage-bytes"], D.maxStorageBytes, 1),
    uploadIdleTimeoutMs: wholeFlag(
      "--upload-idle-timeout-ms",
      values["upload-idle-timeout-ms"],
      D.uploadIdleTimeoutMs,
      1,
    ),
  };
}

function portFlag(flag: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535) throw new Error(`${flag} must be a port number 0–65535, not "${value}"`);
  return port;
}

function wholeFlag(flag: string, value: string | undefined, fallback: number, min: 0 | 1): number {
  if (value === undefined) return fallback;
  const number = Number(value);
  if (!/^\d+$/.test(value) || number < min || !Number.isSafeInteger(number)) {
    throw new Error(`${flag} must be a whole number ${min === 0 ? "of 0 or more" : "above 0"}, not "${value}"`);
  }
  return number;
}

async function main(): Promise<void> {
  let options: StartIpfsNodeParameters;
  try {
    options = parseCliArgs(process.argv.slice(2));
  } catch (error) {
    console.error(`ipfs: ${(error as Error).message}\n${USAGE}`);
    process.exit(2);
  }
  let node;
  try {
    node = await startIpfsNode(options);
  } catch (error) {
    console.error(`ipfs: ${error instanceof IpfsError ? error.message : String(error)}`);
    process.exit(1);
  }
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`ipfs: ${signal}, stopping`);
    node.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(`ipfs: error while stopping: ${(error as Error).message}`);
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", () => shutdown("SIGINT"));
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  console.log(`ipfs ready: api ${node.apiUrl} gateway ${node.gatewayUrl}`);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
