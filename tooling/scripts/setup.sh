#!/usr/bin/env bash
# Installs what Tessera needs on a fresh Debian machine with Node 20.19+: pnpm and the workspace's
# dependencies; with --browser also Debian's Chromium for the browser tests. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/../.."

PNPM_VERSION=12.21.0

node_major_minor=$(node -p 'process.versions.node.split(".").slice(0,2).join(".")')
if ! node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)'; then
  echo "Tessera needs Node.js 20.19 or newer (found $node_major_minor)." >&2
  exit 1
fi

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else return 1; fi; }

if ! command -v pnpm >/dev/null 2>&1 || [ "$(pnpm --version 2>/dev/null)" != "$PNPM_VERSION" ]; then
  echo "› installing pnpm $PNPM_VERSION"
  npm install -g "pnpm@$PNPM_VERSION" >/dev/null 2>&1 || as_root npm install -g "pnpm@$PNPM_VERSION" >/dev/null
fi

echo "› installing dependencies"
CI=true pnpm install --frozen-lockfile

# Noto Sans CJK for Japanese, Chinese and Korean in the tracker's PDF report: Debian's package
# (91 MB, every CJK script in one collection) rather than npm's per-language ones (over 200 MB).
if [ ! -f /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc ] && command -v apt-get >/dev/null 2>&1; then
  echo "› installing Debian's fonts-noto-cjk for CJK text in PDF reports"
  if ! { as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends fonts-noto-cjk >/dev/null; }; then
    echo "  could not install fonts-noto-cjk (needs root or sudo): PDF reports will show CJK characters as �" >&2
  fi
fi

if [ "${1:-}" = "--browser" ]; then
  if [ -z "${CHROMIUM_PATH:-}" ] && ! command -v chromium >/dev/null 2>&1; then
    echo "› installing Chromium from Debian for the browser tests"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  fi
fi
