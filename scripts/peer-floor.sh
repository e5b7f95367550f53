#!/usr/bin/env bash
# Proves the lowest aws-cdk-lib the README states (package.json peerDependencies): compiles src/ and runs the unit
# tests against exactly that release, installed into a temporary folder (the project's lock file is not touched).
# A change that needs a newer aws-cdk-lib fails here instead of silently raising the floor.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
# PEER_FLOOR=<version> tries another release (e.g. one below the floor, to see this check fail).
floor=${PEER_FLOOR:-$(node -p "require('./package.json').peerDependencies['aws-cdk-lib'].replace(/^[\\^~]/, '')")}
constructs=$(node -p "require('./package.json').peerDependencies.constructs.replace(/^[\\^~]/, '')")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
echo "peer floor: aws-cdk-lib ${floor}, constructs ${constructs} (in ${tmp})"
(cd "$tmp" && echo '{"private":true}' > package.json \
  && npm install --no-audit --no-fund --loglevel=error "aws-cdk-lib@${floor}" "constructs@${constructs}" >/dev/null)
mods="$tmp/node_modules"
test "$(node -p "require('$mods/aws-cdk-lib/package.json').version")" = "$floor"

# 1. src/ compiles against the floor's type definitions.
cat > "$tmp/tsconfig.json" <<JSON
{
  "extends": "$root/tsconfig.dev.json",
  "compilerOptions": {
    "noEmit": true,
    "typeRoots": ["$root/node_modules/@types"],
    "paths": {
      "aws-cdk-lib": ["$mods/aws-cdk-lib"], "aws-cdk-lib/*": ["$mods/aws-cdk-lib/*"],
      "constructs": ["$mods/constructs"]
    }
  },
  "include": ["$root/src/**/*.ts"],
  "exclude": []
}
JSON
npx tsc -p "$tmp/tsconfig.json"
echo "peer floor: src/ compiles against aws-cdk-lib ${floor}"

# 2. The unit tests pass with aws-cdk-lib and constructs resolved from the floor (tests are type-checked by the main
#    test run; here they are only transpiled). No coverage, no reports: the main run owns test-reports/.
node -e '
const [root, mods, out] = process.argv.slice(1);
const base = require(root + "/package.json").jest;
const config = {
  rootDir: root,
  testMatch: base.testMatch,
  testPathIgnorePatterns: base.testPathIgnorePatterns,
  clearMocks: true,
  transform: { "^.+\\.[t]sx?$": ["ts-jest", { tsconfig: out.replace(/jest.config.json$/, "tsconfig.jest.json") }] },
  moduleNameMapper: {
    "^aws-cdk-lib$": mods + "/aws-cdk-lib",
    "^aws-cdk-lib/(.*)$": mods + "/aws-cdk-lib/$1",
    "^constructs$": mods + "/constructs",
  },
};
require("fs").writeFileSync(out, JSON.stringify(config, null, 2));
' "$root" "$mods" "$tmp/jest.config.json"
echo "{ \"extends\": \"$root/tsconfig.dev.json\", \"compilerOptions\": { \"isolatedModules\": true } }" > "$tmp/tsconfig.jest.json"
npx jest --config "$tmp/jest.config.json" --ci --silent
echo "peer floor: unit tests pass against aws-cdk-lib ${floor}"
