import { test, expect } from '../app.js';
import { available, why, count, day, fmt } from './corpus.js';

test.skip(!available, why);

const results = (page) => page.locator('.result-count');
const cards = (page) => page.getByRole('main').locator('.article-list > li');

test('topics: multi-select through the UI, with counts and "No topic"', async ({ page }) => {
  await page.goto('./');
  await expect(results(page)).toHaveText(`${fmt(count(() => true))} articles`);

  const acq = page.getByRole('checkbox', { name: /^Mergers\/Acquisitions/ });
  await expect(acq.locator('xpath=..')).toContainText(fmt(count((r) => r.topics.includes('acq'))));
  await acq.check();
  await expect(page).toHaveURL(/\?topic=acq$/);
  await expect(results(page)).toHaveText(`${fmt(count((r) => r.topics.includes('acq')))} articles`);
  await expect(acq).toBeChecked();

  await page.getByRole('checkbox', { name: /^Earnings and Earnings Forecasts/ }).check();
  await expect(page).toHaveURL(/\?topic=acq&topic=earn$/);
  const either = count((r) => r.topics.includes('acq') || r.topics.includes('earn'));
  await expect(results(page)).toHaveText(`${fmt(either)} articles`);

  // 120 topics: findable by typing, and "No topic" is its own choice.
  const topicList = page.getByRole('group', { name: 'Topics' }).locator('.topic-list > li');
  await page.getByRole('button', { name: /Show all 121 topics/ }).click();
  await expect(topicList).toHaveCount(121);
  await expect(page.getByRole('button', { name: 'Show fewer topics' })).toHaveAttribute('aria-expanded', 'true');
  await page.getByRole('searchbox', { name: 'Find a topic' }).fill('cocoa');
  await expect(topicList).toHaveCount(1);
  // A find hides "Show all"; nothing found says so.
  const topics = page.getByRole('group', { name: 'Topics' });
  await expect(topics.getByRole('button', { name: /Show (all|fewer)/ })).toHaveCount(0);
  await page.getByRole('searchbox', { name: 'Find a topic' }).fill('no such topic');
  await expect(topicList).toHaveCount(0);
  await expect(topics.getByText('No topic matches.')).toBeVisible();
  await page.getByRole('searchbox', { name: 'Find a topic' }).fill('');
  await expect(topics.getByText('No topic matches.')).toBeHidden();
  await page.getByRole('checkbox', { name: /^No topic/ }).check();
  const withNone = count((r) => r.topics.length === 0 || r.topics.includes('acq') || r.topics.includes('earn'));
  await expect(results(page)).toHaveText(`${fmt(withNone)} articles`);
});

test('topics, dates, search and sort through the URL, combined, and on reload', async ({ page }) => {
  await page.goto('./?topic=crude&topic=nat-gas&from=1987-03-01&to=1987-03-31&q=oil+price+&sort=oldest');
  const words = (r) => `${r.title ?? ''} ${r.body || r.unproc_text || ''}`.toLowerCase().split(/[^a-z0-9]+/);
  const expected = count((r) => {
    const w = words(r);
    return (
      (r.topics.includes('crude') || r.topics.includes('nat-gas')) &&
      day(r) >= '1987-03-01' &&
      day(r) <= '1987-03-31' &&
      w.includes('oil') &&
      w.includes('price')
    );
  });
  await expect(results(page)).toHaveText(`${fmt(expected)} articles`);
  await expect(page.getByRole('combobox', { name: 'Sort' })).toHaveValue('oldest');
  const dates = await cards(page).locator('time').evaluateAll((ts) => ts.map((t) => t.getAttribute('datetime')));
  expect(dates.length).toBeGreaterThan(1);
  expect([...dates].sort()).toEqual(dates);
  await expect(page.getByRole('checkbox', { name: /^Crude Oil/ })).toBeChecked();
  await expect(page.getByLabel('From')).toHaveValue('1987-03-01');
  await page.reload();
  await expect(results(page)).toHaveText(`${fmt(expected)} articles`);
  await expect(page.getByRole('searchbox', { name: 'Search articles' })).toHaveValue('oil price ');
});

test('the date filter: inclusive days, presets from the newest story, from/to inputs', async ({ page }) => {
  await page.goto('./?from=1987-04-07&to=1987-04-07');
  await expect(results(page)).toHaveText(`${fmt(count((r) => day(r) === '1987-04-07'))} articles`);

  await page.getByRole('button', { name: 'Last week' }).click();
  await expect(page).toHaveURL(/from=1987-10-14&to=1987-10-20/);
  await expect(page.getByRole('button', { name: 'Last week' })).toHaveAttribute('aria-pressed', 'true');
  await expect(results(page)).toHaveText(`${fmt(count((r) => day(r) >= '1987-10-14' && day(r) <= '1987-10-20'))} articles`);

  await page.getByLabel('From').fill('1987-06-01');
  await page.getByLabel('From').dispatchEvent('change');
  await expect(page).toHaveURL(/from=1987-06-01&to=1987-10-20/);
  await expect(results(page)).toHaveText(`${fmt(count((r) => day(r) >= '1987-06-01' && day(r) <= '1987-10-20'))} articles`);

  await page.getByRole('button', { name: 'All dates' }).click();
  await expect(page).toHaveURL(/\/dateline\/$/);
});

test('the histogram shows empty months, and narrows by click and by drag', async ({ page }) => {
  await page.goto('./');
  const bars = page.locator('.histogram .bar');
  await expect(bars).toHaveCount(9);
  await expect(page.getByRole('button', { name: 'May 1987: 0 articles' })).toBeVisible();
  await expect(page.getByRole('button', { name: `April 1987: ${fmt(count((r) => day(r)?.startsWith('1987-04')))} articles` })).toBeVisible();

  await page.getByRole('button', { name: /^April 1987/ }).click();
  await expect(page).toHaveURL(/from=1987-04-01&to=1987-04-30/);
  await expect(bars).toHaveCount(30);

  await page.goto('./?topic=acq');
  // The bars move while the archive streams in: measure them once it is complete.
  await expect(page.getByRole('status').filter({ hasText: 'Loading the archive' })).toHaveCount(0);
  await page.waitForFunction(() => performance.getEntriesByName('dateline:catalog-complete').length > 0);
  const march = page.getByRole('button', { name: /^March 1987/ });
  const june = page.getByRole('button', { name: /^June 1987/ });
  // Drag only once the bars stand still (on a loaded machine the page can
  // still be settling after the last part): the same boxes twice in a row.
  let a = null;
  let b = null;
  await expect
    .poll(
      async () => {
        const boxes = [await march.boundingBox(), await june.boundingBox()];
        const still = JSON.stringify(boxes) === JSON.stringify([a, b]);
        [a, b] = boxes;
        return still;
      },
      { intervals: [100, 200, 400] },
    )
    .toBe(true);
  await page.mouse.move(a.x + a.width / 2, a.y + a.height - 2);
  await page.mouse.down();
  await page.mouse.move(b.x + b.width / 2, b.y + b.height - 2, { steps: 8 });
  await page.mouse.up();
  await expect(page).toHaveURL(/topic=acq&from=1987-03-01&to=1987-06-30/);
  const expected = count((r) => r.topics.includes('acq') && day(r) >= '1987-03-01' && day(r) <= '1987-06-30');
  await expect(results(page)).toHaveText(`${fmt(expected)} articles`);
});

test('search: typing ranks and highlights, one history entry, Escape clears', async ({ page }) => {
  await page.goto('./');
  await page.goto('./?topic=crude');
  await expect(results(page)).toHaveText(/articles$/);
  const before = await page.evaluate(() => history.length);
  await page.keyboard.press('/');
  const box = page.getByRole('searchbox', { name: 'Search articles' });
  await expect(box).toBeFocused();
  await box.pressSequentially('opec pri', { delay: 20 });
  await expect(page).toHaveURL(/topic=crude&q=opec\+pri$/);
  expect(await page.evaluate(() => history.length)).toBe(before + 1);
  await expect(page.getByRole('combobox', { name: 'Sort' })).toHaveValue('relevance');
  await expect(cards(page).first().locator('mark').first()).toBeVisible();
  const marks = await cards(page).first().locator('mark').allTextContents();
  expect(marks.every((m) => /^(opec|pri)/i.test(m))).toBe(true);

  await page.goBack();
  await expect(page).toHaveURL(/\?topic=crude$/);
  await page.goForward();
  await expect(box).toHaveValue('opec pri');
  await box.press('Escape');
  await expect(box).toHaveValue('');
  await expect(page).toHaveURL(/\?topic=crude$/);
});

test('back and forward step through filter changes', async ({ page }) => {
  await page.goto('./');
  await page.getByRole('checkbox', { name: /^Crude Oil/ }).check();
  await page.getByRole('button', { name: 'Last month' }).click();
  await expect(page).toHaveURL(/topic=crude&from=1987-09-21&to=1987-10-20/);
  await page.goBack();
  await expect(page).toHaveURL(/\?topic=crude$/);
  await expect(page.getByRole('button', { name: 'All dates' })).toHaveAttribute('aria-pressed', 'true');
  await page.goBack();
  await expect(page).toHaveURL(/\/dateline\/$/);
  await expect(page.getByRole('checkbox', { name: /^Crude Oil/ })).not.toBeChecked();
  await page.goForward();
  await page.goForward();
  await expect(page.getByRole('button', { name: 'Last month' })).toHaveAttribute('aria-pressed', 'true');
});

test('invalid parameters are ignored without a crash', async ({ page }) => {
  await page.goto('./?from=1987-02-30&to=soon&sort=random&topic=%3Cscript%3E&page=-1&q=');
  await expect(results(page)).toHaveText('No articles match');
  await page.goto('./?from=garbage&sort=random&utm=x');
  await expect(results(page)).toHaveText(`${fmt(count(() => true))} articles`);
  await expect(page.getByRole('combobox', { name: 'Sort' })).toHaveValue('newest');
});

test('back from an article returns to the same list at the same scroll position', async ({ page }) => {
  await page.goto('./?topic=grain');
  await page.getByRole('button', { name: /^Show 50 more/ }).click();
  await expect(cards(page)).toHaveCount(100);
  const target = cards(page).nth(70).getByRole('heading', { level: 2 }).getByRole('link');
  await target.scrollIntoViewIfNeeded();
  const y = await page.evaluate(() => window.scrollY);
  expect(y).toBeGreaterThan(1000);
  await target.click();
  await expect(page).toHaveURL(/\/article\//);
  await page.goBack();
  await expect(page).toHaveURL(/\?topic=grain$/);
  await expect(cards(page)).toHaveCount(100);
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(y - 50);
  expect(await page.evaluate(() => window.scrollY)).toBeLessThan(y + 50);
});

test('keyboard: every control is reachable, state is exposed', async ({ page }) => {
  await page.goto('./?topic=acq');
  await expect(page.getByRole('status').filter({ hasText: 'Loading the archive' })).toHaveCount(0);
  await expect(page.locator('.result-count')).toHaveAttribute('aria-live', 'polite');
  const crude = page.getByRole('checkbox', { name: /^Crude Oil/ });
  await crude.focus();
  await page.keyboard.press('Space');
  await expect(page).toHaveURL(/topic=acq&topic=crude/);
  // The counts change and the topics reorder under it: the same checkbox
  // keeps the focus, and Space again takes it back out.
  await expect(crude).toBeChecked();
  await expect(crude).toBeFocused();
  await page.keyboard.press('Space');
  await expect(page).toHaveURL(/\?topic=acq$/);
  await expect(crude).toBeFocused();
  await page.keyboard.press('Space');
  await expect(page).toHaveURL(/topic=acq&topic=crude/);
  await page.getByRole('button', { name: 'Last year' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: 'Last year' })).toHaveAttribute('aria-pressed', 'true');
  await page.getByRole('button', { name: /^October 1987/ }).focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/from=1987-10-01&to=1987-10-31/);
});

test('a story with many topics and a table fits a 360 px screen', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto('./article/5');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('NATIONAL AVERAGE PRICES FOR FARMER-OWNED RESERVE');
  await expect(page.locator('.kicker .topic')).toHaveCount(6);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await expect(page.locator('.credit-line')).toHaveText('Reuter');
  await page.goto('./');
  await expect(page.locator('.result-count')).toHaveText(/articles$/);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
});

test('a misspelled search is corrected, says so, and can search as typed', async ({ page }) => {
  await page.goto('./?q=bundesbnak');
  const notice = page.locator('.notice.spelling');
  await expect(notice).toContainText('Showing results for bundesbank');
  // Counted over the whole archive, not the parts in so far.
  await expect(page.getByRole('status').filter({ hasText: 'Loading the archive' })).toHaveCount(0);
  await expect(results(page)).toHaveText(/^[\d,]+ articles?$/);
  const corrected = await results(page).textContent();
  expect(Number(corrected.replace(/\D/g, ''))).toBeGreaterThan(10);
  // The corrected word is what the list marks.
  await expect(cards(page).first().locator('mark').first()).toHaveText(/bundesbank/i);
  // Reuters itself misspells it once: searched as typed, that one story.
  await notice.getByRole('link', { name: 'search instead for bundesbnak' }).click();
  await expect(page).toHaveURL(/\?q=bundesbnak&exact=1$/);
  await expect(results(page)).toHaveText('1 article');
  await expect(notice).toHaveCount(0);
  // Typing again searches with corrections again.
  const box = page.getByRole('searchbox', { name: 'Search articles' });
  await box.fill('petrolium');
  await expect(notice).toContainText('Showing results for petroleum');
  await expect(page).toHaveURL(/\?q=petrolium$/);
});

test('facets: source, place, author and mapped lists, with counts, in the URL', async ({ page }) => {
  await page.goto('./?topic=crude');
  const countries = page.getByRole('group', { name: 'Country' });
  await expect(page.getByRole('group', { name: 'Source' })).toContainText('Reuters');
  await expect(page.getByRole('group', { name: 'Place' })).toBeVisible();
  await expect(page.getByRole('group', { name: 'Author' })).toBeVisible();
  await expect(page.getByRole('group', { name: 'People' })).toBeVisible();

  // Counts under the other filters (crude), computed from the JSONL.
  const crude = (r) => r.topics.includes('crude');
  const inPlaces = (list) => (r) => r.places.some((p) => list.includes(p));
  // Hundreds of values: found by typing.
  const find = countries.getByRole('searchbox', { name: 'Find in Country' });
  await find.fill('japan');
  const japan = countries.getByRole('checkbox', { name: /^japan/ });
  await expect(japan.locator('xpath=..')).toContainText(fmt(count((r) => crude(r) && r.places.includes('japan'))));
  await japan.check();
  await expect(page).toHaveURL(/\?topic=crude&country=japan$/);
  await expect(results(page)).toHaveText(`${fmt(count((r) => crude(r) && inPlaces(['japan'])(r)))} articles`);

  // Values of one facet combine with "or".
  await find.fill('saudi');
  await expect(countries.locator('.topic-list > li')).toHaveCount(1);
  await countries.getByRole('checkbox', { name: /^saudi-arabia/ }).check();
  await expect(page).toHaveURL(/\?topic=crude&country=japan&country=saudi-arabia$/);
  const either = count((r) => crude(r) && inPlaces(['japan', 'saudi-arabia'])(r));
  await expect(results(page)).toHaveText(`${fmt(either)} articles`);

  // Straight from a URL, with a place from the datelines; an unknown value is ignored.
  await page.goto('./?place=tokyo&source=reuters&country=atlantis');
  const tokyo = count((r) => /^tokyo[, ]/i.test((r.dateline ?? '').trim()));
  await expect(results(page)).toHaveText(`${fmt(tokyo)} articles`);
  await expect(page.getByRole('group', { name: 'Place' }).getByRole('checkbox', { name: /^Tokyo/ })).toBeChecked();
});

test('a focused value keeps the focus while its filter reorders under it', async ({ page }) => {
  await page.goto('./?topic=acq');
  await page.waitForFunction(() => performance.getEntriesByName('dateline:catalog-complete').length > 0);
  const countries = page.getByRole('group', { name: 'Country' });
  const names = () => countries.locator('.topic-name').allTextContents();
  await countries.getByRole('button', { name: /^Show all/ }).click();
  const before = await names();
  await page.getByRole('checkbox', { name: /^Crude Oil/ }).check();
  await expect(page).toHaveURL(/\?topic=acq&topic=crude$/);
  await expect.poll(names).not.toEqual(before);
  const after = await names();
  // A country listed in both views whose place among them changes.
  const both = after.filter((n) => before.includes(n));
  const rank = (list, n) => list.filter((m) => both.includes(m)).indexOf(n);
  const moved = both.find((n) => rank(before, n) !== rank(after, n));
  expect(moved).toBeDefined();
  const box = countries.getByRole('checkbox', { name: new RegExp(`^${moved}`) });
  await box.focus();
  // Back to acq alone: the countries reorder, this one's box moves and
  // keeps the focus (Space now picks it).
  await page.goBack();
  await expect(page).toHaveURL(/\?topic=acq$/);
  await expect.poll(names).toEqual(before);
  await expect(box).toBeFocused();
  await page.keyboard.press('Space');
  await expect(page).toHaveURL(new RegExp(`\\?topic=acq&country=${moved}$`));
});
