// `dateline update` over 300 feeds of 50 entries each, served from 30
// loopback addresses (127.0.0.1–127.0.0.30: one "host" per ten feeds, so the
// one-request-per-host rule works as it would on the web). First run, then a
// simulated day later where 10% of the feeds changed (five new entries each,
// the five oldest gone): wall time, requests, bytes served, peak memory, and
// the archive's diff for that day (git). Entries are generated text; every
// twentieth entry of a feed is also carried by another feed (one story, two feeds).
//
//   make bench-update   (or: node tests/bench/update.mjs) → target/bench/update.json
import { spawn, execFileSync } from 'node:child_process';
import { createServer } from 'node:http';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const repo = new URL('../..', import.meta.url).pathname;
const target = join(repo, 'target');
const content = join(target, 'bench/update/content');
const dateline = join(target, 'release/dateline');
const FEEDS = 300;
const ENTRIES = 50;
const HOSTS = 30;

// A small deterministic generator of news-like text. mulberry32: 32-bit
// integer steps (an LCG in doubles loses precision and cycles, so its
// "different" stories repeat one another).
let seed = 42;
const random = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
// A vocabulary of 3,000 made-up words drawn with Zipf's law, as news text is
// (a small vocabulary makes every story look like every other).
const SYLLABLES = ['ka', 'lo', 'mer', 'tan', 'vi', 'sor', 'ple', 'dun', 'ga', 'rith', 'bo', 'nel', 'qua', 'fen', 'zi'];
const WORDS = Array.from({ length: 3000 }, (_, i) => {
  let w = '';
  for (let n = i + 1; n > 0; n = Math.floor(n / SYLLABLES.length)) w += SYLLABLES[n % SYLLABLES.length];
  return w;
});
// Rank r = floor(N^u) for uniform u: P(r) falls as 1/r (the most common word is 8.7% of the text).
const word = () => WORDS[Math.min(WORDS.length, Math.floor(WORDS.length ** random())) - 1];
const sentence = () => Array.from({ length: 12 + Math.floor(random() * 10) }, word).join(' ') + '.';
const story = (n) => `<p>${Array.from({ length: 8 }, sentence).join(' ')} Story ${n}.</p>`;

const feeds = Array.from({ length: FEEDS }, (_, f) => ({
  host: `127.0.0.${(f % HOSTS) + 1}`,
  path: `/feed-${f}.xml`,
  items: Array.from({ length: ENTRIES }, (_, i) => ({ id: `f${f}-e${i}`, day: 1 + (i % 27), text: story(`${f}-${i}`) })),
}));
// One story in two feeds: the same link.
for (let f = 0; f < FEEDS; f++) for (let i = 0; i < ENTRIES; i += 20) feeds[(f + 1) % FEEDS].items[i + 1].link = `https://news.test/f${f}-e${i}`;

function rss(feed) {
  const items = feed.items
    .map((it) => `<item><guid>${it.id}</guid><title>Story ${it.id}</title><link>${it.link ?? `https://news.test/${it.id}`}</link>` +
      `<pubDate>${new Date(Date.UTC(2026, 1, it.day, 9)).toUTCString()}</pubDate><description>${it.text.replaceAll('<', '&lt;').replaceAll('>', '&gt;')}</description></item>`)
    .join('');
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>Feed ${feed.path}</title>${items}</channel></rss>`;
}

const stats = { requests: 0, conditional: 0, notModified: 0, bytes: 0 };
const bodies = new Map();
const publish = () => feeds.forEach((f) => bodies.set(`${f.host}${f.path}`, rss(f)));
const handler = (req, res) => {
  stats.requests++;
  const body = bodies.get(`${req.socket.localAddress}${req.url}`);
  if (!body) return res.writeHead(404).end();
  const etag = `"${createHash('sha1').update(body).digest('hex')}"`;
  if (req.headers['if-none-match']) stats.conditional++;
  if (req.headers['if-none-match'] === etag) {
    stats.notModified++;
    return res.writeHead(304, { ETag: etag }).end();
  }
  stats.bytes += Buffer.byteLength(body);
  res.writeHead(200, { ETag: etag, 'Content-Type': 'application/rss+xml' }).end(body);
};

const servers = [];
let port;
for (let h = 1; h <= HOSTS; h++) {
  const server = createServer(handler);
  await new Promise((ready) => server.listen(port ?? 0, `127.0.0.${h}`, ready));
  port ??= server.address().port;
  servers.push(server);
}

function run(args) {
  return new Promise((done, fail) => {
    const timed = existsSync('/usr/bin/time');
    const command = timed ? '/usr/bin/time' : dateline;
    const all = timed ? ['-f', 'peak-kib %M', dateline, ...args] : args;
    const start = process.hrtime.bigint();
    const child = spawn(command, all, { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.on('error', fail);
    child.on('close', (status) => {
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      const peak = Number(err.match(/peak-kib (\d+)/)?.[1] ?? NaN);
      if (status !== 0) fail(new Error(err));
      else done({ ms: Math.round(ms), peak_mib: Math.round((peak / 1024) * 10) / 10, summary: err.split('\n').find((l) => l.startsWith('dateline update:')) });
    });
  });
}

async function measure(name) {
  Object.assign(stats, { requests: 0, conditional: 0, notModified: 0, bytes: 0 });
  const result = await run(['update', content, '--jobs', '8']);
  return { run: name, ...result, ...stats };
}

try {
  execFileSync('cargo', ['build', '-q', '--release', '-p', 'dateline-tools', '--bin', 'dateline'], { cwd: repo, stdio: 'inherit' });
  rmSync(join(target, 'bench/update'), { recursive: true, force: true });
  mkdirSync(content, { recursive: true });
  const opml = feeds.map((f) => `<outline type="rss" text="${f.path}" xmlUrl="http://${f.host}:${port}${f.path}"/>`).join('\n');
  writeFileSync(join(content, 'subscriptions.opml'), `<?xml version="1.0"?><opml version="2.0"><body>${opml}</body></opml>`);
  publish();
  const git = (...args) => execFileSync('git', args, { cwd: content, encoding: 'utf8', maxBuffer: 1 << 30 });
  git('init', '-q');
  const results = [await measure('first run')];
  git('add', '-A');
  git('-c', 'user.name=bench', '-c', 'user.email=bench@example.test', 'commit', '-q', '-m', 'day 1');
  results.push(await measure('nothing new'));
  // A day later: 10% of the feeds publish five entries and drop their five oldest.
  for (let f = 0; f < FEEDS; f += 10) {
    const items = feeds[f].items;
    items.splice(0, 5);
    for (let i = 0; i < 5; i++) items.push({ id: `f${f}-new${i}`, day: 28, text: story(`${f}-new${i}`) });
  }
  publish();
  results.push(await measure('10% changed'));
  const shortstat = git('diff', '--shortstat').trim();
  const diffBytes = Buffer.byteLength(git('diff'));
  const report = { feeds: FEEDS, entries_per_feed: ENTRIES, hosts: HOSTS, runs: results, day_diff: { shortstat, bytes: diffBytes } };
  mkdirSync(join(target, 'bench'), { recursive: true });
  writeFileSync(join(target, 'bench/update.json'), JSON.stringify(report, null, 2));
  console.log('run          wall ms  requests  conditional  304s  bytes served  peak MiB');
  for (const r of results) {
    console.log(`${r.run.padEnd(12)} ${String(r.ms).padStart(7)}  ${String(r.requests).padStart(8)}  ${String(r.conditional).padStart(11)}  ${String(r.notModified).padStart(4)}  ${String(r.bytes).padStart(12)}  ${String(r.peak_mib).padStart(8)}`);
    console.log(`             ${r.summary}`);
  }
  console.log(`archive diff after the day: ${shortstat} (${diffBytes} bytes of git diff)`);
} finally {
  for (const s of servers) s.close();
}
