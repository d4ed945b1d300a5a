import { test, expect } from './app.js';

test('the list shows both seed articles, newest first, with their facts', async ({ page }) => {
  await page.goto('./');
  await expect(page).toHaveTitle('Dateline');
  await expect(page.getByRole('heading', { level: 1, name: 'Latest news' })).toBeVisible();
  await expect(page.locator('.result-count')).toHaveText('2 articles');

  const cards = page.getByRole('main').getByRole('article');
  await expect(cards).toHaveCount(2);
  await expect(cards.getByRole('heading', { level: 2 })).toHaveText([
    'Coach Steve Kerr spoke with Warriors forward Jonathan Kuminga',
    'Rubio says US and Mexico will strengthen security collaboration',
  ]);

  const kuminga = cards.nth(0);
  await expect(kuminga.getByRole('link', { name: 'NBA' })).toBeVisible();
  await expect(kuminga.locator('time')).toHaveAttribute('datetime', '2026-01-15');
  await expect(kuminga.locator('time')).toHaveText('15 Jan 2026');
  await expect(kuminga).toContainText('SAN FRANCISCO');
  await expect(kuminga).toContainText('2 photos');
  await expect(kuminga.locator('.summary')).toContainText('Coach Steve Kerr spoke with Warriors forward');

  const rubio = cards.nth(1);
  await expect(rubio.getByRole('link', { name: 'News' })).toBeVisible();
  await expect(rubio.locator('time')).toHaveAttribute('datetime', '2025-09-04T03:38');
  await expect(rubio).toContainText('MEXICO CITY');
  await expect(rubio).toContainText('4 photos');
  await expect(rubio.locator('.summary')).toContainText('Mexico and the United States on Wednesday agreed');
});

test('each story says how long it takes to read, the same on the list and its page', async ({ page }) => {
  await page.goto('./');
  const card = page.getByRole('main').getByRole('article').first();
  const time = card.locator('.reading-time');
  await expect(time).toHaveText(/^\d+ min read$/);
  const said = await time.textContent();
  await card.getByRole('heading', { level: 2 }).getByRole('link').click();
  await expect(page.getByRole('main').getByRole('article').locator('.story-header .reading-time')).toHaveText(said);
});

test('the page has landmarks and a skip link to the content', async ({ page }) => {
  await page.goto('./');
  await expect(page.getByRole('main')).toHaveAttribute('id', 'content');
  await expect(page.getByRole('navigation', { name: 'Sections' })).toBeVisible();
  const skip = page.getByRole('link', { name: 'Skip to content' });
  await expect(skip).toHaveAttribute('href', '#content');
  await page.keyboard.press('Tab');
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
});

test('a topic link narrows the list and the URL says so', async ({ page }) => {
  await page.goto('./');
  await page.getByRole('main').getByRole('article').getByRole('link', { name: 'NBA' }).click();
  await expect(page).toHaveURL(/\/dateline\/\?topic=nba$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('NBA');
  await expect(page).toHaveTitle('NBA — Dateline');
  await expect(page.getByRole('main').getByRole('article')).toHaveCount(1);
  await expect(page.getByRole('checkbox', { name: /NBA/ })).toBeChecked();
  await page.getByRole('link', { name: 'Clear all filters' }).click();
  await expect(page.getByRole('main').getByRole('article')).toHaveCount(2);
});

test('a topic URL works on reload and unknown topics say nothing matches', async ({ page }) => {
  await page.goto('./?topic=news');
  await expect(page.getByRole('main').getByRole('article')).toHaveCount(1);
  await page.reload();
  await expect(page.getByRole('main').getByRole('heading', { level: 2 })).toHaveText(
    'Rubio says US and Mexico will strengthen security collaboration',
  );
  await page.goto('./?topic=weather&bogus=%ZZ');
  await expect(page.locator('.result-count')).toHaveText('No articles match');
  await expect(page.getByText('No articles match these filters.')).toBeVisible();
});

test('searching the seed highlights the words and ignores case and accents', async ({ page }) => {
  await page.goto('./');
  await expect(page.locator('.result-count')).toHaveText('2 articles');
  await page.keyboard.press('/');
  const search = page.getByRole('searchbox', { name: 'Search articles' });
  await expect(search).toBeFocused();
  await search.pressSequentially('SHEINBAUM ramon');
  await expect(page.getByRole('main').getByRole('article')).toHaveCount(1);
  await expect(page).toHaveURL(/q=SHEINBAUM\+ramon/);
  await search.press('Escape');
  await expect(search).toHaveValue('');
  await expect(page.getByRole('main').getByRole('article')).toHaveCount(2);
  await search.fill('kuminga');
  await expect(page.getByRole('main').getByRole('article').locator('mark').first()).toHaveText('Kuminga');
});
