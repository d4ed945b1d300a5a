// What a returning reader downloads to see an update, in Chromium
// (`make bench-returning`, after `make bench-layout` made the bundles).
//
// A reader installs the older site (service worker, catalog streamed in
// whole, three articles opened), the newer site is deployed at the same
// address, the page asks for an update, the reader reloads and opens the
// newest article. Every request the server answers from then on is counted
// with the bytes of the file it served (uncompressed, as this server sends
// them; the gzip figure is what a host like GitHub Pages would send).
//
//   node tests/bench/returning.mjs OLDER_SITE NEWER_SITE [--out FILE]
//
// Both sites are finished builds for /dateline/. Prints one JSON report.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';
import { chromePath } from '../chrome.mjs';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const [older, newer] = process.argv.slice(2, 4).map((d) => resolve(d));
const outAt = process.argv.indexOf('--out');
const out = outAt > 0 ? process.argv[outAt + 1] : null;
if (!older || !newer || !existsSync(join(older, 'index.html')) || !existsSync(join(newer, 'index.html'))) {
  console.error('usage: node tests/bench/returning.mjs OLDER_SITE NEWER_SITE [--out FILE]');
  process.exit(2);
}

const work = join(repo, 'target/bench/returning');
mkdirSync(work, { recursive: true });
const live = join(work, 'live');
const log = join(work, 'requests.log');
const deploy = (dir) => {
  rmSync(live, { force: true });
  symlinkSync(dir, live);
};
const base = '/dateline/';
const port = 4191;
deploy(older);
writeFileSync(log, '');
const server = spawn('node', [join(repo, 'tests/server.mjs'), '--dir', live, '--base', base, '--port', String(port), '--log', log], {
  stdio: ['ignore', 'pipe', 'inherit'],
});
await new Promise((ready) => server.stdout.once('data', ready));

const articles = (site) => Number(readFileSync(join(site, 'data/manifest.txt'), 'utf8').match(/^articles\t(\d+)$/m)[1]);
const catalogParts = (site) => [
  ...new Set(
    readFileSync(join(site, 'data/manifest.txt'), 'utf8')
      .split('\n')
      .map((l) => l.split('\t'))
      .filter((r) => r[0] === 'catalog' || r[0] === 'head')
      .map((r) => r[1].split('/').pop()),
  ),
];
const counted = (n) => new RegExp(`^${n.toLocaleString('en-US')} articles?$`);

// A profile on disk, as an installed reader has (an incognito context's
// storage quota is far smaller than the catalog of a large archive).
const profile = join(work, 'profile');
rmSync(profile, { recursive: true, force: true });
const context = await chromium.launchPersistentContext(profile, {
  executablePath: chromePath(),
  baseURL: `http://127.0.0.1:${port}${base}`,
});
const dataCached = (page) => page.evaluate(async () => (await (await caches.open('dateline-data')).keys()).length);
let cachedBefore = 0;
let cachedNamesNow = [];
try {
  const page = context.pages()[0] ?? (await context.newPage());
  const count = page.locator('.result-count');
  // Installed, with the whole catalog in.
  await page.goto('./');
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.reload();
  await page.waitForFunction(() => !!navigator.serviceWorker.controller);
  await count.filter({ hasText: counted(articles(older)) }).waitFor({ timeout: 300_000 });
  // Wait for every catalog part the manifest names to be cached (the head
  // is in the precache, the rest in the reading cache).
  const parts = catalogParts(older);
  const cachedNames = () =>
    page.evaluate(async () => {
      const names = [];
      for (const cache of await caches.keys()) {
        for (const r of await (await caches.open(cache)).keys()) names.push(new URL(r.url).pathname.split('/').pop());
      }
      return names;
    });
  for (let waited = 0; !parts.every((p) => cachedNamesNow.includes(p)); waited += 500) {
    if (waited > 120_000) throw new Error('the catalog did not finish streaming in 10 minutes');
    await page.waitForTimeout(500);
    cachedNamesNow = await cachedNames();
  }
  const cards = page.getByRole('main').locator('.article-list > li');
  for (const i of [0, 1, 2]) {
    await cards.nth(i).getByRole('heading').getByRole('link').click();
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.goBack();
    await count.waitFor();
  }
  cachedBefore = await dataCached(page);
  // The update.
  writeFileSync(log, '');
  deploy(newer);
  await page.evaluate(() => window.dispatchEvent(new Event('dateline:check-update')));
  const banner = page.getByRole('status').filter({ hasText: 'New version available' });
  await banner.waitFor({ timeout: 120_000 });
  await banner.getByRole('button', { name: 'Reload' }).click();
  await count.filter({ hasText: counted(articles(newer)) }).waitFor({ timeout: 300_000 });
  await cards.first().getByRole('heading').getByRole('link').click();
  await page.getByRole('heading', { level: 1 }).waitFor();
  // Let the service worker finish what it fetches behind the page.
  await page.waitForTimeout(3000);
} finally {
  await context.close();
  server.kill();
}

const requests = readFileSync(log, 'utf8').split('\n').filter(Boolean);
const files = requests.map((path) => {
  const name = decodeURIComponent(path.slice(base.length)) || 'index.html';
  let file = join(newer, name);
  if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
  if (!existsSync(file)) file = join(newer, '404.html');
  const bytes = readFileSync(file);
  return { path, bytes: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
});
const sum = (key) => files.reduce((n, f) => n + f[key], 0);
const report = {
  older: { site: older, articles: articles(older) },
  newer: { site: newer, articles: articles(newer) },
  data_files_cached_before: cachedBefore,
  requests: files.length,
  bytes: sum('bytes'),
  gzip_bytes: sum('gzip'),
  largest: [...files].sort((a, b) => b.bytes - a.bytes).slice(0, 12),
};
const text = JSON.stringify(report, null, 2);
if (out) {
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${text}\n`);
}
console.log(text);
