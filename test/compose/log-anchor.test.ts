// The second fix of compose/log-rotation: one `x-logging` anchor shared by every service that needs rotation.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { applyEdits, lint, memoryWorkspace } from '../../engine/src/index';
import { source } from '../lib/yaml-tag';

it('compose/log-rotation shared anchor fix', () => {
  const code = source`
    # stack
    services:
      web:
        image: nginx:1.27
      cache:
        image: redis:7
      syslog:
        image: nginx:1.27
        logging:
          driver: syslog
  `;
  const result = lint('/w/compose.yaml', code, { only: ['compose/log-rotation'], workspace: memoryWorkspace({}) });
  assert.equal(result.problems.length, 2);
  const shared = result.problems[0].fixes[1];
  assert.deepEqual(shared.edits, result.problems[1].fixes[1].edits);
  const output = applyEdits(code, shared.edits);
  assert.equal(output, source`
    x-logging: &default-logging
      driver: json-file
      options:
        max-size: "10m"
        max-file: "3"

    # stack
    services:
      web:
        image: nginx:1.27
        logging: *default-logging
      cache:
        image: redis:7
        logging: *default-logging
      syslog:
        image: nginx:1.27
        logging:
          driver: syslog
  `);
  assert.deepEqual(lint('/w/compose.yaml', output, { only: ['compose/log-rotation'], workspace: memoryWorkspace({}) }).problems, []);
});
