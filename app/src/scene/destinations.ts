/**
 * Where a portal, door or hotspot leads, as the viewer acts on it: another unit's page, a room
 * of this unit (the visitor is moved there) or an external page (opened after asking).
 */
import type { SceneManifest } from "@markspace/ipfs/manifest";

export type Destination = SceneManifest["portals"][number]["to"];
type Vec3 = [number, number, number];

export type DestinationAction =
  | { kind: "navigate"; href: string }
  | { kind: "move"; position: Vec3; lookAt: Vec3 }
  | { kind: "open"; url: string }
  | { kind: "unknown-room"; room: string };

const EYE = 1.6;

/** What following `destination` from `manifest` does. */
export function destinationAction(destination: Destination, manifest: SceneManifest): DestinationAction {
  if (destination.type === "unit") return { kind: "navigate", href: `/units/${destination.unit}` };
  if (destination.type === "url") return { kind: "open", url: destination.url };
  const room = manifest.rooms.find((candidate) => candidate.id === destination.room);
  if (!room) return { kind: "unknown-room", room: destination.room };
  const [x, z] = room.center;
  // Stand near the room's south side looking at its middle.
  return {
    kind: "move",
    position: [x, room.level + EYE, z + room.depth / 2 - Math.min(0.8, room.depth / 3)],
    lookAt: [x, room.level + 1.2, z],
  };
}

/** A short phrase for a destination, for labels and confirmations. */
export function describeDestination(destination: Destination, manifest: SceneManifest): string {
  if (destination.type === "unit") return `unit ${destination.unit}`;
  if (destination.type === "url") return new URL(destination.url).host;
  return manifest.rooms.find((room) => room.id === destination.room)?.name ?? destination.room;
}
