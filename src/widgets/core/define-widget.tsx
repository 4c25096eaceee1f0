import { useState, type ComponentType } from 'react';
import ErrorBoundary from './ErrorBoundary';
import { checkKeys, type ControlSpec, type StateOf } from './spec';

/** Props every demo accepts from a lesson (validated at build time against the spec). */
export interface BaseWidgetProps {
  /** Unique on the page; prefixes the URL parameters of this demo. */
  id?: string;
  title?: string;
  /** The question this embed answers, shown above the controls. */
  question?: string;
  /** Starting values (and seed); unknown keys or out-of-range values fail the build. */
  preset?: Record<string, unknown>;
  /** Which controls to show, in order. */
  show?: string[];
  /** Relabel controls for a lesson's notation. */
  labels?: Record<string, string>;
}

/** Wraps a demo in an error boundary whose reset remounts it and clears its URL state. */
export function defineWidget<P extends BaseWidgetProps>(kind: string, spec: ControlSpec, Inner: ComponentType<P & { id: string }>) {
  function Widget(props: P) {
    const id = props.id ?? kind;
    if (typeof window === 'undefined') {
      checkKeys(kind, spec, props.show, 'show');
      checkKeys(kind, spec, props.labels ? Object.keys(props.labels) : undefined, 'labels');
    }
    const [generation, setGeneration] = useState(0);
    const reset = () => {
      try {
        const params = new URLSearchParams(window.location.search);
        for (const k of [...params.keys()]) if (k.startsWith(`${id}.`) || k === 'fail') params.delete(k);
        const q = params.toString();
        window.history.replaceState(window.history.state, '', `${window.location.pathname}${q ? `?${q}` : ''}${window.location.hash}`);
      } catch {
        // History may be unavailable; remounting still resets the demo.
      }
      setGeneration((g) => g + 1);
    };
    return (
      <ErrorBoundary name={id} onReset={reset}>
        <Inner key={generation} {...props} id={id} />
      </ErrorBoundary>
    );
  }
  Widget.displayName = `Widget(${kind})`;
  return Widget;
}

/**
 * The WidgetFrame props every demo passes the same way: its identity, its wording (a lesson's
 * title and question win over the demo's own), and its controls and state. Spread first; a demo
 * overrides what it does differently (e.g. `show={[]}` when it draws its own controls).
 */
export function frameBase<S extends ControlSpec>(
  kind: string,
  spec: S,
  props: BaseWidgetProps & { id: string },
  widget: { state: StateOf<S>; update: (patch: Partial<StateOf<S>>) => void; newSeed?: () => void },
  text: { title: string; question: string },
) {
  return {
    id: props.id,
    kind,
    title: props.title ?? text.title,
    question: props.question ?? text.question,
    spec,
    state: widget.state,
    update: widget.update,
    newSeed: widget.newSeed,
    show: props.show as (keyof S & string)[] | undefined,
    labels: props.labels as Partial<Record<keyof S & string, string>> | undefined,
  };
}
