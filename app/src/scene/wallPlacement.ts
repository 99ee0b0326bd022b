/**
 * Where a picture hangs: converts a manifest `WallImage` (wall, offset along it, height) into a
 * position and a Y rotation in room coordinates (metres from the floor's centre, y up, north
 * wall at z = −depth/2, east wall at x = +width/2). `offset[0]` runs to the right of a visitor
 * standing in the room and facing that wall; pictures face into the room, a few millimetres
 * off the wall so they never z-fight with it.
 */
import type { SceneManifest, WallImage } from "@markspace/ipfs/manifest";

export type RoomSize = { width: number; depth: number; height: number };
export type WallPlacement = { position: [number, number, number]; rotationY: number };

/** Gap between a picture and its wall. */
export const PICTURE_GAP = 0.01;

export function wallPlacement(image: Pick<WallImage, "wall" | "offset">, room: RoomSize): WallPlacement {
  const [along, height] = image.offset;
  const halfW = room.width / 2 - PICTURE_GAP;
  const halfD = room.depth / 2 - PICTURE_GAP;
  switch (image.wall) {
    case "north": // facing −z, right is +x; the picture faces +z
      return { position: [along, height, -halfD], rotationY: 0 };
    case "south": // facing +z, right is −x; the picture faces −z
      return { position: [-along, height, halfD], rotationY: Math.PI };
    case "east": // facing +x, right is +z; the picture faces −x
      return { position: [halfW, height, along], rotationY: -Math.PI / 2 };
    case "west": // facing −x, right is −z; the picture faces +x
      return { position: [-halfW, height, -along], rotationY: Math.PI / 2 };
  }
}

/** Keeps a point inside the room, `margin` metres from every wall (used by walk mode). */
export function clampToRoom(x: number, z: number, room: RoomSize, margin: number): [number, number] {
  const maxX = Math.max(0, room.width / 2 - margin);
  const maxZ = Math.max(0, room.depth / 2 - margin);
  return [Math.min(maxX, Math.max(-maxX, x)), Math.min(maxZ, Math.max(-maxZ, z))];
}

/** A room of the unit: its size and the centre of its floor in unit space. */
export type RoomFrame = { size: RoomSize; origin: [number, number, number] };

/**
 * The room a wall item hangs in: the main room when `roomId` is absent, else the extra room with
 * that id (undefined when none has it; the manifest reader rejects such references).
 */
export function roomFrame(
  manifest: Pick<SceneManifest, "room" | "rooms">,
  roomId: string | undefined,
): RoomFrame | undefined {
  if (roomId === undefined) return { size: manifest.room, origin: [0, 0, 0] };
  const room = manifest.rooms.find((candidate) => candidate.id === roomId);
  if (!room) return undefined;
  return {
    size: { width: room.width, depth: room.depth, height: room.height },
    origin: [room.center[0], room.level, room.center[1]],
  };
}
