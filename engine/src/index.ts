/** The rule engine's public API, shared by the CLI, the language server and the tests. No `vscode` import here. */
export * from './core/types';
export * from './core/text';
export * from './core/rule';
export * from './core/files';
export * from './core/write-guard';
export * from './core/workspace';
export * from './core/project';
export * from './core/linter';
export * from './core/fixer';
export * from './core/evidence';
export * from './core/suppression';
export { allRules } from './rules';
export * from './harden';
export * from './production';
export { parseCompose, parseComposeShared, type ComposeFile, type ComposeService } from './compose/model';
export { parseDockerfile, type DockerfileFile, type Stage } from './dockerfile/model';

import { allRules } from './rules';
import type { Rule } from './core/rule';

const byId = new Map<string, Rule>();
/** A rule by id, or by one of its aliases (`DL3002`, `JSONArgsRecommended`). */
export function findRule(idOrAlias: string): Rule | undefined {
  if (byId.size === 0) {
    for (const rule of allRules) {
      byId.set(rule.meta.id.toLowerCase(), rule);
      for (const alias of rule.meta.aliases ?? []) byId.set(alias.toLowerCase(), rule);
    }
  }
  return byId.get(idOrAlias.toLowerCase());
}
export * from './config';
