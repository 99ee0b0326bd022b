import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "yaml";
import { afterAll, describe, expect, it } from "vitest";
import { contractRegistry, isDeployed, type ContractRegistry } from "@markspace/contracts/registry";
import { sampleDeployment } from "@markspace/contracts/testing";
import { runGraphCli } from "./build.ts";
import { ManifestRenderError, renderManifest, sourcesOf, subgraphDir, writeManifest } from "./render-manifest.ts";

type Mapping = {
  entities: string[];
  abis: Array<{ name: string; file: string }>;
  eventHandlers: Array<{ event: string; handler: string; receipt?: boolean }>;
  file: string;
};
type Manifest = {
  dataSources: Array<{ name: string; network: string; source: Record<string, unknown>; mapping: Mapping }>;
  templates?: Array<{ kind: string; name: string; network: string; source: Record<string, unknown>; mapping: Mapping }>;
};

const A = "0x00000000000000000000000000000000000000aa";
const B = "0x00000000000000000000000000000000000000bb";

/** A factory that creates pools at run time, each of which creates positions: two levels of templates. */
const factoryRegistry: ContractRegistry = [
  {
    name: "UnitRegistry",
    source: "contracts/land/UnitRegistry.sol",
    deploy: {},
    subgraph: {
      file: "src/mappings/unitRegistry.ts",
      entities: ["Unit"],
      eventHandlers: [{ event: "UnitMinted(indexed uint256,indexed address,uint40)", handler: "handleUnitMinted" }],
    },
  },
  {
    name: "MarkToken",
    source: "contracts/token/MarkToken.sol",
    createdBy: "UnitRegistry",
    subgraph: {
      file: "src/mappings/markToken.ts",
      entities: ["Account"],
      eventHandlers: [
        { event: "Transfer(indexed address,indexed address,uint256)", handler: "handleTransfer", receipt: true },
      ],
      extraAbis: ["UnitRegistry"],
    },
  },
];

const render = (registry: ContractRegistry, sources: Parameters<typeof renderManifest>[0]["sources"]) =>
  parse(renderManifest({ sources, manifestDir: subgraphDir, registry })) as Manifest;

describe("renderManifest", () => {
  it("renders one data source per deployed contract of the project's registry, with the record's addresses", () => {
    const manifest = render(contractRegistry, {
      network: "sepolia",
      MarkToken: { address: A, startBlock: 7 },
      UnitRegistry: { address: B, startBlock: 9 },
    });
    const indexed = contractRegistry
      .filter(isDeployed)
      .filter((entry): entry is Extract<typeof entry, { subgraph: object }> => "subgraph" in entry)
      .filter((entry) => entry.name === "MarkToken" || entry.name === "UnitRegistry");
    expect(manifest.dataSources.map((source) => source.name)).toEqual(indexed.map((entry) => entry.name));
    for (const entry of indexed) {
      const source = manifest.dataSources.find((candidate) => candidate.name === entry.name)!;
      expect(source.network).toBe("sepolia");
      expect(source.mapping.file).toBe(`./${entry.subgraph.file}`);
      expect(source.mapping.entities).toEqual(entry.subgraph.entities);
      expect(source.mapping.eventHandlers).toEqual(entry.subgraph.eventHandlers);
      // Its own ABI first, then those of the contracts it calls (extra ABIs name entries; files name contracts).
      const extra = entry.name === "MarkToken" ? ["FundLock"] : [];
      expect(source.mapping.abis).toEqual(
        [entry.name, ...extra].map((name) => ({ name, file: `../contracts/generated/abis/${name}.json` })),
      );
    }
    expect(manifest.dataSources[1]!.source).toEqual({ address: B, abi: "UnitRegistry", startBlock: 9 });
    expect(manifest.templates).toBeUndefined();
  });

  it("leaves out a deployed contract the sources do not name", () => {
    const manifest = render(contractRegistry, { network: "hardhat", UnitRegistry: { address: B, startBlock: 1 } });
    expect(manifest.dataSources.map((source) => source.name)).toEqual(["UnitRegistry"]);
  });

  it("renders a factory-created contract as a template: no address, its mapping, entities, handlers and ABIs", () => {
    const manifest = render(factoryRegistry, { network: "hardhat", UnitRegistry: { address: A, startBlock: 3 } });
    expect(manifest.dataSources.map((source) => source.name)).toEqual(["UnitRegistry"]);
    expect(manifest.templates).toEqual([
      {
        kind: "ethereum",
        name: "MarkToken",
        network: "hardhat",
        source: { abi: "MarkToken" },
        mapping: {
          kind: "ethereum/events",
          apiVersion: "0.0.9",
          language: "wasm/assemblyscript",
          entities: ["Account"],
          abis: [
            { name: "MarkToken", file: "../contracts/generated/abis/MarkToken.json" },
            { name: "UnitRegistry", file: "../contracts/generated/abis/UnitRegistry.json" },
          ],
          eventHandlers: [
            { event: "Transfer(indexed address,indexed address,uint256)", handler: "handleTransfer", receipt: true },
          ],
          file: "./src/mappings/markToken.ts",
        },
      },
    ]);
  });

  it("renders templates created by templates, and none whose factory is not indexed", () => {
    const nested: ContractRegistry = [
      ...factoryRegistry,
      { name: "Position", source: "p.sol", createdBy: "MarkToken", subgraph: factoryRegistry[1]!.subgraph! },
      { name: "Orphan", source: "o.sol", createdBy: "Unindexed", subgraph: factoryRegistry[1]!.subgraph! },
      { name: "Unindexed", source: "u.sol", deploy: {} },
    ];
    const manifest = render(nested, { network: "hardhat", UnitRegistry: { address: A, startBlock: 3 } });
    expect(manifest.templates?.map((template) => template.name)).toEqual(["MarkToken", "Position"]);
  });

  it("renders the community factory with a template per clone, and the shared community contracts", () => {
    const C = "0x00000000000000000000000000000000000000cc";
    const manifest = render(contractRegistry, {
      network: "hardhat",
      CommunityTickets: { address: A, startBlock: 4 },
      CommunityDistributions: { address: B, startBlock: 4 },
      CommunityFactory: { address: C, startBlock: 5 },
    });
    expect(manifest.dataSources.map((source) => source.name)).toEqual([
      "CommunityTickets",
      "CommunityDistributions",
      "CommunityFactory",
    ]);
    // The implementations are not indexed; their clones are, as templates named after them.
    expect(manifest.templates?.map((template) => [template.name, template.source.abi])).toEqual([
      ["CommunityMembershipClone", "CommunityMembership"],
      ["CommunityGovernorClone", "CommunityGovernor"],
      ["CommunityTreasuryClone", "CommunityTreasury"],
    ]);
    const treasury = manifest.templates!.find((template) => template.name === "CommunityTreasuryClone")!;
    expect(treasury.source).toEqual({ abi: "CommunityTreasury" });
    expect(treasury.mapping.abis.map((abi) => abi.name)).toEqual(["CommunityTreasury", "MarkToken"]);
    // Without the factory, no community template.
    const shared = render(contractRegistry, { network: "hardhat", CommunityTickets: { address: A, startBlock: 4 } });
    expect(shared.templates).toBeUndefined();
  });

  it("refuses a manifest without data sources, and an inconsistent registry", () => {
    expect(() => render(contractRegistry, { network: "hardhat" })).toThrow(ManifestRenderError);
    expect(() => render(contractRegistry, { network: "hardhat" })).toThrow(/no data source/);
    const broken: ContractRegistry = [{ ...factoryRegistry[1]!, createdBy: "Nobody" } as ContractRegistry[number]];
    expect(() => render(broken, { network: "hardhat" })).toThrow(/"MarkToken" is created by "Nobody"/);
  });

  it("takes the data sources of a deployment record", () => {
    const deployment = sampleDeployment({
      chainId: 1,
      network: "mainnet",
      contracts: { MarkToken: { address: A, startBlock: 1 }, UnitRegistry: { address: B, startBlock: 2 } },
    });
    const sources = sourcesOf(deployment);
    expect(sources).toEqual({ network: "mainnet", ...deployment.contracts });
    expect(sources.MarkToken).toEqual({ address: A, startBlock: 1 });
  });
});

describe("a rendered template, read by graph-cli", () => {
  let dir: string | undefined;
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("passes graph codegen's manifest validation and yields a DataSourceTemplate class", async () => {
    dir = await mkdtemp(join(tmpdir(), "markspace-manifest-"));
    const manifest = join(dir, "subgraph.yaml");
    await writeManifest({ network: "hardhat", UnitRegistry: { address: A, startBlock: 3 } }, manifest, {
      registry: factoryRegistry,
      sourceDir: subgraphDir,
    });
    const out = join(dir, "generated");
    await runGraphCli(["codegen", manifest, "--output-dir", out, "--skip-migrations"], "graph codegen", dir);
    const templates = await readFile(join(out, "templates.ts"), "utf8");
    expect(templates).toMatch(/export class MarkToken extends DataSourceTemplate/);
    expect(await readFile(join(out, "templates", "MarkToken", "MarkToken.ts"), "utf8")).toMatch(/class Transfer/);
  });
});
