import { defineDockerfileRule } from '../../core/rule';
import type { LabelType } from '../../core/types';
import { expandArgs, parentStage, type DockerfileFile, type Stage } from '../../dockerfile/model';

type Position = { line: number; character: number };
type Labelled = { getProperties?: () => { getName(): string; getValue(): string | null; getRange(): { start: Position; end: Position } }[] };
type Flagged = { getFlags?: () => { getName(): string; getValue(): string | null }[] };

/** The checks of a label type, with hadolint's code for each (text has none: any value is text). */
const TYPES: Record<Exclude<LabelType, 'text'>, { code: string; valid: (value: string) => boolean; message: string }> = {
  url: { code: 'DL3052', valid: isUrl, message: 'is not a valid URL' },
  rfc3339: { code: 'DL3053', valid: isRfc3339, message: 'is not an RFC 3339 time (`2024-05-01T12:00:00Z`)' },
  spdx: { code: 'DL3054', valid: isSpdxId, message: 'is not an SPDX license identifier (`MIT`, `Apache-2.0`)' },
  hash: { code: 'DL3055', valid: (value) => /^([0-9a-f]{7}|[0-9a-f]{40})$/.test(value), message: 'is not a git hash (7 or 40 lower-case hex digits)' },
  semver: { code: 'DL3056', valid: (value) => SEMVER.test(value), message: 'is not a semantic version (`1.2.3`)' },
  email: { code: 'DL3058', valid: (value) => EMAIL.test(value), message: 'is not an email address' },
};

// semver.org's regular expression.
const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;
// RFC 5322's dot-atom local part and a domain of labels.
const EMAIL = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*$/;

function isUrl(value: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9+.-]*:\S*$/.test(value)) return false;
  try {
    new URL(value);
    return true;
  } catch {
    return false;
  }
}

function isRfc3339(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-](\d{2}):(\d{2}))$/.exec(value);
  if (!match) return false;
  const [month, day, hour, minute, second] = [match[2], match[3], match[4], match[5], match[6]].map(Number);
  const days = new Date(Date.UTC(Number(match[1]), month, 0)).getUTCDate();
  const offsetOk = match[9] === undefined || (Number(match[9]) < 24 && Number(match[10]) < 60);
  return month >= 1 && month <= 12 && day >= 1 && day <= days && hour < 24 && minute < 60 && second <= 60 && offsetOk;
}

let spdxIds: Set<string> | undefined;
/** One SPDX license id (as hadolint's check: not an expression), from the SPDX list, `+` allowed. */
function isSpdxId(value: string): boolean {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  spdxIds ??= new Set([...(require('spdx-license-ids') as string[]), ...(require('spdx-license-ids/deprecated') as string[])]);
  return spdxIds.has(value.replace(/\+$/, ''));
}

/** The stages another stage uses (`FROM <stage>`, `COPY --from=<stage>`, `RUN --mount=from=<stage>`), by index. */
function usedByName(file: DockerfileFile): Map<number, 'copied' | Stage[]> {
  const used = new Map<number, 'copied' | Stage[]>();
  const find = (name: string) => file.stages.find((stage) => stage.name === name.toLowerCase() || String(stage.index) === name);
  for (const stage of file.stages) {
    const parent = parentStage(file, stage);
    if (parent && used.get(parent.index) !== 'copied') used.set(parent.index, [...((used.get(parent.index) as Stage[] | undefined) ?? []), stage]);
    for (const instruction of stage.instructions) {
      for (const flag of (instruction as typeof instruction & Flagged).getFlags?.() ?? []) {
        const value = flag.getValue() ?? '';
        const name = flag.getName() === 'from' ? value : flag.getName() === 'mount' ? /(?:^|,)from=([^,]+)/.exec(value)?.[1] : undefined;
        const source = name ? find(expandArgs(file, name)) : undefined;
        if (source) used.set(source.index, 'copied');
      }
    }
  }
  return used;
}

export default defineDockerfileRule({
  meta: {
    id: 'dockerfile/label-schema',
    severity: 'warning',
    description: 'Labels that `.hadolint.yaml` `label-schema` requires are missing, empty or of the wrong type (or, with `strict-labels`, not in the schema).',
    rationale:
      'A label schema is how an organisation makes every image answer the same questions: who owns it, which commit and version it was built from, when, under which license, where its docs are. Registries, scanners and deploy tools read those labels; an image without them, or with `version=latest` where a version is expected, cannot be traced back to its source. The rule only runs when `.hadolint.yaml` has a `label-schema` (label name to type: text, url, semver, hash, rfc3339, spdx, email). A stage that another stage copies from or that a labelled stage builds on is not an image of its own and needs no labels; labels are inherited from the stage a stage builds on. An empty value is reported once (DL3051), not again as a bad value of its type.',
    examples: {
      incorrect: [
        {
          code: 'FROM alpine:3.20\nLABEL org.opencontainers.image.version="latest"\nCMD ["sh"]\n',
          files: { '.hadolint.yaml': 'label-schema:\n  org.opencontainers.image.version: semver\n  org.opencontainers.image.source: url\n' },
        },
      ],
      correct: [
        {
          code: 'FROM alpine:3.20\nLABEL org.opencontainers.image.version="1.4.2" \\\n      org.opencontainers.image.source="https://github.com/example/app"\nCMD ["sh"]\n',
          files: { '.hadolint.yaml': 'label-schema:\n  org.opencontainers.image.version: semver\n  org.opencontainers.image.source: url\n' },
        },
      ],
    },
    aliases: ['DL3049', 'DL3050', 'DL3051', 'DL3052', 'DL3053', 'DL3054', 'DL3055', 'DL3056', 'DL3058'],
  },
  check({ file, report, hadolint }) {
    const schema = hadolint?.labelSchema;
    if (!schema || Object.keys(schema).length === 0) return;
    const strict = hadolint?.strictLabels === true;
    const own = new Map<number, Set<string>>();
    // LABELs before any FROM (a snippet, a file being typed) are checked for their values too.
    for (const stage of [undefined, ...file.stages]) {
      const names = new Set<string>();
      for (const instruction of stage ? stage.instructions : file.preamble) {
        if (instruction.getKeyword() !== 'LABEL') continue;
        for (const property of (instruction as typeof instruction & Labelled).getProperties?.() ?? []) {
          const name = property.getName();
          const value = property.getValue() ?? '';
          names.add(name);
          const range = file.rangeOf(property);
          const type = schema[name];
          if (type === undefined) {
            if (strict) report({ ...range, code: 'DL3050', severity: 'info', message: `The label \`${name}\` is not in the label schema (strict-labels).` });
          } else if (value === '') {
            report({ ...range, code: 'DL3051', message: `The label \`${name}\` is empty.` });
          } else if (type !== 'text' && !TYPES[type].valid(value)) {
            report({ ...range, code: TYPES[type].code, message: `The label \`${name}\` ${TYPES[type].message}: \`${value}\`.` });
          }
        }
      }
      if (stage) own.set(stage.index, names);
    }
    // What a stage has: its own labels and those of the stages it builds on.
    const has = (stage: Stage, label: string): boolean => {
      for (let current: Stage | undefined = stage, guard = 0; current && guard < 64; current = parentStage(file, current), guard++) {
        if (own.get(current.index)?.has(label)) return true;
      }
      return false;
    };
    const used = usedByName(file);
    for (const stage of file.stages) {
      const range = file.rangeOf(stage.from);
      const users = used.get(stage.index);
      for (const label of Object.keys(schema)) {
        if (has(stage, label) || users === 'copied' || users?.some((child) => has(child, label))) continue;
        report({ start: range.start, end: range.end, code: 'DL3049', severity: 'info', message: `The label \`${label}\` of the label schema is missing.` });
      }
    }
  },
});
