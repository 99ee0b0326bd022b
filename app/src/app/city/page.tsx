import type { Metadata } from "next";
import { CityBreadcrumbs } from "../../components/city/CityBreadcrumbs.tsx";
import { CityOverview } from "../../components/city/CityOverview.tsx";

export const metadata: Metadata = { title: "City" };

/** `/city`: the districts; from there down to a neighbourhood, a building, a floor and a unit. */
export default function CityPage() {
  return (
    <>
      <CityBreadcrumbs />
      <h1>The city</h1>
      <p className="lede">
        Four districts of 1,296 neighbourhoods, each of 36 buildings with 36 floors of 625 units. Walk down to a floor
        to see which units are free; browsing needs no wallet.
      </p>
      <CityOverview />
    </>
  );
}
