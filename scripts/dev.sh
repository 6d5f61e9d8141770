#!/usr/bin/env bash
# Set up a local environment (once) and serve, build or test the site.
#
#   bash scripts/dev.sh serve   # set up, then preview at http://127.0.0.1:8000/ with live reload (guidance serve)
#   bash scripts/dev.sh build   # set up, then build the site into site/ (strict: warnings fail) with its downloads (guidance build)
#   bash scripts/dev.sh test    # set up (incl. system packages the tests need), then run every check and test
#   bash scripts/dev.sh check   # set up only what the content checks need, then run them (guidance check; CI's first job)
#   bash scripts/dev.sh setup   # set up for building, and stop (the deploy workflow, which then runs guidance build)
#
# Needs Python 3.11+ (python3) on Debian/Ubuntu. Creates .venv/ in the project folder. Options after
# the command go to guidance (serve --dev-addr, build --site-dir, check --format github) or pytest (test).
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
VENV=.venv
export NO_MKDOCS_2_WARNING=1   # Material's end-of-life notice; we pin mkdocs<2 on purpose.

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

setup_python() {
  "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
    || { echo "Python 3.11 or newer is needed (found: $("$PYTHON" --version 2>&1))." >&2; exit 1; }
  if [ ! -x "$VENV/bin/python" ]; then
    "$PYTHON" -m venv "$VENV" 2>/dev/null || {
      echo "Creating a virtual environment failed; installing python3-venv…" >&2
      as_root apt-get update -qq && as_root apt-get install -y -qq python3-venv
      "$PYTHON" -m venv "$VENV"
    }
  fi
  # Reinstall only when the dependency list changed; the test extra holds the check extra.
  local hash stamp
  hash=$(sha256sum pyproject.toml | cut -c1-16)
  stamp="$VENV/.installed-$hash-$1"
  if [ ! -f "$stamp" ] && [ ! -f "$VENV/.installed-$hash-test" ]; then
    "$VENV/bin/python" -m pip install -q --upgrade pip
    "$VENV/bin/python" -m pip install -q -e ".[$1]"
    rm -f "$VENV"/.installed-*; touch "$stamp"
  fi
}

# System programs the test suite drives: hunspell and aspell (Welsh spell check), Chromium (browser
# tests), Node.js/npm (axe-core, injected into Chromium for the accessibility rules; Lighthouse, which
# drives Chromium itself: tests/lighthouse/audit.mjs); and the fonts the PDFs print with: Liberation
# Sans, metric-compatible with the Helvetica and Arial of Material's font list, so the Prompt card lays
# out as on readers' machines (Chromium alone brings only DejaVu).
# `setup_system spelling`: only what `guidance check` needs (hunspell, aspell-cy).
setup_system() {
  local missing=()
  command -v hunspell >/dev/null || missing+=(hunspell)
  command -v aspell >/dev/null || missing+=(aspell)
  [ -e /usr/lib/aspell/cy.multi ] || missing+=(aspell-cy)
  if [ "${1:-}" != spelling ]; then
    command -v npm >/dev/null || missing+=(nodejs npm)
    [ -x /usr/bin/chromium ] || missing+=(chromium)
    [ -e /usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf ] || missing+=(fonts-liberation2)
  fi
  if [ ${#missing[@]} -gt 0 ]; then
    echo "Installing ${missing[*]} (Debian packages)…" >&2
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
}

case "${1:-}" in
  serve)
    setup_python test
    exec "$VENV/bin/guidance" serve "${@:2}" ;;
  build)
    setup_system
    setup_python test
    # mkdocs build --strict, then the downloads the home page links to: a PDF per language, the offline copy
    exec "$VENV/bin/guidance" build "${@:2}" ;;
  setup)
    setup_system
    setup_python test ;;
  check)
    setup_system spelling
    setup_python check
    exec "$VENV/bin/guidance" check "${@:2}" ;;
  test)
    setup_system
    setup_python test
    # browser-side test tools, pinned by tests/package-lock.json
    [ tests/node_modules/.package-lock.json -nt tests/package-lock.json ] \
      || npm ci --prefix tests --no-audit --no-fund --loglevel=error
    "$VENV/bin/guidance" check
    exec "$VENV/bin/python" -m pytest "${@:2}" ;;
  *)
    sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
