/**
 * A render Scheduler: stakes, accepts the jobs posted for it, draws Workers for each tile,
 * settles tiles, and publishes each finished job's stitched cube maps, until stopped (Ctrl-C).
 * JSON log lines on stdout.
 *
 *   node --import tsx render-network/src/cli/scheduler.ts --data-dir <dir> [--test-account 100]
 *
 * Exits 2 on a bad flag or environment, 1 when it cannot go on.
 */
import { RenderScheduler } from "../node/scheduler.ts";
import { COMMON_USAGE, runNodeCommand } from "./node-options.ts";

const USAGE = `Usage: node --import tsx render-network/src/cli/scheduler.ts --data-dir <dir> [options]
${COMMON_USAGE}
Stake default: 20,000 MRK (the minimum is render.minSchedulerStake; each job accepted locks render.jobStake).`;

process.exitCode = await runNodeCommand({
  role: "scheduler",
  usage: USAGE,
  argv: process.argv.slice(2),
  defaultStakeMrk: 20_000n,
  open: ({ chain, ipfs, dataDir, stake }, log) => RenderScheduler.open({ chain, ipfs, dataDir, stake, log }),
});
