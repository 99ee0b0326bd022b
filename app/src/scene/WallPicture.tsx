"use client";
/** One image of the manifest, hung on its wall in a flat frame; suspends until verified and decoded. */
import { use } from "react";
import type { WallImage } from "@markspace/ipfs/manifest";
import { loadVerifiedTexture } from "./sceneAssets.ts";
import { wallPlacement, type RoomSize } from "./wallPlacement.ts";

type Props = { image: WallImage; room: RoomSize; gatewayUrl: string };

const FRAME = 0.04;

export function WallPicture({ image, room, gatewayUrl }: Props) {
  const { texture } = use(loadVerifiedTexture(gatewayUrl, image.image));
  const { position, rotationY } = wallPlacement(image, room);
  return (
    <group name={image.title ?? "picture"} position={position} rotation-y={rotationY}>
      {/* Frame and picture are single-sided planes, like the walls: from outside the room (the
          doll-house view looks in through the south wall) they vanish with their wall. */}
      <mesh position-z={0.004}>
        <planeGeometry args={[image.width + FRAME * 2, image.height + FRAME * 2]} />
        <meshStandardMaterial color="#2b2622" roughness={0.6} />
      </mesh>
      <mesh position-z={0.008}>
        <planeGeometry args={[image.width, image.height]} />
        <meshStandardMaterial map={texture} roughness={0.85} />
      </mesh>
    </group>
  );
}
