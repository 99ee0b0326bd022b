"use client";
/**
 * The free-claim form: a residential address (text form or separate fields), prefilled with a
 * random address the subgraph does not list as claimed; the connected account's free-claim
 * status; and the claim's progress with a readable outcome.
 */
import Link from "next/link";
import { useEffect, useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { useConnection, useReadContract } from "wagmi";
import { unitRegistryAbi } from "@markspace/contracts/abis";
import { formatUnitAddress } from "@markspace/contracts/unit-address";
import { useAppConfig } from "../config/AppConfigContext.tsx";
import { fetchClaimedAmong } from "../subgraph/subgraphClient.ts";
import {
  claimTargetFromFields,
  fieldMax,
  firstUnclaimed,
  parseClaimAddress,
  randomResidentialCandidates,
  type ResidentialFields,
} from "../claim/claimAddress.ts";
import { useClaimFlow, type ClaimState } from "../claim/useClaimFlow.ts";
import { ErrorNotice } from "./ErrorNotice.tsx";

const CANDIDATES_PER_SUGGESTION = 8;
const FIELDS: (keyof ResidentialFields)[] = ["neighbourhood", "building", "floor", "unit"];

export function ClaimForm() {
  const config = useAppConfig();
  const connection = useConnection();
  const account = connection.status === "connected" ? connection.address : undefined;
  const wrongChain = account !== undefined && connection.chainId !== config.chainId;
  const { status, claim, reset } = useClaimFlow();

  const [text, setText] = useState("");
  const [touched, setTouched] = useState(false);
  const [suggestionRound, setSuggestionRound] = useState(0);
  const suggestion = useQuery({
    queryKey: ["claim-suggestion", config.subgraphUrl, suggestionRound] as const,
    queryFn: async ({ signal }) => {
      const candidates = randomResidentialCandidates(CANDIDATES_PER_SUGGESTION);
      try {
        const claimed = await fetchClaimedAmong({
          url: config.subgraphUrl,
          ids: candidates.map((c) => c.unitId.toString()),
          signal,
        });
        return { target: firstUnclaimed(candidates, claimed), checked: true };
      } catch {
        // The subgraph is down: still offer an address (the contract has the final word).
        return { target: candidates[0], checked: false };
      }
    },
    staleTime: Infinity,
    retry: false,
  });

  useEffect(() => {
    if (!touched && suggestion.data?.target) setText(suggestion.data.target.address);
  }, [touched, suggestion.data]);

  const parsed = parseClaimAddress(text);
  const target = parsed.ok ? parsed.target : undefined;

  const availability = useQuery({
    queryKey: ["unit-claimed", config.subgraphUrl, target?.unitId.toString()] as const,
    queryFn: ({ signal }) =>
      fetchClaimedAmong({ url: config.subgraphUrl, ids: [target!.unitId.toString()], signal }).then(
        (set) => set.size > 0,
      ),
    enabled: target !== undefined,
    refetchInterval: 5_000,
  });

  const freeClaim = useReadContract({
    address: config.contracts.unitRegistry,
    abi: unitRegistryAbi,
    functionName: "hasClaimedFree",
    args: account ? [account] : undefined,
    chainId: config.chainId,
    query: { enabled: account !== undefined },
  });
  const claimsLeft = useReadContract({
    address: config.contracts.unitRegistry,
    abi: unitRegistryAbi,
    functionName: "freeClaimsLeft",
    chainId: config.chainId,
  });
  const refetchFreeClaim = freeClaim.refetch;
  const refetchAvailability = availability.refetch;
  const indexed = status.state === "confirmed" && status.indexing === "indexed";
  const refetchClaimsLeft = claimsLeft.refetch;
  useEffect(() => {
    if (status.state === "confirmed" || status.state === "failed") {
      void refetchFreeClaim();
      void refetchClaimsLeft();
    }
  }, [status.state, refetchFreeClaim, refetchClaimsLeft]);
  useEffect(() => {
    if (indexed) void refetchAvailability();
  }, [indexed, refetchAvailability]);

  const busy = status.state === "pending";
  const canSubmit = account !== undefined && !wrongChain && target !== undefined && !busy;

  const setFromFields = (fields: ResidentialFields) => {
    const result = claimTargetFromFields(fields);
    setTouched(true);
    if (result.ok) setText(result.target.address);
  };

  return (
    <form
      className="claim-form"
      onSubmit={(event) => {
        event.preventDefault();
        if (canSubmit && account && target) void claim(target, account);
      }}
    >
      <fieldset disabled={busy}>
        <legend>Residential address</legend>
        <label className="field">
          <span>Address</span>
          <input
            data-testid="claim-address-input"
            className="address-input"
            value={text}
            placeholder="R-0042-07-12-003"
            spellCheck={false}
            autoComplete="off"
            aria-invalid={!parsed.ok && text !== ""}
            aria-describedby="claim-address-help"
            onChange={(event) => {
              setTouched(true);
              setText(event.target.value);
              if (status.state !== "pending") reset();
            }}
          />
        </label>
        <div className="address-fields">
          {FIELDS.map((field) => (
            <label key={field} className="field small">
              <span>{field}</span>
              <input
                type="number"
                min={0}
                max={fieldMax(field)}
                value={target ? target.parts[field] : ""}
                onChange={(event) => {
                  if (!target) return;
                  const value = Number(event.target.value);
                  const { district: _district, ...rest } = target.parts;
                  setFromFields({ ...rest, [field]: value });
                }}
              />
            </label>
          ))}
          <button
            type="button"
            className="button secondary"
            title="Suggest another unclaimed address"
            onClick={() => {
              setTouched(false);
              setSuggestionRound((n) => n + 1);
            }}
          >
            Suggest another
          </button>
        </div>
        <p id="claim-address-help" className={parsed.ok || text === "" ? "muted" : "error-text"}>
          {parsed.ok ? (
            <AvailabilityText
              address={formatUnitAddress(parsed.target.parts)}
              yours={status.state === "confirmed" && status.target.unitId === parsed.target.unitId}
              loading={availability.isPending}
              claimed={availability.data}
              failed={availability.isError}
            />
          ) : text === "" ? (
            suggestion.isPending ? (
              "Finding a free address…"
            ) : (
              "Enter an address such as R-0042-07-12-003."
            )
          ) : (
            parsed.message
          )}
        </p>
      </fieldset>

      <div className="claim-account">
        {claimsLeft.data === 0n ? (
          <p className="notice warning" data-testid="free-claims-closed">
            Free claims are closed for now (governance has given away all it allowed); Residential units can still be
            bought with MRK from the city pages.
          </p>
        ) : claimsLeft.data !== undefined ? (
          <p className="muted" data-testid="free-claims-left">
            {claimsLeft.data.toLocaleString("en")} free claims left.
          </p>
        ) : null}
        {account ? (
          freeClaim.isPending ? (
            <p className="muted">Checking your free claim…</p>
          ) : freeClaim.isError ? (
            <p className="error-text">Could not read your free-claim status from the chain.</p>
          ) : freeClaim.data ? (
            <p className="notice warning">
              This account has already used its free claim; a second claim will be refused. Pick another account in the
              wallet menu.
            </p>
          ) : (
            <p className="muted">This account still has its free claim.</p>
          )
        ) : (
          <p className="muted">Connect a wallet (menu at the top right) to claim.</p>
        )}
        {wrongChain ? (
          <p className="notice warning">Your wallet is on another chain; switch it in the wallet menu.</p>
        ) : null}
      </div>

      <button type="submit" className="button primary" data-testid="claim-submit" disabled={!canSubmit}>
        {busy ? "Claiming…" : target ? `Claim ${target.address}` : "Claim"}
      </button>

      <ClaimStatus status={status} />
    </form>
  );
}

function AvailabilityText(props: {
  address: string;
  yours: boolean;
  loading: boolean;
  claimed: boolean | undefined;
  failed: boolean;
}) {
  if (props.yours) return <>{props.address} is yours now.</>;
  if (props.failed) return <>{props.address} — could not check availability (subgraph unreachable).</>;
  if (props.loading || props.claimed === undefined) return <>{props.address} — checking…</>;
  return props.claimed ? (
    <span className="error-text">{props.address} is already claimed.</span>
  ) : (
    <>{props.address} is free.</>
  );
}

function ClaimStatus({ status }: { status: ClaimState }) {
  return (
    <div
      className={`claim-status ${status.state}`}
      data-testid="claim-status"
      data-state={status.state}
      aria-live="polite"
    >
      {status.state === "idle" ? (
        <span className="muted">Nothing sent yet.</span>
      ) : status.state === "pending" ? (
        <span>
          {status.step === "simulating"
            ? `Checking that ${status.target.address} can be claimed…`
            : status.step === "signing"
              ? "Waiting for your wallet to sign…"
              : `Sent (${status.hash?.slice(0, 10)}…); waiting for the block…`}
        </span>
      ) : status.state === "confirmed" ? (
        <div>
          <p>
            <strong>Confirmed.</strong> {status.target.address} is yours (block {status.blockNumber.toString()}, tx{" "}
            <code>{status.hash.slice(0, 10)}…</code>).
          </p>
          {status.indexing === "waiting" ? (
            <p className="muted">Waiting for the subgraph to index block {status.blockNumber.toString()}…</p>
          ) : (
            <p>
              <Link href={`/units/${status.target.unitId.toString()}`} data-testid="claimed-unit-link">
                Visit {status.target.address} →
              </Link>{" "}
              {status.indexing === "indexed" ? (
                <span className="muted">It is in the unit list now.</span>
              ) : (
                <span className="error-text">{status.indexing.error.shortMessage}</span>
              )}
            </p>
          )}
        </div>
      ) : (
        <ErrorNotice title="The claim failed" error={status.error} />
      )}
    </div>
  );
}
