/**
 * Gas of the rentals' transactions (`LeaseBook`), measured on an in-process Hardhat/EDR chain as
 * total transaction gas (`receipt.gasUsed`: the 21,000 base and calldata included). The contracts
 * are deployed by the real deploy script, so the platform fee and the deposit window are the
 * genesis parameters and the book is the registry's rentals office. Each figure is the median
 * over five runs, each with its own landlord, tenant and Commercial unit, rented for the first
 * time (the registry's lease slot is new) from a book that already holds other leases' MRK.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import hre from "hardhat";
import {
  custom,
  decodeEventLog,
  getAddress,
  parseEther,
  zeroAddress,
  type Abi,
  type Address,
  type Hash,
  type Hex,
  type Log,
} from "viem";
import { leaseBookAbi, markTokenAbi, unitRegistryAbi, unitSaleAbi } from "../contracts/generated/abis.ts";
import { leaseFromLeased, leaseListingTypedData, type LeaseListing } from "../contracts/market/listing.ts";
import { NO_PERMIT, signMrkPermit } from "../contracts/token/permit.ts";
import { encodeUnitId } from "../contracts/unit-address.ts";
import { deploy } from "./deploy.ts";
import type { GasBenchRow } from "./bench-gas.ts";
import { lendSaleMrk } from "./lib/dev-mrk.ts";
import { median } from "./lib/gas.ts";

const RUNS = 5;
const DAY = 86_400;
const RENT_DAYS = 30;
const PRICE_PER_DAY = parseEther("10");
const DEPOSIT = parseEther("100");
/** sha2-256 of a scene manifest (raw codec): what `setContent` stores. */
const SCENE_DIGEST = "0x2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae";

export async function runRentalsGasBench(): Promise<GasBenchRow[]> {
  await hre.tasks.getTask("build").run({ quiet: true });
  const conn = await hre.network.connect();
  const { viem } = conn;
  const publicClient = await viem.getPublicClient();
  const wallets = await viem.getWalletClients();
  const needed = 3 * RUNS + 2;
  if (wallets.length < needed) throw new Error(`bench-gas-rentals: the chain needs ${needed} funded accounts`);
  const outDir = await mkdtemp(join(tmpdir(), "markspace-bench-rentals-"));
  try {
    const { deployment } = await deploy({ transport: custom(conn.provider), outDir, log: () => {} });
    const at = (name: keyof typeof deployment.contracts) => getAddress(deployment.contracts[name]!.address);
    const registry = at("UnitRegistry");
    const unitSale = at("UnitSale");
    const book = at("LeaseBook");
    const token = at("MarkToken");
    const chainId = await publicClient.getChainId();
    const landlords = wallets.slice(1, RUNS + 1);
    const tenants = wallets.slice(RUNS + 1, 2 * RUNS + 1);
    const permitTenants = wallets.slice(2 * RUNS + 1, 3 * RUNS + 1);
    const buyer = wallets[3 * RUNS + 1]!;
    await lendSaleMrk(
      conn.provider,
      deployment,
      [...landlords, ...tenants, ...permitTenants, buyer].map((wallet) => wallet.account.address),
      parseEther("1000000"),
    );

    const samples: Record<string, bigint[]> = {};
    const record = (metric: string, gas: bigint) => (samples[metric] ??= []).push(gas);
    type Wallet = (typeof wallets)[0];
    async function send(user: Wallet, address: Address, abi: Abi, functionName: string, args: readonly unknown[]) {
      const hash: Hash = await user.writeContract({ address, abi, functionName, args, chain: null });
      const receipt = await publicClient.waitForTransactionReceipt({ hash });
      if (receipt.status !== "success") throw new Error(`bench-gas-rentals: ${functionName} reverted (tx ${hash})`);
      return receipt;
    }
    function eventOf<const Name extends string>(receipt: { logs: readonly Log[] }, eventName: Name) {
      for (const log of receipt.logs) {
        if (getAddress(log.address) !== book) continue;
        const event = decodeEventLog({ abi: leaseBookAbi, data: log.data, topics: log.topics });
        if (event.eventName === eventName) return event as Extract<typeof event, { eventName: Name }>;
      }
      throw new Error(`bench-gas-rentals: no ${eventName} event`);
    }
    const advance = async (seconds: number) => {
      await conn.provider.request({ method: "evm_increaseTime", params: [seconds] });
      await conn.provider.request({ method: "evm_mine", params: [] });
    };

    /** A Commercial unit bought by `landlord` and a signed listing for it. */
    async function listedUnit(landlord: Wallet, neighbourhood: number, unit: number) {
      const unitId = encodeUnitId({ district: 2, neighbourhood, building: 1, floor: 2, unit });
      const [price, storage] = await publicClient.readContract({
        address: unitSale,
        abi: unitSaleAbi,
        functionName: "quote",
        args: [unitId, 0, 365],
      });
      const permit = await signMrkPermit({
        publicClient,
        wallet: landlord,
        token,
        spender: unitSale,
        value: price + storage,
      });
      await send(landlord, unitSale, unitSaleAbi as Abi, "buy", [unitId, 0, 365, price + storage, permit]);
      const block = await publicClient.getBlock();
      const listing: LeaseListing = {
        unitId,
        owner: landlord.account.address,
        transferCount: 0,
        agent: zeroAddress,
        agentFeeBps: 0,
        pricePerDay: PRICE_PER_DAY,
        minDays: 1,
        maxDays: 365,
        deposit: DEPOSIT,
        penaltyBps: 1_000,
        mayDecorate: true,
        counter: 0n,
        deadline: block.timestamp + BigInt(30 * DAY),
        salt: BigInt(unit),
      };
      const signature = await landlord.signTypedData(leaseListingTypedData({ book, chainId, listing }));
      return { unitId, listing, signature };
    }
    const cost = PRICE_PER_DAY * BigInt(RENT_DAYS) + DEPOSIT;
    type Listed = { unitId: bigint; listing: LeaseListing; signature: Hex };
    async function rent(tenant: Wallet, listed: Listed, withPermit: boolean) {
      const permit = withPermit
        ? await signMrkPermit({ publicClient, wallet: tenant, token, spender: book, value: cost })
        : NO_PERMIT;
      if (!withPermit) await send(tenant, token, markTokenAbi as Abi, "approve", [book, cost]);
      const receipt = withPermit
        ? await send(tenant, book, leaseBookAbi as Abi, "rentWithPermit", [
            listed.listing,
            listed.signature,
            RENT_DAYS,
            permit,
          ])
        : await send(tenant, book, leaseBookAbi as Abi, "rent", [listed.listing, listed.signature, RENT_DAYS]);
      const leased = eventOf(receipt, "Leased");
      const { timestamp } = await publicClient.getBlock({ blockNumber: receipt.blockNumber });
      return { gas: receipt.gasUsed, leaseId: leased.args.leaseId, lease: leaseFromLeased(leased.args, timestamp) };
    }
    /** Another listing of the same unit, by its owner now. */
    async function relist(owner: Wallet, listed: Listed, salt: bigint, onChain: boolean): Promise<Listed> {
      const transferCount = await publicClient.readContract({
        address: registry,
        abi: unitRegistryAbi,
        functionName: "transferCount",
        args: [listed.unitId],
      });
      const listing = { ...listed.listing, owner: owner.account.address, transferCount, salt };
      if (onChain) {
        await send(owner, book, leaseBookAbi as Abi, "list", [listing]);
        return { unitId: listed.unitId, listing, signature: "0x" };
      }
      const signature = await owner.signTypedData(leaseListingTypedData({ book, chainId, listing }));
      return { unitId: listed.unitId, listing, signature };
    }

    // A first lease, so the book holds MRK before the measured ones (as it does in use).
    await rent(buyer, await listedUnit(landlords[0]!, 600, 0), false);

    for (const [i, landlord] of landlords.entries()) {
      const tenant = tenants[i]!;
      const listed = await listedUnit(landlord, 601 + i, 1);
      const leased = await rent(tenant, listed, false);
      record(
        `rentals: rent a unit for ${RENT_DAYS} days, signed listing, allowance, unit's first lease (LeaseBook.rent)`,
        leased.gas,
      );
      const withPermit = await rent(permitTenants[i]!, await listedUnit(landlord, 601 + i, 2), true);
      record(`rentals: rent, signed listing, with permit, unit's first lease`, withPermit.gas);
      const onChain = await listedUnit(landlord, 601 + i, 3);
      record(
        "rentals: rent, listing recorded on chain (LeaseBook.list, paid by the owner)",
        (await send(landlord, book, leaseBookAbi as Abi, "list", [onChain.listing])).gasUsed,
      );
      record(
        "rentals: rent, listing recorded on chain, allowance, unit's first lease",
        (await rent(permitTenants[i]!, { ...onChain, signature: "0x" }, false)).gas,
      );

      record(
        "rentals: tenant sets its scene (UnitRegistry.setContent, first set)",
        (await send(tenant, registry, unitRegistryAbi as Abi, "setContent", [listed.unitId, SCENE_DIGEST, 0x55n]))
          .gasUsed,
      );
      record(
        "rentals: transfer a leased unit (the lease stays; transferFrom)",
        (
          await send(landlord, registry, unitRegistryAbi as Abi, "transferFrom", [
            landlord.account.address,
            buyer.account.address,
            listed.unitId,
          ])
        ).gasUsed,
      );

      await advance(3 * DAY);
      const claim = await send(landlord, book, leaseBookAbi as Abi, "claimRent", [leased.leaseId, leased.lease]);
      record("rentals: claim earned rent (LeaseBook.claimRent, 4 days)", claim.gasUsed);
      const claimed = eventOf(claim, "RentClaimed");
      const ended = await send(tenant, book, leaseBookAbi as Abi, "endLease", [leased.leaseId, claimed.args.lease]);
      record("rentals: end a lease early (LeaseBook.endLease)", ended.gasUsed);
      const endedEvent = eventOf(ended, "LeaseEnded");
      // The unit, now the buyer's, rented again from a new signed listing: its lease slot is in use.
      const again = await rent(tenants[i]!, await relist(buyer, listed, 99n, false), false);
      record("rentals: rent, signed listing, allowance, unit leased before", again.gas);
      record(
        "rentals: lessor claims on the deposit (LeaseBook.claimDeposit)",
        (
          await send(landlord, book, leaseBookAbi as Abi, "claimDeposit", [
            leased.leaseId,
            endedEvent.args.lease,
            DEPOSIT / 4n,
          ])
        ).gasUsed,
      );
      record(
        "rentals: withdraw what is owed (LeaseBook.withdraw)",
        (await send(tenant, book, leaseBookAbi as Abi, "withdraw", [tenant.account.address])).gasUsed,
      );
    }

    return Object.entries(samples).map(([metric, values]) => ({ metric, value: median(values), unit: "gas" }));
  } finally {
    await conn.close();
    await rm(outDir, { recursive: true, force: true });
  }
}

const isMain = import.meta.url === `file://${process.argv[1]}`;
if (isMain) {
  for (const row of await runRentalsGasBench())
    console.log(`${row.metric.padEnd(76)} ${String(row.value).padStart(9)} gas`);
  process.exit(0);
}
