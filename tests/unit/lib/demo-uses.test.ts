import { describe, expect, it } from 'vitest';
import { bySubsection, embedsIn } from '../../../src/lib/demo-uses';

const mdx = `import KlOptimum from '@widgets/KlOptimum';

<KlOptimum client:visible id="intro" />

## 5. DPO Derivation

### 5.1 KL-constrained optimal policy $\\pi^*$

Text.

<KlOptimum client:visible id="a" />

<KlOptimum client:visible id="b" />

### 5.2 Implicit reward

\`\`\`mdx
<KlOptimum client:visible id="in-a-code-sample" />
\`\`\`

<KlOptimumExtra client:visible id="other-component" />

### 5.10 A late subsection

  <KlOptimum client:visible id="indented"
    preset={{ beta: 1 }} />
`;

describe('embedsIn', () => {
  it('lists each subsection that embeds the component once, in order, with its heading as written', () => {
    expect(embedsIn(mdx, 'KlOptimum')).toEqual([
      { number: '5.1', heading: '5.1 KL-constrained optimal policy $\\pi^*$' },
      { number: '5.10', heading: '5.10 A late subsection' },
    ]);
  });

  it('ignores code fences, other components with a longer name, and embeds before the first subsection', () => {
    expect(embedsIn(mdx, 'KlOptimumExtra')).toEqual([{ number: '5.2', heading: '5.2 Implicit reward' }]);
    expect(embedsIn(mdx, 'DpoLoss')).toEqual([]);
  });

  it('orders subsections numerically (5.10 after 5.9)', () => {
    const list = [{ number: '5.10', heading: '' }, { number: '5.9', heading: '' }, { number: '4.2', heading: '' }];
    expect(list.sort(bySubsection).map((e) => e.number)).toEqual(['4.2', '5.9', '5.10']);
  });
});
