/**
 * Room designs for the demo world. Each design furnishes one 8 × 8 m unit with the demo models
 * and hangs the demo artworks; unit N gets design N, and past the last design the designs come
 * round again mirrored and in other colours, so every unit looks different.
 *
 * Coordinates follow the manifest: metres from the floor's centre, y up, north wall at z = −4,
 * east wall at x = +4. Models face +z unless rotated.
 */
import { parseSceneManifest, type SceneManifest, type SceneManifestInput } from "../manifest.ts";
import type { DemoArtworkName } from "./artworks.ts";
import type { DemoModelName } from "./models.ts";

/** CIDs of the published assets, by file name. */
export type DemoAssetCids = Record<DemoModelName | DemoArtworkName, string>;

type Wall = "north" | "south" | "east" | "west";
type Placed = { model: DemoModelName; name: string; at: [number, number, number]; turn?: number; scale?: number };
type Hung = { image: DemoArtworkName; title: string; wall: Wall; along: number; height: number; width: number };

type Design = {
  name: string;
  description: string;
  floor: string;
  walls: string;
  objects: Placed[];
  images: Hung[];
};

const HALF_TURN = Math.PI;
const QUARTER_TURN = Math.PI / 2;

/** Artwork aspect ratios (height / width), so pictures hang undistorted. */
const ASPECT: Record<DemoArtworkName, number> = {
  "dusk.png": 240 / 320,
  "composition.png": 1,
  "truchet.png": 1,
  "interference.png": 200 / 320,
  "city.png": 200 / 320,
  "rings.png": 1,
};

const DESIGNS: readonly Design[] = [
  {
    name: "The Reading Room",
    description: "A quiet corner of books, a deep sofa and a lamp left on.",
    floor: "#8a6a4f",
    walls: "#ece3d2",
    objects: [
      { model: "bookshelf.glb", name: "Bookshelf", at: [-1.3, 0, -3.8] },
      { model: "bookshelf.glb", name: "Bookshelf", at: [0, 0, -3.8] },
      { model: "bookshelf.glb", name: "Bookshelf", at: [1.3, 0, -3.8] },
      { model: "sofa.glb", name: "Sofa", at: [0, 0, 1.2], turn: HALF_TURN },
      { model: "lamp.glb", name: "Floor lamp", at: [1.6, 0, 1.4] },
      { model: "plant.glb", name: "Plant", at: [-3.4, 0, -3.4] },
      { model: "chair.glb", name: "Reading chair", at: [-2.4, 0, 0.4], turn: QUARTER_TURN },
    ],
    images: [
      { image: "dusk.png", title: "Dusk over the Bay", wall: "west", along: 0, height: 1.6, width: 1.6 },
      { image: "composition.png", title: "Composition No. 7", wall: "east", along: 0, height: 1.6, width: 1.2 },
    ],
  },
  {
    name: "The Dining Hall",
    description: "A long walnut table set for six under two paintings.",
    floor: "#6e5440",
    walls: "#f1ece4",
    objects: [
      { model: "table.glb", name: "Dining table", at: [0, 0, 0] },
      { model: "chair.glb", name: "Chair", at: [-0.45, 0, -0.7] },
      { model: "chair.glb", name: "Chair", at: [0.45, 0, -0.7] },
      { model: "chair.glb", name: "Chair", at: [-0.45, 0, 0.7], turn: HALF_TURN },
      { model: "chair.glb", name: "Chair", at: [0.45, 0, 0.7], turn: HALF_TURN },
      { model: "chair.glb", name: "Chair", at: [-1.1, 0, 0], turn: QUARTER_TURN },
      { model: "chair.glb", name: "Chair", at: [1.1, 0, 0], turn: -QUARTER_TURN },
      { model: "lamp.glb", name: "Floor lamp", at: [-3.4, 0, -3.4] },
      { model: "plant.glb", name: "Plant", at: [3.4, 0, -3.4] },
      { model: "plant.glb", name: "Plant", at: [3.4, 0, 3.4] },
    ],
    images: [
      { image: "rings.png", title: "Rings", wall: "north", along: 0, height: 1.7, width: 1.4 },
      { image: "city.png", title: "City at Night", wall: "south", along: 0, height: 1.6, width: 2 },
    ],
  },
  {
    name: "The Gallery",
    description: "White walls, six pictures and a bench-like sofa to look at them from.",
    floor: "#c9c2b6",
    walls: "#fafafa",
    objects: [
      { model: "sofa.glb", name: "Viewing sofa", at: [0, 0, 0.5], turn: HALF_TURN },
      { model: "plant.glb", name: "Plant", at: [-3.5, 0, -3.5] },
      { model: "plant.glb", name: "Plant", at: [3.5, 0, -3.5] },
      { model: "plant.glb", name: "Plant", at: [-3.5, 0, 3.5] },
      { model: "plant.glb", name: "Plant", at: [3.5, 0, 3.5] },
    ],
    images: [
      { image: "dusk.png", title: "Dusk over the Bay", wall: "north", along: -1.6, height: 1.6, width: 1.6 },
      { image: "composition.png", title: "Composition No. 7", wall: "north", along: 1.6, height: 1.6, width: 1.2 },
      { image: "truchet.png", title: "Truchet Garden", wall: "east", along: -1.2, height: 1.6, width: 1.2 },
      { image: "interference.png", title: "Interference", wall: "east", along: 1.4, height: 1.6, width: 1.6 },
      { image: "city.png", title: "City at Night", wall: "west", along: 0, height: 1.6, width: 2.4 },
      { image: "rings.png", title: "Rings", wall: "south", along: 0, height: 1.6, width: 1.2 },
    ],
  },
  {
    name: "The Living Room",
    description: "Sofa, coffee table, reading lamp and a shelf of paperbacks.",
    floor: "#9b7b5b",
    walls: "#e6dccb",
    objects: [
      { model: "sofa.glb", name: "Sofa", at: [0, 0, 2.9], turn: HALF_TURN },
      { model: "table.glb", name: "Coffee table", at: [0, 0, 1.6], scale: 0.6 },
      { model: "lamp.glb", name: "Reading lamp", at: [1.5, 0, 3.2] },
      { model: "bookshelf.glb", name: "Bookshelf", at: [3.8, 0, 0], turn: -QUARTER_TURN },
      { model: "chair.glb", name: "Armchair", at: [-1.6, 0, 1.6], turn: QUARTER_TURN },
      { model: "plant.glb", name: "Plant", at: [-3.4, 0, 3.4] },
    ],
    images: [
      { image: "truchet.png", title: "Truchet Garden", wall: "north", along: 0, height: 1.6, width: 1.4 },
      { image: "dusk.png", title: "Dusk over the Bay", wall: "west", along: 0, height: 1.6, width: 1.6 },
    ],
  },
  {
    name: "The Studio",
    description: "A desk against the wall, a lamp over it and wave studies pinned up.",
    floor: "#5d5a55",
    walls: "#dfe3e6",
    objects: [
      { model: "table.glb", name: "Desk", at: [-3.4, 0, 0], turn: QUARTER_TURN },
      { model: "chair.glb", name: "Desk chair", at: [-2.7, 0, 0], turn: -QUARTER_TURN },
      { model: "lamp.glb", name: "Desk lamp", at: [-3.5, 0, 1.2] },
      { model: "bookshelf.glb", name: "Bookshelf", at: [0, 0, -3.8] },
      { model: "sofa.glb", name: "Sofa", at: [2, 0, 2.8], turn: HALF_TURN },
      { model: "plant.glb", name: "Plant", at: [3.4, 0, -3.4] },
    ],
    images: [
      { image: "interference.png", title: "Interference", wall: "west", along: 0, height: 1.7, width: 1.6 },
      { image: "composition.png", title: "Composition No. 7", wall: "east", along: 0, height: 1.6, width: 1.2 },
      { image: "rings.png", title: "Rings", wall: "north", along: 2, height: 1.7, width: 1 },
    ],
  },
  {
    name: "The Greenhouse",
    description: "More plants than chairs, a table for tea and a tiled garden on the wall.",
    floor: "#7d8a6a",
    walls: "#eef3e8",
    objects: [
      { model: "table.glb", name: "Tea table", at: [0, 0, 0], scale: 0.7 },
      { model: "chair.glb", name: "Chair", at: [0, 0, -0.8] },
      { model: "chair.glb", name: "Chair", at: [0, 0, 0.8], turn: HALF_TURN },
      { model: "plant.glb", name: "Plant", at: [-3.4, 0, -3.4], scale: 1.3 },
      { model: "plant.glb", name: "Plant", at: [-2.4, 0, -3.5] },
      { model: "plant.glb", name: "Plant", at: [3.4, 0, -3.4], scale: 1.2 },
      { model: "plant.glb", name: "Plant", at: [3.5, 0, -2.2], scale: 0.8 },
      { model: "plant.glb", name: "Plant", at: [-3.4, 0, 3.4], scale: 1.1 },
      { model: "plant.glb", name: "Plant", at: [3.4, 0, 3.4], scale: 1.4 },
      { model: "lamp.glb", name: "Lamp", at: [-3.4, 0, 0.5] },
    ],
    images: [
      { image: "truchet.png", title: "Truchet Garden", wall: "north", along: 0, height: 1.7, width: 1.6 },
      { image: "dusk.png", title: "Dusk over the Bay", wall: "south", along: 0, height: 1.6, width: 1.4 },
    ],
  },
];

/** Floor and wall colours for the second, third… round of designs. */
const ALTERNATE_PALETTES: ReadonlyArray<{ floor: string; walls: string }> = [
  { floor: "#4f5d6b", walls: "#f4efe6" },
  { floor: "#a3785a", walls: "#dde7ea" },
  { floor: "#3e3a36", walls: "#efe3d0" },
];

export const DEMO_DESIGN_COUNT = DESIGNS.length;

/** The scene manifest for demo unit `index` (0-based), validated. */
export function demoSceneManifest(index: number, assets: DemoAssetCids): SceneManifest {
  const design = DESIGNS[index % DESIGNS.length] as Design;
  const round = Math.floor(index / DESIGNS.length);
  const mirrored = round % 2 === 1;
  const palette = round === 0 ? design : (ALTERNATE_PALETTES[(round - 1) % ALTERNATE_PALETTES.length] ?? design);
  // "+ 0" turns −0 into 0, so the manifest survives a JSON round trip unchanged.
  const flip = (value: number) => (mirrored ? -value : value) + 0;
  const mirrorWall = (wall: Wall): Wall =>
    !mirrored ? wall : wall === "east" ? "west" : wall === "west" ? "east" : wall;
  const input: SceneManifestInput = {
    version: 2,
    name: round === 0 ? design.name : `${design.name} No. ${round + 1}`,
    description: design.description,
    room: { width: 8, depth: 8, height: 3 },
    floor: { color: palette.floor, roughness: 0.85, metalness: 0 },
    walls: { color: palette.walls, roughness: 0.95, metalness: 0 },
    objects: design.objects.map((object) => ({
      name: object.name,
      model: assets[object.model],
      position: [flip(object.at[0]), object.at[1], object.at[2]],
      rotation: [0, flip(object.turn ?? 0), 0],
      scale: object.scale ?? 1,
    })),
    images: design.images.map((hung) => ({
      title: hung.title,
      image: assets[hung.image],
      wall: mirrorWall(hung.wall),
      // A mirror image swaps left and right on every wall.
      offset: [flip(hung.along), hung.height],
      width: hung.width,
      height: Math.round(hung.width * ASPECT[hung.image] * 1000) / 1000,
    })),
    spawn: { position: [0, 1.6, 3.4], lookAt: [0, 1.2, 0] },
  };
  return parseSceneManifest(input);
}
