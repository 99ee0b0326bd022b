/**
 * `POST /api/v0/add`: multipart files in, one Kubo NDJSON line per file and directory out. The
 * body streams through the UnixFS importer as it arrives; blocks are written through the
 * node's quota store and removed again if the add fails, and only `maxConcurrentAdds` adds
 * read their bodies at once.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Helia } from "helia";
import { importer, type WritableStorage } from "ipfs-unixfs-importer";
import { fixedSize } from "ipfs-unixfs-importer/chunker";
import type { CID } from "multiformats/cid";
import { MAX_SINGLE_BLOCK_BYTES } from "../client.ts";
import type { AddLimiter } from "./add-limiter.ts";
import { openMultipart } from "./multipart.ts";
import { pinDag } from "./pin.ts";
import type { QuotaStore } from "./quota-store.ts";
import { clientError } from "./rpc-error.ts";
import type { Query } from "./rpc-query.ts";

export type AddContext = {
  helia: Helia;
  quota: QuotaStore;
  addLimiter: AddLimiter;
  /** Largest request body accepted, in bytes. */
  maxRequestBytes: number;
  /** An upload that sends nothing for this long is dropped. */
  uploadIdleTimeoutMs: number;
};

type AddEntry = { Name: string; Hash: string; Size: string };

export async function add(ctx: AddContext, req: IncomingMessage, res: ServerResponse, query: Query): Promise<void> {
  const options = parseAddOptions(query);
  const upload = openMultipart(req, { maxBytes: ctx.maxRequestBytes, idleTimeoutMs: ctx.uploadIdleTimeoutMs });
  const gone = new AbortController();
  const onClose = () => gone.abort(new Error("the client closed the connection"));
  res.on("close", onClose);
  const release = await ctx.addLimiter.acquire(gone.signal);
  try {
    const entries = await importUpload(ctx, upload.candidates(), options);
    res.writeHead(200, { "Content-Type": "application/json", "X-Chunked-Output": "1" });
    res.end(entries.map((entry) => `${JSON.stringify(entry)}\n`).join(""));
  } finally {
    release();
    res.off("close", onClose);
  }
}

type AddOptions = {
  cidVersion: 0 | 1;
  rawLeaves: boolean;
  chunkSize: number;
  pin: boolean;
  onlyHash: boolean;
  wrap: boolean;
};

function parseAddOptions(query: Query): AddOptions {
  const cidVersion = query.int("cid-version") ?? 0;
  if (cidVersion !== 0 && cidVersion !== 1) throw clientError(`unknown CID version ${cidVersion}`);
  const hash = query.string("hash");
  if (hash !== undefined && hash !== "sha2-256") {
    throw clientError(`unsupported hash "${hash}": this node adds with sha2-256 only`);
  }
  return {
    cidVersion,
    rawLeaves: query.bool("raw-leaves", cidVersion === 1),
    chunkSize: parseChunker(query.string("chunker")),
    pin: query.bool("pin", true),
    onlyHash: query.bool("only-hash", false),
    wrap: query.bool("wrap-with-directory", false),
  };
}

function parseChunker(value: string | undefined): number {
  if (value === undefined || value === "" || value === "default") return 256 * 1024;
  const match = /^size-(\d{1,16})$/.exec(value);
  if (!match) throw clientError(`unsupported chunker "${value}": this node supports size-<bytes> only`);
  const size = Number(match[1]);
  if (size < 1 || size > MAX_SINGLE_BLOCK_BYTES) {
    throw clientError(
      `chunker parameters may not exceed the maximum chunk size of ${MAX_SINGLE_BLOCK_BYTES} (got ${size})`,
    );
  }
  return size;
}

/** Imports every candidate; keeps the blocks and pins the roots only if all of it succeeded. */
async function importUpload(
  ctx: AddContext,
  candidates: ReturnType<ReturnType<typeof openMultipart>["candidates"]>,
  options: AddOptions,
): Promise<AddEntry[]> {
  const session = ctx.quota.begin();
  const store: WritableStorage = {
    put: async (cid, bytes) => {
      if (!options.onlyHash) await session.put(cid, bytes as Uint8Array);
      return cid;
    },
  };
  const entries: AddEntry[] = [];
  const roots: CID[] = [];
  try {
    for await (const result of importer(candidates, store, {
      profile: "unixfs-v0-2015",
      cidVersion: options.cidVersion,
      rawLeaves: options.rawLeaves,
      chunker: fixedSize({ chunkSize: options.chunkSize }),
      wrapWithDirectory: options.wrap,
      // One file at a time: each file's bytes stream from the request in order.
      fileImportConcurrency: 1,
    })) {
      const hash = result.cid.toString();
      const path = result.path ?? "";
      if (options.wrap ? path === "" : !path.includes("/")) roots.push(result.cid);
      // Size is the DAG's cumulative size, as Kubo reports it.
      entries.push({ Name: path === "" && !options.wrap ? hash : path, Hash: hash, Size: String(result.size) });
    }
    if (entries.length === 0) throw clientError("no files in the request: send multipart/form-data parts");
  } catch (error) {
    await session.rollback();
    throw error;
  }
  session.commit();
  if (options.pin && !options.onlyHash) {
    for (const root of roots) await pinDag(ctx.helia, root, { recursive: true, checkComplete: false });
  }
  return entries;
}
