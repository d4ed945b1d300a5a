// The seed site, two builds side by side (e.g. before and after a change):
// median over runs of the time from navigation to the first painted list, and
// to the first painted paragraph of an article opened by its URL, and the
// bytes transferred until then. Service workers blocked, like the bench.
// The two builds take turns run by run, so drift in the machine's load
// affects both alike.
//   node tests/bench/seed-compare.mjs DIR_A DIR_B [runs]
import { chromium } from '@playwright/test';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { chromePath } from '../chrome.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const [a, b, runs = '15'] = process.argv.slice(2);
if (!a || !b) {
  console.error('usage: node tests/bench/seed-compare.mjs DIR_A DIR_B [runs]');
  process.exit(64);
}
const median = (xs) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
const browser = await chromium.launch({
  executablePath: chromePath(),
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const sites = [a, b].map((dir, i) => {
  const port = 4191 + i * 2;
  const server = spawn('node', [`${root}tests/server.mjs`, '--dir', dir, '--port', String(port)], { stdio: 'ignore' });
  return { dir, port, server, list: { times: [], bytes: [] }, article: { times: [], bytes: [] } };
});
await new Promise((r) => setTimeout(r, 500));

const PAGES = {
  list: ['', '.article-list li'],
  article: ['article/rubio-says-us-and-mexico-will-strengthen-security-collaboration', '.story-body p'],
};

async function firstPaint(port, [path, selector]) {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  const page = await context.newPage();
  // The first matching element in the DOM, then the frame that paints it.
  await page.addInitScript((selector) => {
    new MutationObserver((_, observer) => {
      if (!document.querySelector(selector)) return;
      observer.disconnect();
      requestAnimationFrame(() => setTimeout(() => (window.__painted = performance.now())));
    }).observe(document, { subtree: true, childList: true });
  }, selector);
  await page.goto(`http://127.0.0.1:${port}/dateline/${path}`);
  await page.waitForFunction(() => window.__painted);
  const result = await page.evaluate(() => [
    window.__painted,
    performance.getEntriesByType('navigation')[0].transferSize +
      performance.getEntriesByType('resource').filter((e) => e.responseEnd <= window.__painted).reduce((s, e) => s + e.transferSize, 0),
  ]);
  await context.close();
  return result;
}

// One warm-up run each, then the runs, alternating.
for (let n = 0; n < Number(runs) + 1; n++) {
  for (const site of n % 2 ? [...sites].reverse() : sites) {
    for (const [name, page] of Object.entries(PAGES)) {
      const [t, sent] = await firstPaint(site.port, page);
      if (n > 0) {
        site[name].times.push(t);
        site[name].bytes.push(sent);
      }
    }
  }
}
await browser.close();
const result = {};
for (const site of sites) {
  site.server.kill();
  result[site.dir] = Object.fromEntries(
    Object.keys(PAGES).map((name) => {
      const { times, bytes } = site[name];
      return [name, { painted_ms: +median(times).toFixed(1), min_ms: +Math.min(...times).toFixed(1), transferred_bytes: median(bytes), runs: times.length }];
    }),
  );
}
console.log(JSON.stringify(result, null, 2));
