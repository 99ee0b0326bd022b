"use client";
/**
 * The unit page's body. Owned units: the record from the subgraph (kept fresh), the scene (hidden
 * when private to the viewer or when storage lapsed), storage anyone may pay, and the owner's
 * panel. A unit the subgraph does not have: asks the chain whether it is owned — then it was just
 * bought and shows "indexing…" until the subgraph catches up — or else offers to buy it.
 */
import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { useReadContract } from "wagmi";
import { zeroAddress } from "viem";
import { unitRegistryAbi } from "@markspace/contracts/abis";
import { decodeUnitId, formatUnitAddress, SPACES } from "@markspace/contracts/unit-address";
import { useAppConfig } from "../config/AppConfigContext.tsx";
import { toErrorView } from "../errors/MarkspaceAppError.ts";
import { formatDateTime } from "../economy/format.ts";
import { useChainNow } from "../economy/useChainNow.ts";
import { useWriteAccount } from "../economy/useWriteAccount.ts";
import { useUnitMarket } from "../market/useUnitMarket.ts";
import { UnitScene, useSceneManifest } from "../scene/UnitScene.tsx";
import { fetchUnitDetail, type UnitPageData } from "../subgraph/cityClient.ts";
import type { UnitDetail } from "../subgraph/unitDetail.ts";
import { CityBreadcrumbs } from "./city/CityBreadcrumbs.tsx";
import { CommunityOwnerBadge } from "./community/CommunityOwnerBadge.tsx";
import { LandPurchaseForm } from "./city/LandPurchaseForm.tsx";
import { OwnerPanel } from "./city/OwnerPanel.tsx";
import { StoragePanel } from "./city/StoragePanel.tsx";
import { UnitExitsNav } from "./city/UnitExitsNav.tsx";
import { ErrorNotice } from "./ErrorNotice.tsx";
import { UnitMarketPanel } from "./market/UnitMarketPanel.tsx";
import { PrerenderedView } from "./render/PrerenderedView.tsx";

type Props = {
  /** Token id, decimal. */
  tokenId: string;
  /** The name the page was opened by, if any. */
  name?: string;
  initial?: UnitPageData | undefined;
};

export function UnitView({ tokenId, name, initial }: Props) {
  const { subgraphUrl, contracts, chainId } = useAppConfig();
  const id = BigInt(tokenId);
  const parts = decodeUnitId(id);
  const address = formatUnitAddress(parts);
  const query = useQuery({
    queryKey: ["unit", subgraphUrl, tokenId] as const,
    queryFn: ({ signal }) => fetchUnitDetail({ url: subgraphUrl, tokenId: id, district: parts.district, signal }),
    initialData: initial,
    // Poll fast while the unit is missing: it may have just been bought.
    refetchInterval: (q) => (q.state.data?.unit ? 10_000 : 1_500),
  });
  const data = query.data;
  const unit = data?.unit;
  // The chain knows an owner before the subgraph has indexed the purchase.
  const chainOwner = useReadContract({
    address: contracts.unitRegistry,
    abi: unitRegistryAbi,
    functionName: "ownerOf",
    args: [id],
    chainId,
    query: { enabled: data !== undefined && unit === null, refetchInterval: 1_500, retry: false },
  });
  const [buying, setBuying] = useState(false);
  const place = parts.space === SPACES.interior ? parts : { ...parts, floor: undefined };
  const closed = data !== undefined && (!data.district || parts.neighbourhood >= data.district.neighbourhoods);

  return (
    <article className="unit-page" data-testid="unit-page" data-unit-id={tokenId} data-address={address}>
      <CityBreadcrumbs place={place} unit={address} />
      <header className="unit-header">
        <h1>{unit?.name ?? name ?? address}</h1>
        {unit?.name || name ? <p className="muted">{address}</p> : null}
        {unit ? <UnitFacts unit={unit} /> : null}
        <UnitExitsNav parts={parts} />
      </header>
      {query.isError && data === undefined ? (
        <ErrorNotice title="This unit could not be loaded" error={toErrorView(query.error)}>
          <p className="muted">Retrying…</p>
        </ErrorNotice>
      ) : data === undefined ? (
        <p className="muted" role="status">
          Loading the unit from the subgraph…
        </p>
      ) : closed ? (
        <p className="notice" data-testid="unit-closed">
          {address} is in a district or neighbourhood that is not open, so nobody can own it yet.
        </p>
      ) : unit ? (
        <OwnedUnit unit={unit} />
      ) : (
        <>
          {chainOwner.data ? (
            <p className="notice" role="status" data-testid="unit-indexing" data-owner={chainOwner.data}>
              Owned by <code>{chainOwner.data}</code> — indexing… The page shows the unit as soon as the subgraph has
              it.
            </p>
          ) : (
            <p className="notice" data-testid="unit-free">
              {address} is free: nobody owns it yet.
            </p>
          )}
          {!chainOwner.data || buying ? (
            <div onClickCapture={() => setBuying(true)}>
              <LandPurchaseForm
                kind="unit"
                targetId={id}
                unitType={parts.space === SPACES.external ? "External" : data.district!.unitType}
                title={address}
                testIdPrefix="unit-buy"
              />
            </div>
          ) : null}
        </>
      )}
    </article>
  );
}

/** The unit's tenant while its lease runs (the lease ends by itself at `userExpires`), from the subgraph. */
function useTenant(unit: UnitDetail) {
  const market = useUnitMarket(unit.tokenId);
  const now = useChainNow();
  const record = market.data?.unit;
  if (!record?.tenant || !record.userExpires || now === undefined || record.userExpires <= now) return undefined;
  return { tenant: record.tenant, expires: record.userExpires, contentCid: record.tenantContentCid };
}

function OwnedUnit({ unit }: { unit: UnitDetail }) {
  const { contracts, chainId } = useAppConfig();
  const { account } = useWriteAccount();
  const now = useChainNow();
  const tenant = useTenant(unit);
  // While a lease runs, a scene the tenant set shows instead of the owner's.
  const contentCid = tenant?.contentCid ?? unit.contentCid;
  const canVisit = useReadContract({
    address: contracts.unitRegistry,
    abi: unitRegistryAbi,
    functionName: "canVisit",
    args: [unit.tokenId, account ?? zeroAddress],
    chainId,
    query: { enabled: unit.privacy === "Private" },
  });
  const lapsed = now !== undefined && unit.storagePaidUntil <= now;
  const hidden = unit.privacy === "Private" && canVisit.data !== true;
  return (
    <>
      {hidden ? (
        <p className="notice" data-testid="unit-private">
          This unit is private: its owner shows the scene only to decorators and invited visitors.
          {account ? "" : " Connect a wallet if you are one of them."}
        </p>
      ) : lapsed ? (
        <>
          <p className="notice warning" data-testid="unit-lapsed">
            Storage lapsed on {formatDateTime(unit.storagePaidUntil)}: the scene is hidden until someone pays storage
            (anyone may, below).
          </p>
          <UnitScene contentCid={null} />
        </>
      ) : (
        <>
          <UnitScene contentCid={contentCid} />
          {contentCid ? <PrerenderedView contentCid={contentCid} /> : null}
        </>
      )}
      <StoragePanel unit={unit} />
      <OwnerPanel unit={unit} />
      <UnitMarketPanel unit={unit} />
    </>
  );
}

function UnitFacts({ unit }: { unit: UnitDetail }) {
  const { account } = useWriteAccount();
  const tenant = useTenant(unit);
  const contentCid = tenant?.contentCid ?? unit.contentCid;
  const manifest = useSceneManifest(contentCid);
  const now = useChainNow();
  const lapsed = now !== undefined && unit.storagePaidUntil <= now;
  return (
    <dl className="unit-facts">
      <div>
        <dt>Owner</dt>
        <dd data-testid="unit-owner" data-address={unit.owner}>
          <code>{unit.owner}</code>
          <CommunityOwnerBadge owner={unit.owner} />
          {account === unit.owner ? <span className="badge you">you</span> : null}
          {unit.inRange ? <span className="muted"> (with its whole floor)</span> : null}
        </dd>
      </div>
      {tenant ? (
        <div>
          <dt>Tenant</dt>
          <dd data-testid="unit-tenant" data-address={tenant.tenant} data-expires={tenant.expires.toString()}>
            <code>{tenant.tenant}</code>
            {account === tenant.tenant ? <span className="badge you">you</span> : null} until{" "}
            <span data-testid="unit-tenant-expires">{formatDateTime(tenant.expires)}</span>
          </dd>
        </div>
      ) : null}
      <div>
        <dt>Type</dt>
        <dd data-testid="unit-type">
          {unit.unitType}
          {unit.rooms > 0 ? ` · ${unit.rooms} extra room${unit.rooms === 1 ? "" : "s"}` : ""} · {unit.privacy}
        </dd>
      </div>
      <div>
        <dt>Scene</dt>
        <dd data-testid="unit-content" data-cid={contentCid ?? ""} data-tenant={tenant?.contentCid ? "true" : "false"}>
          {contentCid ? (
            <>
              {manifest.data ? (
                <strong>{manifest.data.name}</strong>
              ) : manifest.isError ? (
                "(manifest unavailable)"
              ) : (
                "…"
              )}{" "}
              <code className="cid">{contentCid}</code>
              {tenant?.contentCid ? <span className="muted"> (the tenant&apos;s)</span> : null}
            </>
          ) : (
            "None yet: an empty room"
          )}
        </dd>
      </div>
      {manifest.data?.description ? (
        <div>
          <dt>About</dt>
          <dd>{manifest.data.description}</dd>
        </div>
      ) : null}
      <div>
        <dt>Storage</dt>
        <dd data-testid="unit-storage" data-lapsed={lapsed ? "true" : "false"}>
          {lapsed ? "lapsed on " : "paid until "}
          {formatDateTime(unit.storagePaidUntil)}
        </dd>
      </div>
      {unit.decorator ? (
        <div>
          <dt>Decorator</dt>
          <dd>
            <code>{unit.decorator}</code>
          </dd>
        </div>
      ) : null}
    </dl>
  );
}
