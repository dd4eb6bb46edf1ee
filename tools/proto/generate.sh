#!/usr/bin/env bash
# Generates libs/proto/src/generated/ from proto/ with buf and the local
# ts-proto plugin.
#   tools/proto/generate.sh          lint, breaking check, then regenerate in place
#   tools/proto/generate.sh --check  lint, breaking check (tools/proto/breaking.sh),
#                                    regenerate into a temp dir and fail
#                                    if it differs from the committed output
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$repo_root"

buf="node_modules/.bin/buf"
generated="libs/proto/src/generated"

"$buf" lint
# Only additive changes: no client written against the previous contract may break.
bash tools/proto/breaking.sh

case "${1:-}" in
  "")
    "$buf" generate
    echo "generated $generated"
    ;;
  --check)
    tmp="$(mktemp -d)"
    trap 'rm -rf "$tmp"' EXIT
    # --output prefixes every `out:` of buf.gen.yaml with the temp dir.
    "$buf" generate --output "$tmp"
    if ! diff -ru "$generated" "$tmp/$generated"; then
      echo "error: $generated is out of date with proto/; run tools/proto/generate.sh and commit the result" >&2
      exit 1
    fi
    echo "$generated is up to date"
    ;;
  *)
    echo "usage: $0 [--check]" >&2
    exit 2
    ;;
esac
