/**
 * A render Worker: stakes, passes its admission benchmark, joins the pool, and renders, commits
 * and reveals every tile the chain draws it, until stopped (Ctrl-C). JSON log lines on stdout.
 *
 *   node --import tsx render-network/src/cli/worker.ts --data-dir <dir> [--test-account 101] [--threads 2]
 *
 * Exits 2 on a bad flag or environment, 1 when it cannot go on (e.g. admission refused).
 */
import { availableParallelism } from "node:os";
import { RenderWorker } from "../node/worker.ts";
import { COMMON_USAGE, runNodeCommand } from "./node-options.ts";

const USAGE = `Usage: node --import tsx render-network/src/cli/worker.ts --data-dir <dir> [options]
${COMMON_USAGE}
  --threads <n>            render threads (default: the number of cores)
Stake default: 2,000 MRK (the minimum is 1,000; each tile drawn locks render.tileStake of it).`;

process.exitCode = await runNodeCommand({
  role: "worker",
  usage: USAGE,
  argv: process.argv.slice(2),
  extra: { threads: { type: "string" } },
  wholeFlags: { threads: availableParallelism() },
  defaultStakeMrk: 2_000n,
  open: ({ chain, ipfs, dataDir, stake, wholes }, log) =>
    RenderWorker.open({ chain, ipfs, dataDir, stake, threads: wholes.threads!, log }),
});
