import { test, expect } from './app.js';
import { RUBIO, fixtureManifest, serveData, sleep } from './helpers.js';

const manifestAnswer = (body, status = 200) => (file) =>
  file === 'data/manifest.txt' ? { status, contentType: 'text/plain', body } : undefined;

const MALFORMED_MANIFEST = 'dateline-data\t1\narticles\t2\nindex\t2\t1';

// Routed for the whole context: the shell requests the manifest first thing,
// and a page's own route now and then came too late for it.
test('a malformed manifest shows the error state, and retry recovers', async ({ page }) => {
  await page.context().route('**/data/manifest.txt', (route) => route.fulfill({ status: 200, body: MALFORMED_MANIFEST }));
  // A page the build did not write (the Saved section): the app's error state.
  await page.goto('./saved');
  const alert = page.getByRole('alert');
  await expect(alert.getByRole('heading', { name: 'The articles could not be loaded' })).toBeVisible();
  await expect(alert).toContainText('data/manifest.txt is damaged (line 3: 2 fields instead of 3)');

  await page.context().unroute('**/data/manifest.txt');
  await alert.getByRole('button', { name: 'Try again' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Saved articles');
  await expect(page.getByRole('alert')).toHaveCount(0);
});

// A prerendered page (the list's newest articles, an article) is readable
// without the app: a failed load keeps it, says why, and retries in place.
for (const [what, path, failing] of [
  ['the list page, its data', './', '**/data/manifest.txt'],
  ['an article page, its data', `./${RUBIO}/`, '**/data/manifest.txt'],
  ['an article page, its body shard', `./${RUBIO}/`, '**/data/body-*'],
]) {
  test(`a failed load keeps the prerendered page readable: ${what}`, async ({ page }) => {
    await page.context().route(failing, (route) =>
      failing.endsWith('manifest.txt')
        ? route.fulfill({ status: 200, body: MALFORMED_MANIFEST })
        : route.fulfill({ status: 404, body: 'gone' }),
    );
    await page.goto(path);
    const alert = page.getByRole('alert');
    await expect(alert.getByRole('heading', { name: 'Dateline could not load its data' })).toBeVisible();
    await expect(alert).toContainText(failing.endsWith('manifest.txt') ? 'data/manifest.txt is damaged' : '404');
    // The page is still there, above and below the notice.
    const main = page.getByRole('main');
    if (path === './') {
      await expect(main.getByRole('article')).toHaveCount(2);
    } else {
      await expect(main.getByRole('heading', { level: 1 })).toContainText('Rubio says');
      expect(await main.locator('.story-body p').count()).toBeGreaterThan(5);
    }
    // What needs the data is not shown dead (the notice says so), and no gap is kept for it.
    for (const part of path === './' ? ['.search', '.sort', '.filters', '.card .save'] : ['.story-actions']) {
      const element = page.locator(`#boot ${part}`).first();
      await expect(element).toBeAttached();
      await expect(element).toBeHidden();
    }
    // Failing again: one notice, still the page.
    await alert.getByRole('button', { name: 'Try again' }).click();
    await expect(alert.getByRole('button', { name: 'Try again' })).toBeEnabled();
    await expect(page.getByRole('alert')).toHaveCount(1);

    await page.context().unroute(failing);
    await alert.getByRole('button', { name: 'Try again' }).click();
    await expect(page.getByRole('alert')).toHaveCount(0);
    await expect(page.locator('#boot')).toHaveCount(0);
    if (path === './') {
      await expect(page.locator('.result-count')).toHaveText('2 articles');
    } else {
      await expect(page.getByRole('heading', { level: 1 })).toContainText('Rubio says');
      await expect(page.getByRole('button', { name: 'Save' })).toBeEnabled();
    }
  });
}

test('the first screen downloads its data once, and a failed download can be retried', async ({ page }) => {
  // index.html requests the manifest and the first catalog part; the app takes those requests over.
  const requested = [];
  page.on('request', (r) => r.url().includes('/data/') && requested.push(new URL(r.url()).pathname));
  await page.goto('./');
  // The app's list, not the prerendered one.
  await expect(page.locator('#boot')).toHaveCount(0);
  await expect(page.getByRole('main').getByRole('article')).toHaveCount(2);
  expect(requested.filter((p) => p.endsWith('/data/manifest.txt'))).toHaveLength(1);
  expect(requested.filter((p) => p.includes('/data/catalog-'))).toHaveLength(1);

  // An article's page also names its body shard and the shard table, and the
  // facet values stream in behind the first screen: each comes once. (The
  // list's own stream ends first, or its late requests would count here.)
  await page.waitForFunction(() => performance.getEntriesByName('dateline:catalog-complete').length > 0);
  requested.length = 0;
  await page.goto(`./${RUBIO}`);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Rubio');
  // The facet values are requested after the page is painted: count once
  // the catalog's stream has ended, or a slow runner counts them missing.
  await page.waitForFunction(() => performance.getEntriesByName('dateline:catalog-complete').length > 0);
  const counts = {};
  for (const path of requested) {
    const kind = path.split('/data/')[1].replace(/-[0-9a-f]{16}/, '');
    counts[kind] = (counts[kind] ?? 0) + 1;
  }
  expect(counts).toEqual({ 'manifest.txt': 1, 'catalog.txt': 1, 'facets.txt': 1, 'bodies.txt': 1, 'body.txt': 1 });

  await page.route('**/data/manifest.txt', (route) => route.abort('internetdisconnected'));
  await page.goto('./');
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('data/manifest.txt could not be downloaded');
  await page.unroute('**/data/manifest.txt');
  await alert.getByRole('button', { name: 'Try again' }).click();
  await expect(page.getByRole('main').getByRole('article')).toHaveCount(2);
});

test('a server error and a wrong file type are explained', async ({ page }) => {
  await serveData(page, 'archive', { alter: manifestAnswer('oops', 500) });
  await page.goto('./');
  await expect(page.getByRole('alert')).toContainText('500');
  await expect(page.getByRole('alert')).toContainText('data/manifest.txt');

  await page.unroute('**/data/**');
  await serveData(page, 'archive', { alter: manifestAnswer('{"format":"rss"}') });
  await page.getByRole('button', { name: 'Try again' }).click();
  await expect(page.getByRole('alert')).toContainText('not Dateline site data');
});

test('a loading state shows while the data is on its way', async ({ page }) => {
  await serveData(page, 'skipped', {
    alter: async (file) => {
      if (file === 'data/manifest.txt') await sleep(1500);
    },
  });
  await page.goto('./');
  await expect(page.getByText('Loading articles…')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Good story' })).toBeVisible();
});

test('invalid articles are skipped and counted, the rest are shown', async ({ page }) => {
  await serveData(page, 'skipped');
  await page.goto('./');
  await expect(page.getByRole('main').getByRole('article')).toHaveCount(1);
  const notice = page.getByText('2 articles in the archive could not be shown.');
  await expect(notice).toBeVisible();
  await notice.click();
  await expect(page.getByRole('note')).toContainText('Item 2 (no-title)');
  await expect(page.getByRole('note')).toContainText('soon');
});

test('hostile HTML in article text is shown as text and never runs', async ({ page }) => {
  const script = '<script>window.__pwned = 1</script>';
  const img = '<img src=x onerror="window.__pwned = 2">';
  await serveData(page, 'hostile');
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

/**
 * Serves the 260-article archive with all but its head held back (the head
 * is the newest 100; its one catalog part, all 260, follows); resolves to its release.
 */
async function holdSecondPart(page) {
  const manifest = fixtureManifest('archive');
  expect(manifest.head.count).toBe(100);
  expect(manifest.catalog.length).toBe(1);
  let release;
  const held = new Promise((r) => (release = r));
  await serveData(page, 'archive', {
    alter: async (file) => {
      if (file === manifest.catalog[0].file) await held;
    },
  });
  return release;
}

test('the newest articles show while the rest of the catalog streams in', async ({ page }) => {
  const release = await holdSecondPart(page);
  await page.goto('./');
  await expect(page.getByRole('heading', { name: 'Story number 259 about energy', level: 2 })).toBeVisible();
  const status = page.getByRole('status').filter({ hasText: 'Loading the archive' });
  await expect(status).toContainText('100 of 260 articles so far');
  await expect(page.locator('.result-count')).toHaveText('100 articles so far, 100 of 260 searched');
  // A filter's count of part of the archive is a floor, and says so.
  await expect(page.getByRole('checkbox', { name: /sport/ })).toHaveAccessibleName(/\b\d+\+/);
  release();
  await expect(status).toHaveCount(0);
  await expect(page.locator('.result-count')).toHaveText('260 articles');
  await expect(page.getByRole('checkbox', { name: /sport/ })).toHaveAccessibleName(/\b86\b(?!\+)/);
});

test('a search whose match has not arrived yet says it is still looking, never that nothing matches', async ({ page }) => {
  // A slow network: the catalog part after the head (stories 0–159 are only there) takes its time.
  const release = await holdSecondPart(page);
  const said = [];
  await page.exposeFunction('__said', (text) => said.push(text));
  await page.addInitScript(() =>
    new MutationObserver(() => {
      for (const el of document.querySelectorAll('.result-count, p.empty')) window.__said?.(el.textContent);
    }).observe(document, { subtree: true, childList: true, characterData: true }),
  );
  await page.goto('./?q=42');
  const count = page.locator('.result-count');
  await expect(count).toHaveText('Still looking: 100 of 260 articles searched');
  await expect(page.locator('p.empty')).toHaveText(/^Nothing yet in the 100 of 260 articles searched: still looking through the rest\./);
  release();
  await expect(count).toHaveText('1 article');
  await expect(page.getByRole('heading', { name: 'Story number 42 about markets', level: 2 })).toBeVisible();
  expect(said.filter((t) => /No articles match/.test(t)), said.join(' | ')).toEqual([]);
});

test('Saved never says nothing is saved while a saved article is still arriving', async ({ page }) => {
  const release = await holdSecondPart(page);
  await page.addInitScript(() =>
    localStorage.setItem(
      'dateline:shelf',
      JSON.stringify({ format: 'dateline-shelf', version: 1, saved: [{ id: 'story-7', title: 'Story number 7 about energy', saved_at: 1 }], read: [] }),
    ),
  );
  await page.goto('./saved');
  await expect(page.locator('.result-count')).toHaveText('Still looking: 100 of 260 articles searched');
  await expect(page.locator('p.empty')).not.toContainText('Nothing saved yet');
  await expect(page.locator('.notice.gone')).toBeHidden();
  release();
  await expect(page.getByRole('main').getByRole('heading', { name: 'Story number 7 about energy', level: 2 })).toBeVisible();
  await expect(page.locator('.result-count')).toHaveText('1 article');
});

test('a damaged catalog part keeps what came before it and says what is missing', async ({ page }) => {
  const manifest = fixtureManifest('archive');
  let damage = true;
  await serveData(page, 'archive', {
    alter: (file, body) =>
      file === manifest.catalog[0].file && damage ? { status: 200, body: body.subarray(0, body.length - 40) } : undefined,
  });
  await page.goto('./');
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('only 100 of 260 articles are shown');
  await expect(alert).toContainText(`${manifest.catalog[0].file} is damaged`);
  await expect(page.locator('.result-count')).toHaveText('100 articles in the 100 of 260 that loaded');
  damage = false;
  await alert.getByRole('button', { name: 'Try again' }).click();
  await expect(page.locator('.result-count')).toHaveText('260 articles');
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('a missing body shard is an error for that article only', async ({ page }) => {
  let missing = true;
  await serveData(page, 'archive', {
    alter: (file) => (file.startsWith('data/body-') && missing ? { status: 404, body: 'gone' } : undefined),
  });
  await page.goto('./article/story-7');
  const alert = page.getByRole('alert');
  await expect(alert.getByRole('heading', { name: 'This article could not be loaded' })).toBeVisible();
  await expect(alert).toContainText('404');
  missing = false;
  await alert.getByRole('button', { name: 'Try again' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Story number 7 about energy');
  await page.getByRole('link', { name: 'All articles' }).last().click();
  await expect(page.locator('.result-count')).toHaveText('260 articles');
});

test('a corrupt index chunk fails that search with a message; filters still work', async ({ page }) => {
  let corrupt = true;
  await serveData(page, 'archive', {
    alter: (file, body) => {
      if (!file.startsWith('data/index-') || !corrupt) return undefined;
      const copy = Buffer.from(body);
      copy[copy.length >> 1] ^= 0xff;
      return { status: 200, body: copy };
    },
  });
  await page.goto('./?q=word16+');
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('This search could not be run');
  await expect(alert).toContainText('is damaged');
  await page.getByRole('checkbox', { name: /sport/ }).check();
  await expect(page).toHaveURL(/topic=sport/);
  corrupt = false;
  await alert.getByRole('button', { name: 'Try again' }).click();
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(page.locator('.result-count')).toHaveText('No articles match');
  await page.getByRole('checkbox', { name: /sport/ }).uncheck();
  await expect(page.locator('.result-count')).toHaveText('1 article');
});
