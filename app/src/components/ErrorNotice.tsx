/** A readable error: what failed, the short reason, the hint and (folded) the details. */
import type { ReactNode } from "react";
import type { ErrorView } from "../errors/MarkspaceAppError.ts";

type Props = { title: string; error: ErrorView; children?: ReactNode };

export function ErrorNotice({ title, error, children }: Props) {
  return (
    <div className="notice error" role="alert">
      <strong>{title}</strong>
      <p>{error.shortMessage}</p>
      {error.hint ? <p className="hint">{error.hint}</p> : null}
      {error.details ? (
        <details>
          <summary>Details</summary>
          <pre>{error.details}</pre>
        </details>
      ) : null}
      {children}
    </div>
  );
}
