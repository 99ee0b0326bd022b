/**
 * A render Worker: stakes, passes its admission benchmark, joins the pool, and renders, commits
 * and reveals every tile the chain draws it, until stopped (Ctrl-C). JSON log lines on stdout.
 *
 *   node --import tsx render-network/src/cli/worker.ts --data-dir <dir> [--test-account 5] [--threads 2]
 *
 * Exits 2 on a bad flag or environment, 1 when it cannot go on (e.g. admission refused).
 */
import { availableParallelism } from "node:os";
import { RenderWorker } from "../node/worker.ts";
import { CliUsageError, COMMON_USAGE, jsonLog, parseNodeCli, runNode } from "./node-options.ts";

const USAGE = `Usage: node --import tsx render-network/src/cli/worker.ts --data-dir <dir> [options]
${COMMON_USAGE}
  --threads <n>            render threads (default: the number of cores)
Stake default: 2,000 MRK (the minimum is 1,000; each tile drawn locks render.tileStake of it).`;

async function main(argv: string[]): Promise<number> {
  let cli;
  try {
    cli = await parseNodeCli(argv, { threads: { type: "string" } }, 2_000n, { threads: availableParallelism() });
    if (!cli) {
      console.log(USAGE);
      return 0;
    }
  } catch (error) {
    if (!(error instanceof CliUsageError)) throw error;
    console.error(`worker: ${error.message}\n\n${USAGE}`);
    return 2;
  }
  const threads = cli.wholes.threads!;
  const log = jsonLog("worker", cli.chain.walletClient.account.address);
  const worker = await RenderWorker.open({
    chain: cli.chain,
    ipfs: cli.ipfs,
    dataDir: cli.dataDir,
    stake: cli.stake,
    threads,
    log,
  });
  try {
    await runNode(worker, { pollMs: cli.pollMs, once: cli.once, log });
    return 0;
  } catch (error) {
    console.error(`worker: ${(error as Error).message}`);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
