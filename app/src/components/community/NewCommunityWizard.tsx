"use client";
/**
 * The create-a-community wizard: name and symbol, how people join (and the price), the vote's
 * timing, quorum and threshold, the timelock and the guardian. The form is checked as it is typed
 * (`parseCommunityForm`); once valid, the factory predicts the three addresses
 * (`predictCommunity`), shown before signing; one `createCommunity` transaction follows, then the
 * page opens the new community once the subgraph has it.
 */
import { useState } from "react";
import { useRouter } from "next/navigation";
import { useQuery } from "@tanstack/react-query";
import { useConfig } from "wagmi";
import { readContract } from "wagmi/actions";
import type { Abi } from "viem";
import { communityFactoryAbi } from "@markspace/contracts/abis";
import { useAppConfig } from "../../config/AppConfigContext.tsx";
import {
  DEFAULT_COMMUNITY_FORM,
  parseCommunityForm,
  randomSalt,
  type CommunityFormInput,
  type JoinPolicyName,
} from "../../community/communityForm.ts";
import { describeCommunityError, withCommunityErrors } from "../../community/describeCommunityError.ts";
import { formatDuration } from "../../economy/format.ts";
import { useTransactionFlow } from "../../economy/useTransactionFlow.ts";
import { useWriteAccount } from "../../economy/useWriteAccount.ts";
import { parseDuration } from "../../community/duration.ts";
import { TransactionStatus } from "../TransactionStatus.tsx";

const factoryAbi = withCommunityErrors(communityFactoryAbi as Abi);

function DurationHint({ text }: { text: string }) {
  const parsed = parseDuration(text);
  return parsed.ok ? <span className="muted small">{formatDuration(parsed.seconds)}</span> : null;
}

export function NewCommunityWizard() {
  const { contracts, chainId } = useAppConfig();
  const wagmiConfig = useConfig();
  const router = useRouter();
  const wallet = useWriteAccount();
  const { status, run } = useTransactionFlow({ describeError: describeCommunityError });
  const [form, setForm] = useState<CommunityFormInput>(DEFAULT_COMMUNITY_FORM);
  const [salt] = useState(() => randomSalt());
  const [touched, setTouched] = useState(false);
  const set = <K extends keyof CommunityFormInput>(key: K, value: CommunityFormInput[K]) => {
    setTouched(true);
    setForm((current) => ({ ...current, [key]: value }));
  };
  const creator = wallet.account ?? "0x0000000000000000000000000000000000000001";
  const parsed = parseCommunityForm(form, creator, salt);
  const predicted = useQuery({
    queryKey: [
      "community-predict",
      chainId,
      contracts.communityFactory,
      wallet.account,
      parsed.ok ? parsed.config : null,
    ],
    queryFn: () =>
      readContract(wagmiConfig, {
        address: contracts.communityFactory,
        abi: communityFactoryAbi,
        functionName: "predictCommunity",
        args: [wallet.account!, parsed.ok ? parsed.config : (undefined as never)],
        chainId,
      }),
    enabled: parsed.ok && wallet.account !== undefined,
    queryKeyHashFn: (key) => JSON.stringify(key, (_, v: unknown) => (typeof v === "bigint" ? v.toString() : v)),
  });
  const problem = (field: keyof CommunityFormInput) =>
    touched && !parsed.ok && parsed.problems[field] ? (
      <span className="error-text small" data-testid={`community-new-problem-${field}`}>
        {parsed.problems[field]}
      </span>
    ) : null;
  const busy = status.state === "pending" || (status.state === "confirmed" && status.indexing === "waiting");
  const canSubmit = wallet.canWrite && parsed.ok && !busy;

  return (
    <form
      className="economy-form wide"
      data-testid="community-new"
      onSubmit={(event) => {
        event.preventDefault();
        setTouched(true);
        if (!canSubmit || !parsed.ok || !wallet.account) return;
        const treasury = predicted.data?.treasury;
        void run(wallet.account, [
          {
            label: "community creation",
            address: contracts.communityFactory,
            abi: factoryAbi,
            functionName: "createCommunity",
            args: [parsed.config],
          },
        ]).then(async (ok) => {
          if (!ok) return;
          const address =
            treasury ??
            (
              await readContract(wagmiConfig, {
                address: contracts.communityFactory,
                abi: communityFactoryAbi,
                functionName: "predictCommunity",
                args: [wallet.account!, parsed.config],
                chainId,
              })
            ).treasury;
          router.push(`/communities/${address}`);
        });
      }}
    >
      <fieldset disabled={busy}>
        <legend>The community</legend>
        <div className="input-row">
          <label className="field grow">
            <span>Name</span>
            <input
              data-testid="community-new-name"
              value={form.name}
              placeholder="Garden Club"
              onChange={(e) => set("name", e.target.value)}
            />
            {problem("name")}
          </label>
          <label className="field">
            <span>Symbol</span>
            <input
              data-testid="community-new-symbol"
              value={form.symbol}
              placeholder="GARDEN"
              onChange={(e) => set("symbol", e.target.value)}
            />
            {problem("symbol")}
          </label>
        </div>
      </fieldset>

      <fieldset disabled={busy}>
        <legend>Membership</legend>
        <div className="radio-row" role="radiogroup" aria-label="How people join">
          {(
            [
              ["Open", "Open: anyone joins for free"],
              ["Purchase", "Sold: anyone joins for a price in MRK, paid to the treasury"],
              ["InviteOnly", "By invitation: members vote new members in"],
            ] as [JoinPolicyName, string][]
          ).map(([policy, words]) => (
            <label key={policy}>
              <input
                type="radio"
                name="join-policy"
                data-testid={`community-new-policy-${policy}`}
                checked={form.joinPolicy === policy}
                onChange={() => set("joinPolicy", policy)}
              />{" "}
              {words}
            </label>
          ))}
        </div>
        {form.joinPolicy === "Purchase" ? (
          <label className="field">
            <span>Price of a membership (MRK)</span>
            <input
              data-testid="community-new-price"
              inputMode="decimal"
              value={form.price}
              onChange={(e) => set("price", e.target.value)}
            />
            {problem("price")}
          </label>
        ) : null}
        <p className="muted small">
          One member, one vote: a membership is a token that cannot be transferred. Members may leave at any time.
        </p>
      </fieldset>

      <fieldset disabled={busy}>
        <legend>Voting</legend>
        <div className="input-row">
          <label className="field">
            <span>Voting opens after</span>
            <input
              data-testid="community-new-voting-delay"
              value={form.votingDelay}
              onChange={(e) => set("votingDelay", e.target.value)}
            />
            <DurationHint text={form.votingDelay} />
            {problem("votingDelay")}
          </label>
          <label className="field">
            <span>Voting lasts</span>
            <input
              data-testid="community-new-voting-period"
              value={form.votingPeriod}
              onChange={(e) => set("votingPeriod", e.target.value)}
            />
            <DurationHint text={form.votingPeriod} />
            {problem("votingPeriod")}
          </label>
          <label className="field">
            <span>Quorum (% of members)</span>
            <input
              data-testid="community-new-quorum"
              inputMode="numeric"
              value={form.quorumPercent}
              onChange={(e) => set("quorumPercent", e.target.value)}
            />
            {problem("quorumPercent")}
          </label>
          <label className="field">
            <span>Memberships needed to propose</span>
            <input
              data-testid="community-new-threshold"
              inputMode="numeric"
              value={form.proposalThreshold}
              onChange={(e) => set("proposalThreshold", e.target.value)}
            />
            {problem("proposalThreshold")}
          </label>
          <label className="field">
            <span>Timelock after a vote passes</span>
            <input
              data-testid="community-new-timelock"
              value={form.timelockDelay}
              onChange={(e) => set("timelockDelay", e.target.value)}
            />
            <DurationHint text={form.timelockDelay} />
            {problem("timelockDelay")}
          </label>
        </div>
        <p className="muted small">Durations: 90s, 30m, 12h, 3d, 1w or several parts (1d 12h).</p>
        <label>
          <input
            type="checkbox"
            data-testid="community-new-guardian-on"
            checked={form.guardianOn}
            onChange={(e) => set("guardianOn", e.target.checked)}
          />{" "}
          A guardian may cancel (veto) any proposal, until the community votes to switch it off
        </label>
        {form.guardianOn ? (
          <label className="field grow">
            <span>Guardian (empty: you)</span>
            <input
              data-testid="community-new-guardian"
              value={form.guardian}
              placeholder={wallet.account ?? "0x…"}
              onChange={(e) => set("guardian", e.target.value)}
            />
            {problem("guardian")}
          </label>
        ) : null}
      </fieldset>

      <div className="notice" data-testid="community-new-predicted" data-treasury={predicted.data?.treasury ?? ""}>
        {!wallet.account ? (
          <p>Connect a wallet: you will be the first member.</p>
        ) : !parsed.ok ? (
          <p className="muted">The addresses show once the form is complete.</p>
        ) : predicted.data ? (
          <>
            <p>
              Treasury (the community&apos;s address): <code>{predicted.data.treasury}</code>
            </p>
            <p className="muted small">
              Governor <code>{predicted.data.governor}</code> · membership <code>{predicted.data.membership}</code>
            </p>
          </>
        ) : (
          <p className="muted">Predicting the addresses…</p>
        )}
      </div>
      <button type="submit" className="button primary" data-testid="community-new-submit" disabled={!canSubmit}>
        Create the community
      </button>
      {wallet.wrongChain ? <p className="error-text">Switch your wallet to this chain first.</p> : null}
      <TransactionStatus status={status} testId="community-new-status" />
    </form>
  );
}
