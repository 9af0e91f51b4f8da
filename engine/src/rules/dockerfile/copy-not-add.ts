import { defineDockerfileRule } from '../../core/rule';
import { instructionsOf } from '../../dockerfile/model';

const ARCHIVE = /\.(tar|tar\.gz|tgz|tar\.bz2|tbz2?|tar\.xz|txz|tar\.zst|tzst|tar\.lz|gz|bz2|xz)$/i;
const REMOTE = /^(https?:\/\/|git@|git:\/\/|ssh:\/\/)/i;
/** Flags only ADD understands: replacing the keyword would break the build. */
const ADD_ONLY_FLAGS = ['checksum', 'keep-git-dir', 'unpack'];

export default defineDockerfileRule({
  meta: {
    id: 'dockerfile/copy-not-add',
    severity: 'warning',
    description: '`ADD` of local files that are not archives.',
    rationale:
      '`ADD` does more than copy: it extracts local tar archives and downloads URLs. Used for plain files it hides that behaviour (a file renamed to `.tar.gz` later is silently unpacked) and reviewers cannot tell what was meant. `COPY` does only the copy; keep `ADD` for the archives and remote sources it is meant for.',
    examples: {
      incorrect: ['FROM nginx:1.27\nADD site/ /usr/share/nginx/html/\n'],
      correct: ['FROM nginx:1.27\nCOPY site/ /usr/share/nginx/html/\nADD rootfs.tar.gz /\n'],
    },
    aliases: ['DL3020'],
    fixable: 'safe',
  },
  check({ file, report }) {
    for (const { instruction } of instructionsOf(file, ['ADD'])) {
      // Quotes are not part of a path: `ADD "site.tar.gz" /x` adds an archive.
      const args = instruction.getArguments().map((argument) => argument.getValue().replace(/^(["'])(.*)\1$/s, '$2'));
      const json = (instruction.getArgumentsContent() ?? '').trim().startsWith('[');
      let sources = args.slice(0, -1);
      if (json) {
        try {
          const values = JSON.parse(instruction.getArgumentsContent() ?? '') as string[];
          sources = values.slice(0, -1);
        } catch {
          continue;
        }
      }
      if (sources.length === 0 || /^<</.test(sources[0])) continue;
      if (sources.some((source) => ARCHIVE.test(source) || REMOTE.test(source) || source.includes('$'))) continue;
      const flags = (instruction as typeof instruction & { getFlags?: () => { getName(): string }[] }).getFlags?.() ?? [];
      const keywordRange = instruction.getInstructionRange();
      const keywordStart = file.lines.offsetAt(keywordRange.start);
      const keywordEnd = file.lines.offsetAt(keywordRange.end);
      const written = file.text.slice(keywordStart, keywordEnd);
      const canFix = !flags.some((flag) => ADD_ONLY_FLAGS.includes(flag.getName()));
      report({
        start: keywordStart,
        end: file.rangeOf(instruction).end,
        message: '`ADD` of local files that are not archives: use `COPY`, which only copies.',
        fixes: canFix
          ? [{ title: 'Replace ADD with COPY', safe: true, edits: [{ start: keywordStart, end: keywordEnd, text: written === written.toLowerCase() ? 'copy' : 'COPY' }], preferred: true }]
          : [],
      });
    }
  },
});
