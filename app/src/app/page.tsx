import { UnitList } from "../components/UnitList.tsx";

type Props = { searchParams: Promise<{ page?: string | string[] }> };

/** `/`: every claimed unit, newest first, polled from the subgraph. */
export default async function HomePage({ searchParams }: Props) {
  const raw = (await searchParams).page;
  const page = Math.max(1, Math.floor(Number(Array.isArray(raw) ? raw[0] : raw) || 1));
  return (
    <>
      <h1>Units</h1>
      <p className="lede">
        Every 8 × 8 m unit claimed in this world. Open one to walk through it in your browser or a VR headset.
      </p>
      <UnitList page={page} />
    </>
  );
}
