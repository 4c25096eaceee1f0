// A display formula or table wider than the column scrolls sideways; keyboard users need to reach
// it, so only those that actually overflow become focusable (no extra tab stops otherwise).
const LABEL = 'Wide formula, scrolls sideways';
const TABLE_LABEL = 'Wide table, scrolls sideways';

function mark() {
  // Only the lesson's own tables: a demo's data table scrolls in its own region, and asking each
  // of them for its width once cost 0.6 s of main thread on a theory page at 4× CPU.
  const blocks = [...document.querySelectorAll<HTMLElement>('.katex-display, .prose > table, table.ex-table')];
  // All widths first, then all writes: one layout for the page, not one per block.
  const overflow = blocks.map((el) => el.scrollWidth - el.clientWidth);
  blocks.forEach((el, i) => {
    const formula = el.tagName !== 'TABLE';
    const wide = overflow[i]! > 1;
    // Chromium makes any scroller a tab stop; one that overflows by a pixel has nothing to show and
    // would be a silent stop with no name, so it is taken out of the order.
    const hairline = !wide && overflow[i]! > 0;
    if (!wide && el.hasAttribute('data-scrolls')) {
      el.removeAttribute('tabindex');
      el.removeAttribute('data-scrolls');
      el.removeAttribute('role');
      el.removeAttribute('aria-label');
    }
    if (!hairline && el.hasAttribute('data-hairline')) {
      el.removeAttribute('tabindex');
      el.removeAttribute('data-hairline');
    }
    if (hairline && !el.hasAttribute('tabindex')) {
      el.tabIndex = -1;
      el.dataset.hairline = '';
    }
    if (wide && !el.hasAttribute('tabindex')) {
      el.tabIndex = 0;
      el.dataset.scrolls = '';
      // A formula is named as a group; a table keeps its role and, having no caption, gets a name.
      if (formula) el.setAttribute('role', 'group');
      el.setAttribute('aria-label', formula ? LABEL : TABLE_LABEL);
    }
  });
  // Widths change once the web fonts arrive. Asked here, not at load: reading document.fonts.ready
  // makes Chromium lay the page out on the spot, which at load merged ~90 ms of layout into the
  // parser's last task; here the layout is already done.
  if (!watchingFonts) {
    watchingFonts = true;
    document.fonts?.ready.then(schedule);
  }
}
let watchingFonts = false;
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
