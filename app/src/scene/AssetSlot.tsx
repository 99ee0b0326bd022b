"use client";
/**
 * One asset of the scene (a model, a picture, a screen's poster…) in its own error and loading
 * boundary, so a missing, altered or broken asset no longer takes the whole room down: while it
 * loads, a wireframe marker with its download progress stands where it goes; when it fails, a
 * red marker with its name, the reason and a retry control stands there instead. Reports
 * `loading` / `ready` / `failed` to the scene (which counts them for its `data-state`).
 */
import { Component, Suspense, useEffect, type ReactNode } from "react";
import type { ErrorView } from "../errors/MarkspaceAppError.ts";
import { toErrorView } from "../errors/MarkspaceAppError.ts";
import { AssetMarker, type MarkerShape } from "./AssetMarker.tsx";

export type SlotState = "loading" | "ready" | "failed";

type Props = {
  /** Stable id of the slot in its scene, e.g. `object-3`. */
  id: string;
  /** What a visitor reads on the marker: the object's name or the picture's title. */
  label: string;
  /** Key of the asset's download in `assetProgress` (for the loading marker). */
  progressKey: string;
  shape: MarkerShape;
  /** Bumping this resets a failed slot (the scene's "retry all"). */
  retryToken?: number;
  onState: (id: string, state: SlotState, error?: ErrorView) => void;
  /** Forgets the failed load so the slot's next render fetches it again. */
  onRetry?: () => void;
  children: ReactNode;
};

type State = { error: ErrorView | undefined; attempt: number; token: number | undefined };

export class AssetSlot extends Component<Props, State> {
  override state: State = { error: undefined, attempt: 0, token: this.props.retryToken };

  static getDerivedStateFromError(error: unknown): Partial<State> {
    return { error: toErrorView(error) };
  }

  static getDerivedStateFromProps(props: Props, state: State): Partial<State> | null {
    if (props.retryToken !== state.token) {
      return { token: props.retryToken, error: undefined, attempt: state.error ? state.attempt + 1 : state.attempt };
    }
    return null;
  }

  override componentDidCatch(error: unknown) {
    this.props.onState(this.props.id, "failed", toErrorView(error));
  }

  private readonly retry = () => {
    this.props.onRetry?.();
    this.props.onState(this.props.id, "loading");
    this.setState((state) => ({ error: undefined, attempt: state.attempt + 1 }));
  };

  override render() {
    const { id, label, progressKey, shape, onState, children } = this.props;
    if (this.state.error) {
      return (
        <AssetMarker
          shape={shape}
          label={label}
          status="failed"
          detail={this.state.error.shortMessage}
          onRetry={this.retry}
        />
      );
    }
    return (
      <Suspense
        key={this.state.attempt}
        fallback={<AssetMarker shape={shape} label={label} status="loading" progressKey={progressKey} />}
      >
        {children}
        <Settled id={id} onState={onState} />
      </Suspense>
    );
  }
}

/** Commits only once its siblings have loaded: the slot's "ready" moment. */
function Settled({ id, onState }: { id: string; onState: Props["onState"] }) {
  useEffect(() => onState(id, "ready"), [id, onState]);
  return null;
}
