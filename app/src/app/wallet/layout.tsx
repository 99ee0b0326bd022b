import type { ReactNode } from "react";
import { WalletScope } from "../../components/WalletScope.tsx";

/** wagmi's hooks for the wallet page (balances, wrap, delegate), which read the chain and send transactions through them. */
export default function Layout({ children }: { children: ReactNode }) {
  return <WalletScope>{children}</WalletScope>;
}
