// Turns each development page (../shared/corpora/pages/<name>/source.html)
// into the text a browser shows and copies: headless Chromium,
// document.body.innerText, JavaScript off, every network request blocked.
// Writes target/page-text/<name>.txt for `text-score` (make text-score).
import { chromium } from '@playwright/test';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { chromePath } from '../chrome.mjs';

const pages = process.argv[2] ?? new URL('../../../shared/corpora/pages/', import.meta.url).pathname;
const out = new URL('../../target/page-text/', import.meta.url).pathname;
if (!existsSync(pages)) {
  console.log(`page-text: ${pages} is not here; nothing to do (skipped)`);
  process.exit(0);
}
mkdirSync(out, { recursive: true });
const browser = await chromium.launch({ executablePath: chromePath(), args: ['--no-sandbox', '--disable-gpu'] });
const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 900 } });
await context.route('**/*', (route) => route.abort());
const page = await context.newPage();
let count = 0;
for (const name of readdirSync(pages).sort()) {
  const file = `${pages}/${name}/source.html`;
  if (!existsSync(file)) continue;
  await page.setContent(readFileSync(file, 'utf8'), { waitUntil: 'domcontentloaded' });
  const text = await page.evaluate(() => document.body?.innerText ?? '');
  writeFileSync(`${out}${name}.txt`, text);
  count++;
}
await browser.close();
console.log(`page-text: ${count} pages written to ${out}`);
