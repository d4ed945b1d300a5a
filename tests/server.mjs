// A static server that serves dist/ under /<name>/ the way GitHub Pages does:
// files as they are with correct MIME types, `<dir>/` as `<dir>/index.html`,
// and 404.html with status 404 for any unknown path. No rewrites.
//
//   node tests/server.mjs [--dir dist] [--base /dateline/] [--port 4173]

import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    dir: { type: 'string', default: 'dist' },
    base: { type: 'string', default: '/dateline/' },
    port: { type: 'string', default: '4173' },
    host: { type: 'string', default: '127.0.0.1' },
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

// Compressed bodies, kept per file and modification time (a 26 MB bundle takes a while to gzip).
const gzipped = new Map();

async function send(req, res, status, path) {
  let body = await readFile(path);
  const mtime = (await stat(path)).mtimeMs;
  const headers = {
    'content-type': MIME[extname(path)] ?? 'application/octet-stream',
    'cache-control': 'max-age=600',
    vary: 'Accept-Encoding',
  };
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
    if (path) return await send(req, res, 200, path);
    const notFound = await fileAt(join(root, '404.html'));
    if (notFound) return await send(req, res, 404, notFound);
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
