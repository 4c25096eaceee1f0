import { lessonProgress, type LearnerState } from './schema';

export interface LessonTotals {
  exerciseIds: string[];
  parts: string[];
}

/** The sentence a progress slot shows (pure, so it can be tested without a DOM). */
export function progressSummary(state: LearnerState, lesson: string, totals: LessonTotals): { text: string; solved: number; exercises: number } {
  const p = lessonProgress(state, lesson, totals.exerciseIds, totals.parts);
  const bits: string[] = [];
  if (p.exercises) {
    bits.push(`${p.solved} of ${p.exercises} exercises solved`);
    if (p.revealed) bits.push(`${p.revealed} with the solution shown`);
    if (p.attempted) bits.push(`${p.attempted} attempted`);
  }
  if (p.parts) bits.push(`${p.partsRead} of ${p.parts} notes parts read`);
  const touched = p.solved + p.revealed + p.attempted + p.partsRead > 0;
  return { text: touched ? bits.join(' · ') : 'Not started on this device yet.', solved: p.solved, exercises: p.exercises };
}

/** Fill every `.progress-slot[data-progress-lesson]` on the page. */
export function fillProgressSlots(state: LearnerState, totals: Record<string, LessonTotals>) {
  for (const slot of document.querySelectorAll<HTMLElement>('.progress-slot[data-progress-lesson]')) {
    const lesson = slot.dataset.progressLesson ?? '';
    const t = totals[lesson];
    if (!t) continue;
    const s = progressSummary(state, lesson, t);
    const box = document.createElement('div');
    box.className = 'progress-box';
    box.dataset.testid = 'lesson-progress';
    const p = document.createElement('p');
    p.className = 'progress-text';
    const strong = document.createElement('strong');
    strong.textContent = 'Your progress: ';
    p.append(strong, s.text);
    box.append(p);
    if (s.exercises) {
      const bar = document.createElement('progress');
      bar.max = s.exercises;
      bar.value = s.solved;
      bar.setAttribute('aria-label', `Exercises solved: ${s.solved} of ${s.exercises}`);
      box.append(bar);
    }
    slot.replaceChildren(box);
  }
}
