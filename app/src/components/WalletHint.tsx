"use client";
/** What to do before writing: connect a wallet, or switch its chain. Nothing when ready. */
import type { WriteAccount } from "../economy/useWriteAccount.ts";

export function WalletHint({ wallet, action }: { wallet: WriteAccount; action: string }) {
  if (!wallet.account) return <p className="muted">Connect a wallet (menu at the top right) to {action}.</p>;
  if (wallet.wrongChain)
    return <p className="notice warning">Your wallet is on another chain; switch it in the wallet menu.</p>;
  return null;
}
