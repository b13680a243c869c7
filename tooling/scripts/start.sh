#!/usr/bin/env bash
# Quick start: install, build, and run Tessera (API + SPA) on http://localhost:${PORT:-3000}
# with the embedded database in ./.data. Stop with Ctrl+C.
set -euo pipefail
cd "$(dirname "$0")/../.."
bash tooling/scripts/setup.sh
echo "› building"
pnpm build
echo "› starting on http://localhost:${PORT:-3000}"
exec pnpm start
