# syntax=docker/dockerfile:1.7
# Tessera SPA on nginx, for deployments with a separate web tier (the API image serves the SPA
# itself otherwise). /trpc (HTTP and WebSocket) and /health are proxied to the API.
#   docker build -f docker/web.Dockerfile -t tessera-web .
#   docker run -p 8080:8080 -e API_UPSTREAM=api:3000 tessera-web

ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS base
ENV PNPM_HOME=/pnpm \
    PATH=/pnpm:$PATH \
    CI=true \
    pnpm_config_pm_on_fail=ignore
RUN npm install -g pnpm@12.21.0 && pnpm --version
WORKDIR /repo

FROM base AS pruner
COPY . .
RUN pnpm dlx turbo@2.11.11 prune @tessera/web --docker --out-dir /pruned

FROM base AS builder
COPY --from=pruner /pruned/json/ ./
RUN --mount=type=cache,id=pnpm-store,target=/pnpm/store \
    pnpm install --frozen-lockfile --config.pm-on-fail=ignore
COPY --from=pruner /pruned/full/ ./
RUN pnpm turbo run build --filter=@tessera/web... && test -f apps/web/dist/index.html

# Runs as uid 101 and listens on 8080; templates in /etc/nginx/templates are filled from the
# environment (only variables that are set, so nginx's own $variables survive) at start.
FROM nginxinc/nginx-unprivileged:1.27-alpine AS runtime
ENV API_UPSTREAM=api:3000
COPY docker/nginx/default.conf.template /etc/nginx/templates/default.conf.template
COPY --from=builder /repo/apps/web/dist /usr/share/nginx/html
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=5s --start-period=10s --retries=3 \
  CMD ["wget", "-q", "-O", "/dev/null", "http://127.0.0.1:8080/nginx-health"]
