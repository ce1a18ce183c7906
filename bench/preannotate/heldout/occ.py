"""Occurrence numbers of a substring in one article, for writing annotations.py.
python3 occ.py 004 '2%'                 every occurrence with context
python3 occ.py 004 '1' 'votes to 1 to'  the occurrence number of '1' that starts inside the first match of the context
"""
import sys
from build import load_articles
doc, sub = sys.argv[1], sys.argv[2]
ctx = sys.argv[3] if len(sys.argv) > 3 else None
for i, _, text in load_articles():
    if not i.endswith(doc):
        continue
    starts, pos = [], -1
    while True:
        pos = text.find(sub, pos + 1)
        if pos < 0:
            break
        starts.append(pos)
    if ctx is None:
        for n, p in enumerate(starts, 1):
            print(n, repr(text[max(0, p - 40):p + len(sub) + 30]))
    else:
        c = text.find(ctx)
        hits = [n for n, p in enumerate(starts, 1) if c <= p and p + len(sub) <= c + len(ctx)]
        print(hits[0] if hits else "context not found")
