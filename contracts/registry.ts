/**
 * The contract registry: the one list of Markspace contracts. Everything that needs to know
 * which contracts exist reads it, so a new contract is added here and nowhere else:
 *
 *   scripts/generate-abis.ts             one ABI per entry (`contracts/generated/abis.ts`, `abis/<Name>.json`)
 *   contracts/deployments.ts             the deployment record holds an address and start block per deployed entry
 *   scripts/deploy.ts                    deploys the deployed entries in this order, with their constructor arguments
 *   subgraph/scripts/render-manifest.ts  a data source per deployed entry with a mapping, a template per
 *                                        factory-created one
 *   scripts/stack/                       the launcher's progress lines
 *
 * Order matters: an entry's constructor arguments may use the addresses of the entries above it.
 * Browser-safe and loadable by Node's type stripping (the app server imports the deployment
 * record through it): no Node imports, only erasable TypeScript.
 */
import type { Address } from "viem";
import { buildGenesisAllocations } from "./token/genesis-allocation.ts";

/** One event handler of a subgraph mapping, exactly as graph-cli's manifest spells it. */
export type EventHandlerEntry = {
  /** Event signature with `indexed` markers, e.g. `Transfer(indexed address,indexed address,uint256)`. */
  readonly event: string;
  /** Exported function of the mapping file. */
  readonly handler: string;
  /** Give the handler the transaction receipt (`receipt: true`). */
  readonly receipt?: boolean;
};

/** How the subgraph indexes a contract: one AssemblyScript mapping file per contract. */
export type SubgraphMappingEntry = {
  /** Mapping file, relative to `subgraph/` (e.g. `src/mappings/unitRegistry.ts`). */
  readonly file: string;
  /** Entities the mapping writes (declared in `subgraph/schema.graphql`). */
  readonly entities: readonly string[];
  readonly eventHandlers: readonly EventHandlerEntry[];
  /** Other registry entries whose ABI the mapping uses (to call or decode them); its own ABI is always included. */
  readonly extraAbis?: readonly string[];
};

/** What a constructor-argument function may read when `scripts/deploy.ts` deploys an entry. */
export type DeployContext = {
  readonly chainId: number;
  readonly deployer: Address;
  /** Recipient of the genesis MRK (`MARKSPACE_TREASURY`, else the deployer). */
  readonly treasury: Address;
  /** Address of an entry deployed earlier in this run; throws naming it when it is not (yet) deployed. */
  readonly addressOf: (name: string) => Address;
};

type EntryBase = {
  /** Contract name: the Solidity contract, the ABI export (`unitRegistryAbi`), the deployment key, the data source name. */
  readonly name: string;
  /** Solidity file relative to the repository root; Hardhat's artifact is `artifacts/<source>/<name>.json`. */
  readonly source: string;
  /** Indexed by the subgraph when present. */
  readonly subgraph?: SubgraphMappingEntry;
};

/** A contract `scripts/deploy.ts` deploys once per chain; the subgraph indexes it as a data source. */
export type DeployedContractEntry = EntryBase & {
  readonly deploy: {
    /** Constructor arguments; may use earlier entries' addresses and the deploy configuration. */
    readonly args?: (context: DeployContext) => readonly unknown[];
  };
};

/** A contract another contract creates at run time; the subgraph indexes it as a template. */
export type FactoryCreatedContractEntry = EntryBase & {
  /** Name of the registry entry that creates instances (its mapping calls `<Name>.create(address)`). */
  readonly createdBy: string;
};

export type ContractEntry = DeployedContractEntry | FactoryCreatedContractEntry;
export type ContractRegistry = readonly ContractEntry[];

export const contractRegistry = [
  {
    name: "MarkToken",
    source: "contracts/token/MarkToken.sol",
    deploy: { args: ({ treasury }) => [buildGenesisAllocations(() => treasury)] },
    subgraph: {
      file: "src/mappings/markToken.ts",
      entities: ["Account"],
      eventHandlers: [{ event: "Transfer(indexed address,indexed address,uint256)", handler: "handleTransfer" }],
    },
  },
  {
    name: "UnitRegistry",
    source: "contracts/land/UnitRegistry.sol",
    deploy: {},
    subgraph: {
      file: "src/mappings/unitRegistry.ts",
      entities: ["Unit", "Account", "UnitClaim", "UnitContentChange", "UnitTransfer"],
      eventHandlers: [
        { event: "Transfer(indexed address,indexed address,indexed uint256)", handler: "handleTransfer" },
        { event: "UnitClaimed(indexed uint256,indexed address)", handler: "handleUnitClaimed" },
        { event: "UnitContentSet(indexed uint256,indexed address,string)", handler: "handleUnitContentSet" },
      ],
    },
  },
] as const satisfies ContractRegistry;

type Entry = (typeof contractRegistry)[number];
/** Contracts with an address in every deployment record. */
export type DeployedContractName = Extract<Entry, { deploy: object }>["name"];

export function isDeployed(entry: ContractEntry): entry is DeployedContractEntry {
  return "deploy" in entry;
}

export function isFactoryCreated(entry: ContractEntry): entry is FactoryCreatedContractEntry {
  return "createdBy" in entry;
}

/** Names of the deployed contracts, in deployment order. */
export const deployedContractNames: readonly DeployedContractName[] = contractRegistry
  .filter((entry): entry is Extract<Entry, { deploy: object }> => isDeployed(entry))
  .map((entry) => entry.name);

/** "A", "A and B", "A, B and C": for progress lines that list contracts. */
export function formatNames(names: readonly string[]): string {
  if (names.length <= 1) return names.join("");
  return `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
}

/**
 * Checks what the type system cannot: unique names, `createdBy` and `extraAbis` naming entries
 * of the same registry. Returns the problems, one line each (empty when the registry is sound).
 */
export function registryProblems(registry: ContractRegistry): string[] {
  const problems: string[] = [];
  const names = new Set<string>();
  for (const entry of registry) {
    if (!/^[A-Z][A-Za-z0-9]*$/.test(entry.name))
      problems.push(`"${entry.name}": a contract name is PascalCase letters and digits`);
    if (names.has(entry.name)) problems.push(`"${entry.name}" appears twice`);
    names.add(entry.name);
  }
  for (const entry of registry) {
    if (isFactoryCreated(entry) && !names.has(entry.createdBy))
      problems.push(`"${entry.name}" is created by "${entry.createdBy}", which is not in the registry`);
    for (const abi of entry.subgraph?.extraAbis ?? [])
      if (!names.has(abi))
        problems.push(`"${entry.name}" mapping uses the ABI of "${abi}", which is not in the registry`);
  }
  return problems;
}
