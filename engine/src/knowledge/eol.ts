/**
 * End-of-life dates of the runtimes and distributions base images are built on, as data (dates in UTC).
 * Sources: the projects' own release policies (python.org PEPs, Node.js release schedule, Go's "two newest major
 * releases" policy, Debian LTS, Ubuntu standard support, Alpine's two-year branches), as listed on endoflife.date.
 * Debian counts until the end of its LTS (the official images keep being rebuilt until then); Ubuntu until the end of
 * standard support (ESM needs a subscription). Go versions end with the release of the second newer one; the day of
 * the 1.26 and 1.27 releases is approximate. Add a row when a new version ships.
 */
import { parseImageRef } from './image-ref';

export interface EolCycle {
  cycle: string;
  /** YYYY-MM-DD. */
  eol: string;
  /** Release codename (Debian, Ubuntu, Node.js LTS lines). */
  codename?: string;
}

export const EOL: Record<'python' | 'node' | 'golang' | 'debian' | 'ubuntu' | 'alpine', EolCycle[]> = {
  python: [
    { cycle: '2.7', eol: '2020-01-01' },
    { cycle: '3.5', eol: '2020-09-30' },
    { cycle: '3.6', eol: '2021-12-23' },
    { cycle: '3.7', eol: '2023-06-27' },
    { cycle: '3.8', eol: '2024-10-07' },
    { cycle: '3.9', eol: '2025-10-31' },
    { cycle: '3.10', eol: '2026-10-31' },
    { cycle: '3.11', eol: '2027-10-31' },
    { cycle: '3.12', eol: '2028-10-31' },
    { cycle: '3.13', eol: '2029-10-31' },
    { cycle: '3.14', eol: '2030-10-31' },
  ],
  node: [
    { cycle: '4', eol: '2018-04-30', codename: 'argon' },
    { cycle: '6', eol: '2019-04-30', codename: 'boron' },
    { cycle: '8', eol: '2019-12-31', codename: 'carbon' },
    { cycle: '10', eol: '2021-04-30', codename: 'dubnium' },
    { cycle: '11', eol: '2019-06-01' },
    { cycle: '12', eol: '2022-04-30', codename: 'erbium' },
    { cycle: '13', eol: '2020-06-01' },
    { cycle: '14', eol: '2023-04-30', codename: 'fermium' },
    { cycle: '15', eol: '2021-06-01' },
    { cycle: '16', eol: '2023-09-11', codename: 'gallium' },
    { cycle: '17', eol: '2022-06-01' },
    { cycle: '18', eol: '2025-04-30', codename: 'hydrogen' },
    { cycle: '19', eol: '2023-06-01' },
    { cycle: '20', eol: '2026-04-30', codename: 'iron' },
    { cycle: '21', eol: '2024-06-01' },
    { cycle: '22', eol: '2027-04-30', codename: 'jod' },
    { cycle: '23', eol: '2025-06-01' },
    { cycle: '24', eol: '2028-04-30', codename: 'krypton' },
    { cycle: '25', eol: '2026-06-01' },
  ],
  golang: [
    { cycle: '1.17', eol: '2022-08-02' },
    { cycle: '1.18', eol: '2023-02-01' },
    { cycle: '1.19', eol: '2023-08-08' },
    { cycle: '1.20', eol: '2024-02-06' },
    { cycle: '1.21', eol: '2024-08-13' },
    { cycle: '1.22', eol: '2025-02-11' },
    { cycle: '1.23', eol: '2025-08-12' },
    { cycle: '1.24', eol: '2026-02-10' },
    { cycle: '1.25', eol: '2026-08-11' },
  ],
  debian: [
    { cycle: '8', eol: '2020-06-30', codename: 'jessie' },
    { cycle: '9', eol: '2022-06-30', codename: 'stretch' },
    { cycle: '10', eol: '2024-06-30', codename: 'buster' },
    { cycle: '11', eol: '2026-08-31', codename: 'bullseye' },
    { cycle: '12', eol: '2028-06-30', codename: 'bookworm' },
    { cycle: '13', eol: '2030-06-30', codename: 'trixie' },
  ],
  ubuntu: [
    { cycle: '14.04', eol: '2019-04-25', codename: 'trusty' },
    { cycle: '16.04', eol: '2021-04-30', codename: 'xenial' },
    { cycle: '18.04', eol: '2023-05-31', codename: 'bionic' },
    { cycle: '20.04', eol: '2025-05-31', codename: 'focal' },
    { cycle: '22.04', eol: '2027-06-01', codename: 'jammy' },
    { cycle: '23.04', eol: '2024-01-25', codename: 'lunar' },
    { cycle: '23.10', eol: '2024-07-11', codename: 'mantic' },
    { cycle: '24.04', eol: '2029-05-31', codename: 'noble' },
    { cycle: '24.10', eol: '2025-07-10', codename: 'oracular' },
  ],
  alpine: [
    { cycle: '3.12', eol: '2022-05-01' },
    { cycle: '3.13', eol: '2022-11-01' },
    { cycle: '3.14', eol: '2023-05-01' },
    { cycle: '3.15', eol: '2023-11-01' },
    { cycle: '3.16', eol: '2024-05-23' },
    { cycle: '3.17', eol: '2024-11-22' },
    { cycle: '3.18', eol: '2025-05-09' },
    { cycle: '3.19', eol: '2025-11-01' },
    { cycle: '3.20', eol: '2026-04-01' },
    { cycle: '3.21', eol: '2026-11-01' },
    { cycle: '3.22', eol: '2027-05-01' },
    { cycle: '3.23', eol: '2027-11-01' },
  ],
};

const LABEL: Record<keyof typeof EOL, string> = { python: 'Python', node: 'Node.js', golang: 'Go', debian: 'Debian', ubuntu: 'Ubuntu', alpine: 'Alpine' };

export interface EolFact {
  product: keyof typeof EOL;
  /** `Python 3.9`, `Debian 10 (buster)`. */
  label: string;
  eol: string;
}

/** The runtimes and distributions an image reference names, with their EOL dates (known cycles only). */
export function eolFacts(image: string): EolFact[] {
  const ref = parseImageRef(image);
  const tag = (ref.tag ?? '').toLowerCase();
  const facts: EolFact[] = [];
  const add = (product: keyof typeof EOL, match: (cycle: EolCycle) => boolean) => {
    const cycle = EOL[product].find(match);
    if (!cycle) return;
    const name = `${LABEL[product]} ${cycle.cycle}${cycle.codename && product !== 'node' ? ` (${cycle.codename})` : ''}`;
    facts.push({ product, label: name, eol: cycle.eol });
  };
  const minor = /^(\d+\.\d+)(?:[.\-_]|$)/.exec(tag)?.[1];
  const major = /^(\d+)(?:[.\-_]|$)/.exec(tag)?.[1];
  const repository = ref.repository;
  if (repository === 'python' && minor) add('python', (c) => c.cycle === minor);
  if (repository === 'node') {
    if (major) add('node', (c) => c.cycle === major);
    else add('node', (c) => c.codename !== undefined && tag.split('-')[0] === c.codename);
  }
  if (repository === 'golang' && minor) add('golang', (c) => c.cycle === minor);
  if (repository === 'debian') add('debian', (c) => c.cycle === major || tag.split('-')[0] === c.codename);
  if (repository === 'ubuntu') add('ubuntu', (c) => c.cycle === minor || tag.split('-')[0] === c.codename);
  if (repository === 'alpine' && minor) add('alpine', (c) => c.cycle === minor);
  if (!['debian', 'ubuntu', 'alpine'].includes(repository)) {
    // Variant suffixes of runtime images: `-buster`, `-bullseye-slim`, `-alpine3.18`, `-focal`.
    const parts = tag.split('-');
    add('debian', (c) => c.codename !== undefined && parts.includes(c.codename));
    add('ubuntu', (c) => c.codename !== undefined && parts.includes(c.codename));
    const alpine = /(?:^|-)alpine(\d+\.\d+)/.exec(tag)?.[1];
    if (alpine) add('alpine', (c) => c.cycle === alpine);
  }
  return facts;
}

/** The facts of an image that are past their end of life on `today`. */
export function endOfLife(image: string, today: Date): EolFact[] {
  const day = today.toISOString().slice(0, 10);
  return eolFacts(image).filter((fact) => fact.eol < day);
}
