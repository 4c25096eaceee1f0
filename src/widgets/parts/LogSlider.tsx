import { useId } from 'react';
import { clampNumber, type NumberControl } from '../core/spec';

interface Props {
  name: string;
  control: NumberControl;
  value: number;
  label?: string;
  disabled: boolean;
  onChange: (v: number) => void;
  /** Slider positions across the whole range. */
  positions?: number;
}

/** Three significant digits, with a typographic minus. */
export function formatSignificant(v: number): string {
  const s = Math.abs(v) >= 1000 ? v.toFixed(0) : v.toPrecision(3);
  return s.replace(/^-/, '−');
}

/**
 * A slider that moves evenly in log10 of the value, for scale parameters such as β that matter
 * by their order of magnitude. The value itself stays in the widget state (and the URL), snapped
 * to three significant digits and to the control's step.
 */
export default function LogSlider({ name, control: c, value, label, disabled, onChange, positions = 240 }: Props) {
  const id = useId();
  const lo = Math.log10(c.min);
  const hi = Math.log10(c.max);
  const step = (hi - lo) / positions;
  const shown = `${formatSignificant(value)}${c.unit ?? ''}`;
  const helpId = c.help ? `${id}-help` : undefined;
  return (
    <div className="widget-control" data-control={name}>
      <label htmlFor={id}>{label ?? c.label}</label>
      <div className="widget-slider">
        <input
          id={id}
          type="range"
          min={lo}
          max={hi}
          step={step}
          value={Math.log10(value)}
          disabled={disabled}
          aria-describedby={helpId}
          aria-valuetext={shown}
          onChange={(e) => onChange(clampNumber(c, Number(Number(10 ** Number(e.currentTarget.value)).toPrecision(3))))}
        />
        <output htmlFor={id} aria-hidden="true">
          {shown}
        </output>
      </div>
      {c.help && <small id={helpId}>{c.help}</small>}
    </div>
  );
}
