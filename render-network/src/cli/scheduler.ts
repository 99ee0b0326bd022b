/**
 * A render Scheduler: stakes, accepts the jobs posted for it, draws Workers for each tile,
 * settles tiles, and publishes each finished job's stitched cube maps, until stopped (Ctrl-C).
 * JSON log lines on stdout.
 *
 *   node --import tsx render-network/src/cli/scheduler.ts --data-dir <dir> [--test-account 4]
 *
 * Exits 2 on a bad flag or environment, 1 when it cannot go on.
 */
import { RenderScheduler } from "../node/scheduler.ts";
import { CliUsageError, COMMON_USAGE, jsonLog, parseNodeCli, runNode } from "./node-options.ts";

const USAGE = `Usage: node --import tsx render-network/src/cli/scheduler.ts --data-dir <dir> [options]
${COMMON_USAGE}
Stake default: 20,000 MRK (the minimum is render.minSchedulerStake; each job accepted locks render.jobStake).`;

async function main(argv: string[]): Promise<number> {
  let cli;
  try {
    cli = await parseNodeCli(argv, {}, 20_000n);
    if (!cli) {
      console.log(USAGE);
      return 0;
    }
  } catch (error) {
    if (!(error instanceof CliUsageError)) throw error;
    console.error(`scheduler: ${error.message}\n\n${USAGE}`);
    return 2;
  }
  const log = jsonLog("scheduler", cli.chain.walletClient.account.address);
  const scheduler = await RenderScheduler.open({
    chain: cli.chain,
    ipfs: cli.ipfs,
    dataDir: cli.dataDir,
    stake: cli.stake,
    log,
  });
  try {
    await runNode(scheduler, { pollMs: cli.pollMs, once: cli.once, log });
    return 0;
  } catch (error) {
    console.error(`scheduler: ${(error as Error).message}`);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
