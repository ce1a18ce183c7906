import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { proposeFigures } from './figures.js';

/** Python's text[a:b] on code points: what every offset must agree with. */
const py = (text: string, a: number, b: number) => Array.from(text).slice(a, b).join('');
const spans = (text: string) => proposeFigures(text).map((s) => py(text, s.start, s.end));
/** The one figure in `text`: its span text and attributes. */
const one = (text: string): Record<string, string> => {
  const fs = proposeFigures(text);
  assert.equal(fs.length, 1, `one figure in ${JSON.stringify(text)}, got ${JSON.stringify(spans(text))}`);
  return { span: py(text, fs[0].start, fs[0].end), ...fs[0].attributes, rule: fs[0].rule };
};

describe('proposeFigures: the examples of issue 14', () => {
  test('qualifier, number and what it counts', () => {
    assert.deepEqual(one('At least 60 civilians were killed'), { span: 'At least 60 civilians', value: '60', bound: 'at least', unit: 'civilians', rule: 'figure/numbers+noun' });
    assert.deepEqual(one('and over 200 injured as strikes hit'), { span: 'over 200 injured', value: '200', bound: 'at least', unit: 'injured', rule: 'figure/numbers+participle' });
    assert.deepEqual(one('forty-one civilians died'), { span: 'forty-one civilians', value: '41', bound: 'exact', unit: 'civilians', rule: 'figure/numbers+noun' });
    assert.deepEqual(one('may force hundreds of thousands of refugees to flee'), {
      span: 'hundreds of thousands of refugees', value: '200000', bound: 'at least', unit: 'refugees', rule: 'figure/numbers-vague+of',
    });
    assert.deepEqual(one('has killed a total of 396 people.'), { span: '396 people', value: '396', bound: 'exact', unit: 'people', rule: 'figure/numbers+noun' });
  });

  test('the sample sentence: two figures, "another" belongs to the second', () => {
    assert.deepEqual(spans('At least 60 civilians were killed and another 200 injured during three days of airstrikes'), [
      'At least 60 civilians', 'another 200 injured', 'three days',
    ]);
  });

  test('offsets are code points', () => {
    const t = '😀😀 Over 60 civilians 👩‍👩‍👧 and 200 injured';
    assert.deepEqual(proposeFigures(t).map((s) => [s.start, s.end]), [[3, 20], [31, 42]]);
    assert.deepEqual(spans(t), ['Over 60 civilians', '200 injured']);
  });

  test('provenance: every proposal is a figure with a rule and a confidence in 0..1', () => {
    for (const s of proposeFigures('At least 60 civilians, $4.5 billion, 3.5%, 40 km, about 200, one in ten, 30km')) {
      assert.equal(s.label, 'figure');
      assert.match(s.rule, /^figure\//);
      assert.ok(s.confidence > 0 && s.confidence <= 1, `${s.rule} ${s.confidence}`);
    }
  });
});

describe('proposeFigures: money, percentages, measurements, ranges', () => {
  test('money: sign or word, magnitudes, ISO units', () => {
    assert.deepEqual(one('The UN appealed for $4.5 billion in aid'), { span: '$4.5 billion', value: '4500000000', bound: 'exact', unit: 'USD', rule: 'figure/numbers+currency' });
    assert.deepEqual(one('a deficit of £28bn'), { span: '£28bn', value: '28000000000', bound: 'exact', unit: 'GBP', rule: 'figure/numbers+currency' });
    assert.equal(one('pledged €1.1 billion').unit, 'EUR');
    assert.deepEqual(one('costs 1.80 euros a litre'), { span: '1.80 euros', value: '1.8', bound: 'exact', unit: 'EUR', rule: 'figure/numbers+currency' });
    assert.equal(one('aid of US$5m').span, 'US$5m');
    assert.deepEqual(one('a budget of DKK 450 million'), { span: 'DKK 450 million', value: '450000000', bound: 'exact', unit: 'DKK', rule: 'figure/numbers+currency' });
    assert.deepEqual(one('fines of more than $45 million'), { span: 'more than $45 million', value: '45000000', bound: 'at least', unit: 'USD', rule: 'figure/numbers+currency' });
    assert.deepEqual(one('could receive as much as 2.4 million euros'), { span: 'as much as 2.4 million euros', value: '2400000', bound: 'at most', unit: 'EUR', rule: 'figure/numbers+currency' });
  });

  test('percentages, with what they are a share of', () => {
    assert.deepEqual(one('Inflation rose to 3.5% in September'), { span: '3.5%', value: '3.5', bound: 'exact', unit: '%', rule: 'figure/numbers+percent' });
    assert.deepEqual(one('wages grew by 12 percent year on year'), { span: '12 percent', value: '12', bound: 'exact', unit: '%', rule: 'figure/numbers+percent' });
    assert.equal(one('won 35.4% of the vote, officials said').span, '35.4% of the vote');
    assert.equal(one('nearly 40 per cent of homes were damaged').span, 'nearly 40 per cent of homes');
  });

  test('measurements', () => {
    assert.deepEqual(one('struck 40 km south of the capital'), { span: '40 km', value: '40', bound: 'exact', unit: 'km', rule: 'figure/numbers+unit' });
    assert.deepEqual(one('carrying 2,000 tonnes of wheat reached the city'), { span: '2,000 tonnes of wheat', value: '2000', bound: 'exact', unit: 't', rule: 'figure/numbers+unit' });
    assert.deepEqual(one('killed mourners 30km from Kirkuk'), { span: '30km', value: '30', bound: 'exact', unit: 'km', rule: 'figure/glued-unit' });
    assert.deepEqual(one('warming of about 1.2C since'), { span: 'about 1.2C', value: '1.2', bound: 'about', unit: '°C', rule: 'figure/glued-unit' });
    assert.equal(one('limits of 140 km/h on motorways').span, '140 km/h');
    assert.deepEqual(one('A magnitude 6.8 earthquake'), { span: 'magnitude 6.8', value: '6.8', bound: 'exact', unit: 'magnitude', rule: 'figure/unit+numbers' });
    assert.equal(one('covers 5.3 million square feet').unit, 'sq ft');
  });

  test('ranges are one figure with value_high', () => {
    const r = one('"We need between 50 and 70 trucks a day," he said');
    assert.deepEqual(r, { span: 'between 50 and 70 trucks', value: '50', value_high: '70', bound: 'exact', unit: 'trucks', rule: 'figure/range' });
    assert.deepEqual(one('Shares rose 10-15 percent in early trading'), { span: '10-15 percent', value: '10', value_high: '15', bound: 'exact', unit: '%', rule: 'figure/range' });
    assert.deepEqual(one('it lasted two or three days'), { span: 'two or three days', value: '2', value_high: '3', bound: 'exact', unit: 'days', rule: 'figure/range' });
    assert.equal(one('between 5 and 10 million people').value, '5000000');
    assert.equal(one('costs between €700 million and €900 million').span, 'between €700 million and €900 million');
    // A change is two figures, not a range.
    assert.deepEqual(spans('the rate rose from 3 to 5 percent'), ['3', '5 percent']);
  });

  test('bounds from qualifiers and prefixes', () => {
    const cases: [string, string, string][] = [
      ['killed up to 100 civilians', 'up to 100 civilians', 'at most'],
      ['fewer than 100 people had been arrested', 'fewer than 100 people', 'at most'],
      ['killed about 200 people', 'about 200 people', 'about'],
      ['Some 300,000 households will receive', 'Some 300,000 households', 'about'],
      ['would file its appeal within 30 days', 'within 30 days', 'at most'],
      ['held well below 2C', 'well below 2C', 'at most'],
      ['lease another 15 aircraft', 'another 15 aircraft', 'exact'],
    ];
    for (const [text, span, bound] of cases) {
      const f = one(text);
      assert.equal(f.span, span, text);
      assert.equal(f.bound, bound, text);
    }
  });

  test('vague plurals, fractions, ratios, compounds and "one" before a noun', () => {
    assert.deepEqual(one('killed dozens of civilian mourners'), { span: 'dozens of civilian mourners', value: '24', bound: 'at least', unit: 'mourners', rule: 'figure/numbers-vague+of' });
    assert.deepEqual(one('Nearly two-thirds of the cases were in children'), { span: 'Nearly two-thirds of the cases', value: '0.6667', bound: 'about', unit: 'cases', rule: 'figure/fraction' });
    assert.equal(one('rates fell by half a point').span, 'half a point');
    assert.deepEqual(one('and fewer than one in ten is young'), { span: 'fewer than one in ten', value: '0.1', bound: 'at most', unit: '', rule: 'figure/ratio' });
    assert.deepEqual(one('after a three-day ceasefire'), { span: 'three-day', value: '3', bound: 'exact', unit: 'day', rule: 'figure/compound' });
    assert.equal(one('sentences of two and a half years').value, '2.5');
    assert.equal(one('had received at least one dose').span, 'at least one dose');
    assert.equal(one('four of the dead were children').span, 'four of the dead');
    assert.equal(one('48 women & children flee Aleppo').span, '48 women & children');
    assert.equal(one('about 40 protesters held placards').span, 'about 40 protesters');
  });
});

describe('proposeFigures: not figures', () => {
  test('dates, years, times, ordinals, names and codes', () => {
    const none = [
      '25/10/2016', ' date 2016-10-25 The Russian military', 'on 25 October 2016', 'October 25, 2016', 'in 2016',
      'since August 2014', 'in the years 2014-2017', 'plans to build cars by 2030', 'the summer of 2014',
      'at 10:30', 'at 5 pm on Tuesday', 'from 7 a.m. on weekdays', 'at 1500 GMT',
      'the 3rd day', 'the second quake', 'their first payments', '21st century',
      'the F-16', 'a MiG-29', 'the G7 and the G20', 'the COVID-19 pandemic', 'the Boeing 737 order',
      'adopted Resolution 2254 in', 'Article 5 was not invoked', 'see page 4 of the report', 'the iPhone 15 launch',
      'a 12-year-old girl was hurt', 'The 24-year-old signed', 'voters aged 18 to 29 turned out', 'said Nadiya, 52, who runs a bakery',
      'at 10 Downing Street', 'call 555-0148 today', 'the line is 091 509 000', '+44 20 7946 0958',
      'no one noticed', 'one of the ministers', 'the one who left', 'a school', 'an hour later',
      'on.rt.com/7soi', 'issue #5', 'v1.2.3', '',
    ];
    for (const text of none) assert.deepEqual(spans(text), [], text);
  });

  test('a number next to a name is still a count when it counts', () => {
    assert.deepEqual(spans('Two F-16 jets and a MiG-29 were seen'), ['Two F-16 jets']);
    assert.deepEqual(spans('two F-16s flew over'), ['two F-16s']);
    assert.deepEqual(spans('He scored 31 goals in 36 Serie A games'), ['31 goals', '36 Serie A games']);
    assert.deepEqual(spans('2000 people fled'), ['2000 people']);
  });

  test('any string: never throws, spans never overlap and never cut a surrogate pair', () => {
    const texts = ['1'.repeat(500), '$$$ 5 % % of of of', 'between and 5 and', 'one in', '😀5😀 km', '- 5 - 5 - 5', 'half a', 'two-'];
    for (const t of texts) {
      const fs = proposeFigures(t);
      for (let k = 0; k < fs.length; k++) {
        assert.ok(fs[k].start < fs[k].end, t);
        if (k > 0) assert.ok(fs[k - 1].end <= fs[k].start, t);
      }
    }
  });
});

describe('proposeFigures: scores, durations, time frames, age groups and years (user report)', () => {
  test('a score after a team name is one figure, and a ratio never joins across a score', () => {
    assert.deepEqual(spans('Harbour City edge Millbrook 3-2 in seven-goal thriller'), ['3-2', 'seven-goal']);
    assert.deepEqual(spans('came from behind to beat Millbrook Athletic 3-2 at Riverside Park'), ['3-2']);
    assert.deepEqual(spans('Northgate Rangers lost 1-4 in a two-hour delay'), ['1-4', 'two-hour']);
    assert.deepEqual(spans('Lakers beat the Celtics 112-108 in overtime'), ['112-108']);
    // A model number stays a name, both parts; a year is no denominator; a real ratio still reads.
    assert.deepEqual(spans('the Boeing 737-800 jet'), []);
    assert.deepEqual(spans('officers killed 5 in 2020'), ['5']);
    assert.deepEqual(one('and fewer than one in ten is young').rule, 'figure/ratio');
  });

  test('"over" + duration after a clause or a complete figure means "during": the duration alone, exact', () => {
    const t = "stole more than £312,000 from a children's hospice over six years, a court heard";
    assert.deepEqual(spans(t), ['more than £312,000', 'six years']);
    assert.equal(proposeFigures(t)[1].attributes.bound, 'exact');
    assert.deepEqual(spans('Rents climbed 20% over three years'), ['20%', 'three years']);
    assert.deepEqual(one('Over six years, the fund doubled.'), { span: 'six years', value: '6', bound: 'exact', unit: 'years', rule: 'figure/numbers+noun' });
    // Where the words before take the duration as object, "over" bounds it; "over" + a count is always a bound.
    assert.deepEqual(one('was jailed for over six years').bound, 'at least');
    assert.equal(one('after just over two years in office').span, 'just over two years');
    assert.equal(one('Over 20 years have passed').bound, 'at least');
    assert.deepEqual(one('Over 60 people were hurt').bound, 'at least');
    assert.equal(one('sentenced to under two years').bound, 'at most');
  });

  test('a time frame that works as a date is not a figure; a duration is', () => {
    for (const t of [
      'Unemployment fell to 4.1% in the three months to August.', 'Exports rose in the 12 months to September',
      'over the past six years', 'in the last 20 years', 'over the next two years', 'within the next 18 months',
      'two weeks ago', 'the talks began four days earlier', 'three hours later, the power returned',
    ]) assert.deepEqual(spans(t).filter((s) => /month|year|week|day|hour/.test(s)), [], t);
    assert.deepEqual(spans('The first 72 hours are crucial'), ['72 hours']);
    assert.deepEqual(spans('it rained more in three months than in a year'), ['three months']);
    assert.deepEqual(spans('jailed for seven years'), ['seven years']);
  });

  test('age groups after people and ages after "he is" are not figures', () => {
    for (const t of [
      'remain below their 2008 peak for workers under 30.', 'free for children under five, and', 'those over 60 by a margin',
      'the over-50s and over 65s', 'voters aged 16 to 64', 'Anyone under 18 must have consent', 'He is 78.', 'when I was 25, I',
    ]) assert.deepEqual(spans(t), [], t);
    // A noun after the number makes it a count again; a number after a thing is a bound.
    assert.deepEqual(spans('workers under 30 people in size'), ['under 30 people']);
    assert.deepEqual(spans('the rate is under 5'), ['under 5']);
  });

  test('a year before a capitalised name is a year', () => {
    assert.deepEqual(spans('The court heard that between 2017 and 2020 Greaves steered 41 contracts'), ['41 contracts']);
    assert.deepEqual(spans('in 2019 Patel resigned'), []);
    assert.deepEqual(spans('a fine of 2000 USD'), ['2000 USD']);
  });
});

describe('proposeFigures: telephone numbers and names with numbers (hostile tester)', () => {
  test('a telephone number is no figure, in any usual format', () => {
    for (const t of ['Call 555-1234 for details.', 'Call 555-1234.', 'Call (555) 123-4567 today.', 'call 1-800-555-0199', 'Dial 555.123.4567 now', 'Tel: +1 202 555 0143', 'The hotline number is 555-0199.']) {
      assert.deepEqual(spans(t), [], t);
    }
  });

  test('a range with no dialling word before it is still a figure', () => {
    assert.deepEqual(spans('Between 500-1000 people came.'), ['Between 500-1000 people']);
  });

  test('a standard, product, route or flight name keeps its number, even opening a sentence', () => {
    for (const t of ['ISO 9001 is a standard.', 'The plant is ISO 9001 certified.', 'Windows 11 launched.', 'It runs Windows 11 now.', 'Route 66 is long.', 'They drove Route 66 west.', 'Flight 370 vanished.', 'UN 1325 was adopted.', 'Boeing 737 crashed.']) {
      assert.deepEqual(spans(t), [], t);
    }
    assert.deepEqual(spans('Flight 370 vanished with 239 people aboard.'), ['239 people']);
  });

  test('a capitalised ordinary word opening a sentence does not name the number', () => {
    assert.deepEqual(spans('Only 12 were found.'), ['Only 12']);
    assert.deepEqual(spans('About 300 fled.'), ['About 300']);
  });
});
