// Dateline's service worker. `dateline build` prepends VERSION and PRECACHE
// (every file the app needs, each with a content revision) at build time.
//
// - install: fetch every file into a cache named for this VERSION; the new
//   worker then waits, so a page never mixes an old index.html with a new wasm.
// - activate (when the page asks, after "New version available — reload"):
//   delete every older Dateline cache, drop the data files the new data no
//   longer names from the reading cache, and take control.
// - fetch: pages (navigations) get the cached app shell, so deep links work
//   offline; hashed files, icons and the manifest come from the cache. Site
//   data (data/): the manifest from the network when it answers (it names
//   the current files), else from the cache; every other data file is named
//   by its content, so once read it is kept (cache `dateline-data`, which
//   outlives app versions) and served from the cache ever after.
// - messages from the app's /offline page: what is saved, and "save the next
//   few missing files" (the page repeats it to save everything).

const CACHE = `dateline-${VERSION}`;
const DATA = 'dateline-data';
const scopeUrl = new URL(self.registration.scope);
const SHELL = new URL('./', scopeUrl).href;
const DATA_DIR = new URL('data/', scopeUrl).href;
const DATA_MANIFEST = new URL('data/manifest.txt', scopeUrl).href;
const precached = new Set(PRECACHE.map((entry) => new URL(entry.url, scopeUrl).href));

// What each version's cache holds, by URL: its revision (kept in the cache itself).
const REVISIONS = new URL('__dateline-revisions', scopeUrl).href;

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      const earlier = await earlierCopies();
      await Promise.all(
        PRECACHE.map(async (entry) => {
          const url = new URL(entry.url, scopeUrl);
          // A file an earlier version holds at the same revision is copied, not
          // downloaded again: a new deploy costs only the files that changed.
          const kept = await earlier(url.href, entry.revision);
          if (kept) return cache.put(url.href, kept);
          // The revision busts any HTTP cache between us and the server.
          const response = await fetch(`${url.href}${url.search ? '&' : '?'}__rev=${entry.revision}`, {
            cache: 'no-store',
          });
          if (!response.ok) throw new Error(`precache ${url.href}: HTTP ${response.status}`);
          await cache.put(url.href, response);
        }),
      );
      const revisions = Object.fromEntries(PRECACHE.map((e) => [new URL(e.url, scopeUrl).href, e.revision]));
      await cache.put(REVISIONS, new Response(JSON.stringify(revisions)));
    })(),
  );
});

// Finds a file at a revision in the caches of earlier versions.
async function earlierCopies() {
  const names = (await caches.keys()).filter((n) => n.startsWith('dateline-') && n !== CACHE && n !== DATA);
  const held = [];
  for (const name of names) {
    const cache = await caches.open(name);
    const list = await cache.match(REVISIONS);
    if (list) held.push([cache, await list.json().catch(() => ({}))]);
  }
  return async (url, revision) => {
    for (const [cache, revisions] of held) {
      if (revisions[url] !== revision) continue;
      const response = await cache.match(url);
      if (response) return response;
    }
    return null;
  };
}

self.addEventListener('message', (event) => {
  if (event.data === 'skip-waiting') self.skipWaiting();
  // The /offline page asks through a channel and gets one answer: a status, or { error }.
  const answer = { 'offline-status': offlineStatus, 'offline-save': saveSome }[event.data];
  const port = event.ports[0];
  if (!answer || !port) return;
  const reply = (status) => ({ ...status, missing: status.missing.length, missingBytes: status.missing.reduce((n, f) => n + f.bytes, 0) });
  event.waitUntil(
    answer().then(
      (status) => port.postMessage(reply(status)),
      (err) => port.postMessage({ error: err.message }),
    ),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const names = await caches.keys();
      await Promise.all(names.filter((n) => n.startsWith('dateline-') && n !== CACHE && n !== DATA).map((n) => caches.delete(n)));
      await pruneData().catch((err) => console.warn('Dateline: reading cache not pruned:', err));
      await self.clients.claim();
    })(),
  );
});

// The records of one of the site's text files (docs/format.md): [kind, ...fields].
function records(text) {
  const unescape = (f) => f.replace(/\\(.)/g, (_, c) => ({ t: '\t', n: '\n', r: '\r' })[c] ?? c);
  return text.split('\n').slice(1).filter(Boolean).map((line) => line.split('\t').map(unescape));
}

// The data files a manifest names, with their sizes and kinds (catalog,
// bodies and terms tables, body shards, index chunks and lexicon pieces), and the kinds listed
// in full: shards and chunks are named by their tables, which `readTable`
// may not be able to get (offline, never read); a kind is complete only when
// every table that lists it was read.
async function dataFiles(manifestText, readTable) {
  const manifest = records(manifestText);
  const href = (file) => new URL(file, scopeUrl).href;
  // Manifest records by the kind of file they name (the head is a catalog part, a segment a terms table).
  const kindOf = { head: 'catalog', catalog: 'catalog', facets: 'facets', bodies: 'bodies', segment: 'terms' };
  const files = [];
  for (const r of manifest.filter((r) => r[0] in kindOf)) {
    const url = href(r[1]);
    if (!files.some((f) => f.url === url)) files.push({ url, bytes: Number(r[2]), kind: kindOf[r[0]] });
  }
  const complete = new Set(['catalog', 'facets', 'bodies', 'terms']);
  const listed = [['bodies', 'body', 'shard', 1], ['terms', 'index', 'chunk', 2], ['terms', 'lexicon', 'lexicon', 2]];
  for (const [table, kind, record, at] of listed) {
    let all = true;
    for (const entry of files.filter((f) => f.kind === table)) {
      const response = await readTable(entry.url).catch(() => null);
      if (!response || !response.ok) {
        all = false;
        continue;
      }
      for (const row of records(await response.text()).filter((r) => r[0] === record)) {
        files.push({ url: href(row[at]), bytes: Number(row[at + 1]), kind });
      }
    }
    if (all) complete.add(kind);
  }
  const articles = Number((manifest.find((r) => r[0] === 'articles') ?? [])[1] ?? 0);
  return { files, complete, articles };
}

// Removes from the reading cache the data files this version's data does not
// name (files of a kind whose table is not cached are all kept). Tables are
// read from the caches only: fetching a table the reader never needed (a
// terms table before any search) would make every update cost a download of
// every index segment's table, to prune chunks that reader does not have.
async function pruneData() {
  const data = await caches.open(DATA);
  const saved = (await data.keys()).map((r) => r.url).filter((u) => u !== DATA_MANIFEST);
  const manifest = saved.length && (await fromCache(DATA_MANIFEST));
  if (!manifest) return;
  const readTable = async (url) => (await caches.match(url)) ?? null;
  const { files, complete } = await dataFiles(await manifest.text(), readTable);
  const named = new Set(files.map((f) => f.url));
  const kindOf = (url) => [...complete].find((k) => url.startsWith(new URL(`data/${k}-`, scopeUrl).href));
  await Promise.all(saved.filter((url) => kindOf(url) && !named.has(url)).map((url) => data.delete(url)));
}

// For the app's /offline page: what this browser has of the current data,
// by kind ([saved, all] files), in bytes, and the files still missing. A
// table that cannot be read counts as missing; once saved, the files it
// lists count too.
async function offlineStatus() {
  const unreadable = 'The list of data files (data/manifest.txt) could not be read; try again when online.';
  const manifest = await dataManifest(new Request(DATA_MANIFEST)).catch(() => null);
  if (!manifest || !manifest.ok) throw new Error(unreadable);
  const { files, articles } = await dataFiles(await manifest.text(), (url) => dataFile(new Request(url), url));
  const saved = new Set();
  for (const name of (await caches.keys()).filter((n) => n.startsWith('dateline-'))) {
    for (const request of await (await caches.open(name)).keys()) saved.add(request.url);
  }
  const status = { articles, catalog: [0, 0], index: [0, 0], body: [0, 0], bytes: 0, total: 0, missing: [] };
  // A table counts with what it lists: without it, none of its kind can be found offline.
  const kinds = { catalog: 'catalog', facets: 'catalog', bodies: 'body', body: 'body', terms: 'index', index: 'index', lexicon: 'index' };
  for (const file of files) {
    const have = saved.has(file.url);
    const counts = status[kinds[file.kind]];
    counts[1] += 1;
    counts[0] += have ? 1 : 0;
    status.total += file.bytes;
    if (have) status.bytes += file.bytes;
    else status.missing.push(file);
  }
  return status;
}

// Saves the next few missing files (up to 32, or about 4 MB) into the
// reading cache, then answers with the status; the page asks again until
// nothing is missing. A failure names the file that failed.
async function saveSome() {
  const { missing } = await offlineStatus();
  const batch = [];
  let bytes = 0;
  for (const file of missing) {
    if (batch.length === 32 || (batch.length && bytes + file.bytes > 4e6)) break;
    batch.push(file.url);
    bytes += file.bytes;
  }
  const cache = await caches.open(DATA);
  try {
    await cache.addAll(batch);
  } catch {
    // All or nothing: find the one that fails, keeping those that do not.
    for (const url of batch) {
      try {
        await cache.add(url);
      } catch {
        const file = url.slice(scopeUrl.href.length);
        throw new Error(`Saving stopped: ${file} could not be downloaded. Try again when online.`);
      }
    }
  }
  return offlineStatus();
}

async function fromCache(request) {
  const cache = await caches.open(CACHE);
  return cache.match(request, { ignoreSearch: true });
}

async function dataManifest(request) {
  const cache = await caches.open(DATA);
  try {
    // Never from the HTTP cache: a stale manifest would name files a new deploy removed.
    const response = await fetch(request, { cache: 'no-cache' });
    if (response.ok) await cache.put(DATA_MANIFEST, response.clone());
    return response;
  } catch (err) {
    // The copy read last, else the one precached with this version.
    const cached = (await cache.match(DATA_MANIFEST)) ?? (await fromCache(DATA_MANIFEST));
    if (cached) return cached;
    throw err;
  }
}

async function dataFile(request, url) {
  const cached = (await caches.match(url)) ?? (await fromCache(url));
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) await (await caches.open(DATA)).put(url, response.clone());
  return response;
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== scopeUrl.origin || !url.href.startsWith(scopeUrl.href)) return;

  if (request.mode === 'navigate') {
    event.respondWith(
      (async () => (await fromCache(SHELL)) ?? fetch(request))().catch(() => fetch(request)),
    );
    return;
  }
  const path = url.origin + url.pathname;
  if (path === DATA_MANIFEST) {
    event.respondWith(dataManifest(request));
    return;
  }
  if (path.startsWith(DATA_DIR)) {
    event.respondWith(dataFile(request, path));
    return;
  }
  if (precached.has(url.origin + url.pathname)) {
    event.respondWith((async () => (await fromCache(url.origin + url.pathname)) ?? fetch(request))());
  }
});
