/**
 * What a land purchase costs and where the money goes, computed the way the land offices do
 * (`LandSaleBase`), so the app can show the split and the storage period before anything is signed.
 */
export const DAY_SECONDS = 86_400n;
/** `LandSaleBase.MAX_STORAGE_DAYS`. */
export const MAX_STORAGE_DAYS = 36_500;
const BPS = 10_000n;

export type LandPaymentSplit = { toTreasury: bigint; toRenderingFund: bigint };

/** `_collect`'s split: the rendering fund gets `total × bps / 10,000` rounded down, the treasury the rest. */
export function splitLandPayment(total: bigint, renderingFundShareBps: bigint): LandPaymentSplit {
  const toRenderingFund = (total * renderingFundShareBps) / BPS;
  return { toTreasury: total - toRenderingFund, toRenderingFund };
}

/**
 * `_paidUntil`: `storageDays` days after what is paid already, or after `now` once that has
 * lapsed (a new unit has nothing paid: pass 0).
 */
export function storagePaidUntilAfter(now: bigint, storageDays: number, currentPaidUntil = 0n): bigint {
  const start = currentPaidUntil > now ? currentPaidUntil : now;
  return start + BigInt(storageDays) * DAY_SECONDS;
}

export type ParsedCount = { ok: true; value: number } | { ok: false; message: string };

/** A whole number typed in a form, between `min` and `max`. */
export function parseCount(text: string, { min, max, what }: { min: number; max: number; what: string }): ParsedCount {
  const trimmed = text.trim();
  if (!/^\d+$/.test(trimmed)) return { ok: false, message: `${what} must be a whole number.` };
  const value = Number(trimmed);
  if (value < min || value > max) {
    return {
      ok: false,
      message: `${what} must be between ${min.toLocaleString("en")} and ${max.toLocaleString("en")}.`,
    };
  }
  return { ok: true, value };
}

/** Storage days for a purchase or payment: 1 to 36,500. */
export const parseStorageDays = (text: string) =>
  parseCount(text, { min: 1, max: MAX_STORAGE_DAYS, what: "Storage days" });

/** Extra rooms: a unit holds at most 255. */
export const parseRooms = (text: string, already = 0) =>
  parseCount(text, { min: 0, max: 255 - already, what: "Extra rooms" });
