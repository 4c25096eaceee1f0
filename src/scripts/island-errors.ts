// A demo whose code could not be downloaded (Astro retries the import once) keeps its server-drawn
// chart, but its controls stay disabled: say why there, and offer a reload (its state is in the URL).
const NOTE = 'widget-load-error';

document.addEventListener('astro:hydration-error', (event) => {
  const island = event.target instanceof Element ? event.target : null;
  const widget = island?.querySelector('[data-widget]');
  if (!widget) return;
  // Handled here, visibly; a warning keeps it in the console for whoever debugs.
  event.preventDefault();
  console.warn('A demo could not load:', (event as CustomEvent).detail?.componentUrl);
  if (widget.querySelector(`.${NOTE}`)) return;
  const note = document.createElement('p');
  note.className = `${NOTE} noscript-note`;
  note.setAttribute('role', 'alert');
  note.textContent = 'This demo’s code could not be downloaded, so its controls are off; the chart shows the starting values. ';
  const reload = document.createElement('button');
  reload.type = 'button';
  reload.textContent = 'Reload the page';
  reload.addEventListener('click', () => location.reload());
  note.append(reload);
  (widget.querySelector('.widget-controls') ?? widget).prepend(note);
});
