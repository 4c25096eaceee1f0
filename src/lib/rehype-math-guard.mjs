// rehype-katex only records a message when KaTeX rejects a formula; a lesson with a broken
// formula must fail the build instead, naming the file and the formula.
export default function rehypeMathGuard() {
  return (_tree, file) => {
    const bad = file.messages.filter((m) => m.source === 'rehype-katex');
    if (bad.length === 0) return;
    const where = file.path ?? 'an MDX file';
    const lines = bad.map((m) => {
      const place = m.place?.start ? `${m.place.start.line}:${m.place.start.column}` : m.line ? `${m.line}:${m.column}` : '?';
      return `  ${where}:${place} ${m.cause?.message ?? m.reason}`;
    });
    throw new Error(`Broken formula (KaTeX, strict) in ${where}:\n${lines.join('\n')}`);
  };
}
