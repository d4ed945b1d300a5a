// The Chrome or Chromium every test and script launches: CHROME when set
// (the Makefile sets it from `.ci/browser`), else whatever `.ci/browser`
// finds on this machine (it installs nothing when asked from here).
import { execFileSync } from 'node:child_process';

export function chromePath() {
  if (process.env.CHROME) return process.env.CHROME;
  const script = new URL('../.ci/browser', import.meta.url).pathname;
  try {
    return execFileSync('bash', [script, '--no-install'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim();
  } catch {
    throw new Error('No Chrome or Chromium found: run `bash .ci/browser` (it installs one where it can) or set CHROME=/path/to/chrome');
  }
}
