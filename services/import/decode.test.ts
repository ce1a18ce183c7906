import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import iconv from 'iconv-lite';
import { decodeBytes, type DecodeResult } from './decode.js';
import { DETECT_SAMPLE_BYTES } from './legacy.js';

const corpus = new URL('../../samples/corpus/', import.meta.url);
const utf8 = (s: string) => new TextEncoder().encode(s);
const bytes = (...parts: (number[] | Uint8Array | string)[]) =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));

function ok(r: DecodeResult): { text: string; encoding: string } {
  assert.ok(r.ok, `expected text, got: ${r.ok ? '' : r.reason}`);
  return r;
}
function refused(r: DecodeResult): string {
  assert.ok(!r.ok, `expected a refusal, got text in ${r.ok ? r.encoding : ''}`);
  return r.reason;
}

// Shared CJS exports object: decode.ts calls chardet.analyse through it, so a wrapper here sees every call.
const chardet = createRequire(import.meta.url)('chardet') as { analyse: (b: Uint8Array) => unknown };

/**
 * Runs `fn` with `owner[key]` wrapped to record the first argument of every call, then restores it: the work done,
 * counted (a clock would flake on a busy machine).
 */
function recordCalls<T, O extends object>(owner: O, key: keyof O, fn: () => T): { result: T; args: unknown[] } {
  const original = owner[key] as (...args: unknown[]) => unknown;
  const args: unknown[] = [];
  (owner as Record<keyof O, unknown>)[key] = function (this: unknown, ...rest: unknown[]) {
    args.push(rest[0]);
    return original.apply(this, rest);
  };
  try {
    return { result: fn(), args };
  } finally {
    (owner as Record<keyof O, unknown>)[key] = original;
  }
}
function countChardet<T>(fn: () => T): { result: T; calls: number } {
  const { result, args } = recordCalls(chardet, 'analyse', fn);
  return { result, calls: args.length };
}

const RU =
  'Министерство обороны России обвинило возглавляемую США коалицию в ударах по жилым кварталам Мосула: ' +
  'за три дня погибли не менее 60 мирных жителей, ещё 200 человек получили ранения. «Это недопустимо», — заявил генерал.';
const FR =
  "L'armée russe accuse la coalition menée par les États-Unis d'avoir frappé des civils à Mossoul — " +
  '« des écoles et des hôpitaux », a déclaré le général Roudskoï. Le bilan dépasse soixante morts.';
const EN_QUOTES = 'The general said: “There were numerous attacks on residential areas” – and Russia’s MoD agreed.';
const TRICKY = 'Famille 👩‍👩‍👧 au café (e\u0301 combinant), drapeau 🇺🇦, peau 👍🏽, 𝔘𝔫𝔦𝔠𝔬𝔡𝔢.';

describe('UTF-8', () => {
  test('the sample corpus decodes as UTF-8, byte for byte', () => {
    const files = readdirSync(corpus).filter((f) => f.endsWith('.txt'));
    assert.equal(files.length, 5);
    for (const f of files) {
      const raw = readFileSync(new URL(f, corpus));
      const r = ok(decodeBytes(raw));
      assert.equal(r.encoding, 'UTF-8');
      assert.equal(r.text, raw.toString('utf8'), f);
    }
  });

  test('emoji, ZWJ sequences and combining marks come out exactly (no normalisation)', () => {
    const r = ok(decodeBytes(utf8(TRICKY)));
    assert.equal(r.text, TRICKY);
    assert.ok(r.text.includes('e\u0301'), 'the combining acute must not be composed into é');
    assert.ok(r.text.includes('👩\u200d👩\u200d👧'));
  });

  test('a UTF-8 BOM is stripped, once; a U+FEFF inside the text stays', () => {
    const r = ok(decodeBytes(bytes([0xef, 0xbb, 0xbf], utf8('\uFEFFa\uFEFFb'))));
    assert.deepEqual(r, { ok: true, text: '\uFEFFa\uFEFFb', encoding: 'UTF-8' });
    assert.equal(ok(decodeBytes(bytes([0xef, 0xbb, 0xbf], utf8(TRICKY)))).text, TRICKY);
  });

  test('a UTF-8 BOM followed by invalid UTF-8 is refused with the byte position', () => {
    // 3 BOM bytes + "ab" + a lone continuation byte at file offset 5.
    const reason = refused(decodeBytes(bytes([0xef, 0xbb, 0xbf], 'ab', [0x80], 'cd')));
    assert.equal(reason, 'cannot decode text (UTF-8 byte order mark, but invalid UTF-8 at byte 5)');
  });

  test('damaged UTF-8 (mostly valid) is refused rather than guessed as a legacy encoding', () => {
    const good = utf8(RU);
    // Cut a two-byte Cyrillic letter in half in the middle of the text.
    const at = good.indexOf(0xd0, 40);
    const damaged = bytes(good.subarray(0, at), good.subarray(at + 1));
    assert.equal(refused(decodeBytes(damaged)), `cannot decode text (invalid UTF-8 at byte ${at})`);
  });

  test('valid UTF-8 never runs chardet (import speed)', () => {
    const fast = countChardet(() => decodeBytes(utf8(RU + '\r\n' + TRICKY)));
    assert.equal(ok(fast.result).encoding, 'UTF-8');
    assert.equal(fast.calls, 0);
    // Control: the counter does see calls, or the zero above would prove nothing.
    const slow = countChardet(() => decodeBytes(iconv.encode(RU, 'windows-1251')));
    assert.equal(ok(slow.result).encoding, 'windows-1251');
    assert.equal(slow.calls, 1);
  });
});

describe('line endings', () => {
  test('CRLF, lone CR and mixed endings all become LF', () => {
    assert.equal(ok(decodeBytes(utf8('a\r\nb\r\n'))).text, 'a\nb\n');
    assert.equal(ok(decodeBytes(utf8('a\rb\r'))).text, 'a\nb\n');
    assert.equal(ok(decodeBytes(utf8('a\r\n\r\nb\r\r\nc\n\rd'))).text, 'a\n\nb\n\nc\n\nd');
  });

  test('CRLF is normalised in UTF-16 and legacy files too', () => {
    const le = bytes([0xff, 0xfe], iconv.encode('x\r\ny\rz', 'utf-16le'));
    assert.equal(ok(decodeBytes(le)).text, 'x\ny\nz');
    assert.equal(ok(decodeBytes(iconv.encode(RU + '\r\n' + RU + '\r', 'windows-1251'))).text, RU + '\n' + RU + '\n');
  });

  test('other whitespace is left alone', () => {
    const text = '\tindented  line \n\fnext page\u00a0\u2028end ';
    assert.equal(ok(decodeBytes(utf8(text))).text, text);
  });
});

describe('UTF-16 and UTF-32 with BOM', () => {
  for (const [name, bom, enc] of [
    ['UTF-16LE', [0xff, 0xfe], 'utf-16le'],
    ['UTF-16BE', [0xfe, 0xff], 'utf-16be'],
  ] as const) {
    test(`${name} decodes exactly, BOM stripped`, () => {
      const text = `${RU}\n${TRICKY}`;
      const r = ok(decodeBytes(bytes([...bom], iconv.encode(text, enc))));
      assert.deepEqual(r, { ok: true, text, encoding: name });
    });
  }

  test('UTF-16 with an odd byte count is refused', () => {
    const b = bytes([0xff, 0xfe], iconv.encode('hello', 'utf-16le'), [0x41]);
    assert.equal(refused(decodeBytes(b)), 'cannot decode text (invalid UTF-16)');
  });

  test('UTF-16 with an unpaired surrogate is refused', () => {
    // "A", a lone high surrogate D800, "B".
    assert.equal(refused(decodeBytes(bytes([0xff, 0xfe, 0x41, 0, 0x00, 0xd8, 0x42, 0]))), 'cannot decode text (invalid UTF-16)');
    assert.equal(refused(decodeBytes(bytes([0xfe, 0xff, 0, 0x41, 0xdc, 0x00]))), 'cannot decode text (invalid UTF-16)');
  });

  test('UTF-16 with U+0000 characters is binary, even with a BOM', () => {
    assert.equal(refused(decodeBytes(bytes([0xff, 0xfe], iconv.encode('ab\0cd', 'utf-16le')))), 'binary file (contains NUL characters)');
  });

  test('UTF-32 LE and BE with BOM decode exactly', () => {
    const text = 'Мосул 👩‍👩‍👧 e\u0301\r\nend';
    const cps = Array.from(text, (c) => c.codePointAt(0)!);
    for (const le of [true, false]) {
      const buf = Buffer.alloc(4 * (cps.length + 1));
      const write = (v: number, i: number) => (le ? buf.writeUInt32LE(v, i * 4) : buf.writeUInt32BE(v, i * 4));
      write(0xfeff, 0);
      cps.forEach((cp, i) => write(cp, i + 1));
      assert.deepEqual(decodeBytes(buf), { ok: true, text: text.replace('\r\n', '\n'), encoding: le ? 'UTF-32LE' : 'UTF-32BE' });
    }
  });

  test('invalid UTF-32 (out of range, surrogate, ragged length) is refused', () => {
    const bom = [0xff, 0xfe, 0, 0];
    for (const b of [bytes(bom, [0, 0, 0x11, 0]), bytes(bom, [0x00, 0xd8, 0, 0]), bytes(bom, [0x41, 0, 0])]) {
      assert.equal(refused(decodeBytes(b)), 'cannot decode text (invalid UTF-32)');
    }
  });
});

describe('legacy encodings', () => {
  test('windows-1251 Russian decodes back exactly', () => {
    assert.deepEqual(decodeBytes(iconv.encode(RU, 'windows-1251')), { ok: true, text: RU, encoding: 'windows-1251' });
    // A plain Uint8Array (not a Buffer), as the importer may hand over.
    const plain = new Uint8Array(iconv.encode(RU, 'windows-1251'));
    assert.deepEqual(decodeBytes(plain), { ok: true, text: RU, encoding: 'windows-1251' });
  });

  test('KOI8-R Russian decodes back exactly', () => {
    // KOI8-R has no « » or em dash.
    const text = RU.replace(/[«»]/g, '"').replace('—', '-');
    assert.equal(iconv.decode(iconv.encode(text, 'koi8-r'), 'koi8-r'), text, 'fixture must be encodable');
    assert.deepEqual(decodeBytes(iconv.encode(text, 'koi8-r')), { ok: true, text, encoding: 'KOI8-R' });
  });

  test('windows-1252 with smart quotes and accents decodes back exactly', () => {
    assert.deepEqual(decodeBytes(iconv.encode(EN_QUOTES, 'windows-1252')), { ok: true, text: EN_QUOTES, encoding: 'windows-1252' });
    assert.deepEqual(decodeBytes(iconv.encode(FR, 'windows-1252')), { ok: true, text: FR, encoding: 'windows-1252' });
  });

  test('ISO-8859-1 text is reported as its superset windows-1252 and decodes exactly', () => {
    const de = 'Größere Schäden über Nacht: Die Bürger von Mossul berichten über zerstörte Häuser und Straßen.';
    assert.deepEqual(decodeBytes(iconv.encode(de, 'latin1')), { ok: true, text: de, encoding: 'windows-1252' });
  });

  test('a long legacy file decodes whole, although chardet only sees its start', () => {
    // Past the 64 KiB sample: the tail must be decoded with the same encoding, not cut or garbled.
    const text = Array.from({ length: 600 }, (_, i) => `${i}. ${RU}`).join('\n');
    const b = iconv.encode(text, 'windows-1251');
    assert.ok(b.length > 100_000);
    const { result, args } = recordCalls(chardet, 'analyse', () => decodeBytes(b));
    assert.deepEqual(result, { ok: true, text, encoding: 'windows-1251' });
    // chardet reads every byte it is given (~0.3 s per MB): it is shown one sample of the start, once.
    assert.deepEqual(args.map((sample) => (sample as Uint8Array).length), [DETECT_SAMPLE_BYTES]);
  });

  test('Russian mixed with English, which chardet takes for Latin-1, still decodes as Cyrillic', () => {
    const mixed = 'Минобороны РФ: US-led coalition strikes killed 60 civilians in Mosul, said Igor Konashenkov on Tuesday.';
    assert.deepEqual(decodeBytes(iconv.encode(mixed, 'windows-1251')), { ok: true, text: mixed, encoding: 'windows-1251' });
    assert.deepEqual(decodeBytes(iconv.encode(mixed, 'koi8-r')), { ok: true, text: mixed, encoding: 'KOI8-R' });
  });

  test('a few Russian words (too little for chardet) decode too', () => {
    const few = 'Москва и Россия';
    assert.deepEqual(decodeBytes(iconv.encode(few, 'windows-1251')), { ok: true, text: few, encoding: 'windows-1251' });
    assert.deepEqual(decodeBytes(iconv.encode(few, 'koi8-r')), { ok: true, text: few, encoding: 'KOI8-R' });
  });

  test('a single Russian word is refused naming the readings it has, and decodes when its encoding is named', () => {
    // Six bytes are also a Macedonian-looking word in maccyrillic, or three kanji in EUC-JP (issue 11, item 11:
    // never store a guess that cannot be defended).
    const cp1251 = iconv.encode('Москва', 'windows-1251');
    assert.deepEqual(decodeBytes(cp1251), {
      ok: false,
      reason: 'cannot decode text (not UTF-8; could be windows-1251 ("Москва") or maccyrillic ("ћосква"); name one with --encoding)',
    });
    assert.match(refused(decodeBytes(iconv.encode('Москва', 'koi8-r'))), /could be KOI8-R \("Москва"\) or EUC-JP/);
    assert.deepEqual(decodeBytes(cp1251, { encoding: 'windows-1251' }), { ok: true, text: 'Москва', encoding: 'windows-1251' });
  });

  test('Latin text with accented letters in a row is not mistaken for Cyrillic', () => {
    for (const text of ['Þjóðólfur Æðey Ísafjörður', 'São Paulo – ações e informações', 'Große Schäden in Mossul']) {
      assert.deepEqual(decodeBytes(iconv.encode(text, 'windows-1252')), { ok: true, text, encoding: 'windows-1252' });
    }
  });

  test('bytes that no code page reads as text are refused, not guessed', () => {
    // Letters glued to symbols and Latin letters next to Cyrillic ones in every reading.
    const b = bytes('x', [0xa4, 0xa6], 'q', [0xa8, 0xac], 'z', [0xaf, 0xa4], 'k');
    assert.equal(refused(decodeBytes(b)), 'cannot decode text (not UTF-8, and the encoding could not be recognised)');
  });

  test('a word that chardet cannot place, but every text-like reading agrees on, decodes', () => {
    // Too short for chardet; windows-1252, windows-1250, ISO-8859-2/15 and windows-1254/1257 all read "Größe".
    assert.deepEqual(decodeBytes(iconv.encode('Größe', 'windows-1252')), { ok: true, text: 'Größe', encoding: 'windows-1252' });
  });

  test('a byte the detected code page does not define is refused, not replaced by U+FFFD', () => {
    // 0x98 is undefined in windows-1251; the rest is plainly Russian.
    const b = bytes(iconv.encode(RU, 'windows-1251'), [0x98]);
    assert.match(refused(decodeBytes(b)), /^cannot decode text \(not UTF-8, and not valid windows-1251 either\)$/);
  });
});

describe('binary files', () => {
  const cases: [string, Uint8Array, string][] = [
    ['PNG', bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d], 'IHDR'), 'binary file (PNG image)'],
    ['JPEG', bytes([0xff, 0xd8, 0xff, 0xe0, 0, 0x10], 'JFIF'), 'binary file (JPEG image)'],
    ['GIF', bytes('GIF89a', [1, 0, 1, 0]), 'binary file (GIF image)'],
    // PDF headers are plain ASCII up to the binary comment: the signature, not a NUL, must catch it.
    ['PDF', bytes('%PDF-1.7\n%', [0xe2, 0xe3, 0xcf, 0xd3], '\n1 0 obj\n'), 'binary file (PDF document)'],
    ['ZIP/docx', bytes('PK', [3, 4, 20, 0, 6, 0], '[Content_Types].xml'), 'binary file (ZIP archive or Office document)'],
    ['gzip', bytes([0x1f, 0x8b, 8, 0, 0, 0, 0, 0]), 'binary file (gzip archive)'],
    ['ELF', bytes([0x7f], 'ELF', [2, 1, 1, 0]), 'binary file (ELF executable)'],
    ['.doc', bytes([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0]), 'binary file (Microsoft Office document (.doc, .xls, .ppt))'],
    ['RTF', bytes('{\\rtf1\\ansi\\deff0 {\\fonttbl}Hello}'), 'not plain text (RTF document; save it as plain text)'],
  ];
  for (const [name, b, reason] of cases) {
    test(`${name} is refused as such`, () => assert.equal(refused(decodeBytes(b)), reason));
  }

  test('text that merely starts like a signature is still text', () => {
    assert.equal(ok(decodeBytes(utf8('MZ Strategy published its report on Mosul.'))).text, 'MZ Strategy published its report on Mosul.');
    assert.equal(ok(decodeBytes(utf8('ID3 tags are irrelevant here.'))).encoding, 'UTF-8');
  });

  test('NUL bytes without a UTF-16 BOM mean binary', () => {
    assert.equal(refused(decodeBytes(bytes('plain text', [0], 'more text'))), 'binary file (contains NUL bytes)');
    // BOM-less UTF-16 is refused the same way (by design).
    assert.equal(refused(decodeBytes(iconv.encode('hello', 'utf-16le'))), 'binary file (contains NUL bytes)');
  });

  test('many control characters mean binary; a few form feeds do not', () => {
    const noisy = utf8('data\x01\x02\x03\x1b[0m values\x07\x08 more\x0b\x0e\x0f');
    assert.equal(refused(decodeBytes(noisy)), 'binary file (too many control characters)');
    // One DOS end-of-file marker in a tiny file is not binary.
    assert.equal(ok(decodeBytes(utf8('Title\x1a'))).text, 'Title\x1a');
    const pages = `page one ${'x'.repeat(200)}\fpage two ${'y'.repeat(200)}\f`;
    assert.equal(ok(decodeBytes(utf8(pages))).text, pages);
  });

  test('random bytes without NULs are refused', () => {
    let seed = 42;
    const rnd = new Uint8Array(4096).map(() => 1 + ((seed = (seed * 1103515245 + 12345) >>> 0) % 255));
    assert.match(refused(decodeBytes(rnd)), /^(binary file|cannot decode text)/);
  });
});

describe('empty files', () => {
  test('0 bytes, BOM only and whitespace only are empty', () => {
    assert.equal(refused(decodeBytes(new Uint8Array())), 'empty file');
    assert.equal(refused(decodeBytes(bytes([0xef, 0xbb, 0xbf]))), 'empty file');
    assert.equal(refused(decodeBytes(bytes([0xff, 0xfe]))), 'empty file');
    assert.equal(refused(decodeBytes(utf8(' \r\n\t\n  \u00a0\n'))), 'empty file (only whitespace)');
    assert.equal(refused(decodeBytes(bytes([0xfe, 0xff], iconv.encode(' \n ', 'utf-16be')))), 'empty file (only whitespace)');
  });

  test('a single visible character is not empty', () => {
    assert.deepEqual(decodeBytes(utf8('\n.\n')), { ok: true, text: '\n.\n', encoding: 'UTF-8' });
  });
});

describe('size', () => {
  test('1 MB on a single line decodes exactly, without a JavaScript loop over its characters', () => {
    const line = 'Мосул 👩‍👩‍👧 e\u0301 '.repeat(40_000);
    const b = utf8(line);
    assert.ok(b.length > 1_000_000);
    // Valid UTF-8 takes the native path: no chardet, and no JavaScript loop over the characters (the control
    // count only runs when a native regex has found a control character).
    const counted = recordCalls(String.prototype, 'charCodeAt', () => countChardet(() => decodeBytes(b)));
    const r = ok(counted.result.result);
    assert.equal(r.text, line);
    assert.equal(r.encoding, 'UTF-8');
    assert.equal(counted.result.calls, 0, 'chardet ran');
    assert.ok(counted.args.length < 100, `${counted.args.length} characters read one by one`);
    // Control: with one control character the loop runs, and the wrapper sees it.
    const withControl = recordCalls(String.prototype, 'charCodeAt', () => ok(decodeBytes(utf8(line + '\x07'))));
    assert.equal(withControl.result.text, line + '\x07');
    assert.ok(withControl.args.length > line.length);
  });
});
