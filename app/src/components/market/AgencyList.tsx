"use client";
/** The agencies that earned fees, most earnings first, and a field to open any address's dashboard. */
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { useQuery } from "@tanstack/react-query";
import { getAddress, isAddress } from "viem";
import { useAppConfig } from "../../config/AppConfigContext.tsx";
import { toErrorView } from "../../errors/MarkspaceAppError.ts";
import { formatMrk } from "../../economy/format.ts";
import { fetchTopAgencies } from "../../subgraph/marketQueries.ts";
import { ErrorNotice } from "../ErrorNotice.tsx";
import { useWalletSession } from "../../chain/walletSession.ts";

export const AGENCIES_POLL_MS = 10_000;

export function AgencyList() {
  const { subgraphUrl } = useAppConfig();
  const { address: connected } = useWalletSession();
  const router = useRouter();
  const [text, setText] = useState("");
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const query = useQuery({
    queryKey: ["top-agencies", subgraphUrl] as const,
    queryFn: ({ signal }) => fetchTopAgencies({ url: subgraphUrl, signal }),
    refetchInterval: AGENCIES_POLL_MS,
  });

  function open(event: FormEvent) {
    event.preventDefault();
    const value = text.trim();
    if (!isAddress(value, { strict: false })) return setProblem(`"${value}" is not an address (0x and 40 hex digits)`);
    router.push(`/agency/${getAddress(value)}`);
  }

  return (
    <>
      <form onSubmit={open} className="input-row economy-section">
        <label className="field grow">
          Open an agency&apos;s dashboard
          <input
            value={text}
            onChange={(event) => setText(event.target.value)}
            placeholder="0x…"
            spellCheck={false}
            data-testid="agency-address-input"
          />
        </label>
        <button type="submit" className="button">
          Open
        </button>
        {connected ? (
          <Link href={`/agency/${connected}`} className="button secondary" style={{ textDecoration: "none" }}>
            Your wallet as an agency
          </Link>
        ) : null}
        {problem ? (
          <p className="error-text" role="alert">
            {problem}
          </p>
        ) : null}
      </form>
      {query.isPending ? (
        <p className="muted" role="status">
          Loading agencies from the subgraph…
        </p>
      ) : query.isError && !query.data ? (
        <ErrorNotice title="Agencies are unavailable" error={toErrorView(query.error)} />
      ) : query.data!.agencies.length === 0 ? (
        <p className="muted" data-testid="agencies-empty">
          No agency has been named in a sale or a rent payment yet.
        </p>
      ) : (
        <table className="unit-table" data-testid="agency-list">
          <thead>
            <tr>
              <th scope="col">Agency</th>
              <th scope="col">Sales brokered</th>
              <th scope="col">From sales</th>
              <th scope="col">From rent</th>
              <th scope="col">In all</th>
            </tr>
          </thead>
          <tbody>
            {query.data!.agencies.map((agency) => (
              <tr key={agency.id} data-testid="agency-row" data-agency={agency.id}>
                <td>
                  <Link href={`/agency/${agency.id}`}>
                    <code>{agency.id}</code>
                  </Link>
                </td>
                <td>{agency.saleCount}</td>
                <td>{formatMrk(agency.saleEarnings, 4)}</td>
                <td>{formatMrk(agency.rentEarnings, 4)}</td>
                <td>{formatMrk(agency.totalEarnings, 4)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
