"use client";
/**
 * The wallet menu's panel: connect an injected wallet (EIP-6963 discovered or
 * `window.ethereum`) or, on the local chain only, the dev wallet with its test-account picker;
 * the connected address, a switch button when on the wrong chain, and disconnect. Loaded with
 * the wallet stack when the menu first opens (`WalletMenu.tsx` is the light part in the header).
 */
import { useEffect, useState } from "react";
import {
  useConnection,
  useConnect,
  useConnectors,
  useDisconnect,
  useSwitchChain,
  WagmiContext,
  type Connector,
} from "wagmi";
import { useAppConfig } from "../config/AppConfigContext.tsx";
import { DEV_WALLET_ACCOUNT_COUNT, devWalletAddresses, isDevWalletConnector } from "../chain/devWallet.ts";
import { describeClaimError } from "../chain/describeClaimError.ts";
import { loadWalletStack } from "../chain/loadWalletStack.ts";
import { walletConfig } from "../chain/walletStack.tsx";
import { shortAddress } from "./shortAddress.ts";

export function WalletPanel({ connected, onDone }: { connected: boolean; onDone: () => void }) {
  const config = useAppConfig();
  // Starts the wallet stack's runtime (reconnection, EIP-6963 wallets) if nothing has yet.
  useEffect(() => void loadWalletStack(), []);
  return (
    <WagmiContext.Provider value={walletConfig(config)}>
      {connected ? <ConnectedPanel onDone={onDone} /> : <ConnectPanel />}
    </WagmiContext.Provider>
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
