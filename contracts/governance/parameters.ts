/**
 * The platform parameters that governance owns: every adjustable number a contract reads from
 * `MarkParameters`, with the bounds fixed when it is defined (no proposal can leave them) and
 * the value it starts with. The deploy script defines them all at genesis; the app lists them
 * with their descriptions and units. Browser-safe: viem only.
 */
import { keccak256, toBytes, type Hex } from "viem";

export type ParameterUnit = "seconds" | "basis points";

export type PlatformParameter = {
  /** Dotted name; the on-chain key is `keccak256(name)`. */
  readonly name: string;
  /** What the value governs, in a sentence for the governance page. */
  readonly description: string;
  readonly unit: ParameterUnit;
  readonly min: bigint;
  readonly max: bigint;
  /** The value at genesis. */
  readonly value: bigint;
};

export const PLATFORM_PARAMETERS: readonly PlatformParameter[] = Object.freeze([
  {
    name: "sale.maxPriceAge",
    description: "How old the ETH/USD price may be before the sale refuses to price a purchase with it.",
    unit: "seconds",
    min: 60n,
    max: 86_400n,
    value: 3_600n,
  },
  {
    name: "sale.maxPriceDeviationBps",
    description: "How far the ETH/USD price may move from the feed's previous round before the sale stops.",
    unit: "basis points",
    min: 100n,
    max: 5_000n,
    value: 2_000n,
  },
] as const satisfies readonly PlatformParameter[]);

/** The on-chain key of a parameter: `keccak256` of its name's UTF-8 bytes. */
export function parameterKey(name: string): Hex {
  return keccak256(toBytes(name));
}

/** `MarkParameters`' constructor argument: one `{ name, min, max, value }` per parameter. */
export function parameterDefinitions(
  parameters: readonly PlatformParameter[] = PLATFORM_PARAMETERS,
): Array<{ name: string; min: bigint; max: bigint; value: bigint }> {
  return parameters.map(({ name, min, max, value }) => ({ name, min, max, value }));
}
