"use client";
/** Loading and error states every city page shares. */
import type { ReactNode } from "react";
import { toErrorView } from "../../errors/MarkspaceAppError.ts";
import { ErrorNotice } from "../ErrorNotice.tsx";

type Props = { isError: boolean; error: unknown; hasData: boolean; what: string; children: ReactNode };

export function SubgraphState({ isError, error, hasData, what, children }: Props) {
  if (hasData) return <>{children}</>;
  if (isError) {
    return (
      <ErrorNotice title={`The ${what} could not be loaded`} error={toErrorView(error)}>
        <p className="muted">Retrying…</p>
      </ErrorNotice>
    );
  }
  return (
    <p className="muted" role="status">
      Loading the {what} from the subgraph…
    </p>
  );
}
