import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { districtTitle, parseCitySegments } from "../../../city/citySegments.ts";
import { DistrictMap } from "../../../components/city/DistrictMap.tsx";

type Props = { params: Promise<{ district: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const place = parseCitySegments([(await params).district]);
  return { title: place ? districtTitle(place.district) : "Not in the city" };
}

/** `/city/<district>`: the district's 36 × 36 map of neighbourhoods. */
export default async function DistrictPage({ params }: Props) {
  const place = parseCitySegments([(await params).district]);
  if (!place) notFound();
  return <DistrictMap district={place.district} />;
}
