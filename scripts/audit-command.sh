#!/usr/bin/env bash
# The audit command as the README shows it, on this clone (after the build compiled lib/): `npx cdk-trusted-identity
# audit <path>` runs the package's own bin. The open trust exits 1 (an error), the pinned one exits 0, and the
# SARIF output of both parses as SARIF 2.1.0 (the unit tests validate it against the schema).
set -uo pipefail
cd "$(dirname "$0")/.."
fixtures=test/fixtures/audit
rc=0
expect() {
  local want="$1"; shift
  out=$(npx --no cdk-trusted-identity "$@" 2>&1); got=$?
  echo "$out" | tail -3
  if [ "$got" -ne "$want" ]; then echo "audit-command: FAILED: exit $got (wanted $want): npx cdk-trusted-identity $*"; rc=1; fi
}
expect 1 audit "$fixtures/open-trust.yaml"
expect 0 audit "$fixtures/pinned-trust.yaml"
expect 2 audit "$fixtures/no-such-file.yaml"
sarif=$(npx --no cdk-trusted-identity audit "$fixtures" --format sarif)
node -e 'const s = JSON.parse(process.argv[1]); if (s.version !== "2.1.0" || s.runs[0].results.length !== 2) throw new Error("unexpected SARIF"); console.log("audit-command: SARIF 2.1.0, " + s.runs[0].results.length + " results")' "$sarif" || rc=1
[ "$rc" -eq 0 ] && echo "audit-command: npx cdk-trusted-identity audit behaves as the README says"
exit $rc
