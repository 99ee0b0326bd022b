import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { districtTitle, parseCitySegments, type CityPlace } from "../../../../../../city/citySegments.ts";
import { FloorPlanView } from "../../../../../../components/city/FloorPlanView.tsx";

type Props = { params: Promise<{ district: string; neighbourhood: string; building: string; floor: string }> };

async function placeOf(params: Props["params"]): Promise<Required<CityPlace> | undefined> {
  const { district, neighbourhood, building, floor } = await params;
  const place = parseCitySegments([district, neighbourhood, building, floor]);
  return place?.floor === undefined ? undefined : (place as Required<CityPlace>);
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const place = await placeOf(params);
  return {
    title: place
      ? `${districtTitle(place.district)} · N${place.neighbourhood} · B${place.building} · floor ${place.floor}`
      : "Not in the city",
  };
}

/** `/city/<district>/n<neighbourhood>/b<building>/f<floor>`: the floor's 25 × 25 plan. */
export default async function FloorPage({ params }: Props) {
  const place = await placeOf(params);
  if (!place) notFound();
  return <FloorPlanView place={place} />;
}
