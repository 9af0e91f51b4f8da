/**
 * Measures how far our Dockerfile rules agree with hadolint's own rule tests. A measuring tool, not a test: it needs
 * a hadolint checkout (CI has none, and hadolint's files are never committed here).
 *
 *   npx tsx scripts/hadolint-parity.ts <hadolint checkout or its git directory> [--code DL3009] [--json] [--all]
 *   HADOLINT_DIR=<path> npx tsx scripts/hadolint-parity.ts
 *
 * It reads every `test/Hadolint/Rule/DL*Spec.hs`, evaluates the few Haskell forms those specs use (string literals
 * with gaps and escapes, `Text.unlines [...]`, `let` bindings, `<>`), and collects each assertion as a case: the
 * Dockerfile snippet, the code, whether the rule must fire (or how often, for `failsWith N`), and whether it is the
 * ONBUILD variant (hadolint's helper turns every `RUN` into `ONBUILD RUN`). Each case is linted with our rules whose
 * `aliases` list that code (strict profile, so strict rules run; a spec's `?config` becomes a `.hadolint.yaml` read
 * through `loadConfig`, as the CLI reads it). It prints agreement per code and in total, ordinary and ONBUILD apart,
 * and the disagreements. Codes we decline (`scripts/hadolint-declined.ts`) and single cases where hadolint is wrong
 * about real behaviour (HADOLINT_WRONG below) are counted apart: the goal is agreement where hadolint is right.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { allRules, lint, lintOptionsFromConfig, loadConfig, memoryWorkspace, type Rule } from '../engine/src/index';
import { diskConfigFiles } from '../engine/src/node';
import { DECLINED_HADOLINT_CODES } from './hadolint-declined';

/** Cases where hadolint's expectation is wrong for the real tool; matched by code, kind of assertion and snippet. */
const HADOLINT_WRONG: { code: string; expect: 'fires' | 'silent'; snippet: RegExp; reason: string }[] = [
  {
    code: 'DL3042',
    expect: 'fires',
    snippet: /PIP_NO_CACHE_DIR=(0|off|no|false)\b/,
    reason:
      "pip disables its cache for any boolean value of PIP_NO_CACHE_DIR, false ones included (pip's _handle_no_cache_dir ignores the value)",
  },
  {
    code: 'DL3025',
    expect: 'fires',
    snippet: /^HEALTHCHECK CMD [^[]/m,
    reason:
      "the exec form matters for CMD/ENTRYPOINT, whose process is PID 1 and must get signals; a healthcheck command is a short-lived child run by the engine, and Docker's own reference writes it in shell form (CMD-SHELL)",
  },
];

interface Case {
  code: string;
  /** The spec file's `it "..."` text. */
  title: string;
  line: number;
  onbuild: boolean;
  /** 'fires': at least one problem; 'silent': none; a number: exactly that many. */
  expect: 'fires' | 'silent' | number;
  dockerfile: string;
  config?: HadolintConfig;
}

interface HadolintConfig {
  allowedRegistries?: string[];
  labelSchema?: Record<string, string>;
  strictLabels?: boolean;
}

// ---------------------------------------------------------------------------------------------------------------
// Reading the spec files

function specFiles(checkout: string): { name: string; text: string }[] {
  const folder = path.join(checkout, 'test', 'Hadolint', 'Rule');
  if (fs.existsSync(folder)) {
    return fs
      .readdirSync(folder)
      .filter((name) => /^DL\d{4}Spec\.hs$/.test(name))
      .sort()
      .map((name) => ({ name, text: fs.readFileSync(path.join(folder, name), 'utf8') }));
  }
  // A bare git directory (a mirror): read the files of HEAD.
  const git = (...args: string[]) => execFileSync('git', ['--git-dir', checkout, ...args], { encoding: 'utf8', maxBuffer: 64 << 20 });
  const names = git('ls-tree', '--name-only', 'HEAD', 'test/Hadolint/Rule/')
    .split('\n')
    .filter((name) => /\/DL\d{4}Spec\.hs$/.test(name))
    .sort();
  if (names.length === 0) throw new Error(`no test/Hadolint/Rule/DL*Spec.hs in ${checkout}`);
  return names.map((name) => ({ name: path.basename(name), text: git('show', `HEAD:${name}`) }));
}

type Token =
  | { kind: 'string'; value: string; line: number }
  | { kind: 'number'; value: number; line: number }
  | { kind: 'name'; value: string; line: number }
  | { kind: 'symbol'; value: string; line: number };

/** Haskell tokens, enough for hspec files: names (qualified too), numbers, strings, chars, symbols; comments dropped. */
function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  let line = 1;
  const n = source.length;
  while (i < n) {
    const c = source[i];
    if (c === '\n') {
      line++;
      i++;
    } else if (/\s/.test(c)) {
      i++;
    } else if (source.startsWith('--', i) && !/[!#$%&*+./<=>?@\\^|~:]/.test(source[i + 2] ?? '')) {
      while (i < n && source[i] !== '\n') i++;
    } else if (source.startsWith('{-', i)) {
      const end = source.indexOf('-}', i + 2);
      const stop = end < 0 ? n : end + 2;
      line += (source.slice(i, stop).match(/\n/g) ?? []).length;
      i = stop;
    } else if (c === '"') {
      const startLine = line;
      let value = '';
      i++;
      while (i < n && source[i] !== '"') {
        if (source[i] === '\\') {
          const next = source[i + 1];
          if (/\s/.test(next)) {
            // A string gap: backslash, white space (new lines too), backslash.
            i++;
            while (i < n && source[i] !== '\\') {
              if (source[i] === '\n') line++;
              i++;
            }
            i++;
            continue;
          }
          const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', '"': '"', "'": "'", '&': '', a: '\x07', b: '\b', f: '\f', v: '\v', '0': '\0' };
          const numeric = /^(\d+|x[0-9a-fA-F]+|o[0-7]+)/.exec(source.slice(i + 1, i + 12));
          if (numeric && !(numeric[0] === '0')) {
            const text = numeric[0];
            const code = text[0] === 'x' ? parseInt(text.slice(1), 16) : text[0] === 'o' ? parseInt(text.slice(1), 8) : parseInt(text, 10);
            value += String.fromCodePoint(code);
            i += 1 + text.length;
            continue;
          }
          if (next in simple) {
            value += simple[next];
            i += 2;
            continue;
          }
          value += next;
          i += 2;
          continue;
        }
        value += source[i];
        i++;
      }
      i++;
      tokens.push({ kind: 'string', value, line: startLine });
    } else if (c === "'" && /^'(\\.|[^\\'])'/.test(source.slice(i, i + 4))) {
      const match = /^'(\\.|[^\\'])'/.exec(source.slice(i, i + 4))!;
      tokens.push({ kind: 'string', value: match[1].replace(/^\\/, ''), line });
      i += match[0].length;
    } else if (/\d/.test(c)) {
      const match = /^\d+/.exec(source.slice(i))!;
      tokens.push({ kind: 'number', value: Number(match[0]), line });
      i += match[0].length;
    } else if (/[A-Za-z_?]/.test(c)) {
      const match = /^\??[A-Za-z_][A-Za-z0-9_']*(\.[A-Za-z_][A-Za-z0-9_']*)*/.exec(source.slice(i))!;
      tokens.push({ kind: 'name', value: match[0], line });
      i += match[0].length;
    } else if (/[!#$%&*+./<=>?@\\^|~:-]/.test(c)) {
      const match = /^[!#$%&*+./<=>?@\\^|~:-]+/.exec(source.slice(i))!;
      tokens.push({ kind: 'symbol', value: match[0], line });
      i += match[0].length;
    } else {
      tokens.push({ kind: 'symbol', value: c, line });
      i++;
    }
  }
  return tokens;
}

type Value = string | number | boolean | Value[] | { config: HadolintConfig } | [string, string];

const ASSERTIONS: Record<string, { onbuild: boolean; expect: 'fires' | 'silent' }> = {
  ruleCatches: { onbuild: false, expect: 'fires' },
  ruleCatchesNot: { onbuild: false, expect: 'silent' },
  onBuildRuleCatches: { onbuild: true, expect: 'fires' },
  onBuildRuleCatchesNot: { onbuild: true, expect: 'silent' },
};

/** Walks a spec's tokens, evaluating bindings and collecting assertions. */
function readSpec(name: string, source: string, problems: string[]): Case[] {
  const tokens = tokenize(source);
  const cases: Case[] = [];
  let pos = 0;
  let title = '';
  let fileBindings = new Map<string, Value>();
  let bindings = fileBindings;
  let fileConfig: HadolintConfig | undefined;
  let config: HadolintConfig | undefined;
  let seenIt = false;
  const peek = (offset = 0) => tokens[pos + offset];
  const isSymbol = (token: Token | undefined, value: string) => token?.kind === 'symbol' && token.value === value;

  // expr := term ('<>' term)*
  function expression(): Value | undefined {
    let value = term();
    while (value !== undefined && isSymbol(peek(), '<>')) {
      pos++;
      const right = term();
      if (typeof value === 'string' && typeof right === 'string') value = value + right;
      else return undefined;
    }
    return value;
  }
  function term(): Value | undefined {
    const token = peek();
    if (!token) return undefined;
    if (isSymbol(token, '$')) {
      pos++;
      return expression();
    }
    if (token.kind === 'string' || token.kind === 'number') {
      pos++;
      return token.value;
    }
    if (isSymbol(token, '(')) {
      pos++;
      const items: Value[] = [];
      while (peek() && !isSymbol(peek(), ')')) {
        const item = expression();
        if (item === undefined) return skipTo(')');
        items.push(item);
        if (isSymbol(peek(), ',')) pos++;
      }
      pos++;
      return items.length === 1 ? items[0] : (items as [string, string]);
    }
    if (isSymbol(token, '[')) {
      pos++;
      const items: Value[] = [];
      while (peek() && !isSymbol(peek(), ']')) {
        const item = expression();
        if (item === undefined) return skipTo(']');
        items.push(item);
        if (isSymbol(peek(), ',')) pos++;
      }
      pos++;
      return items;
    }
    if (token.kind === 'name') {
      if (token.value === 'Text.unlines' || token.value === 'unlines') {
        pos++;
        const list = term();
        if (!Array.isArray(list) || !list.every((item) => typeof item === 'string')) return undefined;
        return (list as string[]).map((item) => `${item}\n`).join('');
      }
      if (token.value === 'Map.fromList') {
        pos++;
        return term();
      }
      if (token.value === 'True' || token.value === 'False') {
        pos++;
        return token.value === 'True';
      }
      if (/^(Rule\.)?[A-Z][A-Za-z0-9]*$/.test(token.value)) {
        pos++;
        return token.value.replace(/^Rule\./, '');
      }
      if (token.value === 'def') {
        pos++;
        return { config: record() };
      }
      if (bindings.has(token.value) && !isSymbol(peek(1), '=')) {
        pos++;
        return bindings.get(token.value);
      }
    }
    return undefined;
  }
  function skipTo(close: string): undefined {
    while (peek() && !isSymbol(peek(), close)) pos++;
    pos++;
    return undefined;
  }
  /** `def { field = value, ... }` */
  function record(): HadolintConfig {
    const result: HadolintConfig = {};
    if (!isSymbol(peek(), '{')) return result;
    pos++;
    while (peek() && !isSymbol(peek(), '}')) {
      const field = peek();
      if (field.kind === 'name' && isSymbol(peek(1), '=')) {
        pos += 2;
        const value = expression();
        if (field.value === 'allowedRegistries' && Array.isArray(value)) result.allowedRegistries = value as string[];
        else if (field.value === 'labelSchema' && Array.isArray(value)) result.labelSchema = Object.fromEntries(value as [string, string][]);
        else if (field.value === 'strictLabels' && typeof value === 'boolean') result.strictLabels = value;
        else problems.push(`${name}:${field.line}: config field ${field.value} not understood`);
      } else pos++;
      if (isSymbol(peek(), ',')) pos++;
    }
    pos++;
    return result;
  }

  while (pos < tokens.length) {
    const token = peek();
    if (token.kind === 'name' && token.value === 'it' && peek(1)?.kind === 'string') {
      if (!seenIt) {
        fileConfig = config;
        fileBindings = bindings;
        seenIt = true;
      }
      title = String(peek(1).value);
      bindings = new Map(fileBindings);
      config = fileConfig;
      pos += 2;
      continue;
    }
    if (token.kind === 'name' && token.value === '?config' && isSymbol(peek(1), '=')) {
      pos += 2;
      const value = expression();
      config = value && typeof value === 'object' && 'config' in value ? value.config : undefined;
      if (Object.keys(config ?? {}).length === 0) config = undefined;
      continue;
    }
    if (token.kind === 'name' && /^[a-z][A-Za-z0-9_']*$/.test(token.value) && isSymbol(peek(1), '=') && !(token.value in ASSERTIONS)) {
      pos += 2;
      const value = expression();
      if (value !== undefined) bindings.set(token.value, value);
      continue;
    }
    if (token.kind === 'name' && token.value in ASSERTIONS) {
      const { onbuild, expect } = ASSERTIONS[token.value];
      pos++;
      const code = expression();
      const dockerfile = expression();
      if (typeof code !== 'string' || typeof dockerfile !== 'string' || !/^DL\d{4}$/.test(code)) {
        problems.push(`${name}:${token.line}: ${token.value} with arguments not understood (${title})`);
        continue;
      }
      cases.push({ code, title, line: token.line, onbuild, expect, dockerfile, config });
      continue;
    }
    if (token.kind === 'name' && (token.value === 'assertChecks' || token.value === 'assertOnBuildChecks')) {
      pos++;
      const dockerfile = expression();
      // (failsWith N "CODE")
      const open = isSymbol(peek(), '(');
      if (open) pos++;
      const check = peek();
      if (check?.kind === 'name' && check.value === 'failsWith' && peek(1)?.kind === 'number' && peek(2)?.kind === 'string' && typeof dockerfile === 'string') {
        const times = peek(1).value as number;
        const code = String(peek(2).value);
        pos += 3;
        cases.push({ code, title, line: token.line, onbuild: token.value === 'assertOnBuildChecks', expect: times === 0 ? 'silent' : times, dockerfile, config });
      } else if (check?.kind === 'name' && /^(fails|passes)Shellcheck$/.test(check.value)) {
        // ShellCheck's own checks: not a DL code.
      } else {
        problems.push(`${name}:${token.line}: ${token.value} not understood (${title})`);
      }
      continue;
    }
    pos++;
  }
  return cases;
}

// ---------------------------------------------------------------------------------------------------------------
// Running our rules

/** hadolint's ONBUILD helper: every RUN instruction becomes `ONBUILD RUN`, the other instructions stay. */
function wrapRunsInOnbuild(dockerfile: string): string {
  const lines = dockerfile.split('\n');
  let continued = false;
  return lines
    .map((line) => {
      const wrapped = !continued && /^\s*run(\s|$)/i.test(line) ? line.replace(/^(\s*)/, '$1ONBUILD ') : line;
      const isComment = /^\s*#/.test(line);
      if (!(continued && isComment)) continued = /\\\s*$/.test(line);
      return wrapped;
    })
    .join('\n');
}

function rulesByCode(): Map<string, Rule[]> {
  const byCode = new Map<string, Rule[]>();
  for (const rule of allRules) {
    if (rule.kind !== 'dockerfile') continue;
    for (const alias of rule.meta.aliases ?? []) {
      if (!/^DL\d{4}$/.test(alias)) continue;
      byCode.set(alias, [...(byCode.get(alias) ?? []), rule]);
    }
  }
  return byCode;
}

function hadolintYaml(config: HadolintConfig): string {
  const lines: string[] = [];
  if (config.allowedRegistries) lines.push('trustedRegistries:', ...config.allowedRegistries.map((r) => `  - ${JSON.stringify(r)}`));
  if (config.labelSchema) {
    const types: Record<string, string> = { RawText: 'text', Url: 'url', Rfc3339: 'rfc3339', Spdx: 'spdx', GitHash: 'hash', SemVer: 'semver', Email: 'email' };
    lines.push('label-schema:', ...Object.entries(config.labelSchema).map(([label, type]) => `  ${JSON.stringify(label)}: ${types[type] ?? type}`));
  }
  if (config.strictLabels !== undefined) lines.push(`strict-labels: ${config.strictLabels}`);
  return `${lines.join('\n')}\n`;
}

let scratch: string | undefined;

/** How many problems our rules for the code report on the Dockerfile (or the error a rule threw). */
function countProblems(rules: Rule[], dockerfile: string, config: HadolintConfig | undefined, code: string): number | Error {
  let errorSeen: Error | undefined;
  const onRuleError = (id: string, error: unknown) => {
    errorSeen ??= new Error(`${id}: ${error instanceof Error ? error.message : String(error)}`);
  };
  try {
    let options: Parameters<typeof lint>[2];
    let filePath = path.resolve('/hadolint-parity/Dockerfile');
    if (config) {
      // Through the files, as the CLI reads a project's .hadolint.yaml.
      scratch ??= fs.mkdtempSync(path.join(os.tmpdir(), 'hadolint-parity-'));
      fs.mkdirSync(path.join(scratch, '.git'), { recursive: true });
      fs.writeFileSync(path.join(scratch, '.hadolint.yaml'), hadolintYaml(config));
      filePath = path.join(scratch, 'Dockerfile');
      fs.writeFileSync(filePath, dockerfile);
      const loaded = loadConfig(filePath, { files: diskConfigFiles() });
      options = { ...lintOptionsFromConfig(loaded, 'dockerfile'), profile: 'strict', kind: 'dockerfile', ruleSet: rules, onRuleError };
    } else {
      options = { kind: 'dockerfile', profile: 'strict', workspace: memoryWorkspace({}), ruleSet: rules, onRuleError };
    }
    const result = lint(filePath, dockerfile, options);
    if (errorSeen) return errorSeen;
    // A problem names the code it stands for (`code`). One without a code stands for the code of a rule that carries
    // only one; a rule carrying several names the code on each problem that is one of them (dockerfile/syntax's
    // other errors are none).
    return result.problems.filter((problem) => {
      if (problem.code) return problem.code === code;
      const rule = rules.find((candidate) => candidate.meta.id === problem.ruleId);
      return (rule?.meta.aliases ?? []).filter((alias) => /^DL\d{4}$/.test(alias)).length === 1;
    }).length;
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

// ---------------------------------------------------------------------------------------------------------------

interface Tally {
  agree: number;
  total: number;
}

function main(): void {
  const args = process.argv.slice(2);
  const json = args.includes('--json');
  const listAll = args.includes('--all');
  const onlyCode = args.includes('--code') ? args[args.indexOf('--code') + 1] : undefined;
  const positional = args.filter((arg, index) => !arg.startsWith('--') && args[index - 1] !== '--code');
  const checkout = positional[0] ?? process.env.HADOLINT_DIR;
  if (!checkout) {
    console.error('usage: npx tsx scripts/hadolint-parity.ts <hadolint checkout or git directory> [--code DLxxxx] [--json] [--all]');
    process.exit(2);
  }
  const parseProblems: string[] = [];
  let cases = specFiles(path.resolve(checkout)).flatMap((spec) => readSpec(spec.name, spec.text, parseProblems).map((c) => ({ ...c, spec: spec.name })));
  if (onlyCode) cases = cases.filter((c) => c.code === onlyCode);
  const byCode = rulesByCode();
  const declined = new Map(Object.entries(DECLINED_HADOLINT_CODES));

  const perCode = new Map<string, { rules: string[]; ordinary: Tally; onbuild: Tally; wrong: number; declined: boolean }>();
  const disagreements: string[] = [];
  const wrongCases: string[] = [];
  const totals = { ordinary: { agree: 0, total: 0 }, onbuild: { agree: 0, total: 0 } };
  const covered = { ordinary: { agree: 0, total: 0 }, onbuild: { agree: 0, total: 0 } };
  let uncoveredCases = 0;
  let declinedCases = 0;
  let wrongCount = 0;
  for (const c of cases) {
    const rules = byCode.get(c.code) ?? [];
    const entry = perCode.get(c.code) ?? { rules: rules.map((rule) => rule.meta.id), ordinary: { agree: 0, total: 0 }, onbuild: { agree: 0, total: 0 }, wrong: 0, declined: declined.has(c.code) };
    perCode.set(c.code, entry);
    const dockerfile = `${c.onbuild ? wrapRunsInOnbuild(c.dockerfile) : c.dockerfile}\n`;
    const wrong = HADOLINT_WRONG.find((w) => w.code === c.code && w.expect === (c.expect === 'silent' ? 'silent' : 'fires') && w.snippet.test(c.dockerfile));
    if (entry.declined) {
      declinedCases++;
      continue;
    }
    const found = rules.length ? countProblems(rules, dockerfile, c.config, c.code) : 0;
    const agree = !(found instanceof Error) && (c.expect === 'fires' ? found > 0 : c.expect === 'silent' ? found === 0 : found === c.expect);
    const where = `${c.spec}:${c.line}${c.onbuild ? ' (ONBUILD)' : ''}`;
    if (wrong) {
      entry.wrong++;
      wrongCount++;
      wrongCases.push(`${c.code} ${where} hadolint expects ${c.expect}, we report ${String(found)}: ${wrong.reason}`);
      continue;
    }
    if (!rules.length) uncoveredCases++;
    const kind = c.onbuild ? 'onbuild' : 'ordinary';
    entry[kind].total++;
    totals[kind].total++;
    if (rules.length) covered[kind].total++;
    if (agree) {
      entry[kind].agree++;
      totals[kind].agree++;
      if (rules.length) covered[kind].agree++;
    } else if (rules.length || listAll) {
      const got = found instanceof Error ? `error: ${found.message}` : `${found} problem(s)`;
      disagreements.push(`${c.code} ${where} [${c.title}] expected ${c.expect}, got ${got}\n    ${dockerfile.trimEnd().replace(/\n/g, '\n    ')}`);
    }
  }
  const percent = (t: Tally) => (t.total ? `${((100 * t.agree) / t.total).toFixed(1)}%` : '-');
  const both = (a: Tally, b: Tally): Tally => ({ agree: a.agree + b.agree, total: a.total + b.total });
  if (json) {
    console.log(JSON.stringify({ perCode: Object.fromEntries(perCode), totals, covered, declinedCases, wrongCount, uncoveredCases, disagreements, wrongCases, parseProblems }, null, 2));
  } else {
    console.log('code    ordinary      onbuild       rules');
    for (const [code, entry] of [...perCode].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const status = entry.declined ? `declined: ${declined.get(code)}` : entry.rules.join(', ') || '(not covered)';
      const cell = (t: Tally) => (entry.declined ? '-' : `${t.agree}/${t.total}`).padEnd(14);
      console.log(`${code}  ${cell(entry.ordinary)}${cell(entry.onbuild)}${status}${entry.wrong ? ` [${entry.wrong} case(s) where hadolint is wrong]` : ''}`);
    }
    console.log('');
    if (parseProblems.length) console.log(`Spec forms not understood (${parseProblems.length}):\n  ${parseProblems.join('\n  ')}\n`);
    if (wrongCases.length) console.log(`Cases where hadolint is wrong, not counted (${wrongCases.length}):\n  ${wrongCases.join('\n  ')}\n`);
    if (disagreements.length) console.log(`Disagreements (${disagreements.length}):\n  ${disagreements.join('\n  ')}\n`);
    const codes = [...perCode.keys()];
    console.log(`Cases read: ${cases.length} over ${codes.length} codes; declined codes: ${codes.filter((code) => perCode.get(code)!.declined).length} (${declinedCases} cases); cases where hadolint is wrong: ${wrongCount}`);
    console.log(`Codes covered by our aliases: ${codes.filter((code) => perCode.get(code)!.rules.length && !perCode.get(code)!.declined).length} of ${codes.length}`);
    console.log(`Covered codes   ordinary ${covered.ordinary.agree}/${covered.ordinary.total} (${percent(covered.ordinary)})  onbuild ${covered.onbuild.agree}/${covered.onbuild.total} (${percent(covered.onbuild)})  together ${percent(both(covered.ordinary, covered.onbuild))}`);
    console.log(`All cases where hadolint is right, uncovered codes included (${uncoveredCases} cases: their must-fire cases disagree)`);
    console.log(`                ordinary ${totals.ordinary.agree}/${totals.ordinary.total} (${percent(totals.ordinary)})  onbuild ${totals.onbuild.agree}/${totals.onbuild.total} (${percent(totals.onbuild)})  together ${percent(both(totals.ordinary, totals.onbuild))}`);
  }
  if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
}

main();
