import { defineDockerfileRule } from '../../core/rule';
import { instructionsOf } from '../../dockerfile/model';

export default defineDockerfileRule({
  meta: {
    id: 'dockerfile/expose-ssh',
    severity: 'warning',
    description: '`EXPOSE 22`: the image offers SSH.',
    rationale:
      'A container is not a virtual machine: an SSH server inside it is one more daemon to patch, one more set of credentials to leak and a way in that bypasses `docker exec` and its audit trail. Use `docker exec` (or `kubectl exec`) to get a shell, and remove port 22 from `EXPOSE`.',
    examples: {
      incorrect: ['FROM debian:bookworm-slim\nEXPOSE 22 8080\nCMD ["/app/server"]\n'],
      correct: ['FROM debian:bookworm-slim\nEXPOSE 8080\nCMD ["/app/server"]\n'],
    },
    aliases: ['CKV_DOCKER_1'],
    fixable: 'unsafe',
  },
  check({ file, report }) {
    for (const { instruction } of instructionsOf(file, ['EXPOSE'])) {
      const ports = instruction.getArguments();
      for (const [index, port] of ports.entries()) {
        if (!exposesSsh(port.getValue())) continue;
        // Removing the port changes what `docker run -P` publishes: the user confirms it is not needed.
        const only = ports.length === 1;
        const range = file.rangeOf(instruction);
        const lineEnd = file.text.indexOf('\n', range.end);
        const edit = only
          ? { start: file.lines.lineStart(file.lines.positionAt(range.start).line), end: lineEnd < 0 ? file.text.length : lineEnd + 1, text: '' }
          : index === ports.length - 1
            ? { start: file.lines.offsetAt(ports[index - 1].getRange().end), end: file.lines.offsetAt(port.getRange().end), text: '' }
            : { start: file.lines.offsetAt(port.getRange().start), end: file.lines.offsetAt(ports[index + 1].getRange().start), text: '' };
        report({
          node: port,
          message: 'Port 22 (SSH) is exposed: use `docker exec` for a shell instead of an SSH server in the container.',
          fixes: [{ title: only ? 'Remove `EXPOSE 22`' : 'Remove port 22 from `EXPOSE`', safe: false, edits: [edit] }],
        });
      }
    }
  },
});

/** `22`, `22/tcp`, or a range that includes it (`20-25`). */
function exposesSsh(value: string): boolean {
  const match = /^(\d+)(?:-(\d+))?(?:\/tcp)?$/i.exec(value.trim());
  if (!match) return false;
  const low = Number(match[1]);
  const high = match[2] === undefined ? low : Number(match[2]);
  return low <= 22 && 22 <= high;
}
