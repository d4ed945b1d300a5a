// .ci/browser on stand-in machines: each case runs the script from a scratch
// copy of the repository with a PATH of stubs (a fake apt-get, brew, uname,
// playwright, node, browsers) and only the real commands the script needs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync, execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const script = new URL('../../.ci/browser', import.meta.url).pathname;
const REAL = ['bash', 'sh', 'dirname', 'cat', 'id', 'mkdir', 'chmod', 'touch'];

function which(cmd) {
  return execFileSync('bash', ['-c', `command -v ${cmd}`], { encoding: 'utf8' }).trim();
}

/** A machine: `stubs` maps command names to shell bodies; `os` is the os-release ID. */
function machine({ stubs = {}, os = 'debian', uname = 'Linux', apps = [] } = {}) {
  const root = mkdtempSync(join(tmpdir(), 'dateline-browser-'));
  const repo = join(root, 'repo');
  const bin = join(root, 'bin');
  const real = join(root, 'real');
  const log = join(root, 'calls.log');
  mkdirSync(join(repo, '.ci'), { recursive: true });
  mkdirSync(join(repo, 'tests'));
  mkdirSync(bin);
  mkdirSync(real);
  mkdirSync(join(root, 'home'));
  copyFileSync(script, join(repo, '.ci', 'browser'));
  for (const cmd of REAL) symlinkSync(which(cmd), join(real, cmd));
  const all = { uname: `echo ${uname}`, ...stubs };
  for (const [name, body] of Object.entries(all)) {
    const file = join(bin, name);
    const record = name === 'uname' ? '' : `echo "${name} $*" >> "${log}"\n`;
    writeFileSync(file, `#!/bin/sh\n${record}${body.replaceAll('$BIN', bin).replaceAll('$ROOT', root)}\n`);
    chmodSync(file, 0o755);
  }
  writeFileSync(join(root, 'os-release'), `ID=${os}\n`);
  const applications = join(root, 'Applications');
  for (const app of apps) {
    mkdirSync(join(applications, app, '..'), { recursive: true });
    writeFileSync(join(applications, app), '#!/bin/sh\n');
    chmodSync(join(applications, app), 0o755);
  }
  return { root, repo, bin, real, log, applications };
}

function run(m, { env = {}, args = [] } = {}) {
  const result = spawnSync(join(m.real, 'bash'), [join(m.repo, '.ci', 'browser'), ...args], {
    encoding: 'utf8',
    env: {
      PATH: `${m.bin}:${m.real}`,
      HOME: join(m.root, 'home'),
      DATELINE_OS_RELEASE: join(m.root, 'os-release'),
      DATELINE_APPLICATIONS: m.applications,
      ...env,
    },
  });
  const calls = existsSync(m.log) ? readFileSync(m.log, 'utf8').trim().split('\n') : [];
  return { code: result.status, out: result.stdout.trim(), err: result.stderr, calls };
}

const browser = '';

test('CHROME picks the browser, whatever else is installed', () => {
  const m = machine({ stubs: { chromium: browser } });
  const mine = join(m.bin, 'chromium');
  const other = join(m.root, 'my-chrome');
  writeFileSync(other, '#!/bin/sh\n');
  chmodSync(other, 0o755);
  assert.deepEqual(run(m, { env: { CHROME: other } }), { code: 0, out: other, err: '', calls: [] });
  assert.equal(run(m, { env: { CHROME_PATH: other } }).out, other);
  assert.equal(run(m).out, mine);
});

test('a CHROME that does not run is an error, not a silent fallback', () => {
  const m = machine({ stubs: { chromium: browser } });
  const r = run(m, { env: { CHROME: '/nowhere/chrome' } });
  assert.equal(r.code, 1);
  assert.equal(r.out, '');
  assert.match(r.err, /CHROME is set to '\/nowhere\/chrome'/);
});

test('an installed Chrome or Chromium on PATH is used, in order of preference', () => {
  for (const name of ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'chrome']) {
    const m = machine({ os: 'ubuntu', stubs: { [name]: browser, 'apt-get': 'exit 1', playwright: 'exit 1' } });
    const r = run(m);
    assert.equal(r.code, 0, name);
    assert.equal(r.out, join(m.bin, name));
    assert.deepEqual(r.calls, [], `${name}: nothing installed`);
  }
  const both = machine({ stubs: { 'google-chrome': browser, chromium: browser } });
  assert.equal(run(both).out, join(both.bin, 'chromium'));
});

test('Debian with no browser installs apt chromium', () => {
  const m = machine({
    os: 'debian',
    stubs: {
      'apt-get': 'case "$1" in install) printf "#!/bin/sh\\n" > "$BIN/chromium"; chmod +x "$BIN/chromium";; esac',
      sudo: 'exec "$@"',
    },
  });
  const r = run(m);
  assert.equal(r.code, 0, r.err);
  assert.equal(r.out, join(m.bin, 'chromium'));
  assert.ok(r.calls.some((c) => /^apt-get install -y -qq chromium/.test(c)), r.calls.join('\n'));
});

test('Debian where apt cannot install says which command to run', () => {
  const m = machine({ os: 'debian', stubs: { 'apt-get': 'echo "E: Unable to locate package chromium" >&2; exit 100', sudo: 'exec "$@"' } });
  const r = run(m);
  assert.equal(r.code, 1);
  assert.equal(r.out, '');
  assert.match(r.err, /Install one with: sudo apt-get install chromium/);
  assert.match(r.err, /make test CHROME=\/path\/to\/chrome/);
});

test("Ubuntu with no browser uses Playwright's own download, and never apt's snap wrapper", () => {
  const downloaded = 'ms-playwright/chromium/chrome';
  const m = machine({
    os: 'ubuntu',
    stubs: {
      'apt-get': 'exit 1',
      playwright: `mkdir -p "$ROOT/ms-playwright/chromium"; printf "#!/bin/sh\\n" > "$ROOT/${downloaded}"; chmod +x "$ROOT/${downloaded}"`,
      node: `echo "$ROOT/${downloaded}"`,
    },
  });
  const r = run(m);
  assert.equal(r.code, 0, r.err);
  assert.equal(r.out, join(m.root, downloaded));
  assert.ok(r.calls.includes('playwright install chromium'), r.calls.join('\n'));
  assert.ok(!r.calls.some((c) => c.startsWith('apt-get')), 'apt is not asked on Ubuntu');
});

test('Ubuntu where the download fails names the command', () => {
  const m = machine({ os: 'ubuntu', stubs: { playwright: 'echo "download failed" >&2; exit 1' } });
  const r = run(m);
  assert.equal(r.code, 1);
  assert.match(r.err, /Install one with: \(cd tests && npx playwright install chromium\)/);
});

test('macOS finds Chrome or Chromium in Applications', () => {
  const chrome = 'Google Chrome.app/Contents/MacOS/Google Chrome';
  const m = machine({ uname: 'Darwin', os: '', apps: [chrome] });
  const r = run(m);
  assert.equal(r.code, 0, r.err);
  assert.equal(r.out, join(m.applications, chrome));
  const chromium = 'Chromium.app/Contents/MacOS/Chromium';
  const c = machine({ uname: 'Darwin', os: '', apps: [chromium] });
  assert.equal(run(c).out, join(c.applications, chromium));
});

test('macOS with no browser installs Google Chrome with Homebrew', () => {
  const m = machine({ uname: 'Darwin', os: '' });
  const app = join(m.applications, 'Google Chrome.app/Contents/MacOS');
  writeFileSync(
    join(m.bin, 'brew'),
    `#!/bin/sh\necho "brew $*" >> "${m.log}"\nmkdir -p "${app}"\nprintf "#!/bin/sh\\n" > "${app}/Google Chrome"\nchmod +x "${app}/Google Chrome"\n`,
  );
  chmodSync(join(m.bin, 'brew'), 0o755);
  const r = run(m);
  assert.equal(r.code, 0, r.err);
  assert.equal(r.out, join(app, 'Google Chrome'));
  assert.deepEqual(r.calls, ['brew install --cask google-chrome']);
});

test('macOS without Homebrew says what to run', () => {
  const r = run(machine({ uname: 'Darwin', os: '' }));
  assert.equal(r.code, 1);
  assert.match(r.err, /Install one with: brew install --cask google-chrome/);
});

test('--no-install only looks', () => {
  const m = machine({ os: 'debian', stubs: { 'apt-get': 'exit 0', sudo: 'exec "$@"' } });
  const r = run(m, { args: ['--no-install'] });
  assert.equal(r.code, 1);
  assert.deepEqual(r.calls, []);
});
