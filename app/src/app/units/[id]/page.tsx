/**
 * `/units/[id]`: one unit. The server checks that the id is a unit and that the subgraph knows
 * it (a readable 404 otherwise); the browser then keeps the record fresh and draws the scene.
 */
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { decodeUnitId, formatUnitAddress } from "@markspace/contracts/unit-address";
import { UnitView } from "../../../components/UnitView.tsx";
import { getAppConfig } from "../../../config/getAppConfig.ts";
import { SubgraphQueryError, SubgraphResponseError } from "../../../subgraph/errors.ts";
import { fetchUnit } from "../../../subgraph/subgraphClient.ts";
import type { UnitRecord } from "../../../subgraph/unitRecord.ts";

type Props = { params: Promise<{ id: string }> };

/** The unit's human address when `id` is a decimal token id of a valid unit. */
function addressOf(id: string): string | undefined {
  if (!/^\d{1,20}$/.test(id)) return undefined;
  try {
    return formatUnitAddress(decodeUnitId(BigInt(id)));
  } catch {
    return undefined;
  }
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const address = addressOf((await params).id);
  return { title: address ?? "Unit not found" };
}

export default async function UnitPage({ params }: Props) {
  const { id } = await params;
  const address = addressOf(id);
  if (!address) notFound();

  const result = await getAppConfig();
  if (!result.ok) return null; // the layout shows the configuration error

  // Ask the subgraph from the server so a missing unit is a real 404. When the server cannot
  // reach it (e.g. the URL only resolves in the browser) the page renders and the browser retries.
  let initial: UnitRecord | null | undefined;
  try {
    initial = (await fetchUnit({ url: result.config.subgraphUrl, id, signal: AbortSignal.timeout(5_000) })).unit;
  } catch (error) {
    if (error instanceof SubgraphQueryError || error instanceof SubgraphResponseError) throw error;
    initial = undefined;
  }
  if (initial === null) notFound();
  // React serialises bigints across the server/client boundary, so the record goes as it is.
  return <UnitView id={id} address={address} initial={initial} />;
}
