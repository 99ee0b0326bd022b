/**
 * The command line the seed scripts share: `--rpc-url` (default `MARKSPACE_RPC_URL` or the local
 * chain) and `--deployments-dir`, the local chain's deployment record loaded, the seed run, and a
 * failure printed as one line with exit code 1.
 */
import { parseArgs } from "node:util";
import { loadDeployment, type Deployment } from "@markspace/contracts/deployments";
import { LOCAL_CHAIN_ID } from "./test-accounts.ts";

export async function runSeedCli(
  name: string,
  seed: (options: { rpcUrl: string; deployment: Deployment }) => Promise<void>,
): Promise<void> {
  const { values } = parseArgs({
    options: {
      "rpc-url": { type: "string", default: process.env.MARKSPACE_RPC_URL ?? "http://127.0.0.1:8545" },
      "deployments-dir": { type: "string" },
    },
  });
  try {
    const deployment = loadDeployment(LOCAL_CHAIN_ID, values["deployments-dir"]);
    await seed({ rpcUrl: values["rpc-url"]!, deployment });
  } catch (error) {
    console.error(`${name}: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
