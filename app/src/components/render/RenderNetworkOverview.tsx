"use client";
/**
 * `/render`: the machines that render the world — workers and schedulers with their MRK stake,
 * admission (the benchmark and the speed it measured), ratings per renderer version and slashes —
 * and the latest jobs tile by tile. Read from the subgraph, polled, no wallet needed.
 */
import { formatDateTime, formatDuration, formatMrk } from "../../economy/format.ts";
import { useChainNow } from "../../economy/useChainNow.ts";
import { RENDERER_STATE_WORDS, rendererState, renderNetworkTotals } from "../../render/renderNetwork.ts";
import { fetchRenderNetwork } from "../../subgraph/renderClient.ts";
import { shortAddress } from "../shortAddress.ts";
import { RenderJobsList } from "./RenderJobsList.tsx";
import { SubgraphState } from "../city/SubgraphState.tsx";
import { useSubgraphQuery } from "../city/useSubgraphQuery.ts";

export function RenderNetworkOverview() {
  const query = useSubgraphQuery(["render-network"], fetchRenderNetwork);
  const now = useChainNow() ?? BigInt(Math.floor(Date.now() / 1000));
  const renderers = query.data?.renderers ?? [];
  const totals = renderNetworkTotals(renderers);
  return (
    <SubgraphState isError={query.isError} error={query.error} hasData={query.data !== undefined} what="render network">
      <dl className="unit-facts" data-testid="render-totals">
        <div>
          <dt>Workers</dt>
          <dd data-testid="render-workers">
            {totals.workers} ({totals.admittedWorkers} admitted)
          </dd>
        </div>
        <div>
          <dt>Schedulers</dt>
          <dd data-testid="render-schedulers">{totals.schedulers}</dd>
        </div>
        <div>
          <dt>Staked</dt>
          <dd data-testid="render-staked">{formatMrk(totals.staked)}</dd>
        </div>
        <div>
          <dt>Unbonding</dt>
          <dd>{formatMrk(totals.unbonding)}</dd>
        </div>
        <div>
          <dt>Slashed into the rendering fund</dt>
          <dd data-testid="render-slashed">{formatMrk(totals.slashed)}</dd>
        </div>
      </dl>
      {renderers.length === 0 ? (
        <p className="muted" data-testid="render-empty">
          No renderer has registered yet.
        </p>
      ) : (
        <table className="unit-table" data-testid="render-renderers">
          <thead>
            <tr>
              <th scope="col">Renderer</th>
              <th scope="col">State</th>
              <th scope="col">Stake (locked)</th>
              <th scope="col">Benchmark speed</th>
              <th scope="col">Ratings</th>
              <th scope="col">Slashed</th>
            </tr>
          </thead>
          <tbody>
            {renderers.map((row) => {
              const state = rendererState(row, now);
              return (
                <tr key={row.id} data-testid="render-renderer" data-address={row.id} data-state={state}>
                  <td>
                    <code title={row.id}>{shortAddress(row.id)}</code> {row.role}
                  </td>
                  <td>
                    {RENDERER_STATE_WORDS[state]}
                    {state === "unbonding"
                      ? ` (${formatMrk(BigInt(row.unbonding))}, free ${formatDateTime(BigInt(row.withdrawableAt))})`
                      : ""}
                  </td>
                  <td>
                    {formatMrk(BigInt(row.staked))}
                    {BigInt(row.locked) > 0n ? ` (${formatMrk(BigInt(row.locked))} locked)` : ""}
                  </td>
                  <td>{row.speedSeconds !== null ? formatDuration(BigInt(row.speedSeconds)) : "—"}</td>
                  <td>
                    {row.ratings.length === 0
                      ? "—"
                      : row.ratings
                          .map((rating) => `${rating.rating} on ${rating.rendererVersion.slice(0, 10)}…`)
                          .join(", ")}
                  </td>
                  <td>{BigInt(row.slashed) > 0n ? formatMrk(BigInt(row.slashed)) : "—"}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <h2>Jobs</h2>
      <RenderJobsList jobs={query.data?.jobs ?? []} />
    </SubgraphState>
  );
}
