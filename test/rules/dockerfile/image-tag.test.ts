import rule from '../../../engine/src/rules/dockerfile/image-tag';
import { ruleTester } from '../../lib/rule-tester';
import { source } from '../../lib/yaml-tag';

ruleTester(rule, {
  valid: [
    'FROM ubuntu:24.04\n',
    'FROM scratch\n',
    'FROM node:22-alpine AS build\nFROM build\n',
    'FROM python@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n',
    'FROM localhost:5000/team/app:1.2\n',
    'ARG TAG=3.22\nFROM alpine:${TAG}\n',
    'FROM ${UNKNOWN}\n',
  ],
  invalid: [
    {
      code: source`
        FROM ubuntu
        FROM node:latest AS web
        FROM registry.example.com:5000/team/app
      `,
      errors: [
        { line: 1, column: 6, endColumn: 12, message: '`ubuntu` has no tag, so it means `latest`, which changes with every release: pin a version.' },
        { line: 2, column: 6, endColumn: 17, message: '`node:latest` uses the `latest` tag, which changes with every release: pin a version.' },
        { line: 3, column: 6, endColumn: 40 },
      ],
    },
    {
      name: 'ARG default without a tag',
      code: 'ARG BASE=debian\nFROM ${BASE}\n',
      errors: [{ line: 2, column: 6, endColumn: 13 }],
    },
    // One rule carries DL3006 (no tag) and DL3007 (latest): each problem names its own code, as hadolint's rules do.
    {
      name: 'hadolint ignore=DL3006 suppresses an untagged FROM, not a latest one',
      code: source`
        # hadolint ignore=DL3006
        FROM debian
        # hadolint ignore=DL3006
        FROM node:latest
        # hadolint ignore=DL3007
        FROM node:latest
      `,
      errors: [{ line: 4, column: 6, code: 'DL3007' }],
    },
    {
      code: 'FROM debian AS builder\nFROM debian:latest\n',
      errors: [{ line: 1, column: 6, code: 'DL3006' }, { line: 2, column: 6, code: 'DL3007' }],
    },
  ],
});
