import { test, expect } from './app.js';
import { KUMINGA } from './helpers.js';

// The site built for a domain root: links, data and deep links without a sub-path.
test('at the site root the list, links and deep links work', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('main').getByRole('article')).toHaveCount(2);
  await page.getByRole('link', { name: 'Rubio says US and Mexico will strengthen security collaboration' }).click();
  await expect(page).toHaveURL(/^http:\/\/127\.0\.0\.1:\d+\/article\/rubio-says/);
  await expect(page.locator('.story-body > p')).toHaveCount(21);
  await page.getByRole('link', { name: 'News', exact: true }).click();
  await expect(page).toHaveURL(/^http:\/\/127\.0\.0\.1:\d+\/\?topic=news$/);

  await page.goto(`/${KUMINGA}`);
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^Coach Steve Kerr/);
});
