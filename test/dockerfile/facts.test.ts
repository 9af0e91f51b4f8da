import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { distroFamily, existingUser, stageFamily, stageTools } from '../../engine/src/dockerfile/facts';
import { parseDockerfile, rootImage } from '../../engine/src/dockerfile/model';
import { endOfLife, eolFacts } from '../../engine/src/knowledge/eol';
import { source } from '../lib/yaml-tag';

describe('base image facts', () => {
  it('distro family from name and tag', () => {
    const cases: [string, string][] = [
      ['python:3.9.23-slim', 'debian'], ['node:18-alpine', 'alpine'], ['alpine:3.22', 'alpine'], ['ubuntu:24.04', 'debian'],
      ['golang:1.25-bookworm', 'debian'], ['gcr.io/distroless/static-debian12', 'distroless'], ['scratch', 'scratch'],
      ['rockylinux:9', 'rhel'], ['python:3.13', 'debian'], ['example/unknown:1', 'unknown'],
    ];
    assert.deepEqual(cases.map(([image]) => [image, distroFamily(image)]), cases);
  });

  it('follows stage chains and ARG defaults', () => {
    const file = parseDockerfile('/w/Dockerfile', source`
      ARG NODE=22
      FROM node:\${NODE}-alpine AS base
      FROM base AS build
      FROM build
    `);
    assert.equal(rootImage(file, file.finalStage!), 'node:22-alpine');
    assert.equal(stageFamily(file, file.finalStage!), 'alpine');
  });

  it('well-known non-root users', () => {
    assert.deepEqual(['node:22', 'gcr.io/distroless/base-debian12', 'python:3.13-slim'].map(existingUser), ['node', 'nonroot', undefined]);
  });

  it('curl and wget: image facts plus packages installed in the stage chain', () => {
    const file = parseDockerfile('/w/Dockerfile', source`
      FROM python:3.13-slim AS base
      RUN apt-get update && apt-get install -y --no-install-recommends curl=8.* && rm -rf /var/lib/apt/lists/*
      FROM base
    `);
    assert.deepEqual(stageTools(file, file.finalStage!), { curl: true, wget: false });
    const alpine = parseDockerfile('/w/Dockerfile', 'FROM node:22-alpine\n');
    assert.deepEqual(stageTools(alpine, alpine.finalStage!), { curl: false, wget: true });
  });

  it('end-of-life table compared with today', () => {
    assert.deepEqual(endOfLife('python:3.9.23-slim', new Date('2025-11-01')).map((f) => [f.label, f.eol]), [['Python 3.9', '2025-10-31']]);
    assert.deepEqual(endOfLife('python:3.9.23-slim', new Date('2025-10-31')), []);
    assert.deepEqual(endOfLife('node:18-alpine', new Date('2025-11-01')).map((f) => f.eol), ['2025-04-30']);
    assert.deepEqual(eolFacts('debian:bookworm').map((f) => f.label), ['Debian 12 (bookworm)']);
    assert.deepEqual(eolFacts('golang:1.22-alpine3.18').map((f) => f.label), ['Go 1.22', 'Alpine 3.18']);
    assert.deepEqual(eolFacts('node:lts'), []);
  });
});
