"use client";
/**
 * The unit editor (`/units/<ref>/edit`): loads the unit (subgraph) and its published scene
 * (verified from IPFS, older versions migrated), asks the chain whether the connected account may
 * decorate it (`canDecorate`: the owner, a decorator, or a tenant whose lease lets it decorate),
 * and hands both to the workspace. Editing works without the right — drafts stay in this browser
 * — but publishing is offered only to those the chain would accept; the chain still judges.
 */
import Link from "next/link";
import { useEffect, useState } from "react";
import { useQuery } from "@tanstack/react-query";
import type { SceneManifest } from "@markspace/ipfs/manifest";
import { useReadContract } from "wagmi";
import { unitRegistryAbi } from "@markspace/contracts/abis";
import { decodeUnitId, formatUnitAddress } from "@markspace/contracts/unit-address";
import { useAppConfig } from "../../config/AppConfigContext.tsx";
import { draftKey } from "../../editor/draftStore.ts";
import { toErrorView } from "../../errors/MarkspaceAppError.ts";
import { useChainNow } from "../../economy/useChainNow.ts";
import { useWriteAccount } from "../../economy/useWriteAccount.ts";
import { useUnitMarket } from "../../market/useUnitMarket.ts";
import { useSceneManifest } from "../../scene/UnitScene.tsx";
import { fetchUnitDetail } from "../../subgraph/cityClient.ts";
import { ErrorNotice } from "../ErrorNotice.tsx";
import { EditorWorkspace, type DecorateRight } from "./EditorWorkspace.tsx";

export function UnitEditor({ tokenId }: { tokenId: string }) {
  const { subgraphUrl, contracts, chainId } = useAppConfig();
  const id = BigInt(tokenId);
  const parts = decodeUnitId(id);
  const address = formatUnitAddress(parts);
  const unitQuery = useQuery({
    // The unit page's key: both pages share the record.
    queryKey: ["unit", subgraphUrl, tokenId] as const,
    queryFn: ({ signal }) => fetchUnitDetail({ url: subgraphUrl, tokenId: id, district: parts.district, signal }),
    refetchInterval: 10_000,
  });
  const unit = unitQuery.data?.unit;
  const { account } = useWriteAccount();
  const market = useUnitMarket(id);
  const now = useChainNow();
  const lease = market.data?.unit;
  const leaseRuns = lease?.tenant != null && lease.userExpires != null && now !== undefined && lease.userExpires > now;
  const isTenant = leaseRuns && account !== undefined && lease.tenant?.toLowerCase() === account.toLowerCase();
  // A tenant edits (and publishes) its own scene, starting from the owner's when it has none.
  const contentCid = (isTenant ? lease.tenantContentCid : null) ?? unit?.contentCid ?? null;
  const manifest = useSceneManifest(unit ? contentCid : null);
  // The scene the editor opened with stays its base while it is open: a publish (this one, or
  // someone else's) changes the unit's record, and the workspace must not be swapped under the user.
  const [opened, setOpened] = useState<{ cid: string | null; manifest: SceneManifest }>();
  useEffect(() => {
    if (!opened && unit && manifest.data) setOpened({ cid: contentCid, manifest: manifest.data });
  }, [opened, unit, manifest.data, contentCid]);
  const canDecorate = useReadContract({
    address: contracts.unitRegistry,
    abi: unitRegistryAbi,
    functionName: "canDecorate",
    args: account ? [id, account] : undefined,
    chainId,
    query: { enabled: account !== undefined && unit != null },
  });

  const right: DecorateRight = !account
    ? { state: "no-wallet" }
    : canDecorate.data === undefined
      ? { state: "checking" }
      : !canDecorate.data
        ? { state: "denied" }
        : {
            state: "allowed",
            role:
              unit && account.toLowerCase() === unit.owner.toLowerCase() ? "owner" : isTenant ? "tenant" : "decorator",
          };

  return (
    <article className="unit-page" data-testid="unit-editor" data-unit-id={tokenId} data-address={address}>
      <header className="unit-header">
        <h1>Edit {unit?.name ?? address}</h1>
        <p className="muted">
          <Link href={`/units/${address}`}>Back to the unit</Link> · {address}
        </p>
      </header>
      {unitQuery.isError && !unitQuery.data ? (
        <ErrorNotice title="This unit could not be loaded" error={toErrorView(unitQuery.error)}>
          <p className="muted">Retrying…</p>
        </ErrorNotice>
      ) : !unitQuery.data ? (
        <p className="muted" role="status">
          Loading the unit…
        </p>
      ) : !unit ? (
        <p className="notice" data-testid="editor-unowned">
          Nobody owns {address} yet: buy it on <Link href={`/units/${address}`}>its page</Link> to furnish it.
        </p>
      ) : opened ? (
        <EditorWorkspace
          unitId={id}
          unitAddress={address}
          published={opened.manifest}
          publishedCid={opened.cid}
          draftKey={draftKey(chainId, contracts.unitRegistry, tokenId)}
          right={right}
        />
      ) : manifest.isError ? (
        <ErrorNotice title="The published scene could not be loaded" error={toErrorView(manifest.error)}>
          <button type="button" className="button secondary" onClick={() => void manifest.refetch()}>
            Try again
          </button>
        </ErrorNotice>
      ) : (
        <p className="muted" role="status">
          Loading the published scene from IPFS…
        </p>
      )}
    </article>
  );
}
