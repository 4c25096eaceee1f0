import { fileURLToPath } from 'node:url';

/** The import aliases of src/, shared by the site build (astro.config.mjs) and the tests (vitest.config.ts). */
const dirs = { '@math': 'math', '@plots': 'plots', '@widgets': 'widgets', '@exercises': 'exercises', '@components': 'components', '@lib': 'lib' };

export const aliases = Object.fromEntries(Object.entries(dirs).map(([name, dir]) => [name, fileURLToPath(new URL(`../${dir}`, import.meta.url))]));
