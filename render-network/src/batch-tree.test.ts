import { describe, expect, it } from "vitest";
import { keccak256, toHex, type Hex } from "viem";
import { BatchTree, batchDepth, batchLeaf, batchRootOf } from "./batch-tree.ts";

const answer = (i: number): Hex => keccak256(toHex(`tile answer ${i}`));

describe("BatchTree", () => {
  it("is as deep as ⌈log2(leaves)⌉", () => {
    expect([1, 2, 3, 4, 5, 8, 9, 1024].map(batchDepth)).toEqual([0, 1, 2, 2, 3, 3, 4, 10]);
  });

  it("makes a single leaf its own root", () => {
    const leaf = batchLeaf(7, answer(7));
    const tree = new BatchTree([leaf]);
    expect(tree.root).toBe(leaf);
    expect(tree.proof(0)).toEqual([]);
  });

  it("opens every leaf at its position and nowhere else", () => {
    for (const count of [2, 3, 5, 8, 13]) {
      const leaves = Array.from({ length: count }, (_, i) => batchLeaf(i * 3, answer(i)));
      const tree = new BatchTree(leaves);
      expect(tree.depth).toBe(batchDepth(count));
      leaves.forEach((leaf, position) => {
        const proof = tree.proof(position);
        expect(proof).toHaveLength(tree.depth);
        expect(batchRootOf(leaf, position, proof)).toBe(tree.root);
        expect(batchRootOf(leaf, (position + 1) % count, proof)).not.toBe(tree.root);
        expect(batchRootOf(batchLeaf(position * 3, answer(position + 100)), position, proof)).not.toBe(tree.root);
      });
    }
  });

  it("hashes a leaf twice, as the contract's leafOf does", () => {
    // keccak256(abi.encode(uint256 1, bytes32 0)) hashed again.
    const inner = keccak256(`0x${"00".repeat(31)}01${"00".repeat(32)}`);
    expect(batchLeaf(1, `0x${"00".repeat(32)}`)).toBe(keccak256(inner));
  });

  it("refuses an empty tree and a position outside it", () => {
    expect(() => new BatchTree([])).toThrow(/at least one leaf/);
    expect(() => new BatchTree([answer(1), answer(2), answer(3)]).proof(4)).toThrow(/position 4/);
  });
});
