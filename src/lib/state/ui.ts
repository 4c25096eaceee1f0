import type { LearnerStore } from './store';

/** Save the store's export as a file (works in memory mode too: that is when it matters most). */
export function downloadExport(store: LearnerStore) {
  const blob = new Blob([store.exportJson()], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = `alignment-progress-${new Date().toISOString().slice(0, 10)}.json`;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/**
 * Storage notices (unavailable, full, damaged data) in one polite live region at the top of
 * <main>. Several scripts on a page may call this; the region is shared.
 */
export function mountNotices(store: LearnerStore) {
  const main = document.getElementById('main') ?? document.body;
  let box = document.getElementById('learner-notices');
  if (!box) {
    box = document.createElement('div');
    box.id = 'learner-notices';
    box.className = 'learner-notices';
    box.setAttribute('role', 'status');
    box.dataset.testid = 'learner-notices';
    main.prepend(box);
  }
  if (box.dataset.bound) return;
  box.dataset.bound = '1';
  const region = box;
  const render = () => {
    region.replaceChildren(
      ...store.getNotices().map((n) => {
        const p = document.createElement('div');
        p.className = 'learner-notice';
        p.dataset.notice = n.id;
        const text = document.createElement('p');
        text.textContent = n.text;
        p.append(text);
        const row = document.createElement('p');
        row.className = 'learner-notice-actions';
        if (n.offerExport) {
          const dl = document.createElement('button');
          dl.type = 'button';
          dl.textContent = 'Download a copy';
          dl.addEventListener('click', () => downloadExport(store));
          row.append(dl);
        }
        const close = document.createElement('button');
        close.type = 'button';
        close.textContent = 'Dismiss';
        close.setAttribute('aria-label', 'Dismiss this notice');
        close.addEventListener('click', () => {
          store.dismiss(n.id);
          // The button is gone after the re-render: focus the next notice's, or the page's content.
          const next = region.querySelector<HTMLButtonElement>('.learner-notice-actions button:last-child');
          (next ?? main).focus();
        });
        row.append(close);
        p.append(row);
        return p;
      }),
    );
  };
  store.subscribe(render);
  render();
}
