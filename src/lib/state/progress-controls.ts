import { parseExport } from './schema';
import type { LearnerStore } from './store';
import { downloadExport } from './ui';

/** Largest import we read; a real export of this site is a few hundred kilobytes at most. */
export const MAX_IMPORT_BYTES = 2_000_000;

/**
 * Wires the "Your progress" controls (markup in ProgressControls.astro): export, import with a
 * preview and confirmation, reset with confirmation. Messages go to one status line.
 */
export function bindProgressControls(root: HTMLElement, store: LearnerStore, onChange: () => void) {
  const q = <T extends HTMLElement>(sel: string) => root.querySelector<T>(sel)!;
  const message = q<HTMLElement>('[data-testid="progress-message"]');
  const file = q<HTMLInputElement>('[data-testid="import-file"]');
  const importConfirm = q<HTMLElement>('[data-testid="import-confirm"]');
  const importSummary = q<HTMLElement>('[data-testid="import-summary"]');
  const resetConfirm = q<HTMLElement>('[data-testid="reset-confirm"]');
  let pending: string | null = null;

  const say = (text: string, kind: 'ok' | 'bad' = 'ok') => {
    message.textContent = text;
    message.dataset.kind = kind;
  };

  q<HTMLButtonElement>('[data-action="export"]').addEventListener('click', () => {
    downloadExport(store);
    say('Your progress and notes were saved to a file in your downloads.');
  });

  q<HTMLButtonElement>('[data-action="import"]').addEventListener('click', () => file.click());
  file.addEventListener('change', async () => {
    const f = file.files?.[0];
    file.value = '';
    importConfirm.hidden = true;
    pending = null;
    if (!f) return;
    if (f.size > MAX_IMPORT_BYTES) return say('That file is too large to be a progress export from this site. Nothing was imported.', 'bad');
    let text: string;
    try {
      text = await f.text();
    } catch {
      return say('The file could not be read. Nothing was imported.', 'bad');
    }
    const parsed = parseExport(text);
    if (!parsed.ok) return say(parsed.message, 'bad');
    pending = text;
    const s = parsed.state;
    // Exercises with an outcome: a record kept only to remember a variant (New numbers) is not a result.
    const results = Object.values(s.exercises).filter((r) => r.attempts > 0 || r.solved || r.revealed).length;
    const reads = Object.keys(s.reads).length;
    const notes = Object.keys(s.notes).length;
    const n = (k: number, one: string, many: string) => `${k} ${k === 1 ? one : many}`;
    importSummary.textContent = `The file holds results for ${n(results, 'exercise', 'exercises')}, ${n(reads, 'notes part', 'notes parts')} read and ${n(notes, 'note', 'notes')}. Importing replaces everything currently saved in this browser.`;
    say('');
    importConfirm.hidden = false;
    q<HTMLButtonElement>('[data-action="confirm-import"]').focus();
  });
  q<HTMLButtonElement>('[data-action="confirm-import"]').addEventListener('click', () => {
    if (pending === null) return;
    const r = store.importJson(pending);
    pending = null;
    importConfirm.hidden = true;
    // The focused button was just hidden: hand focus back to the one that opened the question.
    q<HTMLButtonElement>('[data-action="import"]').focus();
    if (!r.ok) return say(r.message, 'bad');
    say(r.saved ? 'Imported. Your progress and notes now come from the file.' : 'Imported for this page, but the browser could not save it (see the notice above).');
    onChange();
  });
  q<HTMLButtonElement>('[data-action="cancel-import"]').addEventListener('click', () => {
    pending = null;
    importConfirm.hidden = true;
    q<HTMLButtonElement>('[data-action="import"]').focus();
    say('Import cancelled; nothing changed.');
  });

  q<HTMLButtonElement>('[data-action="reset"]').addEventListener('click', () => {
    resetConfirm.hidden = false;
    q<HTMLButtonElement>('[data-action="cancel-reset"]').focus();
  });
  q<HTMLButtonElement>('[data-action="confirm-reset"]').addEventListener('click', () => {
    store.reset();
    resetConfirm.hidden = true;
    q<HTMLButtonElement>('[data-action="reset"]').focus();
    say('All progress and notes on this device were erased.');
    onChange();
  });
  q<HTMLButtonElement>('[data-action="cancel-reset"]').addEventListener('click', () => {
    resetConfirm.hidden = true;
    q<HTMLButtonElement>('[data-action="reset"]').focus();
    say('Reset cancelled; nothing changed.');
  });
  // Escape in a confirmation cancels it, and focus goes back to the button that opened it.
  for (const [box, cancel, opener] of [
    [resetConfirm, 'cancel-reset', 'reset'],
    [importConfirm, 'cancel-import', 'import'],
  ] as const) {
    box.addEventListener('keydown', (e) => {
      if (e.key !== 'Escape') return;
      q<HTMLButtonElement>(`[data-action="${cancel}"]`).click();
      q<HTMLButtonElement>(`[data-action="${opener}"]`).focus();
    });
  }
}
