/**
 * The platform parameters that governance owns: every adjustable number a contract reads from
 * `MarkParameters`, with the bounds fixed when it is defined (no proposal can leave them) and
 * the value it starts with. The deploy script defines them all at genesis; the app lists them
 * with their descriptions and units. Browser-safe: viem only.
 */
import { keccak256, toBytes, type Hex } from "viem";

export type ParameterUnit = "seconds" | "basis points" | "MRK wei" | "flags" | "count";

export type PlatformParameter = {
  /** Dotted name; the on-chain key is `keccak256(name)`. */
  readonly name: string;
  /** What the value governs, in a sentence for the governance page. */
  readonly description: string;
  readonly unit: ParameterUnit;
  readonly min: bigint;
  readonly max: bigint;
  /** The value at genesis. */
  readonly value: bigint;
};

/**
 * The rights of each unit type (seed §2.9.1) as `LandRights` flags: 1 e-commerce, 2 CRM,
 * 4 advertising, 8 sell, 16 rent.
 */
export const LAND_RIGHTS = { ecommerce: 1n, crm: 2n, advertising: 4n, sell: 8n, rent: 16n } as const;

const MRK = 10n ** 18n;
const RIGHTS_DESCRIPTION = "Rights of {type} units (flags: 1 e-commerce, 2 CRM, 4 advertising, 8 sell, 16 rent).";

/** Land prices, rights and fees (seed §2.9.1–2.9.2). Prices are bounded to 1,000,000 MRK. */
function landParameters(): PlatformParameter[] {
  const rights = (type: string, value: bigint): PlatformParameter => ({
    name: `land.rights.${type}`,
    description: RIGHTS_DESCRIPTION.replace("{type}", type),
    unit: "flags",
    min: 0n,
    max: 31n,
    value,
  });
  const price = (name: string, description: string, mrk: bigint): PlatformParameter => ({
    name,
    description,
    unit: "MRK wei",
    min: 0n,
    max: 1_000_000n * MRK,
    value: mrk * MRK,
  });
  const { ecommerce, crm, advertising, sell, rent } = LAND_RIGHTS;
  return [
    rights("residential", 0n),
    rights("commercial", ecommerce | crm | sell | rent),
    rights("community", ecommerce | crm | sell | rent),
    rights("external", advertising | sell | rent),
    price("land.price.residential", "Price of a Residential unit beyond an account's free first one.", 250n),
    price("land.price.commercial", "Price of a Commercial (shopping, office) unit.", 1_000n),
    price("land.price.community", "Price of a Community unit.", 10n),
    price("land.price.external", "Price of an External advertising surface.", 10_000n),
    price("land.roomPrice.residential", "Price of each extra internal room of a Residential unit.", 100n),
    price("land.roomPrice.commercial", "Price of each extra internal room of a Commercial unit.", 500n),
    price("land.roomPrice.community", "Price of each extra internal room of a Community unit.", 10n),
    {
      name: "land.storageFeeBps",
      description: "Yearly storage fee of a unit, as a share of its price (with its rooms); prepaid by the day.",
      unit: "basis points",
      min: 0n,
      max: 1_000n,
      value: 120n,
    },
    {
      name: "land.renderingFundShareBps",
      description: "Share of every land payment that refills the miners' rendering fund; the treasury gets the rest.",
      unit: "basis points",
      min: 0n,
      max: 10_000n,
      value: 5_000n,
    },
  ];
}

const HOUR = 3_600n;
const DAY = 86_400n;

/**
 * The render network's stakes and admission (`RenderStaking`, seed §2.1). Stakes are bounded
 * to 1 MRK – 10,000,000 MRK: never free (a stake is what Sybil workers pay), never out of reach.
 * The unbonding period must outlast any job's deadline, so a fault found at settlement can still
 * be slashed; the admission deadline stays within a day so measured speeds fit the contract.
 * Jobs (`RenderJobs`): the Scheduler's fee share stays at most half the budget; the tile and job
 * stakes are what a fault costs, snapshotted per job when it is posted.
 */
function renderParameters(): PlatformParameter[] {
  const stake = (name: string, description: string, mrk: bigint): PlatformParameter => ({
    name,
    description,
    unit: "MRK wei",
    min: MRK,
    max: 10_000_000n * MRK,
    value: mrk * MRK,
  });
  return [
    stake("render.minWorkerStake", "Smallest first stake of a render Worker.", 1_000n),
    stake(
      "render.minSchedulerStake",
      "Smallest first stake of a render Scheduler, who coordinates whole jobs.",
      10_000n,
    ),
    {
      name: "render.unbondingPeriod",
      description: "How long unbonded render stake stays slashable before its owner may withdraw it.",
      unit: "seconds",
      min: DAY,
      max: 90n * DAY,
      value: 7n * DAY,
    },
    {
      name: "render.admissionDeadline",
      description: "How long a new Worker has to answer its admission benchmark task.",
      unit: "seconds",
      min: 60n,
      max: DAY,
      value: 15n * 60n,
    },
    {
      name: "render.admissionCooldown",
      description: "How long a Worker refused at admission (wrong or late answer) waits before another task.",
      unit: "seconds",
      min: 0n,
      max: 30n * DAY,
      value: HOUR,
    },
    {
      name: "render.schedulerFeeBps",
      description: "Share of a render job's budget its Scheduler earns when it publishes the assembled result.",
      unit: "basis points",
      min: 0n,
      max: 5_000n,
      value: 1_000n,
    },
    {
      name: "render.tileStake",
      description:
        "Stake a Worker locks behind each tile it is drawn for; what it loses for a wrong or missing result.",
      unit: "MRK wei",
      min: MRK,
      max: 1_000_000n * MRK,
      value: 100n * MRK,
    },
    stake(
      "render.jobStake",
      "Stake a Scheduler locks behind each job it accepts; what it loses for abandoning the job.",
      1_000n,
    ),
    {
      name: "render.commitWindow",
      description: "How long the Workers drawn for a tile have to commit to their result.",
      unit: "seconds",
      min: 60n,
      max: 7n * DAY,
      value: HOUR,
    },
    {
      name: "render.revealWindow",
      description: "How long a tile's Workers have to reveal their results once all three have committed.",
      unit: "seconds",
      min: 60n,
      max: 7n * DAY,
      value: HOUR,
    },
    {
      name: "render.trustedRating",
      description:
        "Rating (per renderer version) from which a Worker drawn first for a tile renders it alone, audited at random; 0 turns single-Worker tiles off.",
      unit: "count",
      min: 0n,
      max: 1_000_000n,
      value: 100n,
    },
    {
      name: "render.auditOneIn",
      description: "One single-Worker tile in this many is audited by two more Workers drawn after its commitment.",
      unit: "count",
      min: 1n,
      max: 1_000_000n,
      value: 10n,
    },
  ];
}

/**
 * The real-estate exchange's fees (`UnitExchange`), out of each sale's price: the platform's share
 * for the treasury, and the most an order may give the agency (broker) it names. Their maxima
 * bound what any proposal can take from a seller (10 % + 20 %).
 */
function exchangeParameters(): PlatformParameter[] {
  return [
    {
      name: "exchange.platformFeeBps",
      description: "Share of every sale on the real-estate exchange that goes to the treasury.",
      unit: "basis points",
      min: 0n,
      max: 1_000n,
      value: 250n,
    },
    {
      name: "exchange.agencyFeeCapBps",
      description: "Most an exchange order may give the agency (broker) it names, as a share of the price.",
      unit: "basis points",
      min: 0n,
      max: 2_000n,
      value: 500n,
    },
  ];
}

/**
 * Rentals (`LeaseBook`): the treasury's share of rent is capped at 10 %; the window in which a
 * lessor may claim on a deposit after a lease ends stays between a day and a month, so a tenant
 * never waits long for an unclaimed deposit.
 */
function rentalParameters(): PlatformParameter[] {
  return [
    {
      name: "rentals.platformFeeBps",
      description: "Share of all rent paid to the treasury; fixed for each lease when it starts.",
      unit: "basis points",
      min: 0n,
      max: 1_000n,
      value: 250n,
    },
    {
      name: "rentals.depositClaimWindow",
      description:
        "How long after a lease ends its lessor may claim on the deposit; unclaimed, it goes back to the tenant.",
      unit: "seconds",
      min: DAY,
      max: 30n * DAY,
      value: 3n * DAY,
    },
  ];
}

export const PLATFORM_PARAMETERS: readonly PlatformParameter[] = Object.freeze([
  {
    name: "sale.maxPriceAge",
    description: "How old the ETH/USD price may be before the sale refuses to price a purchase with it.",
    unit: "seconds",
    min: 60n,
    max: 86_400n,
    value: 3_600n,
  },
  {
    name: "sale.maxPriceDeviationBps",
    description: "How far the ETH/USD price may move from the feed's previous round before the sale stops.",
    unit: "basis points",
    min: 100n,
    max: 5_000n,
    value: 2_000n,
  },
  ...landParameters(),
  ...renderParameters(),
  ...exchangeParameters(),
  ...rentalParameters(),
] as const satisfies readonly PlatformParameter[]);

/** The on-chain key of a parameter: `keccak256` of its name's UTF-8 bytes. */
export function parameterKey(name: string): Hex {
  return keccak256(toBytes(name));
}

/** `MarkParameters`' constructor argument: one `{ name, min, max, value }` per parameter. */
export function parameterDefinitions(
  parameters: readonly PlatformParameter[] = PLATFORM_PARAMETERS,
): Array<{ name: string; min: bigint; max: bigint; value: bigint }> {
  return parameters.map(({ name, min, max, value }) => ({ name, min, max, value }));
}
