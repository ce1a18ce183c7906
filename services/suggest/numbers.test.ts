import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { compareFigures, extractFigures, figureSimilarity, matchFigures, type Figure } from './numbers.js';
import { charsRead } from '../count-calls.test-helpers.js';

const corpus = (name: string) => readFileSync(fileURLToPath(new URL(`../../samples/corpus/${name}`, import.meta.url)), 'utf8');
/** Python's text[a:b] on code points: what every offset must agree with. */
const py = (text: string, a: number, b: number) => Array.from(text).slice(a, b).join('');
const brief = (fs: Figure[]) => fs.map((f) => [f.raw, f.value, f.bound, f.approx]);
const one = (text: string): Figure => {
  const fs = extractFigures(text);
  assert.equal(fs.length, 1, `one figure in ${JSON.stringify(text)}, got ${JSON.stringify(brief(fs))}`);
  return fs[0];
};

describe('extractFigures', () => {
  test('the sample claims: qualifiers become bounds and are part of the span', () => {
    const a = 'At least 60 civilians were killed and another 200 injured';
    assert.deepEqual(extractFigures(a), [
      { value: 60, approx: false, bound: 'atLeast', start: 0, end: 11, raw: 'At least 60' },
      { value: 200, approx: false, bound: 'exact', start: 46, end: 49, raw: '200' },
    ]);
    assert.deepEqual(brief(extractFigures('60 civilians killed, 200 injured')), [
      ['60', 60, 'exact', false],
      ['200', 200, 'exact', false],
    ]);
    assert.deepEqual(brief(extractFigures('killed about 200 civilians')), [['about 200', 200, 'about', true]]);
    assert.deepEqual(brief(extractFigures('the death of at least 396 civilians')), [['at least 396', 396, 'atLeast', false]]);
  });

  test('digits with separators, decimals and magnitudes', () => {
    assert.equal(one('1,200 people').value, 1200);
    assert.equal(one('1 200 people').value, 1200);
    assert.equal(one('1\u00a0200 people').value, 1200); // no-break space
    assert.equal(one('1.200.000 people').value, 1_200_000);
    assert.equal(one('12,345,678 votes').value, 12_345_678);
    assert.equal(one('3.5 tonnes').value, 3.5);
    assert.equal(one('1.2 million refugees').value, 1_200_000);
    assert.equal(one('1.2 million refugees').raw, '1.2 million');
    assert.equal(one('3 thousand troops').value, 3000);
    assert.equal(one('$5m in aid').value, 5_000_000);
    assert.equal(one('a 5bn budget').value, 5_000_000_000);
    assert.equal(one('2 млн человек').value, 2_000_000);
    // "60, 200" is a list, not 60200; "2016 200" cannot be a grouped number either.
    assert.deepEqual(extractFigures('figures of 60, 200 and 300').map((f) => f.value), [60, 200, 300]);
  });

  test('number words', () => {
    assert.deepEqual(brief(extractFigures('sixty civilians')), [['sixty', 60, 'exact', false]]);
    assert.equal(one('two hundred injured').value, 200);
    assert.equal(one('two hundred and fifty injured').value, 250);
    assert.equal(one('Twenty-five people').value, 25);
    assert.equal(one('one million two hundred thousand').value, 1_200_000);
    assert.deepEqual(brief(extractFigures('a dozen schools')), [['a dozen', 12, 'exact', false]]);
    assert.equal(one('two dozen schools').value, 24);
    assert.equal(one('half a million people').value, 500_000);
    assert.equal(one('one hundred people').value, 100);
    // Two numbers side by side stay two numbers.
    assert.deepEqual(extractFigures('between sixty and seventy').map((f) => f.value), [60, 70]);
  });

  test('vague plurals are approximate lower bounds', () => {
    assert.deepEqual(brief(extractFigures('killed dozens of civilian mourners')), [['dozens', 24, 'atLeast', true]]);
    assert.deepEqual(brief(extractFigures('hundreds of people')), [['hundreds', 200, 'atLeast', true]]);
    assert.deepEqual(brief(extractFigures('force hundreds of thousands of refugees to flee')), [
      ['hundreds of thousands', 200_000, 'atLeast', true],
    ]);
    assert.deepEqual(brief(extractFigures('home to tens of thousands of civilians')), [['tens of thousands', 20_000, 'atLeast', true]]);
    assert.deepEqual(brief(extractFigures('several hundred fighters')), [['several hundred', 200, 'atLeast', true]]);
    assert.deepEqual(brief(extractFigures('a few dozen fighters')), [['a few dozen', 24, 'atLeast', true]]);
  });

  test('percentages', () => {
    assert.deepEqual(brief(extractFigures('60% of the city')), [['60%', 60, 'exact', false]]);
    assert.equal(one('60 per cent of the city').raw, '60 per cent');
    assert.equal(one('sixty percent of the city').value, 60);
  });

  test('qualifiers', () => {
    const cases: [string, Figure['bound']][] = [
      ['over 60', 'atLeast'], ['Over 60', 'atLeast'], ['more than 60', 'atLeast'], ['at least 60', 'atLeast'],
      ['no fewer than 60', 'atLeast'], ['60+', 'atLeast'], ['60 or more', 'atLeast'],
      ['up to 60', 'atMost'], ['no more than 60', 'atMost'], ['under 60', 'atMost'], ['fewer than 60', 'atMost'],
      ['less than 60', 'atMost'], ['as many as 60', 'atMost'],
      ['about 60', 'about'], ['around 60', 'about'], ['some 60', 'about'], ['nearly 60', 'about'],
      ['almost 60', 'about'], ['approximately 60', 'about'], ['roughly 60', 'about'], ['~60', 'about'],
      ['approx. 60', 'about'], ['60-odd', 'about'], ['60 or so', 'about'],
    ];
    for (const [text, bound] of cases) {
      const f = one(`killed ${text} civilians`);
      assert.equal(f.bound, bound, text);
      assert.equal(f.raw, text, text);
      assert.equal(f.value, 60, text);
      assert.equal(f.approx, bound === 'about', text);
    }
    // "no more than" is not read as "more than".
    assert.equal(one('no more than 50').bound, 'atMost');
    // A qualifier word glued to another word is not a qualifier.
    assert.equal(one('handsome 60').bound, 'exact');
  });

  test('dates, years, times, ordinals and ids are not figures', () => {
    const none = [
      '25/10/2016', '2016-10-25', ' date 2016-10-25 The Russian military', '25.10.2016', '10:30', 'at 10:30:15 GMT',
      'the 3rd day', 'the 2nd channel of Russian television', '21st century', 'F-16', 'MiG-29', 'COVID-19',
      'Su-24M', 'an A320', '30km from Kirkuk', 'the 1990s', 'on.rt.com/7soi', 'issue #5', 'v1.2.3',
      'in 2016', 'since August 2014', 'in the summer of 2014', 'October 2016', 'on 25 October 2016',
      'October 25, 2016', 'in the years 2014-2017', 'in 2014–17', 'until 2020', '2016’s election',
      'on Sunday, 2 April, said', 'the March 17 bombing', '18 October, the Russian VKS', 'Yesterday, October 27, U.S.',
      'no one noticed', 'one of the parties', 'a school', 'half the city', 'the tens digit', 'до 2016 года',
    ];
    for (const text of none) assert.deepEqual(brief(extractFigures(text)), [], text);
  });

  test('a year-like number is a figure outside date context', () => {
    assert.deepEqual(extractFigures('2000 people fled').map((f) => f.value), [2000]);
    assert.deepEqual(extractFigures('over 2000 people fled').map((f) => f.bound), ['atLeast']);
    // "May" and "march" are months only with a capital.
    assert.deepEqual(extractFigures('they may 5 times').map((f) => f.value), [5]);
  });

  test('the sample corpus', () => {
    assert.deepEqual(brief(extractFigures(corpus('001_ffe4602930e352e0.txt'))), [
      ['60', 60, 'exact', false],
      ['200', 200, 'exact', false],
      ['Over 60', 60, 'atLeast', false],
      ['at least 200', 200, 'atLeast', false],
      ['three', 3, 'exact', false],
      ['dozens', 24, 'atLeast', true],
      ['48', 48, 'exact', false],
      ['three', 3, 'exact', false],
    ]);
    const t = corpus('003_229334f67ee052c9.txt');
    const fs = extractFigures(t);
    assert.deepEqual(brief(fs), [
      ['about 200', 200, 'about', true],
      ['at least 396', 396, 'atLeast', false],
    ]);
    for (const f of fs) assert.equal(py(t, f.start, f.end), f.raw);
  });

  test('offsets are code points: emoji before a number', () => {
    const t = '😀😀 Over 60 civilians 👩‍👩‍👧 and 200 injured';
    const fs = extractFigures(t);
    assert.deepEqual(fs.map((f) => [f.start, f.end]), [[3, 10], [31, 34]]);
    for (const f of fs) assert.equal(py(t, f.start, f.end), f.raw);
  });

  test('Cyrillic text', () => {
    const t = 'Генерал Рудской: более 60 мирных жителей погибли, около 200 ранены';
    const fs = extractFigures(t);
    assert.deepEqual(brief(fs), [
      ['более 60', 60, 'atLeast', false],
      ['около 200', 200, 'about', true],
    ]);
    for (const f of fs) assert.equal(py(t, f.start, f.end), f.raw);
  });

  test('words that are Object.prototype members are just words', () => {
    assert.deepEqual(brief(extractFigures('60 constructor valueOf, two constructor, 5 toString')), [
      ['60', 60, 'exact', false],
      ['two', 2, 'exact', false],
      ['5', 5, 'exact', false],
    ]);
  });

  test('empty and number-free input', () => {
    assert.deepEqual(extractFigures(''), []);
    assert.deepEqual(extractFigures('The Russian military is accusing the US-led coalition.'), []);
  });

  test('a megabyte of text is scanned in one pass', () => {
    const doc = corpus('000_ec3e15b4c642490e.txt');
    const t = doc.repeat(450); // ≈ 1 MB
    let figures: Figure[] = [];
    const chars = charsRead(() => (figures = extractFigures(t)));
    assert.equal(figures.length, 5 * 450);
    // About 2.9 characters read per character of text today; a rescan per figure or per line would be thousands.
    assert.ok(chars > 0 && chars <= 4 * t.length, `${chars} characters read for ${t.length}`);
  });

  test('pathological runs cost work linear in their length', () => {
    // Doubling the input at most doubles the characters read (a quadratic rescan would quadruple them).
    const shapes: [string, (k: number) => string][] = [
      ['one long word', (k) => 'x'.repeat(k)],
      ['one long number', (k) => '1'.repeat(k)],
      ['digit groups', (k) => '1' + ',000'.repeat(k / 4)],
      ['spaces before a qualified figure', (k) => (' '.repeat(k / 10) + 'about 60').repeat(10)],
      ['number words', (k) => 'hundreds of thousands of '.repeat(k / 25)],
      ['years in date context', (k) => 'in 2014 '.repeat(k / 8)],
      ['dotted numbers', (k) => '1.'.repeat(k / 2)],
    ];
    for (const [name, shape] of shapes) {
      const once = charsRead(() => extractFigures(shape(4000)));
      const twice = charsRead(() => extractFigures(shape(8000)));
      assert.ok(once > 0 && once <= 10 * shape(4000).length, `${name}: ${once} characters read`);
      assert.ok(twice <= 2.2 * once, `${name}: ${once} characters read, then ${twice} for twice the text`);
    }
  });

});

describe('compareFigures', () => {
  const f = (text: string) => one(text);
  test('the documented cases', () => {
    assert.equal(compareFigures(f('200'), f('about 200')), 'match');
    assert.equal(compareFigures(f('60'), f('over 60')), 'match');
    assert.equal(compareFigures(f('over 60'), f('60')), 'match');
    assert.equal(compareFigures(f('60'), f('100')), 'conflict');
    assert.equal(compareFigures(f('about 200'), f('190')), 'match');
    assert.equal(compareFigures(f('at least 60'), f('70')), 'compatible');
    assert.equal(compareFigures(f('at most 50'), f('60')), 'conflict');
  });

  test('tolerances and bounds', () => {
    assert.equal(compareFigures(f('about 200'), f('230')), 'conflict'); // outside ±10 %
    assert.equal(compareFigures(f('200'), f('190')), 'conflict'); // two exact counts must be equal
    assert.equal(compareFigures(f('at least 60'), f('at most 50')), 'conflict');
    assert.equal(compareFigures(f('at least 60'), f('at least 200')), 'compatible');
    assert.equal(compareFigures(f('up to 100'), f('60')), 'compatible');
    assert.equal(compareFigures(f('dozens'), f('60')), 'compatible');
    assert.equal(compareFigures(f('dozens'), f('500')), 'conflict');
    assert.equal(compareFigures(f('hundreds of thousands'), f('200,000')), 'match');
    assert.equal(compareFigures(f('1.2 million'), f('1,200,000')), 'match');
    assert.equal(compareFigures(f('sixty'), f('60')), 'match');
  });

  test('a percentage is never the same as a count', () => {
    assert.equal(compareFigures(f('60%'), f('60')), 'conflict');
    assert.equal(compareFigures(f('60%'), f('60 per cent')), 'match');
  });
});

describe('figureSimilarity and matchFigures', () => {
  test('the sample retellings agree', () => {
    assert.equal(figureSimilarity('60 civilians killed, 200 injured', 'At least 60 civilians were killed and another 200 injured'), 1);
    assert.equal(
      figureSimilarity('60 civilians killed, 200 injured', 'Over 60 civilians have been killed and at least 200 injured during three days'),
      1,
    );
    assert.equal(figureSimilarity('the bombing of Mosul killed about 200 civilians', 'terrorists killed about 200 people'), 1);
  });

  test('conflicts and missing figures score 0; partial agreement in between', () => {
    assert.equal(figureSimilarity('60 civilians killed', '100 civilians killed'), 0);
    assert.equal(figureSimilarity('civilians killed', '60 civilians killed'), 0);
    assert.equal(figureSimilarity('', ''), 0);
    assert.equal(figureSimilarity('60 killed, 200 injured', '60 killed, 100 injured'), 0.5);
    assert.equal(figureSimilarity('at least 60 killed', '70 killed'), 0.5);
  });

  test('pairs name the nearest rival figure', () => {
    const { pairs } = matchFigures(extractFigures('60 killed, 200 injured'), extractFigures('Over 60 killed, 100 injured'));
    assert.deepEqual(
      pairs.map((p) => [p.a.raw, p.b.raw, p.outcome]),
      [
        ['60', 'Over 60', 'match'],
        ['200', '100', 'conflict'],
      ],
    );
    // Pairs keep the order of the arguments even when the second list is the shorter.
    const swapped = matchFigures(extractFigures('60 killed over three days'), extractFigures('about 60 killed'));
    assert.deepEqual(swapped.pairs.map((p) => [p.a.raw, p.b.raw, p.outcome]), [['60', 'about 60', 'match']]);
  });
});
