// Related stories and moving through a real archive's lists (Reuters-21578).
import { test, expect } from '../app.js';
import { available, why } from './corpus.js';
import { storyMarkup } from '../helpers.js';

test.skip(!available, why);

const cards = (page) => page.getByRole('main').locator('.article-list > li');

test('an article shows up to five related stories, each another article of the archive', async ({ page }) => {
  await page.goto('./?topic=crude');
  // Click once the list stands still (it grows while the archive streams in).
  await page.waitForFunction(() => performance.getEntriesByName('dateline:catalog-complete').length > 0);
  const first = cards(page).first().locator('.card-title a');
  const title = await first.textContent();
  await first.click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  const related = page.getByRole('region', { name: 'Related stories' }).getByRole('link');
  const n = await related.count();
  expect(n).toBeGreaterThan(0);
  expect(n).toBeLessThanOrEqual(5);
  const here = new URL(page.url()).pathname;
  for (const href of await related.evaluateAll((links) => links.map((a) => a.getAttribute('href')))) {
    expect(href).toMatch(/^\/dateline\/article\/[^/?]+$/);
    expect(href).not.toBe(here.replace(/\/$/, ''));
  }
  const second = (await related.first().textContent()).trim();
  await related.first().click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(second);
});

test('previous and next walk a filtered list in its order', async ({ page }) => {
  await page.goto('./?topic=cocoa&sort=oldest');
  // The list as it stands once the whole archive is in (it grows while it streams).
  await page.waitForFunction(() => performance.getEntriesByName('dateline:catalog-complete').length > 0);
  await expect(cards(page).first()).toBeVisible();
  const titles = (await cards(page).locator('.card-title a').allTextContents()).slice(0, 3);
  await cards(page).first().locator('.card-title a').click();
  await expect(page).toHaveURL(/\?topic=cocoa&sort=oldest$/);
  const nav = page.getByRole('navigation', { name: 'This list' });
  for (const title of titles.slice(1)) {
    await nav.getByRole('link', { name: /^Next/ }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  }
  await page.keyboard.press('p');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(titles[1]);
  await page.keyboard.press('Escape');
  await expect(page).toHaveURL(/\/dateline\/\?topic=cocoa&sort=oldest$/);
});

test('j past the last shown article shows more and moves on', async ({ page }) => {
  await page.goto('./?topic=earn');
  await expect(cards(page)).toHaveCount(50);
  for (let i = 0; i < 50; i++) await page.keyboard.press('j');
  await expect(cards(page).nth(49).locator('.card-title a')).toBeFocused();
  await page.keyboard.press('j');
  await expect(cards(page)).toHaveCount(100);
  await expect(cards(page).nth(50).locator('.card-title a')).toBeFocused();
  await expect(cards(page).nth(50)).toBeInViewport();
});

test('a prerendered Reuters article is the page the app shows, related stories included', async ({ page, request }) => {
  const sitemap = await (await request.get('./sitemap.xml')).text();
  const pages = [...sitemap.matchAll(/<loc>[^<]*\/dateline\/(article\/[^<]+)<\/loc>/g)].map((m) => m[1]);
  expect(pages).toHaveLength(5000);
  // A few pages across the written ones, each with related stories.
  for (const path of [pages[0], pages[1234], pages[4999]]) {
    const served = await (await request.get(`./${path}`)).text();
    expect(served).toContain('<section class="related"');
    await page.goto(`./${path}`);
    await expect(page.locator('#boot')).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Save' })).toBeVisible();
    const parts = await storyMarkup(page, served);
    expect(parts.prerendered[2]).not.toBeNull();
    expect(parts.app).toEqual(parts.prerendered);
  }
});
