/**
 * "Harden service": every relevant fix, safe and unsafe, for one or more services, across the compose file and the
 * files it links to (Dockerfile, .dockerignore, secrets files). The result is the new compose text plus the other
 * files' new contents; the server turns it into one WorkspaceEdit, the CLI writes it (or prints a diff).
 */
import * as path from './core/paths';
import { parseCompose } from './compose/model';
import { fixAll, type AppliedFix, type ChangedFile, type FixOptions } from './core/fixer';
import type { SecretSource } from './core/types';
import { canCreateFile, NO_FILES, type Workspace } from './core/workspace';

export interface HardenOptions extends Omit<FixOptions, 'filter' | 'unsafe'> {
  /** Services to harden; all when empty or undefined. */
  services?: readonly string[];
}

export interface HardenResult {
  /** The compose file's new text. */
  output: string;
  /** Other files created or changed (Dockerfiles, .dockerignore, secrets files, .gitignore). */
  otherFiles: ChangedFile[];
  fixCount: number;
  /** Names asked for that are not services of the file. */
  unknownServices: string[];
  /** The secret values moved out of the compose file, for output to mask. */
  secretSources: SecretSource[];
  /** Each fix applied, with the claims it rests on that have no evidence. */
  applied: AppliedFix[];
  /** Set when nothing was hardened because the compose file does not parse, with the reason for the user. */
  refused?: string;
}

export function harden(composePath: string, text: string, options: HardenOptions = {}): HardenResult {
  const absolutePath = path.resolve(composePath);
  const base: Workspace = options.workspace ?? NO_FILES;
  const model = parseCompose(absolutePath, text);
  // The fixes of a file that does not parse would rest on yaml's recovered tree (a half-typed line, an unclosed
  // quote that swallows the rest): nothing is changed, in it or in the Dockerfiles its services would name.
  if (model.syntaxErrors.length > 0) {
    const refused = `${path.basename(absolutePath)} does not parse; fix its syntax errors first.`;
    return { output: text, otherFiles: [], fixCount: 0, unknownServices: [], secretSources: [], applied: [], refused };
  }
  const wanted = options.services?.length ? new Set(options.services) : undefined;
  const selected = model.services.filter((service) => !wanted || wanted.has(service.name));
  const unknownServices = wanted ? [...wanted].filter((name) => !model.services.some((s) => s.name === name)) : [];
  const names = new Set(selected.map((service) => service.name));

  // Problems are matched to services by position, re-read on each pass (fixes move text around); a fix that
  // would also edit a service that was not asked for (e.g. "convert all secrets of this file") is passed over
  // for the problem's next fix.
  let cached: { text: string; ranges: { selected: boolean; start: number; end: number }[] } | undefined;
  const rangesIn = (current: string) => {
    if (cached?.text !== current) {
      const parsed = current === text ? model : parseCompose(absolutePath, current);
      const ranges = parsed.services.map((service) => {
        const value = service.pair.value as { range?: [number, number, number] } | null;
        // The service's text without the blank lines after it (a top-level insertion may replace those).
        let end = value?.range?.[2] ?? service.key.range![2];
        while (end > service.key.range![0] && /\s/.test(current[end - 1])) end--;
        return { selected: names.has(service.name), start: service.key.range![0], end };
      });
      cached = { text: current, ranges };
    }
    return cached.ranges;
  };
  const composeResult = fixAll(absolutePath, text, {
    ...options,
    workspace: base,
    unsafe: true,
    filter: wanted ? (problem, now) => rangesIn(now).some((r) => r.selected && problem.start >= r.start && problem.start <= r.end) : undefined,
    acceptFix: wanted
      ? (fix, now) => {
          const others = rangesIn(now).filter((r) => !r.selected);
          // An insertion at the very end of a service's text (a new key of that service) is inside it.
          return fix.edits.every((edit) => others.every((r) => edit.end <= r.start || edit.start > r.end || (edit.start === r.end && edit.end > edit.start)));
        }
      : undefined,
  });
  const current = composeResult.output;

  // Then each selected service's Dockerfile, with the compose file's cross-file changes already in view.
  const changed = new Map<string, ChangedFile>(composeResult.otherFiles.map((f) => [f.path, f]));
  const overlay: Workspace = {
    readFile: (p) => changed.get(path.resolve(p))?.after ?? (path.resolve(p) === absolutePath ? current : base.readFile(p)),
    exists: (p) => changed.has(path.resolve(p)) || base.exists(p),
    listDirectory: base.listDirectory?.bind(base),
    canCreate: (p) => !changed.has(path.resolve(p)) && canCreateFile(base, p),
  };
  let fixCount = composeResult.fixCount;
  const applied = composeResult.applied.slice();
  const final = parseCompose(absolutePath, current);
  const dockerfiles = new Set<string>();
  for (const service of final.services) {
    if (!names.has(service.name) || !service.build || service.build.inline) continue;
    dockerfiles.add(service.build.dockerfile);
  }
  for (const dockerfilePath of dockerfiles) {
    const before = overlay.readFile(dockerfilePath);
    if (before === undefined) continue;
    const result = fixAll(dockerfilePath, before, { ...options, workspace: overlay, unsafe: true });
    fixCount += result.fixCount;
    for (const fix of result.applied) applied.push(fix);
    for (const file of [...result.otherFiles, { path: dockerfilePath, before: changed.get(dockerfilePath)?.before ?? base.readFile(dockerfilePath), after: result.output }]) {
      const previous = changed.get(file.path);
      changed.set(file.path, { ...file, before: previous ? previous.before : file.before, mode: file.mode ?? previous?.mode });
    }
  }
  const otherFiles = [...changed.values()].filter((file) => file.after !== file.before);
  return { output: current, otherFiles, fixCount, unknownServices, secretSources: composeResult.secretSources, applied };
}
