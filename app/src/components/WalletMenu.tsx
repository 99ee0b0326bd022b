"use client";
/**
 * The wallet menu in the header: the connected address (or "Connect wallet") and a
 * wrong-chain warning, read from `walletSession` without loading the wallet stack; opening it
 * loads the panel with wagmi (`WalletPanel.tsx`): connect an injected wallet or, on the local
 * chain only, the dev wallet; switch chain; disconnect.
 */
import dynamic from "next/dynamic";
import { useEffect, useRef, useState } from "react";
import { useAppConfig } from "../config/AppConfigContext.tsx";
import { LOCAL_CHAIN_ID } from "../chain/localChain.ts";
import { useWalletSession } from "../chain/walletSession.ts";

const WalletPanel = dynamic(() => import("./WalletPanel.tsx").then((module) => module.WalletPanel), {
  ssr: false,
  loading: () => (
    <p className="muted" role="status">
      Loading wallets…
    </p>
  ),
});

export function WalletMenu() {
  const config = useAppConfig();
  const connection = useWalletSession();
  const [open, setOpen] = useState(false);
  const menuRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const onPointer = (event: PointerEvent) => {
      if (menuRef.current && !menuRef.current.contains(event.target as Node)) setOpen(false);
    };
    const onKey = (event: KeyboardEvent) => event.key === "Escape" && setOpen(false);
    document.addEventListener("pointerdown", onPointer);
    document.addEventListener("keydown", onKey);
    return () => {
      document.removeEventListener("pointerdown", onPointer);
      document.removeEventListener("keydown", onKey);
    };
  }, [open]);

  const address = connection.status === "connected" ? connection.address : undefined;

  // Close the menu when a connection is made (not on later account switches in the picker).
  const wasConnected = useRef(connection.status === "connected");
  useEffect(() => {
    const connected = connection.status === "connected";
    if (connected && !wasConnected.current) setOpen(false);
    wasConnected.current = connected;
  }, [connection.status]);
  const wrongChain = address !== undefined && connection.chainId !== config.chainId;

  return (
    <div className="wallet-menu" ref={menuRef}>
      <button
        type="button"
        className={`button wallet-button${wrongChain ? " warning" : ""}`}
        data-testid="wallet-button"
        aria-haspopup="dialog"
        aria-expanded={open}
        onClick={() => setOpen(!open)}
      >
        {address ? (
          <span className="wallet-address" data-testid="wallet-address" title={address}>
            {address}
          </span>
        ) : connection.status === "connecting" || connection.status === "reconnecting" ? (
          "Connecting…"
        ) : (
          "Connect wallet"
        )}
      </button>
      {wrongChain ? (
        <span className="wrong-chain" role="alert">
          Wrong network
        </span>
      ) : null}
      {open ? (
        <div className="wallet-panel" role="dialog" aria-label="Wallet">
          <WalletPanel connected={address !== undefined} onDone={() => setOpen(false)} />
          {config.chainId !== LOCAL_CHAIN_ID ? null : (
            <p className="fine-print">
              Local chain {LOCAL_CHAIN_ID}: the dev wallet uses the public Hardhat test keys. It is never offered on
              other chains.
            </p>
          )}
        </div>
      ) : null}
    </div>
  );
}
