// Controls of islands that have not hydrated yet carry data-pending (src/lib/pending.ts): Tab can
// reach them, but a key, click or drag would change a value no code is listening to, so those are
// dropped until hydration removes the attribute (focusing one scrolls it into view, which hydrates it).
const pendingOf = (e: Event) => (e.target instanceof Element ? e.target.closest('[data-pending]') : null);
const NAVIGATION = new Set(['Tab', 'Shift', 'Escape', 'Alt', 'Control', 'Meta']);

const drop = (e: Event) => {
  if (!pendingOf(e)) return;
  e.preventDefault();
  e.stopImmediatePropagation();
};
// Not paste or drop: a value they change is put back below (and blocking paste is itself a barrier).
for (const type of ['mousedown', 'pointerdown', 'click']) document.addEventListener(type, drop, true);
document.addEventListener('touchstart', drop, { capture: true, passive: false });
document.addEventListener('keydown', (e) => (NAVIGATION.has(e.key) || e.ctrlKey || e.metaKey ? undefined : drop(e)), true);

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
