/**
 * A tile as it travels through IPFS: exactly the bytes whose SHA-256 is the tile hash
 * (`tracer/tile-hash.ts`): the format tag, width and height, the renderer version and the 8-bit
 * RGB pixels. Stored as one raw block, its CID (CIDv1, raw, sha2-256) is the tile hash itself, so
 * a Scheduler finds an accepted tile from the hash revealed on chain and the gateway's bytes are
 * checked against it on arrival. (PNG is for people; the assembled faces are PNG.)
 */
import { createHash } from "node:crypto";
import { CID } from "multiformats/cid";
import * as raw from "multiformats/codecs/raw";
import { create as createDigest } from "multiformats/hashes/digest";
import { sha256 } from "multiformats/hashes/sha2";
import { RenderInvalidInputError } from "./errors.ts";

const HEADER_TAG = "markspace-tile-rgb8-v1\0";
/** Largest payload stored as one block (the IPFS client's single-block limit). */
export const MAX_TILE_PAYLOAD_BYTES = 1024 * 1024;

export type TilePayload = { width: number; height: number; rendererVersion: string; rgb: Uint8Array };

/** The bytes whose SHA-256 is `tileHash` of the same tile. */
export function encodeTilePayload({ width, height, rendererVersion, rgb }: TilePayload): Uint8Array {
  if (rgb.length !== width * height * 3) {
    throw new RenderInvalidInputError({
      shortMessage: `encodeTilePayload: ${rgb.length} bytes given for ${width} × ${height} RGB pixels`,
    });
  }
  const tag = Buffer.from(HEADER_TAG, "latin1");
  const size = Buffer.alloc(8);
  size.writeUInt32BE(width, 0);
  size.writeUInt32BE(height, 4);
  const version = Buffer.from(`${rendererVersion}\0`, "utf8");
  const bytes = Buffer.concat([tag, size, version, rgb]);
  if (bytes.length > MAX_TILE_PAYLOAD_BYTES) {
    throw new RenderInvalidInputError({
      shortMessage: `A ${width} × ${height} tile is ${bytes.length} bytes, above the ${MAX_TILE_PAYLOAD_BYTES}-byte block limit`,
      hint: "Use a smaller tile size (at most 590 pixels square).",
    });
  }
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length);
}

/** Reads a payload back, refusing bytes that are not one (wrong tag, size or length). */
export function decodeTilePayload(bytes: Uint8Array): TilePayload {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  const bad = (why: string) => new RenderInvalidInputError({ shortMessage: `Not a tile payload: ${why}` });
  if (buffer.length < HEADER_TAG.length + 9 || buffer.toString("latin1", 0, HEADER_TAG.length) !== HEADER_TAG) {
    throw bad(`it does not start with "${HEADER_TAG.slice(0, -1)}"`);
  }
  const width = buffer.readUInt32BE(HEADER_TAG.length);
  const height = buffer.readUInt32BE(HEADER_TAG.length + 4);
  const versionStart = HEADER_TAG.length + 8;
  const versionEnd = buffer.indexOf(0, versionStart);
  if (versionEnd < 0) throw bad("the renderer version is not terminated");
  const rendererVersion = buffer.toString("utf8", versionStart, versionEnd);
  const rgb = bytes.subarray(versionEnd + 1);
  if (rgb.length !== width * height * 3) {
    throw bad(`${rgb.length} pixel bytes for ${width} × ${height}`);
  }
  return { width, height, rendererVersion, rgb };
}

/** The CID a tile payload is stored under, from its tile hash (`0x` + 64 hex digits). */
export function tilePayloadCid(hash: string): string {
  if (!/^0x[0-9a-fA-F]{64}$/.test(hash)) {
    throw new RenderInvalidInputError({ shortMessage: `Tile hash ${hash} is not 0x and 64 hex digits` });
  }
  return CID.createV1(raw.code, createDigest(sha256.code, Buffer.from(hash.slice(2), "hex"))).toString();
}

/** SHA-256 of a payload as a tile hash; equals `tileHash` of the tile it encodes. */
export function tilePayloadHash(bytes: Uint8Array): `0x${string}` {
  return `0x${createHash("sha256").update(bytes).digest("hex")}`;
}
