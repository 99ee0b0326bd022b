import type { Metadata } from "next";
import { AgencyList } from "../../components/market/AgencyList.tsx";

export const metadata: Metadata = { title: "Agencies" };

/** `/agency`: the agencies that brokered sales or rentals, by earnings, and a way to open any agency's dashboard. */
export default function AgenciesPage() {
  return (
    <>
      <h1>Agencies</h1>
      <p className="lede">
        Real-estate agencies broker sales and rentals for owners: an order or rental listing names its agency and its
        fee, paid on every sale at once and on rent as it is credited.
      </p>
      <AgencyList />
    </>
  );
}
