/**
 * `/units/<ref>/edit`: the scene editor of one unit, by its address, token id or name (as the
 * unit page). Anyone may open it and draft; publishing needs the right to decorate, which the
 * editor checks with the registry and the registry enforces.
 */
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { parseUnitReference } from "../../../../city/unitReference.ts";
import { UnitEditor } from "../../../../components/editor/UnitEditor.tsx";
import { getAppConfig } from "../../../../config/getAppConfig.ts";
import { fetchUnitIdByName } from "../../../../subgraph/cityClient.ts";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const ref = parseUnitReference((await params).id);
  return { title: !ref ? "Unit not found" : `Edit ${ref.kind === "name" ? ref.name : ref.address}` };
}

export default async function UnitEditPage({ params }: Props) {
  const ref = parseUnitReference((await params).id);
  if (!ref) notFound();
  const result = await getAppConfig();
  if (!result.ok) return null; // the layout shows the configuration error
  if (ref.kind === "name") {
    const id = await fetchUnitIdByName({
      url: result.config.subgraphUrl,
      name: ref.name,
      signal: AbortSignal.timeout(5_000),
    });
    if (id === null) notFound();
    return <UnitEditor tokenId={id} />;
  }
  return <UnitEditor tokenId={ref.tokenId.toString()} />;
}
