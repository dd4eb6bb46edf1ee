#!/usr/bin/env bash
# `buf breaking` for the gRPC contracts in proto/: fails when the contract breaks clients written
# against its previous version (renumbered or removed fields, changed types, removed RPCs...).
#
# The previous version is
#   - HEAD, when proto/ has uncommitted changes (checking before a commit);
#   - else the parent of the last commit that changed proto/ (checking a commit, as in CI: the
#     proto may have changed in the very commit under test).
# Without git history to compare with (no .git, a shallow clone, or proto/ is new) it says so and
# passes: there is no earlier contract to break.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$repo_root"
buf="node_modules/.bin/buf"

skip() {
  echo "buf breaking: skipped, $1"
  exit 0
}

git rev-parse --git-dir >/dev/null 2>&1 || skip "not a git checkout"
git rev-parse --verify -q HEAD >/dev/null || skip "no commit yet"

if [ -n "$(git status --porcelain -- proto)" ]; then
  against="$(git rev-parse HEAD)"
  what="HEAD (proto/ has uncommitted changes)"
else
  last="$(git log -1 --format=%H -- proto 2>/dev/null || true)"
  [ -n "$last" ] || skip "proto/ has no history"
  if ! against="$(git rev-parse --verify -q "${last}^" 2>/dev/null)"; then
    if [ "$(git rev-parse --is-shallow-repository 2>/dev/null)" = "true" ]; then
      skip "shallow clone: the commit before ${last:0:12} is not fetched (fetch more history to check)"
    fi
    skip "proto/ was created by the first commit"
  fi
  what="${against:0:12}, the commit before the last change to proto/ (${last:0:12})"
fi

if ! git cat-file -e "$against:proto" 2>/dev/null; then
  skip "proto/ did not exist in ${against:0:12}: no earlier contract"
fi

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
git archive "$against" proto buf.yaml | tar -x -C "$tmp"
"$buf" breaking . --against "$tmp"
echo "buf breaking: proto/ is compatible with $what"
