"use client";
/**
 * A community's page: its settings, members and delegation, treasury (balances, units, donations,
 * movements), events and tickets, distributions, and proposals with the builder. Read from the
 * subgraph (polled) and, for the connected account, from the chain.
 */
import Link from "next/link";
import type { Address } from "viem";
import { toErrorView } from "../../errors/MarkspaceAppError.ts";
import { formatDuration, formatMrk } from "../../economy/format.ts";
import { ErrorNotice } from "../ErrorNotice.tsx";
import { CommunityEvents } from "./CommunityEvents.tsx";
import { CommunityDistributions } from "./CommunityDistributions.tsx";
import { CommunityMembers } from "./CommunityMembers.tsx";
import { CommunityProposals } from "./CommunityProposals.tsx";
import { CommunityTreasury } from "./CommunityTreasury.tsx";
import { ProposalBuilder } from "./ProposalBuilder.tsx";
import { useCommunity } from "./useCommunity.ts";

const POLICY_WORDS = { InviteOnly: "by invitation", Purchase: "by purchase", Open: "open to anyone" } as const;

export function CommunityView({ treasury }: { treasury: Address }) {
  const query = useCommunity(treasury);
  if (query.isPending)
    return (
      <p className="muted" role="status">
        Loading the community from the subgraph…
      </p>
    );
  if (query.isError && !query.data)
    return <ErrorNotice title="The community is unavailable" error={toErrorView(query.error)} />;
  const { community, units } = query.data!;
  if (!community) {
    return (
      <>
        <h1>Community</h1>
        <p className="notice" data-testid="community-missing">
          No community has its treasury at <code>{treasury}</code> (yet: a community created a moment ago appears once
          the subgraph has indexed it). <Link href="/communities">All communities</Link>
        </p>
      </>
    );
  }
  return (
    <div data-testid="community-page" data-treasury={community.treasury}>
      <h1 data-testid="community-name">{community.name}</h1>
      <p className="lede">
        {community.symbol} · treasury <code data-testid="community-treasury">{community.treasury}</code> ·{" "}
        <Link href="/communities">all communities</Link>
      </p>
      <section className="economy-section" aria-label="Settings">
        <dl className="facts">
          <div>
            <dt>Members</dt>
            <dd data-testid="community-member-count">{community.memberCount}</dd>
          </div>
          <div>
            <dt>Joining</dt>
            <dd>
              {POLICY_WORDS[community.joinPolicy]}
              {community.joinPolicy === "Purchase" ? ` for ${formatMrk(community.membershipPrice)}` : ""}
            </dd>
          </div>
          <div>
            <dt>Voting opens after</dt>
            <dd>{formatDuration(community.votingDelay)}</dd>
          </div>
          <div>
            <dt>Voting lasts</dt>
            <dd>{formatDuration(community.votingPeriod)}</dd>
          </div>
          <div>
            <dt>Quorum</dt>
            <dd>{community.quorumPercent.toString()} % of the members</dd>
          </div>
          <div>
            <dt>To propose</dt>
            <dd>{community.proposalThreshold.toString()} membership(s)</dd>
          </div>
          <div>
            <dt>Timelock</dt>
            <dd>{formatDuration(community.timelockDelay)}</dd>
          </div>
          <div>
            <dt>Guardian</dt>
            <dd>{community.guardian ? <code>{community.guardian}</code> : "none"}</dd>
          </div>
        </dl>
        <p className="muted small">
          Governor <code>{community.governor}</code> · membership <code>{community.membership}</code> · indexed to block{" "}
          {query.data!._meta.block.number}
        </p>
      </section>
      <CommunityMembers community={community} />
      <CommunityTreasury community={community} units={units} />
      <CommunityEvents community={community} />
      <CommunityDistributions community={community} />
      <CommunityProposals community={community} />
      <ProposalBuilder community={community} />
    </div>
  );
}
