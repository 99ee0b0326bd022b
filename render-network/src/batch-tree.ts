/**
 * The positional Merkle tree a Worker seals a batch of tile results with (`RenderJobs.commitBatch`
 * / `revealBatch`). Leaf `i` is the result of the `i`-th tile of the batch,
 * `keccak256(keccak256(abi.encode(uint256 tile, bytes32 resultHash)))`; the leaves are padded with
 * zero to a power of two and a parent is `keccak256(left ‖ right)`, so each position holds one
 * answer and a proof (siblings from the leaf up) is as long as the tree is deep.
 */
import { concat, encodeAbiParameters, keccak256, type Hex } from "viem";

const ZERO_LEAF: Hex = `0x${"00".repeat(32)}`;

/** The leaf of `tile`'s result (the contract's `leafOf`). */
export function batchLeaf(tile: bigint | number, resultHash: Hex): Hex {
  return keccak256(
    keccak256(encodeAbiParameters([{ type: "uint256" }, { type: "bytes32" }], [BigInt(tile), resultHash])),
  );
}

/** ⌈log2(count)⌉: the depth of a tree over `count` leaves. */
export function batchDepth(count: number): number {
  let depth = 0;
  while (2 ** depth < count) depth++;
  return depth;
}

export class BatchTree {
  /** Every level, the padded leaves first and the root last. */
  private readonly levels: Hex[][];

  constructor(leaves: readonly Hex[]) {
    if (leaves.length === 0) throw new RangeError("A batch tree needs at least one leaf");
    const depth = batchDepth(leaves.length);
    const padded = [...leaves];
    while (padded.length < 2 ** depth) padded.push(ZERO_LEAF);
    this.levels = [padded];
    for (let level = 1; level <= depth; level++) {
      const below = this.levels[level - 1]!;
      const above: Hex[] = [];
      for (let i = 0; i < below.length; i += 2) above.push(keccak256(concat([below[i]!, below[i + 1]!])));
      this.levels.push(above);
    }
  }

  get depth(): number {
    return this.levels.length - 1;
  }

  get root(): Hex {
    return this.levels[this.depth]![0]!;
  }

  /** The siblings of leaf `position`, from the leaf up. */
  proof(position: number): Hex[] {
    if (!Number.isInteger(position) || position < 0 || position >= this.levels[0]!.length) {
      throw new RangeError(`No leaf at position ${position} in a tree of ${this.levels[0]!.length}`);
    }
    return this.levels.slice(0, -1).map((level, height) => level[(position >> height) ^ 1]!);
  }
}

/** Climbs from `leaf` at `position` with `proof` (the contract's check, for tests and tools). */
export function batchRootOf(leaf: Hex, position: number, proof: readonly Hex[]): Hex {
  let node = leaf;
  proof.forEach((sibling, height) => {
    node = (position >> height) & 1 ? keccak256(concat([sibling, node])) : keccak256(concat([node, sibling]));
  });
  return node;
}
