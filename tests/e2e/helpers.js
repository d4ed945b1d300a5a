import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';

export const RUBIO = 'article/rubio-says-us-and-mexico-will-strengthen-security-collaboration';
export const KUMINGA = 'article/coach-steve-kerr-spoke-with-warriors-forward-jonathan-kuminga';

const fixtures = new URL('../../target/e2e-fixtures/', import.meta.url);
const shell = readFileSync(new URL('../../dist/404.html', import.meta.url));

/** The site data manifest (its catalog parts) of a fixture built by `make e2e-fixtures`. */
export function fixtureManifest(name) {
  return readManifest(readFileSync(new URL(`${name}/data/manifest.txt`, fixtures), 'utf8'));
}

/** The fields of `data/manifest.txt` the tests use (see docs/format.md). */
export function readManifest(text) {
  const records = text.split('\n').slice(1).filter(Boolean).map((line) => line.split('\t'));
  const field = (kind) => records.find((r) => r[0] === kind);
  const [, file, bytes, count] = field('head');
  return {
    articles: Number(field('articles')[1]),
    head: { file, bytes: Number(bytes), count: Number(count) },
    catalog: records.filter((r) => r[0] === 'catalog').map(([, file, bytes, count]) => ({ file, bytes: Number(bytes), count: Number(count) })),
  };
}

/**
 * Serve the site data of fixture `name` (tests/fixtures, built into
 * target/e2e-fixtures) in place of the site's own. `alter(file, body)` may
 * return a response to send instead (an error, a damaged body, a delay).
 */
export async function serveData(page, name, { alter } = {}) {
  // The site's own pages hold the site's own articles as static HTML: with
  // another archive's data, every page is the app's plain shell (404.html).
  await page.route(
    (url) => url.pathname.startsWith('/dateline/') && !/\.[a-z0-9]+$/i.test(url.pathname),
    (route) =>
      route.request().resourceType() === 'document'
        ? route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: shell })
        : route.fallback(),
  );
  await page.route('**/data/**', async (route) => {
    const file = `data/${new URL(route.request().url()).pathname.split('/data/')[1]}`;
    const body = await readFile(new URL(`${name}/${file}`, fixtures)).catch(() => null);
    const answer = alter ? await alter(file, body) : undefined;
    if (answer) return route.fulfill(answer);
    if (!body) return route.fulfill({ status: 404, body: 'not found' });
    return route.fulfill({
      status: 200,
      contentType: file.endsWith('.bin') ? 'application/octet-stream' : 'text/plain; charset=utf-8',
      body,
    });
  });
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// An article's header, story and related stories as markup, in the page the
// host served (`html`) and in the page the app shows, for comparing the two
// (the app's empty placeholders, comments, are no markup).
export async function storyMarkup(page, html) {
  return page.evaluate((served) => {
    const doc = new DOMParser().parseFromString(served, 'text/html');
    const pick = (root) =>
      ['.story-header', '.story-content', '.related'].map(
        (s) => root.querySelector(`article.story ${s}`)?.innerHTML.replace(/<!--.*?-->/g, '') ?? null,
      );
    return { prerendered: pick(doc), app: pick(document) };
  }, html);
}

// A page as the host serves it, shown as it is before the app takes it over:
// scripts run but the app's own never arrives. (With JavaScript off the
// stylesheet's no-script rules apply, so that is not the same page.)
export async function beforeTheApp(browser, url, options = {}) {
  const page = await browser.newPage({ serviceWorkers: 'block', ...options });
  await page.route(/\/dateline-app-[0-9a-f]+(_bg\.wasm|\.js)$/, (route) => route.abort());
  await page.goto(url);
  return page;
}
