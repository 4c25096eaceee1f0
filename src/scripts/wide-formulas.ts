// A display formula wider than the column scrolls sideways; keyboard users need to reach it,
// so only formulas that actually overflow become focusable (no extra tab stops otherwise).
const LABEL = 'Wide formula, scrolls sideways';

function mark() {
  const formulas = [...document.querySelectorAll<HTMLElement>('.katex-display')];
  // All widths first, then all writes: one layout for the page, not one per formula.
  const wide = formulas.map((el) => el.scrollWidth > el.clientWidth + 1);
  formulas.forEach((el, i) => {
    if (wide[i] && !el.hasAttribute('tabindex')) {
      el.tabIndex = 0;
      el.setAttribute('role', 'group');
      el.setAttribute('aria-label', LABEL);
    } else if (!wide[i] && el.getAttribute('aria-label') === LABEL) {
      el.removeAttribute('tabindex');
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
document.fonts?.ready.then(schedule);
