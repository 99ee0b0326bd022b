"use client";
/** One glTF model of the manifest at its position, rotation and scale; suspends until verified and parsed. */
import { use, useMemo } from "react";
import type { PlacedObject } from "@markspace/ipfs/manifest";
import { enableShadows, loadVerifiedModel } from "./sceneAssets.ts";
import { SCENE_ID_KEY } from "./soundTriggers.ts";

type Props = { object: PlacedObject; gatewayUrl: string };

export function PlacedModel({ object, gatewayUrl }: Props) {
  const gltf = use(loadVerifiedModel(gatewayUrl, object.model));
  // The cached glTF is shared by every placement of the same CID; each placement gets its own clone.
  const scene = useMemo(() => {
    const clone = enableShadows(gltf.scene.clone(true));
    // Its manifest id, for the sounds a click on it plays (`sceneIdOf`).
    if (object.id) clone.userData[SCENE_ID_KEY] = object.id;
    return clone;
  }, [gltf, object.id]);
  const scale: [number, number, number] =
    typeof object.scale === "number" ? [object.scale, object.scale, object.scale] : object.scale;
  return (
    <primitive object={scene} name={object.name} position={object.position} rotation={object.rotation} scale={scale} />
  );
}
