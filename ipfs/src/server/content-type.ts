/**
 * Content-Type for gateway responses: from the file name's extension when it has a known one,
 * otherwise sniffed from the bytes. Covers what Markspace scenes hold (JSON manifests, glTF/GLB
 * models, PNG/JPEG/WebP/GIF images) plus text.
 */

const BY_EXTENSION: Record<string, string> = {
  json: "application/json",
  gltf: "model/gltf+json",
  glb: "model/gltf-binary",
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  webp: "image/webp",
  gif: "image/gif",
  svg: "image/svg+xml",
  ktx2: "image/ktx2",
  bin: "application/octet-stream",
  txt: "text/plain; charset=utf-8",
  html: "text/html; charset=utf-8",
  css: "text/css; charset=utf-8",
  js: "text/javascript; charset=utf-8",
  car: "application/vnd.ipld.car",
};

/** How many leading bytes `sniffContentType` needs to tell binary formats apart. */
export const SNIFF_BYTES = 512;

/** The type a file name's extension implies, if we know it. */
export function contentTypeFromName(name: string): string | undefined {
  const dot = name.lastIndexOf(".");
  if (dot < 0) return undefined;
  return BY_EXTENSION[name.slice(dot + 1).toLowerCase()];
}

/**
 * Sniffs bytes. `head` is the start of the content; `whole` is all of it when the caller could
 * afford to read it (needed to tell glTF JSON from other JSON).
 */
export function sniffContentType(head: Uint8Array, whole?: Uint8Array): string {
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "image/png";
  if (startsWith(head, [0xff, 0xd8, 0xff])) return "image/jpeg";
  if (startsWith(head, [0x67, 0x6c, 0x54, 0x46])) return "model/gltf-binary"; // "glTF"
  if (startsWith(head, [0x47, 0x49, 0x46, 0x38])) return "image/gif";
  if (startsWith(head, [0x52, 0x49, 0x46, 0x46]) && startsWith(head.subarray(8), [0x57, 0x45, 0x42, 0x50])) {
    return "image/webp";
  }
  if (startsWith(head, [0x25, 0x50, 0x44, 0x46])) return "application/pdf";
  const text = decodeUtf8(whole ?? head);
  if (text === undefined) return "application/octet-stream";
  const trimmed = text.trimStart();
  if (whole && (trimmed.startsWith("{") || trimmed.startsWith("["))) {
    try {
      const value = JSON.parse(text) as unknown;
      if (isGltfJson(value)) return "model/gltf+json";
      return "application/json";
    } catch {
      // text that merely starts like JSON
    }
  }
  if (/^<(!doctype html|html)/i.test(trimmed)) return "text/html; charset=utf-8";
  return "text/plain; charset=utf-8";
}

function isGltfJson(value: unknown): boolean {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const asset = (value as { asset?: unknown }).asset;
  return typeof asset === "object" && asset !== null && typeof (asset as { version?: unknown }).version === "string";
}

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return bytes.length >= prefix.length && prefix.every((byte, i) => bytes[i] === byte);
}

/** UTF-8 text without control characters other than whitespace, or undefined for binary. */
function decodeUtf8(bytes: Uint8Array): string | undefined {
  let text: string;
  try {
    // A head cut in the middle of a multi-byte character is still text: ignore a broken tail.
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    try {
      text = new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(0, Math.max(0, bytes.length - 3)));
    } catch {
      return undefined;
    }
  }
  // eslint-disable-next-line no-control-regex
  return /[\u0000-\u0008\u000e-\u001f]/.test(text) ? undefined : text;
}
