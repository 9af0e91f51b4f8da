import { isScalar } from 'yaml';
import { defineComposeRule } from '../../core/rule';
import { getIn, scalarString } from '../../compose/model';

export default defineComposeRule({
  meta: {
    id: 'compose/container-name',
    severity: 'error',
    description: '`container_name` on a service with more than one replica.',
    rationale:
      'Container names are unique on a host: with a fixed `container_name`, Compose cannot create a second replica and `docker compose up --scale` or `deploy.replicas` fails. Drop `container_name` (Compose names replicas `<project>-<service>-<n>`) or run one replica.',
    examples: {
      incorrect: ['services:\n  web:\n    image: nginx:1.27\n    container_name: web\n    deploy:\n      replicas: 3\n'],
      correct: ['services:\n  web:\n    image: nginx:1.27\n    deploy:\n      replicas: 3\n', 'services:\n  web:\n    image: nginx:1.27\n    container_name: web\n'],
    },
  },
  check({ file, report }) {
    for (const service of file.services) {
      const name = service.getPair('container_name');
      if (!name || !service.map) continue;
      const replicas = Number(scalarString(getIn(file.doc, service.map, ['deploy', 'replicas'])) ?? service.str('scale') ?? 1);
      if (!(replicas > 1)) continue;
      const value = name.pair.value;
      const at = isScalar(value) && value.range ? value.range : (name.pair.key as { range: [number, number] }).range;
      report({
        start: at[0],
        end: at[1],
        message: `Service "${service.name}" has a fixed \`container_name\` but ${replicas} replicas: only one container can have that name.`,
      });
    }
  },
});
