/**
 * Reorg handling: the indexed pointer block must still be on the chain (same hash) and the
 * head must not be below it; otherwise the store reverts to the newest stored block both sides
 * agree on. The search checks the newest stored block first (reorgs are usually shallow), then
 * binary-searches all stored blocks, so a reorg of any depth costs O(log n) lookups, not a
 * fixed window.
 */
import type { Hex } from "viem";
import type { Rpc } from "../chain/rpc.ts";
import type { BlockPointer, Database } from "../store/database.ts";

/** Why the pointer is no longer valid, or undefined when it is. */
export async function reorgReason(rpc: Rpc, pointer: BlockPointer, head: number): Promise<string | undefined> {
  if (head < pointer.number) return `chain head ${head} is below the indexed block ${pointer.number}`;
  const block = await rpc.block(pointer.number, false);
  if (!block || block.hash.toLowerCase() !== pointer.hash.toLowerCase())
    return `block ${pointer.number} changed hash (${pointer.hash} → ${block?.hash ?? "missing"})`;
  return undefined;
}

async function onChain(rpc: Rpc, stored: BlockPointer): Promise<boolean> {
  const block = await rpc.block(stored.number, false);
  return !!block && block.hash.toLowerCase() === (stored.hash.toLowerCase() as Hex);
}

/** The newest stored block at or below `below` that is still on the chain; null if none is. */
export async function findCommonAncestor(db: Database, rpc: Rpc, below: number): Promise<BlockPointer | null> {
  const [newest] = await db.blocksAtOrBelow(below, 1);
  if (!newest) return null;
  if (await onChain(rpc, newest)) return newest;
  // Canonical stored blocks form a prefix: search for its end.
  let good: BlockPointer | null = null;
  let low = -1;
  let high = newest.number - 1;
  while (low < high) {
    const middle = Math.floor((low + high + 1) / 2);
    const [candidate] = await db.blocksAtOrBelow(middle, 1);
    if (!candidate || candidate.number <= low) {
      low = middle;
      continue;
    }
    if (await onChain(rpc, candidate)) {
      // No stored block lies between the candidate and `middle`: everything up to `middle` is good.
      good = candidate;
      low = middle;
    } else {
      high = candidate.number - 1;
    }
  }
  if (low < 0) return null;
  const [best] = await db.blocksAtOrBelow(low, 1);
  if (!best) return null;
  return best.number === good?.number || (await onChain(rpc, best)) ? best : null;
}
