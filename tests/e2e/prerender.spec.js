// Every article page and the list page are real web pages: their content is in the HTML the
// host serves (tools/src/site/pages.rs, from the same markup code as the
// app), readable without JavaScript, with the facts link previews and search
// engines read; the app then takes the page over without moving it.
import { test, expect } from '@playwright/test';
import { RUBIO, beforeTheApp, storyMarkup } from './helpers.js';

test.describe('with JavaScript off', () => {
  test.use({ javaScriptEnabled: false });

  test('an article page shows its headline, byline, dates, body and photos', async ({ page }) => {
    await page.goto(`./${RUBIO}/`);
    const story = page.getByRole('article');
    await expect(story.getByRole('heading', { level: 1 })).toHaveText(/Rubio says US and Mexico will strengthen security/);
    await expect(story.locator('.byline')).toHaveText('MEXICO CITYAP');
    await expect(story.locator('time.published')).toHaveAttribute('datetime', /^\d{4}-\d\d-\d\dT/);
    expect(await story.locator('.story-body p').count()).toBeGreaterThan(5);
    const photos = story.getByRole('region', { name: /^Photos? / });
    await expect(photos.locator('figure figcaption').first()).toContainText('Sheinbaum');
    await expect(story.locator('.reading-time')).toHaveText(/\d+ min read/);
    // Save and Share need the app: not shown, and no gap is kept for them.
    await expect(story.locator('.story-actions')).toBeHidden();
    const gap = await story.evaluate((s) =>
      s.querySelector('.story-content').getBoundingClientRect().top - s.querySelector('.story-header').getBoundingClientRect().bottom,
    );
    expect(gap).toBeLessThan(40);
    // The sections are plain links.
    await expect(page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Latest' })).toHaveAttribute('href', '/dateline/');
  });

  test('the head carries the title, description, canonical URL, cards and JSON-LD', async ({ page }) => {
    await page.goto(`./${RUBIO}/`);
    const headline = await page.getByRole('heading', { level: 1 }).textContent();
    await expect(page).toHaveTitle(`${headline} — Dateline`);
    const meta = (key) => page.locator(`meta[property="${key}"], meta[name="${key}"]`).getAttribute('content');
    const url = `http://127.0.0.1:4173/dateline/${RUBIO}/`;
    await expect(page.locator('link[rel=canonical]')).toHaveAttribute('href', url);
    expect(await meta('og:title')).toBe(headline);
    expect(await meta('og:url')).toBe(url);
    expect(await meta('og:type')).toBe('article');
    expect(await meta('description')).toBe(await meta('og:description'));
    expect((await meta('description')).length).toBeGreaterThan(40);
    expect(await meta('article:published_time')).toBe(await page.locator('time.published').getAttribute('datetime'));
    expect(await meta('twitter:card')).toMatch(/^summary/);

    const ld = JSON.parse(await page.locator('script[type="application/ld+json"]').textContent());
    expect(ld['@type']).toBe('NewsArticle');
    expect(ld.headline).toBe(headline);
    expect(ld.datePublished).toBe(await meta('article:published_time'));
    expect(ld.url).toBe(url);
    expect(ld.publisher).toEqual({ '@type': 'Organization', name: 'AP' });
  });

  test('the list page shows the newest articles as links to their pages', async ({ page }) => {
    await page.goto('./');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Latest news');
    const links = page.getByRole('main').locator('.card-title a');
    await expect(links).toHaveCount(2);
    await expect(links.first()).toHaveText(/Coach Steve Kerr|Rubio/);
    // What needs the app is not shown dead, and the page says what it holds.
    for (const control of [
      page.getByRole('searchbox', { name: 'Search articles' }),
      page.getByRole('combobox', { name: 'Sort' }),
      page.getByRole('complementary', { name: 'Filters' }),
      page.getByRole('button', { name: 'Save' }),
    ]) {
      await expect(control).toHaveCount(0);
    }
    await expect(page.locator('.list-header .notice')).toHaveText(
      'This page lists every article. Searching, filtering and saving need JavaScript.',
    );
    // The list takes the filters' column on a wide screen.
    await page.setViewportSize({ width: 1280, height: 900 });
    const [list, header] = await Promise.all(
      ['.results-column', '.list-header'].map((s) => page.locator(s).evaluate((e) => e.getBoundingClientRect().left)),
    );
    expect(list).toBe(header);
    await links.first().click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(await page.title().then((t) => t.replace(' — Dateline', '')));
    await expect(page.locator('.story-body p').first()).toBeVisible();
  });

  test('a page only the app can show says it needs JavaScript, not that it is loading', async ({ page }) => {
    for (const address of ['./saved/', './offline/']) {
      await page.goto(address);
      await expect(page.locator('#boot')).toHaveText(
        'This page needs JavaScript and WebAssembly. The latest news and every article can be read without them.',
        { useInnerText: true },
      );
      // A way on to what can be read.
      await page.getByRole('link', { name: 'The latest news' }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Latest news');
    }
  });

  test('every article the sitemap lists is a page with its content', async ({ page, request }) => {
    const list = await request.get('./sitemap.xml');
    const urls = [...(await list.text()).matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]);
    const articles = urls.filter((u) => u.includes('/article/'));
    expect(articles.length).toBeGreaterThan(1);
    for (const url of articles) {
      await page.goto(url);
      await expect(page.getByRole('heading', { level: 1 })).not.toBeEmpty();
    }
  });
});

test('the app takes the prerendered page over: the same markup, nothing moves', async ({ page, request, browser }) => {
  // Layout shifts from the first paint on, as Lighthouse counts them.
  await page.addInitScript(() => {
    window.__shift = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__shift += entry.value;
    }).observe({ type: 'layout-shift', buffered: true });
  });
  await page.goto(`./${RUBIO}/`);
  await expect(page.locator('#boot')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Save' })).toBeVisible();

  const served = await (await request.get(`./${RUBIO}/`)).text();
  const parts = await storyMarkup(page, served);
  expect(parts.prerendered[0]).not.toBeNull();
  expect(parts.app).toEqual(parts.prerendered);
  expect(await page.evaluate(() => window.__shift)).toBeLessThan(0.02);
  // Deterministic, whatever the timing: the story starts where it started without the app.
  const top = (p) => p.evaluate(() => document.querySelector('.story-body p').getBoundingClientRect().top);
  const staticPage = await beforeTheApp(browser, page.url());
  await expect(staticPage.locator('#boot.prerendered .story-body p').first()).toBeVisible();
  expect(await top(page)).toBe(await top(staticPage));
  await staticPage.close();

  // The app works as before: the masthead's links navigate within it.
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Latest' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Latest news' })).toBeVisible();
  await expect(page.getByRole('main').getByRole('article')).toHaveCount(2);
});

for (const width of [390, 1280]) {
  test(`the app takes the prerendered list over at ${width} px: the same cards, nothing moves`, async ({ page, request, browser }) => {
    await page.setViewportSize({ width, height: 900 });
    await page.addInitScript(() => {
      window.__shift = 0;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__shift += entry.value;
      }).observe({ type: 'layout-shift', buffered: true });
      // What the page showed before any script of the app ran.
      document.addEventListener('DOMContentLoaded', () => {
        window.__static = !!document.querySelector('#boot.prerendered');
      });
    });
    await page.goto('./');
    expect(await page.evaluate(() => window.__static)).toBe(true);
    await expect(page.locator('#boot')).toHaveCount(0);
    await expect(page.getByRole('main').getByRole('article')).toHaveCount(2);
    const served = await (await request.get('./')).text();
    // The cards without what only the app draws (Save, read marks, placeholders).
    const cards = await page.evaluate((html) => {
      const doc = new DOMParser().parseFromString(html, 'text/html');
      const pick = (root) =>
        [...root.querySelectorAll('.article-list .card')].map((card) => {
          const copy = card.cloneNode(true);
          copy.querySelectorAll('.save, .read-mark').forEach((el) => el.remove());
          return copy.outerHTML.replace(/<!--.*?-->/g, '');
        });
      return { prerendered: pick(doc), app: pick(document) };
    }, served);
    expect(cards.prerendered).toHaveLength(2);
    expect(cards.app).toEqual(cards.prerendered);
    expect(await page.evaluate(() => window.__shift)).toBeLessThan(0.02);

    // Deterministic, whatever the timing: the header, its controls and
    // every card (with its Save) are where the static page has them.
    const places = (p) =>
      p.evaluate(() =>
        ['.list-header', '.search input', '.result-count', '.sort select', '.article-list .card', '.card .save'].flatMap((selector) =>
          [...document.querySelectorAll(selector)].map((element) => {
            const box = element.getBoundingClientRect();
            return [selector, Math.round(box.left), Math.round(box.top), Math.round(box.width), Math.round(box.height)];
          }),
        ),
      );
    const staticPage = await beforeTheApp(browser, page.url(), { viewport: { width, height: 900 } });
    await expect(staticPage.locator('#boot.prerendered')).toHaveCount(1);
    await expect(staticPage.getByRole('searchbox', { name: 'Search articles' })).toBeDisabled();
    const [app, prerendered] = [await places(page), await places(staticPage)];
    expect(app.filter(([selector]) => selector === '.article-list .card')).toHaveLength(2);
    expect(app).toEqual(prerendered);
    // The current section is marked in both.
    for (const p of [page, staticPage]) {
      await expect(p.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Latest' })).toHaveAttribute('aria-current', 'page');
    }
    await staticPage.close();

    // The app's controls work.
    await page.getByRole('searchbox', { name: 'Search articles' }).fill('rubio');
    await expect(page.getByRole('main').getByRole('article')).toHaveCount(1);
  });
}

test('a list with a query, or another address, never shows the newest list first', async ({ page }) => {
  await page.addInitScript(() => {
    document.addEventListener('DOMContentLoaded', () => {
      const boot = document.querySelector('#boot');
      window.__first = boot && { className: boot.className, text: boot.textContent };
    });
  });
  await page.goto('./?q=rubio');
  expect(await page.evaluate(() => window.__first)).toEqual({ className: 'state loading', text: 'Loading Dateline…' });
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Search: rubio');
  await expect(page.getByRole('main').getByRole('article')).toHaveCount(1);
  await expect(page.locator('#boot')).toHaveCount(0);

  // An article opened from a list keeps that list in its address: its page is its own.
  await page.goto(`./${RUBIO}/?q=rubio`);
  expect((await page.evaluate(() => window.__first)).className).toBe('prerendered');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/Rubio says/);
});

test('the app builds its first page in a few tasks, and no frame shows one half built', async ({ page }) => {
  // Every painted frame: is the boot (plain "Loading…" or a prerendered
  // page) still there, and does any of the app's own nodes show beside it?
  await page.addInitScript(() => {
    window.__frames = [];
    const look = () => {
      const boot = document.getElementById('boot');
      if (document.body) {
        const app = [...document.body.children].filter(
          (el) => el !== boot && !['SCRIPT', 'DIALOG', 'NOSCRIPT'].includes(el.tagName) && getComputedStyle(el).display !== 'none',
        );
        window.__frames.push({ boot: !!boot, app: app.map((el) => el.className || el.tagName) });
      }
      requestAnimationFrame(look);
    };
    requestAnimationFrame(look);
  });
  // A prerendered page goes two frames after the app shows it, so it is
  // always painted; the plain "Loading…" may not be, when the app is built
  // (a few tasks) before the browser's first frame.
  const prerendered = ['./', `./${RUBIO}/`];
  for (const address of ['./?q=rubio', './saved', './', `./${RUBIO}/`]) {
    await page.goto(address);
    await expect(page.locator('#boot')).toHaveCount(0);
    await expect(page.getByRole('banner')).toBeVisible();
    // Let a frame be painted with the app in: the last one recorded may
    // still be the boot's, as the check above needs no paint.
    const frames = await page.evaluate(
      () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => done(window.__frames)))),
    );
    // The boot was painted, then the app: never both.
    expect(frames.length, address).toBeGreaterThan(0);
    if (prerendered.includes(address)) expect(frames.some((f) => f.boot), address).toBe(true);
    expect(frames.filter((f) => f.boot && f.app.length > 0), address).toEqual([]);
    expect(frames.at(-1).app.length, address).toBeGreaterThan(0);
  }
});
