import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { demoSceneManifest, type DemoAssetCids } from "./demo/scenes.ts";
import {
  EMPTY_ROOM,
  latestSceneManifestSchema,
  parseSceneManifest,
  SCENE_MANIFEST_VERSION,
  SceneManifestError,
  sceneManifestSchema,
  sceneManifestV1Schema,
  serializeSceneManifest,
  type LatestSceneManifestInput,
} from "./manifest.ts";

const CID_A = "bafkreibme22gw2h7y2h7tg2fhqotaqjucnbc24deqo72b6mkl2egezxhvy";
const CID_B = "QmYwAPJzv5CZsnA625s3Xf2nemtYgPpHdWEz79ojWnPbdG";

/** Real documents as they were published, one per format version. */
function fixture(name: string): unknown {
  return JSON.parse(readFileSync(new URL(`./manifest/fixtures/${name}`, import.meta.url), "utf8"));
}

/** A version 2 document using every kind of entry. */
const FULL: LatestSceneManifestInput = {
  version: 2,
  name: "Loft with a view",
  room: { width: 8, depth: 5, height: 3 },
  floor: { color: "#8a6a4f", texture: CID_A, tileSize: 0.5 },
  walls: { color: "#ece3d2" },
  ceiling: { color: "#ffffff", roughness: 1 },
  rooms: [
    { id: "bedroom", name: "Sleeping alcove", center: [-2, 3.25], width: 4, depth: 1.5, height: 2.4 },
    { id: "mezzanine", name: "Mezzanine", center: [2, 1.5], level: 3, width: 4, depth: 5, height: 2.5 },
  ],
  lights: [
    { type: "ambient", intensity: 0.3 },
    { type: "spot", position: [0, 2.9, 0], target: [0, 0, 0], castShadow: true },
    { type: "point", id: "lamp-light", position: [1, 1.5, 1], color: "#ffd9a0", intensity: 40, range: 6 },
  ],
  environment: { timeOfDay: 19.5, weather: "rain" },
  objects: [{ id: "radio", name: "Radio", model: CID_A, position: [0, 0, 0] }],
  images: [{ image: CID_B, wall: "north", offset: [0, 1.6], width: 1, height: 0.8, room: "bedroom" }],
  videos: [
    {
      title: "Trailer",
      source: { type: "external", url: "https://www.youtube.com/watch?v=abc", provider: "youtube" },
      wall: "east",
      offset: [0, 1.5],
      width: 1.6,
      height: 0.9,
    },
    {
      source: { type: "ipfs", video: CID_A, mimeType: "video/mp4" },
      wall: "west",
      offset: [0, 1.5],
      width: 1,
      height: 1,
    },
  ],
  speakers: [
    {
      name: "Jukebox",
      position: [3, 1, -2],
      playlist: [
        { title: "One", audio: CID_A, mimeType: "audio/mpeg", durationSeconds: 180 },
        { title: "Two", audio: CID_B, mimeType: "audio/ogg" },
      ],
      shuffle: true,
    },
  ],
  sounds: [
    { name: "Rain", audio: CID_A, mimeType: "audio/ogg", trigger: "ambient", loop: true },
    { name: "Click", audio: CID_B, mimeType: "audio/wav", trigger: "click", object: "radio" },
  ],
  panorama: {
    image: CID_B,
    heading: 0.5,
    hotspots: [
      { label: "Kitchen", yaw: 1, pitch: 0, action: { type: "info", text: "Built in 1923" } },
      { label: "Next door", yaw: -1, pitch: -0.1, action: { type: "unit", unit: "42" } },
    ],
  },
  portals: [
    { name: "To the bedroom", position: [-2, 0, 2.5], to: { type: "room", room: "bedroom" } },
    {
      name: "Corridor",
      kind: "portal",
      position: [4, 0, 0],
      rotation: [0, Math.PI / 2, 0],
      to: { type: "unit", unit: "7" },
    },
  ],
  spawn: { position: [0, 1.6, 2], lookAt: [0, 1.2, 0] },
};

function errorOf(value: unknown): string {
  try {
    parseSceneManifest(value);
  } catch (error) {
    expect(error).toBeInstanceOf(SceneManifestError);
    return (error as Error).message;
  }
  throw new Error("expected the manifest to be refused");
}

describe("scene manifest versions", () => {
  it("reads the demo world's published version 1 manifest and keeps every field", () => {
    const old = fixture("v1-demo-reading-room.json") as Record<string, unknown>;
    expect(old.version).toBe(1);
    const migrated = parseSceneManifest(old);
    expect(migrated.version).toBe(SCENE_MANIFEST_VERSION);
    // Everything version 1 said survives unchanged.
    const v1 = sceneManifestV1Schema.parse(old);
    const { version: _old, ...fields } = v1;
    expect(migrated).toMatchObject(fields);
    expect(migrated.objects).toHaveLength(7);
    expect(migrated.images.map((image) => image.title)).toEqual(["Dusk over the Bay", "Composition No. 7"]);
    // …and what version 1 did not have is empty, meaning the viewer's defaults.
    expect(migrated).toMatchObject({ rooms: [], lights: [], videos: [], speakers: [], sounds: [], portals: [] });
    expect(migrated.ceiling).toBeUndefined();
    expect(migrated.panorama).toBeUndefined();
    expect(migrated.environment).toBeUndefined();
  });

  it("migrates published demo manifests to exactly what the demo world now writes for the same assets", () => {
    // The asset CIDs the version 1 demo world published (its models had no texture coordinates then).
    const assets: DemoAssetCids = {
      "chair.glb": "bafkreiewszubxeenqwrdxk3fjjxf566bku5woa5eyg7v7kzytu75e54xru",
      "table.glb": "bafkreibwszentydk2hjrynjpi7yppmzz2lfulrlykgzh4lzlfedqak3rmy",
      "lamp.glb": "bafkreidjyalqxua3bhfqxs4q6v65grwmp3ydvg5ue6hmnhjw4vqja7yvbm",
      "plant.glb": "bafkreigx6xuszsr2rukp52q6xxvyr73agzkees6h2rr5jlrjs437uuovya",
      "sofa.glb": "bafkreigyoeo6gpfxe7u4lsyvl3l7xmdomhv4oxbmrv6qay3okiuzewmpzi",
      "bookshelf.glb": "bafkreiac5e5ld7m4rhfvyzr5y72eu44bpjqsf7ea5fddhuxkmfsplncpoe",
      "dusk.png": "bafkreic2ybl2uehgzq26zfanm2mj5qbml2zjddn7pke2svmvqcrum25ena",
      "composition.png": "bafkreigtjjv4274erxcdfpzqusjhs2okd2nq5drxnavg7scnp6knduhnje",
      "truchet.png": "bafkreig24e654mzizv5klipqd6okaprn6tm3ybjk4z5mtz3ze2qq4dzyay",
      "interference.png": "bafkreig7yy5plifo6aa4dw6a4y23yxbc7fbtbtpeucexrj6d67y73b5w74",
      "city.png": "bafkreicedw2dpwrs3r5mo3qk6yipzs57zpoaqibnvqekgomhckmqq62c2a",
      "rings.png": "bafkreibn6osr4r2sanvv6522laxpcya6zeui3tymggxu2ji3p53qjhm7za",
    };
    expect(parseSceneManifest(fixture("v1-demo-reading-room.json"))).toEqual(demoSceneManifest(0, assets));
    const mirrored = parseSceneManifest(fixture("v1-demo-studio-mirrored.json"));
    expect(mirrored.name).toBe("The Studio No. 2");
    expect(mirrored).toEqual(demoSceneManifest(10, assets));
  });

  it("fills version 1's defaults before migrating a minimal hand-written document", () => {
    const migrated = parseSceneManifest(fixture("v1-minimal.json"));
    expect(migrated.room).toEqual({ width: 6, depth: 5, height: 3 });
    expect(migrated.floor).toEqual({ color: "#8a6a4a", roughness: 0.7, metalness: 0 });
    expect(migrated.walls).toEqual({ color: "#d8d0c0", roughness: 0.8, metalness: 0 });
    expect(migrated.objects[0]).toEqual({
      name: "Chair",
      model: "bafkreibme22gw2h7y2h7tg2fhqotaqjucnbc24deqo72b6mkl2egezxhvy",
      position: [1, 0, -1],
      rotation: [0, 0, 0],
      scale: 1,
    });
  });

  it("writes only the newest version, migrating an old document on the way", () => {
    const written = JSON.parse(serializeSceneManifest(fixture("v1-minimal.json") as never));
    expect(written.version).toBe(SCENE_MANIFEST_VERSION);
    expect(latestSceneManifestSchema.safeParse(written).success).toBe(true);
    expect(sceneManifestV1Schema.safeParse(written).success).toBe(false);
    // Reading what was written gives the same document back.
    expect(parseSceneManifest(written)).toEqual(written);
  });

  it("round-trips a version 2 document that uses every kind of entry", () => {
    const parsed = parseSceneManifest(FULL);
    expect(parseSceneManifest(JSON.parse(serializeSceneManifest(parsed)))).toEqual(parsed);
    expect(parsed.lights[1]).toMatchObject({ type: "spot", angle: Math.PI / 4, penumbra: 0.2, color: "#ffffff" });
    expect(parsed.speakers[0]).toMatchObject({
      loop: true,
      shuffle: true,
      volume: 0.8,
      refDistance: 1,
      maxDistance: 10,
    });
    expect(parsed.panorama).toMatchObject({ stereo: "mono", eyeHeight: 1.6, replacesRoom: true });
    expect(parsed.portals[0]).toMatchObject({ kind: "door", width: 0.9, height: 2.1, rotation: [0, 0, 0] });
  });

  it("gives the migrated document through sceneManifestSchema too, for safeParse callers", () => {
    const result = sceneManifestSchema.safeParse(fixture("v1-minimal.json"));
    expect(result.success && result.data.version).toBe(2);
    expect(parseSceneManifest(EMPTY_ROOM)).toEqual(EMPTY_ROOM);
  });

  it("refuses a version it does not know, naming it", () => {
    expect(errorOf({ ...EMPTY_ROOM, version: 3 })).toMatch(/version 3 is not one this reader knows \(1, 2\)/);
    expect(errorOf({ name: "no version" })).toMatch(/version \(missing\)/);
  });

  it("refuses an invalid version 1 document with the v1 field's path", () => {
    const old = fixture("v1-minimal.json") as Record<string, unknown>;
    expect(errorOf({ ...old, room: { width: 9 } })).toMatch(/room\.width: Too big/);
  });
});

describe("scene manifest version 2 checks", () => {
  it("fits extra rooms in the unit: beside the main room and on top of it", () => {
    const rooms = parseSceneManifest(FULL).rooms;
    expect(rooms.map((room) => [room.id, room.level, room.height])).toEqual([
      ["bedroom", 0, 2.4],
      ["mezzanine", 3, 2.5],
    ]);
  });

  it("refuses an extra room outside the unit or overlapping another", () => {
    expect(
      errorOf({ ...FULL, rooms: [{ id: "out", name: "Out", center: [3, 0], width: 4, depth: 2, level: 3 }] }),
    ).toMatch(/rooms\.0: room "out" reaches outside the unit/);
    expect(errorOf({ ...FULL, rooms: [{ id: "clash", name: "Clash", center: [0, 0], width: 2, depth: 2 }] })).toMatch(
      /rooms\.0: room "clash" overlaps the main room/,
    );
    expect(
      errorOf({
        ...FULL,
        rooms: [{ id: "high", name: "High", center: [0, 0], level: 10, width: 2, depth: 2, height: 3 }],
      }),
    ).toMatch(/reaches outside the unit/);
  });

  it("refuses ids used twice and references to ids that do not exist", () => {
    expect(
      errorOf({
        ...FULL,
        portals: [{ id: "radio", name: "Door", position: [0, 0, 0], to: { type: "unit", unit: "1" } }],
      }),
    ).toMatch(/portals\.0\.id: id "radio" is already used by objects\.0/);
    expect(errorOf({ ...FULL, images: [{ ...FULL.images![0]!, room: "attic" }] })).toMatch(
      /images\.0\.room: no room with id "attic"/,
    );
    expect(errorOf({ ...FULL, sounds: [{ ...FULL.sounds![1]!, object: "piano" }] })).toMatch(
      /sounds\.0\.object: no object with id "piano"/,
    );
    expect(
      errorOf({ ...FULL, sounds: [{ name: "Tap", audio: CID_A, mimeType: "audio/wav", trigger: "click" }] }),
    ).toMatch(/sounds\.0\.object: a click sound names the object/);
  });

  it("refuses plain-http and script links, bad CIDs, bad unit ids and too many shadows", () => {
    const video = FULL.videos![0]!;
    expect(
      errorOf({ ...FULL, videos: [{ ...video, source: { type: "external", url: "http://example.com/v" } }] }),
    ).toMatch(/videos\.0\.source\.url/);
    expect(
      errorOf({
        ...FULL,
        portals: [{ name: "X", position: [0, 0, 0], to: { type: "url", url: "javascript:alert(1)" } }],
      }),
    ).toMatch(/portals\.0\.to\.url/);
    expect(errorOf({ ...FULL, objects: [{ name: "Bad", model: "not-a-cid", position: [0, 0, 0] }] })).toMatch(
      /objects\.0\.model: not a valid IPFS CID/,
    );
    expect(
      errorOf({ ...FULL, portals: [{ name: "X", position: [0, 0, 0], to: { type: "unit", unit: "0x12" } }] }),
    ).toMatch(/a unit id, in decimal/);
    const shadow = { type: "point", position: [0, 2, 0], castShadow: true } as const;
    expect(errorOf({ ...FULL, lights: [shadow, shadow, shadow] })).toMatch(/3 lights cast shadows; at most 2 may/);
  });

  it("holds its limits: playlist length, hotspot angles, light count", () => {
    const speaker = FULL.speakers![0]!;
    const track = speaker.playlist[0]!;
    expect(errorOf({ ...FULL, speakers: [{ ...speaker, playlist: Array(101).fill(track) }] })).toMatch(
      /speakers\.0\.playlist/,
    );
    expect(errorOf({ ...FULL, speakers: [{ ...speaker, playlist: [] }] })).toMatch(/speakers\.0\.playlist/);
    expect(
      errorOf({
        ...FULL,
        panorama: { image: CID_A, hotspots: [{ label: "Up", yaw: 0, pitch: 2, action: { type: "info", text: "x" } }] },
      }),
    ).toMatch(/panorama\.hotspots\.0\.pitch/);
    expect(errorOf({ ...FULL, lights: Array(17).fill({ type: "ambient" }) })).toMatch(/lights: Too big/);
  });
});
