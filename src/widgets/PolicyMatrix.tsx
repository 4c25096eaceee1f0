import { useMemo } from 'react';
import { POLICY_LEVELS, POLICY_ORIGINAL_BLOCK, evaluatePolicy, logitNormalDensity } from '@math/sims/policy-matrix';
import { METRIC_NAMES, formatRate, policyHeatmapPlot, scoreDensityPlot, type PolicyMetric } from '../plots/policy-matrix';
import WidgetFrame from './core/WidgetFrame';
import { defineWidget, frameBase, type BaseWidgetProps } from './core/define-widget';
import { applyPreset, formatNear, formatNumber, type ControlSpec, type NumberControl } from './core/spec';
import { useWidgetState } from './core/use-widget-state';

const OVER_REFUSAL_LIMIT = 0.05;
const MISS_LIMIT = 0.1;

const tau = (level: string, def: number): NumberControl => ({
  kind: 'number',
  label: `τ for ${level}-severity harm`,
  min: 0.05,
  max: 0.95,
  step: 0.01,
  default: def,
  help: 'Block when the classifier score ≥ τ.',
});

const spec = {
  tauLow: tau('low', 0.73),
  tauMed: tau('medium', 0.62),
  tauHigh: tau('high', 0.5),
  intentShift: {
    kind: 'number',
    label: 'Stricter for risky intent (δ)',
    min: 0,
    max: 2,
    step: 0.1,
    default: 0,
    help: 'Lowers the logit threshold by δ for medium and 2δ for high-risk intent.',
  },
  separation: { kind: 'number', label: 'Classifier separation d', min: 0.5, max: 6, step: 0.1, default: 3, help: 'Logit scores: violating ~ N(d/2, 1), benign ~ N(−d/2, 1).' },
  metric: {
    kind: 'choice',
    label: 'Shade cells by',
    options: [
      { value: 'block', label: 'Block rate' },
      { value: 'overRefusal', label: 'Over-refusal (benign)' },
      { value: 'miss', label: 'Misses (harmful)' },
    ],
    default: 'block',
  },
} satisfies ControlSpec;

const n0 = (v: number) => formatNumber(v, 0);
/** A rate as the readouts show it, with more decimals when that would print the same as its limit. */
const nearRate = (v: number, limit: number) => (v !== limit && formatRate(v) === formatRate(limit) ? `${formatNear(100 * v, 100 * limit, 1)}%` : formatRate(v));

function PolicyMatrixInner(props: BaseWidgetProps & { id: string }) {
  const base = useMemo(() => applyPreset('policy-matrix', spec, props.preset), [props.preset]);
  const { state, update } = useWidgetState(spec, props.id, base);
  const { tauLow, tauMed, tauHigh, intentShift, separation } = state;
  const metric = state.metric as PolicyMetric;

  const thresholds = useMemo(() => [tauLow, tauMed, tauHigh], [tauLow, tauMed, tauHigh]);
  const evaluation = useMemo(() => evaluatePolicy({ thresholds, intentShift, separation }), [thresholds, intentShift, separation]);
  const densities = useMemo(() => ({ benign: logitNormalDensity(-separation / 2), harmful: logitNormalDensity(separation / 2) }), [separation]);
  const { cells, totals } = evaluation;

  // One memo per chart: the shading metric redraws the matrix only, and the density chart's
  // options change only with what it draws.
  const highIntentThresholds = useMemo(() => (intentShift > 0 ? cells[2]!.map((c) => c.tau) : undefined), [intentShift, cells]);
  const heatmap = useMemo(() => policyHeatmapPlot({ cells, metric }), [cells, metric]);
  const scores = useMemo(() => scoreDensityPlot({ ...densities, thresholds, highIntentThresholds }), [densities, thresholds, highIntentThresholds]);
  const charts = useMemo(
    () => [
      { options: heatmap, label: `Policy matrix by user-intent risk and harm severity, shaded by ${METRIC_NAMES[metric]}, with block rate, over-refusal and miss rate written in each cell` },
      { options: scores, label: 'Classifier score densities for benign and violating requests, with the block threshold of each severity column' },
    ],
    [heatmap, scores, metric],
  );

  const table = useMemo(
    () => ({
      caption: 'Expected outcomes per cell for 10,000 requests (the original notebook’s block probabilities alongside)',
      columns: ['intent', 'severity', 'requests', 'violating share', 'τ in cell', 'block', 'original block', 'over-refusal', 'misses', 'benign blocked', 'harmful allowed'],
      rows: cells.flat().map((c) => [
        POLICY_LEVELS[c.row]!,
        POLICY_LEVELS[c.col]!,
        n0(c.volume),
        formatNumber(c.harmShare, 3),
        formatNumber(c.tau, 3),
        formatRate(c.block),
        formatRate(POLICY_ORIGINAL_BLOCK[c.row]![c.col]!),
        formatRate(c.overRefusal),
        formatRate(c.miss),
        formatNumber(c.benignBlocked, 1),
        formatNumber(c.harmfulAllowed, 1),
      ]),
    }),
    [cells],
  );

  const okOver = totals.lowIntentOverRefusal <= OVER_REFUSAL_LIMIT;
  const okMiss = totals.highSeverityMiss <= MISS_LIMIT;
  const pass = okOver && okMiss;
  const problems = [
    !okOver && `low-intent over-refusal is ${nearRate(totals.lowIntentOverRefusal, OVER_REFUSAL_LIMIT)} (limit 5%)`,
    !okMiss && `high-severity misses are ${nearRate(totals.highSeverityMiss, MISS_LIMIT)} (limit 10%)`,
  ].filter(Boolean);

  return (
    <WidgetFrame
      {...frameBase('policy-matrix', spec, props, { state, update }, {
        title: 'Policy category matrix',
        question: 'Can one set of thresholds spare benign users and still stop severe harm?',
      })}
      charts={charts}
      readouts={[
        { label: 'Low-intent over-refusal', value: nearRate(totals.lowIntentOverRefusal, OVER_REFUSAL_LIMIT), emphasis: true },
        { label: 'High-severity misses', value: nearRate(totals.highSeverityMiss, MISS_LIMIT), emphasis: true },
        { label: 'Overall block rate', value: formatRate(totals.blockRate) },
        { label: 'Over-refusal, all benign', value: formatRate(totals.overRefusal) },
        { label: 'Misses, all violating', value: formatRate(totals.missRate) },
        { label: 'Benign blocked / 10k', value: n0(totals.benignBlocked) },
        { label: 'Harmful allowed / 10k', value: n0(totals.harmfulAllowed) },
      ]}
      check={{
        pass,
        text: pass
          ? `Over-refusal among low-risk-intent requests is ${nearRate(totals.lowIntentOverRefusal, OVER_REFUSAL_LIMIT)} (≤ 5%) and misses among high-severity harms are ${nearRate(totals.highSeverityMiss, MISS_LIMIT)} (≤ 10%).`
          : `The policy misses its targets: ${problems.join(' and ')}.`,
      }}
      summary={`Thresholds ${formatNumber(tauLow, 2)}, ${formatNumber(tauMed, 2)} and ${formatNumber(tauHigh, 2)} for low, medium and high severity, intent shift ${formatNumber(intentShift, 1)}, classifier separation ${formatNumber(separation, 1)}. Of 10,000 requests, ${formatRate(totals.blockRate)} are blocked: ${n0(totals.benignBlocked)} benign requests refused and ${n0(totals.harmfulAllowed)} violating ones allowed. Low-intent over-refusal ${nearRate(totals.lowIntentOverRefusal, OVER_REFUSAL_LIMIT)}, high-severity misses ${nearRate(totals.highSeverityMiss, MISS_LIMIT)}. The matrix is shaded by ${METRIC_NAMES[metric]}; the highest-risk cell blocks ${formatRate(cells[2]![2]!.block)}.`}
      table={table}
    />
  );
}

export default defineWidget('policy-matrix', spec, PolicyMatrixInner);
export { spec as policyMatrixSpec };
