/**
 * graph-node's BigDecimal: an arbitrary-precision decimal `digits × 10^exp`, normalised after
 * every operation (trailing zeros stripped, at most 34 significant digits, rounded half to even),
 * printed without exponent notation.
 */
export const BIG_DECIMAL_PRECISION = 34;

export class BigDecimal {
  readonly digits: bigint;
  readonly exp: number;

  /** Use `BigDecimal.of`, which normalises. */
  constructor(digits: bigint, exp: number) {
    this.digits = digits;
    this.exp = exp;
  }

  /** `digits × 10^exp`, normalised. */
  static of(digits: bigint, exp: number): BigDecimal {
    return normalise(digits, exp);
  }

  static fromBigInt(value: bigint): BigDecimal {
    return normalise(value, 0);
  }

  /** Parses `-12.5`, `1e18`, `0.000_1`-free decimal text; throws on anything else. */
  static fromString(text: string): BigDecimal {
    const match = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text.trim());
    if (!match || (match[2] === "" && (match[3] ?? "") === "")) throw new Error(`invalid BigDecimal "${text}"`);
    const [, sign, whole = "", fraction = "", exponent = "0"] = match;
    const digits = BigInt(`${sign === "-" ? "-" : ""}${whole}${fraction}` || "0");
    return normalise(digits, Number(exponent) - fraction.length);
  }

  plus(other: BigDecimal): BigDecimal {
    const exp = Math.min(this.exp, other.exp);
    return normalise(this.digits * 10n ** BigInt(this.exp - exp) + other.digits * 10n ** BigInt(other.exp - exp), exp);
  }

  minus(other: BigDecimal): BigDecimal {
    return this.plus(new BigDecimal(-other.digits, other.exp));
  }

  times(other: BigDecimal): BigDecimal {
    return normalise(this.digits * other.digits, this.exp + other.exp);
  }

  /** Division to 34 significant digits; throws on division by zero like graph-node does. */
  dividedBy(other: BigDecimal): BigDecimal {
    if (other.digits === 0n) throw new Error("attempted to divide BigDecimal by zero");
    if (this.digits === 0n) return ZERO;
    // Scale the dividend so the integer quotient has a few more digits than the precision, then round.
    const extra = BIG_DECIMAL_PRECISION + 3 + digitCount(other.digits) - digitCount(this.digits);
    const shift = Math.max(extra, 0);
    const numerator = abs(this.digits) * 10n ** BigInt(shift);
    const divisor = abs(other.digits);
    // One extra "sticky" digit, non-zero when the division is inexact, so half-even rounding is exact.
    const magnitude = (numerator / divisor) * 10n + (numerator % divisor === 0n ? 0n : 1n);
    const quotient = this.digits < 0n !== other.digits < 0n ? -magnitude : magnitude;
    return normalise(quotient, this.exp - other.exp - shift - 1);
  }

  equals(other: BigDecimal): boolean {
    return this.digits === other.digits && this.exp === other.exp;
  }

  compare(other: BigDecimal): number {
    const difference = this.minus(other).digits;
    return difference === 0n ? 0 : difference < 0n ? -1 : 1;
  }

  toString(): string {
    const negative = this.digits < 0n;
    const text = (negative ? -this.digits : this.digits).toString();
    let out: string;
    if (this.exp >= 0) out = text + "0".repeat(this.exp);
    else if (-this.exp < text.length)
      out = `${text.slice(0, text.length + this.exp)}.${text.slice(text.length + this.exp)}`;
    else out = `0.${"0".repeat(-this.exp - text.length)}${text}`;
    return negative ? `-${out}` : out;
  }
}

const ZERO = BigDecimal.of(0n, 0);

function abs(value: bigint): bigint {
  return value < 0n ? -value : value;
}

function digitCount(value: bigint): number {
  return (value < 0n ? -value : value).toString().length;
}

function normalise(digits: bigint, exp: number): BigDecimal {
  if (digits === 0n) return new BigDecimal(0n, 0);
  const excess = digitCount(digits) - BIG_DECIMAL_PRECISION;
  if (excess > 0) {
    const divisor = 10n ** BigInt(excess);
    let quotient = digits / divisor;
    const remainder = digits % divisor;
    const twice = (remainder < 0n ? -remainder : remainder) * 2n;
    if (twice > divisor || (twice === divisor && quotient % 2n !== 0n)) quotient += digits < 0n ? -1n : 1n;
    digits = quotient;
    exp += excess;
    // Rounding 99…9 up can add a digit.
    if (digitCount(digits) > BIG_DECIMAL_PRECISION) {
      digits /= 10n;
      exp += 1;
    }
  }
  while (digits % 10n === 0n) {
    digits /= 10n;
    exp += 1;
  }
  return new BigDecimal(digits, exp);
}
