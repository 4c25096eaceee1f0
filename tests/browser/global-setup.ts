import { existsSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { startServer } from '../../scripts/static-server.mjs';

// Browser tests run against the built site (npm test builds it first).
export default async function setup(project: TestProject) {
  if (!existsSync('dist/index.html')) throw new Error('dist/ is missing: run `npm run build` before the browser tests');
  const { server, url } = await startServer('dist');
  project.provide('baseUrl', url);
  return () => new Promise<void>((ok) => server.close(() => ok()));
}

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}
