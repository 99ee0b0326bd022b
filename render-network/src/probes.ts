/**
 * Known-answer (probe) tiles a client mixes into its own job: it renders a few tiles of the job
 * itself before posting, seals their hashes under one root (`RenderJobs.postJob`'s `probeRoot`)
 * and opens each with `openProbe` once the tile's Workers have all sealed their results. The tree
 * is a batch tree (`batch-tree.ts`) with one position per tile of the job: leaf `tile` is
 * `batchLeaf(tile, answer)` for a probe and zero for any other tile, so the root shows neither
 * which tiles are probes nor how many, and a tile has at most one known answer.
 */
import { randomInt } from "node:crypto";
import type { Hex } from "viem";
import { BatchTree, batchLeaf } from "./batch-tree.ts";
import { RenderInvalidInputError } from "./errors.ts";

const ZERO_LEAF: Hex = `0x${"00".repeat(32)}`;

/** One probe tile: its known answer and the proof that opens it under the job's probe root. */
export type SealedProbe = { tile: number; answer: Hex; proof: Hex[] };

export type ProbeSet = { root: Hex; probes: SealedProbe[] };

/** Seals `answers` (tile → known tile hash) for a job of `tileCount` tiles. */
export function sealProbes(tileCount: number, answers: ReadonlyMap<number, Hex>): ProbeSet {
  if (!Number.isInteger(tileCount) || tileCount < 1) {
    throw new RenderInvalidInputError({ shortMessage: `A job has at least one tile, not ${tileCount}` });
  }
  if (answers.size === 0) throw new RenderInvalidInputError({ shortMessage: "No probe tiles to seal" });
  const leaves: Hex[] = new Array<Hex>(tileCount).fill(ZERO_LEAF);
  for (const [tile, answer] of answers) {
    if (!Number.isInteger(tile) || tile < 0 || tile >= tileCount) {
      throw new RenderInvalidInputError({ shortMessage: `Probe tile ${tile} is not a tile of a job of ${tileCount}` });
    }
    if (!/^0x[0-9a-fA-F]{64}$/.test(answer) || /^0x0{64}$/.test(answer)) {
      throw new RenderInvalidInputError({ shortMessage: `Probe tile ${tile} has no tile hash: ${answer}` });
    }
    leaves[tile] = batchLeaf(tile, answer);
  }
  const tree = new BatchTree(leaves);
  const probes = [...answers]
    .sort(([a], [b]) => a - b)
    .map(([tile, answer]) => ({ tile, answer, proof: tree.proof(tile) }));
  return { root: tree.root, probes };
}

/**
 * `count` distinct tiles of a job of `tileCount`, drawn with the system's CSPRNG: Workers must not
 * be able to guess them.
 */
export function pickProbeTiles(tileCount: number, count: number): number[] {
  if (!Number.isInteger(count) || count < 1 || count > tileCount) {
    throw new RenderInvalidInputError({
      shortMessage: `Cannot pick ${count} probe tiles of a job of ${tileCount}`,
      hint: "Ask for at least one probe and no more than the job has tiles.",
    });
  }
  const tiles = Array.from({ length: tileCount }, (_, i) => i);
  // A partial Fisher–Yates shuffle: the first `count` places end up a uniform sample.
  for (let i = 0; i < count; i++) {
    const j = i + randomInt(tileCount - i);
    [tiles[i], tiles[j]] = [tiles[j]!, tiles[i]!];
  }
  return tiles.slice(0, count).sort((a, b) => a - b);
}
