import type { Metadata } from "next";
import { LeaseOverview } from "../../components/market/LeaseOverview.tsx";

export const metadata: Metadata = { title: "Leases" };

type Props = { searchParams: Promise<{ address?: string | string[] }> };

/**
 * `/leases`: the leases of the connected wallet, as tenant and as landlord, or of any address
 * given as `?address=0x…` (no wallet needed), each with its timeline and payments.
 */
export default async function LeasesPage({ searchParams }: Props) {
  const raw = (await searchParams).address;
  const address = (Array.isArray(raw) ? raw[0] : raw)?.trim() || undefined;
  return (
    <>
      <h1>Leases</h1>
      <p className="lede">
        Units rented through the lease book: the tenant holds the unit&apos;s user role until the lease ends by itself;
        the landlord earns the rent a day at a time and claims it as it accrues.
      </p>
      <LeaseOverview address={address} />
    </>
  );
}
