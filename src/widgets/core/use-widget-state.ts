import { useCallback, useEffect, useRef, useState } from 'react';
import { MAX_SEED, readQuery, writeQuery, type ControlSpec, type StateOf } from './spec';

/** How long the controls must rest before their state is written into the URL. */
const URL_REST_MS = 300;

/** Each mounted widget's URL writer, so "Copy link" can write a pending change before copying. */
const urlWriters = new Map<string, () => void>();

/** Writes widget `id`'s pending state into the URL now (no-op when nothing is pending). */
export function flushWidgetUrl(id: string): void {
  urlWriters.get(id)?.();
}

/**
 * Widget state mirrored into the page URL (so a copied link reproduces the demo). The first
 * render uses the preset, exactly as the static HTML was built; the URL is read after mount.
 */
export function useWidgetState<S extends ControlSpec>(spec: S, id: string, base: StateOf<S>) {
  const [state, setState] = useState<StateOf<S>>(base);
  const pending = useRef<number | null>(null);
  const latest = useRef(state);
  latest.current = state;

  useEffect(() => {
    const fromUrl = readQuery(spec, id, window.location.search, base);
    setState((s) => (JSON.stringify(s) === JSON.stringify(fromUrl) ? s : fromUrl));
    // The spec and base are fixed for a widget's lifetime.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [id]);

  const flushUrl = useCallback(() => {
    pending.current = null;
    try {
      const q = writeQuery(spec, id, window.location.search, latest.current, base);
      const url = `${window.location.pathname}${q}${window.location.hash}`;
      if (url !== `${window.location.pathname}${window.location.search}${window.location.hash}`) {
        window.history.replaceState(window.history.state, '', url);
      }
    } catch {
      // A sandboxed page may refuse history updates; the demo keeps working without them.
    }
  }, [spec, id, base]);

  useEffect(() => {
    const write = () => {
      if (pending.current === null) return;
      window.clearTimeout(pending.current);
      flushUrl();
    };
    urlWriters.set(id, write);
    // Leaving the page within the rest time still records the last change in its history entry.
    window.addEventListener('pagehide', write);
    return () => {
      window.removeEventListener('pagehide', write);
      if (urlWriters.get(id) === write) urlWriters.delete(id);
    };
  }, [id, flushUrl]);

  const update = useCallback(
    (patch: Partial<StateOf<S>>) => {
      setState((s) => ({ ...s, ...patch }));
      // The URL is written once the controls rest: each replaceState also makes Chromium fetch and
      // decode the favicon again, which mid-drag would land in the frames the drag is painting.
      if (pending.current !== null) window.clearTimeout(pending.current);
      pending.current = window.setTimeout(flushUrl, URL_REST_MS);
    },
    [flushUrl],
  );

  const newSeed = useCallback(() => {
    let next = Math.floor(Math.random() * MAX_SEED);
    if (next === latest.current.seed) next = (next + 1) % MAX_SEED;
    update({ seed: next } as Partial<StateOf<S>>);
  }, [update]);

  const reset = useCallback(() => {
    setState(base);
    if (pending.current === null) pending.current = window.setTimeout(flushUrl, 0);
  }, [base, flushUrl]);

  useEffect(() => () => {
    if (pending.current !== null) {
      window.clearTimeout(pending.current);
      flushUrl();
    }
  }, [flushUrl]);

  return { state, update, newSeed, reset };
}
