"use client";
/**
 * The editor's 3D view: the room as visitors see it (the scene's own `Room`, `PlacedModel` and
 * `WallPicture`), with markers for screens, speakers, lights and doors; each selectable by a
 * click, the selected model, speaker, point/spot light or door moved, turned and scaled with a gizmo (drei `TransformControls`) that snaps to the
 * grid and angle steps. With a panorama shown, the view stands at its eye height inside the
 * photo and a click in "add hotspot" mode picks the hotspot's direction. Each asset loads in its
 * own Suspense and error boundary: a missing one is marked in place, the rest of the room shows.
 * Lit plainly (no shadows, no environment map): the editor must stay responsive on any machine,
 * and Preview shows the visitor's lighting.
 * Loaded only in the browser (`next/dynamic`, `ssr: false`).
 */
import { Component, Suspense, use, useMemo, useState, type ReactNode } from "react";
import { Canvas, type ThreeEvent } from "@react-three/fiber";
import { OrbitControls, TransformControls } from "@react-three/drei";
import { BackSide, DoubleSide, type Group } from "three";
import type { PlacedObject, SceneManifest } from "@markspace/ipfs/manifest";
import { PlacedModel } from "../../scene/PlacedModel.tsx";
import { Room } from "../../scene/Room.tsx";
import { loadVerifiedTexture } from "../../scene/sceneAssets.ts";
import { WallPicture } from "../../scene/WallPicture.tsx";
import { wallPlacement } from "../../scene/wallPlacement.ts";
import type { Selection } from "../../editor/sceneEdits.ts";
import { snapPosition, snapRotation, snapScale, type SnapSettings, type Vec3 } from "../../editor/snapping.ts";
import { directionOf, type PanoramaPick } from "../../editor/panoramaAngles.ts";

export type GizmoMode = "translate" | "rotate" | "scale";
export type TransformPatch = { position: Vec3; rotation?: Vec3; scale?: PlacedObject["scale"] };

type Props = {
  manifest: SceneManifest;
  gatewayUrl: string;
  selection: Selection | undefined;
  onSelect: (selection: Selection | undefined) => void;
  /** A gizmo moved the selection; `gesture` is the same for every change of one drag. */
  onTransform: (selection: Selection, patch: TransformPatch, gesture: string) => void;
  onTransformEnd: () => void;
  mode: GizmoMode;
  snap: SnapSettings;
  showPanorama: boolean;
  /** Set while "add hotspot" waits for a click on the panorama. */
  onPanoramaPick?: ((pick: PanoramaPick) => void) | undefined;
};

const PANORAMA_RADIUS = 20;

export default function EditorCanvas(props: Props) {
  const { manifest, showPanorama } = props;
  const room = manifest.room;
  const inside = showPanorama && manifest.panorama !== undefined;
  const eye = manifest.panorama?.eyeHeight ?? 1.6;
  // One options object per view: a new one each render would make the Canvas build a new camera.
  const camera = useMemo(
    () =>
      inside
        ? { position: [0, eye, 0.01] as Vec3, fov: 75, near: 0.05, far: 100 }
        : {
            position: [room.width * 0.35, room.height + 2.4, room.depth / 2 + 3.2] as Vec3,
            fov: 55,
            near: 0.05,
            far: 100,
          },
    [inside, eye, room.width, room.height, room.depth],
  );
  return (
    <Canvas
      key={inside ? "panorama" : "room"}
      dpr={1}
      frameloop="demand"
      camera={camera}
      gl={{ antialias: true, preserveDrawingBuffer: true }}
      onPointerMissed={() => props.onSelect(undefined)}
      aria-label={`Editing ${manifest.name}`}
    >
      <color attach="background" args={["#1d1f24"]} />
      {inside ? <PanoramaInterior {...props} /> : <RoomContents {...props} />}
      <OrbitControls
        makeDefault
        target={inside ? [0, eye, 0] : [0, 0.6, 0]}
        enableDamping={false}
        enablePan={!inside}
        enableZoom={!inside}
        rotateSpeed={inside ? -0.35 : 1}
        maxPolarAngle={inside ? Math.PI : Math.PI * 0.52}
      />
    </Canvas>
  );
}

function RoomContents({ manifest, gatewayUrl, selection, onSelect, onTransform, onTransformEnd, mode, snap }: Props) {
  const room = manifest.room;
  const isSelected = (kind: Selection["kind"], index: number) => selection?.kind === kind && selection.index === index;
  return (
    <>
      <hemisphereLight args={["#fff8ee", manifest.floor.color, 1.6]} />
      <directionalLight position={[room.width / 3, room.height * 2, room.depth / 2]} intensity={1.4} />
      <Room manifest={manifest} />
      {manifest.objects.map((object, index) => (
        <EditableObject
          key={object.id ?? `${index}-${object.model}`}
          object={object}
          gatewayUrl={gatewayUrl}
          selected={isSelected("objects", index)}
          mode={mode}
          snap={snap}
          onSelect={() => onSelect({ kind: "objects", index })}
          onChange={(patch) => onTransform({ kind: "objects", index }, patch, `objects-${index}-${mode}`)}
          onEnd={onTransformEnd}
        />
      ))}
      {manifest.images.map((image, index) => (
        <group
          key={image.id ?? `${index}-${image.image}`}
          onClick={(event: ThreeEvent<MouseEvent>) => {
            event.stopPropagation();
            onSelect({ kind: "images", index });
          }}
        >
          <AssetBoundary label={image.title ?? "picture"}>
            <Suspense fallback={null}>
              <WallPicture image={image} room={room} gatewayUrl={gatewayUrl} />
            </Suspense>
          </AssetBoundary>
        </group>
      ))}
      {manifest.videos.map((video, index) => {
        const { position, rotationY } = wallPlacement(video, room);
        const selected = isSelected("videos", index);
        return (
          <mesh
            key={video.id ?? index}
            position={position}
            rotation-y={rotationY}
            onClick={(event: ThreeEvent<MouseEvent>) => {
              event.stopPropagation();
              onSelect({ kind: "videos", index });
            }}
          >
            <planeGeometry args={[video.width, video.height]} />
            <meshStandardMaterial color={selected ? "#ffd54a" : "#101218"} roughness={0.3} />
          </mesh>
        );
      })}
      {manifest.speakers.map((speaker, index) => (
        <MovableMarker
          key={speaker.id ?? index}
          position={speaker.position as Vec3}
          selected={isSelected("speakers", index)}
          mode="translate"
          snap={snap}
          onSelect={() => onSelect({ kind: "speakers", index })}
          onChange={(position) => onTransform({ kind: "speakers", index }, { position }, `speakers-${index}`)}
          onEnd={onTransformEnd}
        >
          <SpeakerBox selected={isSelected("speakers", index)} />
        </MovableMarker>
      ))}
      {manifest.lights.map((light, index) => {
        const selected = isSelected("lights", index);
        const marker = <LightBulb color={light.color} selected={selected} />;
        if (light.type === "point" || light.type === "spot") {
          return (
            <MovableMarker
              key={light.id ?? index}
              position={light.position as Vec3}
              selected={selected}
              mode="translate"
              snap={snap}
              onSelect={() => onSelect({ kind: "lights", index })}
              onChange={(position) => onTransform({ kind: "lights", index }, { position }, `lights-${index}`)}
              onEnd={onTransformEnd}
            >
              {marker}
            </MovableMarker>
          );
        }
        // Ambient and directional lights have no place: their marker floats above the room's corner.
        return (
          <group
            key={light.id ?? index}
            position={[-room.width / 2 + 0.3 + index * 0.3, room.height + 0.4, -room.depth / 2 + 0.3]}
            onClick={(event: ThreeEvent<MouseEvent>) => {
              event.stopPropagation();
              onSelect({ kind: "lights", index });
            }}
          >
            {marker}
          </group>
        );
      })}
      {manifest.portals.map((portal, index) => {
        const selected = isSelected("portals", index);
        return (
          <MovableMarker
            key={portal.id ?? index}
            position={portal.position as Vec3}
            rotation={portal.rotation as Vec3}
            selected={selected}
            mode={mode === "rotate" ? "rotate" : "translate"}
            snap={snap}
            onSelect={() => onSelect({ kind: "portals", index })}
            onChange={(position, rotation) =>
              onTransform(
                { kind: "portals", index },
                { position, ...(rotation ? { rotation } : {}) },
                `portals-${index}-${mode}`,
              )
            }
            onEnd={onTransformEnd}
          >
            <DoorFrame width={portal.width} height={portal.height} kind={portal.kind} selected={selected} />
          </MovableMarker>
        );
      })}
    </>
  );
}

function EditableObject(props: {
  object: PlacedObject;
  gatewayUrl: string;
  selected: boolean;
  mode: GizmoMode;
  snap: SnapSettings;
  onSelect: () => void;
  onChange: (patch: TransformPatch) => void;
  onEnd: () => void;
}) {
  const { object, selected, mode, snap } = props;
  const [target, setTarget] = useState<Group | null>(null);
  const scale: Vec3 = typeof object.scale === "number" ? [object.scale, object.scale, object.scale] : object.scale;
  // The model is drawn at the origin of a group that carries the placement, so the gizmo moves the group.
  const atOrigin: PlacedObject = { ...object, position: [0, 0, 0], rotation: [0, 0, 0], scale: 1 };
  return (
    <>
      <group
        ref={setTarget}
        name={`editable-${object.id ?? object.name}`}
        position={object.position}
        rotation={object.rotation}
        scale={scale}
        onClick={(event: ThreeEvent<MouseEvent>) => {
          event.stopPropagation();
          props.onSelect();
        }}
      >
        <AssetBoundary label={object.name}>
          <Suspense fallback={<Placeholder color="#8fb3ff" />}>
            <PlacedModel object={atOrigin} gatewayUrl={props.gatewayUrl} />
          </Suspense>
        </AssetBoundary>
      </group>
      {selected && target ? (
        <TransformControls
          object={target}
          mode={mode}
          translationSnap={snap.enabled ? snap.grid : null}
          rotationSnap={snap.enabled ? (snap.angleDegrees * Math.PI) / 180 : null}
          scaleSnap={snap.enabled ? snap.scale : null}
          onObjectChange={() => {
            const position = snapPosition(target.position.toArray(), snap);
            if (mode === "translate") props.onChange({ position });
            else if (mode === "rotate") {
              const { x, y, z } = target.rotation;
              props.onChange({ position, rotation: snapRotation([x, y, z], snap) });
            } else {
              const [x, y, z] = target.scale.toArray().map((value) => snapScale(value, snap)) as Vec3;
              props.onChange({ position, scale: x === y && y === z ? x : [x, y, z] });
            }
          }}
          onMouseUp={props.onEnd}
        />
      ) : null}
    </>
  );
}

/** A thing placed by its position (and, for doors, its turn), moved with the gizmo when selected. */
function MovableMarker(props: {
  position: Vec3;
  rotation?: Vec3;
  selected: boolean;
  mode: "translate" | "rotate";
  snap: SnapSettings;
  onSelect: () => void;
  onChange: (position: Vec3, rotation: Vec3 | undefined) => void;
  onEnd: () => void;
  children: ReactNode;
}) {
  const [target, setTarget] = useState<Group | null>(null);
  const { snap } = props;
  return (
    <>
      <group
        ref={setTarget}
        position={props.position}
        rotation={props.rotation ?? [0, 0, 0]}
        onClick={(event: ThreeEvent<MouseEvent>) => {
          event.stopPropagation();
          props.onSelect();
        }}
      >
        {props.children}
      </group>
      {props.selected && target ? (
        <TransformControls
          object={target}
          mode={props.mode}
          translationSnap={snap.enabled ? snap.grid : null}
          rotationSnap={snap.enabled ? (snap.angleDegrees * Math.PI) / 180 : null}
          onObjectChange={() => {
            const position = snapPosition(target.position.toArray(), snap);
            const { x, y, z } = target.rotation;
            props.onChange(position, props.rotation ? snapRotation([x, y, z], snap) : undefined);
          }}
          onMouseUp={props.onEnd}
        />
      ) : null}
    </>
  );
}

function SpeakerBox({ selected }: { selected: boolean }) {
  return (
    <>
      <mesh>
        <boxGeometry args={[0.22, 0.34, 0.2]} />
        <meshStandardMaterial color={selected ? "#ffd54a" : "#2d2f36"} roughness={0.5} />
      </mesh>
      <mesh position={[0, 0.05, 0.101]}>
        <circleGeometry args={[0.07, 24]} />
        <meshStandardMaterial color="#8a8f99" metalness={0.6} roughness={0.3} />
      </mesh>
    </>
  );
}

function LightBulb({ color, selected }: { color: string; selected: boolean }) {
  return (
    <mesh>
      <sphereGeometry args={[selected ? 0.16 : 0.11, 16, 12]} />
      <meshBasicMaterial color={selected ? "#ffd54a" : color} toneMapped={false} />
    </mesh>
  );
}

/** A door's frame (or a portal's glowing outline), its sill at the origin, opening facing +z. */
function DoorFrame(props: { width: number; height: number; kind: "door" | "portal"; selected: boolean }) {
  const { width, height } = props;
  const bar = 0.08;
  const color = props.selected ? "#ffd54a" : props.kind === "portal" ? "#7fd6ff" : "#8a6a4a";
  return (
    <group>
      {[
        { position: [-width / 2, height / 2, 0] as Vec3, size: [bar, height, bar] as Vec3 },
        { position: [width / 2, height / 2, 0] as Vec3, size: [bar, height, bar] as Vec3 },
        { position: [0, height, 0] as Vec3, size: [width + bar, bar, bar] as Vec3 },
      ].map((part, i) => (
        <mesh key={i} position={part.position}>
          <boxGeometry args={part.size} />
          <meshStandardMaterial color={color} emissive={props.kind === "portal" ? color : "#000000"} />
        </mesh>
      ))}
      <mesh position={[0, height / 2, 0]}>
        <planeGeometry args={[width, height]} />
        <meshBasicMaterial color={color} transparent opacity={0.25} side={DoubleSide} />
      </mesh>
    </group>
  );
}

function PanoramaInterior({ manifest, gatewayUrl, selection, onSelect, onPanoramaPick }: Props) {
  const panorama = manifest.panorama!;
  return (
    // The sphere puts the photo's centre column towards −x; a quarter turn brings it to north (−z), then the heading.
    <group position={[0, panorama.eyeHeight, 0]} rotation-y={-Math.PI / 2 - panorama.heading}>
      <AssetBoundary label="the panorama">
        <Suspense fallback={<Placeholder color="#3b4150" size={2} />}>
          <PanoramaSphere cid={panorama.image} gatewayUrl={gatewayUrl} onPick={onPanoramaPick} />
        </Suspense>
      </AssetBoundary>
      {panorama.hotspots.map((hotspot, index) => {
        const direction = directionOf(hotspot);
        const at = PANORAMA_RADIUS * 0.8;
        const selected = selection?.kind === "hotspots" && selection.index === index;
        return (
          <mesh
            key={hotspot.id ?? index}
            position={[direction[0] * at, direction[1] * at, direction[2] * at]}
            onClick={(event: ThreeEvent<MouseEvent>) => {
              event.stopPropagation();
              onSelect({ kind: "hotspots", index });
            }}
          >
            <sphereGeometry args={[selected ? 0.55 : 0.4, 20, 14]} />
            <meshBasicMaterial color={selected ? "#ffffff" : "#ffd54a"} toneMapped={false} />
          </mesh>
        );
      })}
    </group>
  );
}

function PanoramaSphere(props: {
  cid: string;
  gatewayUrl: string;
  onPick?: ((pick: PanoramaPick) => void) | undefined;
}) {
  const { texture } = use(loadVerifiedTexture(props.gatewayUrl, props.cid));
  return (
    <mesh
      // Seen from inside: mirrored in x so the photo reads the right way round.
      scale={[-1, 1, 1]}
      onClick={(event: ThreeEvent<MouseEvent>) => {
        if (!props.onPick || !event.uv) return;
        event.stopPropagation();
        props.onPick({ u: event.uv.x, v: event.uv.y });
      }}
    >
      <sphereGeometry args={[PANORAMA_RADIUS, 64, 32]} />
      <meshBasicMaterial map={texture} side={BackSide} toneMapped={false} />
    </mesh>
  );
}

function Placeholder({ color, size = 0.8 }: { color: string; size?: number }) {
  return (
    <mesh position-y={size / 2}>
      <boxGeometry args={[size, size, size]} />
      <meshBasicMaterial color={color} transparent opacity={0.3} wireframe />
    </mesh>
  );
}

/** One asset that fails to load shows a red marker where it stands; the rest of the room carries on. */
class AssetBoundary extends Component<{ label: string; children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  override componentDidCatch(error: unknown) {
    console.warn(`editor: ${this.props.label} could not be loaded`, error);
  }
  override render() {
    return this.state.failed ? <Placeholder color="#ff5a5a" /> : this.props.children;
  }
}
