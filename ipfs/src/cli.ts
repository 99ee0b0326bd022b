/**
 * Runs the embedded IPFS node until SIGINT/SIGTERM.
 *
 *   npx tsx ipfs/src/cli.ts --data-dir .data/ipfs [--api-port 5001] [--gateway-port 8080] [--host 127.0.0.1]
 *
 * Prints `ipfs ready: api <url> gateway <url>` once both servers listen (the launcher waits for
 * that line). Exits 2 on a bad flag, 1 when the node cannot start.
 */
import { parseArgs } from "node:util";
import { IpfsError } from "./errors.ts";
import { startIpfsNode, type StartIpfsNodeParameters } from "./node.ts";

const USAGE = `Usage: tsx ipfs/src/cli.ts --data-dir <dir> [options]
  --data-dir <dir>          where blocks, pins and the node identity are kept (required)
  --api-port <n>            Kubo RPC API port (default 5001, 0 = any free port)
  --gateway-port <n>        path gateway port (default 8080, 0 = any free port)
  --host <address>          interface to bind (default 127.0.0.1)
  --max-request-bytes <n>   largest accepted API request body (default 67108864)`;

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
      "max-request-bytes": { type: "string" },
    },
  });
  if (!values["data-dir"]) throw new Error("--data-dir is required");
  return {
    dataDir: values["data-dir"],
    apiPort: portFlag("--api-port", values["api-port"], 5001),
    gatewayPort: portFlag("--gateway-port", values["gateway-port"], 8080),
    host: values.host ?? "127.0.0.1",
    maxRequestBytes: positiveFlag("--max-request-bytes", values["max-request-bytes"], 64 * 1024 * 1024),
  };
}

function portFlag(flag: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535) throw new Error(`${flag} must be a port number 0–65535, not "${value}"`);
  return port;
}

function positiveFlag(flag: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) === 0)
    throw new Error(`${flag} must be a positive whole number, not "${value}"`);
  return Number(value);
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
  console.log(`ipfs ready: api ${node.apiUrl} gateway ${node.gatewayUrl}`);
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
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
