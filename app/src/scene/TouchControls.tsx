"use client";
/**
 * Walk mode on a touch screen: a joystick in the lower left to walk, a drag on the view to look
 * around (a tap still reaches doors and objects), and a button to look around by moving the phone (its gyroscope, through
 * `deviceorientation`; iOS asks the visitor's permission on that tap). Writes the shared
 * `TouchInput` that `WalkControls` reads each frame; shown only on coarse pointers.
 */
import { useEffect, useRef, useState, type PointerEvent as ReactPointerEvent } from "react";
import { joystickVector, type TouchInput } from "./touchInput.ts";

/** Radius the knob travels, in CSS pixels (the base is twice that across). */
const RADIUS = 48;

/** `selector`: the view's canvas, where a drag looks around (taps still reach the scene). */
type Props = { input: TouchInput; selector: string; gyro: GyroState; onGyroToggle: () => void };

/** Whether the phone's orientation steers the view, and why not when it cannot. */
export type GyroState = "off" | "on" | "denied" | "unavailable";

type OrientationPermission = { requestPermission?: () => Promise<"granted" | "denied"> };

const screenAngle = () => (typeof screen !== "undefined" && screen.orientation ? screen.orientation.angle : 0);

/** True on phones and tablets (a coarse primary pointer), where walk mode shows these controls. */
export function useCoarsePointer(): boolean {
  const [coarse, setCoarse] = useState(false);
  useEffect(() => {
    const query = window.matchMedia("(pointer: coarse)");
    const update = () => setCoarse(query.matches);
    update();
    query.addEventListener("change", update);
    return () => query.removeEventListener("change", update);
  }, []);
  return coarse;
}

/**
 * Asks for the motion sensors: call it inside the visitor's tap (iOS grants them only on a
 * gesture). "on" where the browser has them and allows them.
 */
export async function requestGyro(): Promise<GyroState> {
  if (typeof DeviceOrientationEvent === "undefined") return "unavailable";
  const permission = (DeviceOrientationEvent as unknown as OrientationPermission).requestPermission;
  if (!permission) return "on";
  const answer = await permission.call(DeviceOrientationEvent).catch(() => "denied" as const);
  return answer === "granted" ? "on" : "denied";
}

/** While `on`, keeps `input.orientation` at the device's latest orientation; null otherwise. */
export function useDeviceOrientation(input: TouchInput, on: boolean): void {
  useEffect(() => {
    if (!on) return;
    const onOrientation = (event: DeviceOrientationEvent) => {
      if (event.alpha === null || event.beta === null || event.gamma === null) return;
      input.orientation = { alpha: event.alpha, beta: event.beta, gamma: event.gamma, screen: screenAngle() };
    };
    window.addEventListener("deviceorientation", onOrientation);
    return () => {
      window.removeEventListener("deviceorientation", onOrientation);
      input.orientation = null;
    };
  }, [input, on]);
}

export function TouchControls({ input, selector, gyro, onGyroToggle }: Props) {
  const [knob, setKnob] = useState<{ x: number; y: number }>({ x: 0, y: 0 });
  const stick = useRef<{ pointer: number; cx: number; cy: number }>(undefined);

  // Leaving walk mode (unmount) stops the walker and the sensor.
  useEffect(
    () => () => {
      Object.assign(input, { forward: 0, right: 0, lookX: 0, lookY: 0 });
    },
    [input],
  );

  // A drag on the view turns the walker's head; a tap is left to the scene (doors, objects).
  useEffect(() => {
    const view = document.querySelector<HTMLElement>(selector);
    if (!view) return;
    let held: { pointer: number; x: number; y: number } | undefined;
    const down = (event: PointerEvent) => {
      held = { pointer: event.pointerId, x: event.clientX, y: event.clientY };
    };
    const move = (event: PointerEvent) => {
      if (!held || held.pointer !== event.pointerId) return;
      input.lookX += event.clientX - held.x;
      input.lookY += event.clientY - held.y;
      held.x = event.clientX;
      held.y = event.clientY;
    };
    const up = (event: PointerEvent) => {
      if (held?.pointer === event.pointerId) held = undefined;
    };
    const touchAction = view.style.touchAction;
    view.style.touchAction = "none";
    view.addEventListener("pointerdown", down);
    window.addEventListener("pointermove", move);
    window.addEventListener("pointerup", up);
    window.addEventListener("pointercancel", up);
    return () => {
      view.style.touchAction = touchAction;
      view.removeEventListener("pointerdown", down);
      window.removeEventListener("pointermove", move);
      window.removeEventListener("pointerup", up);
      window.removeEventListener("pointercancel", up);
    };
  }, [input, selector]);

  const stickDown = (event: ReactPointerEvent<HTMLDivElement>) => {
    const box = event.currentTarget.getBoundingClientRect();
    stick.current = { pointer: event.pointerId, cx: box.left + box.width / 2, cy: box.top + box.height / 2 };
    event.currentTarget.setPointerCapture(event.pointerId);
    stickMove(event);
  };
  const stickMove = (event: ReactPointerEvent<HTMLDivElement>) => {
    const held = stick.current;
    if (!held || held.pointer !== event.pointerId) return;
    const dx = event.clientX - held.cx;
    const dy = event.clientY - held.cy;
    const { forward, right } = joystickVector(dx, dy, RADIUS);
    input.forward = forward;
    input.right = right;
    const scale = Math.min(1, RADIUS / Math.max(Math.hypot(dx, dy), 1e-9));
    setKnob({ x: dx * scale, y: dy * scale });
  };
  const stickUp = (event: ReactPointerEvent<HTMLDivElement>) => {
    if (stick.current?.pointer !== event.pointerId) return;
    stick.current = undefined;
    input.forward = 0;
    input.right = 0;
    setKnob({ x: 0, y: 0 });
  };

  return (
    <div className="touch-controls" data-testid="touch-controls">
      <div
        className="touch-joystick"
        data-testid="touch-joystick"
        role="application"
        aria-label="Joystick: drag to walk"
        style={{ width: RADIUS * 2, height: RADIUS * 2 }}
        onPointerDown={stickDown}
        onPointerMove={stickMove}
        onPointerUp={stickUp}
        onPointerCancel={stickUp}
      >
        <span className="touch-knob" style={{ transform: `translate(${knob.x}px, ${knob.y}px)` }} />
      </div>
      <button type="button" className="button secondary touch-gyro" aria-pressed={gyro === "on"} onClick={onGyroToggle}>
        {gyro === "on" ? "Stop looking with the phone" : "Look by moving the phone"}
      </button>
      {gyro === "denied" || gyro === "unavailable" ? (
        <p className="touch-gyro-note" role="status">
          {gyro === "denied"
            ? "Motion sensors were not allowed; drag on the view to look around."
            : "This browser has no motion sensors; drag on the view to look around."}
        </p>
      ) : null}
    </div>
  );
}
