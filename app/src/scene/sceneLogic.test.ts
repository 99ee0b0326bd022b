import { describe, expect, it } from "vitest";
import { computeRawCid } from "@markspace/ipfs/client";
import { EMPTY_ROOM, parseSceneManifest } from "@markspace/ipfs/manifest";
import { describeDestination, destinationAction } from "./destinations.ts";
import { manifestAssetCids } from "./manifestAssets.ts";
import { centreColumnDirection, hotspotDirection, leftEyeWindow, panoramaRotationY } from "./panoramaMath.ts";
import { nextPosition, playlistOrder } from "./playlist.ts";
import { environmentLook, sunElevation } from "./sceneEnvironment.ts";

const close = (a: readonly number[], b: readonly number[]) => a.forEach((v, i) => expect(v).toBeCloseTo(b[i]!, 6));

describe("environmentLook", () => {
  it("puts the sun high at noon, on the horizon at 6 and 18, below it at night", () => {
    expect(sunElevation(12)).toBeCloseTo(Math.PI / 3);
    expect(sunElevation(6)).toBeCloseTo(0);
    expect(sunElevation(18)).toBeCloseTo(0);
    expect(sunElevation(0)).toBeLessThan(0);
    expect(environmentLook({ timeOfDay: 12, weather: "clear" }).sunDirection[1]).toBeGreaterThan(0.8);
    expect(environmentLook({ timeOfDay: 23, weather: "clear" }).sunIntensity).toBe(0);
  });

  it("defaults to a clear midday without fog, and dims and fogs bad weather", () => {
    const noon = environmentLook(undefined);
    expect(noon).toEqual(environmentLook({ timeOfDay: 12, weather: "clear" }));
    expect(noon.fog).toBeUndefined();
    const fog = environmentLook({ timeOfDay: 12, weather: "fog" });
    expect(fog.fog?.far).toBeLessThan(20);
    expect(fog.sunIntensity).toBeLessThan(noon.sunIntensity);
    expect(environmentLook({ timeOfDay: 12, weather: "rain" }).fog).toBeDefined();
  });

  it("darkens the sky at night and warms it at dusk", () => {
    const brightness = (hex: string) => [1, 3, 5].reduce((s, i) => s + parseInt(hex.slice(i, i + 2), 16), 0);
    expect(brightness(environmentLook({ timeOfDay: 2, weather: "clear" }).sky)).toBeLessThan(60);
    const dusk = environmentLook({ timeOfDay: 18.2, weather: "clear" }).sky;
    expect(parseInt(dusk.slice(1, 3), 16)).toBeGreaterThan(parseInt(dusk.slice(5, 7), 16));
  });
});

describe("panoramaMath", () => {
  it("points a hotspot at yaw 0 along the heading, positive yaw to the right, pitch up", () => {
    close(hotspotDirection(0, 0, 0), [0, 0, -1]); // north
    close(hotspotDirection(Math.PI / 2, 0, 0), [1, 0, 0]); // right of north is east
    close(hotspotDirection(0, 0, Math.PI / 2), [1, 0, 0]);
    close(hotspotDirection(0, Math.PI / 2, 0), [0, 1, 0]);
  });

  it("turns the sphere so its centre column faces the heading, and picks the left eye", () => {
    expect(panoramaRotationY(0)).toBeCloseTo(-Math.PI / 2);
    // The photo's centre column looks where a hotspot at yaw 0 floats, whatever the heading.
    for (const heading of [0, 1, -2.5, Math.PI / 2])
      close(centreColumnDirection(heading), hotspotDirection(0, 0, heading));
    expect(leftEyeWindow("mono")).toEqual({ repeat: [1, 1], offset: [0, 0] });
    expect(leftEyeWindow("top-bottom")).toEqual({ repeat: [1, 0.5], offset: [0, 0.5] });
    expect(leftEyeWindow("left-right")).toEqual({ repeat: [0.5, 1], offset: [0, 0] });
  });
});

describe("playlist", () => {
  it("plays in order or shuffled with every track once", () => {
    expect(playlistOrder(4, false)).toEqual([0, 1, 2, 3]);
    let seed = 0.3;
    const shuffled = playlistOrder(10, true, () => (seed = (seed * 9301 + 0.49297) % 1));
    expect(shuffled).not.toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect([...shuffled].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it("goes on to the next track, loops or stops after the last", () => {
    expect(nextPosition(0, 3, false)).toBe(1);
    expect(nextPosition(2, 3, true)).toBe(0);
    expect(nextPosition(2, 3, false)).toBeUndefined();
    expect(nextPosition(0, 0, true)).toBeUndefined();
  });
});

describe("destinations and assets of a v2 manifest", async () => {
  const cid = (text: string) => computeRawCid(new TextEncoder().encode(text));
  const [model, picture, texture, video, track, pano] = await Promise.all(
    ["model", "picture", "texture", "video", "track", "pano"].map(cid),
  );
  const manifest = parseSceneManifest({
    ...EMPTY_ROOM,
    version: 2,
    floor: { color: "#808080", texture, tileSize: 0.5 },
    rooms: [{ id: "alcove", name: "Alcove", center: [0, -3.5], width: 4, depth: 1, level: 0, height: 2.5 }],
    room: { width: 8, depth: 6, height: 3 },
    objects: [
      { name: "a", model, position: [0, 0, 0] },
      { name: "b", model, position: [1, 0, 0] },
    ],
    images: [{ image: picture, wall: "north", offset: [0, 1.5], width: 1, height: 1 }],
    videos: [
      {
        source: { type: "ipfs", video, mimeType: "video/mp4" },
        poster: picture,
        wall: "east",
        offset: [0, 1.5],
        width: 1.6,
        height: 0.9,
      },
    ],
    speakers: [
      { name: "Radio", position: [0, 1, 0], playlist: [{ title: "One", audio: track, mimeType: "audio/mpeg" }] },
    ],
    panorama: { image: pano, replacesRoom: false },
  });

  it("lists every CID a visitor downloads, once", () => {
    expect(manifestAssetCids(manifest).sort()).toEqual([model, picture, texture, video, track, pano].sort());
  });

  it("turns destinations into navigation, moves and external links", () => {
    expect(destinationAction({ type: "unit", unit: "42" }, manifest)).toEqual({ kind: "navigate", href: "/units/42" });
    expect(destinationAction({ type: "url", url: "https://example.org/x" }, manifest)).toEqual({
      kind: "open",
      url: "https://example.org/x",
    });
    const move = destinationAction({ type: "room", room: "alcove" }, manifest);
    expect(move.kind).toBe("move");
    if (move.kind === "move") {
      expect(move.position[1]).toBeCloseTo(1.6);
      expect(move.position[2]).toBeGreaterThan(-3.5);
      expect(move.lookAt).toEqual([0, 1.2, -3.5]);
    }
    expect(destinationAction({ type: "room", room: "attic" }, manifest)).toEqual({
      kind: "unknown-room",
      room: "attic",
    });
    expect(describeDestination({ type: "room", room: "alcove" }, manifest)).toBe("Alcove");
    expect(describeDestination({ type: "url", url: "https://example.org/x" }, manifest)).toBe("example.org");
  });
});
