import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { TextSelection } from '@tiptap/pm/state';
import { caretKeys, caretMoveFor } from '../../renderer/editor/caret';
import { spanOutline } from '../../renderer/editor/labelColors';
import { highlightSpecs, prepareSpans, sameLabelDepth, type HighlightSpan } from '../../renderer/editor/highlightSpecs';
import { metadataRanges } from '../../renderer/editor/metadataLines';
import { buildPositionMap, cpToPm, pmRangeToCp } from '../../renderer/editor/positions';
import { snapRange } from '../../renderer/editor/snap';
import { ReaderWindow } from '../../renderer/features/annotate/readerWindow';
import { FakeSurface } from '../annotate/fakeSurface';
import { attrsOf, decorations, headlessReader, highlights } from './plugins/headless';

// Issue 12, the reader's looks: same-label nesting made visible, header lines dimmed, blank runs collapsed,
// highlights described for assistive technology, selections ending inside an emoji, the keyboard caret.

const cps = (s: string) => [...s];
const SCREEN = { width: 720, fontSize: 16, lineHeight: 20, height: 900, header: 100 };
const claim = (id: number, start: number, end: number, text?: string): HighlightSpan => ({ id, start, end, color: '#d9480f', label: 'claim', text });
const speaker = (id: number, start: number, end: number, text?: string): HighlightSpan => ({ id, start, end, color: '#1971c2', label: 'speaker', text });

describe('same-label nesting', () => {
  const map = buildPositionMap('x'.repeat(40));

  test('depth counts the enclosing spans of the innermost span\'s own label', () => {
    const p = prepareSpans([claim(1, 0, 40), claim(2, 10, 30), claim(3, 15, 20), speaker(4, 16, 18)], map);
    const depthAt = (cp: number) => sameLabelDepth(p, p.segments.findIndex((s) => s.start <= cp && cp < s.end));
    assert.deepEqual([0, 10, 15, 16, 19, 25, 35].map(depthAt), [0, 1, 2, 0, 2, 1, 0]);
    // Other labels around a span do not count.
    const q = prepareSpans([speaker(1, 0, 40), claim(2, 10, 30)], map);
    assert.equal(sameLabelDepth(q, 1), 0);
  });

  test('a nested same-label span is tinted deeper and shows both its edges; the outer one shows its own', () => {
    const specs = highlightSpecs([claim(1, 0, 40), claim(2, 10, 30)], map);
    const [before, inner, after] = specs;
    // The fill (its first colour, the light theme's) carries more of the label colour, so it is less light.
    const lightness = (style: string) => {
      const hex = /background-color:[^#]*#([0-9a-f]{6})/i.exec(style)![1];
      return [0, 2, 4].reduce((n, i) => n + parseInt(hex.slice(i, i + 2), 16), 0);
    };
    assert.ok(lightness(inner.attrs.style) < lightness(before.attrs.style), 'the inner span is tinted deeper');
    assert.equal(lightness(before.attrs.style), lightness(after.attrs.style));
    assert.match(inner.attrs.class, /cc-ann-edge-start/);
    assert.match(inner.attrs.class, /cc-ann-edge-end/);
    assert.match(before.attrs.class, /cc-ann-edge-start/);
    assert.doesNotMatch(before.attrs.class, /cc-ann-edge-end/);
    assert.match(after.attrs.class, /cc-ann-edge-end/);
    assert.ok(inner.attrs.style.includes(`--edge-start: ${spanOutline('#d9480f')}`));
    // Still clickable layer by layer: the nested segment carries both ids, outermost first.
    assert.equal(inner.attrs['data-ann-ids'], '1 2');
  });

  test('two same-label spans that only overlap each show where they start and end', () => {
    const specs = highlightSpecs([claim(1, 0, 20), claim(2, 10, 30)], map);
    assert.deepEqual(
      specs.map((s) => [s.attrs['data-ann-ids'], /edge-start/.test(s.attrs.class), /edge-end/.test(s.attrs.class)]),
      [
        ['1', true, false],
        ['1 2', true, true],
        ['2', false, true],
      ],
    );
  });

  test('spans of different labels keep their look: no edges, no extra tint', () => {
    const specs = highlightSpecs([claim(1, 0, 40), speaker(2, 10, 30)], map);
    assert.ok(specs.every((s) => s.attrs.class === 'cc-ann'));
  });
});

test('each highlight is a mark described as "label: covered text", innermost first', () => {
  const text = 'Rut Levi said the school opens';
  const specs = highlightSpecs([claim(1, 0, 30, text), speaker(2, 0, 8, 'Rut Levi')], buildPositionMap(text));
  assert.ok(specs.every((s) => s.attrs.role === 'mark'));
  assert.equal(specs[0].attrs['aria-description'], `speaker: Rut Levi; claim: ${text}`);
  assert.equal(specs[1].attrs['aria-description'], `claim: ${text}`);
  const long = 'word '.repeat(40);
  const [spec] = highlightSpecs([claim(1, 0, 200, long)], buildPositionMap(long));
  assert.ok(spec.attrs['aria-description'].length < 100 && spec.attrs['aria-description'].endsWith('…'));
});

describe('selections ending inside an emoji (Alt: exact)', () => {
  // A scripted selection can end between the two UTF-16 halves of a character; the span keeps the character.
  for (const [name, text, needle] of [
    ['a skin tone', 'great job 👍🏽 team', 'job 👍🏽'],
    ['a ZWJ family', 'the family 👩‍👩‍👧 came', 'family 👩‍👩‍👧'],
    ['a flag', 'flag 🇺🇦 raised', 'flag 🇺🇦'],
  ] as const) {
    test(`ending inside ${name}: the whole grapheme is kept`, () => {
      const map = buildPositionMap(text);
      const u = text.indexOf(needle);
      const start = cps(text.slice(0, u)).length;
      const whole = { start, end: start + cps(needle).length };
      // Every UTF-16 unit inside the emoji as the end of the selection, as a DOM range can give it.
      const emojiStart = u + needle.indexOf(needle.trimEnd().split(' ').pop()!);
      for (let cut = emojiStart + 1; cut < u + needle.length; cut++) {
        const range = pmRangeToCp(map, 1 + u, 1 + cut);
        for (const mode of ['exact', 'word'] as const) {
          assert.deepEqual(snapRange(text, range.start, range.end, mode), whole, `${mode}, cut at unit ${cut - emojiStart}`);
        }
      }
    });
  }
});

test('header lines: found where the importer looks, dimmed in the reader', () => {
  assert.deepEqual(metadataRanges(' date 2016-10-25 The Russian military is accusing…\n\nAt least 60…'), [{ start: 1, end: 16 }]);
  // As the importer reads it: two words after the date are no headline ("Moscow bureau"), so the line is all header.
  assert.deepEqual(metadataRanges('date 2016-10-25 Moscow bureau\nBody text here.'), [{ start: 0, end: 29 }]);
  assert.deepEqual(metadataRanges('Headline\n\n25/10/2016\n\nBody'), [{ start: 10, end: 20 }]);
  const keyed = 'Source: Reuters\nDate: 25 October 2016\n**Published:** Oct. 25, 2016\nThe minister said on Tuesday that 25 schools open.';
  assert.equal(metadataRanges(keyed).length, 3);
  // Body sentences are not headers, nor is a date line after the header lines.
  assert.deepEqual(metadataRanges('The minister said the date was 25/10/2016.\nSource of the claim: unknown sources say'), []);
  const late = [...Array.from({ length: 16 }, (_, i) => `Line ${i}`), '25/10/2016'].join('\n');
  assert.deepEqual(metadataRanges(late), []);
});

test('a run of blank lines shows as one gap; tagging after it stores the right code points', () => {
  const text = 'date 2016-10-25 Harbour report filed today\n\n\n\n\nMaria Lopez said 👍🏽 the pier closed.\n \n\t\nEnd.';
  const editor = headlessReader('');
  const reader = new ReaderWindow(editor, new FakeSurface(editor, SCREEN), text);
  reader.sync();
  const { doc } = editor.state;
  const blanks: (string | null)[] = [];
  doc.forEach((node) => blanks.push(node.attrs.blank));
  // Lines: header, 4 blank, sentence, 2 whitespace-only, "End.": the first blank of each run stays.
  assert.deepEqual(blanks, [null, null, 'more', 'more', 'more', null, null, 'more', null]);
  assert.equal(doc.textBetween(0, doc.content.size, '\n'), text, 'the stored text is all there');
  const dimmed = decorations(editor.state).filter((d) => attrsOf(d).class === 'cc-meta');
  assert.deepEqual(dimmed.map((d) => doc.textBetween(d.from, d.to)), ['date 2016-10-25']);

  const needle = 'said 👍🏽 the';
  const u = text.indexOf(needle);
  const start = cps(text.slice(0, u)).length;
  const map = buildPositionMap(text);
  editor.view.dispatch(editor.state.tr.setSelection(TextSelection.create(doc, cpToPm(map, start), cpToPm(map, start + cps(needle).length))));
  const range = reader.selection()!;
  assert.equal(cps(text).slice(range.start, range.end).join(''), needle);
  assert.equal(range.start, start);
  assert.equal(highlights(editor.state).length, 0);
});

test('caret keys: arrows move, Shift extends, Ctrl goes by words; other keys are left alone', () => {
  const key = (k: string, mods: Partial<Record<'shiftKey' | 'ctrlKey' | 'altKey' | 'metaKey', boolean>> = {}) =>
    caretMoveFor({ key: k, shiftKey: false, ctrlKey: false, altKey: false, metaKey: false, ...mods });
  assert.deepEqual(key('ArrowRight'), { alter: 'move', direction: 'right', granularity: 'character' });
  assert.deepEqual(key('ArrowLeft', { shiftKey: true }), { alter: 'extend', direction: 'left', granularity: 'character' });
  assert.deepEqual(key('ArrowRight', { shiftKey: true, ctrlKey: true }), { alter: 'extend', direction: 'right', granularity: 'word' });
  assert.deepEqual(key('ArrowDown', { shiftKey: true }), { alter: 'extend', direction: 'forward', granularity: 'line' });
  assert.deepEqual(key('End', { ctrlKey: true }), { alter: 'move', direction: 'forward', granularity: 'documentboundary' });
  assert.equal(key('1'), null);
  assert.equal(key('ArrowRight', { metaKey: true }), null);
});

test('every caret key the help sheet lists moves the caret, and Shift extends rather than moves', () => {
  for (const k of caretKeys) {
    if (!k.probe) continue;
    const press = { shiftKey: false, ctrlKey: false, altKey: false, metaKey: false, ...k.probe };
    const move = caretMoveFor(press);
    assert.ok(move, `${k.keys.join(' ')} is listed but caretMoveFor ignores ${JSON.stringify(k.probe)}`);
    assert.equal(move.alter, press.shiftKey ? 'extend' : 'move');
  }
});
