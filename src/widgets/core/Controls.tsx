import { memo, useId } from 'react';
import { pending } from '../../lib/pending';
import { withSubscripts } from './subscripts';
import { formatNumber, stepDigits, type Control } from './spec';

interface Props {
  name: string;
  control: Control;
  value: number | string | boolean;
  label?: string;
  disabled: boolean;
  /** The widget's state updater: stable across renders, so an unchanged control skips rendering. */
  update?: (patch: Record<string, number | string | boolean>) => void;
  /** Or a handler of its own (re-created each render, so the control always re-renders). */
  onChange?: (v: number | string | boolean) => void;
  /** Why the control changes nothing in the current state: it is then disabled and says so. */
  inactive?: string;
  /** Words that start the accessible name only (e.g. "Position 2:"), where a short visible label repeats across a group. */
  context?: string;
}

/** One labelled control with its numeric readout; native inputs keep keyboard support. */
function ControlInput({ name, control: c, value, label, disabled, update, onChange: own, inactive, context }: Props) {
  const id = useId();
  const onChange = (v: number | string | boolean) => (own ? own(v) : update?.({ [name]: v }));
  const text = label ?? c.label;
  const help = inactive ?? c.help;
  const helpId = help ? `${id}-help` : undefined;
  const box = { 'data-control': name, 'data-inactive': inactive ? '' : undefined };
  const off = inactive ? { disabled: true } : {};
  const labelText = (
    <>
      {context && <span className="visually-hidden">{context} </span>}
      {withSubscripts(text)}
    </>
  );
  if (c.kind === 'number') {
    const digits = c.digits ?? stepDigits(c.step);
    const shown = `${formatNumber(value as number, digits)}${c.unit ?? ''}`;
    return (
      <div className="widget-control" {...box}>
        <label htmlFor={id}>{labelText}</label>
        <div className="widget-slider">
          <input
            id={id}
            type="range"
            min={c.min}
            max={c.max}
            step={c.step}
            value={value as number}
            {...pending(disabled)}
            {...off}
            aria-describedby={helpId}
            aria-valuetext={shown}
            onChange={(e) => onChange(Number(e.currentTarget.value))}
          />
          <output htmlFor={id} aria-hidden="true">{shown}</output>
        </div>
        {help && <small id={helpId}>{withSubscripts(help)}</small>}
      </div>
    );
  }
  if (c.kind === 'choice') {
    return (
      <div className="widget-control" {...box}>
        <label htmlFor={id}>{labelText}</label>
        <select id={id} value={value as string} {...pending(disabled)} {...off} aria-describedby={helpId} onChange={(e) => onChange(e.currentTarget.value)}>
          {c.options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
        {help && <small id={helpId}>{withSubscripts(help)}</small>}
      </div>
    );
  }
  return (
    <div className="widget-control widget-toggle" {...box}>
      <input id={id} type="checkbox" checked={value as boolean} {...pending(disabled)} {...off} aria-describedby={helpId} onChange={(e) => onChange(e.currentTarget.checked)} />
      <label htmlFor={id}>{labelText}</label>
      {help && <small id={helpId}>{withSubscripts(help)}</small>}
    </div>
  );
}

export default memo(ControlInput);
