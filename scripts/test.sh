#!/usr/bin/env bash
# The whole test suite, as `npm test` and CI run it:
# type-check, lint/format check, renderer and command-line builds, vitest (unit + integration, real keychain in a private
# D-Bus session), Playwright e2e in Debian's Chromium, then one summary line.
set -uo pipefail
cd "$(dirname "$0")/.."
export ELECTRON_SKIP_BINARY_DOWNLOAD=1
rm -rf test-results
mkdir -p test-results
failed_steps=()

run_step() {
  local name=$1
  shift
  echo "── ${name}"
  if ! "$@"; then failed_steps+=("$name"); fi
}

run_step "type-check (tsc --strict)" npx tsc -p tsconfig.json --noEmit
run_step "lint + format (biome, warnings fail)" npx biome check --error-on-warnings .
run_step "renderer build (vite)" npx vite build --logLevel warn
# The e2e tests start bin/ongoing-specter-sync.mjs, which runs this bundle.
run_step "command-line bundle (vite)" npx vite build --config vite.cli.config.ts --logLevel warn
run_step "unit + integration (vitest)" bash scripts/with-keyring.sh \
  npx vitest run --reporter=default --reporter=json --outputFile.json=test-results/vitest.json
run_step "e2e (playwright, chromium)" bash scripts/with-keyring.sh npx playwright test

node scripts/test-summary.mjs || failed_steps+=("summary")
if ((${#failed_steps[@]})); then
  printf 'Failed steps: %s\n' "${failed_steps[*]}"
  exit 1
fi
