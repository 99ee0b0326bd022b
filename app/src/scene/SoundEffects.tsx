"use client";
/**
 * The manifest's sound effects (`soundTriggers.ts` decides when each plays). Each sound is one
 * media element feeding a three.js `PositionalAudio` at its position (or its clicked object's),
 * or a plain `Audio` when it has neither, on the camera's listener. Nothing plays until the
 * visitor turns sound on (`enabled`), as browsers' autoplay rules ask; turning it off stops all.
 * Audio is fetched from IPFS and verified against its CID on first use; a sound that fails is
 * reported in the console and skipped, never stopping the others.
 */
import { useFrame } from "@react-three/fiber";
import { useCallback, useEffect, useMemo, useRef } from "react";
import { Audio, Group, PositionalAudio, Vector3, type AudioListener } from "three";
import type { PlacedObject, SoundEffect } from "@markspace/ipfs/manifest";
import { loadVerifiedMedia } from "./sceneAssets.ts";
import { proximityStep, soundPosition, soundsOnClick, soundsOnEnable, type ObjectClicks } from "./soundTriggers.ts";

type Props = {
  sounds: readonly SoundEffect[];
  objects: readonly PlacedObject[];
  gatewayUrl: string;
  listener: AudioListener | undefined;
  enabled: boolean;
  clicks: ObjectClicks;
};

type Voice = { element: HTMLAudioElement; node: Audio<GainNode> | PositionalAudio; anchor: Group | undefined };

export function SoundEffects({ sounds, objects, gatewayUrl, listener, enabled, clicks }: Props) {
  const root = useRef<Group>(null);
  const voices = useMemo<Voice[]>(() => {
    if (!listener || typeof window === "undefined" || typeof window.Audio === "undefined") return [];
    return sounds.map((sound) => {
      const element = new window.Audio();
      element.loop = sound.loop;
      element.dataset.sound = sound.name;
      const position = soundPosition(sound, objects);
      if (!position) {
        const node = new Audio(listener);
        node.setMediaElementSource(element);
        node.setVolume(sound.volume);
        return { element, node, anchor: undefined };
      }
      const node = new PositionalAudio(listener);
      node.setMediaElementSource(element);
      node.setDistanceModel("linear");
      node.setRefDistance(Math.min(1, sound.radius));
      node.setMaxDistance(Math.max(sound.radius * 2, 4));
      node.setVolume(sound.volume);
      const anchor = new Group();
      anchor.name = `sound-${sound.id ?? sound.name}`;
      anchor.position.set(...position);
      anchor.add(node);
      return { element, node, anchor };
    });
  }, [sounds, objects, listener]);

  // Anchors join the scene while the voices live; leaving stops and frees every element.
  useEffect(() => {
    const parent = root.current;
    for (const voice of voices) if (voice.anchor) parent?.add(voice.anchor);
    return () => {
      for (const voice of voices) {
        if (voice.anchor) parent?.remove(voice.anchor);
        voice.node.disconnect();
        voice.element.pause();
        voice.element.removeAttribute("src");
        voice.element.load();
      }
    };
  }, [voices]);

  // The latest props, for callbacks that outlive a render (clicks, frames).
  const latest = useRef({ sounds, voices, enabled, gatewayUrl });
  useEffect(() => {
    latest.current = { sounds, voices, enabled, gatewayUrl };
  }, [sounds, voices, enabled, gatewayUrl]);
  const play = useCallback((index: number) => {
    const { sounds, voices, enabled, gatewayUrl } = latest.current;
    const sound = sounds[index];
    const voice = voices[index];
    if (!sound || !voice || !enabled) return;
    loadVerifiedMedia(gatewayUrl, sound.audio, sound.mimeType)
      .then(async (url) => {
        if (voice.element.src !== url) voice.element.src = url;
        voice.element.currentTime = 0;
        await voice.element.play();
      })
      .catch((error: unknown) => console.warn(`Sound "${sound.name}" skipped:`, error));
  }, []);

  // Sound on: ambient sounds, and enter sounds once a visit. Sound off: silence.
  const entered = useRef(false);
  const inside = useRef<boolean[]>([]);
  useEffect(() => {
    if (!enabled) {
      voices.forEach((voice) => voice.element.pause());
      inside.current = [];
      return;
    }
    latest.current = { sounds, voices, enabled, gatewayUrl };
    for (const index of soundsOnEnable(sounds, entered.current)) play(index);
    entered.current = true;
  }, [enabled, sounds, voices, gatewayUrl, play]);

  useEffect(
    () => clicks.listen((objectId) => soundsOnClick(latest.current.sounds, objectId).forEach(play)),
    [clicks, play],
  );

  // Proximity: where the camera (or the headset) is, each frame.
  const here = useMemo(() => new Vector3(), []);
  const there = useMemo(() => new Vector3(), []);
  useFrame(({ camera }) => {
    if (!enabled) return;
    camera.getWorldPosition(here);
    sounds.forEach((sound, index) => {
      if (sound.trigger !== "proximity" || !sound.position) return;
      const distance = here.distanceTo(there.set(...sound.position));
      const step = proximityStep(inside.current[index] ?? false, distance, sound);
      inside.current[index] = step.inside;
      if (step.cue === "start") play(index);
      else if (step.cue === "stop") voices[index]?.element.pause();
    });
  });

  return <group ref={root} name="sound-effects" />;
}
