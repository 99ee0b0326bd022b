import { describe, expect, it } from "vitest";
import { IpfsInvalidCidError } from "./errors.ts";
import { SceneContentUnsupportedError, ZERO_DIGEST, sceneCidOf, sceneContentOf } from "./sceneContent.ts";

/** sha2-256("foo") as a raw-codec CIDv1, and the same digest as dag-pb (CIDv0 form too). */
const FOO_DIGEST = "0x2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae";
const FOO_RAW = "bafkreibme22gw2h7y2h7tg2fhqotaqjucnbc24deqo72b6mkl2egezxhvy";

describe("scene content", () => {
  it("splits a raw CIDv1 into digest and codec and rebuilds the same string", () => {
    const content = sceneContentOf(FOO_RAW);
    expect(content).toEqual({ digest: FOO_DIGEST, codec: 0x55n });
    expect(sceneCidOf(content)).toBe(FOO_RAW);
  });

  it("reads a CIDv0 as dag-pb and rebuilds it in v1 base32", () => {
    const v1 = sceneCidOf({ digest: FOO_DIGEST, codec: 0x70n })!;
    expect(v1.startsWith("bafybei")).toBe(true);
    expect(sceneContentOf(v1)).toEqual({ digest: FOO_DIGEST, codec: 0x70n });
  });

  it("treats the zero digest as no scene", () => {
    expect(sceneCidOf({ digest: ZERO_DIGEST, codec: 0x55n })).toBeUndefined();
  });

  it("refuses what the registry cannot hold, naming it", () => {
    expect(() => sceneContentOf("not-a-cid")).toThrow(IpfsInvalidCidError);
    // An identity-hashed CID (bafkqa…) is not sha2-256.
    expect(() => sceneContentOf("bafkqaaa")).toThrow(SceneContentUnsupportedError);
    expect(() => sceneCidOf({ digest: "0x1234", codec: 0x55n })).toThrow(/32-byte digest/);
  });
});
