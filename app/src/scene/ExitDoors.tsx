"use client";
/**
 * The unit's own ways out, drawn in its main room (`unitExits`): in each wall with a unit behind
 * it, a door near the wall's right-hand end (as seen from inside); in the south wall's other end
 * the corridor door, with the lift's buttons beside it. Clicking one navigates like a portal to
 * another unit.
 */
import type { SceneManifest } from "@markspace/ipfs/manifest";
import type { Side, UnitExits } from "../city/unitExits.ts";
import { DoorLeaf } from "./Portal.tsx";
import { SceneLabel } from "./SceneLabel.tsx";

type Props = { exits: UnitExits; room: SceneManifest["room"]; onNavigate: (href: string) => void };

const DOOR_WIDTH = 0.9;
const DOOR_HEIGHT = 2.1;
/** From the wall's end to the door's middle. */
const INSET = 0.95;

/** Where a door sits in the wall of `side`: its sill's middle, and the turn that faces it into the room. */
export function doorPlacement(
  side: Side,
  room: SceneManifest["room"],
  along: "right" | "left",
): { position: [number, number, number]; rotationY: number } {
  const halfW = room.width / 2;
  const halfD = room.depth / 2;
  // Seen from inside, facing the wall: "right" is +x of the wall's own frame.
  const length = side === "north" || side === "south" ? room.width : room.depth;
  const offset = (along === "right" ? 1 : -1) * Math.max(0, length / 2 - INSET);
  switch (side) {
    case "north":
      return { position: [offset, 0, -halfD + 0.01], rotationY: 0 };
    case "south":
      return { position: [-offset, 0, halfD - 0.01], rotationY: Math.PI };
    case "east":
      return { position: [halfW - 0.01, 0, offset], rotationY: -Math.PI / 2 };
    case "west":
      return { position: [-halfW + 0.01, 0, -offset], rotationY: Math.PI / 2 };
  }
}

export function ExitDoors({ exits, room, onNavigate }: Props) {
  const height = Math.min(DOOR_HEIGHT, room.height - 0.15);
  const corridor = doorPlacement("south", room, "left");
  return (
    <group name="exit-doors">
      {exits.doors.map((door) => {
        const { position, rotationY } = doorPlacement(door.side, room, "right");
        return (
          <group key={door.side} name={`exit-${door.side}`} position={position} rotation-y={rotationY}>
            <DoorLeaf kind="door" width={DOOR_WIDTH} height={height} onFollow={() => onNavigate(door.href)} />
            <SceneLabel position={[0, height + 0.2, 0.05]}>
              <button
                type="button"
                className="portal-label"
                data-testid="exit-door"
                data-side={door.side}
                onClick={() => onNavigate(door.href)}
              >
                {door.address}
              </button>
            </SceneLabel>
          </group>
        );
      })}
      <group name="exit-corridor" position={corridor.position} rotation-y={corridor.rotationY}>
        <DoorLeaf kind="door" width={DOOR_WIDTH} height={height} onFollow={() => onNavigate(exits.corridor.href)} />
        <SceneLabel position={[0, height + 0.2, 0.05]}>
          <span className="portal-label exit-corridor" data-testid="exit-corridor">
            <button type="button" onClick={() => onNavigate(exits.corridor.href)}>
              corridor
            </button>
            {exits.lift.map((stop) => (
              <button
                key={stop.direction}
                type="button"
                data-testid={`exit-lift-${stop.direction}`}
                onClick={() => onNavigate(stop.href)}
              >
                {stop.direction === "up" ? "↑" : "↓"} {stop.floor}
              </button>
            ))}
          </span>
        </SceneLabel>
      </group>
    </group>
  );
}
