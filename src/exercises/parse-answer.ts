/**
 * Reads a learner's typed number. Accepted: `0.375`, `.375`, `+2`, `-0.5`, `−0.5` (Unicode minus),
 * `3/8`, `-3/8`, `37.5%`, `3.75e-1`, surrounding spaces, thousands separators where they cannot be a
 * decimal comma (`1,234,567`, `12,500.5`, `12 500`), and a decimal comma where it cannot separate
 * thousands (`0,375`, `1,5`). One comma before exactly three digits (`1,277`) could be either, so
 * it is asked about. Anything else gets a short message and is not graded.
 */
/** `percent` is set when the reply ended in % (the value is then already divided by 100). */
export type ParsedAnswer = { ok: true; value: number; percent?: true } | { ok: false; message: string };

/** Longest input we try to read; anything longer is not a number someone typed on purpose. */
export const MAX_ANSWER_LENGTH = 64;

const HELP = 'Enter a number such as 0.375, 3/8 or 37.5%.';

// Spaces that can separate digit groups: space, no-break, thin and narrow no-break space.
const GROUP_SPACE = '[ \\u00a0\\u2009\\u202f]';
const DECIMAL = String.raw`(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?`;
const SIGNED = String.raw`[+-]?${DECIMAL}`;
const NUMBER_RE = new RegExp(`^${SIGNED}$`);
const FRACTION_RE = new RegExp(`^(${SIGNED})\\s*/\\s*(${SIGNED})$`);
const THOUSANDS_COMMA_RE = /^([+-]?)([1-9]\d{0,2}(?:,\d{3})+)(\.\d+)?$/;
const THOUSANDS_SPACE_RE = new RegExp(`^([+-]?)([1-9]\\d{0,2}(?:${GROUP_SPACE}\\d{3})+)(\\.\\d+)?$`);
const DECIMAL_COMMA_RE = /^([+-]?)(\d+),(\d+)$/;
// "1,277": 1277 with a thousands separator, or 1.277 with a decimal comma.
const AMBIGUOUS_COMMA_RE = /^[+-]?[1-9]\d{0,2},\d{3}$/;

function readPlain(s: string): number | null | 'ambiguous' {
  if (NUMBER_RE.test(s)) return Number(s);
  if (AMBIGUOUS_COMMA_RE.test(s)) return 'ambiguous';
  let m = THOUSANDS_COMMA_RE.exec(s) ?? THOUSANDS_SPACE_RE.exec(s);
  if (m) return Number(`${m[1]}${m[2]!.replace(/[^\d]/g, '')}${m[3] ?? ''}`);
  m = DECIMAL_COMMA_RE.exec(s);
  // "1,500" was taken as thousands above; what is left here ("0,375", "1,5") is a decimal comma.
  if (m) return Number(`${m[1]}${m[2]}.${m[3]}`);
  return null;
}

export function parseAnswer(text: unknown): ParsedAnswer {
  if (typeof text !== 'string') return { ok: false, message: HELP };
  if (text.length > MAX_ANSWER_LENGTH) return { ok: false, message: 'That is too long to be a number. ' + HELP };
  let s = text.trim().replace(/[\u2212\u2012\u2013\uFE63\uFF0D]/g, '-');
  if (s === '') return { ok: false, message: 'Type an answer first. ' + HELP };

  let percent = false;
  if (s.endsWith('%')) {
    s = s.slice(0, -1).trimEnd();
    percent = true;
  }

  let value: number | null | 'ambiguous' = null;
  const frac = percent ? null : FRACTION_RE.exec(s);
  if (frac) {
    const num = Number(frac[1]);
    const den = Number(frac[2]);
    if (den === 0) return { ok: false, message: 'Division by zero has no value. ' + HELP };
    value = num / den;
  } else {
    value = readPlain(s);
    if (value === 'ambiguous') {
      const [whole, frac] = s.replace('+', '').split(',');
      return { ok: false, message: `Is that ${whole}${frac} or ${whole}.${frac}? Use a point for decimals and no thousands separators.` };
    }
    // Divide (not multiply by 0.01) so 37.5% is exactly 0.375.
    if (value !== null && percent) value /= 100;
  }

  if (value === null || Number.isNaN(value)) return { ok: false, message: `Couldn't read that as a number. ${HELP}` };
  if (!Number.isFinite(value)) return { ok: false, message: 'That number is too large to check. ' + HELP };
  // -0 reads as 0 so that "−0" and "0" are the same answer.
  const read = value === 0 ? 0 : value;
  return percent ? { ok: true, value: read, percent } : { ok: true, value: read };
}
