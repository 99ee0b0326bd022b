"use client";
/**
 * One agency's dashboard from its `Agency` entity: sales brokered and fees earned on them, rent
 * fees credited from the leases it brokered, and the latest of each.
 */
import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import type { Address } from "viem";
import { useAppConfig } from "../../config/AppConfigContext.tsx";
import { toErrorView } from "../../errors/MarkspaceAppError.ts";
import { formatDateTime, formatMrk } from "../../economy/format.ts";
import { AGENCY_HISTORY_SIZE, fetchAgency } from "../../subgraph/marketQueries.ts";
import { ErrorNotice } from "../ErrorNotice.tsx";
import { shortAddress } from "../shortAddress.ts";

export const AGENCY_POLL_MS = 5_000;

export function agencyQueryKey(subgraphUrl: string, agency: Address) {
  return ["agency", subgraphUrl, agency] as const;
}

export function AgencyDashboard({ agency }: { agency: Address }) {
  const { subgraphUrl } = useAppConfig();
  const query = useQuery({
    queryKey: agencyQueryKey(subgraphUrl, agency),
    queryFn: ({ signal }) => fetchAgency({ url: subgraphUrl, agency, signal }),
    refetchInterval: AGENCY_POLL_MS,
  });
  if (query.isPending)
    return (
      <p className="muted" role="status">
        Loading the agency from the subgraph…
      </p>
    );
  if (query.isError && !query.data)
    return <ErrorNotice title="The agency is unavailable" error={toErrorView(query.error)} />;
  const data = query.data!;
  const record = data.agency;
  const leaseCount = data.leaseCount.length;
  if (!record) {
    return (
      <p className="muted" data-testid="agency-none">
        This address has not earned an agency fee yet
        {leaseCount > 0
          ? `; it brokered ${leaseCount} lease${leaseCount === 1 ? "" : "s"} whose rent is not credited yet`
          : ""}
        . An owner names an agency (and its fee) in a sale order or a rental listing.
      </p>
    );
  }
  return (
    <div data-testid="agency-dashboard" data-agency={record.id}>
      <section className="economy-section" aria-label="Earnings">
        <dl className="facts">
          <div>
            <dt>Earned in all</dt>
            <dd data-testid="agency-total">{formatMrk(record.totalEarnings, 4)}</dd>
          </div>
          <div>
            <dt>Sales brokered</dt>
            <dd data-testid="agency-sale-count">{record.saleCount}</dd>
          </div>
          <div>
            <dt>Fees from sales</dt>
            <dd>{formatMrk(record.saleEarnings, 4)}</dd>
          </div>
          <div>
            <dt>Leases brokered</dt>
            <dd>{leaseCount === 1000 ? "1,000+" : leaseCount}</dd>
          </div>
          <div>
            <dt>Fees from rent (credited)</dt>
            <dd>{formatMrk(record.rentEarnings, 4)}</dd>
          </div>
        </dl>
        <p className="muted small">
          Sale fees are paid to the agency in the sale&apos;s transaction; rent fees are credited in the lease book as
          rent is claimed and leave with its <code>withdraw</code>.
        </p>
      </section>

      <section className="economy-section" aria-label="Sales brokered">
        <h2>Sales brokered</h2>
        {record.sales.length === 0 ? (
          <p className="muted">None yet.</p>
        ) : (
          <table className="unit-table">
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Units</th>
                <th scope="col">Price</th>
                <th scope="col">Fee</th>
                <th scope="col">Seller → buyer</th>
              </tr>
            </thead>
            <tbody>
              {record.sales.map((sale) => (
                <tr key={sale.id} data-testid="agency-sale">
                  <td>{formatDateTime(sale.blockTimestamp)}</td>
                  <td>
                    {sale.units.map((unit) => (
                      <Link
                        key={unit.id}
                        href={`/units/${unit.id}`}
                        className="unit-address"
                        style={{ marginRight: 8 }}
                      >
                        {unit.address}
                      </Link>
                    ))}
                    {sale.unitCount > sale.units.length ? (
                      <span className="muted small"> and {sale.unitCount - sale.units.length} more</span>
                    ) : null}
                    <span className="badge">{sale.kind === "Offer" ? "offer" : "listing"}</span>
                  </td>
                  <td>{formatMrk(sale.price, 4)}</td>
                  <td>{formatMrk(sale.agencyFee, 4)}</td>
                  <td>
                    <code>{shortAddress(sale.seller)}</code> → <code>{shortAddress(sale.buyer)}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section className="economy-section" aria-label="Rent fees">
        <h2>Rent fees credited</h2>
        {record.rentPayments.length === 0 ? (
          <p className="muted">None yet.</p>
        ) : (
          <table className="unit-table">
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Unit</th>
                <th scope="col">Rent credited</th>
                <th scope="col">Agency fee</th>
              </tr>
            </thead>
            <tbody>
              {record.rentPayments.map((payment) => (
                <tr key={payment.id} data-testid="agency-rent-payment">
                  <td>{formatDateTime(payment.blockTimestamp)}</td>
                  <td>
                    <Link href={`/units/${payment.lease.unit.id}`} className="unit-address">
                      {payment.lease.unit.address}
                    </Link>
                  </td>
                  <td>{formatMrk(payment.amount, 4)}</td>
                  <td>{formatMrk(payment.agentFee, 4)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <p className="muted small">
        The latest {AGENCY_HISTORY_SIZE} of each · indexed to block {data._meta.block.number}.
      </p>
    </div>
  );
}
