"use client";
/**
 * Platform governance: the settings, every parameter with its description, unit, bounds and
 * current value, the new-proposal form and the proposals with their live state. Read from the
 * subgraph (values refresh after each indexed transaction) and the governor over RPC.
 */
import { useQuery } from "@tanstack/react-query";
import { PLATFORM_PARAMETERS } from "@markspace/contracts/parameters";
import { useAppConfig } from "../config/AppConfigContext.tsx";
import { toErrorView } from "../errors/MarkspaceAppError.ts";
import { formatDuration, formatWmrk } from "../economy/format.ts";
import { fetchGovernance } from "../subgraph/economyClient.ts";
import type { Parameter } from "../subgraph/economyQueries.ts";
import { ErrorNotice } from "./ErrorNotice.tsx";
import { NewProposalForm } from "./NewProposalForm.tsx";
import { ProposalList } from "./ProposalList.tsx";

export const GOVERNANCE_POLL_MS = 5_000;

export function governanceQueryKey(subgraphUrl: string) {
  return ["governance", subgraphUrl] as const;
}

/** A parameter as the page lists it: the definition from the contracts package, the value from the subgraph. */
export type ListedParameter = {
  name: string;
  description: string;
  unit: string;
  min: bigint;
  max: bigint;
  value: bigint | undefined;
};

function listParameters(indexed: readonly Parameter[]): ListedParameter[] {
  const known = PLATFORM_PARAMETERS.map((p) => {
    const row = indexed.find((i) => i.name === p.name);
    return {
      name: p.name,
      description: p.description,
      unit: p.unit,
      min: row?.min ?? p.min,
      max: row?.max ?? p.max,
      value: row?.value,
    };
  });
  const extra = indexed
    .filter((i) => !PLATFORM_PARAMETERS.some((p) => p.name === i.name))
    .map((i) => ({ name: i.name, description: "", unit: "", min: i.min, max: i.max, value: i.value }));
  return [...known, ...extra];
}

export function GovernanceOverview() {
  const { subgraphUrl } = useAppConfig();
  const query = useQuery({
    queryKey: governanceQueryKey(subgraphUrl),
    queryFn: ({ signal }) => fetchGovernance({ url: subgraphUrl, signal }),
    refetchInterval: GOVERNANCE_POLL_MS,
  });

  if (query.isPending)
    return (
      <p className="muted" role="status">
        Loading governance from the subgraph…
      </p>
    );
  if (query.isError && !query.data)
    return <ErrorNotice title="Governance is unavailable" error={toErrorView(query.error)} />;
  const data = query.data!;
  const governance = data.governance;
  const parameters = listParameters(data.parameters);

  return (
    <>
      {governance ? (
        <section className="economy-section" aria-label="Settings">
          <dl className="facts">
            <div>
              <dt>Voting opens after</dt>
              <dd>{formatDuration(governance.votingDelay)}</dd>
            </div>
            <div>
              <dt>Voting lasts</dt>
              <dd>{formatDuration(governance.votingPeriod)}</dd>
            </div>
            <div>
              <dt>Timelock</dt>
              <dd>{formatDuration(governance.timelockDelay)}</dd>
            </div>
            <div>
              <dt>To propose</dt>
              <dd>{formatWmrk(governance.proposalThreshold, 0)} of votes</dd>
            </div>
            <div>
              <dt>Quorum</dt>
              <dd>{governance.quorumNumerator.toString()} % of wrapped MRK</dd>
            </div>
            <div>
              <dt>Wrapped MRK</dt>
              <dd>{formatWmrk(governance.wrappedSupply, 0)}</dd>
            </div>
          </dl>
        </section>
      ) : null}

      <section className="economy-section" aria-label="Parameters">
        <h2>Platform parameters</h2>
        <table className="unit-table">
          <thead>
            <tr>
              <th scope="col">Parameter</th>
              <th scope="col">Value</th>
              <th scope="col">Bounds</th>
            </tr>
          </thead>
          <tbody>
            {parameters.map((p) => (
              <tr key={p.name} data-testid={`gov-param-${p.name}`}>
                <td>
                  <code>{p.name}</code>
                  {p.description ? <div className="muted small">{p.description}</div> : null}
                </td>
                <td>
                  <strong data-testid={`gov-param-${p.name}-value`}>{p.value?.toString() ?? "—"}</strong> {p.unit}
                </td>
                <td>
                  {p.min.toString()} – {p.max.toString()} {p.unit}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="muted small">Indexed to block {data._meta.block.number}.</p>
      </section>

      <NewProposalForm parameters={parameters} threshold={governance?.proposalThreshold} />
      <ProposalList proposals={data.proposals} />
    </>
  );
}
