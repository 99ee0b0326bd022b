"use client";
/**
 * A community's proposals, newest first: the calls in words, the votes with their reasons, the
 * quorum at the snapshot and the state, computed from the subgraph and the clock
 * (`communityProposalState`) and confirmed by the governor's `state(id)` once read; then what the
 * state allows: vote For, Against or Abstain with a reason, queue, execute when due, cancel (the
 * guardian at any stage; the proposer while pending, or at any stage once there is no guardian).
 */
import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { useConfig, useReadContract } from "wagmi";
import { readContract } from "wagmi/actions";
import { getAddress, keccak256, toBytes, type Abi } from "viem";
import { communityGovernorAbi } from "@markspace/contracts/abis";
import { PROPOSAL_STATES, type ProposalStateName } from "../../chain/describeEconomyError.ts";
import { useAppConfig } from "../../config/AppConfigContext.tsx";
import type { CommunityDetail, CommunityProposal } from "../../community/communityQueries.ts";
import { describeCommunityCall } from "../../community/describeCommunityCall.ts";
import { describeCommunityError, withCommunityErrors } from "../../community/describeCommunityError.ts";
import { communityProposalState } from "../../community/proposalState.ts";
import type { CommunityContracts } from "../../community/proposalTemplates.ts";
import { formatDateTime } from "../../economy/format.ts";
import { proposalTiming } from "../../economy/proposalTiming.ts";
import { useChainNow } from "../../economy/useChainNow.ts";
import { useTransactionFlow } from "../../economy/useTransactionFlow.ts";
import { useWriteAccount } from "../../economy/useWriteAccount.ts";
import { shortAddress } from "../shortAddress.ts";
import { TransactionStatus } from "../TransactionStatus.tsx";
import { useCommunityContracts } from "./useCommunity.ts";

const governorAbi = withCommunityErrors(communityGovernorAbi as Abi);
const SUPPORT = ["Against", "For", "Abstain"] as const;

export function CommunityProposals({ community }: { community: CommunityDetail }) {
  const { chainId } = useAppConfig();
  const wagmiConfig = useConfig();
  const now = useChainNow();
  const ctx = useCommunityContracts(community);
  const proposals = community.proposals;
  const ids = proposals.map((p) => p.proposalId.toString());
  const states = useQuery({
    queryKey: ["community-proposal-states", chainId, community.governor, ids] as const,
    queryFn: () =>
      Promise.all(
        proposals.map((p) =>
          readContract(wagmiConfig, {
            address: community.governor,
            abi: communityGovernorAbi,
            functionName: "state",
            args: [p.proposalId],
            chainId,
          }).catch(() => undefined),
        ),
      ),
    enabled: proposals.length > 0,
    refetchInterval: 5_000,
  });
  // The quorum is read at the snapshot, which must lie in the past.
  const started = proposals.filter((p) => now !== undefined && p.voteStart < now);
  const quorums = useQuery({
    queryKey: ["community-proposal-quorums", chainId, community.governor, started.map((p) => p.id)] as const,
    queryFn: () =>
      Promise.all(
        started.map((p) =>
          readContract(wagmiConfig, {
            address: community.governor,
            abi: communityGovernorAbi,
            functionName: "quorum",
            args: [p.voteStart],
            chainId,
          }).catch(() => undefined),
        ),
      ),
    enabled: started.length > 0,
  });

  return (
    <section className="economy-section" aria-label="Proposals" data-testid="community-proposals">
      <h2>Proposals</h2>
      {proposals.length === 0 ? <p className="muted">No proposals yet.</p> : null}
      {proposals.map((proposal, i) => {
        const read = states.data?.[i];
        const live = read !== undefined ? PROPOSAL_STATES[Number(read)] : undefined;
        const quorumIndex = started.indexOf(proposal);
        const quorum = quorumIndex >= 0 ? quorums.data?.[quorumIndex] : undefined;
        const computed = now === undefined ? undefined : communityProposalState({ ...proposal, quorum, now });
        return (
          <ProposalCard
            key={proposal.id}
            community={community}
            ctx={ctx}
            proposal={proposal}
            state={live ?? computed}
            live={live !== undefined}
            quorum={quorum}
            now={now}
          />
        );
      })}
    </section>
  );
}

type CardProps = {
  community: CommunityDetail;
  ctx: CommunityContracts;
  proposal: CommunityProposal;
  state: ProposalStateName | undefined;
  live: boolean;
  quorum: bigint | undefined;
  now: bigint | undefined;
};

function ProposalCard({ community, ctx, proposal, state, live, quorum, now }: CardProps) {
  const { chainId } = useAppConfig();
  const wallet = useWriteAccount();
  const { status, run } = useTransactionFlow({ describeError: describeCommunityError });
  const [reason, setReason] = useState("");
  const id = proposal.proposalId.toString();
  const hasVoted = useReadContract({
    address: community.governor,
    abi: communityGovernorAbi,
    functionName: "hasVoted",
    args: wallet.account ? [proposal.proposalId, wallet.account] : undefined,
    chainId,
    query: { enabled: wallet.account !== undefined && state === "Active" },
  });
  const busy = status.state === "pending";
  const callArgs = [proposal.targets, proposal.values, proposal.calldatas, keccak256(toBytes(proposal.description))];
  const send = (label: string, functionName: string, args: readonly unknown[]) => {
    if (wallet.account)
      void run(wallet.account, [{ label, address: community.governor, abi: governorAbi, functionName, args }]);
  };
  const executable = state === "Queued" && proposal.eta !== null && now !== undefined && now >= proposal.eta;
  const me = wallet.account ? getAddress(wallet.account) : undefined;
  const final = state === "Canceled" || state === "Executed" || state === "Expired";
  const mayCancel =
    me !== undefined &&
    state !== undefined &&
    !final &&
    ((community.guardian !== null && me === community.guardian) ||
      (me === proposal.proposer && (state === "Pending" || community.guardian === null)));
  const title = proposal.description.split("\n")[0] ?? "";
  const body = proposal.description.slice(title.length).trim();
  const shown = state ?? "Closed";

  return (
    <article className="proposal" data-testid="community-proposal" data-proposal-id={id} data-state={shown}>
      <header className="proposal-head">
        <h3>
          #{id} {title || "(no description)"}
        </h3>
        <span
          className={`badge state-${shown.toLowerCase()}`}
          data-testid="community-proposal-state"
          data-state={shown}
          data-live={live}
        >
          {state ?? "vote closed; counting"}
        </span>
      </header>
      {body ? <p className="proposal-body">{body}</p> : null}
      <ol className="proposal-calls" data-testid="community-proposal-calls">
        {proposal.targets.map((target, i) => (
          <li key={i}>
            {describeCommunityCall(
              { target, value: proposal.values[i] ?? 0n, calldata: proposal.calldatas[i] ?? "0x" },
              ctx,
            )}
          </li>
        ))}
      </ol>
      <p className="muted small">
        By <code title={proposal.proposer}>{shortAddress(proposal.proposer)}</code> on{" "}
        {formatDateTime(proposal.createdAtTimestamp)}
      </p>
      <dl className="facts compact">
        <div>
          <dt>For</dt>
          <dd data-testid="community-proposal-for">{proposal.forVotes.toString()}</dd>
        </div>
        <div>
          <dt>Against</dt>
          <dd data-testid="community-proposal-against">{proposal.againstVotes.toString()}</dd>
        </div>
        <div>
          <dt>Abstain</dt>
          <dd>{proposal.abstainVotes.toString()}</dd>
        </div>
        <div>
          <dt>Quorum (For + Abstain)</dt>
          <dd>
            {quorum === undefined
              ? "known when voting opens"
              : `${proposal.forVotes + proposal.abstainVotes} of ${quorum}${proposal.forVotes + proposal.abstainVotes >= quorum ? " ✓" : ""}`}
          </dd>
        </div>
        <div>
          <dt>Next</dt>
          <dd data-testid="community-proposal-timing">
            {now === undefined || state === undefined
              ? "…"
              : proposalTiming({
                  state,
                  voteStart: proposal.voteStart,
                  voteEnd: proposal.voteEnd,
                  eta: proposal.eta,
                  now,
                })}
          </dd>
        </div>
      </dl>
      {proposal.votes.length > 0 ? (
        <ul className="proposal-votes" data-testid="community-proposal-votes">
          {proposal.votes.map((v) => (
            <li
              key={v.voter}
              data-testid="community-proposal-vote"
              data-voter={v.voter}
              data-support={SUPPORT[v.support]}
            >
              <code title={v.voter}>{shortAddress(v.voter)}</code> {SUPPORT[v.support] ?? v.support}
              {v.reason ? `: “${v.reason}”` : ""}
            </li>
          ))}
        </ul>
      ) : null}

      {state === "Active" ? (
        hasVoted.data ? (
          <p className="muted" data-testid="community-voted">
            You have voted on this proposal.
          </p>
        ) : (
          <div className="vote-row">
            <label className="field grow">
              <span>Reason (optional, public)</span>
              <input
                data-testid="community-vote-reason"
                value={reason}
                disabled={busy}
                onChange={(event) => setReason(event.target.value)}
              />
            </label>
            {([1, 0, 2] as const).map((support) => (
              <button
                key={support}
                type="button"
                className={support === 1 ? "button" : "button secondary"}
                data-testid={`community-vote-${SUPPORT[support].toLowerCase()}`}
                disabled={!wallet.canWrite || busy}
                onClick={() =>
                  send(`vote ${SUPPORT[support]}`, "castVoteWithReason", [proposal.proposalId, support, reason.trim()])
                }
              >
                {SUPPORT[support]}
              </button>
            ))}
          </div>
        )
      ) : null}
      {state === "Succeeded" ? (
        <button
          type="button"
          className="button"
          data-testid="community-queue"
          disabled={!wallet.canWrite || busy}
          onClick={() => send("queue", "queue", callArgs)}
        >
          Queue in the timelock
        </button>
      ) : null}
      {state === "Queued" ? (
        <button
          type="button"
          className="button"
          data-testid="community-execute"
          disabled={!wallet.canWrite || busy || !executable}
          title={executable ? "Run the proposal's calls" : "The timelock's delay has not passed yet"}
          onClick={() => send("execution", "execute", callArgs)}
        >
          Execute
        </button>
      ) : null}
      {mayCancel ? (
        <button
          type="button"
          className="button secondary"
          data-testid="community-cancel"
          disabled={!wallet.canWrite || busy}
          onClick={() => send("cancellation", "cancel", callArgs)}
        >
          {me === community.guardian ? "Cancel (guardian)" : "Withdraw proposal"}
        </button>
      ) : null}
      {(state === "Active" || state === "Succeeded" || state === "Queued") && !wallet.account ? (
        <p className="muted small">Connect a wallet to act on this proposal.</p>
      ) : null}
      <TransactionStatus status={status} testId={`community-proposal-${id}-status`} />
    </article>
  );
}
