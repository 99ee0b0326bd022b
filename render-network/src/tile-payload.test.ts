import { describe, expect, it } from "vitest";
import { CID } from "multiformats/cid";
import { computeRawCid } from "@markspace/ipfs/client";
import { decodeTilePayload, encodeTilePayload, tilePayloadCid, tilePayloadHash } from "./tile-payload.ts";
import { RENDERER_VERSION, tileHash } from "./tracer/index.ts";

const tile = {
  width: 3,
  height: 2,
  rendererVersion: RENDERER_VERSION,
  rgb: Uint8Array.from({ length: 18 }, (_, i) => i * 13),
};

describe("tile payloads", () => {
  it("hash to the tile hash, so the raw CID of the bytes is the hash the chain accepts", async () => {
    const bytes = encodeTilePayload(tile);
    expect(tilePayloadHash(bytes)).toBe(tileHash(tile));
    expect(tilePayloadCid(tileHash(tile))).toBe(await computeRawCid(bytes));
    expect(`0x${Buffer.from(CID.parse(tilePayloadCid(tileHash(tile))).multihash.digest).toString("hex")}`).toBe(
      tileHash(tile),
    );
  });

  it("decode back to the same tile", () => {
    const decoded = decodeTilePayload(encodeTilePayload(tile));
    expect(decoded).toMatchObject({ width: 3, height: 2, rendererVersion: RENDERER_VERSION });
    expect([...decoded.rgb]).toEqual([...tile.rgb]);
  });

  it("refuse bytes that are not a payload, naming what is wrong", () => {
    const bytes = encodeTilePayload(tile);
    expect(() => decodeTilePayload(bytes.subarray(0, bytes.length - 1))).toThrow(/17 pixel bytes for 3 × 2/);
    expect(() => decodeTilePayload(new TextEncoder().encode("a PNG, perhaps"))).toThrow(/does not start with/);
    expect(() => encodeTilePayload({ ...tile, rgb: tile.rgb.subarray(1) })).toThrow(/17 bytes given for 3 × 2/);
    expect(() => encodeTilePayload({ ...tile, width: 600, height: 600, rgb: new Uint8Array(600 * 600 * 3) })).toThrow(
      /above the 1048576-byte block limit/,
    );
    expect(() => tilePayloadCid("0x1234")).toThrow(/not 0x and 64 hex digits/);
  });
});
