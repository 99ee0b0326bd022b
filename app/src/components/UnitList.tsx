"use client";
/**
 * The list of claimed units, newest first, read from the subgraph in the browser and polled so
 * new claims appear by themselves. Works without a wallet; marks the connected account's units.
 */
import Link from "next/link";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useAppConfig } from "../config/AppConfigContext.tsx";
import { toErrorView } from "../errors/MarkspaceAppError.ts";
import { fetchUnitsPage } from "../subgraph/subgraphClient.ts";
import { ErrorNotice } from "./ErrorNotice.tsx";
import { shortAddress } from "./shortAddress.ts";
import { useWalletSession } from "../chain/walletSession.ts";

export const UNIT_LIST_POLL_MS = 3_000;

export function unitsPageQueryKey(subgraphUrl: string, page: number) {
  return ["units-page", subgraphUrl, page] as const;
}

export function UnitList({ page }: { page: number }) {
  const { subgraphUrl } = useAppConfig();
  const { address } = useWalletSession();
  const query = useQuery({
    queryKey: unitsPageQueryKey(subgraphUrl, page),
    queryFn: ({ signal }) => fetchUnitsPage({ url: subgraphUrl, page, signal }),
    refetchInterval: UNIT_LIST_POLL_MS,
    placeholderData: keepPreviousData,
  });

  if (query.isPending)
    return (
      <p className="muted" role="status">
        Loading units from the subgraph…
      </p>
    );
  if (query.isError && !query.data) {
    return (
      <ErrorNotice title="The unit list is unavailable" error={toErrorView(query.error)}>
        <p className="muted">Retrying every few seconds.</p>
      </ErrorNotice>
    );
  }
  const data = query.data;
  if (!data) return null;

  return (
    <section aria-label="Units">
      {query.isError ? <ErrorNotice title="Showing the last list received" error={toErrorView(query.error)} /> : null}
      {data.hasIndexingErrors ? (
        <div className="notice warning" role="alert">
          The subgraph reports an indexing error; the list may be out of date.
        </div>
      ) : null}
      {data.units.length === 0 ? (
        <p className="muted">
          {page === 1 ? (
            <>
              No unit has been claimed yet. <Link href="/claim">Claim the first one.</Link>
            </>
          ) : (
            <>
              No units on this page. <Link href="/">Back to the first page.</Link>
            </>
          )}
        </p>
      ) : (
        <table className="unit-table">
          <thead>
            <tr>
              <th scope="col">Unit</th>
              <th scope="col">Owner</th>
              <th scope="col">Scene</th>
              <th scope="col">Claimed in block</th>
            </tr>
          </thead>
          <tbody>
            {data.units.map((unit) => (
              <tr key={unit.id} data-testid="unit-row" data-unit-id={unit.id}>
                <td>
                  <Link href={`/units/${unit.id}`} className="unit-address">
                    {unit.address}
                  </Link>
                </td>
                <td>
                  <code title={unit.owner}>{shortAddress(unit.owner)}</code>
                  {address && address === unit.owner ? <span className="badge you">you</span> : null}
                </td>
                <td>
                  {unit.contentCid ? (
                    <span className="badge content">furnished</span>
                  ) : (
                    <span className="badge empty">empty</span>
                  )}
                </td>
                <td>{unit.claimedAtBlock.toString()}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <nav className="pager" aria-label="Pages">
        {page > 1 ? <Link href={page === 2 ? "/" : `/?page=${page - 1}`}>← Newer</Link> : <span />}
        <span className="muted">
          Page {page} · indexed to block {data.indexedBlock}
        </span>
        {data.hasNextPage ? <Link href={`/?page=${page + 1}`}>Older →</Link> : <span />}
      </nav>
    </section>
  );
}
