#!/usr/bin/env python3
"""Checks the README examples in the other languages: every example compiled under jsii-rosetta (--strict) and was
translated to Python and Java, and each Python translation byte-compiles. (The wheel and the jar themselves are built
by `npx projen package:python` / `package:java` and exercised by `npx projen test:bindings`.)
"""
import json
import pathlib
import sys

root = pathlib.Path(__file__).resolve().parent.parent
errors = []
assembly = json.loads((root / '.jsii').read_text())

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
