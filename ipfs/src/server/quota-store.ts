/**
 * The node's write path into its blockstore, with a storage quota. Every block an `add` writes
 * goes through a `QuotaSession`: new bytes are counted against the quota before they are
 * written, and when the add fails (bad upload, client gone, quota reached) the blocks it alone
 * wrote are deleted again and their bytes uncounted. Blocks shared by concurrent adds stay as
 * long as one of them may still commit.
 */
import { readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import type { Helia } from "helia";
import type { CID } from "multiformats/cid";
import { IpfsError } from "../errors.ts";
import type { HttpStatusError } from "./rpc-error.ts";

type Blockstore = Pick<Helia["blockstore"], "has" | "put" | "delete">;

/** Storing a block would take the blockstore past its quota. Answered with HTTP 507. */
export class StorageQuotaExceededError extends IpfsError implements HttpStatusError {
  override name = "StorageQuotaExceededError";
  readonly httpStatus = 507;
  constructor(
    readonly maxBytes: number,
    readonly usedBytes: number,
    readonly neededBytes: number,
  ) {
    super({
      shortMessage: `storage quota exceeded: the blockstore holds ${usedBytes} of its ${maxBytes}-byte quota and this add needs more`,
      details: `the block that did not fit has ${neededBytes} bytes; nothing of this add was kept`,
      hint: "raise it with --max-storage-bytes (maxStorageBytes in startIpfsNode)",
    });
  }
}

type Entry = {
  cid: CID;
  size: number;
  /** Adds in flight that use this block; when the last one fails, the block is deleted. */
  owners: Set<number>;
  /** Resolves true once this entry wrote the block, false if it was already stored. */
  ready: Promise<boolean>;
  deleting?: Promise<void>;
};

export type QuotaSession = {
  /** Stores one block (once), counting its bytes; throws `StorageQuotaExceededError` when full. */
  put(cid: CID, bytes: Uint8Array): Promise<void>;
  /** Keeps every block this session stored. */
  commit(): void;
  /** Deletes the blocks only this session stored and gives their bytes back. */
  rollback(): Promise<void>;
};

export class QuotaStore {
  #used: number;
  #blocks: number;
  #nextSession = 1;
  /** Blocks written by adds that have not committed yet, by CID string. */
  readonly #pending = new Map<string, Entry>();

  private constructor(
    private readonly blockstore: Blockstore,
    readonly maxBytes: number,
    usedBytes: number,
    blockCount: number,
  ) {
    this.#used = usedBytes;
    this.#blocks = blockCount;
  }

  /** Measures what `blocksDir` already holds and starts counting from there. */
  static async open(blockstore: Blockstore, blocksDir: string, maxBytes: number): Promise<QuotaStore> {
    const { bytes, files } = await measureDirectory(blocksDir);
    return new QuotaStore(blockstore, maxBytes, bytes, files);
  }

  /** Bytes of blocks stored or being stored. */
  get usedBytes(): number {
    return this.#used;
  }

  get blockCount(): number {
    return this.#blocks;
  }

  begin(): QuotaSession {
    const id = this.#nextSession++;
    const keys = new Set<string>();
    return {
      put: (cid, bytes) => this.#put(id, keys, cid, bytes),
      commit: () => {
        for (const key of keys) {
          const entry = this.#pending.get(key);
          if (entry && !entry.deleting) this.#pending.delete(key);
        }
        keys.clear();
      },
      rollback: async () => {
        const deletions: Array<Promise<void>> = [];
        for (const key of keys) {
          const entry = this.#pending.get(key);
          if (!entry || entry.deleting) continue;
          entry.owners.delete(id);
          if (entry.owners.size === 0) deletions.push(this.#delete(key, entry));
        }
        keys.clear();
        await Promise.all(deletions);
      },
    };
  }

  async #put(id: number, keys: Set<string>, cid: CID, bytes: Uint8Array): Promise<void> {
    const key = cid.toString();
    if (keys.has(key)) return; // a repeated chunk of the same add
    let entry = this.#pending.get(key);
    while (entry?.deleting) {
      await entry.deleting;
      entry = this.#pending.get(key);
    }
    keys.add(key);
    if (entry) {
      entry.owners.add(id);
      await entry.ready;
      return;
    }
    const created: Entry = { cid, size: bytes.length, owners: new Set([id]), ready: this.#write(cid, bytes) };
    this.#pending.set(key, created);
    try {
      await created.ready;
    } catch (error) {
      if (this.#pending.get(key) === created) this.#pending.delete(key);
      keys.delete(key);
      throw error;
    }
  }

  /** Writes a block unless it is stored already; true when it wrote it. */
  async #write(cid: CID, bytes: Uint8Array): Promise<boolean> {
    if (await this.blockstore.has(cid)) return false;
    if (this.#used + bytes.length > this.maxBytes) {
      throw new StorageQuotaExceededError(this.maxBytes, this.#used, bytes.length);
    }
    this.#used += bytes.length;
    this.#blocks += 1;
    try {
      await this.blockstore.put(cid, bytes);
    } catch (error) {
      this.#used -= bytes.length;
      this.#blocks -= 1;
      throw error;
    }
    return true;
  }

  #delete(key: string, entry: Entry): Promise<void> {
    entry.deleting = (async () => {
      const written = await entry.ready.catch(() => false);
      if (!written) return;
      try {
        await this.blockstore.delete(entry.cid);
        this.#used -= entry.size;
        this.#blocks -= 1;
      } catch {
        // The bytes are still on disk, so they stay counted.
      }
    })().finally(() => {
      if (this.#pending.get(key) === entry) this.#pending.delete(key);
    });
    return entry.deleting;
  }
}

/** Total size and number of regular files under `dir` (0 when it does not exist yet). */
async function measureDirectory(dir: string): Promise<{ bytes: number; files: number }> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true, recursive: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return { bytes: 0, files: 0 };
    throw error;
  }
  let bytes = 0;
  let files = 0;
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    bytes += (await stat(join(entry.parentPath, entry.name))).size;
    files += 1;
  }
  return { bytes, files };
}
