/**
 * Which options carry their explanation once a choice part is answered. An explanation shared by
 * several options (a verdict that covers both "pass" and "fail") is shown once, under the correct
 * option if one of them is correct, else under the first; so the same paragraph never repeats
 * down the list.
 */
export function whyShownUnder(correct: boolean[], why: string[], open: (k: number) => boolean): boolean[] {
  const owner = new Map<string, number>();
  correct.forEach((isCorrect, k) => {
    if (!open(k)) return;
    const text = why[k] ?? '';
    const taken = owner.get(text);
    if (taken === undefined || (isCorrect && !correct[taken])) owner.set(text, k);
  });
  return correct.map((_, k) => open(k) && owner.get(why[k] ?? '') === k);
}
