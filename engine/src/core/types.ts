/** The vocabulary shared by rules, the linter, the fixer, the CLI and the language server. */
import type { Edit } from './text';

export type Severity = 'error' | 'warning' | 'info';
export type SeveritySetting = Severity | 'off';
export type FileKind = 'compose' | 'dockerfile';
export type Profile = 'recommended' | 'strict';

/** Values fixes insert, from `.docker-harden.yaml` `defaults:` (rules fall back to their own when unset). */
export interface HardenDefaults {
  resources?: { cpus?: string; memory?: string };
  logging?: { maxSize?: string; maxFile?: string };
  restart?: 'no' | 'always' | 'on-failure' | 'unless-stopped';
  /** The path HTTP healthcheck probes ask (`/healthz`); without it, a health route found in the source, else `/`. */
  healthcheck?: { path?: string };
}

/** A label's type in `.hadolint.yaml` `label-schema:`. */
export type LabelType = 'text' | 'url' | 'semver' | 'hash' | 'rfc3339' | 'spdx' | 'email';

/** What `.hadolint.yaml` tells rules (the rules that carry DL3026 and DL3049-DL3058 read them). */
export interface HadolintSettings {
  /** `trustedRegistries:` registries FROM may pull from (`*` wildcards at either end). */
  trustedRegistries?: string[];
  /** `label-schema:` the labels every stage must have, and the type of each value. */
  labelSchema?: Record<string, LabelType>;
  /** `strict-labels: true`: labels outside the schema are flagged. */
  strictLabels?: boolean;
}

export const SEVERITY_RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

/** A change to a file other than the one being linted (cross-file fixes). Paths are absolute. */
export type FileChange =
  | { kind: 'edit'; path: string; edits: Edit[] }
  /**
   * Create a file (or replace its whole content with `overwrite`). Without `overwrite` the file must not exist: a
   * fix whose file is there with other content is not applied, and a writer refuses (never writes through) a path
   * that exists when it writes. `mode` is the new file's mode, `folderMode` that of the folders it creates (a
   * secrets file: 0o644 in a 0o700 folder). `secret`: the content is a secret value, never printed.
   */
  | { kind: 'create'; path: string; content: string; mode?: number; folderMode?: number; secret?: boolean; overwrite?: boolean }
  /** Append lines that are not already present (e.g. `secrets/` to `.gitignore`); creates the file if missing. */
  | { kind: 'ensureLines'; path: string; lines: string[] };

/**
 * A secrets file's mode: Compose bind-mounts a file secret with the host file's owner and mode, so a 0600 file owned
 * by the host user is unreadable by a non-root container user.
 */
export const SECRET_FILE_MODE = 0o644;
/** The `secrets` folder's mode when a fix creates it: the files are kept from the host's other users by it. */
export const SECRET_FOLDER_MODE = 0o700;

/** A secret value a fix moves out of the linted text: where its source text is (in any spelling), and the value. */
export interface SecretSpan {
  /** Offsets of the value's source text (quotes, escapes, a block scalar's lines) in the linted text. */
  start: number;
  end: number;
  /** The value, decoded. */
  value: string;
}

/**
 * A secret a fix moved, as output can find it again: the whole lines its source text was on (in the text the fix
 * was made on; other fixes leave those lines as they are) and where on them, so a diff shows those lines masked.
 */
export interface SecretSource {
  /** The lines (without line breaks) the source text touches. */
  lines: string[];
  /** Offsets of the source text in `lines.join('\n')`. */
  start: number;
  end: number;
  value: string;
}

/**
 * A fact a fix rests on: "the image has wget", "the app reads `JWT_SECRET_FILE`", "`/healthz` is a route". With its
 * evidence (a knowledge-base entry, the Dockerfile, the app's source, another compose file of the project) it is known;
 * without, it is a guess, and the fix is unsafe and says what to verify.
 */
export interface Assumption {
  claim: string;
  /** Where the claim is known from (`image knowledge: postgres:16-alpine`, `api/Dockerfile: EXPOSE 8080`). */
  evidence?: string;
}

export interface Fix {
  title: string;
  /**
   * Safe fixes run in fix-all, on save and in `docker-harden fix`; unsafe ones only when asked for. A fix whose
   * `assumptions` are not all backed by evidence is unsafe whatever the rule says (the linter settles it).
   */
  safe: boolean;
  /** What the fix rests on, each with its evidence or none. */
  assumptions?: Assumption[];
  /** Edits to the linted file. */
  edits: Edit[];
  /** Changes to other files, applied together with `edits`. */
  otherFiles?: FileChange[];
  /** Marks the fix VS Code should put first (and apply on "auto fix"). */
  preferred?: boolean;
  /** Secret values the fix moves out of the linted text (output masks them wherever it shows their lines). */
  secrets?: SecretSpan[];
}

export interface Problem {
  ruleId: string;
  severity: Severity;
  message: string;
  /** Offsets into the linted text. */
  start: number;
  end: number;
  fixes: Fix[];
  tags?: ('deprecated' | 'unnecessary')[];
  /** The alias (hadolint or ShellCheck code) this problem is, when its rule carries several. */
  code?: string;
}

/** An example with its file name and other files of the project (cross-file rules: a compose file and its Dockerfile). */
export interface RuleExample {
  code: string;
  filename?: string;
  /** Other files, relative to the example's folder. */
  files?: Record<string, string>;
}

export interface RuleExamples {
  /** Each string is a whole file that must raise the rule. */
  incorrect: (string | RuleExample)[];
  /** Each string is a whole file that must not raise the rule. */
  correct: (string | RuleExample)[];
}

export interface RuleMeta {
  /** `compose/<name>` or `dockerfile/<name>`. */
  id: string;
  severity: Severity;
  /** One line: what the rule flags. */
  description: string;
  /** One paragraph: why it matters in production. */
  rationale: string;
  examples: RuleExamples;
  /** Matching hadolint codes (DL3008) and BuildKit check names (JSONArgsRecommended). */
  aliases?: string[];
  /** What kind of fix the rule offers, if any. */
  fixable?: 'safe' | 'unsafe';
  /** Off in the `recommended` profile; a warning in `strict`. */
  strict?: boolean;
  tags?: ('deprecated' | 'unnecessary')[];
  /**
   * The compose file roles the rule applies to (default: every role). Production demands (log rotation, limits,
   * restart policies...) list `production` (and `swarm` where swarm has the same need).
   */
  roles?: readonly FileRole[];
}

/**
 * What a compose file is for: `production` (a base or prod file), `development` (an override, dev, local or debug
 * file), `test` (CI and test files), `swarm` (a stack file for `docker stack deploy`), `devcontainer`.
 */
export type FileRole = 'production' | 'development' | 'test' | 'swarm' | 'devcontainer';
export const FILE_ROLES: readonly FileRole[] = ['production', 'development', 'test', 'swarm', 'devcontainer'];

export const DOCS_BASE_URL = 'https://github.com/docker-harden/docker-harden/blob/main/docs/rules/';

export function docsUrl(ruleId: string): string {
  return `${DOCS_BASE_URL}${ruleId}.md`;
}
