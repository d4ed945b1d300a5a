// Lighthouse (12.2.3, from npm) against the built site served like GitHub
// Pages, for the list and its newest article, beside an anchor: the same
// newest articles (up to 50) as a plain static HTML page with the same
// stylesheet and card markup, served the same way — what a page that does
// not wait for the app scores here. Reports go to target/lighthouse/ (out of
// git); the scores and the main timings are printed. Run with `make
// lighthouse`, or `node tests/lighthouse.mjs [DIST_DIR]` for another build.
import { spawn, execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromePath } from './chrome.mjs';

const root = fileURLToPath(new URL('../', import.meta.url));
const port = 4190;
const base = `http://127.0.0.1:${port}/dateline/`;
const anchorBase = `http://127.0.0.1:${port + 1}/dateline/`;
const out = `${root}target/lighthouse`;
mkdirSync(out, { recursive: true });
const dist = process.argv[2] ?? `${root}dist`;

// The site data's records: tab-separated, `\\`, `\t`, `\n` escaped.
const unescape = (field) => field.replace(/\\(.)/g, (_, c) => ({ t: '\t', n: '\n' })[c] ?? c);
const records = (file) =>
  readFileSync(`${dist}/${file}`, 'utf8').split('\n').slice(1).filter(Boolean).map((line) => line.split('\t').map(unescape));
const firstPart = records('data/manifest.txt').find((r) => r[0] === 'catalog')[1];
const newest = records(firstPart).filter((r) => r[0] === 'article').slice(0, 50)
  .map(([, id, title, published, , dateline, summary]) => ({ id, title, published, dateline, summary }));

// The anchor page: the list's markup (cards) without the app.
const html = (text) => text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
const css = readdirSync(dist).find((f) => f.endsWith('.css'));
const anchor = `${out}/anchor`;
rmSync(anchor, { recursive: true, force: true });
mkdirSync(anchor, { recursive: true });
copyFileSync(`${dist}/${css}`, `${anchor}/${css}`);
writeFileSync(`${anchor}/index.html`, `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Dateline</title>
<meta name="description" content="The newest articles."><link rel="icon" href="data:,"><link rel="stylesheet" href="${css}"></head>
<body><header class="masthead"><div class="masthead-inner"><a class="brand" href="./">Dateline</a></div></header>
<main id="content"><div class="browser"><header class="list-header"><h1 id="list-title">Latest news</h1></header>
<section class="results-column" aria-labelledby="list-title"><ol class="article-list">
${newest.map((a) => `<li><article class="card"><h2 class="card-title"><a href="article/${html(a.id)}/">${html(a.title)}</a></h2>
<p class="meta">${a.published ? `<time datetime="${html(a.published)}">${html(a.published.slice(0, 10))}</time>` : ''}${a.dateline ? `<span class="dateline">${html(a.dateline)}</span>` : ''}</p>
<p class="summary">${html(a.summary)}</p></article></li>`).join('\n')}
</ol></section></div></main></body></html>
`);

const pages = {
  list: base,
  article: `${base}article/${newest[0].id}`,
  saved: `${base}saved`,
  [`anchor (${newest.length} items, static HTML)`]: anchorBase,
};
const server = spawn('node', [`${root}tests/server.mjs`, '--dir', dist, '--port', String(port)], { stdio: 'ignore' });
const anchorServer = spawn('node', [`${root}tests/server.mjs`, '--dir', anchor, '--port', String(port + 1)], { stdio: 'ignore' });
await new Promise((r) => setTimeout(r, 500));
const scores = {};
try {
  for (const [name, url] of Object.entries(pages)) {
    execFileSync(
      'npx',
      [
        '--yes',
        'lighthouse@12.2.3',
        url,
        '--quiet',
        '--output=json',
        `--output-path=${out}/${name.split(' ')[0]}.json`,
        '--only-categories=performance,accessibility,best-practices,seo',
        '--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run',
      ],
      { stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, CHROME_PATH: chromePath() } },
    );
    const report = JSON.parse(readFileSync(`${out}/${name.split(' ')[0]}.json`, 'utf8'));
    scores[name] = Object.fromEntries(Object.entries(report.categories).map(([k, c]) => [k, Math.round(c.score * 100)]));
    for (const audit of ['first-contentful-paint', 'largest-contentful-paint', 'total-blocking-time', 'cumulative-layout-shift']) {
      scores[name][audit] = report.audits[audit].displayValue;
    }
  }
} finally {
  server.kill();
  anchorServer.kill();
}
console.log(JSON.stringify(scores, null, 2));
