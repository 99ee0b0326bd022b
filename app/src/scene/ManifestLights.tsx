"use client";
/**
 * The manifest's own lights (version 2), replacing the viewer's default lighting when the list
 * is not empty. Units follow the format: point and spot intensities in candela, directional in
 * lux-like units, ambient a factor; `range` 0 means no cut-off. Spot targets and directional
 * directions are set on the light's target object.
 */
import { useLayoutEffect, useRef } from "react";
import type { DirectionalLight, SpotLight } from "three";
import type { Light } from "@markspace/ipfs/manifest";

export function ManifestLights({ lights }: { lights: readonly Light[] }) {
  return (
    <group name="manifest-lights">
      {lights.map((light, index) => {
        switch (light.type) {
          case "ambient":
            return <ambientLight key={index} color={light.color} intensity={light.intensity} />;
          case "directional":
            return <Directional key={index} light={light} />;
          case "point":
            return (
              <pointLight
                key={index}
                color={light.color}
                position={light.position}
                intensity={light.intensity}
                distance={light.range}
                decay={2}
                castShadow={light.castShadow}
                shadow-mapSize={[1024, 1024]}
              />
            );
          case "spot":
            return <Spot key={index} light={light} />;
        }
      })}
    </group>
  );
}

function Directional({ light }: { light: Extract<Light, { type: "directional" }> }) {
  const ref = useRef<DirectionalLight>(null);
  const [dx, dy, dz] = light.direction;
  // `direction` points from the light towards the scene: the light sits opposite it.
  const length = Math.hypot(dx, dy, dz) || 1;
  const position: [number, number, number] = [(-dx / length) * 10, (-dy / length) * 10, (-dz / length) * 10];
  useLayoutEffect(() => {
    ref.current?.target.position.set(0, 0, 0);
    ref.current?.target.updateMatrixWorld();
  }, []);
  return (
    <directionalLight
      ref={ref}
      color={light.color}
      position={position}
      intensity={light.intensity}
      castShadow={light.castShadow}
      shadow-mapSize={[1024, 1024]}
      shadow-camera-left={-6}
      shadow-camera-right={6}
      shadow-camera-top={6}
      shadow-camera-bottom={-6}
    />
  );
}

function Spot({ light }: { light: Extract<Light, { type: "spot" }> }) {
  const ref = useRef<SpotLight>(null);
  const [tx, ty, tz] = light.target;
  useLayoutEffect(() => {
    const spot = ref.current;
    if (!spot) return;
    spot.target.position.set(tx, ty, tz);
    spot.target.updateMatrixWorld();
  }, [tx, ty, tz]);
  return (
    <spotLight
      ref={ref}
      color={light.color}
      position={light.position}
      intensity={light.intensity}
      distance={light.range}
      angle={light.angle}
      penumbra={light.penumbra}
      decay={2}
      castShadow={light.castShadow}
      shadow-mapSize={[1024, 1024]}
      shadow-bias={-0.0005}
    />
  );
}
