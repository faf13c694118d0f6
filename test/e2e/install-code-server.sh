#!/usr/bin/env bash
# Installs code-server (VS Code 1.100.3 as a web server, the last release that runs on Node 20) from npm into a
# cache folder outside the repository, for test/e2e/run.mjs. Idempotent: does nothing when it is there and runs.
# Needs the apt packages libkrb5-dev and pkg-config (the kerberos module builds from source) and ripgrep (its `rg`
# replaces the binary @vscode/ripgrep would download from GitHub, which is not reachable here).
set -euo pipefail

version="4.100.3"
ripgrep_package_version="1.15.11"
ripgrep_asset="ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz"

home="${SHIPSHAPE_E2E_HOME:-$HOME/.cache/shipshape-e2e}"
prefix="$home/code-server-$version"
entry="$prefix/node_modules/code-server/out/node/entry.js"

if [ -f "$entry" ] && node "$entry" --version >/dev/null 2>&1; then
	echo "code-server $version: already installed in $prefix"
	exit 0
fi

for tool in rg pkg-config krb5-config; do
	if ! command -v "$tool" >/dev/null; then
		echo "install-code-server: '$tool' is missing; apt-get install ripgrep pkg-config libkrb5-dev" >&2
		exit 1
	fi
done

# @vscode/ripgrep's postinstall uses "$TMPDIR/vscode-ripgrep-cache-<its version>/<asset>" when it exists instead of
# downloading, and expects the archive to hold `rg` at its top level (it runs `tar xvf <asset> -C <its bin dir>`).
ripgrep_cache="${TMPDIR:-/tmp}/vscode-ripgrep-cache-$ripgrep_package_version"
if [ ! -s "$ripgrep_cache/$ripgrep_asset" ]; then
	staging="$(mktemp -d)"
	trap 'rm -rf "$staging"' EXIT
	cp "$(command -v rg)" "$staging/rg"
	mkdir -p "$ripgrep_cache"
	tar -czf "$ripgrep_cache/$ripgrep_asset" -C "$staging" rg
fi

started=$(date +%s)
mkdir -p "$prefix"
# Root installs: code-server's postinstall refuses to run as root without unsafe-perm, and node-pty's build
# runs `npx node-gyp`, which would otherwise stop to ask.
npm_config_unsafe_perm=true npm_config_yes=true \
	npm install --prefix "$prefix" --no-audit --no-fund --no-save "code-server@$version"

node "$entry" --version
echo "code-server $version: installed in $prefix in $(( $(date +%s) - started )) s"
