import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { contractOf, contractRegistry, type ContractRegistry } from "@markspace/contracts/registry";
import { abiExportName, generateAbis, GenerateAbisError } from "./generate-abis.ts";

const unitRegistry = contractRegistry.find((entry) => entry.name === "UnitRegistry")!;

describe("generateAbis", () => {
  let outDir: string;
  beforeEach(async () => {
    outDir = await mkdtemp(join(tmpdir(), "markspace-abis-"));
  });
  afterEach(async () => {
    await rm(outDir, { recursive: true, force: true });
  });

  it("writes one typed export and one JSON file per contract of the registry, and nothing else", async () => {
    const { names } = await generateAbis({ outDir });
    // Eight genesis locks deploy one contract, FundLock: one ABI.
    expect(names).toEqual([...new Set(contractRegistry.map(contractOf))]);
    expect(names.filter((name) => name === "FundLock")).toHaveLength(1);
    const module = await readFile(join(outDir, "abis.ts"), "utf8");
    for (const name of names) {
      expect(module).toContain(`export const ${abiExportName(name)} = [`);
      expect(JSON.parse(await readFile(join(outDir, "abis", `${name}.json`), "utf8"))).toBeInstanceOf(Array);
    }
    expect((await readdir(join(outDir, "abis"))).sort()).toEqual(names.map((name) => `${name}.json`).sort());
  });

  it("follows the registry it is given, and drops ABIs of contracts that left it", async () => {
    await mkdir(join(outDir, "abis"), { recursive: true });
    await writeFile(join(outDir, "abis", "Retired.json"), "[]\n");
    const registry: ContractRegistry = [unitRegistry];
    await generateAbis({ outDir, registry });
    const module = await readFile(join(outDir, "abis.ts"), "utf8");
    expect(module).toContain("export const unitRegistryAbi = [");
    expect(module).not.toContain("markTokenAbi");
    expect(await readdir(join(outDir, "abis"))).toEqual(["UnitRegistry.json"]);
  });

  it("names the contract whose artifact is missing and how to produce it", async () => {
    const registry: ContractRegistry = [{ name: "Ghost", source: "contracts/Ghost.sol", deploy: {} }];
    const attempt = generateAbis({ outDir, registry });
    await expect(attempt).rejects.toBeInstanceOf(GenerateAbisError);
    await expect(generateAbis({ outDir, registry })).rejects.toThrow(
      /No compiled artifact for Ghost: .*artifacts\/contracts\/Ghost\.sol\/Ghost\.json[\s\S]*npx hardhat compile/,
    );
    expect(existsSync(join(outDir, "abis", "Ghost.json"))).toBe(false);
  });
});
