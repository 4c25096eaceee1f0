// Pagefind search in the header. The index is built after `astro build`; the module is loaded
// only when the reader first types, so pages stay light.
import { bestSections, type SubResult } from './search-rank';

interface ResultData { url: string; meta: { title?: string }; excerpt: string; sub_results?: SubResult[] }
interface Pagefind {
  init?: () => Promise<void>;
  options?: (o: { ranking?: { pageLength?: number } }) => Promise<void>;
  search: (q: string) => Promise<{ results: { data: () => Promise<ResultData> }[] }>;
}

const input = document.getElementById('site-search') as HTMLInputElement | null;
const panel = document.getElementById('search-results');
const status = document.getElementById('search-status');
let pagefind: Promise<Pagefind> | null = null;
let latest = 0;

function load(): Promise<Pagefind> {
  if (!pagefind) {
    const url = `${import.meta.env.BASE_URL}pagefind/pagefind.js`;
    pagefind = import(/* @vite-ignore */ url).then(async (m: Pagefind) => {
      // Pagefind discounts long pages (pageLength 0.75 by default). A notes part is long because it
      // teaches a whole section, and it lost to short overview and gallery pages that merely name the term.
      await m.options?.({ ranking: { pageLength: 0.3 } });
      await m.init?.();
      return m;
    });
  }
  return pagefind;
}

// Pagefind excerpts contain only <mark> around matches; everything else is text.
function excerptNode(html: string): DocumentFragment {
  const frag = document.createDocumentFragment();
  const parts = html.split(/(<mark>.*?<\/mark>)/g);
  for (const p of parts) {
    const m = p.match(/^<mark>(.*)<\/mark>$/);
    const text = (m ? m[1] : p).replace(/<[^>]*>/g, '').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'");
    if (m) {
      const mark = document.createElement('mark');
      mark.textContent = text;
      frag.append(mark);
    } else frag.append(text);
  }
  return frag;
}

async function run(query: string) {
  if (!panel || !status) return;
  const id = ++latest;
  if (query.trim().length < 2) {
    panel.hidden = true;
    panel.replaceChildren();
    status.textContent = '';
    return;
  }
  try {
    const pf = await load();
    const found = await pf.search(query);
    const data = await Promise.all(found.results.slice(0, 8).map((r) => r.data()));
    if (id !== latest) return;
    const list = document.createElement('ul');
    for (const d of data) {
      const li = document.createElement('li');
      const a = document.createElement('a');
      a.href = d.url;
      a.className = 'search-page';
      a.textContent = d.meta.title ?? d.url;
      li.append(a);
      const subs = bestSections(d.sub_results ?? []);
      if (subs.length) {
        const sl = document.createElement('ul');
        for (const s of subs) {
          const si = document.createElement('li');
          const sa = document.createElement('a');
          sa.href = s.url;
          sa.textContent = s.title;
          const ex = document.createElement('p');
          ex.append(excerptNode(s.excerpt));
          si.append(sa, ex);
          sl.append(si);
        }
        li.append(sl);
      } else {
        const ex = document.createElement('p');
        ex.append(excerptNode(d.excerpt));
        li.append(ex);
      }
      list.append(li);
    }
    panel.replaceChildren(list);
    panel.hidden = data.length === 0;
    const total = found.results.length;
    const pages = (k: number) => `${k} ${k === 1 ? 'page matches' : 'pages match'}`;
    status.textContent = !data.length ? `No results for “${query}”.` : total > data.length ? `${pages(total)} “${query}”; the best ${data.length} are listed.` : `${pages(total)} “${query}”.`;
    if (!data.length) {
      const none = document.createElement('p');
      none.textContent = `No results for “${query}”.`;
      panel.replaceChildren(none);
      panel.hidden = false;
    }
  } catch {
    if (id !== latest) return;
    const msg = document.createElement('p');
    msg.textContent = 'Search is unavailable right now (the index did not load).';
    panel.replaceChildren(msg);
    panel.hidden = false;
  }
}

let timer: ReturnType<typeof setTimeout> | undefined;
input?.addEventListener('input', () => {
  clearTimeout(timer);
  timer = setTimeout(() => run(input.value), 120);
});
input?.addEventListener('keydown', (e) => {
  if (e.key === 'Escape' && panel) {
    panel.hidden = true;
    input.value = '';
  }
});
// Escape from a result closes the panel and takes focus back to the box, with the query kept.
panel?.addEventListener('keydown', (e) => {
  if (e.key === 'Escape' && input) {
    panel.hidden = true;
    input.focus();
  }
});
document.addEventListener('click', (e) => {
  if (panel && input && !panel.contains(e.target as Node) && e.target !== input) panel.hidden = true;
});
// Tabbing out of the search box and its results closes the panel, which would cover what gets focus next.
const box = input?.closest('.search');
// (A press inside the panel moves focus to nothing; the click handler above decides that case.)
let pressInside = false;
box?.addEventListener('pointerdown', () => {
  pressInside = true;
  setTimeout(() => (pressInside = false), 0);
});
box?.addEventListener('focusout', (e) => {
  const next = (e as FocusEvent).relatedTarget;
  if (panel && !pressInside && !(next instanceof Node && box.contains(next))) panel.hidden = true;
});
