import { describe, expect, it } from "vitest";
import { encodeUnitId, parseUnitAddress } from "@markspace/contracts/unit-address";
import { PortalDestinationError, resolvePortalDestination, type PortalLookups } from "./portalDestination.ts";

const here = encodeUnitId(parseUnitAddress("R-0001-01-01-001"));
const neighbour = encodeUnitId(parseUnitAddress("R-0001-01-01-002"));

/** A registry of two owned units, one of them named "sea-view"; records what was asked. */
function registry(): PortalLookups & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    unitIdByName: async (name) => {
      asked.push(`name ${name}`);
      return name === "sea-view" ? neighbour.toString() : null;
    },
    unitExists: async (tokenId) => {
      asked.push(`unit ${tokenId}`);
      return tokenId === here || tokenId === neighbour;
    },
  };
}

describe("resolvePortalDestination", () => {
  it("leads to an owned unit given by address, token id or name", async () => {
    const lookups = registry();
    const resolve = (text: string) => resolvePortalDestination(text, { currentUnit: here, lookups });
    const expected = { type: "unit", unit: neighbour.toString() };
    expect(await resolve("r-0001-01-01-002")).toEqual(expected);
    expect(await resolve(neighbour.toString())).toEqual(expected);
    expect(await resolve("Sea-View")).toEqual(expected);
    expect(lookups.asked).toEqual([`unit ${neighbour}`, `unit ${neighbour}`, "name sea-view"]);
  });

  it("leads to an https page without asking the registry", async () => {
    const lookups = registry();
    expect(await resolvePortalDestination("https://example.org/x", { currentUnit: here, lookups })).toEqual({
      type: "url",
      url: "https://example.org/x",
    });
    expect(lookups.asked).toEqual([]);
  });

  it("refuses an unowned unit, an unknown name, the unit itself and text that names nothing", async () => {
    const resolve = (text: string) => resolvePortalDestination(text, { currentUnit: here, lookups: registry() });
    await expect(resolve("R-0001-01-01-003")).rejects.toThrow("Nobody owns R-0001-01-01-003 yet");
    await expect(resolve("nowhere")).rejects.toThrow('No unit is named "nowhere"');
    await expect(resolve("R-0001-01-01-001")).rejects.toThrow("cannot lead to the unit it is in");
    await expect(resolve("two words")).rejects.toBeInstanceOf(PortalDestinationError);
  });
});
