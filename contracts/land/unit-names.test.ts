import hre from "hardhat";
import { CID } from "multiformats/cid";
import { sha256 } from "multiformats/hashes/sha2";
import { bytesToHex, namehash, zeroAddress } from "viem";
import { beforeAll, describe, expect, it } from "vitest";
import {
  UNIT_NAME_PARENT_NODE,
  UnitContenthashError,
  UnitNameError,
  decodeUnitContenthash,
  encodeUnitContenthash,
  isNormalisedUnitName,
  normaliseUnitName,
  unitNameNode,
  unitNameProblem,
  type UnitNameProblem,
} from "./unit-names.ts";

/** Deterministic PRNG (mulberry32) so every run checks the same "random" labels. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Labels near every rule: mostly valid characters, sometimes a foreign one, lengths around the limits. */
function fuzzedLabels(count: number): string[] {
  const random = prng(0x6e616d65);
  const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789---";
  const foreign = ["A", "Z", ".", "_", " ", "é", "а", "ß", "😀", "\u0000", "/"];
  const labels: string[] = [];
  for (let i = 0; i < count; i++) {
    const length = [0, 1, 2, 3, 4, 5, 8, 20, 62, 63, 64, 70][Math.floor(random() * 12)]!;
    let label = "";
    for (let j = 0; j < length; j++) {
      label += random() < 0.03 ? foreign[Math.floor(random() * foreign.length)] : alphabet[Math.floor(random() * 39)];
    }
    labels.push(label);
  }
  // Shapes of unit addresses, and near misses.
  labels.push("r-0042-07-12-003", "r-0042-07-12-x017", "d5-0001-00-00-x12", "d-0042-07-12-003", "r-042-07-12-003");
  labels.push("d1234-0042-07-12-003", "c-0001-01-01-0001", "s-0001-01-01-x", "b-0001-01-01-1");
  return labels;
}

describe("unit-names", () => {
  describe("normaliseUnitName", () => {
    it("trims, folds ASCII case and drops the .markspace suffix", () => {
      expect(normaliseUnitName("  Alice  ")).toBe("alice");
      expect(normaliseUnitName("ALICE.MARKSPACE")).toBe("alice");
      expect(normaliseUnitName("my-Flat-42.markspace")).toBe("my-flat-42");
    });

    it("makes two spellings of one name the same label", () => {
      expect(normaliseUnitName("Alice")).toBe(normaliseUnitName("alice"));
      expect(unitNameNode(normaliseUnitName("ALICE"))).toBe(unitNameNode("alice"));
    });

    const refusals: Array<[string, UnitNameProblem, RegExp]> = [
      ["", "empty", /cannot be empty/],
      ["ab", "tooShort", /too short/],
      ["a".repeat(64), "tooLong", /too long/],
      ["café", "character", /contains "é"/],
      ["аррle", "character", /contains "а"/],
      ["my flat", "character", /contains " "/],
      ["a.b.c", "character", /contains "."/],
      ["-abc", "hyphenAtEdge", /hyphen/],
      ["xn--abc", "hyphensAt3And4", /third and fourth/],
      ["R-0042-07-12-003", "unitAddress", /reads as a unit's address/],
    ];
    for (const [input, problem, message] of refusals) {
      it(`refuses ${JSON.stringify(input)} (${problem}) and says why`, () => {
        let error: unknown;
        try {
          normaliseUnitName(input);
        } catch (thrown) {
          error = thrown;
        }
        expect(error).toBeInstanceOf(UnitNameError);
        expect((error as UnitNameError).problem).toBe(problem);
        expect((error as UnitNameError).shortMessage).toMatch(message);
        expect((error as UnitNameError).hint).toBeTruthy();
      });
    }

    it("explains a refusal with a short message, the input and a hint", () => {
      expect(() => normaliseUnitName("Café")).toThrowErrorMatchingInlineSnapshot(`
        [UnitNameError: Unit name "café" contains "é", which a name cannot
        Details: Input: "Café"
        Hint: Use only the letters a to z, the digits 0 to 9 and the hyphen (-).]
      `);
    });
  });

  describe("unitNameProblem", () => {
    it("accepts each rule's edge", () => {
      for (const label of ["abc", "a-b", "123", "abc--d", "a".repeat(63), "r2-0042-07-12-003", "r-0042-07-12-0031"]) {
        expect(unitNameProblem(label), label).toBeUndefined();
      }
    });
  });

  describe("unitNameNode", () => {
    it("is namehash of <label>.markspace", () => {
      expect(UNIT_NAME_PARENT_NODE).toBe(namehash("markspace"));
      for (const label of ["alice", "my-flat-42", "abc"])
        expect(unitNameNode(label)).toBe(namehash(`${label}.markspace`));
    });
  });

  describe("encodeUnitContenthash / decodeUnitContenthash", () => {
    // raw, dag-pb, dag-cbor, dag-json: one- and two-byte codec varints.
    for (const code of [0x55, 0x70, 0x71, 0x0129]) {
      it(`is e3 01 then the binary CIDv1 (codec 0x${code.toString(16)})`, async () => {
        const cid = CID.createV1(code, await sha256.digest(new TextEncoder().encode(`scene ${code}`)));
        const content = { digest: bytesToHex(cid.multihash.digest), codec: BigInt(code) };
        const contenthash = encodeUnitContenthash(content);
        expect(contenthash).toBe(`0xe301${bytesToHex(cid.bytes).slice(2)}`);
        expect(decodeUnitContenthash(contenthash)).toEqual(content);
      });
    }

    it("is empty for no scene, and decodes nothing else", () => {
      expect(encodeUnitContenthash({ digest: `0x${"00".repeat(32)}`, codec: 0x55n })).toBe("0x");
      expect(decodeUnitContenthash("0x")).toBeUndefined();
      // IPNS (e5 01) and a CIDv1 with another hash are not scenes.
      expect(decodeUnitContenthash(`0xe5010172002408011220${"11".repeat(32)}`)).toBeUndefined();
      expect(decodeUnitContenthash(`0xe30101551b20${"11".repeat(32)}`)).toBeUndefined();
      expect(decodeUnitContenthash(`0xe301015512${"11".repeat(32)}`)).toBeUndefined();
      expect(() => encodeUnitContenthash({ digest: "0x1234", codec: 0x55n })).toThrow(UnitContenthashError);
    });
  });

  describe("against the contract (UnitNames)", () => {
    let names: Awaited<ReturnType<typeof deployNames>>;
    async function deployNames() {
      const conn = await hre.network.connect();
      // The rules and the node are pure: any registry address will do.
      const [wallet] = await conn.viem.getWalletClients();
      return conn.viem.deployContract("UnitNames", [wallet?.account.address ?? zeroAddress]);
    }

    beforeAll(async () => {
      names = await deployNames();
    });

    it("accepts exactly the labels the helper accepts, for fuzzed labels", async () => {
      const labels = fuzzedLabels(300);
      const onChain = await Promise.all(labels.map((label) => names.read.isNormalised([label])));
      const mismatches = labels.filter((label, i) => onChain[i] !== isNormalisedUnitName(label));
      expect(mismatches).toEqual([]);
      // The fuzzing reaches both sides of the rules.
      expect(onChain.filter(Boolean).length).toBeGreaterThan(50);
      expect(onChain.filter((valid) => !valid).length).toBeGreaterThan(50);
    });

    it("computes the same node", async () => {
      for (const label of ["alice", "my-flat-42"]) {
        expect(await names.read.nodeOf([label])).toBe(unitNameNode(label));
      }
    });
  });
});
