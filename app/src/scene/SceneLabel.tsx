"use client";
/**
 * `<SceneLabel>` pins DOM content to a point of the scene (see `sceneLabels.ts`): inside the
 * Canvas it registers its anchor with the view's label store; `<SceneLabelTracker>` (inside the
 * Canvas) moves the labels every frame; `<SceneLabelOverlay>` (beside the Canvas) renders them.
 */
import { createContext, useContext, useId, useLayoutEffect, useRef, useSyncExternalStore, type ReactNode } from "react";
import { useFrame, useThree } from "@react-three/fiber";
import { Vector3, type Group } from "three";
import { ndcToScreen, type SceneLabelStore } from "./sceneLabels.ts";

export const SceneLabelContext = createContext<SceneLabelStore | undefined>(undefined);

type Props = { position?: [number, number, number]; children: ReactNode };

/** Content shown over the canvas at `position` (local to the parent group). Without a store (a bare Canvas) it shows nothing. */
export function SceneLabel({ position, children }: Props) {
  const store = useContext(SceneLabelContext);
  const invalidate = useThree((state) => state.invalidate);
  const anchor = useRef<Group>(null);
  const id = useId();
  useLayoutEffect(() => {
    if (!store || !anchor.current) return;
    store.set({ id, anchor: anchor.current, content: children });
    invalidate(); // a frame places the new label (demand rendering draws none otherwise)
  }, [store, id, children, invalidate]);
  useLayoutEffect(() => () => store?.remove(id), [store, id]);
  return <group ref={anchor} position={position} />;
}

const point = new Vector3();

/** Moves every label's element to its anchor's place on screen, hiding those behind the camera. */
export function SceneLabelTracker() {
  const store = useContext(SceneLabelContext);
  const camera = useThree((state) => state.camera);
  const size = useThree((state) => state.size);
  useFrame(() => {
    if (!store) return;
    for (const entry of store.list()) {
      const element = store.elements.get(entry.id);
      if (!element) continue;
      entry.anchor.getWorldPosition(point);
      point.project(camera);
      const screen = ndcToScreen(point, size.width, size.height);
      if (!screen) {
        element.style.visibility = "hidden";
        continue;
      }
      element.style.visibility = "visible";
      element.style.transform = `translate(${screen[0].toFixed(1)}px, ${screen[1].toFixed(1)}px) translate(-50%, -50%)`;
    }
  });
  return null;
}

/** The labels as DOM over the canvas; place it beside the Canvas in a positioned container. */
export function SceneLabelOverlay({ store }: { store: SceneLabelStore }) {
  const labels = useSyncExternalStore(store.subscribe, store.list, store.list);
  return (
    <div className="scene-labels" style={{ position: "absolute", inset: 0, overflow: "hidden", pointerEvents: "none" }}>
      {labels.map((label) => (
        <div
          key={label.id}
          className="scene-label"
          style={{ position: "absolute", left: 0, top: 0, visibility: "hidden", pointerEvents: "auto" }}
          ref={(element) => {
            if (element) store.elements.set(label.id, element);
            else store.elements.delete(label.id);
          }}
        >
          {label.content}
        </div>
      ))}
    </div>
  );
}
