/**
 * `dockerHarden.*` settings, read per resource through `workspace/configuration` and cached per document URI
 * (as vscode-eslint does) until the client says the configuration changed. No setting lives in a server global.
 */
import { MAX_LINT_BYTES, type Profile, type SeveritySetting } from '../../engine/src/index';

export type TraceLevel = 'off' | 'messages' | 'verbose';

export interface Settings {
  rules: Record<string, SeveritySetting>;
  /** Undefined when not set, so the profile of `.docker-harden.yaml` applies. */
  profile: Profile | undefined;
  trace: TraceLevel;
  /** Larger documents get one diagnostic saying so instead of a lint (`dockerHarden.maxFileSizeMB`). */
  maxFileSizeMB: number;
  /** `dockerHarden.inlayHints.enabled`: values inherited through `extends` and replaced by override files. */
  inlayHints: boolean;
}

/**
 * The default of `dockerHarden.maxFileSizeMB` (package.json says the same; a test checks). An editor lints on every
 * pause in typing, so its limit is lower than the engine's MAX_LINT_BYTES, the most any setting can ask for.
 */
export const DEFAULT_MAX_FILE_SIZE_MB = 1;
export const MAX_FILE_SIZE_MB = MAX_LINT_BYTES / 1024 / 1024;

export const DEFAULT_SETTINGS: Settings = { rules: {}, profile: undefined, trace: 'off', maxFileSizeMB: DEFAULT_MAX_FILE_SIZE_MB, inlayHints: false };

/** The size limit of a settings object, in characters of the document (as the engine's MAX_LINT_BYTES is). */
export function maxFileChars(settings: Settings): number {
  return Math.floor(settings.maxFileSizeMB * 1024 * 1024);
}

const SEVERITIES = new Set(['off', 'info', 'warning', 'error']);

/** Keeps what is valid of a raw settings object; anything else falls back to the default. */
export function normalizeSettings(raw: unknown): Settings {
  const section = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const rules: Record<string, SeveritySetting> = {};
  if (section.rules && typeof section.rules === 'object') {
    for (const [id, value] of Object.entries(section.rules as Record<string, unknown>)) {
      if (typeof value === 'string' && SEVERITIES.has(value)) rules[id] = value as SeveritySetting;
    }
  }
  const profile: Profile | undefined = section.profile === 'strict' || section.profile === 'recommended' ? section.profile : undefined;
  const traceValue = (section.trace as Record<string, unknown> | undefined)?.server ?? section['trace.server'];
  const trace: TraceLevel = traceValue === 'messages' || traceValue === 'verbose' ? traceValue : 'off';
  const size = section.maxFileSizeMB;
  const maxFileSizeMB = typeof size === 'number' && size > 0 ? Math.min(size, MAX_FILE_SIZE_MB) : DEFAULT_MAX_FILE_SIZE_MB;
  const inlayValue = (section.inlayHints as Record<string, unknown> | undefined)?.enabled ?? section['inlayHints.enabled'];
  return { rules, profile, trace, maxFileSizeMB, inlayHints: inlayValue === true };
}

/**
 * The cache. `fetch(uri)` asks the client (undefined uri = the window scope); without `workspace/configuration`
 * support the settings pushed with `didChangeConfiguration` are used for every resource.
 */
export class SettingsCache {
  private readonly byResource = new Map<string, Promise<Settings>>();
  private pushed: Settings = DEFAULT_SETTINGS;

  constructor(private readonly fetch: ((uri: string | undefined) => Promise<unknown>) | undefined) {}

  get(uri: string | undefined): Promise<Settings> {
    if (!this.fetch) return Promise.resolve(this.pushed);
    const key = uri ?? '';
    let cached = this.byResource.get(key);
    if (!cached) {
      cached = this.fetch(uri).then(normalizeSettings, () => DEFAULT_SETTINGS);
      this.byResource.set(key, cached);
    }
    return cached;
  }

  /** `workspace/didChangeConfiguration`: forget everything; `settings` is what a push-only client sent. */
  invalidate(settings?: unknown): void {
    this.byResource.clear();
    if (settings && typeof settings === 'object' && 'dockerHarden' in settings) {
      this.pushed = normalizeSettings((settings as Record<string, unknown>).dockerHarden);
    }
  }

  forget(uri: string): void {
    this.byResource.delete(uri);
  }
}
