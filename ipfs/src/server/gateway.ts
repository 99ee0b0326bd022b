/**
 * A read-only IPFS path gateway (`GET`/`HEAD /ipfs/<cid>[/<path>]`) over the node's local blocks.
 * It never asks the network: content this node does not hold is a 404 at once. Besides UnixFS
 * files it answers trustless requests for a raw block (`?format=raw`) or a CAR (`?format=car`,
 * CARv1 in depth-first order without duplicates; `dag-scope=all|entity|block` as the trustless
 * gateway specification defines them), which is how browsers verify large files block by block.
 *
 * All content shares this one origin, so nothing it serves may run script there: every answer
 * carries `Content-Security-Policy: sandbox` (HTML and SVG render without scripts, forms,
 * popups or access to the origin's storage) and `X-Content-Type-Options: nosniff`.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { UnixFS } from "@helia/unixfs";
import type { Helia } from "helia";
import { CID } from "multiformats/cid";
import { contentTypeFromName, SNIFF_BYTES, sniffContentType } from "./content-type.ts";
import { carStream, getBlock, isNotFound, UnsupportedCodecError } from "./dag.ts";
import { parseRange } from "./http.ts";
import { NoSuchPathError, statPath } from "./resolve-path.ts";

export type GatewayContext = { helia: Helia; fs: UnixFS };

const CORS_HEADERS = {
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Allow-Methods": "GET, HEAD, OPTIONS",
  "Access-Control-Allow-Headers": "Content-Type, Range, User-Agent, X-Requested-With",
  "Access-Control-Expose-Headers":
    "Content-Length, Content-Range, Content-Type, ETag, Accept-Ranges, X-Ipfs-Path, X-Content-Type-Options",
};
/**
 * Sent with every answer. `sandbox` without `allow-scripts` or `allow-same-origin` makes any
 * HTML or SVG document a script-less page in an opaque origin, as gateways without per-CID
 * subdomains must; `nosniff` stops browsers from treating text or bytes as HTML or script.
 */
export const SAFETY_HEADERS = {
  "Content-Security-Policy": "sandbox",
  "X-Content-Type-Options": "nosniff",
};
/** Content under a CID never changes: let browsers and proxies keep it for good. */
const IMMUTABLE = "public, max-age=29030400, immutable";
/** Files up to this size are read whole to sniff their type (glTF JSON needs a full parse). */
const SNIFF_WHOLE_MAX = 1024 * 1024;

type Format = "raw" | "car" | undefined;

/** A request handler for node:http serving the path gateway. */
export function createGatewayHandler(ctx: GatewayContext) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    const abort = new AbortController();
    res.on("close", () => abort.abort());
    handle(ctx, req, res, abort.signal).catch((error: unknown) => {
      try {
        if (res.headersSent) res.destroy();
        else sendText(res, 500, `internal error: ${error instanceof Error ? error.message : String(error)}`);
      } catch {
        res.destroy();
      }
    });
  };
}

async function handle(ctx: GatewayContext, req: IncomingMessage, res: ServerResponse, signal: AbortSignal) {
  for (const [name, value] of Object.entries({ ...CORS_HEADERS, ...SAFETY_HEADERS })) res.setHeader(name, value);
  if (req.method === "OPTIONS") {
    res.writeHead(204).end();
    return;
  }
  if (req.method !== "GET" && req.method !== "HEAD") {
    sendText(res, 405, `method ${req.method} is not allowed: this gateway is read-only (GET, HEAD)`, {
      Allow: "GET, HEAD, OPTIONS",
    });
    return;
  }
  let url: URL;
  try {
    url = new URL(req.url ?? "/", "http://gateway.invalid");
  } catch {
    sendText(res, 400, `malformed request target "${req.url}"`);
    return;
  }
  if (url.pathname === "/") {
    sendText(res, 200, "Markspace IPFS path gateway: GET /ipfs/<cid>[/<path>]\n");
    return;
  }
  const parts = url.pathname.split("/").slice(1);
  if (parts[0] !== "ipfs" || !parts[1]) {
    sendText(res, 404, `not found: ${url.pathname} (this gateway serves /ipfs/<cid>[/<path>] only)`);
    return;
  }
  let segments: string[];
  try {
    segments = parts.slice(1).map((part) => decodeURIComponent(part));
  } catch {
    sendText(res, 400, `invalid path: ${url.pathname} is not correctly percent-encoded`);
    return;
  }
  const [cidText = "", ...rest] = segments;
  let root: CID;
  try {
    root = CID.parse(cidText);
  } catch (error) {
    sendText(res, 400, `invalid CID "${cidText}": ${(error as Error).message}`);
    return;
  }
  const subPath = rest.filter((segment) => segment !== "").join("/");
  const ipfsPath = `/ipfs/${root}${subPath ? `/${subPath}` : ""}`;
  // Percent-encoded: a header may not carry the line breaks or non-Latin-1 names a path can.
  res.setHeader("X-Ipfs-Path", ipfsPath.split("/").map(encodeURIComponent).join("/"));

  const format = requestedFormat(url, req.headers.accept);
  if (format instanceof Error) {
    sendText(res, 400, format.message);
    return;
  }
  try {
    const needsStat = subPath !== "" || format === undefined;
    const stat = needsStat ? await statPath(ctx.fs, root, subPath, signal) : undefined;
    const target = stat?.cid ?? root;
    if (format === "raw") return await serveRawBlock(ctx, req, res, target, signal);
    if (format === "car") {
      const scope = dagScope(url);
      if (scope instanceof Error) {
        sendText(res, 400, scope.message);
        return;
      }
      return await serveCar(ctx, req, res, target, scope, signal);
    }
    if (!stat) throw new Error("unreachable: stat is read for UnixFS responses");
    if (stat.type === "directory") return await serveDirectory(ctx, req, res, url, target, ipfsPath, signal);
    const name = subPath.split("/").at(-1) ?? "";
    return await serveFile(ctx, req, res, target, Number(stat.size), name, signal);
  } catch (error) {
    if ((error as Error).name === "BlockNotFoundWhileOfflineError") {
      sendText(res, 404, `${ipfsPath}: not found (this node serves only content it holds and never asks the network)`);
    } else if (error instanceof NoSuchPathError) {
      sendText(res, 404, `${error.shortMessage}: ${error.details}`);
    } else if (isNotFound(error) || ["NotADirectoryError", "BadPathError"].includes((error as Error).name)) {
      sendText(res, 404, `${ipfsPath}: not found (${(error as Error).message})`);
    } else if (["NotUnixFSError", "NoResolverError"].includes((error as Error).name)) {
      sendText(res, 501, `${ipfsPath} is not UnixFS content; ask for it with ?format=raw`);
    } else if (error instanceof UnsupportedCodecError) {
      sendText(res, 501, `${ipfsPath}: ${error.shortMessage}`);
    } else {
      throw error;
    }
  }
}

function requestedFormat(url: URL, accept: string | undefined): Format | Error {
  const format = url.searchParams.get("format");
  if (format !== null) {
    if (format === "raw" || format === "car") return format;
    return new Error(`unsupported format "${format}": this gateway answers format=raw and format=car`);
  }
  if (accept?.includes("application/vnd.ipld.raw")) return "raw";
  if (accept?.includes("application/vnd.ipld.car")) return "car";
  return undefined;
}

type DagScope = "all" | "entity" | "block";

/** `dag-scope` of a CAR request: `all` (default), `entity` (a file's blocks: all of them here) or `block` (the root only). */
function dagScope(url: URL): DagScope | Error {
  const scope = url.searchParams.get("dag-scope") ?? "all";
  if (scope === "all" || scope === "entity" || scope === "block") return scope;
  return new Error(`unsupported dag-scope "${scope}": this gateway answers dag-scope=all, entity or block`);
}

async function serveRawBlock(
  ctx: GatewayContext,
  req: IncomingMessage,
  res: ServerResponse,
  cid: CID,
  signal: AbortSignal,
): Promise<void> {
  const etag = `"${cid}.raw"`;
  if (notModified(req, res, etag)) return;
  const block = await getBlock(ctx.helia.blockstore, cid, { signal });
  const headers = {
    "Content-Type": "application/vnd.ipld.raw",
    "Content-Disposition": `attachment; filename="${cid}.bin"`,
    ETag: etag,
    "Cache-Control": IMMUTABLE,
    Vary: "Accept",
  };
  sendBuffer(req, res, block, headers);
}

async function serveCar(
  ctx: GatewayContext,
  req: IncomingMessage,
  res: ServerResponse,
  cid: CID,
  scope: DagScope,
  signal: AbortSignal,
): Promise<void> {
  const etag = `"${cid}.car${scope === "all" ? "" : `.${scope}`}"`;
  if (notModified(req, res, etag)) return;
  // A UnixFS file's entity is its whole DAG, so `entity` walks it all; `block` stops at the root.
  const car = await carStream(ctx.helia.blockstore, cid, { signal, maxDepth: scope === "block" ? 0 : Infinity });
  res.writeHead(200, {
    "Content-Type": "application/vnd.ipld.car; version=1; order=dfs; dups=n",
    "Content-Disposition": `attachment; filename="${cid}.car"`,
    ETag: etag,
    "Cache-Control": IMMUTABLE,
    Vary: "Accept",
  });
  if (req.method === "HEAD") {
    res.end();
    return;
  }
  await pipeline(Readable.from(car), res);
}

async function serveFile(
  ctx: GatewayContext,
  req: IncomingMessage,
  res: ServerResponse,
  cid: CID,
  size: number,
  name: string,
  signal: AbortSignal,
): Promise<void> {
  const etag = `"${cid}"`;
  if (notModified(req, res, etag)) return;
  const readAll = size <= SNIFF_WHOLE_MAX;
  const start = readAll ? await read(ctx, cid, 0, size, signal) : await read(ctx, cid, 0, SNIFF_BYTES, signal);
  const contentType = contentTypeFromName(name) ?? sniffContentType(start, readAll ? start : undefined);
  const headers = { "Content-Type": contentType, ETag: etag, "Cache-Control": IMMUTABLE };
  if (readAll) {
    sendBuffer(req, res, start, headers);
    return;
  }
  const range = parseRange(req.headers.range, size);
  if (range === "unsatisfiable") {
    sendText(res, 416, `range ${req.headers.range} is outside the ${size}-byte file`, {
      "Content-Range": `bytes */${size}`,
    });
    return;
  }
  const offset = range?.start ?? 0;
  const length = range ? range.end - range.start + 1 : size;
  res.writeHead(range ? 206 : 200, {
    ...headers,
    "Accept-Ranges": "bytes",
    "Content-Length": String(length),
    ...(range ? { "Content-Range": `bytes ${range.start}-${range.end}/${size}` } : {}),
  });
  if (req.method === "HEAD") {
    res.end();
    return;
  }
  await pipeline(Readable.from(ctx.fs.cat(cid, { offset, length, offline: true, signal })), res);
}

async function serveDirectory(
  ctx: GatewayContext,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  cid: CID,
  ipfsPath: string,
  signal: AbortSignal,
): Promise<void> {
  if (!url.pathname.endsWith("/")) {
    // Relative links inside a directory's pages only work under a trailing slash.
    res.writeHead(301, { Location: `${url.pathname}/${url.search}` }).end();
    return;
  }
  try {
    const index = await ctx.fs.stat(cid, { path: "index.html", offline: true, signal });
    if (index.type !== "directory") {
      return await serveFile(ctx, req, res, index.cid, Number(index.size), "index.html", signal);
    }
  } catch (error) {
    if (!isNotFound(error)) throw error;
  }
  const rows: string[] = [];
  for await (const entry of ctx.fs.ls(cid, { offline: true, signal })) {
    const href = encodeURIComponent(entry.name);
    rows.push(`<li><a href="${href}">${escapeHtml(entry.name)}</a> <small>${entry.cid}</small></li>`);
  }
  const html = `<!doctype html><meta charset="utf-8"><title>${escapeHtml(ipfsPath)}</title><h1>${escapeHtml(
    ipfsPath,
  )}</h1><ul>${rows.join("")}</ul>\n`;
  sendBuffer(req, res, Buffer.from(html), {
    "Content-Type": "text/html; charset=utf-8",
    ETag: `"DirIndex-${cid}"`,
    "Cache-Control": IMMUTABLE,
  });
}

async function read(ctx: GatewayContext, cid: CID, offset: number, length: number, signal: AbortSignal) {
  const chunks: Uint8Array[] = [];
  for await (const chunk of ctx.fs.cat(cid, { offset, length, offline: true, signal })) chunks.push(chunk);
  return Buffer.concat(chunks);
}

function notModified(req: IncomingMessage, res: ServerResponse, etag: string): boolean {
  const header = req.headers["if-none-match"];
  if (!header) return false;
  const tags = header.split(",").map((tag) => tag.trim().replace(/^W\//, ""));
  if (!tags.includes(etag) && !tags.includes("*")) return false;
  res.writeHead(304, { ETag: etag, "Cache-Control": IMMUTABLE }).end();
  return true;
}

/** Sends an in-memory body, honouring a single byte range and HEAD. */
function sendBuffer(req: IncomingMessage, res: ServerResponse, body: Uint8Array, headers: Record<string, string>) {
  const range = parseRange(req.headers.range, body.length);
  if (range === "unsatisfiable") {
    sendText(res, 416, `range ${req.headers.range} is outside the ${body.length}-byte content`, {
      "Content-Range": `bytes */${body.length}`,
    });
    return;
  }
  const slice = range ? body.subarray(range.start, range.end + 1) : body;
  res.writeHead(range ? 206 : 200, {
    ...headers,
    "Accept-Ranges": "bytes",
    "Content-Length": String(slice.length),
    ...(range ? { "Content-Range": `bytes ${range.start}-${range.end}/${body.length}` } : {}),
  });
  res.end(req.method === "HEAD" ? undefined : slice);
}

function sendText(res: ServerResponse, status: number, message: string, headers: Record<string, string> = {}) {
  const body = message.endsWith("\n") ? message : `${message}\n`;
  res.writeHead(status, {
    ...headers,
    "Content-Type": "text/plain; charset=utf-8",
    "Content-Length": String(Buffer.byteLength(body)),
    "Cache-Control": "no-cache",
  });
  res.end(body);
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
