import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Editor } from '@tiptap/core';
import type { Node as PMNode } from '@tiptap/pm/model';
import { TextSelection, type Transaction } from '@tiptap/pm/state';
import type { Range } from '../../common/model';
import { buildOffsetIndex, utf16ToCp } from '../../common/offsets';
import { buildChunks, chunkOfCp, windowText } from '../../renderer/editor/chunks';
import type { HighlightSpan } from '../../renderer/editor/highlightSpecs';
import { MARGIN_SCREENS } from '../../renderer/editor/heights';
import { buildPositionMap, cpToPm, pmToCp } from '../../renderer/editor/positions';
import { ReaderWindow, type ClusterMarkAt } from '../../renderer/features/annotate/readerWindow';
import { headlessReader, highlights, marks, matches } from '../editor/plugins/headless';
import { estimatedWrap, FakeSurface, type FakeScreen } from './fakeSurface';

/** Wraps where ReaderWindow's estimate says, so estimated heights are exact. */
const SCREEN: FakeScreen = { width: 720, fontSize: 16, lineHeight: 20, height: 900, header: 100 };
/** Wraps much earlier than the estimate: every height is wrong until measured. */
const NARROW: FakeScreen = { ...SCREEN, wrap: 55 };

/** Lines of 110-150 UTF-16 units with an emoji family, a combining mark and a flag: code points and units differ. */
const line = (i: number) => `L${i} 👩‍👩‍👧 said cafe\u0301 — ${'word '.repeat(12 + (i % 9))}🇺🇦 end${i}.`;
const TEXT = Array.from({ length: 900 }, (_, i) => line(i)).join('\n');
const CPS = [...TEXT];
const OFFSETS = buildOffsetIndex(TEXT);
const CHUNKS = buildChunks(TEXT, OFFSETS);
const LINES = TEXT.split('\n');
/** UTF-16 index where each line starts. */
const LINE_STARTS = LINES.map((_, i) => LINES.slice(0, i).reduce((n, l) => n + l.length + 1, 0));

/** The code-point range of `needle` in line `i`. */
function inLine(i: number, needle: string): Range {
  const u = LINE_STARTS[i] + line(i).indexOf(needle);
  return { start: utf16ToCp(OFFSETS, u), end: utf16ToCp(OFFSETS, u + needle.length) };
}

const color = '#d9480f';
/** "said café" on every third line, and a span across every chunk boundary: none overlap. */
const SPANS: HighlightSpan[] = [
  ...Array.from({ length: 300 }, (_, k) => ({ id: k + 1, ...inLine(3 * k, 'said cafe\u0301'), color, label: 'claim' })),
  ...CHUNKS.slice(1).map((c, k) => ({ id: 1000 + k, start: c.startCp - 5, end: c.startCp + 4, color, label: 'figure' })),
];
const MARKS: ClusterMarkAt[] = SPANS.filter((s) => s.id % 2 === 0).map((s) => ({ cp: s.end, annotationId: s.id, title: `In a cluster (${s.label})` }));
const MATCHES: Range[] = Array.from({ length: 225 }, (_, k) => inLine(4 * k + 1, `🇺🇦 end${4 * k + 1}`));

/** A reader over TEXT, painted and synced as Reader.tsx does on opening a document. */
function open(screen: FakeScreen = SCREEN) {
  const editor = headlessReader('');
  const surface = new FakeSurface(editor, { ...screen });
  const reader = new ReaderWindow(editor, surface, TEXT);
  reader.setSpans(SPANS, null);
  reader.setMarks(MARKS);
  reader.setMatches(MATCHES);
  reader.sync();
  return { editor, surface, reader };
}

const shown = (surface: FakeSurface) => surface.labels[surface.labels.length - 1];
const docText = (editor: Editor) => editor.state.doc.textBetween(0, editor.state.doc.content.size, '\n');

/** True tops of the chunks (and the total, last) for a screen, laid out line by line as the fake does. */
function chunkTops(screen: FakeScreen): number[] {
  const wrap = screen.wrap ?? estimatedWrap(screen);
  const lineHeights = LINES.map((l) => Math.max(1, Math.ceil(l.length / wrap)) * screen.lineHeight);
  const tops = [0];
  for (const c of CHUNKS) tops.push(tops[tops.length - 1] + lineHeights.slice(c.firstLine, c.firstLine + c.lines).reduce((a, b) => a + b, 0));
  return tops;
}

/** The chunks the viewport at `scrollTop` calls for: MARGIN_SCREENS beyond each edge. */
function wanted(screen: FakeScreen, scrollTop: number): { first: number; last: number } {
  const tops = chunkTops(screen);
  const at = (y: number) => Math.max(0, tops.findLastIndex((t, i) => i < CHUNKS.length && t <= y));
  const top = scrollTop - screen.header;
  return { first: at(top - MARGIN_SCREENS * screen.height), last: at(top + (1 + MARGIN_SCREENS) * screen.height) };
}

/** The whole-text line at the top edge of the viewport, and where it is on screen. */
function topLine(editor: Editor, surface: FakeSurface): { line: number; y: number } {
  const firstLine = CHUNKS[shown(surface).first].firstLine;
  let found: { line: number; y: number } | null = null;
  editor.state.doc.forEach((_, offset, i) => {
    const box = surface.lineBox(offset)!;
    if (!found && box.bottom > 0) found = { line: firstLine + i, y: box.top };
  });
  return found!;
}

/** Paragraph nodes of the editor by whole-text line. */
function nodesByLine(editor: Editor, surface: FakeSurface): Map<number, PMNode> {
  const firstLine = CHUNKS[shown(surface).first].firstLine;
  const out = new Map<number, PMNode>();
  editor.state.doc.forEach((node, _, i) => out.set(firstLine + i, node));
  return out;
}

/** The pieces (one per line) that a range of the whole text leaves inside the window. */
function piecesInWindow(range: Range, base: number, length: number): string[] {
  const a = Math.max(range.start, base);
  const b = Math.min(range.end, base + length);
  return a < b ? CPS.slice(a, b).join('').split('\n').filter(Boolean) : [];
}

/** Everything painted is what the whole-text offsets say, clipped to the window, to the code point. */
function assertPaintedAsWhole(editor: Editor, reader: ReaderWindow): void {
  const text = docText(editor);
  const base = reader.base;
  const length = [...text].length;
  assert.equal(text, CPS.slice(base, base + length).join(''), 'the window shows the whole text from base');
  const { doc } = editor.state;
  const byId = new Map<number, string[]>();
  for (const h of highlights(editor.state)) {
    const id = Number(h.attrs['data-ann-ids']);
    byId.set(id, [...(byId.get(id) ?? []), doc.textBetween(h.from, h.to)]);
  }
  for (const s of SPANS) assert.deepEqual(byId.get(s.id) ?? [], piecesInWindow(s, base, length), `span ${s.id}`);
  assert.deepEqual(
    matches(editor.state).map((m) => doc.textBetween(m.from, m.to)),
    MATCHES.flatMap((m) => piecesInWindow(m, base, length)),
  );
  const local = buildPositionMap(text);
  assert.deepEqual(
    marks(editor.state).map((m) => [base + pmToCp(local, m.pos), m.key]),
    MARKS.filter((m) => m.cp >= base && m.cp <= base + length)
      .sort((a, b) => a.cp - b.cp)
      .map((m) => [m.cp, `c${m.annotationId}:${m.title}`]),
  );
}

test('the text is long enough to be windowed', () => {
  assert.ok(CHUNKS.length >= 15, `${CHUNKS.length} chunks`);
});

test('renders the chunks a screen around the viewport, with spacers for the rest', () => {
  const { editor, surface, reader } = open();
  const tops = chunkTops(SCREEN);
  const total = tops[CHUNKS.length];
  for (const y of [0, total * 0.3, total * 0.61, total]) {
    surface.scrollTo(y);
    reader.sync();
    const win = shown(surface);
    assert.deepEqual({ first: win.first, last: win.last }, wanted(SCREEN, surface.scrollTop), `at ${surface.scrollTop}px`);
    assert.equal(docText(editor), windowText(TEXT, CHUNKS, win.first, win.last).text);
    assert.equal(reader.base, CHUNKS[win.first].startCp);
    // The estimates were exact here, so the spacers stand in for exactly the chunks they replace.
    assert.equal(surface.above, tops[win.first]);
    assert.equal(surface.below, total - tops[win.last + 1]);
    // A scroll of half a screen stays inside what is rendered: nothing changes.
    const labels = surface.labels.length;
    surface.scrollBy(y === total ? -SCREEN.height / 2 : SCREEN.height / 2);
    reader.sync();
    assert.equal(surface.labels.length, labels);
  }
  assert.ok(surface.labels.length >= 4);
});

test('moving the window changes one edge per transaction, keeps the paragraphs that stay, and paints with each', () => {
  const { editor, surface, reader } = open();
  const seen: Transaction[] = [];
  editor.on('transaction', ({ transaction }) => {
    if (!transaction.docChanged) return;
    seen.push(transaction);
    // The transaction that moved the window brought its spans, markers and matches along.
    assert.ok(highlights(editor.state).length > 0 && marks(editor.state).length > 0 && matches(editor.state).length > 0);
  });
  let multiStep = 0;
  for (let y = 700; y < surface.scrollHeight(); y += 700) {
    const nodes = nodesByLine(editor, surface);
    const from = surface.labels.length - 1;
    surface.scrollTo(y);
    reader.sync();
    const steps = surface.labels.slice(from);
    if (steps.length > 2) multiStep++;
    for (let k = 1; k < steps.length; k++) {
      const [a, b] = [steps[k - 1], steps[k]];
      assert.equal(Number(a.first !== b.first) + Number(a.last !== b.last), 1, `${a.first}-${a.last} to ${b.first}-${b.last}`);
    }
    for (const [n, node] of nodesByLine(editor, surface)) if (nodes.has(n)) assert.equal(node, nodes.get(n), `line ${n} was rebuilt`);
  }
  assert.ok(multiStep > 0, 'no move took more than one step');
  assert.equal(seen.length, surface.labels.length - 1);
  assert.ok(seen.every((tr) => tr.getMeta('addToHistory') === false));
});

test('what the analyst looks at stays put while the window moves, even where the estimates were wrong', () => {
  for (const screen of [SCREEN, NARROW]) {
    const { editor, surface, reader } = open(screen);
    // A jump into the middle, where nothing is measured yet, then small scrolls either way: the chunks that
    // come and go above the viewport are measured and re-estimated, and the spacer above changes with them.
    const middle = surface.scrollHeight() / 2;
    let moved = 0;
    for (const dy of [450, -450]) {
      surface.scrollTo(middle);
      reader.sync();
      for (let y = middle + dy; Math.abs(y - middle) < 8000; y += dy) {
        surface.scrollTo(y);
        const before = topLine(editor, surface);
        const labels = surface.labels.length;
        reader.sync();
        moved += surface.labels.length - labels;
        const after = topLine(editor, surface);
        assert.equal(after.line, before.line, `scrolled to ${y}`);
        assert.ok(Math.abs(after.y - before.y) < 0.5, `line ${before.line} moved from ${before.y} to ${after.y}`);
      }
    }
    assert.ok(moved > 4);
  }
});

test('spans, markers and matches are clipped to the window in exact code points', () => {
  for (const screen of [SCREEN, NARROW]) {
    const { editor, surface, reader } = open(screen);
    assertPaintedAsWhole(editor, reader);
    for (const f of [0.2, 0.5, 0.77, 1]) {
      surface.scrollTo(surface.scrollHeight() * f);
      reader.sync();
      assertPaintedAsWhole(editor, reader);
    }
    // New paint arrives in whole-text code points and is clipped the same way.
    reader.setSpans(SPANS.slice(100), null);
    reader.setMarks(MARKS.slice(0, 40));
    reader.setMatches(MATCHES.slice(1));
    const painted = highlights(editor.state).length;
    assert.ok(painted > 0);
    assert.ok(highlights(editor.state).every((h) => SPANS.slice(100).some((s) => s.id === Number(h.attrs['data-ann-ids']))));
  }
});

test('a selection in progress keeps its chunks rendered, and lives through the window moving', () => {
  const { editor, surface, reader } = open();
  // Dragged across the boundary of chunks 0 and 1, as a mouse would select.
  const range = { start: CHUNKS[1].startCp - 50, end: CHUNKS[1].startCp + 30 };
  const map = buildPositionMap(docText(editor));
  assert.equal(reader.base, 0);
  editor.view.dispatch(editor.state.tr.setSelection(TextSelection.create(editor.state.doc, cpToPm(map, range.start), cpToPm(map, range.end))));
  assert.deepEqual(reader.selection(), range);

  const tops = chunkTops(SCREEN);
  for (const c of [6, 9]) {
    surface.scrollTo(tops[c] + SCREEN.header);
    reader.sync();
    const win = shown(surface);
    assert.ok(win.first === 0 && win.last >= wanted(SCREEN, surface.scrollTop).last, `window ${win.first}-${win.last}`);
    assert.deepEqual(reader.selection(), range);
    const { from, to } = editor.state.selection;
    assert.equal(editor.state.doc.textBetween(from, to, '\n'), CPS.slice(range.start, range.end).join(''));
  }
  // Once it is let go, the next move renders only what the viewport needs.
  editor.view.dispatch(editor.state.tr.setSelection(TextSelection.create(editor.state.doc, 1)));
  assert.equal(reader.selection(), null);
  surface.scrollTo(tops[CHUNKS.length - 1] + SCREEN.header);
  reader.sync();
  assert.deepEqual({ first: shown(surface).first, last: shown(surface).last }, wanted(SCREEN, surface.scrollTop));
});

test('jumping to a far annotation renders it, selected, a third of the way down the viewport', () => {
  for (const screen of [SCREEN, NARROW]) {
    const { editor, surface, reader } = open(screen);
    for (const target of [SPANS[250], SPANS[120], SPANS[200], SPANS[0]]) {
      reader.setSpans(SPANS, target.id);
      reader.reveal(target.start);
      const win = shown(surface);
      assert.ok(chunkOfCp(CHUNKS, target.start) >= win.first && chunkOfCp(CHUNKS, target.start) <= win.last);
      const selected = highlights(editor.state).filter((h) => h.attrs.class.includes('cc-ann-selected'));
      assert.deepEqual(
        selected.map((h) => editor.state.doc.textBetween(h.from, h.to)),
        ['said cafe\u0301'],
      );
      const y = surface.posTop(selected[0].from);
      // The first span sits above a third of the screen: the text cannot scroll further up than its start.
      if (target !== SPANS[0]) assert.ok(Math.abs(y - screen.height / 3) < 0.5, `span ${target.id} at ${y}px`);
      else assert.equal(surface.scrollTop, 0);
      assertPaintedAsWhole(editor, reader);
    }
  }
});

test('a new column width re-estimates every chunk, and what is on screen stays put', () => {
  const { editor, surface, reader } = open();
  surface.scrollTo(surface.scrollHeight() * 0.4);
  reader.sync();
  // The browser reflows the text at once; the window hears of it afterwards.
  surface.screen.width = 520;
  const before = topLine(editor, surface);
  const above = surface.above;
  reader.sync();
  // Every line wraps more now: the spacer above grows, and the scroll position with it.
  assert.ok(surface.above > above);
  const after = topLine(editor, surface);
  assert.equal(after.line, before.line);
  assert.ok(Math.abs(after.y - before.y) < 0.5);
  assert.equal(surface.scrollHeight(), SCREEN.header + chunkTops(surface.screen)[CHUNKS.length]);
});

test('after destroy nothing reaches the editor', () => {
  const { editor, surface, reader } = open();
  let transactions = 0;
  editor.on('transaction', () => transactions++);
  reader.destroy();
  reader.setSpans([], null);
  reader.setMatches([]);
  surface.scrollTo(surface.scrollHeight() / 2);
  reader.sync();
  reader.reveal(CPS.length - 1);
  assert.equal(transactions, 0);
});

test('cluster markers sent again unchanged (a tag outside any cluster) are not repainted; changed ones are', () => {
  const { editor, reader } = open();
  let transactions = 0;
  editor.on('transaction', () => transactions++);
  reader.setMarks(MARKS.map((m) => ({ ...m })));
  assert.equal(transactions, 0);
  reader.setMarks(MARKS.slice(1));
  assert.equal(transactions, 1);
  reader.setMarks(MARKS.map((m, i) => (i === 3 ? { ...m, title: 'In a cluster (speaker)' } : m)));
  assert.equal(transactions, 2);
  assert.ok(marks(editor.state).some((m) => m.key === `c${MARKS[3].annotationId}:In a cluster (speaker)`));
});
