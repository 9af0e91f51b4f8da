import { isMap, type Node } from 'yaml';
import { defineComposeRule } from '../../core/rule';
import { judgedServices } from '../../compose/group';
import type { Project } from '../../core/project';
import { inheritedValue } from '../../compose/extends';
import type { Edit } from '../../core/text';
import { quoted, renderEntries, type YamlValue } from '../../compose/edit';
import { ensureEntries } from '../../compose/ensure';
import { getIn, scalarString, type ComposeFile, type ComposeService } from '../../compose/model';

const ROTATING_DRIVERS = new Set(['json-file', 'local']);
const DEFAULT_MAX_SIZE = '10m';
const DEFAULT_MAX_FILE = '3';
const ANCHOR = 'default-logging';

export default defineComposeRule({
  meta: {
    id: 'compose/log-rotation',
    severity: 'warning',
    description: 'A service logs with the default `json-file` (or `local`) driver without `max-size`.',
    rationale:
      'The default `json-file` log driver keeps everything a container prints, forever: a chatty service fills the disk of the host and takes every other container down with it. Setting `max-size` and `max-file` rotates the log; several services can share one `x-logging` anchor.',
    examples: {
      incorrect: ['services:\n  web:\n    image: nginx:1.27\n'],
      correct: [
        'services:\n  web:\n    image: nginx:1.27\n    logging:\n      driver: json-file\n      options:\n        max-size: "10m"\n        max-file: "3"\n',
        'services:\n  web:\n    image: nginx:1.27\n    logging:\n      driver: syslog\n',
      ],
    },
    fixable: 'safe',
    roles: ['production', 'swarm'],
  },
  check({ file, project, report, defaults }) {
    // `.docker-harden.yaml` `defaults.logging` replaces the built-in values.
    const rotation = { maxSize: defaults?.logging?.maxSize ?? DEFAULT_MAX_SIZE, maxFile: defaults?.logging?.maxFile ?? DEFAULT_MAX_FILE };
    const needing = judgedServices(file, project).filter((service) => needsRotation(file, service, project));
    const withoutLogging = needing.filter((service) => service.get('logging') === undefined);
    const shared = withoutLogging.length >= 2 ? sharedAnchorEdits(file, withoutLogging, rotation) : undefined;
    const sharing = new Set(shared ? withoutLogging : []);
    for (const service of needing) {
      const edit = rotationEdit(file, service, rotation);
      const fixes = edit ? [{ title: `Rotate logs (max-size ${rotation.maxSize}, max-file ${rotation.maxFile})`, safe: true, edits: [edit], preferred: true }] : [];
      if (shared && sharing.has(service)) {
        fixes.push({ title: `Rotate logs of ${withoutLogging.length} services with a shared \`x-logging\` anchor`, safe: true, edits: shared, preferred: false });
      }
      const logging = service.getPair('logging');
      const at = logging && !logging.inherited ? (logging.pair.key as Node).range! : service.key.range!;
      report({
        start: at[0],
        end: at[1],
        message: `Service "${service.name}" keeps its logs without a size limit, so they can fill the disk.`,
        fixes,
      });
    }
  },
});

function needsRotation(file: ComposeFile, service: ComposeService, project: Project): boolean {
  const logging = service.get('logging');
  if (logging !== undefined && logging !== null && !isMap(logging)) return false;
  // What the service says, else what it inherits through `extends` (Compose merges the two `logging` maps).
  const own = (...keys: string[]) => (isMap(logging) ? scalarString(getIn(file.doc, logging, keys)) : undefined);
  const inherited = (...keys: string[]) => scalarString(inheritedValue(file, service, project, ['logging', ...keys])?.node);
  const driver = own('driver') ?? inherited('driver') ?? 'json-file';
  if (!ROTATING_DRIVERS.has(driver)) return false;
  return (own('options', 'max-size') ?? inherited('options', 'max-size')) === undefined;
}

function rotationEdit(file: ComposeFile, service: ComposeService, rotation: Rotation): Edit | undefined {
  const logging = service.get('logging');
  if (logging === undefined) {
    return ensureEntries(file, service.map!, [], {
      logging: { driver: 'json-file', options: { 'max-size': quoted(rotation.maxSize), 'max-file': quoted(rotation.maxFile) } },
    });
  }
  const options: Record<string, YamlValue> = { 'max-size': quoted(rotation.maxSize) };
  if (scalarString(getIn(file.doc, logging, ['options', 'max-file'])) === undefined) options['max-file'] = quoted(rotation.maxFile);
  return ensureEntries(file, service.map!, ['logging', 'options'], options);
}

/** An `x-logging: &default-logging` block above `services:` and `logging: *default-logging` in each service. */
interface Rotation {
  maxSize: string;
  maxFile: string;
}

function sharedAnchorEdits(file: ComposeFile, services: ComposeService[], rotation: Rotation): Edit[] | undefined {
  if (!file.root || !file.servicesPair || file.text.includes(`&${ANCHOR}`)) return undefined;
  if (file.root.items.some((pair) => scalarString(pair.key as Node) === 'x-logging')) return undefined;
  const servicesKey = file.servicesPair.key as Node;
  let line = file.lines.positionAt(servicesKey.range![0]).line;
  if (file.lines.positionAt(servicesKey.range![0]).character !== 0) return undefined;
  // Above the comments that belong to `services:`.
  while (line > 0 && file.lines.lineText(line - 1).trim().startsWith('#')) line--;
  const at = file.lines.lineStart(line);
  const body = renderEntries({ driver: 'json-file', options: { 'max-size': quoted(rotation.maxSize), 'max-file': quoted(rotation.maxFile) } }, file.indentUnit, file.indentedSequences);
  const pad = ' '.repeat(file.indentUnit);
  const block = [`x-logging: &${ANCHOR}`, ...body.map((l) => pad + l)].join(file.eol) + file.eol + file.eol;
  const edits: Edit[] = [{ start: at, end: at, text: block }];
  for (const service of services) {
    // Rendered with a placeholder, then the alias written in: an alias is not a string value.
    const edit = ensureEntries(file, service.map!, [], { logging: 'ALIAS_PLACEHOLDER' });
    if (!edit) return undefined;
    edits.push({ ...edit, text: edit.text.replace('ALIAS_PLACEHOLDER', `*${ANCHOR}`) });
  }
  return edits;
}
