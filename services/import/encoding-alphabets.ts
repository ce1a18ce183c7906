/**
 * The letters beyond ASCII that each language written in a legacy 8-bit code page uses: the evidence that tells
 * near-neighbour code pages apart when both map every byte to some letter. windows-1250 Polish read as ISO-8859-2
 * turns "ą" into "š": both are Latin letters, but no language writes "ł" and "š" together, so a text whose letters
 * fit no single alphabet is a wrong reading (services/import/encoding-score.ts counts the letters that do not fit).
 *
 * Sources: the alphabets as their standard orthographies give them (each language's Wikipedia "alphabet" article),
 * plus the letters common in loanwords and names of that language's press (e.g. é in German and English). Lower
 * case is listed; upper case is derived. Scripts with one language per code page (Greek, Hebrew, Arabic, Thai) are
 * matched by Unicode script instead of a list.
 */

/**
 * A language's letters beyond ASCII (lower case), or the Unicode script all its letters belong to; `alone`: those
 * of them that form a word by themselves (French "à", Russian "в", Lithuanian "į"). A non-ASCII letter standing
 * alone where the language has no such word is a misread byte ("ŕ" for windows-1252 "à" read as windows-1250).
 */
interface Alphabet {
  name: string;
  letters?: string;
  alone?: string;
  script?: 'Greek' | 'Hebrew' | 'Arabic' | 'Thai';
}

const RUSSIAN = 'абвгдеёжзийклмнопрстуфхцчшщъыьэюя';

const ALPHABETS: readonly Alphabet[] = [
  // Latin, western (windows-1252, ISO-8859-15, macintosh). "à" stands alone in French phrases all of them borrow.
  { name: 'English', letters: 'éèëïçñôöüáà', alone: 'à' },
  { name: 'German', letters: 'äöüßéàèç', alone: 'à' },
  { name: 'French', letters: 'àâæçéèêëîïôœùûüÿ', alone: 'à' },
  { name: 'Spanish', letters: 'áéíñóúüªº', alone: 'óà' },
  { name: 'Portuguese', letters: 'áâãàçéêíóôõúüªº', alone: 'àé' },
  { name: 'Italian', letters: 'àèéìíîòóùúªº', alone: 'èà' },
  { name: 'Catalan', letters: 'àçèéíïòóúüªº', alone: 'à' },
  { name: 'Galician/Basque', letters: 'áéíñóúüçªº', alone: 'áó' },
  { name: 'Dutch', letters: 'áéèëïóöüàç', alone: 'éà' },
  { name: 'Danish/Norwegian', letters: 'æøåéóàü', alone: 'åà' },
  { name: 'Swedish', letters: 'åäöéü', alone: 'åöà' },
  { name: 'Finnish', letters: 'äöåšž' },
  { name: 'Estonian', letters: 'äöõüšž' },
  { name: 'Icelandic/Faroese', letters: 'áðéíóúýþæöø', alone: 'áíó' },
  { name: 'Irish/Welsh', letters: 'áéíóúâêîôûŵŷäëïöüÿàèìòù', alone: 'á' },
  { name: 'Albanian', letters: 'çë' },
  // Latin, central European (windows-1250, ISO-8859-2, maccenteuro).
  { name: 'Polish', letters: 'ąćęłńóśźż' },
  { name: 'Czech', letters: 'áčďéěíňóřšťúůýžäöü' },
  { name: 'Slovak', letters: 'áäčďéíĺľňóôŕšťúýžöü' },
  { name: 'Slovene', letters: 'čšžćđéöü' },
  { name: 'Croatian/Bosnian/Serbian', letters: 'čćđšžéöü' },
  { name: 'Hungarian', letters: 'áéíóöőúüű', alone: 'ő' },
  { name: 'Romanian', letters: 'ăâîșțşţéöü' },
  // Latin, Baltic (windows-1257, ISO-8859-13) and Turkish (windows-1254).
  { name: 'Lithuanian', letters: 'ąčęėįšųūžéöü', alone: 'į' },
  { name: 'Latvian', letters: 'āčēģīķļņšūžéöü' },
  { name: 'Turkish', letters: 'çğıİöşüâîûé' },
  { name: 'Azerbaijani', letters: 'çəğıİöşü' },
  // Cyrillic (windows-1251, KOI8-R, KOI8-U, ISO-8859-5, IBM866, maccyrillic).
  { name: 'Russian', letters: RUSSIAN, alone: 'авиксоуяж' },
  { name: 'Ukrainian', letters: 'абвгґдеєжзиіїйклмнопрстуфхцчшщьюя', alone: 'авзйіоуя' },
  { name: 'Belarusian', letters: 'абвгдеёжзійклмнопрстуўфхцчшыьэюя', alone: 'авзіоуяў' },
  { name: 'Bulgarian', letters: 'абвгдежзийклмнопрстуфхцчшщъьюя', alone: 'авеиксоуя' },
  { name: 'Serbian', letters: 'абвгдђежзијклљмнњопрстћуфхцчџш', alone: 'аиксоу' },
  { name: 'Macedonian', letters: 'абвгдѓежзѕијклљмнњопрстќуфхцчџш', alone: 'аиксоуѓ' },
  { name: 'Russian and Ukrainian', letters: `${RUSSIAN}ґєії`, alone: 'авзийіксоуя' },
  // One language per script.
  { name: 'Greek', script: 'Greek' },
  { name: 'Hebrew', script: 'Hebrew' },
  { name: 'Arabic/Persian/Urdu', script: 'Arabic' },
  { name: 'Thai', script: 'Thai' },
];

const SCRIPT_TEST: Record<NonNullable<Alphabet['script']>, RegExp> = {
  Greek: /^\p{Script=Greek}$/u,
  Hebrew: /^\p{Script=Hebrew}$/u,
  Arabic: /^\p{Script=Arabic}$/u,
  Thai: /^\p{Script=Thai}$/u,
};

/** A language and the tests of whether a letter (one character, either case) belongs to it, and may stand alone. */
export interface LanguageLetters {
  name: string;
  has(letter: string): boolean;
  alone(letter: string): boolean;
}

/** Lower case plus the single-character upper case of every letter (Turkish İ is listed as such). */
function bothCases(lower: string): Set<string> {
  const set = new Set<string>();
  for (const ch of lower) {
    set.add(ch);
    const up = ch.toUpperCase();
    if ([...up].length === 1) set.add(up);
  }
  return set;
}

/** Every alphabet above, ready to test letters. */
export const LANGUAGES: readonly LanguageLetters[] = ALPHABETS.map((a) => {
  if (a.script) {
    // One-letter words are common in these scripts (Greek "ή", Hebrew abbreviations, Arabic "و").
    const re = SCRIPT_TEST[a.script];
    return { name: a.name, has: (l: string) => re.test(l), alone: () => true };
  }
  const set = bothCases(a.letters ?? '');
  const alone = bothCases(a.alone ?? '');
  return { name: a.name, has: (l: string) => set.has(l), alone: (l: string) => alone.has(l) };
});
