import { isScalar, type Node } from 'yaml';
import { defineComposeRule } from '../../core/rule';
import { baseName } from '../../core/file-names';
import { composeGroup } from '../../compose/group';
import { getIn, scalarString } from '../../compose/model';

export default defineComposeRule({
  meta: {
    id: 'compose/container-name',
    severity: 'error',
    description: '`container_name` on a service with more than one replica, or the same `container_name` on two services.',
    rationale:
      'Container names are unique on a host: with a fixed `container_name`, Compose cannot create a second replica and `docker compose up --scale` or `deploy.replicas` fails; two services with the same `container_name` in the project Compose merges (this file, its override, the files `COMPOSE_FILE` names) are refused before anything starts ("services.b: container name "x" is already in use by service a"). Drop `container_name` (Compose names replicas `<project>-<service>-<n>`), give each service its own, or run one replica.',
    examples: {
      incorrect: [
        'services:\n  web:\n    image: nginx:1.27\n    container_name: web\n    deploy:\n      replicas: 3\n',
        'services:\n  web:\n    image: nginx:1.27\n    container_name: app\n  worker:\n    image: example/worker:1.0\n    container_name: app\n',
      ],
      correct: ['services:\n  web:\n    image: nginx:1.27\n    deploy:\n      replicas: 3\n', 'services:\n  web:\n    image: nginx:1.27\n    container_name: web\n'],
    },
  },
  check({ file, project, report }) {
    // Names taken by the services of the files merged before this one (a service this file also defines is the same
    // container, not a clash), then by this file's services in order: a clash is reported once, on the later one.
    const group = composeGroup(file, project).members;
    const ownNames = new Set(file.services.map((service) => service.name));
    const taken = new Map<string, string>();
    for (const member of group.slice(0, Math.max(0, group.findIndex((candidate) => candidate.file.path === file.path)))) {
      for (const service of member.file.services) {
        const value = scalarString(service.get('container_name'));
        if (value && !value.includes('$') && !ownNames.has(service.name) && !taken.has(value)) taken.set(value, `service "${service.name}" of ${baseName(member.file.path)}`);
      }
    }
    for (const service of file.services) {
      const name = service.getPair('container_name');
      if (!name || !service.map) continue;
      const value = name.pair.value;
      const text = scalarString(value as Node);
      if (text && !text.includes('$') && !name.inherited) {
        const holder = taken.get(text);
        if (holder && isScalar(value) && value.range) {
          report({ node: value, message: `Container name "${text}" is already used by ${holder}: Compose refuses to start the project.` });
        } else if (!holder) {
          taken.set(text, `service "${service.name}"`);
        }
      }
      const replicas = Number(scalarString(getIn(file.doc, service.map, ['deploy', 'replicas'])) ?? service.str('scale') ?? 1);
      if (!(replicas > 1)) continue;
      const at = isScalar(value) && value.range ? value.range : (name.pair.key as { range: [number, number] }).range;
      report({
        start: at[0],
        end: at[1],
        message: `Service "${service.name}" has a fixed \`container_name\` but ${replicas} replicas: only one container can have that name.`,
      });
    }
  },
});
