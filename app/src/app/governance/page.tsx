import type { Metadata } from "next";
import { GovernanceOverview } from "../../components/GovernanceOverview.tsx";

export const metadata: Metadata = { title: "Governance" };

/** `/governance`: platform parameters, proposals with live state, proposing and voting. */
export default function GovernancePage() {
  return (
    <>
      <h1>Governance</h1>
      <p className="lede">
        Holders of wrapped MRK decide the platform&apos;s parameters and spend its treasury. A proposal waits a day, is
        voted on for a week and, once passed and queued, waits two days in the timelock before anyone may execute it.
      </p>
      <GovernanceOverview />
    </>
  );
}
