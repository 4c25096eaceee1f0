/**
 * Learner state: what a learner did on this device (exercise outcomes, notes parts read, private
 * notes). Versioned and validated record by record, so one damaged entry never costs the rest.
 */
export const STATE_VERSION = 1;
export const NOTE_LIMIT = 8000;
export const EXPORT_FORMAT = 'alignment18-learner-state';

export interface ExerciseRecord {
  /** Graded checks (unreadable input is not counted). */
  attempts: number;
  /** Every part answered correctly on some variant without revealing its solution. */
  solved: boolean;
  /** The worked solution was opened at least once. */
  revealed: boolean;
  /** The variants (seeds) whose solution was opened, newest last, at most REVEALED_LIMIT: answering one of them is not solving. */
  revealedSeeds?: number[];
  /** Last change, ms since the epoch. */
  updated: number;
  /** The answers last checked, so a reload shows them (and their verdicts) again. */
  last?: LastAnswers;
}

/** What the learner last submitted for one variant: per part, the typed text or the chosen options. */
export interface LastAnswers {
  seed: number;
  parts: { text: string; selected: string[] }[];
}

export const ANSWER_LIMIT = 200;
export const REVEALED_LIMIT = 50;

export interface NoteRecord {
  text: string;
  updated: number;
}

export interface LearnerState {
  version: typeof STATE_VERSION;
  /** Key: "<lesson>/<exercise id>". */
  exercises: Record<string, ExerciseRecord>;
  /** Notes parts read. Key: "<lesson>/notes/<part>", value: when (ms). */
  reads: Record<string, number>;
  /** Private notes. Key: the page key, e.g. "<lesson>/notes/<part>", "<lesson>/theory". */
  notes: Record<string, NoteRecord>;
}

export const emptyState = (): LearnerState => ({ version: STATE_VERSION, exercises: {}, reads: {}, notes: {} });

const SLUG = '[a-z0-9]+(?:-[a-z0-9]+)*';
export const EXERCISE_KEY = new RegExp(`^${SLUG}/${SLUG}$`);
export const READ_KEY = new RegExp(`^${SLUG}/notes/${SLUG}$`);
export const NOTE_KEY = new RegExp(`^${SLUG}/(?:notes/${SLUG}|theory|exercises)$`);

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const isTime = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x) && x >= 0;

export function validLastAnswers(x: unknown): x is LastAnswers {
  return (
    isObject(x) &&
    Number.isInteger(x.seed) &&
    Array.isArray(x.parts) &&
    x.parts.length <= 12 &&
    x.parts.every(
      (p) =>
        isObject(p) &&
        typeof p.text === 'string' &&
        p.text.length <= ANSWER_LIMIT &&
        Array.isArray(p.selected) &&
        p.selected.length <= 20 &&
        p.selected.every((id) => typeof id === 'string' && id.length <= 40),
    )
  );
}

export function validExerciseRecord(x: unknown): x is ExerciseRecord {
  return (
    isObject(x) &&
    (x.last === undefined || validLastAnswers(x.last)) &&
    (x.revealedSeeds === undefined || (Array.isArray(x.revealedSeeds) && x.revealedSeeds.length <= REVEALED_LIMIT && x.revealedSeeds.every((n) => Number.isInteger(n)))) &&
    Number.isInteger(x.attempts) &&
    (x.attempts as number) >= 0 &&
    (x.attempts as number) < 1e9 &&
    typeof x.solved === 'boolean' &&
    typeof x.revealed === 'boolean' &&
    isTime(x.updated)
  );
}

export function validNoteRecord(x: unknown): x is NoteRecord {
  return isObject(x) && typeof x.text === 'string' && x.text.length <= NOTE_LIMIT && isTime(x.updated);
}

export interface Sanitized {
  state: LearnerState;
  /** Human-readable descriptions of what had to be reset. */
  dropped: string[];
}

/**
 * Keep every valid record of a parsed object with the right version; drop (and list) the rest.
 * A note whose text survives but whose timestamp is damaged is repaired, not dropped: it is
 * something the learner wrote.
 */
export function sanitize(data: Record<string, unknown>): Sanitized {
  const state = emptyState();
  const dropped: string[] = [];
  const section = (name: 'exercises' | 'reads' | 'notes') => {
    const s = data[name];
    if (s === undefined) return {};
    if (!isObject(s)) {
      dropped.push(`the whole ${name} section`);
      return {};
    }
    return s;
  };
  for (const [k, v] of Object.entries(section('exercises'))) {
    if (EXERCISE_KEY.test(k) && validExerciseRecord(v)) {
      state.exercises[k] = {
        attempts: v.attempts,
        solved: v.solved,
        revealed: v.revealed,
        updated: v.updated,
        ...(v.revealedSeeds?.length ? { revealedSeeds: [...v.revealedSeeds] } : {}),
        ...(v.last ? { last: { seed: v.last.seed, parts: v.last.parts.map((p) => ({ text: p.text, selected: [...p.selected] })) } } : {}),
      };
    } else if (EXERCISE_KEY.test(k) && isObject(v) && validExerciseRecord({ ...v, last: undefined, revealedSeeds: undefined })) {
      // The outcome is intact and kept; only the remembered answers or variants are damaged.
      state.exercises[k] = { attempts: v.attempts as number, solved: v.solved as boolean, revealed: v.revealed as boolean, updated: v.updated as number };
      dropped.push(`the saved answers of exercise "${k.slice(0, 60)}"`);
    } else dropped.push(`exercise record "${k.slice(0, 60)}"`);
  }
  for (const [k, v] of Object.entries(section('reads'))) {
    if (READ_KEY.test(k) && isTime(v)) state.reads[k] = v;
    else dropped.push(`reading record "${k.slice(0, 60)}"`);
  }
  for (const [k, v] of Object.entries(section('notes'))) {
    if (NOTE_KEY.test(k) && validNoteRecord(v)) state.notes[k] = { text: v.text, updated: v.updated };
    else if (NOTE_KEY.test(k) && isObject(v) && typeof v.text === 'string' && v.text.length <= NOTE_LIMIT) state.notes[k] = { text: v.text, updated: 0 };
    else dropped.push(`note "${k.slice(0, 60)}"`);
  }
  return { state, dropped };
}

export type ImportResult = { ok: true; state: LearnerState } | { ok: false; message: string };

/** Strict reading of an export file: any problem rejects the whole file (and changes nothing). */
export function parseExport(text: string): ImportResult {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { ok: false, message: 'This file is not valid JSON, so it cannot be a progress export from this site.' };
  }
  if (!isObject(data) || data.format !== EXPORT_FORMAT) {
    return { ok: false, message: 'This JSON file is not a progress export from this site (its "format" field is missing or different).' };
  }
  if (data.version !== STATE_VERSION) {
    return { ok: false, message: `This export has version ${JSON.stringify(data.version)}; this site reads version ${STATE_VERSION}.` };
  }
  const { state, dropped } = sanitize(data);
  if (dropped.length) {
    return { ok: false, message: `The file has ${dropped.length} invalid entr${dropped.length === 1 ? 'y' : 'ies'} (first: ${dropped[0]}). Nothing was imported.` };
  }
  // Repaired notes (bad timestamp) are also a sign of a hand-edited or damaged file.
  for (const k of Object.keys(state.notes)) {
    if (!validNoteRecord((data.notes as Record<string, unknown>)[k])) return { ok: false, message: `The note "${k}" is damaged. Nothing was imported.` };
  }
  return { ok: true, state };
}

export function toExport(state: LearnerState, now: number): string {
  return JSON.stringify({ format: EXPORT_FORMAT, version: STATE_VERSION, exportedAt: new Date(now).toISOString(), exercises: state.exercises, reads: state.reads, notes: state.notes }, null, 2);
}

export type ExerciseStatus = 'solved' | 'revealed' | 'attempted' | 'untouched';

export function exerciseStatus(r: ExerciseRecord | undefined): ExerciseStatus {
  if (!r) return 'untouched';
  if (r.solved) return 'solved';
  if (r.revealed) return 'revealed';
  return r.attempts > 0 ? 'attempted' : 'untouched';
}

export interface LessonProgress {
  solved: number;
  revealed: number;
  attempted: number;
  exercises: number;
  partsRead: number;
  parts: number;
}

/** Counts for a lesson; each exercise is counted once, by its best status (solved > revealed > attempted). */
export function lessonProgress(state: LearnerState, lesson: string, exerciseIds: readonly string[], partSlugs: readonly string[]): LessonProgress {
  const p: LessonProgress = { solved: 0, revealed: 0, attempted: 0, exercises: exerciseIds.length, partsRead: 0, parts: partSlugs.length };
  for (const id of exerciseIds) {
    const s = exerciseStatus(state.exercises[`${lesson}/${id}`]);
    if (s !== 'untouched') p[s]++;
  }
  for (const part of partSlugs) if (state.reads[`${lesson}/notes/${part}`] !== undefined) p.partsRead++;
  return p;
}
