"use client";
/**
 * The treasury: MRK and ETH held (read from the chain, the subgraph's figures until then), the
 * units it owns, what was donated and by whom, and every movement in and out; a donation form
 * (MRK: approve then `donate(amount)`, ETH sent with the same call).
 */
import { useState } from "react";
import Link from "next/link";
import { useBalance, useReadContract } from "wagmi";
import type { Abi } from "viem";
import { communityTreasuryAbi, markTokenAbi } from "@markspace/contracts/abis";
import { useAppConfig } from "../../config/AppConfigContext.tsx";
import type { CommunityDetail, CommunityUnit } from "../../community/communityQueries.ts";
import { describeCommunityError, withCommunityErrors } from "../../community/describeCommunityError.ts";
import { parseAmount } from "../../economy/amountInput.ts";
import { formatDateTime, formatEth, formatMrk } from "../../economy/format.ts";
import { useTransactionFlow, type ContractCall } from "../../economy/useTransactionFlow.ts";
import { useWriteAccount } from "../../economy/useWriteAccount.ts";
import { shortAddress } from "../shortAddress.ts";
import { TransactionStatus } from "../TransactionStatus.tsx";

const treasuryAbi = withCommunityErrors(communityTreasuryAbi as Abi);
const tokenAbi = withCommunityErrors(markTokenAbi as Abi);
const KIND_WORDS = {
  Donation: "donation",
  Membership: "membership bought",
  TicketSales: "tickets sold",
  ExecutedCall: "proposal executed",
  Distribution: "distribution",
  DistributionReclaim: "distribution reclaimed",
} as const;
const ZERO = "0x0000000000000000000000000000000000000000";

function amountOf(token: string, amount: bigint, markToken: string): string {
  if (token === ZERO) return formatEth(amount);
  return token.toLowerCase() === markToken.toLowerCase() ? formatMrk(amount) : `${amount} of ${shortAddress(token)}`;
}

export function CommunityTreasury({
  community,
  units,
}: {
  community: CommunityDetail;
  units: readonly CommunityUnit[];
}) {
  const { chainId, contracts } = useAppConfig();
  const wallet = useWriteAccount();
  const { status, run } = useTransactionFlow({ describeError: describeCommunityError });
  const [mrkText, setMrkText] = useState("");
  const [ethText, setEthText] = useState("");
  const mrk = useReadContract({
    address: contracts.markToken,
    abi: markTokenAbi,
    functionName: "balanceOf",
    args: [community.treasury],
    chainId,
    query: { refetchInterval: 5_000 },
  });
  const eth = useBalance({ address: community.treasury, chainId, query: { refetchInterval: 5_000 } });
  const mrkAmount = mrkText.trim() === "" ? { ok: true as const, wei: 0n } : parseAmount(mrkText);
  const ethAmount = ethText.trim() === "" ? { ok: true as const, wei: 0n } : parseAmount(ethText);
  const problem = !mrkAmount.ok ? `MRK: ${mrkAmount.message}` : !ethAmount.ok ? `ETH: ${ethAmount.message}` : undefined;
  const empty = mrkAmount.ok && ethAmount.ok && mrkAmount.wei === 0n && ethAmount.wei === 0n;
  const busy = status.state === "pending";

  const donate = () => {
    if (!wallet.account || !mrkAmount.ok || !ethAmount.ok || empty) return;
    const calls: ContractCall[] = [];
    if (mrkAmount.wei > 0n) {
      calls.push({
        label: "approval of the donation",
        address: contracts.markToken,
        abi: tokenAbi,
        functionName: "approve",
        args: [community.treasury, mrkAmount.wei],
      });
    }
    calls.push({
      label: "donation",
      address: community.treasury,
      abi: treasuryAbi,
      functionName: "donate",
      args: [mrkAmount.wei],
      value: ethAmount.wei,
    });
    void run(wallet.account, calls).then((ok) => {
      if (!ok) return;
      setMrkText("");
      setEthText("");
    });
  };

  return (
    <section className="economy-section" aria-label="Treasury" data-testid="community-treasury-section">
      <h2>Treasury</h2>
      <dl className="facts">
        <div>
          <dt>MRK</dt>
          <dd data-testid="community-treasury-mrk" data-wei={(mrk.data ?? community.mrkBalance).toString()}>
            {formatMrk(mrk.data ?? community.mrkBalance)}
          </dd>
        </div>
        <div>
          <dt>ETH</dt>
          <dd data-testid="community-treasury-eth">{formatEth(eth.data?.value ?? community.ethBalance)}</dd>
        </div>
        <div>
          <dt>Donated in all</dt>
          <dd>
            {formatMrk(community.mrkDonated)} · {formatEth(community.ethDonated)}
          </dd>
        </div>
        <div>
          <dt>Units owned</dt>
          <dd data-testid="community-unit-count">{units.length}</dd>
        </div>
      </dl>
      {units.length > 0 ? (
        <ul className="plain-list" data-testid="community-units">
          {units.map((unit) => (
            <li key={unit.id} data-testid="community-unit" data-unit-id={unit.id}>
              <Link href={`/units/${unit.address}`}>{unit.address}</Link>{" "}
              <span className="muted small">
                {unit.unitType}
                {unit.contentCid ? " · furnished" : ""}
              </span>
            </li>
          ))}
        </ul>
      ) : null}

      <form
        className="economy-form"
        data-testid="community-donate"
        onSubmit={(event) => {
          event.preventDefault();
          donate();
        }}
      >
        <fieldset disabled={busy}>
          <legend>Donate</legend>
          <div className="input-row">
            <label className="field">
              <span>MRK</span>
              <input
                data-testid="community-donate-mrk"
                inputMode="decimal"
                value={mrkText}
                onChange={(e) => setMrkText(e.target.value)}
              />
            </label>
            <label className="field">
              <span>ETH</span>
              <input
                data-testid="community-donate-eth"
                inputMode="decimal"
                value={ethText}
                onChange={(e) => setEthText(e.target.value)}
              />
            </label>
          </div>
          {problem ? <p className="error-text">{problem}</p> : null}
          <p className="muted small">Donations go straight to the treasury; only an executed proposal can move them.</p>
        </fieldset>
        <button
          type="submit"
          className="button"
          data-testid="community-donate-submit"
          disabled={!wallet.canWrite || busy || empty || problem !== undefined}
        >
          Donate
        </button>
        {!wallet.account ? <p className="muted small">Connect a wallet to donate.</p> : null}
        <TransactionStatus status={status} testId="community-donate-status" />
      </form>

      <h3>Donations</h3>
      {community.donations.length === 0 ? (
        <p className="muted">No donations yet.</p>
      ) : (
        <table className="unit-table" data-testid="community-donations">
          <thead>
            <tr>
              <th scope="col">Donor</th>
              <th scope="col">Amount</th>
              <th scope="col">When</th>
            </tr>
          </thead>
          <tbody>
            {community.donations.map((d) => (
              <tr key={d.id} data-testid="community-donation" data-donor={d.donor}>
                <td>
                  <code title={d.donor}>{shortAddress(d.donor)}</code>
                </td>
                <td>{amountOf(d.token, d.amount, community.mrkToken)}</td>
                <td>{formatDateTime(d.blockTimestamp)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h3>Movements</h3>
      {community.movements.length === 0 ? (
        <p className="muted">Nothing has moved yet.</p>
      ) : (
        <table className="unit-table" data-testid="community-movements">
          <thead>
            <tr>
              <th scope="col">What</th>
              <th scope="col">In / out</th>
              <th scope="col">Amount</th>
              <th scope="col">From / to</th>
              <th scope="col">When</th>
            </tr>
          </thead>
          <tbody>
            {community.movements.map((m) => (
              <tr key={m.id} data-testid="community-movement" data-kind={m.kind} data-direction={m.direction}>
                <td>{KIND_WORDS[m.kind]}</td>
                <td>{m.direction === "In" ? "in" : "out"}</td>
                <td>{amountOf(m.token, m.amount, community.mrkToken)}</td>
                <td>
                  <code title={m.counterparty}>{shortAddress(m.counterparty)}</code>
                </td>
                <td>{formatDateTime(m.blockTimestamp)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
