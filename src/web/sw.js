// Dateline's service worker. `dateline-site` prepends VERSION and PRECACHE
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
//   outlives app versions) and served from the cache ever after. The app's
//   /offline page reads that cache and can fill it.

const CACHE = `dateline-${VERSION}`;
const DATA = 'dateline-data';
const scopeUrl = new URL(self.registration.scope);
const SHELL = new URL('./', scopeUrl).href;
const DATA_DIR = new URL('data/', scopeUrl).href;
const DATA_MANIFEST = new URL('data/manifest.txt', scopeUrl).href;
const precached = new Set(PRECACHE.map((entry) => new URL(entry.url, scopeUrl).href));

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches.open(CACHE).then((cache) =>
      Promise.all(
        PRECACHE.map(async (entry) => {
          const url = new URL(entry.url, scopeUrl);
          // The revision busts any HTTP cache between us and the server.
          const response = await fetch(`${url.href}${url.search ? '&' : '?'}__rev=${entry.revision}`, {
            cache: 'no-store',
          });
          if (!response.ok) throw new Error(`precache ${url.href}: HTTP ${response.status}`);
          await cache.put(url.href, response);
        }),
      ),
    ),
  );
});

self.addEventListener('message', (event) => {
  if (event.data === 'skip-waiting') self.skipWaiting();
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

// Removes from the reading cache the data files this version's data does not
// name. Shards and index chunks are named by their tables: where a table
// cannot be had (offline, never read), files of its kind are all kept.
async function pruneData() {
  const data = await caches.open(DATA);
  const saved = (await data.keys()).map((r) => r.url).filter((u) => u !== DATA_MANIFEST);
  if (!saved.length) return;
  const manifestResponse = await fromCache(DATA_MANIFEST);
  if (!manifestResponse) return;
  const manifest = records(await manifestResponse.text());
  const href = (file) => new URL(file, scopeUrl).href;
  const named = new Set(manifest.filter((r) => ['catalog', 'bodies', 'terms'].includes(r[0])).map((r) => href(r[1])));
  const known = new Set(['catalog-', 'bodies-', 'terms-']);
  for (const [table, kind, file] of [['bodies', 'body-', 'shard'], ['terms', 'index-', 'chunk']]) {
    const entry = manifest.find((r) => r[0] === table);
    const url = entry && href(entry[1]);
    const response = url && ((await caches.match(url)) ?? (await fetch(url).catch(() => null)));
    if (!response || !response.ok) continue;
    const rows = records(await response.text()).filter((r) => r[0] === file);
    for (const row of rows) named.add(href(row[kind === 'index-' ? 2 : 1]));
    known.add(kind);
  }
  const kindOf = (url) => [...known].find((k) => url.startsWith(href(`data/${k}`)));
  await Promise.all(saved.filter((url) => kindOf(url) && !named.has(url)).map((url) => data.delete(url)));
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
