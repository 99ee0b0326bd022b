import { beforeAll, describe, expect, it } from "vitest";
import { measureSceneBudget } from "@markspace/ipfs/budget";
import { computeRawCid } from "@markspace/ipfs/client";
import { EMPTY_ROOM } from "@markspace/ipfs/manifest";
import { costsOf, withAsset, type LibraryAsset } from "./assetLibrary.ts";
import { sceneBudgetReport } from "./budgetMeters.ts";
import { addObject, addPicture, setPanorama } from "./sceneEdits.ts";

let sofa: LibraryAsset;
let photo: LibraryAsset;
let panorama: LibraryAsset;
beforeAll(async () => {
  const cid = (text: string) => computeRawCid(new TextEncoder().encode(text));
  sofa = {
    cid: await cid("sofa"),
    kind: "model",
    name: "Sofa",
    bytes: 300_000,
    drawCalls: 3,
    triangles: 12_000,
    origin: "catalog",
  };
  photo = {
    cid: await cid("photo"),
    kind: "image",
    name: "p.png",
    bytes: 200_000,
    drawCalls: 0,
    triangles: 0,
    width: 800,
    height: 600,
    origin: "upload",
  };
  panorama = {
    cid: await cid("pano"),
    kind: "panorama",
    name: "room.jpg",
    bytes: 9_000_000,
    drawCalls: 0,
    triangles: 0,
    origin: "upload",
  };
});

describe("budget meters", () => {
  it("count a repeated model's draw calls and bytes once and its triangles per placement, like measureSceneBudget", () => {
    let scene = addObject(EMPTY_ROOM, { name: "Sofa", cid: sofa.cid });
    scene = addObject(scene, { name: "Sofa", cid: sofa.cid });
    scene = addPicture(scene, { cid: photo.cid, width: 800, height: 600 });
    const costs = costsOf([sofa, photo]);
    const report = sceneBudgetReport(scene, costs);
    const used = Object.fromEntries(report.meters.map((meter) => [meter.name, meter.used]));
    expect(used).toEqual({ drawCalls: 4, triangles: 24_002, bytes: 500_000 });
    const reference = measureSceneBudget(scene, costs);
    expect(used).toEqual({ drawCalls: reference.drawCalls, triangles: reference.triangles, bytes: reference.bytes });
    expect(report.meters.map((meter) => meter.level)).toEqual(["ok", "ok", "ok"]);
    expect(report.meters[1]!.text).toBe("24,002 / 60,000");
    expect(report.over).toBe(false);
  });

  it("turn near and over as the scene fills, and list assets of unknown cost", () => {
    let scene = setPanorama(EMPTY_ROOM, panorama.cid);
    for (let i = 0; i < 5; i += 1) scene = addObject(scene, { name: "Sofa", cid: sofa.cid });
    const report = sceneBudgetReport(scene, costsOf(withAsset([sofa], panorama)));
    const triangles = report.meters.find((meter) => meter.name === "triangles")!;
    expect(triangles).toMatchObject({ used: 60_000, level: "near" });
    expect(report.meters.find((meter) => meter.name === "bytes")!.level).toBe("near");
    const more = sceneBudgetReport(addObject(scene, { name: "Sofa", cid: sofa.cid }), costsOf([sofa, panorama]));
    expect(more.over).toBe(true);
    expect(more.meters.find((meter) => meter.name === "triangles")!.level).toBe("over");
    expect(sceneBudgetReport(scene, costsOf([sofa])).unmeasured).toEqual([panorama.cid]);
  });
});
