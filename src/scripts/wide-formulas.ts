// A display formula wider than the column scrolls sideways; keyboard users need to reach it,
// so only formulas that actually overflow become focusable (no extra tab stops otherwise).
function mark() {
  for (const el of document.querySelectorAll<HTMLElement>('.katex-display')) {
    const wide = el.scrollWidth > el.clientWidth + 1;
    if (wide && !el.hasAttribute('tabindex')) {
      el.tabIndex = 0;
      el.setAttribute('role', 'group');
      el.setAttribute('aria-label', 'Wide formula, scrolls sideways');
    } else if (!wide && el.getAttribute('aria-label') === 'Wide formula, scrolls sideways') {
      el.removeAttribute('tabindex');
      el.removeAttribute('role');
      el.removeAttribute('aria-label');
    }
  }
}
let frame = 0;
const schedule = () => {
  cancelAnimationFrame(frame);
  frame = requestAnimationFrame(mark);
};
if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', mark);
else mark();
window.addEventListener('resize', schedule);
document.fonts?.ready.then(schedule);
