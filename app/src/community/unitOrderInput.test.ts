import { describe, expect, it } from "vitest";
import { parseEther } from "viem";
import { encodeUnitId, parseUnitAddress } from "@markspace/contracts/unit-address";
import { orderLink, type SignedOrder } from "../market/orderLink.ts";
import { parseUnitOrderInput } from "./unitOrderInput.ts";

const SHOP = "S-0001-01-00-001";
const unitId = encodeUnitId(parseUnitAddress(SHOP));
const sale: SignedOrder = {
  kind: "sale",
  signature: `0x${"ab".repeat(65)}`,
  listing: {
    seller: "0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
    unitId,
    nonce: 2,
    bundle: `0x${"00".repeat(32)}`,
    price: parseEther("900"),
    buyer: "0x0000000000000000000000000000000000000000",
    agency: "0x0000000000000000000000000000000000000000",
    agencyFeeBps: 0,
    deadline: 2_000_000_000n,
    counter: 0n,
    salt: 3n,
  },
};

describe("parseUnitOrderInput", () => {
  it("reads a unit address", () => {
    expect(parseUnitOrderInput(` ${SHOP}`, "sale")).toEqual({ ok: true, kind: "unit", unitId });
  });

  it("reads a signed order from the unit page's link", () => {
    const link = orderLink("http://127.0.0.1:3000", `/units/${SHOP}`, sale);
    expect(parseUnitOrderInput(link, "sale")).toEqual({ ok: true, kind: "order", order: sale });
  });

  it("refuses a link of the other kind, a broken link and nonsense", () => {
    const link = orderLink("http://127.0.0.1:3000", `/units/${SHOP}`, sale);
    expect(parseUnitOrderInput(link, "rental")).toEqual({
      ok: false,
      message: "That link carries a sale listing, not a rental listing.",
    });
    expect(parseUnitOrderInput(`${link.slice(0, 60)}`, "sale")).toMatchObject({ ok: false });
    expect(parseUnitOrderInput("somewhere", "sale")).toMatchObject({ ok: false });
    expect(parseUnitOrderInput("", "sale")).toMatchObject({ ok: false });
  });
});
