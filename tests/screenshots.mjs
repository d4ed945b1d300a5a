// Screenshots of the list and an article at phone and desktop widths, light
// and dark, from the release build: `make screenshots` (writes docs/screenshots/).
import { chromium } from '@playwright/test';
import { mkdir, readFile } from 'node:fs/promises';
import { deflateSync } from 'node:zlib';
import { chromePath } from './chrome.mjs';

const base = process.env.SCREENSHOT_URL ?? 'http://127.0.0.1:4173/dateline/';
const out = new URL('../docs/screenshots/', import.meta.url).pathname;
await mkdir(out, { recursive: true });

const browser = await chromium.launch({
  executablePath: chromePath(),
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const pages = [
  ['list', ''],
  ['article', 'article/rubio-says-us-and-mexico-will-strengthen-security-collaboration'],
  ['offline', 'offline'],
  // The rich-article fixture (tests/fixtures/rich.json, built by `make e2e-fixtures`).
  ['rich', 'article/harbour-bridge-reopens', 'rich'],
  ['rtl', 'article/rtl-market-story', 'rich'],
];

// A 1200×675 picture (a dusk gradient) for the fixture's lead image, drawn here
// so no third-party photo is needed; its second picture is left missing on purpose.
function gradientPng(width, height) {
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1);
    for (let x = 0; x < width; x++) {
      const t = y / height;
      const glow = Math.max(0, 1 - Math.hypot(x - width * 0.7, y - height * 0.62) / (width * 0.45));
      raw[row + 1 + x * 3] = Math.min(255, 40 + 150 * t + 90 * glow);
      raw[row + 1 + x * 3 + 1] = Math.min(255, 60 + 70 * t + 60 * glow);
      raw[row + 1 + x * 3 + 2] = Math.min(255, 120 - 40 * t + 10 * glow);
    }
  }
  const chunk = (type, data) => {
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    out.write(type, 4, 'ascii');
    data.copy(out, 8);
    let crc = ~0;
    for (const byte of out.subarray(4, 8 + data.length)) {
      crc ^= byte;
      for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
    }
    out.writeUInt32BE(~crc >>> 0, 8 + data.length);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', header), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}
const picture = gradientPng(1200, 675);
const fixtures = new URL('../target/e2e-fixtures/', import.meta.url);

/** Serves fixture `name`'s site data and pictures in place of the site's own. */
async function serveFixture(page, name) {
  await page.route('**/data/**', async (route) => {
    const file = `data/${new URL(route.request().url()).pathname.split('/data/')[1]}`;
    const body = await readFile(new URL(`${name}/${file}`, fixtures)).catch(() => null);
    return body ? route.fulfill({ status: 200, body }) : route.fulfill({ status: 404, body: 'not found' });
  });
  await page.route('**/media/**', (route) =>
    route.request().url().endsWith('.png') ? route.fulfill({ status: 200, contentType: 'image/png', body: picture }) : route.fulfill({ status: 404 }),
  );
}
for (const [width, height] of [[390, 844], [1280, 900]]) {
  for (const scheme of ['light', 'dark']) {
    // No service worker: page.route() must see the fixture's requests.
    const context = await browser.newContext({ viewport: { width, height }, colorScheme: scheme, serviceWorkers: 'block' });
    const page = await context.newPage();
    for (const [name, path, fixture] of pages) {
      await page.unrouteAll();
      if (fixture) await serveFixture(page, fixture);
      await page.goto(base + path);
      await page.getByRole('heading', { level: 1 }).waitFor();
      // A prerendered page shows its heading before the app takes it over:
      // the picture is of the app's page (the list's filters built, the
      // frame painted).
      await page.locator('#boot').waitFor({ state: 'detached' });
      if (name === 'list') await page.locator('.filter-controls fieldset').first().waitFor({ state: 'attached' });
      await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
      if (name === 'offline') await page.locator('.offline-status li').first().waitFor();
      if (name === 'rich') {
        // Lazy pictures load as they come into view: the missing one shows its placeholder.
        await page.locator('.photo-placeholder').first().scrollIntoViewIfNeeded();
        await page.locator('.photo-placeholder').first().waitFor();
        await page.evaluate(() => window.scrollTo(0, 0));
      }
      const file = `${out}${name}-${width}${scheme === 'dark' ? '-dark' : ''}.png`;
      const full = name === 'list' || name === 'rich' || process.env.FULL === '1';
      await page.screenshot({ path: file, fullPage: full });
      console.log(file);
    }
    await context.close();
  }
}
await browser.close();
