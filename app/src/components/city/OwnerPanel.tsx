"use client";
/**
 * What the owner (and, for the scene only, a decorator) can change: the scene (a CID, stored as
 * its digest and codec), decorators for this unit and for all the owner's units, privacy and
 * visitors, extra rooms, and (owner only) the unit's name. Each change is its own transaction with
 * its own status line.
 */
import Link from "next/link";
import { useState, type ReactNode } from "react";
import { useQuery } from "@tanstack/react-query";
import { useReadContract } from "wagmi";
import { getAddress, isAddress, type Abi, type Address } from "viem";
import { unitRegistryAbi, unitSaleAbi } from "@markspace/contracts/abis";
import { decodeUnitId, formatUnitAddress } from "@markspace/contracts/unit-address";
import { sceneContentOf, ZERO_DIGEST } from "@markspace/ipfs/scene-content";
import { useAppConfig } from "../../config/AppConfigContext.tsx";
import { describeLandError, landErrorsAbi } from "../../chain/describeLandError.ts";
import { formatMrk } from "../../economy/format.ts";
import { useTransactionFlow, type ContractCall } from "../../economy/useTransactionFlow.ts";
import { useWriteAccount } from "../../economy/useWriteAccount.ts";
import { parseRooms } from "../../land/landQuote.ts";
import { useMrkPaidCall, type PaymentMethod } from "../../land/useMrkPaidCall.ts";
import { fetchUnitVisitors } from "../../subgraph/cityClient.ts";
import { PRIVACY_NAMES, UNIT_TYPE_NAMES, type PrivacyName, type UnitDetail } from "../../subgraph/unitDetail.ts";
import { TransactionStatus } from "../TransactionStatus.tsx";
import { PaymentMethodPicker } from "./PaymentMethodPicker.tsx";
import { UnitNameForm } from "./UnitNameForm.tsx";
import { useMrkFunds } from "./useLandReads.ts";

const registryAbi = [...unitRegistryAbi, ...landErrorsAbi] as Abi;

/** One owner action: a form whose submit runs contract calls, with its status line. */
function useOwnerFlow() {
  const wallet = useWriteAccount();
  const flow = useTransactionFlow({ describeError: describeLandError });
  const run = (calls: ContractCall[]) => {
    if (wallet.account && wallet.canWrite) void flow.run(wallet.account, calls);
  };
  return { status: flow.status, busy: flow.status.state === "pending", run };
}

function Section({ title, testId, children }: { title: string; testId: string; children: ReactNode }) {
  return (
    <section data-testid={testId}>
      <h3>{title}</h3>
      {children}
    </section>
  );
}

export function OwnerPanel({ unit }: { unit: UnitDetail }) {
  const { contracts, chainId } = useAppConfig();
  const { account } = useWriteAccount();
  const owner = account !== undefined && account === unit.owner;
  const canDecorate = useReadContract({
    address: contracts.unitRegistry,
    abi: unitRegistryAbi,
    functionName: "canDecorate",
    args: account ? [unit.tokenId, account] : undefined,
    chainId,
    query: { enabled: account !== undefined && !owner },
  });
  if (!owner && canDecorate.data !== true) return null;
  return (
    <section
      className="economy-section owner-panel"
      data-testid="owner-panel"
      data-role={owner ? "owner" : "decorator"}
    >
      <h2>{owner ? "Your unit" : "You decorate this unit"}</h2>
      <p>
        <Link
          href={`/units/${formatUnitAddress(decodeUnitId(unit.tokenId))}/edit`}
          className="button"
          data-testid="owner-edit-scene"
        >
          Open the scene editor
        </Link>
      </p>
      <ContentForm unit={unit} />
      {owner ? (
        <>
          <UnitNameForm unit={unit} />
          <DecoratorForms unit={unit} owner={account} />
          <PrivacyForms unit={unit} />
          {unit.unitType !== "External" ? <RoomsForm unit={unit} /> : null}
        </>
      ) : null}
    </section>
  );
}

function ContentForm({ unit }: { unit: UnitDetail }) {
  const { contracts } = useAppConfig();
  const flow = useOwnerFlow();
  const [cid, setCid] = useState("");
  const [problem, setProblem] = useState<string>();
  const set = (digest: `0x${string}`, codec: bigint) =>
    flow.run([
      {
        label: "scene change",
        address: contracts.unitRegistry,
        abi: registryAbi,
        functionName: "setContent",
        args: [unit.tokenId, digest, codec],
      },
    ]);
  return (
    <Section title="Scene" testId="owner-content">
      <p className="muted">
        The CID of a scene manifest on IPFS; the registry keeps its sha2-256 digest and codec, the subgraph rebuilds the
        CID.
      </p>
      <form
        className="input-row"
        onSubmit={(event) => {
          event.preventDefault();
          try {
            const content = sceneContentOf(cid);
            setProblem(undefined);
            set(content.digest, content.codec);
          } catch (error) {
            setProblem((error as Error).message);
          }
        }}
      >
        <input
          value={cid}
          onChange={(e) => setCid(e.target.value)}
          placeholder="bafkrei…"
          aria-label="Scene manifest CID"
          data-testid="owner-content-input"
        />
        <button
          type="submit"
          className="button"
          disabled={flow.busy || cid.trim() === ""}
          data-testid="owner-content-submit"
        >
          Set scene
        </button>
        {unit.contentCid ? (
          <button
            type="button"
            className="small-button"
            disabled={flow.busy}
            onClick={() => set(ZERO_DIGEST, 0x55n)}
            data-testid="owner-content-clear"
          >
            Clear
          </button>
        ) : null}
      </form>
      {problem ? (
        <p className="error-text" data-testid="owner-content-error">
          {problem}
        </p>
      ) : null}
      <TransactionStatus status={flow.status} testId="owner-content-status" />
    </Section>
  );
}

function AddressInput({
  value,
  onChange,
  label,
  testId,
}: {
  value: string;
  onChange: (v: string) => void;
  label: string;
  testId: string;
}) {
  return (
    <input
      value={value}
      onChange={(e) => onChange(e.target.value)}
      placeholder="0x…"
      aria-label={label}
      data-testid={testId}
    />
  );
}

function DecoratorForms({ unit, owner }: { unit: UnitDetail; owner: Address }) {
  const { contracts, chainId } = useAppConfig();
  const one = useOwnerFlow();
  const all = useOwnerFlow();
  const [decorator, setDecorator] = useState("");
  const [forAll, setForAll] = useState("");
  const forAllValid = isAddress(forAll);
  const isForAll = useReadContract({
    address: contracts.unitRegistry,
    abi: unitRegistryAbi,
    functionName: "isDecoratorForAll",
    args: forAllValid ? [owner, forAll] : undefined,
    chainId,
    query: { enabled: forAllValid },
  });
  const call = (functionName: string, args: readonly unknown[], label: string): ContractCall => ({
    label,
    address: contracts.unitRegistry,
    abi: registryAbi,
    functionName,
    args,
  });
  return (
    <>
      <Section title="Decorator of this unit" testId="owner-decorator">
        <p className="muted">
          {unit.decorator ? (
            <>
              Now <code>{unit.decorator}</code>.
            </>
          ) : (
            "None."
          )}{" "}
          A decorator may change the scene, nothing else; it lapses if the unit changes hands.
        </p>
        <div className="input-row">
          <AddressInput
            value={decorator}
            onChange={setDecorator}
            label="Decorator address"
            testId="owner-decorator-input"
          />
          <button
            type="button"
            className="button"
            disabled={one.busy || !isAddress(decorator)}
            onClick={() => one.run([call("setDecorator", [unit.tokenId, decorator], "decorator appointment")])}
            data-testid="owner-decorator-submit"
          >
            Appoint
          </button>
          {unit.decorator ? (
            <button
              type="button"
              className="small-button"
              disabled={one.busy}
              onClick={() =>
                one.run([
                  call(
                    "setDecorator",
                    [unit.tokenId, "0x0000000000000000000000000000000000000000"],
                    "decorator removal",
                  ),
                ])
              }
              data-testid="owner-decorator-remove"
            >
              Remove
            </button>
          ) : null}
        </div>
        <TransactionStatus status={one.status} testId="owner-decorator-status" />
      </Section>
      <Section title="Decorator of all your units" testId="owner-decorator-all">
        <div className="input-row">
          <AddressInput
            value={forAll}
            onChange={setForAll}
            label="Decorator address for all units"
            testId="owner-decorator-all-input"
          />
          <button
            type="button"
            className="button"
            disabled={all.busy || !forAllValid}
            onClick={() => all.run([call("setDecoratorForAll", [forAll, true], "decorator appointment")])}
            data-testid="owner-decorator-all-allow"
          >
            Allow
          </button>
          <button
            type="button"
            className="small-button"
            disabled={all.busy || !forAllValid}
            onClick={() => all.run([call("setDecoratorForAll", [forAll, false], "decorator removal")])}
            data-testid="owner-decorator-all-revoke"
          >
            Revoke
          </button>
        </div>
        {forAllValid && isForAll.data !== undefined ? (
          <p className="muted" data-testid="owner-decorator-all-state" data-allowed={String(isForAll.data)}>
            {isForAll.data ? "Decorates all your units." : "Does not decorate all your units."}
          </p>
        ) : null}
        <TransactionStatus status={all.status} testId="owner-decorator-all-status" />
      </Section>
    </>
  );
}

function PrivacyForms({ unit }: { unit: UnitDetail }) {
  const { contracts, chainId, subgraphUrl } = useAppConfig();
  const visitors = useQuery({
    queryKey: ["unit-visitors", subgraphUrl, unit.id, unit.owner] as const,
    queryFn: ({ signal }) => fetchUnitVisitors({ url: subgraphUrl, tokenId: unit.tokenId, owner: unit.owner, signal }),
    refetchInterval: 10_000,
  });
  const privacyFlow = useOwnerFlow();
  const visitorFlow = useOwnerFlow();
  const [privacy, setPrivacy] = useState<PrivacyName>(unit.privacy);
  const [visitor, setVisitor] = useState("");
  const visitorValid = isAddress(visitor);
  const canVisit = useReadContract({
    address: contracts.unitRegistry,
    abi: unitRegistryAbi,
    functionName: "canVisit",
    args: visitorValid ? [unit.tokenId, visitor] : undefined,
    chainId,
    query: { enabled: visitorValid },
  });
  const visitorCall = (allowed: boolean): ContractCall => ({
    label: allowed ? "visitor invitation" : "visitor removal",
    address: contracts.unitRegistry,
    abi: registryAbi,
    functionName: "setVisitor",
    args: [unit.tokenId, visitor, allowed],
  });
  return (
    <>
      <Section title="Privacy" testId="owner-privacy">
        <p className="muted">
          Public: listed on the maps. Unlisted: shown to anyone with the link. Private: the scene only for you,
          decorators and visitors. The chain and IPFS stay readable by anyone; this is a courtesy, not encryption.
        </p>
        <div className="input-row">
          <select
            value={privacy}
            onChange={(e) => setPrivacy(e.target.value as PrivacyName)}
            aria-label="Privacy"
            data-testid="owner-privacy-select"
          >
            {PRIVACY_NAMES.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
          <button
            type="button"
            className="button"
            disabled={privacyFlow.busy || privacy === unit.privacy}
            onClick={() =>
              privacyFlow.run([
                {
                  label: "privacy change",
                  address: contracts.unitRegistry,
                  abi: registryAbi,
                  functionName: "setPrivacy",
                  args: [unit.tokenId, PRIVACY_NAMES.indexOf(privacy)],
                },
              ])
            }
            data-testid="owner-privacy-submit"
          >
            Save
          </button>
        </div>
        <TransactionStatus status={privacyFlow.status} testId="owner-privacy-status" />
      </Section>
      <Section title="Visitors" testId="owner-visitors">
        <p className="muted">Who may see the scene while the unit is private.</p>
        {visitors.data && visitors.data.length > 0 ? (
          <ul data-testid="owner-visitor-list">
            {visitors.data.map((visitor) => (
              <li key={visitor} data-testid="owner-visitor-row" data-address={getAddress(visitor)}>
                <code>{getAddress(visitor)}</code>
              </li>
            ))}
          </ul>
        ) : visitors.data ? (
          <p className="muted" data-testid="owner-visitor-list-empty">
            Nobody is invited.
          </p>
        ) : null}
        <div className="input-row">
          <AddressInput value={visitor} onChange={setVisitor} label="Visitor address" testId="owner-visitor-input" />
          <button
            type="button"
            className="button"
            disabled={visitorFlow.busy || !visitorValid}
            onClick={() => visitorFlow.run([visitorCall(true)])}
            data-testid="owner-visitor-add"
          >
            Invite
          </button>
          <button
            type="button"
            className="small-button"
            disabled={visitorFlow.busy || !visitorValid}
            onClick={() => visitorFlow.run([visitorCall(false)])}
            data-testid="owner-visitor-remove"
          >
            Remove
          </button>
        </div>
        {visitorValid && canVisit.data !== undefined ? (
          <p className="muted" data-testid="owner-visitor-state" data-allowed={String(canVisit.data)}>
            {canVisit.data ? "May see the scene." : "May not see the scene."}
          </p>
        ) : null}
        <TransactionStatus status={visitorFlow.status} testId="owner-visitor-status" />
      </Section>
    </>
  );
}

function RoomsForm({ unit }: { unit: UnitDetail }) {
  const { contracts, chainId } = useAppConfig();
  const wallet = useWriteAccount();
  const flow = useOwnerFlow();
  const paidCall = useMrkPaidCall();
  const [countText, setCountText] = useState("1");
  const [method, setMethod] = useState<PaymentMethod>("permit");
  const count = parseRooms(countText, unit.rooms);
  const roomPrice = useReadContract({
    address: contracts.unitSale,
    abi: unitSaleAbi,
    functionName: "roomPrice",
    args: [UNIT_TYPE_NAMES.indexOf(unit.unitType) + 1],
    chainId,
  });
  const { allowance } = useMrkFunds(wallet.account, contracts.unitSale);
  const cost = count.ok && roomPrice.data !== undefined ? roomPrice.data * BigInt(count.value) : undefined;
  return (
    <Section title="Extra rooms" testId="owner-rooms">
      <p className="muted">
        {unit.rooms} extra room{unit.rooms === 1 ? "" : "s"} now
        {roomPrice.data !== undefined ? `; each costs ${formatMrk(roomPrice.data)}` : ""}. Storage is then charged on
        the higher value from the next payment.
      </p>
      <div className="input-row">
        <input
          inputMode="numeric"
          value={countText}
          onChange={(e) => setCountText(e.target.value)}
          aria-label="Rooms to add"
          data-testid="owner-rooms-input"
        />
        <span data-testid="owner-rooms-cost">{cost !== undefined ? formatMrk(cost) : "…"}</span>
      </div>
      {!count.ok ? <p className="error-text">{count.message}</p> : null}
      <PaymentMethodPicker name="rooms-method" method={method} onChange={setMethod} testIdPrefix="owner-rooms" />
      <button
        type="button"
        className="button"
        disabled={flow.busy || cost === undefined || !count.ok || count.value === 0 || !wallet.account}
        onClick={() =>
          wallet.account &&
          cost !== undefined &&
          count.ok &&
          flow.run(
            paidCall({
              label: "room purchase",
              office: contracts.unitSale,
              abi: unitSaleAbi as Abi,
              functionName: "addRooms",
              args: [unit.tokenId, count.value, cost],
              amount: cost,
              method,
              account: wallet.account,
              allowance,
            }),
          )
        }
        data-testid="owner-rooms-submit"
      >
        Add rooms
      </button>
      <TransactionStatus status={flow.status} testId="owner-rooms-status" />
    </Section>
  );
}
