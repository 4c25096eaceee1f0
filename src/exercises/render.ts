import { texInline, texToHtml, type KatexLike } from './tex';
import type { Variant } from './types';

/**
 * A variant's text as HTML, split by when it is needed: the setup `prompt` (static HTML on the page),
 * the `core` an island renders on first paint (part prompts, option labels: small, passed as props),
 * and the `extras` shown only after interaction (hints, solution, exact values, feedback notes),
 * which the page carries once in an inert <template>. Arrays are index-aligned with the variant.
 */
export interface RenderedCore {
  seed: number;
  parts: { id: string; prompt: string; choices: { id: string; label: string }[] }[];
}
export interface RenderedExtras {
  hints: string[];
  solution: string[];
  parts: { exact: string; mistakes: string[]; why: string[] }[];
}
export interface RenderedVariant {
  prompt: string;
  core: RenderedCore;
  extras: RenderedExtras;
}

export function renderVariant(v: Variant, katex: KatexLike | null): RenderedVariant {
  return {
    prompt: texToHtml(v.prompt, katex),
    core: {
      seed: v.seed,
      parts: v.parts.map((p) => ({
        id: p.id,
        prompt: texToHtml(p.prompt, katex),
        choices: p.kind === 'choice' ? p.choices.map((c) => ({ id: c.id, label: texInline(c.label, katex) })) : [],
      })),
    },
    extras: {
      hints: v.hints.map((h) => texToHtml(h, katex)),
      solution: v.solution.map((s) => texToHtml(s, katex)),
      parts: v.parts.map((p) => ({
        exact: p.kind === 'numeric' ? texInline(p.exact, katex) : '',
        mistakes: p.mistakes.map((m) => texInline(m.message, katex)),
        why: p.kind === 'choice' ? p.choices.map((c) => texInline(c.explanation, katex)) : [],
      })),
    },
  };
}

/** Keys of the extras pieces in the page's <template> (shared by the writer and the reader). */
export const extrasKey = {
  hint: (i: number) => `hint-${i}`,
  step: (i: number) => `step-${i}`,
  exact: (p: string) => `exact-${p}`,
  mistake: (p: string, i: number) => `mistake-${p}-${i}`,
  why: (p: string, c: string) => `why-${p}-${c}`,
};

/** Flatten extras into key → HTML pairs for the <template>. */
export function extrasEntries(v: Variant, extras: RenderedExtras): [string, string][] {
  const out: [string, string][] = [];
  extras.hints.forEach((h, i) => out.push([extrasKey.hint(i), h]));
  extras.solution.forEach((s, i) => out.push([extrasKey.step(i), s]));
  v.parts.forEach((p, k) => {
    const e = extras.parts[k]!;
    if (p.kind === 'numeric') out.push([extrasKey.exact(p.id), e.exact]);
    e.mistakes.forEach((m, i) => out.push([extrasKey.mistake(p.id, i), m]));
    if (p.kind === 'choice') p.choices.forEach((c, i) => out.push([extrasKey.why(p.id, c.id), e.why[i]!]));
  });
  return out;
}

/** Rebuild extras for variant `v` from a key → HTML lookup (null if any piece is missing). */
export function extrasFrom(v: Variant, get: (key: string) => string | null): RenderedExtras | null {
  const need = (k: string) => {
    const html = get(k);
    if (html === null) throw new Error(k);
    return html;
  };
  try {
    return {
      hints: v.hints.map((_, i) => need(extrasKey.hint(i))),
      solution: v.solution.map((_, i) => need(extrasKey.step(i))),
      parts: v.parts.map((p) => ({
        exact: p.kind === 'numeric' ? need(extrasKey.exact(p.id)) : '',
        mistakes: p.mistakes.map((_, i) => need(extrasKey.mistake(p.id, i))),
        why: p.kind === 'choice' ? p.choices.map((c) => need(extrasKey.why(p.id, c.id))) : [],
      })),
    };
  } catch {
    return null;
  }
}
