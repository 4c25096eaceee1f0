import { memo, useEffect, useMemo, useState } from 'react';
import { SFT_DEMO_MASK, SFT_DEMO_TARGETS, sftLossDemo } from '@math/sims/sft-loss';
import { sftNllPlot, sftProbsPlot } from '../plots/sft-loss';
import ControlInput from './core/Controls';
import WidgetFrame from './core/WidgetFrame';
import { defineWidget, frameBase, type BaseWidgetProps } from './core/define-widget';
import { applyPreset, formatNear, formatNumber, type ControlSpec, type StateOf } from './core/spec';
import { useWidgetState } from './core/use-widget-state';
import './token-editor.css';

const ROLES = ['prompt', 'response', 'response', 'response'] as const;
const TARGETS = [
  { value: '0', label: 'id 0' },
  { value: '1', label: 'id 1' },
  { value: '2', label: 'id 2' },
] as const;
const counts = (t: number) => ({ kind: 'toggle', label: `Position ${t} (${ROLES[t]}) counts in the loss`, default: SFT_DEMO_MASK[t]! }) as const;
const target = (t: number) => ({ kind: 'choice', label: `Target token at position ${t}`, options: TARGETS, default: String(SFT_DEMO_TARGETS[t]) }) as const;
const boost = (t: number) =>
  ({ kind: 'number', label: `Target-logit shift at position ${t}`, min: -4, max: 4, step: 0.1, default: 0, help: 'Added to the logit of the target token.' }) as const;

const spec = {
  m0: counts(0), m1: counts(1), m2: counts(2), m3: counts(3),
  t0: target(0), t1: target(1), t2: target(2), t3: target(3),
  b0: boost(0), b1: boost(1), b2: boost(2), b3: boost(3),
  scale: { kind: 'number', label: 'Logit scale (1 / temperature)', min: 0.25, max: 3, step: 0.05, default: 1, help: 'Multiplies every logit: above 1 the model is more confident, right or wrong.' },
} satisfies ControlSpec;
type State = StateOf<typeof spec>;
const POSITIONS = [0, 1, 2, 3] as const;
const key = <P extends 'm' | 't' | 'b'>(p: P, t: number) => `${p}${t}` as `${P}${0 | 1 | 2 | 3}`;
const LN3 = Math.log(3);
// The shift sliders without their help text (the editor is compact); built once.
const BOOST_CONTROLS = POSITIONS.map((t) => ({ ...spec[key('b', t)], help: undefined }));

interface PositionProps {
  t: number;
  counts: boolean;
  target: string;
  boost: number;
  update: (p: Partial<State>) => void;
  disabled: boolean;
}

/** One position's editor; memoized, so editing one position re-renders only its own controls. */
const PositionEditor = memo(function PositionEditor({ t, counts, target, boost, update, disabled }: PositionProps) {
  // The short labels repeat in every position's box; the accessible name says which box.
  const context = `Position ${t}:`;
  return (
    <fieldset className={counts ? 'counted' : 'masked'}>
      <legend>
        Position {t} · {ROLES[t]}
      </legend>
      <ControlInput name={key('m', t)} control={spec[key('m', t)]} label="counts" context={context} value={counts} disabled={disabled} onChange={(v) => update({ [key('m', t)]: v } as Partial<State>)} />
      <ControlInput name={key('t', t)} control={spec[key('t', t)]} label="target" context={context} value={target} disabled={disabled} onChange={(v) => update({ [key('t', t)]: v } as Partial<State>)} />
      <ControlInput name={key('b', t)} control={BOOST_CONTROLS[t]!} label="target-logit shift" context={context} value={boost} disabled={disabled} onChange={(v) => update({ [key('b', t)]: v } as Partial<State>)} />
    </fieldset>
  );
});

/** Per position: does it count, which token is the target, and a nudge to the target's logit. */
function TokenEditor({ state, update, disabled }: { state: State; update: (p: Partial<State>) => void; disabled: boolean }) {
  return (
    <div className="token-editor">
      {POSITIONS.map((t) => (
        <PositionEditor key={t} t={t} counts={state[key('m', t)]} target={state[key('t', t)]} boost={state[key('b', t)]} update={update} disabled={disabled} />
      ))}
    </div>
  );
}

function SftLossInner(props: BaseWidgetProps & { id: string }) {
  const base = useMemo(() => applyPreset('sft-loss', spec, props.preset), [props.preset]);
  const { state, update } = useWidgetState(spec, props.id, base);
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);

  const mask = POSITIONS.map((t) => state[key('m', t)]);
  const targets = POSITIONS.map((t) => Number(state[key('t', t)]));
  const boosts = POSITIONS.map((t) => state[key('b', t)]);
  const r = useMemo(
    () => sftLossDemo({ targets, mask, boosts, scale: state.scale }),
    // The arrays are rebuilt each render; their contents are what matter.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [targets.join(), mask.join(), boosts.join(), state.scale],
  );
  // The probabilities do not depend on the mask: toggling a position keeps that chart as it is.
  const probsKey = `${targets.join()}|${boosts.join()}|${state.scale}`;
  const nll = useMemo(() => sftNllPlot({ tokens: r.tokens, loss: r.loss, roles: ROLES }), [r]);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const probs = useMemo(() => sftProbsPlot({ tokens: r.tokens, loss: r.loss, roles: ROLES }), [probsKey]);
  const charts = useMemo(
    () => [
      { options: nll, label: 'Negative log-likelihood of the target at each position, with the masked mean and the uniform-guess level ln 3' },
      { options: probs, label: 'Softmax probabilities over the three token ids at each position; the target is outlined' },
    ],
    [nll, probs],
  );

  const counted = r.tokens.filter((t) => t.counted).map((t) => t.position);
  const has = counted.length > 0;
  const beats = has && r.loss < LN3;
  const list = counted.length ? counted.join(', ') : 'none';
  return (
    <WidgetFrame
      {...frameBase('sft-loss', spec, props, { state, update }, {
        title: 'Response-only SFT loss',
        question: 'Which tokens does supervised fine-tuning learn from, and what does the loss average over?',
      })}
      show={(props.show ?? ['scale']) as (keyof typeof spec)[]}
      charts={charts}
      readouts={[
        { label: 'Masked loss (mean NLL)', value: has ? formatNumber(r.loss, 3) : 'not defined (0/0)', emphasis: true },
        { label: 'Positions counted', value: `${r.counted} of 4` },
        { label: 'Mean NLL over all 4', value: formatNumber(r.unmaskedLoss, 3) },
        { label: 'Perplexity e^loss', value: has ? formatNumber(Math.exp(r.loss), 2) : 'not defined' },
        { label: 'Uniform guess ln 3', value: formatNumber(LN3, 3) },
      ]}
      check={{
        pass: beats,
        text: !has
          ? 'No position counts, so the masked mean is 0/0: the model would learn nothing from this example.'
          : beats
            ? `The masked loss ${formatNear(r.loss, LN3, 3)} is below ln 3 = ${LN3.toFixed(3)}: on the counted tokens the model beats guessing uniformly among 3 tokens.`
            : `The masked loss ${formatNear(r.loss, LN3, 3)} is at or above ln 3 = ${LN3.toFixed(3)}: on the counted tokens the model does no better than a uniform guess.`,
      }}
      summary={
        has
          ? `Counting position${r.counted === 1 ? '' : 's'} ${list} (${r.counted} of 4), the loss is the mean NLL ${r.loss.toFixed(3)} nats (perplexity ${Math.exp(r.loss).toFixed(2)}); averaged over all four positions it would be ${r.unmaskedLoss.toFixed(3)}. Target probabilities: ${r.tokens.map((t) => `position ${t.position} ${t.pTarget.toFixed(2)}`).join(', ')}.`
          : `No position counts, so the loss is not defined (0/0). Averaged over all four positions the NLL would be ${r.unmaskedLoss.toFixed(3)}.`
      }
      table={{
        caption: `Logits after the shift and the scale ×${state.scale}, softmax probability of the target and its NLL`,
        columns: ['Position', 'Role', 'Counts', 'Target', 'Logits (id 0, 1, 2)', 'P(target)', 'NLL', 'Weight in mean'],
        rows: r.tokens.map((t) => [
          t.position,
          ROLES[t.position]!,
          t.counted ? 'yes' : 'no',
          `id ${t.target}`,
          t.logits.map((x) => formatNumber(x, 2)).join(', '),
          t.pTarget.toFixed(3),
          t.nll.toFixed(3),
          t.weight ? t.weight.toFixed(3) : '0',
        ]),
      }}
    >
      <TokenEditor state={state} update={update} disabled={!hydrated} />
    </WidgetFrame>
  );
}

export default defineWidget('sft-loss', spec, SftLossInner);
export { spec as sftLossSpec };
