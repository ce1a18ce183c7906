/**
 * Attribution errors a new user met (issue 14): each kind as the user's sentence and one of our own, so that the
 * rule generalises. Expected spans follow bench/preannotate/GUIDELINES.md.
 */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { run } from './attribution.test-helpers.js';

describe('proposeAttributions: subjects with a long role, a date and an adverbial opener', () => {
  test('“According to IRNA, the official representative … Igor Konashenkov on Sunday, 2 April, said: “…”” (user)', () => {
    const r = run('According to the news Agency IRNA, the official representative of the defense Ministry Igor Konashenkov on Sunday, 2 April, said: “the comments of the Pentagon have nothing to do with reality”.');
    assert.ok(r.speakers.includes('Igor Konashenkov'));
    assert.equal(r.saidBy.get('the comments of the Pentagon have nothing to do with reality'), 'Igor Konashenkov');
  });

  test('after an adverbial phrase and a comma, a role + name + date subject is still the speaker (own)', () => {
    const r = run('In a statement on Friday, the deputy head of the Health Ministry Olena Marchuk on Thursday, 5 May, told reporters that 40 clinics had closed.');
    assert.deepEqual(r.speakers, ['Olena Marchuk']);
    assert.equal(r.saidBy.get('40 clinics had closed'), 'Olena Marchuk');
  });
});

describe('proposeAttributions: pronouns after "X said on …"', () => {
  test('“Konashenkov said on “stylistic” differences … He stressed that …” goes to Konashenkov, not a name before (user)', () => {
    const r = run('He recalled that earlier, a spokesman for the US-led international coalition Joseph Scrocca told reporters that the video would be declassified.\n\nComparing the actions in Aleppo and Mosul, Konashenkov said on “stylistic” differences in the action of the Russian space forces and the U.S. air force. He stressed that the Russian air force in Aleppo were not used.');
    assert.equal(r.saidBy.get('the Russian air force in Aleppo were not used'), 'Konashenkov');
    assert.equal(r.spans.find((s) => s.rule === 'speaker/said-about')?.label, 'speaker');
  });

  test('a speaker who only "said about" something, named earlier, reuses that span; a name only mentioned is passed over (own)', () => {
    const r = run('Mayor Ana Lopes said that the bridge was safe. Later, Lopes said about the report by Tom Hale only a few words. She added that repairs would start in June.');
    assert.equal(r.saidBy.get('repairs would start in June'), 'Mayor Ana Lopes');
    assert.deepEqual(r.speakers, ['Mayor Ana Lopes']);
  });

  test('"insists on" is not speaking about: no speaker (own)', () => {
    assert.deepEqual(run('Russia insists on “smart bombs” being banned.').speakers, []);
  });
});

describe('proposeAttributions: claims never start inside markup', () => {
  test('“[@RT_com](#) US-led coalition strike killed dozens …” starts at “US-led” (user)', () => {
    const r = run('[@RT_com](#) US-led coalition strike killed dozens of civilians in Mosul, the Russian MoD said.');
    assert.deepEqual(r.claims, ['US-led coalition strike killed dozens of civilians in Mosul']);
  });

  test('an image link and a handle before a headline are left out (own)', () => {
    const r = run('![](photo.png) @Reuters: Floods cut off 30 villages in the north – Red Cross');
    assert.deepEqual(r.claims, ['Floods cut off 30 villages in the north']);
    assert.deepEqual(r.speakers, ['Red Cross']);
  });
});

describe('proposeAttributions: unnamed officials stop before "of <Name>"', () => {
  test('“a spokesman for the coalition of Joseph Scrocca” → “a spokesman for the coalition” (user)', () => {
    const r = run('In Mosul, according to a spokesman for the coalition of Joseph Scrocca, the coalition will not back down.');
    assert.deepEqual(r.speakers, ['a spokesman for the coalition']);
    assert.deepEqual(r.claims, ['the coalition will not back down']);
  });

  test('the same in a "said" subject; "the mayor of New York" keeps its "of" (own)', () => {
    assert.deepEqual(run('The talks failed, an official for the ministry of Lena Park said.').speakers, ['an official for the ministry']);
    assert.deepEqual(run('The mayor of New York said that the subway would reopen.').speakers, ['The mayor of New York']);
  });
});

describe('proposeAttributions: the clause after the verb keeps its subject', () => {
  test('“Sandra Holt said her side had been “robbed”” keeps “her” (user)', () => {
    const r = run('Millbrook manager Sandra Holt said her side had been "robbed" by the referee.');
    assert.deepEqual(r.claims, ['her side had been "robbed" by the referee']);
  });

  test('"said his"/"said their" open the clause; "told her that" skips the object (own)', () => {
    assert.deepEqual(run('The coach said their defence had let them down.').claims, ['their defence had let them down']);
    assert.deepEqual(run('Grant told her that the money was gone.').claims, ['the money was gone']);
  });

  test('“told the court the hospice had been forced …”: the object is “the court” (user)', () => {
    const r = run('Prosecutor Amira Shah told the court the hospice had been forced to cut two nursing posts after the thefts.');
    assert.deepEqual(r.claims, ['the hospice had been forced to cut two nursing posts after the thefts']);
    assert.equal(r.saidBy.get(r.claims[0]), 'Prosecutor Amira Shah');
  });

  test('"told the committee it would …", "told the inquiry Greaves had …" (own)', () => {
    assert.deepEqual(run('The minister told the committee it would take two years.').claims, ['it would take two years']);
    assert.deepEqual(run('A witness told the inquiry Greaves had signed the contracts.').claims, ['Greaves had signed the contracts']);
  });
});

describe('proposeAttributions: claims with no speaker', () => {
  test('“The court heard that he transferred money …” is a claim with no speaker and no link (user)', () => {
    const r = run('The court heard that he transferred money into his own account on 213 occasions.');
    assert.deepEqual(r.claims, ['he transferred money into his own account on 213 occasions']);
    assert.deepEqual(r.speakers, []);
    assert.equal(r.links.length, 0);
  });

  test('"Jurors were told that", "it is alleged that" are claims; "it is understood that" is narration (own)', () => {
    const r = run('Dr Lee said that the ward was full. Jurors were told that the pump had failed twice. It is alleged that staff ignored the alarm.');
    assert.deepEqual(r.claims, ['the ward was full', 'the pump had failed twice', 'staff ignored the alarm']);
    assert.equal(r.saidBy.get('the pump had failed twice'), undefined);
    assert.equal(r.saidBy.get('staff ignored the alarm'), undefined);
    assert.deepEqual(run('It is understood that the talks will resume.').claims, []);
  });
});

describe('proposeAttributions: a second attribution coordinated in the sentence', () => {
  test('“Rachel Reeves said …, while the Resolution Foundation think tank warned that …” (user)', () => {
    const r = run('The Chancellor, Rachel Reeves, said the figures showed "there is more to do", while the Resolution Foundation think tank warned that real wages were still 1.5 per cent below their 2008 peak.');
    assert.deepEqual(r.claims, ['the figures showed "there is more to do"', 'real wages were still 1.5 per cent below their 2008 peak']);
    assert.deepEqual(r.speakers, ['Rachel Reeves', 'the Resolution Foundation think tank']);
    assert.equal(r.saidBy.get('real wages were still 1.5 per cent below their 2008 peak'), 'the Resolution Foundation think tank');
  });

  test('", but the union said …" and a name described after it (own)', () => {
    const r = run('The company said that 300 jobs were safe, but the Unite union said the plant would close by March.');
    assert.deepEqual(r.claims, ['300 jobs were safe', 'the plant would close by March']);
    assert.deepEqual(r.speakers, ['The company', 'the Unite union']);
    assert.deepEqual(run('The Kremlin flatly denied that troops were there.').speakers, ['The Kremlin']);
    assert.deepEqual(run('The family said that she was safe.').speakers, ['The family']);
  });
});
