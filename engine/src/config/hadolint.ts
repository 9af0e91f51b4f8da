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
}

const SEVERITY: Record<string, Severity> = { error: 'error', warning: 'warning', info: 'info', style: 'info' };
/** hadolint fails on every result at or above its threshold; `ignore` and `none` are above every result. */
const THRESHOLD: Record<string, Severity> = { ...SEVERITY, ignore: 'info', none: 'info' };
const LABEL_TYPES: ReadonlySet<string> = new Set<LabelType>(['text', 'url', 'semver', 'hash', 'rfc3339', 'spdx', 'email']);

export function emptyHadolintConfig(): HadolintConfig {
  return { ignored: [], override: {}, settings: {}, noFail: false, disableIgnorePragma: false };
}

/** Reads the text of a `.hadolint.yaml`; a file that is not YAML contributes nothing. Never throws. */
export function parseHadolintConfig(text: string): HadolintConfig {
  const config = emptyHadolintConfig();
  let data: unknown;
  try {
    const doc = parseYamlDocument(text, { prettyErrors: false });
    if (doc.errors.length) return config;
    data = doc.toJS({ maxAliasCount: 100 });
  } catch {
    return config;
  }
  if (!isObject(data)) return config;
  config.ignored = strings(data.ignored);
  if (isObject(data.override)) {
    // hadolint's order: a code listed under several levels gets the first of error, warning, info, style.
    for (const level of ['style', 'info', 'warning', 'error']) {
      for (const code of strings(data.override[level])) config.override[code] = SEVERITY[level];
    }
  }
  const registries = typeof data.trustedRegistries === 'string' ? [data.trustedRegistries] : strings(data.trustedRegistries);
  if (registries.length) config.settings.trustedRegistries = registries;
  if (isObject(data['label-schema'])) {
    const schema: Record<string, LabelType> = {};
    for (const [label, type] of Object.entries(data['label-schema'])) {
      // hadolint reads an empty type as text.
      const name = type === null || type === '' ? 'text' : type;
      if (typeof name === 'string' && LABEL_TYPES.has(name)) schema[label] = name as LabelType;
    }
    if (Object.keys(schema).length) config.settings.labelSchema = schema;
  }
  if (data['strict-labels'] === true) config.settings.strictLabels = true;
  if (typeof data['failure-threshold'] === 'string' && THRESHOLD[data['failure-threshold']]) {
    config.failureThreshold = THRESHOLD[data['failure-threshold']];
  }
  config.noFail = data['no-fail'] === true;
  config.disableIgnorePragma = data['disable-ignore-pragma'] === true;
  return config;
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string' && item.trim() !== '').map((item) => item.trim()) : [];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
