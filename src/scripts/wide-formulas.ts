// A display formula or table wider than the column scrolls sideways; keyboard users need to reach
// it, so only those that actually overflow become focusable (no extra tab stops otherwise).
const LABEL = 'Wide formula, scrolls sideways';

function mark() {
  // Only the lesson's own tables: a demo's data table scrolls in its own region, and asking each
  // of them for its width once cost 0.6 s of main thread on a theory page at 4× CPU.
  const blocks = [...document.querySelectorAll<HTMLElement>('.katex-display, .prose > table, table.ex-table')];
  // All widths first, then all writes: one layout for the page, not one per block.
  const wide = blocks.map((el) => el.scrollWidth > el.clientWidth + 1);
  blocks.forEach((el, i) => {
    // A table keeps its own role (and its caption as its name); a formula is named as a group.
    const formula = el.tagName !== 'TABLE';
    if (wide[i] && !el.hasAttribute('tabindex')) {
      el.tabIndex = 0;
      el.dataset.scrolls = '';
      if (formula) {
        el.setAttribute('role', 'group');
        el.setAttribute('aria-label', LABEL);
      }
    } else if (!wide[i] && el.hasAttribute('data-scrolls')) {
      el.removeAttribute('tabindex');
      el.removeAttribute('data-scrolls');
      el.removeAttribute('role');
      el.removeAttribute('aria-label');
    }
  });
}
let frame = 0;
const schedule = () => {
  cancelAnimationFrame(frame);
  frame = requestAnimationFrame(mark);
};
// In a frame, where the browser lays the page out anyway, rather than forcing a layout at parse time.
schedule();
window.addEventListener('resize', schedule);
// Sent by an exercise when new numbers, a hint or the solution replace its text.
document.addEventListener('wide-blocks:check', schedule);
document.fonts?.ready.then(schedule);
