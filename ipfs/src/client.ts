/**
 * A small IPFS client that speaks the Kubo RPC `add` endpoint and the path gateway protocol,
 * so it works against the embedded node, a real Kubo node or a pinning service that offers the
 * Kubo API. Browser-safe (fetch, FormData, Uint8Array and multiformats only): the app imports
 * `fetchVerified` from here to load scene content without trusting the gateway.
 */
import { CID } from "multiformats/cid";
import * as raw from "multiformats/codecs/raw";
import { identity } from "multiformats/hashes/identity";
import { sha256 } from "multiformats/hashes/sha2";
import {
  IpfsContentTooLargeError,
  IpfsInvalidCidError,
  IpfsProtocolError,
  IpfsRequestError,
  IpfsUnsupportedCidError,
  IpfsVerificationError,
} from "./errors.ts";

/** Largest chunk Kubo accepts (`chunker=size-1048576`); content up to this size is one raw block. */
export const MAX_SINGLE_BLOCK_BYTES = 1024 * 1024;

export type IpfsRequestOptions = {
  /** Extra headers, e.g. `Authorization` for a pinning service. */
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** A fetch implementation; the global one by default. */
  fetch?: typeof fetch;
};

export type AddBytesOptions = IpfsRequestOptions & {
  /** File name sent in the multipart body (Kubo echoes it in `Name`). */
  name?: string;
  /** CID version; 1 by default. */
  cidVersion?: 0 | 1;
  /** Store leaves as raw blocks; true by default (Kubo's default for CIDv1). */
  rawLeaves?: boolean;
  /** Chunk size in bytes; 1 MiB by default so assets up to 1 MiB are one block. */
  chunkSize?: number;
  /** Pin the content on the node; true by default. */
  pin?: boolean;
};

/** One line of Kubo's `add` answer. `Size` is a decimal string: the DAG's cumulative size. */
export type KuboAddEntry = { Name: string; Hash: string; Size: string };

/**
 * Adds bytes through a Kubo-RPC `POST /api/v0/add` and returns the root CID. With the defaults
 * (CIDv1, raw leaves, 1 MiB chunks) content up to 1 MiB becomes a single raw block, and the CID
 * the node answers is checked against the one computed locally.
 */
export async function addBytes(apiUrl: string, bytes: Uint8Array, options: AddBytesOptions = {}): Promise<string> {
  const cidVersion = options.cidVersion ?? 1;
  const rawLeaves = options.rawLeaves ?? cidVersion === 1;
  const chunkSize = options.chunkSize ?? MAX_SINGLE_BLOCK_BYTES;
  const query = new URLSearchParams({
    "cid-version": String(cidVersion),
    "raw-leaves": String(rawLeaves),
    chunker: `size-${chunkSize}`,
    pin: String(options.pin ?? true),
  });
  const url = `${apiBase(apiUrl)}/add?${query}`;
  const form = new FormData();
  // Kubo URL-decodes multipart file names, so encode them the same way its own clients do.
  const fileName = encodeURIComponent(options.name ?? "file");
  form.append("file", new Blob([copyToArrayBuffer(bytes)], { type: "application/octet-stream" }), fileName);
  const response = await request(url, { method: "POST", body: form }, options);
  const text = await response.text();
  const entries = parseAddAnswer(url, text);
  const root = entries.at(-1);
  if (!root) throw new IpfsProtocolError(url, "the add answer has no entry with a Hash");
  if (cidVersion === 1 && rawLeaves && bytes.length <= chunkSize && bytes.length > 0) {
    const expected = await computeRawCid(bytes);
    if (root.Hash !== expected) {
      throw new IpfsProtocolError(url, `the node answered ${root.Hash} for content whose raw CID is ${expected}`);
    }
  }
  return root.Hash;
}

/** Adds a JSON document (UTF-8, no extra whitespace) and returns its CID. */
export async function addJson(apiUrl: string, value: unknown, options: AddBytesOptions = {}): Promise<string> {
  const bytes = new TextEncoder().encode(JSON.stringify(value));
  return addBytes(apiUrl, bytes, { name: "data.json", ...options });
}

/** The CIDv1 (raw codec, sha2-256) of bytes stored as one block — what `addBytes` yields for ≤ 1 MiB. */
export async function computeRawCid(bytes: Uint8Array): Promise<string> {
  return CID.createV1(raw.code, await sha256.digest(bytes)).toString();
}

export type FetchVerifiedOptions = IpfsRequestOptions & {
  /** Refuse content larger than this many bytes. */
  maxBytes: number;
};

/**
 * Fetches a single-block raw CID from a path gateway as a trustless raw block and checks the
 * bytes against the CID's sha2-256 multihash before returning them. Throws
 * `IpfsVerificationError` when they differ, `IpfsUnsupportedCidError` for other codecs or hashes,
 * `IpfsContentTooLargeError` past `maxBytes`, `IpfsRequestError` when the gateway fails.
 */
export async function fetchVerified(
  gatewayUrl: string,
  cid: string,
  options: FetchVerifiedOptions,
): Promise<Uint8Array> {
  const parsed = parseCid(cid);
  const name = parsed.toString();
  if (parsed.code !== raw.code) {
    throw new IpfsUnsupportedCidError(name, `codec 0x${parsed.code.toString(16)} is not raw (0x55)`);
  }
  if (parsed.multihash.code === identity.code) {
    // The bytes are inside the CID itself: nothing to fetch, nothing to trust.
    if (parsed.multihash.digest.length > options.maxBytes) {
      throw new IpfsContentTooLargeError(name, options.maxBytes, parsed.multihash.digest.length);
    }
    return parsed.multihash.digest.slice();
  }
  if (parsed.multihash.code !== sha256.code) {
    throw new IpfsUnsupportedCidError(name, `hash 0x${parsed.multihash.code.toString(16)} is not sha2-256 (0x12)`);
  }
  const url = `${gatewayUrl.replace(/\/+$/, "")}/ipfs/${name}?format=raw`;
  const response = await request(url, { headers: { Accept: "application/vnd.ipld.raw" } }, options);
  const bytes = await readLimited(response, name, options.maxBytes);
  const digest = await sha256.digest(bytes);
  if (!equalBytes(digest.digest, parsed.multihash.digest)) {
    throw new IpfsVerificationError(
      name,
      `expected sha2-256 ${toHex(parsed.multihash.digest)}, got ${toHex(digest.digest)} for ${bytes.length} bytes`,
    );
  }
  return bytes;
}

/** `fetchVerified` then UTF-8 decode and `JSON.parse`; the result is untrusted JSON to validate. */
export async function fetchVerifiedJson(
  gatewayUrl: string,
  cid: string,
  options: FetchVerifiedOptions,
): Promise<unknown> {
  const bytes = await fetchVerified(gatewayUrl, cid, options);
  try {
    return JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch (error) {
    throw new IpfsVerificationError(cid, `the content is not UTF-8 JSON: ${(error as Error).message}`);
  }
}

function parseCid(value: string): CID {
  try {
    return CID.parse(value.trim());
  } catch (error) {
    throw new IpfsInvalidCidError(value, error);
  }
}

function apiBase(apiUrl: string): string {
  const trimmed = apiUrl.replace(/\/+$/, "");
  return trimmed.endsWith("/api/v0") ? trimmed : `${trimmed}/api/v0`;
}

async function request(url: string, init: RequestInit, options: IpfsRequestOptions): Promise<Response> {
  const doFetch = options.fetch ?? fetch;
  let response: Response;
  try {
    response = await doFetch(url, {
      ...init,
      headers: { ...(init.headers as Record<string, string> | undefined), ...options.headers },
      signal: options.signal,
    });
  } catch (error) {
    throw new IpfsRequestError(url, undefined, (error as Error).message, error);
  }
  if (!response.ok) {
    const body = (await response.text().catch(() => "")).slice(0, 500);
    let details = body;
    try {
      const json = JSON.parse(body) as { Message?: unknown };
      if (typeof json.Message === "string") details = json.Message;
    } catch {
      // not Kubo's JSON error shape: keep the text
    }
    throw new IpfsRequestError(url, response.status, details || response.statusText);
  }
  return response;
}

/** Parses Kubo's NDJSON add answer, keeping lines with a Hash and failing on an error line. */
function parseAddAnswer(url: string, text: string): KuboAddEntry[] {
  const entries: KuboAddEntry[] = [];
  for (const line of text.split("\n")) {
    if (line.trim() === "") continue;
    let value: Record<string, unknown>;
    try {
      value = JSON.parse(line) as Record<string, unknown>;
    } catch {
      throw new IpfsProtocolError(url, `not an NDJSON line: ${line.slice(0, 200)}`);
    }
    if (value.Type === "error") throw new IpfsRequestError(url, 200, String(value.Message));
    if (typeof value.Hash !== "string") continue; // progress lines carry only Name and Bytes
    entries.push({ Name: String(value.Name ?? ""), Hash: value.Hash, Size: String(value.Size ?? "") });
  }
  return entries;
}

async function readLimited(response: Response, cid: string, maxBytes: number): Promise<Uint8Array> {
  const declared = Number(response.headers.get("content-length") ?? Number.NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel().catch(() => {});
    throw new IpfsContentTooLargeError(cid, maxBytes, declared);
  }
  if (!response.body) return new Uint8Array(await response.arrayBuffer());
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > maxBytes) {
      await reader.cancel().catch(() => {});
      throw new IpfsContentTooLargeError(cid, maxBytes);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  return bytes;
}

function copyToArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  const copy = new Uint8Array(bytes.length);
  copy.set(bytes);
  return copy.buffer;
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
}
