import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { aliases } from '../../../src/lib/aliases.mjs';

const root = fileURLToPath(new URL('../../../', import.meta.url));

describe('import aliases', () => {
  it('match tsconfig.json paths, so the type checker resolves what the build and tests import', () => {
    const paths = JSON.parse(readFileSync(`${root}tsconfig.json`, 'utf8')).compilerOptions.paths as Record<string, string[]>;
    const fromTsconfig = Object.fromEntries(Object.entries(paths).map(([k, [v]]) => [k.replace(/\/\*$/, ''), `${root}${v!.replace(/\/\*$/, '')}`]));
    expect(aliases).toEqual(fromTsconfig);
  });
});
