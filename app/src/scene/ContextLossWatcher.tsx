"use client";
/**
 * Listens for the canvas losing and regaining its WebGL context. three.js' renderer already
 * asks the browser to restore a lost context (it cancels the default) and rebuilds its GPU state
 * when it comes back; this tells the page, which shows a message meanwhile, and asks for a frame
 * once restored (demand rendering would otherwise keep the blank canvas).
 */
import { useEffect } from "react";
import { useThree } from "@react-three/fiber";

type Props = { onLost: () => void; onRestored: () => void };

export function ContextLossWatcher({ onLost, onRestored }: Props) {
  const gl = useThree((state) => state.gl);
  const invalidate = useThree((state) => state.invalidate);
  useEffect(() => {
    const canvas = gl.domElement;
    const lost = (event: Event) => {
      event.preventDefault();
      onLost();
    };
    const restored = () => {
      onRestored();
      invalidate();
    };
    canvas.addEventListener("webglcontextlost", lost);
    canvas.addEventListener("webglcontextrestored", restored);
    return () => {
      canvas.removeEventListener("webglcontextlost", lost);
      canvas.removeEventListener("webglcontextrestored", restored);
    };
  }, [gl, invalidate, onLost, onRestored]);
  return null;
}
