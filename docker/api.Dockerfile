# syntax=docker/dockerfile:1.7
# Tessera API (which also serves the built SPA on the same port). Build from the repository root:
#   docker build -f docker/api.Dockerfile -t tessera-api .
# Layout in the image mirrors the repository, because the bundle resolves the repository root as
# three levels up from apps/api/dist/main.js: migrations in packages/db/migrations, SPA in apps/web/dist.

ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS base
# pnpm 12 wants to record its own pin in the lockfile and fails a frozen install when the
# registry has no build of it for some platform: pm-on-fail=ignore keeps the frozen install.
ENV PNPM_HOME=/pnpm \
    PATH=/pnpm:$PATH \
    CI=true \
    pnpm_config_pm_on_fail=ignore
RUN npm install -g pnpm@12.21.0 && pnpm --version
WORKDIR /repo

# 1. Only the packages the API and the SPA need, with package.json files split from sources so
#    the dependency layer is cached until a manifest or the lockfile changes.
FROM base AS pruner
COPY . .
RUN pnpm dlx turbo@2.11.11 prune @tessera/api @tessera/web --docker --out-dir /pruned

# 2. Install (cached pnpm store) and build the API bundle and the SPA.
FROM base AS builder
COPY --from=pruner /pruned/json/ ./
RUN --mount=type=cache,id=pnpm-store,target=/pnpm/store \
    pnpm install --frozen-lockfile --config.pm-on-fail=ignore
COPY --from=pruner /pruned/full/ ./
RUN pnpm turbo run build --filter=@tessera/api... --filter=@tessera/web... \
 && test -f apps/api/dist/main.js \
 && test -f apps/web/dist/index.html

# 3. The API's production dependencies only, as a self-contained node_modules (no symlinks out).
FROM builder AS deploy
RUN --mount=type=cache,id=pnpm-store,target=/pnpm/store \
    pnpm --filter @tessera/api deploy --prod --config.pm-on-fail=ignore /out/apps/api \
 && rm -rf /out/apps/api/src /out/apps/api/test /out/apps/api/*.config.ts /out/apps/api/eslint.config.js \
    /out/apps/api/tsconfig.json /out/apps/api/.turbo

# 4. Runtime: Node, the bundle, its node_modules, migrations and the SPA. Nothing else.
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    DATA_DIR=/data
WORKDIR /app
# The image's `node` user (uid 1000) runs the server; only /data (and /tmp) are writable by it.
# Noto Sans CJK draws Japanese, Chinese and Korean in PDF reports (the other scripts' fonts come
# with node_modules; see apps/api/src/modules/tracker/pdfFonts.ts).
RUN apt-get update \
 && apt-get install -y --no-install-recommends fonts-noto-cjk \
 && rm -rf /var/lib/apt/lists/* \
 && mkdir -p /data && chown node:node /data
COPY --from=deploy /out/apps/api ./apps/api
COPY --from=builder /repo/apps/api/dist ./apps/api/dist
COPY --from=builder /repo/packages/db/migrations ./packages/db/migrations
COPY --from=builder /repo/apps/web/dist ./apps/web/dist
USER node
VOLUME ["/data"]
EXPOSE 3000
# No curl in slim images: Node's own fetch. Liveness only; /health/ready also checks the database.
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
STOPSIGNAL SIGTERM
CMD ["node", "--enable-source-maps", "apps/api/dist/main.js"]
