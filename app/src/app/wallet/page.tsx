import type { Metadata } from "next";
import { WalletOverview } from "../../components/WalletOverview.tsx";

export const metadata: Metadata = { title: "Wallet" };

/** `/wallet`: the connected account's MRK, wMRK and votes; wrap, unwrap, delegate; history. */
export default function WalletPage() {
  return (
    <>
      <h1>Your MRK</h1>
      <p className="lede">
        MRK votes on the platform once it is wrapped into wMRK and its votes are delegated (to yourself or someone
        else). Unwrap any time to get your MRK back.
      </p>
      <WalletOverview />
    </>
  );
}
