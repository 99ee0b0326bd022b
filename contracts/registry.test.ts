import { describe, expect, it } from "vitest";
import { getAddress } from "viem";
import { GENESIS_FUNDS } from "./token/genesis-allocation.ts";
import { sampleAddress } from "./testing.ts";
import {
  FUND_LOCKS,
  LAND_SETTINGS,
  contractOf,
  contractRegistry,
  deployedContractNames,
  formatNames,
  localOnlyContractNames,
  isDeployed,
  isFactoryCreated,
  registryProblems,
  unitsUrlBase,
  type ContractRegistry,
  type DeployContext,
} from "./registry.ts";

const handlers = [{ event: "Created(indexed address)", handler: "handleCreated" }];

describe("contractRegistry", () => {
  it("is sound: unique PascalCase names, factories and extra ABIs that exist", () => {
    expect(registryProblems(contractRegistry)).toEqual([]);
  });

  it("lists the deployed contracts in deployment order", () => {
    expect(deployedContractNames).toEqual(contractRegistry.filter(isDeployed).map((entry) => entry.name));
    expect(deployedContractNames).toEqual([
      "MarkTreasury",
      ...Object.values(FUND_LOCKS),
      "MarkToken",
      "MarkParameters",
      "DevPriceFeed",
      "MarkSale",
      "WrappedMark",
      "MarkGovernor",
      "MarkAccessManager",
      "UnitRegistry",
      "UnitSale",
      "FloorSale",
      "UnitNames",
      "UnitMetadata",
      "RenderStaking",
      "RenderJobs",
      "UnitExchange",
      "LeaseBook",
      "UnitAuctions",
      "CommunityTickets",
      "CommunityDistributions",
      "CommunityMembership",
      "CommunityGovernor",
      "CommunityTreasury",
      "CommunityFactory",
    ]);
    expect(localOnlyContractNames).toEqual(["DevPriceFeed"]);
  });

  const context = (addresses: Record<string, string>): DeployContext => ({
    chainId: 31337,
    isLocalChain: true,
    deployer: "0x00000000000000000000000000000000000000bb",
    treasury: "0x00000000000000000000000000000000000000aa",
    genesisTime: 1_800_000_000n,
    addressOf: (name) => {
      if (!(name in addresses)) throw new Error(`no address for ${name}`);
      return addresses[name] as `0x${string}`;
    },
  });

  it("mints every genesis fund but the token sale's to its own lock, and that one to the sale", () => {
    const locks = Object.fromEntries(Object.values(FUND_LOCKS).map((name, i) => [name, sampleAddress(i)]));
    locks.MarkSale = sampleAddress(100);
    const markToken = contractRegistry.find((entry) => entry.name === "MarkToken")!;
    const [allocations] = markToken.deploy.args(context(locks)) as [Array<{ recipient: string; amount: bigint }>];
    expect(allocations.map((line) => line.recipient)).toEqual(
      GENESIS_FUNDS.map((fund) =>
        fund.id === "tokenSale"
          ? getAddress(sampleAddress(100))
          : getAddress(locks[FUND_LOCKS[fund.id as keyof typeof FUND_LOCKS]]!),
      ),
    );
    expect(allocations.reduce((sum, line) => sum + line.amount, 0n)).toBe(3_000_000_000n * 10n ** 18n);
  });

  it("prices the sale with Chainlink's feed when given, the local feed on the local chain, and refuses neither", () => {
    const sale = contractRegistry.find((entry) => entry.name === "MarkSale")!;
    const all = Object.fromEntries(deployedContractNames.map((name, i) => [name, sampleAddress(i)]));
    const configOf = (ctx: DeployContext) => (sale.deploy.args(ctx) as unknown as [Record<string, unknown>])[0];
    const local = configOf(context(all));
    expect(local.priceFeed).toBe(all.DevPriceFeed);
    expect(local.renderingFund).toBe(all[FUND_LOCKS.minersRenderingFund]);
    expect(local.tokensReleaseAt).toBe(1_800_000_000n + 14n * 86_400n);
    expect(local.closesAt).toBe(1_800_000_000n + 60n * 86_400n);
    const feed = "0x5f4eC3Df9cbd43714FE2740f5E3616155c5b8419";
    expect(configOf({ ...context(all), chainId: 1, isLocalChain: false, ethUsdFeed: feed }).priceFeed).toBe(feed);
    expect(() => configOf({ ...context(all), chainId: 1, isLocalChain: false })).toThrow(/MARKSPACE_ETH_USD_FEED/);
  });

  it("renders the registry's metadata with UnitMetadata, opens the free claims, lets UnitNames notify but mint nothing, and names LeaseBook its rentals office", () => {
    const all = Object.fromEntries(deployedContractNames.map((name, i) => [name, sampleAddress(i)]));
    const registry = contractRegistry.find((entry) => entry.name === "UnitRegistry")!;
    const [, , renderer, freeClaims, offices, allowances, rentals] = registry.deploy.args(context(all)) as unknown as [
      string,
      string,
      string,
      bigint,
      string[],
      bigint[],
      string,
    ];
    expect(renderer).toBe(all.UnitMetadata);
    expect(freeClaims).toBe(LAND_SETTINGS.freeClaimCap);
    expect(offices.at(-1)).toBe(all.UnitNames);
    expect(offices).not.toContain(all.LeaseBook);
    expect(allowances.at(-1)).toBe(LAND_SETTINGS.none);
    expect(offices).toHaveLength(allowances.length);
    expect(rentals).toBe(all.LeaseBook);
    // The parameter store tells the registry of every change (its copy of the unit types' rights).
    const parameters = contractRegistry.find((entry) => entry.name === "MarkParameters")!;
    expect((parameters.deploy.args(context(all)) as unknown[])[2]).toBe(all.UnitRegistry);
    const metadata = contractRegistry.find((entry) => entry.name === "UnitMetadata")!;
    expect(metadata.deploy.args(context(all))).toEqual([
      all.UnitRegistry,
      all.UnitNames,
      "http://127.0.0.1:3000/units/",
    ]);
  });

  it("gives the rentals office the registry, MRK, the parameters and the treasury", () => {
    const all = Object.fromEntries(deployedContractNames.map((name, i) => [name, sampleAddress(i)]));
    const book = contractRegistry.find((entry) => entry.name === "LeaseBook")!;
    expect(book.deploy.args(context(all))).toEqual([
      all.UnitRegistry,
      all.MarkToken,
      all.MarkParameters,
      all.MarkTreasury,
    ]);
  });

  it("gives the render staking the access manager, MRK, the parameters and the rendering fund's lock", () => {
    const all = Object.fromEntries(deployedContractNames.map((name, i) => [name, sampleAddress(i)]));
    const staking = contractRegistry.find((entry) => entry.name === "RenderStaking")!;
    expect(staking.deploy.args(context(all))).toEqual([
      all.MarkAccessManager,
      all.MarkToken,
      all.MarkParameters,
      all[FUND_LOCKS.minersRenderingFund],
    ]);
  });

  it("links unit metadata to the app's /units/ page: the local app, MARKSPACE_APP_URL, or nothing", () => {
    expect(unitsUrlBase({ isLocalChain: true })).toBe("http://127.0.0.1:3000/units/");
    expect(unitsUrlBase({ isLocalChain: false, appUrl: "https://markspace.example/" })).toBe(
      "https://markspace.example/units/",
    );
    expect(unitsUrlBase({ isLocalChain: false })).toBe("");
  });

  it("locks each fund for the treasury until genesis plus the fund's freeze", () => {
    const lock = contractRegistry.find((entry) => entry.name === FUND_LOCKS.coreTeam)!;
    expect(contractOf(lock)).toBe("FundLock");
    expect(lock.deploy.args(context({}))).toEqual([
      "Core team",
      "0x00000000000000000000000000000000000000aa",
      1_800_000_000n + 31_556_952n,
    ]);
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

  it("names a contract that two entries take from different files", () => {
    const registry: ContractRegistry = [
      { name: "LockA", contract: "Lock", source: "contracts/Lock.sol", deploy: {} },
      { name: "LockB", contract: "Lock", source: "contracts/Lock.sol", deploy: {} },
      { name: "LockC", contract: "Lock", source: "contracts/OtherLock.sol", deploy: {} },
      { name: "LockD", contract: "lock", source: "contracts/Lock.sol", deploy: {} },
    ];
    expect(registryProblems(registry)).toEqual([
      `"LockC": contract Lock comes from both contracts/Lock.sol and contracts/OtherLock.sol`,
      `"LockD": its contract "lock" is not PascalCase letters and digits`,
    ]);
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
      `"Token": contract Token comes from both a.sol and b.sol`,
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
