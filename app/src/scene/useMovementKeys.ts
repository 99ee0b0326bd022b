"use client";
/**
 * Tracks which movement keys (WASD and arrows) are held, in a ref so `useFrame` can read it
 * without re-rendering. Arrow keys are taken from the page only while `active`.
 */
import { useEffect, useRef } from "react";

export type MovementKeys = { forward: boolean; back: boolean; left: boolean; right: boolean };

const KEY_MAP: Record<string, keyof MovementKeys> = {
  KeyW: "forward",
  ArrowUp: "forward",
  KeyS: "back",
  ArrowDown: "back",
  KeyA: "left",
  ArrowLeft: "left",
  KeyD: "right",
  ArrowRight: "right",
};

export function useMovementKeys(active: boolean) {
  const keys = useRef<MovementKeys>({ forward: false, back: false, left: false, right: false });
  useEffect(() => {
    const held = keys.current;
    if (!active) return;
    const set = (event: KeyboardEvent, down: boolean) => {
      const target = event.target as HTMLElement | null;
      if (target && (target.tagName === "INPUT" || target.tagName === "TEXTAREA" || target.isContentEditable)) return;
      const key = KEY_MAP[event.code];
      if (!key) return;
      event.preventDefault();
      held[key] = down;
    };
    const onDown = (event: KeyboardEvent) => set(event, true);
    const onUp = (event: KeyboardEvent) => set(event, false);
    const onBlur = () => Object.assign(held, { forward: false, back: false, left: false, right: false });
    window.addEventListener("keydown", onDown);
    window.addEventListener("keyup", onUp);
    window.addEventListener("blur", onBlur);
    return () => {
      window.removeEventListener("keydown", onDown);
      window.removeEventListener("keyup", onUp);
      window.removeEventListener("blur", onBlur);
      onBlur();
    };
  }, [active]);
  return keys;
}
