import { defineComposeRule } from '../../core/rule';
import { entryNameRange, environmentEntries, isSecretName, secretValueKind } from '../../compose/environment';
import { convertible, convertToSecretsFix, type SecretCandidate } from '../../compose/secrets';
import type { Project } from '../../core/project';
import type { Fix } from '../../core/types';
import type { ComposeFile, ComposeService } from '../../compose/model';

export default defineComposeRule({
  meta: {
    id: 'compose/secret-in-environment',
    severity: 'error',
    description: 'A secret (password, token, API key...) is passed in `environment`.',
    rationale:
      'Environment variables are visible to every process in the container, in `docker inspect`, in crash reports and in logs, and a literal value in the compose file ends up in version control. Docker secrets are mounted as files under /run/secrets, readable only inside the container. A literal is an error; an interpolated value (`${VAR}`) is a warning, and so is a `${VAR:-default}` whose default is a secret written in the file. Values are read as Compose interpolates them (`$$` is a literal `$`, so `$S$$_1` is the variable S then the text `$_1`): only a value that is exactly one variable becomes a secret read from that host variable (`environment: VAR`); one with a default, an error (`:?`) or a replacement (`:+`), or text around the variable, is left to you, since a secret read from the environment has no default and the value must not change. The fix writes a literal to `secrets/<name>.txt`, mode 0644 in a 0700 `secrets` folder (Compose bind-mounts a file secret with the host file\'s owner and mode, so a 0600 file is unreadable by a non-root container user); a file already there with other content is never reused (the value goes to `<name>_2.txt`), and where no file can be created (a `secrets` folder that is a link or not writable) nothing is converted.',
    examples: {
      incorrect: [
        'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: example\n',
        'services:\n  api:\n    image: nginx:1.27\n    environment:\n      - JWT_SECRET=${JWT_SECRET}\n',
      ],
      correct: [
        'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD_FILE: /run/secrets/db_password\n    secrets:\n      - db_password\nsecrets:\n  db_password:\n    file: ./secrets/db_password.txt\n',
      ],
    },
    fixable: 'unsafe',
  },
  check({ file, project, report }) {
    // An environment shared through an anchor is reported once, under the first service that uses it.
    const seen = new Set<unknown>();
    const perService: { service: ComposeService; found: SecretCandidate[]; ready: SecretCandidate[] }[] = [];
    for (const service of file.services) {
      const found: SecretCandidate[] = [];
      for (const entry of environmentEntries(service)) {
        if (entry.value === undefined || !isSecretName(entry.name) || seen.has(entry.node)) continue;
        seen.add(entry.node);
        const kind = secretValueKind(entry.value);
        if (kind) found.push({ entry, kind });
      }
      if (found.length) perService.push({ service, found, ready: found.filter((candidate) => convertible(service, candidate)) });
    }
    // Every conversion adds to the one top-level `secrets` map, so fix-all would need a pass per service: the first
    // problem of the file also offers (first) the conversion of every service at once.
    const everything = perService.filter((group) => group.ready.length > 0);
    const total = everything.reduce((sum, group) => sum + group.ready.length, 0);
    const fileWide = everything.length > 1 ? convertAllFix(file, project, everything, total) : undefined;
    let first = true;
    for (const { service, found, ready } of perService) {
      const all = ready.length > 1 ? convertToSecretsFix(file, project, [{ service, candidates: ready }], `Convert the ${ready.length} secrets of "${service.name}" to Docker secrets`) : undefined;
      for (const candidate of found) {
        const { entry, kind } = candidate;
        // The message names the variable, never its value.
        const message =
          kind === 'literal'
            ? `"${entry.name}" holds a secret written in the compose file; move it to a Docker secret.`
            : kind === 'interpolated-default'
              ? `"${entry.name}" falls back to a secret written in the compose file; move it to a Docker secret.`
              : `"${entry.name}" passes a secret through the environment, where \`docker inspect\` and logs can show it; prefer a Docker secret.`;
        const one = ready.includes(candidate) ? convertToSecretsFix(file, project, [{ service, candidates: [candidate] }], `Convert "${entry.name}" to a Docker secret`) : undefined;
        const fixes = [first ? fileWide : undefined, all, one].filter((fix): fix is Fix => fix !== undefined);
        first = false;
        report({ ...entryNameRange(file.text, entry), message, severity: kind === 'literal' ? 'error' : 'warning', fixes });
      }
    }
  },
});

/** One fix converting the secrets of several services: the per-service fixes merged (they never overlap but at the top-level `secrets`). */
function convertAllFix(file: ComposeFile, project: Project, groups: { service: ComposeService; ready: SecretCandidate[] }[], total: number): Fix | undefined {
  return convertToSecretsFix(file, project, groups.map((group) => ({ service: group.service, candidates: group.ready })), `Convert all ${total} environment secrets of this file to Docker secrets`);
}
