/**
 * Props for a control that is not live yet: drawn before its island hydrates, or (New numbers)
 * busy loading. It stays focusable, because a native `disabled` control is skipped by Tab and a
 * keyboard reader would jump past every demo and exercise not yet scrolled into view. Focusing
 * one scrolls it into view, which hydrates its island; src/scripts/pending-controls.ts ignores
 * input to it until the attribute goes.
 */
export function pending(on: boolean): { 'aria-disabled'?: true; 'data-pending'?: '' } {
  return on ? { 'aria-disabled': true, 'data-pending': '' } : {};
}
