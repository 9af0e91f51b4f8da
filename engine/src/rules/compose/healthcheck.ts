import { defineComposeRule } from '../../core/rule';
import { judgedServices, runningDefinition } from '../../compose/group';
import { insertIntoMap } from '../../compose/edit';
import { healthcheckBlock, healthState, planHealthcheck } from '../../compose/health';

export default defineComposeRule({
  meta: {
    id: 'compose/healthcheck',
    severity: 'warning',
    description: 'A service has no healthcheck, and neither does its image or Dockerfile.',
    rationale:
      'Without a healthcheck Docker only knows that the process runs, not that it answers: `depends_on` cannot wait for readiness, a hung service is never reported, and orchestrators route traffic to it. A probe that fits the image (redis-cli ping, pg_isready, an HTTP request on the service port) makes the state visible.',
    examples: {
      incorrect: ['services:\n  redis:\n    image: redis:7-alpine\n'],
      correct: [
        'services:\n  redis:\n    image: redis:7-alpine\n    healthcheck:\n      test: ["CMD", "redis-cli", "ping"]\n      interval: 30s\n      timeout: 10s\n      retries: 3\n      start_period: 30s\n',
        'services:\n  worker:\n    image: busybox:1.36\n    healthcheck:\n      disable: true\n',
      ],
    },
    fixable: 'safe',
    roles: ['production', 'swarm'],
  },
  check({ file, project, report, defaults }) {
    for (const service of judgedServices(file, project, { exemptOneShot: true })) {
      if (!service.map) continue;
      // In an overlay (compose.prod.yml over compose.yml), the image and ports are those of the file that runs it.
      const running = runningDefinition(file, service, project);
      if (healthState(file, service, project) !== 'none' || (running.service !== service && healthState(running.file, running.service, project) !== 'none')) continue;
      const plan = planHealthcheck(running.service, project, defaults, running.file);
      const edit = plan
        ? insertIntoMap(file, service.map, { healthcheck: healthcheckBlock(plan) })
        : undefined;
      report({
        node: service.key,
        message: plan
          ? `Service "${service.name}" has no healthcheck, so Docker cannot tell when it is ready or stuck.`
          : `Service "${service.name}" has no healthcheck, so Docker cannot tell when it is ready or stuck. Add one that probes it (no port or known image to build one from).`,
        fixes: edit && plan ? [{ title: `Add a healthcheck (${plan.describe})`, safe: true, assumptions: plan.assumptions, edits: [edit], preferred: true }] : [],
      });
    }
  },
});
