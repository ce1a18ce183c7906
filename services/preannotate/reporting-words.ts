/**
 * Word lists for attribution (speakers and claims): reporting verbs, the words a speaker's noun phrase may hold,
 * and the words that are never part of one. English news usage; lower case. The lists are grammar (closed
 * classes and the common reporting verbs of news style, after the AP/Reuters "said" conventions), not names.
 */

const set = (words: string) => new Set(words.trim().split(/\s+/));

/**
 * Verbs that report speech on their own: "X said Y" with no "that" is still an attribution. Matched only as
 * written in lower case ("the United States" is not "states").
 */
export const STRONG_VERBS = set(`
  said says say told tells added adds stressed stresses claimed stated insisted insists asserted
  argued argues emphasised emphasized explained underlined underscored
  tweeted wrote writes replied responded remarked commented
  explains claims states argue insist insisted recalls emails emailed
`);

/**
 * Verbs that report speech only with a clause marker after them ("noted that", "warned:", a quotation) or in
 * the "Y, X noted." order; alone they have other senses ("announced plans", "confirmed the deaths").
 */
export const WEAK_VERBS = set(`
  reiterated continued noted notes warned warns announced announces reported reports confirmed confirms denied denies recalled
  concluded concludes declared maintained maintains expressed pointed lamented reminded caution cautions
  estimate warn warned insist note
  alleged alleges estimated estimates revealed suggested suggests urged believes
  believed predicted promised acknowledged observed complained accused cautioned indicated disclosed
  assured informed told asked explained
  confirm report reported advise advises advised admit recall estimates warns cautioned
  conceded concedes admitted admits acknowledges
`);

/** Nouns after "expressed" that make it a report ("expressed surprise that …"). */
export const EXPRESSED = set('surprise concern hope regret confidence doubt fear fears anger outrage satisfaction belief dismay');

/** Auxiliaries and adverbs between a subject and its verb ("has repeatedly said", "also recently reported"). */
export const VERB_ADVERBS = set(`
  also later earlier again further previously then reportedly recently repeatedly publicly separately today
  yesterday has have had will would once still however meanwhile had already first subsequently
  immediately officially initially late just only even personally himself herself themselves itself
  tonight openly directly clearly
`);

/** Words before a verb that make it passive or not a report ("was reported", "is said to"). */
export const PASSIVE_BEFORE = set('was were been be being is are am so-called');

/** Subject pronouns (a claim they make is linked to the nearest named speaker before). */
export const PRONOUNS = set('he she they it we i him her them');
/** Possessive determiners: "his lawyer" is a speaker written as a description. */
export const POSSESSIVES = set('his her their its our');
/** Determiners that open a speaker written as a description ("the survey", "some researchers"). */
export const DETERMINERS = set('the a an his her their its our some many several most other two three four');
/** Pronouns that name a person, not a body, for resolution. */
export const PERSON_PRONOUNS = set('he she him her');

/** Lower-case heads of a speaker phrase that name a person by role ("a spokesman", "the general"). */
export const PERSON_ROLES = set(`
  spokesman spokeswoman spokesperson spokespeople spokesmen official officials representative representatives
  minister secretary general head chief director commander commanders officer officers envoy ambassador
  president leader leaders chairman chairwoman chair prosecutor prosecutors judge lawyer lawyers attorney
  source sources witness witnesses resident residents analyst analysts expert experts activist activists
  doctor doctors medic medics diplomat diplomats governor mayor colonel lieutenant captain major sergeant
  adviser advisor advisers advisors aide aides negotiator negotiators correspondent journalist reporter
  member members spokespersons observer observers monitor monitors investigator investigators survivor
  survivors father mother relative relatives researchers researcher scientist scientists economist economists
  teacher farmer victims victim paramedics rescuers coach manager player players campaigners delegates
  diplomats spokespeople prosecutors observers
`);

/** Lower-case heads of a speaker phrase that name a body ("the ministry", "Iraqi media outlets"). */
export const BODY_NOUNS = set(`
  ministry military army forces government office agency police committee council coalition group groups
  organization organizations organisation organisations department authorities media outlets outlet channel
  television newspaper daily agency service services mission team staff directorate command headquarters
  administration court company firm bank fund union observatory board parliament cabinet embassy
  commission monitors network broadcaster radio statement report survey centre center institute club
  party study review firm
`);

/** Lower-case words a speaker phrase may hold around its head ("senior US official", "the human rights group"). */
export const PHRASE_WORDS = set(`
  the a an of for at in from and aid senior top former deputy local foreign international humanitarian defense defence
  interior health affairs rights human unnamed anonymous regional federal national state independent official
  military security intelligence press news public general main operational operations chief joint armed
  air naval ground opposition rebel rebels government medical emergency civil civilian us-led led
  news-agency
`);

/** Capitalised words that name a body, so a name run after them is a person: "Ministry Igor Konashenkov". */
export const ORG_WORDS = set(`
  ministry mod pentagon army forces staff agency office council committee department coalition government
  federation news directorate command commission union organization organisation observatory kremlin
  command police court parliament cabinet embassy house service services nations cross crescent
  assembly mission bureau headquarters party club university institute survey center centre
  association authority society foundation trust alliance league corporation company group bank fund board
  network programme program inc ltd plc
`);

/** Titles kept with the name that follows ("Gen. Sergey Rudskoy", "President Vladimir Putin"). */
export const TITLES = set(`
  gen. gen general lt. lt lieutenant lieutenant-general major-general col. col colonel maj. maj major capt.
  capt captain adm. adm admiral sgt. sgt mr. mr mrs. mrs ms. ms dr. dr prof. prof president prime minister
  secretary senator sen. rep. gov. governor king queen pope sheikh ambassador spokesman spokeswoman foreign
  defense defence chancellor premier mayor judge justice commander chief
`);

/** Words that are never a speaker on their own (capitalised at a sentence start, or days and months). */
export const NOT_NAMES = set(`
  the a an earlier meanwhile however but and then later also yesterday today now still so thus therefore in
  on at as after before when while if for since this that these those there here it its his her their our
  monday tuesday wednesday thursday friday saturday sunday january february march april may june july august
  september october november december last next following speaking according asked
`);

/** Objects and adverbials between a verb and its reported clause ("told journalists on Tuesday that"). */
export const AFTER_VERB = set(`
  journalists reporters also later earlier again today yesterday tonight separately him her them us me
  audience lawmakers parliament publicly repeatedly monday tuesday wednesday thursday friday saturday sunday
`);

/**
 * Words that open an adverbial, not a clause, after a reporting verb: "Y, the researchers reported at a
 * congress …", "Y, authorities said, as rescuers searched …". When one follows the verb of a subject set off by
 * a comma, the claim is the clause before.
 */
export const ADVERBIAL_OPENERS = set(`
  in on at during as while when after before with without from for via through amid despite following
  ahead adding citing referring speaking according because since although though whereas where which who
`);

/** Prepositional phrases skipped after a verb when what follows them matches ("in a statement", "on Tuesday"). */
export const AFTER_VERB_PHRASES = /^(?:(?:in|during|at) (?:a|an|the|his|her|their|its) (?:\w+ )?(?:statement|interview|briefing|conference|speech|meeting|address|post|message|letter|tweet|update|report|note|release|video|briefing|paper|analysis|study|article|column|blog|filing|ruling|judgment|judgement|submission|podcast|email|e-mail)|to (?:the )?(?:reporters|journalists|the press|media)|by (?:phone|telephone|email|e-mail|text message|video link)|in (?:\d{4}|mitigation|court|parliament|response|reply|return|writing|person)|(?:about )?the fact|out|on (?:telegram|twitter|x|facebook|instagram|social media|state television|television|radio)|last (?:week|month|year|night)|this (?:week|month|year|morning)|on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|\d+|january|february|march|april|may|june|july|august|september|october|november|december)(?: \d+)?)\b/;

/** Lower-case particles inside a person's name, between capitalised words ("Lula da Silva", "Rachel de Souza"). */
export const NAME_PARTICLES = set('de da van von der del di du dos la le bin al');

/** Abbreviations that keep their period inside a token ("Gen.", "U.S."). */
export const ABBREVIATIONS = set(`
  gen lt col maj capt adm sgt mr mrs ms dr prof sen rep gov st jr sr no vs
`);
