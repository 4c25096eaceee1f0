/** The document Plot draws into: the page's in the browser, linkedom's during the build. */
export function plotDocument(): Document {
  if (typeof document !== 'undefined') return document;
  const d = (globalThis as unknown as Record<string, Document | undefined>).__plotSsrDocument;
  if (!d) throw new Error('plotDocument: no server document; import src/plots/ssr-document first');
  return d;
}
