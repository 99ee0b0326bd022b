"use client";
/**
 * Revenue shared with the members (`CommunityDistributions`): each distribution's amount, the
 * timepoint whose votes share it, what was claimed and until when; the connected account's share
 * (`claimableOf`) and a claim button.
 */
import { useReadContract } from "wagmi";
import type { Abi } from "viem";
import { communityDistributionsAbi } from "@markspace/contracts/abis";
import { useAppConfig } from "../../config/AppConfigContext.tsx";
import type { CommunityDetail } from "../../community/communityQueries.ts";
import { describeCommunityError, withCommunityErrors } from "../../community/describeCommunityError.ts";
import { formatDateTime, formatMrk } from "../../economy/format.ts";
import { useTransactionFlow } from "../../economy/useTransactionFlow.ts";
import { useWriteAccount } from "../../economy/useWriteAccount.ts";
import { TransactionStatus } from "../TransactionStatus.tsx";

const distributionsAbi = withCommunityErrors(communityDistributionsAbi as Abi);
type Distribution = CommunityDetail["distributions"][number];

export function CommunityDistributions({ community }: { community: CommunityDetail }) {
  return (
    <section className="economy-section" aria-label="Distributions" data-testid="community-distributions">
      <h2>Distributions</h2>
      {community.distributions.length === 0 ? (
        <p className="muted">No revenue shared yet: a proposal distributes MRK to the members by their votes.</p>
      ) : (
        community.distributions.map((d) => <DistributionCard key={d.id} distribution={d} />)
      )}
    </section>
  );
}

function DistributionCard({ distribution: d }: { distribution: Distribution }) {
  const { chainId, contracts } = useAppConfig();
  const wallet = useWriteAccount();
  const { status, run } = useTransactionFlow({ describeError: describeCommunityError });
  const claimable = useReadContract({
    address: contracts.communityDistributions,
    abi: communityDistributionsAbi,
    functionName: "claimableOf",
    args: wallet.account ? [d.distributionId, wallet.account] : undefined,
    chainId,
    query: { enabled: wallet.account !== undefined, refetchInterval: 5_000 },
  });
  const claimed = wallet.account
    ? d.claims.find((c) => c.account.toLowerCase() === wallet.account!.toLowerCase())
    : undefined;
  const busy = status.state === "pending";
  return (
    <article
      className="proposal"
      data-testid="community-distribution"
      data-distribution-id={d.distributionId.toString()}
    >
      <p>
        <strong>{formatMrk(d.amount)}</strong> shared by the {d.totalVotes.toString()} votes at{" "}
        {formatDateTime(d.timepoint)}; {formatMrk(d.claimed)} claimed by {d.claimCount}, claimable until{" "}
        {formatDateTime(d.claimUntil)}
        {d.reclaimed > 0n ? `; ${formatMrk(d.reclaimed)} went back to the treasury` : ""}.
      </p>
      {claimed ? (
        <p className="muted">You claimed {formatMrk(claimed.amount)}.</p>
      ) : claimable.data !== undefined && claimable.data > 0n ? (
        <button
          type="button"
          className="button"
          data-testid="community-distribution-claim"
          disabled={!wallet.canWrite || busy}
          onClick={() =>
            wallet.account &&
            void run(wallet.account, [
              {
                label: "claim",
                address: contracts.communityDistributions,
                abi: distributionsAbi,
                functionName: "claim",
                args: [d.distributionId],
              },
            ])
          }
        >
          Claim your {formatMrk(claimable.data)}
        </button>
      ) : wallet.account ? (
        <p className="muted small">Nothing for you to claim (no vote at the timepoint, or the window has closed).</p>
      ) : null}
      <TransactionStatus status={status} testId={`community-distribution-${d.distributionId}-status`} />
    </article>
  );
}
