// Writes a bundle without its newest N articles (by publication date), for
// the benchmarks that compare a site before and after N new articles.
//
//   node tests/bench/without-newest.mjs FROM TO N
import { readFileSync, writeFileSync } from 'node:fs';

const [from, to, n] = process.argv.slice(2);
if (!from || !to || !(Number(n) >= 0)) {
  console.error('usage: node tests/bench/without-newest.mjs FROM TO N');
  process.exit(2);
}
const bundle = JSON.parse(readFileSync(from, 'utf8'));
const when = (a) => String(a.published ?? '');
bundle.articles.sort((a, b) => when(b).localeCompare(when(a)));
bundle.articles = bundle.articles.slice(Number(n));
writeFileSync(to, JSON.stringify(bundle));
