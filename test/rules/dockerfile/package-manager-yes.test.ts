import rule from '../../../engine/src/rules/dockerfile/package-manager-yes';
import { ruleTester } from '../../lib/rule-tester';
import { source } from '../../lib/yaml-tag';

ruleTester(rule, {
  valid: [
    'FROM rockylinux:9\nRUN dnf install -y httpd && dnf clean all\n',
    'FROM centos:7\nRUN yum -y install httpd && yum clean all\n',
    'FROM centos:7\nRUN yum install --assumeyes httpd\n',
    'FROM registry.access.redhat.com/ubi9/ubi-minimal\nRUN microdnf install -y shadow-utils && microdnf clean all\n',
    ...['zypper -n install curl', 'zypper --non-interactive in curl', 'zypper install -y curl', 'zypper in --no-confirm curl'].map((command) => ({
      name: `zypper non-interactive: ${command}`,
      code: `FROM opensuse/leap:15.6\nRUN ${command} && zypper clean\n`,
    })),
    { name: 'read-only commands do not prompt', code: 'FROM rockylinux:9\nRUN dnf list installed && yum info httpd && zypper search curl\n' },
    { name: 'other programs named like them', code: 'FROM rockylinux:9\nRUN notdnf install httpd\n' },
  ],
  invalid: [
    {
      name: 'each manager names its hadolint code',
      code: source`
        FROM rockylinux:9
        RUN yum install httpd && yum clean all
        RUN dnf install httpd && microdnf install curl
        RUN zypper install curl
      `,
      errors: [
        { line: 2, column: 5, endColumn: 16, code: 'DL3030', fixes: ['Add -y'], message: '`yum install` without `-y` stops at the confirmation prompt in a non-interactive build.' },
        { line: 3, column: 5, endColumn: 16, code: 'DL3038' },
        { line: 3, column: 26, endColumn: 42, code: 'DL3038' },
        { line: 4, column: 5, endColumn: 19, code: 'DL3034' },
      ],
      output: source`
        FROM rockylinux:9
        RUN yum install -y httpd && yum clean all
        RUN dnf install -y httpd && microdnf install -y curl
        RUN zypper install -y curl
      `,
    },
    {
      name: 'ONBUILD RUN, and a snippet without FROM',
      code: 'ONBUILD RUN dnf upgrade\nRUN yum remove httpd\n',
      errors: [{ line: 1, column: 13, endColumn: 24 }, { line: 2, column: 5, endColumn: 15 }],
      output: 'ONBUILD RUN dnf upgrade -y\nRUN yum remove -y httpd\n',
    },
  ],
});
