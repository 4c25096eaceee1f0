// Cold builds in throwaway copies of the project, so a bench run never touches ./dist or the
// shared caches (Astro's cacheDir is pointed inside the copy), and the 10x-content site never
// leaves the temporary directory.
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const FILES = ['astro.config.mjs', 'tsconfig.json', 'package.json', 'pagefind.yml'];
const DIRS = ['src', 'public', 'content'];

/** A copy of the site sources in a fresh temp dir, with node_modules linked and a private cache. */
export function copySite(label) {
  const dir = mkdtempSync(join(tmpdir(), `bench-${label}-`));
  for (const f of FILES) if (existsSync(join(root, f))) cpSync(join(root, f), join(dir, f));
  for (const d of DIRS) if (existsSync(join(root, d))) cpSync(join(root, d), join(dir, d), { recursive: true });
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
  // node_modules is shared, so Astro's default cacheDir (node_modules/.astro) would be too.
  writeFileSync(
    join(dir, 'bench.config.mjs'),
    "import config from './astro.config.mjs';\nexport default { ...config, cacheDir: './.bench-cache/' };\n",
  );
  return dir;
}

/**
 * Multiplies the lesson content: every lesson folder gets `factor - 1` duplicates under new slugs,
 * with `lesson:` references and `number` adjusted. The copy's schema is relaxed to allow lesson
 * numbers above 5 (it is never committed). Returns counts of lessons and MDX files.
 */
export function scaleContent(dir, factor) {
  const lessonsDir = join(dir, 'content/lessons');
  const cfgPath = join(dir, 'src/content.config.ts');
  const cfg = readFileSync(cfgPath, 'utf8');
  const relaxed = cfg.replace(/(number:\s*z\.number\(\)[^\n]*?)\.max\(5\)/, '$1');
  const renumber = relaxed !== cfg;
  writeFileSync(cfgPath, relaxed);
  const originals = readdirSync(lessonsDir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
  let files = 0;
  for (const folder of originals) {
    const slug = folder.replace(/^\d+-/, '');
    const num = Number(/^(\d+)-/.exec(folder)?.[1] ?? 1);
    for (let k = 1; k < factor; k++) {
      const newNum = renumber ? num + 5 * k : num;
      const newSlug = `${slug}-copy-${k}`;
      const target = join(lessonsDir, `${String(newNum).padStart(2, '0')}-${newSlug}`);
      cpSync(join(lessonsDir, folder), target, { recursive: true });
      for (const file of walk(target).filter((f) => f.endsWith('.mdx') || f.endsWith('.md'))) {
        files++;
        let text = readFileSync(file, 'utf8');
        text = text.replace(/^(---\n[\s\S]*?\n---)/, (fm) =>
          fm
            .replace(new RegExp(`^lesson:\\s*['"]?${slug}['"]?\\s*$`, 'm'), `lesson: ${newSlug}`)
            .replace(/^number:\s*\d+\s*$/m, `number: ${newNum}`)
            .replace(/^title:\s*(['"]?)(.*?)\1\s*$/m, (_m, q, t) => `title: ${q}${t} (copy ${k})${q}`),
        );
        writeFileSync(file, text);
      }
    }
  }
  return { lessons: originals.length * factor, duplicatedFiles: files, renumbered: renumber };
}

function walk(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? walk(join(dir, d.name)) : [join(dir, d.name)]));
}

const countMdx = (dir) => walk(join(dir, 'content')).filter((f) => f.endsWith('.mdx')).length;
const countPages = (dist) => walk(dist).filter((f) => f.endsWith('index.html') && !f.includes('/pagefind/')).length;

function hasFlock() {
  return spawnSync('flock', ['--version'], { stdio: 'ignore' }).status === 0;
}

/**
 * One cold build (astro build + pagefind, as `npm run build`) of a copy; caches are removed first.
 * Builds are serialized through a lock file when flock exists (several builds sharing two cores
 * would measure each other), and only the time inside the lock is reported.
 */
export function coldBuild(dir) {
  for (const d of ['dist', '.astro', '.bench-cache']) rmSync(join(dir, d), { recursive: true, force: true });
  const lock = process.env.BENCH_LOCK ?? '/tmp/astro-build.lock';
  const inner = [process.execPath, fileURLToPath(import.meta.url), '--timed', dir];
  const cmd = lock !== 'none' && hasFlock() ? ['flock', lock, ...inner] : inner;
  const r = spawnSync(cmd[0], cmd.slice(1), { encoding: 'utf8', maxBuffer: 64 * 2 ** 20 });
  const last = r.stdout.trim().split('\n').pop() ?? '';
  let result;
  try {
    result = JSON.parse(last);
  } catch {
    result = { ok: false, output: `${r.stdout}\n${r.stderr}`.slice(-4000) };
  }
  if (result.ok) Object.assign(result, { pages: countPages(join(dir, 'dist')), mdxFiles: countMdx(dir) });
  return result;
}

// Child mode: runs inside the lock and times the two build steps.
function timedChild(dir) {
  const env = { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', FORCE_COLOR: '0', NO_COLOR: '1' };
  const run = (args) => {
    const t = performance.now();
    const r = spawnSync(process.execPath, args, { cwd: dir, env, encoding: 'utf8', maxBuffer: 64 * 2 ** 20 });
    return { ms: performance.now() - t, status: r.status, output: `${r.stdout}\n${r.stderr}` };
  };
  const astro = run([join(root, 'node_modules/astro/bin/astro.mjs'), 'build', '--config', 'bench.config.mjs']);
  if (astro.status !== 0) return { ok: false, step: 'astro build', output: astro.output.slice(-4000) };
  const pf = run([join(root, 'node_modules/pagefind/lib/runner/bin.cjs'), '--site', 'dist', '--quiet']);
  if (pf.status !== 0) return { ok: false, step: 'pagefind', output: pf.output.slice(-4000) };
  return { ok: true, astroMs: astro.ms, pagefindMs: pf.ms, totalMs: astro.ms + pf.ms };
}

if (process.argv[2] === '--timed') {
  console.log(JSON.stringify(timedChild(process.argv[3])));
}
