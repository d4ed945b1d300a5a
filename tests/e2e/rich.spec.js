// Rich articles (bundle v2): every block as the element it is, a
// right-to-left article, pictures that fail, and an imported hostile page.
import { test, expect } from './app.js';
import { serveData } from './helpers.js';

// A 2×1 PNG, served for the lead picture; the other picture is missing (404).
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAIAAAABCAYAAAD0In+KAAAAEUlEQVR4nGNgYGD4z8DAwMAAAA8AAZGQVWgAAAAASUVORK5CYII=',
  'base64',
);

async function openRich(page, id) {
  await serveData(page, 'rich');
  await page.route('**/media/**', (route) =>
    route.request().url().endsWith('bridge-at-dawn.png')
      ? route.fulfill({ status: 200, contentType: 'image/png', body: PNG })
      : route.fulfill({ status: 404, body: 'gone' }),
  );
  await page.goto(`article/${id}`);
  return page.getByRole('main').getByRole('article');
}

test('a rich article shows each block as its element', async ({ page }) => {
  const story = await openRich(page, 'harbour-bridge-reopens');
  await expect(story.getByRole('heading', { level: 1 })).toHaveText('Harbour bridge reopens after two years of repairs');
  await expect(story.getByRole('heading', { level: 2 })).toHaveText(['What changes for commuters']);
  await expect(story.getByRole('heading', { level: 3 })).toHaveText(['The cost, year by year']);
  await expect(story.getByRole('heading', { level: 4 })).toHaveText(['Corrections']);
  await expect(story.locator('.author')).toHaveText('By Ana Lima and Rui Costa');
  await expect(story.locator('.tags')).toHaveText('Tags: transport · infrastructure');

  // Inline spans.
  const first = story.locator('.story-body > p').first();
  await expect(first.locator('strong')).toHaveText('two years and four months');
  await expect(first.locator('em')).toHaveText('original');
  const report = story.getByRole('link', { name: 'final inspection report' });
  await expect(report).toHaveAttribute('href', 'https://gazette.example/city/bridge-report');
  await expect(report).toHaveAttribute('rel', 'noopener noreferrer nofollow');
  await expect(story.locator('.story-body code')).toHaveText('2 May');
  await expect(story.locator('.story-body br')).toHaveCount(1);

  // Lists, nested.
  const list = story.locator('.story-body > ul');
  await expect(list.getByRole('listitem')).toHaveCount(5);
  await expect(list.locator('> li')).toHaveCount(3);
  await expect(list.locator('li ol > li')).toHaveText(['Northbound opens at 6:00.', 'Southbound opens at 7:00.']);

  // Quote with its source.
  await expect(story.locator('blockquote p')).toHaveText('We took the bridge apart one strand at a time, and every strand is new.');
  await expect(story.locator('blockquote cite')).toHaveText('Marta Sousa, chief engineer');

  // Table, with column headers and a caption.
  const table = story.getByRole('table', { name: 'Repair spending (millions of euros)' });
  await expect(table.getByRole('columnheader')).toHaveText(['Year', 'Planned', 'Spent', 'Notes on the spending and on what the auditors said about it']);
  await expect(table.locator('th[scope="col"]')).toHaveCount(4);
  await expect(table.getByRole('row')).toHaveCount(4);
  await expect(table.getByRole('cell', { name: '52.9' })).toBeVisible();

  await expect(story.locator('pre')).toContainText('3–4   2 May   car');
  await expect(story.getByRole('separator')).toHaveCount(1);
  const video = story.getByRole('link', { name: 'Video: two years of repairs in ninety seconds' });
  await expect(video).toHaveAttribute('href', 'https://video.example/watch/bridge-timelapse');
  await expect(page.locator('main iframe, main video, main object, main embed')).toHaveCount(0);
});

test('pictures reserve their space, load lazily, and keep their caption when they fail', async ({ page }) => {
  const story = await openRich(page, 'harbour-bridge-reopens');
  const lead = story.getByRole('img', { name: 'The bridge at dawn, its new cables lit' });
  await expect(lead).toBeVisible();
  for (const [name, value] of [['width', '1200'], ['height', '675'], ['loading', 'lazy'], ['decoding', 'async'], ['referrerpolicy', 'no-referrer']]) {
    await expect(lead).toHaveAttribute(name, value);
  }
  await expect(story.locator('figure').first().locator('figcaption .caption')).toHaveText('The bridge at dawn on the day it reopened.');

  // The cable photo is missing: its figure keeps the caption, with a placeholder of its shape.
  const failed = story.locator('figure', { hasText: 'Workers fix the last clamp on the north cable.' });
  await failed.scrollIntoViewIfNeeded();
  await expect(failed.locator('.photo-placeholder')).toHaveText('Image unavailable');
  await expect(failed.locator('img')).toHaveCount(0);
  await expect(failed.locator('figcaption .credit')).toHaveText('Gazette photo');
  const box = await failed.locator('.photo-placeholder').boundingBox();
  expect(box.width / box.height).toBeCloseTo(800 / 533, 1);
});

test('an article prints as a clean page: the story, its figures and its source, none of the app', async ({ page }, testInfo) => {
  const story = await openRich(page, 'harbour-bridge-reopens');
  await expect(story.getByRole('img', { name: 'The bridge at dawn, its new cables lit' })).toBeVisible();
  const sourceLine = () => story.evaluate((el) => getComputedStyle(el, '::after').content);
  expect(await sourceLine(), 'on screen the source line is for paper only').toBe('none');

  await page.emulateMedia({ media: 'print', colorScheme: 'dark' });
  for (const gone of ['.masthead', '.site-footer', '.story-footer', '.skip-link', '.kicker']) {
    await expect(page.locator(gone).first(), gone).toBeHidden();
  }
  await expect(story.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(story.locator('.author')).toBeVisible();
  await expect(story.locator('time.published')).toBeVisible();
  await expect(story.locator('figure').first().locator('figcaption')).toBeVisible();
  expect(await sourceLine()).toContain('https://gazette.example/city/harbour-bridge-reopens');
  // Black on white even when the screen is dark, and links written out.
  const colors = await page.evaluate(() => [getComputedStyle(document.body).backgroundColor, getComputedStyle(document.querySelector('h1')).color]);
  expect(colors).toEqual(['rgb(255, 255, 255)', 'rgb(0, 0, 0)']);
  const written = await story.locator('.story-body a[href="https://gazette.example/city/bridge-report"]').evaluate((a) => getComputedStyle(a, '::after').content);
  expect(written).toBe('" <https://gazette.example/city/bridge-report>"');
  await page.screenshot({ path: testInfo.outputPath('printed-article.png'), fullPage: true });
  await page.pdf({ path: testInfo.outputPath('printed-article.pdf') });
});

test('a wide table scrolls in its own box and the page does not', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  const story = await openRich(page, 'harbour-bridge-reopens');
  const region = story.getByRole('region', { name: 'Repair spending (millions of euros)' });
  await expect(region).toBeVisible();
  const { inner, outer } = await region.evaluate((el) => ({ inner: el.scrollWidth, outer: el.clientWidth }));
  expect(inner).toBeGreaterThan(outer);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
});

test('a right-to-left article reads right to left', async ({ page }) => {
  const story = await openRich(page, 'rtl-market-story');
  await expect(story).toHaveAttribute('dir', 'rtl');
  await expect(story).toHaveAttribute('lang', 'ar');
  await expect(story.getByRole('heading', { level: 1 })).toHaveText('السوق القديم يفتح أبوابه من جديد');
  const paragraph = story.locator('.story-body > p').first();
  expect(await paragraph.evaluate((p) => getComputedStyle(p).direction)).toBe('rtl');
  // The text starts at the right edge of its column.
  const [text, column] = await Promise.all([paragraph.boundingBox(), story.locator('.story-body').boundingBox()]);
  expect(Math.abs(text.x + text.width - (column.x + column.width))).toBeLessThan(2);
  await expect(story.getByRole('listitem')).toHaveCount(2);
});

/** Nothing executable in the page's main content: no such element, no on* attribute, no URL outside http(s)/mailto. */
async function expectNothingExecutable(page) {
  await expect(page.locator('main script, main iframe, main object, main embed, main form, main svg, main math, main style, main input')).toHaveCount(0);
  const offending = await page.evaluate(() => {
    const bad = [];
    for (const el of document.querySelectorAll('main *')) {
      for (const attr of el.attributes) {
        if (attr.name.startsWith('on') || attr.name === 'srcdoc') bad.push(`${el.tagName} ${attr.name}`);
        if (['href', 'src', 'action', 'data', 'formaction'].includes(attr.name)) {
          const url = new URL(attr.value, document.baseURI);
          if (!['http:', 'https:', 'mailto:'].includes(url.protocol)) bad.push(`${el.tagName} ${attr.name}=${attr.value}`);
        }
      }
    }
    return bad;
  });
  expect(offending).toEqual([]);
  expect(await page.evaluate(() => window.__pwned)).toBeUndefined();
}

test('an imported hostile page shows its words and nothing from it runs or reaches the DOM as markup', async ({ page }) => {
  await serveData(page, 'hostile-page');
  await page.goto('article/council-votes-to-keep-the-night-ferry');
  const story = page.getByRole('main').getByRole('article');
  await expect(story.getByRole('heading', { level: 1 })).toHaveText('Council votes to keep the night ferry');
  await expect(story).toContainText('A link that runs script');
  await expect(story.getByRole('link', { name: 'the timetable' })).toHaveAttribute('href', 'https://courier.example/ferry-timetable');
  await expectNothingExecutable(page);
});

test('hostile RSS, Atom and JSON feeds show their words and nothing from them runs', async ({ page }) => {
  await serveData(page, 'hostile-feeds');
  await page.goto('./');
  expect(await page.evaluate(() => window.__pwned)).toBeUndefined();
  const cards = page.getByRole('main').getByRole('article');
  await expect(cards).toHaveCount(3);
  const links = await cards.getByRole('link').evaluateAll((as) => as.map((a) => a.getAttribute('href')).filter((h) => h.includes('article/')));
  expect(links.length).toBe(3);
  for (const href of links) {
    await page.goto(href);
    const story = page.getByRole('main').getByRole('article');
    await expect(story.getByRole('heading', { level: 1 })).toContainText('Ferry');
    await expect(story).toContainText('kept running');
    await expect(story.getByRole('link', { name: 'Timetable' })).toHaveAttribute('href', 'https://courier.example/ferry');
    await expectNothingExecutable(page);
  }
});
