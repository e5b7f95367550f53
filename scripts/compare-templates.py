#!/usr/bin/env python3
"""Compares two CloudFormation templates (the TypeScript every-construct app's and its Python or Java translation's).

Normalization: drops Metadata (aws:cdk:path, aws:asset:*), the CDKMetadata resource and its Condition, and
replaces asset hashes (64 hex chars, in S3Key, asset.<hash> and similar) with <hash>. Everything else must match.
Usage: compare.py a.template.json b.template.json   (exit 1 on a difference)
"""
import json
import re
import sys

HASH = re.compile(r'[0-9a-f]{64}')


def normalize(t):
    t = json.loads(json.dumps(t))
    res = t.get('Resources', {})
    res.pop('CDKMetadata', None)
    for r in res.values():
        r.pop('Metadata', None)
    conds = t.get('Conditions', {})
    conds.pop('CDKMetadataAvailable', None)
    if not conds:
        t.pop('Conditions', None)

    def walk(v):
        if isinstance(v, dict):
            return {k: walk(x) for k, x in v.items()}
        if isinstance(v, list):
            return [walk(x) for x in v]
        if isinstance(v, str):
            return HASH.sub('<hash>', v)
        return v
    return walk(t)


def diff(a, b, path=''):
    out = []
    if type(a) is not type(b):
        return [f'{path}: {json.dumps(a)[:200]} != {json.dumps(b)[:200]}']
    if isinstance(a, dict):
        for k in sorted(set(a) | set(b)):
            if k not in a:
                out.append(f'{path}/{k}: only in second')
            elif k not in b:
                out.append(f'{path}/{k}: only in first')
            else:
                out += diff(a[k], b[k], f'{path}/{k}')
    elif isinstance(a, list):
        if len(a) != len(b):
            out.append(f'{path}: list length {len(a)} != {len(b)}')
        for i, (x, y) in enumerate(zip(a, b)):
            out += diff(x, y, f'{path}[{i}]')
    elif a != b:
        out.append(f'{path}: {json.dumps(a)[:200]} != {json.dumps(b)[:200]}')
    return out


if __name__ == '__main__':
    a, b = (normalize(json.load(open(p))) for p in sys.argv[1:3])
    raw_a, raw_b = (json.load(open(p)) for p in sys.argv[1:3])
    print(f'resources: {len(raw_a.get("Resources", {}))} vs {len(raw_b.get("Resources", {}))}; '
          f'raw identical: {raw_a == raw_b}')
    d = diff(a, b)
    for line in d:
        print(line)
    print(f'{len(d)} difference(s) after normalization')
    sys.exit(1 if d else 0)
