import { CID } from "multiformats/cid";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { computeRawCid } from "../client.ts";
import type { IpfsNode } from "../node.ts";
import { kuboAdd, makeTempDir, startTestNode, watchUnhandledRejections } from "../testing.ts";
import { walkDag } from "./dag.ts";
import { pinDag } from "./pin.ts";

describe("pinDag", () => {
  let dir: Awaited<ReturnType<typeof makeTempDir>>;
  let node: IpfsNode;
  let rejections: ReturnType<typeof watchUnhandledRejections>;
  beforeAll(async () => {
    dir = await makeTempDir();
    node = await startTestNode(dir.path);
  });
  afterAll(async () => {
    await node.stop();
    await dir.remove();
  });
  beforeEach(() => {
    rejections = watchUnhandledRejections();
  });
  afterEach(async () => {
    // Helia's own walker leaves a rejected promise behind a failed read; this one must not.
    expect(await rejections.stop()).toEqual([]);
  });

  /** A three-leaf dag-pb file added without a pin; returns its root and leaves. */
  async function unpinnedFile(seed: number) {
    const bytes = new Uint8Array(3000).map((_, i) => (i * seed) % 251);
    const { lines } = await kuboAdd(node.apiUrl, [{ name: "f", bytes }], {
      "cid-version": "1",
      chunker: "size-1000",
      pin: "false",
    });
    const root = CID.parse(String(lines[0]?.Hash));
    const leaves: CID[] = [];
    for await (const block of walkDag(node.helia.blockstore, root)) if (block.depth === 1) leaves.push(block.cid);
    return { root, leaves };
  }

  async function pinnedRoots(): Promise<string[]> {
    const pins: string[] = [];
    for await (const pin of node.helia.pins.ls()) pins.push(pin.cid.toString());
    return pins;
  }

  it("pins every block of a complete DAG", async () => {
    const { root, leaves } = await unpinnedFile(7);
    await pinDag(node.helia, root, { recursive: true, checkComplete: true });
    expect(await pinnedRoots()).toContain(root.toString());
    for (const cid of [root, ...leaves]) expect(await node.helia.pins.isPinned(cid)).toBe(true);
  });

  it("fails with a not-found error for a root the node does not hold", async () => {
    const absent = CID.parse(await computeRawCid(new TextEncoder().encode("never added")));
    const error = await pinDag(node.helia, absent, { recursive: true, checkComplete: true }).catch((e: unknown) => e);
    expect((error as Error).name).toBe("BlockNotFoundWhileOfflineError");
    expect(await pinnedRoots()).not.toContain(absent.toString());
  });

  it("refuses a DAG with a missing block and records nothing for its present blocks", async () => {
    const { root, leaves } = await unpinnedFile(11);
    await node.helia.blockstore.delete(leaves[1]!);
    const error = await pinDag(node.helia, root, { recursive: true, checkComplete: true }).catch((e: unknown) => e);
    expect((error as Error).name).toBe("BlockNotFoundWhileOfflineError");
    expect(await pinnedRoots()).not.toContain(root.toString());
    expect(await node.helia.pins.isPinned(root)).toBe(false);
    expect(await node.helia.pins.isPinned(leaves[0]!)).toBe(false);
  });

  it("pins only the root block when not recursive, whatever is below it", async () => {
    const { root, leaves } = await unpinnedFile(13);
    await node.helia.blockstore.delete(leaves[0]!);
    await pinDag(node.helia, root, { recursive: false, checkComplete: true });
    expect(await node.helia.pins.isPinned(root)).toBe(true);
    expect(await node.helia.pins.isPinned(leaves[1]!)).toBe(false);
  });

  it("treats pinning twice as done", async () => {
    const { root } = await unpinnedFile(17);
    await pinDag(node.helia, root, { recursive: true, checkComplete: true });
    await pinDag(node.helia, root, { recursive: true, checkComplete: true });
    expect((await pinnedRoots()).filter((cid) => cid === root.toString())).toHaveLength(1);
  });
});
