#!/usr/bin/env python3
"""The README shows the main example of each construct in TypeScript, Python and Java.

A TypeScript example followed by the line `<!-- python -->` gets, right after that marker, a visible Python block and
a collapsed Java block: jsii-rosetta's translations of exactly that example (from .jsii.tabl.json, which
`npx projen build` writes).

  python3 scripts/readme_translations.py --write   # insert/refresh the blocks (then commit README.md)
  python3 scripts/readme_translations.py           # check that every marked example's blocks are current
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
    r'(?P<py>\n(?:<details><summary>Python</summary>\n\n```python\n.*?```\n\n</details>\n'
    r'|Python:\n\n```python\n.*?```\n\n<details><summary>Java</summary>\n\n```java\n.*?```\n\n</details>\n))?',
    re.S,
)


def python_block(ts: str) -> str:
    snippet = by_source.get(ts.strip())
    if snippet is None:
        raise SystemExit('readme_translations: a marked README example is not in .jsii.tabl.json: run jsii-rosetta (npx projen build) first')
    python = snippet['translations']['python']['source'].rstrip() + '\n'
    java = snippet['translations']['java']['source'].rstrip() + '\n'
    return (f'\nPython:\n\n```python\n{python}```\n\n'
            f'<details><summary>Java</summary>\n\n```java\n{java}```\n\n</details>\n')


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
    print(f'readme_translations: {count} Python and Java blocks written')
    sys.exit(0)
for s in stale:
    print(f'readme_translations: the Python block after the example ending "{s}" is missing or stale: run python3 scripts/readme_translations.py --write')
print(f'readme_translations: {count} marked examples, {len(stale)} stale')
sys.exit(1 if stale or count == 0 else 0)
