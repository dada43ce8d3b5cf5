#!/usr/bin/env bash
# Installs the Debian packages the test suite needs when they are missing:
#   chromium    the real browser the browser tests drive (never `playwright install`)
#   bubblewrap  the sandbox `csto grade` runs untrusted submissions in
#   npm         installs configurable-http-proxy into hub/ for the local JupyterHub (make hub),
#               and the course website's widget renderer (book/package.json, make site)
#   python3-venv  the hub's course environment is a venv of /usr/bin/python3 (learners run it)
set -euo pipefail
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v bwrap >/dev/null 2>&1 || missing+=(bubblewrap)
command -v npm >/dev/null 2>&1 || missing+=(npm)
/usr/bin/python3 -c "import ensurepip, venv" >/dev/null 2>&1 || missing+=(python3-venv)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "Missing Debian packages: ${missing[*]}." >&2
  echo "Install them with: sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
echo "Installing Debian packages: ${missing[*]}"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
