/**
 * `docker compose config` on each compose rule's test outputs (issue 17): the rule tests are data
 * (test/rules/compose/*.test.ts through test/lib/rule-tester.ts). They run here once more in a child process with
 * DOCKER_HARDEN_RECORD_FIXES set, so the tester records every fix output it checks (safe and unsafe, with the case's
 * other files and the files the fix created). Each case's input goes to `config` first, with the case's files; an
 * output counts only when its input was valid compose (as it is, else with `--no-interpolate`, the same mode after):
 * then the output must be accepted too, with the same services.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CONCURRENCY, compose, pool, requireDocker, run, tempDir } from './lib';

const repoRoot = path.resolve(__dirname, '..', '..');

interface Recorded {
  rule: string;
  kind: 'compose' | 'dockerfile';
  name?: string;
  filename: string;
  files: Record<string, string>;
  before: string;
  after: string;
  otherFiles: Record<string, string>;
  unsafe: boolean;
}

type Verdict = { ok: boolean; services: string[]; error: string };

function writeTree(dir: string, filename: string, text: string, files: Record<string, string>): void {
  const folder = path.join(dir, path.dirname(filename));
  for (const [rel, content] of Object.entries(files)) {
    const full = path.resolve(folder, rel);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    fs.writeFileSync(full, content);
  }
  fs.mkdirSync(folder, { recursive: true });
  fs.writeFileSync(path.join(dir, filename), text);
}

async function config(dir: string, filename: string, noInterpolate: boolean): Promise<Verdict> {
  const r = await compose(['-f', filename, 'config', '--format', 'json', ...(noInterpolate ? ['--no-interpolate'] : [])], dir, 60_000);
  const ok = r.code === 0 && !r.timedOut;
  return { ok, services: ok ? Object.keys(JSON.parse(r.stdout).services ?? {}).sort() : [], error: r.timedOut ? 'timed out' : r.stderr.split('\n').filter((l) => l && !/level=warning/.test(l)).join(' | ') };
}

describe('docker compose config accepts the compose rules\' test outputs', { timeout: 300_000 }, () => {
  const started = Date.now();
  const root = tempDir('rule-outputs');
  let records: Recorded[] = [];
  let ruleTests = '';
  before(async () => {
    requireDocker();
    const recordDir = path.join(root, 'records');
    fs.mkdirSync(recordDir);
    const files = fs.readdirSync(path.join(repoRoot, 'test', 'rules', 'compose')).filter((f) => f.endsWith('.test.ts')).map((f) => path.join('test', 'rules', 'compose', f));
    const r = await run(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=dot', ...files], {
      cwd: repoRoot,
      // Without NODE_TEST_CONTEXT: with it (set for this file by the runner), `node --test` acts as a runner's child and runs nothing.
      env: Object.fromEntries(Object.entries({ ...process.env, DOCKER_HARDEN_RECORD_FIXES: recordDir }).filter(([k]) => k !== 'NODE_TEST_CONTEXT')) as Record<string, string>,
      timeoutMs: 240_000,
    });
    ruleTests = `${files.length} rule test files (exit ${r.code}, ${(r.ms / 1000).toFixed(1)}s)`;
    const seen = new Set<string>();
    for (const file of fs.readdirSync(recordDir)) {
      for (const line of fs.readFileSync(path.join(recordDir, file), 'utf8').split('\n')) {
        if (!line) continue;
        const record: Recorded = JSON.parse(line);
        const key = JSON.stringify([record.filename, record.files, record.before, record.after, record.otherFiles]);
        if (record.kind !== 'compose' || record.before === record.after || seen.has(key)) continue;
        seen.add(key);
        records.push(record);
      }
    }
    records = records.sort((a, b) => (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0));
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  it('every output of a valid input is accepted, with the same services', async () => {
    assert.ok(records.length > 50, `only ${records.length} compose fix outputs recorded from ${ruleTests}`);
    const counts = { invalidBefore: 0, interpolate: 0, noInterpolate: 0 };
    const failures: string[] = [];
    const rules = new Set<string>();
    await pool(records, CONCURRENCY, async (record, index) => {
      const beforeDir = path.join(root, `b${index}`);
      const afterDir = path.join(root, `a${index}`);
      writeTree(beforeDir, record.filename, record.before, record.files);
      let noInterpolate = false;
      let was = await config(beforeDir, record.filename, false);
      if (!was.ok) {
        noInterpolate = true;
        was = await config(beforeDir, record.filename, true);
      }
      if (!was.ok) {
        counts.invalidBefore++;
        return;
      }
      counts[noInterpolate ? 'noInterpolate' : 'interpolate']++;
      rules.add(record.rule);
      writeTree(afterDir, record.filename, record.after, { ...record.files, ...record.otherFiles });
      const now = await config(afterDir, record.filename, noInterpolate);
      const label = `${record.rule}${record.unsafe ? ' (unsafe)' : ''}${record.name ? ` "${record.name}"` : ''}`;
      if (!now.ok) failures.push(`${label}: Compose refuses the output${noInterpolate ? ' (--no-interpolate)' : ''}: ${now.error}\n--- input\n${record.before}--- output\n${record.after}`);
      else if (JSON.stringify(now.services) !== JSON.stringify(was.services)) failures.push(`${label}: services ${was.services.join(',')} became ${now.services.join(',')}`);
    });
    console.log(
      `rule outputs (${((Date.now() - started) / 1000).toFixed(1)}s): ${ruleTests}; ${records.length} distinct compose fix outputs; ` +
        `${counts.interpolate} inputs valid as they are, ${counts.noInterpolate} only with --no-interpolate (${rules.size} rules), ${counts.invalidBefore} inputs Compose refuses (not counted); ${failures.length} outputs refused`,
    );
    assert.ok(counts.interpolate + counts.noInterpolate > 30, 'enough valid inputs');
    assert.deepEqual(failures, []);
  });
});
