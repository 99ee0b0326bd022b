import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { districtTitle, parseCitySegments } from "../../../../city/citySegments.ts";
import { NeighbourhoodMap } from "../../../../components/city/NeighbourhoodMap.tsx";

type Props = { params: Promise<{ district: string; neighbourhood: string }> };

async function placeOf(params: Props["params"]) {
  const { district, neighbourhood } = await params;
  return parseCitySegments([district, neighbourhood]);
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const place = await placeOf(params);
  return {
    title: place ? `${districtTitle(place.district)} · neighbourhood ${place.neighbourhood}` : "Not in the city",
  };
}

/** `/city/<district>/n<neighbourhood>`: the neighbourhood's 36 buildings. */
export default async function NeighbourhoodPage({ params }: Props) {
  const place = await placeOf(params);
  if (!place || place.neighbourhood === undefined) notFound();
  return <NeighbourhoodMap district={place.district} neighbourhood={place.neighbourhood} />;
}
