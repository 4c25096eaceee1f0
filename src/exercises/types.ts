/**
 * Exercise data model. A generator turns a seed into a `Variant`: plain data (no functions), so the
 * same object can be graded in the browser, rendered to HTML at build time and checked in tests.
 *
 * `Tex` strings are text with inline math `$…$` and display math `$$…$$`; a blank line starts a new
 * paragraph. They are written by exercise authors and filled with generated numbers — never with
 * anything a learner typed.
 */
export type Tex = string;

/** Absolute and/or relative tolerance; an answer passes if it is within EITHER bound. */
export interface Tolerance {
  abs?: number;
  rel?: number;
}

/** A known wrong answer for a numeric part and what to tell the learner about it. */
export interface NumericMistake {
  /** The wrong value; matched with the part's tolerance (or `tolerance` if given). */
  value?: number;
  tolerance?: Tolerance;
  /** Alternatively (or additionally) a closed range [min, max]; either end may be omitted. */
  min?: number;
  max?: number;
  message: Tex;
}

export interface NumericPart {
  kind: 'numeric';
  /** 'a', 'b', … — shown as "(a)" in multi-part exercises. */
  id: string;
  prompt: Tex;
  answer: number;
  tolerance: Tolerance;
  /** The exact value as shown once the part is correct (or revealed), e.g. "$\\kappa = 0.41573$". */
  exact: Tex;
  mistakes: NumericMistake[];
  /** Answers that are whole counts: a non-integer reply gets a dedicated message. */
  integer?: boolean;
  /** Needs nothing from the parts before it, so it is open before they are answered. */
  independent?: boolean;
  /** A quantity that is not a share (a loss, a margin, a reward, a statistic): a reply 100 times
   * too large is not a percentage missing its sign, so it gets no hint saying so, and a reply
   * written with % is not read as a share of it. */
  plain?: boolean;
}

export interface Choice {
  id: string;
  label: Tex;
  correct: boolean;
  /** Why this option is right or wrong, with the numbers of this variant. */
  explanation: Tex;
}

/** A known wrong selection (exactly this set of choice ids) and its message. */
export interface ChoiceMistake {
  selection: string[];
  message: Tex;
}

export interface ChoicePart {
  kind: 'choice';
  id: string;
  prompt: Tex;
  /** True: checkboxes, any number may be correct. False: radio buttons, exactly one correct. */
  multiple: boolean;
  choices: Choice[];
  mistakes: ChoiceMistake[];
  /** Needs nothing from the parts before it, so it is open before they are answered. */
  independent?: boolean;
}

export type Part = NumericPart | ChoicePart;

export interface Variant {
  seed: number;
  /** The situation and its numbers, shared by all parts. */
  prompt: Tex;
  parts: Part[];
  /** 2–3 hints, revealed one at a time. */
  hints: Tex[];
  /** Worked solution, one step per entry, with this variant's numbers. */
  solution: Tex[];
  /** The given numbers exactly as they are written in the prompt (tests check they appear there). */
  given: string[];
}

export type Stars = 1 | 2 | 3;

export interface ExerciseDef {
  /** Unique across the site; lowercase kebab-case (also the URL parameter `ex-<id>`). */
  id: string;
  /** Lesson slug the exercise belongs to. */
  lesson: string;
  /** Title = the object the exercise practises (a subsection of the lesson). */
  title: string;
  /** Subsection number in the lesson's table of contents, e.g. "2.3". */
  subsection: string;
  stars: Stars;
  /** Seed of the variant rendered into the HTML at build time. */
  defaultSeed: number;
  generate(seed: number): Variant;
}
