/**
 * Where the real-world test corpus is: `$DOCKER_HARDEN_CORPUS`, else `shared/corpus` next to this checkout, else
 * `/work/shared/corpus` (so a clone anywhere on the machine, e.g. CI's, finds it). Never copied into the repository.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

const repoRoot = path.resolve(__dirname, '..', '..');
const candidates = [process.env.DOCKER_HARDEN_CORPUS, path.resolve(repoRoot, '..', 'shared', 'corpus'), '/work/shared/corpus'].filter(
  (candidate): candidate is string => Boolean(candidate),
);

export const corpusRoot: string = candidates.find((candidate) => fs.existsSync(path.join(candidate, 'MANIFEST.tsv'))) ?? candidates[0];

if (!fs.existsSync(path.join(corpusRoot, 'MANIFEST.tsv'))) {
  throw new Error(`the test corpus (MANIFEST.tsv) is not in ${candidates.join(' or ')}; set DOCKER_HARDEN_CORPUS to its folder`);
}
