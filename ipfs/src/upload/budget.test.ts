import { describe, expect, it } from "vitest";
import { EMPTY_ROOM, parseSceneManifest } from "../manifest.ts";
import { checkSceneBudget, measureSceneBudget, UploadBudgetExceededError, type AssetCost } from "./budget.ts";

const CHAIR = "bafkreibme22gw2h7y2h7tg2fhqotaqjucnbc24deqo72b6mkl2egezxhvy";
const TABLE = "bafkreiewszubxeenqwrdxk3fjjxf566bku5woa5eyg7v7kzytu75e54xru";
const PICTURE = "bafkreic2ybl2uehgzq26zfanm2mj5qbml2zjddn7pke2svmvqcrum25ena";
const PANORAMA = "bafkreigtjjv4274erxcdfpzqusjhs2okd2nq5drxnavg7scnp6knduhnje";

const costs = new Map<string, AssetCost>([
  [CHAIR, { drawCalls: 2, triangles: 244, bytes: 14_760 }],
  [TABLE, { drawCalls: 2, triangles: 408, bytes: 19_840 }],
  [PICTURE, { drawCalls: 0, triangles: 0, bytes: 50_000 }],
  [PANORAMA, { drawCalls: 0, triangles: 0, bytes: 2_000_000 }],
]);

const at = (x: number) => [x, 0, 0] as [number, number, number];

describe("measureSceneBudget", () => {
  it("counts a repeated model's draw calls and bytes once and its triangles per placement", () => {
    const scene = parseSceneManifest({
      ...EMPTY_ROOM,
      objects: [
        { name: "Table", model: TABLE, position: at(0) },
        ...[1, 2, 3, 4].map((x) => ({ name: "Chair", model: CHAIR, position: at(x / 2) })),
      ],
      images: [{ image: PICTURE, wall: "north", offset: [0, 1.5], width: 1, height: 1 }],
      panorama: { image: PANORAMA },
    });
    expect(measureSceneBudget(scene, costs)).toEqual({
      drawCalls: 2 + 2 + 1,
      triangles: 408 + 4 * 244 + 2,
      bytes: 19_840 + 14_760 + 50_000 + 2_000_000,
      unmeasured: [],
    });
  });

  it("lists assets it has no cost for", () => {
    const tiles = "bafkreigx6xuszsr2rukp52q6xxvyr73agzkees6h2rr5jlrjs437uuovya";
    const scene = parseSceneManifest({ ...EMPTY_ROOM, floor: { color: "#ffffff", texture: tiles } });
    expect(measureSceneBudget(scene, costs).unmeasured).toEqual([tiles]);
  });

  it("refuses a scene over the unit's triangle budget, naming it and the figures", () => {
    const objects = Array.from({ length: 250 }, (_, i) => ({ name: "Chair", model: CHAIR, position: at(i / 100) }));
    const scene = parseSceneManifest({ ...EMPTY_ROOM, name: "Chair store", objects });
    expect(() => checkSceneBudget(scene, costs)).toThrow(UploadBudgetExceededError);
    expect(() => checkSceneBudget(scene, costs)).toThrow(
      /^The scene "Chair store" has 61,000 triangles, over the unit limit of 60,000 triangles/,
    );
  });
});
