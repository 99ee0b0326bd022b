/**
 * Turns what the portal form's target field holds into a manifest destination, checking that a
 * unit it names exists: a name is looked up (the subgraph's `Unit.name`), an address or token id
 * must belong to a unit someone owns, and a door may not lead to the unit it stands in. The
 * lookups are parameters, so the page passes its subgraph client and tests pass a real subgraph
 * or fixed answers.
 */
import type { Portal } from "@markspace/ipfs/manifest";
import { portalTargetOf } from "./editorForms.ts";

export type PortalLookups = {
  /** The token id (decimal) of the unit named `name`, or null. */
  unitIdByName: (name: string) => Promise<string | null>;
  /** Whether a unit with this token id is owned by someone (claimed or bought). */
  unitExists: (tokenId: bigint) => Promise<boolean>;
};

/** A portal's target was refused; the message names the text and why. */
export class PortalDestinationError extends Error {
  override name = "PortalDestinationError";
}

export async function resolvePortalDestination(
  text: string,
  params: { currentUnit: bigint; lookups: PortalLookups },
): Promise<Portal["to"]> {
  let target: ReturnType<typeof portalTargetOf>;
  try {
    target = portalTargetOf(text);
  } catch (error) {
    throw new PortalDestinationError((error as Error).message);
  }
  if (target.type === "url") return { type: "url", url: target.url };
  const reference = target.reference;
  let tokenId: bigint;
  if (reference.kind === "name") {
    const id = await params.lookups.unitIdByName(reference.name);
    if (id === null) throw new PortalDestinationError(`No unit is named "${reference.name}"`);
    tokenId = BigInt(id);
  } else {
    tokenId = reference.tokenId;
    if (!(await params.lookups.unitExists(tokenId))) {
      throw new PortalDestinationError(`Nobody owns ${reference.address} yet: a door can only lead to an owned unit`);
    }
  }
  if (tokenId === params.currentUnit) throw new PortalDestinationError("A door cannot lead to the unit it is in");
  return { type: "unit", unit: tokenId.toString() };
}
