import { test, expect } from './app.js';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RUBIO, KUMINGA, readManifest } from './helpers.js';

const target = fileURLToPath(new URL('../../target/', import.meta.url));
const dist = fileURLToPath(new URL('../../dist/', import.meta.url));
const requestLog = join(target, 'e2e-live-requests.log');

/** Serve `dir` (relative to target/) from the pwa server, as a fresh deploy would. */
function deploy(dir) {
  rmSync(join(target, 'e2e-live'), { force: true });
  symlinkSync(dir, join(target, 'e2e-live'));
}

function filesIn(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesIn(path) : [path];
  });
}

async function installed(page) {
  await page.goto('./');
  await expect(page.locator('.result-count')).toHaveText(/articles?$/);
  await page.evaluate(() => navigator.serviceWorker.ready);
  await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
}

test.describe.configure({ mode: 'serial' });

test.beforeEach(() => deploy('../dist'));

test('the manifest parses, its icons and start URL resolve', async ({ page, request, baseURL }) => {
  await page.goto('./');
  const href = await page.locator('link[rel="manifest"]').evaluate((l) => l.href);
  expect(href).toBe(`${baseURL}manifest.webmanifest`);
  const response = await request.get(href);
  expect(response.ok()).toBe(true);
  const manifest = await response.json();
  expect(manifest).toMatchObject({ name: 'Dateline', short_name: 'Dateline', display: 'standalone' });
  expect(manifest.description).toBeTruthy();
  expect(manifest.theme_color).toMatch(/^#[0-9a-f]{6}$/);
  expect(manifest.background_color).toMatch(/^#[0-9a-f]{6}$/);
  expect(new URL(manifest.start_url, href).href).toBe(baseURL);
  expect(new URL(manifest.scope, href).href).toBe(baseURL);
  expect((await request.get(new URL(manifest.start_url, href).href)).status()).toBe(200);

  const sizes = manifest.icons.map((i) => `${i.sizes} ${i.purpose}`).sort();
  expect(sizes).toEqual(['192x192 any', '192x192 maskable', '512x512 any', '512x512 maskable']);
  for (const icon of manifest.icons) {
    const png = await request.get(new URL(icon.src, href).href);
    expect(png.ok()).toBe(true);
    expect(png.headers()['content-type']).toBe('image/png');
    const bytes = await png.body();
    const side = Number(icon.sizes.split('x')[0]);
    expect(bytes.readUInt32BE(16)).toBe(side);
    expect(bytes.readUInt32BE(20)).toBe(side);
  }
});

test('the service worker installs and precaches exactly the files the app needs', async ({ page }) => {
  await installed(page);
  const cached = await page.evaluate(async () => {
    const names = (await caches.keys()).filter((n) => n.startsWith('dateline-') && n !== 'dateline-data');
    const cache = await caches.open(names[0]);
    return { names, urls: (await cache.keys()).map((r) => new URL(r.url).pathname) };
  });
  expect(cached.names).toHaveLength(1);
  // Beside the files, the worker's own record of their revisions (what the next version reuses).
  expect(cached.urls).toContain('/dateline/__dateline-revisions');
  cached.urls = cached.urls.filter((u) => u !== '/dateline/__dateline-revisions');
  const needed = filesIn(dist)
    .map((f) => relative(dist, f))
    // _headers is the host's configuration (cache rules), the feeds and the
    // sitemap are for feed readers and crawlers: none is a file the app loads.
    .filter((f) => !['sw.js', '404.html', '_headers', 'feed.xml', 'feed.json', 'sitemap.xml', 'robots.txt'].includes(f) && !/^(article|saved|offline)\//.test(f))
    .map((f) => `/dateline/${f === 'index.html' ? '' : f}`);
  expect(cached.urls.sort()).toEqual(needed.sort());
  expect(needed.some((f) => f.endsWith('.wasm'))).toBe(true);
  // The seed's site data is small, so all of it is precached.
  expect(needed).toContain('/dateline/data/manifest.txt');
  expect(needed.filter((f) => f.startsWith('/dateline/data/body-'))).toHaveLength(1);
});

test('after one visit the root, deep links and filters work offline', async ({ page, context }) => {
  await installed(page);
  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole('main').getByRole('article')).toHaveCount(2);
  await page.goto(RUBIO);
  await expect(page.locator('.story-body > p')).toHaveCount(21);
  await page.goto(KUMINGA);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^Coach Steve Kerr/);
  await page.goto('./?topic=nba');
  await expect(page.getByRole('main').getByRole('article')).toHaveCount(1);
  await page.getByRole('searchbox', { name: 'Search articles' }).fill('sheinbaum');
  await expect(page.getByRole('main').getByRole('article')).toHaveCount(0);
  await page.getByRole('link', { name: 'Clear all filters' }).first().click();
  await expect(page.getByRole('main').getByRole('article')).toHaveCount(2);
  await context.setOffline(false);
});

/** The seed site as a large one would be: none of its data precached, so only what is read is kept. */
async function asIfLarge(page) {
  await page.evaluate(async () => {
    // What the page has read stays, as the worker keeps what it fetches
    // (`dateline-data`); a file it served from the precache is not copied
    // there, and whether the first screen's files came from the precache or
    // the network depends on when the worker took control.
    const read = new Set(performance.getEntriesByType('resource').map((e) => e.name));
    const kept = await caches.open('dateline-data');
    for (const name of await caches.keys()) {
      if (name === 'dateline-data') continue;
      const cache = await caches.open(name);
      for (const request of await cache.keys()) {
        if (!request.url.includes('/data/') || request.url.endsWith('manifest.txt')) continue;
        if (read.has(request.url) && !(await kept.match(request.url))) await kept.put(request.url, await cache.match(request));
        await cache.delete(request);
      }
    }
  });
}

test('the offline page says what is saved, and saves the rest', async ({ page }) => {
  await installed(page);
  await asIfLarge(page);
  await page.goto(RUBIO);
  await expect(page.locator('.story-body > p')).toHaveCount(21);
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Offline' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Offline reading');
  const status = page.locator('.offline-status');
  await expect(status).toContainText('The app: saved');
  await expect(status).toContainText('Full text: all 2 articles');
  // The word list (the terms table) is saved by looking; the index chunks and the lexicon piece are not.
  await expect(status).toContainText(/Search: only words already searched for \(1 of ([3-9]|\d\d) parts saved\)/);
  const save = page.getByRole('button', { name: /^Save everything for offline \(\d+(\.\d)? (bytes|kB)\)$/ });
  await save.click();
  await expect(page.getByText('Everything is saved: Dateline works fully offline here.')).toBeVisible();
  await expect(status).toContainText('Search: every word');
  await expect(status).toContainText('The article list, dates and topic filters: saved, all articles');
  await expect(save).toHaveCount(0);
});

test('saving for offline without a connection says which file failed; online again it completes', async ({ page, context }) => {
  await installed(page);
  await asIfLarge(page);
  await page.goto('./offline');
  const status = page.locator('.offline-status');
  await expect(status).toContainText('Full text: only articles already opened, and those stored beside them (1 of 2 parts saved)');
  await context.setOffline(true);
  await page.getByRole('button', { name: /^Save everything for offline/ }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saving stopped' })).toContainText(
    /Saving stopped: data\/\w+-[0-9a-f]{16}\.\w+ could not be downloaded\. Try again when online\./,
  );
  await context.setOffline(false);
  await page.getByRole('button', { name: /^Save everything for offline/ }).click();
  await expect(page.getByText('Everything is saved: Dateline works fully offline here.')).toBeVisible();
  await expect(status).toContainText('Full text: all 2 articles');
});

test('a new deploy is noticed, and accepting it shows the new build whole', async ({ page }) => {
  await installed(page);
  await expect(page.getByRole('main').getByRole('article')).toHaveCount(2);
  const manifests = ['../dist', 'e2e-update'].map((dir) => readManifest(readFileSync(join(target, dir, 'data/manifest.txt'), 'utf8')));
  const [oldPart, newPart] = manifests.map((m) => m.catalog[0].file);
  const oldShard = `data/${readdirSync(join(dist, 'data')).find((f) => f.startsWith('body-'))}`;
  const newChunk = `data/${readdirSync(join(target, 'e2e-update/data')).find((f) => f.startsWith('index-'))}`;

  deploy('e2e-update');
  await page.evaluate(() => window.dispatchEvent(new Event('dateline:check-update')));
  const banner = page.getByRole('status').filter({ hasText: 'New version available' });
  await expect(banner).toBeVisible({ timeout: 20_000 });
  // Until accepted, the old build keeps running.
  await expect(page.getByRole('main').getByRole('article')).toHaveCount(2);
  // Files in the reading cache: two of the old data's, two of the new's (a chunk is named only by its table).
  await page.evaluate(
    async ([stale, current]) => {
      const cache = await caches.open('dateline-data');
      const url = (file) => new URL(file, document.baseURI).href;
      for (const file of stale) await cache.put(url(file), new Response('read before the deploy'));
      await cache.addAll(current.map(url));
    },
    [[oldPart, oldShard], [newPart, newChunk]],
  );

  await banner.getByRole('button', { name: 'Reload' }).click();
  await expect(page.getByRole('heading', { name: 'Harbor ferry service returns after winter repairs' })).toBeVisible();
  await expect(page.getByRole('main').getByRole('article')).toHaveCount(3);
  // One cache, the new build's: the old one is gone, so nothing old can be mixed in.
  const version = readFileSync(join(target, 'e2e-update/sw.js'), 'utf8').match(/VERSION = "([0-9a-f]+)"/)[1];
  const names = await page.evaluate(async () => (await caches.keys()).filter((n) => n !== 'dateline-data'));
  expect(names).toEqual([`dateline-${version}`]);
  // The reading cache keeps what the new data names and drops what it no longer does.
  const kept = await page.evaluate(async () =>
    (await (await caches.open('dateline-data')).keys()).map((r) => new URL(r.url).pathname.replace('/dateline/', '')),
  );
  expect(kept).toEqual(expect.arrayContaining([newPart, newChunk]));
  expect(kept).not.toContain(oldPart);
  expect(kept).not.toContain(oldShard);
});

test('a saved article is kept for offline reading, and saved articles outlive a new deploy', async ({ page, context }) => {
  await installed(page);
  await asIfLarge(page);
  const shardsKept = () =>
    page.evaluate(async () => (await (await caches.open('dateline-data')).keys()).filter((r) => r.url.includes('/data/body-')).length);
  expect(await shardsKept()).toBe(0);
  // Saved from the list, never opened: its text is fetched and kept.
  const card = page.getByRole('main').locator('.article-list > li').filter({ hasText: 'Coach Steve Kerr' });
  await card.getByRole('button', { name: 'Save', exact: true }).click();
  await expect.poll(shardsKept).toBeGreaterThan(0);
  await context.setOffline(true);
  await page.goto('./saved');
  await page.getByRole('main').getByRole('link', { name: /^Coach Steve Kerr/ }).click();
  await expect(page.locator('.story-body')).toContainText('shootaround');
  await context.setOffline(false);

  // A new deploy, accepted: the saved article is still saved.
  deploy('e2e-update');
  await page.goto('./saved');
  await page.evaluate(() => window.dispatchEvent(new Event('dateline:check-update')));
  const banner = page.getByRole('status').filter({ hasText: 'New version available' });
  await expect(banner).toBeVisible({ timeout: 20_000 });
  await banner.getByRole('button', { name: 'Reload' }).click();
  await expect(page.getByRole('main').locator('.article-list > li')).toHaveCount(1);
  await expect(page.getByRole('main').locator('.article-list')).toContainText('Coach Steve Kerr');
});

// Built by tests/fixtures/make-news.mjs: two feeds on 127.0.0.1, subscribed,
// `dateline update`, built; new stories published (one old one left its
// feed), `dateline update`, built again.
test('a news site that keeps itself up to date: the update brings the new stories on top and keeps the old', async ({ page, context }) => {
  deploy('e2e-news-1');
  await installed(page);
  const cards = page.getByRole('main').locator('.article-list > li');
  await expect(cards).toHaveCount(4);
  await expect(cards.first()).toContainText('Harbour tunnel opens to cyclists');
  await cards.first().getByRole('link').first().click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Harbour tunnel opens to cyclists');
  await page.goBack();

  writeFileSync(requestLog, '');
  deploy('e2e-news-2');
  await page.evaluate(() => window.dispatchEvent(new Event('dateline:check-update')));
  const banner = page.getByRole('status').filter({ hasText: 'New version available' });
  await expect(banner).toBeVisible({ timeout: 20_000 });
  await banner.getByRole('button', { name: 'Reload' }).click();
  await expect(cards).toHaveCount(6);
  // The update downloaded only what changed: no file the two builds share (the
  // wasm, the scripts, the icons, unchanged data) was requested again.
  const same = (file) => {
    const [a, b] = ['e2e-news-1', 'e2e-news-2'].map((dir) => join(target, dir, file));
    return existsSync(a) && existsSync(b) && readFileSync(a).equals(readFileSync(b));
  };
  const requested = readFileSync(requestLog, 'utf8').split('\n').filter(Boolean).map((p) => p.replace('/dateline/', ''));
  const shared = filesIn(join(target, 'e2e-news-2')).map((f) => relative(join(target, 'e2e-news-2'), f)).filter(same);
  expect(shared.some((f) => f.endsWith('.wasm'))).toBe(true);
  expect(requested.filter((f) => shared.includes(f) && f !== 'sw.js')).toEqual([]);
  expect(requested.length).toBeGreaterThan(0);
  // What was read before the update still opens offline.
  await context.setOffline(true);
  await page.getByRole('main').getByRole('link', { name: 'Harbour tunnel opens to cyclists' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Harbour tunnel opens to cyclists');
  await page.goBack();
  await context.setOffline(false);
  await expect(cards.nth(0)).toContainText('Night trams return on Friday');
  await expect(cards.nth(1)).toContainText('Grain ships sail again from the north quay');
  await expect(cards.last()).toContainText('Dropped from the feed after the first run');
  await cards.last().getByRole('link').first().click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Dropped from the feed after the first run');
  // The city desk's copy of the wire's strike story is that story, listing both outlets.
  await page.goBack();
  await page.getByRole('main').getByRole('link', { name: 'Port strike ends after nine days' }).click();
  await expect(page.locator('.meta.also')).toHaveText('Also reported by The city desk');
  await expect(page.locator('.meta.also').getByRole('link', { name: 'The city desk' })).toHaveAttribute('href', 'https://news.test/c9');
});

test.afterAll(() => deploy('../dist'));
