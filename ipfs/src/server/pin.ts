/**
 * Pinning without Helia's default graph walker. That walker runs block reads as background
 * jobs and reports a failed read by calling `throw()` on its own generator without handling the
 * promise that returns, so a missing block (or an aborted read) becomes an unhandled rejection
 * that ends the process. Here the walk is a plain sequential generator (`walkDag`), and a DAG
 * is checked to be complete before Helia records anything, so a failed pin leaves no partial
 * pin counts behind.
 */
import * as dagPb from "@ipld/dag-pb";
import type { GraphWalkerFactory, Helia } from "helia";
import { createUnsafe } from "multiformats/block";
import type { CID } from "multiformats/cid";
import * as raw from "multiformats/codecs/raw";
import { walkDag } from "./dag.ts";

export type PinDagOptions = {
  /** Pin every block under the root (Kubo's default) or the root block only. */
  recursive: boolean;
  /** Walk the DAG once first so a missing block fails before anything is recorded. */
  checkComplete: boolean;
  signal?: AbortSignal | undefined;
};

/** Pins `root`; resolves once the pin is stored (or already was). */
export async function pinDag(helia: Helia, root: CID, options: PinDagOptions): Promise<void> {
  const maxDepth = options.recursive ? Infinity : 0;
  if (options.checkComplete) {
    for await (const _ of walkDag(helia.blockstore, root, { maxDepth, signal: options.signal }));
  }
  try {
    // No signal here: stopping half way would leave Helia's per-block pin counts half updated.
    for await (const _ of helia.pins.add(root, { depth: maxDepth, walker: sequentialWalker })) {
      // each yielded CID is a block now counted as pinned
    }
  } catch (error) {
    if ((error as Error).name !== "AlreadyPinnedError") throw error;
  }
}

/** A Helia `GraphWalker` over `walkDag`: sequential, offline, raw and dag-pb only. */
const sequentialWalker: GraphWalkerFactory = ({ blockstore }) => ({
  async *walk(cid, options = {}) {
    for await (const node of walkDag(blockstore, cid, { maxDepth: options.depth, signal: options.signal })) {
      const codec = node.cid.code === dagPb.code ? dagPb : raw;
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the walker's node type is generic
      const block = createUnsafe<any, number, number, 0 | 1>({ cid: node.cid, bytes: node.bytes, codec });
      yield { block, depth: node.depth, path: node.path };
    }
  },
});
