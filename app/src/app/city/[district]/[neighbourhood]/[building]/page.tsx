import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { districtTitle, parseCitySegments } from "../../../../../city/citySegments.ts";
import { BuildingView } from "../../../../../components/city/BuildingView.tsx";

type Props = { params: Promise<{ district: string; neighbourhood: string; building: string }> };

async function placeOf(params: Props["params"]) {
  const { district, neighbourhood, building } = await params;
  return parseCitySegments([district, neighbourhood, building]);
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const place = await placeOf(params);
  return {
    title: place
      ? `${districtTitle(place.district)} · neighbourhood ${place.neighbourhood} · building ${place.building}`
      : "Not in the city",
  };
}

/** `/city/<district>/n<neighbourhood>/b<building>`: the building in 3D and its 36 floors. */
export default async function BuildingPage({ params }: Props) {
  const place = await placeOf(params);
  if (!place || place.neighbourhood === undefined || place.building === undefined) notFound();
  return <BuildingView district={place.district} neighbourhood={place.neighbourhood} building={place.building} />;
}
