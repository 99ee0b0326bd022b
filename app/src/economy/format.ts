/**
 * Formatting of MRK amounts, prices, dates and durations for the economy pages. Pure functions
 * over bigints and unix seconds, so every page shows the same numbers the same way.
 */
import { formatUnits } from "viem";

/** Groups the whole part of a decimal string with thin commas: `1234567.5` → `1,234,567.5`. */
function groupThousands(decimal: string): string {
  const [whole = "0", fraction] = decimal.split(".");
  const negative = whole.startsWith("-");
  const digits = negative ? whole.slice(1) : whole;
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${negative ? "-" : ""}${grouped}${fraction ? `.${fraction}` : ""}`;
}

/**
 * An 18-decimal amount with at most `maxDecimals` decimals (rounded down, trailing zeros
 * dropped) and grouped thousands: `formatTokenAmount(1234567891234567890000000n)` →
 * `1,234,567.89`.
 */
export function formatTokenAmount(wei: bigint, maxDecimals = 2, decimals = 18): string {
  const text = formatUnits(wei, decimals);
  const [whole, fraction = ""] = text.split(".");
  const kept = fraction.slice(0, maxDecimals).replace(/0+$/, "");
  return groupThousands(kept ? `${whole}.${kept}` : whole!);
}

/** `1,234.5 MRK`. */
export function formatMrk(wei: bigint, maxDecimals = 2): string {
  return `${formatTokenAmount(wei, maxDecimals)} MRK`;
}

/** `1,234.5 wMRK`: wrapped MRK, the unit of votes. */
export function formatWmrk(wei: bigint, maxDecimals = 2): string {
  return `${formatTokenAmount(wei, maxDecimals)} wMRK`;
}

/** `0.5 ETH`, with up to six decimals. */
export function formatEth(wei: bigint, maxDecimals = 6): string {
  return `${formatTokenAmount(wei, maxDecimals)} ETH`;
}

/**
 * A USD amount with 18 decimals: `$0.085` and `$0.10` for prices (two to four decimals),
 * `$30,000` for totals.
 */
export function formatUsd(value: bigint, maxDecimals = 4): string {
  const text = formatTokenAmount(value, maxDecimals);
  const [whole, fraction] = text.split(".");
  return fraction === undefined ? `$${text}` : `$${whole}.${fraction.padEnd(2, "0")}`;
}

const DATE = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
const DATE_TIME = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "short",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  timeZone: "UTC",
  timeZoneName: "short",
});

/** `12 Mar 2027` (UTC) for unix seconds. */
export function formatDate(seconds: bigint | number): string {
  return DATE.format(new Date(Number(seconds) * 1000));
}

/** `12 Mar 2027, 14:05 UTC` for unix seconds. */
export function formatDateTime(seconds: bigint | number): string {
  return DATE_TIME.format(new Date(Number(seconds) * 1000));
}

/**
 * A duration in its two largest units: `3 d 4 h`, `5 h 12 min`, `42 s`; `0 s` for zero or less.
 */
export function formatDuration(seconds: bigint | number): string {
  let rest = Math.max(0, Math.floor(Number(seconds)));
  const units: [string, number][] = [
    ["d", 86_400],
    ["h", 3_600],
    ["min", 60],
    ["s", 1],
  ];
  const parts: string[] = [];
  for (const [label, size] of units) {
    const count = Math.floor(rest / size);
    rest -= count * size;
    if (count > 0 || parts.length > 0) parts.push(`${count} ${label}`);
    if (parts.length === 2) break;
  }
  const shown = parts.filter((part, i) => i === 0 || !part.startsWith("0 "));
  return shown.length > 0 ? shown.join(" ") : "0 s";
}

/** `fraction` of `total` as a percentage with one decimal (`12.5 %`); `0 %` when total is zero. */
export function formatPercent(part: bigint, total: bigint): string {
  if (total <= 0n) return "0 %";
  const tenths = (part * 1000n) / total;
  const whole = tenths / 10n;
  const decimal = tenths % 10n;
  return decimal === 0n ? `${whole} %` : `${whole}.${decimal} %`;
}
