// Minimal types for the parts of jstat (no bundled types) that src/math uses.
declare module 'jstat' {
  interface JStatBeta {
    /** Quantile (inverse CDF) of Beta(a, b) at probability p. */
    inv(p: number, a: number, b: number): number;
    cdf(x: number, a: number, b: number): number;
  }
  interface JStat {
    beta: JStatBeta;
    jStat?: JStat;
  }
  const jStat: JStat;
  export default jStat;
}
