import type { Metadata } from "next";
import { SaleOverview } from "../../components/SaleOverview.tsx";

export const metadata: Metadata = { title: "MRK sale" };

/** `/sale`: the MRK crowdsale's stages, the buy form and the claim of bought MRK. */
export default function SalePage() {
  return (
    <>
      <h1>MRK sale</h1>
      <p className="lede">
        970,000,000 MRK are sold in five stages at rising prices (0.06 to 0.10 USD), paid in ETH at the oracle&apos;s
        ETH/USD price. Bought MRK are released to buyers after the token sale fund&apos;s freeze.
      </p>
      <SaleOverview />
    </>
  );
}
