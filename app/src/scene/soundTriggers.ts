/**
 * When a manifest's sound effects play (`ipfs/src/manifest/v2.ts`, `soundEffectSchema`), as pure
 * decisions the `SoundEffects` component acts on:
 * - `ambient` sounds start when the visitor turns sound on and stop when it is turned off;
 * - `enter` sounds play once per visit, the first time sound is turned on (browsers let audio
 *   start only on a gesture, so "arrival" is the first moment the page may make a sound);
 * - `proximity` sounds start when the visitor comes within `radius` of their position and, if
 *   they loop, stop once the visitor is clearly out again (10 % past the radius, so standing on
 *   the edge does not stutter); a one-shot plays to its end;
 * - `click` sounds play when the object whose id they name is clicked or selected.
 */
import type { Object3D } from "three";
import type { SoundEffect } from "@markspace/ipfs/manifest";

/** How far past its radius a visitor must go before a looping proximity sound stops. */
export const PROXIMITY_EXIT_FACTOR = 1.1;

export type Cue = "start" | "stop" | undefined;

/** The next inside/outside state of a proximity sound and what to do about it. */
export function proximityStep(
  wasInside: boolean,
  distance: number,
  sound: Pick<SoundEffect, "radius" | "loop">,
): { inside: boolean; cue: Cue } {
  if (!wasInside) return distance <= sound.radius ? { inside: true, cue: "start" } : { inside: false, cue: undefined };
  if (distance > sound.radius * PROXIMITY_EXIT_FACTOR) return { inside: false, cue: sound.loop ? "stop" : undefined };
  return { inside: true, cue: undefined };
}

/**
 * Indexes of the sounds to start when sound is turned on: every ambient sound, and the enter
 * sounds unless they already played during this visit.
 */
export function soundsOnEnable(sounds: readonly Pick<SoundEffect, "trigger">[], enteredBefore: boolean): number[] {
  return sounds.flatMap((sound, index) =>
    sound.trigger === "ambient" || (sound.trigger === "enter" && !enteredBefore) ? [index] : [],
  );
}

/** Indexes of the click sounds bound to the object with id `objectId`. */
export function soundsOnClick(sounds: readonly Pick<SoundEffect, "trigger" | "object">[], objectId: string): number[] {
  return sounds.flatMap((sound, index) => (sound.trigger === "click" && sound.object === objectId ? [index] : []));
}

/** The `userData` key under which a placed model carries its manifest id. */
export const SCENE_ID_KEY = "markspaceId";

/** The manifest id of the placed object `hit` belongs to: the nearest ancestor that carries one. */
export function sceneIdOf(hit: Object3D | null): string | undefined {
  for (let node = hit; node; node = node.parent) {
    const id: unknown = node.userData[SCENE_ID_KEY];
    if (typeof id === "string") return id;
  }
  return undefined;
}

/** Where a sound is heard from: its own position, else its clicked object's, else nowhere (not positional). */
export function soundPosition(
  sound: Pick<SoundEffect, "position" | "object">,
  objects: ReadonlyArray<{ id?: string | undefined; position: readonly [number, number, number] }>,
): readonly [number, number, number] | undefined {
  if (sound.position) return sound.position;
  if (sound.object === undefined) return undefined;
  return objects.find((object) => object.id === sound.object)?.position;
}

/** Clicks on placed objects, from the room (which draws them) to the sounds (which listen). */
export type ObjectClicks = {
  emit: (objectId: string) => void;
  listen: (listener: (objectId: string) => void) => () => void;
};

export function createObjectClicks(): ObjectClicks {
  const listeners = new Set<(objectId: string) => void>();
  return {
    emit: (objectId) => listeners.forEach((listener) => listener(objectId)),
    listen: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
