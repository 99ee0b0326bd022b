import { beforeAll, describe, expect, it } from "vitest";
import { computeRawCid } from "@markspace/ipfs/client";
import { EMPTY_ROOM, parseSceneManifest, type SceneManifest } from "@markspace/ipfs/manifest";
import { createHistory, recordEdit, redo, undo } from "./editHistory.ts";
import {
  addLight,
  addPortal,
  addVideo,
  appendTracks,
  LIST_LIMITS,
  moveTrack,
  removeTrack,
  setEnvironment,
  updateLight,
  updatePortal,
  updateVideo,
} from "./mediaEdits.ts";
import { addSpeaker, manifestForPublish, removeEntry } from "./sceneEdits.ts";

let clip: string;
let songs: string[];
beforeAll(async () => {
  const encode = (text: string) => new TextEncoder().encode(text);
  clip = await computeRawCid(encode("clip"));
  songs = await Promise.all(["a", "b", "c"].map((name) => computeRawCid(encode(name))));
});

const track = (i: number) => ({ title: `Song ${i}`, audio: songs[i]!, mimeType: "audio/mpeg" as const });
const roundTrip = (scene: SceneManifest) => parseSceneManifest(JSON.parse(manifestForPublish(scene)));

describe("media edits", () => {
  it("hangs an uploaded and a linked video screen that publish and read back the same", () => {
    let scene = addVideo(EMPTY_ROOM, { source: { type: "ipfs", video: clip, mimeType: "video/mp4" }, title: "Clip" });
    scene = addVideo(
      scene,
      { source: { type: "external", url: "https://vimeo.com/1", provider: "vimeo" }, title: undefined },
      "east",
    );
    expect(scene.videos.map((video) => video.id)).toEqual(["screen-1", "screen-2"]);
    expect(scene.videos[0]).toMatchObject({ wall: "north", width: 1.6, height: 0.9, offset: [0, 1.5] });
    expect(scene.videos[1]).not.toHaveProperty("title");
    scene = updateVideo(scene, 0, { title: undefined, loop: false });
    expect(scene.videos[0]).not.toHaveProperty("title");
    expect(roundTrip(scene).videos).toEqual(scene.videos);
  });

  it("hangs a new screen clear of the speaker and the screens already on the wall", () => {
    let scene = addSpeaker(EMPTY_ROOM, { name: "Radio", playlist: [track(0)] });
    scene = addVideo(scene, { source: { type: "ipfs", video: clip, mimeType: "video/mp4" } });
    // The speaker stands at x = 0 against the north wall: the screen moves beside it.
    expect(Math.abs(scene.videos[0]!.offset[0])).toBeCloseTo(1.1);
    scene = addVideo(scene, { source: { type: "ipfs", video: clip, mimeType: "video/mp4" } });
    expect(scene.videos[1]!.offset[0]).toBeCloseTo(-scene.videos[0]!.offset[0]);
    expect(addVideo(EMPTY_ROOM, { source: scene.videos[0]!.source }, "east").videos[0]!.offset[0]).toBe(0);
  });

  it("refuses a ninth screen, naming the limit", () => {
    let scene = EMPTY_ROOM;
    for (let i = 0; i < LIST_LIMITS.videos; i++) {
      scene = addVideo(scene, { source: { type: "ipfs", video: clip, mimeType: "video/webm" } });
    }
    expect(() => addVideo(scene, { source: { type: "ipfs", video: clip, mimeType: "video/webm" } })).toThrow(
      /at most 8 video screens/,
    );
  });

  it("orders, extends and trims a speaker's playlist, keeping at least one track", () => {
    let scene = addSpeaker(EMPTY_ROOM, { name: "Radio", playlist: [track(0), track(1)] });
    scene = appendTracks(scene, 0, [track(2)]);
    scene = moveTrack(scene, 0, 2, 0);
    expect(scene.speakers[0]!.playlist.map((t) => t.title)).toEqual(["Song 2", "Song 0", "Song 1"]);
    expect(moveTrack(scene, 0, 0, -5).speakers[0]!.playlist[0]!.title).toBe("Song 2");
    scene = moveTrack(scene, 0, 0, 99);
    expect(scene.speakers[0]!.playlist.map((t) => t.title)).toEqual(["Song 0", "Song 1", "Song 2"]);
    scene = removeTrack(removeTrack(scene, 0, 0), 0, 0);
    expect(scene.speakers[0]!.playlist.map((t) => t.title)).toEqual(["Song 2"]);
    expect(() => removeTrack(scene, 0, 0)).toThrow(/at least one track/);
    expect(() =>
      appendTracks(
        scene,
        0,
        Array.from({ length: 100 }, () => track(0)),
      ),
    ).toThrow(/at most 100/);
    expect(roundTrip(scene).speakers[0]!.playlist).toEqual(scene.speakers[0]!.playlist);
  });

  it("adds each type of light with the schema's defaults and keeps a moved light inside the room", () => {
    let scene = EMPTY_ROOM;
    for (const type of ["ambient", "directional", "point", "spot"] as const) scene = addLight(scene, type, "#ffeecc");
    expect(scene.lights.map((light) => light.type)).toEqual(["ambient", "directional", "point", "spot"]);
    scene = updateLight(scene, 2, { position: [20, 1, -20], intensity: 250, color: "#ff0000" });
    expect(scene.lights[2]).toMatchObject({ position: [4, 1, -4], intensity: 250, color: "#ff0000" });
    expect(roundTrip(scene).lights).toEqual(scene.lights);
    scene = updateLight(scene, 2, { castShadow: true });
    scene = updateLight(scene, 3, { castShadow: true });
    scene = updateLight(scene, 1, { castShadow: true });
    expect(() => manifestForPublish(scene)).toThrow(/3 lights cast shadows/);
  });

  it("places a door facing into the room from the south wall, leading to another unit", () => {
    let scene = addPortal(EMPTY_ROOM, { name: " Next door ", kind: "door", to: { type: "unit", unit: "42" } });
    expect(scene.portals[0]).toMatchObject({ id: "door-1", name: "Next door", rotation: [0, Math.PI, 0] });
    expect(scene.portals[0]!.position[2]).toBeCloseTo(EMPTY_ROOM.room.depth / 2 - 0.05);
    scene = updatePortal(scene, 0, { position: [0, 0, 30], to: { type: "url", url: "https://example.org/" } });
    expect(scene.portals[0]!.position).toEqual([0, 0, 4]);
    expect(roundTrip(scene).portals).toEqual(scene.portals);
    expect(removeEntry(scene, { kind: "portals", index: 0 }).portals).toHaveLength(0);
  });

  it("sets and clears the time of day and weather, each change one undo step", () => {
    let history = createHistory(EMPTY_ROOM);
    history = recordEdit(history, setEnvironment(history.present, { timeOfDay: 19.5, weather: "rain" }));
    history = recordEdit(history, setEnvironment(history.present, undefined));
    expect(history.present).not.toHaveProperty("environment");
    history = undo(history);
    expect(history.present.environment).toEqual({ timeOfDay: 19.5, weather: "rain" });
    expect(roundTrip(history.present).environment).toEqual({ timeOfDay: 19.5, weather: "rain" });
    history = undo(history);
    expect(history.present).toBe(EMPTY_ROOM);
    expect(redo(history).present.environment?.weather).toBe("rain");
  });
});
