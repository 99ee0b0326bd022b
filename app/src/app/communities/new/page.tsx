import type { Metadata } from "next";
import { NewCommunityWizard } from "../../../components/community/NewCommunityWizard.tsx";

export const metadata: Metadata = { title: "Start a community" };

/** `/communities/new`: the create-a-community wizard (one factory transaction). */
export default function NewCommunityPage() {
  return (
    <>
      <h1>Start a community</h1>
      <p className="lede">
        One transaction creates the community&apos;s membership, its governor and its treasury. You are its first
        member; every setting can change later by proposal.
      </p>
      <NewCommunityWizard />
    </>
  );
}
