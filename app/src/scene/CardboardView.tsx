"use client";
/**
 * Cardboard-class viewers: the view drawn twice side by side, one image per eye from two cameras
 * an eye-width apart (three's `StereoEffect`), for a phone slid into a cardboard headset. The
 * phone's gyroscope turns the head (walk mode reads it) and a press on the screen — the viewer's
 * button — walks forward. Our own viewer rather than `immersive-vr`, which many phone browsers
 * do not offer or get wrong.
 */
import { useEffect, useMemo } from "react";
import { useFrame, useThree } from "@react-three/fiber";
import { StereoEffect } from "three/examples/jsm/effects/StereoEffect.js";
import type { TouchInput } from "./touchInput.ts";

/** Distance between the eyes, in metres (an adult's average). */
export const EYE_SEPARATION = 0.064;

export function CardboardView({ input }: { input: TouchInput }) {
  const gl = useThree((state) => state.gl);
  const size = useThree((state) => state.size);
  const effect = useMemo(() => {
    const stereo = new StereoEffect(gl);
    stereo.setEyeSeparation(EYE_SEPARATION);
    return stereo;
  }, [gl]);
  useEffect(() => effect.setSize(size.width, size.height), [effect, size]);

  // The viewer's button presses the screen: walk forward while it is held.
  useEffect(() => {
    const canvas = gl.domElement;
    const press = () => (input.forward = 1);
    const release = () => (input.forward = 0);
    canvas.addEventListener("pointerdown", press);
    window.addEventListener("pointerup", release);
    window.addEventListener("pointercancel", release);
    return () => {
      canvas.removeEventListener("pointerdown", press);
      window.removeEventListener("pointerup", release);
      window.removeEventListener("pointercancel", release);
      release();
    };
  }, [gl, input]);

  // A positive priority takes drawing over from react-three-fiber while mounted.
  useFrame(({ scene, camera }) => effect.render(scene, camera), 1);
  return null;
}
