import type { Metadata } from "next";
import { RenderNetworkOverview } from "../../components/render/RenderNetworkOverview.tsx";

export const metadata: Metadata = { title: "Render network" };

/** `/render`: the render network's machines, their stakes, admission, ratings and slashes. */
export default function RenderNetworkPage() {
  return (
    <>
      <h1>Render network</h1>
      <p className="lede">
        Workers and schedulers stake MRK to render the world&apos;s units ahead of visitors. A worker joins by answering
        a benchmark task only it was given; wrong results are slashed into the miners&apos; rendering fund. Browsing
        needs no wallet.
      </p>
      <RenderNetworkOverview />
    </>
  );
}
