"use client";
/**
 * The 3D view of one unit: an R3F Canvas with the rooms, lights, sky and everything the manifest
 * places. Each model, picture and the panorama loads in its own slot (`AssetSlot`): the room shows
 * at once, each asset appears when verified, and one that fails is marked in place with a retry
 * instead of failing the scene. `onReady` fires once no asset is loading any more and the scene
 * is warmed up (shaders compiled, textures uploaded: `SceneWarmup`).
 * Orbit controls by default, a walk mode on request, WebXR through @react-three/xr; speakers and
 * videos play only after the visitor asks (autoplay rules). Leaving the unit releases its assets
 * (disposed once no other scene uses them); a lost WebGL context is reported and restored.
 * Loaded only in the browser (`next/dynamic`, `ssr: false`).
 */
import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from "react";
import { Canvas, useThree } from "@react-three/fiber";
import { OrbitControls } from "@react-three/drei";
import { createXRStore, XR } from "@react-three/xr";
import { AudioContext as ThreeAudioContext, AudioListener } from "three";
import type { SceneManifest } from "@markspace/ipfs/manifest";
import type { ErrorView } from "../errors/MarkspaceAppError.ts";
import { assetKey } from "../ipfs/verifiedContent.ts";
import type { MarkerShape } from "./AssetMarker.tsx";
import { AssetSlot, type SlotState } from "./AssetSlot.tsx";
import { ContextLossWatcher } from "./ContextLossWatcher.tsx";
import { CONTEXT_OK, nextContextState, type ContextEvent, type ContextTracker } from "./contextLoss.ts";
import { describeDestination, destinationAction, type Destination } from "./destinations.ts";
import { EnterVrButton } from "./EnterVrButton.tsx";
import { ManifestLights } from "./ManifestLights.tsx";
import { manifestAssetCids } from "./manifestAssets.ts";
import { PanoramaInterior } from "./PanoramaInterior.tsx";
import { PlacedModel } from "./PlacedModel.tsx";
import { Portal } from "./Portal.tsx";
import { Room, RoomShell } from "./Room.tsx";
import { retryFailedAssets, sceneAssetRetainer } from "./sceneAssets.ts";
import { SceneEnvironment } from "./SceneEnvironment.tsx";
import { SceneLabelContext, SceneLabelOverlay, SceneLabelTracker } from "./SceneLabel.tsx";
import { SceneLabelStore } from "./sceneLabels.ts";
import { SceneLights } from "./SceneLights.tsx";
import { SceneWarmup } from "./SceneWarmup.tsx";
import { summarizeSlots, type SlotSummary } from "./slotSummary.ts";
import { SoundEffects } from "./SoundEffects.tsx";
import { createObjectClicks, sceneIdOf } from "./soundTriggers.ts";
import { Speaker } from "./Speaker.tsx";
import { VideoScreen } from "./VideoScreen.tsx";
import { CardboardView } from "./CardboardView.tsx";
import {
  requestGyro,
  TouchControls,
  useCoarsePointer,
  useDeviceOrientation,
  type GyroState,
} from "./TouchControls.tsx";
import { createTouchInput } from "./touchInput.ts";
import { WalkControls } from "./WalkControls.tsx";
import { WallPicture } from "./WallPicture.tsx";
import { roomFrame, wallPlacement, type RoomFrame } from "./wallPlacement.ts";
import { useXrSessionActive } from "./useXrSessionActive.ts";
import { INPUT_PROFILES_PATH } from "../xr/inputProfilePath.ts";
import { XrLocomotion } from "./XrLocomotion.tsx";
import { readXrComfort, XR_COMFORT_STORAGE_KEY, type Floor, type Pose, type XrComfort } from "./xrComfort.ts";

export type ViewMode = "orbit" | "walk";
export type { SlotSummary } from "./slotSummary.ts";

type Props = {
  manifest: SceneManifest;
  gatewayUrl: string;
  onReady: () => void;
  /** Counts of loading, ready and failed assets whenever they change. */
  onAssetsChange?: (summary: SlotSummary, failures: ReadonlyMap<string, ErrorView>) => void;
  /** Bumping it retries every failed asset. */
  retryToken?: number;
  /** Opens another unit's page (a portal or hotspot leads there); a full page load by default. */
  onNavigate?: (href: string) => void;
};

type Vec3 = [number, number, number];
type Spawn = { position: Vec3; lookAt: Vec3 };

const DEFAULT_EYE = 1.6;
/** The view's canvas (walk mode locks the pointer to it, or reads touch drags on it). */
const VIEW_SELECTOR = '[data-testid="unit-scene"] canvas';

function spawnOf(manifest: SceneManifest): Spawn {
  if (manifest.spawn) return manifest.spawn;
  return { position: [0, DEFAULT_EYE, manifest.room.depth / 2 - 0.8], lookAt: [0, 1.2, 0] };
}

/** Y rotation that turns the default view direction (−z) towards `lookAt` from `position`. */
function headingTowards(position: readonly number[], lookAt: readonly number[]): number {
  const dx = (lookAt[0] ?? 0) - (position[0] ?? 0);
  const dz = (lookAt[2] ?? 0) - (position[2] ?? 0);
  return Math.atan2(-dx, -dz);
}

/** localStorage, or undefined where the browser refuses it (private modes, sandboxed frames). */
function safeStorage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

/** The floors a VR visitor may stand on: the main room's and each extra room's (none inside a panorama). */
function floorsOf(manifest: SceneManifest, drawWalls: boolean): Floor[] {
  if (!drawWalls) return [];
  const { width, depth } = manifest.room;
  return [
    { center: [0, 0], width, depth, level: 0 },
    ...manifest.rooms.map((extra) => ({
      center: extra.center,
      width: extra.width,
      depth: extra.depth,
      level: extra.level,
    })),
  ];
}

/** The slots of a manifest: one per model, per picture, and the panorama. */
function slotIds(manifest: SceneManifest, drawWalls: boolean): string[] {
  return [
    ...manifest.objects.map((_, index) => `object-${index}`),
    ...(drawWalls ? manifest.images.map((_, index) => `image-${index}`) : []),
    ...(manifest.panorama ? ["panorama"] : []),
  ];
}

export default function RoomView({ manifest, gatewayUrl, onReady, onAssetsChange, retryToken, onNavigate }: Props) {
  const [mode, setMode] = useState<ViewMode>("orbit");
  const [soundOn, setSoundOn] = useState(false);
  const [listener, setListener] = useState<AudioListener>();
  const [place, setPlace] = useState<{ frame: RoomFrame; start: Spawn }>();
  const [canvasKey, setCanvasKey] = useState(0);
  const labels = useMemo(() => new SceneLabelStore(), []);
  const [context, dispatchContext] = useReducer(
    (current: ContextTracker, event: ContextEvent) => nextContextState(current, event),
    CONTEXT_OK,
  );
  const store = useMemo(
    () =>
      createXRStore({
        // No emulator injection on localhost; controller and hand models and layouts come from the
        // app itself (`/xr/profiles/`, the @webxr-input-profiles/assets package), not a CDN.
        emulate: false,
        offerSession: false,
        baseAssetPath: new URL(INPUT_PROFILES_PATH, window.location.origin).href,
        controller: { teleportPointer: true },
        hand: { teleportPointer: true },
      }),
    [],
  );
  const inXr = useXrSessionActive(store);
  const [comfort, setComfort] = useState<XrComfort>(() => readXrComfort(safeStorage()));
  const chooseComfort = (next: XrComfort) => {
    setComfort(next);
    safeStorage()?.setItem(XR_COMFORT_STORAGE_KEY, JSON.stringify(next));
  };
  const [xrOrigin, setXrOrigin] = useState<Pose>();
  const hasAudio = manifest.speakers.length > 0 || manifest.sounds.length > 0;
  const objectClicks = useMemo(() => createObjectClicks(), []);
  // Phones and tablets walk with a joystick, a drag on the view and, if asked, the gyroscope.
  const coarsePointer = useCoarsePointer();
  const touch = useMemo(() => createTouchInput(), []);
  const [gyro, setGyro] = useState<GyroState>("off");
  useDeviceOrientation(touch, gyro === "on");
  const toggleGyro = async () => setGyro(gyro === "on" ? "off" : await requestGyro());
  const [cardboard, setCardboard] = useState(false);
  const enterCardboard = async () => {
    // Both asked at once, while the tap still counts as the visitor's gesture (iOS's motion
    // permission and fullscreen need one).
    const sensors = requestGyro();
    const view = document.querySelector(VIEW_SELECTOR)?.closest<HTMLElement>('[data-testid="unit-scene"]');
    await view?.requestFullscreen?.().catch(() => undefined);
    await (screen.orientation as unknown as { lock?: (to: string) => Promise<void> } | undefined)
      ?.lock?.("landscape")
      .catch(() => undefined);
    setMode("walk");
    setCardboard(true);
    setGyro(await sensors);
  };
  const leaveCardboard = useCallback(() => {
    setCardboard(false);
    setGyro("off");
    try {
      screen.orientation?.unlock?.();
    } catch {
      // Not locked, or the browser cannot lock: nothing to undo.
    }
    if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
  }, []);
  // Leaving fullscreen (the back gesture) leaves the viewer too.
  useEffect(() => {
    if (!cardboard) return;
    const changed = () => !document.fullscreenElement && leaveCardboard();
    document.addEventListener("fullscreenchange", changed);
    return () => document.removeEventListener("fullscreenchange", changed);
  }, [cardboard, leaveCardboard]);
  const room = manifest.room;
  // Kept per manifest: walk mode puts the camera back at its start whenever the start changes.
  const spawn = useMemo(() => spawnOf(manifest), [manifest]);
  const panorama = manifest.panorama;
  const panoramaInside = panorama?.replacesRoom === true;
  const drawWalls = !panoramaInside;
  const floors = useMemo(() => floorsOf(manifest, drawWalls), [manifest, drawWalls]);
  // In VR the visitor starts standing on the floor at the spawn point, facing its look-at.
  const xrStart: Pose = useMemo(
    () => ({ x: spawn.position[0], y: 0, z: spawn.position[2], yaw: headingTowards(spawn.position, spawn.lookAt) }),
    [spawn],
  );
  // Orbit mode starts outside the room, above and behind the south wall, like a doll's house:
  // walls and ceiling are single-sided, so the near ones vanish and the whole room shows.
  // Inside a panorama it stands at the photo's eye and looks around.
  const overview: Vec3 = panoramaInside
    ? [0, panorama.eyeHeight, 0.01]
    : [room.width * 0.3, room.height + 1.8, room.depth / 2 + 2.6];
  const orbitTarget: Vec3 = panoramaInside ? [0, panorama.eyeHeight, 0] : [0, 0.6, -room.depth * 0.08];

  // Asset slots: which are loading, ready or failed.
  const ids = useMemo(() => slotIds(manifest, drawWalls), [manifest, drawWalls]);
  const states = useRef(new Map<string, SlotState>());
  const failures = useRef(new Map<string, ErrorView>());
  const [slotVersion, bumpSlots] = useReducer((n: number) => n + 1, 0);
  const onSlotState = useCallback((id: string, state: SlotState, error?: ErrorView) => {
    if (states.current.get(id) === state) return;
    states.current.set(id, state);
    if (error) failures.current.set(id, error);
    else failures.current.delete(id);
    bumpSlots();
  }, []);
  // "Retry all": failed loads are forgotten before the slots render again (they reset on the new
  // token), then failed slots count as loading until they settle anew.
  const lastRetryToken = useRef(retryToken);
  if (lastRetryToken.current !== retryToken) {
    lastRetryToken.current = retryToken;
    retryFailedAssets();
  }
  useEffect(() => {
    if (retryToken === undefined) return;
    for (const [id, state] of states.current) if (state === "failed") states.current.set(id, "loading");
    failures.current.clear();
    bumpSlots();
  }, [retryToken]);
  const summary = useMemo(() => summarizeSlots(ids, states.current), [ids, slotVersion]); // eslint-disable-line react-hooks/exhaustive-deps
  // Once every asset has settled the scene is warmed up (shaders compiled, textures uploaded);
  // only then is the view ready, so the visitor's first turn does not stall.
  const [warmRequest, requestWarmup] = useReducer((n: number) => n + 1, 0);
  useEffect(() => {
    onAssetsChange?.(summary, failures.current);
    if (summary.settled) requestWarmup();
  }, [summary, onAssetsChange]);

  // Keep this unit's assets while it is shown; dispose them once no scene uses them.
  useEffect(() => {
    const release = sceneAssetRetainer.retain(manifestAssetCids(manifest).map((cid) => assetKey(gatewayUrl, cid)));
    return release;
  }, [manifest, gatewayUrl]);

  // Context loss: re-check for a stall every second while lost.
  useEffect(() => {
    if (context.state !== "lost") return;
    const timer = setInterval(() => dispatchContext({ type: "tick", at: Date.now() }), 1000);
    return () => clearInterval(timer);
  }, [context.state]);
  const onContextLost = useCallback(() => dispatchContext({ type: "lost", at: Date.now() }), []);
  const onContextRestored = useCallback(() => dispatchContext({ type: "restored" }), []);

  const follow = useCallback(
    (destination: Destination) => {
      const action = destinationAction(destination, manifest);
      switch (action.kind) {
        case "navigate":
          if (onNavigate) onNavigate(action.href);
          else window.location.assign(action.href);
          return;
        case "open":
          if (window.confirm(`Leave Markspace for ${action.url}?`))
            window.open(action.url, "_blank", "noopener,noreferrer");
          return;
        case "move": {
          const frame = destination.type === "room" ? roomFrame(manifest, destination.room) : undefined;
          if (!frame) return;
          setPlace({ frame, start: { position: action.position, lookAt: action.lookAt } });
          setMode("walk");
          return;
        }
        case "unknown-room":
          console.warn(`A portal leads to room "${action.room}", which this unit does not have.`);
      }
    },
    [manifest, onNavigate],
  );

  const slot = (id: string, cid: string, label: string, shape: MarkerShape) => ({
    id,
    label,
    shape,
    progressKey: assetKey(gatewayUrl, cid),
    retryToken,
    onState: onSlotState,
    onRetry: () => retryFailedAssets(assetKey(gatewayUrl, cid)),
  });

  const toggleSound = () => {
    if (!soundOn) {
      // Resumed inside the click: browsers let audio start on a visitor's gesture only.
      void (ThreeAudioContext.getContext() as unknown as globalThis.AudioContext).resume();
    }
    setSoundOn(!soundOn);
  };

  return (
    <>
      <Canvas
        key={canvasKey}
        shadows="percentage"
        dpr={[1, 1.75]}
        frameloop={mode === "walk" || inXr || soundOn ? "always" : "demand"}
        camera={{ position: overview, fov: 60, near: 0.05, far: 200 }}
        gl={{ antialias: true }}
        aria-label={`3D view of ${manifest.name}`}
      >
        <SceneLabelContext value={labels}>
          <SceneEnvironment environment={manifest.environment} />
          <ContextLossWatcher onLost={onContextLost} onRestored={onContextRestored} />
          <SceneWarmup request={warmRequest} onWarm={onReady} />
          {cardboard ? <CardboardView input={touch} /> : null}
          <SceneLabelTracker />
          {hasAudio ? <ListenerRig onListener={setListener} /> : null}
          <XR store={store}>
            {manifest.lights.length > 0 ? (
              <ManifestLights lights={manifest.lights} />
            ) : (
              <SceneLights room={room} floorColor={manifest.floor.color} />
            )}
            {inXr ? (
              // Only during a session: outside VR it has nothing to do, and mounted there it kept
              // the unit page's on-demand view redrawing (about 2 frames a second in CI).
              <XrLocomotion start={xrStart} floors={floors} comfort={comfort} onMove={setXrOrigin} />
            ) : null}
            {drawWalls ? (
              <>
                <Room manifest={manifest} gatewayUrl={gatewayUrl} />
                {manifest.rooms.map((extra) => (
                  <RoomShell
                    key={extra.id}
                    name={`room-${extra.id}`}
                    size={extra}
                    position={[extra.center[0], extra.level, extra.center[1]]}
                    floor={extra.floor ?? manifest.floor}
                    walls={extra.walls ?? manifest.walls}
                    ceiling={extra.ceiling ?? manifest.ceiling}
                    gatewayUrl={gatewayUrl}
                  />
                ))}
              </>
            ) : null}
            {panorama ? (
              <AssetSlot
                {...slot("panorama", panorama.image, "360° photo", {
                  kind: "box",
                  position: [0, panorama.eyeHeight - 0.4, -2],
                })}
              >
                <PanoramaInterior
                  panorama={panorama}
                  gatewayUrl={gatewayUrl}
                  center={panoramaInside ? [0, panorama.eyeHeight, 0] : [0, room.height / 2, 0]}
                  radius={panoramaInside ? 10 : 60}
                  onDestination={follow}
                />
              </AssetSlot>
            ) : null}
            {manifest.sounds.length > 0 ? (
              <SoundEffects
                sounds={manifest.sounds}
                objects={manifest.objects}
                gatewayUrl={gatewayUrl}
                listener={listener}
                enabled={soundOn}
                clicks={objectClicks}
              />
            ) : null}
            <group
              name="objects"
              onClick={
                // Only with click sounds: a handler makes every click raycast the models.
                manifest.sounds.some((sound) => sound.trigger === "click")
                  ? (event) => {
                      const id = sceneIdOf(event.object);
                      if (id === undefined) return;
                      event.stopPropagation();
                      objectClicks.emit(id);
                    }
                  : undefined
              }
            >
              {manifest.objects.map((object, index) => (
                <AssetSlot
                  key={`${index}-${object.model}`}
                  {...slot(`object-${index}`, object.model, object.name, {
                    kind: "box",
                    position: object.position,
                    rotation: object.rotation,
                  })}
                >
                  <PlacedModel object={object} gatewayUrl={gatewayUrl} />
                </AssetSlot>
              ))}
            </group>
            {drawWalls
              ? manifest.images.map((image, index) => {
                  const frame = roomFrame(manifest, image.room);
                  if (!frame) return null;
                  const { position, rotationY } = wallPlacement(image, frame.size);
                  return (
                    <group key={`${index}-${image.image}`} position={frame.origin}>
                      <AssetSlot
                        {...slot(`image-${index}`, image.image, image.title ?? "Picture", {
                          kind: "panel",
                          position,
                          rotationY,
                          width: image.width,
                          height: image.height,
                        })}
                      >
                        <WallPicture image={image} room={frame.size} gatewayUrl={gatewayUrl} />
                      </AssetSlot>
                    </group>
                  );
                })
              : null}
            {drawWalls
              ? manifest.videos.map((screen, index) => {
                  const frame = roomFrame(manifest, screen.room);
                  if (!frame) return null;
                  return (
                    <group key={`video-${index}`} position={frame.origin}>
                      <VideoScreen screen={screen} room={frame.size} gatewayUrl={gatewayUrl} />
                    </group>
                  );
                })
              : null}
            {manifest.speakers.map((speaker, index) => (
              <Speaker
                key={`speaker-${index}`}
                speaker={speaker}
                gatewayUrl={gatewayUrl}
                listener={listener}
                enabled={soundOn}
              />
            ))}
            {manifest.portals.map((portal, index) => (
              <Portal
                key={`portal-${index}`}
                portal={portal}
                description={describeDestination(portal.to, manifest)}
                onDestination={follow}
              />
            ))}
          </XR>
        </SceneLabelContext>
        {mode === "orbit" ? (
          <OrbitControls
            makeDefault
            target={orbitTarget}
            enableDamping={false}
            enableZoom={!panoramaInside}
            rotateSpeed={panoramaInside ? -0.35 : 1}
            minDistance={panoramaInside ? 0.01 : 0.5}
            maxDistance={panoramaInside ? 0.01 : Math.hypot(room.width, room.depth) * 1.1}
            maxPolarAngle={panoramaInside ? Math.PI : Math.PI * 0.52}
          />
        ) : (
          <WalkControls
            room={place?.frame.size ?? room}
            origin={place?.frame.origin}
            start={place?.start ?? spawn}
            selector={VIEW_SELECTOR}
            touch={coarsePointer || cardboard ? touch : undefined}
          />
        )}
      </Canvas>
      {/* Labels are placed for one eye; the stereo viewer goes without them. */}
      {cardboard ? null : <SceneLabelOverlay store={labels} />}
      {mode === "walk" && coarsePointer && !cardboard ? (
        <TouchControls input={touch} selector={VIEW_SELECTOR} gyro={gyro} onGyroToggle={() => void toggleGyro()} />
      ) : null}
      {cardboard ? (
        <div className="cardboard-bar" data-testid="cardboard">
          <button type="button" className="button secondary" onClick={leaveCardboard}>
            Leave Cardboard
          </button>
          {gyro !== "on" ? (
            <span role="status">
              {gyro === "denied" ? "Motion sensors were not allowed" : "This browser has no motion sensors"}: the view
              cannot follow your head.
            </span>
          ) : null}
        </div>
      ) : null}
      {context.state !== "ok" ? (
        <div className="scene-context-lost" role="alert" data-testid="context-lost">
          {context.state === "lost" ? (
            "The graphics card dropped the 3D view; restoring it…"
          ) : (
            <>
              The 3D view did not come back by itself.{" "}
              <button
                type="button"
                className="button secondary"
                onClick={() => {
                  dispatchContext({ type: "restart" });
                  setCanvasKey((key) => key + 1);
                }}
              >
                Restart the 3D view
              </button>
            </>
          )}
        </div>
      ) : null}
      <div className="scene-toolbar" hidden={cardboard}>
        <button
          type="button"
          className="button secondary"
          onClick={() => setMode(mode === "orbit" ? "walk" : "orbit")}
          aria-pressed={mode === "walk"}
        >
          {mode === "orbit" ? "Walk" : "Orbit"}
        </button>
        {hasAudio ? (
          <button type="button" className="button secondary" onClick={toggleSound} aria-pressed={soundOn}>
            {soundOn ? "Sound off" : "Sound on"}
          </button>
        ) : null}
        <EnterVrButton store={store} comfort={comfort} onComfort={chooseComfort} origin={xrOrigin} />
        {coarsePointer && !cardboard ? (
          <button type="button" className="button secondary" onClick={() => void enterCardboard()}>
            Cardboard
          </button>
        ) : null}
      </div>
      <p className="scene-help" hidden={cardboard}>
        {mode === "orbit"
          ? panoramaInside
            ? "Drag to look around the 360° photo; click a hotspot to follow it."
            : "Drag to orbit, scroll to zoom. Walk mode puts you inside at eye height."
          : coarsePointer
            ? "Drag the view to look around; walk with the joystick."
            : "Click the view to look around (Esc releases the pointer); move with WASD or the arrow keys."}
      </p>
    </>
  );
}

/** The camera's ears for positional audio, made once speakers exist and removed with the view. */
function ListenerRig({ onListener }: { onListener: (listener: AudioListener | undefined) => void }) {
  const camera = useThree((state) => state.camera);
  useEffect(() => {
    const listener = new AudioListener();
    camera.add(listener);
    onListener(listener);
    return () => {
      camera.remove(listener);
      onListener(undefined);
    };
  }, [camera, onListener]);
  return null;
}
