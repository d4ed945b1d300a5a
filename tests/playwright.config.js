// End-to-end tests against the release build in dist/, served under a
// sub-path as GitHub Pages serves a project site. Uses Debian's Chromium.
import { defineConfig } from '@playwright/test';
import { existsSync, mkdirSync, symlinkSync } from 'node:fs';
import { chromePath } from './chrome.mjs';

// The pwa project's server reads target/e2e-live; the spec re-points it to simulate deploys.
const live = new URL('../target/e2e-live', import.meta.url).pathname;
if (!existsSync(live)) {
  mkdirSync(new URL('../target/', import.meta.url).pathname, { recursive: true });
  symlinkSync('../dist', live);
}

export const BASE_PATH = '/dateline/';
const PORT = Number(process.env.E2E_PORT ?? 4173);
const ROOT_PORT = PORT + 2;
const REUTERS_PORT = PORT + 4;
const PWA_PORT = PORT + 6;

export default defineConfig({
  testDir: './e2e',
  fullyParallel: true,
  workers: 2,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: [['list'], ['./summary-reporter.js']],
  timeout: 30_000,
  expect: { timeout: 10_000 },
  projects: [
    // The GitHub Pages case: dist/ built with --public-url /dateline/.
    { name: 'sub-path', testIgnore: [/root\.spec/, /reuters\//, /pwa\.spec/], use: { baseURL: `http://127.0.0.1:${PORT}${BASE_PATH}` } },
    // The same app built with --public-url / (make test builds it into target/e2e-root).
    { name: 'root', testMatch: /root\.spec/, use: { baseURL: `http://127.0.0.1:${ROOT_PORT}/` } },
    // Built from the Reuters-21578 corpus in ../shared into target/e2e-reuters, when it is there.
    {
      name: 'reuters',
      testMatch: /reuters\/.*\.spec/,
      timeout: 60_000,
      use: { baseURL: `http://127.0.0.1:${REUTERS_PORT}${BASE_PATH}` },
    },
    // Offline and updates with the service worker, served from target/e2e-live (a link the
    // spec points at dist/ or at the rebuilt target/e2e-update).
    {
      name: 'pwa',
      testMatch: /pwa\.spec/,
      use: { baseURL: `http://127.0.0.1:${PWA_PORT}${BASE_PATH}`, serviceWorkers: 'allow' },
    },
  ],
  use: {
    // page.route() cannot see requests a service worker makes: only the pwa project allows one.
    serviceWorkers: 'block',
    browserName: 'chromium',
    launchOptions: {
      executablePath: chromePath(),
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  webServer: [
    {
      command: `node server.mjs --dir ../dist --base ${BASE_PATH} --port ${PORT}`,
      url: `http://127.0.0.1:${PORT}${BASE_PATH}`,
      timeout: 20_000,
    },
    {
      command: `node server.mjs --dir ../target/e2e-root --base / --port ${ROOT_PORT}`,
      url: `http://127.0.0.1:${ROOT_PORT}/`,
      timeout: 20_000,
    },
    {
      command: `node server.mjs --dir ../target/e2e-live --base ${BASE_PATH} --port ${PWA_PORT} --log ../target/e2e-live-requests.log`,
      url: `http://127.0.0.1:${PWA_PORT}${BASE_PATH}manifest.webmanifest`,
      timeout: 20_000,
    },
    {
      command: `node server.mjs --dir ../target/e2e-reuters --base ${BASE_PATH} --port ${REUTERS_PORT}`,
      url: `http://127.0.0.1:${REUTERS_PORT}${BASE_PATH}`,
      timeout: 20_000,
    },
  ],
});
