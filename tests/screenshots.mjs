// Screenshots of the list and an article at phone and desktop widths, light
// and dark, from the release build: `make screenshots` (writes docs/screenshots/).
import { chromium } from '@playwright/test';
import { mkdir } from 'node:fs/promises';
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
];
for (const [width, height] of [[390, 844], [1280, 900]]) {
  for (const scheme of ['light', 'dark']) {
    const context = await browser.newContext({ viewport: { width, height }, colorScheme: scheme });
    const page = await context.newPage();
    for (const [name, path] of pages) {
      await page.goto(base + path);
      await page.getByRole('heading', { level: 1 }).waitFor();
      if (name === 'offline') await page.locator('.offline-status li').first().waitFor();
      const file = `${out}${name}-${width}${scheme === 'dark' ? '-dark' : ''}.png`;
      await page.screenshot({ path: file, fullPage: name === 'list' || process.env.FULL === '1' });
      console.log(file);
    }
    await context.close();
  }
}
await browser.close();
