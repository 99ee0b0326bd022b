"use client";
/**
 * Selling a unit: its listings posted on chain (buy, or cancel for the seller), the owner's form
 * to list by signature (gasless; the signed order travels as a link) or on chain, the owner's
 * cancels (this unit's orders, everything signed), and anyone else's signed offer.
 */
import { useState } from "react";
import { useConfig, usePublicClient, useReadContract } from "wagmi";
import { readContract, signTypedData } from "wagmi/actions";
import { getAddress, isAddress, type Abi, type Address } from "viem";
import { markTokenAbi, unitExchangeAbi, unitRegistryAbi } from "@markspace/contracts/abis";
import {
  listingTypedData,
  offerTypedData,
  type ExchangeListing,
  type ExchangeOffer,
} from "@markspace/contracts/exchange-orders";
import { useAppConfig } from "../../config/AppConfigContext.tsx";
import { toErrorView, type ErrorView } from "../../errors/MarkspaceAppError.ts";
import { ErrorNotice } from "../ErrorNotice.tsx";
import { marketErrorsAbi } from "../../chain/describeMarketError.ts";
import { parseAmount } from "../../economy/amountInput.ts";
import { formatDateTime, formatMrk } from "../../economy/format.ts";
import { useChainNow } from "../../economy/useChainNow.ts";
import type { ContractCall } from "../../economy/useTransactionFlow.ts";
import { useWriteAccount } from "../../economy/useWriteAccount.ts";
import { useMrkPaidCall, type PaymentMethod } from "../../land/useMrkPaidCall.ts";
import { newSaleListing, newUnitOffer, parsePercentBps, parseWhole, randomSalt } from "../../market/newOrders.ts";
import { orderLink } from "../../market/orderLink.ts";
import { readPostedSaleListing } from "../../market/readPostedOrder.ts";
import { describeOffer, describeSaleListing } from "../../market/signingWords.ts";
import type { UnitListingRow } from "../../market/unitMarketQuery.ts";
import { useMarketFlow, useMarketParameters } from "../../market/useUnitMarket.ts";
import type { UnitDetail } from "../../subgraph/unitDetail.ts";
import { PaymentMethodPicker } from "../city/PaymentMethodPicker.tsx";
import { useMrkFunds } from "../city/useLandReads.ts";
import { TransactionStatus } from "../TransactionStatus.tsx";
import { UnitOrderLink } from "./UnitOrderLink.tsx";
import { UnitSignatureWords } from "./UnitSignatureWords.tsx";

export const exchangeAbi = [...unitExchangeAbi, ...marketErrorsAbi] as Abi;

/** The calls that make the exchange an operator of `owner`'s units, when it is not yet. */
export function useExchangeApproval(owner: Address | undefined) {
  const { contracts, chainId } = useAppConfig();
  const approved = useReadContract({
    address: contracts.unitRegistry,
    abi: unitRegistryAbi,
    functionName: "isApprovedForAll",
    args: owner ? [owner, contracts.unitExchange] : undefined,
    chainId,
    query: { enabled: owner !== undefined },
  });
  const calls: ContractCall[] =
    approved.data === true
      ? []
      : [
          {
            label: "exchange approval",
            address: contracts.unitRegistry,
            abi: [...unitRegistryAbi, ...marketErrorsAbi] as Abi,
            functionName: "setApprovalForAll",
            args: [contracts.unitExchange, true],
          },
        ];
  return { approved: approved.data, calls };
}

type Props = { unit: UnitDetail; listings: readonly UnitListingRow[] };

export function UnitSaleSection({ unit, listings }: Props) {
  const { account } = useWriteAccount();
  const now = useChainNow();
  const owner = account !== undefined && account === unit.owner;
  // A listing dies when its unit changes hands or its deadline passes; the subgraph does not write that back.
  const live = listings.filter(
    (row) =>
      row.seller === unit.owner &&
      row.nonce === unit.transferCount &&
      row.deadline !== null &&
      (now === undefined || row.deadline > now),
  );
  return (
    <div data-testid="market-sale">
      <h3>For sale</h3>
      {live.length === 0 ? (
        <p className="muted" data-testid="market-sale-none">
          No listing posted on chain. Signed listings are shared as links by their sellers.
        </p>
      ) : (
        live.map((row) => <UnitPostedListing key={row.id} unit={unit} row={row} owner={owner} />)
      )}
      {owner ? <UnitSellForm unit={unit} /> : account ? <UnitOfferForm unit={unit} /> : null}
      {owner ? <UnitSaleCancels unit={unit} /> : null}
    </div>
  );
}

function UnitPostedListing({ unit, row, owner }: { unit: UnitDetail; row: UnitListingRow; owner: boolean }) {
  const { contracts, chainId } = useAppConfig();
  const client = usePublicClient({ chainId });
  const { account } = useWriteAccount();
  const flow = useMarketFlow();
  const paid = useMrkPaidCall();
  const funds = useMrkFunds(account, contracts.unitExchange);
  const [method, setMethod] = useState<PaymentMethod>("permit");
  const read = () =>
    readPostedSaleListing({
      client: client!,
      contract: contracts.unitExchange,
      orderHash: row.id as `0x${string}`,
      block: row.createdAtBlock,
    });
  const [readError, setReadError] = useState<ErrorView>();
  const act = async (build: (listing: ExchangeListing) => ContractCall[]) => {
    let listing: ExchangeListing;
    try {
      listing = await read();
      setReadError(undefined);
    } catch (error) {
      return setReadError(toErrorView(error));
    }
    await flow.run(build(listing));
  };
  return (
    <div className="listing-row" data-testid="market-listing" data-order={row.id} data-price={row.price?.toString()}>
      <p>
        <strong>{formatMrk(row.price ?? 0n, 6)}</strong> from <code>{row.seller}</code>, posted on chain, until{" "}
        {formatDateTime(row.deadline!)}
        {row.buyer ? (
          <>
            {" "}
            · only for <code>{row.buyer}</code>
          </>
        ) : null}
        {row.agency ? ` · agency ${row.agency} ${(row.agencyFeeBps ?? 0) / 100} %` : ""}
      </p>
      {owner ? (
        <button
          type="button"
          className="small-button"
          disabled={flow.busy}
          data-testid="market-listing-cancel"
          onClick={() =>
            void act((listing) => [
              {
                label: "listing cancellation",
                address: contracts.unitExchange,
                abi: exchangeAbi,
                functionName: "cancelListing",
                args: [listing],
              },
            ])
          }
        >
          Cancel this listing
        </button>
      ) : account ? (
        <>
          <PaymentMethodPicker
            name={`buy-${row.id}`}
            method={method}
            onChange={setMethod}
            testIdPrefix="market-listing"
          />
          <button
            type="button"
            className="button"
            disabled={flow.busy}
            data-testid="market-listing-buy"
            onClick={() =>
              void act((listing) =>
                paid({
                  label: "purchase",
                  office: contracts.unitExchange,
                  abi: exchangeAbi,
                  functionName: "buy",
                  args: [listing, "0x"],
                  amount: listing.price,
                  method,
                  account,
                  allowance: funds.allowance,
                }),
              )
            }
          >
            Buy {unit.address} for {formatMrk(row.price ?? 0n, 6)}
          </button>
        </>
      ) : null}
      {readError ? <ErrorNotice title="The listing's terms could not be read" error={readError} /> : null}
      <TransactionStatus status={flow.status} testId="market-listing-status" />
    </div>
  );
}

function UnitSellForm({ unit }: { unit: UnitDetail }) {
  const { contracts, chainId } = useAppConfig();
  const wagmiConfig = useConfig();
  const { account } = useWriteAccount();
  const now = useChainNow();
  const params = useMarketParameters();
  const flow = useMarketFlow();
  const approval = useExchangeApproval(account);
  const [price, setPrice] = useState("");
  const [days, setDays] = useState("30");
  const [agency, setAgency] = useState("");
  const [agencyFee, setAgencyFee] = useState("");
  const [buyer, setBuyer] = useState("");
  const [problem, setProblem] = useState<string>();
  const [pending, setPending] = useState<ExchangeListing>();
  const [link, setLink] = useState<string>();
  const [signing, setSigning] = useState(false);

  const build = async (): Promise<ExchangeListing | undefined> => {
    const amount = parseAmount(price);
    if (!amount.ok) return void setProblem(`Price: ${amount.message}`);
    const valid = parseWhole(days, "Valid for (days)", 1, 365);
    if (!valid.ok) return void setProblem(valid.message);
    const fee = parsePercentBps(agencyFee, "Agency fee", 20);
    if (!fee.ok) return void setProblem(fee.message);
    if (agency.trim() && !isAddress(agency.trim())) return void setProblem("Agency: not an 0x address.");
    if (buyer.trim() && !isAddress(buyer.trim())) return void setProblem("Buyer: not an 0x address.");
    if (!account || now === undefined) return void setProblem("Connect a wallet first.");
    setProblem(undefined);
    const [counter, transferCount] = await Promise.all([
      readContract(wagmiConfig, {
        address: contracts.unitExchange,
        abi: unitExchangeAbi,
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
    return newSaleListing({
      seller: account,
      unitId: unit.tokenId,
      transferCount,
      counter,
      now,
      validDays: valid.value,
      price: amount.wei,
      agency: agency.trim() ? getAddress(agency.trim()) : undefined,
      agencyFeeBps: fee.value,
      buyer: buyer.trim() ? getAddress(buyer.trim()) : undefined,
      salt: randomSalt(),
    });
  };

  const sign = async (listing: ExchangeListing) => {
    if (!account) return;
    setSigning(true);
    try {
      if (approval.calls.length > 0 && !(await flow.run(approval.calls))) return;
      const signature = await signTypedData(wagmiConfig, {
        account,
        ...listingTypedData({ exchange: contracts.unitExchange, chainId, listing }),
      });
      setPending(undefined);
      setLink(orderLink(window.location.origin, `/units/${unit.address}`, { kind: "sale", listing, signature }));
    } catch (error) {
      setProblem(`The wallet did not sign: ${(error as Error).message.split("\n")[0]}`);
    } finally {
      setSigning(false);
    }
  };

  return (
    <form
      className="market-form"
      data-testid="market-sell"
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
      <h4>Sell this unit</h4>
      <p className="muted">
        Sign a listing (no gas: the exchange checks your signature when someone buys), or post it on chain so it shows
        here for everyone. The exchange needs your approval once to move your units when they are bought.
      </p>
      <label className="field">
        <span>Price (MRK, fees included)</span>
        <input
          value={price}
          onChange={(e) => setPrice(e.target.value)}
          inputMode="decimal"
          data-testid="market-sell-price"
        />
      </label>
      <label className="field">
        <span>Valid for (days)</span>
        <input
          value={days}
          onChange={(e) => setDays(e.target.value)}
          inputMode="numeric"
          data-testid="market-sell-days"
        />
      </label>
      <label className="field">
        <span>Agency (optional)</span>
        <input
          value={agency}
          onChange={(e) => setAgency(e.target.value)}
          placeholder="0x…"
          data-testid="market-sell-agency"
        />
      </label>
      <label className="field">
        <span>Agency fee (%)</span>
        <input
          value={agencyFee}
          onChange={(e) => setAgencyFee(e.target.value)}
          inputMode="decimal"
          data-testid="market-sell-agency-fee"
        />
      </label>
      <label className="field">
        <span>Only for buyer (optional)</span>
        <input
          value={buyer}
          onChange={(e) => setBuyer(e.target.value)}
          placeholder="0x…"
          data-testid="market-sell-buyer"
        />
      </label>
      <div className="input-row">
        <button
          type="submit"
          className="button"
          disabled={flow.busy || signing || !params}
          data-testid="market-sell-sign-start"
        >
          Sign a listing (no gas)…
        </button>
        <button
          type="button"
          className="button secondary"
          disabled={flow.busy || signing}
          data-testid="market-sell-post"
          onClick={() =>
            void build().then((listing) => {
              if (!listing) return;
              void flow.run([
                ...approval.calls,
                {
                  label: "on-chain listing",
                  address: contracts.unitExchange,
                  abi: exchangeAbi,
                  functionName: "list",
                  args: [listing, []],
                },
              ]);
            })
          }
        >
          List on chain
        </button>
      </div>
      {problem ? (
        <p className="error-text" data-testid="market-sell-error">
          {problem}
        </p>
      ) : null}
      {pending && params ? (
        <UnitSignatureWords
          title="You are about to sign this listing"
          words={describeSaleListing({
            listing: pending,
            fees: params.exchangeFees,
            scope: { contract: contracts.unitExchange, chainId },
          })}
          busy={signing || flow.busy}
          onSign={() => void sign(pending)}
          onCancel={() => setPending(undefined)}
          testIdPrefix="market-sell"
        />
      ) : null}
      {link ? <UnitOrderLink link={link} what="listing" testId="market-sell-link" /> : null}
      <TransactionStatus status={flow.status} testId="market-sell-status" />
    </form>
  );
}

function UnitOfferForm({ unit }: { unit: UnitDetail }) {
  const { contracts, chainId } = useAppConfig();
  const wagmiConfig = useConfig();
  const { account } = useWriteAccount();
  const now = useChainNow();
  const flow = useMarketFlow();
  const funds = useMrkFunds(account, contracts.unitExchange);
  const [price, setPrice] = useState("");
  const [days, setDays] = useState("7");
  const [problem, setProblem] = useState<string>();
  const [pending, setPending] = useState<ExchangeOffer>();
  const [link, setLink] = useState<string>();
  const [signing, setSigning] = useState(false);

  const build = async (): Promise<ExchangeOffer | undefined> => {
    const amount = parseAmount(price);
    if (!amount.ok) return void setProblem(`Offer: ${amount.message}`);
    const valid = parseWhole(days, "Valid for (days)", 1, 365);
    if (!valid.ok) return void setProblem(valid.message);
    if (!account || now === undefined) return void setProblem("Connect a wallet first.");
    setProblem(undefined);
    const [counter, transferCount] = await Promise.all([
      readContract(wagmiConfig, {
        address: contracts.unitExchange,
        abi: unitExchangeAbi,
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
    return newUnitOffer({
      buyer: account,
      unitId: unit.tokenId,
      transferCount,
      counter,
      now,
      validDays: valid.value,
      price: amount.wei,
      salt: randomSalt(),
    });
  };

  const sign = async (offer: ExchangeOffer) => {
    if (!account) return;
    setSigning(true);
    try {
      // The offer is backed by an allowance: the exchange takes the price when the owner accepts.
      if (funds.allowance === undefined || funds.allowance < offer.price) {
        const approved = await flow.run([
          {
            label: "MRK approval for the offer",
            address: contracts.markToken,
            abi: markTokenAbi as Abi,
            functionName: "approve",
            args: [contracts.unitExchange, offer.price],
          },
        ]);
        if (!approved) return;
      }
      const signature = await signTypedData(wagmiConfig, {
        account,
        ...offerTypedData({ exchange: contracts.unitExchange, chainId, offer }),
      });
      setPending(undefined);
      setLink(orderLink(window.location.origin, `/units/${unit.address}`, { kind: "offer", offer, signature }));
    } catch (error) {
      setProblem(`The wallet did not sign: ${(error as Error).message.split("\n")[0]}`);
    } finally {
      setSigning(false);
    }
  };

  return (
    <form
      className="market-form"
      data-testid="market-offer"
      onSubmit={(event) => {
        event.preventDefault();
        void build().then((offer) => {
          if (offer) {
            setLink(undefined);
            setPending(offer);
          }
        });
      }}
    >
      <h4>Make an offer</h4>
      <p className="muted">
        Sign an offer (no gas) and send its link to the owner, who can accept it in one transaction. Your MRK stays with
        you until then; the exchange may take the offered amount (you approve it first).
      </p>
      <label className="field">
        <span>Offer (MRK)</span>
        <input
          value={price}
          onChange={(e) => setPrice(e.target.value)}
          inputMode="decimal"
          data-testid="market-offer-price"
        />
      </label>
      <label className="field">
        <span>Valid for (days)</span>
        <input
          value={days}
          onChange={(e) => setDays(e.target.value)}
          inputMode="numeric"
          data-testid="market-offer-days"
        />
      </label>
      <button type="submit" className="button" disabled={flow.busy || signing} data-testid="market-offer-sign-start">
        Sign an offer (no gas)…
      </button>
      {problem ? <p className="error-text">{problem}</p> : null}
      {pending ? (
        <UnitSignatureWords
          title="You are about to sign this offer"
          words={describeOffer({ offer: pending, scope: { contract: contracts.unitExchange, chainId } })}
          busy={signing || flow.busy}
          onSign={() => void sign(pending)}
          onCancel={() => setPending(undefined)}
          testIdPrefix="market-offer"
        />
      ) : null}
      {link ? <UnitOrderLink link={link} what="offer" testId="market-offer-link" /> : null}
      <TransactionStatus status={flow.status} testId="market-offer-status" />
    </form>
  );
}

function UnitSaleCancels({ unit }: { unit: UnitDetail }) {
  const { contracts } = useAppConfig();
  const flow = useMarketFlow();
  const call = (label: string, functionName: string, args: readonly unknown[]): ContractCall => ({
    label,
    address: contracts.unitExchange,
    abi: exchangeAbi,
    functionName,
    args,
  });
  return (
    <div className="input-row" data-testid="market-sale-cancels">
      <button
        type="button"
        className="small-button"
        disabled={flow.busy}
        data-testid="market-cancel-unit"
        title="Ends every listing of this unit you signed or posted, and the offers made for it so far"
        onClick={() => void flow.run([call("cancel of this unit's orders", "cancelAsset", [unit.tokenId])])}
      >
        Cancel all orders for this unit
      </button>
      <button
        type="button"
        className="small-button"
        disabled={flow.busy}
        data-testid="market-cancel-all"
        title="Ends everything you signed on the exchange, for every unit"
        onClick={() => void flow.run([call("cancel of everything signed", "incrementCounter", [])])}
      >
        Cancel everything I signed
      </button>
      <TransactionStatus status={flow.status} testId="market-cancel-status" />
    </div>
  );
}
