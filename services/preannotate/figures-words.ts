/**
 * The vocabulary of figure proposals (figures.ts, figures-extent.ts): what may stand before a number without
 * being a qualifier ("another 200"), what a number counts (plural nouns, units, currencies), and the words that
 * make a number a reference or a time rather than a count ("page 4", "Article 5", "5 pm"). English; the number
 * grammar itself (number words, qualifiers, dates) is services/suggest/numbers-words.ts.
 */

const set = (words: string): ReadonlySet<string> => new Set(words.trim().split(/\s+/));

/**
 * Words before a number that belong to the figure, with the bound they give (null: none, "another 200 injured").
 * The scanner's own qualifiers (services/suggest/numbers-words.ts) come first; these are the ones it does not
 * take because they do not bound a count in a retelling: "within 30 days", "as much as 2.4 million euros".
 */
export const PREFIXES = new Map<string, string | null>([
  ['another', null],
  ['a further', null],
  ['an additional', null],
  ['an extra', null],
  ['within', 'at most'],
  ['as much as', 'at most'],
  ['perhaps', 'about'],
  ['possibly', 'about'],
  ['maybe', 'about'],
  ['just', null],
  ['only', null],
]);
/** Words that sharpen a qualifier and belong to it: "well below 2C", "just over 60". */
export const INTENSIFIERS = set('well just only slightly far');
/** Words before a number that name its unit: "magnitude 6.8". */
export const UNITS_BEFORE = new Map<string, string>([['magnitude', 'magnitude']]);

/**
 * Nouns and abbreviations after which a number is a reference, not a count: "page 4", "Article 5",
 * "Resolution 2254", "Flight 17", "call 112". Compared lower-cased, without a trailing dot.
 */
export const REFERENCE_NOUNS = set(`
  page pages p pp article articles art section sections sec paragraph para chapter ch clause resolution resolutions
  room flight route highway road platform gate exit terminal lane line bus no nos number num item exhibit table
  figure fig appendix annex version season episode act phase stage grade class category level size channel ward
  district zone block apartment apt unit vol volume issue call dial phone tel fax ext extension code rule protocol
  amendment bill law decree regulation directive schedule part title model type series mark mk psalm verse
`);

/** Words after a number that make it a time of day: "5 pm", "1500 GMT", "10 o'clock". */
export const TIME_AFTER = set('am pm gmt utc cet cest est edt pst pdt bst msk');

/** Street words after a capitalised name: "10 Downing Street" is an address. */
export const STREET_WORDS = set('street st avenue ave road rd boulevard blvd lane square place drive way court close terrace');

/** Currency words after a number, by ISO code: "1.80 euros", "300 roubles". */
export const CURRENCY_WORDS = new Map<string, string>([
  ['dollar', 'USD'], ['dollars', 'USD'], ['euro', 'EUR'], ['euros', 'EUR'], ['pound', 'GBP'], ['pounds', 'GBP'],
  ['sterling', 'GBP'], ['ruble', 'RUB'], ['rubles', 'RUB'], ['rouble', 'RUB'], ['roubles', 'RUB'], ['yuan', 'CNY'],
  ['renminbi', 'CNY'], ['yen', 'JPY'], ['rupee', 'INR'], ['rupees', 'INR'], ['hryvnia', 'UAH'], ['hryvnias', 'UAH'],
  ['lira', 'TRY'], ['liras', 'TRY'], ['shekel', 'ILS'], ['shekels', 'ILS'], ['dinar', 'IQD'], ['dinars', 'IQD'],
  ['riyal', 'SAR'], ['riyals', 'SAR'], ['franc', 'CHF'], ['francs', 'CHF'], ['peso', 'MXN'], ['pesos', 'MXN'],
  ['zloty', 'PLN'], ['zlotys', 'PLN'], ['zlotych', 'PLN'], ['forint', 'HUF'], ['forints', 'HUF'], ['koruna', 'CZK'],
  ['korunas', 'CZK'], ['krona', 'SEK'], ['kronor', 'SEK'], ['krone', 'NOK'], ['kroner', 'NOK'], ['rand', 'ZAR'],
  ['dirham', 'AED'], ['dirhams', 'AED'], ['naira', 'NGN'], ['shilling', 'KES'], ['shillings', 'KES'], ['won', 'KRW'],
  ['baht', 'THB'], ['lei', 'RON'], ['leu', 'RON'], ['reais', 'BRL'], ['tenge', 'KZT'], ['manat', 'AZN'],
]);

/** Currency signs before digits, and ISO codes written as words before or after a number ("USD 5m"). */
export const CURRENCY_SIGNS = new Map<string, string>([
  ['$', 'USD'], ['€', 'EUR'], ['£', 'GBP'], ['¥', 'JPY'], ['₽', 'RUB'], ['₴', 'UAH'], ['₹', 'INR'], ['₪', 'ILS'],
]);
export const CURRENCY_CODES = set('USD EUR GBP RUB CNY JPY INR UAH TRY ILS CHF SAR IQD CAD AUD DKK SEK NOK PLN CZK HUF ZAR NGN KES BRL MXN KRW HKD SGD NZD AED');
/** Letters glued before "$" that name the dollar: "US$5m", "A$3bn". */
export const DOLLAR_PREFIXES = new Map<string, string>([['US', 'USD'], ['A', 'AUD'], ['C', 'CAD'], ['NZ', 'NZD'], ['HK', 'HKD'], ['S', 'SGD']]);

/**
 * Units of measurement written after a number, as the `unit` attribute: "40 km", "10 kilometres", "2,000 tonnes".
 * Plural and singular forms; the key is lower-cased.
 */
export const UNITS = new Map<string, string>(
  (
    'km:km kms:km kilometre:km kilometres:km kilometer:km kilometers:km m:m metre:m metres:m meter:m meters:m ' +
    'cm:cm centimetres:cm centimeters:cm mm:mm millimetres:mm millimeters:mm mi:mi mile:mi miles:mi ' +
    'ft:ft foot:ft feet:ft yard:yd yards:yd inch:in inches:in nm:nmi nautical:nmi kg:kg kilo:kg kilos:kg ' +
    'kilogram:kg kilograms:kg kilogramme:kg kilogrammes:kg g:g gram:g grams:g t:t tonne:t tonnes:t ton:t tons:t ' +
    'lb:lb lbs:lb l:l litre:l litres:l liter:l liters:l gallon:gal gallons:gal barrel:bbl barrels:bbl ' +
    'ha:ha hectare:ha hectares:ha acre:acre acres:acre mw:MW megawatt:MW megawatts:MW gw:GW gigawatt:GW ' +
    'gigawatts:GW kw:kW kilowatt:kW kilowatts:kW kwh:kWh mwh:MWh gwh:GWh twh:TWh mph:mph kmh:km/h knots:kn ' +
    'degree:° degrees:° °c:°C °f:°F'
  )
    .split(' ')
    .map((p) => p.split(':') as [string, string]),
);
/** Units glued to digits ("30km", "5kg", "100MW"); the scanner leaves these to pre-annotation. Lower-cased. */
export const GLUED_UNITS = set('km kms cm mm mi ft kg lb lbs ha mw gw kw kwh mwh gwh twh mph kmh t');
/** Temperatures glued to digits, upper case only: "1.5C", "21.06C", "98F". */
export const GLUED_DEGREES = new Map([['C', '°C'], ['F', '°F']]);

/** Plurals without an -s: "396 people", "48 women", "three children". */
export const IRREGULAR_PLURALS = set(`
  people children women men police personnel staff troops cattle sheep fish deer feet teeth mice geese data media
  crew militia aircraft livestock poultry clergy youth folk offspring
`);

/**
 * Participles and adjectives that stand for people when they follow a bare count: "over 200 injured",
 * "60 dead". Only taken when no noun follows.
 */
export const COUNT_PARTICIPLES = set(`
  injured wounded dead killed missing hurt displaced detained arrested evacuated homeless stranded captured
  jailed sentenced abducted kidnapped rescued infected hospitalised hospitalized affected
`);

/**
 * Words that end the noun phrase after a number: function words, auxiliaries and common verbs. A plural noun is
 * looked for only before the first of these.
 */
export const PHRASE_STOP = set(`
  a an the of and or but nor & in on at by for to from with without into onto over under after before during
  since until as than that which who whom whose where when while if because so this these those it its they
  them their he she his her we our you your i my is are was were be been being has have had do does did will
  would shall should can could may might must not no yes also only just even still each every per a.m. p.m.
  said says say told tell reported reports according killed died fled were left including
  who’s it's it’s there here across back away out up down off now then again ago too very already yet what
  around about along through between near within outside inside beyond toward towards against among amid via
  below above behind
`);
/** Fraction words that a hyphen joins to a number ("two-thirds"): read by figures-phrases.ts, not as compounds. */
export const FRACTION_WORDS = set('half halves third thirds quarter quarters fifth fifths tenth tenths');
/** Words after "of" that open what a percentage or fraction is of: "90 percent of the population". */
export const DETERMINERS = set('the a an its their his her our my your this that these those all');
/** Pronouns that end a partitive: "forty of us". */
export const PARTITIVE_PRONOUNS = set('us them you those these');
/** Compounds of a number that give an age, not a count: "a 12-year-old girl", "the 24-year-old". */
export const AGE_COMPOUND = /^[-‐‑‒–](?:years?|months?|weeks?|days?)[-‐‑‒–]olds?\b/i;
/** Words before a number that make it an age: "voters aged 18 to 29", "the ages of 12 and 23". */
export const AGE_BEFORE = set('aged age ages');

/** Words ending in -s that are not plural nouns. */
export const NOT_PLURAL = set(`
  is was has does goes us thus yes less unless across always perhaps sometimes whereas plus minus news series
  various previous serious famous numerous this his its as gas bus chaos basis analysis crisis thesis
  lens status campus bonus virus census canvas alias atlas
`);

/** Units of time: a count of these is a duration ("six years"), which may work as a date (figures-durations.ts). */
export const DURATION_UNITS = set(`
  second seconds minute minutes hour hours day days night nights week weeks fortnight fortnights month months
  quarter quarters year years decade decades century centuries season seasons
`);
/** Words right before a duration that make it a time frame, not a figure: "over the next two years", "the past month". */
export const TIME_FRAME_BEFORE = set('past last next coming previous preceding following recent');
/** Words right after a duration that make it a point in time: "two weeks ago", "four minutes later". */
export const TIME_FRAME_AFTER = set('ago earlier later');
/** Words after "the N months" that close a reporting period ending on a date: "in the three months to August". */
export const TIME_FRAME_TO = set('to through thru ending ended until till');
/**
 * Words before "over" that take "over N years" as their object, so that "over" bounds the duration ("jailed for
 * over six years", "after just over two years"); after anything else "over" + duration means "during" ("stole
 * £312,000 over six years", "a 15% rise over two years").
 */
export const OVER_GOVERNORS = set(`
  for of to in after than within by at from lasted lasting lasts last took take takes taking spent spend spends
  spending served serve serves serving waited wait waits ran run runs running is was are were be been being
  just well slightly only nearly almost roughly
`);
/**
 * Nouns for people: "workers under 30", "children under five", "those over 60" give an age group, not a count
 * (GUIDELINES.md: ages describe).
 */
export const PERSON_NOUNS = set(`
  people persons person children child kids kid adults adult men man women woman boys boy girls girl babies baby
  infants infant toddlers teenagers teens youngsters youths pupils pupil students student workers worker
  employees staff voters voter residents resident citizens patients patient players player drivers driver users
  user those anyone everyone someone nobody customers consumers smokers mothers fathers parents viewers members
  pensioners applicants claimants individuals respondents participants athletes footballers
`);
/** Pronouns that, with "is/was" and a bare number, give a person's age: "He is 78", "when I was 25", "who is 80". */
export const AGE_SUBJECTS = set('i he she who you we they');
export const AGE_COPULAS = set('is was turned turns');

/**
 * Capitalised words that name the number after them even when they open a sentence (products, standards, routes):
 * "Windows 11 launched", "Boeing 737 crashed", "Route 66 runs". Acronyms ("ISO 9001") need no entry.
 */
export const NAME_BEFORE_NUMBER = set(`
  windows android boeing airbus apollo artemis gemini soyuz route highway interstate flight model windows office
  xbox playstation galaxy pixel iphone ipad macbook tesla formula league division bundesliga serie ligue section
  article resolution chapter paragraph amendment psalm room gate platform terminal level phase
`);

