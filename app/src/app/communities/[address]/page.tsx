import type { Metadata } from "next";
import Link from "next/link";
import { getAddress, isAddress } from "viem";
import { CommunityView } from "../../../components/community/CommunityView.tsx";

type Props = { params: Promise<{ address: string }> };

export const metadata: Metadata = { title: "Community" };

/** `/communities/0x…` (the treasury's address): members, treasury, events, distributions and proposals. */
export default async function CommunityPage({ params }: Props) {
  const { address } = await params;
  if (!isAddress(address, { strict: false })) {
    return (
      <>
        <h1>Community</h1>
        <p className="notice error" role="alert" data-testid="community-bad-address">
          <code>{decodeURIComponent(address)}</code> is not an address: a community&apos;s page is{" "}
          <code>/communities/0x…</code> with its treasury&apos;s address.{" "}
          <Link href="/communities">All communities</Link>
        </p>
      </>
    );
  }
  return <CommunityView treasury={getAddress(address)} />;
}
