"use client";
/**
 * A speaker of the manifest: a small cabinet at its position playing its playlist as positional
 * audio (three.js `PositionalAudio` on the camera's listener: full volume within `refDistance`,
 * fading linearly to silence at `maxDistance`). It plays only while `enabled` — the visitor's
 * "Sound on" click, as browsers' autoplay rules ask — and goes through the tracks in order or
 * shuffled, looping if asked. A track that fails to load or play is skipped.
 */
import { useEffect, useMemo, useRef, useState } from "react";
import { PositionalAudio, type AudioListener, type Group } from "three";
import type { Speaker as SpeakerEntry } from "@markspace/ipfs/manifest";
import { nextPosition, playlistOrder } from "./playlist.ts";
import { loadVerifiedMedia } from "./sceneAssets.ts";
import { SceneLabel } from "./SceneLabel.tsx";

type Props = { speaker: SpeakerEntry; gatewayUrl: string; listener: AudioListener | undefined; enabled: boolean };

export function Speaker({ speaker, gatewayUrl, listener, enabled }: Props) {
  const order = useMemo(
    () => playlistOrder(speaker.playlist.length, speaker.shuffle),
    [speaker.playlist.length, speaker.shuffle],
  );
  const [position, setPosition] = useState(0);
  const [nowPlaying, setNowPlaying] = useState<string>();
  // A media element can feed one audio graph only once: element and source are made together.
  const media = useMemo(() => {
    if (!listener || typeof Audio === "undefined") return undefined;
    const element = new Audio();
    const sound = new PositionalAudio(listener);
    sound.setMediaElementSource(element);
    sound.setDistanceModel("linear");
    sound.setRolloffFactor(1);
    return { element, sound };
  }, [listener]);
  const element = media?.element;
  const group = useRef<Group>(null);

  useEffect(() => {
    if (!media) return;
    media.sound.setRefDistance(speaker.refDistance);
    media.sound.setMaxDistance(speaker.maxDistance);
    media.sound.setVolume(speaker.volume);
  }, [media, speaker.refDistance, speaker.maxDistance, speaker.volume]);

  useEffect(() => {
    if (!media || !group.current) return;
    const parent = group.current;
    parent.add(media.sound);
    return () => {
      parent.remove(media.sound);
      media.sound.disconnect();
      media.element.pause();
      media.element.removeAttribute("src");
      media.element.load();
    };
  }, [media]);

  const track = speaker.playlist[order[position] ?? 0];
  useEffect(() => {
    if (!element || !enabled || !track) {
      element?.pause();
      return;
    }
    let cancelled = false;
    const advance = () => {
      const next = nextPosition(position, order.length, speaker.loop);
      if (next !== undefined) setPosition(next);
      else setNowPlaying(undefined);
    };
    element.onended = advance;
    loadVerifiedMedia(gatewayUrl, track.audio, track.mimeType)
      .then(async (url) => {
        if (cancelled) return;
        if (element.src !== url) element.src = url;
        await element.play();
        if (!cancelled) setNowPlaying(track.title);
      })
      .catch((error: unknown) => {
        if (cancelled) return;
        console.warn(`Track "${track.title}" of ${speaker.name} skipped:`, error);
        // Skip a broken track, but stop if every track of a non-looping list is broken.
        if (order.length > 1) advance();
      });
    return () => {
      cancelled = true;
      element.onended = null;
      element.pause();
    };
  }, [element, enabled, track, position, order.length, speaker.loop, speaker.name, gatewayUrl]);

  return (
    <group ref={group} name={speaker.name} position={speaker.position}>
      <mesh castShadow>
        <boxGeometry args={[0.22, 0.34, 0.2]} />
        <meshStandardMaterial color="#2a2d33" roughness={0.6} />
      </mesh>
      <mesh position={[0, -0.04, 0.101]}>
        <circleGeometry args={[0.07, 24]} />
        <meshStandardMaterial color="#50545c" roughness={0.9} />
      </mesh>
      <SceneLabel position={[0, 0.28, 0]}>
        <div className="media-label" data-testid="speaker">
          {enabled && nowPlaying ? `♪ ${nowPlaying}` : `🔈 ${speaker.name}`}
        </div>
      </SceneLabel>
    </group>
  );
}
