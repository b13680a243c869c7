#!/usr/bin/env bash
# Validates docker/ without a Docker engine, on a plain Debian machine (apt and npm registries only):
#   - compose.yaml with `docker compose config` or Debian's docker-compose (installed when missing
#     and running as root), with and without the "web" profile;
#   - the Dockerfiles' shape (stages, non-root final user, HEALTHCHECK, files they COPY from docker/);
#   - the Helm chart with `helm lint` + `helm template` when helm is on PATH (Debian has no helm
#     package), else Chart.yaml/values.yaml parse and every template's blocks balance.
# Exits non-zero on the first invalid file.
set -euo pipefail
cd "$(dirname "$0")/.."

fail() { echo "✗ $*" >&2; exit 1; }
ok() { echo "✓ $*"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo "$@"; else return 1; fi; }
apt_install() {
  export DEBIAN_FRONTEND=noninteractive
  as_root apt-get install -y -qq --no-install-recommends "$@" >/dev/null 2>&1 \
    || { as_root apt-get update -qq >/dev/null && as_root apt-get install -y -qq --no-install-recommends "$@" >/dev/null; }
}

# --- compose ---------------------------------------------------------------------------------------
compose=()
if docker compose version >/dev/null 2>&1; then
  compose=(docker compose)
elif command -v docker-compose >/dev/null 2>&1; then
  compose=(docker-compose)
else
  echo "› installing Debian's docker-compose to validate docker/compose.yaml"
  apt_install docker-compose || fail "docker compose is missing and could not be installed (run as root, or apt-get install docker-compose)"
  compose=(docker-compose)
fi
# Validation must not depend on a developer's environment or docker/.env.
env -i PATH="$PATH" HOME="${HOME:-/root}" "${compose[@]}" -f docker/compose.yaml config -q \
  || fail "docker/compose.yaml is invalid (${compose[*]} config)"
env -i PATH="$PATH" HOME="${HOME:-/root}" "${compose[@]}" -f docker/compose.yaml --profile web config -q \
  || fail "docker/compose.yaml is invalid with --profile web"
services=$(env -i PATH="$PATH" HOME="${HOME:-/root}" "${compose[@]}" -f docker/compose.yaml --profile web config --services | sort | tr '\n' ' ')
[ "$services" = "api postgres redis web " ] || fail "compose services are \"$services\", expected api postgres redis web"
ok "docker/compose.yaml ($("${compose[@]}" version --short 2>/dev/null || echo "${compose[*]}"))"

# --- Dockerfiles -----------------------------------------------------------------------------------
check_dockerfile() {
  local file=$1
  [ -f "$file" ] || fail "$file is missing"
  grep -qE '^FROM ' "$file" || fail "$file has no FROM"
  # The final stage: everything after the last FROM.
  local final
  final=$(awk '/^FROM /{buf=""} {buf=buf $0 "\n"} END{printf "%s", buf}' "$file")
  grep -qE '^HEALTHCHECK ' <<<"$final" || fail "$file: the final stage has no HEALTHCHECK"
  grep -qE '^EXPOSE ' <<<"$final" || fail "$file: the final stage has no EXPOSE"
  if grep -qE '^USER ' <<<"$final"; then
    grep -E '^USER ' <<<"$final" | tail -1 | grep -qvE '^USER (root|0)(:|$)' || fail "$file: the final stage runs as root"
  elif ! grep -qE '^FROM nginxinc/nginx-unprivileged' <<<"$final"; then
    fail "$file: the final stage sets no non-root USER"
  fi
  # Files copied from the build context under docker/ must exist.
  local src
  while read -r src; do
    [ -e "$src" ] || fail "$file copies $src, which does not exist"
  done < <(grep -E '^COPY ' "$file" | grep -v -- '--from=' | tr ' ' '\n' | grep -E '^docker/' || true)
  ok "$file"
}
check_dockerfile docker/api.Dockerfile
check_dockerfile docker/web.Dockerfile
grep -q 'apps/api/dist/main.js' docker/api.Dockerfile || fail "docker/api.Dockerfile does not start apps/api/dist/main.js"

# --- Helm chart ------------------------------------------------------------------------------------
chart=docker/helm/tessera
if command -v helm >/dev/null 2>&1; then
  helm lint --strict "$chart" >/dev/null || { helm lint --strict "$chart"; fail "helm lint $chart"; }
  helm template t "$chart" >/dev/null || fail "helm template $chart (defaults)"
  helm template t "$chart" --set ingress.enabled=true --set autoscaling.enabled=true \
    --set secret.existingSecret= --set secret.create=true --set secret.databaseUrl=postgres://u:p@db/t >/dev/null \
    || fail "helm template $chart (ingress, hpa, chart-made secret)"
  ok "$chart (helm lint, helm template)"
else
  command -v python3 >/dev/null 2>&1 && python3 -c 'import yaml' 2>/dev/null || apt_install python3-yaml \
    || fail "python3-yaml is needed to check $chart without helm"
  python3 - "$chart" <<'PY' || fail "$chart is invalid"
import pathlib, re, sys, yaml

chart = pathlib.Path(sys.argv[1])
meta = yaml.safe_load((chart / "Chart.yaml").read_text())
for key in ("apiVersion", "name", "version", "appVersion"):
    assert meta.get(key), f"Chart.yaml has no {key}"
assert meta["apiVersion"] == "v2", "Chart.yaml apiVersion must be v2"
values = yaml.safe_load((chart / "values.yaml").read_text())
for path in ("image.repository", "replicaCount", "resources.requests", "resources.limits", "secret.existingSecret",
             "probes.liveness.path", "probes.readiness.path", "probes.startup.path", "securityContext.readOnlyRootFilesystem"):
    node = values
    for part in path.split("."):
        assert isinstance(node, dict) and part in node, f"values.yaml has no {path}"
        node = node[part]
required = {"deployment.yaml", "service.yaml", "ingress.yaml", "secret.yaml", "hpa.yaml", "_helpers.tpl", "NOTES.txt"}
present = {p.name for p in (chart / "templates").iterdir()}
assert required <= present, f"templates missing: {sorted(required - present)}"
action = re.compile(r"\{\{-?\s*(.*?)\s*-?\}\}", re.S)
for template in sorted((chart / "templates").iterdir()):
    text = template.read_text()
    assert text.count("{{") == text.count("}}"), f"{template.name}: unbalanced {{{{ }}}}"
    depth = 0
    for match in action.finditer(text):
        word = (match.group(1).split() or [""])[0]
        if word in ("if", "range", "with", "define", "block"):
            depth += 1
        elif word == "end":
            depth -= 1
            assert depth >= 0, f"{template.name}: {{{{ end }}}} without an opening block"
    assert depth == 0, f"{template.name}: {depth} block(s) never closed with {{{{ end }}}}"
    if template.suffix == ".yaml":
        # With the template actions blanked out, what is left must still be YAML-shaped text.
        for number, line in enumerate(text.splitlines(), 1):
            assert "\t" not in line, f"{template.name}:{number}: tab in YAML"
PY
  ok "$chart (structure; helm is not installable from Debian's apt, so helm lint was skipped)"
fi

echo "docker/ checks passed"
