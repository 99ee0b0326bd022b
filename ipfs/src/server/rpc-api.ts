/**
 * The subset of the Kubo RPC API (`/api/v0/…`) Markspace and common Kubo clients use: add, cat,
 * block/get, block/stat, pin/add, id and version. Answers have Kubo's shapes (NDJSON for add,
 * `{"Message","Code","Type":"error"}` for errors) so code written for Kubo works unchanged.
 * Like Kubo it accepts POST only and refuses cross-origin browser requests.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { arch, platform } from "node:process";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { UnixFS } from "@helia/unixfs";
import type { Helia } from "helia";
import { importer, type ImportCandidate, type WritableStorage } from "ipfs-unixfs-importer";
import { fixedSize } from "ipfs-unixfs-importer/chunker";
import * as dagPb from "@ipld/dag-pb";
import { CID } from "multiformats/cid";
import { MAX_SINGLE_BLOCK_BYTES } from "../client.ts";
import { VERSION } from "../version.ts";
import { getBlock, isNotFound } from "./dag.ts";
import { BodyTooLargeError, readBody } from "./http.ts";
import type { NodeIdentity } from "./identity.ts";

export type RpcApiContext = {
  helia: Helia;
  fs: UnixFS;
  identity: NodeIdentity;
  /** Largest request body accepted, in bytes. */
  maxRequestBytes: number;
};

/** Kubo's error codes (go-ipfs-cmds): 0 normal, 1 client (bad request), 3 not found. */
const enum ErrorCode {
  Normal = 0,
  Client = 1,
  NotFound = 3,
}

/** An error to answer with; `status` follows Kubo: 400 for client errors, 500 otherwise. */
class RpcError extends Error {
  constructor(
    message: string,
    readonly code: ErrorCode = ErrorCode.Normal,
    readonly status = code === ErrorCode.Client ? 400 : 500,
  ) {
    super(message);
  }
}

type Command = (ctx: RpcApiContext, req: IncomingMessage, res: ServerResponse, query: Query) => Promise<void>;

const COMMANDS: Record<string, Command> = {
  add,
  cat,
  "block/get": blockGet,
  "block/stat": blockStat,
  "pin/add": pinAdd,
  id,
  version,
};

/** A request handler for node:http serving `/api/v0/*`. */
export function createRpcApiHandler(ctx: RpcApiContext) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    handle(ctx, req, res).catch((error: unknown) => {
      if (res.headersSent) {
        res.destroy(error as Error);
        return;
      }
      if (error instanceof RpcError) sendError(res, error);
      else if (error instanceof BodyTooLargeError) sendError(res, new RpcError(error.message, ErrorCode.Client, 413));
      else if (isNotFound(error)) sendError(res, new RpcError(notFoundMessage(error as Error)));
      else sendError(res, new RpcError((error as Error).message));
    });
  };
}

function notFoundMessage(error: Error): string {
  if (error.name === "BlockNotFoundWhileOfflineError") {
    return "block was not found locally (offline): this node never fetches from the IPFS network";
  }
  return error.message;
}

async function handle(ctx: RpcApiContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? "/", "http://api.invalid");
  const match = /^\/api\/v0\/(.+?)\/?$/.exec(url.pathname);
  const command = match?.[1] ? COMMANDS[match[1]] : undefined;
  if (!command) {
    throw new RpcError(`unknown command "${url.pathname}"`, ErrorCode.NotFound, 404);
  }
  if (req.method !== "POST") {
    res.setHeader("Allow", "POST");
    throw new RpcError(`method ${req.method} not allowed: the RPC API accepts POST only`, ErrorCode.Client, 405);
  }
  const origin = req.headers.origin;
  if (origin !== undefined && origin !== `http://${req.headers.host}`) {
    // Browsers may POST multipart forms cross-origin without a preflight; Kubo refuses them too.
    throw new RpcError(`origin ${origin} is not allowed to use this API`, ErrorCode.Client, 403);
  }
  await command(ctx, req, res, new Query(url.searchParams));
}

/** Reads Kubo-style query options: booleans as `true`/`false`/empty, repeated `arg`. */
class Query {
  constructor(private readonly params: URLSearchParams) {}

  bool(name: string, fallback: boolean): boolean {
    const value = this.params.get(name);
    if (value === null) return fallback;
    if (value === "" || value === "true") return true;
    if (value === "false") return false;
    throw new RpcError(`option "${name}" must be true or false, not "${value}"`, ErrorCode.Client);
  }

  int(name: string): number | undefined {
    const value = this.params.get(name);
    if (value === null) return undefined;
    if (!/^\d+$/.test(value))
      throw new RpcError(`option "${name}" must be a whole number, not "${value}"`, ErrorCode.Client);
    return Number(value);
  }

  string(name: string): string | undefined {
    return this.params.get(name) ?? undefined;
  }

  args(label: string): string[] {
    const values = this.params.getAll("arg");
    if (values.length === 0) throw new RpcError(`argument "${label}" is required`, ErrorCode.Client);
    return values;
  }
}

/** `/ipfs/<cid>/a/b`, `<cid>/a/b` or `<cid>` → CID and inner path. */
function parseIpfsPath(value: string): { cid: CID; path: string } {
  const trimmed = value.replace(/^\/ipfs\//, "");
  const [head = "", ...rest] = trimmed.split("/");
  let cid: CID;
  try {
    cid = CID.parse(head);
  } catch (error) {
    throw new RpcError(`invalid path "${value}": invalid CID "${head}": ${(error as Error).message}`, ErrorCode.Client);
  }
  return { cid, path: rest.filter((segment) => segment !== "").join("/") };
}

function parseChunker(value: string | undefined): number {
  if (value === undefined || value === "" || value === "default") return 256 * 1024;
  const match = /^size-(\d+)$/.exec(value);
  if (!match) {
    throw new RpcError(`unsupported chunker "${value}": this node supports size-<bytes> only`, ErrorCode.Client);
  }
  const size = Number(match[1]);
  if (size < 1 || size > MAX_SINGLE_BLOCK_BYTES) {
    throw new RpcError(
      `chunker parameters may not exceed the maximum chunk size of ${MAX_SINGLE_BLOCK_BYTES} (got ${size})`,
      ErrorCode.Client,
    );
  }
  return size;
}

/** `POST /api/v0/add`: multipart files in, one NDJSON line per file and directory out. */
async function add(ctx: RpcApiContext, req: IncomingMessage, res: ServerResponse, query: Query): Promise<void> {
  const cidVersion = query.int("cid-version") ?? 0;
  if (cidVersion !== 0 && cidVersion !== 1) {
    throw new RpcError(`unknown CID version ${cidVersion}`, ErrorCode.Client);
  }
  const rawLeaves = query.bool("raw-leaves", cidVersion === 1);
  const chunkSize = parseChunker(query.string("chunker"));
  const pin = query.bool("pin", true);
  const onlyHash = query.bool("only-hash", false);
  const wrap = query.bool("wrap-with-directory", false);
  const hash = query.string("hash");
  if (hash !== undefined && hash !== "sha2-256") {
    throw new RpcError(`unsupported hash "${hash}": this node adds with sha2-256 only`, ErrorCode.Client);
  }

  const candidates = await readCandidates(req, ctx.maxRequestBytes);
  const written = new Map<string, Uint8Array>();
  const store: WritableStorage = {
    put: async (cid, bytes, options) => {
      const key = cid.toString();
      // Repeated chunks share a CID; writing the same block file twice at once makes the
      // file-system store back off for about a second, and once is enough anyway.
      if (written.has(key)) return cid;
      written.set(key, bytes as Uint8Array);
      if (onlyHash || (await ctx.helia.blockstore.has(cid))) return cid;
      return ctx.helia.blockstore.put(cid, bytes as Uint8Array, options);
    },
  };
  const entries: Array<{ Name: string; Hash: string; Size: string }> = [];
  const roots: CID[] = [];
  for await (const result of importer(candidates, store, {
    profile: "unixfs-v0-2015",
    cidVersion,
    rawLeaves,
    chunker: fixedSize({ chunkSize }),
    wrapWithDirectory: wrap,
  })) {
    const hashText = result.cid.toString();
    const path = result.path ?? "";
    const isTopLevel = wrap ? path === "" : !path.includes("/");
    if (isTopLevel) roots.push(result.cid);
    entries.push({
      Name: path === "" && !wrap ? hashText : path,
      Hash: hashText,
      Size: String(sizeOf(result.cid, written)),
    });
  }
  if (entries.length === 0)
    throw new RpcError("no files in the request: send multipart/form-data parts", ErrorCode.Client);
  if (pin && !onlyHash) {
    for (const root of roots) {
      try {
        for await (const _ of ctx.helia.pins.add(root, { offline: true } as never));
      } catch (error) {
        if ((error as Error).name !== "AlreadyPinnedError") throw error;
      }
    }
  }
  res.writeHead(200, { "Content-Type": "application/json", "X-Chunked-Output": "1" });
  res.end(entries.map((entry) => `${JSON.stringify(entry)}\n`).join(""));
}

/** Kubo's Size: the root block plus the cumulative sizes its links record (the whole DAG). */
function sizeOf(cid: CID, written: Map<string, Uint8Array>): number {
  const bytes = written.get(cid.toString());
  if (!bytes) return 0;
  if (cid.code !== dagPb.code) return bytes.length;
  return dagPb.decode(bytes).Links.reduce((total, link) => total + (link.Tsize ?? 0), bytes.length);
}

async function readCandidates(req: IncomingMessage, limit: number): Promise<ImportCandidate[]> {
  const type = req.headers["content-type"] ?? "";
  if (!/^multipart\/form-data\s*;/i.test(type)) {
    throw new RpcError(`add expects multipart/form-data with one part per file, not "${type}"`, ErrorCode.Client);
  }
  const body = await readBody(req, limit);
  let form: FormData;
  try {
    form = await new Response(body, { headers: { "content-type": type } }).formData();
  } catch (error) {
    throw new RpcError(`cannot parse the multipart body: ${(error as Error).message}`, ErrorCode.Client);
  }
  const candidates: ImportCandidate[] = [];
  for (const [, value] of form.entries()) {
    if (typeof value === "string") {
      candidates.push({ content: new TextEncoder().encode(value) });
      continue;
    }
    const path = decodeName(value.name);
    if (value.type === "application/x-directory") {
      candidates.push({ path });
    } else {
      const content = new Uint8Array(await value.arrayBuffer());
      candidates.push(path === "" ? { content } : { path, content });
    }
  }
  return candidates;
}

function decodeName(name: string): string {
  try {
    return decodeURIComponent(name);
  } catch {
    return name;
  }
}

/** `POST /api/v0/cat?arg=<path>[&offset=&length=]`: a file's bytes. */
async function cat(ctx: RpcApiContext, req: IncomingMessage, res: ServerResponse, query: Query): Promise<void> {
  const { cid, path } = parseIpfsPath(query.args("ipfs-path")[0] as string);
  const offset = query.int("offset");
  const length = query.int("length");
  const stat = await ctx.fs.stat(cid, { path: path || undefined, offline: true });
  if (stat.type === "directory") throw new RpcError(`${cid}${path ? `/${path}` : ""} is a directory`);
  const source = ctx.fs.cat(stat.cid, { offset, length, offline: true })[Symbol.asyncIterator]();
  const first = await source.next(); // fail with a JSON error before any byte is sent
  res.writeHead(200, { "Content-Type": "text/plain", "X-Stream-Output": "1" });
  await pipeline(
    Readable.from(
      (async function* () {
        if (!first.done) yield first.value;
        for (let next = await source.next(); !next.done; next = await source.next()) yield next.value;
      })(),
    ),
    res,
  );
}

/** `POST /api/v0/block/get?arg=<cid>`: one raw block. */
async function blockGet(ctx: RpcApiContext, _req: IncomingMessage, res: ServerResponse, query: Query) {
  const { cid } = parseIpfsPath(query.args("cid")[0] as string);
  const block = await getBlock(ctx.helia.blockstore, cid);
  res.writeHead(200, { "Content-Type": "application/octet-stream", "Content-Length": String(block.length) });
  res.end(block);
}

/** `POST /api/v0/block/stat?arg=<cid>`: `{"Key","Size"}`. */
async function blockStat(ctx: RpcApiContext, _req: IncomingMessage, res: ServerResponse, query: Query) {
  const { cid } = parseIpfsPath(query.args("cid")[0] as string);
  const block = await getBlock(ctx.helia.blockstore, cid);
  sendJson(res, { Key: cid.toString(), Size: block.length });
}

/** `POST /api/v0/pin/add?arg=<cid>…[&recursive=false]`: `{"Pins":[…]}`. */
async function pinAdd(ctx: RpcApiContext, _req: IncomingMessage, res: ServerResponse, query: Query) {
  const recursive = query.bool("recursive", true);
  const pins: string[] = [];
  for (const arg of query.args("ipfs-path")) {
    const { cid, path } = parseIpfsPath(arg);
    const target = path ? (await ctx.fs.stat(cid, { path, offline: true })).cid : cid;
    try {
      for await (const _ of ctx.helia.pins.add(target, { depth: recursive ? Infinity : 0, offline: true } as never));
    } catch (error) {
      if ((error as Error).name !== "AlreadyPinnedError") throw error;
    }
    pins.push(target.toString());
  }
  sendJson(res, { Pins: pins });
}

/** `POST /api/v0/id`: the node's peer identity. It has no swarm addresses: it never dials peers. */
async function id(ctx: RpcApiContext, _req: IncomingMessage, res: ServerResponse) {
  sendJson(res, {
    ID: ctx.identity.peerId,
    PublicKey: ctx.identity.publicKey,
    Addresses: [],
    AgentVersion: `markspace-ipfs/${VERSION}`,
    Protocols: [],
  });
}

/** `POST /api/v0/version`. */
async function version(_ctx: RpcApiContext, _req: IncomingMessage, res: ServerResponse) {
  sendJson(res, { Version: VERSION, Commit: "", Repo: "markspace-1", System: `${arch}/${platform}`, Golang: "" });
}

function sendJson(res: ServerResponse, value: unknown) {
  const body = `${JSON.stringify(value)}\n`;
  res.writeHead(200, { "Content-Type": "application/json", "Content-Length": String(Buffer.byteLength(body)) });
  res.end(body);
}

function sendError(res: ServerResponse, error: RpcError) {
  const body = `${JSON.stringify({ Message: error.message, Code: error.code, Type: "error" })}\n`;
  res.writeHead(error.status, {
    "Content-Type": "application/json",
    "Content-Length": String(Buffer.byteLength(body)),
  });
  res.end(body);
}
