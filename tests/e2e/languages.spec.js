// Search in every script: Chinese, Japanese and Korean found by any run of
// characters and highlighted as written; letters with accents, strokes and
// full-width forms found by their plain spelling (tests/fixtures/languages.json).
import { test, expect } from './app.js';
import { serveData } from './helpers.js';

const cards = (page) => page.getByRole('main').locator('.article-list > li');
const marks = (page) => cards(page).locator('mark').allTextContents();

test.beforeEach(async ({ page }) => {
  await serveData(page, 'languages');
});

for (const [q, title, marked] of [
  ['北京', '北京市政府宣布扩大地铁网络', '北京'],
  ['地铁', '北京市政府宣布扩大地铁网络', '地铁'],
  ['株価', '東京株式市場で株価が上昇', '株価'],
  ['トヨタ', '東京株式市場で株価が上昇', 'トヨタ'],
  ['금리', '한국은행 기준금리 동결', '금리'],
]) {
  test(`a CJK search for ${q} finds its story and marks it`, async ({ page }) => {
    await page.goto(`./?q=${encodeURIComponent(q)}`);
    await expect(cards(page)).toHaveCount(1);
    await expect(cards(page).first().getByRole('link', { name: title })).toBeVisible();
    expect(new Set(await marks(page))).toEqual(new Set([marked]));
  });
}

test('one character finds every story with it; typed in the box it marks each', async ({ page }) => {
  await page.goto('./');
  const box = page.getByRole('searchbox', { name: 'Search articles' });
  await box.fill('上');
  await expect(page).toHaveURL(/q=%E4%B8%8A/);
  await expect(cards(page)).toHaveCount(2);
  expect((await marks(page)).every((m) => m === '上')).toBe(true);
});

test('plain letters find accented, stroked and full-width ones, marked as written', async ({ page }) => {
  for (const q of ['lodz', 'privoz', 'istanbul', 'open screenings']) {
    await page.goto(`./?q=${encodeURIComponent(q)}`);
    await expect(cards(page)).toHaveCount(1);
  }
  await page.goto('./?q=lodz+privoz');
  await expect(cards(page)).toHaveCount(1);
  expect(await marks(page)).toEqual(expect.arrayContaining(['Łódź', 'Přívoz']));
  await page.goto('./?q=open');
  await expect(cards(page)).toHaveCount(1);
  expect(await marks(page)).toEqual(expect.arrayContaining(['ＯＰＥＮ']));
});
