#!/usr/bin/env bash
# cfn-lint (the CloudFormation linter users run in their pipelines) over the templates the project synthesizes:
# the committed integ snapshots. Fails on any error; prints warnings.
#
# Ignored, and nothing else: E3006 ("Resource type ... does not exist") for AWS::SSO::TrustedTokenIssuer only.
# CloudFormation added that type in 2026-11; the linter's bundled schemas (cfn-lint 1.51 on the development machines)
# predate it. Every other finding on that resource, and E3006 for any other type, still fails.
# Install the linter with `pip install cfn-lint` where it is missing.
set -uo pipefail
cd "$(dirname "$0")/.."
command -v cfn-lint >/dev/null || { echo "cfn-lint is not installed: pip install cfn-lint"; exit 1; }
templates=("$@")
[ ${#templates[@]} -gt 0 ] || templates=(test/*.snapshot/*.template.json)
out=$(cfn-lint --format parseable -- "${templates[@]}")
findings=$(printf '%s\n' "$out" | grep -v "^$" | grep -vE ":E3006:Resource type 'AWS::SSO::TrustedTokenIssuer' does not exist" || true)
[ -n "$findings" ] && printf '%s\n' "$findings"
errors=$(printf '%s\n' "$findings" | grep -cE ':E[0-9]{4}:' || true)
echo "cfn-lint: ${#templates[@]} templates, ${errors} errors"
[ "$errors" -eq 0 ]
