"use client";
/**
 * Members and delegation: who is a member, how they joined, their votes and delegate; for the
 * connected account, join (free, or for the price: approve then `join(maxPrice)`), leave, and
 * delegate its vote to another member or back to itself.
 */
import { useState } from "react";
import { useReadContract } from "wagmi";
import { getAddress, isAddress, type Abi, type Address } from "viem";
import { communityMembershipAbi, markTokenAbi } from "@markspace/contracts/abis";
import { useAppConfig } from "../../config/AppConfigContext.tsx";
import type { CommunityDetail } from "../../community/communityQueries.ts";
import { describeCommunityError, withCommunityErrors } from "../../community/describeCommunityError.ts";
import { formatDate, formatMrk } from "../../economy/format.ts";
import { useTransactionFlow, type ContractCall } from "../../economy/useTransactionFlow.ts";
import { useWriteAccount } from "../../economy/useWriteAccount.ts";
import { shortAddress } from "../shortAddress.ts";
import { TransactionStatus } from "../TransactionStatus.tsx";

const membershipAbi = withCommunityErrors(communityMembershipAbi as Abi);
const tokenAbi = withCommunityErrors(markTokenAbi as Abi);
const ROUTE_WORDS = { Founder: "founder", Invited: "invited", Purchased: "bought", Open: "joined" } as const;

export function CommunityMembers({ community }: { community: CommunityDetail }) {
  const { chainId, contracts } = useAppConfig();
  const wallet = useWriteAccount();
  const { status, run } = useTransactionFlow({ describeError: describeCommunityError });
  const [delegatee, setDelegatee] = useState("");
  const common = {
    address: community.membership,
    abi: communityMembershipAbi,
    args: wallet.account ? ([wallet.account] as const) : undefined,
    chainId,
    query: { enabled: wallet.account !== undefined, refetchInterval: 5_000 },
  };
  const isMember = useReadContract({ ...common, functionName: "isMember" });
  const delegate = useReadContract({ ...common, functionName: "delegates" });
  const votes = useReadContract({ ...common, functionName: "getVotes" });
  const busy = status.state === "pending";
  const member = isMember.data === true;
  const send = (calls: ContractCall[]) => {
    if (wallet.account) void run(wallet.account, calls);
  };
  const join = () => {
    const price = community.joinPolicy === "Purchase" ? community.membershipPrice : 0n;
    const calls: ContractCall[] = [];
    if (price > 0n) {
      calls.push({
        label: "approval of the membership price",
        address: contracts.markToken,
        abi: tokenAbi,
        functionName: "approve",
        args: [community.membership, price],
      });
    }
    calls.push({
      label: "membership",
      address: community.membership,
      abi: membershipAbi,
      functionName: "join",
      args: [price],
    });
    send(calls);
  };
  const delegateTo = (to: Address) =>
    send([
      { label: "delegation", address: community.membership, abi: membershipAbi, functionName: "delegate", args: [to] },
    ]);
  const delegateValid = isAddress(delegatee.trim(), { strict: false });

  return (
    <section className="economy-section" aria-label="Members" data-testid="community-members">
      <h2>Members</h2>
      <table className="unit-table">
        <thead>
          <tr>
            <th scope="col">Member</th>
            <th scope="col">Joined</th>
            <th scope="col">Votes held</th>
            <th scope="col">Delegates to</th>
          </tr>
        </thead>
        <tbody>
          {community.members.map((m) => (
            <tr key={m.id} data-testid="community-member" data-account={m.account}>
              <td>
                <code title={m.account}>{shortAddress(m.account)}</code>
                {wallet.account && getAddress(wallet.account) === m.account ? (
                  <span className="badge you">you</span>
                ) : null}
              </td>
              <td>
                {m.joinRoute ? ROUTE_WORDS[m.joinRoute] : "—"}
                {m.joinedAtTimestamp ? ` ${formatDate(m.joinedAtTimestamp)}` : ""}
                {m.paid > 0n ? ` (${formatMrk(m.paid)})` : ""}
              </td>
              <td>{m.votes.toString()}</td>
              <td>
                {m.delegate === null ? (
                  "—"
                ) : m.delegate === m.account ? (
                  "itself"
                ) : (
                  <code>{shortAddress(m.delegate)}</code>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {!wallet.account ? (
        <p className="muted">Connect a wallet to join this community.</p>
      ) : isMember.data === undefined ? null : member ? (
        <div className="economy-form wide" data-testid="community-you" data-member="true">
          <p>
            You are a member with {votes.data?.toString() ?? "…"} vote(s) now; your vote goes to{" "}
            {delegate.data === undefined
              ? "…"
              : getAddress(delegate.data) === getAddress(wallet.account)
                ? "yourself"
                : delegate.data === "0x0000000000000000000000000000000000000000"
                  ? "nobody (you took it back)"
                  : delegate.data}
            .
          </p>
          <div className="input-row">
            <input
              aria-label="Delegate to"
              placeholder="0x… a member to vote for you"
              data-testid="community-delegate-input"
              value={delegatee}
              disabled={busy}
              onChange={(e) => setDelegatee(e.target.value)}
            />
            <button
              type="button"
              className="button"
              data-testid="community-delegate"
              disabled={!wallet.canWrite || busy || !delegateValid}
              onClick={() => delegateTo(getAddress(delegatee.trim()))}
            >
              Delegate
            </button>
            <button
              type="button"
              className="button secondary"
              data-testid="community-delegate-self"
              disabled={!wallet.canWrite || busy}
              onClick={() => delegateTo(wallet.account!)}
            >
              Vote myself
            </button>
            <button
              type="button"
              className="button secondary"
              data-testid="community-leave"
              disabled={!wallet.canWrite || busy}
              onClick={() =>
                send([
                  {
                    label: "leaving",
                    address: community.membership,
                    abi: membershipAbi,
                    functionName: "leave",
                    args: [],
                  },
                ])
              }
            >
              Leave
            </button>
          </div>
        </div>
      ) : community.joinPolicy === "InviteOnly" ? (
        <p className="muted" data-testid="community-you" data-member="false">
          This community admits members by invitation: a member proposes to invite you.
        </p>
      ) : (
        <div className="input-row" data-testid="community-you" data-member="false">
          <button
            type="button"
            className="button primary"
            data-testid="community-join"
            disabled={!wallet.canWrite || busy}
            onClick={join}
          >
            {community.joinPolicy === "Purchase"
              ? `Buy a membership for ${formatMrk(community.membershipPrice)}`
              : "Join"}
          </button>
          <span className="muted small">
            {community.joinPolicy === "Purchase" ? "The price goes to the treasury. " : ""}Your vote counts from the
            moment you join, for proposals made after.
          </span>
        </div>
      )}
      <TransactionStatus status={status} testId="community-member-status" />
    </section>
  );
}
