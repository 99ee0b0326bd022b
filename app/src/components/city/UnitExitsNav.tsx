/**
 * The unit's ways out, in words: the doors to the units beside it, the corridor (its floor's
 * plan) and the lift to the floors above and below. Shareable links, usable without a wallet.
 */
import Link from "next/link";
import type { UnitAddressParts } from "@markspace/contracts/unit-address";
import { unitExits } from "../../city/unitExits.ts";

export function UnitExitsNav({ parts }: { parts: Required<UnitAddressParts> }) {
  const exits = unitExits(parts);
  return (
    <nav className="unit-exits" aria-label="Ways out of this unit" data-testid="unit-exits">
      <ul>
        {exits.doors.map((door) => (
          <li key={door.side}>
            <Link href={door.href} data-testid={`unit-door-${door.side}`} data-address={door.address}>
              {door.side} door → {door.address}
            </Link>
          </li>
        ))}
        <li>
          <Link href={exits.corridor.href} data-testid="unit-corridor">
            corridor of floor {exits.corridor.floor}
          </Link>
        </li>
        {exits.lift.map((stop) => (
          <li key={stop.direction}>
            <Link href={stop.href} data-testid={`unit-lift-${stop.direction}`}>
              lift {stop.direction === "up" ? "↑" : "↓"} floor {stop.floor}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
