"use client";
/** The unit page's body: the record from the subgraph (kept fresh) and the 3D scene of its content. */
import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { useConnection } from "wagmi";
import { useAppConfig } from "../config/AppConfigContext.tsx";
import { toErrorView } from "../errors/MarkspaceAppError.ts";
import { UnitScene, useSceneManifest } from "../scene/UnitScene.tsx";
import { fetchUnit } from "../subgraph/subgraphClient.ts";
import type { UnitRecord } from "../subgraph/unitRecord.ts";
import { ErrorNotice } from "./ErrorNotice.tsx";

type Props = { id: string; address: string; initial: UnitRecord | undefined };

export function UnitView({ id, address, initial }: Props) {
  const { subgraphUrl } = useAppConfig();
  const query = useQuery({
    queryKey: ["unit", subgraphUrl, id] as const,
    queryFn: ({ signal }) => fetchUnit({ url: subgraphUrl, id, signal }).then((answer) => answer.unit),
    initialData: initial,
    refetchInterval: 10_000,
  });
  const unit = query.data;

  return (
    <article className="unit-page">
      <header className="unit-header">
        <h1>{address}</h1>
        {unit ? <UnitFacts unit={unit} /> : null}
      </header>
      {query.isError && !unit ? (
        <ErrorNotice title="This unit could not be loaded" error={toErrorView(query.error)}>
          <p className="muted">Retrying…</p>
        </ErrorNotice>
      ) : unit === null ? (
        <div className="notice">
          <p>{address} is not claimed (or not indexed yet).</p>
          <p>
            <Link href="/claim">Claim a unit</Link> · <Link href="/">All units</Link>
          </p>
        </div>
      ) : unit ? (
        <UnitScene contentCid={unit.contentCid} />
      ) : (
        <p className="muted" role="status">
          Loading the unit from the subgraph…
        </p>
      )}
    </article>
  );
}

function UnitFacts({ unit }: { unit: UnitRecord }) {
  const { address } = useConnection();
  const manifest = useSceneManifest(unit.contentCid);
  return (
    <dl className="unit-facts">
      <div>
        <dt>Owner</dt>
        <dd>
          <code>{unit.owner}</code>
          {address === unit.owner ? <span className="badge you">you</span> : null}
        </dd>
      </div>
      <div>
        <dt>Scene</dt>
        <dd>
          {unit.contentCid ? (
            <>
              {manifest.data ? (
                <strong>{manifest.data.name}</strong>
              ) : manifest.isError ? (
                "(manifest unavailable)"
              ) : (
                "…"
              )}{" "}
              <code className="cid">{unit.contentCid}</code>
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
        <dt>Claimed in block</dt>
        <dd>{unit.claimedAtBlock.toString()}</dd>
      </div>
    </dl>
  );
}
