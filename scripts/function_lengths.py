#!/usr/bin/env python3
"""Lists Swift functions (func, init, computed bodies) longer than a limit: `function_lengths.py DIR [LIMIT]`.
Counts lines from the declaration to its closing brace (brace matching that skips strings and comments)."""
import os, re, sys

DECL = re.compile(r'^\s*(?:@\w+(?:\([^)]*\))?\s+)*(?:(?:public|package|internal|private|fileprivate|static|mutating|override|final|nonisolated|consuming|borrowing)\s+)*(func\s+[^\s(<]+|init[?!]?)\s*[(<]')

def strip(line):
    out, i, q = [], 0, False
    while i < len(line):
        c = line[i]
        if not q and line.startswith('//', i): break
        if c == '"' and (i == 0 or line[i-1] != '\\'): q = not q
        elif not q: out.append(c)
        i += 1
    return ''.join(out)

def scan(path, limit):
    lines = open(path, encoding='utf-8').read().split('\n')
    res = []
    for k, line in enumerate(lines):
        m = DECL.match(line)
        if not m: continue
        depth, started = 0, False
        for j in range(k, len(lines)):
            t = strip(lines[j])
            for c in t:
                if c == '{': depth += 1; started = True
                elif c == '}': depth -= 1
            if started and depth <= 0:
                n = j - k + 1
                if n > limit: res.append((n, path, k + 1, m.group(1)))
                break
            if not started and j > k + 12: break
    return res

root = sys.argv[1]; limit = int(sys.argv[2]) if len(sys.argv) > 2 else 80
found = []
for d, _, fs in os.walk(root):
    for f in fs:
        if f.endswith('.swift'): found += scan(os.path.join(d, f), limit)
for n, p, l, name in sorted(found, reverse=True): print(f"{n:4d}  {p}:{l}  {name}")
sys.exit(1 if found else 0)
