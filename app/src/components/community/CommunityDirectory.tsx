"use client";
/** `/communities`: every community, newest first, 20 a page, with members, treasury and proposals. */
import Link from "next/link";
import { COMMUNITIES_PAGE_SIZE } from "../../community/communityQueries.ts";
import { toErrorView } from "../../errors/MarkspaceAppError.ts";
import { formatEth, formatMrk } from "../../economy/format.ts";
import { ErrorNotice } from "../ErrorNotice.tsx";
import { shortAddress } from "../shortAddress.ts";
import { useCommunities } from "./useCommunity.ts";

const POLICY_WORDS = { InviteOnly: "by invitation", Purchase: "by purchase", Open: "open" } as const;

export function CommunityDirectory({ page }: { page: number }) {
  const query = useCommunities(page);
  if (query.isPending)
    return (
      <p className="muted" role="status">
        Loading communities from the subgraph…
      </p>
    );
  if (query.isError && !query.data)
    return <ErrorNotice title="Communities are unavailable" error={toErrorView(query.error)} />;
  const data = query.data!;
  const rows = data.communities.slice(0, COMMUNITIES_PAGE_SIZE);
  const hasNext = data.communities.length > COMMUNITIES_PAGE_SIZE;
  return (
    <section className="economy-section" aria-label="Communities">
      {rows.length === 0 ? (
        <p className="muted" data-testid="communities-empty">
          {page === 1 ? "No community yet: start the first." : "No communities on this page."}
        </p>
      ) : (
        <table className="unit-table" data-testid="communities-table">
          <thead>
            <tr>
              <th scope="col">Community</th>
              <th scope="col">Members</th>
              <th scope="col">Joining</th>
              <th scope="col">Treasury</th>
              <th scope="col">Proposals</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((c) => (
              <tr key={c.id} data-testid="community-row" data-treasury={c.treasury}>
                <td>
                  <Link href={`/communities/${c.treasury}`} data-testid="community-link">
                    {c.name}
                  </Link>{" "}
                  <span className="muted small">
                    {c.symbol} · <code title={c.treasury}>{shortAddress(c.treasury)}</code>
                  </span>
                </td>
                <td data-testid="community-row-members">{c.memberCount}</td>
                <td>
                  {POLICY_WORDS[c.joinPolicy]}
                  {c.joinPolicy === "Purchase" ? ` (${formatMrk(c.membershipPrice)})` : ""}
                </td>
                <td data-testid="community-row-treasury">
                  {formatMrk(c.mrkBalance)}
                  {c.ethBalance > 0n ? ` · ${formatEth(c.ethBalance)}` : ""}
                </td>
                <td>{c.proposalCount}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <nav className="pager" aria-label="Pages">
        {page > 1 ? (
          <Link href={page === 2 ? "/communities" : `/communities?page=${page - 1}`}>← Newer</Link>
        ) : (
          <span />
        )}
        <span className="muted">
          Page {page} · indexed to block {data._meta.block.number}
        </span>
        {hasNext ? <Link href={`/communities?page=${page + 1}`}>Older →</Link> : <span />}
      </nav>
    </section>
  );
}
