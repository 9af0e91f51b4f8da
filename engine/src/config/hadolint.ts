/**
 * `.hadolint.yaml`, read as hadolint reads it (its `Config/Configuration.hs`), so a project that uses hadolint can
 * switch without changing its config:
 * - `ignored: [DL3008, ...]`: those codes (and the rules that carry them) are off for the Dockerfile;
 * - `override: { error|warning|info|style: [codes] }`: the severity of those codes (`style` is our `info`); a code
 *   of a rule that is off in the profile (a `strict` pinning rule) turns it on, as hadolint reports it by default;
 * - `trustedRegistries` (a registry or a list, `*` wildcards at either end), `label-schema` (label → text, url,
 *   semver, hash, rfc3339, spdx, email) and `strict-labels`: settings of the rules that carry DL3026, DL3049-DL3058;
 * - `failure-threshold` and `no-fail`: the CLI's exit status for the Dockerfiles under this config;
 * - `disable-ignore-pragma`: `# hadolint ignore=` and `# hadolint global ignore=` are not honoured
 *   (`# docker-harden-ignore` still is);
 * - `format`, `formats`, `no-color`, `verbose`: output settings of hadolint's own CLI, accepted and not used.
 * A value of the wrong type is left out (hadolint would refuse the whole file; a linter in an editor goes on).
 */
import { isMap, isScalar, isSeq, type Node } from 'yaml';
import { parseYamlDocument } from '../core/yaml-parse';
import type { HadolintSettings, LabelType, Severity } from '../core/types';

export interface HadolintConfig {
  /** Codes or rule ids from `ignored:`. */
  ignored: string[];
  /** Severity by code (upper case as written), from `override:`. */
  override: Record<string, Severity>;
  settings: HadolintSettings;
  /** `failure-threshold`: the lowest severity that fails the CLI (`style`, `ignore` and `none` are `info`). */
  failureThreshold?: Severity;
  /** `no-fail: true`: problems never fail the CLI. */
  noFail: boolean;
  /** `disable-ignore-pragma: true`. */
  disableIgnorePragma: boolean;
  /**
   * What in the file is not hadolint's config (warnings at offsets into its text): hadolint refuses such a file, we
   * apply the rest and say what was left out.
   */
  problems: HadolintConfigProblem[];
}

export interface HadolintConfigProblem {
  ruleId: 'config/hadolint';
  severity: 'warning';
  message: string;
  start: number;
  end: number;
}

const SEVERITY: Record<string, Severity> = { error: 'error', warning: 'warning', info: 'info', style: 'info' };
/** hadolint fails on every result at or above its threshold; `ignore` and `none` are above every result. */
const THRESHOLD: Record<string, Severity> = { ...SEVERITY, ignore: 'info', none: 'info' };
const LABEL_TYPES: ReadonlySet<string> = new Set<LabelType>(['text', 'url', 'semver', 'hash', 'rfc3339', 'spdx', 'email']);
const BOOLEAN_KEYS = ['strict-labels', 'no-fail', 'disable-ignore-pragma', 'no-color', 'verbose'];
const KEYS = ['failure-threshold', 'format', 'formats', 'ignored', 'label-schema', 'no-color', 'no-fail', 'override', 'strict-labels', 'disable-ignore-pragma', 'trustedRegistries', 'verbose'];

export function emptyHadolintConfig(): HadolintConfig {
  return { ignored: [], override: {}, settings: {}, noFail: false, disableIgnorePragma: false, problems: [] };
}

/** Reads the text of a `.hadolint.yaml`; what is not valid is left out and reported. Never throws. */
export function parseHadolintConfig(text: string): HadolintConfig {
  const config = emptyHadolintConfig();
  const problem = (message: string, range: readonly number[] | null | undefined) => {
    const start = Math.max(0, Math.min(range?.[0] ?? 0, text.length));
    config.problems.push({ ruleId: 'config/hadolint', severity: 'warning', message, start, end: Math.max(start, Math.min(range?.[1] ?? start, text.length)) });
  };
  let contents: Node | null;
  try {
    const doc = parseYamlDocument(text, { prettyErrors: false });
    if (doc.errors.length) {
      for (const error of doc.errors) problem(`YAML syntax error: ${error.message.split('\n')[0]}`, error.pos);
      return config;
    }
    contents = doc.contents as Node | null;
  } catch (error) {
    problem(`The file cannot be read: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`, [0, 0]);
    return config;
  }
  if (contents === null || (isScalar(contents) && (contents.value === null || contents.value === ''))) return config;
  if (!isMap(contents)) {
    problem('A .hadolint.yaml is a map of settings (ignored, override, trustedRegistries, label-schema...).', contents.range);
    return config;
  }
  /** A list of strings (or one string where hadolint takes one); the items that are not strings are reported. */
  const strings = (node: unknown, what: string, single = false): string[] => {
    if (single && isScalar(node) && typeof node.value === 'string') return node.value.trim() ? [node.value.trim()] : [];
    if (!isSeq(node)) {
      problem(`${what} must be a list${single ? ' or one name' : ''}.`, (node as Node | null)?.range);
      return [];
    }
    const found: string[] = [];
    for (const item of node.items) {
      if (isScalar(item) && typeof item.value === 'string' && item.value.trim() !== '') found.push(item.value.trim());
      else problem(`${what}: each item must be a name.`, (item as Node | null)?.range);
    }
    return found;
  };
  for (const pair of contents.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    const keyRange = isScalar(pair.key) ? pair.key.range : undefined;
    const value = pair.value as Node | null;
    const scalar = isScalar(value) ? value.value : undefined;
    if (!KEYS.includes(key)) {
      problem(`Unknown key "${key}"; hadolint's keys are: ${KEYS.join(', ')}.`, keyRange);
    } else if (key === 'ignored') {
      config.ignored = strings(value, 'ignored');
    } else if (key === 'override') {
      if (!isMap(value)) {
        problem('override must be a map of error, warning, info and style lists.', value?.range ?? keyRange);
        continue;
      }
      // hadolint's order: a code under several levels gets the most severe (it applies error last).
      const levels = value.items.map((item) => [isScalar(item.key) ? String(item.key.value) : '', item] as const);
      for (const [level, item] of levels) if (!SEVERITY[level]) problem(`override: unknown level "${level}"; the levels are error, warning, info, style.`, (item.key as Node | null)?.range);
      for (const name of ['style', 'info', 'warning', 'error']) {
        for (const [level, item] of levels) {
          if (level === name) for (const code of strings(item.value, `override.${level}`)) config.override[code] = SEVERITY[level];
        }
      }
    } else if (key === 'trustedRegistries') {
      const registries = strings(value, 'trustedRegistries', true);
      if (registries.length) config.settings.trustedRegistries = registries;
    } else if (key === 'label-schema') {
      if (!isMap(value)) {
        problem('label-schema must be a map of label names to types.', value?.range ?? keyRange);
        continue;
      }
      const schema: Record<string, LabelType> = {};
      for (const item of value.items) {
        const label = isScalar(item.key) ? String(item.key.value) : '';
        const type = isScalar(item.value) ? item.value.value : item.value;
        // hadolint reads an empty type as text.
        const name = type === null || type === undefined || type === '' ? 'text' : type;
        if (typeof name === 'string' && LABEL_TYPES.has(name)) schema[label] = name as LabelType;
        else problem(`label-schema.${label}: unknown type; the types are ${[...LABEL_TYPES].join(', ')}.`, (item.value as Node | null)?.range ?? (item.key as Node | null)?.range);
      }
      if (Object.keys(schema).length) config.settings.labelSchema = schema;
    } else if (BOOLEAN_KEYS.includes(key)) {
      if (typeof scalar !== 'boolean') {
        problem(`${key} must be true or false.`, value?.range ?? keyRange);
        continue;
      }
      if (key === 'strict-labels' && scalar) config.settings.strictLabels = true;
      if (key === 'no-fail') config.noFail = scalar;
      if (key === 'disable-ignore-pragma') config.disableIgnorePragma = scalar;
    } else if (key === 'failure-threshold') {
      if (typeof scalar === 'string' && THRESHOLD[scalar]) config.failureThreshold = THRESHOLD[scalar];
      else problem(`failure-threshold must be one of ${Object.keys(THRESHOLD).join(', ')}.`, value?.range ?? keyRange);
    }
    // format, formats: hadolint's output, not used here.
  }
  config.problems.sort((a, b) => a.start - b.start);
  return config;
}
