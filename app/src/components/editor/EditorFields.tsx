"use client";
/** The building blocks of the editor's panels: a collapsible panel and a number field. */
import type { ReactNode } from "react";
import styles from "./editor.module.css";

export function Panel({ title, testId, children }: { title: string; testId: string; children: ReactNode }) {
  return (
    <details className={styles.panel} data-testid={testId} open>
      <summary>{title}</summary>
      <div className={styles.panelBody}>{children}</div>
    </details>
  );
}

export function NumberField(props: {
  label: string;
  value: number;
  step: number;
  onChange: (value: number) => void;
  onCommit?: () => void;
  testId?: string;
}) {
  return (
    <label className={styles.numberField}>
      {props.label}
      <input
        type="number"
        value={Number.isFinite(props.value) ? Number(props.value.toFixed(4)) : 0}
        step={props.step}
        onChange={(e) => {
          const value = e.target.valueAsNumber;
          if (Number.isFinite(value)) props.onChange(value);
        }}
        onBlur={props.onCommit}
        data-testid={props.testId}
      />
    </label>
  );
}
