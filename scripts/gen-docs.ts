/**
 * Writes docs/rules/<compose|dockerfile>/<name>.md for every rule, and docs/rules/README.md (the index), from the
 * rules' metadata (ESLint's and Biome's generated rule pages). The fix section is computed: the rule's own fix-all
 * applied to its first "incorrect" example. Run with `npm run docs`; test/docs/rules-docs.test.ts fails when a
 * committed page differs from what this produces.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createTwoFilesPatch } from 'diff';
import { DECLINED_HADOLINT_CODES, HADOLINT_DL_CODES } from './hadolint-declined';
import { allRules, DOCS_BASE_URL, fixAll, lint, memoryWorkspace, parseHadolintConfig, type Rule } from '../engine/src/index';

export const repoRoot = path.dirname(__dirname);
export const docsDir = path.join(repoRoot, 'docs/rules');

/** Where examples live while they are linted and fixed: an in-memory project folder, never the disk. */
export const EXAMPLE_DIR = path.resolve('/example');
/** A fixed date, so pages never change because a day passed (end-of-life checks read `today`). */
export const DOCS_DATE = new Date('2026-01-01T00:00:00Z');

/** An example as written in a rule's metadata: a whole file, or (for cross-file rules) a file with neighbours. */
export interface Example {
  code: string;
  /** The linted file's name inside EXAMPLE_DIR (defaults to compose.yaml / Dockerfile). */
  filename: string;
  /** Other files of the example project, relative to EXAMPLE_DIR. */
  files: Record<string, string>;
}

export function ruleKind(rule: Rule): 'compose' | 'dockerfile' {
  return rule.kind;
}

/** Accepts the string form of `meta.examples` and an object form `{code, filename?, files?}`. */
export function normalizeExample(rule: Rule, example: unknown): Example {
  const defaultName = ruleKind(rule) === 'compose' ? 'compose.yaml' : 'Dockerfile';
  if (typeof example === 'string') return { code: example, filename: defaultName, files: {} };
  const object = example as { code?: unknown; filename?: unknown; files?: unknown };
  return {
    code: String(object.code ?? ''),
    filename: typeof object.filename === 'string' ? object.filename : defaultName,
    files: (object.files as Record<string, string> | undefined) ?? {},
  };
}

export function examplesOf(rule: Rule): { incorrect: Example[]; correct: Example[] } {
  const examples = rule.meta.examples as { incorrect?: unknown[]; correct?: unknown[] } | undefined;
  return {
    incorrect: (examples?.incorrect ?? []).map((example) => normalizeExample(rule, example)),
    correct: (examples?.correct ?? []).map((example) => normalizeExample(rule, example)),
  };
}

export function exampleWorkspace(example: Example): { filePath: string; files: Record<string, string> } {
  const filePath = path.join(EXAMPLE_DIR, example.filename);
  const files: Record<string, string> = { [filePath]: example.code };
  for (const [name, content] of Object.entries(example.files)) files[path.join(EXAMPLE_DIR, name)] = content;
  return { filePath, files };
}

/** Lints an example with this rule only (turned on even when it is strict-only), in memory. */
export function lintExample(rule: Rule, example: Example, today: Date = DOCS_DATE) {
  const { filePath, files } = exampleWorkspace(example);
  return lint(filePath, example.code, {
    kind: ruleKind(rule),
    only: [rule.meta.id],
    ruleSet: [rule],
    rules: { [rule.meta.id]: rule.meta.severity },
    workspace: memoryWorkspace(files),
    today,
    hadolint: hadolintSettingsOf(example),
    onRuleError: (id, error) => {
      throw new Error(`${id} threw on its example: ${String((error as Error)?.stack ?? error)}`);
    },
  });
}

/** An example's `.hadolint.yaml` settings (trusted registries, label schema), as a project's would be read. */
export function hadolintSettingsOf(example: Example) {
  const text = example.files['.hadolint.yaml'];
  return text === undefined ? undefined : parseHadolintConfig(text).settings;
}

/** The relative page path of a rule: `compose/healthcheck.md`. */
export function pagePath(ruleId: string): string {
  return `${ruleId}.md`;
}

/** The repository path that `docsUrl(id)` points at, derived from the engine's base URL. */
export function repoPathOfDocsUrl(url: string): string | undefined {
  const match = /^https:\/\/github\.com\/[^/]+\/[^/]+\/blob\/[^/]+\/(.+)$/.exec(url);
  return match?.[1];
}

function fence(code: string, language: string): string {
  const longest = Math.max(2, ...[...code.matchAll(/`+/g)].map((m) => m[0].length));
  const ticks = '`'.repeat(longest + 1);
  return `${ticks}${language}\n${code.endsWith('\n') ? code : `${code}\n`}${ticks}`;
}

function languageOf(filename: string): string {
  if (/\.ya?ml$/i.test(filename)) return 'yaml';
  if (/dockerfile/i.test(filename) || /^Containerfile/.test(filename)) return 'dockerfile';
  if (/\.json$/.test(filename)) return 'json';
  return 'text';
}

function titleCase(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function renderExample(example: Example, kindDefault: string): string {
  const parts: string[] = [];
  const showName = example.filename !== kindDefault || Object.keys(example.files).length > 0;
  if (showName) parts.push(`\`${example.filename}\`:\n`);
  parts.push(fence(example.code, languageOf(example.filename)));
  for (const [name, content] of Object.entries(example.files)) {
    parts.push(`\n\`${name}\`:\n`);
    parts.push(fence(content, languageOf(name)));
  }
  return parts.join('\n');
}

export interface AliasGroups {
  hadolint: string[];
  buildkit: string[];
  other: string[];
}

export function aliasGroups(aliases: readonly string[] = []): AliasGroups {
  const groups: AliasGroups = { hadolint: [], buildkit: [], other: [] };
  for (const alias of aliases) {
    if (/^DL\d{4}$/.test(alias)) groups.hadolint.push(alias);
    else if (/^[A-Z][A-Za-z]+$/.test(alias)) groups.buildkit.push(alias);
    else groups.other.push(alias);
  }
  return groups;
}

function fixSection(rule: Rule, incorrect: Example | undefined): string {
  const { fixable, id } = rule.meta;
  const lines: string[] = ['## Fix', ''];
  if (!fixable) {
    lines.push('This rule has no automatic fix: the right change depends on things only you know. The message says what to do.');
    return lines.join('\n');
  }
  if (fixable === 'safe') {
    lines.push(
      'The fix is **safe**: it runs in "Fix all safe problems" (`source.fixAll.dockerHarden`, also usable in `editor.codeActionsOnSave`), in "Harden service" and in `docker-harden fix`.',
    );
  } else {
    lines.push(
      'The fix is **unsafe**: it changes behaviour, so it is only applied when you ask for it: as a quick fix, in "Harden service" (which shows a preview first) and in `docker-harden fix --unsafe`.',
    );
  }
  if (!incorrect) return lines.join('\n');
  const { filePath, files } = exampleWorkspace(incorrect);
  const offered = lintExample(rule, incorrect).problems.flatMap((problem) => problem.fixes.map((fix) => `${fix.title}${fix.safe ? '' : ' (unsafe)'}`));
  const titles = [...new Set(offered)];
  if (titles.length > 0) {
    lines.push('', 'Quick fixes offered on the first incorrect example:', '', ...titles.map((title) => `- ${title}`));
  }
  const result = fixAll(filePath, incorrect.code, {
    kind: ruleKind(rule),
    only: [id],
    ruleSet: [rule],
    rules: { [id]: rule.meta.severity },
    unsafe: fixable === 'unsafe',
    workspace: memoryWorkspace(files),
    today: DOCS_DATE,
    hadolint: hadolintSettingsOf(incorrect),
  });
  const changes = [
    { name: incorrect.filename, before: incorrect.code as string | undefined, after: result.output },
    ...result.otherFiles.map((change) => ({
      name: path.relative(EXAMPLE_DIR, change.path).split(path.sep).join('/'),
      before: change.before,
      after: change.after,
    })),
  ].filter((change) => change.before !== change.after);
  if (changes.length === 0) {
    lines.push('', 'The engine produces no fix for the first incorrect example.');
    return lines.join('\n');
  }
  lines.push('', `The first incorrect example after this rule's fix-all${fixable === 'unsafe' ? ' (unsafe fixes included)' : ''}:`, '');
  for (const change of changes) {
    const patch = createTwoFilesPatch(
      change.before === undefined ? '/dev/null' : `a/${change.name}`,
      `b/${change.name}`,
      change.before ?? '',
      change.after,
      undefined,
      undefined,
      { context: 3 },
    );
    // Drop the "Index:"/"===" preamble: keep the --- / +++ header and the hunks.
    const body = patch.split('\n').filter((line) => !/^(Index: |={5,})/.test(line)).join('\n').replace(/\n+$/, '\n');
    lines.push(fence(body, 'diff'), '');
  }
  return lines.join('\n').replace(/\n+$/, '');
}

function suppressionSection(rule: Rule): string {
  const { id, aliases } = rule.meta;
  const groups = aliasGroups(aliases);
  const kind = ruleKind(rule);
  const node = kind === 'compose' ? 'key' : 'instruction';
  const lines = ['## Suppression', ''];
  lines.push(`- For one ${node} and everything under it: \`# docker-harden-ignore ${id}\` on the line above it.`);
  lines.push(`- For the whole file: \`# docker-harden-ignore-file ${id}\` anywhere in the file.`);
  if (groups.hadolint.length > 0) {
    const codes = groups.hadolint.join(',');
    lines.push(
      `- hadolint comments are honoured: \`# hadolint ignore=${codes}\` on the line above the instruction, \`# hadolint global ignore=${codes}\`, and \`ignored: [${groups.hadolint.join(', ')}]\` in \`.hadolint.yaml\`.`,
    );
  }
  if (groups.buildkit.length > 0) {
    lines.push(`- BuildKit check directives are honoured: \`# check=skip=${groups.buildkit.join(',')}\` at the top of the Dockerfile.`);
  }
  return lines.join('\n');
}

function configurationSection(rule: Rule): string {
  const { id, strict, severity } = rule.meta;
  const lines = ['## Configuration', ''];
  lines.push('In `.docker-harden.yaml` at the workspace root:', '');
  lines.push(fence(`rules:\n  ${id}: off # or info, warning, error\n`, 'yaml'));
  lines.push('', 'or in VS Code settings:', '');
  lines.push(fence(`"dockerHarden.rules": { "${id}": "off" }\n`, 'json'));
  lines.push('', `On the command line: \`docker-harden check --rule ${id}=off\`.`);
  if (strict) {
    lines.push('', `This rule is off in the \`recommended\` profile. \`profile: strict\` (or \`--profile strict\`) turns it on as a warning; setting it explicitly (\`${id}: ${severity}\`) turns it on in any profile.`);
  }
  return lines.join('\n');
}

export function renderRulePage(rule: Rule): string {
  const { id, severity, description, rationale, aliases, fixable, strict, tags } = rule.meta;
  const kind = ruleKind(rule);
  const kindDefault = kind === 'compose' ? 'compose.yaml' : 'Dockerfile';
  const { incorrect, correct } = examplesOf(rule);
  const groups = aliasGroups(aliases);
  const facts: string[] = [];
  facts.push(`| Severity | ${strict ? `${severity}, **strict profile only** (off in \`recommended\`, a warning in \`strict\`)` : severity} |`);
  facts.push(`| Fix | ${fixable ? `${fixable}` : 'none'} |`);
  if (tags?.includes('deprecated')) facts.push('| Deprecated syntax | yes: the rule flags syntax Docker has deprecated |');
  if (groups.hadolint.length) facts.push(`| hadolint | ${groups.hadolint.map((code) => `[${code}](https://github.com/hadolint/hadolint/wiki/${code})`).join(', ')} |`);
  if (groups.buildkit.length) {
    facts.push(
      `| BuildKit check | ${groups.buildkit.map((name) => `[${name}](https://docs.docker.com/reference/build-checks/${kebab(name)}/)`).join(', ')} |`,
    );
  }
  if (groups.other.length) facts.push(`| Also known as | ${groups.other.map((alias) => `\`${alias}\``).join(', ')} |`);
  const sections = [
    `<!-- Generated by scripts/gen-docs.ts from the metadata in engine/src/rules/${id}.ts. Do not edit: run \`npm run docs\`. -->`,
    `# ${id}`,
    titleCase(description),
    `| | |\n|---|---|\n${facts.join('\n')}`,
    `## Why\n\n${rationale}`,
    `## Incorrect\n\n${incorrect.length ? incorrect.map((example) => renderExample(example, kindDefault)).join('\n\n') : '_No example._'}`,
    `## Correct\n\n${correct.length ? correct.map((example) => renderExample(example, kindDefault)).join('\n\n') : '_No example._'}`,
    fixSection(rule, incorrect[0]),
    suppressionSection(rule),
    configurationSection(rule),
    `[All rules](../README.md)`,
  ];
  return `${sections.join('\n\n')}\n`;
}

function kebab(name: string): string {
  return name.replace(/([A-Z]+)([A-Z][a-z])/g, '$1-$2').replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
}

export function renderIndex(rules: readonly Rule[]): string {
  const sorted = [...rules].sort((a, b) => a.meta.id.localeCompare(b.meta.id));
  const groups: [string, 'compose' | 'dockerfile'][] = [
    ['Compose files', 'compose'],
    ['Dockerfiles', 'dockerfile'],
  ];
  const parts = [
    '<!-- Generated by scripts/gen-docs.ts from the rules\' metadata. Do not edit: run `npm run docs`. -->',
    '# Rules',
    `${rules.length} rules. Severities are the defaults of the \`recommended\` profile; rules marked *strict* are off unless \`profile: strict\` is set. A **safe** fix runs in fix-all, on save and in \`docker-harden fix\`; an **unsafe** one only when asked for (quick fix, "Harden service", \`docker-harden fix --unsafe\`). Suppress a rule with \`# docker-harden-ignore <id>\` on the line above, or configure it in \`.docker-harden.yaml\` (\`rules: { <id>: off }\`).`,
  ];
  for (const [title, kind] of groups) {
    const ofKind = sorted.filter((rule) => ruleKind(rule) === kind);
    parts.push(`## ${title}`);
    if (ofKind.length === 0) {
      parts.push('_None yet._');
      continue;
    }
    const rows = ofKind.map((rule) => {
      const { id, severity, strict, fixable, description, aliases, tags } = rule.meta;
      const notes = [strict ? 'strict' : '', tags?.includes('deprecated') ? 'deprecated' : ''].filter(Boolean);
      const severityCell = notes.length ? `${severity} (${notes.join(', ')})` : severity;
      return `| [${id}](${pagePath(id)}) | ${severityCell} | ${fixable ?? '—'} | ${cell(description)} | ${(aliases ?? []).join(', ') || '—'} |`;
    });
    parts.push(`| Rule | Severity | Fix | Description | Aliases |\n|---|---|---|---|---|\n${rows.join('\n')}`);
  }
  parts.push(...hadolintSection(rules));
  return `${parts.join('\n\n')}\n`;
}

/** Every hadolint DL code with the rule that carries it, or the reason it is declined (scripts/hadolint-declined.ts). */
function hadolintSection(rules: readonly Rule[]): string[] {
  const rows = HADOLINT_DL_CODES.map((code) => {
    const carriers = rules.filter((rule) => rule.meta.aliases?.includes(code)).map((rule) => `[${rule.meta.id}](${pagePath(rule.meta.id)})`);
    const declined = DECLINED_HADOLINT_CODES[code];
    return `| [${code}](https://github.com/hadolint/hadolint/wiki/${code}) | ${carriers.join(', ') || (declined ? `declined: ${cell(declined)}` : '—')} |`;
  });
  return [
    '## hadolint codes',
    'Every hadolint rule, with the rule that carries its code (so `# hadolint ignore=` and `.hadolint.yaml` `ignored:` apply to it) or the reason it is declined.',
    `| hadolint | Docker Harden |\n|---|---|\n${rows.join('\n')}`,
  ];
}

/** Every generated file: path relative to docs/rules → content. */
export function renderDocs(rules: readonly Rule[] = allRules): Map<string, string> {
  const out = new Map<string, string>();
  out.set('README.md', renderIndex(rules));
  for (const rule of [...rules].sort((a, b) => a.meta.id.localeCompare(b.meta.id))) out.set(pagePath(rule.meta.id), renderRulePage(rule));
  return out;
}

/** The .md files currently under docs/rules, relative to it. */
export function existingDocs(): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    if (!fs.existsSync(dir)) return;
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.md')) found.push(path.relative(docsDir, full).split(path.sep).join('/'));
    }
  };
  walk(docsDir);
  return found.sort();
}

function main(): void {
  const docs = renderDocs();
  let written = 0;
  for (const [relative, content] of docs) {
    const target = path.join(docsDir, relative);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    if (!fs.existsSync(target) || fs.readFileSync(target, 'utf8') !== content) {
      fs.writeFileSync(target, content);
      written++;
    }
  }
  let removed = 0;
  for (const relative of existingDocs()) {
    if (!docs.has(relative)) {
      fs.rmSync(path.join(docsDir, relative));
      removed++;
    }
  }
  console.log(`docs/rules: ${docs.size} pages (${written} written, ${removed} removed) — base URL ${DOCS_BASE_URL}`);
}

if (require.main === module) main();
