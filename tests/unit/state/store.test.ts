import { beforeEach, describe, expect, it } from 'vitest';
import { BACKUP_KEY, LearnerStore, STORAGE_KEY } from '@lib/state/store';
import { emptyState, NOTE_LIMIT, REVEALED_LIMIT, STATE_VERSION } from '@lib/state/schema';
import { FakeStorage } from './fake-storage';

const EX = 'human-in-the-loop-and-monitoring/kappa-table';
const EX2 = 'human-in-the-loop-and-monitoring/priority-score';
const READ = 'human-in-the-loop-and-monitoring/notes/monitoring-boundary';
const NOTE = 'human-in-the-loop-and-monitoring/theory';

let clock = 1_700_000_000_000;
const now = () => ++clock;
let fake: FakeStorage;
const open = () => new LearnerStore(() => fake, now);
const stored = () => JSON.parse(fake.data.get(STORAGE_KEY)!);
const noticeIds = (s: LearnerStore) => s.getNotices().map((n) => n.id);

beforeEach(() => {
  fake = new FakeStorage();
});

describe('normal use', () => {
  it('starts empty without notices', () => {
    const s = open();
    expect(s.snapshot()).toEqual(emptyState());
    expect(s.getNotices()).toEqual([]);
    expect(s.mode).toBe('saved');
  });

  it('persists attempts, outcomes, reading marks and notes across page loads', () => {
    const a = open();
    a.recordAttempt(EX);
    a.recordAttempt(EX);
    a.markRevealed(EX);
    a.markSolved(EX2);
    a.markRead(READ);
    a.setNote(NOTE, 'Kappa corrects for chance.');
    const b = open();
    expect(b.getExercise(EX)).toMatchObject({ attempts: 2, solved: false, revealed: true });
    expect(b.getExercise(EX2)).toMatchObject({ attempts: 0, solved: true });
    expect(b.snapshot().reads[READ]).toBeTypeOf('number');
    expect(b.getNote(NOTE)).toBe('Kappa corrects for chance.');
    expect(stored().version).toBe(STATE_VERSION);
  });

  it('an empty note deletes the entry; text over the limit is refused and nothing changes', () => {
    const s = open();
    s.setNote(NOTE, 'x');
    s.setNote(NOTE, '');
    expect(stored().notes).toEqual({});
    expect(s.setNote(NOTE, 'y'.repeat(NOTE_LIMIT))).toBe(true);
    expect(s.setNote(NOTE, 'y'.repeat(NOTE_LIMIT + 1))).toBe(false);
    expect(s.getNote(NOTE)).toHaveLength(NOTE_LIMIT);
  });

  it('rejects malformed keys instead of storing them', () => {
    const s = open();
    expect(() => s.recordAttempt('../evil')).toThrow(RangeError);
    expect(() => s.markRead('lesson/theory')).toThrow(RangeError);
    expect(() => s.setNote('<script>', 'x')).toThrow(RangeError);
  });

  it('two tabs writing different records keep both', () => {
    const tabA = open();
    const tabB = open();
    tabA.recordAttempt(EX);
    tabB.setNote(NOTE, 'from tab B');
    tabA.markSolved(EX2);
    const fresh = open();
    expect(fresh.getExercise(EX)?.attempts).toBe(1);
    expect(fresh.getExercise(EX2)?.solved).toBe(true);
    expect(fresh.getNote(NOTE)).toBe('from tab B');
  });

  it('reset erases everything, including the copy of damaged data', () => {
    fake.data.set(STORAGE_KEY, '{oops');
    const s = open();
    expect(fake.data.has(BACKUP_KEY)).toBe(true);
    s.recordAttempt(EX);
    s.reset();
    expect(s.snapshot()).toEqual(emptyState());
    expect(stored()).toEqual(emptyState());
    expect(fake.data.has(BACKUP_KEY)).toBe(false);
  });
});

describe('last answers', () => {
  it('are kept per exercise with their variant seed, survive a reload, and are not attempts', () => {
    const a = open();
    a.saveAnswers(EX, { seed: 7, parts: [{ text: '0.67', selected: [] }, { text: '', selected: ['b', 'c'] }] });
    const b = open();
    expect(b.getExercise(EX)).toMatchObject({ attempts: 0, solved: false, last: { seed: 7, parts: [{ text: '0.67', selected: [] }, { text: '', selected: ['b', 'c'] }] } });
  });

  it('remember which variants had their solution opened, across reloads and other variants, within a bound', () => {
    const a = open();
    a.markRevealed(EX, 7);
    a.saveAnswers(EX, { seed: 8, parts: [] });
    a.markRevealed(EX, 9);
    const b = open();
    expect(b.getExercise(EX)).toMatchObject({ revealed: true, revealedSeeds: [7, 9] });
    expect([7, 8, 9].map((n) => b.wasRevealed(EX, n))).toEqual([true, false, true]);
    expect(b.wasRevealed(EX2, 7)).toBe(false);
    // Opening one again moves it to the end; the oldest fall off past the bound.
    for (let n = 100; n < 100 + REVEALED_LIMIT; n++) b.markRevealed(EX, n);
    b.markRevealed(EX, 100);
    const seeds = open().getExercise(EX)!.revealedSeeds!;
    expect(seeds).toHaveLength(REVEALED_LIMIT);
    expect(seeds.at(-1)).toBe(100);
    expect(seeds).not.toContain(7);
    // A stored list survives sanitizing; a malformed one drops only the saved answers and variants.
    const good = { attempts: 1, solved: false, revealed: true, updated: 5 };
    fake.data.set(STORAGE_KEY, JSON.stringify({ version: 1, exercises: { [EX]: { ...good, revealedSeeds: [3] }, [EX2]: { ...good, revealedSeeds: ['3'] } }, reads: {}, notes: {} }));
    const c = open();
    expect(c.wasRevealed(EX, 3)).toBe(true);
    expect(c.getExercise(EX2)).toEqual(good);
  });

  it('forgetting a variant keeps the outcome', () => {
    const a = open();
    a.recordAttempt(EX);
    a.saveAnswers(EX, { seed: 7, parts: [] });
    a.forgetAnswers(EX);
    a.forgetAnswers(EX2);
    expect(open().getExercise(EX)).toMatchObject({ attempts: 1 });
    expect(open().getExercise(EX)!.last).toBeUndefined();
    expect(open().getExercise(EX2)).toBeUndefined();
  });

  it('an answer longer than 200 characters is kept cut to 200', () => {
    const a = open();
    a.saveAnswers(EX, { seed: 1, parts: [{ text: '9'.repeat(500), selected: [] }] });
    expect(open().getExercise(EX)!.last!.parts[0]!.text).toHaveLength(200);
  });

  it('damaged saved answers are dropped with a notice; the exercise outcome stays', () => {
    const good = { attempts: 3, solved: true, revealed: false, updated: 5 };
    fake.data.set(STORAGE_KEY, JSON.stringify({ version: 1, exercises: { [EX]: { ...good, last: { seed: 'x', parts: 3 } } }, reads: {}, notes: {} }));
    const s = open();
    expect(s.getExercise(EX)).toEqual(good);
    expect(s.getNotices()[0]!.text).toContain('kappa-table');
  });

  it('keeps only the fields it knows from saved answers', () => {
    const good = { attempts: 1, solved: false, revealed: false, updated: 5 };
    const last = { seed: 3, parts: [{ text: '1', selected: [], extra: '<b>' }], note: 'x' };
    fake.data.set(STORAGE_KEY, JSON.stringify({ version: 1, exercises: { [EX]: { ...good, last } }, reads: {}, notes: {} }));
    expect(open().getExercise(EX)!.last).toEqual({ seed: 3, parts: [{ text: '1', selected: [] }] });
  });

  it('an export file with damaged saved answers is refused whole', () => {
    const file = JSON.parse(open().exportJson());
    const bad = { ...file, exercises: { [EX]: { attempts: 1, solved: false, revealed: false, updated: 1, last: { seed: 1, parts: [{ text: 5, selected: [] }] } } } };
    const r = open().importJson(JSON.stringify(bad));
    expect(r.ok).toBe(false);
  });
});

describe('damaged saved data', () => {
  it('unparseable JSON: reset with a notice, the raw text kept under a backup key', () => {
    fake.data.set(STORAGE_KEY, '{"version":1,"exercises":{');
    const s = open();
    expect(noticeIds(s)).toEqual(['unreadable']);
    expect(fake.data.get(BACKUP_KEY)).toBe('{"version":1,"exercises":{');
    expect(stored()).toEqual(emptyState());
    s.recordAttempt(EX);
    expect(open().getExercise(EX)?.attempts).toBe(1);
  });

  it.each([
    ['a different version', JSON.stringify({ ...emptyState(), version: 2 })],
    ['no version', JSON.stringify({ exercises: {} })],
  ])('%s: reset with a version notice and a backup', (_, raw) => {
    fake.data.set(STORAGE_KEY, raw);
    const s = open();
    expect(noticeIds(s)).toEqual(['version']);
    expect(fake.data.get(BACKUP_KEY)).toBe(raw);
    expect(s.snapshot()).toEqual(emptyState());
  });

  it.each(['null', '[]', '"text"', '42'])('valid JSON that is not a state object (%s) counts as unreadable', (raw) => {
    fake.data.set(STORAGE_KEY, raw);
    expect(noticeIds(open())).toEqual(['unreadable']);
  });

  it('one corrupted exercise record: only it is reset, the rest is kept and the notice names it', () => {
    const good = { attempts: 3, solved: true, revealed: false, updated: 5 };
    fake.data.set(
      STORAGE_KEY,
      JSON.stringify({
        version: 1,
        exercises: { [EX2]: good, [EX]: { attempts: 'many', solved: 1 } },
        reads: { [READ]: 9 },
        notes: { [NOTE]: { text: 'keep me', updated: 7 } },
      }),
    );
    const s = open();
    expect(s.getExercise(EX2)).toEqual(good);
    expect(s.getExercise(EX)).toBeUndefined();
    expect(s.getNote(NOTE)).toBe('keep me');
    expect(s.snapshot().reads[READ]).toBe(9);
    expect(noticeIds(s)).toEqual(['records']);
    expect(s.getNotices()[0]!.text).toContain('kappa-table');
    // The cleaned state is written back, so the notice does not come back on the next page.
    expect(stored().exercises).toEqual({ [EX2]: good });
    expect(open().getNotices()).toEqual([]);
  });

  it('one corrupted note is reset alone; a note with only a bad timestamp keeps its text', () => {
    const other = 'human-in-the-loop-and-monitoring/exercises';
    fake.data.set(STORAGE_KEY, JSON.stringify({ version: 1, notes: { [NOTE]: { text: 42 }, [other]: { text: 'my words', updated: 'yesterday' } } }));
    const s = open();
    expect(s.getNote(NOTE)).toBe('');
    expect(s.getNote(other)).toBe('my words');
    expect(s.getNotices()[0]!.text).toMatch(/1 saved entry was damaged/);
  });

  it('a whole section of the wrong type is reset without touching the others', () => {
    fake.data.set(STORAGE_KEY, JSON.stringify({ version: 1, exercises: 'garbage', notes: { [NOTE]: { text: 'n', updated: 1 } } }));
    const s = open();
    expect(s.getNote(NOTE)).toBe('n');
    expect(s.getNotices()[0]!.text).toContain('exercises section');
  });
});

describe('storage that fails', () => {
  it('full (QuotaExceededError): the change stays in memory, a notice offers a download, and a later save clears it', () => {
    const s = open();
    s.setNote(NOTE, 'saved before the quota');
    fake.quota = 10;
    s.setNote(NOTE, 'written while storage is full');
    expect(s.mode).toBe('memory');
    expect(noticeIds(s)).toEqual(['quota']);
    expect(s.getNotices()[0]!.offerExport).toBe(true);
    // Nothing the learner wrote is lost on this page, and the export holds it.
    expect(s.getNote(NOTE)).toBe('written while storage is full');
    s.recordAttempt(EX);
    expect(s.getNote(NOTE)).toBe('written while storage is full');
    expect(JSON.parse(s.exportJson()).notes[NOTE].text).toBe('written while storage is full');
    fake.quota = Infinity;
    s.recordAttempt(EX);
    expect(s.getNotices()).toEqual([]);
    expect(s.mode).toBe('saved');
    expect(stored().notes[NOTE].text).toBe('written while storage is full');
    expect(stored().exercises[EX].attempts).toBe(2);
  });

  it('localStorage throwing on access: the site works in memory with a notice', () => {
    const s = new LearnerStore(() => {
      throw new DOMException('denied', 'SecurityError');
    }, now);
    expect(s.mode).toBe('memory');
    expect(noticeIds(s)).toEqual(['unavailable']);
    s.recordAttempt(EX);
    s.markSolved(EX);
    s.setNote(NOTE, 'only in memory');
    expect(s.getExercise(EX)).toMatchObject({ attempts: 1, solved: true });
    expect(s.getNote(NOTE)).toBe('only in memory');
    expect(JSON.parse(s.exportJson()).exercises[EX].solved).toBe(true);
  });

  it('getItem throwing behaves the same; setItem throwing (not quota) switches to memory', () => {
    fake.failGet = true;
    expect(noticeIds(open())).toEqual(['unavailable']);
    fake.failGet = false;
    const s = open();
    fake.failSet = true;
    s.setNote(NOTE, 'kept');
    expect(noticeIds(s)).toEqual(['unavailable']);
    expect(s.getNote(NOTE)).toBe('kept');
  });

  it('a null storage (no window.localStorage) is the same as unavailable', () => {
    expect(noticeIds(new LearnerStore(() => null, now))).toEqual(['unavailable']);
  });

  it('listeners hear about notices and changes; dismiss removes a notice', () => {
    const s = open();
    let calls = 0;
    const off = s.subscribe(() => calls++);
    s.recordAttempt(EX);
    expect(calls).toBe(1);
    fake.quota = 0;
    s.recordAttempt(EX);
    expect(noticeIds(s)).toEqual(['quota']);
    s.dismiss('quota');
    expect(s.getNotices()).toEqual([]);
    off();
    const before = calls;
    s.recordAttempt(EX);
    expect(calls).toBe(before);
  });
});

describe('export and import', () => {
  it('round-trips everything into another browser', () => {
    const a = open();
    a.recordAttempt(EX);
    a.markSolved(EX);
    a.markRead(READ);
    a.setNote(NOTE, 'line one\nline "two" <b>not html</b>');
    const file = a.exportJson();
    const other = new FakeStorage();
    const b = new LearnerStore(() => other, now);
    const r = b.importJson(file);
    expect(r).toEqual({ ok: true, saved: true });
    expect(b.snapshot()).toEqual(a.snapshot());
  });

  const valid = () => JSON.parse(open().exportJson());
  it.each([
    ['not JSON', 'hello', /not valid JSON/],
    ['another format', JSON.stringify({ format: 'something-else', version: 1 }), /not a progress export/],
    ['a newer version', JSON.stringify({ ...valid(), version: 99 }), /version 99/],
    ['a bad exercise record', JSON.stringify({ ...valid(), exercises: { [EX]: { attempts: -1, solved: false, revealed: false, updated: 1 } } }), /invalid entr/],
    ['a bad key', JSON.stringify({ ...valid(), reads: { 'x/../y': 1 } }), /invalid entr/],
    ['a note over the limit', JSON.stringify({ ...valid(), notes: { [NOTE]: { text: 'z'.repeat(NOTE_LIMIT + 1), updated: 1 } } }), /invalid entr/],
    ['a note with a bad timestamp', JSON.stringify({ ...valid(), notes: { [NOTE]: { text: 'z', updated: 'soon' } } }), /damaged/],
  ])('a bad file (%s) is refused with a clear message and changes nothing', (_, text, message) => {
    const s = open();
    s.recordAttempt(EX);
    s.setNote(NOTE, 'mine');
    const before = fake.data.get(STORAGE_KEY);
    const r = s.importJson(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(message);
    expect(fake.data.get(STORAGE_KEY)).toBe(before);
    expect(s.getNote(NOTE)).toBe('mine');
  });

  it('import into full storage still applies in memory and says it was not saved', () => {
    const a = open();
    a.setNote(NOTE, 'n'.repeat(500));
    const file = a.exportJson();
    fake = new FakeStorage();
    const b = open();
    fake.quota = 100;
    expect(b.importJson(file)).toEqual({ ok: true, saved: false });
    expect(b.getNote(NOTE)).toHaveLength(500);
    expect(noticeIds(b)).toEqual(['quota']);
  });
});
