#!/usr/bin/env bash
# The newest lane: what a user who runs `cdk init` today installs (versions: .projenrc.ts CDK_NEWEST*, passed in by the
# test:newest task).
# 1. src/ and test/newest/ compile against the newest aws-cdk-lib; the unit tests and test/newest/ (cdk-nag 3 as a
#    validation plugin, every app synthesized with every recommended feature flag) pass with it.
# 2. A new `cdk init app --language typescript` app (its cdk.json holds the recommended flags, its build is the
#    template's own TypeScript and tsx) installs the packed library from dist/js, and the real CLI synthesizes each
#    example app in it. Any error, warning or validation finding fails the lane.
source "$(dirname "$0")/lane.sh"
: "${CDK_NEWEST:?run through npx projen test:newest}" "${CDK_NEWEST_CLI:?}" "${CDK_NAG_V3:?}"
echo "newest: aws-cdk-lib ${CDK_NEWEST}, aws-cdk CLI ${CDK_NEWEST_CLI} (in ${tmp})"
lane_install "aws-cdk-lib@${CDK_NEWEST}" "constructs@^10" "aws-cdk@${CDK_NEWEST_CLI}"
test "$(lane_version aws-cdk-lib)" = "$CDK_NEWEST"
test "$(lane_version aws-cdk)" = "$CDK_NEWEST_CLI"

lane_compile 'test/newest/**/*.ts'
echo "newest: src/ and test/newest/ compile against aws-cdk-lib ${CDK_NEWEST}"
lane_jest '["/node_modules/", "\\.snapshot/", "/cdk\\.out/"]'
echo "newest: unit tests and test/newest/ pass against aws-cdk-lib ${CDK_NEWEST}"

# 2. A brand-new cdk init app, as a user makes one.
tarball=$(ls "$root"/dist/js/cdk-trusted-identity@*.jsii.tgz 2>/dev/null | head -1 || true)
if [ -z "$tarball" ]; then
  (cd "$root" && npx projen compile >/dev/null && npx projen package:js >/dev/null)
  tarball=$(ls "$root"/dist/js/cdk-trusted-identity@*.jsii.tgz | head -1)
fi
export CDK_DISABLE_CLI_TELEMETRY=true
app="$tmp/my-app"
mkdir "$app"
cd "$app"
"$mods/.bin/cdk" init app --language typescript --generate-only --lib-version "$CDK_NEWEST" >/dev/null
node -e 'const p = require("./package.json"); if (p.devDependencies["aws-cdk"] !== process.argv[1]) throw new Error("cdk init pinned aws-cdk " + p.devDependencies["aws-cdk"]);' "$CDK_NEWEST_CLI"
npm install --no-audit --no-fund --loglevel=error "$tarball" "cdk-nag@${CDK_NAG_V3}" >/dev/null
echo "newest: cdk init app with aws-cdk-lib $(node -p 'require("aws-cdk-lib/package.json").version'), cdk-trusted-identity from $(basename "$tarball")"
for example in "$root"/examples/*.ts; do
  name=$(basename "$example" .ts)
  sed "s#from '../src'#from 'cdk-trusted-identity'#" "$example" > "bin/$name.ts"
  # The same app with cdk-nag 3's AwsSolutions pack, registered the way cdk-nag's README shows.
  { echo "import { Validations as NagValidations } from 'aws-cdk-lib';"; echo "import { AwsSolutionsChecks } from 'cdk-nag';"
    sed 's#^app.synth();$#NagValidations.of(app).addPlugins(new AwsSolutionsChecks(app));\napp.synth();#' "bin/$name.ts"; } > "bin/$name-nag.ts"
  grep -q AwsSolutionsChecks\(app\) "bin/$name-nag.ts"
done
rc=0
for example in "$root"/examples/*.ts; do
  name=$(basename "$example" .ts)
  # The template's own app command (type-check with its TypeScript, run with tsx), pointed at this example.
  cmd=$(node -p 'require("./cdk.json").app.replace(/bin\/[^ ]+\.ts$/, process.argv[1])' "bin/$name.ts")
  out=$(npx cdk synth --no-notices --quiet --app "$cmd" 2>&1) || { rc=1; echo "$out"; echo "newest: FAILED cdk synth of examples/$name.ts"; continue; }
  if [ -n "$(printf '%s' "$out" | grep -v '^\s*$' || true)" ]; then
    rc=1; echo "$out"; echo "newest: cdk synth of examples/$name.ts printed the above (errors, warnings or findings)"
  else
    echo "newest: cdk synth of examples/$name.ts: clean"
  fi
  # The installed package's command on what the CLI just wrote: the aspect's verdict (no finding), exit code 0.
  if out=$(npx --no cdk-trusted-identity audit cdk.out 2>&1); then
    echo "newest: cdk-trusted-identity audit cdk.out of examples/$name.ts: $(printf '%s' "$out" | tail -1)"
  else
    rc=1; echo "$out"; echo "newest: FAILED cdk-trusted-identity audit cdk.out of examples/$name.ts"
  fi
  # With cdk-nag 3: findings on the example's own resources (e.g. an AWS managed policy on a role) are the example's;
  # none may sit on a resource the library created.
  cmd=$(node -p 'require("./cdk.json").app.replace(/bin\/[^ ]+\.ts$/, process.argv[1])' "bin/$name-nag.ts")
  rm -rf cdk.out
  npx cdk synth --no-notices --quiet --app "$cmd" >/dev/null 2>&1 || true
  if node "$root/scripts/library-findings.js" cdk.out; then
    echo "newest: cdk synth of examples/$name.ts with cdk-nag 3: nothing on library resources"
  else
    rc=1; echo "newest: FAILED cdk-nag 3 findings on library resources in examples/$name.ts"
  fi
done
exit $rc
