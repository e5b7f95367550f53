#!/usr/bin/env python3
"""Checks the Python and Java bindings as far as this machine can (no PyPI, no Maven Central):

- the generated Python package (dist/code-only/python, from `jsii-pacmak --code-only`) byte-compiles;
- the generated Java sources exist for every exported type;
- every README example compiled under jsii-rosetta (--strict) and was translated to Python and Java, and each Python
  translation byte-compiles.

A full compile against aws-cdk-lib's Python/Java packages and the jsii runtimes needs PyPI and Maven Central and runs
in the release job only (`npx projen package:release`).
"""
import compileall
import json
import pathlib
import sys

root = pathlib.Path(__file__).resolve().parent.parent
errors = []

python = root / 'dist' / 'code-only' / 'python'
if not python.is_dir():
    errors.append(f'{python} is missing: run `npx projen package-all` first')
elif not compileall.compile_dir(str(python), quiet=1, force=True):
    errors.append('the generated Python package does not byte-compile')

java = root / 'dist' / 'code-only' / 'java'
assembly = json.loads((root / '.jsii').read_text())
java_files = {p.stem for p in java.rglob('*.java')} if java.is_dir() else set()
for fqn, t in assembly.get('types', {}).items():
    if t['name'] not in java_files:
        errors.append(f'no generated Java source for {fqn}')

tablet = root / '.jsii.tabl.json'
snippets = json.loads(tablet.read_text())['snippets'] if tablet.exists() else {}
if not snippets:
    errors.append(f'{tablet} has no README examples: run jsii-rosetta first')
for key, s in snippets.items():
    where = s.get('location', {}).get('field', {}).get('line', key)
    if not s.get('didCompile'):
        errors.append(f'README example at line {where} did not compile')
    for lang in ('python', 'java'):
        if lang not in s.get('translations', {}):
            errors.append(f'README example at line {where} has no {lang} translation')
    source = s.get('translations', {}).get('python', {}).get('source')
    if source is not None:
        try:
            compile(source, f'README example (line {where}, Python)', 'exec')
        except SyntaxError as e:
            errors.append(f'Python translation of the README example at line {where}: {e}')

for e in errors:
    print(f'check:bindings: {e}')
print(f'check:bindings: {len(snippets)} README examples translated to Python and Java, '
      f'{len(assembly.get("types", {}))} types, {len(errors)} problems')
sys.exit(1 if errors else 0)
