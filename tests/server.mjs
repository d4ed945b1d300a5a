// A static server that serves dist/ under /<name>/ the way GitHub Pages does:
// files as they are with correct MIME types, `<dir>/` as `<dir>/index.html`,
// and 404.html with status 404 for any unknown path. No rewrites. With
// --headers it also applies the site's `_headers` file, as Netlify and
// Cloudflare Pages do (Pages itself ignores it and sends max-age=600).
//
// With --log FILE it appends the path of every request it answers to FILE
// (the PWA tests count what an update downloads).
//
//   node tests/server.mjs [--dir dist] [--base /dateline/] [--port 4173] [--headers] [--log FILE]

import { createServer } from 'node:http';
import { appendFile, readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    dir: { type: 'string', default: 'dist' },
    base: { type: 'string', default: '/dateline/' },
    port: { type: 'string', default: '4173' },
    host: { type: 'string', default: '127.0.0.1' },
    headers: { type: 'boolean', default: false },
    log: { type: 'string' },
  },
});

const root = resolve(values.dir);
const base = values.base.endsWith('/') ? values.base : `${values.base}/`;

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

async function fileAt(path) {
  try {
    const info = await stat(path);
    if (info.isDirectory()) return fileAt(join(path, 'index.html'));
    return info.isFile() ? path : null;
  } catch {
    return null;
  }
}

// Like Pages, compress text, JSON and wasm for clients that accept gzip.
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.webmanifest', '.wasm', '.svg', '.txt']);

/** `_headers` rules: a path pattern (`*` matches anything) and its headers. */
async function headerRules() {
  if (!values.headers) return [];
  const text = await readFile(join(root, '_headers'), 'utf8').catch(() => '');
  const rules = [];
  for (const line of text.split('\n')) {
    if (!line.trim() || line.trim().startsWith('#')) continue;
    if (/^\s/.test(line)) {
      const [name, ...value] = line.trim().split(':');
      rules.at(-1)?.headers.push([name.trim().toLowerCase(), value.join(':').trim()]);
    } else {
      const pattern = line.trim().replace(/[.+?^${}()|[\]\\]/g, '\\$&').replaceAll('*', '.*');
      rules.push({ match: new RegExp(`^${pattern}$`), headers: [] });
    }
  }
  return rules;
}
const rules = await headerRules();

// Compressed bodies, kept per file and modification time (a 26 MB bundle takes a while to gzip).
const gzipped = new Map();

async function send(req, res, status, path, urlPath) {
  let body = await readFile(path);
  const mtime = (await stat(path)).mtimeMs;
  const headers = {
    'content-type': MIME[extname(path)] ?? 'application/octet-stream',
    // Pages' own rule; with --headers, what Netlify and Cloudflare Pages send where no rule matches.
    'cache-control': values.headers ? 'public, max-age=0, must-revalidate' : 'max-age=600',
    vary: 'Accept-Encoding',
  };
  // As Netlify and Cloudflare do: every matching rule's headers, joined, in
  // place of the server's own (so overlapping rules would show here too).
  const ruled = new Map();
  for (const rule of rules.filter((r) => r.match.test(urlPath))) {
    for (const [name, value] of rule.headers) ruled.set(name, ruled.has(name) ? `${ruled.get(name)}, ${value}` : value);
  }
  Object.assign(headers, Object.fromEntries(ruled));
  if (COMPRESSIBLE.has(extname(path)) && /\bgzip\b/.test(req.headers['accept-encoding'] ?? '')) {
    const key = `${path}:${mtime}`;
    if (!gzipped.has(key)) gzipped.set(key, gzipSync(body, { level: 6 }));
    body = gzipped.get(key);
    headers['content-encoding'] = 'gzip';
  }
  headers['content-length'] = body.length;
  res.writeHead(status, headers);
  res.end(req.method === 'HEAD' ? undefined : body);
}

const server = createServer(async (req, res) => {
  try {
    const url = new URL(req.url, 'http://localhost');
    if (values.log) await appendFile(values.log, `${url.pathname}\n`);
    let path = null;
    if (url.pathname === base.slice(0, -1)) {
      // Pages redirects /name to /name/.
      res.writeHead(301, { location: base + url.search });
      return res.end();
    }
    if (url.pathname.startsWith(base)) {
      const relative = normalize(decodeURIComponent(url.pathname.slice(base.length)));
      if (!relative.startsWith('..')) path = await fileAt(join(root, relative));
    }
    if (path) return await send(req, res, 200, path, url.pathname);
    const notFound = await fileAt(join(root, '404.html'));
    if (notFound) return await send(req, res, 404, notFound, url.pathname);
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('404 Not Found');
  } catch (err) {
    res.writeHead(500, { 'content-type': 'text/plain' });
    res.end(String(err));
  }
});

server.listen(Number(values.port), values.host, () => {
  console.log(`serving ${root} at http://${values.host}:${values.port}${base}`);
});
