#!/usr/bin/env bash
# cfn-lint (the CloudFormation linter users run in their pipelines) over the templates the project synthesizes:
# the committed integ snapshots, the example apps and the every-construct gate app. Fails on any error or
# warning; the warnings that come from aws-cdk-lib's own output are listed, with reasons, in .cfnlintrc.yaml.
#
# Filtered here, and nothing else: E3006 ("Resource type ... does not exist") for AWS::SSO::TrustedTokenIssuer only.
# CloudFormation added that type in 2026-11; the linter's bundled schemas (cfn-lint 1.51 on the development machines)
# predate it. Every other finding on that resource, and E3006 for any other type, still fails.
# Install the linter with `pip install cfn-lint` where it is missing.
set -uo pipefail
cd "$(dirname "$0")/.."
command -v cfn-lint >/dev/null || { echo "cfn-lint is not installed: pip install cfn-lint"; exit 1; }
templates=("$@")
if [ ${#templates[@]} -eq 0 ]; then
  # Everything the project synthesizes: the integ snapshots, every example app, and the every-construct gate app.
  out=$(mktemp -d)
  trap 'rm -rf "$out"' EXIT
  for app in examples/*.ts test/gates/synth.ts; do
    name=$(basename "$(dirname "$app")")-$(basename "$app" .ts)
    CDK_OUTDIR="$out/$name" TS_NODE_TRANSPILE_ONLY=true npx ts-node --project tsconfig.dev.json "$app" >/dev/null \
      || { echo "cfn-lint: could not synthesize $app"; exit 1; }
  done
  templates=(test/*.snapshot/*.template.json "$out"/*/*.template.json)
fi
# integ-tests-alpha's assertion stacks (*DeployAssert*) are test scaffolding, never part of a user's app. Their
# `invokeFunction` assertion grants the action "lambda:Invoke" next to "lambda:InvokeFunction" (integ-tests-alpha's
# output, W3037 "not a valid action"): ignored in those stacks only.
library=(); assertions=()
for t in "${templates[@]}"; do
  case "$t" in *DeployAssert*) assertions+=("$t") ;; *) library+=("$t") ;; esac
done
out=$(
  [ ${#library[@]} -eq 0 ] || cfn-lint --format parseable -- "${library[@]}"
  [ ${#assertions[@]} -eq 0 ] || cfn-lint --format parseable --ignore-checks W3037 -- "${assertions[@]}"
)
findings=$(printf '%s\n' "$out" | grep -v "^$" | grep -vE ":E3006:Resource type 'AWS::SSO::TrustedTokenIssuer' does not exist" || true)
[ -n "$findings" ] && printf '%s\n' "$findings"
errors=$(printf '%s\n' "$findings" | grep -cE ':[EW][0-9]{4}:' || true)
echo "cfn-lint: ${#templates[@]} templates, ${errors} errors and warnings"
[ "$errors" -eq 0 ]
