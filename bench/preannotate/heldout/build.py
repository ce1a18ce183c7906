#!/usr/bin/env python3
"""Build bench/preannotate/heldout/gold.jsonl from the article texts and the hand annotations.

Articles: articles/NNN-*.txt beside this script (UTF-8; the first line of each file is a
`# style: <style>` comment that becomes the `source`, the rest is the text).
Annotations: annotations.py, ANNOTATIONS = {"heldout-NNN": [(label, substring[, occurrence]), ...]};
occurrence is 1-based (the nth time the substring occurs in the text, counting overlapping
matches), default 1.

For each annotation the script finds the code-point offsets, checks text[start:end] == substring,
rejects unknown labels and duplicate or overlapping spans of the same label, and writes one doccano
JSONL line per article: {"id", "source", "text", "label": [[start, end, label], ...]} (offsets are
Python string indices, i.e. Unicode code points, half-open). Errors are collected and the script
exits 1 without writing when any annotation does not resolve.

    python3 build.py            # write gold.jsonl, print counts per label
    python3 build.py --review   # also list digits and number words no figure covers (self-check)
    python3 build.py --ambiguous 006   # show the context of every annotation whose substring occurs more than once
"""
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
LABELS = ("figure", "speaker", "claim")
sys.path.insert(0, str(HERE))
from annotations import ANNOTATIONS  # noqa: E402


def load_articles():
    """Return [(id, source, text)] for every articles/NNN-*.txt, in file-name order."""
    out = []
    for path in sorted((HERE / "articles").glob("*.txt")):
        raw = path.read_text(encoding="utf-8")
        first, _, body = raw.partition("\n")
        if not first.startswith("# style: "):
            raise SystemExit(f"{path.name}: first line must be '# style: <style>'")
        num = path.name.split("-", 1)[0]
        style = first[len("# style: "):].strip()
        out.append((f"heldout-{num}", f"written for Crosscheck's held-out set, {style}", body.strip("\n")))
    return out


def find_nth(text, sub, n):
    """Code-point start of the nth (1-based) occurrence of sub in text, or -1."""
    pos = -1
    for _ in range(n):
        pos = text.find(sub, pos + 1)
        if pos < 0:
            return -1
    return pos


def resolve(doc_id, text, anns, errors):
    """Turn (label, substring, occurrence) tuples into sorted [start, end, label] spans."""
    spans = []
    for ann in anns:
        label, sub = ann[0], ann[1]
        occ = ann[2] if len(ann) > 2 else 1
        if label not in LABELS:
            errors.append(f"{doc_id}: unknown label {label!r}")
            continue
        start = find_nth(text, sub, occ)
        if start < 0:
            errors.append(f"{doc_id}: {label} {sub!r} occurrence {occ} not found")
            continue
        end = start + len(sub)
        assert text[start:end] == sub
        if "--ambiguous" in sys.argv and doc_id.endswith(sys.argv[-1]) and text.count(sub) > 1:
            print(f"  {label} {sub!r} #{occ}/{text.count(sub)}: …{text[max(0, start - 50):end + 30]!r}")
        spans.append([start, end, label])
    spans.sort(key=lambda s: (s[0], s[1], s[2]))
    for label in LABELS:
        mine = [s for s in spans if s[2] == label]
        for a, b in zip(mine, mine[1:]):
            if b[0] < a[1]:
                errors.append(f"{doc_id}: overlapping {label} spans {text[a[0]:a[1]]!r} / {text[b[0]:b[1]]!r}")
    return spans


NUMBER_WORDS = r"\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|hundreds|thousand|thousands|million|millions|dozen|dozens|billion|billions)\b"


def review(doc_id, text, spans):
    """Print every digit run or number word outside a figure span, so that a reader can confirm it is not one."""
    figs = [(s, e) for s, e, l in spans if l == "figure"]
    for m in re.finditer(r"\d[\d,.:/]*|" + NUMBER_WORDS, text, flags=re.I):
        if not any(s <= m.start() < e for s, e in figs):
            ctx = text[max(0, m.start() - 30):m.end() + 30].replace("\n", " ")
            print(f"  {doc_id} not a figure: {m.group(0)!r:14} … {ctx} …")


def main():
    articles = load_articles()
    errors, lines, counts = [], [], {l: 0 for l in LABELS}
    for doc_id, source, text in articles:
        words = len(text.split())
        if not 350 <= words <= 800:
            errors.append(f"{doc_id}: {words} words (want 350-800)")
        spans = resolve(doc_id, text, ANNOTATIONS.get(doc_id, []), errors)
        if "--review" in sys.argv:
            review(doc_id, text, spans)
        for s in spans:
            counts[s[2]] += 1
        lines.append(json.dumps({"id": doc_id, "source": source, "text": text, "label": spans}, ensure_ascii=False))
    missing = sorted(set(ANNOTATIONS) - {a[0] for a in articles})
    if missing:
        errors.append(f"annotations for missing articles: {missing}")
    if errors:
        print("\n".join(errors), file=sys.stderr)
        sys.exit(1)
    (HERE / "gold.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(articles)} documents; " + ", ".join(f"{l} {counts[l]}" for l in LABELS))


if __name__ == "__main__":
    main()
