// Plain text for short inline TeX in headings and links: an accessible name is computed from text,
// and Chromium leaves KaTeX's MathML out of it ("5.4 β tradeoff" was named "5.4 tradeoff").
const SYMBOLS = {
  alpha: 'α', beta: 'β', gamma: 'γ', delta: 'δ', epsilon: 'ε', theta: 'θ', kappa: 'κ', lambda: 'λ', mu: 'μ',
  pi: 'π', rho: 'ρ', sigma: 'σ', tau: 'τ', phi: 'φ', chi: 'χ', psi: 'ψ', omega: 'ω', Delta: 'Δ', Sigma: 'Σ', Pi: 'Π',
  mid: '|', succ: '≻', prec: '≺', le: '≤', leq: '≤', ge: '≥', geq: '≥', cdot: '·', times: '×', infty: '∞', to: '→',
  log: 'log', exp: 'exp', ell: 'ℓ', star: '*', ast: '*',
};

/** "\\pi_{\\mathrm{ref}}" → "π ref"; "(x,y_w,y_l)" → "(x, y w, y l)". */
export function speakableTex(tex) {
  return tex
    .replace(/\\(?:mathrm|text|mathit|mathbf|operatorname|mathcal)\s*\{([^{}]*)\}/g, '$1')
    .replace(/\\([A-Za-z]+)/g, (m, name) => {
      const word = SYMBOLS[name] ?? name;
      return /^[A-Za-z]{2,}$/.test(word) ? ` ${word} ` : word;
    })
    .replace(/[_^]\{([^{}]*)\}/g, ' $1 ')
    .replace(/[_^](\S)/g, ' $1 ')
    .replace(/[{}]/g, '')
    .replace(/\\[,;:! ]/g, ' ')
    .replace(/,(?=\S)/g, ', ')
    .replace(/\s+([,;:.)\]])/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Prose with `$…$` spans (an exercise option, a table header) as one plain-text name. */
export function speakableText(text) {
  return text
    .split(/(\$\$[\s\S]+?\$\$|\$[^$]+\$)/g)
    .map((p) => (p.length > 2 && p.startsWith('$') && p.endsWith('$') ? ` ${speakableTex(p.replace(/^\$+|\$+$/g, ''))} ` : p.replace(/\*\*/g, '')))
    .join('')
    .replace(/\s+([.,;:!?)])/g, '$1')
    .replace(/\(\s+/g, '(')
    .replace(/\s+/g, ' ')
    .trim();
}
