"use client";
/** Catches anything the 3D view throws (R3F re-throws Canvas errors into the DOM tree) and reports it. */
import { Component, type ReactNode } from "react";

type Props = { onError: (error: unknown) => void; children: ReactNode };
type State = { failed: boolean };

export class SceneErrorBoundary extends Component<Props, State> {
  override state: State = { failed: false };

  static getDerivedStateFromError(): State {
    return { failed: true };
  }

  override componentDidCatch(error: unknown) {
    this.props.onError(error);
  }

  override render() {
    return this.state.failed ? null : this.props.children;
  }
}
