// Expected figures computed straight from the Reuters JSONL, independently of the app.
import { existsSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const file = fileURLToPath(new URL('../../../../shared/corpora/reuters21578/reuters21578.jsonl.gz', import.meta.url));
const built = fileURLToPath(new URL('../../../target/e2e-reuters/data/manifest.txt', import.meta.url));

export const available = existsSync(file) && existsSync(built);
export const why = 'needs ../shared/corpora/reuters21578 (tests only) and the Reuters build from make test';

let cache;
/** The records the importer keeps (a title or some text). */
export function records() {
  if (!cache) {
    const text = gunzipSync(readFileSync(file)).toString('utf8');
    const nonBlank = (s) => typeof s === 'string' && s.trim() !== '';
    cache = text
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l))
      .filter((r) => nonBlank(r.title) || nonBlank(r.body) || nonBlank(r.unproc_text));
  }
  return cache;
}

export const day = (r) => (r.date ? r.date.slice(0, 10) : null);

export function count(pred) {
  return records().filter(pred).length;
}

export const fmt = (n) => n.toLocaleString('en-US');
