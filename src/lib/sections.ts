/** "section 7", "sections 1 and 2", "sections 1–3" (a run), "sections 1, 3 and 5". */
export function sectionsLabel(sections: readonly number[]): string {
  const s = [...sections].sort((a, b) => a - b);
  if (s.length === 0) return '';
  if (s.length === 1) return `section ${s[0]}`;
  if (s.length === 2) return `sections ${s[0]} and ${s[1]}`;
  const run = s.every((v, i) => i === 0 || v === s[i - 1]! + 1);
  if (run) return `sections ${s[0]}–${s[s.length - 1]}`;
  return `sections ${s.slice(0, -1).join(', ')} and ${s[s.length - 1]}`;
}
