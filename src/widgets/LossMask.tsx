import { useMemo } from 'react';
import { buildLossMask, sampleChats } from '@math/sims/loss-mask';
import { lossMaskPlot, lossSharePlot } from '../plots/loss-mask';
import WidgetFrame from './core/WidgetFrame';
import { defineWidget, frameBase, type BaseWidgetProps } from './core/define-widget';
import { applyPreset, formatNumber, formatPercent, type ControlSpec } from './core/spec';
import { useWidgetState } from './core/use-widget-state';

const spec = {
  examples: { kind: 'number', label: 'Conversations in the batch', min: 1, max: 4, step: 1, default: 3 },
  turns: { kind: 'number', label: 'User/assistant exchanges each', min: 1, max: 3, step: 1, default: 1 },
  system: { kind: 'toggle', label: 'Add a system prompt', default: true },
  trainSystem: { kind: 'toggle', label: 'Train on system tokens', default: false },
  trainUser: { kind: 'toggle', label: 'Train on user tokens', default: false },
  packing: { kind: 'toggle', label: 'Pack chats together', default: false, help: 'Off: one row per chat, padded to the longest. On: all chats end to end in one sequence.' },
  boundaries: {
    kind: 'toggle', label: 'Keep chat boundaries', default: true,
    help: 'When packed: reset attention at each chat start and drop the label that crosses into the next chat.',
  },
  normalize: {
    kind: 'choice', label: 'Average the loss over', default: 'token',
    help: 'All tokens at once: each loss token weighs the same, so long answers count more. Each chat: average within a chat first.',
    options: [
      { value: 'token', label: 'all loss tokens at once' },
      { value: 'example', label: 'each chat, then chats' },
    ],
  },
} satisfies ControlSpec;

const pct = (v: number) => formatPercent(v);

function LossMaskInner(props: BaseWidgetProps & { id: string }) {
  const base = useMemo(() => applyPreset('loss-mask', spec, props.preset), [props.preset]);
  const { state, update, newSeed } = useWidgetState(spec, props.id, base);
  const { examples, turns, system, trainSystem, trainUser, packing, boundaries, normalize, seed } = state;

  const chats = useMemo(() => sampleChats(seed, examples, turns, system), [seed, examples, turns, system]);
  // Boundaries only matter in a packed sequence.
  const cut = packing ? boundaries : true;
  const r = useMemo(
    () => buildLossMask(chats, { trainSystem, trainUser, packing, boundaries: cut, normalize: normalize as 'token' | 'example' }),
    [chats, trainSystem, trainUser, packing, cut, normalize],
  );
  // A toggle that moves no weight (training on system tokens when there are none, or a
  // normalization that gives the same weights) keeps the charts as they are.
  const weights = r.cells.map((c) => (c.crossLabel ? `${c.weight}x` : c.weight)).join();
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const grid = useMemo(() => lossMaskPlot({ result: r, packing, boundaries: cut }), [chats, packing, cut, weights]);
  const sharesKey = r.exampleShares.map((s) => s.share).join();
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const bars = useMemo(() => lossSharePlot({ result: r, packing, boundaries: cut }), [sharesKey]);
  const charts = useMemo(
    () => [
      { options: grid, label: packing ? 'The packed sequence, wrapped into rows of 12 positions: colour shows whose token it is, solid cells carry loss' : 'One padded row per conversation: colour shows whose token it is, solid cells carry loss' },
      { options: bars, label: 'Share of the total loss carried by each conversation, split by role' },
    ],
    [grid, bars, packing],
  );

  const prompt = r.activeByRole.system + r.activeByRole.user;
  const assistantShare = r.active ? r.weightByRole.assistant : NaN;
  const shares = Array.from({ length: examples }, (_, e) => r.exampleShares.filter((s) => s.example === e).reduce((a, s) => a + s.share, 0));
  const pass = r.active > 0 && prompt === 0 && r.leakingActive === 0;
  const problems = [
    prompt > 0 ? `${prompt} loss-bearing token${prompt === 1 ? ' is a' : 's are'} prompt token${prompt === 1 ? '' : 's'} (${r.activeByRole.system} system, ${r.activeByRole.user} user)` : '',
    r.leakingActive > 0 ? `${r.leakingActive} loss-bearing token${r.leakingActive === 1 ? '' : 's'} can attend to another conversation` : '',
  ].filter(Boolean);

  const table = useMemo(
    () => ({
      caption: `Every position (seed ${seed}): whose token, whether it is a training label, and its weight in the loss`,
      columns: ['Chat', 'Position', 'Role', 'Token', 'Label?', 'Loss weight', 'Sees another chat'],
      rows: r.cells.map((c) => [
        c.example + 1,
        c.position,
        c.role,
        c.text,
        c.mask ? (c.crossLabel ? 'yes (across the seam)' : 'yes') : 'no',
        c.weight ? c.weight.toFixed(4) : '0',
        c.seesOtherExample ? 'yes' : 'no',
      ]),
    }),
    [r, seed],
  );

  return (
    <WidgetFrame
      {...frameBase('loss-mask', spec, props, { state, update, newSeed }, {
        title: 'Loss masks for chat data',
        question: 'Build a chat batch: which positions does the model actually learn from?',
      })}
      inactive={{
        ...(system ? {} : { trainSystem: 'No system turn in these chats, so nothing to train on: turn on “Add a system prompt” first.' }),
        // Unpacked rows are one chat each, so there is no boundary to keep or lose.
        ...(packing ? {} : { boundaries: 'Each chat has its own row while packing is off, so there is no boundary to keep: turn on “Pack chats together” first.' }),
      }}
      charts={charts}
      readouts={[
        { label: 'Loss-bearing tokens', value: String(r.active), emphasis: true },
        { label: 'Positions computed', value: String(r.positions) },
        { label: 'Padding', value: r.positions ? `${r.padding} (${pct(r.padding / r.positions)})` : '0' },
        { label: 'Loss weight on assistant', value: pct(assistantShare), emphasis: true },
        { label: 'Loss tokens seeing another chat', value: String(r.leakingActive) },
        { label: 'Chat shares of the loss', value: shares.map((s) => `${Math.round(100 * s)}`).join(' / ') + '%' },
      ]}
      check={{
        pass,
        text: pass
          ? `Every one of the ${r.active} loss-bearing tokens is an assistant token that sees only its own conversation.`
          : r.active === 0
            ? 'No position carries loss: this batch teaches the model nothing.'
            : prompt > 0
              ? `Not only the assistant's own replies are learned: ${problems.join('; ')}.`
              : `Only assistant tokens carry loss, but ${r.leakingActive} of them can attend to another conversation.`,
      }}
      summary={`${examples} conversation${examples === 1 ? '' : 's'} with ${turns} exchange${turns === 1 ? '' : 's'}${examples === 1 ? '' : ' each'}, ${packing ? `packed into one sequence of ${r.positions} tokens${boundaries ? ' with boundaries' : ' without boundaries'}` : `padded to ${r.cols} positions (${r.padding} padding)`}: ${r.active} of ${r.positions} positions carry loss, ${r.activeByRole.assistant} assistant, ${r.activeByRole.user} user and ${r.activeByRole.system} system tokens; assistant tokens get ${Number.isNaN(assistantShare) ? 'no' : pct(assistantShare)} of the loss weight. Shares by conversation: ${shares.map((s, e) => `${e + 1}: ${pct(s)}`).join(', ')}. Training on system tokens is ${state.trainSystem ? 'on' : 'off'}${state.system ? '' : ' (no system turn in these chats)'}; on user tokens ${state.trainUser ? 'on' : 'off'}.`}
      table={table}
    />
  );
}

export default defineWidget('loss-mask', spec, LossMaskInner);
export { spec as lossMaskSpec };
