/**
 * Reading amounts people type (`1.5`, `1,000`, ` 2 `) into 18-decimal wei, with a sentence
 * when the text is not an amount; and the slippage guard for purchases.
 */
import { parseUnits } from "viem";

export type ParseAmountReturnType = { ok: true; wei: bigint } | { ok: false; message: string };

/** `text` as an amount with `decimals` decimals; thousands commas and spaces are ignored. */
export function parseAmount(text: string, decimals = 18): ParseAmountReturnType {
  const cleaned = text.replace(/[\s,_]/g, "");
  if (cleaned === "") return { ok: false, message: "Enter an amount." };
  if (!/^\d*\.?\d*$/.test(cleaned) || cleaned === ".") {
    return { ok: false, message: `"${text.trim()}" is not a number (use digits and one decimal point).` };
  }
  const fraction = cleaned.split(".")[1] ?? "";
  if (fraction.length > decimals) return { ok: false, message: `At most ${decimals} decimals.` };
  const wei = parseUnits(cleaned, decimals);
  if (wei === 0n) return { ok: false, message: "Enter an amount above zero." };
  return { ok: true, wei };
}

/** The slippage the buy form accepts: 1 %, in basis points. */
export const DEFAULT_SLIPPAGE_BPS = 100n;

/** The fewest tokens to accept for a quote of `tokens`: `tokens` minus `slippageBps`, rounded down. */
export function minTokensAfterSlippage(tokens: bigint, slippageBps: bigint = DEFAULT_SLIPPAGE_BPS): bigint {
  if (slippageBps < 0n || slippageBps > 10_000n) throw new RangeError("slippage must be 0–10,000 basis points");
  return (tokens * (10_000n - slippageBps)) / 10_000n;
}
