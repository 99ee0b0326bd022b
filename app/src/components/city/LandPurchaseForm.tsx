"use client";
/**
 * Buying land in one flow: a unit (UnitSale, with extra rooms), a whole floor or a whole building
 * (FloorSale), or a Residential unit for free when it is the account's first. Before anything is
 * signed it shows the price, the storage and its period, the total, and how the payment splits
 * between the treasury and the rendering fund; then a permit (or an approval) and the purchase.
 */
import { useEffect, useState } from "react";
import { useReadContract } from "wagmi";
import type { Abi } from "viem";
import { floorSaleAbi, unitRegistryAbi, unitSaleAbi } from "@markspace/contracts/abis";
import { useAppConfig } from "../../config/AppConfigContext.tsx";
import { describeLandError, landErrorsAbi } from "../../chain/describeLandError.ts";
import { formatDateTime, formatMrk } from "../../economy/format.ts";
import { useChainNow } from "../../economy/useChainNow.ts";
import { useTransactionFlow } from "../../economy/useTransactionFlow.ts";
import { useWriteAccount } from "../../economy/useWriteAccount.ts";
import { parseRooms, parseStorageDays, splitLandPayment, storagePaidUntilAfter } from "../../land/landQuote.ts";
import { useMrkPaidCall, type PaymentMethod } from "../../land/useMrkPaidCall.ts";
import type { UnitTypeName } from "../../subgraph/unitDetail.ts";
import { TransactionStatus } from "../TransactionStatus.tsx";
import { WalletHint } from "../WalletHint.tsx";
import { PaymentMethodPicker } from "./PaymentMethodPicker.tsx";
import { useMrkFunds, useRenderingFundShare } from "./useLandReads.ts";

export type LandPurchaseKind = "unit" | "floor" | "building";

type Props = {
  kind: LandPurchaseKind;
  /** Unit id, floor id (unit 0) or building id (floor and unit 0). */
  targetId: bigint;
  /** Type of the land (the district's for interior units). */
  unitType: UnitTypeName;
  /** What the heading calls it: `B-0042-07-12-003`, `floor 12 of building 7`, … */
  title: string;
  /** `unit-buy`, `floor-buy` or `building-buy`: the prefix of every test id in the form. */
  testIdPrefix: string;
};

const UNITS: Record<LandPurchaseKind, bigint> = { unit: 1n, floor: 625n, building: 22_500n };
const FREE_STORAGE_DAYS = 365;

export function LandPurchaseForm({ kind, targetId, unitType, title, testIdPrefix }: Props) {
  const { contracts, chainId } = useAppConfig();
  const wallet = useWriteAccount();
  const { account, canWrite } = wallet;
  const now = useChainNow();
  const office = kind === "unit" ? contracts.unitSale : contracts.floorSale;
  const flow = useTransactionFlow({ describeError: describeLandError });
  const paidCall = useMrkPaidCall();
  const [roomsText, setRoomsText] = useState("0");
  const [daysText, setDaysText] = useState("365");
  const [method, setMethod] = useState<PaymentMethod>("permit");

  const freeClaimable = useReadContract({
    address: contracts.unitRegistry,
    abi: unitRegistryAbi,
    functionName: "hasClaimedFree",
    args: account ? [account] : undefined,
    chainId,
    query: { enabled: kind === "unit" && unitType === "Residential" && account !== undefined },
  });
  const free = kind === "unit" && unitType === "Residential" && account !== undefined && freeClaimable.data === false;

  const rooms = kind === "unit" && unitType !== "External" ? parseRooms(roomsText) : ({ ok: true, value: 0 } as const);
  const days = parseStorageDays(daysText);
  const quoteArgs = days.ok && rooms.ok ? { rooms: rooms.value, days: days.value } : undefined;
  const quote = useReadContract({
    address: office,
    abi: (kind === "unit" ? unitSaleAbi : floorSaleAbi) as Abi,
    functionName: kind === "unit" ? "quote" : kind === "floor" ? "quoteFloor" : "quoteBuilding",
    args: !quoteArgs
      ? undefined
      : kind === "unit"
        ? [targetId, quoteArgs.rooms, quoteArgs.days]
        : [targetId, quoteArgs.days],
    chainId,
    query: { enabled: quoteArgs !== undefined && !free },
  });
  const [price, storage] = (quote.data as readonly [bigint, bigint] | undefined) ?? [];
  const total = price !== undefined && storage !== undefined ? price + storage : undefined;
  const share = useRenderingFundShare();
  const split = total !== undefined && share !== undefined ? splitLandPayment(total, share) : undefined;
  const { balance, allowance } = useMrkFunds(account, office);
  const short = total !== undefined && balance !== undefined && balance < total;

  // A wallet that cannot sign a permit: switch to the approval, which every wallet can do.
  useEffect(() => {
    if (flow.status.state === "failed" && flow.status.error.kind === "permit-unsupported") setMethod("approve");
  }, [flow.status]);

  const busy = flow.status.state === "pending";
  const submit = () => {
    if (!account || !canWrite) return;
    if (free) {
      void flow.run(account, [
        {
          label: "free claim",
          address: contracts.unitRegistry,
          abi: [...unitRegistryAbi, ...landErrorsAbi] as Abi,
          functionName: "claim",
          args: [targetId],
        },
      ]);
      return;
    }
    if (total === undefined || !quoteArgs) return;
    const args =
      kind === "unit" ? [targetId, quoteArgs.rooms, quoteArgs.days, total] : [targetId, quoteArgs.days, total];
    void flow.run(
      account,
      paidCall({
        label: `${kind} purchase`,
        office,
        abi: (kind === "unit" ? unitSaleAbi : floorSaleAbi) as Abi,
        functionName: kind === "unit" ? "buy" : kind === "floor" ? "buyFloor" : "buyBuilding",
        args,
        amount: total,
        method,
        account,
        allowance,
      }),
    );
  };

  return (
    <section
      className="economy-section land-purchase"
      data-testid={testIdPrefix}
      aria-labelledby={`${testIdPrefix}-title`}
    >
      <h2 id={`${testIdPrefix}-title`}>
        {kind === "unit" ? "Buy" : kind === "floor" ? "Buy the whole floor" : "Buy the whole building"}: {title}
      </h2>
      {kind !== "unit" ? (
        <p className="muted">
          All {UNITS[kind].toLocaleString("en")} {unitType} units in one transaction, at the unit price times{" "}
          {UNITS[kind].toLocaleString("en")}.
        </p>
      ) : null}
      {free ? (
        <p data-testid={`${testIdPrefix}-free`}>
          <strong>Free:</strong> this is your first Residential unit. It comes with a year of storage
          {now !== undefined ? ` (until ${formatDateTime(storagePaidUntilAfter(now, FREE_STORAGE_DAYS))})` : ""}; no MRK
          is paid.
        </p>
      ) : (
        <>
          <div className="form-grid">
            {kind === "unit" && unitType !== "External" ? (
              <label className="field">
                <span>Extra rooms</span>
                <input
                  inputMode="numeric"
                  value={roomsText}
                  onChange={(e) => setRoomsText(e.target.value)}
                  data-testid={`${testIdPrefix}-rooms`}
                />
              </label>
            ) : null}
            <label className="field">
              <span>Storage days (first period)</span>
              <input
                inputMode="numeric"
                value={daysText}
                onChange={(e) => setDaysText(e.target.value)}
                data-testid={`${testIdPrefix}-days`}
              />
            </label>
          </div>
          {!rooms.ok ? <p className="error-text">{rooms.message}</p> : null}
          {!days.ok ? <p className="error-text">{days.message}</p> : null}
          <table className="quote-table" data-testid={`${testIdPrefix}-quote`} data-total={total?.toString()}>
            <tbody>
              <tr>
                <th scope="row">Price{kind === "unit" && rooms.ok && rooms.value > 0 ? " with rooms" : ""}</th>
                <td data-testid={`${testIdPrefix}-price`}>{price !== undefined ? formatMrk(price) : "…"}</td>
              </tr>
              <tr>
                <th scope="row">
                  Storage for {days.ok ? days.value.toLocaleString("en") : "…"} days
                  {days.ok && now !== undefined
                    ? `, until ${formatDateTime(storagePaidUntilAfter(now, days.value))}`
                    : ""}
                </th>
                <td data-testid={`${testIdPrefix}-storage`}>{storage !== undefined ? formatMrk(storage, 4) : "…"}</td>
              </tr>
              <tr>
                <th scope="row">Total</th>
                <td data-testid={`${testIdPrefix}-total`}>
                  <strong>{total !== undefined ? formatMrk(total, 4) : "…"}</strong>
                </td>
              </tr>
              <tr>
                <th scope="row">of which to the treasury</th>
                <td data-testid={`${testIdPrefix}-treasury`}>{split ? formatMrk(split.toTreasury, 4) : "…"}</td>
              </tr>
              <tr>
                <th scope="row">
                  of which to the miners&apos; rendering fund
                  {share !== undefined ? ` (${Number(share) / 100} %)` : ""}
                </th>
                <td data-testid={`${testIdPrefix}-rendering-fund`}>
                  {split ? formatMrk(split.toRenderingFund, 4) : "…"}
                </td>
              </tr>
            </tbody>
          </table>
          {quote.isError ? (
            <p className="error-text" data-testid={`${testIdPrefix}-quote-error`}>
              {describeLandError(quote.error).shortMessage}
            </p>
          ) : null}
          {account && balance !== undefined ? (
            <p className={short ? "error-text" : "muted"} data-testid={`${testIdPrefix}-balance`}>
              Your MRK: {formatMrk(balance)}
              {short ? " — not enough for this purchase. Buy MRK on the sale page." : ""}
            </p>
          ) : null}
          <PaymentMethodPicker
            name={`${testIdPrefix}-method`}
            method={method}
            onChange={setMethod}
            testIdPrefix={testIdPrefix}
          />
        </>
      )}
      <WalletHint wallet={wallet} action={free ? "claim it" : "buy it"} />
      <button
        type="button"
        className="button"
        onClick={submit}
        disabled={!canWrite || busy || (!free && (total === undefined || short))}
        data-testid={`${testIdPrefix}-submit`}
      >
        {free
          ? "Claim for free"
          : total !== undefined
            ? `${method === "permit" ? "Sign and pay" : "Approve and pay"} ${formatMrk(total, 4)}`
            : "Pay"}
      </button>
      <TransactionStatus status={flow.status} testId={`${testIdPrefix}-status`} />
    </section>
  );
}
