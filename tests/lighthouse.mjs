// Lighthouse (12.2.3, from npm) against the built site served like GitHub
// Pages, for the list and an article. Reports go to target/lighthouse/ (out
// of git); the scores and the main timings are printed. Run with `make
// lighthouse`, or `node tests/lighthouse.mjs [DIST_DIR]` for another build.
import { spawn, execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromePath } from './chrome.mjs';

const root = fileURLToPath(new URL('../', import.meta.url));
const port = 4190;
const base = `http://127.0.0.1:${port}/dateline/`;
const pages = {
  list: base,
  article: `${base}article/rubio-says-us-and-mexico-will-strengthen-security-collaboration`,
};
const out = `${root}target/lighthouse`;
mkdirSync(out, { recursive: true });

const dist = process.argv[2] ?? `${root}dist`;
const server = spawn('node', [`${root}tests/server.mjs`, '--dir', dist, '--port', String(port)], { stdio: 'ignore' });
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
        `--output-path=${out}/${name}.json`,
        '--only-categories=performance,accessibility,best-practices,seo',
        '--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run',
      ],
      { stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, CHROME_PATH: chromePath() } },
    );
    const report = JSON.parse(readFileSync(`${out}/${name}.json`, 'utf8'));
    scores[name] = Object.fromEntries(Object.entries(report.categories).map(([k, c]) => [k, Math.round(c.score * 100)]));
    for (const audit of ['first-contentful-paint', 'largest-contentful-paint', 'total-blocking-time']) {
      scores[name][audit] = report.audits[audit].displayValue;
    }
  }
} finally {
  server.kill();
}
console.log(JSON.stringify(scores, null, 2));
