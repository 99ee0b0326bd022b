/** Where a page sits in the city: City › Residential › N0042 › B07 › F12 › unit, each a link. */
import Link from "next/link";
import { cityPath, districtTitle, type CityPlace } from "../../city/citySegments.ts";

type Props = { place?: CityPlace; unit?: string };

export function CityBreadcrumbs({ place, unit }: Props) {
  const crumbs: { label: string; href: string }[] = [{ label: "City", href: cityPath() }];
  if (place) {
    crumbs.push({ label: districtTitle(place.district), href: cityPath({ district: place.district }) });
    if (place.neighbourhood !== undefined) {
      const n = { district: place.district, neighbourhood: place.neighbourhood };
      crumbs.push({ label: `Neighbourhood ${place.neighbourhood}`, href: cityPath(n) });
      if (place.building !== undefined) {
        crumbs.push({ label: `Building ${place.building}`, href: cityPath({ ...n, building: place.building }) });
        if (place.floor !== undefined) {
          crumbs.push({
            label: `Floor ${place.floor}`,
            href: cityPath({ ...n, building: place.building, floor: place.floor }),
          });
        }
      }
    }
  }
  return (
    <nav aria-label="Place in the city" className="breadcrumbs" data-testid="city-breadcrumbs">
      <ol>
        {crumbs.map((crumb) => (
          <li key={crumb.href}>
            <Link href={crumb.href}>{crumb.label}</Link>
          </li>
        ))}
        {unit ? <li aria-current="page">{unit}</li> : null}
      </ol>
    </nav>
  );
}
