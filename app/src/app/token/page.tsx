import type { Metadata } from "next";
import { TokenOverview } from "../../components/TokenOverview.tsx";

export const metadata: Metadata = { title: "MRK token" };

/** `/token`: MRK's supply and its nine genesis funds with their locks. */
export default function TokenPage() {
  return (
    <>
      <h1>MRK</h1>
      <p className="lede">
        All 3,000,000,000 MRK were created at genesis and split into nine funds. Each fund stays locked until its
        freezing time ends; then anyone may release it to its beneficiary.
      </p>
      <TokenOverview />
    </>
  );
}
