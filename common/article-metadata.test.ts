import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { extractMetadata, headerExtent, truncateTitle, MAX_TITLE_LENGTH } from './article-metadata.js';
import { isoDate, parseDateAtStart, parseDateLine } from './dates.js';
import { countCalls } from '../services/count-calls.test-helpers.js';

const corpus = new URL('../samples/corpus/', import.meta.url);
const sample = (name: string) => extractMetadata(readFileSync(new URL(name, corpus), 'utf8'), name);
const cpLen = (s: string) => Array.from(s).length;
const dateOf = (head: string) => extractMetadata(`${head}\n\nBody text of the article.`, 'a.txt').date;

describe('the sample corpus', () => {
  test('000: the date header and the headline share the first line', () => {
    assert.deepEqual(sample('000_ec3e15b4c642490e.txt'), {
      title: 'The Russian military is accusing the US-led coalition of striking civilians in Mosul and other residential areas nearby.',
      date: '2016-10-25',
      source: '000_ec3e15b4c642490e',
    });
  });

  test('001: blank line, headline, then a dd/mm/yyyy line', () => {
    assert.deepEqual(sample('001_ffe4602930e352e0.txt'), {
      title: '60 civilians killed, 200 injured as US-led coalition strikes Mosul residential areas – Russian MoD',
      date: '2016-10-25',
      source: '001_ffe4602930e352e0',
    });
  });

  test('002-004: headline only; dates inside body sentences are not headers', () => {
    // 004 has "18 October, the Russian VKS…" and "Yesterday, October 27, …" in its first lines.
    assert.deepEqual(sample('002_b2ffd15867aef55a.txt'), {
      title: 'Russia insists on “smart bombs”',
      date: null,
      source: '002_b2ffd15867aef55a',
    });
    assert.deepEqual(sample('003_229334f67ee052c9.txt'), {
      title: 'Konashenkov expressed surprise cover-up U.S. crimes of terrorists in Mosul',
      date: null,
      source: '003_229334f67ee052c9',
    });
    assert.deepEqual(sample('004_5302fd337da4e0bd.txt'), {
      title: 'Putin compared the operation in Aleppo to attack on Mosul',
      date: null,
      source: '004_5302fd337da4e0bd',
    });
  });
});

describe('dates', () => {
  const forms: [string, string][] = [
    ['date 2016-10-25', '2016-10-25'],
    ['Date: 2016-10-25', '2016-10-25'],
    ['DATE - 2016-10-25', '2016-10-25'],
    ['**Date:** 2016-10-25', '2016-10-25'],
    ['Published: 2016-10-25T14:30:00Z', '2016-10-25'],
    ['Publication date: 25 October 2016', '2016-10-25'],
    ['Дата: 25.10.2016', '2016-10-25'],
    ['2016-10-25', '2016-10-25'],
    ['2016/10/25', '2016-10-25'],
    ['25/10/2016', '2016-10-25'],
    ['25.10.2016', '2016-10-25'],
    ['10/25/2016', '2016-10-25'], // 25 cannot be a month
    ['05/04/2016', '2016-04-05'], // ambiguous: day first
    ['5/4/2016', '2016-04-05'],
    ['October 25, 2016', '2016-10-25'],
    ['Oct. 25, 2016', '2016-10-25'],
    ['Oct 25 2016', '2016-10-25'],
    ['Sept. 5, 2016', '2016-09-05'],
    ['October 25th, 2016', '2016-10-25'],
    ['25 October 2016', '2016-10-25'],
    ['25th of October, 2016', '2016-10-25'],
    ['Tuesday, October 25, 2016', '2016-10-25'],
    ['Tue, 25 Oct 2016 10:30:00 GMT', '2016-10-25'],
    ['25 October 2016, 10:30 MSK', '2016-10-25'],
    ['25 октября 2016 г.', '2016-10-25'],
    ['2016-02-29', '2016-02-29'],
  ];
  for (const [line, iso] of forms) {
    test(`"${line}" → ${iso}`, () => assert.equal(dateOf(`Headline of the story\n${line}`), iso));
  }

  test('impossible calendar dates are rejected', () => {
    for (const line of ['2015-02-29', '31/02/2016', '2016-13-01', '00/10/2016', 'February 30, 2016', '2016-04-31']) {
      assert.equal(dateOf(`Headline\n${line}`), null, line);
    }
  });

  test('the first date wins; a date in a body sentence is not a header', () => {
    assert.equal(dateOf('Headline\n25/10/2016\nDate: 2017-01-01'), '2016-10-25');
    assert.equal(dateOf('Headline\n18 October, the army moved in.\nOn 2016-10-25 they left.'), null);
    assert.equal(dateOf('Headline\nDate night in Moscow'), null);
  });

  test('only the first 15 non-empty lines are looked at', () => {
    const lines = Array.from({ length: 14 }, (_, i) => `Line ${i + 1}`);
    assert.equal(dateOf([...lines, '25/10/2016'].join('\n\n\n')), '2016-10-25');
    assert.equal(dateOf([...lines, 'Line 15', '25/10/2016'].join('\n\n\n')), null);
  });

  test('parseDateAtStart returns the rest after the date and its time', () => {
    assert.deepEqual(parseDateAtStart('2016-10-25 The Russian military'), { date: '2016-10-25', rest: ' The Russian military' });
    assert.deepEqual(parseDateAtStart('Oct. 25, 2016, 10:30 GMT'), { date: '2016-10-25', rest: '' });
    assert.deepEqual(parseDateAtStart('25 Oct 2016 10:30 most people'), { date: '2016-10-25', rest: ' most people' });
    assert.equal(parseDateAtStart('Mayor 25 2016'), null);
    assert.equal(parseDateLine('25/10/2016.'), '2016-10-25');
    assert.equal(parseDateLine('25/10/2016 and more'), null);
    assert.equal(isoDate(2000, 2, 29), '2000-02-29');
    assert.equal(isoDate(1900, 2, 29), null);
  });
});

describe('source', () => {
  test('from a header line', () => {
    const src = (head: string) => extractMetadata(`Headline\n${head}\nBody.`, 'x.txt').source;
    assert.equal(src('source: RT'), 'RT');
    assert.equal(src('Source - Reuters'), 'Reuters');
    assert.equal(src('SOURCE: [RT](https://www.rt.com/news/)'), 'RT');
    assert.equal(src('Источник: РИА Новости'), 'РИА Новости');
    assert.equal(src('Publisher: The Guardian.'), 'The Guardian');
  });

  test('a line that merely starts with the word is not a source header', () => {
    const m = extractMetadata('Source of the leak remains unknown\nBody.', 'leak-2016.txt');
    assert.equal(m.source, 'leak-2016');
    assert.equal(m.title, 'Source of the leak remains unknown');
  });

  test('a sentence after "Source:" is body text, not the outlet (hostile tester, issue 12)', () => {
    const text = 'Army pulls back\n\nSource: a senior official told us that 60 people died in the strike.\n\nMore text.';
    assert.equal(extractMetadata(text, 'strike.txt').source, 'strike');
    assert.equal(headerExtent('Source: a senior official told us that 60 people died in the strike.'), null);
    assert.deepEqual(headerExtent('Source: The Associated Press'), { start: 0, end: 28 });
  });

  test('from the file name, without folders or extension', () => {
    assert.equal(extractMetadata('Headline', 'corpus/sub/RT article.md').source, 'RT article');
    // A backslash is part of a name (Linux allows "a\\b.txt"): the importer takes the name with its platform's rules.
    assert.equal(extractMetadata('Headline', 'corpus/a\\b.txt').source, 'a\\b');
    assert.equal(extractMetadata('Date: 2016-10-25', 'corpus/a\\b.txt').title, 'a\\b.txt');
  });

  test('a name of only spaces or dots before its extension: no source, the title "Untitled", never ".txt" or blank', () => {
    for (const name of ['   .txt', ' . .md', '\u200b\t.txt', '.txt']) {
      assert.deepEqual(extractMetadata('Date: 2016-10-25', name), { title: 'Untitled', date: '2016-10-25', source: null }, JSON.stringify(name));
      assert.deepEqual(extractMetadata('Headline', `corpus/${name}`), { title: 'Headline', date: null, source: null }, JSON.stringify(name));
    }
    // A source from the text still wins.
    assert.equal(extractMetadata('Source: TASS\n\nHeadline', '   .txt').source, 'TASS');
  });

  test('from a file name with a line break or control characters: one line, each run one space, trimmed', () => {
    assert.equal(extractMetadata('Headline', 'nl/RT\nnews.txt').source, 'RT news');
    assert.equal(extractMetadata('Headline', '\tAFP \r\n\u0007 wire\u0085\n.txt').source, 'AFP wire');
    // The title falls back on the same cleaned name (it keeps the extension, as before).
    assert.equal(extractMetadata('', 'RT\nnews.txt').title, 'RT news.txt');
    // A source from the text wins over the file name, as before.
    assert.equal(extractMetadata('Source: TASS\n\nHeadline', 'RT\nnews.txt').source, 'TASS');
  });
});

describe('title', () => {
  const title = (text: string, name = 'file.txt') => extractMetadata(text, name).title;

  test('skips header lines, blank lines and lines without words', () => {
    assert.equal(title('\n\n  Source: RT\nDate: 2016-10-25\nURL: https://rt.com/x\n\n  The headline  \nBody'), 'The headline');
    assert.equal(title('* * *\n---\nThe headline'), 'The headline');
  });

  test('strips markdown heading marks and emphasis', () => {
    assert.equal(title('# Putin compared Aleppo to Mosul', 'a.md'), 'Putin compared Aleppo to Mosul');
    assert.equal(title('## Closed heading ##\ntext', 'a.md'), 'Closed heading');
    assert.equal(title('**Bold headline**'), 'Bold headline');
  });

  test('an explicit Title header wins over the first line', () => {
    assert.equal(title('Newsletter 42\nTitle: The real headline\nBody'), 'The real headline');
  });

  test('a date header with only a time or a place after it gives no title', () => {
    assert.equal(title('Date: 25 October 2016, 10:30 GMT\nThe headline\nBody'), 'The headline');
    assert.equal(title('date 2016-10-25 Moscow\nThe headline'), 'The headline');
  });

  test('falls back on the file name', () => {
    assert.equal(title('Date: 2016-10-25\nSource: RT', 'corpus/empty-article.txt'), 'empty-article.txt');
    assert.equal(title('--- *** ---', 'x/y.md'), 'y.md');
  });

  test('keeps emoji, ZWJ sequences and combining marks exactly', () => {
    assert.equal(title('Famille 👩‍👩‍👧 au cafe\u0301'), 'Famille 👩‍👩‍👧 au cafe\u0301');
  });

  test('long titles are cut at a word boundary with an ellipsis', () => {
    const words = Array.from({ length: 80 }, (_, i) => `word${i}`).join(' ');
    const t = title(words);
    assert.ok(cpLen(t) <= MAX_TITLE_LENGTH, `${cpLen(t)} code points`);
    assert.ok(t.endsWith('…'));
    assert.ok(words.startsWith(t.slice(0, -1) + ' '), 'cut exactly before a space');
    assert.ok(cpLen(t) > MAX_TITLE_LENGTH - 10, 'does not cut much earlier than needed');
  });

  test('a title of exactly the limit is kept whole', () => {
    const exact = 'a'.repeat(MAX_TITLE_LENGTH - 1) + '👍';
    assert.equal(truncateTitle(exact), exact);
    assert.equal(truncateTitle(exact + 'b'), 'a'.repeat(MAX_TITLE_LENGTH - 1) + '…');
  });

  test('a long title without spaces is cut between graphemes, never inside 👩‍👩‍👧', () => {
    const family = '👩‍👩‍👧'; // 5 code points
    const t = truncateTitle(family.repeat(100));
    assert.ok(t.endsWith('…'));
    const body = t.slice(0, -1);
    assert.equal(body, family.repeat(cpLen(body) / 5), 'whole families only');
    assert.ok(cpLen(t) <= MAX_TITLE_LENGTH && cpLen(t) > MAX_TITLE_LENGTH - 6);
  });

  test('a 1 MB file: only the head is read, on a single line or on many', () => {
    // The work, counted rather than timed (a clock flakes on a busy machine): the strings handed to a regex.
    // Every regex call goes through RegExp.prototype.exec (test, replace and split call it too).
    const regexInputs = (fn: () => void): number[] => {
      const inputs: number[] = [];
      countCalls(RegExp.prototype, 'exec', fn, (input) => inputs.push(String(input).length));
      return inputs;
    };
    const sentence = 'The coalition struck residential areas of Mosul again.';
    for (const [shape, text] of [
      ['a single line', (n: number) => `${sentence} `.repeat(n)],
      ['many lines', (n: number) => `${sentence}\n`.repeat(n)],
    ] as const) {
      const big = text(20_000);
      assert.ok(big.length > 1_000_000);
      let m = extractMetadata(big, 'huge.txt');
      const inputs = regexInputs(() => (m = extractMetadata(big, 'huge.txt')));
      if (shape === 'many lines') assert.equal(m.title, sentence);
      else assert.ok(m.title.startsWith(`${sentence} The coalition`) && m.title.endsWith('…') && cpLen(m.title) <= MAX_TITLE_LENGTH, m.title);
      assert.equal(m.date, null);
      // No regex sees more than one header line's first 1,000 characters (LINE_SCAN), and the calls are those
      // a 10 kB file of the same lines needs.
      assert.ok(inputs.length > 0, 'the wrapper sees the regex calls');
      assert.ok(Math.max(...inputs) <= 1000, `${shape}: a regex ran on ${Math.max(...inputs)} characters`);
      assert.equal(inputs.length, regexInputs(() => extractMetadata(text(200), 'huge.txt')).length, shape);
    }
  });

});

describe('YAML front matter', () => {
  const md = [
    '---',
    'layout: post',
    'title: "Putin compared Aleppo to Mosul"',
    'date: 2016-10-28',
    "source: 'Interfax'",
    'tags: [syria, iraq]',
    '---',
    '',
    '# A different heading',
    '',
    'Body. 25/10/2016',
  ].join('\n');

  test('is read from .md files', () => {
    assert.deepEqual(extractMetadata(md, 'notes/putin.md'), {
      title: 'Putin compared Aleppo to Mosul',
      date: '2016-10-28',
      source: 'Interfax',
    });
  });

  test('missing fields fall back on the body and the file name', () => {
    const partial = '---\nlayout: post\n---\n# The heading\n\nOctober 25, 2016\n\nBody';
    assert.deepEqual(extractMetadata(partial, 'Some.MD'), { title: 'The heading', date: '2016-10-25', source: 'Some' });
  });

  test('an unclosed front matter is just text', () => {
    const m = extractMetadata('---\nlayout: post\nThe first real line', 'x.md');
    assert.equal(m.title, 'layout: post');
  });

  test('is not looked for in .txt files, where only the usual header lines count', () => {
    const text = '---\nlayout: post\ndate: 2016-10-28\n---\nThe heading\nBody';
    assert.deepEqual(extractMetadata(text, 'a.md'), { title: 'The heading', date: '2016-10-28', source: 'a' });
    assert.deepEqual(extractMetadata(text, 'a.txt'), { title: 'layout: post', date: '2016-10-28', source: 'a' });
  });
});
