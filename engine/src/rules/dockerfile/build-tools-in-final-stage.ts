import { defineDockerfileRule } from '../../core/rule';
import { buildsBaseImage, findCommands, pipInstalls, shippedStages } from '../../dockerfile/commands';
import { parentStage, rootImage } from '../../dockerfile/model';
import { convertToMultiStage, isBuildTool } from '../../dockerfile/multistage';
import { parseImageRef } from '../../knowledge/image-ref';
import type { Fix } from '../../core/types';

export default defineDockerfileRule({
  meta: {
    id: 'dockerfile/build-tools-in-final-stage',
    severity: 'info',
    description: 'The final stage installs compilers or build tools (gcc, g++, make, build-essential, `*-dev` packages, Poetry), or is itself a toolchain image that builds.',
    rationale:
      'Compilers, headers and build tools are needed to build, not to run: in the final image they add hundreds of megabytes and give an attacker who gets in a ready-made toolchain. A multi-stage build compiles in a `builder` stage and copies only the results (a virtual environment, `node_modules` and `dist`, a binary) into a clean runtime stage.',
    examples: {
      incorrect: ['FROM python:3.13-slim\nWORKDIR /app\nRUN apt-get update && apt-get install -y --no-install-recommends gcc && rm -rf /var/lib/apt/lists/*\nCOPY requirements.txt .\nRUN pip install --no-cache-dir -r requirements.txt\nCOPY . .\nCMD ["python", "-m", "app"]\n'],
      correct: ['FROM python:3.13-slim AS builder\nRUN apt-get update && apt-get install -y --no-install-recommends gcc && rm -rf /var/lib/apt/lists/*\nRUN python -m venv /opt/venv\nFROM python:3.13-slim\nCOPY --from=builder /opt/venv /opt/venv\nCMD ["/opt/venv/bin/python", "-m", "app"]\n'],
    },
    fixable: 'unsafe',
  },
  check({ file, project, report }) {
    // A base or artifact image (no CMD, used only with FROM or COPY --from): the image built on it runs, not this one.
    if (buildsBaseImage(file, project)) return;
    const shipped = new Set(shippedStages(file));
    let conversion: ReturnType<typeof convertToMultiStage> | null = null;
    const fixes = (): Fix[] => {
      if (conversion === null) conversion = convertToMultiStage(file);
      return conversion ? [{ title: 'Convert to multi-stage build', safe: false, edits: conversion.edits }] : [];
    };
    for (const found of findCommands(file, ['apt-get', 'apt', 'apk', 'yum', 'dnf', 'microdnf'], ['install', 'add'], ['-o', '-c', '-t', '-X', '--repository', '--virtual'])) {
      if (!found.stage || !shipped.has(found.stage)) continue;
      // `apk add --virtual .build-deps ... && apk del .build-deps` removes them again in the same layer.
      if (found.rest.some((word) => word.value === '--virtual' || word.value === '-t') && found.script.commands.some((c) => c.name === 'apk' && c.args.some((w) => w.value === 'del'))) continue;
      // Build dependencies purged again in the same RUN (`apt-get purge -y --auto-remove`, `apk del`) do not stay.
      const purged = found.script.commands.some((c) => c.start > found.command.start && ((c.name === 'apt-get' || c.name === 'apt') && c.args.some((w) => ['purge', 'remove', 'autoremove'].includes(w.value)) || (c.name === 'apk' && c.args.some((w) => w.value === 'del'))));
      if (purged) continue;
      const tools = found.rest.filter((word) => !word.value.startsWith('-') && isBuildTool(word.value));
      if (tools.length === 0) continue;
      report({
        start: tools[0].start,
        end: tools[tools.length - 1].end,
        message: `The final image keeps the build tools ${tools.map((word) => `\`${word.value}\``).join(', ')}: build in a separate stage and copy only the results.`,
        fixes: fixes(),
      });
    }
    for (const found of pipInstalls(file)) {
      if (!found.stage || !shipped.has(found.stage)) continue;
      const poetry = found.rest.find((word) => /^poetry([=<>~].*)?$/i.test(word.value));
      if (!poetry) continue;
      report({
        start: poetry.start,
        end: poetry.end,
        message: 'The final image keeps Poetry, which is only needed to install dependencies: install them in a builder stage and copy the virtual environment.',
        fixes: fixes(),
      });
    }
    const stage = file.finalStage;
    if (!stage || parentStage(file, stage)) return;
    const repository = parseImageRef(rootImage(file, stage)).repository;
    const range = stage.from.getImageRange();
    if (repository === 'golang' && range && findCommands(file, ['go'], ['build']).some((found) => found.stage === stage)) {
      report({
        start: file.lines.offsetAt(range.start),
        end: file.lines.offsetAt(range.end),
        message: 'The final stage is the Go toolchain image: build the binary in a builder stage and copy it into a minimal runtime image.',
        fixes: fixes(),
      });
    }
    for (const build of findCommands(file, ['npm'], ['run']).filter((found) => found.stage === stage && /^build/.test(found.rest[0]?.value ?? ''))) {
      report({
        start: build.command.program?.start ?? build.command.start,
        end: build.command.end,
        message: '`npm run build` in the final stage: the dev dependencies it needs (the build tools) ship with the image. Build in a builder stage and copy the output.',
        fixes: fixes(),
      });
    }
  },
});
