import { memo, useDeferredValue, useEffect, useId, useRef, useState, type ReactNode } from 'react';
import type * as Plot from '@observablehq/plot';
import ControlInput from './Controls';
import PlotChart from './PlotChart';
import { flushWidgetUrl } from './use-widget-state';
import { withSubscripts } from './subscripts';
import type { ControlSpec, StateOf } from './spec';
import './widget.css';

export interface Readout {
  label: string;
  value: string;
  /** Marks the number the question is about. */
  emphasis?: boolean;
}
export interface TableData {
  caption: string;
  columns: string[];
  rows: (string | number)[][];
}

interface Props<S extends ControlSpec> {
  id: string;
  kind: string;
  title: string;
  question?: string;
  spec: S;
  state: StateOf<S>;
  update: (patch: Partial<StateOf<S>>) => void;
  newSeed?: () => void;
  /** Controls to show, in order; all by default. */
  show?: readonly (keyof S & string)[];
  labels?: Partial<Record<keyof S & string, string>>;
  /** Controls that change nothing in the current state, each with the reason shown in its place. */
  inactive?: Partial<Record<keyof S & string, string>>;
  /** Extra controls a widget draws itself (e.g. editable logits). */
  children?: ReactNode;
  /** One or two charts (two sit side by side on wide screens). */
  charts: { options: Plot.PlotOptions; label: string }[];
  readouts: Readout[];
  check: { pass: boolean; text: string };
  summary: string;
  table: TableData;
}

// Longer values (an interval, "0.799 at β 0.158") take two grid cells rather than wrap mid-number.
const WIDE_READOUT = 11;

/** The common frame of every demo: question, controls, chart, numbers, check, summary, data. */
export default function WidgetFrame<S extends ControlSpec>(p: Props<S>) {
  const uid = useId();
  const [hydrated, setHydrated] = useState(false);
  const [forced, setForced] = useState(false);
  /** The last copy's message and the state it copied: shown only while that state is current. */
  const [copied, setCopied] = useState<{ text: string; state: unknown } | null>(null);
  useEffect(() => {
    setHydrated(true);
    // Lets tests (and the curious) check that a failing demo is contained: ?fail=<id>
    if (new URLSearchParams(window.location.search).getAll('fail').includes(p.id)) setForced(true);
  }, [p.id]);
  if (forced) throw new Error('Forced failure for testing (the fail parameter names this demo).');

  const keys = (p.show ?? Object.keys(p.spec)) as (keyof S & string)[];
  const summaryId = `${uid}-summary`;
  // The chart, the readouts and the controls update in the frame of the change; the check, the
  // spoken summary and the data table follow in a background render a frame later, so a drag
  // never waits for them.
  const later = useDeferredValue({ check: p.check, summary: p.summary, table: p.table, brief: spokenBrief(p.readouts, p.summary) });

  const copyLink = async () => {
    // Cleared first, so copying twice is announced twice.
    setCopied(null);
    flushWidgetUrl(p.id);
    // The fragment opens the link at this demo, not at the top of a long page.
    const url = new URL(window.location.href);
    url.hash = p.id;
    try {
      await navigator.clipboard.writeText(url.href);
      setCopied({ text: 'Link copied: it reproduces this exact state.', state: p.state });
    } catch {
      setCopied({ text: `Copy this link: ${url.href}`, state: p.state });
    }
  };

  // A page holds several demos: their buttons are told apart in a screen reader's list of controls.
  // Named after hydration only: the buttons need JavaScript anyway, and the HTML stays as light as it was.
  const which = (label: string) => (hydrated ? `${label}, ${plainTitle(p.title)}` : undefined);

  return (
    <section className="widget" id={p.id} data-widget={p.kind} data-widget-id={p.id} data-hydrated={hydrated ? 'true' : 'false'} aria-labelledby={`${uid}-title`}>
      <header className="widget-head">
        <p className="widget-kind">Live demo</p>
        {/* Not a heading: demos sit inside subsections and must not split them in the outline. */}
        <p id={`${uid}-title`} className="widget-title" data-pagefind-ignore="">
          {withSubscripts(p.title)}
        </p>
        {p.question && <p className="widget-question">{withSubscripts(p.question)}</p>}
      </header>
      <div className="widget-body">
        <div className="widget-controls">
          {keys.map((k) => (
            <ControlInput
              key={k}
              name={k}
              control={p.spec[k]}
              value={(p.state as Record<string, number | string | boolean>)[k]}
              label={p.labels?.[k]}
              inactive={p.inactive?.[k]}
              disabled={!hydrated}
              update={p.update as (patch: Record<string, number | string | boolean>) => void}
            />
          ))}
          {p.children}
          {!hydrated && <noscript><p className="noscript-note">The controls need JavaScript; the chart shows the starting values.</p></noscript>}
        </div>
        <div className="widget-figure">
          <div className={`widget-charts n${p.charts.length}`}>
            {p.charts.map((c, i) => (
              <PlotChart key={i} options={c.options} label={c.label} describedBy={summaryId} />
            ))}
          </div>
          <dl className="widget-readouts">
            {p.readouts.map((r) => (
              <div key={r.label} className={[r.emphasis && 'emphasis', r.value.length > WIDE_READOUT && 'wide'].filter(Boolean).join(' ') || undefined}>
                <dt>{withSubscripts(r.label)}</dt>
                <dd data-readout={r.label}>{r.value}</dd>
              </div>
            ))}
          </dl>
        </div>
      </div>
      <Check check={later.check} />
      <Summary id={summaryId} text={later.summary} brief={later.brief} check={later.check} />
      <div className="widget-foot">
        {p.newSeed && (
          <span className="widget-seed">
            Seed <code data-seed="">{p.state.seed}</code>
            <button type="button" onClick={p.newSeed} disabled={!hydrated} aria-label={which('New data')}>
              New data
            </button>
          </span>
        )}
        <button type="button" onClick={copyLink} disabled={!hydrated} aria-label={which('Copy link to this state')}>
          Copy link to this state
        </button>
        <span className="widget-copied" role="status">
          {copied?.state === p.state ? copied.text : ''}
        </span>
      </div>
      <DataTable table={later.table} title={hydrated ? p.title : ''} />
    </section>
  );
}

const Check = memo(function Check({ check }: { check: { pass: boolean; text: string } }) {
  return (
    <p className={`widget-check ${check.pass ? 'pass' : 'fail'}`} data-check={check.pass ? 'pass' : 'fail'}>
      <span className="badge">{check.pass ? 'PASS' : 'FAIL'}</span> {withSubscripts(check.text)}
    </p>
  );
}, (a, b) => a.check.pass === b.check.pass && a.check.text === b.check.text);

/** Quiet for this long after a change before the news is spoken: a drag or held arrow key is one announcement. */
const SPEAK_AFTER_MS = 1000;
/** Then the spoken copy is emptied, so reading the page line by line meets the summary once. */
const SPOKEN_FOR_MS = 10_000;

/**
 * What a change says aloud: the demo's key numbers (its emphasised readouts), not the whole summary,
 * which stays on the page and describes the chart. A screen reader already says the control's new value,
 * and 300–500 characters after every deliberate arrow press buried the number that moved.
 */
export const spokenBrief = (readouts: readonly { label: string; value: string; emphasis?: boolean }[], summary: string): string => {
  const key = readouts.filter((r) => r.emphasis);
  return key.length ? `${key.map((r) => `${r.label} ${r.value}`).join('; ')}.` : summary;
};

/** The spoken text: the key numbers, led by the check's new verdict when a change turned it over. */
export const spokenText = (summary: string, check: { pass: boolean; text: string }, verdictBefore: boolean): string =>
  check.pass === verdictBefore ? summary : `Check now ${check.pass ? 'passes' : 'fails'}: ${check.text}${/[.!?]$/.test(check.text) ? '' : '.'} ${summary}`;

const Summary = memo(function Summary({ id, text, brief, check }: { id: string; text: string; brief: string; check: { pass: boolean; text: string } }) {
  const [spoken, setSpoken] = useState('');
  const first = useRef(text);
  /** The verdict last spoken (or shown at load): a change is announced when it turns. */
  const verdict = useRef(check.pass);
  const { pass, text: checkText } = check;
  useEffect(() => {
    if (text === first.current && pass === verdict.current) return;
    first.current = '';
    const speak = window.setTimeout(() => {
      setSpoken(spokenText(brief, { pass, text: checkText }, verdict.current));
      verdict.current = pass;
    }, SPEAK_AFTER_MS);
    const clear = window.setTimeout(() => setSpoken(''), SPEAK_AFTER_MS + SPOKEN_FOR_MS);
    return () => {
      window.clearTimeout(speak);
      window.clearTimeout(clear);
    };
  }, [text, brief, pass, checkText]);
  return (
    <>
      <p id={id} className="widget-summary">
        {withSubscripts(text)}
      </p>
      <p className="visually-hidden" aria-live="polite" data-spoken-summary="">
        {withSubscripts(spoken)}
      </p>
    </>
  );
});

const sameTable = (a: TableData, b: TableData) =>
  a === b ||
  (a.caption === b.caption &&
    a.columns.join('\u0001') === b.columns.join('\u0001') &&
    a.rows.length === b.rows.length &&
    a.rows.every((r, i) => r.length === b.rows[i]!.length && r.every((c, j) => c === b.rows[i]![j])));

const plainTitle = (title: string) => title.replace(/_/g, ' ');

const DataTable = memo(function DataTable({ table, title }: { table: TableData; title: string }) {
  const box = useRef<HTMLDivElement>(null);
  const [open, setOpen] = useState(false);
  // True until measured, so the HTML (and a page without JavaScript) keeps the tab stop.
  const [scrolls, setScrolls] = useState(true);
  useEffect(() => {
    const el = box.current;
    if (!open || !el) return;
    const check = () => setScrolls(el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1);
    check();
    const watch = new ResizeObserver(check);
    watch.observe(el);
    return () => watch.disconnect();
  }, [open, table]);
  return (
    <details className="widget-table" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary aria-label={title ? `Data table, ${plainTitle(title)}` : undefined}>Data table</summary>
      {/* The caption is shown above the scroll box: inside a table wider than the box it was cut off. */}
      <p className="table-caption" aria-hidden="true">{table.caption}</p>
      {/* A table wider or taller than its box scrolls, so the box takes a tab stop; one that fits does not. */}
      <div ref={box} className="table-scroll" tabIndex={scrolls ? 0 : undefined} role="region" aria-label={`Data table: ${table.caption}`}>
        <table>
          <caption className="visually-hidden">{table.caption}</caption>
          <thead>
            <tr>
              {table.columns.map((c) => (
                <th key={c} scope="col">
                  {withSubscripts(c)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.map((row, i) => (
              <tr key={i}>
                {row.map((cell, j) => (
                  <td key={j}>{cell}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}, (a, b) => a.title === b.title && sameTable(a.table, b.table));
