// Odd and huge input stays usable: extreme dates, a very long article, a
// failed rebuild of the site data.
import { test, expect } from './app.js';
import { execFileSync } from 'node:child_process';
import { cpSync, rmSync, writeFileSync } from 'node:fs';
import { serveData } from './helpers.js';

test('articles dated 0001-01-01 and 9999-12-31 stay listed and the histogram stays small', async ({ page }) => {
  await serveData(page, 'extreme-dates');
  await page.goto('./');
  await expect(page.locator('.result-count')).toHaveText('4 articles');
  await expect(page.getByRole('heading', { name: 'Exported with the zero date', level: 2 })).toBeVisible();
  const bars = page.locator('.histogram .bars button');
  // 2 March to 14 March: a bar a day, not 24,301 (or 119,988) of them.
  await expect(bars).toHaveCount(13);
  await expect(page.locator('.histogram')).toContainText('2 undated not shown');
  // Still responsive: a search edit answers at once.
  await page.getByRole('searchbox').fill('ferry');
  await expect(page.locator('.result-count')).toHaveText('1 article');
});

test('an article of 100,000 paragraphs shows its start and then all of it', async ({ page }) => {
  // Filling in 100,000 paragraphs takes seconds on a loaded CI machine; the
  // point is that the page shows its start and answers meanwhile.
  test.setTimeout(120_000);
  await serveData(page, 'long');
  await page.goto('article/long');
  const paragraphs = page.locator('.story-body > p');
  await expect(paragraphs.first()).toHaveText('Paragraph 1 of a very long article.');
  // The rest arrives a batch a frame, the page answering all the while.
  await expect(page.getByRole('link', { name: '← All articles' })).toBeVisible();
  // Counted in the page once a second (polling 100,000 nodes from outside is itself slow).
  await page.waitForFunction(() => document.querySelectorAll('.story-body > p').length === 100000, null, {
    timeout: 100_000,
    polling: 1000,
  });
  await expect(paragraphs.last()).toHaveText('Paragraph 100000 of a very long article.');
});

test('a rebuild that fails leaves the previous site data serving', async ({ page }) => {
  const fixtures = new URL('../../target/e2e-fixtures/', import.meta.url);
  const site = new URL('rebuild/', fixtures);
  rmSync(site, { recursive: true, force: true });
  cpSync(new URL('rich/', fixtures), site, { recursive: true });
  const bad = new URL('bad-bundle.json', fixtures);
  writeFileSync(bad, JSON.stringify({ format: 'dateline-bundle', articles: [{ id: 'no-title' }] }));
  const dateline = new URL('../../target/debug/dateline', import.meta.url).pathname;
  expect(() => execFileSync(dateline, ['build', '--data', bad.pathname, site.pathname], { stdio: 'pipe' })).toThrow(/no article to show/);
  await serveData(page, 'rebuild');
  await page.goto('article/harbour-bridge-reopens');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Harbour bridge reopens after two years of repairs');
});
