// What a page that left islands unhydrated can still do, run inside the page (page.evaluate sends
// it alone, so it uses nothing from outside). It tells "frames stopped" from "the observer never
// fired" from "the module never arrived". Used by the bench and the browser tests' hydration helper.
export async function islandStallReport() {
  const waiting = [...document.querySelectorAll('astro-island[ssr]')];
  const fetched = new Set(performance.getEntriesByType('resource').map((r) => new URL(r.name).pathname));
  const first = waiting[0]?.firstElementChild;
  first?.scrollIntoView({ block: 'center' });
  const timeout = (ms, what) => new Promise((r) => setTimeout(() => r(what), ms));
  const animationFrame = await Promise.race([new Promise((r) => requestAnimationFrame(() => r('ran'))), timeout(2000, 'none in 2 s')]);
  const freshObserver = first
    ? await Promise.race([
        new Promise((r) => {
          const io = new IntersectionObserver((es) => {
            io.disconnect();
            r(es.some((e) => e.isIntersecting) ? 'fired, intersecting' : 'fired, not intersecting');
          });
          io.observe(first);
        }),
        timeout(2000, 'no callback in 2 s'),
      ])
    : 'no element';
  return {
    readyState: document.readyState,
    visibility: document.visibilityState,
    hydrated: document.querySelectorAll('astro-island:not([ssr])').length,
    waiting: waiting.map((el) => ({
      component: el.getAttribute('component-url') ?? 'island',
      moduleFetched: fetched.has(el.getAttribute('component-url')),
      loaded: el.Component !== undefined,
      children: el.children.length,
    })),
    animationFrame,
    freshObserver,
  };
}
