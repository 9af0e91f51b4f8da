# The docker-harden CLI as a container image. Build it in a checkout where `npm ci` has built packages/cli/dist:
#   docker build -t docker-harden .
#   docker run --rm -v "$PWD:/work" docker-harden check /work
# NODE_IMAGE is the official Node.js image, pinned by digest; the tests build on a local image (no registry there).
ARG NODE_IMAGE=node:22-bookworm-slim@sha256:43ac6c60b8f89723f746e8a92ce91abd5017e627ce1ddfe4238355d3a30b772c
# A CLI that runs once and exits serves nothing a probe could ask, so no HEALTHCHECK:
# docker-harden-ignore dockerfile/healthcheck -- a one-shot CLI, not a server
FROM ${NODE_IMAGE}
LABEL org.opencontainers.image.title="docker-harden" \
      org.opencontainers.image.description="Lints and fixes docker-compose files and Dockerfiles for production" \
      org.opencontainers.image.source="https://github.com/docker-harden/docker-harden" \
      org.opencontainers.image.licenses="MIT"
# A container runs once: V8's code cache would be written and thrown away.
ENV DOCKER_HARDEN_NO_CODE_CACHE=1
# The npm package's files: the launcher and the two bundles, no node_modules.
COPY packages/cli/dist/ /opt/docker-harden/dist/
# The uid of the image's `node` user, by number so that any base image runs it.
USER 1000:1000
WORKDIR /work
ENTRYPOINT ["node", "/opt/docker-harden/dist/docker-harden.js"]
CMD ["check", "."]
