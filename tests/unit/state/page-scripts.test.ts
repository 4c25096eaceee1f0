// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LearnerStore } from '@lib/state/store';
import { fillProgressSlots } from '@lib/state/progress-slots';
import { groupThousands, mountPrivateNotes } from '@lib/state/private-notes';
import { mountNotices } from '@lib/state/ui';
import { NOTE_LIMIT } from '@lib/state/schema';
import { FakeStorage } from './fake-storage';

const L = 'human-in-the-loop-and-monitoring';
let fake: FakeStorage;
const open = () => new LearnerStore(() => fake, () => 1);

beforeEach(() => {
  fake = new FakeStorage();
  document.body.innerHTML = '<main id="main"><div class="progress-slot" data-progress-lesson="human-in-the-loop-and-monitoring"></div><div class="private-notes-slot" data-notes-page="human-in-the-loop-and-monitoring/theory"></div></main>';
});
afterEach(() => vi.useRealTimers());

describe('progress slots', () => {
  it('fill each placeholder with counts and a labelled progress bar', () => {
    const s = open();
    s.markSolved(`${L}/a`);
    s.markRead(`${L}/notes/p1`);
    fillProgressSlots(s.snapshot(), { [L]: { exerciseIds: ['a', 'b'], parts: ['p1', 'p2', 'p3'] } });
    const slot = document.querySelector('.progress-slot')!;
    expect(slot.textContent).toBe('Your progress: 1 of 2 exercises solved · 1 of 3 notes parts read');
    const bar = slot.querySelector('progress')!;
    expect(bar.value).toBe(1);
    expect(bar.max).toBe(2);
    expect(bar.getAttribute('aria-label')).toBe('Exercises solved: 1 of 2');
  });

  it('leave slots of unknown lessons alone', () => {
    fillProgressSlots(open().snapshot(), {});
    expect(document.querySelector('.progress-slot')!.innerHTML).toBe('');
  });
});

describe('groupThousands', () => {
  it('writes counts as en-US does, without Intl', () => {
    const cases: [number, string][] = [[0, '0'], [7, '7'], [999, '999'], [1000, '1,000'], [8000, '8,000'], [12345, '12,345'], [100000, '100,000'], [1234567, '1,234,567'], [-1234, '-1,234']];
    for (const [n, text] of cases) expect(groupThousands(n)).toBe(text);
  });
});

describe('private notes', () => {
  it('a labelled textarea that saves after a pause, with a live counter', () => {
    vi.useFakeTimers();
    const s = open();
    mountPrivateNotes(s);
    const area = document.querySelector('textarea')!;
    const label = document.querySelector(`label[for="${area.id}"]`)!;
    expect(label.textContent).toBe('Notes for this page');
    expect(document.querySelector('.private-notes')!.textContent).toMatch(/Never sent anywhere/);
    // Nothing saved yet: the status line is the count alone, with no dangling separator.
    expect(document.querySelector('.pn-status')!.textContent).toBe('0 / 8,000 characters');
    area.value = 'κ corrects for chance <b>';
    area.dispatchEvent(new Event('input'));
    expect(document.querySelector('[data-testid="notes-count"]')!.textContent).toBe(`${area.value.length} / 8,000 characters`);
    expect(open().getNote(`${L}/theory`)).toBe('');
    vi.advanceTimersByTime(700);
    expect(open().getNote(`${L}/theory`)).toBe('κ corrects for chance <b>');
    expect(document.querySelector('[data-testid="notes-saved"]')!.textContent).toBe('Saved in this browser');
  });

  it('text over the limit is flagged and not saved; the saved version stays', () => {
    vi.useFakeTimers();
    const s = open();
    s.setNote(`${L}/theory`, 'earlier');
    mountPrivateNotes(s);
    const area = document.querySelector('textarea')!;
    expect(area.value).toBe('earlier');
    area.value = 'x'.repeat(NOTE_LIMIT + 5);
    area.dispatchEvent(new Event('input'));
    vi.advanceTimersByTime(700);
    expect(area.getAttribute('aria-invalid')).toBe('true');
    expect(document.querySelector('[data-testid="notes-saved"]')!.textContent).toMatch(/5 characters over the limit/);
    expect(open().getNote(`${L}/theory`)).toBe('earlier');
    area.value = area.value.slice(0, NOTE_LIMIT);
    area.dispatchEvent(new Event('input'));
    area.dispatchEvent(new Event('blur'));
    expect(open().getNote(`${L}/theory`)).toHaveLength(NOTE_LIMIT);
  });

  it('binds each slot once even if the script runs twice', () => {
    const s = open();
    mountPrivateNotes(s);
    mountPrivateNotes(s);
    expect(document.querySelectorAll('textarea')).toHaveLength(1);
  });
});

describe('storage notices', () => {
  it('appear at the top of <main> as text, with a download offer when storage cannot keep the data', () => {
    const s = new LearnerStore(() => {
      throw new Error('blocked');
    });
    mountNotices(s);
    mountNotices(s);
    const box = document.querySelector('#main > [data-testid="learner-notices"]')!;
    expect(box.getAttribute('role')).toBe('status');
    expect(box.querySelectorAll('.learner-notice')).toHaveLength(1);
    expect(box.textContent).toMatch(/does not let the site use local storage/);
    const buttons = [...box.querySelectorAll('button')].map((b) => b.textContent);
    expect(buttons).toEqual(['Download a copy', 'Dismiss']);
    (box.querySelector('button[aria-label="Dismiss this notice"]') as HTMLButtonElement).click();
    expect(box.querySelectorAll('.learner-notice')).toHaveLength(0);
  });
});
