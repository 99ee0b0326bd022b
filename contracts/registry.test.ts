import { describe, expect, it } from "vitest";
import {
  contractRegistry,
  deployedContractNames,
  formatNames,
  isDeployed,
  isFactoryCreated,
  registryProblems,
  type ContractRegistry,
} from "./registry.ts";

const handlers = [{ event: "Created(indexed address)", handler: "handleCreated" }];

describe("contractRegistry", () => {
  it("is sound: unique PascalCase names, factories and extra ABIs that exist", () => {
    expect(registryProblems(contractRegistry)).toEqual([]);
  });

  it("lists the deployed contracts in deployment order", () => {
    expect(deployedContractNames).toEqual(contractRegistry.filter(isDeployed).map((entry) => entry.name));
    expect(deployedContractNames).toEqual(["MarkToken", "UnitRegistry"]);
  });

  it("gives MarkToken the whole genesis allocation to the treasury", () => {
    const markToken = contractRegistry.find((entry) => entry.name === "MarkToken")!;
    const treasury = "0x00000000000000000000000000000000000000aa";
    const [allocations] = markToken.deploy.args({
      chainId: 31337,
      deployer: "0x00000000000000000000000000000000000000bb",
      treasury,
      addressOf: () => {
        throw new Error("MarkToken needs no other contract");
      },
    }) as [Array<{ recipient: string; amount: bigint }>];
    expect(allocations.length).toBe(9);
    expect(new Set(allocations.map((line) => line.recipient.toLowerCase()))).toEqual(new Set([treasury]));
    expect(allocations.reduce((sum, line) => sum + line.amount, 0n)).toBe(3_000_000_000n * 10n ** 18n);
  });
});

describe("registryProblems", () => {
  it("accepts a factory and the template it creates", () => {
    const registry: ContractRegistry = [
      { name: "PoolFactory", source: "contracts/PoolFactory.sol", deploy: {} },
      {
        name: "Pool",
        source: "contracts/Pool.sol",
        createdBy: "PoolFactory",
        subgraph: {
          file: "src/mappings/pool.ts",
          entities: ["Pool"],
          eventHandlers: handlers,
          extraAbis: ["PoolFactory"],
        },
      },
    ];
    expect(registryProblems(registry)).toEqual([]);
    expect(registry.filter(isFactoryCreated).map((entry) => entry.name)).toEqual(["Pool"]);
  });

  it("names a duplicate, a bad name, an unknown factory and an unknown extra ABI", () => {
    const registry: ContractRegistry = [
      { name: "Token", source: "a.sol", deploy: {} },
      { name: "Token", source: "b.sol", deploy: {} },
      { name: "pool-v2", source: "c.sol", deploy: {} },
      {
        name: "Pool",
        source: "d.sol",
        createdBy: "Factory",
        subgraph: { file: "src/pool.ts", entities: [], eventHandlers: handlers, extraAbis: ["Oracle"] },
      },
    ];
    expect(registryProblems(registry)).toEqual([
      `"Token" appears twice`,
      `"pool-v2": a contract name is PascalCase letters and digits`,
      `"Pool" is created by "Factory", which is not in the registry`,
      `"Pool" mapping uses the ABI of "Oracle", which is not in the registry`,
    ]);
  });
});

describe("formatNames", () => {
  it("joins names as a sentence does", () => {
    expect(formatNames([])).toBe("");
    expect(formatNames(["MarkToken"])).toBe("MarkToken");
    expect(formatNames(["MarkToken", "UnitRegistry"])).toBe("MarkToken and UnitRegistry");
    expect(formatNames(["A", "B", "C"])).toBe("A, B and C");
  });
});
