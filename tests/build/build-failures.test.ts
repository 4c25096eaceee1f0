import { cpSync, mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';

// Builds a copy of the site with one broken lesson file and checks that the build fails and
// names the file. The copy has a single lesson so each build stays small.
const root = resolve('.');
const made: string[] = [];

function siteWith(files: Record<string, string>) {
  const dir = mkdtempSync(join(tmpdir(), 'lesson-build-'));
  made.push(dir);
  for (const f of ['astro.config.mjs', 'tsconfig.json', 'package.json', 'pagefind.yml']) cpSync(join(root, f), join(dir, f));
  cpSync(join(root, 'src'), join(dir, 'src'), { recursive: true });
  cpSync(join(root, 'public'), join(dir, 'public'), { recursive: true });
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
  const lesson = join(dir, 'content/lessons/05-human-in-the-loop-and-monitoring');
  mkdirSync(join(lesson, 'notes'), { recursive: true });
  writeFileSync(join(lesson, 'index.mdx'), readFileSync(join(root, 'content/lessons/05-human-in-the-loop-and-monitoring/index.mdx'), 'utf8'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(lesson, name), text);
  return dir;
}

function build(dir: string) {
  const r = spawnSync(join(root, 'node_modules/.bin/astro'), ['build'], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', FORCE_COLOR: '0', NO_COLOR: '1' },
    timeout: 180_000,
  });
  return { status: r.status, output: `${r.stdout}\n${r.stderr}` };
}

const part = (frontmatter: string, body: string) => `---
title: A part used only by the build-failure test
lesson: human-in-the-loop-and-monitoring
${frontmatter}
description: This file exists only inside a temporary copy of the site made by a test.
---

## 3. Feedback Collection

${body}
`;

afterAll(() => {
  for (const d of made) rmSync(d, { recursive: true, force: true });
});

describe('the build rejects broken lessons', () => {
  it('a valid lesson part builds (control case)', () => {
    const dir = siteWith({ 'notes/01-ok.mdx': part('order: 1\nsections: [3]', 'Fine: $\\sigma(z) = 1/(1+e^{-z})$.\n\n$$\nu_i = \\lambda r_i\n$$\n') });
    const r = build(dir);
    expect(r.output).not.toMatch(/Broken formula/);
    expect(r.status).toBe(0);
  });

  it('fails on a malformed formula and names the file', () => {
    const dir = siteWith({ 'notes/01-broken-formula.mdx': part('order: 1\nsections: [3]', 'Broken: $\\frac{1}{$ here.') });
    const r = build(dir);
    expect(r.status).not.toBe(0);
    expect(r.output).toMatch(/Broken formula/);
    expect(r.output).toContain('01-broken-formula.mdx');
  });

  it('fails on a non-standard formula under strict mode', () => {
    const dir = siteWith({ 'notes/01-strict.mdx': part('order: 1\nsections: [3]', 'Unicode in math: $é = 1$.') });
    const r = build(dir);
    expect(r.status).not.toBe(0);
    expect(r.output).toContain('01-strict.mdx');
  });

  it('fails on a bad frontmatter field and names the file and field', () => {
    const dir = siteWith({ 'notes/01-bad-frontmatter.mdx': part('order: two\nsections: [3]', 'Text.') });
    const r = build(dir);
    expect(r.status).not.toBe(0);
    expect(r.output).toContain('01-bad-frontmatter');
    expect(r.output).toMatch(/order/);
  });
});
