import { test, expect } from '@playwright/test';
import { bundle, serveBundle } from './helpers.js';

test('a malformed bundle shows the error state, and retry recovers', async ({ page }) => {
  await serveBundle(page, '{"format":"dateline-bundle","articles":[{"id":');
  await page.goto('./');
  const alert = page.getByRole('alert');
  await expect(alert.getByRole('heading', { name: 'The articles could not be loaded' })).toBeVisible();
  await expect(alert).toContainText('not valid JSON');

  await page.unroute('**/articles.json');
  await alert.getByRole('button', { name: 'Try again' }).click();
  await expect(page.getByRole('main').getByRole('article')).toHaveCount(2);
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('a server error and a wrong file type are explained', async ({ page }) => {
  await serveBundle(page, 'oops', { status: 500 });
  await page.goto('./');
  await expect(page.getByRole('alert')).toContainText('500');

  await page.unroute('**/articles.json');
  await serveBundle(page, { format: 'rss', articles: [] });
  await page.getByRole('button', { name: 'Try again' }).click();
  await expect(page.getByRole('alert')).toContainText('not a Dateline bundle');
});

test('a loading state shows while the bundle is on its way', async ({ page }) => {
  await serveBundle(page, bundle([{ id: 'a', title: 'Slow story' }]), { delayMs: 1500 });
  await page.goto('./');
  await expect(page.getByText('Loading articles…')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Slow story' })).toBeVisible();
});

test('invalid articles are skipped and counted, the rest are shown', async ({ page }) => {
  await serveBundle(
    page,
    bundle([
      { id: 'good', title: 'Good story', published: '2024-01-01T10:00' },
      { id: 'no-title' },
      { id: 'bad-date', title: 'Bad date', published: 'soon' },
    ]),
  );
  await page.goto('./');
  await expect(page.getByRole('main').getByRole('article')).toHaveCount(1);
  const notice = page.getByText('2 articles in the bundle could not be shown.');
  await expect(notice).toBeVisible();
  await notice.click();
  await expect(page.getByRole('note')).toContainText('Item 2 (no-title)');
  await expect(page.getByRole('note')).toContainText('soon');
});

test('hostile HTML in article text is shown as text and never runs', async ({ page }) => {
  const script = '<script>window.__pwned = 1</script>';
  const img = '<img src=x onerror="window.__pwned = 2">';
  await serveBundle(
    page,
    bundle([
      {
        id: 'hostile',
        title: `Headline ${img}`,
        topics: [`<b>${script}</b>`],
        dateline: img,
        summary: `Summary ${script}`,
        body: [
          { type: 'paragraph', text: `Para ${script}` },
          { type: 'paragraph', text: `Second ${img}` },
          { type: 'link', text: 'Bad link', href: 'javascript:window.__pwned=3' },
        ],
        photos: [{ caption: `Caption ${img}`, credit: script, url: 'javascript:alert(1)' }],
        credit: `Credit ${img}`,
      },
    ]),
  );
  await page.goto('./');
  const card = page.getByRole('main').getByRole('article');
  await expect(card.getByRole('heading', { level: 2 })).toHaveText(`Headline ${img}`);
  await expect(card.locator('.summary')).toHaveText(`Summary ${script}`);
  await card.getByRole('link', { name: `Headline ${img}` }).click();

  const story = page.getByRole('main').getByRole('article');
  await expect(story.getByRole('heading', { level: 1 })).toHaveText(`Headline ${img}`);
  await expect(story.locator('.story-body > p')).toHaveText([`Para ${script}`, `Second ${img}`, 'Bad link']);
  await expect(story.locator('.dateline')).toHaveText(img);
  await expect(story.locator('figcaption .caption')).toHaveText(`Caption ${img}`);
  await expect(story.locator('.credit-line')).toHaveText(`Credit ${img}`);
  await expect(page.locator('main img, main script, main b')).toHaveCount(0);
  await expect(page.locator('a[href^="javascript:"]')).toHaveCount(0);
  expect(await page.evaluate(() => window.__pwned)).toBeUndefined();
});
