"use client";
/**
 * A video screen of the manifest on its wall. It shows the poster (or a dark panel) with a play
 * sign; a visitor's click starts the video (browsers allow media to start on interaction only)
 * and another click pauses it. A video on IPFS plays from an object URL of verified bytes; an
 * external video (YouTube, Vimeo, PeerTube…) opens in its provider's page after the visitor
 * agrees, since its embed cannot be drawn into WebGL.
 */
import { useEffect, useState } from "react";
import { SRGBColorSpace, VideoTexture, type Texture } from "three";
import type { VideoScreen as VideoScreenEntry } from "@markspace/ipfs/manifest";
import { loadVerifiedMedia, loadVerifiedTexture } from "./sceneAssets.ts";
import { wallPlacement, type RoomSize } from "./wallPlacement.ts";
import { SceneLabel } from "./SceneLabel.tsx";

type Props = { screen: VideoScreenEntry; room: RoomSize; gatewayUrl: string };

const BEZEL = 0.03;

export function VideoScreen({ screen, room, gatewayUrl }: Props) {
  const { position, rotationY } = wallPlacement(screen, room);
  const poster = usePoster(gatewayUrl, screen.poster);
  const [video, setVideo] = useState<HTMLVideoElement>();
  const [texture, setTexture] = useState<VideoTexture>();
  const [state, setState] = useState<"idle" | "loading" | "playing" | "paused" | "failed">("idle");
  const title = screen.title ?? "Video";

  useEffect(
    () => () => {
      video?.pause();
      video?.removeAttribute("src");
      video?.load();
      texture?.dispose();
    },
    [video, texture],
  );

  const onClick = () => {
    if (screen.source.type === "external") {
      const { url, provider } = screen.source;
      if (window.confirm(`Open "${title}" on ${provider === "other" ? new URL(url).host : provider}?`)) {
        window.open(url, "_blank", "noopener,noreferrer");
      }
      return;
    }
    if (video) {
      if (video.paused) {
        void video.play().then(() => setState("playing"));
      } else {
        video.pause();
        setState("paused");
      }
      return;
    }
    // First click: the element is created and played inside this user gesture's task chain.
    const element = document.createElement("video");
    element.playsInline = true;
    element.crossOrigin = "anonymous";
    element.loop = screen.loop;
    element.volume = screen.volume;
    setVideo(element);
    setState("loading");
    const { video: cid, mimeType } = screen.source;
    loadVerifiedMedia(gatewayUrl, cid, mimeType)
      .then(async (url) => {
        element.src = url;
        await element.play();
        const videoTexture = new VideoTexture(element);
        videoTexture.colorSpace = SRGBColorSpace;
        setTexture(videoTexture);
        setState("playing");
      })
      .catch((error: unknown) => {
        console.warn(`Video ${cid} could not play:`, error);
        setVideo(undefined);
        setState("failed");
      });
  };

  const map: Texture | undefined = texture && state !== "idle" ? texture : poster;
  return (
    <group name={screen.title ?? "video-screen"} position={position} rotation-y={rotationY}>
      <mesh position-z={0.004}>
        <planeGeometry args={[screen.width + BEZEL * 2, screen.height + BEZEL * 2]} />
        <meshStandardMaterial color="#111214" roughness={0.4} />
      </mesh>
      <mesh
        position-z={0.008}
        onClick={(event) => {
          event.stopPropagation();
          onClick();
        }}
        onPointerOver={() => (document.body.style.cursor = "pointer")}
        onPointerOut={() => (document.body.style.cursor = "")}
      >
        <planeGeometry args={[screen.width, screen.height]} />
        {map ? (
          <meshBasicMaterial key="media" map={map} toneMapped={false} />
        ) : (
          <meshStandardMaterial key="blank" color="#202329" roughness={0.3} />
        )}
      </mesh>
      {state !== "playing" ? (
        <SceneLabel position={[0, 0, 0.02]}>
          <div className="media-label" data-testid="video-screen">
            {state === "loading" ? "Loading…" : state === "failed" ? "Video unavailable" : "▶"} {title}
          </div>
        </SceneLabel>
      ) : null}
    </group>
  );
}

function usePoster(gatewayUrl: string, cid: string | undefined): Texture | undefined {
  const [poster, setPoster] = useState<Texture>();
  useEffect(() => {
    if (!cid) return;
    let cancelled = false;
    loadVerifiedTexture(gatewayUrl, cid).then(
      ({ texture }) => !cancelled && setPoster(texture),
      (error: unknown) => console.warn(`Poster ${cid} not shown:`, error),
    );
    return () => {
      cancelled = true;
    };
  }, [gatewayUrl, cid]);
  return poster;
}
