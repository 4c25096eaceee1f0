// Controls of islands that have not hydrated yet carry data-pending (src/lib/pending.ts): Tab can
// reach them, but a key, click or drag would change a value no code is listening to, so those are
// dropped until hydration removes the attribute (focusing one scrolls it into view, which hydrates it).
const pendingOf = (e: Event) => (e.target instanceof Element ? e.target.closest('[data-pending]') : null);
const NAVIGATION = new Set(['Tab', 'Shift', 'Escape', 'Alt', 'Control', 'Meta']);

type Hydrate = () => Promise<void>;
type Island = HTMLElement & { start?: () => unknown; hydrate?: Hydrate };
type Load = () => Promise<Hydrate>;
const woken = new WeakSet<Element>();

// An island hydrates when Astro's client:visible observer sees it. If a reader reaches for a
// control and its island is still waiting, it is loaded now, whatever the observer did: a demo
// must never stay dead under the reader's hand (in tests, headless Chromium now and then stops
// rendering frames for a while, and no observer reports then). Astro's start() hands its loader to the
// island's directive synchronously, so for that one call the directive is one that loads at once.
// The observer may still fire later: the module is fetched once, and hydrate runs once.
function wake(target: Element) {
  const island = target.closest<Island>('astro-island[ssr]');
  if (!island || woken.has(island) || typeof island.start !== 'function' || typeof island.hydrate !== 'function') return;
  const directive = island.getAttribute('client');
  const astro = (window as unknown as { Astro?: Record<string, unknown> }).Astro;
  if (!astro || !directive || typeof astro[directive] !== 'function') return;
  woken.add(island);
  const hydrate = island.hydrate;
  let started = false;
  island.hydrate = async () => {
    if (started) return;
    started = true;
    try {
      await hydrate();
    } finally {
      island.hydrate = hydrate;
    }
  };
  const own = astro[directive];
  astro[directive] = async (load: Load) => (await load())();
  try {
    island.start();
  } finally {
    astro[directive] = own;
  }
}

const drop = (e: Event) => {
  const el = pendingOf(e);
  if (!el) return;
  wake(el);
  e.preventDefault();
  e.stopImmediatePropagation();
};
// Not paste or drop: a value they change is put back below (and blocking paste is itself a barrier).
for (const type of ['mousedown', 'pointerdown', 'click']) document.addEventListener(type, drop, true);
document.addEventListener('touchstart', drop, { capture: true, passive: false });
// Typing into a waiting answer box is kept, not lost: its keys are replayed once the box is live
// (a learner who tabs in and types "0.25" at once used to get ".25", graded as a wrong answer).
const typed = new WeakMap<HTMLInputElement, string[]>();
const isTextBox = (el: Element | null): el is HTMLInputElement => el instanceof HTMLInputElement && el.type === 'text';
function replayWhenLive(box: HTMLInputElement) {
  const observer = new MutationObserver(() => {
    if (box.hasAttribute('data-pending') || !box.isConnected) return;
    observer.disconnect();
    const keys = typed.get(box) ?? [];
    typed.delete(box);
    let value = box.value;
    let submit = false;
    for (const key of keys) {
      if (key === 'Enter') submit = true;
      else if (key === 'Backspace') value = value.slice(0, -1);
      else value += key;
    }
    // The native setter and an input event, so React's onChange sees the text.
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(box, value);
    box.dispatchEvent(new Event('input', { bubbles: true }));
    if (submit) requestAnimationFrame(() => box.form?.requestSubmit());
  });
  observer.observe(box, { attributes: true, attributeFilter: ['data-pending'] });
}
document.addEventListener(
  'keydown',
  (e) => {
    if (NAVIGATION.has(e.key) || e.ctrlKey || e.metaKey) return;
    const el = pendingOf(e);
    if (isTextBox(el) && (e.key.length === 1 || e.key === 'Backspace' || e.key === 'Enter')) {
      const keys = typed.get(el);
      if (keys) keys.push(e.key);
      else {
        typed.set(el, [e.key]);
        replayWhenLive(el);
      }
    }
    drop(e);
  },
  true,
);
// Tabbing onto a waiting control scrolls it into view, which normally hydrates it; wake it anyway.
document.addEventListener('focusin', (e) => {
  const el = pendingOf(e);
  if (el) wake(el);
});

// Anything that still got through (e.g. a value set by assistive technology) goes back to the drawn value.
const restore = (e: Event) => {
  const el = e.target;
  if (!pendingOf(e)) return;
  if (el instanceof HTMLInputElement) {
    if (el.type === 'checkbox' || el.type === 'radio') el.checked = el.defaultChecked;
    else el.value = el.defaultValue;
  } else if (el instanceof HTMLSelectElement) {
    for (const o of el.options) o.selected = o.defaultSelected;
  }
  e.stopImmediatePropagation();
};
document.addEventListener('input', restore, true);
document.addEventListener('change', restore, true);
