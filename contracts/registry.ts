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
 * Order is deployment order. An entry's constructor arguments may use the address of any deployed
 * entry, above it (deployed) or below it (predicted from the deployer's nonce), so contracts that
 * name each other (a timelock and its governor, a token and the sale that holds its fund) need no
 * set-up transactions after deployment.
 * Browser-safe and loadable by Node's type stripping (the app server imports the deployment
 * record through it): no Node imports, only erasable TypeScript.
 */
import type { Address } from "viem";
import {
  GENESIS_FUNDS,
  buildGenesisAllocations,
  fundReleaseAt,
  type GenesisFund,
  type GenesisFundId,
} from "./token/genesis-allocation.ts";
import { parameterDefinitions } from "./governance/parameters.ts";

/** One event handler of a subgraph mapping, exactly as graph-cli's manifest spells it. */
export type EventHandlerEntry = {
  /** Event signature with `indexed` markers, e.g. `Transfer(indexed address,indexed address,uint256)`. */
  readonly event: string;
  /** Exported function of the mapping file. */
  readonly handler: string;
  /** Give the handler the transaction receipt (`receipt: true`). */
  readonly receipt?: boolean;
};

/** One block handler of a subgraph mapping: every block, or graph-node's `once` and `polling` filters. */
export type BlockHandlerEntry = {
  readonly handler: string;
  readonly filter?: { readonly kind: "once" } | { readonly kind: "polling"; readonly every: number };
};

/** How the subgraph indexes a contract: one AssemblyScript mapping file per contract. */
export type SubgraphMappingEntry = {
  /** Mapping file, relative to `subgraph/` (e.g. `src/mappings/unitRegistry.ts`). */
  readonly file: string;
  /** Entities the mapping writes (declared in `subgraph/schema.graphql`). */
  readonly entities: readonly string[];
  readonly eventHandlers: readonly EventHandlerEntry[];
  readonly blockHandlers?: readonly BlockHandlerEntry[];
  /** Other registry entries whose ABI the mapping uses (to call or decode them); its own ABI is always included. */
  readonly extraAbis?: readonly string[];
};

/** What a constructor-argument function may read when `scripts/deploy.ts` deploys an entry. */
export type DeployContext = {
  readonly chainId: number;
  /** The local development chain (31337), where `onlyLocal` entries are deployed too. */
  readonly isLocalChain: boolean;
  readonly deployer: Address;
  /** Beneficiary of the genesis funds' locks (`MARKSPACE_TREASURY`, else the deployer). */
  readonly treasury: Address;
  /** Unix seconds every genesis lock counts from: the latest block's time when the deploy starts. */
  readonly genesisTime: bigint;
  /** Chainlink's ETH/USD feed (`MARKSPACE_ETH_USD_FEED`); the local chain uses `DevPriceFeed`. */
  readonly ethUsdFeed?: Address;
  /** The app's public URL (`MARKSPACE_APP_URL`), for the units' metadata `external_url`. */
  readonly appUrl?: string;
  /**
   * Address of a deployed entry of this run: its real address when it is deployed already, else
   * the address it will get. Throws naming the entry when this run does not deploy it.
   */
  readonly addressOf: (name: string) => Address;
};

type EntryBase = {
  /** Entry name: the deployment key and the data source name; also the contract name unless `contract` says otherwise. */
  readonly name: string;
  /**
   * The Solidity contract (its artifact and ABI export, e.g. `fundLockAbi`) when it differs from
   * `name`, for contracts deployed more than once (one `FundLock` per genesis fund).
   */
  readonly contract?: string;
  /** Solidity file relative to the repository root; Hardhat's artifact is `artifacts/<source>/<name>.json`. */
  readonly source: string;
  /** Indexed by the subgraph when present. */
  readonly subgraph?: SubgraphMappingEntry;
};

/** A contract `scripts/deploy.ts` deploys once per chain; the subgraph indexes it as a data source. */
export type DeployedContractEntry = EntryBase & {
  readonly deploy: {
    /** Constructor arguments; may use other entries' addresses and the deploy configuration. */
    readonly args?: (context: DeployContext) => readonly unknown[];
    /** Deployed on the local chain only (development stand-ins such as a price feed). */
    readonly onlyLocal?: boolean;
  };
};

/** A contract another contract creates at run time; the subgraph indexes it as a template. */
export type FactoryCreatedContractEntry = EntryBase & {
  /** Name of the registry entry that creates instances (its mapping calls `<Name>.create(address)`). */
  readonly createdBy: string;
};

export type ContractEntry = DeployedContractEntry | FactoryCreatedContractEntry;
export type ContractRegistry = readonly ContractEntry[];

/** The registry entry of each genesis fund's lock; the token sale fund is held by the sale itself. */
export const FUND_LOCKS = {
  closedPreSale: "ClosedPreSaleLock",
  minersRenderingFund: "RenderingFundLock",
  crossSaleLiquidityFund: "LiquidityFundLock",
  coreTeam: "CoreTeamLock",
  participators: "ParticipatorsLock",
  advisers: "AdvisersLock",
  angels: "AngelsLock",
  bounty: "BountyLock",
} as const satisfies Partial<Record<GenesisFundId, string>>;

type LockedFundId = keyof typeof FUND_LOCKS;

/**
 * The land at genesis: `freeClaimCap` free claims are open (the global cap; governance raises,
 * lowers or closes it with `UnitRegistry.setFreeClaimsLeft`). The land offices, the sales, have no cap (`unlimited`, the registry's marker). The names registry is an office with no
 * allowance (`none`): it mints nothing, and is one only so it may emit ERC-4906 `MetadataUpdate`
 * (`UnitRegistry.notifyMetadataUpdate`) when a unit's name changes. The rentals office
 * (`LeaseBook`) is not a land office: the registry names it on its own (`rentalsOffice`), the one
 * contract that may set and end leases (`UnitRegistry.setLease` / `setUser`).
 */
export const LAND_SETTINGS = {
  freeClaimCap: 1_000_000n,
  unlimited: 2n ** 64n - 1n,
  none: 0n,
} as const;

/** The app the local stack starts (`npm start`), whose `/units/<id>` page each unit's metadata links to. */
export const LOCAL_APP_URL = "http://127.0.0.1:3000";

/**
 * Prefix of each unit's metadata `external_url`: the app's `/units/` page. The local chain links to
 * the local app; another chain needs `MARKSPACE_APP_URL`, and its metadata has no `external_url`
 * without it.
 */
export function unitsUrlBase({ appUrl, isLocalChain }: Pick<DeployContext, "appUrl" | "isLocalChain">): string {
  const base = appUrl ?? (isLocalChain ? LOCAL_APP_URL : undefined);
  return base === undefined ? "" : `${base.replace(/\/+$/, "")}/units/`;
}

/** A paid land office: sells for MRK and splits the income between the treasury and the rendering fund. */
function landSale(name: "UnitSale" | "FloorSale") {
  return {
    name,
    source: `contracts/land/${name}.sol`,
    deploy: {
      args: ({ addressOf }: DeployContext) => [
        addressOf("UnitRegistry"),
        addressOf("MarkToken"),
        addressOf("MarkParameters"),
        addressOf("MarkTreasury"),
        addressOf(FUND_LOCKS.minersRenderingFund),
      ],
    },
    subgraph: {
      file: "src/mappings/landSale.ts",
      entities: ["LandPayment", "Account"],
      eventHandlers: [
        {
          event: "LandPaid(indexed address,indexed uint256,indexed uint8,uint256,uint256,uint256)",
          handler: "handleLandPaid",
        },
      ],
    },
  } as const;
}

function fundById(id: GenesisFundId): GenesisFund {
  return GENESIS_FUNDS.find((fund) => fund.id === id)!;
}

/** A `FundLock` holding `id`'s fund for the treasury until genesis plus the fund's freeze. */
function fundLock<const Id extends LockedFundId>(id: Id) {
  const fund = fundById(id);
  return {
    name: FUND_LOCKS[id],
    contract: "FundLock",
    source: "contracts/token/FundLock.sol",
    deploy: {
      args: ({ treasury, genesisTime }: DeployContext) => [fund.name, treasury, fundReleaseAt(fund, genesisTime)],
    },
    subgraph: {
      file: "src/mappings/fundLock.ts",
      entities: ["Fund", "FundRelease"],
      eventHandlers: [
        { event: "ERC20Released(indexed address,uint256)", handler: "handleErc20Released" },
        { event: "OwnershipTransferred(indexed address,indexed address)", handler: "handleOwnershipTransferred" },
      ],
    },
  } as const;
}

/** Who holds each genesis fund: its lock, or (the token sale fund) the sale. */
function genesisHolder({ addressOf }: DeployContext, fund: GenesisFund): string {
  return fund.id in FUND_LOCKS ? addressOf(FUND_LOCKS[fund.id as LockedFundId]) : addressOf("MarkSale");
}

const DAY = 86_400n;

/**
 * Governance as deployed: proposals wait a day before voting opens, voting lasts a week, a
 * passed proposal waits two days in the treasury's timelock; proposing takes 10,000 wMRK of
 * votes and passing takes 4 % of all wrapped MRK voting For or Abstain.
 */
export const GOVERNANCE_SETTINGS = {
  timelockDelay: 2n * DAY,
  votingDelay: DAY,
  votingPeriod: 7n * DAY,
  proposalThreshold: 10_000n * 10n ** 18n,
  quorumPercent: 4n,
} as const;

/** The sale opens at genesis and runs 60 days (the seed's pre-sale and sale, back to back). */
export const SALE_SCHEDULE = { opensAfter: 0n, duration: 60n * DAY } as const;

/** The local chain's ETH price: 3,000 USD with the feed's 8 decimals. */
export const DEV_ETH_USD_PRICE = 3_000n * 10n ** 8n;

/** The sale's price feed: Chainlink's on real networks, `DevPriceFeed` on the local chain. */
function priceFeedOf({ isLocalChain, ethUsdFeed, addressOf, chainId }: DeployContext): string {
  if (ethUsdFeed) return ethUsdFeed;
  if (isLocalChain) return addressOf("DevPriceFeed");
  throw new Error(`chain ${chainId} needs Chainlink's ETH/USD feed address in MARKSPACE_ETH_USD_FEED`);
}

export const contractRegistry = [
  {
    name: "MarkTreasury",
    source: "contracts/governance/MarkTreasury.sol",
    deploy: { args: ({ addressOf }) => [GOVERNANCE_SETTINGS.timelockDelay, addressOf("MarkGovernor")] },
  },
  fundLock("closedPreSale"),
  fundLock("minersRenderingFund"),
  fundLock("crossSaleLiquidityFund"),
  fundLock("coreTeam"),
  fundLock("participators"),
  fundLock("advisers"),
  fundLock("angels"),
  fundLock("bounty"),
  {
    name: "MarkToken",
    source: "contracts/token/MarkToken.sol",
    deploy: { args: (context) => [buildGenesisAllocations((fund) => genesisHolder(context, fund))] },
    subgraph: {
      file: "src/mappings/markToken.ts",
      entities: ["Account", "MrkTransfer", "Fund", "Token"],
      eventHandlers: [
        { event: "Transfer(indexed address,indexed address,uint256)", handler: "handleTransfer" },
        { event: "GenesisAllocated(indexed address,uint256)", handler: "handleGenesisAllocated" },
      ],
      extraAbis: ["ClosedPreSaleLock"],
    },
  },
  {
    name: "MarkParameters",
    source: "contracts/governance/MarkParameters.sol",
    // The unit registry watches the store: it keeps a copy of each unit type's rights.
    deploy: { args: ({ addressOf }) => [addressOf("MarkTreasury"), parameterDefinitions(), addressOf("UnitRegistry")] },
    subgraph: {
      file: "src/mappings/markParameters.ts",
      entities: ["Parameter", "ParameterChange"],
      eventHandlers: [
        {
          event: "ParameterDefined(indexed bytes32,string,uint256,uint256,uint256)",
          handler: "handleParameterDefined",
        },
        { event: "ParameterSet(indexed bytes32,uint256,uint256)", handler: "handleParameterSet" },
      ],
    },
  },
  {
    name: "DevPriceFeed",
    source: "contracts/dev/DevPriceFeed.sol",
    deploy: { args: ({ deployer }) => [deployer, DEV_ETH_USD_PRICE], onlyLocal: true },
  },
  {
    name: "MarkSale",
    source: "contracts/sale/MarkSale.sol",
    deploy: {
      args: (context) => {
        const { addressOf, genesisTime } = context;
        const treasury = addressOf("MarkTreasury");
        const opensAt = genesisTime + SALE_SCHEDULE.opensAfter;
        const tokenSale = GENESIS_FUNDS.find((fund) => fund.id === "tokenSale")!;
        return [
          {
            token: addressOf("MarkToken"),
            priceFeed: priceFeedOf(context),
            parameters: addressOf("MarkParameters"),
            opensAt,
            closesAt: opensAt + SALE_SCHEDULE.duration,
            tokensReleaseAt: fundReleaseAt(tokenSale, genesisTime),
            renderingFund: addressOf(FUND_LOCKS.minersRenderingFund),
            treasury,
            // Every use of the proceeds is paid to the treasury; governance passes them on.
            payees: Array.from({ length: 7 }, () => treasury),
          },
        ];
      },
    },
    subgraph: {
      file: "src/mappings/markSale.ts",
      entities: ["Sale", "SaleStage", "SalePurchase", "ProceedsWithdrawal", "Account", "Fund"],
      eventHandlers: [
        {
          event: "TokensPurchased(indexed address,uint256,uint256,uint256,uint256,uint8,uint8)",
          handler: "handleTokensPurchased",
        },
        { event: "StageFilled(uint8)", handler: "handleStageFilled" },
        { event: "TokensClaimed(indexed address,uint256)", handler: "handleTokensClaimed" },
        { event: "SaleFinalized(uint256,uint256,uint256)", handler: "handleSaleFinalized" },
        { event: "ProceedsWithdrawn(indexed uint8,indexed address,uint256)", handler: "handleProceedsWithdrawn" },
      ],
      blockHandlers: [{ handler: "initializeSale", filter: { kind: "once" } }],
    },
  },
  {
    name: "WrappedMark",
    source: "contracts/governance/WrappedMark.sol",
    deploy: { args: ({ addressOf }) => [addressOf("MarkToken")] },
    subgraph: {
      file: "src/mappings/wrappedMark.ts",
      entities: ["Account", "Delegation", "Governance"],
      eventHandlers: [
        { event: "Transfer(indexed address,indexed address,uint256)", handler: "handleWrappedTransfer" },
        { event: "DelegateChanged(indexed address,indexed address,indexed address)", handler: "handleDelegateChanged" },
        { event: "DelegateVotesChanged(indexed address,uint256,uint256)", handler: "handleDelegateVotesChanged" },
      ],
    },
  },
  {
    name: "MarkGovernor",
    source: "contracts/governance/MarkGovernor.sol",
    deploy: {
      args: ({ addressOf }) => [
        addressOf("WrappedMark"),
        addressOf("MarkTreasury"),
        GOVERNANCE_SETTINGS.votingDelay,
        GOVERNANCE_SETTINGS.votingPeriod,
        GOVERNANCE_SETTINGS.proposalThreshold,
        GOVERNANCE_SETTINGS.quorumPercent,
      ],
    },
    subgraph: {
      file: "src/mappings/markGovernor.ts",
      entities: ["Governance", "Proposal", "ProposalStateChange", "Vote", "Account"],
      eventHandlers: [
        {
          event: "ProposalCreated(uint256,address,address[],uint256[],string[],bytes[],uint256,uint256,string)",
          handler: "handleProposalCreated",
        },
        { event: "VoteCast(indexed address,uint256,uint8,uint256,string)", handler: "handleVoteCast" },
        {
          event: "VoteCastWithParams(indexed address,uint256,uint8,uint256,string,bytes)",
          handler: "handleVoteCastWithParams",
        },
        { event: "ProposalQueued(uint256,uint256)", handler: "handleProposalQueued" },
        { event: "ProposalExecuted(uint256)", handler: "handleProposalExecuted" },
        { event: "ProposalCanceled(uint256)", handler: "handleProposalCanceled" },
      ],
      blockHandlers: [{ handler: "initializeGovernance", filter: { kind: "once" } }],
      extraAbis: ["MarkTreasury"],
    },
  },
  {
    name: "MarkAccessManager",
    source: "contracts/governance/MarkAccessManager.sol",
    deploy: { args: ({ addressOf }) => [addressOf("MarkTreasury")] },
  },
  {
    name: "UnitRegistry",
    source: "contracts/land/UnitRegistry.sol",
    deploy: {
      args: ({ addressOf }) => [
        addressOf("MarkAccessManager"),
        addressOf("MarkParameters"),
        addressOf("UnitMetadata"),
        LAND_SETTINGS.freeClaimCap,
        [addressOf("UnitSale"), addressOf("FloorSale"), addressOf("UnitNames")],
        [LAND_SETTINGS.unlimited, LAND_SETTINGS.unlimited, LAND_SETTINGS.none],
        addressOf("LeaseBook"),
      ],
    },
    subgraph: {
      file: "src/mappings/unitRegistry.ts",
      entities: [
        "Unit",
        "Account",
        "UnitClaim",
        "UnitContentChange",
        "UnitTransfer",
        "District",
        "Neighbourhood",
        "Building",
        "Floor",
        "LandOffice",
        "UnitVisitor",
      ],
      eventHandlers: [
        { event: "Transfer(indexed address,indexed address,indexed uint256)", handler: "handleTransfer" },
        {
          event: "ConsecutiveTransfer(indexed uint256,uint256,indexed address,indexed address)",
          handler: "handleConsecutiveTransfer",
        },
        { event: "UnitMinted(indexed uint256,indexed address,uint40)", handler: "handleUnitMinted" },
        { event: "UnitClaimed(uint256)", handler: "handleUnitClaimed" },
        { event: "FreeClaimsSet(uint64)", handler: "handleFreeClaimsSet" },
        { event: "UnitContentSet(indexed uint256,bytes32,uint64)", handler: "handleUnitContentSet" },
        {
          event: "UnitDecoratorSet(indexed address,indexed uint256,indexed address)",
          handler: "handleUnitDecoratorSet",
        },
        { event: "UnitPrivacySet(indexed uint256,uint8)", handler: "handleUnitPrivacySet" },
        {
          event: "UnitVisitorSet(indexed address,indexed uint256,indexed address,bool)",
          handler: "handleUnitVisitorSet",
        },
        { event: "UnitRoomsAdded(indexed uint256,uint8)", handler: "handleUnitRoomsAdded" },
        { event: "UnitStorageExtended(indexed uint256,uint40)", handler: "handleUnitStorageExtended" },
        { event: "FloorStorageExtended(indexed uint256,uint40)", handler: "handleFloorStorageExtended" },
        { event: "DistrictOpened(indexed uint8,uint8,uint16)", handler: "handleDistrictOpened" },
        { event: "LandOfficeSet(indexed address,bool,uint64)", handler: "handleLandOfficeSet" },
        { event: "UpdateUser(indexed uint256,indexed address,uint64)", handler: "handleUpdateUser" },
        { event: "UserContentSet(indexed uint256,indexed address,bytes32,uint64)", handler: "handleUserContentSet" },
      ],
      blockHandlers: [{ handler: "initializeDistricts", filter: { kind: "once" } }],
    },
  },
  landSale("UnitSale"),
  landSale("FloorSale"),
  {
    name: "UnitNames",
    source: "contracts/land/UnitNames.sol",
    deploy: { args: ({ addressOf }) => [addressOf("UnitRegistry")] },
    subgraph: {
      file: "src/mappings/unitNames.ts",
      entities: ["Unit", "UnitNameChange"],
      eventHandlers: [
        { event: "UnitNamed(indexed uint256,indexed bytes32,string)", handler: "handleUnitNamed" },
        { event: "UnitNameCleared(indexed uint256,indexed bytes32,string)", handler: "handleUnitNameCleared" },
      ],
    },
  },
  {
    name: "UnitMetadata",
    source: "contracts/land/UnitMetadata.sol",
    deploy: {
      args: (context) => [context.addressOf("UnitRegistry"), context.addressOf("UnitNames"), unitsUrlBase(context)],
    },
  },
  {
    // Stakes, admission, reputation and draw pools of the render network. Its job functions
    // (`lock`, `unlock`, `adjustRating`, `slash`, `drawWorker`) and `addBenchmarks` are `restricted`: they stay with the
    // access manager's admin (the treasury) until a proposal grants roles to the job contract and
    // a benchmark authority. Slashed stake goes to the miners' rendering fund.
    name: "RenderStaking",
    source: "contracts/render/RenderStaking.sol",
    deploy: {
      args: ({ addressOf }) => [
        addressOf("MarkAccessManager"),
        addressOf("MarkToken"),
        addressOf("MarkParameters"),
        addressOf(FUND_LOCKS.minersRenderingFund),
      ],
    },
    subgraph: {
      file: "src/mappings/renderStaking.ts",
      entities: ["Renderer", "RendererRating", "RenderStakeEvent", "Account"],
      eventHandlers: [
        { event: "Registered(indexed address,indexed uint8)", handler: "handleRegistered" },
        { event: "Staked(indexed address,uint256,uint256)", handler: "handleStaked" },
        { event: "UnbondRequested(indexed address,uint256,uint256,uint256)", handler: "handleUnbondRequested" },
        { event: "Withdrawn(indexed address,uint256)", handler: "handleWithdrawn" },
        {
          event: "AdmissionTaskAssigned(indexed address,indexed bytes32,uint256)",
          handler: "handleAdmissionTaskAssigned",
        },
        {
          event: "AdmissionPassed(indexed address,indexed bytes32,uint256,uint256)",
          handler: "handleAdmissionPassed",
        },
        {
          event: "AdmissionFailed(indexed address,indexed bytes32,uint8,uint256)",
          handler: "handleAdmissionFailed",
        },
        {
          event: "RatingChanged(indexed address,indexed bytes32,uint256,uint256)",
          handler: "handleRatingChanged",
        },
        { event: "Slashed(indexed address,indexed bytes32,uint256,uint256)", handler: "handleSlashed" },
        { event: "StakeLocked(indexed address,uint256,uint256)", handler: "handleStakeLocked" },
        { event: "StakeUnlocked(indexed address,uint256,uint256)", handler: "handleStakeUnlocked" },
      ],
    },
  },
  {
    // Render jobs and tile settlement: budgets in escrow, tile draws, commit-reveal, payouts by
    // `withdraw`. It reaches RenderStaking's `lock`, `unlock`, `adjustRating`, `slash` and `drawWorker` only
    // once governance grants it that role (on the local chain, `scripts/lib/dev-render-roles.ts`
    // does it by impersonating the treasury).
    name: "RenderJobs",
    source: "contracts/render/RenderJobs.sol",
    deploy: {
      args: ({ addressOf }) => [addressOf("RenderStaking"), addressOf("MarkToken"), addressOf("MarkParameters")],
    },
    subgraph: {
      file: "src/mappings/renderJobs.ts",
      entities: ["RenderJob", "RenderTile", "TileResult"],
      eventHandlers: [
        {
          event:
            "JobPosted(indexed uint256,indexed address,indexed address,bytes32,uint64,bytes32,(uint16,uint32,uint32,uint32),uint256,uint256,uint256,uint256,uint256)",
          handler: "handleJobPosted",
        },
        { event: "JobAccepted(indexed uint256,uint256)", handler: "handleJobAccepted" },
        { event: "JobCancelled(indexed uint256,uint256)", handler: "handleJobCancelled" },
        { event: "JobCompleted(indexed uint256,bytes32,uint64,uint256,uint256)", handler: "handleJobCompleted" },
        { event: "JobAbandoned(indexed uint256,uint256,uint256)", handler: "handleJobAbandoned" },
        {
          event: "TileAssigned(indexed uint256,indexed uint256,indexed address,uint256,uint256,uint256)",
          handler: "handleTileAssigned",
        },
        {
          event: "ResultCommitted(indexed uint256,indexed uint256,indexed address,bytes32)",
          handler: "handleResultCommitted",
        },
        {
          event: "BatchCommitted(indexed uint256,indexed address,indexed uint256,bytes32,uint256[])",
          handler: "handleBatchCommitted",
        },
        {
          event: "ResultRevealed(indexed uint256,indexed uint256,indexed address,bytes32)",
          handler: "handleResultRevealed",
        },
        { event: "TileTrusted(indexed uint256,indexed uint256,indexed address)", handler: "handleTileTrusted" },
        { event: "TileAudit(indexed uint256,indexed uint256,bool)", handler: "handleTileAudit" },
        { event: "TileAccepted(indexed uint256,indexed uint256,bytes32,uint256)", handler: "handleTileAccepted" },
        { event: "TileUnresolved(indexed uint256,indexed uint256,uint256)", handler: "handleTileUnresolved" },
        { event: "ProbesSealed(indexed uint256,bytes32)", handler: "handleProbesSealed" },
        { event: "ProbeOpened(indexed uint256,indexed uint256,bytes32)", handler: "handleProbeOpened" },
        { event: "ProbeCounted(indexed uint256,indexed uint256,uint256,bool)", handler: "handleProbeCounted" },
        { event: "TileHeld(indexed uint256,indexed uint256,uint256)", handler: "handleTileHeld" },
        {
          event: "HeldResultJudged(indexed uint256,indexed uint256,uint256,indexed address,bool,uint256)",
          handler: "handleHeldResultJudged",
        },
        {
          event: "WorkerFaulted(indexed uint256,indexed uint256,indexed address,uint8,uint256)",
          handler: "handleWorkerFaulted",
        },
      ],
    },
  },
  {
    // The real-estate exchange: signed and on-chain listings, offers, fees to the treasury and
    // agencies. Holds no MRK or units; `recover` / `recoverUnit` (restricted: the access manager's
    // admin, the treasury) send on what someone sent it by mistake. Sellers approve it in the
    // registry (`setApprovalForAll`), buyers in MRK (allowance or permit).
    name: "UnitExchange",
    source: "contracts/market/UnitExchange.sol",
    deploy: {
      args: ({ addressOf }) => [
        addressOf("MarkAccessManager"),
        addressOf("UnitRegistry"),
        addressOf("MarkToken"),
        addressOf("MarkParameters"),
        addressOf("MarkTreasury"),
      ],
    },
    subgraph: {
      file: "src/mappings/unitExchange.ts",
      entities: ["Listing", "Offer", "ExchangeSale", "UnitPricePoint", "Agency", "OrderCancellation", "Account"],
      eventHandlers: [
        {
          event:
            "ListingPosted(indexed bytes32,indexed address,(address,uint256,uint32,bytes32,uint256,address,address,uint16,uint64,uint64,uint256),uint256[])",
          handler: "handleListingPosted",
        },
        {
          // The receipt gives a bundle's units: the registry's `Transfer`s just before the event.
          event:
            "ListingFilled(indexed bytes32,indexed address,indexed address,uint256,uint256,uint256,address,uint256)",
          handler: "handleListingFilled",
          receipt: true,
        },
        {
          event:
            "OfferAccepted(indexed bytes32,indexed address,indexed address,uint256,uint256,uint256,address,uint256)",
          handler: "handleOfferAccepted",
        },
        { event: "OrderCancelled(indexed bytes32,indexed address)", handler: "handleOrderCancelled" },
        { event: "AssetCancelled(indexed address,indexed uint256,uint32)", handler: "handleAssetCancelled" },
        { event: "CounterIncremented(indexed address,uint64)", handler: "handleCounterIncremented" },
      ],
    },
  },
  {
    // Peer-to-peer rentals: listings, escrowed rent and deposits, leases the registry enforces.
    // A land office of the registry with no mint allowance (named in the registry's constructor),
    // so it may set and end units' ERC-4907 users. After the exchange, at the end of the list, so adding it moved no
    // other contract's local address.
    name: "LeaseBook",
    source: "contracts/market/LeaseBook.sol",
    deploy: {
      args: ({ addressOf }) => [
        addressOf("UnitRegistry"),
        addressOf("MarkToken"),
        addressOf("MarkParameters"),
        addressOf("MarkTreasury"),
      ],
    },
    subgraph: {
      file: "src/mappings/leaseBook.ts",
      entities: ["RentalListing", "Lease", "LeaseEvent", "LeasePayment", "Agency", "Unit", "Account"],
      eventHandlers: [
        {
          event:
            "Listed(indexed bytes32,indexed uint256,indexed address,(uint256,address,uint32,address,uint16,uint96,uint16,uint16,uint96,uint16,bool,uint64,uint64,uint256))",
          handler: "handleListed",
        },
        { event: "ListingCancelled(indexed bytes32,indexed uint256)", handler: "handleListingCancelled" },
        { event: "CounterIncremented(indexed address,uint64)", handler: "handleCounterIncremented" },
        {
          event:
            "Leased(indexed bytes32,indexed uint256,indexed address,address,address,uint16,uint16,uint96,uint96,uint16)",
          handler: "handleLeased",
        },
        {
          event:
            "RentClaimed(indexed bytes32,(uint256,address,address,address,uint16,uint16,uint96,uint96,uint40,uint40,uint16,uint16,bool))",
          handler: "handleRentClaimed",
        },
        {
          event:
            "LeaseEnded(indexed bytes32,(uint256,address,address,address,uint16,uint16,uint96,uint96,uint40,uint40,uint16,uint16,bool),uint256,uint256)",
          handler: "handleLeaseEnded",
        },
        { event: "RentCredited(indexed bytes32,uint256,uint256,uint256,uint256)", handler: "handleRentCredited" },
        {
          event:
            "DepositSettled(indexed bytes32,(uint256,address,address,address,uint16,uint16,uint96,uint96,uint40,uint40,uint16,uint16,bool),uint256,uint256)",
          handler: "handleDepositSettled",
        },
      ],
    },
  },
  {
    // English auctions of single units for MRK (reserve, anti-sniping extension), beside the
    // exchange and with its fee parameters. Holds each auctioned unit and the bids it owes;
    // `recover` / `recoverUnit` (restricted) send on only what reached it outside an auction.
    // Sellers approve it in the registry, bidders in MRK (allowance or permit).
    name: "UnitAuctions",
    source: "contracts/market/UnitAuctions.sol",
    deploy: {
      args: ({ addressOf }) => [
        addressOf("MarkAccessManager"),
        addressOf("UnitRegistry"),
        addressOf("MarkToken"),
        addressOf("MarkParameters"),
        addressOf("MarkTreasury"),
      ],
    },
    subgraph: {
      file: "src/mappings/unitAuctions.ts",
      entities: ["Auction", "AuctionBid", "UnitPricePoint", "Agency", "Account"],
      eventHandlers: [
        {
          event: "AuctionCreated(indexed uint256,indexed address,indexed uint256,uint256,uint32,address,uint16)",
          handler: "handleAuctionCreated",
        },
        { event: "BidPlaced(indexed uint256,indexed address,uint256,uint64)", handler: "handleBidPlaced" },
        {
          event: "AuctionSettled(indexed uint256,indexed address,uint256,uint256,address,uint256)",
          handler: "handleAuctionSettled",
        },
        { event: "AuctionCancelled(indexed uint256)", handler: "handleAuctionCancelled" },
      ],
    },
  },
  // Community DAOs (issue 9), after the rentals so adding them moved no other contract's local
  // address: the shared tickets and revenue sharing, the three implementations every community
  // clones, and the factory that clones them. The implementations themselves are not indexed:
  // each community's membership, governor and treasury are announced by the factory's
  // `CommunityCreated` event, whose handler starts the `*Clone` templates below for them.
  {
    name: "CommunityTickets",
    source: "contracts/community/CommunityTickets.sol",
    deploy: { args: ({ addressOf }) => [addressOf("MarkToken")] },
    subgraph: {
      file: "src/mappings/communityTickets.ts",
      entities: ["CommunityEvent", "TicketHolding", "TreasuryMovement", "Community"],
      eventHandlers: [
        {
          event: "EventCreated(indexed uint256,indexed address,indexed uint256,uint48,uint128,uint32,string)",
          handler: "handleEventCreated",
        },
        { event: "TicketsBought(indexed uint256,indexed address,uint32,uint256)", handler: "handleTicketsBought" },
        {
          event: "TransferSingle(indexed address,indexed address,indexed address,uint256,uint256)",
          handler: "handleTransferSingle",
        },
        {
          event: "TransferBatch(indexed address,indexed address,indexed address,uint256[],uint256[])",
          handler: "handleTransferBatch",
        },
      ],
      extraAbis: ["MarkToken"],
    },
  },
  {
    name: "CommunityDistributions",
    source: "contracts/community/CommunityDistributions.sol",
    deploy: {},
    subgraph: {
      file: "src/mappings/communityDistributions.ts",
      entities: ["Distribution", "DistributionClaim", "TreasuryMovement", "Community"],
      eventHandlers: [
        {
          event:
            "DistributionCreated(indexed uint256,indexed address,indexed address,address,uint256,uint48,uint48,uint256)",
          handler: "handleDistributionCreated",
        },
        { event: "DistributionClaimed(indexed uint256,indexed address,uint256)", handler: "handleDistributionClaimed" },
        {
          event: "DistributionReclaimed(indexed uint256,indexed address,uint256)",
          handler: "handleDistributionReclaimed",
        },
      ],
      extraAbis: ["MarkToken"],
    },
  },
  {
    name: "CommunityMembership",
    source: "contracts/community/CommunityMembership.sol",
    deploy: { args: ({ addressOf }) => [addressOf("MarkToken")] },
  },
  {
    name: "CommunityGovernor",
    source: "contracts/community/CommunityGovernor.sol",
    deploy: {},
  },
  {
    name: "CommunityTreasury",
    source: "contracts/community/CommunityTreasury.sol",
    deploy: { args: ({ addressOf }) => [addressOf("MarkToken")] },
  },
  {
    name: "CommunityFactory",
    source: "contracts/community/CommunityFactory.sol",
    deploy: {
      args: ({ addressOf }) => [
        addressOf("CommunityMembership"),
        addressOf("CommunityGovernor"),
        addressOf("CommunityTreasury"),
        addressOf("CommunityTickets"),
        addressOf("CommunityDistributions"),
      ],
    },
    subgraph: {
      file: "src/mappings/communityFactory.ts",
      entities: ["Community"],
      eventHandlers: [
        {
          event:
            "CommunityCreated(indexed address,indexed address,indexed address,address,string,string,(address,uint48,uint32,uint32,uint8,uint32,uint8,uint88))",
          handler: "handleCommunityCreated",
        },
      ],
      extraAbis: ["CommunityTreasury", "MarkToken"],
    },
  },
  // Each community's clones, as subgraph templates (graph-ts `templates.<Name>.createWithContext`):
  // their context names the community (its treasury's address).
  {
    name: "CommunityMembershipClone",
    contract: "CommunityMembership",
    source: "contracts/community/CommunityMembership.sol",
    createdBy: "CommunityFactory",
    subgraph: {
      file: "src/mappings/communityMembership.ts",
      entities: ["Community", "CommunityMember", "CommunityDelegation", "TreasuryMovement"],
      eventHandlers: [
        { event: "MemberJoined(indexed address,uint8,uint256)", handler: "handleMemberJoined" },
        { event: "MemberLeft(indexed address,bool)", handler: "handleMemberLeft" },
        { event: "JoinPolicySet(uint8,uint256)", handler: "handleJoinPolicySet" },
        { event: "DelegateChanged(indexed address,indexed address,indexed address)", handler: "handleDelegateChanged" },
        { event: "DelegateVotesChanged(indexed address,uint256,uint256)", handler: "handleDelegateVotesChanged" },
      ],
      extraAbis: ["MarkToken"],
    },
  },
  {
    name: "CommunityGovernorClone",
    contract: "CommunityGovernor",
    source: "contracts/community/CommunityGovernor.sol",
    createdBy: "CommunityFactory",
    subgraph: {
      file: "src/mappings/communityGovernor.ts",
      entities: ["Community", "CommunityProposal", "CommunityProposalStateChange", "CommunityVote"],
      eventHandlers: [
        {
          event: "ProposalCreated(uint256,address,address[],uint256[],string[],bytes[],uint256,uint256,string)",
          handler: "handleProposalCreated",
        },
        { event: "VoteCast(indexed address,uint256,uint8,uint256,string)", handler: "handleVoteCast" },
        {
          event: "VoteCastWithParams(indexed address,uint256,uint8,uint256,string,bytes)",
          handler: "handleVoteCastWithParams",
        },
        { event: "ProposalQueued(uint256,uint256)", handler: "handleProposalQueued" },
        { event: "ProposalExecuted(uint256)", handler: "handleProposalExecuted" },
        { event: "ProposalCanceled(uint256)", handler: "handleProposalCanceled" },
        { event: "VotingDelaySet(uint256,uint256)", handler: "handleVotingDelaySet" },
        { event: "VotingPeriodSet(uint256,uint256)", handler: "handleVotingPeriodSet" },
        { event: "ProposalThresholdSet(uint256,uint256)", handler: "handleProposalThresholdSet" },
        { event: "QuorumNumeratorUpdated(uint256,uint256)", handler: "handleQuorumNumeratorUpdated" },
        { event: "ProposalGuardianSet(address,address)", handler: "handleProposalGuardianSet" },
      ],
    },
  },
  {
    name: "CommunityTreasuryClone",
    contract: "CommunityTreasury",
    source: "contracts/community/CommunityTreasury.sol",
    createdBy: "CommunityFactory",
    subgraph: {
      file: "src/mappings/communityTreasury.ts",
      entities: ["Community", "CommunityDonation", "TreasuryMovement"],
      eventHandlers: [
        { event: "Donated(indexed address,indexed address,uint256)", handler: "handleDonated" },
        { event: "CallExecuted(indexed bytes32,indexed uint256,address,uint256,bytes)", handler: "handleCallExecuted" },
        { event: "MinDelayChange(uint256,uint256)", handler: "handleMinDelayChange" },
      ],
      extraAbis: ["MarkToken"],
    },
  },
] as const satisfies ContractRegistry;

type Entry = (typeof contractRegistry)[number];
/** Contracts with an address in every deployment record (the local chain's may hold more). */
export type DeployedContractName = Extract<Entry, { deploy: object }>["name"];

/** The Solidity contract of an entry: `contract` when given, else its name. */
export function contractOf(entry: ContractEntry): string {
  return entry.contract ?? entry.name;
}

/** Whether `entry` is deployed on a chain (`onlyLocal` entries only on the local one). */
export function isDeployedOn(entry: ContractEntry, isLocalChain: boolean): entry is DeployedContractEntry {
  return isDeployed(entry) && (isLocalChain || !entry.deploy.onlyLocal);
}

export function isDeployed(entry: ContractEntry): entry is DeployedContractEntry {
  return "deploy" in entry;
}

export function isFactoryCreated(entry: ContractEntry): entry is FactoryCreatedContractEntry {
  return "createdBy" in entry;
}

/** Contracts deployed on the local chain only: optional in a deployment record. */
export type LocalOnlyContractName = Extract<Entry, { deploy: { onlyLocal: true } }>["name"];

/** Names of the deployed contracts, in deployment order. */
export const deployedContractNames: readonly DeployedContractName[] = contractRegistry
  .filter((entry): entry is Extract<Entry, { deploy: object }> => isDeployed(entry))
  .map((entry) => entry.name);

/** Names of the contracts deployed on the local chain only. */
export const localOnlyContractNames: readonly DeployedContractName[] = contractRegistry
  .filter((entry): entry is Extract<Entry, { deploy: object }> => isDeployed(entry))
  .filter((entry) => (entry.deploy as DeployedContractEntry["deploy"]).onlyLocal === true)
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
  const sources = new Map<string, string>();
  for (const entry of registry) {
    if (!/^[A-Z][A-Za-z0-9]*$/.test(entry.name))
      problems.push(`"${entry.name}": a contract name is PascalCase letters and digits`);
    if (entry.contract !== undefined && !/^[A-Z][A-Za-z0-9]*$/.test(entry.contract))
      problems.push(`"${entry.name}": its contract "${entry.contract}" is not PascalCase letters and digits`);
    if (names.has(entry.name)) problems.push(`"${entry.name}" appears twice`);
    names.add(entry.name);
    const contract = contractOf(entry);
    const source = sources.get(contract);
    if (source !== undefined && source !== entry.source)
      problems.push(`"${entry.name}": contract ${contract} comes from both ${source} and ${entry.source}`);
    sources.set(contract, entry.source);
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
