import { defineComposeRule, type Report } from '../../core/rule';
import { entryNameRange, environmentEntries, isSecretName, secretValueKind } from '../../compose/environment';
import { commandPasswords, envFileSecrets, urlPasswordKind } from '../../compose/credentials';
import { convertible, convertToSecretsFix, type SecretCandidate } from '../../compose/secrets';
import type { Project } from '../../core/project';
import type { Fix } from '../../core/types';
import type { ComposeFile, ComposeService } from '../../compose/model';

export default defineComposeRule({
  meta: {
    id: 'compose/secret-in-environment',
    severity: 'error',
    description: 'A secret (password, token, API key, a password in a URL or on a command line) is passed in `environment`, `env_file` or `command`.',
    rationale:
      'Environment variables are visible to every process in the container, in `docker inspect`, in crash reports and in logs, and a literal value in the compose file ends up in version control. Docker secrets are mounted as files under /run/secrets, readable only inside the container. A literal is an error; an interpolated value (`${VAR}`) is a warning, and so is a `${VAR:-default}` whose default is a secret written in the file. Values are read as Compose interpolates them (`$$` is a literal `$`, so `$S$$_1` is the variable S then the text `$_1`): only a value that is exactly one variable becomes a secret read from that host variable (`environment: VAR`); one with a default, an error (`:?`) or a replacement (`:+`), or text around the variable, is left to you, since a secret read from the environment has no default and the value must not change. The fix writes a literal to `secrets/<name>.txt`, mode 0644 in a 0700 `secrets` folder (Compose bind-mounts a file secret with the host file\'s owner and mode, so a 0600 file is unreadable by a non-root container user); a file already there with other content is never reused (the value goes to `<name>_2.txt`), and where no file can be created (a `secrets` folder that is a link or not writable) nothing is converted. The same holds for a password inside a URL (`postgres://app:pass@db/app`; not when the password is `${VAR}`) and for a password option on a command line (`redis-server --requirepass pass`, `mysqladmin -ppass`, `--password=...` in `command`, `entrypoint` or the healthcheck `test`), which `ps` and `docker inspect` show too: an error when written in the file, a warning for a `${VAR:-default}`, no fix (pass the password separately). Secrets in the files `env_file` names (secret-named variables, URLs with a password) are warnings, reported at the `env_file` entry: such a file is usually kept out of version control, but its values still reach the container\'s environment. A secret in an `x-` block merged into services with `<<:` is reported once, at the block.',
    examples: {
      incorrect: [
        'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: example\n',
        'services:\n  api:\n    image: nginx:1.27\n    environment:\n      - JWT_SECRET=${JWT_SECRET}\n',
        'services:\n  api:\n    image: nginx:1.27\n    environment:\n      DATABASE_URL: postgres://app:s3cret@db:5432/app\n',
        'services:\n  cache:\n    image: redis:7.4\n    command: redis-server --requirepass s3cret\n',
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
    reportOtherCredentials(file, project, seen, report);
  },
});

/** Passwords in URLs, on command lines and in `env_file` files: reported without a fix, never with their value. */
function reportOtherCredentials(file: ComposeFile, project: Project, seen: Set<unknown>, report: (report: Report) => void): void {
  const reported = new Set<string>();
  const once = (node: unknown, key: string) => {
    const range = (node as { range?: [number, number] }).range;
    const id = `${range?.[0]}:${key}`;
    if (reported.has(id)) return false;
    reported.add(id);
    return true;
  };
  for (const service of file.services) {
    for (const entry of environmentEntries(service)) {
      if (entry.value === undefined || seen.has(entry.node) || (isSecretName(entry.name) && secretValueKind(entry.value))) continue;
      const kind = urlPasswordKind(entry.value);
      if (!kind) continue;
      seen.add(entry.node);
      report({
        ...entryNameRange(file.text, entry),
        message:
          kind === 'literal'
            ? `"${entry.name}" holds a URL with a password written in the compose file; pass the password separately (a Docker secret, or \`\${VAR}\` from an untracked .env file).`
            : `"${entry.name}" holds a URL whose password falls back to one written in the compose file; pass the password separately.`,
        severity: kind === 'literal' ? 'error' : 'warning',
        fixes: [],
      });
    }
    for (const found of commandPasswords(service)) {
      if (!found.node.range || !once(found.node, found.option)) continue;
      report({
        node: found.node,
        message:
          found.kind === 'literal'
            ? `This command line passes a password written in the compose file (\`${found.option}\`), which \`ps\` and \`docker inspect\` show; read it from a Docker secret or a variable.`
            : `This command line passes a password (\`${found.option}\`) that falls back to one written in the compose file; drop the default.`,
        severity: found.kind === 'literal' ? 'error' : 'warning',
        fixes: [],
      });
    }
    for (const found of envFileSecrets(file, service, (p) => project.read(p))) {
      if (!found.node.range || !once(found.node, found.name)) continue;
      report({
        node: found.node,
        message:
          found.reason === 'url'
            ? `"${found.name}" in env_file "${found.file}" holds a URL with a password, which reaches the container's environment (\`docker inspect\`, logs); pass the password separately.`
            : `"${found.name}" in env_file "${found.file}" passes a secret through the environment, where \`docker inspect\` and logs can show it; prefer a Docker secret.`,
        severity: 'warning',
        fixes: [],
      });
    }
  }
}

/** One fix converting the secrets of several services: the per-service fixes merged (they never overlap but at the top-level `secrets`). */
function convertAllFix(file: ComposeFile, project: Project, groups: { service: ComposeService; ready: SecretCandidate[] }[], total: number): Fix | undefined {
  return convertToSecretsFix(file, project, groups.map((group) => ({ service: group.service, candidates: group.ready })), `Convert all ${total} environment secrets of this file to Docker secrets`);
}
