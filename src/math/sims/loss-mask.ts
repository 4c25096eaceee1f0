import { createRng } from '../rng';

export type LossMaskRole = 'system' | 'user' | 'assistant';

export interface ChatTurn {
  role: LossMaskRole;
  tokens: string[];
}
/** One training conversation: an optional system turn, then user/assistant exchanges. */
export type ChatExample = ChatTurn[];

const SYSTEMS = [
  ['Be', 'helpful', '.'],
  ['Answer', 'briefly', '.'],
  ['You', 'are', 'a', 'tutor', '.'],
  ['Be', 'kind', 'and', 'exact', '.'],
];
// Question/answer pairs stay matched; every answer ends with the end-of-turn token, which is
// trained so the model learns to stop.
const EXCHANGES: [string[], string[]][] = [
  [['What', 'is', '2+2', '?'], ['4', '.', '<end>']],
  [['Hi', '!'], ['Hello', '!', 'How', 'can', 'I', 'help', '?', '<end>']],
  [['Translate', 'cat', '?'], ['chat', '<end>']],
  [['Name', 'a', 'prime', '.'], ['7', '.', '<end>']],
  [['Why', 'is', 'the', 'sky', 'blue', '?'], ['Rayleigh', 'scattering', '.', '<end>']],
  [['Thanks', '!'], ['You', 'are', 'welcome', '<end>']],
  [['Capital', 'of', 'Peru', '?'], ['Lima', '.', '<end>']],
  [['Spell', 'cat', 'backwards'], ['t', 'a', 'c', '<end>']],
];

/** Seeded toy conversations with matched question/answer turns. */
export function sampleChats(seed: number, examples: number, turns: number, withSystem: boolean): ChatExample[] {
  const rng = createRng(seed);
  return Array.from({ length: examples }, () => {
    const chat: ChatExample = [];
    const sys = rng.choice(SYSTEMS);
    if (withSystem) chat.push({ role: 'system', tokens: [...sys] });
    for (let t = 0; t < turns; t++) {
      const [q, a] = rng.choice(EXCHANGES);
      chat.push({ role: 'user', tokens: [...q] }, { role: 'assistant', tokens: [...a] });
    }
    return chat;
  });
}

export interface LossMaskOptions {
  trainSystem: boolean;
  trainUser: boolean;
  /** Concatenate the examples into one sequence instead of one padded row each. */
  packing: boolean;
  /** With packing: reset attention at example starts and drop the label that crosses into the next example. */
  boundaries: boolean;
  /** 'token': every loss token weighs the same; 'example': each example's tokens share 1/E. */
  normalize: 'token' | 'example';
  /** Row width of the packed sequence in the picture. */
  packedWidth?: number;
}

export interface MaskCell {
  row: number;
  col: number;
  /** Position in its sequence (the padded row, or the packed sequence). */
  position: number;
  example: number;
  role: LossMaskRole | 'pad';
  text: string;
  /** 1 if this token is a training label, else 0. */
  mask: 0 | 1;
  /** Its share of the total loss (weights sum to 1). */
  weight: number;
  /** The first token of a packed example, predicted from the previous example's last token. */
  crossLabel: boolean;
  /** Can attend to tokens of an earlier example (packing without boundaries). */
  seesOtherExample: boolean;
}

export interface LossMaskResult {
  cells: MaskCell[];
  rows: number;
  cols: number;
  /** Positions the model computes, padding included. */
  positions: number;
  padding: number;
  active: number;
  activeByRole: Record<LossMaskRole, number>;
  weightByRole: Record<LossMaskRole, number>;
  /** Loss-bearing tokens that can attend to another example. */
  leakingActive: number;
  /** Per example: share of the total loss by role. */
  exampleShares: { example: number; role: LossMaskRole; share: number }[];
}

const ROLES: LossMaskRole[] = ['system', 'user', 'assistant'];

/**
 * Which positions carry loss in a batch of chats. A causal LM predicts token t from tokens
 * before it, so the first token of a sequence is never a label; in a packed sequence without
 * boundaries, each later example's first token is predicted from the previous example.
 */
export function buildLossMask(chats: readonly ChatExample[], o: LossMaskOptions): LossMaskResult {
  const flat = chats.map((chat, example) =>
    chat.flatMap((turn) => turn.tokens.map((text) => ({ example, role: turn.role, text }))),
  );
  const cells: MaskCell[] = [];
  const maxLen = Math.max(1, ...flat.map((f) => f.length));
  const width = o.packing ? (o.packedWidth ?? 12) : maxLen;
  const trains = (role: LossMaskRole) => role === 'assistant' || (role === 'system' ? o.trainSystem : o.trainUser);

  if (o.packing) {
    let position = 0;
    for (const tokens of flat) {
      tokens.forEach((tok, i) => {
        const startOfSequence = position === 0;
        const startOfExample = i === 0;
        const crossLabel = startOfExample && !startOfSequence && !o.boundaries;
        const isLabel = !startOfSequence && (!startOfExample || crossLabel);
        cells.push({
          row: Math.floor(position / width),
          col: position % width,
          position,
          example: tok.example,
          role: tok.role,
          text: tok.text,
          mask: isLabel && trains(tok.role) ? 1 : 0,
          weight: 0,
          crossLabel: crossLabel && trains(tok.role),
          seesOtherExample: !o.boundaries && tok.example > 0,
        });
        position++;
      });
    }
  } else {
    flat.forEach((tokens, example) => {
      for (let i = 0; i < maxLen; i++) {
        const tok = tokens[i];
        cells.push({
          row: example,
          col: i,
          position: i,
          example,
          role: tok ? tok.role : 'pad',
          text: tok ? tok.text : '<pad>',
          mask: tok && i > 0 && trains(tok.role) ? 1 : 0,
          weight: 0,
          crossLabel: false,
          seesOtherExample: false,
        });
      }
    });
  }

  const active = cells.reduce((a, c) => a + c.mask, 0);
  const perExample = chats.map((_, e) => cells.filter((c) => c.example === e && c.mask === 1).length);
  const examplesWithLoss = perExample.filter((n) => n > 0).length;
  for (const c of cells) {
    if (!c.mask) continue;
    c.weight = o.normalize === 'token' ? 1 / active : 1 / (examplesWithLoss * perExample[c.example]!);
  }

  const activeByRole = { system: 0, user: 0, assistant: 0 };
  const weightByRole = { system: 0, user: 0, assistant: 0 };
  for (const c of cells) {
    if (c.role === 'pad' || !c.mask) continue;
    activeByRole[c.role] += 1;
    weightByRole[c.role] += c.weight;
  }
  const exampleShares = chats.flatMap((_, example) =>
    ROLES.map((role) => ({
      example,
      role,
      share: cells.filter((c) => c.example === example && c.role === role).reduce((a, c) => a + c.weight, 0),
    })),
  );
  const rows = cells.length ? Math.max(...cells.map((c) => c.row)) + 1 : 0;
  const padding = cells.filter((c) => c.role === 'pad').length;
  return {
    cells,
    rows,
    cols: width,
    positions: cells.length,
    padding,
    active,
    activeByRole,
    weightByRole,
    leakingActive: cells.filter((c) => c.mask && c.seesOtherExample).length,
    exampleShares,
  };
}
