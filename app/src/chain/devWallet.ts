/**
 * The local dev wallet: a wagmi connector over the public Hardhat/EDR test accounts
 * (mnemonic `test … junk`). It signs in the browser with a viem local account and sends raw
 * transactions to the configured JSON-RPC. Only ever offered on chain 31337 — these keys are
 * public, so on any other chain they would be an invitation to lose funds.
 */
import {
  getAddress,
  hexToBigInt,
  hexToNumber,
  http,
  numberToHex,
  ProviderDisconnectedError,
  SwitchChainError,
  UnauthorizedProviderError,
  type Address,
  type Chain,
  type EIP1193RequestFn,
  type Hex,
} from "viem";
import type { HDAccount } from "viem/accounts";
import { createConnector } from "wagmi";
import { LOCAL_CHAIN_ID } from "./localChain.ts";

export { LOCAL_CHAIN_ID };
export const DEV_WALLET_MNEMONIC = "test test test test test test test test test test test junk";
/** How many test accounts the picker offers (accounts 10+ own the seeded demo units). */
export const DEV_WALLET_ACCOUNT_COUNT = 10;
export const DEV_WALLET_ID = "markspaceDevWallet";
export const DEV_WALLET_TYPE = "markspaceDevWallet";

const accountCache = new Map<number, Promise<HDAccount>>();

/** Test account `index` of the mnemonic, derived once (PBKDF2 is slow) and loaded lazily. */
export function devWalletAccount(index: number): Promise<HDAccount> {
  if (!Number.isInteger(index) || index < 0 || index >= DEV_WALLET_ACCOUNT_COUNT) {
    return Promise.reject(new RangeError(`Dev wallet account index must be 0–${DEV_WALLET_ACCOUNT_COUNT - 1}`));
  }
  let account = accountCache.get(index);
  if (!account) {
    account = import("viem/accounts").then(({ mnemonicToAccount }) =>
      mnemonicToAccount(DEV_WALLET_MNEMONIC, { addressIndex: index }),
    );
    accountCache.set(index, account);
  }
  return account;
}

/** Addresses of the picker's accounts, in index order. */
export async function devWalletAddresses(): Promise<Address[]> {
  const accounts = await Promise.all(Array.from({ length: DEV_WALLET_ACCOUNT_COUNT }, (_, i) => devWalletAccount(i)));
  return accounts.map((account) => account.address);
}

type TransactionParam = {
  from?: Hex;
  to?: Hex | null;
  data?: Hex;
  input?: Hex;
  value?: Hex;
  gas?: Hex;
  gasPrice?: Hex;
  maxFeePerGas?: Hex;
  maxPriorityFeePerGas?: Hex;
  nonce?: Hex;
};

type StorageItems = { "markspaceDevWallet.accountIndex": number; "markspaceDevWallet.connected": boolean };

export type DevWalletProperties = {
  connect<withCapabilities extends boolean = false>(parameters?: {
    chainId?: number | undefined;
    isReconnecting?: boolean | undefined;
    withCapabilities?: withCapabilities | boolean | undefined;
    /** Which test account to use; the last one chosen (or 0) by default. */
    accountIndex?: number | undefined;
  }): Promise<{
    accounts: withCapabilities extends true
      ? readonly { address: Address; capabilities: Record<string, unknown> }[]
      : readonly Address[];
    chainId: number;
  }>;
  /** Switches the connected dev wallet to test account `index`. */
  selectAccount(index: number): Promise<void>;
  /** Index of the account in use. */
  currentAccountIndex(): number;
};

export type DevWalletParameters = { chain: Chain; rpcUrl: string };

export function devWallet({ chain, rpcUrl }: DevWalletParameters) {
  if (chain.id !== LOCAL_CHAIN_ID) throw new Error(`The dev wallet only exists on chain ${LOCAL_CHAIN_ID}`);
  let accountIndex = 0;
  let connected = false;
  const rpc = http(rpcUrl, { retryCount: 0 })({ chain });

  return createConnector<{ request: EIP1193RequestFn }, DevWalletProperties, StorageItems>((config) => {
    const account = () => devWalletAccount(accountIndex);

    const handle = async ({ method, params }: { method: string; params?: unknown }): Promise<unknown> => {
      switch (method) {
        case "eth_accounts":
          return connected ? [(await account()).address] : [];
        case "eth_requestAccounts":
          return [(await account()).address];
        case "eth_chainId":
          return numberToHex(chain.id);
        case "wallet_switchEthereumChain": {
          const [{ chainId }] = params as [{ chainId: Hex }];
          if (hexToNumber(chainId) !== chain.id) {
            throw new SwitchChainError(new Error(`The dev wallet only knows chain ${chain.id}`));
          }
          return null;
        }
        case "eth_sendTransaction": {
          const [tx] = params as [TransactionParam];
          const signer = await account();
          if (tx.from && getAddress(tx.from) !== signer.address) {
            throw new UnauthorizedProviderError(new Error(`The dev wallet is on ${signer.address}, not ${tx.from}`));
          }
          // Loaded on the first transaction: preparing and signing one is most of viem.
          const { sendDevTransaction } = await import("./devWalletSend.ts");
          const hex = (value: Hex | undefined) => (value ? hexToBigInt(value) : undefined);
          return sendDevTransaction(signer, chain, rpcUrl, {
            to: tx.to ?? undefined,
            data: tx.data ?? tx.input,
            value: hex(tx.value),
            gas: hex(tx.gas),
            nonce: tx.nonce ? hexToNumber(tx.nonce) : undefined,
            gasPrice: hex(tx.gasPrice),
            maxFeePerGas: hex(tx.maxFeePerGas),
            maxPriorityFeePerGas: hex(tx.maxPriorityFeePerGas),
          });
        }
        case "personal_sign": {
          const [message] = params as [Hex, Address];
          return (await account()).signMessage({ message: { raw: message } });
        }
        case "eth_signTypedData_v4": {
          const [, json] = params as [Address, string];
          const typed = JSON.parse(json) as Parameters<HDAccount["signTypedData"]>[0];
          return (await account()).signTypedData(typed);
        }
        default:
          return rpc.request({ method, params } as never);
      }
    };
    const provider = { request: handle as EIP1193RequestFn };

    return {
      id: DEV_WALLET_ID,
      name: "Dev wallet (test accounts)",
      type: DEV_WALLET_TYPE,
      async setup() {
        const stored = await config.storage?.getItem("markspaceDevWallet.accountIndex");
        if (typeof stored === "number" && stored >= 0 && stored < DEV_WALLET_ACCOUNT_COUNT) accountIndex = stored;
      },
      async connect(parameters = {}) {
        const { chainId, withCapabilities } = parameters;
        const requested = (parameters as { accountIndex?: number }).accountIndex;
        if (chainId !== undefined && chainId !== chain.id) {
          throw new SwitchChainError(new Error(`The dev wallet only knows chain ${chain.id}`));
        }
        if (requested !== undefined) {
          await devWalletAccount(requested); // validates the index
          accountIndex = requested;
          await config.storage?.setItem("markspaceDevWallet.accountIndex", requested);
        }
        const address = (await account()).address;
        connected = true;
        await config.storage?.setItem("markspaceDevWallet.connected", true);
        return {
          accounts: (withCapabilities ? [{ address, capabilities: {} }] : [address]) as never,
          chainId: chain.id,
        };
      },
      async disconnect() {
        connected = false;
        await config.storage?.removeItem("markspaceDevWallet.connected");
      },
      async getAccounts() {
        if (!connected) return [];
        return [(await account()).address];
      },
      async getChainId() {
        return chain.id;
      },
      async getProvider() {
        return provider;
      },
      async isAuthorized() {
        const wasConnected = (await config.storage?.getItem("markspaceDevWallet.connected")) === true;
        if (wasConnected) connected = true;
        return wasConnected;
      },
      async switchChain({ chainId }) {
        if (chainId !== chain.id) throw new SwitchChainError(new Error(`The dev wallet only knows chain ${chain.id}`));
        return chain;
      },
      onAccountsChanged(accounts) {
        if (accounts.length === 0) this.onDisconnect();
        else config.emitter.emit("change", { accounts: accounts.map((a) => getAddress(a)) });
      },
      onChainChanged(id) {
        config.emitter.emit("change", { chainId: Number(id) });
      },
      onDisconnect(error) {
        connected = false;
        config.emitter.emit("disconnect");
        if (error) console.warn(new ProviderDisconnectedError(error));
      },
      async selectAccount(index: number) {
        const next = await devWalletAccount(index);
        accountIndex = index;
        await config.storage?.setItem("markspaceDevWallet.accountIndex", index);
        if (connected) config.emitter.emit("change", { accounts: [next.address] });
      },
      currentAccountIndex() {
        return accountIndex;
      },
    };
  });
}

/** Narrows a wagmi connector to the dev wallet, whose extra methods the wallet menu uses. */
export function isDevWalletConnector<C extends { type: string }>(connector: C): connector is C & DevWalletProperties {
  return connector.type === DEV_WALLET_TYPE;
}
