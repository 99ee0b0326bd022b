"use client";
/** Pay a unit's storage (anyone may): days added after what is paid, or from now once it lapsed. */
import { useState } from "react";
import { useReadContract } from "wagmi";
import type { Abi } from "viem";
import { unitSaleAbi } from "@markspace/contracts/abis";
import { useAppConfig } from "../../config/AppConfigContext.tsx";
import { describeLandError } from "../../chain/describeLandError.ts";
import { formatDateTime, formatMrk } from "../../economy/format.ts";
import { useChainNow } from "../../economy/useChainNow.ts";
import { useTransactionFlow } from "../../economy/useTransactionFlow.ts";
import { useWriteAccount } from "../../economy/useWriteAccount.ts";
import { parseStorageDays, splitLandPayment, storagePaidUntilAfter } from "../../land/landQuote.ts";
import { useMrkPaidCall, type PaymentMethod } from "../../land/useMrkPaidCall.ts";
import type { UnitDetail } from "../../subgraph/unitDetail.ts";
import { TransactionStatus } from "../TransactionStatus.tsx";
import { WalletHint } from "../WalletHint.tsx";
import { PaymentMethodPicker } from "./PaymentMethodPicker.tsx";
import { useMrkFunds, useRenderingFundShare } from "./useLandReads.ts";

export function StoragePanel({ unit }: { unit: UnitDetail }) {
  const { contracts, chainId } = useAppConfig();
  const wallet = useWriteAccount();
  const now = useChainNow();
  const flow = useTransactionFlow({ describeError: describeLandError });
  const paidCall = useMrkPaidCall();
  const [daysText, setDaysText] = useState("365");
  const [method, setMethod] = useState<PaymentMethod>("permit");
  const days = parseStorageDays(daysText);
  const quote = useReadContract({
    address: contracts.unitSale,
    abi: unitSaleAbi,
    functionName: "storageQuote",
    args: [unit.tokenId, days.ok ? days.value : 1],
    chainId,
    query: { enabled: days.ok },
  });
  const share = useRenderingFundShare();
  const { allowance } = useMrkFunds(wallet.account, contracts.unitSale);
  const fee = quote.data;
  const split = fee !== undefined && share !== undefined ? splitLandPayment(fee, share) : undefined;
  const lapsed = now !== undefined && unit.storagePaidUntil <= now;

  const submit = () => {
    if (!wallet.account || !wallet.canWrite || fee === undefined || !days.ok) return;
    void flow.run(
      wallet.account,
      paidCall({
        label: "storage payment",
        office: contracts.unitSale,
        abi: unitSaleAbi as Abi,
        functionName: "payStorage",
        args: [unit.tokenId, days.value, fee],
        amount: fee,
        method,
        account: wallet.account,
        allowance,
      }),
    );
  };

  return (
    <section className="economy-section" data-testid="storage-panel" data-lapsed={lapsed ? "true" : "false"}>
      <h2>Storage</h2>
      <p>
        {lapsed ? (
          <strong className="error-text">Lapsed on {formatDateTime(unit.storagePaidUntil)}.</strong>
        ) : (
          <>Paid until {formatDateTime(unit.storagePaidUntil)}.</>
        )}{" "}
        Anyone may pay a unit&apos;s storage
        {unit.inRange ? " (this one then gets storage of its own, apart from its floor)" : ""}.
      </p>
      <label className="field">
        <span>Days to add</span>
        <input
          inputMode="numeric"
          value={daysText}
          onChange={(e) => setDaysText(e.target.value)}
          data-testid="storage-days"
        />
      </label>
      {!days.ok ? <p className="error-text">{days.message}</p> : null}
      <p data-testid="storage-quote">
        {fee !== undefined && days.ok && now !== undefined ? (
          <>
            {formatMrk(fee, 4)} ({split ? `${formatMrk(split.toTreasury, 4)} to the treasury, ` : ""}
            {split ? `${formatMrk(split.toRenderingFund, 4)} to the rendering fund` : ""}): paid until{" "}
            {formatDateTime(storagePaidUntilAfter(now, days.value, unit.storagePaidUntil))}.
          </>
        ) : (
          "…"
        )}
      </p>
      <PaymentMethodPicker name="storage-method" method={method} onChange={setMethod} testIdPrefix="storage" />
      <WalletHint wallet={wallet} action="pay storage" />
      <button
        type="button"
        className="button"
        disabled={!wallet.canWrite || fee === undefined || flow.status.state === "pending"}
        onClick={submit}
        data-testid="storage-pay-submit"
      >
        Pay storage
      </button>
      <TransactionStatus status={flow.status} testId="storage-pay-status" />
    </section>
  );
}
