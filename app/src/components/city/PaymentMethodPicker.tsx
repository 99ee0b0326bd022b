"use client";
/** Permit (one transaction) or approve-then-pay (two), for every MRK payment to a land office. */
import type { PaymentMethod } from "../../land/useMrkPaidCall.ts";

type Props = { name: string; method: PaymentMethod; onChange: (method: PaymentMethod) => void; testIdPrefix: string };

export function PaymentMethodPicker({ name, method, onChange, testIdPrefix }: Props) {
  return (
    <fieldset className="radio-row">
      <legend>Pay with</legend>
      <label>
        <input
          type="radio"
          name={name}
          checked={method === "permit"}
          onChange={() => onChange("permit")}
          data-testid={`${testIdPrefix}-method-permit`}
        />{" "}
        a permit signature and one transaction
      </label>
      <label>
        <input
          type="radio"
          name={name}
          checked={method === "approve"}
          onChange={() => onChange("approve")}
          data-testid={`${testIdPrefix}-method-approve`}
        />{" "}
        an approval, then the payment (two transactions)
      </label>
    </fieldset>
  );
}
