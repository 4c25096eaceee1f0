import { NOTE_LIMIT } from './schema';
import type { LearnerStore } from './store';

/**
 * "8,000": digits grouped in threes. Not toLocaleString: its first call loads ICU's number data,
 * about 25 ms of main thread on every page with a notes box (measured at 1×, on load).
 */
export const groupThousands = (n: number) => String(Math.trunc(n)).replace(/\B(?=(\d{3})+$)/g, ',');
let counter = 0;

/**
 * A private-notes box in each `.private-notes-slot[data-notes-page]`: saved (debounced) as the
 * learner types, and on leaving the field or the page. Nothing is sent anywhere.
 */
export function mountPrivateNotes(store: LearnerStore) {
  for (const slot of document.querySelectorAll<HTMLElement>('.private-notes-slot[data-notes-page]')) {
    const page = slot.dataset.notesPage ?? '';
    if (slot.dataset.bound) continue;
    slot.dataset.bound = '1';
    const n = ++counter;
    const section = document.createElement('section');
    section.className = 'private-notes';
    section.dataset.testid = 'private-notes';
    section.setAttribute('aria-labelledby', `pn-title-${n}`);

    const h = document.createElement('h2');
    h.id = `pn-title-${n}`;
    h.textContent = 'Your private notes';
    const help = document.createElement('p');
    help.id = `pn-help-${n}`;
    help.className = 'pn-help';
    help.textContent = 'Kept only in this browser and saved as you type. Never sent anywhere. Export them from the chapter home.';
    const label = document.createElement('label');
    label.htmlFor = `pn-text-${n}`;
    label.textContent = 'Notes for this page';
    const area = document.createElement('textarea');
    area.id = `pn-text-${n}`;
    area.rows = 6;
    // No maxlength: a paste over the limit would be cut silently. Over-long text is shown, flagged and
    // not saved (the last saved version stays) until the learner shortens it.
    area.spellcheck = true;
    area.value = store.getNote(page);
    const status = document.createElement('p');
    status.className = 'pn-status';
    const count = document.createElement('span');
    count.id = `pn-count-${n}`;
    count.dataset.testid = 'notes-count';
    const saved = document.createElement('span');
    saved.dataset.testid = 'notes-saved';
    saved.className = 'pn-saved';
    // Announced only when it matters (near the limit, or a save failed), not on every keystroke.
    const live = document.createElement('span');
    live.className = 'visually-hidden';
    live.setAttribute('role', 'status');
    // The separator is drawn by CSS only while the save status has something to say.
    status.append(count, saved, live);
    area.setAttribute('aria-describedby', `pn-help-${n} pn-count-${n}`);
    section.append(h, help, label, area, status);
    slot.replaceChildren(section);

    let lastWarned = 0;
    const showCount = () => {
      const used = area.value.length;
      count.textContent = `${groupThousands(used)} / ${groupThousands(NOTE_LIMIT)} characters`;
      const left = NOTE_LIMIT - used;
      count.classList.toggle('near-limit', left <= 500 && left >= 0);
      count.classList.toggle('over-limit', left < 0);
      area.setAttribute('aria-invalid', left < 0 ? 'true' : 'false');
      const step = left < 0 ? 4 : left === 0 ? 3 : left <= 100 ? 2 : left <= 500 ? 1 : 0;
      if (step > lastWarned) {
        live.textContent = left < 0 ? `Over the limit by ${groupThousands(-left)} characters; shorten the note to save it.` : left === 0 ? 'Character limit reached.' : `${groupThousands(left)} characters left.`;
      }
      lastWarned = step;
    };
    let timer: number | undefined;
    let dirty = false;
    const save = () => {
      window.clearTimeout(timer);
      timer = undefined;
      if (!dirty) return;
      dirty = false;
      const ok = store.setNote(page, area.value);
      const memory = store.mode === 'memory';
      saved.textContent = !ok
        ? `Not saved: ${groupThousands(area.value.length - NOTE_LIMIT)} characters over the limit (the last saved version is kept)`
        : memory
          ? 'Kept on this page only (not saved)'
          : 'Saved in this browser';
      saved.classList.toggle('unsaved', !ok || memory);
      if (!ok || memory) live.textContent = saved.textContent;
      // Stay dirty while over the limit, so the note is saved as soon as it fits again.
      if (!ok) dirty = true;
    };
    saved.textContent = area.value ? 'Saved in this browser' : '';
    area.addEventListener('input', () => {
      dirty = true;
      saved.textContent = 'Saving…';
      showCount();
      window.clearTimeout(timer);
      timer = window.setTimeout(save, 600);
    });
    area.addEventListener('blur', save);
    window.addEventListener('pagehide', save);
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'hidden') save();
    });
    showCount();
  }
}

/**
 * On a notes part, the part counts as read once the learner reaches its end: the notes box sits
 * right after the article, so seeing it means the text above was scrolled through.
 */
export function trackReading(store: LearnerStore) {
  const slot = document.querySelector<HTMLElement>('.private-notes-slot[data-notes-page]');
  const page = slot?.dataset.notesPage ?? '';
  if (!slot || !/\/notes\//.test(page)) return;
  const mark = () => {
    try {
      store.markRead(page);
    } catch {
      // A page key that is not a reading key: nothing to record.
    }
  };
  if (!('IntersectionObserver' in window)) return mark();
  const io = new IntersectionObserver((entries) => {
    if (entries.some((e) => e.isIntersecting)) {
      mark();
      io.disconnect();
    }
  });
  io.observe(slot);
}
