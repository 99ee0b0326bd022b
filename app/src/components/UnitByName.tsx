"use client";
/** `/units/<name>` when the server could not reach the subgraph: the browser resolves the name. */
import { useQuery } from "@tanstack/react-query";
import { useAppConfig } from "../config/AppConfigContext.tsx";
import { toErrorView } from "../errors/MarkspaceAppError.ts";
import { fetchUnitIdByName } from "../subgraph/cityClient.ts";
import { ErrorNotice } from "./ErrorNotice.tsx";
import { UnitView } from "./UnitView.tsx";

export function UnitByName({ name }: { name: string }) {
  const { subgraphUrl } = useAppConfig();
  const query = useQuery({
    queryKey: ["unit-name", subgraphUrl, name] as const,
    queryFn: ({ signal }) => fetchUnitIdByName({ url: subgraphUrl, name, signal }),
  });
  if (query.data) return <UnitView tokenId={query.data} name={name} />;
  if (query.data === null) return <p className="notice">No unit is named “{name}”.</p>;
  if (query.isError) return <ErrorNotice title={`“${name}” could not be looked up`} error={toErrorView(query.error)} />;
  return (
    <p className="muted" role="status">
      Looking up “{name}”…
    </p>
  );
}
