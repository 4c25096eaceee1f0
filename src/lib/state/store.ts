import {
  emptyState,
  EXERCISE_KEY,
  NOTE_KEY,
  NOTE_LIMIT,
  parseExport,
  READ_KEY,
  sanitize,
  STATE_VERSION,
  toExport,
  type ExerciseRecord,
  type LastAnswers,
  ANSWER_LIMIT,
  REVEALED_LIMIT,
  validLastAnswers,
  type LearnerState,
} from './schema';

export const STORAGE_KEY = 'alignment18-learner';
/** Where an unreadable saved state is copied before it is replaced, so it can still be recovered by hand. */
export const BACKUP_KEY = 'alignment18-learner-unreadable-copy';

export type NoticeId = 'unavailable' | 'quota' | 'unreadable' | 'version' | 'records';

export interface Notice {
  id: NoticeId;
  text: string;
  /** Offer a download of the in-memory copy (storage cannot keep it). */
  offerExport: boolean;
}

/** Minimal Storage surface we use (a test can pass a fake). */
export type StorageLike = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export type Mode = 'saved' | 'memory';

const isQuota = (e: unknown) =>
  e instanceof Error && (e.name === 'QuotaExceededError' || e.name === 'NS_ERROR_DOM_QUOTA_REACHED' || (e as { code?: number }).code === 22);

const TEXT: Record<NoticeId, string> = {
  unavailable:
    'This browser does not let the site use local storage (private mode or a blocked setting). Your progress and notes work on this page but are lost when you leave it; download a copy to keep them.',
  quota:
    'Browser storage is full, so your latest progress or notes could not be saved. They are kept on this page for now; download a copy so nothing is lost.',
  unreadable:
    'Your saved progress could not be read (the stored data was damaged) and has been reset. A raw copy was kept in this browser under "' + BACKUP_KEY + '".',
  version:
    'Your saved progress was written by a different version of this site and could not be read; it has been reset. A raw copy was kept in this browser under "' + BACKUP_KEY + '".',
  records: '',
};

/**
 * One store per page. Reads validate record by record; writes re-read first (unless there are
 * unsaved changes) so two open tabs do not erase each other's records.
 */
export class LearnerStore {
  private state: LearnerState = emptyState();
  private storage: StorageLike | null = null;
  private unsaved = false;
  private notices = new Map<NoticeId, Notice>();
  private listeners = new Set<() => void>();
  mode: Mode = 'saved';

  constructor(
    private readonly getStorage: () => StorageLike | null,
    private readonly now: () => number = Date.now,
  ) {
    this.load();
  }

  // ---- reading -------------------------------------------------------------------------------

  private load(): void {
    try {
      this.storage = this.getStorage();
      if (!this.storage) throw new Error('no storage');
      const raw = this.storage.getItem(STORAGE_KEY);
      this.state = this.fromRaw(raw, true);
    } catch {
      this.storage = null;
      this.mode = 'memory';
      this.state = emptyState();
      this.notify('unavailable');
    }
  }

  /** Parse stored text; with `report`, damaged data is backed up, reported and rewritten cleanly. */
  private fromRaw(raw: string | null, report: boolean): LearnerState {
    if (raw === null) return emptyState();
    let data: unknown;
    try {
      data = JSON.parse(raw);
    } catch {
      if (report) this.resetDamaged(raw, 'unreadable');
      return emptyState();
    }
    if (typeof data !== 'object' || data === null || Array.isArray(data)) {
      if (report) this.resetDamaged(raw, 'unreadable');
      return emptyState();
    }
    const record = data as Record<string, unknown>;
    if (record.version !== STATE_VERSION) {
      if (report) this.resetDamaged(raw, 'version');
      return emptyState();
    }
    const { state, dropped } = sanitize(record);
    if (dropped.length && report) {
      this.backup(raw);
      this.notices.set('records', {
        id: 'records',
        text: `${dropped.length} saved entr${dropped.length === 1 ? 'y was' : 'ies were'} damaged and reset (${dropped.slice(0, 3).join(', ')}${dropped.length > 3 ? ', …' : ''}). Everything else was kept. A raw copy was kept under "${BACKUP_KEY}".`,
        offerExport: false,
      });
      this.state = state;
      this.write();
    }
    return state;
  }

  private resetDamaged(raw: string, id: 'unreadable' | 'version') {
    this.backup(raw);
    this.notify(id);
    this.state = emptyState();
    this.write();
  }

  private backup(raw: string) {
    try {
      this.storage?.setItem(BACKUP_KEY, raw);
    } catch {
      // No room for the copy; the notice still tells the learner what happened.
    }
  }

  /** Latest saved state (another tab may have written), unless our own changes are unsaved. */
  private fresh(): LearnerState {
    if (!this.storage || this.unsaved) return this.state;
    try {
      return this.fromRaw(this.storage.getItem(STORAGE_KEY), false);
    } catch {
      return this.state;
    }
  }

  // ---- writing -------------------------------------------------------------------------------

  private write(): boolean {
    if (!this.storage) {
      this.unsaved = true;
      return false;
    }
    try {
      this.storage.setItem(STORAGE_KEY, JSON.stringify(this.state));
      this.unsaved = false;
      if (this.notices.delete('quota')) this.emit();
      this.mode = 'saved';
      return true;
    } catch (e) {
      this.unsaved = true;
      this.mode = 'memory';
      this.notify(isQuota(e) ? 'quota' : 'unavailable');
      return false;
    }
  }

  private update(change: (s: LearnerState) => void): void {
    const s = this.fresh();
    change(s);
    this.state = s;
    this.write();
    this.emit();
  }

  // ---- notices -------------------------------------------------------------------------------

  private notify(id: NoticeId) {
    if (this.notices.has(id)) return;
    this.notices.set(id, { id, text: TEXT[id], offerExport: id === 'unavailable' || id === 'quota' });
    this.emit();
  }

  getNotices(): Notice[] {
    return [...this.notices.values()];
  }

  dismiss(id: NoticeId) {
    if (this.notices.delete(id)) this.emit();
  }

  subscribe(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  private emit() {
    for (const fn of this.listeners) fn();
  }

  // ---- queries -------------------------------------------------------------------------------

  /** A copy of the current state (callers cannot mutate the store through it). */
  snapshot(): LearnerState {
    return structuredClone(this.fresh());
  }

  getExercise(key: string): ExerciseRecord | undefined {
    const r = this.fresh().exercises[key];
    // A deep copy: the saved answers are nested, and callers must not change the store through them.
    return r ? structuredClone(r) : undefined;
  }

  getNote(page: string): string {
    return this.fresh().notes[page]?.text ?? '';
  }

  // ---- changes -------------------------------------------------------------------------------

  private exercise(key: string, change: (r: ExerciseRecord) => void) {
    if (!EXERCISE_KEY.test(key)) throw new RangeError(`Bad exercise key "${key}"`);
    this.update((s) => {
      const r = s.exercises[key] ?? { attempts: 0, solved: false, revealed: false, updated: 0 };
      change(r);
      r.updated = this.now();
      s.exercises[key] = r;
    });
  }

  recordAttempt(key: string) {
    this.exercise(key, (r) => {
      r.attempts++;
    });
  }

  markSolved(key: string) {
    this.exercise(key, (r) => {
      r.solved = true;
    });
  }

  /** Remembers the variant on screen and the answers last checked (not an attempt by itself: recordAttempt counts those). */
  saveAnswers(key: string, last: LastAnswers) {
    const kept: LastAnswers = { seed: last.seed, parts: last.parts.slice(0, 12).map((p) => ({ text: p.text.slice(0, ANSWER_LIMIT), selected: p.selected.slice(0, 20) })) };
    if (!validLastAnswers(kept)) return;
    this.exercise(key, (r) => {
      r.last = kept;
    });
  }

  /** Forgets the remembered variant and answers (the outcome stays): a variant that broke the page is not brought back. */
  forgetAnswers(key: string) {
    if (!this.fresh().exercises[key]?.last) return;
    this.exercise(key, (r) => {
      delete r.last;
    });
  }

  /** The solution of variant `seed` was opened: the exercise counts as revealed, and that variant can no longer be solved. */
  markRevealed(key: string, seed?: number) {
    this.exercise(key, (r) => {
      r.revealed = true;
      if (seed === undefined || !Number.isInteger(seed)) return;
      const seeds = (r.revealedSeeds ?? []).filter((s) => s !== seed);
      r.revealedSeeds = [...seeds, seed].slice(-REVEALED_LIMIT);
    });
  }

  /** Whether the solution of variant `seed` was opened on this device. */
  wasRevealed(key: string, seed: number): boolean {
    return this.fresh().exercises[key]?.revealedSeeds?.includes(seed) ?? false;
  }

  markRead(key: string) {
    if (!READ_KEY.test(key)) throw new RangeError(`Bad reading key "${key}"`);
    if (this.fresh().reads[key] !== undefined) return;
    this.update((s) => {
      s.reads[key] = this.now();
    });
  }

  /** Save a page's note (empty text deletes it). Returns false if the text is over the limit. */
  setNote(page: string, text: string): boolean {
    if (!NOTE_KEY.test(page)) throw new RangeError(`Bad notes page "${page}"`);
    if (text.length > NOTE_LIMIT) return false;
    this.update((s) => {
      if (text === '') delete s.notes[page];
      else s.notes[page] = { text, updated: this.now() };
    });
    return true;
  }

  exportJson(): string {
    return toExport(this.fresh(), this.now());
  }

  /** Replace everything with a validated export; a bad file changes nothing. */
  importJson(text: string): { ok: true; saved: boolean } | { ok: false; message: string } {
    const parsed = parseExport(text);
    if (!parsed.ok) return parsed;
    this.state = parsed.state;
    const saved = this.write();
    this.emit();
    return { ok: true, saved };
  }

  /** Erase all progress and notes on this device (and the raw copy of damaged data). */
  reset() {
    this.state = emptyState();
    try {
      this.storage?.removeItem(BACKUP_KEY);
    } catch {
      // Nothing to do: the main key is rewritten below either way.
    }
    this.write();
    this.emit();
  }
}

let shared: LearnerStore | null = null;

/** The page's store over window.localStorage (created on first use). */
export function getLearnerStore(): LearnerStore {
  shared ??= new LearnerStore(() => window.localStorage);
  return shared;
}
