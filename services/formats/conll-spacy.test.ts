import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { conllDocument } from './conll.js';
import { findPython, runPython } from './python.test-helpers.js';
import type { ExportSpan } from './types.js';

/**
 * Issue 11 item 2, against the real tool (optional: skipped, saying why, where spaCy is not installed; run with
 * `CROSSCHECK_PYTHON=/path/to/python-with-spacy node scripts/run-unit-tests.mjs conll-spacy`). spaCy 3.8's
 * `spacy convert -c ner` splits documents only at "-DOCSTART- -X- O O"; our export must come out as one Doc per
 * document, with no "-DOCSTART-" token and the entities we tagged.
 */

let dir: string;
before(() => (dir = mkdtempSync(join(tmpdir(), 'crosscheck-conll-spacy-'))));
after(() => rmSync(dir, { recursive: true, force: true }));

const cp = (s: string) => Array.from(s).length;
let nextId = 1;
function span(text: string, needle: string, label: string, attributes: Record<string, string> = {}): ExportSpan {
  const u = text.indexOf(needle);
  assert.ok(u >= 0, needle);
  const start = cp(text.slice(0, u));
  return { id: nextId++, start, end: start + cp(needle), label, text: needle, note: '', attributes, cluster: null, annotator: 'ana' };
}

const LOAD_DOCBIN = `
import json, sys
import spacy
from spacy.tokens import DocBin
docs = list(DocBin().from_disk(sys.argv[1]).get_docs(spacy.blank("xx").vocab))
print(json.dumps([{"tokens": [t.text for t in d], "ents": [[e.text, e.label_] for e in d.ents]} for d in docs]))
`;

test('spacy convert -c ner reads our export as one Doc per document, with our entities and no -DOCSTART- token', (t) => {
  const py = findPython(['spacy']);
  if ('skip' in py) return t.skip(py.skip);

  const one = 'Gen. Sergey Rudskoy 👩‍👩‍👧 said: 60 civilians killed.\nRT reports.';
  const two = 'The claim was repeated. Nobody checked it.';
  const three = 'Kyiv and Moscow disagree on 200.';
  const moscow = span(three, 'Moscow', 'place');
  const docs: [string, ExportSpan[]][] = [
    [one, [span(one, 'Sergey Rudskoy', 'speaker'), span(one, '60 civilians killed', 'claim'), span(one, '60', 'figure')]],
    [two, [span(two, 'The claim was repeated', 'claim', { fragments: '0-9;14-22' })]],
    [three, [moscow, span(three, '200', 'figure')]],
  ];
  const file = join(dir, 'export.conll');
  writeFileSync(file, docs.map(([text, spans]) => conllDocument(text, spans).text).join(''));

  const out = join(dir, 'spacy');
  mkdirSync(out);
  const r = spawnSync(py.python, ['-m', 'spacy', 'convert', file, out, '-c', 'ner', '-n', '0'], { encoding: 'utf8', timeout: 300_000 });
  assert.equal(r.status, 0, `spacy convert failed:\n${r.stdout}\n${r.stderr}`);

  const read = JSON.parse(runPython(py.python, LOAD_DOCBIN, [join(out, 'export.spacy')])) as { tokens: string[]; ents: [string, string][] }[];
  assert.equal(read.length, docs.length, 'one Doc per document');
  for (const d of read) assert.ok(!d.tokens.includes('-DOCSTART-'), `a -DOCSTART- token in ${d.tokens.join(' ')}`);
  assert.deepEqual(
    read.map((d) => d.ents),
    [
      [
        ['Sergey Rudskoy', 'speaker'],
        ['60 civilians killed', 'claim'],
      ],
      [
        ['The claim', 'claim'],
        ['repeated', 'claim'],
      ],
      [
        ['Moscow', 'place'],
        ['200', 'figure'],
      ],
    ],
  );
  assert.deepEqual(read[0].tokens.slice(0, 5), ['Gen', '.', 'Sergey', 'Rudskoy', '👩‍👩‍👧']);
});
