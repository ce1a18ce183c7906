import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { keyTermSet, significantTerms } from './terms.js';

describe('significantTerms', () => {
  test('the sample headline: stop words out, numbers and names in, rarest first', () => {
    assert.deepEqual(significantTerms('60 civilians killed, 200 injured as US-led coalition strikes Mosul residential areas'), [
      'residential', '60', 'civilians', '200', 'coalition', 'mosul', 'injured', 'strikes', 'killed', 'areas', 'led',
    ]);
  });

  test('reporting verbs and function words are dropped', () => {
    const terms = significantTerms(
      'At least 60 civilians were killed and another 200 injured during three days of US-led coalition airstrikes ' +
        'on residential areas in the Iraqi city of Mosul, according to the Russian MoD, Rudskoy said and told journalists.',
      50,
    );
    for (const stop of ['at', 'least', 'were', 'and', 'another', 'during', 'of', 'on', 'in', 'the', 'according', 'to', 'said', 'told', 'us']) {
      assert.ok(!terms.includes(stop), stop);
    }
    for (const kept of ['60', '200', 'rudskoy', 'mosul', 'iraqi', 'airstrikes', 'journalists']) assert.ok(terms.includes(kept), kept);
    // A capitalised word away from a sentence start (a name) outranks a common word of the same length.
    assert.ok(terms.indexOf('rudskoy') < terms.indexOf('injured'));
  });

  test('max, dedup, ties in text order', () => {
    assert.deepEqual(significantTerms('Mosul mosul MOSUL strikes', 12), ['mosul', 'strikes']);
    assert.deepEqual(significantTerms('alpha bravo delta', 2), ['alpha', 'bravo']);
    assert.deepEqual(significantTerms('alpha bravo', 0), []);
    // Repetition counts a little: "smart" twice beats "bombs" once.
    assert.deepEqual(significantTerms('smart bombs and smart weapons'), ['weapons', 'smart', 'bombs']);
  });

  test('numbers are kept, lone letters are not', () => {
    assert.deepEqual(significantTerms('3 killed in 396 strikes on a city'), ['396', 'strikes', 'killed', '3', 'city']);
    assert.deepEqual(significantTerms('Mosul’s strikes, U.S. A b c'), ['strikes', 'mosul']);
  });

  test('Cyrillic, emoji, empty', () => {
    assert.deepEqual(significantTerms('Генерал Рудской заявил, что более 60 мирных жителей погибли в Мосуле'), [
      'рудской', '60', 'мосуле', 'генерал', 'жителей', 'погибли', 'мирных',
    ]);
    assert.deepEqual(significantTerms('😀 60 civilians😀killed'), ['60', 'civilians', 'killed']);
    assert.deepEqual(significantTerms(''), []);
    assert.deepEqual(significantTerms('the and of'), []);
  });
});

describe('keyTermSet', () => {
  test('the same terms, unranked and unlimited', () => {
    const text = 'Over 60 civilians have been killed and at least 200 injured during three days of airstrikes in Mosul';
    assert.deepEqual([...keyTermSet(text)].sort(), [...significantTerms(text, 1000)].sort());
    assert.deepEqual([...keyTermSet('Over 60 civilians have been killed')], ['60', 'civilians', 'killed']);
    assert.equal(keyTermSet('').size, 0);
  });
});
