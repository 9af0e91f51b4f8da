import rule from '../../../engine/src/rules/dockerfile/trusted-registry';
import { ruleTester } from '../../lib/rule-tester';
import { source } from '../../lib/yaml-tag';

const trusted = (...trustedRegistries: string[]) => ({ trustedRegistries });

ruleTester(rule, {
  valid: [
    // Without `trustedRegistries` the rule says nothing.
    'FROM quay.io/team/app:1.2\n',
    { code: 'FROM registry.example.com/team/app:1.2\n', hadolint: trusted('registry.example.com') },
    { code: 'FROM ubuntu:24.04\n', hadolint: trusted('docker.io') },
    { code: 'FROM library/ubuntu:24.04\n', hadolint: trusted('hub.docker.com') },
    { code: 'FROM scratch\nCOPY --from=0 /a /a\n', hadolint: trusted('registry.example.com') },
    { code: 'FROM mirror.corp.example.com/node:22 AS build\nFROM build\nCOPY --from=build /app /app\n', hadolint: trusted('*.example.com') },
    { code: 'FROM registry.example.com:5000/app:1\n', hadolint: trusted('registry.example.com*') },
    { code: 'FROM localhost:5000/app:1\n', hadolint: trusted('*') },
    { code: 'ARG BASE=registry.example.com/app:1\nFROM ${BASE}\n', hadolint: trusted('registry.example.com') },
    { code: 'FROM ${UNKNOWN}\n', hadolint: trusted('registry.example.com') },
  ],
  invalid: [
    {
      code: source`
        FROM ubuntu:24.04
        FROM gcr.io/distroless/static:nonroot AS run
        COPY --from=quay.io/team/tools:1 /bin/tool /bin/tool
        RUN --mount=type=bind,from=ghcr.io/team/assets:2,target=/assets cp -r /assets /srv
      `,
      hadolint: trusted('registry.example.com'),
      errors: [
        { line: 1, column: 6, endColumn: 18, message: '`ubuntu:24.04` comes from Docker Hub, which is not in the trusted registries (registry.example.com).' },
        { line: 2, column: 6, endColumn: 38, message: '`gcr.io/distroless/static:nonroot` comes from the registry `gcr.io`, which is not in the trusted registries (registry.example.com).' },
        { line: 3, column: 6, message: /`quay\.io\/team\/tools:1` comes from the registry `quay\.io`/ },
        { line: 4, column: 5, message: /`ghcr\.io\/team\/assets:2` comes from the registry `ghcr\.io`/ },
      ],
    },
    {
      name: 'a prefix pattern does not match another host; ARG defaults are expanded',
      code: 'ARG BASE=evil-registry.example.com/app:1\nFROM ${BASE}\n',
      hadolint: trusted('registry.*'),
      errors: [{ line: 2, column: 6, message: /`evil-registry\.example\.com\/app:1` comes from the registry `evil-registry\.example\.com`/ }],
    },
    {
      name: '# hadolint ignore=DL3026',
      code: '# hadolint ignore=DL3026\nFROM quay.io/a/b:1\nFROM quay.io/c/d:1\n',
      hadolint: trusted('docker.io'),
      errors: [{ line: 3, column: 6 }],
    },
  ],
});
