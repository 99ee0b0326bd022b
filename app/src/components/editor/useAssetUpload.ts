"use client";
/**
 * One upload at a time through `POST /api/uploads`, signed by the connected wallet, with its
 * progress and its refusal as the panels show them. A stored file joins the draft's library before anything is placed, so an
 * upload is never lost (the library is saved with the draft).
 */
import { useCallback, useState } from "react";
import { withAsset, type AssetKind, type LibraryAsset } from "../../editor/assetLibrary.ts";
import { uploadAsset } from "../../editor/editorApi.ts";
import { toErrorView } from "../../errors/MarkspaceAppError.ts";
import { useUploadSignerContext } from "./useUploadSigner.ts";

export type UploadState =
  | { state: "idle" }
  | { state: "uploading"; name: string; fraction: number }
  | { state: "failed"; message: string; hint?: string | undefined };

export function useAssetUpload(setLibrary: (change: (library: LibraryAsset[]) => LibraryAsset[]) => void) {
  const [status, setStatus] = useState<UploadState>({ state: "idle" });
  const [warnings, setWarnings] = useState<string[]>([]);
  const sign = useUploadSignerContext();

  /** Uploads `file` as `kind`; the stored asset, or undefined when it failed (the status says why). */
  const upload = useCallback(
    async (file: File, kind: AssetKind): Promise<LibraryAsset | undefined> => {
      setStatus({ state: "uploading", name: file.name, fraction: 0 });
      setWarnings([]);
      try {
        const authorization = await sign("upload");
        const result = await uploadAsset(file, kind, {
          authorization,
          onProgress: (fraction) => setStatus({ state: "uploading", name: file.name, fraction }),
        });
        const asset: LibraryAsset = {
          cid: result.cid,
          kind,
          name: result.name,
          bytes: result.bytes,
          drawCalls: result.drawCalls ?? 0,
          triangles: result.triangles ?? 0,
          ...(result.width ? { width: result.width } : {}),
          ...(result.height ? { height: result.height } : {}),
          ...(result.mimeType ? { mimeType: result.mimeType } : {}),
          origin: "upload",
        };
        setLibrary((current) => withAsset(current, asset));
        setWarnings(result.warnings);
        setStatus({ state: "idle" });
        return asset;
      } catch (error) {
        const view = toErrorView(error);
        setStatus({ state: "failed", message: view.shortMessage, hint: view.hint });
        return undefined;
      }
    },
    [setLibrary, sign],
  );

  return { status, warnings, upload, busy: status.state === "uploading" };
}
