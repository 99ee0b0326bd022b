/**
 * The subset of the Kubo RPC API (`/api/v0/…`) Markspace and common Kubo clients use: add, cat,
 * block/get, block/stat, pin/add, repo/stat, id and version. Answers have Kubo's shapes (NDJSON
 * for add, `{"Message","Code","Type":"error"}` for errors) so code written for Kubo works
 * unchanged. Like Kubo it accepts POST only and refuses cross-origin browser requests; unlike
 * Kubo it also refuses any `Host` that is not loopback, its own address or allowed (DNS
 * rebinding). No request can take the node down: every failure becomes an error answer.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { arch, platform } from "node:process";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { UnixFS } from "@helia/unixfs";
import type { CID } from "multiformats/cid";
import { VERSION } from "../version.ts";
import { add, type AddContext } from "./add.ts";
import { getBlock } from "./dag.ts";
import type { NodeIdentity } from "./identity.ts";
import { pinDag } from "./pin.ts";
import { statPath } from "./resolve-path.ts";
import { clientError, KuboErrorCode, RpcError, toRpcError } from "./rpc-error.ts";
import { parseIpfsPath, Query } from "./rpc-query.ts";

export type RpcApiContext = AddContext & {
  fs: UnixFS;
  identity: NodeIdentity;
  /** True for the `Host` header values this API answers (see host-check.ts). */
  isAllowedHost: (host: string | undefined) => boolean;
};

type Command = (ctx: RpcApiContext, req: IncomingMessage, res: ServerResponse, query: Query) => Promise<void>;

const COMMANDS: Record<string, Command> = {
  add,
  cat,
  "block/get": blockGet,
  "block/stat": blockStat,
  "pin/add": pinAdd,
  "repo/stat": repoStat,
  id,
  version,
};

/** A request handler for node:http serving `/api/v0/*`. */
export function createRpcApiHandler(ctx: RpcApiContext) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    handle(ctx, req, res).catch((error: unknown) => {
      try {
        if (res.headersSent) res.destroy();
        else sendError(req, res, toRpcError(error));
      } catch {
        res.destroy();
      }
    });
  };
}

/** Kubo's error body, the same for errors from handlers and from the HTTP parser. */
export function kuboErrorBody(message: string, code: KuboErrorCode): string {
  return `${JSON.stringify({ Message: message, Code: code, Type: "error" })}\n`;
}

async function handle(ctx: RpcApiContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const host = req.headers.host;
  if (!ctx.isAllowedHost(host)) {
    throw new RpcError({
      shortMessage: `host "${host ?? ""}" is not allowed to use this API`,
      hint: "use localhost, 127.0.0.1, [::1] or the address the node listens on, or allow the name with --api-allowed-hosts",
      code: KuboErrorCode.Client,
      status: 403,
    });
  }
  let url: URL;
  try {
    url = new URL(req.url ?? "/", `http://${host}`);
  } catch {
    throw clientError(`malformed request target "${req.url}"`);
  }
  const match = /^\/api\/v0\/(.+?)\/?$/.exec(url.pathname);
  const command = match?.[1] ? COMMANDS[match[1]] : undefined;
  if (!command) {
    throw new RpcError({ shortMessage: `unknown command "${url.pathname}"`, code: KuboErrorCode.NotFound });
  }
  if (req.method !== "POST") {
    res.setHeader("Allow", "POST");
    throw clientError(`method ${req.method} not allowed: the RPC API accepts POST only`, { status: 405 });
  }
  // Browsers may POST multipart forms cross-origin without a preflight; Kubo refuses them too.
  const origin = req.headers.origin ?? originOf(req.headers.referer);
  if (origin !== undefined && origin !== `http://${host}`) {
    throw clientError(`origin ${origin} is not allowed to use this API`, { status: 403 });
  }
  await command(ctx, req, res, new Query(url.searchParams));
}

function originOf(referer: string | undefined): string | undefined {
  if (referer === undefined) return undefined;
  try {
    return new URL(referer).origin;
  } catch {
    return "null";
  }
}

/** An `/ipfs/` path or CID → the CID it names, following the path inside it if there is one. */
async function resolve(ctx: RpcApiContext, arg: string, signal: AbortSignal): Promise<CID> {
  const { cid, path } = parseIpfsPath(arg);
  if (!path) return cid;
  return (await statPath(ctx.fs, cid, path, signal)).cid;
}

/** `POST /api/v0/cat?arg=<path>[&offset=&length=]`: a file's bytes. */
async function cat(ctx: RpcApiContext, req: IncomingMessage, res: ServerResponse, query: Query): Promise<void> {
  const arg = query.arg("ipfs-path");
  const offset = query.int("offset") ?? 0;
  const length = query.int("length");
  const signal = closeSignal(res);
  const { cid, path } = parseIpfsPath(arg);
  const stat = await statPath(ctx.fs, cid, path, signal);
  if (stat.type === "directory") throw clientError(`${arg} is a directory, not a file`);
  const size = Number(stat.size);
  if (offset > size) throw clientError(`offset was past the end of file (${offset} > ${size})`);
  const source = ctx.fs.cat(stat.cid, { offset, length, offline: true, signal })[Symbol.asyncIterator]();
  const first = await source.next(); // fail with a JSON error before any byte is sent
  res.writeHead(200, { "Content-Type": "text/plain", "X-Stream-Output": "1", "X-Content-Length": String(size) });
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
  const signal = closeSignal(res);
  const cid = await resolve(ctx, query.arg("cid"), signal);
  const block = await getBlock(ctx.helia.blockstore, cid, { signal });
  res.writeHead(200, { "Content-Type": "application/octet-stream", "Content-Length": String(block.length) });
  res.end(block);
}

/** `POST /api/v0/block/stat?arg=<cid>`: `{"Key","Size"}`. */
async function blockStat(ctx: RpcApiContext, _req: IncomingMessage, res: ServerResponse, query: Query) {
  const signal = closeSignal(res);
  const cid = await resolve(ctx, query.arg("cid"), signal);
  const block = await getBlock(ctx.helia.blockstore, cid, { signal });
  sendJson(res, { Key: cid.toString(), Size: block.length });
}

/**
 * `POST /api/v0/pin/add?arg=<cid>…[&recursive=false]`: `{"Pins":[…]}`. Every argument is
 * resolved and checked to be complete before anything is pinned.
 */
async function pinAdd(ctx: RpcApiContext, _req: IncomingMessage, res: ServerResponse, query: Query) {
  const recursive = query.bool("recursive", true);
  const signal = closeSignal(res);
  const targets: CID[] = [];
  for (const arg of query.args("ipfs-path")) targets.push(await resolve(ctx, arg, signal));
  for (const target of targets) await pinDag(ctx.helia, target, { recursive, checkComplete: true, signal });
  sendJson(res, { Pins: targets.map(String) });
}

/** `POST /api/v0/repo/stat`: what the blockstore holds against its quota (Kubo's fields). */
async function repoStat(ctx: RpcApiContext, _req: IncomingMessage, res: ServerResponse) {
  sendJson(res, {
    RepoSize: ctx.quota.usedBytes,
    StorageMax: ctx.quota.maxBytes,
    NumObjects: ctx.quota.blockCount,
    RepoPath: "",
    Version: "fs-repo@markspace-1",
  });
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

/** Aborts when the response closes (sent, or the client went away), so reads stop with it. */
function closeSignal(res: ServerResponse): AbortSignal {
  const controller = new AbortController();
  res.once("close", () => controller.abort());
  return controller.signal;
}

function sendJson(res: ServerResponse, value: unknown) {
  const body = `${JSON.stringify(value)}\n`;
  res.writeHead(200, { "Content-Type": "application/json", "Content-Length": String(Buffer.byteLength(body)) });
  res.end(body);
}

function sendError(req: IncomingMessage, res: ServerResponse, error: RpcError) {
  const body = kuboErrorBody(error.kuboMessage, error.code);
  res.writeHead(error.status, {
    ...error.headers,
    "Content-Type": "application/json",
    "Content-Length": String(Buffer.byteLength(body)),
  });
  res.end(body, () => endUnreadRequest(req));
}

/** How long a client still sending a refused body has to read the answer before the connection is cut. */
const LINGER_MS = 2000;

/**
 * After an error answer to a request whose body was not read to its end (a refused upload, a
 * client still sending), node:http would keep the connection waiting for a body nobody reads.
 * End it instead: the answer goes out first, then FIN; the client, having read it, stops
 * sending, and the socket is closed for good a moment later.
 */
function endUnreadRequest(req: IncomingMessage): void {
  if (req.complete || req.destroyed) return;
  const socket = req.socket;
  socket.end();
  setTimeout(() => socket.destroy(), LINGER_MS).unref();
}
