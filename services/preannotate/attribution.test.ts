import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { proposeAttributions } from './attribution.js';
import { py, run } from './attribution.test-helpers.js';
import { findQuotes } from './quotes.js';
import type { ProposedSpan } from './types.js';

const cpIndexOf = (text: string, needle: string) => Array.from(text.slice(0, text.indexOf(needle))).length;

describe('proposeAttributions: the issue examples', () => {
  test('Sergey Rudskoy told journalists: “…” (name with a role before it, a quotation after a colon)', () => {
    const r = run('The Russian General Staff Sergey Rudskoy told journalists on Tuesday: “There were numerous attacks of the US-led coalition targeting residential areas”');
    assert.deepEqual(r.speakers, ['Sergey Rudskoy']);
    assert.deepEqual(r.claims, ['There were numerous attacks of the US-led coalition targeting residential areas']);
    assert.equal(r.saidBy.get(r.claims[0]), 'Sergey Rudskoy');
    assert.ok(r.spans.find((s) => s.label === 'speaker')!.rule.startsWith('speaker/'));
  });

  test('the Russian MoD via "according to" (claim before it)', () => {
    const r = run('At least 60 civilians were killed and another 200 injured in Mosul, according to the Russian MoD.');
    assert.deepEqual(r.speakers, ['the Russian MoD']);
    assert.deepEqual(r.claims, ['At least 60 civilians were killed and another 200 injured in Mosul']);
    assert.equal(r.saidBy.get(r.claims[0]), 'the Russian MoD');
    assert.equal(r.spans.find((s) => s.label === 'claim')!.rule, 'claim/according-to-before');
  });

  test('Igor Konashenkov said: after a long role, only the name', () => {
    const r = run('The official representative of the defense Ministry Igor Konashenkov said: “the comments of the Pentagon have nothing to do with reality”.');
    assert.deepEqual(r.speakers, ['Igor Konashenkov']);
    assert.deepEqual(r.claims, ['the comments of the Pentagon have nothing to do with reality']);
  });

  test('a spokesman for the coalition said that … (an unnamed person as written)', () => {
    const r = run('A spokesman for the coalition said that the strikes had hit military targets only.');
    assert.deepEqual(r.speakers, ['A spokesman for the coalition']);
    assert.deepEqual(r.claims, ['the strikes had hit military targets only']);
  });

  test('"he added that …" is linked to the nearest named speaker, with no pronoun span', () => {
    const r = run('Gen. Sergey Rudskoy said that the situation was being monitored. Lavrov was not there. He added that no progress had been seen.');
    assert.deepEqual(r.speakers, ['Gen. Sergey Rudskoy']);
    assert.deepEqual(r.claims, ['the situation was being monitored', 'no progress had been seen']);
    assert.equal(r.saidBy.get('no progress had been seen'), 'Gen. Sergey Rudskoy');
  });
});

describe('proposeAttributions: reporting structures', () => {
  const cases: [string, string, string, string][] = [
    // [text, speaker, claim, claim rule]
    ['Rudskoy said that Russia has not conducted sorties over Aleppo.', 'Rudskoy', 'Russia has not conducted sorties over Aleppo', 'claim/reported-that'],
    ['Lavrov said Moscow would block any text that mentioned sanctions.', 'Lavrov', 'Moscow would block any text that mentioned sanctions', 'claim/reported-clause'],
    ['Over 60 civilians have been killed in Mosul, the Russian military reported.', 'the Russian military', 'Over 60 civilians have been killed in Mosul', 'claim/reported-before'],
    ['According to the Russian military, a school for girls was hit last Friday.', 'the Russian military', 'a school for girls was hit last Friday', 'claim/according-to-after'],
    ['“Let’s not forget,” said the President of Russia.', 'the President of Russia', 'Let’s not forget', 'claim/quote'],
    ['“We see no progress,” Gen. Sergey Rudskoy, head of Operations in the General Staff, told journalists.', 'Gen. Sergey Rudskoy', 'We see no progress', 'claim/quote'],
    ['Judge Helen Marsh told the court that the defendant had betrayed the trust of voters.', 'Judge Helen Marsh', 'the defendant had betrayed the trust of voters', 'claim/reported-that'],
    ['In a statement, the ministry said that the raids had stopped for good.', 'the ministry', 'the raids had stopped for good', 'claim/reported-that'],
    ['The defense Ministry stressed that the raids are not conducted so far.', 'The defense Ministry', 'the raids are not conducted so far', 'claim/reported-that'],
    ['Hans Kluge, the regional director for Europe, warned that vaccination rates had fallen.', 'Hans Kluge', 'vaccination rates had fallen', 'claim/reported-that'],
    ['The coalition’s statement, released on Saturday, April 1, said it was responsible for the deaths.', 'The coalition', 'it was responsible for the deaths', 'claim/reported-clause'],
    ['Ortiz will appeal the verdict next week, his lawyer said.', 'his lawyer', 'Ortiz will appeal the verdict next week', 'claim/reported-before'],
  ];
  for (const [text, speaker, claim, rule] of cases) {
    test(text, () => {
      const r = run(text);
      assert.deepEqual(r.speakers, [speaker]);
      assert.deepEqual(r.claims, [claim]);
      assert.equal(r.saidBy.get(claim), speaker);
      assert.equal(r.spans.find((s) => s.label === 'claim')!.rule, rule);
    });
  }

  test('X: “…” (a name and affiliation before a colon)', () => {
    const r = run('Is the vaccine safe?\nDr Maria Neira, WHO: “Two doses of the vaccine are about 97 percent effective.”');
    assert.deepEqual(r.speakers, ['Dr Maria Neira']);
    assert.deepEqual(r.claims, ['Two doses of the vaccine are about 97 percent effective.']);
  });

  test('a headline attributed after a dash', () => {
    const r = run('60 civilians killed, 200 injured as US-led coalition strikes Mosul – Russian MoD\n\nThe text goes on.');
    assert.deepEqual(r.speakers, ['Russian MoD']);
    assert.deepEqual(r.claims, ['60 civilians killed, 200 injured as US-led coalition strikes Mosul']);
  });

  test('"X … and said Y": the second verb shares the subject and cuts the first claim', () => {
    const r = run('Opposition leader Anna Kowalczyk told supporters that "the country has chosen change" and said she would begin talks on Wednesday.');
    assert.deepEqual(r.speakers, ['Anna Kowalczyk']);
    assert.deepEqual(r.claims, ['the country has chosen change', 'she would begin talks on Wednesday']);
    assert.equal(r.saidBy.get('she would begin talks on Wednesday'), 'Anna Kowalczyk');
  });

  test('a dateline is not part of the claim', () => {
    const r = run('KHARKIV, March 3 (Wire) — At least 14 civilians were killed in a market on Friday, regional officials said.');
    assert.deepEqual(r.claims, ['At least 14 civilians were killed in a market on Friday']);
    assert.deepEqual(r.speakers, ['regional officials']);
  });
});

describe('proposeAttributions: quotations', () => {
  test('a quotation split by "he said" is two claims, both said by the speaker', () => {
    const r = run('Putin spoke in Sochi. “We constantly hear from our partners,” he said, “but they do nothing at all.”');
    assert.deepEqual(r.claims, ['We constantly hear from our partners', 'but they do nothing at all.']);
    assert.equal(r.saidBy.get('but they do nothing at all.'), r.saidBy.get('We constantly hear from our partners'));
  });

  test('straight quotes, and a quotation spanning paragraphs is one claim', () => {
    const text = 'Bailey said: "We have to be sure that inflation falls.\n\n"That is why we raised rates today."';
    const r = run(text);
    assert.deepEqual(r.speakers, ['Bailey']);
    assert.deepEqual(r.claims, ['We have to be sure that inflation falls.\n\n"That is why we raised rates today.']);
  });

  test('nested quotation marks stay inside the outer quotation', () => {
    assert.deepEqual(
      findQuotes('He wrote: “the so-called “smart bombs” caused deaths.” Then “more”.').map((q) => [q.start, q.end]),
      [[11, 53], [61, 65]],
    );
  });

  test('short scare quotes are not claims', () => {
    const r = run('The coalition used so-called “smart bombs” in the raid on Mosul.');
    assert.deepEqual(r.claims, []);
    assert.deepEqual(r.speakers, []);
  });
});

describe('proposeAttributions: not speakers', () => {
  test('a person merely mentioned, "so-called" and "aforesaid" make no speaker', () => {
    const r = run('Joseph Scrocca visited the base on Monday. The so-called truce held. The aforesaid agreement expired.');
    assert.deepEqual(r.speakers, []);
    assert.deepEqual(r.claims, []);
  });

  test('a passive "was reported" is not an attribution', () => {
    const r = run('No fighting inside the city has been reported yet, although several neighborhoods were seized.');
    assert.deepEqual(r.speakers, []);
  });

  test('"announced plans" without a clause is not a report', () => {
    const r = run('U.S. Secretary of defense Ashton Carter announced plans to launch an offensive in Raqqa.');
    assert.deepEqual(r.speakers, []);
  });

  test('"according to available information" has no speaker', () => {
    const r = run('Lavrov added that, according to available information, the bombing lasted more than an hour.');
    assert.deepEqual(r.speakers, ['Lavrov']);
  });
});

describe('proposeAttributions: links and offsets', () => {
  test('cites links go to the figures inside a claim, indexes counting figures first', () => {
    const text = 'Officials said that 60 civilians were killed. Later 200 more fled.';
    const inside: ProposedSpan = { label: 'figure', start: cpIndexOf(text, '60'), end: cpIndexOf(text, '60') + 12, attributes: {}, rule: 'figure/test', confidence: 1 };
    const outside: ProposedSpan = { label: 'figure', start: cpIndexOf(text, '200'), end: cpIndexOf(text, '200') + 3, attributes: {}, rule: 'figure/test', confidence: 1 };
    const { spans, links } = proposeAttributions(text, [inside, outside]);
    const claimIndex = 2 + spans.findIndex((s) => s.label === 'claim');
    const speakerIndex = 2 + spans.findIndex((s) => s.label === 'speaker');
    assert.deepEqual(links.filter((l) => l.from === claimIndex).sort((a, b) => a.to - b.to), [
      { type: 'cites', from: claimIndex, to: 0 },
      { type: 'said-by', from: claimIndex, to: speakerIndex },
    ]);
  });

  test('offsets are code points after an astral character', () => {
    const text = '😀🚀 Igor Konashenkov said that “the strikes 😀 hit civilians” again.';
    const r = run(text);
    assert.deepEqual(r.speakers, ['Igor Konashenkov']);
    const sp = r.spans.find((s) => s.label === 'speaker')!;
    assert.equal(sp.start, cpIndexOf(text, 'Igor'));
    assert.equal(sp.start, 3);
    assert.deepEqual(r.claims, ['“the strikes 😀 hit civilians” again']);
  });

  test('spans never start or end in white space and are never empty', () => {
    const text = 'Rudskoy said that   Russia had stopped.  \n\n“It is over,”  he added.\n';
    for (const s of proposeAttributions(text, []).spans) {
      assert.ok(s.end > s.start);
      const str = py(text, s.start, s.end);
      assert.equal(str, str.trim());
    }
  });

  test('empty or odd input gives nothing and does not throw', () => {
    for (const text of ['', '“', '"', 'said', ': “”', 'according to', '— said', '\u{1F600}said\u{1F600}']) {
      assert.doesNotThrow(() => proposeAttributions(text, []));
    }
    assert.deepEqual(proposeAttributions('', []), { spans: [], links: [] });
  });
});

describe('proposeAttributions: structures that generalise past the first dev set', () => {
  test('present tense and a parenthetical attribution: both halves are claims', () => {
    const r = run('Every stitch, she explains, is tied by hand in the old way.');
    assert.deepEqual(r.claims, ['Every stitch', 'is tied by hand in the old way']);
  });

  test('"Y, X says, and Z": the clause after "and" is a claim too', () => {
    const r = run('The bridge will close for a month, the council says, and buses will run a detour instead.');
    assert.deepEqual(r.speakers, ['the council']);
    assert.deepEqual(r.claims, ['The bridge will close for a month', 'buses will run a detour instead']);
  });

  test('"Y, X reported at …" and "Y, X said Monday, as …": only adverbials after the verb, the claim is before', () => {
    const r = run('Half of the patients improved, the doctors reported at a meeting in Boston.');
    assert.deepEqual(r.speakers, ['the doctors']);
    assert.deepEqual(r.claims, ['Half of the patients improved']);
    const s = run('Floods have killed 20 people, officials said Monday, as crews searched the valley.');
    assert.deepEqual(s.claims, ['Floods have killed 20 people']);
  });

  test('an adverbial opening the sentence is not a claim ("Asked about …, X said on …")', () => {
    const r = run('Asked about the delay, Mayor Lisa Grant said on Friday in Leeds.');
    assert.deepEqual(r.claims, []);
  });

  test('a short plural noun phrase opening the sentence is a speaker of "say"', () => {
    const r = run('Rescue workers say the water is still rising in the lower town.');
    assert.deepEqual(r.speakers, ['Rescue workers']);
    assert.deepEqual(r.claims, ['the water is still rising in the lower town']);
  });

  test('a bracketed short form after a body and a name particle stay out of / inside the speaker', () => {
    const r = run('The National Farmers Union (NFU) said on Monday that prices had fallen. Earlier, the ombudsman, Dame Clara van Dijk, said in a report that complaints had doubled.');
    assert.deepEqual(r.speakers, ['The National Farmers Union', 'Dame Clara van Dijk']);
  });

  test('an appositive after a name describes it: the name speaks', () => {
    assert.deepEqual(run('Dr. Ana Ruiz, a lecturer at the university in Seville, said in an email that the data were incomplete.').speakers, ['Dr. Ana Ruiz']);
    assert.deepEqual(run('Tom Reed, 54, of Leeds, said he had lost his job in March.').speakers, ['Tom Reed']);
  });

  test('a weak verb reports a clause but not a noun object', () => {
    const r = run('The coach admitted his players had been tired after the flight.');
    assert.deepEqual(r.claims, ['his players had been tired after the flight']);
    const s = run('The candidate conceded defeat in a short speech.');
    assert.deepEqual(s.claims, []);
  });

  test('"what X called “…”": the quoted words are the claim; naming is not', () => {
    const r = run('He resigned over what the inspector called "a culture of silence at every level". A charity called "Open Doors" helped.');
    assert.deepEqual(r.speakers, ['the inspector']);
    assert.deepEqual(r.claims, ['a culture of silence at every level']);
  });

  test('"he says" resolves to the subject named in an earlier sentence, which becomes a speaker', () => {
    const r = run('Most mornings, Tomasz Nowak opens the bakery at five. He is 63. "Bread does not wait for anyone," he says.');
    assert.deepEqual(r.speakers, ['Tomasz Nowak']);
    assert.equal(r.saidBy.get('Bread does not wait for anyone'), 'Tomasz Nowak');
  });
});

describe('proposeAttributions: Q&A interviews', () => {
  const text = [
    'An interview with the engineer Maria Costa.',
    '',
    'Why did the dam fail?',
    '',
    'Costa: The spillway was too small. Nobody had checked it since 1990.',
    '',
    'Some people will say nobody could have known.',
    '',
    'Costa: They could have. The warnings were in every report.',
    '',
    'Update: the dam was reopened in May.',
  ].join('\n');

  test('each "Name:" answer is a speaker and the whole answer one claim; the prompts are not claims', () => {
    const r = run(text);
    assert.deepEqual(r.speakers, ['Costa', 'Costa']);
    assert.deepEqual(r.claims, ['The spillway was too small. Nobody had checked it since 1990.', 'They could have. The warnings were in every report.']);
    assert.equal(r.spans.find((s) => s.label === 'claim')!.rule, 'claim/answer');
  });

  test('a single "Label:" line is no answer', () => {
    assert.deepEqual(run('Sudan: shelling of the market kills dozens\n\nThe text goes on.').speakers, []);
  });
});
