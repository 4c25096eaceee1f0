import { Component, type ErrorInfo, type ReactNode } from 'react';

interface Props {
  name: string;
  onReset?: () => void;
  children: ReactNode;
}
interface State {
  error: Error | null;
}

/** Contains a failing demo: a short message in its place, and the rest of the page keeps working. */
export default class ErrorBoundary extends Component<Props, State> {
  state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  private refocus = false;

  componentDidUpdate(_: Props, prev: State) {
    // "Reset demo" unmounted itself: hand focus to the restarted demo's first control, not to <body>.
    if (!this.refocus || !prev.error || this.state.error) return;
    this.refocus = false;
    document.getElementById(this.props.name)?.querySelector<HTMLElement>('input, select, button')?.focus();
  }

  componentDidCatch(error: Error, info: ErrorInfo) {
    // Logged as a warning: the page itself is fine.
    console.warn(`Demo "${this.props.name}" failed:`, error.message, info.componentStack ?? '');
  }

  render() {
    if (!this.state.error) return this.props.children;
    return (
      <div className="widget-error" role="alert">
        <p>
          <strong>This demo stopped working.</strong> {this.state.error.message}
        </p>
        <p>The rest of the page is unaffected. You can reset the demo to its starting values.</p>
        <button
          type="button"
          onClick={() => {
            this.refocus = true;
            this.props.onReset?.();
            this.setState({ error: null });
          }}
        >
          Reset demo
        </button>
      </div>
    );
  }
}
