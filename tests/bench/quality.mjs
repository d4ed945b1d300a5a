// Search quality of MiniSearch on Reuters-21578, for the benchmark to set
// beside Dateline's (query-bench): the misspelling list of
// tests/bench/queries.json with MiniSearch's `fuzzy` option, and how stable
// its first ten stay while a query is typed with its `prefix` option.
// Usage: node tests/bench/quality.mjs [reuters.jsonl.gz]  (prints JSON)
import { readFileSync, existsSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import MiniSearch from 'minisearch';

const root = new URL('../../', import.meta.url).pathname;
const file = process.argv[2] ?? `${root}../shared/corpora/reuters21578/reuters21578.jsonl.gz`;
if (!existsSync(file)) {
  console.log(JSON.stringify({ skipped: `${file} is not here` }));
  process.exit(0);
}
const { typing, misspellings } = JSON.parse(readFileSync(`${root}tests/bench/queries.json`, 'utf8'));
const nonBlank = (s) => typeof s === 'string' && s.trim() !== '';
const docs = gunzipSync(readFileSync(file))
  .toString('utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l))
  .filter((r) => nonBlank(r.title) || nonBlank(r.body) || nonBlank(r.unproc_text))
  .map((r) => ({ id: String(r.newid), title: r.title ?? '', text: nonBlank(r.body) ? r.body : r.unproc_text ?? '' }));

// As close to Dateline's search as MiniSearch allows (tests/bench/run.mjs):
// folded case and diacritics, every word required, title x3.
const processTerm = (t) => t.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
const index = new MiniSearch({ fields: ['title', 'text'], processTerm, searchOptions: { boost: { title: 3 }, combineWith: 'AND' } });
index.addAll(docs);

const words = (q) => q.trim().split(/\s+/);
// The word being typed is a prefix (from its third letter, as Dateline's).
const typedPrefix = (q) => (term, i, terms) => !/\s$/.test(q) && i === terms.length - 1 && term.length >= 3;
const top10 = (q, options = {}) => index.search(q, options).slice(0, 10).map((r) => r.id);

// Typing: the first ten after all but the last letters of the last word, against the whole query's.
const steps = [];
for (const query of typing) {
  const full = top10(query);
  const last = words(query).at(-1);
  const head = query.slice(0, query.length - last.length);
  for (let n = 3; n < last.length; n++) {
    const typed = head + last.slice(0, n);
    const got = top10(typed, { prefix: typedPrefix(typed) });
    steps.push({ typed, shared: got.filter((id) => full.includes(id)).length });
  }
}
const typingAverage = steps.reduce((n, s) => n + s.shared, 0) / steps.length;

// Misspellings with fuzzy matching: one edit from 4 letters, two from 8 (Dateline's rule).
const fuzzy = (term) => (term.length >= 8 ? 2 : term.length >= 4 ? 1 : 0);
const found = misspellings.map((m) => top10(m.query, { fuzzy, prefix: typedPrefix(m.query) }).includes(m.story));
const start = performance.now();
for (const m of misspellings) index.search(m.query, { fuzzy, prefix: typedPrefix(m.query) });
const fuzzyMs = (performance.now() - start) / misspellings.length;

console.log(
  JSON.stringify(
    {
      minisearch: JSON.parse(readFileSync(`${root}tests/node_modules/minisearch/package.json`, 'utf8')).version,
      articles: docs.length,
      typing: { steps: steps.length, average_shared_of_10: +typingAverage.toFixed(2) },
      misspellings: {
        queries: misspellings.length,
        found_in_top10: found.filter(Boolean).length,
        share: +(found.filter(Boolean).length / misspellings.length).toFixed(3),
        mean_query_ms: +fuzzyMs.toFixed(2),
      },
    },
    null,
    2,
  ),
);
