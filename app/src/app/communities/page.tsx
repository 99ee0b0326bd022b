import type { Metadata } from "next";
import Link from "next/link";
import { CommunityDirectory } from "../../components/community/CommunityDirectory.tsx";

export const metadata: Metadata = { title: "Communities" };

type Props = { searchParams: Promise<{ page?: string | string[] }> };

/** `/communities`: the directory of community DAOs, paged, readable without a wallet. */
export default async function CommunitiesPage({ searchParams }: Props) {
  const raw = (await searchParams).page;
  const page = Math.max(1, Math.floor(Number(Array.isArray(raw) ? raw[0] : raw) || 1));
  return (
    <>
      <h1>Communities</h1>
      <p className="lede">
        Communities are public wallets their members govern: they own units, sell event tickets, accept donations and
        vote on how to spend their treasury. <Link href="/communities/new">Start a community</Link>
      </p>
      <CommunityDirectory page={page} />
    </>
  );
}
