/**
 * The editor's live budget meters: the scene measured exactly as the publish check and the
 * upload route measure it (`measureSceneBudget` from `@markspace/ipfs/budget`), set against the
 * unit budget, each with a level for its colour.
 */
import { measureSceneBudget, UNIT_BUDGET, type AssetCost, type UnitBudget } from "@markspace/ipfs/budget";
import type { SceneManifest } from "@markspace/ipfs/manifest";

export type MeterName = "drawCalls" | "triangles" | "bytes";
export type MeterLevel = "ok" | "near" | "over";

export type BudgetMeter = {
  name: MeterName;
  label: string;
  used: number;
  limit: number;
  /** `used / limit`, 0 when the limit is 0. */
  fraction: number;
  /** `near` from 80 % of the limit, `over` above it. */
  level: MeterLevel;
  /** "12 / 25", "41,200 / 60,000", "3.2 / 10.0 MiB". */
  text: string;
};

export type SceneBudgetReport = {
  meters: BudgetMeter[];
  /** CIDs the scene names whose cost the editor does not know (a scene made elsewhere). */
  unmeasured: string[];
  over: boolean;
};

const NEAR = 0.8;
const LABELS: Record<MeterName, string> = { drawCalls: "Draw calls", triangles: "Triangles", bytes: "Size" };

function format(name: MeterName, value: number): string {
  if (name === "bytes") return (value / (1024 * 1024)).toFixed(1);
  return value.toLocaleString("en-US");
}

export function sceneBudgetReport(
  manifest: SceneManifest,
  costs: ReadonlyMap<string, AssetCost>,
  budget: UnitBudget = UNIT_BUDGET,
): SceneBudgetReport {
  const use = measureSceneBudget(manifest, costs);
  const meters = (["drawCalls", "triangles", "bytes"] as const).map((name): BudgetMeter => {
    const used = use[name];
    const limit = budget[name];
    const fraction = limit > 0 ? used / limit : 0;
    return {
      name,
      label: LABELS[name],
      used,
      limit,
      fraction,
      level: used > limit ? "over" : fraction >= NEAR ? "near" : "ok",
      text: `${format(name, used)} / ${format(name, limit)}${name === "bytes" ? " MiB" : ""}`,
    };
  });
  return { meters, unmeasured: use.unmeasured, over: meters.some((meter) => meter.level === "over") };
}
