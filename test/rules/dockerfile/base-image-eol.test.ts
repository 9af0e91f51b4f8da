import rule from '../../../engine/src/rules/dockerfile/base-image-eol';
import { ruleTester } from '../../lib/rule-tester';
import { source } from '../../lib/yaml-tag';

ruleTester(rule, {
  valid: [
    'FROM python:3.13-slim\n',
    'FROM node:22-alpine\n',
    'FROM debian:bookworm-slim\n',
    { name: 'python 3.9 the day it ends is still supported', code: 'FROM python:3.9.23-slim\n', today: '2025-10-31T12:00:00Z' },
    { name: 'a stage built on another stage is checked once, at its root', code: 'FROM python:3.13-slim AS base\nFROM base\n' },
    'FROM python:3\n',
    'FROM ${BASE}\n',
  ],
  invalid: [
    {
      name: 'the AI server: python 3.9',
      code: 'FROM python:3.9.23-slim\nCMD ["python"]\n',
      today: '2025-11-01T00:00:00Z',
      errors: [{ line: 1, column: 6, endColumn: 24, message: 'Python 3.9 reached end of life on 2025-10-31: `python:3.9.23-slim` gets no security fixes. Move to a supported version.' }],
    },
    {
      name: 'the frontend: node 18 in both stages',
      code: source`
        FROM node:18-alpine AS builder
        RUN npm run build
        FROM node:18-alpine
      `,
      errors: [
        { line: 1, column: 6, endColumn: 20, message: /^Node\.js 18 reached end of life on 2025-04-30/ },
        { line: 3, column: 6, endColumn: 20 },
      ],
    },
    {
      name: 'ARG default, codename variant, distro and runtime together',
      code: 'ARG PY=3.8\nFROM python:${PY}-buster\n',
      errors: [{ line: 2, column: 6, message: 'Python 3.8 reached end of life on 2024-10-07; Debian 10 (buster) reached end of life on 2024-06-30: `python:3.8-buster` gets no security fixes. Move to a supported version.' }],
    },
    {
      name: 'debian by codename, ubuntu by version, alpine by minor, golang',
      code: source`
        FROM debian:stretch-slim
        FROM ubuntu:20.04
        FROM alpine:3.18.4
        FROM golang:1.22-alpine
        FROM node:hydrogen
      `,
      errors: [
        { line: 1, column: 6, message: /^Debian 9 \(stretch\) reached end of life on 2022-06-30/ },
        { line: 2, column: 6, message: /^Ubuntu 20\.04 \(focal\) reached end of life on 2025-05-31/ },
        { line: 3, column: 6, message: /^Alpine 3\.18 reached end of life on 2025-05-09/ },
        { line: 4, column: 6, message: /^Go 1\.22 reached end of life on 2025-02-11/ },
        { line: 5, column: 6, message: /^Node\.js 18 reached end of life/ },
      ],
    },
  ],
});
