import Link from "next/link";

export default function NotFound() {
  return (
    <>
      <h1>Not found</h1>
      <p>
        There is nothing at this address. A unit that was claimed moments ago may not be indexed yet — try again in a
        few seconds.
      </p>
      <p>
        <Link href="/">Back to the unit list</Link>
      </p>
    </>
  );
}
