import type { Metadata } from "next";
import { getAddress, isAddress } from "viem";
import Link from "next/link";
import { AgencyDashboard } from "../../../components/market/AgencyDashboard.tsx";

type Props = { params: Promise<{ address: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { address } = await params;
  return { title: isAddress(address, { strict: false }) ? `Agency ${getAddress(address).slice(0, 10)}…` : "Agency" };
}

/** `/agency/0x…`: an agency's earnings from sales and rentals it brokered, with their history. */
export default async function AgencyPage({ params }: Props) {
  const { address } = await params;
  if (!isAddress(address, { strict: false })) {
    return (
      <>
        <h1>Agency</h1>
        <p className="notice error" role="alert">
          <code>{decodeURIComponent(address)}</code> is not an address: an agency&apos;s page is{" "}
          <code>/agency/0x…</code> with 40 hexadecimal digits. <Link href="/agency">All agencies</Link>
        </p>
      </>
    );
  }
  const agency = getAddress(address);
  return (
    <>
      <h1>Agency</h1>
      <p className="lede">
        <code>{agency}</code> · <Link href="/agency">all agencies</Link>
      </p>
      <AgencyDashboard agency={agency} />
    </>
  );
}
