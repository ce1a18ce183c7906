import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { TextSelection } from '@tiptap/pm/state';
import { buildOffsetIndex, isGraphemeBoundary, utf16ToCp } from '../../common/offsets';
import { mulberry32 } from '../../common/random';
import { buildChunks, MAX_PARAGRAPH, pieceEnd, startsMidLine, windowText } from '../../renderer/editor/chunks';
import { buildPositionMap, cpToPm, pmRangeToCp, pmToCp, rangeToPmLines, textToDoc } from '../../renderer/editor/positions';
import { ReaderWindow } from '../../renderer/features/annotate/readerWindow';
import { FakeSurface } from '../annotate/fakeSurface';
import { headlessReader, highlights } from './plugins/headless';

// Issue 12: a document that is one 200,000-character line was rendered whole. Long lines are cut into pieces
// at soft breaks (never inside a grapheme cluster) that the reader windows like lines, offsets unchanged.

const cpLen = (s: string) => [...s].length;
const CLUSTERS = ['👍🏽', '👩‍👩‍👧', '🇺🇦', 'e\u0301', '😀', 'ж', 'word', ' ', '—'];

/** A random text of `units` UTF-16 units or a little more, from `pieces`, no line breaks. */
function longLine(units: number, pieces: string[], seed = 1): string {
  const rnd = mulberry32(seed);
  const out: string[] = [];
  let n = 0;
  while (n < units) {
    const p = pieces[Math.floor(rnd() * pieces.length)];
    out.push(p);
    n += p.length;
  }
  return out.join('');
}

describe('pieceEnd', () => {
  test('cuts after the last space in the second half of the stretch, else between grapheme clusters', () => {
    assert.equal(pieceEnd('aaaa bbbb cccc', 0, 14, 8), 5);
    assert.equal(pieceEnd('aaaa bbbb cccc', 5, 14, 8), 10);
    assert.equal(pieceEnd('short', 0, 5, 8), 5, 'a line within the limit is one piece');
    // No space: the cut falls between clusters, never inside 👍🏽 (4 units) or a family.
    const emoji = '👍🏽'.repeat(10);
    const end = pieceEnd(emoji, 0, emoji.length, 10);
    assert.equal(end, 8);
    const family = '👩‍👩‍👧'.repeat(5);
    assert.ok(isGraphemeBoundary(family, utf16ToCp(buildOffsetIndex(family), pieceEnd(family, 0, family.length, 12))));
  });
});

describe('buildChunks on long lines', () => {
  test('a 200,000-character line becomes pieces of bounded size, tiling the text with exact offsets', () => {
    const text = longLine(200_000, CLUSTERS);
    const offsets = buildOffsetIndex(text);
    const chunks = buildChunks(text, offsets);
    assert.ok(chunks.length >= 200_000 / MAX_PARAGRAPH, `${chunks.length} chunks`);
    chunks.forEach((c, i) => {
      assert.ok(c.endU16 - c.startU16 <= MAX_PARAGRAPH, `chunk ${i} has ${c.endU16 - c.startU16} units`);
      assert.ok(c.endU16 > c.startU16);
      assert.equal(c.firstLine, i, 'each piece is one paragraph');
      assert.equal(c.lines, 1);
      assert.equal(c.startCp, utf16ToCp(offsets, c.startU16));
      assert.equal(c.endCp, utf16ToCp(offsets, c.endU16));
      assert.equal(c.startCp, cpLen(text.slice(0, c.startU16)), 'code points counted exactly');
      if (i > 0) {
        assert.equal(c.startU16, chunks[i - 1].endU16, 'pieces meet: no character between them');
        assert.ok(startsMidLine(text, c));
        assert.ok(isGraphemeBoundary(text, c.startCp, offsets), `chunk ${i} starts inside a grapheme cluster`);
      }
    });
    assert.equal(chunks[chunks.length - 1].endU16, text.length);
  });

  test('a long line among short ones: the short lines chunk as before, the long one in pieces', () => {
    const long = longLine(30_000, CLUSTERS, 3);
    const text = `Title\n\n${long}\nAfter the long line.\nAnd one more.`;
    const chunks = buildChunks(text, buildOffsetIndex(text));
    assert.deepEqual([chunks[0].startU16, chunks[0].endU16, chunks[0].lines], [0, 6, 2], '"Title" and the blank line');
    // Every chunk that starts inside the long line is one of its pieces; the last piece goes on with the short lines.
    const pieces = chunks.filter((c) => c.startU16 >= 7 && c.startU16 < 7 + long.length);
    assert.ok(pieces.length >= 5);
    assert.ok(pieces.map((c) => text.slice(c.startU16, Math.min(c.endU16, 7 + long.length))).join('') === long, 'the pieces give the line back');
    const last = chunks[chunks.length - 1];
    assert.ok(text.slice(last.startU16, last.endU16).endsWith('After the long line.\nAnd one more.'));
    // Paragraphs count the pieces: "Title", the blank line, the pieces, then the two short lines.
    assert.equal(last.firstLine + last.lines, 2 + pieces.length + 2);
    const win = windowText(text, chunks, 0, chunks.length - 1);
    assert.ok(win.text === text);
    assert.deepEqual(
      win.soft,
      pieces.slice(1).map((c) => c.startU16),
    );
  });
});

describe('positions with soft breaks', () => {
  test('the document has one paragraph per piece; offsets convert exactly around every break', () => {
    const rnd = mulberry32(9);
    for (let k = 0; k < 60; k++) {
      const text = Array.from({ length: 1 + Math.floor(rnd() * 4) }, (_, i) => longLine(5 + Math.floor(rnd() * 40), CLUSTERS, k * 7 + i)).join(rnd() < 0.5 ? '\n' : '\n\n');
      const offsets = buildOffsetIndex(text);
      const chunks = buildChunks(text, offsets, 10, 12);
      const { soft } = windowText(text, chunks, 0, chunks.length - 1);
      const doc = headlessReader('').schema.nodeFromJSON(textToDoc(text, soft));
      const map = buildPositionMap(text, soft);
      assert.equal(map.docSize, doc.content.size);
      assert.equal(doc.childCount, text.split('\n').length + soft.length);
      const cps = [...text];
      for (let cp = 0; cp <= cps.length; cp++) {
        const pos = cpToPm(map, cp);
        assert.ok(doc.resolve(pos).parent.isTextblock);
        if (cp < cps.length && cps[cp] !== '\n') {
          assert.equal(pmToCp(map, pos), cp, `cp ${cp} of a text of ${cps.length}`);
          // The character at cp is what the document shows right after pos (at a soft break, in the next paragraph).
          const covered = rangeToPmLines(map, cp, cp + 1).map((r) => doc.textBetween(r.from, r.to)).join('');
          assert.equal(covered, cps[cp]);
        }
      }
      for (let a = 0; a < cps.length; a += 3) {
        const b = Math.min(cps.length, a + 1 + Math.floor(rnd() * 30));
        const joined = rangeToPmLines(map, a, b).map((r) => doc.textBetween(r.from, r.to)).join('|');
        assert.equal(joined.replace(/\|/g, ''), cps.slice(a, b).join('').replace(/\n/g, ''));
        assert.deepEqual(pmRangeToCp(map, cpToPm(map, a), cpToPm(map, b)), { start: a, end: b });
      }
    }
  });
});

describe('tagging in a long line', () => {
  test('a selection far into a 200,000-character line stores the code points it covers', () => {
    const text = longLine(200_000, CLUSTERS, 5);
    const needle = 'MIDDLE-MARKER';
    const at = text.indexOf(' ', 120_000) + 1;
    const stored = text.slice(0, at) + needle + text.slice(at);
    const editor = headlessReader('');
    const surface = new FakeSurface(editor, { width: 720, fontSize: 16, lineHeight: 20, height: 900, header: 100 });
    const reader = new ReaderWindow(editor, surface, stored);
    reader.sync();
    const start = cpLen(stored.slice(0, at));
    reader.reveal(start);
    const shownText = editor.state.doc.textContent;
    assert.ok(shownText.length < 40_000, `the window holds ${shownText.length} units, not the whole line`);
    // Select the marker as a mouse would, in the editor's own positions.
    let from = -1;
    editor.state.doc.descendants((node, pos) => {
      if (node.isText && from < 0 && node.text!.includes(needle)) from = pos + node.text!.indexOf(needle);
    });
    assert.ok(from >= 0, 'the marker is rendered');
    editor.view.dispatch(editor.state.tr.setSelection(TextSelection.create(editor.state.doc, from, from + needle.length)));
    const range = reader.selection()!;
    assert.deepEqual(range, { start, end: start + needle.length });
    assert.equal([...stored].slice(range.start, range.end).join(''), needle);
  });
});

test('a highlight across a soft break paints exactly its code points, in both pieces', () => {
  const text = longLine(50_000, CLUSTERS, 11);
  const offsets = buildOffsetIndex(text);
  const chunks = buildChunks(text, offsets);
  const cut = chunks[3].startCp;
  const span = { id: 1, start: cut - 6, end: cut + 5, color: '#d9480f', label: 'claim' };
  const editor = headlessReader('');
  const reader = new ReaderWindow(editor, new FakeSurface(editor, { width: 720, fontSize: 16, lineHeight: 20, height: 900, header: 100 }), text);
  reader.setSpans([span], null);
  reader.sync();
  reader.reveal(cut);
  const { doc } = editor.state;
  const painted = highlights(editor.state).map((h) => doc.textBetween(h.from, h.to));
  assert.equal(painted.length, 2, 'one piece on each side of the break');
  assert.equal(painted.join(''), [...text].slice(span.start, span.end).join(''));
});
