/**
 * TypeScript mirror of `libraries/UnitName.sol` and the encodings of `land/UnitNames.sol`: the
 * rules a unit's name follows, the normalisation of what a person types, the ENS node a name
 * resolves at, and the EIP-1577 content hash the resolver answers with. Browser-safe.
 *
 * A label is a strict subset of ENSIP-15 normalised names, so it is its own normal form: 3–63
 * bytes of `a`–`z`, `0`–`9` and `-`, no `-` first or last, not `-` at both positions 3 and 4, and
 * not shaped like a unit's address (`r-0042-07-12-003`). The contract refuses anything else;
 * `normaliseUnitName` trims, drops a `.markspace` suffix and folds ASCII case first, and explains
 * what it still refuses.
 */
import { MarkspaceError } from "@markspace/common/errors";
import { concat, keccak256, stringToBytes, type Hex } from "viem";

/** The name every unit's name sits under: `<label>.markspace`. */
export const UNIT_NAME_SUFFIX = "markspace";

/** `namehash("markspace")`, `UnitName.PARENT_NODE`. */
export const UNIT_NAME_PARENT_NODE: Hex = "0xb199ece8aaf8477cd9449975a9305983289f021aadc56e1bc106e900e5ee0a13";

export const UNIT_NAME_LENGTH = { min: 3, max: 63 } as const;

/** Why a label is refused, one code per rule. */
export type UnitNameProblem =
  "empty" | "tooShort" | "tooLong" | "character" | "hyphenAtEdge" | "hyphensAt3And4" | "unitAddress";

/** Thrown by `normaliseUnitName` for input that is no name even after folding. */
export class UnitNameError extends MarkspaceError {
  override name = "UnitNameError";
  readonly problem: UnitNameProblem;
  constructor(problem: UnitNameProblem, input: string, label: string) {
    super({ ...explain(problem, label), details: `Input: ${JSON.stringify(input)}` });
    this.problem = problem;
  }
}

/** Thrown by `encodeUnitContenthash` for a digest that is not 32 bytes of hex. */
export class UnitContenthashError extends MarkspaceError {
  override name = "UnitContenthashError";
}

const ALLOWED = /^[a-z0-9-]+$/;
const UNIT_ADDRESS = /^([rbcs]|d\d{1,3})-\d{4}-\d{2}-\d{2}-x?\d{2,3}$/;

/** The first rule `label` breaks, or `undefined` for a label the contract accepts. */
export function unitNameProblem(label: string): UnitNameProblem | undefined {
  const length = stringToBytes(label).length;
  if (length === 0) return "empty";
  if (length < UNIT_NAME_LENGTH.min) return "tooShort";
  if (length > UNIT_NAME_LENGTH.max) return "tooLong";
  if (!ALLOWED.test(label)) return "character";
  if (label.startsWith("-") || label.endsWith("-")) return "hyphenAtEdge";
  if (label[2] === "-" && label[3] === "-") return "hyphensAt3And4";
  if (UNIT_ADDRESS.test(label)) return "unitAddress";
  return undefined;
}

/** Whether `label` is a name `UnitNames.setName` accepts as it is. */
export function isNormalisedUnitName(label: string): boolean {
  return unitNameProblem(label) === undefined;
}

/**
 * What a person typed, as the label `UnitNames.setName` takes: trimmed, without a `.markspace`
 * suffix, ASCII letters in lower case (`" Alice.Markspace "` → `"alice"`). Only ASCII case is
 * folded: any other character (accented or look-alike letters, spaces, dots) is refused with a
 * `UnitNameError` naming the rule and how to fix it, so two spellings never reach the chain.
 */
export function normaliseUnitName(input: string): string {
  let label = input.trim().replace(/[A-Z]/g, (letter) => letter.toLowerCase());
  if (label.endsWith(`.${UNIT_NAME_SUFFIX}`)) label = label.slice(0, -UNIT_NAME_SUFFIX.length - 1);
  const problem = unitNameProblem(label);
  if (problem) throw new UnitNameError(problem, input, label);
  return label;
}

/** `namehash("<label>.markspace")`: the ENS node `label` resolves at (`UnitNames.nodeOf`). */
export function unitNameNode(label: string): Hex {
  return keccak256(concat([UNIT_NAME_PARENT_NODE, keccak256(stringToBytes(label))]));
}

/** A unit's scene as the registry stores it (`contentOf`): sha2-256 digest of the CID and its multicodec. */
export type UnitContenthashContent = { digest: Hex; codec: bigint };

/** `e3 01`: the ipfs-ns multicodec as a varint, EIP-1577's namespace of IPFS content. */
const IPFS_NAMESPACE = "e301";
/** CIDv1's version, then (after the codec) sha2-256's multihash code and length. */
const CID_V1 = "01";
const SHA2_256_32 = "1220";

/** The EIP-1577 content hash of a scene, as `UnitNames.contenthash` returns it (`0x` for no scene). */
export function encodeUnitContenthash({ digest, codec }: UnitContenthashContent): Hex {
  if (!/^0x[0-9a-fA-F]{64}$/.test(digest)) {
    throw new UnitContenthashError({
      shortMessage: `Not a 32-byte digest: ${digest}`,
      hint: "Pass what contentOf returns.",
    });
  }
  if (/^0x0{64}$/.test(digest)) return "0x";
  return `0x${IPFS_NAMESPACE}${CID_V1}${varint(codec)}${SHA2_256_32}${digest.slice(2).toLowerCase()}`;
}

/**
 * The scene of an EIP-1577 content hash of IPFS content with a sha2-256 CIDv1, or `undefined` for
 * an empty one or any other kind (IPNS, Swarm, another hash).
 */
export function decodeUnitContenthash(contenthash: Hex): UnitContenthashContent | undefined {
  const hex = contenthash.slice(2).toLowerCase();
  if (!hex.startsWith(IPFS_NAMESPACE + CID_V1)) return undefined;
  let offset = IPFS_NAMESPACE.length + CID_V1.length;
  let codec = 0n;
  for (let shift = 0n; ; shift += 7n) {
    const byte = parseInt(hex.slice(offset, offset + 2), 16);
    if (Number.isNaN(byte) || shift > 63n) return undefined;
    offset += 2;
    codec |= BigInt(byte & 0x7f) << shift;
    if (byte < 0x80) break;
  }
  const rest = hex.slice(offset);
  if (!rest.startsWith(SHA2_256_32) || rest.length !== SHA2_256_32.length + 64) return undefined;
  return { digest: `0x${rest.slice(SHA2_256_32.length)}`, codec };
}

/** Unsigned LEB128 (multiformats' varint) of `value`, as hex. */
function varint(value: bigint): string {
  let hex = "";
  let rest = value;
  while (rest >= 0x80n) {
    hex += ((rest & 0x7fn) | 0x80n).toString(16).padStart(2, "0");
    rest >>= 7n;
  }
  return hex + rest.toString(16).padStart(2, "0");
}

function explain(problem: UnitNameProblem, label: string): { shortMessage: string; hint?: string } {
  switch (problem) {
    case "empty":
      return { shortMessage: "A unit name cannot be empty", hint: "Type a name of 3 to 63 characters." };
    case "tooShort":
      return {
        shortMessage: `Unit name "${label}" is too short`,
        hint: `Use at least ${UNIT_NAME_LENGTH.min} characters.`,
      };
    case "tooLong":
      return {
        shortMessage: `Unit name "${label.slice(0, 20)}…" is too long`,
        hint: `Use at most ${UNIT_NAME_LENGTH.max} characters.`,
      };
    case "character": {
      const bad = [...label].find((char) => !/[a-z0-9-]/.test(char))!;
      return {
        shortMessage: `Unit name "${label}" contains "${bad}", which a name cannot`,
        hint: "Use only the letters a to z, the digits 0 to 9 and the hyphen (-).",
      };
    }
    case "hyphenAtEdge":
      return {
        shortMessage: `Unit name "${label}" starts or ends with a hyphen`,
        hint: "Put hyphens only between letters or digits.",
      };
    case "hyphensAt3And4":
      return {
        shortMessage: `Unit name "${label}" has hyphens in both its third and fourth places`,
        hint: "That form is reserved for internationalised names (xn--); move or drop a hyphen.",
      };
    case "unitAddress":
      return {
        shortMessage: `Unit name "${label}" reads as a unit's address`,
        hint: "A name cannot look like an address such as R-0042-07-12-003; add a word to it.",
      };
  }
}
