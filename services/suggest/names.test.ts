import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { foldName, jaroWinkler, nameSimilarity, nameTokens, similarTerms } from './names.js';

const close = (actual: number, expected: number, eps = 1e-3) =>
  assert.ok(Math.abs(actual - expected) < eps, `${actual} is not ≈ ${expected}`);

describe('jaroWinkler', () => {
  test('textbook values', () => {
    close(jaroWinkler('martha', 'marhta'), 0.961);
    close(jaroWinkler('dwayne', 'duane'), 0.84);
    close(jaroWinkler('dixon', 'dicksonx'), 0.813);
    close(jaroWinkler('rudskoi', 'rutskoi'), 0.924);
  });
  test('edges', () => {
    assert.equal(jaroWinkler('', ''), 0);
    assert.equal(jaroWinkler('', 'abc'), 0);
    assert.equal(jaroWinkler('abc', 'abc'), 1);
    assert.equal(jaroWinkler('abc', 'xyz'), 0);
    // Symmetric, and long inputs grow the scratch buffers without breaking.
    const long = 'x'.repeat(500) + 'a';
    close(jaroWinkler(long, 'x'.repeat(500) + 'b'), jaroWinkler('x'.repeat(500) + 'b', long));
  });
});

describe('name normalisation', () => {
  test('titles, particles, case and diacritics', () => {
    assert.deepEqual(nameTokens('Gen. Sergey Rudskoy'), ['sergei', 'rudskoi']);
    assert.deepEqual(nameTokens('Lieutenant-General Sergey Rutskoy'), ['sergei', 'rutskoi']);
    assert.deepEqual(nameTokens('President Vladimir Putin'), ['vladimir', 'putin']);
    assert.deepEqual(nameTokens('Bashar al-Assad'), ['bashar', 'asad']);
    assert.deepEqual(nameTokens("Rudskoy's"), ['rudskoi']);
    assert.deepEqual(nameTokens('SERGEÏ RUDSKOÏ'), ['sergei', 'rudskoi']);
    assert.deepEqual(nameTokens('Sergey Lavrov, the foreign minister'), ['sergei', 'lavrov']);
    assert.deepEqual(nameTokens('Russian Defence Minister Sergei Shoigu'), ['sergei', 'shoigu']);
    // A title word in last place is a surname.
    assert.deepEqual(nameTokens('John Major'), ['iohn', 'maior']);
    // Only titles: compared as they are rather than not at all.
    assert.deepEqual(nameTokens('the General'), ['the', 'general']);
    assert.deepEqual(nameTokens(''), []);
  });

  test('Cyrillic is transliterated', () => {
    assert.deepEqual(nameTokens('Сергей Рудской'), ['sergei', 'rudskoi']);
    assert.deepEqual(nameTokens('генерал-лейтенант Сергей Рудской'), ['sergei', 'rudskoi']);
  });

  test('the transliteration fold', () => {
    assert.equal(foldName('aleksey'), foldName('alexei'));
    assert.equal(foldName('dmitriy'), foldName('dmitri'));
    assert.equal(foldName('dmitrii'), foldName('dmitry'));
    assert.equal(foldName('khodorkovsky'), foldName('hodorkovskii'));
    assert.equal(foldName('kirill'), foldName('kiril'));
    assert.equal(foldName('iouri'), foldName('yuri'));
    assert.equal(foldName('wladimir'), foldName('vladimir'));
    assert.equal(foldName('joseph'), foldName('iosef'));
    assert.notEqual(foldName('rudskoy'), foldName('rutskoy'));
  });
});

describe('nameSimilarity', () => {
  test('the sample speakers', () => {
    assert.ok(nameSimilarity('Sergey Rudskoy', 'Sergey Rutskoy') > 0.85);
    assert.ok(nameSimilarity('Rudskoy', 'Sergei Rudskoi') > 0.85);
    assert.equal(nameSimilarity('Gen. Sergey Rudskoy', 'Sergey Rudskoy'), 1);
    assert.equal(nameSimilarity('Lieutenant-General Sergey Rutskoy', 'Sergey Rutskoy'), 1);
    assert.ok(nameSimilarity('Igor Konashenkov', 'Sergey Rudskoy') < 0.5);
    assert.ok(nameSimilarity('Putin', 'Vladimir Putin') > 0.85);
    assert.ok(nameSimilarity('President Vladimir Putin', 'Putin') > 0.85);
    assert.ok(nameSimilarity('Joseph Scrocca', 'Sergey Lavrov') < 0.5);
  });

  test('case, diacritics and scripts do not matter', () => {
    assert.equal(nameSimilarity('SERGEY RUDSKOY', 'sergey rudskoy'), 1);
    assert.equal(nameSimilarity('Sergeï Rudskoï', 'Sergey Rudskoy'), 1);
    assert.equal(nameSimilarity('Сергей Рудской', 'Sergey Rudskoy'), 1);
    assert.ok(nameSimilarity('Игорь Конашенков', 'Igor Konashenkov') > 0.95);
  });

  test('a different surname is low even with the same first name', () => {
    assert.ok(nameSimilarity('Sergey Rudskoy', 'Sergey Lavrov') < 0.6);
    assert.ok(nameSimilarity('Vladimir Putin', 'Vladimir Zelensky') < 0.6);
  });

  test('a different first name costs less than a different surname', () => {
    const firstDiffers = nameSimilarity('Sergey Lavrov', 'Igor Lavrov');
    assert.ok(firstDiffers > 0.7 && firstDiffers < 1, String(firstDiffers));
    assert.ok(firstDiffers > nameSimilarity('Sergey Lavrov', 'Sergey Rudskoy'));
  });

  test('initials, patronymics and swapped order', () => {
    assert.ok(nameSimilarity('V. Putin', 'Vladimir Putin') > 0.9);
    assert.ok(nameSimilarity('V. Putin', 'Dmitry Putin') < nameSimilarity('V. Putin', 'Vladimir Putin'));
    assert.ok(nameSimilarity('Vladimir Vladimirovich Putin', 'Vladimir Putin') > 0.95);
    assert.ok(nameSimilarity('Rudskoy Sergey', 'Sergey Rudskoy') > 0.9);
  });

  test('symmetric, bounded, empty', () => {
    const pairs = [
      ['Sergey Rudskoy', 'Sergey Rutskoy'],
      ['Rudskoy', 'Sergei Rudskoi'],
      ['Igor Konashenkov', 'Sergey Rudskoy'],
      ['V. Putin', 'Vladimir Vladimirovich Putin'],
    ];
    for (const [a, b] of pairs) {
      const s = nameSimilarity(a, b);
      assert.ok(s >= 0 && s <= 1);
      close(s, nameSimilarity(b, a));
    }
    assert.equal(nameSimilarity('', 'Sergey Rudskoy'), 0);
    assert.equal(nameSimilarity('', ''), 0);
    assert.equal(nameSimilarity('😀', 'Sergey'), 0);
  });
});

describe('similarTerms', () => {
  const vocabulary = ['rudskoi', 'rutskoy', 'rudskoy', 'рудской', 'mosul', 'lavrov', 'rudder', 'konashenkov', 'r', ''];

  test('spelling variants, best first, the term itself left out', () => {
    const found = similarTerms('rudskoy', vocabulary);
    assert.deepEqual(found.map((f) => f.term), ['rudskoi', 'рудской', 'rutskoy']);
    assert.equal(found[0].score, 1);
    assert.ok(found[2].score > 0.88 && found[2].score < 1);
    for (let i = 1; i < found.length; i++) assert.ok(found[i - 1].score >= found[i].score);
  });

  test('the threshold, case of the query, any iterable', () => {
    assert.deepEqual(similarTerms('Rudskoy', new Set(vocabulary), 0.99).map((f) => f.term), ['rudskoi', 'рудской']);
    function* gen() {
      yield* vocabulary;
    }
    assert.equal(similarTerms('rudskoy', gen()).length, 3);
    assert.deepEqual(similarTerms('', vocabulary), []);
    assert.deepEqual(similarTerms('rudskoy', []), []);
  });

  test('transliteration classes of the first letter: kh/h, v/w', () => {
    assert.deepEqual(similarTerms('khodorkovsky', ['hodorkovsky', 'godorkovsky', 'podorkovsky']).map((f) => f.term)[0], 'hodorkovsky');
    assert.deepEqual(similarTerms('vladimir', ['wladimir', 'vladimer', 'bladimir']).map((f) => f.term), ['wladimir', 'vladimer']);
  });

  test('100,000 terms: finds the variants in one pass, folding only the few that pass the cheap filters', () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    const big: string[] = [];
    for (let i = 0; i < 100_000; i++) {
      let w = '';
      const n = 2 + Math.floor(random() * 12);
      for (let k = 0; k < n; k++) w += String.fromCharCode(97 + Math.floor(random() * 26));
      big.push(w);
    }
    big.splice(31_337, 0, 'rutskoy');
    big.splice(77_777, 0, 'rudskoi');
    // The work, counted rather than timed (a clock flakes on a busy machine): terms taken from the vocabulary,
    // and toLowerCase calls, which every comparison and every fold (asciiFold) makes on its candidate.
    let pulled = 0;
    const vocabulary = (function* () {
      for (const t of big) {
        pulled++;
        yield t;
      }
    })();
    const proto = String.prototype;
    const toLowerCase = proto.toLowerCase;
    let lowered = 0;
    proto.toLowerCase = function (this: string) {
      lowered++;
      return toLowerCase.call(this);
    };
    let found: { term: string; score: number }[];
    try {
      found = similarTerms('rudskoy', vocabulary);
    } finally {
      proto.toLowerCase = toLowerCase;
    }
    assert.deepEqual(found.map((f) => f.term).slice(0, 2), ['rudskoi', 'rutskoy']);
    assert.equal(pulled, big.length, 'one pass over the vocabulary');
    // About 5,300 today: a few per term that starts with "r" and has a length near 7 (~1,900 of them). Folding or
    // comparing every term would make at least 100,000.
    assert.ok(lowered > 0, 'the wrapper sees the calls');
    assert.ok(lowered <= big.length / 10, `${lowered} toLowerCase calls for ${big.length} terms`);
  });

});
