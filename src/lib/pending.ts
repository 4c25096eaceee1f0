/**
 * Props for a control drawn before its island hydrates. It stays focusable (a native `disabled`
 * control is skipped by Tab, so a keyboard reader would jump past every demo and exercise that has
 * not scrolled into view yet); focusing it scrolls it into view, which hydrates the island, and
 * src/scripts/pending-controls.ts ignores input to it until then.
 */
export function pending(on: boolean): { 'aria-disabled'?: true; 'data-pending'?: '' } {
  return on ? { 'aria-disabled': true, 'data-pending': '' } : {};
}
