#!/usr/bin/env python3
"""The README shows the main example of each construct in TypeScript and Python.

A TypeScript example followed by the line `<!-- python -->` gets a collapsed Python block right after that marker:
jsii-rosetta's Python translation of exactly that example (from .jsii.tabl.json, which `npx projen build` writes).

  python3 scripts/readme_python.py --write   # insert/refresh the Python blocks (then commit README.md)
  python3 scripts/readme_python.py           # check that every marked example's Python block is current
"""
import json
import pathlib
import re
import sys

root = pathlib.Path(__file__).resolve().parent.parent
readme_path = root / 'README.md'
tablet = json.loads((root / '.jsii.tabl.json').read_text())['snippets']
by_source = {s['translations']['$']['source'].strip(): s for s in tablet.values()}

MARKED = re.compile(
    r'(```ts\n(?P<ts>(?:(?!```).)*?)```\n<!-- python -->\n)'
    r'(?P<py>\n<details><summary>Python</summary>\n\n```python\n.*?```\n\n</details>\n)?',
    re.S,
)


def python_block(ts: str) -> str:
    snippet = by_source.get(ts.strip())
    if snippet is None:
        raise SystemExit('readme_python: a marked README example is not in .jsii.tabl.json: run jsii-rosetta (npx projen build) first')
    source = snippet['translations']['python']['source'].rstrip() + '\n'
    return f'\n<details><summary>Python</summary>\n\n```python\n{source}```\n\n</details>\n'


readme = readme_path.read_text()
stale = []


def refresh(m: re.Match) -> str:
    wanted = python_block(m.group('ts'))
    if m.group('py') != wanted:
        stale.append(m.group('ts').splitlines()[-1][:60] if m.group('ts').strip() else '?')
    return m.group(1) + wanted


updated, count = MARKED.subn(refresh, readme)
if '--write' in sys.argv:
    readme_path.write_text(updated)
    print(f'readme_python: {count} Python blocks written')
    sys.exit(0)
for s in stale:
    print(f'readme_python: the Python block after the example ending "{s}" is missing or stale: run python3 scripts/readme_python.py --write')
print(f'readme_python: {count} marked examples, {len(stale)} stale')
sys.exit(1 if stale or count == 0 else 0)
