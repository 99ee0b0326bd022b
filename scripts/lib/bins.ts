import { join } from "node:path";
import { repoRoot } from "./paths.ts";

/** Entry points of the CLIs the stack runs, started with this same Node (24) binary. */
export const bins = {
  node: process.execPath,
  tsx: join(repoRoot, "node_modules/tsx/dist/cli.mjs"),
  hardhat: join(repoRoot, "node_modules/hardhat/dist/src/cli.js"),
  next: join(repoRoot, "node_modules/next/dist/bin/next"),
} as const;
