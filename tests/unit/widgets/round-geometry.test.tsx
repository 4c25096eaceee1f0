import { describe, expect, it } from 'vitest';
import { renderToString } from 'react-dom/server';
import { parseHTML } from 'linkedom';
import '../../../src/plots/ssr-document';
import ActiveLearning from '@widgets/ActiveLearning';
import AsrInterval from '@widgets/AsrInterval';
import { roundGeometry, roundNumbers } from '@widgets/core/round-geometry';

describe('roundNumbers', () => {
  it('rounds each number to hundredths and drops trailing zeros', () => {
    expect(roundNumbers('246.03232503551226')).toBe('246.03');
    expect(roundNumbers('translate(44,243.02927786131005)')).toBe('translate(44,243.03)');
    expect(roundNumbers('M44,24L46.467,28.088Z')).toBe('M44,24L46.47,28.09Z');
    expect(roundNumbers('0 0 440 300')).toBe('0 0 440 300');
    expect(roundNumbers('10.5')).toBe('10.5');
  });

  it('handles signs and exponents, and never writes −0', () => {
    expect(roundNumbers('-3.14159')).toBe('-3.14');
    expect(roundNumbers('-0.001')).toBe('0');
    expect(roundNumbers('M1.5e-7,2.5e3')).toBe('M0,2500');
  });

  it('keeps units next to the number', () => {
    expect(roundNumbers('0.32em')).toBe('0.32em');
    expect(roundNumbers('0.7142em')).toBe('0.71em');
  });
});

describe('roundGeometry', () => {
  const svg = () =>
    parseHTML(
      '<svg viewBox="0 0 100 50"><g transform="translate(0.123456,9.87654)" fill="var(--chart-1)" font-size="12.345"><circle cx="1.23456" cy="7.891011" r="3.5"></circle><text x="4.56789" y="0.32em">0.0068</text></g></svg>',
    ).document.querySelector('svg')!;

  it('rounds coordinates and leaves text and styling alone', () => {
    const el = svg();
    roundGeometry(el as unknown as Element);
    expect(el.querySelector('g')!.getAttribute('transform')).toBe('translate(0.12,9.88)');
    expect(el.querySelector('g')!.getAttribute('font-size')).toBe('12.345');
    expect(el.querySelector('circle')!.getAttribute('cx')).toBe('1.23');
    expect(el.querySelector('circle')!.getAttribute('cy')).toBe('7.89');
    expect(el.querySelector('text')!.getAttribute('x')).toBe('4.57');
    expect(el.querySelector('text')!.textContent).toBe('0.0068');
  });
});

describe('charts in the built HTML', () => {
  // Geometry attributes of a server-drawn chart carry at most two decimals; labels keep theirs.
  const longDecimals = (html: string) => [...html.matchAll(/\s(?:cx|cy|x|y|x1|x2|y1|y2|r|width|height|transform|d)="[^"]*\d\.\d{3,}[^"]*"/g)].map((m) => m[0]);

  it('the active-learning scatter (hundreds of dots) is written with rounded coordinates', () => {
    const html = renderToString(<ActiveLearning id="t" />);
    const doc = parseHTML(html).document;
    expect(doc.querySelectorAll('.widget-chart circle').length).toBeGreaterThan(100);
    expect(longDecimals(html)).toEqual([]);
  });

  it('the ASR interval chart keeps three-decimal tick labels while its positions are rounded', () => {
    const html = renderToString(<AsrInterval id="t" preset={{ n: 2000, rate: 0.008 }} />);
    expect(longDecimals(html)).toEqual([]);
    const labels = [...parseHTML(html).document.querySelectorAll('.widget-chart text')].map((t) => t.textContent);
    expect(labels.some((t) => /^0\.0\d\d$/.test(t ?? ''))).toBe(true);
  });
});
