import { join } from "node:path";
import { FsBlockstore } from "blockstore-fs";
import { CID } from "multiformats/cid";
import * as raw from "multiformats/codecs/raw";
import { sha256 } from "multiformats/hashes/sha2";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { makeTempDir } from "../testing.ts";
import { QuotaStore, StorageQuotaExceededError } from "./quota-store.ts";

async function block(text: string) {
  const bytes = new TextEncoder().encode(text);
  return { cid: CID.createV1(raw.code, await sha256.digest(bytes)), bytes };
}

describe("QuotaStore", () => {
  let dir: Awaited<ReturnType<typeof makeTempDir>>;
  let blocksDir: string;
  let blockstore: FsBlockstore;
  beforeEach(async () => {
    dir = await makeTempDir();
    blocksDir = join(dir.path, "blocks");
    blockstore = new FsBlockstore(blocksDir);
    await blockstore.open();
  });
  afterEach(async () => {
    await blockstore.close();
    await dir.remove();
  });

  it("counts what it stores, once per block, and what was there at start", async () => {
    const quota = await QuotaStore.open(blockstore, blocksDir, 1000);
    expect(quota.usedBytes).toBe(0);
    const a = await block("aaaaaaaaaa"); // 10 bytes
    const session = quota.begin();
    await session.put(a.cid, a.bytes);
    await session.put(a.cid, a.bytes);
    session.commit();
    expect(quota.usedBytes).toBe(10);
    expect(quota.blockCount).toBe(1);
    await quota.begin().put(a.cid, a.bytes); // already stored: nothing more to count
    expect(quota.usedBytes).toBe(10);

    const reopened = await QuotaStore.open(blockstore, blocksDir, 1000);
    expect(reopened.usedBytes).toBe(10);
    expect(reopened.blockCount).toBe(1);
  });

  it("refuses a block that would pass the quota, naming the quota and the flag", async () => {
    const quota = await QuotaStore.open(blockstore, blocksDir, 15);
    const session = quota.begin();
    const a = await block("aaaaaaaaaa");
    const b = await block("bbbbbbbbbb");
    await session.put(a.cid, a.bytes);
    const error = await session.put(b.cid, b.bytes).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StorageQuotaExceededError);
    expect((error as Error).message).toContain("holds 10 of its 15-byte quota");
    expect((error as Error).message).toContain("--max-storage-bytes");
    expect(await blockstore.has(b.cid)).toBe(false);
  });

  it("deletes and uncounts a failed session's blocks on rollback", async () => {
    const quota = await QuotaStore.open(blockstore, blocksDir, 1000);
    const kept = await block("kept before");
    const before = quota.begin();
    await before.put(kept.cid, kept.bytes);
    before.commit();
    const used = quota.usedBytes;

    const failed = quota.begin();
    const a = await block("written by a failed add");
    await failed.put(a.cid, a.bytes);
    await failed.put(kept.cid, kept.bytes); // already stored: must survive the rollback
    await failed.rollback();
    expect(await blockstore.has(a.cid)).toBe(false);
    expect(await blockstore.has(kept.cid)).toBe(true);
    expect(quota.usedBytes).toBe(used);
  });

  it("keeps a block two adds share while one of them can still commit", async () => {
    const quota = await QuotaStore.open(blockstore, blocksDir, 1000);
    const shared = await block("shared");
    const first = quota.begin();
    const second = quota.begin();
    await Promise.all([first.put(shared.cid, shared.bytes), second.put(shared.cid, shared.bytes)]);
    await first.rollback();
    expect(await blockstore.has(shared.cid)).toBe(true);
    second.commit();
    expect(quota.usedBytes).toBe(shared.bytes.length);

    // and the other way round: once committed, a later rollback of another add keeps it
    const other = await block("other");
    const third = quota.begin();
    const fourth = quota.begin();
    await third.put(other.cid, other.bytes);
    await fourth.put(other.cid, other.bytes);
    third.commit();
    await fourth.rollback();
    expect(await blockstore.has(other.cid)).toBe(true);
  });

  it("writes a block again when an add stores it while another add's rollback deletes it", async () => {
    const quota = await QuotaStore.open(blockstore, blocksDir, 1000);
    const a = await block("raced");
    const failing = quota.begin();
    await failing.put(a.cid, a.bytes);
    const rollback = failing.rollback();
    const later = quota.begin();
    await later.put(a.cid, a.bytes);
    await rollback;
    later.commit();
    expect(await blockstore.has(a.cid)).toBe(true);
    expect(quota.usedBytes).toBe(a.bytes.length);
  });
});
