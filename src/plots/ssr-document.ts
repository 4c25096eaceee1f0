// Server-only: gives Observable Plot a DOM during the static build, so every chart is in the
// HTML before any script runs. Imported by the base layout, whose frontmatter runs on the server.
import { parseHTML } from 'linkedom';

const key = '__plotSsrDocument';
const g = globalThis as unknown as Record<string, Document | undefined>;
if (typeof window === 'undefined' && !g[key]) {
  g[key] = parseHTML('<!doctype html><html><body></body></html>').document as unknown as Document;
}
