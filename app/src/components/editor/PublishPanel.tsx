"use client";
/**
 * Publish: the manifest is checked against the newest schema and the unit budget, stored on IPFS
 * through the app (`POST /api/manifests`, with the wallet's signed permission), then one `setContent` transaction from the
 * publisher's wallet points the unit at it (simulated first, so the registry's own refusal —
 * `UnitContentUnauthorized` for someone who may not decorate — reads as a sentence). The draft is
 * cleared only once the transaction is confirmed: a failed publish loses nothing.
 */
import { useState } from "react";
import type { Abi } from "viem";
import { unitRegistryAbi } from "@markspace/contracts/abis";
import { sceneContentOf } from "@markspace/ipfs/scene-content";
import type { SceneManifest } from "@markspace/ipfs/manifest";
import { useAppConfig } from "../../config/AppConfigContext.tsx";
import { describeLandError, landErrorsAbi } from "../../chain/describeLandError.ts";
import type { SceneBudgetReport } from "../../editor/budgetMeters.ts";
import { publishManifest } from "../../editor/editorApi.ts";
import { manifestForPublish } from "../../editor/sceneEdits.ts";
import { toErrorView } from "../../errors/MarkspaceAppError.ts";
import { useTransactionFlow } from "../../economy/useTransactionFlow.ts";
import { useWriteAccount } from "../../economy/useWriteAccount.ts";
import { TransactionStatus } from "../TransactionStatus.tsx";
import { useUploadSignerContext } from "./useUploadSigner.ts";
import type { DecorateRight } from "./EditorWorkspace.tsx";
import styles from "./editor.module.css";

const registryAbi = [...unitRegistryAbi, ...landErrorsAbi] as Abi;

type Stage =
  { state: "idle" } | { state: "storing" } | { state: "stored"; cid: string } | { state: "failed"; message: string };

export function PublishPanel(props: {
  unitId: bigint;
  unitAddress: string;
  manifest: SceneManifest;
  report: SceneBudgetReport;
  right: DecorateRight;
  onPublished: (cid: string) => void;
}) {
  const { manifest, report, right } = props;
  const { contracts } = useAppConfig();
  const wallet = useWriteAccount();
  const sign = useUploadSignerContext();
  const flow = useTransactionFlow({ describeError: describeLandError });
  const [name, setName] = useState(manifest.name);
  const [stage, setStage] = useState<Stage>({ state: "idle" });
  const busy = stage.state === "storing" || flow.status.state === "pending";
  const allowed = right.state === "allowed";

  const publish = async () => {
    if (!wallet.account || !wallet.canWrite) return;
    let json: string;
    try {
      json = manifestForPublish(manifest, name);
    } catch (error) {
      setStage({ state: "failed", message: toErrorView(error).shortMessage });
      return;
    }
    if (report.over) {
      const over = report.meters
        .filter((meter) => meter.level === "over")
        .map((meter) => `${meter.label} ${meter.text}`);
      setStage({
        state: "failed",
        message: `The scene is over the unit budget: ${over.join(", ")}. Remove something first.`,
      });
      return;
    }
    setStage({ state: "storing" });
    let cid: string;
    try {
      cid = await publishManifest(json, await sign("publish-manifest"));
    } catch (error) {
      const view = toErrorView(error);
      setStage({ state: "failed", message: `${view.shortMessage}${view.hint ? ` ${view.hint}` : ""}` });
      return;
    }
    setStage({ state: "stored", cid });
    const content = sceneContentOf(cid);
    const confirmed = await flow.run(wallet.account, [
      {
        label: "scene publication",
        address: contracts.unitRegistry,
        abi: registryAbi,
        functionName: "setContent",
        args: [props.unitId, content.digest, content.codec],
      },
    ]);
    if (confirmed) props.onPublished(cid);
  };

  return (
    <section className={styles.publish} data-testid="editor-publish-panel" data-right={right.state}>
      <h3>Publish</h3>
      <label className="field">
        Scene name
        <input value={name} maxLength={120} onChange={(e) => setName(e.target.value)} data-testid="editor-name" />
      </label>
      <p
        className="small"
        data-testid="editor-permission"
        data-state={right.state}
        data-role={allowed ? right.role : ""}
      >
        {right.state === "no-wallet"
          ? "Connect a wallet to publish. Your edits are kept as a draft in this browser meanwhile."
          : right.state === "checking"
            ? "Asking the chain whether you may decorate this unit…"
            : right.state === "denied"
              ? "This account may not decorate this unit: only its owner, a decorator the owner appointed, or a tenant whose lease allows decorating can publish its scene."
              : `You publish as the unit's ${right.role}.`}
      </p>
      {wallet.wrongChain ? (
        <p className="error-text small">Switch the wallet to this app&apos;s chain to publish.</p>
      ) : null}
      <button
        type="button"
        className="button primary"
        disabled={!allowed || !wallet.canWrite || busy || name.trim() === ""}
        onClick={() => void publish()}
        data-testid="editor-publish"
      >
        {stage.state === "storing" ? "Storing on IPFS…" : "Publish"}
      </button>
      <div
        data-testid="editor-publish-stage"
        data-state={stage.state}
        data-cid={stage.state === "stored" ? stage.cid : ""}
      >
        {stage.state === "failed" ? <p className="error-text small">{stage.message}</p> : null}
        {stage.state === "stored" ? (
          <p className="muted small">
            Manifest on IPFS: <code className="cid">{stage.cid}</code>
          </p>
        ) : null}
      </div>
      <TransactionStatus status={flow.status} testId="editor-publish-status" />
      {flow.status.state === "confirmed" ? (
        <p className="small">
          <a href={`/units/${props.unitAddress}`} data-testid="editor-published-link">
            See it on the unit&apos;s page
          </a>
        </p>
      ) : null}
    </section>
  );
}
