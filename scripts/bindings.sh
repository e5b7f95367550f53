#!/usr/bin/env bash
# Python and Java users, for real. Installs the wheel and the jar that `npx projen build` made (dist/python,
# dist/java) the way users do, next to aws-cdk-lib from PyPI / Maven Central at the TypeScript build's version; then:
# the every-construct app in Python, through the CDK CLI too, and in Java, each template compared with the TypeScript
# app's (test/gates/every-construct.ts); pytest (test/python); the Java bad-input check (test/java).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
: "${CDK_DEV_VERSION:?run through npx projen test:bindings}"
wheel=$(ls dist/python/cdk_trusted_identity-*.whl 2>/dev/null | head -1 || true)
[ -n "$wheel" ] && [ -d dist/java/io ] || { echo "bindings: no wheel or jar in dist/: run npx projen build first"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION=20 CDK_DISABLE_CLI_TELEMETRY=true
compare() { python3 scripts/compare-templates.py "$tmp/ts/EveryConstruct.template.json" "$1/EveryConstruct.template.json"; }

# The TypeScript app, the reference.
CDK_OUTDIR="$tmp/ts" TS_NODE_TRANSPILE_ONLY=true npx ts-node --project tsconfig.dev.json test/gates/synth.ts

# Python: a new virtual environment, as a user makes one, and the README's pip line verbatim, with the built wheel as
# the place pip finds cdk-trusted-identity (aws-cdk-lib comes from PyPI, at the TypeScript build's version).
readme_pip=$(grep -m1 '^pip install ' README.md)
python3 -m venv "$tmp/venv"
echo "bindings: $readme_pip"
read -ra words <<< "$readme_pip"
"$tmp/venv/bin/${words[0]}" "${words[@]:1}" --quiet --disable-pip-version-check --find-links dist/python "aws-cdk-lib==${CDK_DEV_VERSION}" pytest
test "$("$tmp/venv/bin/pip" show cdk-trusted-identity | sed -n 's/^Version: //p')" = "$(node -p 'require("./package.json").version')"
echo "bindings: Python $("$tmp/venv/bin/python" --version | cut -d' ' -f2), aws-cdk-lib $("$tmp/venv/bin/pip" show aws-cdk-lib | sed -n 's/^Version: //p'), $(basename "$wheel")"
(cd test/python && CDK_OUTDIR="$tmp/py" "$tmp/venv/bin/python" app.py)
echo "bindings: the Python app's template against the TypeScript app's:"; compare "$tmp/py"
# The same app through the (pinned 2.x) CDK CLI.
(cd test/python && PATH="$tmp/venv/bin:$PATH" npx cdk synth --app "python3 app.py" --no-notices --quiet --output "$tmp/cli")
echo "bindings: cdk synth --app \"python3 app.py\" against the TypeScript app's:"; compare "$tmp/cli"
(cd test/python && "$tmp/venv/bin/python" -m pytest -q -p no:cacheprovider)

# Java: a Maven project that depends on the jar (dist/java is a Maven file repository) and on aws-cdk-lib, with the
# README's <dependency> verbatim.
python3 - <<'PY'
import re
readme = open('README.md').read()
block = re.search(r'```xml\n(<dependency>.*?</dependency>)\n```', readme, re.S).group(1)
squash = lambda t: re.sub(r'\s+', '', t)
assert squash(block) in squash(open('test/java/pom.xml').read()), "test/java/pom.xml lacks the README's <dependency>"
print('bindings: the README\'s Maven <dependency> is in test/java/pom.xml')
PY
mvn=(mvn -B -q -f test/java/pom.xml "-Dmaven.repo.local=$root/.maven-repo" "-Dcdk.version=${CDK_DEV_VERSION}")
"${mvn[@]}" compile
CDK_OUTDIR="$tmp/java" "${mvn[@]}" exec:java
echo "bindings: the Java app's template against the TypeScript app's:"; compare "$tmp/java"
"${mvn[@]}" exec:java -Dexec.mainClass=example.BadInput
