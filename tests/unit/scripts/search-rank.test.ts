import { describe, expect, it } from 'vitest';
import { bestSections, subScore, type SubResult } from '../../../src/scripts/search-rank';

const section = (title: string, scores: number[], url = `/p/#${title}`): SubResult => ({
  title,
  url,
  excerpt: '',
  weighted_locations: scores.map((balanced_score) => ({ weight: 1, balanced_score })),
});

describe('search: which sections a result lists', () => {
  it('adds up a section’s word scores (none when it has no locations)', () => {
    expect(subScore(section('a', [512, 128, 12804]))).toBe(13444);
    expect(subScore({ title: 'b', url: '/p/#b', excerpt: '' })).toBe(0);
  });

  it('lists the three best-matching sections, best first, not in page order', () => {
    // As Pagefind returned "reward hacking" on the variants notes: the heading match comes fifth.
    const subs = [section('6.3 KTO', [512, 512]), section('6.4 RLAIF', [512, 512]), section('6.5 GRPO', [512, 128, 512]), section('7. Failure Modes', [512]), section('7.1 Reward hacking', [12804, 12804, 512])];
    expect(bestSections(subs).map((s) => s.title)).toEqual(['7.1 Reward hacking', '6.5 GRPO', '6.3 KTO']);
  });

  it('keeps page order between equal scores, and leaves out the page itself (no #)', () => {
    const subs = [section('page', [99999], '/p/'), section('first', [512]), section('second', [512])];
    expect(bestSections(subs).map((s) => s.title)).toEqual(['first', 'second']);
    expect(bestSections([])).toEqual([]);
  });
});
