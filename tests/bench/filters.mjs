// Browser benchmark: time from a filter change or a keystroke to the updated
// list, read from the app's own performance measures ("dateline:update",
// from the change to the frame after the DOM update), in headless Chromium.
// Also the time to the first painted list. Writes target/bench/browser.json.
//
//   make bench        (builds the Reuters site, then runs this)
//   node tests/bench/filters.mjs [--dir target/e2e-reuters]

import { chromium } from '@playwright/test';
import { spawn } from 'node:child_process';
import { mkdir, writeFile, stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = fileURLToPath(new URL('../../', import.meta.url));
const { values } = parseArgs({ options: { dir: { type: 'string', default: 'target/e2e-reuters' }, port: { type: 'string', default: '4180' } } });
const base = `http://127.0.0.1:${values.port}/dateline/`;

try {
  await stat(`${root}${values.dir}/articles.json`);
} catch {
  console.error(`bench: ${values.dir}/articles.json is missing; run make bench (needs ../shared)`);
  process.exit(0);
}

const server = spawn('node', [`${root}tests/server.mjs`, '--dir', `${root}${values.dir}`, '--port', values.port], { stdio: 'ignore' });
await new Promise((r) => setTimeout(r, 500));
// Warm the server's gzip cache so the figures measure the app, not the test server.
for (const file of ['', 'articles.json']) await (await fetch(base + file, { headers: { 'accept-encoding': 'gzip' } })).arrayBuffer();

const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.round((s.length - 1) * p)];
};
const summary = (xs) => ({ p50: +pct(xs, 0.5).toFixed(2), p95: +pct(xs, 0.95).toFixed(2), max: +Math.max(...xs).toFixed(2), samples: xs.length });

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
try {
  // Service workers blocked: a first visit would also precache the whole bundle in the background.
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, serviceWorkers: 'block' });
  const started = Date.now();
  await page.goto(base);
  await page.locator('.article-list > li').first().waitFor({ timeout: 60_000 });
  const firstList = Date.now() - started;
  const nav = await page.evaluate(() => performance.getEntriesByType('navigation')[0].toJSON());
  // The search index is built just after the first list appears.
  await page.waitForFunction(() => performance.getEntriesByName('dateline:index').length > 0, null, { timeout: 60_000 });
  const indexMs = await page.evaluate(() => performance.getEntriesByName('dateline:index')[0].duration);

  const measures = () => page.evaluate(() => performance.getEntriesByName('dateline:update').map((e) => e.duration));
  async function timed(action) {
    const before = (await measures()).length;
    await action();
    await page.waitForFunction((n) => performance.getEntriesByName('dateline:update').length > n, before);
    const all = await measures();
    return all[all.length - 1];
  }

  const topic = [];
  for (let round = 0; round < 5; round++) {
    for (const name of [/^Mergers\/Acquisitions/, /^Crude Oil/, /^Trade/, /^Earnings and Earnings/]) {
      const box = page.getByRole('checkbox', { name });
      topic.push(await timed(() => box.click()));
    }
    for (const name of [/^Mergers\/Acquisitions/, /^Crude Oil/, /^Trade/, /^Earnings and Earnings/]) {
      const box = page.getByRole('checkbox', { name });
      topic.push(await timed(() => box.click()));
    }
  }

  const date = [];
  for (let round = 0; round < 5; round++) {
    for (const name of ['Last day', 'Last week', 'Last month', 'Last year', 'All dates']) {
      date.push(await timed(() => page.getByRole('button', { name }).click()));
    }
  }

  const search = [];
  const box = page.getByRole('searchbox', { name: 'Search articles' });
  for (let round = 0; round < 3; round++) {
    await box.click();
    for (const ch of 'oil prices opec') {
      search.push(await timed(() => page.keyboard.type(ch)));
    }
    await timed(() => box.press('Escape'));
  }

  const settled = await page.evaluate(() => performance.getEntriesByName('dateline:settled').map((e) => e.duration));
  const query = await page.evaluate(() => performance.getEntriesByName('dateline:query').slice(1).map((e) => e.duration));
  const report = {
    corpus: values.dir,
    when: new Date().toISOString(),
    first_list_ms: firstList,
    dom_content_loaded_ms: Math.round(nav.domContentLoadedEventEnd),
    search_index_build_ms: Math.round(indexMs),
    bundle_transfer_bytes: (await page.evaluate(() => performance.getEntriesByType('resource').find((e) => e.name.endsWith('articles.json'))?.encodedBodySize)) ?? null,
    topic_change_ms: summary(topic),
    date_change_ms: summary(date),
    search_keystroke_ms: summary(search),
    // To the end of the first task after the update (includes a frame render when one is due).
    settled_ms: summary(settled),
    // The query logic alone (engine.run in wasm), over all the changes above.
    query_only_ms: summary(query),
  };
  await mkdir(`${root}target/bench`, { recursive: true });
  await writeFile(`${root}target/bench/browser.json`, JSON.stringify(report, null, 2));
  console.log(JSON.stringify(report, null, 2));
} finally {
  await browser.close();
  server.kill();
}
