import { defineComposeRule } from '../../core/rule';
import { judgedServices } from '../../compose/group';
import { inheritedValue, inheritsAny } from '../../compose/extends';
import { ensureEntries } from '../../compose/ensure';
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
    roles: ['production'],
  },
  check({ file, project, report, defaults }) {
    for (const service of judgedServices(file, project, { exemptOneShot: true })) {
      if (!service.map) continue;
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
