/** What the node-side fixture (test/e2e/lib/fixture.ts) hands to the extension-host suite, as e2e-config.json. */
export interface Position {
  line: number;
  character: number;
}

export interface ExpectedDiagnostic {
  code: string;
  /** The docs link (`codeDescription.href`). */
  target: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  start: Position;
  end: Position;
}

export interface SuiteConfig {
  /** The temp copy of examples/vrecommendation that the editor has open. */
  workspace: string;
  /** Where the suite writes its per-test results (JSON). */
  resultsFile: string;
  compose: {
    path: string;
    original: string;
    diagnostics: ExpectedDiagnostic[];
    /** The range of the `redis` service key. */
    redisKey: { start: Position; end: Position };
    redisQuickFix: { title: string; output: string };
    /** Text after every safe fix (fix-all). */
    fixAllOutput: string;
    /** "Harden service" on redis. */
    hardenRedis: { output: string; fixCount: number; otherFiles: { path: string; after: string }[] };
  };
  dockerfile: { path: string; original: string; diagnostics: ExpectedDiagnostic[]; fixAllOutput: string };
  /** The first prefix of every snippet we contribute. */
  snippets: { compose: string[]; dockerfile: string[] };
}

export interface TestResult {
  name: string;
  ok: boolean;
  ms: number;
  error?: string;
}
