/**
 * `/units/<ref>`: one unit, by its address (`/units/R-0042-07-12-003`, the readable link), by its
 * name (`/units/alice-shop`, resolved through the subgraph's `Unit.name`) or by its decimal token
 * id (the old links). A valid address is never a 404: a unit nobody owns shows how to buy it, one
 * just bought shows "indexing…" until the subgraph has it. Malformed references and unknown
 * names are 404s.
 */
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { parseUnitReference } from "../../../city/unitReference.ts";
import { UnitByName } from "../../../components/UnitByName.tsx";
import { UnitView } from "../../../components/UnitView.tsx";
import { getAppConfig } from "../../../config/getAppConfig.ts";
import { SubgraphQueryError, SubgraphResponseError } from "../../../subgraph/errors.ts";
import { fetchUnitDetail, fetchUnitIdByName, type UnitPageData } from "../../../subgraph/cityClient.ts";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const ref = parseUnitReference((await params).id);
  return { title: !ref ? "Unit not found" : ref.kind === "name" ? ref.name : ref.address };
}

/** Runs a subgraph read from the server; undefined when the server cannot reach it (the browser retries). */
async function tolerant<T>(read: () => Promise<T>): Promise<T | undefined> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof SubgraphQueryError || error instanceof SubgraphResponseError) throw error;
    return undefined;
  }
}

export default async function UnitPage({ params }: Props) {
  const ref = parseUnitReference((await params).id);
  if (!ref) notFound();

  const result = await getAppConfig();
  if (!result.ok) return null; // the layout shows the configuration error
  const url = result.config.subgraphUrl;
  const signal = AbortSignal.timeout(5_000);

  if (ref.kind === "name") {
    const id = await tolerant(() => fetchUnitIdByName({ url, name: ref.name, signal }));
    if (id === null) notFound();
    // The server could not ask: the browser resolves the name itself.
    if (id === undefined) return <UnitByName name={ref.name} />;
    return <UnitView tokenId={id} name={ref.name} />;
  }
  // React serialises bigints across the server/client boundary, so the record goes as it is.
  const initial: UnitPageData | undefined = await tolerant(() =>
    fetchUnitDetail({ url, tokenId: ref.tokenId, district: ref.parts.district, signal }),
  );
  return <UnitView tokenId={ref.tokenId.toString()} initial={initial} />;
}
