#!/usr/bin/env bash
# Run every fuzz target for a bounded time: fuzz/run.sh [SECONDS per target, default 60]
# Needs cargo-fuzz (`cargo install cargo-fuzz`); on stable Rust it runs with RUSTC_BOOTSTRAP=1.
# Crashes land in fuzz/artifacts/<target>/; copy each into tests/testsuite/fixtures/fuzz/<target>/
# so the regression test replays it in the normal test run.
set -euo pipefail
cd "$(dirname "$0")"
seconds="${1:-60}"
export RUSTC_BOOTSTRAP=1
for target in load_yaml render_text my_domain; do
  mkdir -p "corpus/$target"
  # Seed the corpus with the shipped content and fixtures.
  case "$target" in
    load_yaml) find ../content ../tests/testsuite/fixtures -name '*.yaml' -size -64k -exec cp {} "corpus/$target/" \; 2>/dev/null || true ;;
    my_domain) printf 'acme' > corpus/my_domain/a; printf 'https://acme--uat.sandbox.my.salesforce.com/x' > corpus/my_domain/b ;;
    render_text) printf 'Go to [x](https://y) `c`\n\n```bash\nz\n```\0Smith & <b>' > corpus/render_text/a ;;
  esac
  echo "== $target for ${seconds}s"
  cargo fuzz run "$target" "corpus/$target" -- -max_total_time="$seconds" -rss_limit_mb=1024 -timeout=5
done
