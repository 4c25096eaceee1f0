const button = document.getElementById('theme-toggle');
const root = document.documentElement;

function current(): 'light' | 'dark' {
  return root.dataset.theme === 'dark' ? 'dark' : 'light';
}
function sync() {
  button?.setAttribute('aria-pressed', String(current() === 'dark'));
}
button?.addEventListener('click', () => {
  const next = current() === 'dark' ? 'light' : 'dark';
  root.dataset.theme = next;
  try {
    localStorage.setItem('theme', next);
  } catch {
    // Storage may be unavailable (private mode); the choice lasts for this page.
  }
  sync();
  window.dispatchEvent(new CustomEvent('themechange', { detail: next }));
});
sync();
