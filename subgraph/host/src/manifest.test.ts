/**
 * What the host accepts and refuses in a built manifest, checked on copies of a real build
 * (the compat fixture) with one thing changed each time.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { loadManifest } from "./manifest.ts";
import { buildCompatSubgraph } from "./testing/subgraphBuilds.ts";

type Yaml = {
  specVersion: string;
  graft?: unknown;
  dataSources: Array<Record<string, unknown> & { source: Record<string, unknown>; mapping: Record<string, unknown> }>;
  templates: Array<Record<string, unknown> & { mapping: Record<string, unknown> }>;
};

let built: string;
let original: Yaml;
const copies: string[] = [];

beforeAll(async () => {
  built = await buildCompatSubgraph({ address: "0x5FbDB2315678afecb367f032d93F642f64180aa3", startBlock: 1 });
  original = parse(await readFile(join(built, "subgraph.yaml"), "utf8")) as Yaml;
});

afterAll(async () => {
  for (const dir of copies) await rm(dir, { recursive: true, force: true });
});

/** Loads a copy of the build whose manifest `change` edited. */
async function loadChanged(change: (manifest: Yaml) => void) {
  const dir = await mkdtemp(join(tmpdir(), "markspace-manifest-"));
  copies.push(dir);
  await cp(built, dir, { recursive: true });
  const manifest = structuredClone(original);
  change(manifest);
  await writeFile(join(dir, "subgraph.yaml"), stringify(manifest));
  return loadManifest(dir);
}

const probe = (m: Yaml) => m.dataSources[0]!;

describe("loadManifest accepts", () => {
  it("the built fixture, with its block handlers and template", async () => {
    const manifest = await loadChanged(() => {});
    const [source] = manifest.dataSources;
    expect(source!.mapping.blockHandlers).toEqual([
      { handler: "handleEveryBlock", filter: { kind: "every" } },
      { handler: "handlePollingBlock", filter: { kind: "polling", every: 3 } },
      { handler: "handleOnceBlock", filter: { kind: "once" } },
    ]);
    expect(manifest.templates.map((t) => t.name)).toEqual(["CompatChild"]);
    expect(source!.mapping.eventHandlers.find((h) => h.handler === "handleTagged")!.topicFilters[0]).toHaveLength(2);
  });

  it("an event signature without `indexed` when it names exactly one event", async () => {
    const exact = await loadChanged(() => {});
    const loose = await loadChanged((m) => {
      const handlers = probe(m).mapping["eventHandlers"] as Array<{ event: string; handler: string }>;
      handlers.find((h) => h.handler === "handleTagged")!.event = "Tagged(uint256,uint256)";
    });
    const topic = (manifest: typeof exact) =>
      manifest.dataSources[0]!.mapping.eventHandlers.find((h) => h.handler === "handleTagged")!.topic0;
    expect(topic(loose)).toBe(topic(exact));
  });

  it("a data source without an address (every contract's events)", async () => {
    const manifest = await loadChanged((m) => {
      delete probe(m).source["address"];
    });
    expect(manifest.dataSources[0]!.address).toBeUndefined();
  });
});

describe("loadManifest refuses, naming what and why", () => {
  const cases: Array<[string, (m: Yaml) => void, RegExp]> = [
    [
      "call handlers",
      (m) => {
        probe(m).mapping["callHandlers"] = [{ function: "createChild(string)", handler: "handleEveryBlock" }];
      },
      /callHandlers need call traces/,
    ],
    [
      "block handlers with a call filter",
      (m) => {
        probe(m).mapping["blockHandlers"] = [{ handler: "handleEveryBlock", filter: { kind: "call" } }];
      },
      /filter kind "call".*call traces/,
    ],
    [
      "two block handlers of one kind",
      (m) => {
        probe(m).mapping["blockHandlers"] = [{ handler: "handleEveryBlock" }, { handler: "handleOnceBlock" }];
      },
      /more than one block handler of the same kind/,
    ],
    [
      "a mapping API version older than 0.0.5",
      (m) => {
        probe(m).mapping["apiVersion"] = "0.0.4";
      },
      /apiVersion 0\.0\.4 is not supported; the embedded host runs 0\.0\.5 to 0\.0\.9/,
    ],
    [
      "file data source templates",
      (m) => {
        m.templates.push({ kind: "file/ipfs", name: "Metadata", mapping: {} });
      },
      /data source Metadata has kind "file\/ipfs".*file data sources/s,
    ],
    [
      "grafting",
      (m) => {
        m.graft = { base: "QmBase", block: 1 };
      },
      /grafting is not supported/,
    ],
    [
      "an event the ABI does not have",
      (m) => {
        (probe(m).mapping["eventHandlers"] as Array<{ event: string }>)[0]!.event = "Missing(uint256)";
      },
      /event Missing\(uint256\) is not in ABI CompatProbe/,
    ],
    [
      "a malformed data source",
      (m) => {
        probe(m).source["startBlock"] = "soon";
      },
      /dataSources\.0\.source\.startBlock/,
    ],
  ];
  for (const [what, change, message] of cases) {
    it(what, async () => {
      await expect(loadChanged(change)).rejects.toThrow(message);
    });
  }
});
