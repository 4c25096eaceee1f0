/** Reading time in whole minutes at 220 words per minute (never less than 1). */
export function readingMinutes(source: string): number {
  const prose = source
    .replace(/^---[\s\S]*?---/, ' ')
    .replace(/\$\$[\s\S]*?\$\$/g, ' ')
    .replace(/\$[^$\n]*\$/g, ' formula ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/^import .*$/gm, ' ');
  const words = prose.match(/[A-Za-z0-9'’-]+/g)?.length ?? 0;
  return Math.max(1, Math.round(words / 220));
}
