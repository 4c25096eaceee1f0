import { texInline, texToHtml, type KatexLike } from './tex';
import type { Variant } from './types';

/** A variant's text as HTML, index-aligned with the variant's parts, choices and mistakes. */
export interface RenderedPart {
  id: string;
  prompt: string;
  exact: string;
  choices: { id: string; label: string; explanation: string }[];
  mistakes: string[];
}
export interface RenderedVariant {
  seed: number;
  prompt: string;
  parts: RenderedPart[];
  hints: string[];
  solution: string[];
}

export function renderVariant(v: Variant, katex: KatexLike | null): RenderedVariant {
  return {
    seed: v.seed,
    prompt: texToHtml(v.prompt, katex),
    parts: v.parts.map((p) => ({
      id: p.id,
      prompt: texToHtml(p.prompt, katex),
      exact: p.kind === 'numeric' ? texInline(p.exact, katex) : '',
      choices: p.kind === 'choice' ? p.choices.map((c) => ({ id: c.id, label: texInline(c.label, katex), explanation: texInline(c.explanation, katex) })) : [],
      mistakes: p.mistakes.map((m) => texInline(m.message, katex)),
    })),
    hints: v.hints.map((h) => texToHtml(h, katex)),
    solution: v.solution.map((s) => texToHtml(s, katex)),
  };
}
