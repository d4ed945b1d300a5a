// The reader's own state and ways through the news on the seed site (two
// articles): Save and the Saved section, read marks and "Unread only",
// previous/next, the keyboard, Share, export and import, and what happens
// when the browser will not keep anything.
import { test, expect } from './app.js';
import { writeFile, readFile } from 'node:fs/promises';
import { KUMINGA, RUBIO } from './helpers.js';

const KUMINGA_TITLE = 'Coach Steve Kerr spoke with Warriors forward Jonathan Kuminga';
const RUBIO_TITLE = 'Rubio says US and Mexico will strengthen security collaboration';

const cards = (page) => page.getByRole('main').locator('.article-list > li');
const card = (page, title) => cards(page).filter({ hasText: title });
const saveIn = (scope) => scope.getByRole('button', { name: 'Save', exact: true });
const stored = (page) => page.evaluate(() => JSON.parse(localStorage.getItem('dateline:shelf') ?? 'null'));

test('saving from the list and from the article, and the Saved section newest saved first', async ({ page }) => {
  await page.goto('./');
  const rubioSave = saveIn(card(page, RUBIO_TITLE));
  await expect(rubioSave).toHaveAttribute('aria-pressed', 'false');
  await rubioSave.click();
  await expect(rubioSave).toHaveAttribute('aria-pressed', 'true');

  // Saved second, from its page: it comes first in Saved.
  await page.goto(`./${KUMINGA}`);
  const articleSave = saveIn(page.locator('.story-actions'));
  await articleSave.click();
  await expect(articleSave).toHaveAttribute('aria-pressed', 'true');
  expect((await stored(page)).saved.map((s) => s.id)).toEqual([KUMINGA.split('/')[1], RUBIO.split('/')[1]]);

  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Saved' }).click();
  await expect(page).toHaveURL(/\/dateline\/saved$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Saved articles' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Saved' })).toHaveAttribute('aria-current', 'page');
  await expect(cards(page).getByRole('heading', { level: 2 })).toHaveText([KUMINGA_TITLE, RUBIO_TITLE]);

  // The same filters and search as the main list, in the URL.
  await page.goto('./saved?topic=news');
  await expect(cards(page).getByRole('heading', { level: 2 })).toHaveText([RUBIO_TITLE]);
  await page.goto('./saved?q=kerr');
  await expect(cards(page).getByRole('heading', { level: 2 })).toHaveText([KUMINGA_TITLE]);

  // Unsave from the Saved list; it survives a reload.
  await page.goto('./saved');
  await saveIn(card(page, KUMINGA_TITLE)).click();
  await expect(cards(page)).toHaveCount(1);
  await page.reload();
  await expect(cards(page).getByRole('heading', { level: 2 })).toHaveText([RUBIO_TITLE]);
  await page.goto('./');
  await expect(saveIn(card(page, RUBIO_TITLE))).toHaveAttribute('aria-pressed', 'true');
  await expect(saveIn(card(page, KUMINGA_TITLE))).toHaveAttribute('aria-pressed', 'false');
});

test('a saved article this archive no longer has is named, and can be removed', async ({ page }) => {
  await page.addInitScript(() => {
    if (localStorage.getItem('dateline:shelf')) return;
    localStorage.setItem(
      'dateline:shelf',
      JSON.stringify({
        format: 'dateline-shelf',
        version: 1,
        saved: [
          { id: 'a-story-from-an-older-deploy', title: 'A story the archive dropped', saved_at: 2 },
          { id: 'rubio-says-us-and-mexico-will-strengthen-security-collaboration', title: 'Rubio', saved_at: 1 },
        ],
        read: [],
      }),
    );
  });
  await page.goto('./saved');
  await expect(cards(page)).toHaveCount(1);
  const gone = page.locator('.gone');
  await expect(gone).toContainText('No longer in this archive: A story the archive dropped');
  await gone.getByRole('button', { name: 'Remove them from Saved' }).click();
  await expect(gone).toBeHidden();
  expect((await stored(page)).saved.map((s) => s.id)).toEqual(['rubio-says-us-and-mexico-will-strengthen-security-collaboration']);
});

test('an empty Saved section says how to fill it; its address is a page of its own', async ({ page }) => {
  const response = await page.goto('./saved');
  expect(response.status(), 'a static host answers it without its 404 page').toBe(200);
  await expect(page.getByRole('main')).toContainText('Nothing saved yet');
  await expect(page.getByText('Saved articles and read marks stay in this browser')).toBeVisible();
});

test('opened articles are marked read, dimmed, and "Unread only" hides them through the URL', async ({ page }) => {
  await page.goto('./');
  await expect(card(page, RUBIO_TITLE)).not.toContainText('Read');
  await card(page, RUBIO_TITLE).getByRole('link', { name: RUBIO_TITLE }).click();
  await expect(page.getByRole('heading', { level: 1, name: RUBIO_TITLE })).toBeVisible();
  await page.goBack();
  const rubio = card(page, RUBIO_TITLE);
  await expect(rubio.locator('.card')).toHaveClass(/\bread\b/);
  await expect(rubio.locator('.read-mark')).toHaveText('Read');
  const dim = await rubio.getByRole('link', { name: RUBIO_TITLE }).evaluate((a) => getComputedStyle(a).color);
  const plain = await card(page, KUMINGA_TITLE).getByRole('link', { name: KUMINGA_TITLE }).evaluate((a) => getComputedStyle(a).color);
  expect(dim).not.toBe(plain);

  await page.getByRole('checkbox', { name: 'Unread only' }).check();
  await expect(page).toHaveURL(/\?unread=1$/);
  await expect(cards(page).getByRole('heading', { level: 2 })).toHaveText([KUMINGA_TITLE]);
  await page.reload();
  await expect(page.getByRole('checkbox', { name: 'Unread only' })).toBeChecked();
  await expect(cards(page)).toHaveCount(1);
  await page.getByRole('checkbox', { name: 'Unread only' }).uncheck();
  await expect(page).toHaveURL(/\/dateline\/$/);
  await expect(cards(page)).toHaveCount(2);
});

test('two open tabs stay in step', async ({ context }) => {
  const one = await context.newPage();
  const two = await context.newPage();
  await one.goto('./');
  await two.goto('./saved');
  await expect(cards(two)).toHaveCount(0);
  await saveIn(card(one, KUMINGA_TITLE)).click();
  await expect(cards(two).getByRole('heading', { level: 2 })).toHaveText([KUMINGA_TITLE]);
  await saveIn(card(two, KUMINGA_TITLE)).click();
  await expect(saveIn(card(one, KUMINGA_TITLE))).toHaveAttribute('aria-pressed', 'false');
});

test('export, then import into a fresh browser profile, merging without duplicates', async ({ page, browser }, info) => {
  await page.goto('./');
  await saveIn(card(page, RUBIO_TITLE)).click();
  await page.goto(`./${KUMINGA}`);
  await expect(page.getByRole('heading', { level: 1, name: KUMINGA_TITLE })).toBeVisible();
  await expect.poll(async () => (await stored(page)).read).toEqual([KUMINGA.split('/')[1]]);
  await page.goto('./saved');
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export saved articles' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('dateline-saved.json');
  const file = info.outputPath('dateline-saved.json');
  await download.saveAs(file);
  const exported = JSON.parse(await readFile(file, 'utf8'));
  expect(exported).toMatchObject({ format: 'dateline-shelf', version: 1, read: [KUMINGA.split('/')[1]] });
  expect(exported.saved.map((s) => s.id)).toEqual([RUBIO.split('/')[1]]);

  const fresh = await browser.newContext({ baseURL: info.project.use.baseURL, serviceWorkers: 'block' });
  const other = await fresh.newPage();
  await other.goto('./saved');
  const input = other.locator('input[type=file]');
  await input.setInputFiles(file);
  await expect(other.getByRole('status').filter({ hasText: 'Imported' })).toHaveText('Imported 1 new saved article and 1 read mark.');
  await expect(cards(other).getByRole('heading', { level: 2 })).toHaveText([RUBIO_TITLE]);
  // Importing again adds nothing.
  await input.setInputFiles(file);
  await expect(other.getByRole('status').filter({ hasText: 'Imported' })).toHaveText('Imported 0 new saved articles and 0 read marks.');
  await expect(cards(other)).toHaveCount(1);
  await other.goto('./');
  await expect(card(other, KUMINGA_TITLE).locator('.read-mark')).toHaveText('Read');
  await fresh.close();
});

test('a malformed or foreign import file says why and changes nothing', async ({ page }, info) => {
  await page.goto('./');
  await saveIn(card(page, RUBIO_TITLE)).click();
  await page.goto('./saved');
  const before = await stored(page);
  const input = page.locator('input[type=file]');
  for (const [name, text, said] of [
    ['broken.json', '{"format": "dateline-shelf", "saved": [', 'it is not JSON'],
    ['other.json', '{"items": [1, 2, 3]}', 'not a Dateline export'],
    ['newer.json', '{"format": "dateline-shelf", "version": 9}', 'newer Dateline'],
    ['bad.json', '{"format": "dateline-shelf", "version": 1, "saved": [{"title": "no id"}]}', 'has no id'],
  ]) {
    const file = info.outputPath(name);
    await writeFile(file, text);
    await input.setInputFiles(file);
    const status = page.getByRole('status').filter({ hasText: 'Nothing was imported' });
    await expect(status).toContainText(said);
  }
  expect(await stored(page)).toEqual(before);
  await expect(cards(page)).toHaveCount(1);
});

test('with storage blocked, reading works and the page says saving is off', async ({ page }) => {
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.addInitScript(() => {
    Object.defineProperty(window, 'localStorage', {
      get() {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      },
    });
  });
  await page.goto('./');
  await expect(cards(page)).toHaveCount(2);
  await saveIn(card(page, RUBIO_TITLE)).click();
  await expect(saveIn(card(page, RUBIO_TITLE))).toHaveAttribute('aria-pressed', 'true');
  await page.getByRole('link', { name: 'Saved', exact: true }).click();
  await expect(page.getByText('This browser does not let the page keep data')).toBeVisible();
  await expect(cards(page).getByRole('heading', { level: 2 })).toHaveText([RUBIO_TITLE]);
  await cards(page).getByRole('link', { name: RUBIO_TITLE }).click();
  await expect(page.locator('.story-body')).toContainText('Mexico');
  expect(errors).toEqual([]);
});

test('a full storage quota turns saving off with a message, reading goes on', async ({ page }) => {
  await page.addInitScript(() => {
    Storage.prototype.setItem = function () {
      throw new DOMException('Quota exceeded', 'QuotaExceededError');
    };
  });
  await page.goto('./');
  await saveIn(card(page, RUBIO_TITLE)).click();
  await page.getByRole('link', { name: 'Saved', exact: true }).click();
  await expect(page.getByText("The browser's storage for this site is full")).toBeVisible();
  await expect(cards(page)).toHaveCount(1);
});

test('previous and next follow the list the article was opened from, and keep it in their URL', async ({ page }) => {
  await page.goto('./');
  await card(page, KUMINGA_TITLE).getByRole('link', { name: KUMINGA_TITLE }).click();
  const nav = page.getByRole('navigation', { name: 'This list' });
  await expect(nav.getByRole('link', { name: /^Next/ })).toHaveAttribute('href', `/dateline/${RUBIO}`);
  await expect(nav.getByRole('link', { name: /^Previous/ })).toHaveCount(0);
  await nav.getByRole('link', { name: /^Next/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: RUBIO_TITLE })).toBeVisible();
  await expect(nav.getByRole('link', { name: /^Previous/ })).toContainText(KUMINGA_TITLE);

  // From a searched list the links carry the search, and so does the way back.
  await page.goto('./?q=mexico');
  await cards(page).getByRole('link', { name: RUBIO_TITLE }).click();
  await expect(page).toHaveURL(new RegExp(`${RUBIO}\\?q=mexico$`));
  await expect(nav.getByRole('link', { name: /^(Next|Previous)/ })).toHaveCount(0);
  await expect(nav.getByRole('link', { name: '← Back to the list' })).toHaveAttribute('href', '/dateline/?q=mexico');

  // From Saved: its order, and back to Saved.
  await page.goto('./');
  await saveIn(card(page, RUBIO_TITLE)).click();
  await saveIn(card(page, KUMINGA_TITLE)).click();
  await page.goto('./saved');
  await cards(page).getByRole('link', { name: KUMINGA_TITLE }).click();
  await expect(page).toHaveURL(/\?list=saved$/);
  await expect(nav.getByRole('link', { name: /^Next/ })).toContainText(RUBIO_TITLE);
  await expect(nav.getByRole('link', { name: '← Saved articles' })).toHaveAttribute('href', '/dateline/saved');
});

test('keyboard: j/k, o, s, u on the list; n, p, s and Escape on an article', async ({ page }) => {
  await page.goto('./');
  await expect(cards(page)).toHaveCount(2);
  await page.keyboard.press('j');
  await expect(card(page, KUMINGA_TITLE).getByRole('link', { name: KUMINGA_TITLE })).toBeFocused();
  await page.keyboard.press('j');
  await expect(card(page, RUBIO_TITLE).getByRole('link', { name: RUBIO_TITLE })).toBeFocused();
  await page.keyboard.press('j'); // the end: stays
  await expect(card(page, RUBIO_TITLE).getByRole('link', { name: RUBIO_TITLE })).toBeFocused();
  await page.keyboard.press('k');
  await expect(card(page, KUMINGA_TITLE).getByRole('link', { name: KUMINGA_TITLE })).toBeFocused();
  await page.keyboard.press('s');
  await expect(saveIn(card(page, KUMINGA_TITLE))).toHaveAttribute('aria-pressed', 'true');
  await page.keyboard.press('u');
  await expect(card(page, KUMINGA_TITLE).locator('.read-mark')).toHaveText('Read');
  await page.keyboard.press('u');
  await expect(card(page, KUMINGA_TITLE).locator('.read-mark')).toHaveCount(0);
  // Modifiers belong to the browser: Ctrl+S saves nothing here.
  await page.keyboard.press('Control+s');
  await expect(saveIn(card(page, KUMINGA_TITLE))).toHaveAttribute('aria-pressed', 'true');

  await page.keyboard.press('o');
  await expect(page.getByRole('heading', { level: 1, name: KUMINGA_TITLE })).toBeVisible();
  await page.keyboard.press('s');
  await expect(saveIn(page.locator('.story-actions'))).toHaveAttribute('aria-pressed', 'false');
  await page.keyboard.press('n');
  await expect(page.getByRole('heading', { level: 1, name: RUBIO_TITLE })).toBeVisible();
  await page.keyboard.press('p');
  await expect(page.getByRole('heading', { level: 1, name: KUMINGA_TITLE })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('heading', { level: 1, name: 'Latest news' })).toBeVisible();
  await page.keyboard.press('j');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: KUMINGA_TITLE })).toBeVisible();
  await page.keyboard.press('Backspace');
  await expect(page.getByRole('heading', { level: 1, name: 'Latest news' })).toBeVisible();
});

test('shortcuts never fire while typing in a field', async ({ page }) => {
  await page.goto('./');
  await expect(cards(page)).toHaveCount(2);
  const search = page.getByRole('searchbox', { name: 'Search articles' });
  await search.click();
  await page.keyboard.type('jsu?');
  await expect(search).toHaveValue('jsu?');
  await expect(page.locator('dialog#shortcuts')).not.toBeVisible();
  expect(await stored(page)).toBeNull();
});

test('"?" opens the shortcuts dialog: focus stays inside and comes back when it closes', async ({ page }) => {
  await page.goto('./');
  await expect(cards(page)).toHaveCount(2);
  await page.keyboard.press('j');
  const opener = card(page, KUMINGA_TITLE).getByRole('link', { name: KUMINGA_TITLE });
  await expect(opener).toBeFocused();
  await page.keyboard.press('Shift+?');
  const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(dialog).toBeVisible();
  for (const key of ['j / k', 'n / p', 's', 'u', '?', 'Escape']) {
    await expect(dialog.locator('dt').filter({ hasText: key.split(' ')[0] }).first()).toBeVisible();
  }
  for (let i = 0; i < 4; i++) {
    await page.keyboard.press(i % 2 ? 'Shift+Tab' : 'Tab');
    expect(await dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);
  }
  // Shortcuts are off while it is open.
  await page.keyboard.press('s');
  expect(await stored(page)).toBeNull();
  await page.keyboard.press('Escape');
  await expect(dialog).not.toBeVisible();
  await expect(opener).toBeFocused();

  // And from its button in the footer, closed with its own button.
  const button = page.getByRole('button', { name: 'Keyboard shortcuts' });
  await button.click();
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).not.toBeVisible();
  await expect(button).toBeFocused();
});

test('Share uses the system share sheet where there is one', async ({ page }) => {
  await page.addInitScript(() => {
    navigator.share = (data) => {
      window.__shared = data;
      return Promise.resolve();
    };
  });
  await page.goto(`./${RUBIO}?q=mexico`);
  await page.getByRole('button', { name: 'Share' }).click();
  await expect.poll(() => page.evaluate(() => window.__shared)).toEqual({
    title: RUBIO_TITLE,
    url: new URL(`/dateline/${RUBIO}`, page.url()).href,
  });
});

test('without a share sheet, Share copies the link and says so', async ({ page, context, baseURL }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(baseURL).origin });
  await page.addInitScript(() => {
    delete Navigator.prototype.share;
  });
  await page.goto(`./${RUBIO}`);
  await page.getByRole('button', { name: 'Share' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Link copied' })).toHaveText('Link copied.');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(new URL(`/dateline/${RUBIO}`, baseURL).href);

  // No clipboard either: the link is written out to copy by hand.
  await page.addInitScript(() => {
    Object.defineProperty(navigator, 'clipboard', { get: () => undefined });
  });
  await page.reload();
  await page.getByRole('button', { name: 'Share' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Copy this link' })).toContainText(`/dateline/${RUBIO}`);
});
