/**
 * A unit's scene pointer as the registry stores it: the sha2-256 digest of the manifest's CID
 * and the CID's multicodec (`UnitRegistry.setContent(unitId, digest, codec)`), and back to the
 * CIDv1 string (base32) that IPFS and the subgraph print. Browser-safe.
 */
import { CID } from "multiformats/cid";
import { create as createDigest } from "multiformats/hashes/digest";
import { sha256 } from "multiformats/hashes/sha2";
import { IpfsError, IpfsInvalidCidError } from "./errors.ts";

/** Multicodecs the registry stores (raw, dag-pb, dag-cbor, dag-json). */
export const SCENE_CODECS = [0x55, 0x70, 0x71, 0x0129] as const;

export type SceneContent = { digest: `0x${string}`; codec: bigint };

/** The zero digest: `setContent(unitId, ZERO_DIGEST, 0x55)` clears a unit's scene. */
export const ZERO_DIGEST = `0x${"00".repeat(32)}` as const;

/** Thrown for a CID the registry cannot hold (not sha2-256, or another codec). */
export class SceneContentUnsupportedError extends IpfsError {
  override name = "SceneContentUnsupportedError";
}

/** Splits a CID (v0 or v1, any base) into what `setContent` takes; throws naming the problem. */
export function sceneContentOf(cidText: string): SceneContent {
  let cid: CID;
  try {
    cid = CID.parse(cidText.trim());
  } catch (error) {
    throw new IpfsInvalidCidError(cidText, error);
  }
  if (cid.multihash.code !== sha256.code) {
    throw new SceneContentUnsupportedError({
      shortMessage: `CID ${cidText} is not hashed with sha2-256 (multihash 0x${cid.multihash.code.toString(16)})`,
      hint: "Add the file to IPFS with the default sha2-256 hash.",
    });
  }
  if (!(SCENE_CODECS as readonly number[]).includes(cid.code)) {
    throw new SceneContentUnsupportedError({
      shortMessage: `CID ${cidText} has codec 0x${cid.code.toString(16)}; a scene must be raw, dag-pb, dag-cbor or dag-json`,
    });
  }
  const hex = Array.from(cid.multihash.digest, (byte) => byte.toString(16).padStart(2, "0")).join("");
  return { digest: `0x${hex}`, codec: BigInt(cid.code) };
}

/** The CIDv1 string of a stored scene pointer, or `undefined` for the zero digest (no scene). */
export function sceneCidOf({ digest, codec }: SceneContent): string | undefined {
  if (!/^0x[0-9a-fA-F]{64}$/.test(digest)) {
    throw new SceneContentUnsupportedError({ shortMessage: `Not a 32-byte digest: ${digest}` });
  }
  if (digest === ZERO_DIGEST) return undefined;
  const bytes = Uint8Array.from(digest.slice(2).match(/../g)!, (pair) => parseInt(pair, 16));
  return CID.createV1(Number(codec), createDigest(sha256.code, bytes)).toString();
}
