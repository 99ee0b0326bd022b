/**
 * What the "buy a unit" and "rent a unit" templates take: a unit's address (the builder then
 * finds its posted listing, or, for a unit nobody owns, the land sale's price) or a signed
 * order's link from the unit page (`?order=…`), whose order must be of the kind asked.
 */
import type { SignedOrder } from "../market/orderLink.ts";
import { decodeOrder, ORDER_PARAM } from "../market/orderLink.ts";
import { parseUnitReference } from "./proposalTemplates.ts";

export type UnitOrderInput =
  | { ok: true; kind: "unit"; unitId: bigint }
  | { ok: true; kind: "order"; order: SignedOrder }
  | { ok: false; message: string };

export function parseUnitOrderInput(text: string, want: "sale" | "rental"): UnitOrderInput {
  const trimmed = text.trim();
  if (trimmed === "") return { ok: false, message: "Enter a unit's address or paste a signed order's link." };
  if (trimmed.includes(`${ORDER_PARAM}=`)) {
    let order: SignedOrder;
    try {
      order = decodeOrder(trimmed);
    } catch (error) {
      return {
        ok: false,
        message: (error as Error & { shortMessage?: string }).shortMessage ?? (error as Error).message,
      };
    }
    if (order.kind !== want) {
      const words = { sale: "a sale listing", rental: "a rental listing", offer: "an offer" } as const;
      return { ok: false, message: `That link carries ${words[order.kind]}, not ${words[want]}.` };
    }
    return { ok: true, kind: "order", order };
  }
  const unit = parseUnitReference(trimmed);
  return unit.ok ? { ok: true, kind: "unit", unitId: unit.unitId } : unit;
}
