// Which sections of a matching page the search panel lists (pure, so it is unit-tested).

/** A section of a result page, as Pagefind returns it (sub_results). */
export interface SubResult {
  title: string;
  url: string;
  excerpt: string;
  weighted_locations?: { weight?: number; balanced_score?: number }[];
}

/** How strongly a section matched: Pagefind's score for each matching word, headings weighing most. */
export const subScore = (s: SubResult) => (s.weighted_locations ?? []).reduce((sum, l) => sum + (l.balanced_score ?? 0), 0);

/**
 * The sections of a page to show under it: the three that match best, best first (Pagefind lists
 * them in page order, so "7.1 Reward hacking" came after three sections that mention "reward").
 */
export function bestSections(subs: SubResult[], count = 3): SubResult[] {
  return subs
    .filter((s) => s.url.includes('#'))
    .map((s, i) => ({ s, i, score: subScore(s) }))
    .sort((a, b) => b.score - a.score || a.i - b.i)
    .slice(0, count)
    .map((x) => x.s);
}
