// The seed site, two builds side by side (e.g. before and after a change):
// median over runs of the time from navigation to the first painted list, and
// the bytes transferred until then. Service workers blocked, like the bench.
// The two builds take turns run by run, so drift in the machine's load
// affects both alike.
//   node tests/bench/seed-compare.mjs DIR_A DIR_B [runs]
import { chromium } from '@playwright/test';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const [a, b, runs = '15'] = process.argv.slice(2);
if (!a || !b) {
  console.error('usage: node tests/bench/seed-compare.mjs DIR_A DIR_B [runs]');
  process.exit(64);
}
const median = (xs) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const sites = [a, b].map((dir, i) => {
  const port = 4191 + i * 2;
  const server = spawn('node', [`${root}tests/server.mjs`, '--dir', dir, '--port', String(port)], { stdio: 'ignore' });
  return { dir, port, server, times: [], bytes: [] };
});
await new Promise((r) => setTimeout(r, 500));

async function firstList(port) {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  const page = await context.newPage();
  // The first list item in the DOM, then the frame that paints it.
  await page.addInitScript(() => {
    new MutationObserver((_, observer) => {
      if (!document.querySelector('.article-list li')) return;
      observer.disconnect();
      requestAnimationFrame(() => setTimeout(() => (window.__painted = performance.now())));
    }).observe(document, { subtree: true, childList: true });
  });
  await page.goto(`http://127.0.0.1:${port}/dateline/`);
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
    const [t, sent] = await firstList(site.port);
    if (n > 0) {
      site.times.push(t);
      site.bytes.push(sent);
    }
  }
}
await browser.close();
const result = {};
for (const site of sites) {
  site.server.kill();
  result[site.dir] = {
    first_list_painted_ms: +median(site.times).toFixed(1),
    min_ms: +Math.min(...site.times).toFixed(1),
    transferred_bytes: median(site.bytes),
    runs: site.times.length,
  };
}
console.log(JSON.stringify(result, null, 2));
