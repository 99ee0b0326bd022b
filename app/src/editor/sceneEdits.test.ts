import { beforeAll, describe, expect, it } from "vitest";
import { computeRawCid } from "@markspace/ipfs/client";
import { EMPTY_ROOM, parseSceneManifest, SceneManifestError } from "@markspace/ipfs/manifest";
import {
  addHotspot,
  addObject,
  addPicture,
  addSpeaker,
  audioTypeOf,
  cidOfSource,
  freshId,
  manifestForPublish,
  playlistOf,
  removeEntry,
  removePanorama,
  setPanorama,
  setSurface,
  updateObject,
} from "./sceneEdits.ts";

let chair: string;
let photo: string;
let song: string;
beforeAll(async () => {
  const encode = (text: string) => new TextEncoder().encode(text);
  [chair, photo, song] = await Promise.all([
    computeRawCid(encode("chair")),
    computeRawCid(encode("photo")),
    computeRawCid(encode("song")),
  ]);
});

describe("scene edits", () => {
  it("places models with unique ids, inside the room, and publishes a manifest that reads back the same", () => {
    let scene = addObject(EMPTY_ROOM, { name: "Oak Chair", cid: chair }, [1, 0, 20]);
    scene = addObject(scene, { name: "Oak Chair", cid: chair });
    expect(scene.objects.map((object) => object.id)).toEqual(["oak-chair-1", "oak-chair-2"]);
    expect(scene.objects[0]!.position).toEqual([1, 0, 4]);
    scene = updateObject(scene, 1, { rotation: [0, Math.PI / 2, 0], scale: 1.5 });
    const json = manifestForPublish(scene, "My flat");
    const read = parseSceneManifest(JSON.parse(json));
    expect(read.name).toBe("My flat");
    expect(read.objects).toEqual(scene.objects);
    expect(EMPTY_ROOM.objects).toHaveLength(0);
  });

  it("hangs a picture with its aspect ratio and sets surface materials", () => {
    let scene = addPicture(EMPTY_ROOM, { cid: photo, title: "Harbour", width: 1600, height: 800 }, "east");
    expect(scene.images[0]).toMatchObject({ wall: "east", width: 1.2, height: 0.6, offset: [0, 1.5] });
    scene = setSurface(scene, "ceiling", { color: "#102030" });
    expect(scene.ceiling).toMatchObject({ color: "#102030", roughness: EMPTY_ROOM.walls.roughness });
    scene = setSurface(scene, "floor", { texture: photo, tileSize: 2 });
    scene = setSurface(scene, "floor", { texture: undefined });
    expect(scene.floor).not.toHaveProperty("texture");
    expect(() => manifestForPublish(scene)).not.toThrow();
  });

  it("reads track sources as CIDs and refuses plain web links", () => {
    expect(cidOfSource(song)).toBe(song);
    expect(cidOfSource(`ipfs://${song}`)).toBe(song);
    expect(cidOfSource(`http://127.0.0.1:8080/ipfs/${song}/a.ogg`)).toBe(song);
    expect(cidOfSource(`https://${song}.ipfs.dweb.link/`)).toBe(song);
    expect(cidOfSource("https://example.com/song.mp3")).toBeUndefined();
    expect(audioTypeOf("x/track.OGG")).toBe("audio/ogg");
    expect(audioTypeOf(song)).toBe("audio/mpeg");
    expect(() => playlistOf([{ title: "Web", source: "https://example.com/a.mp3" }])).toThrow(/Track 1/);
    const playlist = playlistOf([{ title: " ", source: `ipfs://${song}` }]);
    expect(playlist).toEqual([{ title: "Track 1", audio: song, mimeType: "audio/mpeg" }]);
    const scene = addSpeaker(EMPTY_ROOM, { name: "Radio", playlist });
    expect(scene.speakers[0]).toMatchObject({ id: "speaker-1", name: "Radio", position: [0, 1.2, -3.5] });
    expect(() => manifestForPublish(scene)).not.toThrow();
  });

  it("imports a panorama with hotspots and removes entries", () => {
    expect(() => addHotspot(EMPTY_ROOM, { label: "x", yaw: 0, pitch: 0, action: { type: "info", text: "x" } })).toThrow(
      /panorama/,
    );
    let scene = setPanorama(EMPTY_ROOM, photo);
    scene = addHotspot(scene, { label: "Window", yaw: 4, pitch: 0.2, action: { type: "info", text: "Sea view" } });
    scene = addHotspot(scene, { label: "Next door", yaw: -1, pitch: 0, action: { type: "unit", unit: "42" } });
    expect(scene.panorama!.hotspots[0]!.yaw).toBeCloseTo(Math.PI, 3);
    expect(freshId(scene, "hotspot")).toBe("hotspot-3");
    expect(parseSceneManifest(JSON.parse(manifestForPublish(scene))).panorama?.hotspots).toHaveLength(2);
    scene = removeEntry(scene, { kind: "hotspots", index: 0 });
    expect(scene.panorama!.hotspots.map((hotspot) => hotspot.label)).toEqual(["Next door"]);
    expect(removePanorama(scene)).not.toHaveProperty("panorama");
    const withChair = addObject(scene, { name: "Chair", cid: chair });
    expect(removeEntry(withChair, { kind: "objects", index: 0 }).objects).toHaveLength(0);
  });

  it("refuses to publish a manifest the schema rejects, naming the field", () => {
    const scene = updateObject(addObject(EMPTY_ROOM, { name: "Chair", cid: chair }), 0, { model: "not-a-cid" });
    expect(() => manifestForPublish(scene)).toThrow(SceneManifestError);
    expect(() => manifestForPublish(scene)).toThrow(/objects\.0\.model/);
    expect(() => updateObject(scene, 3, {})).toThrow(RangeError);
  });
});
