import type { Metadata } from "next";
import { ClaimForm } from "../../components/ClaimForm.tsx";

export const metadata: Metadata = { title: "Claim a unit" };

/** `/claim`: every account may claim one residential unit for free. */
export default function ClaimPage() {
  return (
    <>
      <h1>Claim your free unit</h1>
      <p className="lede">
        Every account may claim one residential unit for free. Pick an address or take the suggested one, then sign the
        transaction in your wallet.
      </p>
      <ClaimForm />
    </>
  );
}
