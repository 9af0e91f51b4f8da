import rule from '../../../engine/src/rules/dockerfile/package-cache-cleanup';
import { ruleTester } from '../../lib/rule-tester';
import { source } from '../../lib/yaml-tag';

ruleTester(rule, {
  valid: [
    'FROM rockylinux:9\nRUN dnf install -y httpd && dnf clean all\n',
    'FROM centos:7\nRUN yum install -y httpd && rm -rf /var/cache/yum\n',
    'FROM registry.access.redhat.com/ubi9/ubi-minimal\nRUN microdnf install -y shadow-utils && microdnf clean all\n',
    'FROM opensuse/leap:15.6\nRUN zypper -n install curl && zypper cc\n',
    'FROM node:22\nRUN yarn install --frozen-lockfile && yarn cache clean\n',
    { name: 'cache and tmpfs mounts on the cache folders', code: source`
      FROM rockylinux:9
      RUN --mount=type=cache,target=/var/cache/libdnf5 dnf install -y httpd
      RUN --mount=type=tmpfs,target=/var/cache/zypp zypper -n install curl
      RUN --mount=type=cache,target=/usr/local/share/.cache/yarn yarn install
    ` },
    { name: 'a builder stage is not shipped', code: source`
      FROM node:22 AS build
      RUN yarn install && yarn build
      FROM nginx:1.27
      COPY --from=build /app/dist /usr/share/nginx/html
    ` },
  ],
  invalid: [
    {
      name: 'each manager names its code; a clean-up before the install does not count',
      code: source`
        FROM rockylinux:9
        RUN dnf clean all && dnf install -y httpd
        RUN yum install -y httpd
        RUN zypper -n in curl && echo done
        RUN yarn install
      `,
      errors: [
        { line: 2, column: 22, endColumn: 33, code: 'DL3040', fixes: ['Add dnf clean all'], message: 'The dnf cache stays in this layer: add `dnf clean all` after it in the same `RUN`.' },
        { line: 3, column: 5, endColumn: 16, code: 'DL3032' },
        { line: 4, column: 5, endColumn: 17, code: 'DL3036' },
        { line: 5, column: 5, endColumn: 17, code: 'DL3060' },
      ],
      output: source`
        FROM rockylinux:9
        RUN dnf clean all && dnf install -y httpd && dnf clean all
        RUN yum install -y httpd && yum clean all
        RUN zypper -n in curl && zypper clean && echo done
        RUN yarn install && yarn cache clean
      `,
    },
    {
      name: "microdnf's clean-up does not empty dnf's cache; ONBUILD RUN in any stage",
      code: source`
        FROM rockylinux:9 AS template
        ONBUILD RUN dnf install -y httpd && microdnf clean all
        FROM scratch
      `,
      errors: [{ line: 2, column: 13, endColumn: 24 }],
      output: source`
        FROM rockylinux:9 AS template
        ONBUILD RUN dnf install -y httpd && dnf clean all && microdnf clean all
        FROM scratch
      `,
    },
  ],
});
