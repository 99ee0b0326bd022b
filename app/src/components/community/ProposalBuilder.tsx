"use client";
/**
 * The proposal builder: pick a template (send funds, buy a unit, rent a unit, sell or let one of
 * the treasury's units, set a unit's scene, create an event, share revenue, change a setting, any
 * call), fill it in, review the calls in
 * words (decoded back from the calldata the proposal will carry), then propose
 * (`CommunityGovernor.propose`). Lookups the templates need come from the subgraph and the chain:
 * a unit's posted listing (its full terms from the posting event), the land sale's quote for a
 * unit nobody owns, a rental listing.
 */
import { useState, type ReactNode } from "react";
import { useQuery } from "@tanstack/react-query";
import { useConfig, usePublicClient, useReadContract } from "wagmi";
import { readContract } from "wagmi/actions";
import type { Abi, Hex } from "viem";
import {
  communityGovernorAbi,
  communityMembershipAbi,
  leaseBookAbi,
  unitExchangeAbi,
  unitRegistryAbi,
  unitSaleAbi,
} from "@markspace/contracts/abis";
import { useAppConfig } from "../../config/AppConfigContext.tsx";
import type { CommunityDetail } from "../../community/communityQueries.ts";
import { describeCommunityCall } from "../../community/describeCommunityCall.ts";
import { describeCommunityError, withCommunityErrors } from "../../community/describeCommunityError.ts";
import type { JoinPolicyName } from "../../community/communityForm.ts";
import {
  buildCreateEvent,
  buildCustomCall,
  buildDistribution,
  buildListingBuy,
  buildRent,
  buildRentalListing,
  buildSaleBuy,
  buildSaleListing,
  buildSetScene,
  buildSettingChange,
  buildTransfer,
  parseUnitReference,
  SETTING_KINDS,
  type BuildProposalReturnType,
  type ProposedCall,
  type SettingKind,
} from "../../community/proposalTemplates.ts";
import { parseUnitOrderInput } from "../../community/unitOrderInput.ts";
import { toErrorView } from "../../errors/MarkspaceAppError.ts";
import { useChainNow } from "../../economy/useChainNow.ts";
import { useTransactionFlow } from "../../economy/useTransactionFlow.ts";
import { useWriteAccount } from "../../economy/useWriteAccount.ts";
import { readPostedRentalListing, readPostedSaleListing } from "../../market/readPostedOrder.ts";
import { fetchUnitMarket } from "../../market/unitMarketQuery.ts";
import { TransactionStatus } from "../TransactionStatus.tsx";
import { useCommunityContracts } from "./useCommunity.ts";

const governorAbi = withCommunityErrors(communityGovernorAbi as Abi);

const TEMPLATES = [
  ["transfer", "Send MRK or ETH"],
  ["buy", "Buy a unit"],
  ["rent", "Rent a unit"],
  ["sell", "Put a treasury unit up for sale"],
  ["let", "Offer a treasury unit for rent"],
  ["scene", "Set a unit's scene"],
  ["event", "Create an event"],
  ["distribute", "Share revenue with members"],
  ["setting", "Change a setting"],
  ["custom", "Any call"],
] as const;
type Template = (typeof TEMPLATES)[number][0];

const SETTING_WORDS: Record<SettingKind, string> = {
  votingDelay: "Voting delay",
  votingPeriod: "Voting period",
  proposalThreshold: "Proposal threshold (memberships)",
  quorumPercent: "Quorum (%)",
  timelockDelay: "Timelock delay",
  guardian: "Guardian (empty: none)",
  joinPolicy: "How people join",
  invite: "Invite a member",
  expel: "Expel a member",
};

const pending = (message: string): BuildProposalReturnType => ({ ok: false, message });

function Field({ label, children, grow }: { label: string; children: ReactNode; grow?: boolean }) {
  return (
    <label className={grow ? "field grow" : "field"}>
      <span>{label}</span>
      {children}
    </label>
  );
}

export function ProposalBuilder({ community }: { community: CommunityDetail }) {
  const { chainId, subgraphUrl, contracts } = useAppConfig();
  const wagmiConfig = useConfig();
  const client = usePublicClient({ chainId });
  const ctx = useCommunityContracts(community);
  const now = useChainNow();
  const wallet = useWriteAccount();
  const { status, run } = useTransactionFlow({ describeError: describeCommunityError });
  const [template, setTemplate] = useState<Template>("transfer");
  const [f, setF] = useState<Record<string, string>>({
    asset: "MRK",
    storageDays: "365",
    days: "7",
    capacity: "50",
    priceText: "0",
    claimWindow: "30d",
    setting: "votingPeriod",
    joinPolicy: "Open",
    validDays: "30",
    minDays: "1",
    maxDays: "30",
    penalty: "10",
    mayDecorate: "yes",
  });
  // Any number, so two listings proposed with the same terms still differ.
  const [salt] = useState(() => BigInt(Math.floor(Math.random() * Number.MAX_SAFE_INTEGER)));
  const [description, setDescription] = useState("");
  const [review, setReview] = useState<{ calls: ProposedCall[]; words: string[] } | null>(null);
  const field = (key: string) => f[key] ?? "";
  const set = (key: string) => (event: { target: { value: string } }) => {
    setReview(null);
    setF((current) => ({ ...current, [key]: event.target.value }));
  };
  const input = (key: string, props: Record<string, unknown> = {}) => (
    <input data-testid={`community-build-${key}`} value={field(key)} onChange={set(key)} {...props} />
  );

  const votes = useReadContract({
    address: community.membership,
    abi: communityMembershipAbi,
    functionName: "getVotes",
    args: wallet.account ? [wallet.account] : undefined,
    chainId,
    query: { enabled: wallet.account !== undefined, refetchInterval: 5_000 },
  });
  const earliestExecution =
    now === undefined
      ? undefined
      : now + community.votingDelay + community.votingPeriod + community.timelockDelay + 60n;

  // Sell and let: the unit's transfer count and the treasury's counter, which the listing names.
  const listingUnit = template === "sell" || template === "let" ? parseUnitReference(field("unit")) : undefined;
  const listedUnitId = listingUnit?.ok ? listingUnit.unitId : undefined;
  const transferCount = useReadContract({
    address: contracts.unitRegistry,
    abi: unitRegistryAbi,
    functionName: "transferCount",
    args: listedUnitId === undefined ? undefined : [listedUnitId],
    chainId,
    query: { enabled: listedUnitId !== undefined },
  });
  const exchangeCounter = useReadContract({
    address: contracts.unitExchange,
    abi: unitExchangeAbi,
    functionName: "counterOf",
    args: [community.treasury],
    chainId,
    query: { enabled: template === "sell" },
  });
  const bookCounter = useReadContract({
    address: contracts.leaseBook,
    abi: leaseBookAbi,
    functionName: "counterOf",
    args: [community.treasury],
    chainId,
    query: { enabled: template === "let" },
  });

  // Buy and rent: what the text names, and what the chain says about it.
  const orderText = template === "buy" || template === "rent" ? field("unit") : "";
  const orderInput = orderText ? parseUnitOrderInput(orderText, template === "rent" ? "rental" : "sale") : undefined;
  const lookup = useQuery({
    queryKey: ["community-unit-lookup", subgraphUrl, template, orderText, field("storageDays")],
    enabled: orderInput?.ok === true && client !== undefined,
    queryFn: async (): Promise<
      | { kind: "sale"; total: bigint; unitId: bigint }
      | { kind: "listing"; listing: Parameters<typeof buildListingBuy>[0]["listing"]; signature: Hex }
      | { kind: "rental"; listing: Parameters<typeof buildRent>[0]["listing"]; signature: Hex }
      | { kind: "none"; message: string }
    > => {
      if (!orderInput?.ok) throw new Error("no input");
      if (orderInput.kind === "order") {
        const order = orderInput.order;
        if (order.kind === "sale") return { kind: "listing", listing: order.listing, signature: order.signature };
        if (order.kind === "rental") return { kind: "rental", listing: order.listing, signature: order.signature };
        return { kind: "none", message: "An offer cannot be bought." };
      }
      const market = await fetchUnitMarket({ url: subgraphUrl, unitId: orderInput.unitId });
      if (template === "rent") {
        const row = market.rentalListings.find((r) => r.posted);
        if (!row)
          return { kind: "none", message: "That unit has no rental listing posted on chain; paste a signed link." };
        const listing = await readPostedRentalListing({
          client: client!,
          contract: contracts.leaseBook,
          orderHash: row.id as Hex,
          block: row.createdAtBlock,
        });
        return { kind: "rental", listing, signature: "0x" };
      }
      if (market.unit === null) {
        const storageDays = Number(field("storageDays") || "0");
        const [price, storage] = await readContract(wagmiConfig, {
          address: contracts.unitSale,
          abi: unitSaleAbi,
          functionName: "quote",
          args: [orderInput.unitId, 0, storageDays],
          chainId,
        });
        return { kind: "sale", total: price + storage, unitId: orderInput.unitId };
      }
      const row = market.listings.find((l) => l.posted);
      if (!row)
        return {
          kind: "none",
          message: "That unit is owned and has no sale listing posted on chain; paste a signed link.",
        };
      const listing = await readPostedSaleListing({
        client: client!,
        contract: contracts.unitExchange,
        orderHash: row.id as Hex,
        block: row.createdAtBlock,
      });
      return { kind: "listing", listing, signature: "0x" };
    },
  });

  const built = ((): BuildProposalReturnType => {
    switch (template) {
      case "transfer":
        return buildTransfer(
          { asset: field("asset") === "ETH" ? "ETH" : "MRK", to: field("to"), amountText: field("amount") },
          ctx,
        );
      case "buy":
      case "rent": {
        if (!orderInput) return pending("Enter a unit's address or paste a signed order's link.");
        if (!orderInput.ok) return orderInput;
        if (lookup.isError) return pending(toErrorView(lookup.error).shortMessage);
        if (!lookup.data || now === undefined) return pending("Looking the unit up…");
        const found = lookup.data;
        if (found.kind === "none") return pending(found.message);
        if (template === "rent") {
          if (found.kind !== "rental") return pending("That is not a rental listing.");
          return buildRent({ listing: found.listing, signature: found.signature, daysText: field("days"), now }, ctx);
        }
        if (found.kind === "sale") {
          const days = field("storageDays").trim();
          if (!/^\d+$/.test(days)) return pending("Enter the days of prepaid storage as a whole number.");
          return buildSaleBuy({ unitId: found.unitId, storageDays: Number(days), total: found.total }, ctx);
        }
        if (found.kind !== "listing") return pending("That is not a sale listing.");
        return buildListingBuy({ listing: found.listing, signature: found.signature, now }, ctx);
      }
      case "sell":
      case "let": {
        if (!listingUnit || !listingUnit.ok) return listingUnit ?? pending("Enter the unit's address.");
        const counter = template === "sell" ? exchangeCounter.data : bookCounter.data;
        if (transferCount.isError) return pending(toErrorView(transferCount.error).shortMessage);
        if (transferCount.data === undefined || counter === undefined || earliestExecution === undefined) {
          return pending("Reading the unit and the treasury's listings…");
        }
        const state = { transferCount: Number(transferCount.data), counter, earliestExecution, salt };
        if (template === "sell") {
          return buildSaleListing(
            { unitText: field("unit"), priceText: field("price"), validDaysText: field("validDays"), state },
            ctx,
          );
        }
        return buildRentalListing(
          {
            unitText: field("unit"),
            pricePerDayText: field("price"),
            minDaysText: field("minDays"),
            maxDaysText: field("maxDays"),
            depositText: field("deposit"),
            penaltyPercentText: field("penalty"),
            mayDecorate: field("mayDecorate") === "yes",
            validDaysText: field("validDays"),
            state,
          },
          ctx,
        );
      }
      case "scene":
        return buildSetScene({ unitText: field("unit"), cid: field("cid") }, ctx);
      case "event":
        if (earliestExecution === undefined) return pending("…");
        return buildCreateEvent(
          {
            startsAt: field("startsAt"),
            unitText: field("unit"),
            priceText: field("priceText"),
            capacity: field("capacity"),
            uri: field("uri"),
            earliestExecution,
          },
          ctx,
        );
      case "distribute":
        if (earliestExecution === undefined || now === undefined) return pending("…");
        return buildDistribution(
          {
            amountText: field("amount"),
            claimWindowText: field("claimWindow"),
            timepoint: now - 1n,
            earliestExecution,
          },
          ctx,
        );
      case "setting":
        return buildSettingChange(
          {
            kind: field("setting") as SettingKind,
            value: field("value"),
            joinPolicy: field("joinPolicy") as JoinPolicyName,
            priceText: field("price"),
          },
          ctx,
        );
      case "custom":
        return buildCustomCall({
          target: field("target"),
          valueText: field("value"),
          signature: field("signature"),
          argsJson: field("args"),
          calldata: field("calldata"),
        });
    }
  })();

  const busy = status.state === "pending";
  const belowThreshold = votes.data !== undefined && votes.data < community.proposalThreshold;
  const saleNote =
    template === "buy" && lookup.data?.kind === "sale"
      ? "Nobody owns this unit: the treasury buys it from the land sale at the quoted price."
      : template === "buy" && lookup.data?.kind === "listing"
        ? "The treasury buys this listing on the exchange."
        : undefined;

  return (
    <section className="economy-section" aria-label="New proposal" data-testid="community-builder">
      <h2>New proposal</h2>
      <form
        className="economy-form wide"
        onSubmit={(event) => {
          event.preventDefault();
          if (!built.ok) return;
          setReview({ calls: built.calls, words: built.calls.map((call) => describeCommunityCall(call, ctx)) });
          if (description.trim() === "") {
            setDescription(
              `${TEMPLATES.find(([t]) => t === template)![1]}\n\n${built.calls.map((c) => describeCommunityCall(c, ctx)).join(";\n")}`,
            );
          }
        }}
      >
        <fieldset disabled={busy}>
          <legend>What the treasury should do</legend>
          <Field label="Template">
            <select
              data-testid="community-build-template"
              value={template}
              onChange={(e) => {
                setReview(null);
                setTemplate(e.target.value as Template);
              }}
            >
              {TEMPLATES.map(([value, words]) => (
                <option key={value} value={value}>
                  {words}
                </option>
              ))}
            </select>
          </Field>
          {template === "transfer" ? (
            <div className="input-row">
              <Field label="Asset">
                <select data-testid="community-build-asset" value={field("asset")} onChange={set("asset")}>
                  <option value="MRK">MRK</option>
                  <option value="ETH">ETH</option>
                </select>
              </Field>
              <Field label="To" grow>
                {input("to", { placeholder: "0x…" })}
              </Field>
              <Field label="Amount">{input("amount", { inputMode: "decimal" })}</Field>
            </div>
          ) : null}
          {template === "buy" || template === "rent" ? (
            <>
              <div className="input-row">
                <Field label="Unit address, or a signed order's link" grow>
                  {input("unit", { placeholder: "S-0001-01-00-001 or http…/units/…?order=…" })}
                </Field>
                {template === "buy" ? (
                  <Field label="Prepaid storage (days, unsold units)">
                    {input("storageDays", { inputMode: "numeric" })}
                  </Field>
                ) : (
                  <Field label="Days">{input("days", { inputMode: "numeric" })}</Field>
                )}
              </div>
              {saleNote ? <p className="muted small">{saleNote}</p> : null}
            </>
          ) : null}
          {template === "sell" ? (
            <div className="input-row">
              <Field label="Unit (the treasury's)">{input("unit", { placeholder: "S-0001-01-00-001" })}</Field>
              <Field label="Price (MRK)">{input("price", { inputMode: "decimal" })}</Field>
              <Field label="Open for (days after execution)">{input("validDays", { inputMode: "numeric" })}</Field>
            </div>
          ) : null}
          {template === "let" ? (
            <>
              <div className="input-row">
                <Field label="Unit (the treasury's)">{input("unit", { placeholder: "S-0001-01-00-001" })}</Field>
                <Field label="Price a day (MRK)">{input("price", { inputMode: "decimal" })}</Field>
                <Field label="Deposit (MRK, 0 none)">{input("deposit", { inputMode: "decimal" })}</Field>
              </div>
              <div className="input-row">
                <Field label="Shortest lease (days)">{input("minDays", { inputMode: "numeric" })}</Field>
                <Field label="Longest lease (days)">{input("maxDays", { inputMode: "numeric" })}</Field>
                <Field label="Early-end penalty (%)">{input("penalty", { inputMode: "decimal" })}</Field>
                <Field label="Tenant may decorate">
                  <select
                    data-testid="community-build-mayDecorate"
                    value={field("mayDecorate")}
                    onChange={set("mayDecorate")}
                  >
                    <option value="yes">Yes</option>
                    <option value="no">No</option>
                  </select>
                </Field>
                <Field label="Open for (days after execution)">{input("validDays", { inputMode: "numeric" })}</Field>
              </div>
            </>
          ) : null}
          {template === "scene" ? (
            <div className="input-row">
              <Field label="Unit (the community's)">{input("unit", { placeholder: "C-0001-00-00-000" })}</Field>
              <Field label="Scene manifest CID" grow>
                {input("cid", { placeholder: "bafkrei…" })}
              </Field>
            </div>
          ) : null}
          {template === "event" ? (
            <div className="input-row">
              <Field label="Starts (UTC)">{input("startsAt", { type: "datetime-local" })}</Field>
              <Field label="Unit">{input("unit", { placeholder: "C-0001-00-00-000" })}</Field>
              <Field label="Ticket price (MRK, 0 free)">{input("priceText", { inputMode: "decimal" })}</Field>
              <Field label="Capacity">{input("capacity", { inputMode: "numeric" })}</Field>
              <Field label="Metadata URI" grow>
                {input("uri", { placeholder: "ipfs://…" })}
              </Field>
            </div>
          ) : null}
          {template === "distribute" ? (
            <div className="input-row">
              <Field label="MRK to share">{input("amount", { inputMode: "decimal" })}</Field>
              <Field label="Claimable for">{input("claimWindow")}</Field>
              <p className="muted small">
                Shared by the votes members hold now; anyone joining later gets nothing from it.
              </p>
            </div>
          ) : null}
          {template === "setting" ? (
            <div className="input-row">
              <Field label="Setting">
                <select data-testid="community-build-setting" value={field("setting")} onChange={set("setting")}>
                  {SETTING_KINDS.map((kind) => (
                    <option key={kind} value={kind}>
                      {SETTING_WORDS[kind]}
                    </option>
                  ))}
                </select>
              </Field>
              {field("setting") === "joinPolicy" ? (
                <>
                  <Field label="Policy">
                    <select
                      data-testid="community-build-joinPolicy"
                      value={field("joinPolicy")}
                      onChange={set("joinPolicy")}
                    >
                      <option value="Open">Open</option>
                      <option value="Purchase">Sold</option>
                      <option value="InviteOnly">By invitation</option>
                    </select>
                  </Field>
                  {field("joinPolicy") === "Purchase" ? <Field label="Price (MRK)">{input("price")}</Field> : null}
                </>
              ) : (
                <Field label="New value" grow>
                  {input("value", { placeholder: "3d, 20, 0x…" })}
                </Field>
              )}
            </div>
          ) : null}
          {template === "custom" ? (
            <>
              <div className="input-row">
                <Field label="Target" grow>
                  {input("target", { placeholder: "0x…" })}
                </Field>
                <Field label="ETH sent">{input("value", { inputMode: "decimal" })}</Field>
              </div>
              <div className="input-row">
                <Field label="Function (or leave empty and give calldata)" grow>
                  {input("signature", { placeholder: "function setFee(uint256 bps)" })}
                </Field>
                <Field label="Arguments (JSON array)" grow>
                  {input("args", { placeholder: '["250"]' })}
                </Field>
              </div>
              <Field label="Raw calldata (instead of a function)" grow>
                {input("calldata", { placeholder: "0x…" })}
              </Field>
            </>
          ) : null}
          {!built.ok ? (
            <p className="muted" data-testid="community-build-problem">
              {built.message}
            </p>
          ) : null}
        </fieldset>
        <button type="submit" className="button" data-testid="community-build-review" disabled={!built.ok || busy}>
          Review the calls
        </button>
      </form>

      {review ? (
        <div className="economy-form wide" data-testid="community-review">
          <p>
            <strong>If this proposal passes, the treasury will:</strong>
          </p>
          <ol data-testid="community-proposal-words">
            {review.words.map((words, i) => (
              <li key={i}>{words}</li>
            ))}
          </ol>
          <label className="field grow">
            <span>Description (its first line is the title)</span>
            <textarea
              data-testid="community-build-description"
              rows={4}
              value={description}
              disabled={busy}
              onChange={(e) => setDescription(e.target.value)}
            />
          </label>
          {belowThreshold ? (
            <p className="error-text">
              Proposing needs {community.proposalThreshold.toString()} vote(s); you hold {votes.data?.toString()}.
            </p>
          ) : null}
          <div className="input-row">
            <button
              type="button"
              className="button primary"
              data-testid="community-propose"
              disabled={!wallet.canWrite || busy || description.trim() === ""}
              onClick={() => {
                if (!wallet.account) return;
                void run(wallet.account, [
                  {
                    label: "proposal",
                    address: community.governor,
                    abi: governorAbi,
                    functionName: "propose",
                    args: [
                      review.calls.map((c) => c.target),
                      review.calls.map((c) => c.value),
                      review.calls.map((c) => c.calldata),
                      description.trim(),
                    ],
                  },
                ]).then((ok) => {
                  if (!ok) return;
                  setReview(null);
                  setDescription("");
                });
              }}
            >
              Propose
            </button>
            <button type="button" className="button secondary" disabled={busy} onClick={() => setReview(null)}>
              Edit
            </button>
          </div>
          {!wallet.account ? <p className="muted small">Connect a wallet to propose.</p> : null}
        </div>
      ) : null}
      <TransactionStatus status={status} testId="community-propose-status" />
    </section>
  );
}
