import type { ReactNode } from "react";
import { WalletScope } from "../../components/WalletScope.tsx";

/** wagmi's hooks for the unit pages (the room, claim, market and editor panels), which read the chain and send transactions through them. */
export default function Layout({ children }: { children: ReactNode }) {
  return <WalletScope>{children}</WalletScope>;
}
