#!/usr/bin/env bash
# Install the peer tools of bench/run.py into target/bench-tools/ (not committed):
# mdBook 0.5.4 (about 3 minutes on 2 cores) and textlint with textlint-rule-terminology.
set -euo pipefail
cd "$(dirname "$0")/.."
tools=target/bench-tools
if [ ! -x "$tools/bin/mdbook" ]; then
  cargo install mdbook --version 0.5.4 --locked --root "$tools"
fi
if [ ! -x "$tools/node_modules/.bin/textlint" ]; then
  npm install --prefix "$tools" --no-audit --no-fund --loglevel=error \
    textlint@15.8.0 textlint-rule-terminology@5.2.16
fi
