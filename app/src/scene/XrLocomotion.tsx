"use client";
/**
 * Moving in VR (`xrComfort.ts` decides): the play area's origin, teleporting by pointing a
 * controller or hand at a floor and pressing select, turning with the right thumbstick (snap by
 * default), and — when the visitor opted in — smooth walking with the left thumbstick, kept over
 * the floors, with the view's edges dimmed while moving. The teleport targets are its own
 * see-through planes over each floor: always there (a floor's textured mesh may load later) and
 * nothing else (table tops and walls are not places to stand).
 * `onMove` reports the origin after every move (the page shows it on its "Exit VR" button).
 */
import { createPortal, useFrame, useThree } from "@react-three/fiber";
import { TeleportTarget, useXR, useXRControllerLocomotion, XROrigin } from "@react-three/xr";
import { useEffect, useMemo, useRef } from "react";
import { Group, MeshBasicMaterial, RingGeometry, Vector3 } from "three";
import {
  floorAt,
  teleportOrigin,
  turnAroundHead,
  walkOrigin,
  type Floor,
  type Pose,
  type XrComfort,
} from "./xrComfort.ts";

type Props = {
  start: Pose;
  floors: readonly Floor[];
  comfort: XrComfort;
  onMove?: (origin: Pose) => void;
};

/** Draws nothing, yet is hit by rays (an invisible mesh is skipped by pointers). */
const seeThrough = new MeshBasicMaterial({ colorWrite: false, depthWrite: false });

/** Seconds the vignette takes to fade after movement stops. */
const VIGNETTE_FADE = 0.25;

export function XrLocomotion({ start, floors, comfort, onMove }: Props) {
  const originRef = useRef<Group>(null);
  const camera = useThree((state) => state.camera);
  const head = useMemo(() => new Vector3(), []);
  const moving = useRef(0);
  const latest = useRef({ floors, onMove });
  useEffect(() => {
    latest.current = { floors, onMove };
  }, [floors, onMove]);

  const pose = (): Pose | undefined => {
    const origin = originRef.current;
    if (!origin) return undefined;
    return { x: origin.position.x, y: origin.position.y, z: origin.position.z, yaw: origin.rotation.y };
  };
  const apply = (next: Pose) => {
    const origin = originRef.current;
    if (!origin) return;
    origin.position.set(next.x, next.y, next.z);
    origin.rotation.y = next.yaw;
    origin.updateMatrixWorld();
    latest.current.onMove?.(next);
  };

  // A new unit (or a new spawn) puts the visitor back at its start.
  useEffect(() => {
    apply(start);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `start` is compared by value
  }, [start.x, start.y, start.z, start.yaw]);

  useXRControllerLocomotion(
    (velocity, rotationY, delta) => {
      const current = pose();
      if (!current) return;
      camera.getWorldPosition(head);
      let next = current;
      if (rotationY !== 0) next = turnAroundHead(next, head, rotationY);
      // The hook hands over a stale vector when walking is off: only read it when it is on.
      if (comfort.locomotion === "smooth" && (velocity.x !== 0 || velocity.z !== 0)) {
        next = walkOrigin(next, head, velocity, delta, latest.current.floors);
      }
      if (next !== current) {
        apply(next);
        if (comfort.locomotion === "smooth" || comfort.turn === "smooth") moving.current = VIGNETTE_FADE;
      }
    },
    comfort.locomotion === "smooth" ? { speed: 1.5 } : false,
    comfort.turn === "smooth" ? { type: "smooth", speed: 1.8 } : { type: "snap", degrees: comfort.snapDegrees },
  );

  return (
    <>
      <XROrigin ref={originRef} />
      <TeleportTarget
        // Marks its children once, when mounted: new floors need a new target.
        key={floors.map((floor) => `${floor.center.join(",")}:${floor.width}x${floor.depth}@${floor.level}`).join(";")}
        onTeleport={(_, event) => {
          // `event.point` is where the ray met the floor (the first argument already subtracts
          // the head's offset, for an unturned origin only).
          const hit = event.point;
          const floor = floorAt(latest.current.floors, hit);
          const current = pose();
          if (!floor || !current) return;
          camera.getWorldPosition(head);
          apply(teleportOrigin(current, head, hit, floor.level));
        }}
      >
        {floors.map((floor, index) => (
          <mesh
            key={index}
            name="teleport-floor"
            position={[floor.center[0], floor.level + 0.002, floor.center[1]]}
            rotation-x={-Math.PI / 2}
            material={seeThrough}
          >
            <planeGeometry args={[floor.width, floor.depth]} />
          </mesh>
        ))}
      </TeleportTarget>
      <ComfortVignette fade={moving} />
    </>
  );
}

/**
 * A dark ring at the edge of the view, drawn in front of the eyes while the visitor moves
 * smoothly (`fade` holds the seconds left), which is what keeps smooth motion bearable for most.
 */
function ComfortVignette({ fade }: { fade: { current: number } }) {
  const camera = useThree((state) => state.camera);
  const scene = useThree((state) => state.scene);
  const session = useXR((state) => state.session);
  const geometry = useMemo(() => new RingGeometry(0.09, 0.6, 48, 1), []);
  const material = useMemo(
    () =>
      new MeshBasicMaterial({ color: 0x000000, transparent: true, opacity: 0, depthTest: false, depthWrite: false }),
    [],
  );
  useEffect(
    () => () => {
      geometry.dispose();
      material.dispose();
    },
    [geometry, material],
  );
  // Children of the camera are drawn only when the camera is in the scene.
  useEffect(() => {
    if (!session || camera.parent) return;
    scene.add(camera);
    return () => {
      scene.remove(camera);
    };
  }, [camera, scene, session]);
  useFrame((_, delta) => {
    fade.current = Math.max(0, fade.current - delta);
    material.opacity = Math.min(0.85, (fade.current / VIGNETTE_FADE) * 0.85);
  });
  if (!session) return null;
  return createPortal(
    <mesh geometry={geometry} material={material} position={[0, 0, -0.1]} renderOrder={1000} />,
    camera,
  );
}
