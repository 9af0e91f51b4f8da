/**
 * The end-to-end fixture: a temp copy of the example workspace, the extension-host suite bundled to JS, and the
 * results the editor must reproduce, computed by the engine on the same files (so the editor path — client, server,
 * positions, WorkspaceEdits — must be byte-identical to the engine, whatever rules exist by then).
 */
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LineIndex, applyEdits, docsUrl, fixAll, harden, lint, type Workspace } from '../../../engine/src/index';
import { diskWorkspace } from '../../../engine/src/node';
import type { ExpectedDiagnostic, SuiteConfig } from '../suite/config';

export const root = path.resolve(__dirname, '..', '..', '..');
export const exampleDir = path.join(root, 'examples', 'vrecommendation');

export interface Fixture {
  dir: string;
  workspace: string;
  suiteModule: string;
  config: SuiteConfig;
  configFile: string;
  cleanup(): void;
  /** The workspace copy on disk, as the engine reads it (what the editor's server sees). */
  files: Workspace;
}

function diagnosticsOf(file: string, workspace: Workspace): ExpectedDiagnostic[] {
  const text = fs.readFileSync(file, 'utf8');
  const lines = new LineIndex(text);
  return lint(file, text, { workspace }).problems.map((problem) => ({
    code: problem.ruleId,
    target: docsUrl(problem.ruleId),
    severity: problem.severity,
    message: problem.message,
    start: lines.positionAt(problem.start),
    end: lines.positionAt(problem.end),
  }));
}

/** Copies the example into a fresh temp dir, bundles the suite and writes `e2e-config.json` beside the workspace. */
export async function createFixture(prefix = 'docker-harden-e2e-'): Promise<Fixture> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const workspace = path.join(dir, 'workspace');
  fs.cpSync(exampleDir, workspace, { recursive: true });
  // The editor's server reads the workspace folder's files (the linked Dockerfiles, .env): the engine here too.
  const files = diskWorkspace(workspace);

  const compose = path.join(workspace, 'docker-compose.yml');
  const dockerfile = path.join(workspace, 'backend', 'ai_server', 'Dockerfile');
  const composeText = fs.readFileSync(compose, 'utf8');
  const dockerfileText = fs.readFileSync(dockerfile, 'utf8');

  const composeLines = new LineIndex(composeText);
  const redisHealthcheck = lint(compose, composeText, { workspace: files }).problems.find(
    (problem) => problem.ruleId === 'compose/healthcheck' && composeText.slice(problem.start, problem.end) === 'redis',
  );
  if (!redisHealthcheck || redisHealthcheck.fixes.length === 0) throw new Error('the engine no longer reports a fixable compose/healthcheck on redis');
  const redisFix = redisHealthcheck.fixes[0];

  const hardened = harden(compose, composeText, { services: ['redis'], workspace: files });
  const config: SuiteConfig = {
    workspace,
    resultsFile: path.join(dir, 'results.json'),
    compose: {
      path: compose,
      original: composeText,
      diagnostics: diagnosticsOf(compose, files),
      redisKey: { start: composeLines.positionAt(redisHealthcheck.start), end: composeLines.positionAt(redisHealthcheck.end) },
      redisQuickFix: { title: redisFix.title, output: applyEdits(composeText, redisFix.edits) },
      fixAllOutput: fixAll(compose, composeText, { workspace: files }).output,
      hardenRedis: {
        output: hardened.output,
        fixCount: hardened.fixCount,
        otherFiles: hardened.otherFiles.map((file) => ({ path: file.path, after: file.after })),
      },
    },
    dockerfile: {
      path: dockerfile,
      original: dockerfileText,
      diagnostics: diagnosticsOf(dockerfile, files),
      fixAllOutput: fixAll(dockerfile, dockerfileText, { workspace: files }).output,
    },
    snippets: {
      compose: snippetPrefixes(path.join(root, 'snippets', 'compose.json')),
      dockerfile: snippetPrefixes(path.join(root, 'snippets', 'dockerfile.json')),
    },
  };
  const configFile = path.join(dir, 'e2e-config.json');
  fs.writeFileSync(configFile, JSON.stringify(config, null, 2));

  const suiteModule = path.join(dir, 'suite', 'index.js');
  await esbuild.build({
    entryPoints: [path.join(root, 'test', 'e2e', 'suite', 'index.ts')],
    outfile: suiteModule,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node18',
    external: ['vscode'],
    sourcemap: 'inline',
    logLevel: 'warning',
  });
  return {
    dir,
    workspace,
    suiteModule,
    config,
    configFile,
    files,
    cleanup: () => fs.rmSync(dir, { recursive: true, force: true, maxRetries: 3 }),
  };
}

/** The first prefix of every snippet in a VS Code snippets file. */
function snippetPrefixes(file: string): string[] {
  const snippets = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, { prefix: string | string[] }>;
  return Object.values(snippets).map((snippet) => (Array.isArray(snippet.prefix) ? snippet.prefix[0] : snippet.prefix));
}
