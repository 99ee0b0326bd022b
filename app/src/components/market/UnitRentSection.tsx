"use client";
/**
 * Letting a unit: its rental listings recorded on chain (rent for a number of days, or cancel
 * for the owner), the owner's form to offer it for rent by signature (gasless; shared as a link)
 * or on chain, and the owner's cancel of every rental listing it signed.
 */
import { useState } from "react";
import { useConfig, usePublicClient } from "wagmi";
import { readContract, signTypedData } from "wagmi/actions";
import type { Abi } from "viem";
import { leaseBookAbi, unitRegistryAbi } from "@markspace/contracts/abis";
import { leaseListingTypedData, type LeaseListing } from "@markspace/contracts/listing";
import { useAppConfig } from "../../config/AppConfigContext.tsx";
import { marketErrorsAbi } from "../../chain/describeMarketError.ts";
import { parseAmount } from "../../economy/amountInput.ts";
import { formatDateTime, formatMrk } from "../../economy/format.ts";
import { useChainNow } from "../../economy/useChainNow.ts";
import type { ContractCall } from "../../economy/useTransactionFlow.ts";
import { useWriteAccount } from "../../economy/useWriteAccount.ts";
import { toErrorView, type ErrorView } from "../../errors/MarkspaceAppError.ts";
import { useMrkPaidCall, type PaymentMethod } from "../../land/useMrkPaidCall.ts";
import { newRentalListing, parsePercentBps, parseWhole, randomSalt } from "../../market/newOrders.ts";
import { orderLink } from "../../market/orderLink.ts";
import { readPostedRentalListing } from "../../market/readPostedOrder.ts";
import { describeRentalListing, formatBps } from "../../market/signingWords.ts";
import type { UnitRentalListingRow } from "../../market/unitMarketQuery.ts";
import { useMarketFlow, useMarketParameters } from "../../market/useUnitMarket.ts";
import type { UnitDetail } from "../../subgraph/unitDetail.ts";
import { PaymentMethodPicker } from "../city/PaymentMethodPicker.tsx";
import { useMrkFunds } from "../city/useLandReads.ts";
import { ErrorNotice } from "../ErrorNotice.tsx";
import { TransactionStatus } from "../TransactionStatus.tsx";
import { UnitOrderLink } from "./UnitOrderLink.tsx";
import { UnitSignatureWords } from "./UnitSignatureWords.tsx";

export const bookAbi = [...leaseBookAbi, ...marketErrorsAbi] as Abi;

type Props = { unit: UnitDetail; listings: readonly UnitRentalListingRow[]; leased: boolean };

export function UnitRentSection({ unit, listings, leased }: Props) {
  const { account } = useWriteAccount();
  const now = useChainNow();
  const owner = account !== undefined && account === unit.owner;
  const live = listings.filter(
    (row) => row.owner === unit.owner && row.deadline !== null && (now === undefined || row.deadline > now),
  );
  return (
    <div data-testid="market-rent">
      <h3>For rent</h3>
      {live.length === 0 ? (
        <p className="muted" data-testid="market-rent-none">
          No rental listing recorded on chain. Signed ones are shared as links by their owners.
        </p>
      ) : (
        live.map((row) => <UnitPostedRental key={row.id} unit={unit} row={row} owner={owner} leased={leased} />)
      )}
      {owner ? <UnitLetForm unit={unit} /> : null}
    </div>
  );
}

/** Rent `listing` for a number of days the tenant picks: the rent and the deposit are paid upfront. */
export function UnitRentForm({
  listing,
  signature,
  testIdPrefix,
}: {
  listing: LeaseListing;
  signature: `0x${string}`;
  testIdPrefix: string;
}) {
  const { contracts } = useAppConfig();
  const { account } = useWriteAccount();
  const flow = useMarketFlow();
  const paid = useMrkPaidCall();
  const funds = useMrkFunds(account, contracts.leaseBook);
  const [days, setDays] = useState(String(listing.minDays));
  const [method, setMethod] = useState<PaymentMethod>("permit");
  const parsed = parseWhole(days, "Days", listing.minDays, listing.maxDays);
  const total = parsed.ok ? BigInt(parsed.value) * listing.pricePerDay + listing.deposit : undefined;
  if (!account) return <p className="muted">Connect a wallet to rent it.</p>;
  return (
    <form
      className="market-form"
      data-testid={`${testIdPrefix}-form`}
      onSubmit={(event) => {
        event.preventDefault();
        if (!parsed.ok || total === undefined) return;
        void flow.run(
          paid({
            label: "rent",
            office: contracts.leaseBook,
            abi: bookAbi,
            functionName: "rentWithPermit",
            allowanceFunctionName: "rent",
            args: [listing, signature, parsed.value],
            amount: total,
            method,
            account,
            allowance: funds.allowance,
          }),
        );
      }}
    >
      <label className="field">
        <span>
          Days ({listing.minDays}–{listing.maxDays})
        </span>
        <input
          value={days}
          onChange={(e) => setDays(e.target.value)}
          inputMode="numeric"
          data-testid={`${testIdPrefix}-days`}
        />
      </label>
      {parsed.ok ? (
        <p data-testid={`${testIdPrefix}-total`} data-total={total!.toString()}>
          You pay {formatMrk(total!, 6)} now: {parsed.value} × {formatMrk(listing.pricePerDay, 6)}
          {listing.deposit > 0n ? ` + a ${formatMrk(listing.deposit, 6)} deposit` : ""}.
        </p>
      ) : (
        <p className="error-text">{parsed.message}</p>
      )}
      <PaymentMethodPicker
        name={`${testIdPrefix}-method`}
        method={method}
        onChange={setMethod}
        testIdPrefix={testIdPrefix}
      />
      <button
        type="submit"
        className="button"
        disabled={flow.busy || !parsed.ok}
        data-testid={`${testIdPrefix}-submit`}
      >
        Rent
      </button>
      <TransactionStatus status={flow.status} testId={`${testIdPrefix}-status`} />
    </form>
  );
}

function rentalTerms(row: {
  pricePerDay: bigint;
  minDays: number;
  maxDays: number;
  deposit: bigint;
  penaltyBps: number;
  mayDecorate: boolean;
}) {
  return (
    `${formatMrk(row.pricePerDay, 6)} a day, ${row.minDays}–${row.maxDays} days` +
    `, deposit ${row.deposit > 0n ? formatMrk(row.deposit, 6) : "none"}` +
    `, early-end penalty ${formatBps(row.penaltyBps)}` +
    `, ${row.mayDecorate ? "tenant may decorate" : "no decorating"}`
  );
}

export { rentalTerms };

function UnitPostedRental({
  unit,
  row,
  owner,
  leased,
}: {
  unit: UnitDetail;
  row: UnitRentalListingRow;
  owner: boolean;
  leased: boolean;
}) {
  const { contracts, chainId } = useAppConfig();
  const client = usePublicClient({ chainId });
  const flow = useMarketFlow();
  const [listing, setListing] = useState<LeaseListing>();
  const [readError, setReadError] = useState<ErrorView>();
  const read = async () => {
    try {
      const full = await readPostedRentalListing({
        client: client!,
        contract: contracts.leaseBook,
        orderHash: row.id as `0x${string}`,
        block: row.createdAtBlock,
      });
      setReadError(undefined);
      setListing(full);
      return full;
    } catch (error) {
      setReadError(toErrorView(error));
      return undefined;
    }
  };
  return (
    <div className="listing-row" data-testid="market-rental" data-listing={row.id}>
      <p>
        {row.pricePerDay !== null &&
        row.minDays !== null &&
        row.maxDays !== null &&
        row.deposit !== null &&
        row.penaltyBps !== null
          ? rentalTerms({
              ...row,
              pricePerDay: row.pricePerDay,
              minDays: row.minDays,
              maxDays: row.maxDays,
              deposit: row.deposit,
              penaltyBps: row.penaltyBps,
              mayDecorate: row.mayDecorate ?? false,
            })
          : "Terms not known"}
        ; recorded on chain, until {formatDateTime(row.deadline!)}.
        {leased ? " The unit is let now: it can be rented again when the running lease ends." : ""}
      </p>
      {owner ? (
        <button
          type="button"
          className="small-button"
          disabled={flow.busy}
          data-testid="market-rental-cancel"
          onClick={() =>
            void read().then((full) => {
              if (full)
                void flow.run([
                  {
                    label: "rental listing cancellation",
                    address: contracts.leaseBook,
                    abi: bookAbi,
                    functionName: "cancel",
                    args: [full],
                  },
                ]);
            })
          }
        >
          Cancel this rental listing
        </button>
      ) : listing ? (
        <UnitRentForm listing={listing} signature="0x" testIdPrefix="market-rental-rent" />
      ) : (
        <button type="button" className="button" data-testid="market-rental-open" onClick={() => void read()}>
          Rent it…
        </button>
      )}
      {unit.owner !== row.owner ? <p className="muted">Listed by an earlier owner: dead.</p> : null}
      {readError ? <ErrorNotice title="The listing's terms could not be read" error={readError} /> : null}
      <TransactionStatus status={flow.status} testId="market-rental-status" />
    </div>
  );
}

function UnitLetForm({ unit }: { unit: UnitDetail }) {
  const { contracts, chainId } = useAppConfig();
  const wagmiConfig = useConfig();
  const { account } = useWriteAccount();
  const now = useChainNow();
  const params = useMarketParameters();
  const flow = useMarketFlow();
  const [price, setPrice] = useState("");
  const [minDays, setMinDays] = useState("1");
  const [maxDays, setMaxDays] = useState("30");
  const [deposit, setDeposit] = useState("0");
  const [penalty, setPenalty] = useState("10");
  const [mayDecorate, setMayDecorate] = useState(true);
  const [valid, setValid] = useState("30");
  const [problem, setProblem] = useState<string>();
  const [pending, setPending] = useState<LeaseListing>();
  const [link, setLink] = useState<string>();
  const [signing, setSigning] = useState(false);

  const build = async (): Promise<LeaseListing | undefined> => {
    const perDay = parseAmount(price);
    if (!perDay.ok) return void setProblem(`Price per day: ${perDay.message}`);
    const min = parseWhole(minDays, "Minimum days", 1, 65_535);
    if (!min.ok) return void setProblem(min.message);
    const max = parseWhole(maxDays, "Maximum days", min.value, 65_535);
    if (!max.ok) return void setProblem(max.message);
    const depositWei =
      deposit.trim() === "" || deposit.trim() === "0" ? { ok: true as const, wei: 0n } : parseAmount(deposit);
    if (!depositWei.ok) return void setProblem(`Deposit: ${depositWei.message}`);
    const penaltyBps = parsePercentBps(penalty, "Early-end penalty", 100);
    if (!penaltyBps.ok) return void setProblem(penaltyBps.message);
    const validDays = parseWhole(valid, "Valid for (days)", 1, 365);
    if (!validDays.ok) return void setProblem(validDays.message);
    if (!account || now === undefined) return void setProblem("Connect a wallet first.");
    setProblem(undefined);
    const [counter, transferCount] = await Promise.all([
      readContract(wagmiConfig, {
        address: contracts.leaseBook,
        abi: leaseBookAbi,
        functionName: "counterOf",
        args: [account],
        chainId,
      }),
      readContract(wagmiConfig, {
        address: contracts.unitRegistry,
        abi: unitRegistryAbi,
        functionName: "transferCount",
        args: [unit.tokenId],
        chainId,
      }),
    ]);
    return newRentalListing({
      owner: account,
      unitId: unit.tokenId,
      transferCount,
      counter,
      now,
      validDays: validDays.value,
      pricePerDay: perDay.wei,
      minDays: min.value,
      maxDays: max.value,
      deposit: depositWei.wei,
      penaltyBps: penaltyBps.value,
      mayDecorate,
      salt: randomSalt(),
    });
  };

  const sign = async (listing: LeaseListing) => {
    if (!account) return;
    setSigning(true);
    try {
      const signature = await signTypedData(wagmiConfig, {
        account,
        ...leaseListingTypedData({ book: contracts.leaseBook, chainId, listing }),
      });
      setPending(undefined);
      setLink(orderLink(window.location.origin, `/units/${unit.address}`, { kind: "rental", listing, signature }));
    } catch (error) {
      setProblem(`The wallet did not sign: ${(error as Error).message.split("\n")[0]}`);
    } finally {
      setSigning(false);
    }
  };

  const cancelAll: ContractCall = {
    label: "cancel of every rental listing",
    address: contracts.leaseBook,
    abi: bookAbi,
    functionName: "incrementCounter",
    args: [],
  };

  return (
    <form
      className="market-form"
      data-testid="market-let"
      onSubmit={(event) => {
        event.preventDefault();
        void build().then((listing) => {
          if (listing) {
            setLink(undefined);
            setPending(listing);
          }
        });
      }}
    >
      <h4>Offer this unit for rent</h4>
      <p className="muted">
        The unit stays yours: the registry makes the tenant its user until the lease ends by itself, and nobody but the
        tenant can end it early. Sign the offer (no gas) and share its link, or record it on chain so it shows here.
      </p>
      <label className="field">
        <span>Price per day (MRK)</span>
        <input
          value={price}
          onChange={(e) => setPrice(e.target.value)}
          inputMode="decimal"
          data-testid="market-let-price"
        />
      </label>
      <label className="field">
        <span>Minimum days</span>
        <input
          value={minDays}
          onChange={(e) => setMinDays(e.target.value)}
          inputMode="numeric"
          data-testid="market-let-min"
        />
      </label>
      <label className="field">
        <span>Maximum days</span>
        <input
          value={maxDays}
          onChange={(e) => setMaxDays(e.target.value)}
          inputMode="numeric"
          data-testid="market-let-max"
        />
      </label>
      <label className="field">
        <span>Deposit (MRK)</span>
        <input
          value={deposit}
          onChange={(e) => setDeposit(e.target.value)}
          inputMode="decimal"
          data-testid="market-let-deposit"
        />
      </label>
      <label className="field">
        <span>Early-end penalty (% of unused rent)</span>
        <input
          value={penalty}
          onChange={(e) => setPenalty(e.target.value)}
          inputMode="decimal"
          data-testid="market-let-penalty"
        />
      </label>
      <label className="field">
        <span>Valid for (days)</span>
        <input
          value={valid}
          onChange={(e) => setValid(e.target.value)}
          inputMode="numeric"
          data-testid="market-let-valid"
        />
      </label>
      <label>
        <input
          type="checkbox"
          checked={mayDecorate}
          onChange={(e) => setMayDecorate(e.target.checked)}
          data-testid="market-let-decorate"
        />{" "}
        The tenant may set the unit&apos;s scene
      </label>
      <div className="input-row">
        <button
          type="submit"
          className="button"
          disabled={flow.busy || signing || !params}
          data-testid="market-let-sign-start"
        >
          Sign a rental offer (no gas)…
        </button>
        <button
          type="button"
          className="button secondary"
          disabled={flow.busy || signing}
          data-testid="market-let-post"
          onClick={() =>
            void build().then((listing) => {
              if (listing)
                void flow.run([
                  {
                    label: "on-chain rental listing",
                    address: contracts.leaseBook,
                    abi: bookAbi,
                    functionName: "list",
                    args: [listing],
                  },
                ]);
            })
          }
        >
          List on chain
        </button>
        <button
          type="button"
          className="small-button"
          disabled={flow.busy}
          data-testid="market-let-cancel-all"
          onClick={() => void flow.run([cancelAll])}
        >
          Cancel every rental offer I signed
        </button>
      </div>
      {problem ? (
        <p className="error-text" data-testid="market-let-error">
          {problem}
        </p>
      ) : null}
      {pending && params ? (
        <UnitSignatureWords
          title="You are about to sign this rental offer"
          words={describeRentalListing({
            listing: pending,
            fees: params.rentalFees,
            depositClaimWindow: params.depositClaimWindow,
            scope: { contract: contracts.leaseBook, chainId },
          })}
          busy={signing}
          onSign={() => void sign(pending)}
          onCancel={() => setPending(undefined)}
          testIdPrefix="market-let"
        />
      ) : null}
      {link ? <UnitOrderLink link={link} what="rental offer" testId="market-let-link" /> : null}
      <TransactionStatus status={flow.status} testId="market-let-status" />
    </form>
  );
}
