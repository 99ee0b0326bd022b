"use client";
/**
 * The wallet menu in the header: connect an injected wallet (EIP-6963 discovered or
 * `window.ethereum`) or, on the local chain only, the dev wallet with its test-account picker;
 * show the connected address, a wrong-chain warning with a switch button, and disconnect.
 */
import { useEffect, useRef, useState } from "react";
import { useConnection, useConnect, useConnectors, useDisconnect, useSwitchChain, type Connector } from "wagmi";
import { useAppConfig } from "../config/AppConfigContext.tsx";
import {
  DEV_WALLET_ACCOUNT_COUNT,
  devWalletAddresses,
  isDevWalletConnector,
  LOCAL_CHAIN_ID,
} from "../chain/devWallet.ts";
import { describeClaimError } from "../chain/describeClaimError.ts";
import { shortAddress } from "./shortAddress.ts";

export function WalletMenu() {
  const config = useAppConfig();
  const connection = useConnection();
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
          {address ? <ConnectedPanel onDone={() => setOpen(false)} /> : <ConnectPanel />}
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

function ConnectPanel() {
  const connectors = useConnectors();
  const { mutate: connect, isPending, error, variables } = useConnect();
  const injected = connectors.filter((c) => !isDevWalletConnector(c));
  const dev = connectors.find((c) => isDevWalletConnector(c));
  // The generic `injected` connector only works when a `window.ethereum` exists.
  const [hasWindowEthereum, setHasWindowEthereum] = useState(false);
  useEffect(() => setHasWindowEthereum(typeof window !== "undefined" && "ethereum" in window), []);
  const usable = injected.filter((c) => c.id !== "injected" || hasWindowEthereum);

  const connectWith = (connector: Connector, extra: Record<string, unknown> = {}) =>
    connect({ connector, ...extra } as Parameters<typeof connect>[0]);

  return (
    <div className="wallet-options">
      <h2>Connect a wallet</h2>
      {usable.map((connector) => (
        <button
          key={connector.uid}
          type="button"
          className="button secondary wallet-option"
          disabled={isPending}
          onClick={() => connectWith(connector)}
        >
          {connector.icon ? <img src={connector.icon} alt="" width={20} height={20} /> : null}
          {connector.name}
          {isPending && variables?.connector === connector ? " …" : ""}
        </button>
      ))}
      {usable.length === 0 ? (
        <p className="muted">No browser wallet found. Install one (e.g. MetaMask) to use your own account.</p>
      ) : null}
      {dev ? (
        <button
          type="button"
          className="button wallet-option"
          data-testid="connect-dev-wallet"
          disabled={isPending}
          onClick={() => connectWith(dev, { accountIndex: 0 })}
        >
          Dev wallet — test account #0
        </button>
      ) : null}
      {error ? <p className="error-text">{describeClaimError(error).shortMessage}</p> : null}
    </div>
  );
}

function ConnectedPanel({ onDone }: { onDone: () => void }) {
  const config = useAppConfig();
  const connection = useConnection();
  const { mutate: disconnect } = useDisconnect();
  const { mutate: switchChain, isPending: switching, error: switchError } = useSwitchChain();
  const connector = connection.connector;
  const wrongChain = connection.chainId !== config.chainId;

  return (
    <div className="wallet-connected">
      <h2>Connected</h2>
      <p>
        <code className="full-address">{connection.address}</code>
      </p>
      <p className="muted">via {connector?.name ?? "wallet"}</p>
      {connector && isDevWalletConnector(connector) ? <DevAccountPicker connector={connector} /> : null}
      {wrongChain ? (
        <div className="notice warning" role="alert">
          <p>
            Your wallet is on chain {connection.chainId ?? "?"}, but this Markspace lives on chain {config.chainId}.
          </p>
          <button
            type="button"
            className="button"
            disabled={switching}
            onClick={() => switchChain({ chainId: config.chainId })}
          >
            {switching ? "Switching…" : `Switch to chain ${config.chainId}`}
          </button>
          {switchError ? <p className="error-text">{switchError.message.split("\n")[0]}</p> : null}
        </div>
      ) : null}
      <button
        type="button"
        className="button secondary"
        onClick={() => {
          disconnect();
          onDone();
        }}
      >
        Disconnect
      </button>
    </div>
  );
}

function DevAccountPicker({
  connector,
}: {
  connector: Connector & { selectAccount(i: number): Promise<void>; currentAccountIndex(): number };
}) {
  const [addresses, setAddresses] = useState<string[]>([]);
  const [index, setIndex] = useState(() => connector.currentAccountIndex());
  useEffect(() => {
    let cancelled = false;
    devWalletAddresses().then((list) => !cancelled && setAddresses(list));
    return () => {
      cancelled = true;
    };
  }, []);
  return (
    <label className="field">
      <span>Test account</span>
      <select
        value={index}
        onChange={(event) => {
          const next = Number(event.target.value);
          setIndex(next);
          void connector.selectAccount(next);
        }}
      >
        {Array.from({ length: DEV_WALLET_ACCOUNT_COUNT }, (_, i) => (
          <option key={i} value={i}>
            #{i} {addresses[i] ? shortAddress(addresses[i]) : ""}
          </option>
        ))}
      </select>
    </label>
  );
}
