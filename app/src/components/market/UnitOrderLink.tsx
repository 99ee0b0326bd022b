"use client";
/** A signed order's link, to send to the other side (see `market/orderLink.ts`). */
import { useState } from "react";

export function UnitOrderLink({ link, what, testId }: { link: string; what: string; testId: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="notice" data-testid={testId} data-href={link}>
      <p>
        Signed. Your {what} lives off chain: send this link to the other side (anyone who opens it sees the order,
        checked against the chain). It costs nothing; list on chain instead to be found on the unit page without a link.
      </p>
      <div className="input-row">
        <input readOnly value={link} aria-label={`Link to your ${what}`} onFocus={(e) => e.target.select()} />
        <button
          type="button"
          className="small-button"
          onClick={() => {
            void navigator.clipboard?.writeText(link).then(() => setCopied(true));
          }}
        >
          {copied ? "Copied" : "Copy"}
        </button>
        <a href={link}>Open</a>
      </div>
    </div>
  );
}
