/**
 * What the gas benches share: the median of a run's samples and never-used addresses, so no
 * run profits from a slot another run warmed.
 */
import { getAddress, keccak256, toHex, type Address } from "viem";

/** Median of `values` (the upper middle for an even count). */
export function median(values: readonly bigint[]): number {
  const sorted = [...values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return Number(sorted[Math.floor(sorted.length / 2)]);
}

/** A deterministic, never-used address for run `i` of `purpose` in bench `bench`. */
export function freshAddress(bench: string, purpose: string, i: number): Address {
  return getAddress(`0x${keccak256(toHex(`markspace-bench-${bench}-${purpose}-${i}`)).slice(-40)}`);
}
