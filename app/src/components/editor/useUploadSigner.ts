"use client";
/**
 * Signs the permission every upload and manifest request carries (`editor/uploadAuthorization.ts`):
 * the connected wallet signs an EIP-712 message naming itself, the unit, the action, the time and a
 * fresh nonce. The workspace makes one signer for its unit and hands it to the panels through
 * `UploadSignerContext`. The dev wallet signs without asking; other wallets show the message.
 */
import { createContext, useCallback, useContext } from "react";
import { useConfig } from "wagmi";
import { signTypedData } from "wagmi/actions";
import { useAppConfig } from "../../config/AppConfigContext.tsx";
import { MarkspaceAppError } from "../../errors/MarkspaceAppError.ts";
import { useWriteAccount } from "../../economy/useWriteAccount.ts";
import {
  encodeUploadAuthorization,
  newAuthorizationMessage,
  uploadAuthorizationTypedData,
  type UploadAction,
} from "../../editor/uploadAuthorization.ts";

/** Returns the header value authorizing one request of `action`. */
export type UploadSigner = (action: UploadAction) => Promise<string>;

export class UploadNotSignedError extends MarkspaceAppError {
  override name = "UploadNotSignedError";
}

export function useUploadSigner(unitId: bigint): UploadSigner {
  const wagmiConfig = useConfig();
  const { chainId, contracts } = useAppConfig();
  const { account, wrongChain } = useWriteAccount();
  return useCallback(
    async (action) => {
      if (!account) {
        throw new UploadNotSignedError({
          shortMessage: "Connect a wallet to upload: uploads are signed by an account that may decorate this unit",
        });
      }
      if (wrongChain) {
        throw new UploadNotSignedError({ shortMessage: "Switch the wallet to this app's chain to upload" });
      }
      const message = newAuthorizationMessage(account, unitId, action);
      try {
        const signature = await signTypedData(wagmiConfig, {
          account,
          ...uploadAuthorizationTypedData({ chainId, registry: contracts.unitRegistry, message }),
        });
        return encodeUploadAuthorization(message, signature);
      } catch (error) {
        throw new UploadNotSignedError({
          shortMessage: "The wallet did not sign the upload",
          details: (error as Error).message.split("\n")[0],
          hint: "Each upload asks the wallet for a signature proving you may decorate this unit.",
        });
      }
    },
    [account, wrongChain, unitId, wagmiConfig, chainId, contracts.unitRegistry],
  );
}

export const UploadSignerContext = createContext<UploadSigner | undefined>(undefined);

/** The workspace's signer; throws outside the workspace (a programming error). */
export function useUploadSignerContext(): UploadSigner {
  const signer = useContext(UploadSignerContext);
  if (!signer) throw new Error("useUploadSignerContext outside the editor workspace");
  return signer;
}
