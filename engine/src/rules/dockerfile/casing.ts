import { defineDockerfileRule } from '../../core/rule';

export default defineDockerfileRule({
  meta: {
    id: 'dockerfile/casing',
    severity: 'warning',
    description: '`FROM x as y` with `as` in another case than `FROM`, and instructions not in the casing most of the file uses.',
    rationale:
      'Docker accepts instructions in any case, but a file that mixes `RUN` and `run`, or writes `FROM image as name`, is harder to read and to search, and BuildKit warns about both (FromAsCasing, ConsistentInstructionCasing). Keep every keyword in one case, upper case by convention.',
    examples: {
      incorrect: ['FROM node:22-alpine as build\nRUN npm ci\n', 'FROM node:22-alpine\nrun npm ci\nRUN npm test\nCOPY . .\n'],
      correct: ['FROM node:22-alpine AS build\nRUN npm ci\n'],
    },
    aliases: ['FromAsCasing', 'ConsistentInstructionCasing'],
    fixable: 'safe',
  },
  check({ file, report }) {
    const instructions = file.ast.getInstructions();
    const keywords = instructions.map((instruction) => {
      const range = instruction.getInstructionRange();
      const start = file.lines.offsetAt(range.start);
      const end = file.lines.offsetAt(range.end);
      return { instruction, start, end, text: file.text.slice(start, end) };
    });
    const upper = keywords.filter((k) => k.text === k.text.toUpperCase()).length;
    const lower = keywords.filter((k) => k.text === k.text.toLowerCase()).length;
    const majorityUpper = upper >= lower;
    for (const keyword of keywords) {
      const wanted = majorityUpper ? keyword.text.toUpperCase() : keyword.text.toLowerCase();
      if (keyword.text === wanted) continue;
      report({
        start: keyword.start,
        end: keyword.end,
        message: `\`${keyword.text}\` should be in the case most instructions of this file use: \`${wanted}\`.`,
        fixes: [{ title: `Write ${wanted}`, safe: true, edits: [{ start: keyword.start, end: keyword.end, text: wanted }], preferred: true }],
      });
    }
    for (const stage of file.stages) {
      const nameRange = stage.from.getBuildStageRange();
      const imageRange = stage.from.getImageRange();
      if (!nameRange || !imageRange) continue;
      const between = file.text.slice(file.lines.offsetAt(imageRange.end), file.lines.offsetAt(nameRange.start));
      const match = /\bas\b/i.exec(between);
      if (!match) continue;
      const fromRange = stage.from.getInstructionRange();
      const fromText = file.text.slice(file.lines.offsetAt(fromRange.start), file.lines.offsetAt(fromRange.end));
      // The FROM keyword itself may be fixed above; `AS` follows the casing it will end up with.
      const fromWillBe = fromText === fromText.toUpperCase() || fromText === fromText.toLowerCase() ? fromText : majorityUpper ? 'FROM' : 'from';
      const wanted = fromWillBe === fromWillBe.toUpperCase() ? 'AS' : 'as';
      if (match[0] === wanted) continue;
      const start = file.lines.offsetAt(imageRange.end) + match.index;
      report({
        start,
        end: start + 2,
        message: `\`${match[0]}\` and \`${fromText}\` are in different cases: write \`${wanted}\`.`,
        fixes: [{ title: `Write ${wanted}`, safe: true, edits: [{ start, end: start + 2, text: wanted }], preferred: true }],
      });
    }
  },
});
