"use client";
/**
 * The proposals, newest first, each with its live state from the governor (`state(id)`; the
 * subgraph only knows the states events set), the votes, the quorum at its snapshot, the time
 * left in its current state, and the actions that state allows: vote, queue, execute.
 */
import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { useConfig, useReadContract } from "wagmi";
import { readContract } from "wagmi/actions";
import { keccak256, toBytes, type Abi } from "viem";
import { markGovernorAbi } from "@markspace/contracts/abis";
import { PROPOSAL_STATES, type ProposalStateName } from "../chain/describeEconomyError.ts";
import { useAppConfig } from "../config/AppConfigContext.tsx";
import { formatDateTime, formatWmrk } from "../economy/format.ts";
import { describeProposalCall } from "../economy/proposalCalls.ts";
import { proposalTiming } from "../economy/proposalTiming.ts";
import { useChainNow } from "../economy/useChainNow.ts";
import { useTransactionFlow } from "../economy/useTransactionFlow.ts";
import { useWriteAccount } from "../economy/useWriteAccount.ts";
import type { Proposal } from "../subgraph/economyQueries.ts";
import { shortAddress } from "./shortAddress.ts";
import { TransactionStatus } from "./TransactionStatus.tsx";

const STATE_POLL_MS = 5_000;

/** The state the subgraph's last event implies, for when the RPC read is not there yet. */
function fallbackState(proposal: Proposal): ProposalStateName {
  const map = { PENDING: "Pending", QUEUED: "Queued", EXECUTED: "Executed", CANCELED: "Canceled" } as const;
  return map[proposal.lastEventState];
}

export function ProposalList({ proposals }: { proposals: readonly Proposal[] }) {
  const { contracts, chainId } = useAppConfig();
  const now = useChainNow();
  const wagmiConfig = useConfig();
  const ids = proposals.map((p) => p.id);
  const states = useQuery({
    queryKey: ["proposal-states", chainId, contracts.markGovernor, ids] as const,
    queryFn: () =>
      Promise.all(
        proposals.map((p) =>
          readContract(wagmiConfig, {
            address: contracts.markGovernor,
            abi: markGovernorAbi,
            functionName: "state",
            args: [p.proposalId],
            chainId,
          }).catch(() => undefined),
        ),
      ),
    enabled: proposals.length > 0,
    refetchInterval: STATE_POLL_MS,
  });
  // The quorum is read at the proposal's snapshot, which must lie in the past.
  const started = proposals.filter((p) => now !== undefined && p.voteStart < now);
  const quorums = useQuery({
    queryKey: ["proposal-quorums", chainId, contracts.markGovernor, started.map((p) => p.id)] as const,
    queryFn: () =>
      Promise.all(
        started.map((p) =>
          readContract(wagmiConfig, {
            address: contracts.markGovernor,
            abi: markGovernorAbi,
            functionName: "quorum",
            args: [p.voteStart],
            chainId,
          }).catch(() => undefined),
        ),
      ),
    enabled: started.length > 0,
  });

  return (
    <section className="economy-section" aria-label="Proposals">
      <h2>Proposals</h2>
      {proposals.length === 0 ? <p className="muted">No proposals yet.</p> : null}
      {proposals.map((proposal, i) => {
        const read = states.data?.[i];
        const stateIndex = read !== undefined ? Number(read) : undefined;
        const state = stateIndex !== undefined ? (PROPOSAL_STATES[stateIndex] ?? fallbackState(proposal)) : undefined;
        const quorumIndex = started.indexOf(proposal);
        const quorum = quorumIndex >= 0 ? quorums.data?.[quorumIndex] : undefined;
        return (
          <ProposalCard
            key={proposal.id}
            proposal={proposal}
            state={state ?? fallbackState(proposal)}
            live={state !== undefined}
            quorum={quorum}
            now={now}
          />
        );
      })}
    </section>
  );
}

type CardProps = {
  proposal: Proposal;
  state: ProposalStateName;
  /** Whether `state` came from the governor (else from the subgraph's last event). */
  live: boolean;
  quorum: bigint | undefined;
  now: bigint | undefined;
};

function ProposalCard({ proposal, state, live, quorum, now }: CardProps) {
  const { contracts, chainId } = useAppConfig();
  const wallet = useWriteAccount();
  const { status, run } = useTransactionFlow();
  const [reason, setReason] = useState("");
  const id = proposal.id;
  const hasVoted = useReadContract({
    address: contracts.markGovernor,
    abi: markGovernorAbi,
    functionName: "hasVoted",
    args: wallet.account ? [proposal.proposalId, wallet.account] : undefined,
    chainId,
    query: { enabled: wallet.account !== undefined && state === "Active" },
  });
  const busy = status.state === "pending";
  const descriptionHash = keccak256(toBytes(proposal.description));
  const callArgs = [proposal.targets, proposal.values, proposal.calldatas, descriptionHash] as const;
  const executable = state === "Queued" && (proposal.eta === null || (now !== undefined && now >= proposal.eta));
  const title = proposal.description.split("\n")[0] ?? "";

  const send = (label: string, functionName: string, args: readonly unknown[]) => {
    if (!wallet.account) return;
    void run(wallet.account, [
      { label, address: contracts.markGovernor, abi: markGovernorAbi as Abi, functionName, args },
    ]);
  };
  const vote = (support: 0 | 1 | 2) =>
    send(`vote ${["Against", "For", "Abstain"][support]}`, "castVoteWithReason", [
      proposal.proposalId,
      support,
      reason.trim(),
    ]);
  const counted = proposal.forVotes + proposal.abstainVotes;
  const isProposer =
    wallet.account !== undefined && wallet.account.toLowerCase() === proposal.proposer.id.toLowerCase();

  return (
    <article className="proposal" data-testid={`gov-proposal-${id}`} data-state={state}>
      <header className="proposal-head">
        <h3>{title || "(no description)"}</h3>
        <span
          className={`badge state-${state.toLowerCase()}`}
          data-testid={`gov-proposal-${id}-state`}
          data-state={state}
          data-live={live}
        >
          {state}
        </span>
      </header>
      {proposal.description.includes("\n") ? <p className="proposal-body">{proposal.description}</p> : null}
      <ul className="proposal-calls">
        {proposal.targets.map((target, i) => (
          <li key={i}>
            {describeProposalCall(
              { target, value: proposal.values[i] ?? 0n, calldata: proposal.calldatas[i] ?? "0x" },
              contracts,
            )}
          </li>
        ))}
      </ul>
      <p className="muted small">
        By <code title={proposal.proposer.id}>{shortAddress(proposal.proposer.id)}</code> on{" "}
        {formatDateTime(proposal.createdAtTimestamp)} · id <code title={id}>{shortAddress(id)}</code>
      </p>
      <dl className="facts compact">
        <div>
          <dt>For</dt>
          <dd data-testid={`gov-proposal-${id}-for`}>{formatWmrk(proposal.forVotes, 2)}</dd>
        </div>
        <div>
          <dt>Against</dt>
          <dd data-testid={`gov-proposal-${id}-against`}>{formatWmrk(proposal.againstVotes, 2)}</dd>
        </div>
        <div>
          <dt>Abstain</dt>
          <dd data-testid={`gov-proposal-${id}-abstain`}>{formatWmrk(proposal.abstainVotes, 2)}</dd>
        </div>
        <div>
          <dt>Quorum (For + Abstain)</dt>
          <dd data-testid={`gov-proposal-${id}-quorum`}>
            {quorum === undefined
              ? "known when voting opens"
              : `${formatWmrk(counted, 0)} of ${formatWmrk(quorum, 0)}${counted >= quorum ? " ✓" : ""}`}
          </dd>
        </div>
        <div>
          <dt>Next</dt>
          <dd data-testid={`gov-proposal-${id}-timing`}>
            {now === undefined
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

      {state === "Active" ? (
        hasVoted.data ? (
          <p className="muted" data-testid="gov-voted">
            You have voted on this proposal.
          </p>
        ) : (
          <div className="vote-row">
            <label className="field grow">
              <span>Reason (optional, public)</span>
              <input
                data-testid="gov-vote-reason"
                value={reason}
                disabled={busy}
                onChange={(event) => setReason(event.target.value)}
              />
            </label>
            <button
              type="button"
              className="button"
              data-testid="gov-vote-for"
              disabled={!wallet.canWrite || busy}
              onClick={() => vote(1)}
            >
              For
            </button>
            <button
              type="button"
              className="button secondary"
              data-testid="gov-vote-against"
              disabled={!wallet.canWrite || busy}
              onClick={() => vote(0)}
            >
              Against
            </button>
            <button
              type="button"
              className="button secondary"
              data-testid="gov-vote-abstain"
              disabled={!wallet.canWrite || busy}
              onClick={() => vote(2)}
            >
              Abstain
            </button>
          </div>
        )
      ) : null}
      {state === "Pending" && isProposer ? (
        <button
          type="button"
          className="button secondary"
          data-testid="gov-cancel"
          disabled={!wallet.canWrite || busy}
          title="A proposer may withdraw a proposal until its voting opens"
          onClick={() => send("cancellation", "cancel", callArgs)}
        >
          Cancel proposal
        </button>
      ) : null}
      {state === "Succeeded" ? (
        <button
          type="button"
          className="button"
          data-testid="gov-queue"
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
          data-testid="gov-execute"
          disabled={!wallet.canWrite || busy || !executable}
          title={executable ? "Run the proposal's calls" : "The timelock's delay has not passed yet"}
          onClick={() => send("execution", "execute", callArgs)}
        >
          Execute
        </button>
      ) : null}
      {(state === "Active" || state === "Succeeded" || state === "Queued") && !wallet.account ? (
        <p className="muted small">Connect a wallet to act on this proposal.</p>
      ) : null}
      <TransactionStatus status={status} testId={`gov-proposal-${id}-status`} />
    </article>
  );
}
