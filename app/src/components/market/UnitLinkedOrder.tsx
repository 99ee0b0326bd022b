"use client";
/**
 * A signed order opened by link: its terms, whether the chain accepts it (the signature is its
 * signer's, for this contract and chain, not cancelled, the signer's counter and the unit's
 * transfer count unchanged, the deadline ahead), and the action it allows: buy a listing, accept
 * an offer (the unit's owner), rent a rental listing.
 */
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { usePublicClient } from "wagmi";
import type { Abi, Address, PublicClient } from "viem";
import { leaseBookAbi, unitExchangeAbi, unitRegistryAbi } from "@markspace/contracts/abis";
import { listingTypedData, offerTypedData } from "@markspace/contracts/exchange-orders";
import { leaseListingTypedData } from "@markspace/contracts/listing";
import { NO_PERMIT } from "@markspace/contracts/permit";
import { useAppConfig } from "../../config/AppConfigContext.tsx";
import type { PublicAppConfig } from "../../config/appConfig.ts";
import { formatDateTime, formatMrk } from "../../economy/format.ts";
import { useWriteAccount } from "../../economy/useWriteAccount.ts";
import { useMrkPaidCall, type PaymentMethod } from "../../land/useMrkPaidCall.ts";
import type { SignedOrder } from "../../market/orderLink.ts";
import { useMarketFlow } from "../../market/useUnitMarket.ts";
import type { UnitDetail } from "../../subgraph/unitDetail.ts";
import { PaymentMethodPicker } from "../city/PaymentMethodPicker.tsx";
import { useMrkFunds } from "../city/useLandReads.ts";
import { TransactionStatus } from "../TransactionStatus.tsx";
import { exchangeAbi, useExchangeApproval } from "./UnitSaleSection.tsx";
import { rentalTerms, UnitRentForm } from "./UnitRentSection.tsx";

/** Why the chain would refuse `order` now; empty when it would take it. */
async function orderProblems(
  client: PublicClient,
  config: PublicAppConfig,
  order: SignedOrder,
  unitId: bigint,
): Promise<string[]> {
  const { contracts, chainId } = config;
  const problems: string[] = [];
  const now = (await client.getBlock()).timestamp;
  const transferCount = await client.readContract({
    address: contracts.unitRegistry,
    abi: unitRegistryAbi,
    functionName: "transferCount",
    args: [unitId],
  });
  const owner = (await client.readContract({
    address: contracts.unitRegistry,
    abi: unitRegistryAbi,
    functionName: "ownerOf",
    args: [unitId],
  })) as Address;
  if (order.kind === "rental") {
    const { listing } = order;
    if (listing.unitId !== unitId) problems.push("The order is for another unit.");
    const valid = await client.verifyTypedData({
      address: listing.owner,
      ...leaseListingTypedData({ book: contracts.leaseBook, chainId, listing }),
      signature: order.signature,
    });
    if (!valid) problems.push(`The signature is not ${listing.owner}'s for this book and chain.`);
    const id = await client.readContract({
      address: contracts.leaseBook,
      abi: leaseBookAbi,
      functionName: "listingId",
      args: [listing],
    });
    const status = await client.readContract({
      address: contracts.leaseBook,
      abi: leaseBookAbi,
      functionName: "statusOf",
      args: [id],
    });
    if (BigInt(status) > 1n) problems.push("It was rented already, or cancelled.");
    const counter = await client.readContract({
      address: contracts.leaseBook,
      abi: leaseBookAbi,
      functionName: "counterOf",
      args: [listing.owner],
    });
    if (counter !== listing.counter) problems.push("Its owner cancelled every rental offer signed before.");
    if (listing.transferCount !== transferCount || owner !== listing.owner)
      problems.push("The unit changed hands since it was offered.");
    if (listing.deadline < now) problems.push(`It expired on ${formatDateTime(listing.deadline)}.`);
    return problems;
  }
  const signer = order.kind === "sale" ? order.listing.seller : order.offer.buyer;
  const terms = order.kind === "sale" ? order.listing : order.offer;
  const target = order.kind === "sale" ? order.listing.unitId : order.offer.target;
  if (target !== unitId || (order.kind === "offer" && order.offer.scope !== 0))
    problems.push("The order is for another unit.");
  const valid =
    order.kind === "sale"
      ? await client.verifyTypedData({
          address: signer,
          ...listingTypedData({ exchange: contracts.unitExchange, chainId, listing: order.listing }),
          signature: order.signature,
        })
      : await client.verifyTypedData({
          address: signer,
          ...offerTypedData({ exchange: contracts.unitExchange, chainId, offer: order.offer }),
          signature: order.signature,
        });
  if (!valid) problems.push(`The signature is not ${signer}'s for this exchange and chain.`);
  const hash =
    order.kind === "sale"
      ? await client.readContract({
          address: contracts.unitExchange,
          abi: unitExchangeAbi,
          functionName: "hashListing",
          args: [order.listing],
        })
      : await client.readContract({
          address: contracts.unitExchange,
          abi: unitExchangeAbi,
          functionName: "hashOffer",
          args: [order.offer],
        });
  const status = await client.readContract({
    address: contracts.unitExchange,
    abi: unitExchangeAbi,
    functionName: "orderStatus",
    args: [hash],
  });
  if (status === 2) problems.push("It was cancelled, or filled already.");
  const counter = await client.readContract({
    address: contracts.unitExchange,
    abi: unitExchangeAbi,
    functionName: "counterOf",
    args: [signer],
  });
  if (counter !== terms.counter) problems.push("Its signer cancelled everything signed before.");
  if (terms.nonce !== transferCount) problems.push("The unit changed hands since it was signed.");
  if (order.kind === "sale" && owner !== order.listing.seller)
    problems.push(`${order.listing.seller} no longer owns the unit.`);
  if (terms.deadline < now) problems.push(`It expired on ${formatDateTime(terms.deadline)}.`);
  return problems;
}

export function UnitLinkedOrder({ unit, order }: { unit: UnitDetail; order: SignedOrder }) {
  const config = useAppConfig();
  const client = usePublicClient({ chainId: config.chainId });
  const check = useQuery({
    queryKey: ["linked-order", order.signature, unit.owner, unit.transferCount] as const,
    queryFn: () => orderProblems(client!, config, order, unit.tokenId),
    enabled: client !== undefined,
  });
  const problems = check.data;
  const ok = problems !== undefined && problems.length === 0;
  const title =
    order.kind === "sale" ? "Signed listing" : order.kind === "offer" ? "Signed offer" : "Signed rental offer";
  return (
    <div
      className="notice"
      data-testid="market-linked"
      data-kind={order.kind}
      data-valid={problems === undefined ? "checking" : String(ok)}
    >
      <strong>{title} (from a link)</strong>
      <p>
        {order.kind === "sale" ? (
          <>
            <code>{order.listing.seller}</code> sells {unit.address} for{" "}
            <strong>{formatMrk(order.listing.price, 6)}</strong> until {formatDateTime(order.listing.deadline)}
            {order.listing.agency !== "0x0000000000000000000000000000000000000000"
              ? `, agency ${order.listing.agency} ${order.listing.agencyFeeBps / 100} %`
              : ""}
            .
          </>
        ) : order.kind === "offer" ? (
          <>
            <code>{order.offer.buyer}</code> offers <strong>{formatMrk(order.offer.price, 6)}</strong> for{" "}
            {unit.address} until {formatDateTime(order.offer.deadline)}.
          </>
        ) : (
          <>
            <code>{order.listing.owner}</code> offers {unit.address} for rent: {rentalTerms(order.listing)}; until{" "}
            {formatDateTime(order.listing.deadline)}.
          </>
        )}
      </p>
      {problems === undefined ? (
        <p className="muted">
          {check.isError
            ? "The order could not be checked against the chain."
            : "Checking the order against the chain…"}
        </p>
      ) : ok ? (
        <p className="muted">Checked against the chain: the signature is good and the order is open.</p>
      ) : (
        <ul className="error-text" data-testid="market-linked-problems">
          {problems.map((problem) => (
            <li key={problem}>{problem}</li>
          ))}
        </ul>
      )}
      {ok && order.kind === "sale" ? <LinkedBuy order={order} unit={unit} /> : null}
      {ok && order.kind === "offer" ? <LinkedAccept order={order} unit={unit} /> : null}
      {ok && order.kind === "rental" ? (
        <UnitRentForm listing={order.listing} signature={order.signature} testIdPrefix="market-linked-rent" />
      ) : null}
    </div>
  );
}

function LinkedBuy({ order, unit }: { order: Extract<SignedOrder, { kind: "sale" }>; unit: UnitDetail }) {
  const { contracts } = useAppConfig();
  const { account } = useWriteAccount();
  const flow = useMarketFlow();
  const paid = useMrkPaidCall();
  const funds = useMrkFunds(account, contracts.unitExchange);
  const [method, setMethod] = useState<PaymentMethod>("permit");
  if (!account) return <p className="muted">Connect a wallet to buy it.</p>;
  if (account === order.listing.seller) return <p className="muted">This is your own listing.</p>;
  return (
    <>
      <PaymentMethodPicker name="linked-buy" method={method} onChange={setMethod} testIdPrefix="market-linked-buy" />
      <button
        type="button"
        className="button"
        disabled={flow.busy}
        data-testid="market-linked-buy"
        onClick={() =>
          void flow.run(
            paid({
              label: "purchase",
              office: contracts.unitExchange,
              abi: exchangeAbi,
              functionName: "buy",
              args: [order.listing, order.signature],
              amount: order.listing.price,
              method,
              account,
              allowance: funds.allowance,
            }),
          )
        }
      >
        Buy {unit.address} for {formatMrk(order.listing.price, 6)}
      </button>
      <TransactionStatus status={flow.status} testId="market-linked-status" />
    </>
  );
}

function LinkedAccept({ order, unit }: { order: Extract<SignedOrder, { kind: "offer" }>; unit: UnitDetail }) {
  const { contracts } = useAppConfig();
  const { account } = useWriteAccount();
  const flow = useMarketFlow();
  const approval = useExchangeApproval(account);
  if (account !== unit.owner) return <p className="muted">Only the unit&apos;s owner can accept it.</p>;
  return (
    <>
      <button
        type="button"
        className="button"
        disabled={flow.busy}
        data-testid="market-linked-accept"
        onClick={() =>
          void flow.run([
            ...approval.calls,
            {
              label: "offer acceptance",
              address: contracts.unitExchange,
              abi: exchangeAbi as Abi,
              functionName: "acceptOffer",
              args: [order.offer, order.signature, unit.tokenId, NO_PERMIT],
            },
          ])
        }
      >
        Accept: sell {unit.address} for {formatMrk(order.offer.price, 6)}
      </button>
      <TransactionStatus status={flow.status} testId="market-linked-status" />
    </>
  );
}
