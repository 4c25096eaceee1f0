/**
 * Self-graded exercise (React island; its default variant arrives pre-rendered from ExerciseBlock.astro).
 *
 * Hooks for browser tests:
 * - root `[data-exercise="<id>"]` with `data-seed` and `data-status` = untouched | attempted | revealed | solved
 *   (the saved record on this device); `data-ready="1"` once hydrated.
 * - each part `[data-part="a"]` (b, c…) with `data-done="1"` once answered correctly.
 *   Numeric: text input labelled "Your answer" (multi-part: "Your answer to part (a)"), data-testid="answer".
 *   Choice: a fieldset of radios/checkboxes labelled by the option text.
 *   Button "Check" (data-testid="check"; multi-part: accessible name "Check part (a)").
 *   Feedback: data-testid="feedback", role=status, `data-state` = correct | incorrect | targeted | unreadable.
 *   Exact value after a correct answer: data-testid="exact".
 * - buttons "Hint" (data-testid="hint"), "Show solution" (data-testid="show-solution"), "New numbers"
 *   (data-testid="new-numbers"); lists data-testid="hints" and data-testid="solution".
 * - the variant's seed is mirrored to the URL as `?ex-<id>=<seed>`; an invalid seed is dropped with a
 *   notice (data-testid="seed-notice"). Without one, the variant last worked on this device comes back,
 *   with a notice and a button "Show the original numbers".
 *
 * HTML from `dangerouslySetInnerHTML` is only ever KaTeX output and escaped exercise text produced by
 * our generators; what the learner types is rendered as React text and never as HTML.
 */
import { Component, useCallback, useEffect, useId, useMemo, useRef, useState, type ReactNode } from 'react';
import { getExercise, progressKey } from '../registry';
import { describeTolerance, gradeChoice, gradeNumeric, isAttempt, type Feedback } from '../grade';
import { extrasFrom, renderVariant, type RenderedCore, type RenderedExtras } from '../render';
import type { KatexLike } from '../tex';
import type { ExerciseDef, Part, Variant } from '../types';
import { freshSeed, isSeed, seedParamOf, writeSeed } from '../url-seed';
import { getLearnerStore, type LearnerStore } from '../../lib/state/store';
import { exerciseStatus, type ExerciseStatus } from '../../lib/state/schema';
import { mountNotices } from '../../lib/state/ui';
import { pending } from '../../lib/pending';
import { whyShownUnder } from '../choice-why';
import { speakableText } from '../../lib/speakable-tex.mjs';

export interface ExerciseProps {
  id: string;
  /** Part prompts and option labels of the default variant, rendered with KaTeX at build time. */
  core: RenderedCore;
}

interface PartState {
  text: string;
  selected: string[];
  feedback: Feedback | null;
  done: boolean;
  /** Checks so far: keys the verdict, so a repeated message is announced again. */
  tries: number;
  /** What was last checked: the answers saved for a reload (text typed but never checked is not graded then). */
  checked: { text: string; selected: string[] };
}

interface View {
  seed: number;
  variant: Variant;
  core: RenderedCore;
  /** Hints, solution and feedback HTML; read from the page's <template> after mount, or rendered for new numbers. */
  extras: RenderedExtras | null;
  parts: PartState[];
  hints: number;
  solution: boolean;
}

const freshParts = (v: Variant): PartState[] => v.parts.map(() => ({ text: '', selected: [], feedback: null, done: false, tries: 0, checked: { text: '', selected: [] } }));

let katexPromise: Promise<KatexLike | null> | null = null;
/** KaTeX is fetched only when a learner asks for other numbers than the pre-rendered ones. */
function loadKatex(): Promise<KatexLike | null> {
  katexPromise ??= import('katex').then(
    (m) => ((m as { default?: KatexLike }).default ?? (m as unknown as KatexLike)),
    () => null,
  );
  return katexPromise;
}

function safeStore(): LearnerStore | null {
  try {
    return getLearnerStore();
  } catch {
    return null;
  }
}

const Html = ({ html, as = 'div', className }: { html: string; as?: 'div' | 'span'; className?: string }) =>
  as === 'span' ? <span className={className} dangerouslySetInnerHTML={{ __html: html }} /> : <div className={className} dangerouslySetInnerHTML={{ __html: html }} />;

/** The default variant's extras, carried once in the page by ExerciseBlock.astro. */
function extrasFromPage(id: string, variant: Variant): RenderedExtras | null {
  const t = document.getElementById(`ex-extras-${id}`);
  if (!(t instanceof HTMLTemplateElement) || t.dataset.seed !== String(variant.seed)) return null;
  return extrasFrom(variant, (k) => t.content.querySelector(`[data-k="${k}"]`)?.innerHTML ?? null);
}

/** The address bar shows this exercise's variant (no parameter for the default one). */
function showSeedInUrl(def: ExerciseDef, seed: number) {
  try {
    const q = writeSeed(window.location.search, def.id, seed, def.defaultSeed);
    window.history.replaceState(window.history.state, '', `${window.location.pathname}${q}${window.location.hash}`);
  } catch {
    // History can be unavailable in sandboxed frames; the variant still changes.
  }
}

/** The setup text sits outside the island (static HTML); new numbers replace it in place. */
function setPrompt(id: string, html: string) {
  const el = document.getElementById(`ex-prompt-${id}`);
  if (el) el.innerHTML = html;
}

/**
 * New numbers, a hint or the solution put new formulas and tables in the page: the site script
 * (src/scripts/wide-formulas.ts) then checks which of them scroll sideways and need a tab stop.
 */
const checkWideBlocks = () => {
  document.dispatchEvent(new Event('wide-blocks:check'));
};

function ExerciseInner({ def, initial }: { def: ExerciseDef; initial: RenderedCore }) {
  const [view, setView] = useState<View>(() => {
    const variant = def.generate(def.defaultSeed);
    return { seed: def.defaultSeed, variant, core: initial, extras: null, parts: freshParts(variant), hints: 0, solution: false };
  });
  const [loading, setLoading] = useState(false);
  const [status, setStatus] = useState<ExerciseStatus>('untouched');
  const [ready, setReady] = useState(false);
  /** Polite announcement when a new variant replaces the numbers (the prompt changes outside this island). */
  const [announce, setAnnounce] = useState('');
  /** Why these numbers are shown (a saved variant, a link's seed that is not one, a variant that failed); `original` offers the default numbers back. */
  const [notice, setNotice] = useState<{ text: string; original: boolean } | null>(null);
  const say = useCallback((text: string, original = false) => {
    setNotice({ text, original });
    setAnnounce(text);
  }, []);
  const storeRef = useRef<LearnerStore | null>(null);
  /** Where focus goes after a hint or the solution appears (the button pressed may become disabled). */
  const focusNext = useRef<'hint' | 'solution' | null>(null);
  const rootRef = useRef<HTMLDivElement>(null);
  const key = progressKey(def);
  const uid = useId();
  const multi = view.variant.parts.length > 1;

  const refreshStatus = useCallback(() => {
    const store = storeRef.current;
    if (store) setStatus(exerciseStatus(store.getExercise(key)));
  }, [key]);

  /** Draws and shows variant `seed`; false (nothing changed) if it cannot be drawn. */
  const switchTo = useCallback(
    async (seed: number): Promise<boolean> => {
      setLoading(true);
      const katex = await loadKatex();
      let variant: Variant, html: ReturnType<typeof renderVariant>;
      try {
        variant = def.generate(seed);
        html = renderVariant(variant, katex);
      } catch (e) {
        console.warn(`Exercise "${def.id}": variant ${seed} could not be drawn:`, (e as Error).message);
        setLoading(false);
        return false;
      }
      setPrompt(def.id, html.prompt);
      setView({ seed, variant, core: html.core, extras: html.extras, parts: freshParts(variant), hints: 0, solution: false });
      setLoading(false);
      showSeedInUrl(def, seed);
      return true;
    },
    [def],
  );

  useEffect(() => {
    storeRef.current = safeStore();
    if (storeRef.current) {
      mountNotices(storeRef.current);
      refreshStatus();
    }
    const param = seedParamOf(window.location.search, def.id);
    // The link's variant, else the one last worked on here (reached again from the navigation), else the default.
    const saved = storeRef.current?.getExercise(key)?.last?.seed;
    const fromStore = param.kind !== 'seed' && isSeed(saved) && saved !== def.defaultSeed;
    const seed = param.kind === 'seed' ? param.seed : fromStore ? saved! : def.defaultSeed;
    // The bad parameter leaves the address bar (a variant shown below writes its own).
    if (param.kind === 'invalid') showSeedInUrl(def, def.defaultSeed);
    const shown = param.kind === 'invalid' ? (param.raw.length > 24 ? `${param.raw.slice(0, 24)}…` : param.raw) : '';
    // An empty parameter (a link cut short) is dropped without comment.
    const badLink = shown.trim() ? `This link asked for variant “${shown}” of this exercise, which does not exist (variants are numbered 0 to 2,147,483,647). ` : '';
    if (seed !== def.defaultSeed) {
      void switchTo(seed).then(async (ok) => {
        if (ok && fromStore) say(`${badLink}These are the numbers you last worked on here, so the question differs from the page as first shown.`, true);
        else if (ok && badLink) say(badLink);
        if (!ok) {
          // A remembered variant that cannot be drawn is not brought back again.
          if (fromStore) storeRef.current?.forgetAnswers(key);
          await switchTo(def.defaultSeed);
          say(`${badLink}The numbers ${fromStore ? 'you last worked on' : 'this link asked for'} could not be drawn, so these are the default numbers.`);
        }
        setReady(true);
      });
      return;
    }
    if (badLink) say(`${badLink}These are the default numbers.`);
    const extras = extrasFromPage(def.id, def.generate(def.defaultSeed));
    if (extras) {
      setView((v) => (v.seed === def.defaultSeed ? { ...v, extras } : v));
      setReady(true);
    } else {
      // The page lacks the pre-rendered extras (should not happen): render them here instead.
      void switchTo(def.defaultSeed).then(() => setReady(true));
    }
  }, [def, key, refreshStatus, switchTo, say]);

  useEffect(checkWideBlocks, [view.seed, view.hints, view.solution]);

  const setPart = (i: number, patch: Partial<PartState>) =>
    setView((v) => ({ ...v, parts: v.parts.map((p, j) => (j === i ? { ...p, ...patch } : p)) }));

  const check = (i: number) => {
    const part = view.variant.parts[i]!;
    const ps = view.parts[i]!;
    const feedback = part.kind === 'numeric' ? gradeNumeric(ps.text, part) : gradeChoice(ps.selected, part);
    const done = ps.done || feedback.state === 'correct';
    const allDone = view.parts.every((p, j) => (j === i ? done : p.done));
    const checked = { text: ps.text, selected: ps.selected };
    setPart(i, { feedback, done, tries: ps.tries + 1, checked });
    const store = storeRef.current;
    store?.saveAnswers(key, { seed: view.seed, parts: view.parts.map((p, j) => (j === i ? checked : p.checked)) });
    if (store && isAttempt(feedback)) {
      store.recordAttempt(key);
      // The saved record knows whether this variant's solution was opened, even when this view does not show it.
      if (allDone && !view.solution && !store.wasRevealed(key, view.seed)) store.markSolved(key);
      refreshStatus();
    }
  };

  useEffect(() => {
    const target = focusNext.current;
    focusNext.current = null;
    const root = rootRef.current;
    if (!target || !root) return;
    const el = root.querySelector<HTMLElement>(target === 'hint' ? '.ex-hints > li:last-child' : '.ex-solution h4');
    el?.focus();
  }, [view.hints, view.solution]);

  // Once the variant is settled, answers last checked on this variant come back with their verdicts
  // (graded again, not counted again).
  const restored = useRef(false);
  useEffect(() => {
    if (!ready || restored.current) return;
    restored.current = true;
    const store = storeRef.current;
    // A variant whose solution was opened shows it again, and answering it still does not count as solving.
    if (store?.wasRevealed(key, view.seed)) setView((v) => ({ ...v, solution: true }));
    const last = store?.getExercise(key)?.last;
    if (!last || last.seed !== view.seed || last.parts.length !== view.variant.parts.length) return;
    setView((v) => ({
      ...v,
      parts: v.parts.map((p, i) => {
        const part = v.variant.parts[i]!;
        const saved = last.parts[i]!;
        const selected = part.kind === 'choice' ? saved.selected.filter((id) => part.choices.some((c) => c.id === id)) : [];
        const text = part.kind === 'numeric' ? saved.text : '';
        const feedback = part.kind === 'numeric' ? (text.trim() ? gradeNumeric(text, part) : null) : selected.length ? gradeChoice(selected, part) : null;
        return { ...p, text, selected, feedback, done: feedback?.state === 'correct', checked: { text, selected } };
      }),
    }));
  }, [ready, key, view.seed, view.variant]);

  /** A variant the learner asked for (new numbers, the original ones): shown, remembered at once, announced. */
  const choose = (seed: number, announced: string) => {
    void switchTo(seed).then((ok) => {
      if (!ok) return say('These numbers could not be drawn; press “New numbers” for others.');
      // The notice (and a focused "Show the original numbers" in it) goes away: focus moves on to New numbers.
      if (document.activeElement?.classList.contains('ex-original')) rootRef.current?.querySelector<HTMLButtonElement>('[data-testid="new-numbers"]')?.focus();
      setNotice(null);
      // Remembered now, so the page reached again without the link shows these numbers.
      storeRef.current?.saveAnswers(key, { seed, parts: [] });
      setAnnounce(announced);
    });
  };

  const showSolution = () => {
    focusNext.current = 'solution';
    setView((v) => ({ ...v, solution: true }));
    storeRef.current?.saveAnswers(key, { seed: view.seed, parts: view.parts.map((p) => p.checked) });
    storeRef.current?.markRevealed(key, view.seed);
    refreshStatus();
  };

  const partLabel = (p: Part, preposition = 'to') => (multi ? ` ${preposition} part (${p.id})` : '');
  const { core, variant } = view;
  const extras = view.extras;
  const hintsTotal = variant.hints.length;
  const statusText: Record<ExerciseStatus, string> = {
    untouched: '',
    attempted: 'Attempted on this device',
    revealed: 'Solution viewed on this device',
    solved: 'Solved on this device',
  };

  return (
    <div ref={rootRef} className="exercise-body" data-exercise={def.id} data-seed={view.seed} data-status={status} data-ready={ready ? '1' : undefined} aria-busy={loading || undefined}>
      {notice && (
        <p className="ex-seed-notice" data-testid="seed-notice">
          {notice.text}
          {notice.original && (
            <>
              {' '}
              <button type="button" className="ex-original" {...pending(loading)} onClick={() => {
                  if (!loading) choose(def.defaultSeed, `The original numbers are back for “${def.title}”. The question above has changed.`);
                }}>
                Show the original numbers
              </button>
            </>
          )}
        </p>
      )}
      {variant.parts.map((part, i) => {
        const ps = view.parts[i]!;
        const rp = core.parts[i]!;
        const rx = extras?.parts[i];
        // A part already answered right stays open (after a reload, the part before may show a later wrong try).
        const locked = i > 0 && !part.independent && !view.parts[i - 1]!.done && !view.solution && !ps.done;
        const inputId = `${uid}-${part.id}`;
        const fbId = `${uid}-${part.id}-fb`;
        // A locked part's controls say why they are off (the note follows the form).
        const lockId = locked ? ` ${uid}-${part.id}-lock` : '';
        const whyUnder =
          part.kind === 'choice'
            ? // Under a wrong pick only when the verdict has no targeted message of its own: that message
              // already says what is wrong, and an option's note may hold the whole answer.
              whyShownUnder(part.choices.map((c) => c.correct), rx?.why ?? [], (k) => view.solution || ps.done || (ps.feedback?.state === 'incorrect' && ps.selected.includes(part.choices[k]!.id)))
            : [];
        return (
          <div
            key={`${view.seed}-${part.id}`}
            className="ex-part"
            data-part={part.id}
            data-done={ps.done ? '1' : undefined}
            role="group"
            aria-label={multi ? `${def.title}, part (${part.id})` : def.title}
          >
            <div className="ex-part-prompt">
              {multi && <span className="ex-part-id">({part.id})</span>}
              <Html html={rp.prompt} />
            </div>
            <form
              className="ex-answer"
              onSubmit={(e) => {
                e.preventDefault();
                if (!locked) check(i);
              }}
            >
              {part.kind === 'numeric' ? (
                <div className="ex-numeric">
                  <label htmlFor={inputId}>Your answer{partLabel(part)}</label>
                  <small id={`${inputId}-tol`} className="ex-tol">
                    {describeTolerance(part.tolerance)}
                  </small>
                  <input
                    id={inputId}
                    data-testid="answer"
                    type="text"
                    inputMode="text"
                    autoComplete="off"
                    autoCorrect="off"
                    spellCheck={false}
                    disabled={locked}
                    {...pending(!ready)}
                    value={ps.text}
                    aria-describedby={`${inputId}-tol ${fbId}${lockId}`}
                    aria-invalid={ps.feedback?.state === 'unreadable' || undefined}
                    onChange={(e) => setPart(i, { text: e.target.value })}
                  />
                </div>
              ) : (
                <fieldset className="ex-choices" disabled={locked} {...pending(!ready)} aria-describedby={`${fbId}${lockId}`}>
                  <legend>{part.multiple ? 'Select every option that applies' : 'Choose one'}{partLabel(part, 'for')}</legend>
                  {part.choices.map((c, k) => {
                    const checked = ps.selected.includes(c.id);
                    return (
                      <div key={c.id} className="ex-choice" data-choice={c.id}>
                        <label>
                          <input
                            type={part.multiple ? 'checkbox' : 'radio'}
                            name={`${uid}-${part.id}`}
                            value={c.id}
                            // Named in plain text: an accessible name leaves KaTeX's MathML out ("Output A ( )").
                            aria-label={c.label.includes('$') ? speakableText(c.label) : undefined}
                            checked={checked}
                            onChange={(e) => {
                              const on = e.target.checked;
                              setPart(i, {
                                selected: part.multiple ? (on ? [...ps.selected, c.id] : ps.selected.filter((x) => x !== c.id)) : [c.id],
                              });
                            }}
                          />
                          <Html as="span" html={rp.choices[k]!.label} />
                        </label>
                        {whyUnder[k] && (
                          <p className={`ex-why ${c.correct ? 'is-right' : 'is-wrong'}`} data-testid="choice-explanation">
                            <span className="visually-hidden">{c.correct ? 'Correct option: ' : 'Incorrect option: '}</span>
                            <Html as="span" html={rx?.why[k] ?? ''} />
                          </p>
                        )}
                      </div>
                    );
                  })}
                </fieldset>
              )}
              <button type="submit" className="primary" data-testid="check" disabled={locked} {...pending(!ready)} aria-label={multi ? `Check part (${part.id})` : undefined} aria-describedby={lockId.trim() || undefined}>
                Check
              </button>
            </form>
            {locked && <p className="ex-locked" id={`${uid}-${part.id}-lock`}>Answer part ({variant.parts[i - 1]!.id}) first: this part builds on its result.</p>}
            <div id={fbId} className="ex-feedback" role="status" data-testid="feedback" data-state={ps.feedback?.state}>
              {ps.feedback && <FeedbackView key={ps.tries} feedback={ps.feedback} mistakes={rx?.mistakes ?? []} />}
              {ps.feedback?.state === 'correct' && part.kind === 'numeric' && (
                <p className="ex-exact" data-testid="exact">
                  Exact value: <Html as="span" html={rx?.exact ?? ''} />
                </p>
              )}
            </div>
            {view.solution && !ps.done && part.kind === 'numeric' && (
              <p className="ex-exact ex-exact-revealed">
                Answer: <Html as="span" html={rx?.exact ?? ''} />
              </p>
            )}
          </div>
        );
      })}

      <div className="ex-tools">
        <button type="button" data-testid="hint" disabled={ready && view.hints >= hintsTotal} {...pending(!ready)} onClick={() => {
            focusNext.current = 'hint';
            setView((v) => ({ ...v, hints: Math.min(v.hints + 1, hintsTotal) }));
          }}>
          Hint
        </button>
        <span className="ex-hint-count" aria-live="polite">
          {view.hints > 0 ? `${view.hints} of ${hintsTotal} hints shown` : `${hintsTotal} hints available`}
        </span>
        <button type="button" data-testid="show-solution" disabled={ready && view.solution} {...pending(!ready)} onClick={showSolution}>
          Show solution
        </button>
        <button type="button" data-testid="new-numbers" {...pending(!ready || loading)} onClick={() => {
            // Pending, not disabled, while loading: the pressed button keeps focus.
            if (loading) return;
            setAnnounce('');
            choose(freshSeed(view.seed), `New numbers loaded for “${def.title}”. The question above has changed.`);
          }}>
          New numbers
        </button>
        {loading && <span className="ex-loading">Drawing new numbers…</span>}
        <span className="visually-hidden" role="status">
          {announce}
        </span>
        {statusText[status] && (
          <span className={`ex-status ex-status-${status}`} data-testid="status">
            {statusText[status]}
          </span>
        )}
      </div>
      {view.hints > 0 && (
        <ol className="ex-hints" data-testid="hints" aria-label="Hints">
          {(extras?.hints ?? []).slice(0, view.hints).map((h, k) => (
            <li key={k} tabIndex={-1}>
              <Html html={h} />
            </li>
          ))}
        </ol>
      )}
      {view.solution && (
        <div className="ex-solution" data-testid="solution">
          <h4 tabIndex={-1}>Worked solution</h4>
          <ol>
            {(extras?.solution ?? []).map((s, k) => (
              <li key={k}>
                <Html html={s} />
              </li>
            ))}
          </ol>
          <p className="ex-solution-note">Viewing the solution does not count as solving. Try “New numbers” to solve a fresh variant yourself.</p>
        </div>
      )}
    </div>
  );
}

function FeedbackView({ feedback, mistakes }: { feedback: Feedback; mistakes: string[] }) {
  switch (feedback.state) {
    case 'correct':
      return <p className="ex-fb ex-fb-correct"><strong>Correct.</strong></p>;
    case 'targeted':
      return (
        <p className="ex-fb ex-fb-targeted">
          <strong>Not quite. </strong>
          {feedback.mistake !== undefined && mistakes[feedback.mistake] ? <Html as="span" html={mistakes[feedback.mistake]!} /> : feedback.message}
        </p>
      );
    case 'incorrect':
      return <p className="ex-fb ex-fb-incorrect">{feedback.message}</p>;
    case 'unreadable':
      return <p className="ex-fb ex-fb-unreadable">{feedback.message} <span className="muted">(Not counted as an attempt.)</span></p>;
  }
}

class ExerciseBoundary extends Component<{ id: string; children: ReactNode }, { failed: boolean }> {
  state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  componentDidCatch(error: Error) {
    console.warn(`Exercise "${this.props.id}" failed:`, error.message);
    // The remembered variant must not break the page again on the next visit; a link's other variant leaves it alone.
    const def = getExercise(this.props.id);
    const store = safeStore();
    if (!def || !store) return;
    const key = progressKey(def);
    const linked = seedParamOf(window.location.search, def.id);
    if (linked.kind !== 'seed' || linked.seed === store.getExercise(key)?.last?.seed) store.forgetAnswers(key);
  }
  render() {
    if (!this.state.failed) return this.props.children;
    return (
      <div className="ex-error" role="alert">
        <p><strong>This exercise stopped working.</strong> The rest of the page is unaffected; reloading the page without its <code>?ex-…</code> parameter restores the default numbers.</p>
      </div>
    );
  }
}

export default function Exercise({ id, core }: ExerciseProps) {
  const def = useMemo(() => getExercise(id), [id]);
  if (!def) return <p className="ex-error" role="alert">Unknown exercise “{id}”.</p>;
  return (
    <ExerciseBoundary id={id}>
      <ExerciseInner def={def} initial={core} />
    </ExerciseBoundary>
  );
}
