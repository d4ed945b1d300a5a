import { test, expect } from './app.js';

// The site's own feeds (feed.xml, feed.json) and sitemap, as a feed reader
// or a crawler finds them: linked from the page's head, valid, and pointing
// at pages that open. The build was given an origin (the Makefile's
// SITE_URL for the tests); the links are opened on this server's.
const here = (url, baseURL) => new URL(new URL(url).pathname, baseURL).href;
async function feedLinks(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll('head link[rel="alternate"]')].map((l) => ({ type: l.type, href: l.href, title: l.title })),
  );
}

test('every page links its Atom and JSON feeds, whose entries open their articles', async ({ page, request, baseURL }) => {
  await page.goto('./');
  await expect(page.getByRole('main').getByRole('article')).toHaveCount(2);
  const links = await feedLinks(page);
  expect(links.map((l) => l.type)).toEqual(['application/atom+xml', 'application/feed+json']);

  const atomText = await (await request.get(links[0].href)).text();
  const entries = await page.evaluate((xml) => {
    const doc = new DOMParser().parseFromString(xml, 'application/xml');
    if (doc.querySelector('parsererror')) return null;
    const atom = 'http://www.w3.org/2005/Atom';
    return [...doc.getElementsByTagNameNS(atom, 'entry')].map((e) => ({
      title: e.getElementsByTagNameNS(atom, 'title')[0].textContent,
      href: e.getElementsByTagNameNS(atom, 'link')[0].getAttribute('href'),
      published: e.getElementsByTagNameNS(atom, 'published')[0].textContent,
    }));
  }, atomText);
  expect(entries, 'feed.xml is well-formed XML').not.toBeNull();
  expect(entries).toHaveLength(2);
  const json = await (await request.get(links[1].href)).json();
  expect(json.version).toBe('https://jsonfeed.org/version/1.1');
  expect(json.items.map((i) => i.url)).toEqual(entries.map((e) => e.href));

  // Absolute links under the public URL, at the origin the build was given.
  const site = new URL(baseURL);
  for (const entry of entries) {
    const url = new URL(entry.href);
    expect(url.pathname.startsWith(`${site.pathname}article/`), entry.href).toBe(true);
    expect(entry.published).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(Z|[+-]\d\d:\d\d)$/);
    expect(url.protocol).toBe('http:');
    // Opened, it shows that article.
    await page.goto(here(entry.href, baseURL));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(entry.title);
    expect((await feedLinks(page)).length, 'article pages link the feeds too').toBe(2);
  }
});

test('sitemap.xml lists the list and exactly the article pages written; robots.txt names it', async ({ page, request, baseURL }) => {
  const sitemap = await (await request.get('sitemap.xml')).text();
  const locs = await page.evaluate((xml) => {
    const doc = new DOMParser().parseFromString(xml, 'application/xml');
    if (doc.querySelector('parsererror')) return null;
    return [...doc.getElementsByTagNameNS('http://www.sitemaps.org/schemas/sitemap/0.9', 'loc')].map((l) => l.textContent);
  }, sitemap);
  expect(locs, 'sitemap.xml is well-formed').not.toBeNull();
  const site = new URL(baseURL);
  expect(new URL(locs[0]).pathname).toBe(site.pathname);
  const pages = locs.slice(1);
  expect(pages).toHaveLength(2);
  for (const loc of pages) {
    // Each answers 200 itself (no redirect) and is the article it names.
    const response = await request.get(here(loc, baseURL), { maxRedirects: 0 });
    expect(response.status(), loc).toBe(200);
    await page.goto(here(loc, baseURL));
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(page.getByRole('heading', { level: 1 })).not.toHaveText('Page not found');
  }
  const robots = await (await request.get('robots.txt')).text();
  expect(robots).toMatch(new RegExp(`^Sitemap: http://[^/]+${site.pathname}sitemap\\.xml$`, 'm'));
});
