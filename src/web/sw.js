// Dateline's service worker. `dateline-site` prepends VERSION and PRECACHE
// (every file the app needs, each with a content revision) at build time.
//
// - install: fetch every file into a cache named for this VERSION; the new
//   worker then waits, so a page never mixes an old index.html with a new wasm.
// - activate (when the page asks, after "New version available — reload"):
//   delete every older Dateline cache and take control.
// - fetch: pages (navigations) get the cached app shell, so deep links work
//   offline; hashed files, icons and the manifest come from the cache. Site
//   data (data/): the manifest from the network when it answers (it names
//   the current files), else from the cache; every other data file is named
//   by its content, so once read it is kept (cache `dateline-data`, which
//   outlives app versions) and served from the cache ever after. The app's
//   /offline page reads that cache, prunes it and can fill it.

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
      await self.clients.claim();
    })(),
  );
});

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
