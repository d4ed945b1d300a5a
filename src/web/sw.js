// Dateline's service worker. `dateline-site` prepends VERSION and PRECACHE
// (every file the app needs, each with a content revision) at build time.
//
// - install: fetch every file into a cache named for this VERSION; the new
//   worker then waits, so a page never mixes an old index.html with a new wasm.
// - activate (when the page asks, after "New version available — reload"):
//   delete every older Dateline cache and take control.
// - fetch: pages (navigations) get the cached app shell, so deep links work
//   offline; hashed files, icons and the manifest come from the cache; the
//   article bundle comes from the cache at once and is refreshed from the
//   network in the background (stale-while-revalidate).

const CACHE = `dateline-${VERSION}`;
const RUNTIME = 'dateline-runtime';
const scopeUrl = new URL(self.registration.scope);
const SHELL = new URL('./', scopeUrl).href;
const BUNDLE = new URL('articles.json', scopeUrl).href;
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
      await Promise.all(names.filter((n) => n.startsWith('dateline-') && n !== CACHE && n !== RUNTIME).map((n) => caches.delete(n)));
      await self.clients.claim();
    })(),
  );
});

async function fromCache(request) {
  const cache = await caches.open(CACHE);
  return cache.match(request, { ignoreSearch: true });
}

async function bundle(event) {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(BUNDLE);
  const refresh = fetch(BUNDLE, { cache: 'no-cache' })
    .then(async (response) => {
      if (response.ok) await cache.put(BUNDLE, response.clone());
      return response;
    })
    .catch(() => undefined);
  if (cached) {
    event.waitUntil(refresh);
    return cached;
  }
  return (await refresh) ?? new Response('offline', { status: 503, statusText: 'Offline' });
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
  if (url.origin + url.pathname === BUNDLE) {
    event.respondWith(bundle(event));
    return;
  }
  if (precached.has(url.origin + url.pathname)) {
    event.respondWith((async () => (await fromCache(url.origin + url.pathname)) ?? fetch(request))());
  }
});
