# syntax=docker/dockerfile:1
# One image per app of the monorepo:
#   docker build --build-arg APP=gateway -t grappes-gateway .
# APP is one of gateway, members, clusters, workshops, notifications, audit. The
# web app is the `web` target instead (static files behind nginx):
#   docker build --target web -t grappes-web .
# No secret is baked in: every one comes from the environment at run time.
# The dependency stages do not depend on APP, so the six builds share them.

ARG NODE_IMAGE=node:20-bookworm-slim

# All dependencies, for the build.
FROM ${NODE_IMAGE} AS deps
WORKDIR /repo
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

# Production dependencies only, for the runtime image (webpack leaves node_modules external).
FROM ${NODE_IMAGE} AS prod-deps
WORKDIR /repo
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund

FROM deps AS build
ARG APP
ENV CI=true NX_DAEMON=false NX_NO_CLOUD=true NX_TUI=false
COPY . .
RUN test -n "${APP}" || { echo "build with --build-arg APP=<app>" >&2; exit 1; }
RUN npx nx build "${APP}" --configuration=production

# The web app (apps/web): Vite's build, served by an unprivileged nginx.
FROM deps AS web-build
ENV CI=true NX_DAEMON=false NX_NO_CLOUD=true NX_TUI=false
COPY . .
RUN npx nx build web

FROM nginxinc/nginx-unprivileged:1.28-alpine AS web
COPY deploy/docker/web-nginx.conf /etc/nginx/conf.d/default.conf
COPY --from=web-build /repo/dist/apps/web /usr/share/nginx/html
# nginx-unprivileged runs as any user: one of its own, by number for runAsNonRoot.
USER 10101:10101
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=5s --start-period=5s --retries=3 CMD ["wget", "-q", "-O", "/dev/null", "http://127.0.0.1:8080/healthz"]

# The runtime: Debian slim with Node, production dependencies and one app's
# bundle; no build tools, no sources, no npm cache.
FROM ${NODE_IMAGE} AS runtime
ARG APP
ENV NODE_ENV=production APP=${APP} HOST=0.0.0.0
WORKDIR /app
# Owned by root and read-only to the app's user: the app cannot rewrite its own code.
COPY --from=prod-deps /repo/node_modules ./node_modules
COPY --from=prod-deps /repo/package.json ./package.json
COPY --from=build /repo/dist/apps/${APP} ./dist/apps/${APP}
COPY deploy/docker/healthcheck.cjs ./healthcheck.cjs
# A user of its own (no passwd entry needed), by number so that Kubernetes
# can verify runAsNonRoot, and above 10000 to share no uid with the host.
USER 10001:10001
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 CMD ["node", "healthcheck.cjs"]
# exec: node replaces the shell and receives SIGTERM itself (graceful shutdown).
CMD ["sh", "-c", "exec node dist/apps/${APP}/main.js"]
