/**
 * What one unit may hold, enforced when content is uploaded rather than discovered when a
 * visitor's headset stutters: draw calls, triangles and bytes, and the largest textures and
 * images. One asset may use at most the whole unit's budget; `measureSceneBudget` adds up a
 * whole scene. Browser-safe, for the editor's meters. For comparison, Decentraland allows a 16 × 16 m parcel 10k triangles and 15 MB,
 * and Meta advises under 100 draw calls and 750k triangles per eye on Quest for a whole app.
 */
import { IpfsError } from "../errors.ts";
import type { SceneManifest } from "../manifest.ts";

export type UnitBudget = {
  /** Draw calls: one per mesh primitive (a repeated model is drawn instanced, once per primitive). */
  drawCalls: number;
  /** Triangles drawn, every placement counted. */
  triangles: number;
  /** Bytes of every distinct asset (models, images, panorama) together. */
  bytes: number;
  /** Longest side of a model's texture after optimization, pixels. */
  textureSize: number;
  /** Longest side of a wall picture or a video poster, pixels. */
  imageSize: number;
  /** Width of a 360° equirectangular panorama (its height is half), pixels. */
  panoramaWidth: number;
};

export const UNIT_BUDGET: UnitBudget = {
  drawCalls: 25,
  triangles: 60_000,
  bytes: 10 * 1024 * 1024,
  textureSize: 2048,
  imageSize: 2048,
  panoramaWidth: 4096,
};

export type BudgetMeasure = "drawCalls" | "triangles" | "bytes";

const LABEL: Record<BudgetMeasure, (value: number) => string> = {
  drawCalls: (value) => `${value} draw call${value === 1 ? "" : "s"}`,
  triangles: (value) => `${value.toLocaleString("en-US")} triangles`,
  bytes: (value) => `${value.toLocaleString("en-US")} bytes (${(value / (1024 * 1024)).toFixed(2)} MiB)`,
};

/** An asset or a scene is over one of the unit's limits; names the asset, the limit and the measured value. */
export class UploadBudgetExceededError extends IpfsError {
  override name = "UploadBudgetExceededError";
  constructor(
    readonly asset: string,
    readonly measure: BudgetMeasure,
    readonly measured: number,
    readonly limit: number,
    hint?: string,
  ) {
    super({
      shortMessage: `${asset} has ${LABEL[measure](measured)}, over the unit limit of ${LABEL[measure](limit)}`,
      hint,
    });
  }
}

export type AssetMeasures = { drawCalls: number; triangles: number; bytes: number };

const HINTS: Record<BudgetMeasure, string> = {
  drawCalls: "Join meshes that share a material, or use fewer materials (a texture atlas).",
  triangles: "Decimate the model (Blender's Decimate modifier, gltf-transform simplify) or use a simpler one.",
  bytes: "Use smaller textures or fewer of them; the optimizer already resizes them to the texture budget.",
};

/** Throws `UploadBudgetExceededError` for the first measure of `measures` over `budget`. */
export function checkBudget(asset: string, measures: AssetMeasures, budget: UnitBudget = UNIT_BUDGET): void {
  for (const measure of ["triangles", "drawCalls", "bytes"] as const) {
    if (measures[measure] > budget[measure]) {
      throw new UploadBudgetExceededError(asset, measure, measures[measure], budget[measure], HINTS[measure]);
    }
  }
}

/** What one asset costs a viewer, as `measureModel` (models) or the file size (images) gives it. */
export type AssetCost = { drawCalls: number; triangles: number; bytes: number };

export type SceneBudgetUse = AssetCost & {
  /** CIDs the scene names whose cost was not given (not counted). */
  unmeasured: string[];
};

/**
 * What a whole scene costs against the unit budget, for the editor's meters and the publish
 * check: a model's draw calls once however often it is placed (repeats are drawn instanced), its
 * triangles once per placement; one draw call and two triangles per picture and screen; bytes of
 * every distinct model, picture, surface texture, poster and panorama once. Streamed media
 * (video files, audio) are not counted in the bytes.
 */
export function measureSceneBudget(manifest: SceneManifest, costs: ReadonlyMap<string, AssetCost>): SceneBudgetUse {
  const use: SceneBudgetUse = { drawCalls: 0, triangles: 0, bytes: 0, unmeasured: [] };
  const counted = new Set<string>();
  const pay = (cid: string, perPlacement: boolean) => {
    const cost = costs.get(cid);
    if (!cost) {
      if (!use.unmeasured.includes(cid)) use.unmeasured.push(cid);
      return;
    }
    if (perPlacement) use.triangles += cost.triangles;
    if (counted.has(cid)) return;
    counted.add(cid);
    use.drawCalls += cost.drawCalls;
    use.bytes += cost.bytes;
  };
  for (const object of manifest.objects) pay(object.model, true);
  for (const flat of [...manifest.images, ...manifest.videos]) {
    use.drawCalls += 1;
    use.triangles += 2;
    if ("image" in flat) pay(flat.image, false);
    else if (flat.poster) pay(flat.poster, false);
  }
  const surfaces = [manifest.floor, manifest.walls, manifest.ceiling];
  for (const room of manifest.rooms) surfaces.push(room.floor, room.walls, room.ceiling);
  for (const surface of surfaces) if (surface?.texture) pay(surface.texture, false);
  if (manifest.panorama) pay(manifest.panorama.image, false);
  return use;
}

/** Throws `UploadBudgetExceededError` naming the scene when `measureSceneBudget` is over `budget`. */
export function checkSceneBudget(
  manifest: SceneManifest,
  costs: ReadonlyMap<string, AssetCost>,
  budget: UnitBudget = UNIT_BUDGET,
): SceneBudgetUse {
  const use = measureSceneBudget(manifest, costs);
  checkBudget(`The scene "${manifest.name}"`, use, budget);
  return use;
}
