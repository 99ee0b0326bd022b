/**
 * Fetches content of any size from an IPFS path gateway without trusting it, as the trustless
 * gateway specification intends:
 *
 * - a raw-codec CID (one block) is asked for as `?format=raw` and its bytes hashed;
 * - a dag-pb CID (a UnixFS file of many blocks) is asked for as one CAR (`?format=car`), read as
 *   a stream with `@ipld/car`'s block iterator; every block is hashed against its CID as it
 *   arrives and must be the root or linked from a block already verified (a gateway cannot slip
 *   in blocks nobody asked for), then `ipfs-unixfs-exporter` reassembles the file from the
 *   verified blocks only. A missing or altered block fails the whole fetch.
 *
 * Progress is reported per verified block (file bytes so far of the size the root declares), so
 * a large model shows how far it is. Browser-safe: fetch, streams and multiformats only; the CAR
 * path (`fetchCarFile.ts`) is loaded on first use.
 */
import { CID } from "multiformats/cid";
import * as raw from "multiformats/codecs/raw";
import { identity } from "multiformats/hashes/identity";
import { sha256 } from "multiformats/hashes/sha2";
import {
  IpfsContentTooLargeError,
  IpfsInvalidCidError,
  IpfsRequestError,
  IpfsUnsupportedCidError,
  IpfsVerificationError,
} from "@markspace/ipfs/errors";

/** How far a fetch is: verified bytes of the content, of `total` when the size is known yet. */
export type ContentProgress = { received: number; total: number | undefined };

export type FetchVerifiedContentOptions = {
  /** Refuse content larger than this many bytes (checked on the declared size before downloading). */
  maxBytes: number;
  signal?: AbortSignal;
  /** Called after every verified block (and once at the end with `received === total`). */
  onProgress?: (progress: ContentProgress) => void;
  /** A fetch implementation; the global one by default. */
  fetch?: typeof fetch;
};

/** The dag-pb codec: UnixFS files of more than one block. */
const DAG_PB_CODE = 0x70;

/** Verified bytes of `cid` (raw or dag-pb UnixFS file, sha2-256 or identity hashes). */
export async function fetchVerifiedContent(
  gatewayUrl: string,
  cid: string,
  options: FetchVerifiedContentOptions,
): Promise<Uint8Array> {
  const root = parseCid(cid);
  const name = root.toString();
  if (root.multihash.code === identity.code) {
    // The content is inside the CID: nothing to fetch and nothing to trust.
    if (root.code !== raw.code) throw new IpfsUnsupportedCidError(name, "an identity CID must use the raw codec");
    return limit(name, root.multihash.digest.slice(), options);
  }
  if (root.multihash.code !== sha256.code) {
    throw new IpfsUnsupportedCidError(name, `hash 0x${root.multihash.code.toString(16)} is not sha2-256 (0x12)`);
  }
  if (root.code === raw.code) return fetchRawBlock(gatewayUrl, root, options);
  if (root.code === DAG_PB_CODE) {
    // Loaded on first use: pages whose content is all single blocks never download the CAR reader.
    const { fetchCarFile } = await import("./fetchCarFile.ts");
    return fetchCarFile(gatewayUrl, root, options);
  }
  throw new IpfsUnsupportedCidError(name, `codec 0x${root.code.toString(16)} is neither raw (0x55) nor dag-pb (0x70)`);
}

async function fetchRawBlock(gatewayUrl: string, cid: CID, options: FetchVerifiedContentOptions): Promise<Uint8Array> {
  const name = cid.toString();
  const url = `${gatewayUrl.replace(/\/+$/, "")}/ipfs/${name}?format=raw`;
  const response = await request(url, "application/vnd.ipld.raw", options);
  const declared = declaredLength(response);
  if (declared !== undefined && declared > options.maxBytes) {
    await response.body?.cancel().catch(() => {});
    throw new IpfsContentTooLargeError(name, options.maxBytes, declared);
  }
  const chunks: Uint8Array[] = [];
  let received = 0;
  for await (const chunk of bodyChunks(response)) {
    received += chunk.length;
    if (received > options.maxBytes) throw new IpfsContentTooLargeError(name, options.maxBytes);
    chunks.push(chunk);
    options.onProgress?.({ received, total: declared });
  }
  const bytes = concat(chunks, received);
  await verifyBlock(cid, bytes);
  options.onProgress?.({ received, total: received });
  return bytes;
}

/** Hashes a block and compares with its CID's sha2-256 multihash (identity CIDs carry their bytes). */
export async function verifyBlock(cid: CID, bytes: Uint8Array): Promise<void> {
  const name = cid.toString();
  if (cid.multihash.code === identity.code) {
    if (!equalBytes(cid.multihash.digest, bytes)) throw new IpfsVerificationError(name, "identity CID bytes differ");
    return;
  }
  if (cid.multihash.code !== sha256.code) {
    throw new IpfsUnsupportedCidError(name, `hash 0x${cid.multihash.code.toString(16)} is not sha2-256 (0x12)`);
  }
  const digest = await sha256.digest(bytes);
  if (!equalBytes(digest.digest, cid.multihash.digest)) {
    throw new IpfsVerificationError(
      name,
      `expected sha2-256 ${toHex(cid.multihash.digest)}, got ${toHex(digest.digest)} for ${bytes.length} bytes`,
    );
  }
}

function limit(name: string, bytes: Uint8Array, options: FetchVerifiedContentOptions): Uint8Array {
  if (bytes.length > options.maxBytes) throw new IpfsContentTooLargeError(name, options.maxBytes, bytes.length);
  options.onProgress?.({ received: bytes.length, total: bytes.length });
  return bytes;
}

function parseCid(value: string): CID {
  try {
    return CID.parse(value.trim());
  } catch (error) {
    throw new IpfsInvalidCidError(value, error);
  }
}

export async function request(url: string, accept: string, options: FetchVerifiedContentOptions): Promise<Response> {
  let response: Response;
  try {
    response = await (options.fetch ?? fetch)(url, { headers: { Accept: accept }, signal: options.signal });
  } catch (error) {
    throw new IpfsRequestError(url, undefined, (error as Error).message, error);
  }
  if (!response.ok) {
    const body = (await response.text().catch(() => "")).slice(0, 500).trim();
    throw new IpfsRequestError(url, response.status, body || response.statusText);
  }
  return response;
}

function declaredLength(response: Response): number | undefined {
  const value = Number(response.headers.get("content-length") ?? Number.NaN);
  return Number.isFinite(value) ? value : undefined;
}

/** The body's chunks through a reader (Safari's ReadableStream is not async-iterable). */
export async function* bodyChunks(response: Response): AsyncGenerator<Uint8Array> {
  if (!response.body) {
    yield new Uint8Array(await response.arrayBuffer());
    return;
  }
  const reader = response.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    // Stopped early (a bad block, an abort): tell the server to stop sending.
    await reader.cancel().catch(() => {});
  }
}

function concat(chunks: Uint8Array[], length: number): Uint8Array {
  if (chunks.length === 1 && chunks[0]!.length === length) return chunks[0]!;
  const bytes = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  return bytes;
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
}
