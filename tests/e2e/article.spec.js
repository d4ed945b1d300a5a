import { test, expect } from './app.js';
import { RUBIO, KUMINGA } from './helpers.js';

test('the Rubio article shows every fact from the page', async ({ page }) => {
  await page.goto(RUBIO);
  const story = page.getByRole('main').getByRole('article');
  const title = 'Rubio says US and Mexico will strengthen security collaboration';
  await expect(story.getByRole('heading', { level: 1 })).toHaveText(title);
  await expect(page).toHaveTitle(`${title} — Dateline`);
  await expect(page.locator('h1')).toHaveCount(1);

  await expect(story.locator('time.published')).toHaveAttribute('datetime', '2025-09-04T03:38');
  await expect(story.locator('time.published')).toHaveText('4 September 2025, 03:38');
  await expect(story.locator('time.updated')).toHaveAttribute('datetime', '2025-09-04T03:40');
  await expect(story.locator('time.updated')).toHaveText('Updated 03:40');
  await expect(story.locator('.dateline')).toHaveText('MEXICO CITY');
  await expect(story.locator('.source')).toHaveText('AP');
  await expect(story.getByRole('link', { name: 'News' })).toHaveAttribute('href', '/dateline/?topic=news');

  const paragraphs = story.locator('.story-body > p');
  await expect(paragraphs).toHaveCount(21);
  await expect(paragraphs.first()).toHaveText(/^Mexico and the United States on Wednesday agreed/);
  await expect(paragraphs.last()).toHaveText(/weapons from north to south\.$/);
  await expect(story.locator('.credit-line')).toHaveText(
    /^Associated Press writers .* contributed to this report\.$/,
  );

  const figures = story.getByRole('figure');
  await expect(figures).toHaveCount(4);
  for (const figure of await figures.all()) {
    await expect(figure.locator('figcaption .caption')).not.toBeEmpty();
    await expect(figure.locator('figcaption .credit')).toHaveText(/^AP Photo\/Jacquelyn Martin, Pool$/i);
    await expect(figure.locator('img')).toHaveCount(0);
  }
  await expect(figures.first().locator('.caption')).toHaveText(
    /^Mexican President Claudia Sheinbaum, right, meets with U\.S\. Secretary of State Marco Rubio/,
  );
});

test('the Kuminga article has a derived headline, an inferred date and its NBA link', async ({ page }) => {
  await page.goto(KUMINGA);
  const story = page.getByRole('main').getByRole('article');
  await expect(story.getByRole('heading', { level: 1 })).toHaveText(
    'Coach Steve Kerr spoke with Warriors forward Jonathan Kuminga',
  );
  await expect(story.getByText('The source printed no headline')).toBeVisible();
  await expect(story.locator('time.published')).toHaveAttribute('datetime', '2026-01-15');
  await expect(story.locator('time.published')).toHaveText('15 January 2026');
  await expect(story.getByText('Date inferred from the photo captions')).toBeVisible();
  await expect(story.locator('time.updated')).toHaveCount(0);
  await expect(story.locator('.dateline')).toHaveText('SAN FRANCISCO');
  await expect(story.locator('.story-body > p')).toHaveCount(14);
  await expect(story.getByRole('link', { name: 'AP NBA' })).toHaveAttribute('href', 'https://apnews.com/NBA');
  await expect(story.getByRole('link', { name: 'NBA', exact: true })).toHaveAttribute('href', '/dateline/?topic=nba');
  await expect(story.locator('figcaption .credit')).toHaveText(['AP Photo/Jeff Chiu', 'AP Photo/Justine Willard']);
});

test('opening an article from the list and going back', async ({ page }) => {
  await page.goto('./');
  await page.getByRole('link', { name: 'Rubio says US and Mexico will strengthen security collaboration' }).click();
  await expect(page).toHaveURL(new RegExp(`/dateline/${RUBIO}$`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^Rubio says/);
  await page.goBack();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Latest news');
  await page.goForward();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^Rubio says/);
});

test('reloading a deep link shows the same article', async ({ page }) => {
  // The build writes a page for each known article, so a Pages-like host answers 200.
  const response = await page.goto(KUMINGA);
  expect(response.status()).toBe(200);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^Coach Steve Kerr/);
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^Coach Steve Kerr/);
  await expect(page.locator('.story-body > p')).toHaveCount(14);
});

test('unknown article URLs and unknown paths show the not-found page', async ({ page }) => {
  for (const path of ['article/no-such-story', 'no/such/page']) {
    // The host answers 404 with 404.html, which boots the app at that path.
    const response = await page.goto(path);
    expect(response.status()).toBe(404);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
    await expect(page).toHaveTitle('Page not found — Dateline');
    await page.getByRole('link', { name: 'Go to the latest articles' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Latest news');
  }
});
