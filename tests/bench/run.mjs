// The benchmark: for each built site (seed, Reuters, the 200k scale-up), in
// one headless Chromium run: bytes and time to the first contentful paint
// (the prerendered list), to the app's first painted list and to
// all filters ready (catalog complete; medians of 7 loads), to an opened article; wasm size; JS
// heap plus wasm memory; p50/p95 of topic, date and search-keystroke updates;
// cold and warm search (time and bytes); and MiniSearch over the same
// articles, same queries, same browser, as the JavaScript baseline.
// Writes target/bench/report.json. No assertion on time anywhere.
//
//   make bench                      (builds what is missing, then runs this)
//   node tests/bench/run.mjs --sites seed=dist,reuters=target/e2e-reuters

import { chromium } from '@playwright/test';
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import MiniSearch from 'minisearch';
import { readManifest } from '../e2e/helpers.js';
import { chromePath } from '../chrome.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const { values } = parseArgs({
  options: {
    sites: { type: 'string', default: 'seed=dist,reuters=target/e2e-reuters,scale=target/bench/scale-site' },
    port: { type: 'string', default: '4185' },
    // Dateline's figures alone (no MiniSearch): for comparing two builds.
    'dateline-only': { type: 'boolean', default: false },
  },
});
const QUERIES = ['oil prices ', 'bank rate cut ', 'opec ', 'coffee ', 'yen dol'];

// Dateline's reading of a query (core/src/query/search.rs, Terms::parse), to know
// which keystrokes change the search.
const termsOf = (q) => {
  const words = q.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  let prefix = /\s$/.test(q) ? null : words.pop() ?? null;
  if (prefix && [...prefix].length < 3) {
    if (!words.length) words.push(prefix);
    prefix = null;
  }
  return JSON.stringify([[...new Set(words)].sort(), prefix]);
};

const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.round((xs.length - 1) * p)];
const summary = (xs) =>
  xs.length ? { p50: +pct(xs, 0.5).toFixed(2), p95: +pct(xs, 0.95).toFixed(2), max: +Math.max(...xs).toFixed(2), samples: xs.length } : null;
const gz = (buf) => gzipSync(buf, { level: 9 }).length;

function sites() {
  return values.sites
    .split(',')
    .map((s) => s.split('='))
    .filter(([name, dir]) => {
      const ok = existsSync(`${root}${dir}/data/manifest.txt`);
      if (!ok) console.error(`bench: skipping ${name}: ${dir}/data/manifest.txt is missing (make bench builds it; Reuters and scale need ../shared)`);
      return ok;
    });
}

/** The articles as MiniSearch documents, read back from the site data (catalog + bodies). */
function documents(dir) {
  const data = `${root}${dir}/data/`;
  const docs = [];
  // Body shards: an `article` record (id, title, …) then its body records
  // (`kind depth fields…`, core/src/data/body.rs), fields tab-separated and
  // backslash-escaped (docs/format.md). The text of every block is indexed,
  // as Dateline indexes it: which field holds the text, by record kind.
  const textField = { p: 1, h: 2, li: 1, t: 1, code: 1, pre: 1, link: 1, embed: 2, quote: 1, figure: 3 };
  const unescape = (f) => f.replace(/\\(.)/g, (_, c) => ({ t: '\t', n: '\n', r: '\r' })[c] ?? c);
  for (const file of readdirSync(data).filter((f) => f.startsWith('body-'))) {
    let doc;
    for (const line of readFileSync(data + file, 'utf8').split('\n').slice(1)) {
      const [kind, ...fields] = line.split('\t').map(unescape);
      if (kind === 'article') docs.push((doc = { id: fields[0], title: fields[1], paragraphs: [] }));
      else if (doc && kind in textField && fields[textField[kind]]) doc.paragraphs.push(fields[textField[kind]]);
      else if (doc && (kind === 'tr' || kind === 'thead')) doc.paragraphs.push(fields.slice(1).join(' '));
    }
  }
  return docs.map(({ id, title, paragraphs }) => ({ id, title, text: paragraphs.join('\n') }));
}

// MiniSearch configured as close to Dateline's search as it allows: folded
// case and diacritics, every word required, the last one a prefix, title x3.
const processTerm = (t) => t.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
const MS_OPTIONS = {
  fields: ['title', 'text'],
  processTerm,
  searchOptions: { boost: { title: 3 }, combineWith: 'AND' },
};

function startServer(dir) {
  const server = spawn('node', [`${root}tests/server.mjs`, '--dir', `${root}${dir}`, '--port', values.port], { stdio: 'ignore' });
  return server;
}

async function warmServer(base, dir) {
  // The server may still be starting (a large site's directory takes a moment).
  for (let tries = 0; ; tries++) {
    try {
      await (await fetch(base)).arrayBuffer();
      break;
    } catch (e) {
      if (tries >= 100) throw e;
      await new Promise((done) => setTimeout(done, 100));
    }
  }
  // The test server gzips on first request; warm it so the figures measure the app.
  const files = ['', ...readdirSync(`${root}${dir}/data`).filter((f) => !f.startsWith('body-')).map((f) => `data/${f}`)];
  for (const f of readdirSync(`${root}${dir}`)) if (/\.(js|wasm|css)$/.test(f)) files.push(f);
  for (const file of files) await (await fetch(base + file, { headers: { 'accept-encoding': 'gzip' } })).arrayBuffer();
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const LOAD_RUNS = 7;

// First list painted and all filters ready, from navigation, with the bytes
// transferred by each: medians over fresh pages, since one load on this VM
// can be off by half.
async function loadTimes(browser, base) {
  const runs = { shown: [], shownBytes: [], list: [], listBytes: [], filters: [], filtersBytes: [] };
  for (let i = 0; i < LOAD_RUNS; i++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, serviceWorkers: 'block' });
    const page = await context.newPage();
    await page.goto(base);
    await page.waitForFunction(() => performance.getEntriesByName('dateline:catalog-complete').length > 0, null, { timeout: 600_000 });
    await page.waitForFunction(() => performance.getEntriesByName('dateline:list-painted').length > 0, null, { timeout: 120_000 });
    // `shown`: the first contentful paint, the list page's own HTML (the
    // newest articles, prerendered) before the app has loaded; `list`: the
    // app's list, which takes that page over.
    const [shown, shownBytes, list, listBytes, filters, filtersBytes] = await page.evaluate(() => {
      const at = (m) => performance.getEntriesByName(m)[0].startTime;
      const sent = (until) =>
        performance.getEntriesByType('navigation')[0].transferSize +
        performance.getEntriesByType('resource').filter((e) => e.responseEnd <= until).reduce((n, e) => n + e.transferSize, 0);
      const [shown, list, filters] = [at('first-contentful-paint'), at('dateline:list-painted'), at('dateline:catalog-complete')];
      return [shown, sent(shown), list, sent(list), filters, sent(filters)];
    });
    Object.entries({ shown, shownBytes, list, listBytes, filters, filtersBytes }).forEach(([k, v]) => runs[k].push(v));
    await context.close();
  }
  return runs;
}

// When the result count last changed to a figure (not "Searching…"), to the
// microtask: a MutationObserver on it, so the timing is not bound to polling.
async function watchCount(page) {
  await page.evaluate(() => {
    window.__counted = [];
    new MutationObserver(() => {
      const text = document.querySelector('.result-count')?.textContent ?? '';
      if (!text.startsWith('Searching')) window.__counted.push(performance.now());
    }).observe(document.querySelector('.list-tools'), { subtree: true, childList: true, characterData: true });
  });
}

// One search typed into the box: the time to its answer and the index bytes it fetched.
async function search(page, q) {
  const box = page.getByRole('searchbox', { name: 'Search articles' });
  await box.fill('');
  await page.waitForFunction(() => !document.querySelector('.result-count')?.textContent.startsWith('Searching'));
  const t0 = await page.evaluate(() => performance.now());
  await box.fill(q);
  await page.waitForFunction(
    (t0) => !document.querySelector('.result-count')?.textContent.startsWith('Searching') && window.__counted.some((t) => t > t0),
    t0,
  );
  await page.waitForTimeout(50);
  const t1 = await page.evaluate((t0) => Math.max(...window.__counted.filter((t) => t > t0)), t0);
  const bytes = await page.evaluate(
    ([a, b]) =>
      performance
        .getEntriesByType('resource')
        .filter((e) => /\/data\/(index|terms|lexicon)-/.test(e.name) && e.startTime >= a && e.responseEnd <= b + 1)
        .reduce((n, e) => n + e.transferSize, 0),
    [t0, t1],
  );
  return { ms: +(t1 - t0).toFixed(1), bytes, hits: await page.locator('.result-count').textContent() };
}

// Misspelled searches, each the first of a fresh browser (nothing of the
// index loaded or cached), then again warm: the query's compute in wasm.
const MISSPELLED = ['opek', 'bundesbnak ', 'intrest rate', 'petrolium ', 'accquisition'];
async function misspelledSearches(browser, base) {
  const cold = {};
  const pooled = [];
  for (const q of MISSPELLED) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, serviceWorkers: 'block' });
    const page = await context.newPage();
    await page.goto(base);
    await page.waitForFunction(() => performance.getEntriesByName('dateline:catalog-complete').length > 0, null, { timeout: 600_000 });
    await watchCount(page);
    cold[q] = await search(page, q);
    const notice = await page.locator('.notice.spelling').textContent().catch(() => null);
    cold[q].notice = notice;
    // Twenty queries each (a p95 of five is their maximum: one pause of the
    // VM's), pooled over the five queries for the figure.
    const warm = [];
    for (let round = 0; round < 20; round++) {
      const before = await page.evaluate(() => performance.getEntriesByName('dateline:query').length);
      await page.getByRole('searchbox', { name: 'Search articles' }).fill(round % 2 ? q : `${q}x`);
      await page.waitForFunction((n) => performance.getEntriesByName('dateline:query').length > n, before);
      warm.push(await page.evaluate(() => performance.getEntriesByName('dateline:query').at(-1).duration));
    }
    cold[q].warm_query_ms = summary(warm);
    pooled.push(...warm);
    await context.close();
  }
  const ms = Object.values(cold).map((c) => c.ms);
  const warmP95 = summary(pooled).p95;
  return { ...cold, cold_max_ms: Math.max(...ms), cold_max_bytes: Math.max(...Object.values(cold).map((c) => c.bytes)), warm_p95_ms: warmP95 };
}

async function measureSite(browser, name, dir) {
  const base = `http://127.0.0.1:${values.port}/dateline/`;
  const server = startServer(dir);
  await new Promise((r) => setTimeout(r, 500));
  try {
    await warmServer(base, dir);
    console.error(`bench: ${name}: server warm`);
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, serviceWorkers: 'block' });
    const page = await context.newPage();
    await page.addInitScript(() => addEventListener('TrunkApplicationStarted', (e) => (window.__wasm = e.detail.wasm)));
    const cdp = await context.newCDPSession(page);

    const loads = await loadTimes(browser, base);
    const firstList = median(loads.list);
    const firstListBytes = median(loads.listBytes);
    const filtersReady = median(loads.filters);
    const filtersBytes = median(loads.filtersBytes);
    console.error(`bench: ${name}: first list ${firstList} ms (median of ${LOAD_RUNS})`);
    await page.goto(base);
    await page.waitForFunction(() => performance.getEntriesByName('dateline:catalog-complete').length > 0, null, { timeout: 600_000 });
    await cdp.send('HeapProfiler.collectGarbage');
    const heap = (await cdp.send('Runtime.getHeapUsage')).usedSize;
    const wasmMemory = await page.evaluate(() => window.__wasm?.memory?.buffer?.byteLength ?? null);
    console.error(`bench: ${name}: loaded; searching`);

    // Cold search: the first one on this page (chunk table and chunks not loaded yet).
    const box = page.getByRole('searchbox', { name: 'Search articles' });
    const count = page.locator('.result-count');
    await watchCount(page);
    const searchOnce = (q) => search(page, q);
    const cold = {};
    for (const q of QUERIES) {
      cold[q] = await searchOnce(q);
      console.error(`bench: ${name}: cold ${q} ${JSON.stringify(cold[q])}`);
    }
    const warm = {};
    for (const q of QUERIES) warm[q] = await searchOnce(q);
    await box.fill('');

    // Interactions: from the change to the updated DOM (the app's `dateline:update` measure).
    // Also to the browser's next rendering step after it (`dateline:settled`),
    // which does not depend on where in the app the measuring effect runs.
    const entries = (name) => page.evaluate((n) => performance.getEntriesByName(n).map((e) => e.duration), name);
    const settled = { topic: [], date: [], keystroke: [] };
    async function timed(action, kind) {
      const before = (await entries('dateline:update')).length;
      const beforeSettled = (await entries('dateline:settled')).length;
      await action();
      await page.waitForFunction((n) => performance.getEntriesByName('dateline:update').length > n, before);
      await page.waitForFunction((n) => performance.getEntriesByName('dateline:settled').length > n, beforeSettled);
      settled[kind]?.push((await entries('dateline:settled')).at(-1));
      return (await entries('dateline:update')).at(-1);
    }
    // The topics' own boxes (facet filters share the class, and a facet value
    // every article has changes nothing to measure).
    const boxes = page.getByRole('group', { name: 'Topics' }).getByRole('checkbox');
    const topicCount = Math.min(4, await boxes.count());
    const topic = [];
    for (let round = 0; round < 5; round++) {
      for (let i = 0; i < topicCount * 2; i++) topic.push(await timed(() => boxes.nth(i % topicCount).click(), 'topic'));
    }
    const date = [];
    for (let round = 0; round < 5; round++) {
      for (const label of ['Last day', 'Last week', 'Last month', 'Last year', 'All dates']) {
        date.push(await timed(() => page.getByRole('button', { name: label }).click(), 'date'));
      }
    }
    // Keystrokes, twice over the same text: the second round is warm (chunks in memory).
    const keystroke = [];
    for (let round = 0; round < 2; round++) {
      await box.click();
      let typed = '';
      for (const ch of 'oil prices opec') {
        const changes = termsOf(typed) !== termsOf(typed + ch);
        typed += ch;
        if (!changes) {
          // Same search as before (e.g. a one-letter word being typed): nothing to update.
          await page.keyboard.type(ch);
          continue;
        }
        const ms = await timed(() => page.keyboard.type(ch), round === 1 ? 'keystroke' : undefined);
        if (round === 1) keystroke.push(ms);
      }
      await timed(() => box.press('Escape'));
    }
    const queryOnly = await page.evaluate(() => performance.getEntriesByName('dateline:query').map((e) => e.duration));

    // Dateline's warm query compute for the benchmark queries, in wasm (engine run, search + filters).
    const datelineQuery = [];
    for (let round = 0; round < 5; round++) {
      for (const q of QUERIES) {
        const before = await page.evaluate(() => performance.getEntriesByName('dateline:query').length);
        await box.fill(q);
        await page.waitForFunction((n) => performance.getEntriesByName('dateline:query').length > n, before);
        datelineQuery.push(await page.evaluate(() => performance.getEntriesByName('dateline:query').at(-1).duration));
      }
    }

    // Opening an article: from the click to the article shown (its shard fetched).
    await box.fill('');
    await page.locator('.article-list .card-title a').first().waitFor();
    const t0 = await page.evaluate(() => performance.now());
    await page.locator('.article-list .card-title a').first().click();
    await page.waitForFunction(() => performance.getEntriesByName('dateline:article-shown').length > 0, null, { timeout: 60_000 });
    const article = await page.evaluate((t0) => {
      const shown = performance.getEntriesByName('dateline:article-shown')[0].startTime;
      const bytes = performance
        .getEntriesByType('resource')
        .filter((e) => /\/data\/(body|bodies)-/.test(e.name) && e.startTime >= t0)
        .reduce((n, e) => n + e.transferSize, 0);
      return { ms: +(shown - t0).toFixed(1), bytes };
    }, t0);

    const manifest = readManifest(readFileSync(`${root}${dir}/data/manifest.txt`, "utf8"));
    const dataFiles = readdirSync(`${root}${dir}/data`);
    const bytesOf = (prefix) =>
      dataFiles.filter((f) => f.startsWith(prefix)).reduce((n, f) => n + statSync(`${root}${dir}/data/${f}`).size, 0);
    const wasmFile = readdirSync(`${root}${dir}`).find((f) => f.endsWith('_bg.wasm'));
    const wasm = readFileSync(`${root}${dir}/${wasmFile}`);
    const indexBytes = bytesOf('index-') + bytesOf('terms-') + bytesOf('lexicon-');
    await context.close();
    console.error(`bench: ${name}: misspelled searches`);
    const misspelled = await misspelledSearches(browser, base);
    const coldMs = Object.values(cold).map((c) => c.ms);
    const datelineQ = summary(datelineQuery);
    const result = {
      articles: manifest.articles,
      catalog_parts: manifest.catalog.length,
      data_bytes: { catalog: bytesOf('catalog-'), facets: bytesOf('facets-'), bodies: bytesOf('body-') + bytesOf('bodies-'), index: indexBytes, lexicon: bytesOf('lexicon-') },
      wasm_bytes: { raw: wasm.length, gzip: gz(wasm) },
      first_paint: { ms: +median(loads.shown).toFixed(1), min_ms: +Math.min(...loads.shown).toFixed(1), transferred_bytes: median(loads.shownBytes), runs: LOAD_RUNS },
      first_list: { ms: +firstList.toFixed(1), min_ms: +Math.min(...loads.list).toFixed(1), transferred_bytes: firstListBytes, runs: LOAD_RUNS },
      filters_ready: { ms: +filtersReady.toFixed(1), min_ms: +Math.min(...loads.filters).toFixed(1), transferred_bytes: filtersBytes, runs: LOAD_RUNS },
      open_article: article,
      memory_after_load_bytes: { js_heap: heap, wasm: wasmMemory, total: heap + (wasmMemory ?? 0) },
      topic_change_ms: summary(topic),
      date_change_ms: summary(date),
      search_keystroke_warm_ms: summary(keystroke),
      settled_ms: { topic: summary(settled.topic), date: summary(settled.date), keystroke: summary(settled.keystroke) },
      query_compute_all_changes_ms: summary(queryOnly),
      search_cold: { ...cold, p50_ms: pct(coldMs, 0.5), max_ms: Math.max(...coldMs), max_bytes: Math.max(...Object.values(cold).map((c) => c.bytes)) },
      search_warm: warm,
      search_misspelled: misspelled,
      dateline_query_ms: datelineQ,
    };
    if (values['dateline-only']) return result;

    // MiniSearch, same articles and queries, same browser.
    console.error(`bench: ${name}: MiniSearch`);
    const docs = documents(dir);
    const ms = new MiniSearch(MS_OPTIONS);
    const buildStart = performance.now();
    ms.addAll(docs);
    const nodeBuildMs = performance.now() - buildStart;
    let indexJson = JSON.stringify(ms);
    const miniIndexBytes = Buffer.byteLength(indexJson);
    const miniIndexGzip = gz(Buffer.from(indexJson));
    let mini;
    let msServer;
    const msPage = await browser.newPage();
    try {
      // A plain local server (not page.route: a 200 MB body through the driver protocol is its own benchmark).
      const lib = readFileSync(`${root}tests/node_modules/minisearch/dist/umd/index.js`, 'utf8');
      msServer = createServer((req, res) => {
        if (req.url === '/index.json') return res.end(indexJson);
        if (req.url === '/minisearch.js') return res.end(lib);
        res.setHeader('content-type', 'text/html');
        res.end('<!doctype html><script src="/minisearch.js"></script>');
      });
      await new Promise((r) => msServer.listen(Number(values.port) + 1, '127.0.0.1', r));
      await msPage.goto(`http://127.0.0.1:${Number(values.port) + 1}/`);
      mini = await msPage.evaluate(
        async ({ queries }) => {
          const processTerm = (t) => t.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
          const t0 = performance.now();
          const json = await (await fetch('/index.json')).text();
          const index = MiniSearch.loadJSON(json, { fields: ['title', 'text'], processTerm, searchOptions: { boost: { title: 3 }, combineWith: 'AND' } });
          const loadMs = performance.now() - t0;
          const times = [];
          const hits = {};
          for (let round = 0; round < 5; round++) {
            for (const q of queries) {
              const typing = !q.endsWith(' ');
              const s = performance.now();
              const r = index.search(q, { prefix: (term, i, terms) => typing && i === terms.length - 1 && term.length >= 3 });
              times.push(performance.now() - s);
              hits[q] = r.length;
            }
          }
          const heap = performance.memory?.usedJSHeapSize ?? null;
          return { loadMs, times, hits, heap };
        },
        { queries: QUERIES },
      );

    } catch (e) {
      // At the 200k scale the tab can run out of memory loading MiniSearch's one index file.
      const times = [];
      const hits = {};
      for (let round = 0; round < 5; round++) {
        for (const q of QUERIES) {
          const typing = !q.endsWith(' ');
          const t = performance.now();
          const r = ms.search(q, { prefix: (term, i, terms) => typing && i === terms.length - 1 && term.length >= 3 });
          times.push(performance.now() - t);
          hits[q] = r.length;
        }
      }
      mini = { error: `in the browser: ${String(e.message ?? e).split('\n')[0]}`, loadMs: null, times, hits };
    }
    await msPage.close().catch(() => {});
    msServer?.close();
    indexJson = null;

    const miniQ = summary(mini.times);
    return {
      ...result,
      minisearch: {
        version: JSON.parse(readFileSync(`${root}tests/node_modules/minisearch/package.json`, 'utf8')).version,
        index_bytes: { raw: miniIndexBytes, gzip: miniIndexGzip },
        node_build_ms: Math.round(nodeBuildMs),
        browser_load_ms: mini.loadMs === null ? null : Math.round(mini.loadMs),
        query_ms: miniQ,
        ...(mini.error ? { error: mini.error, query_ms_measured_in: 'node (same machine), after the browser failed' } : {}),
        hits: mini.hits,
      },
      ratio_dateline_to_minisearch: {
        index_bytes: +(indexBytes / miniIndexBytes).toFixed(3),
        load_time: mini.loadMs === null ? null : +(Math.max(...coldMs) / mini.loadMs).toFixed(3),
        query_latency_p50: +(datelineQ.p50 / Math.max(miniQ.p50, 0.001)).toFixed(3),
        query_latency_p95: +(datelineQ.p95 / Math.max(miniQ.p95, 0.001)).toFixed(3),
      },
    };
  } finally {
    server.kill();
    await new Promise((r) => setTimeout(r, 300));
  }
}

const browser = await chromium.launch({
  executablePath: chromePath(),
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--enable-precise-memory-info'],
});
const report = { when: new Date().toISOString(), queries: QUERIES, sites: {} };
try {
  for (const [name, dir] of sites()) {
    console.error(`bench: ${name} (${dir})…`);
    report.sites[name] = await measureSite(browser, name, dir);
    console.error(JSON.stringify(report.sites[name], null, 1));
  }
} finally {
  await browser.close();
}
await mkdir(`${root}target/bench`, { recursive: true });
await writeFile(`${root}target/bench/report.json`, JSON.stringify(report, null, 2));
console.log(`bench: wrote target/bench/report.json (${Object.keys(report.sites).join(', ')})`);
