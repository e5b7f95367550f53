# Shared by the CI lanes that run the library against another aws-cdk-lib than the dev pin (peer-floor.sh, newest.sh):
# install a release into a temporary folder (the project's lock file is not touched), compile src/ against it, and run
# the unit tests with aws-cdk-lib and constructs resolved from it. Source it; it sets $root, $tmp and $mods.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mods="$tmp/node_modules"

# lane_install <package@version>...: installs into $tmp.
lane_install() {
  (cd "$tmp" && echo '{"private":true}' > package.json \
    && npm install --no-audit --no-fund --loglevel=error "$@" >/dev/null)
}

# lane_version <package>: the version installed in $tmp.
lane_version() { node -p "require('$mods/$1/package.json').version"; }

# lane_compile [extra include glob]...: src/ (and the given files) compile against $tmp's aws-cdk-lib and constructs.
lane_compile() {
  local includes="\"$root/src/**/*.ts\""
  for g in "$@"; do includes="$includes, \"$root/$g\""; done
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
  "include": [$includes],
  "exclude": []
}
JSON
  (cd "$root" && npx tsc -p "$tmp/tsconfig.json")
}

# lane_jest [testPathIgnorePatterns JSON array]: the unit tests with aws-cdk-lib and constructs resolved from $tmp (in
# the tests, the library and the packages that import them, such as cdk-nag). Tests are type-checked by the main test
# run; here they are only transpiled. No coverage, no reports: the main run owns test-reports/.
lane_jest() {
  local ignore=${1:-}
  node -e '
const [root, mods, out, ignore] = process.argv.slice(1);
const base = require(root + "/package.json").jest;
const config = {
  rootDir: root,
  testMatch: base.testMatch,
  testPathIgnorePatterns: ignore ? JSON.parse(ignore) : base.testPathIgnorePatterns,
  clearMocks: true,
  transform: { "^.+\\.[t]sx?$": ["ts-jest", { tsconfig: out.replace(/jest.config.json$/, "tsconfig.jest.json") }] },
  moduleNameMapper: {
    "^aws-cdk-lib$": mods + "/aws-cdk-lib",
    "^aws-cdk-lib/(.*)$": mods + "/aws-cdk-lib/$1",
    "^constructs$": mods + "/constructs",
  },
};
require("fs").writeFileSync(out, JSON.stringify(config, null, 2));
' "$root" "$mods" "$tmp/jest.config.json" "$ignore"
  echo "{ \"extends\": \"$root/tsconfig.dev.json\", \"compilerOptions\": { \"isolatedModules\": true } }" > "$tmp/tsconfig.jest.json"
  (cd "$root" && npx jest --config "$tmp/jest.config.json" --ci --silent)
}
