import { isSeq, type Node } from 'yaml';
import { defineComposeRule } from '../../core/rule';
import { baseName } from '../../core/file-names';
import { composeGroup } from '../../compose/group';
import { allInterfaces, composeIndex, expandPorts, type PublishedPort } from '../../compose/file-index';
import { scalarString } from '../../compose/model';

export default defineComposeRule({
  meta: {
    id: 'compose/port-conflict',
    severity: 'error',
    description: 'Two services (or one service twice) publish the same host port, address and protocol.',
    rationale:
      'Only one container can bind a host port on a given address: the second one fails to start with "port is already allocated", and which one wins depends on start order. Give each publication its own host port (or a different host address).',
    examples: {
      incorrect: ['services:\n  a:\n    image: nginx:1.27\n    ports:\n      - "8080:80"\n  b:\n    image: nginx:1.27\n    ports:\n      - "8080:80"\n'],
      correct: ['services:\n  a:\n    image: nginx:1.27\n    ports:\n      - "8080:80"\n  b:\n    image: nginx:1.27\n    ports:\n      - "8081:80"\n      - "8080:80/udp"\n'],
    },
  },
  check({ file, project, report }) {
    const taken = new Map<string, Publications>();
    const profilesOf = serviceProfiles();
    // The files merged before this one (compose/group.ts): their other services' ports are taken first, so a clash
    // across a base and its override is reported once, in the later file. A service that this file also defines is
    // left out (Compose merges its ports into one list).
    const group = composeGroup(file, project).members;
    const foreign = new Map<PublishedPort['service'], string>();
    const ownNames = new Set(file.services.map((service) => service.name));
    const earlier = group.slice(0, Math.max(0, group.findIndex((member) => member.file.path === file.path)));
    const ports = [
      ...earlier.flatMap((member) => {
        const theirs = composeIndex(member.file).ports.filter((port) => !ownNames.has(port.service.name));
        for (const port of theirs) foreign.set(port.service, baseName(member.file.path));
        return theirs;
      }),
      ...composeIndex(file).ports,
    ];
    for (const port of ports) {
      if (!port.published || port.published.includes('$') || !port.at.range) continue;
      const profiles = profilesOf(port.service);
      const conflict = expandPorts(port.published).map((number) => {
        const key = `${number}/${port.protocol}`;
        let publications = taken.get(key);
        if (!publications) taken.set(key, (publications = new Publications()));
        const earlier = publications.firstClashing(port.hostIp, profiles);
        publications.add(port, profiles);
        return earlier ? { number, earlier } : undefined;
      }).find(Boolean);
      if (!conflict || foreign.has(port.service)) continue;
      const elsewhere = foreign.get(conflict.earlier.service);
      const owner =
        conflict.earlier.service === port.service
          ? 'this service already publishes it'
          : `service "${conflict.earlier.service.name}"${elsewhere ? ` of ${elsewhere}` : ''} already publishes it`;
      report({ start: port.at.range[0], end: port.at.range[1], message: `Host port ${conflict.number}/${port.protocol} is published twice: ${owner}.` });
    }
  },
});

/** A service's `profiles` (read once per service). */
function serviceProfiles(): (service: PublishedPort['service']) => string[] {
  const known = new Map<PublishedPort['service'], string[]>();
  return (service) => {
    let profiles = known.get(service);
    if (!profiles) {
      const node = service.get('profiles');
      profiles = isSeq(node) ? (node.items as Node[]).map((item) => scalarString(item)).filter((p): p is string => !!p) : [];
      known.set(service, profiles);
    }
    return profiles;
  };
}

/**
 * The first publication of a port number seen with each host address, profile, and without profiles, overall and
 * per address: the first earlier publication that clashes with a new one is found from these (a scan of every
 * earlier publication made a long list of distinct addresses or profiles quadratic).
 */
class Publications {
  private seen = 0;
  private readonly overall = new FirstOf();
  private readonly anyAddress = new FirstOf();
  private readonly byAddress = new Map<string, FirstOf>();

  /** The first earlier publication on an address that overlaps `hostIp`, in a profile that can run with `profiles`. */
  firstClashing(hostIp: string | undefined, profiles: readonly string[]): PublishedPort | undefined {
    if (allInterfaces(hostIp)) return this.overall.runningWith(profiles)?.port;
    const own = this.byAddress.get(hostIp!)?.runningWith(profiles);
    const anyAddress = this.anyAddress.runningWith(profiles);
    return own && anyAddress ? (own.order < anyAddress.order ? own : anyAddress).port : (own ?? anyAddress)?.port;
  }

  add(port: PublishedPort, profiles: readonly string[]): void {
    const entry = { port, order: this.seen++ };
    this.overall.add(entry, profiles);
    if (allInterfaces(port.hostIp)) {
      this.anyAddress.add(entry, profiles);
      return;
    }
    let first = this.byAddress.get(port.hostIp!);
    if (!first) this.byAddress.set(port.hostIp!, (first = new FirstOf()));
    first.add(entry, profiles);
  }
}

interface Entry {
  port: PublishedPort;
  order: number;
}

class FirstOf {
  private any: Entry | undefined;
  private withoutProfiles: Entry | undefined;
  private readonly byProfile = new Map<string, Entry>();

  add(entry: Entry, profiles: readonly string[]): void {
    this.any ??= entry;
    if (profiles.length === 0) this.withoutProfiles ??= entry;
    for (const profile of profiles) if (!this.byProfile.has(profile)) this.byProfile.set(profile, entry);
  }

  /** Services in disjoint profiles never run together; a service without profiles runs with any. */
  runningWith(profiles: readonly string[]): Entry | undefined {
    if (profiles.length === 0) return this.any;
    let first = this.withoutProfiles;
    for (const profile of profiles) {
      const entry = this.byProfile.get(profile);
      if (entry && (!first || entry.order < first.order)) first = entry;
    }
    return first;
  }
}
