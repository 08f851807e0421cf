# syntax=docker/dockerfile:1
# Ringside server image: the CTI server (server/dist) serving the built agent console.

# ---- build: everything, dev dependencies included -------------------------------------------
FROM node:20-slim AS build
WORKDIR /app
# Manifests first, so `npm ci` stays cached until a dependency changes.
COPY package.json package-lock.json .npmrc ./
COPY shared/package.json shared/
COPY server/package.json server/
COPY pbx-config/package.json pbx-config/
COPY pbx-sim/package.json pbx-sim/
COPY agent-console/package.json agent-console/
COPY test/package.json test/
COPY bench/package.json bench/
# The lockfile lacks other platforms' optional native packages (see .ci/run); npm install --no-save
# installs the locked versions when npm ci's strict check refuses that.
RUN npm ci || npm install --no-save
COPY . .
RUN npm run build
# Only what runs in production; folders a workspace may not have yet are skipped.
RUN set -eu; \
    for ws in shared server pbx-config pbx-sim; do \
      mkdir -p "/out/$ws"; \
      cp "$ws/package.json" "/out/$ws/"; \
      cp -r "$ws/dist" "/out/$ws/dist"; \
    done; \
    if [ -d server/drizzle ]; then cp -r server/drizzle /out/server/drizzle; fi; \
    mkdir -p /out/agent-console; \
    cp agent-console/package.json /out/agent-console/; \
    cp -r agent-console/dist /out/agent-console/dist; \
    find /out -name '*.test.*' -delete; \
    find /out -name '.tsbuildinfo' -delete

# ---- production dependencies only -------------------------------------------------------------
FROM node:20-slim AS deps
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
COPY shared/package.json shared/
COPY server/package.json server/
COPY pbx-config/package.json pbx-config/
COPY pbx-sim/package.json pbx-sim/
COPY agent-console/package.json agent-console/
COPY test/package.json test/
COPY bench/package.json bench/
RUN (npm ci --omit=dev || npm install --no-save --omit=dev) && npm cache clean --force

# ---- runtime -----------------------------------------------------------------------------------
FROM node:20-slim AS runtime
ENV NODE_ENV=production \
    PORT=3000
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY --from=deps /app/package.json ./package.json
COPY --from=build /out/ ./
# The embedded PGlite database and local files live in data/ when DATABASE_URL is not set.
RUN mkdir -p /app/data && chown node:node /app/data
USER node
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=5s --start-period=20s --retries=5 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "server/dist/main.js"]
