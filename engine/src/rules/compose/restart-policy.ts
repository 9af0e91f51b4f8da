import { defineComposeRule } from '../../core/rule';
import { inheritedValue, inheritsAny } from '../../compose/extends';
import { ensureEntries } from '../../compose/ensure';
import { composeIndex } from '../../compose/file-index';
import { getIn } from '../../compose/model';

export default defineComposeRule({
  meta: {
    id: 'compose/restart-policy',
    severity: 'info',
    description: 'A service has no `restart` policy.',
    rationale:
      'Without a restart policy a container that crashes, or every container after a reboot of the host, stays down until someone runs `docker compose up` again. `restart: unless-stopped` brings it back unless it was stopped on purpose. One-shot services that others wait for with `service_completed_successfully` are left alone.',
    examples: {
      incorrect: ['services:\n  web:\n    image: nginx:1.27\n'],
      correct: [
        'services:\n  web:\n    image: nginx:1.27\n    restart: unless-stopped\n',
        'services:\n  migrate:\n    image: example/migrate:1.0\n  web:\n    image: nginx:1.27\n    restart: unless-stopped\n    depends_on:\n      migrate:\n        condition: service_completed_successfully\n',
      ],
    },
    fixable: 'safe',
  },
  check({ file, project, report, defaults }) {
    const oneShot = new Set(composeIndex(file).dependsOn.filter((edge) => edge.condition === 'service_completed_successfully').map((edge) => edge.to));
    for (const service of file.services) {
      if (!service.map || (!service.image && !service.build) || oneShot.has(service.name)) continue;
      if (service.get('restart') !== undefined || getIn(file.doc, service.map, ['deploy', 'restart_policy']) !== undefined) continue;
      if (inheritsAny(file, service, project, 'restart') || inheritedValue(file, service, project, ['deploy', 'restart_policy'])) continue;
      const policy = defaults?.restart ?? 'unless-stopped';
      const edit = ensureEntries(file, service.map, [], { restart: policy });
      report({
        node: service.key,
        message: `Service "${service.name}" has no restart policy: after a crash or a reboot it stays down.`,
        fixes: edit ? [{ title: `Add \`restart: ${policy}\``, safe: true, edits: [edit], preferred: true }] : [],
      });
    }
  },
});
