/**
 * What the lines of a story say about themselves: chapter headings, scene breaks, labelled
 * fields ("Summary:", "Disclaimer:", "A/N:"), disclaimers and the voice of author's notes.
 * Each function looks at one piece of text; deciding from context is the job of parts.ts and the
 * zone readers it calls (header.ts, edges.ts, trailer.ts).
 */
const NUMBER_WORDS = [
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
  'thirteen',
  'fourteen',
  'fifteen',
  'sixteen',
  'seventeen',
  'eighteen',
  'nineteen',
  'twenty',
  'thirty',
  'forty',
  'fifty',
];
/** Digits in the scripts of the languages import detection names (Latin, Arabic, Persian, Devanagari, Thai). */
const DIGITS = '[0-9٠-٩۰-۹०-९๐-๙]';
/** Chinese and Japanese numerals: 第十二章. */
const HAN_NUMBER = '[0-9０-９一二三四五六七八九十百千零〇两]{1,6}';
/** A Roman numeral as written (so that "Part dim" is not one). */
const ROMAN = '(?=[mdclxvi])m{0,3}(?:c[md]|d?c{0,3})(?:x[cl]|l?x{0,3})(?:i[xv]|v?i{0,3})';
/**
 * One to twelve (and "first", as "Chapitre premier" has it) in the languages whose word for
 * "chapter" is above: "Hoofdstuk een", "Capítulo uno", "Kapitel zwei", "Глава первая".
 */
const FOREIGN_NUMBER_WORDS = [
  // es, pt
  'uno|una|primero|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez|once|doce|um|primeiro|dois|duas|três|quatro|sete|oito|nove|dez|onze|doze',
  // fr, it
  'premier|première|un|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|primo|uno|due|tre|quattro|cinque|sei|sette|otto|nove|dieci|undici|dodici',
  // de, nl, sv
  'eins|zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|elf|zwölf|een|twee|drie|vijf|zes|zeven|negen|tien|twaalf|ett|två|tre|fyra|fem|sex|sju|åtta|nio|tio',
  // nb, da, af: "Kapittel to", "Hoofstuk vyf" ("en" and "et" are everyday words)
  'én|fire|seks|syv|sju|åtte|otte|ni|elleve|tolv|to|vyf|ses|sewe|agt|nege',
  // pl, ru, uk
  'pierwszy|drugi|trzeci|czwarty|piąty|первая|вторая|третья|четвёртая|четвертая|пятая|один|два|три|четыре|пять|перша|друга|третя|четверта',
  // uk: "Розділ перший" (the word for chapter is masculine), ru: "Том первый"
  "перший|другий|третій|четвертий|пʼятий|п’ятий|п'ятий|первый|второй|третий|четвёртый|четвертый|пятый",
  // cs
  'první|druhá|druhý|třetí|čtvrtá|čtvrtý|pátá|pátý',
  // id, tr, vi
  'satu|dua|tiga|empat|lima|enam|tujuh|delapan|sembilan|sepuluh|bir|iki|üç|dört|beş|altı|yedi|sekiz|dokuz|on|một|hai|ba|bốn|năm',
  // ordinals after the word: "Capitolo secondo", "Capítulo tercero", "الفصل الثاني", "פרק שני", "Κεφάλαιο δεύτερο"
  'secondo|terzo|quarto|quinto|sesto|settimo|ottavo|nono|decimo|segundo|segunda|tercero|tercera|terceiro|terceira|cuarto|cuarta|quinta|sexto|sexta|deuxième|troisième',
  'الأول|الاول|الثاني|الثالث|الرابع|الخامس|السادس|السابع|الثامن|التاسع|العاشر|الأولى|الاولى|الثانية|الثالثة|الرابعة|الخامسة',
  'ראשון|שני|שלישי|רביעי|חמישי|שישי|שביעי|שמיני|תשיעי|עשירי',
  // fa: "بخش اول", "قسمت دوم", "فصل سوم"
  'اول|دوم|سوم|چهارم|پنجم|ششم|هفتم|هشتم|نهم|دهم|یکم',
  'πρώτο|δεύτερο|τρίτο|τέταρτο|πέμπτο|έκτο|έβδομο|όγδοο|ένατο|δέκατο',
  // bg: "Част първа", "Глава втора" (both words feminine); cy: "Rhan Un", "Pennod Dau"
  'първа|втора|трета|четвърта|пета|шеста|седма|осма|девета|десета',
  'un|dau|tri|pedwar|pump|chwech|saith|wyth|naw|deg',
  // eo: "Ĉapitro unu", "Parto dua"
  'unu|du|kvar|kvin|sep|ok|naŭ|dek|unua|dua|tria|kvara|kvina',
  // la: "Pars prima", "PARS ALTERA", "Caput secundum"
  'prima|primum|primus|altera|alterum|secunda|secundum|tertia|tertium|quartum|quintum',
  // sq: "Pjesa e parë", "Kapitulli i dytë"
  '[ei]\\s+(?:parë|pare|dytë|dyte|tretë|trete|katërt|katert|pestë|peste|gjashtë|shtatë|tetë|nëntë|dhjetë)',
  // ga, gd: "Caibidil a hAon", "Earrann a h-Aon", "Earrann a Dhà" (counting with "a", the h- before a vowel)
  'a\\s+(?:h-?aon|dó|do|dhà|dha|trí|trì|tri|ceathair|ceithir|cúig|còig|sé|sia|seacht|seachd|h-?ocht|h-?ochd|naoi|deich)',
  // sco: "Pairt Ane", "Chaipter Twa"; fy: "Diel ien", "Haadstik twa"
  'ane|twa|fower|sax|seeven|aicht|aucht|ien|trije|fjouwer|fiif',
  // ka: "ნაწილი პირველი", "თავი მეორე" (the ordinal after the word for part or chapter)
  'პირველი|მეორე|მესამე|მეოთხე|მეხუთე|მეექვსე|მეშვიდე|მერვე|მეცხრე|მეათე',
  // be: "Частка першая", "Раздзел другі"; mk: "Дел прв", "Поглавје второ"
  'першая|другая|трэцяя|чацвёртая|пятая|першы|другі|трэці|чацвёрты|пяты|прв|втор|трет|четврт|второ|трето',
].join('|');
/** An ordinal's ending after its digits: Greek "Μέρος 1ο", "2η", Spanish and Portuguese "1º", "2ª". */
const ORDINAL_ENDING = '(?:ος|ο|η|º|ª)?';
/** Hebrew numbers in letters: "חלק א'", "פרק ב׳", "פרק י״א" (the geresh after one letter, the gershayim before the last). */
const HEBREW_NUMBER = `(?:[א-ת]['׳]|[א-ת]{1,2}["״][א-ת])`;
const NUMBER = `(?:${DIGITS}{1,4}${ORDINAL_ENDING}|${ROMAN}|${HEBREW_NUMBER}|the\\s+(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|last)|(?:${NUMBER_WORDS.join('|')})(?:[- ](?:${NUMBER_WORDS.slice(0, 9).join('|')}))?|${FOREIGN_NUMBER_WORDS})`;
/**
 * "Chapter" and "Part" in the languages that import detection names (language.ts), where the word
 * comes before the number: Capítulo 3, Kapitel 3, Глава 3, Rozdział 3, פרק 3, الفصل 3, บทที่ 3 …
 */
export const CHAPTER_WORDS = [
  'chapter',
  'part',
  'book',
  'act', // a story told as a play's acts
  'capítulo', // es, pt
  'capitulo',
  'parte', // es, pt, it
  'chapitre', // fr
  'partie',
  'kapitel', // de, sv, da
  'teil',
  'del', // sv, da, no: "DEL 1", "Del 2"
  'capitolo', // it
  'hoofdstuk', // nl
  'deel',
  'rozdział', // pl
  'rozdzial',
  'część',
  'глава', // ru, uk
  'часть',
  'розділ',
  'частина',
  'kapitola', // cs, sk
  'část',
  'časť', // sk
  'kapittel', // no
  'luku', // fi
  'bölüm', // tr
  'κεφάλαιο', // el
  'μέρος',
  'פרק', // he
  'חלק',
  'الفصل', // ar
  'الجزء',
  'فصل', // fa
  'بخش',
  'قسمت',
  'अध्याय', // hi
  'บทที่', // th
  'ตอนที่', // th: a web novel's episode
  'chương', // vi
  'phần',
  'bab', // id
  'bagian',
  'kabanata', // tl
  'fejezet', // hu
  'capitolul', // ro
  'partea',
  'capítol', // ca
  'peatükk', // et
  'nodaļa', // lv
  'poglavlje', // hr, bs, sr
  'dio', // hr: a part
  'poglavje', // sl
  'поглавље', // sr
  'skyrius', // lt
  'dalis',
  'kafli', // is
  'hluti',
  'hoofstuk', // af
  'част', // bg (глава as in ru)
  'rhan', // cy
  'pennod',
  'ĉapitro', // eo
  'parto',
  'caput', // la
  'pars',
  'pjesa', // sq
  'kapitulli',
  'caibidil', // ga
  'caibideil', // gd
  'earrann',
  'bahagian', // ms
  'pati', // ht: a part
  'део', // sr: a part
  'diel', // fy: "Earste diel", "== Twadde diel =="
  'haadstik',
  'pairt', // sco: "Pairt Ane"
  'chaipter',
  'parti', // pap: "PARTI 1"
  'kapítulo',
  'ნაწილი', // ka: a part ("ნაწილი პირველი")
  'თავი', // ka: a chapter
  'частка', // be: "Частка першая"
  'раздзел',
  'дел', // mk: "Прв дел"
  'поглавје',
];
const CHAPTER_WORD = `(?:chap\\.?|ch\\.?|pt\\.?|${CHAPTER_WORDS.join('|')})`;
/**
 * Where the number comes first: "3. fejezet" / "III. fejezet" (hu), "3. luku" (fi), "3. Bölüm" (tr), "제3장" / "3장" (ko),
 * "3. peatükk" / "III osa" (et), "3. nodaļa" (lv), "3. kafli" (is), "3 skyrius" (lt), "3. poglavlje" (hr),
 * "2. kapitola" / "1. časť" (cs, sk), "1-ci hissə" (az, the ordinal's ending after a hyphen), "2. kapitulua" / "1. zatia" (eu),
 * "1-qism" / "2-bob" (uz), "1-бөлім" / "2-тарау" (kk), "1-бөлүк" (ky): the number, a hyphen, the word.
 */
const NUMBER_FIRST_WORD =
  '(?:fejezet|rész|luku|osa|peatükk|nodaļa|daļa|kafli|hluti|skyrius|dalis|poglavlje|poglavje|dio|bölüm|kısım|kapitola|část|časť|hissə|fəsil|kapitulua|zatia|atala|장|화|편)';
/** Uzbek's and Kazakh's words, only after the number and its hyphen: "I bob my head" and "2. Bob left." are English. */
const AFTER_HYPHEN_WORD = "(?:qism|bob|bo[ʻ'‘’`]?lim|қисм|боб|бөлім|тарау|бөлүк)";
/** Not followed by more of a word: \\b knows only ASCII letters. */
const WORD_END = '(?![\\p{L}\\p{N}])';
/** "oOo", "xXx", "OoOoO", "-o0o-", "xxx": letters used as an ornament, around a heading or as a scene break. */
const ORNAMENT = '(?:[oO0]{3,}|[xX]{3,}|(?:[oO0][xX]){2,}[oO0]?|(?:[xX][oO0]){2,}[xX]?)(?![\\p{L}\\p{N}])';
/** Decoration writers put around headings: "~ Chapter 2 ~", "*** Part III ***", "== Ch. 4 ==", "🌸 Chapter 1 🌸", "xXx Chapter 3 xXx", "oOo Part 2 oOo". */
const DECORATION = `(?:[\\s~*=#_\\-–—\\[\\]<>|•·:.【】「」『』《》〈〉〔〕☆★♡♥✿❀✦✧◆◇■□●○◎\\p{Extended_Pictographic}\\u{FE0F}\\u{200D}]|${ORNAMENT})*`;
const TITLE_AFTER = '(?:\\s*[:.\\-–—)|~：．、☆★♡♥✿❀✦✧•·]+\\s*|\\s+)?(.*?)';
/** "(of 3)", "(1/3)", "(continued)", "(revised)", a word count: where a chapter stands, not what it is called. */
const CHAPTER_STATE =
  "\\s*(?:of\\s+\\d+|\\d+\\s*/\\s*\\d+|cont(?:inued|'d|\\.)?|revised|edited|unbeta'?d|rewritten|final|complete|[\\d,.]+\\s*words?)\\s*";
/** "Chapter 1 (The Stairs)": a title in brackets after the number; "Chapter 3 (continued)" has none. */
const TITLE_IN_BRACKETS = `\\((?:${CHAPTER_STATE}|([^()]+))\\)`;
const NUMBERED_HEADING = new RegExp(
  `^${DECORATION}(${CHAPTER_WORD}\\s*#?${NUMBER})${WORD_END}\\s*(?:[:.\\-–—)|~：☆★♡♥✿❀✦✧•·]+\\s*(.*?)|${TITLE_IN_BRACKETS})?${DECORATION}$`,
  'iu',
);
const NUMBER_FIRST_HEADING = new RegExp(
  `^${DECORATION}((?:(?:제\\s?)?${DIGITS}{1,4}(?:\\.|-(?:ci|cı|cu|cü))?|${DIGITS}{1,4}-(?=\\p{L})|${ROMAN}\\.|${ROMAN}(?=\\s))\\s?${NUMBER_FIRST_WORD}|${DIGITS}{1,4}-${AFTER_HYPHEN_WORD})${WORD_END}${TITLE_AFTER}${DECORATION}$`,
  'iu',
);
/**
 * "First", "Erstes", "Premier", "Ensimmäinen", "Birinci", "Prvo", "Pirmas", "Fyrsti" … to "tenth": an ordinal before the word
 * for chapter, its title after a colon or a dash ("Вторая часть уже написана" is a sentence).
 */
const ORDINALS = [
  'first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth',
  'erstes|zweites|drittes|viertes|fünftes|sechstes|siebtes|siebentes|achtes|neuntes|zehntes|erster|zweiter|dritter|vierter',
  'premier|première|deuxième|second|seconde|troisième|quatrième|cinquième|sixième|septième|huitième|neuvième|dixième',
  'primer|primera|segundo|segunda|tercer|tercera|cuarto|cuarta|quinto|quinta|sexto|sexta|séptimo|octavo|noveno|décimo',
  'primeiro|primeira|terceiro|terceira|sétimo|oitavo|nono',
  'primo|prima|secondo|seconda|terzo|terza|quarto|quarta|quinto|quinta|sesto|sesta|settimo|settima|ottavo|ottava|nona|decimo|decima',
  'ensimmäinen|toinen|kolmas|neljäs|viides|kuudes|seitsemäs|kahdeksas|yhdeksäs|kymmenes',
  'első|második|harmadik|negyedik|ötödik|hatodik|hetedik|nyolcadik|kilencedik|tizedik',
  'birinci|ikinci|İkinci|üçüncü|dördüncü|beşinci|altıncı|yedinci|sekizinci|dokuzuncu|onuncu',
  'första|andra|tredje|fjärde|femte|sjätte|sjunde|åttonde|nionde|tionde',
  'første|anden|andre|annen|fjerde|sjette|syvende|ottende|niende',
  'eerste|tweede|derde|vierde|vijfde|zesde|zevende|achtste|negende|tiende',
  'первая|вторая|третья|четвёртая|четвертая|пятая|перша|друга|третя|четверта|пʼята',
  // af, after the Dutch above
  'vyfde|sesde|sewende|agtste',
  // hr, bs, sr, sl: "Prvo poglavlje", "Drugi dio", "Прво поглавље", "Tretje poglavje"
  'prvo|prvi|prva|drugo|drugi|druga|treće|treći|treća|tretje|četvrto|četvrti|četvrta|četrto|peto|peti|šesto|šesti|sedmo|sedmi|osmo|osmi|deveto|deseto|прво|друго|треће|четврто|пето',
  // lt: "Pirmas skyrius", "Antra dalis"
  'pirmas|antras|trečias|ketvirtas|penktas|šeštas|septintas|aštuntas|devintas|dešimtas|pirma|antra|trečia|ketvirta|penkta',
  // lv: "Pirmā nodaļa"
  'pirmā|otrā|trešā|ceturtā|piektā|sestā|septītā|astotā|devītā|desmitā',
  // et: "Esimene osa", "Teine peatükk"
  'esimene|teine|neljas|viies|kuues|seitsmes|kaheksas|üheksas|kümnes',
  // is: "Fyrsti kafli", "Annar hluti"
  'fyrsti|annar|þriðji|fjórði|fimmti|sjötti|sjöundi|áttundi|níundi|tíundi',
  // bg, and with the article, as a sentence names the next part: "Втората част утре вечер!"
  'първа|втора|трета|четвърта|пета|първата|втората|третата|четвъртата|петата',
  // eu: "Lehen zatia", "Bigarren kapitulua"
  'lehen|lehenengo|lehenbiziko|bigarren|hirugarren|laugarren|bosgarren|seigarren|zazpigarren|zortzigarren|bederatzigarren|hamargarren',
  // sr: "Први део", "Друго поглавље"; eo: "Unua ĉapitro"
  'први|други|трећи|четврти|пети|unua|dua|tria|kvara|kvina',
  // fy: "Earste diel", "Twadde haadstik"
  'earste|twadde|tredde|fjirde|fyfde|sechsde|sânde',
  // mk: "Прв дел", "Втор дел", "Прво поглавје"
  'прв|втор|трет|четврт|петти|прва|второ|трето',
  // be: "Першая частка", "Другі раздзел"; ka: "პირველი ნაწილი"
  'першая|другая|трэцяя|чацвёртая|першы|другі|трэці|პირველი|მეორე|მესამე|მეოთხე|მეხუთე',
].join('|');
/** The Scandinavian word for chapter after an ordinal, as it is said there: "Första kapitlet", "Andre kapittelet". */
const CHAPTER_AFTER_ORDINAL = 'kapitlet|kapittelet';
const ORDINAL_HEADING = new RegExp(
  `^${DECORATION}((?:${ORDINALS})\\s+(?:${CHAPTER_WORDS.join('|')}|${CHAPTER_AFTER_ORDINAL}|${NUMBER_FIRST_WORD}))${WORD_END}(?:\\s*[:.\\-–—)|：]+\\s*(.*?))?${DECORATION}$`,
  'iu',
);
/**
 * 第三章, 第3話, 第十二回: Chinese and Japanese chapter numbers, the title after a space or colon; "その一" /
 * "其の二": a Japanese story's parts counted on a blog ("◆ その一 ◆").
 */
const HAN_HEADING = new RegExp(
  `^${DECORATION}(第\\s?${HAN_NUMBER}\\s?[章話话回節节部卷]|(?:その|其の)\\s?${HAN_NUMBER}(?![\\p{L}\\p{N}]))${TITLE_AFTER}${DECORATION}$`,
  'u',
);
/**
 * "（上）", "(下)", "【中】", "上篇": a Chinese story posted in two or three parts, each marked by its place alone;
 * "前編" / "後編", "（中編）": a Japanese one's halves or thirds; "(상)" / "(하)", "상편": a Korean one's.
 */
const HAN_PART =
  /^\s*([（(【[]\s*[上中下](?:篇|部)?\s*[）)】\]]|[上中下]篇|[（(【[]?\s*[前中後]編\s*[）)】\]]?|[（(【[]\s*[상중하](?:편)?\s*[）)】\]]|[상중하]편)\s*$/u;
const NAMED_HEADING =
  /^[\s~*=#_\-–—[\]<>|•·]*(prologue|epilogue|interlude|afterword|foreword|preface|prólogo|epílogo|prologo|epilogo|épilogue|prolog|epilog|пролог|эпилог|序章|終章|楔子|尾声)(?![\p{L}\p{N}])\s*(?:[:.\-–—)|：]+\s*(.*?))?[\s~*=#_\-–—[\]<>|•·]*$/iu;

export interface HeadingCue {
  /** "Chapter 2", "Ch. II", "Prologue": what the heading numbers or names. */
  marker: string;
  title: string | null;
}

/** "Prologue", "Epilogue", "Interlude": a heading that names its chapter rather than numbering it. */
export function namesChapter(cue: HeadingCue): boolean {
  return NAMED_HEADING.test(cue.marker);
}

/** "Chapter 1 of 2", "Part 3/5", "Ch. 4 of ?": where a page's chapter stands among the work's, not a heading with a title. */
export const CHAPTER_POSITION = /^(?:chapter|part|ch\.?|pt\.?)\s*\d{1,3}\s*(?:of|\/)\s*(?:\d{1,3}|\?)$/iu;

/** "Threadmarks: Snip 2: Drift", "Threadmark: 1.1": a forum post its writer marked as a chapter (XenForo's SpaceBattles, Sufficient Velocity). */
export const THREADMARK = /^\s*(threadmarks?\s*:)\s*(\S.{0,150})$/iu;

/** "Chapter Five – Bells, Again" and "Snip 1: Salvage" → their titles; "1.1" numbers its chapter only; "Apply 1.1" is the writer's name for it. */
export function threadmarkTitle(text: string): string | null {
  const inner = chapterHeading(text);
  if (inner) return inner.title;
  const numbered = /^\p{L}+\s+\d{1,3}(?:\.\d{1,3})?\s*[:\-–—]\s*(\S.*)$/u.exec(text);
  if (numbered) return numbered[1].trim();
  return /^[\p{N}\p{P}\s]+$/u.test(text) ? null : text.trim();
}

/** Marks that set a line's direction (a right-to-left file's U+200F on every line), as a character class's members: no part of what a line says. */
const DIRECTION_MARK = String.raw`\u200E\u200F\u061C\u202A-\u202E\u2066-\u2069`;
const DIRECTION_MARKS = new RegExp(`[${DIRECTION_MARK}]`, 'gu');

/** A line without the marks that set its direction. */
export function withoutDirectionMarks(text: string): string {
  return text.replace(DIRECTION_MARKS, '');
}
/** An Org mode heading's tags: "* Chapter the Third: In Which Nothing Is Resolved      :draft:". */
const ORG_TAGS = /\s{2,}:(?:[\p{L}\p{N}_@#%]+:)+$/u;
/** LaTeX's "\chapter{Adagio}", "\chapter*{II}", "\part{Winter}": its title between the braces. */
const LATEX_HEADING = /^\\(?:chapter|part)\*?\s*\{\s*(.*?)\s*\}$/u;

/** "Chapter 2", "Ch. II: Title", "Part Three - Title", "~ Prologue ~" … A heading stands alone on its line. */
export function chapterHeading(line: string): HeadingCue | undefined {
  if (line.length > 160 || line.includes('\n')) return undefined;
  const text = withoutDirectionMarks(line).replace(ORG_TAGS, '');
  const latex = LATEX_HEADING.exec(text.trim());
  if (latex) {
    const inner = chapterHeading(latex[1]);
    if (inner) return inner;
    return /^(?:\d{1,3}|[IVXLC]{1,7})\.?$/u.test(latex[1])
      ? { marker: latex[1], title: null }
      : { marker: '\\chapter', title: latex[1] || null };
  }
  // pixiv's novel markup: "[chapter:Title]" heads a chapter.
  const pixiv = /^\s*\[chapter:\s*(.*?)\s*\]\s*$/iu.exec(text);
  if (pixiv) return { marker: '[chapter]', title: pixiv[1] || null };
  const numbered = NUMBERED_HEADING.exec(text);
  const bracketed = numbered?.[3];
  const match =
    numbered ??
    NUMBER_FIRST_HEADING.exec(text) ??
    HAN_HEADING.exec(text) ??
    ORDINAL_HEADING.exec(text) ??
    NAMED_HEADING.exec(text) ??
    HAN_PART.exec(text);
  if (!match) return undefined;
  // "III osa": a Roman number without its full stop is a heading's in capitals only ("vi luku", "Mi dio un libro" are none).
  const undotted = /^([ivxlcdm]+)\s/iu.exec(match[1]);
  if (undotted && undotted[1] !== undotted[1].toUpperCase()) return undefined;
  const title = (match[2] ?? bracketed)?.trim() || null;
  // "Chapter 1 (The Stairs)", not "DELI (OPEN LATE)" (a sign: "Del" and "I" run together) nor a wrapped line of prose
  // "part two (the one everybody said was boring)".
  if (bracketed !== undefined && (!/[\s#]/u.test(match[1]) || !/^[\p{Lu}\p{Lt}\p{Lo}\d"'“‘]/u.test(bracketed.trim())))
    return undefined;
  // "その三、四日後、彼から手紙が来た。" is a sentence ("three or four days later…"), not part three's title.
  if (title && /^(?:その|其の)/u.test(match[1]) && /[。！？]$/u.test(title)) return undefined;
  // "Chapter One ~ Reaping Day", but "Chapter one ~ she laughed, that was all." is a line of the story.
  if (title && /~\s*$/u.test(text.slice(0, text.lastIndexOf(title))) && /^\p{Ll}|[.,;]$/u.test(title)) return undefined;
  // "Part three. One more tomorrow.": the number and a sentence after it, each ending at a full stop, are a note;
  // "Chapter 1. In Which Harry Wakes Up." is a title in title case, its full stop an old-fashioned heading's.
  if (
    title &&
    /^\s*\.\s*$/u.test(text.slice(text.indexOf(match[1]) + match[1].length, text.lastIndexOf(title))) &&
    /\s/u.test(title) &&
    /\.\s*$/u.test(text) &&
    !isTitleCase(title.replace(/\.\s*$/u, ''))
  )
    return undefined;
  // A title is a phrase, not sentences (in scripts without spaces, a sentence end before more text).
  if (title && (title.split(/\s+/).length > 16 || /[.!?]["”’]?\s+\p{Lu}|[。！？]./u.test(title))) return undefined;
  return { marker: match[1], title };
}

const MONTH_NAMES = 'January|February|March|April|May|June|July|August|September|October|November|December';
/**
 * "Monday", "Friday night", "Saturday 6 April 1974", "Sunday, March 3rd": a day of the week alone on a line, as a
 * writer heads the days a story is told over. A heading only where a file has several (sections.ts's dayHeadings).
 */
const DAY_LINE = new RegExp(
  `^(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?:,?\\s+(?:morning|afternoon|evening|night|\\d{1,2}(?:st|nd|rd|th)?\\s+(?:${MONTH_NAMES})(?:,?\\s+\\d{4})?|(?:${MONTH_NAMES})\\s+\\d{1,2}(?:st|nd|rd|th)?(?:,?\\s+\\d{4})?))?$`,
  'u',
);

/** A day of the week alone on a line ("Friday night", "Saturday 6 April 1974"). */
export function isDayLine(line: string): boolean {
  return line.length <= 40 && DAY_LINE.test(line.trim());
}

/** "Line break", "Scene change", and pixiv's "[newpage]". */
const BREAK_WORDS = /^[\W_]*(?:(?:line|scene|page|time|pov)[ -]?(?:break|skip|change|switch)|break|newpage)[\W_]*$/iu;
const ORNAMENT_LETTERS = new RegExp(`^[\\W_]*${ORNAMENT}[\\W_]*$`, 'u');

/** A scene break on a line of its own: "~*~", "* * *", "oOo", "--", "###", "Line break" … */
export function isSceneBreak(text: string): boolean {
  const line = text.trim();
  if (line.length === 0 || line.includes('\n')) return false;
  // A rule may run the width of a mail ("-=-=-=…" over 70 columns) when it is drawn with a rule's
  // characters; a long line of other symbols (morse, ████, ♪♫, emoji) is a story's.
  if (line.length > 60) return line.length <= 120 && /^[-=_*~#+\s]+$/u.test(line);
  if (!/[\p{L}\p{N}]/u.test(line)) return /[^\s.]|\.{3,}/u.test(line) && !/^[.!?"'“”‘’()]+$/u.test(line);
  // "-o-o-", "x-x-x", "o~o~o": ornament letters strung on a line of symbols.
  if (
    line.length <= 24 &&
    /^[\W_]*[oO0xX](?:[\W_]+[oO0xX])+[\W_]*$/u.test(line) &&
    (/^[\W_]|[\W_]$/u.test(line) || line.replace(/[\W_]/g, '').length >= 3)
  )
    return true;
  // "~o~", "-x-", "*0*": one ornament letter between the same kind of marks, as FanFiction.Net writers set a break.
  if (/^([~*=_\-–—+•·])\1{0,3}[oO0xX]\1{1,4}$/u.test(line)) return true;
  if (ORNAMENT_LETTERS.test(line)) {
    const letters = line.replace(/[\W_]/g, '');
    // "ooo" or "xxx" alone is an ornament; so are mixed-case runs; a bare "OOO" of capitals is rarely a word either.
    return letters.length >= 3;
  }
  return BREAK_WORDS.test(line);
}

/** The words of a break marker (the "oOo" in "~oOo~"), which the import consumes. */
export function breakWords(text: string): string {
  return text
    .replace(/[^\p{L}\p{N}\s]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export type FieldName =
  | 'title'
  | 'summary'
  | 'disclaimer'
  | 'notes'
  | 'end-notes'
  | 'rating'
  | 'warnings'
  | 'category'
  | 'fandom'
  | 'relationship'
  | 'character'
  | 'freeform'
  | 'author'
  | 'spoilers'
  | 'content-warnings'
  | 'dedication'
  | 'feedback'
  | 'metadata';

const FIELD_LABELS: [RegExp, FieldName][] = [
  [
    /^(title|titolo|título|titulo|titre|titel|tytuł|tytul|judul|başlık|baslik|название|назва|tiêu đề|titel van het verhaal|tittel|otsikko|cím|titlu|títol|pamagat|název|názov|τίτλος|כותרת|שם הסיפור|العنوان|عنوان|शीर्षक|ชื่อเรื่อง|标题|標題|题目|題名|タイトル|제목|tên truyện|nosaukums|pavadinimas|pealkiri|titill|heiti|naslov|наслов|teideal|tiotal|titulli|titulus|başlıq|tajuk|titlu tal-ħrafa)$/i,
    'title',
  ],
  [
    /^(summary|summery|description|blurb|synopsis|story summary|resumen|résumé|resume|resumo|sinopsis|sinopse|descripción|descrição|zusammenfassung|inhalt|beschreibung|riassunto|trama|streszczenie|samenvatting|summ|sum|описание|аннотация|опис|opis|ringkasan|sinossi|introduzione|introduzione alla storia|özet|ozet|sammanfattning|tóm tắt|buod|kurzbeschreibung|kurzinhalt|anotace|shrnutí|文案|简介|簡介|内容简介|內容簡介|あらすじ|紹介文|作品紹介|粗筋|줄거리|소개|giới thiệu|açıklama|aperçu|sammendrag|resumé|yhteenveto|tiivistelmä|kuvaus|összefoglaló|összefoglalás|rezumat|descriere|resum|sinopsi|περίληψη|σύνοψη|תקציר|ملخص|الملخص|خلاصه|सारांश|เรื่องย่อ|kopsavilkums|apraksts|santrauka|aprašymas|kokkuvõte|lühikokkuvõte|sisukokkuvõte|tutvustus|oppsummering|resymé|samantekt|ágrip|sažetak|резиме|сажетак|povzetek|opsomming|achoimre|geàrr-chunntas|zesummefassung|përmbledhje|argumentum|xülasə|qısa məzmun|sommarju|сиже|resumit)$/i,
    'summary',
  ],
  [
    /^(disclaimer|disclaimers|standard disclaimer|ymwadiad|descargo|aviso legal|avertissement|haftungsausschluss|descargo de responsabilidad|renuncia|zastrzeżenie|дисклеймер|дисклаймер|penafian|feragatname|声明|免责声明|免責声明|版权声明|免責事項|면책|tuyên bố|ansvarsfraskrivelse|ansvarsfriskrivning|vastuuvapauslauseke|vastuuvapaus|jogi nyilatkozat|nyilatkozat|a szereplők jogai|declinarea responsabilității|disclaimer-ul|exempció de responsabilitat|αποποίηση|αποποίηση ευθύνης|הבהרה|הסתייגות|إخلاء المسؤولية|إخلاء مسؤولية|تنويه|سلب مسئولیت|atruna|atsakomybės atsisakymas|lahtiütlus|fyrirvari|odricanje od odgovornosti|odricanje odgovornosti|vrywaring|malgarantio|séanadh|àicheadh|mohim përgjegjësie|отказ одговорности|imtina|ċaħda)$/i,
    'disclaimer',
  ],
  [
    /^(a\/n|an|a\.n\.|author'?s'? ?notes?|creator'?s'? ?notes?|(?:mod(?:erator)?|beta|translator|editor)(?:'?s'?)? ?notes?|author'?s'? chapter notes?|chapter notes?|chapter summary|authors? notes?|notes?|n\/a|note from the author|foreword|notas?|notas? (?:del autor|de la autora|do autor|da autora)|notas do autor|notas da autora|edit|edited|update|notes? de l'auteure?|note de l'autrice|anmerkung(?:en)?|anmerkung (?:des autors|der autorin)|autorennotiz|autorinnennotiz|vorwort|nota dell'autore|nota dell'autrice|note dell'autore|note dell'autrice|note|n\.d\.a\.?|nda|uwagi|notka|notatka|nota autora|nota autorki|od autora|od autorki|poznámka|poznámky|poznámka autora|poznámka autorky|poznámky autora|poznámky autorky|примечани[ея]|примечание автора|примечания автора|примечание к части|примечания к части|от автора|від автора|від авторки|заметки|примітки|catatan|catatan penulis|catatan author|opmerking|opmerkingen|yazar notu|yazarın notu|yazarin notu|anteckning|anmärkning|författarens anteckning|ghi chú|lời tác giả|author's words|previously|last time|recap|previously on|was bisher geschah|anteriormente|en el capítulo anterior|no capítulo anterior|précédemment|dans le chapitre précédent|nel capitolo precedente|in precedenza|ранее|в предыдущей главе|w poprzednim rozdziale|poprzednio|sebelumnya|önceki bölümde|review replies|respuestas a (?:los |las )?reviews|respuestas a (?:los |las )?comentarios|respostas (?:aos|às) (?:reviews|comentários)|réponses aux reviews|antworten auf (?:die )?reviews|ответы на отзывы|odpowiedzi na komentarze|balasan review|作者有话要说|作者有話要說|作者的话|作者的話|作者按|作者前言|前言|备注|備註|注意事项|注意事項|前書き|まえがき|作者より|作者からのひとこと|作者からの一言|作者コメント|작가의 말|작가의말|작가 코멘트|공지|lời nói đầu|merknad|merknader|notat|forfatterens notat|forfatterens note|forfatterens noter|forfatterens merknad|forfatterens bemærkning|bemærkning|huomautus|huomautukset|kirjoittajan huomautus|kirjoittajan huomiot|kirjoittajan sanat|megjegyzés|megjegyzések|írói megjegyzés|szerzői megjegyzés|a szerző megjegyzése|notă|notele autorului|nota autorului|nota autoarei|nota de l'autor|nota de l'autora|notes de l'autor|notes de l'autora|paalala|tala ng may-akda|mensahe ng may-akda|σημείωση|σημειώσεις|σημείωση συγγραφέα|σημειώσεις συγγραφέα|הערה|הערות|הקדמה|הערת הכותבת|הערת הכותב|הערות הכותבת|הערות הכותב|ملاحظة|ملاحظات|ملاحظة الكاتب|ملاحظة الكاتبة|ملاحظات الكاتب|كلمة الكاتب|یادداشت|یادداشت نویسنده|टिप्पणी|लेखक की टिप्पणी|หมายเหตุ|ข้อความจากผู้แต่ง|forfatterens kommentar|forfatterens kommentarer|piezīme|piezīmes|autora piezīme|autores piezīme|pastaba|pastabos|autoriaus pastaba|autorės pastaba|märkus|märkused|autori märkus|athugasemd|athugasemdir|athugasemd höfundar|napomena|napomene|napomena autora|napomena autorice|напомена|напомена аутора|bilješka autora|bilješka autorice|opomba|opomba avtorja|outeursnota|skrywersnota|nota van die skrywer|noto|noto de la aŭtoro|noto de la aŭtorino|rimarko|nóta|nóta an údair|nòta|nòta an ùghdair|notiz|notiz vum auteur|notiz vun der auteurin|bemierkung|shënim|shënim i autores|shënim i autorit|nota auctoris|qeyd|müəllifin qeydi|nota tal-awtur|nota tal-awtriċi|nota penulis|nòta de l'autor|nòta de l'autora|noat|izoh|ескерту|kupu whakataki)$/i,
    'notes',
  ],
  [
    /^(end ?notes?|chapter end notes?|final notes?|afterword|after|closing notes?|ending notes?|notas? finale?s?|notas finais|note de fin|nachwort|schlussbemerkung|note finali|примечания в конце|примітки в кінці|примечание в конце|notatka końcowa|catatan akhir|nota final|notas finales|posfácio|あとがき|後書き|后记|後記|작가 후기|후기|lời cuối|footnotes?|foot notes|lábjegyzet(?:ek)?|fußnoten|fussnoten|notas al pie|notas de rodapé|notes de bas de page|note a piè di pagina|przypisy|сноски|виноски|voetnoten|fotnoter|fodnoter|alaviitteet|note de subsol|notes a peu de pàgina|υποσημειώσεις|הערות שוליים|حواشي|الحواشي|脚注|注释|註釋|각주|chú thích|sluttnotat|slutnoter|loppuhuomautukset|loppusanat|utószó|note finale|nota final de l'autora|τελικές σημειώσεις|επίλογος συγγραφέα|הערות סיום|ملاحظات ختامية)$/i,
    'end-notes',
  ],
  [
    /^(rating|rated|clasificación|classificação|classement|altersfreigabe|calificación|рейтинг|valutazione|rating età|ocena|kategoria wiekowa|beoordeling|derecelendirme|分级|分級|レーティング|등급|xếp hạng|aldersgrense|åldersgräns|betyg|přístupnost|ikäraja|ikäsuositus|korhatár|besorolás|clasificare|classificació|βαθμολογία|καταλληλότητα|דירוג|התאמה לגיל|التصنيف|التقييم|रेटिंग|เรท|taksado|rátáil|bewäertung|vlerësimi|reytinq|penarafan|klassifikazzjoni|рејтинг)$/i,
    'rating',
  ],
  [
    /^(archive )?warnings?$|^archiv-warnung(?:en)?$|^archive-warnung(?:en)?$|^advertencias?$|^avisos?$|^warnung(?:en)?$|^avertissements?$|^предупреждения$|^avvertimenti$|^avvertenze$|^ostrzeżenia$|^peringatan$|^uyarılar$|^advarsler?$|^varningar$|^varoitukset$|^figyelmeztetés(?:ek)?$|^avertismente?$|^advertències$|^παραίνεση$|^προειδοποιήσεις$|^אזהר(?:ה|ות)$|^تحذير(?:ات)?$|^cảnh báo$|^babala$|^hinweise$|^hoiatus(?:ed)?$|^brīdinājum[si]$|^įspėjima[is]$|^viðvör(?:un|anir)$|^upozorenj[ea]$|^упозорењ[еа]$|^opozorilo$|^waarskuwings?$|^avertoj?$|^rabhadh$|^rabhaidh$|^paralajmërim(?:e)?$|^xəbərdarlıq$|^amaran$|^twissij(?:a|iet)$/i,
    'warnings',
  ],
  [/^content warnings?$|^trigger warnings?$|^tw$|^cw$|^triggerwarnung(?:en)?$/i, 'content-warnings'],
  [/^(feedback|feedback welcome|comentarios|commentaires|kommentare)$/i, 'feedback'],
  [
    /^(dedication|dedicated to|for|посвящение|присвячення|dedica|dedicata a|dedykacja|dedicatoria|dedicado a|dedicada a|widmung|gewidmet|dédicace|dédié à|opgedragen aan|persembahan|tilegnelse|tillägnan|omistus|ajánlás|dedicație|dedicatòria|αφιέρωση|הקדשה|إهداء|lời đề tặng|handog)$/i,
    'dedication',
  ],
  [/^(categor(y|ies)|kategorie|kategorien|catégorie|catégories|categoría|categoria)$/i, 'category'],
  [
    /^(fandoms?|series|universe|verse|canon|фэндом|фандом|фендом|fandomy|serie|原作|原作名|원작|fandom|fandomi|fandomok|φαντομ|פנדום|مصدر القصة|الأنمي|fandommen|fandomo)$/i,
    'fandom',
  ],
  [
    /^(pairings?|relationships?|ships?|parejas?|emparejamientos?|casal|casais|beziehung(?:en)?|couples?|пэйринг|пейринг|пэйринг и персонажи|пейринг и персонажи|coppia|coppie|para|pary|pasangan|beziehungen|relation|relations|relaciones|relações|relazioni|配对|配對|cp|カップリング|커플링|커플|cặp đôi|paring|paritus|parisuhde|párosítás|páros|cuplu|cupluri|parella|parelles|ζευγάρι|ζευγάρια|זוגות|זוג|الثنائي|الثنائيات|tambalan)$/i,
    'relationship',
  ],
  [
    /^(characters?|cast|personajes?|personage[mn]s?|personnages?|charaktere|figuren|personaggi|персонажи|postacie|tokoh|karakterler|主角|配角|登場人物|登场人物|등장인물|nhân vật|karakterer|karaktärer|personer|hahmot|henkilöt|szereplők|karakterek|personaje|personatges|χαρακτήρες|דמויות|الشخصيات|شخصيات|mga tauhan|tauhan|tegelased|varoņi|personāži|veikėjai|persónur|likovi|karakters|roluloj|rolantoj|carachtair|caractaran|personazhet|personae|personajlar|qəhrəmanlar|watak|karattri|ликови)$/i,
    'character',
  ],
  [
    /^(genres?|tags|additional tags|freeforms?|keywords|жанры|метки|generi|gatunki|etykiety|tagi|genre|gatunek|janr|жанр|etiquetas|schlagwörter|étiquettes|内容标签|內容標籤|标签|標籤|タグ|태그|키워드)$/i,
    'freeform',
  ],
  [
    /^(author|writer|written by|pen ?name|by|autor|autora|auteure?|autrice|verfasser(?:in)?|autorin|escrito por|escrita por|écrit par|autore|автор|autorka|penulis|yazar|författare|tác giả|auteur|schrijver|may-akda|yazan|autorstwa|napisał|napisała|người viết|作者|著者|作者名|筆者|글쓴이|작가|필자|forfatter|forfattar|kirjoittaja|tekijä|szerző|író|írta|autoare|scris de|escrit per|συγγραφέας|γράφει|מחבר|מחברת|כותב|כותבת|כתב|כתבה|מאת|الكاتب|الكاتبة|المؤلف|المؤلفة|بقلم|نویسنده|लेखक|लेखिका|ผู้แต่ง|ผู้เขียน|sumulat|isinulat ni|autors|autore|autorius|autorė|kirjutanud|höfundur|napisao|napisala|autorica|avtor|avtorica|аутор|ауторка|авторка|skrywer|outeur|aŭtoro|aŭtorino|verkinto|údar|ùghdar|le|vum|vun|autori|autorja|auctor|müəllif|kitbu|kitbitha|awtur|awtriċi|muallif|муаллиф|ავტორი|аўтар|напиша|nā)$/i,
    'author',
  ],
  [/^spoilers?$/i, 'spoilers'],
  [
    /^(word ?count|words|length|status|stats|chapters|language|published|updated|completed|posted|date|beta(?:'d)?(?: by| reader)?|betas?|timeline|setting|размер|статус|бета|беты|публикация на других ресурсах|date|reply-to|message-id|comments|kudos|bookmarks|hits|e-?mail|newsgroups|sprache|langue|idioma|lingua|statistik|statistiken|statistiques|estadísticas|estatísticas|statistiche|veröffentlicht|aktualisiert|wörter|kapitel|kol-vo частей|кол-во частей|серия|series|sammlungen|collections|archive|series|spoilers for|contexte|kontext|contesto|beta reader|betareader|rozmiar|status|jumlah kata|kelime sayısı|字数|字數|文字数|글자수|글자 수|连载状态|連載|状态|狀態|一句话简介|一句話簡介|立意|其它|其他|视角|視角|số chữ|tình trạng|antal ord|sanamäärä|sanoja|szavak|szószám|cuvinte|paraules|λέξεις|מילים|عدد الكلمات|الكلمات|tila|állapot|κατάσταση|סטטוס|الحالة|kieli|nyelv|limba|llengua|γλώσσα|שפה|اللغة|julkaistu|megjelent|publicat|δημοσιεύτηκε|פורסם|نُشر|sjanger|műfaj|gènere|είδος|ז'אנר|النوع|thể loại)$/i,
    'metadata',
  ],
];

const DASHED_FIELDS = new Set<FieldName>([
  'title',
  'summary',
  'notes',
  'author',
  'rating',
  'fandom',
  'relationship',
  'character',
  'disclaimer',
]);

export interface LabelledField {
  field: FieldName;
  /** The label as written, with its colon: "Summary:", "A/N:". It is consumed; the value is kept. */
  label: string;
  value: string;
  /** The label stands alone on its line, its value on the lines under it ("Summary:\n…"). */
  ownLine?: boolean;
}

/**
 * "Направленность: Джен", "Betyg: PG", "Ord: 1 200": a line shaped like a header field whose label
 * Quire does not know (one to three words, capitalised, then a colon and a short value or nothing).
 * Only the header around it can tell that it is one; see header.ts.
 */
export function fieldShaped(text: string): { label: string; value: string } | undefined {
  if (text.includes('\n') || text.length > 240) return undefined;
  const match = /^[\s*_~[(]*(\p{Lu}[\p{L}'’.-]*(?: [\p{L}'’.-]+){0,2})[*_\])]*\s*[:：][*_]*\s*(.*)$/u.exec(text);
  if (!match) return undefined;
  const value = match[2].trim();
  // A value is a phrase: not sentences running on.
  if (value.length > 160 || /[.!?]["”’]?\s+\p{Lu}/u.test(value)) return undefined;
  // "Querido Sasuke: hoy empecé a escribirte…": a letter's opening is a sentence, a field's value is not.
  if (value.split(/\s+/).length > 6 && /[.!?…]["”’]?$/u.test(value)) return undefined;
  return { label: text.slice(0, text.length - match[2].length).trim(), value };
}

/** Labels that are also everyday words, so not labels when alone on the first line of a paragraph. */
const LINE_LABEL_EXCLUDED =
  /^(?:by|for|edit|edited|update|series|date|words|length|status|archive|comments|setting|timeline|canon|verse|universe|cast|ships?|para|trama|inhalt|tags|note|opis|summ|sum|an|n\/a|nda|le|vum|vun|nā)$/i;

/** A label and what follows it; marks that set the line's direction before the label are no part of it. */
const FIELD_LINE = new RegExp(
  String.raw`^[\s*_~[(【■□◆◇●○${DIRECTION_MARK}]*(?:#\+)?((?:\p{L}[\p{L}'’./ -]{0,30}?))[*_\])】]*[^\S\n]*([:：][*_]*|\s[-–—]\s|\)|\n|$)\s*([\s\S]*)$`,
  'u',
);

/** ", said the sign", ", read the notice on the gate": words told as written on something in the story. */
export const SAID_BY_A_THING =
  /,\s+(?:said|says|announced|announces|declared|declares|warned|warns|proclaimed)\s+(?:the|a|an)\s+(?:\p{L}+\s+)?(?:sign|notice|card|label|poster|plaque|placard|banner|note|letter|screen|board|sticker|stencil|inscription)\b/iu;

/** "Summary: …", "A/N - …", "Disclaimer:", "Rating: T". The label ends in a colon (or a dash for A/N). */
export function labelledField(text: string): LabelledField | undefined {
  // "A/N I wrote this…": the one label writers also type without a colon.
  const bare = /^[\s*_~[(]*(?:A\/N|A\.N\.)(?=\s+\p{Lu})/u.exec(text);
  if (bare) return { field: 'notes', label: bare[0].trim(), value: text.slice(bare[0].length).trim() };
  const match =
    // "#+TITLE: …": Org mode's keywords, as Emacs writers keep a story's header; a right-to-left mark before a label is no part of it.
    FIELD_LINE.exec(text) ??
    // "【文案】…", "【声明】…": a header's label in lenticular brackets needs no colon ("【更新】" in a story is a notice).
    /^\s*【(文案|简介|簡介|声明|免责声明|免責声明|版权声明|作者有话要说|作者有話要說|前言|后记|後記|作者|内容标签|內容標籤|原作|配对|配對|CP)】()\s*([\s\S]*)$/u.exec(
      text,
    );
  if (!match) return undefined;
  const name = match[1].trim().replace(/’/g, "'");
  const found = FIELD_LABELS.find(([pattern]) => pattern.test(name) && pattern.test(name.replace(/\s+/g, ' ')));
  if (!found) return undefined;
  const [, , separator, rest] = match;
  // Without a colon only a lone label ("Summary") or an A/N counts: "Title of the story…" is prose.
  if (separator === '' && rest !== '' && !text.trim().startsWith('【')) return undefined;
  // "Title - Wolf Moon", "A/N - …": a dash after the label for the fields writers type it after.
  if (separator === ')' && found[1] !== 'notes') return undefined;
  if (/[-–—]/.test(separator) && !DASHED_FIELDS.has(found[1])) return undefined;
  if (separator === ')' && !/^\(/.test(text.trim())) return undefined;
  // "After" heads a story's last scene as often as its end notes: a label only with its colon ("After: …").
  if (/^after$/i.test(name) && !separator.includes(':')) return undefined;
  // "Notes on the war" is prose; a label is one to four words.
  if (name.split(/\s+/).length > 4) return undefined;
  // "DISCLAIMER: The company accepts no responsibility…, said the sign on the door.": a sign the story reads out.
  if (SAID_BY_A_THING.test(rest.slice(0, 400))) return undefined;
  // "Nachwort" on its own line with the note under it; not a word that also opens prose ("For", "By").
  if (separator === '\n' && (LINE_LABEL_EXCLUDED.test(name) || !/^[\p{Lu}\p{Lo}]/u.test(name))) return undefined;

  const label = text.slice(0, text.length - rest.length).trim();
  const ownLine = rest !== '' && /\n\s*$/.test(text.slice(0, text.length - rest.length));
  return { field: found[1], label, value: rest.trim(), ...(ownLine ? { ownLine } : {}) };
}

const DISCLAIMER =
  /\b(?:disclaimers?|gehören\s+nicht\s+mir|mir\s+gehört\s+nichts|no\s+soy\s+due[ñn][oa]\s+de|não\s+sou\s+(?:o\s+|a\s+)?don[oa]\s+de|je\s+ne\s+possède\s+(?:rien|pas)|non\s+possiedo|bana\s+ait\s+değil|không\s+thuộc\s+về\s+tôi|não\s+me\s+pertence[mn]?|no\s+me\s+pertenece[mn]?|ne\s+m'appartien(?:nen)?t\s+pas|non\s+mi\s+appartengono|nie\s+należą\s+do\s+mnie|не\s+принадлежат\s+мне|bukan\s+milik(?:ku|\s+saya)|zijn\s+niet\s+van\s+mij|tillhör\s+inte\s+mig|(?:i|we)\s+(?:do\s+not|don'?t|dont|do\s+NOT)\s+own|(?:not|isn'?t|aren'?t)\s+mine|(?:belongs?|belonging)\s+to\s+(?:the\s+)?(?:amazing\s+|wonderful\s+|brilliant\s+|great\s+)?(?:j\.?\s?k\.?|rowling|marvel|dc|disney)|belongs?\s+to\s+(?:the\s+)?(?:amazing\s+|wonderful\s+|brilliant\s+|great\s+)?[A-Z][a-z]+\s+[A-Z][a-z]+|all\s+(?:rights|characters)\s+(?:belong|are|go)|(?:its|the|their)\s+characters\s+(?:belong\s+to|are\s+(?:the\s+)?(?:property|copyright)\s+of)|no\s+(?:copyright\s+infringement|profit)|(?:make|making)\s+no\s+(?:money|profit)|(?:written|done)\s+(?:out\s+of\s+love|for\s+fun),?\s+(?:and\s+)?not\s+for\s+(?:money|profit)|(?:nobody|no\s+one)\s+is\s+making\s+(?:any\s+)?money\s+(?:from|off|out\s+of|on)\s+(?:this|it|them)|owned\s+by|\w+'s[,;]?\s+(?:I|we)\s+(?:just|only)\s+(?:live\s+here|play\s+(?:here|in\s+(?:it|their|the))|borrow\s+(?:them|it)))\b/i;

/**
 * "Characters belonging to Rooster Teeth", "… belong to the A. A. Milne estate" (a maker's initials): the participle is a disclaimer's only before an owner's name in
 * capitals, as the pattern above, read whatever the case, cannot tell ("belonging to everybody and nobody").
 */
const BELONGING_TO_NAMED =
  /\b[Bb]elonging\s+to\s+(?:the\s+)?(?:(?:amazing|wonderful|brilliant|great)\s+)?\p{Lu}\p{Ll}+\s+\p{Lu}\p{Ll}+|\b[Bb]elong(?:s|ing)?\s+to\s+(?:the\s+)?(?:\p{Lu}\.\s?){1,3}\p{Lu}\p{Ll}+/u;

/**
 * Swedish "Alla figurer tillhör Astrid Lindgren", Greek "Οι ήρωες ανήκουν στον Στέλιο Ανεμοδουρά": the figures or
 * heroes a maker's, by a name in capitals ("Figurerna tillhör museet", "Οι ήρωες ανήκουν στην ιστορία" are a story's).
 */
const FIGURES_OWNED_BY_NAMED =
  /(?<!\p{L})(?:(?:[Aa]lla\s+)?figurer|[Ff]igurerna)\s+tillhör\s+\p{Lu}|(?<!\p{L})ήρωες\s+ανήκουν\s+(?:στον|στην|στο|στους|σε)\s+\p{Lu}/u;

/**
 * Bulgarian "Героите принадлежат на Иван Вазов", Welsh "Mae Pobol y Cwm yn perthyn i BBC Cymru, nid i fi", Swahili
 * "Wahusika wote ni wa Ken Walibora": the characters a maker's (named in capitals), or a show someone's and not the
 * writer's. "Къщата принадлежи на Иван" and "Mae'r tŷ yn perthyn i Dad" are a story's.
 */
const CHARACTERS_OWNED_ELSEWHERE =
  /(?<!\p{L})(?:[Гг]ероите|[Пп]ерсонажите)\s+(?:принадлежат\s+на\s+\p{Lu}|не\s+са\s+мои)|(?<!\p{L})yn\s+perthyn\s+i\s+[^.!?\n]{1,60}?,?\s+(?:ac\s+)?nid\s+i\s+(?:fi|mi)(?!\p{L})|(?<!\p{L})[Ww]ahusika(?:\s+wote)?\s+ni\s+wa\s+(?:marehemu\s+)?\p{Lu}/u;

/**
 * "I Cesaroni appartengono a Publispei e Mediaset", "Los Serrano pertenecen a Globomedia y Telecinco", "TKKG gehört
 * Stefan Wolf": a name that belongs to owners named in capitals (two names, or one and another joined), as
 * Italian, Spanish, Portuguese and German disclaimers say it; "ich verdiene kein Geld damit": no money made. (French
 * story lines say so of a house or a key too often: OWNED_NOT_MINE reads French, with its "pas à moi".)
 */
const OWNED_BY_NAMED =
  /(?<!\p{L})(?:appartiene|appartengono|pertenece|pertenecen|pertence|pertencem|gehört|gehören)\s+(?:(?:a|ad|al|alla|ao|à|aux)\s+)?\p{Lu}[\p{L}.'’-]*(?:\s+(?:(?:e|y|und|et|bzw\.)\s+(?:(?:a|à|ao|al|la|el|le|dem|der)\s+)?)?\p{Lu}[\p{L}.'’-]*)+|(?<!\p{L})(?:ich\s+)?verdiene\s+(?:damit\s+|hiermit\s+)?kein(?:en)?\s+(?:Geld|Cent|Euro)/u;

/** "No one owns them but Witt/Thomas and Disney": nobody's but a maker's, by a name in capitals ("but the sea" is a story's). */
const OWNED_ONLY_BY_NAMED = /(?<!\p{L})(?:[Nn]o\s+one|[Nn]obody)\s+owns\s+(?:them|it|these\s+\p{L}+)\s+but\s+\p{Lu}/u;

/** Curly apostrophes as straight ones, so "don’t" and "don't" read the same. */
function straight(text: string): string {
  return text.replace(/[’‘]/g, "'");
}

/** "The characters belong to …" in the other languages import detection names. */
const DISCLAIMER_OTHER =
  /(?<![\p{L}])(?:(?:i\s+)?personaggi\s+(?:appartengono|sono\s+(?:di|proprietà)|non\s+sono\s+(?:miei|nostri))|senza\s+scopo\s+di\s+lucro|(?:les\s+)?personnages\s+(?:appartiennent|sont\s+(?:à|la\s+propriété))|(?:los\s+)?personajes\s+(?:pertenecen|son\s+(?:de|propiedad))|sin\s+(?:fines|ánimo)\s+de\s+lucro|los\s+tomo\s+prestados|(?:os\s+)?personagens\s+(?:pertencem|são\s+(?:de|propriedade))|sem\s+fins\s+lucrativos|(?:die\s+)?(?:figuren|charaktere|personen)\s+gehören|postacie\s+należą|postavy\s+(?:patria|patří)\s+(?!k\s)|(?:nič|nic)\s+na\s+tom\s+(?:nezarábam|nevydělávám)|(?:as\s+)?personaxes\s+(?:pertencen|son\s+(?:de|propiedade))|non\s+gaño\s+(?:nada|cartos|diñeiro)\s+con\s+(?:isto|esto|iso)|персонажи\s+принадлежат|(?:все\s+)?права\s+на\s+(?:персонажей|героев)\s+принадлежат|персонажі\s+належать|karakterler\s+.{0,40}aittir|tokoh(?:-tokoh)?\s+.{0,30}milik|de\s+personages\s+(?:zijn|behoren)|karaktärerna\s+tillhör|karakterene\s+tilhører|karaktererne\s+tilhører|hahmot\s+kuuluvat|szereplők\s+.{0,40}(?:tulajdona|tulajdonát)|szereplő(?:k|ket|i|it)?\s[^.!?\n]{0,60}?nem\s+(?:az\s+)?enyém\p{L}*|personajele\s+(?:aparțin|sunt\s+ale)|(?:els\s+)?personatges\s+(?:pertanyen|són\s+de)|(?:οι\s+)?χαρακτήρες\s+ανήκουν|הדמויות\s+שייכות|כל\s+הזכויות\s+על\s+(?:הדמויות|הדמות|העולם)\s+שמורות|הדמויות\s+(?:אינן|לא)\s+שלי|الشخصيات\s+(?:ملك|تعود)|شخصیت[\u200c\s]?(?:ها|های)\s+(?:متعلق\s+به|مال)|nhân\s+vật\s+(?:thuộc\s+về|là\s+của)|(?:ang\s+)?mga\s+tauhan\s+ay\s+(?:pag-aari|kay)|2차\s?창작(?:물)?입니다|권리는\s+원작(?:자)?에(?:게)?\s+있|저작권은\s+[^.\n]{1,30}에(?:게)?\s+있|등장인물(?:들)?은\s+[^.\n]{1,30}?의\s+것|(?:저는|전)\s+아무\s+권리도\s+없|(?:原作|公式|関係者)[^。\n]{0,20}とは(?:一切|全く|何の)?(?:関係|関わり)(?:も|が)?(?:ありません|ございません|ない))/iu;

/**
 * "Fantômette appartient à Georges Chaulet, pas à moi": who the characters belong to, and that it is
 * not the writer, on a line of the writer's own (not a character's, in quotes or after a dash).
 */
const OWNED_NOT_MINE =
  /(?:^|\n)[ \t]*(?![«"“„—–-])(?!(?:Ce|Cet|Cette|Ces|Le|La|Les|L'|L’|Un|Une|Mon|Ma|Mes|Son|Sa|Ses|Notre|Votre|Leur|Il|Elle|Tout|Cela|Ça)(?!\p{L}))(?:\p{Lu}[\p{L}.'’-]*)(?:(?:\s*,\s*|\s+(?:et|de|du|des|&)\s+|\s+)\p{Lu}[\p{L}.'’-]*){0,5}\s+appartien(?:t|nent)\s+à\s+\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*){0,3},?\s+(?:et\s+)?pas\s+à\s+moi(?!\p{L})/u;

/**
 * "Pluk, Dolf en Zaza zijn van Annie M.G. Schmidt, niet van mij", "Bassie is van …, niet van mij": named characters,
 * whose they are, and not the writer's. "De sleutels zijn van Pieter, niet van mij" is a story's line, and so is
 * "Sanne is van Daan, niet van mij": one person is someone's by a first name, a character a maker's full name.
 */
const OWNED_NOT_MINE_DUTCH =
  /(?:^|\n|[.!?]\s+)[ \t]*(?!(?:De|Het|Een|Die|Dat|Deze|Mijn|Zijn|Haar|Ons|Onze|Hun)(?!\p{L}))\p{Lu}[\p{L}.'’-]*(?:(?:\s*,\s*|\s+(?:en|&)\s+|\s+)\p{Lu}[\p{L}.'’-]*){0,5}\s+(?:zijn\s+van|is\s+van\s+(?=(?:de|het)\s|[^!?\n,]*\s(?:en|&)\s|\p{Lu}[\p{L}.'’-]*\s+(?:\p{Ll}+\s+){0,2}\p{Lu}))\s*[^!?\n]{2,60}?,?\s+niet\s+van\s+mij(?!\p{L})/u;

/**
 * "Bolek i Lolek należą do Studia Filmów Rysunkowych, ja tylko o nich piszę", "Pan Tau patří Otovi Hofmanovi, ne mně":
 * whose the characters are, by name, and that the writer only writes of them (Polish, Czech). "Dom należy do Jana" is a
 * story's line: the writer's side is said too.
 */
const OWNED_NOT_MINE_WEST_SLAVIC =
  /(?<!\p{L})(?<!(?:^|[.!?]\s+)(?:Ta|Ten|To|Te|Ci|Tamta|Tamten|Tento|Tato|Toto|Tyto|Ty)\s+\p{L}+\s+)(?:należ(?:y|ą)\s+do|patří|patřej[íi])\s+\p{Lu}[^.!?\n]{1,80}?,?\s+(?:a\s+)?(?:nie\s+do\s+mnie|ne\s+mně|ne\s+mne|ja\s+(?:tylko|jedynie|sobie\s+tylko)|já\s+(?:si\s+)?(?:je\s+)?(?:jen|pouze))(?!\p{L})/u;

/** Words as written at a sentence's start or inside it: "figurene" and "Figurene" (for a pattern read in its case). */
function eitherFirstCase(words: string[]): string {
  return words.map((word) => `[${word[0]}${word[0].toUpperCase()}]${word.slice(1)}`).join('|');
}

/**
 * "Flåklypa og alle figurene tilhører Kjell Aukrust", "persónurnar tilheyra Magnúsi Scheving", "Tegelased kuuluvad Oskar
 * Lutsule", "Visi veikėjai priklauso Kaziui Borutai", "likovi pripadaju …", "Visi varoņi pieder filmas veidotājiem": the
 * characters a maker's (named in capitals where the verb is also everyday: "figurene tilhører museet" is a story's); and
 * the writer's side, that they borrow or earn nothing: "mina ainult laenasin neid", "es tikai aizņēmos", "Ja samo
 * posuđujem", "aš nieko neuždirbu", "ek leen haar net", "Jeg tjener ingenting på dette" (Norwegian, Icelandic, Estonian,
 * Latvian, Lithuanian, Croatian and its neighbours, Afrikaans).
 */
const CHARACTERS_BELONG_ELSEWHERE = new RegExp(
  `(?<!\\p{L})(?:${eitherFirstCase(['figurene', 'figurerne', 'karakterene', 'karaktererne', 'personene', 'persónurnar', 'persónur', 'sögupersónurnar', 'tegelased', 'veikėjai', 'likovi', 'liki', 'ликови', 'karakters'])})\\s+(?:tilhører|tilheyra|kuuluvad|priklauso|pripadaju|pripadajo|припадају|behoort\\s+aan)\\s+\\p{Lu}|(?<!\\p{L})(?:${eitherFirstCase(['varoņi', 'personāži', 'tēli'])})\\s+pieder\\s+(?!pie\\s)\\p{L}`,
  'u',
);
/** The writer's side of a disclaimer in those languages: they borrow the characters, or earn nothing by them. */
const BORROWED_NOT_EARNED =
  /(?<!\p{L})(?:(?:mina|ma)\s+(?:ainult|vaid|lihtsalt)\s+laena(?:sin|n)|es\s+tikai\s+aizņē?mos|ja\s+(?:ih\s+)?samo\s+posuđujem|jaz\s+(?:si\s+)?(?:jih\s+)?samo\s+sposojam|(?:aš\s+)?(?:nieko|jokių\s+pinigų|pinigų)\s+(?:iš\s+to\s+)?neuždirbu|ek\s+leen\s+(?:hulle|haar|hom|dit)\s+(?:maar\s+)?net|ek\s+maak\s+geen\s+geld|ek\s+besit\s+(?:niks|nie)|ég\s+á\s+ekkert\s+(?:í|af)\s+(?:þessu|þeim)|(?:ja\s+)?ne\s+(?:posjedujem|posedujem|zarađujem)\s+(?:ništa|ni\s+(?:jedan|jednog)|likove|novac)|jeg\s+e[ij]er\s+(?:ingenting|intet|ikke\s+(?:noe|noget|figurene|karakterene))|jeg\s+tjener\s+ingen(?:ting|\s+penger)\s+på\s+(?:dette|det|denne))(?!\p{L})/iu;

/**
 * Whose the story and characters are, and the writer's side, in Esperanto ("… apartenas al Osamu Tezuka, ne al mi"), Latin
 * ("ego nihil possideo"), Albanian ("… i përkasin Ismail Kadaresë; unë vetëm i huazova"), Irish ("Is leis an traidisiún an
 * scéal, ní liomsa"), Scottish Gaelic ("Buinidh … na caractaran do BBC Alba"), Luxembourgish ("… gehéieren dem Czuga, net
 * mir"), Malay and Indonesian ("… milik P. Ramlee, saya pinjam sekejap", "… saya hanya penggemar"), Azerbaijani ("Personajlar Üzeyir
 * Hacıbəylinindir") and Maltese ("… huwa tal-poplu Malti kollu, mhux tiegħi"). Each says the owner and the writer apart
 * (or names the characters), so "Il-libru huwa tiegħi" or "Rumah itu milik Pak Budi" stay a story's.
 */
const OWNED_NOT_MINE_MORE_LANGUAGES =
  /(?<!\p{L})(?:apartenas\s+al\s+\p{Lu}[^.!?\n]{0,80}?,?\s+(?:kaj\s+)?ne\s+al\s+mi|[Nn]ihil\s+possideo|(?:përkasin|përket)\s+\p{Lu}[^.!?\n]{0,60}?[;,]\s+(?:(?:e\s+)?jo\s+mua|unë\s+(?:vetëm|thjesht)\s+[ie]\s+(?:huazova|huazoj|mora))|[Nn]uk\s+më\s+përka(?:sin|et)|[Ii]s\s+le(?:is)?\s+[^.!?\n]{1,60}?,\s*ní\s+liomsa|[Bb]uinidh\s[^.!?\n]{0,80}?caractaran[^.!?\n]{0,10}?\sdo\s+\p{Lu}\p{L}*|gehéier(?:en|t)\s+[^.!?\n]{1,60}?,?\s+net\s+mir|(?:[Ww]atak|[Tt]okoh)(?:-(?:watak|tokoh))?\s[^.!?\n]{0,30}?milik(?=\s)|milik\s+[^.!?\n]{1,80}?,?\s+saya\s+(?:hanya\s+|cuma\s+|sekadar\s+)?(?:meminjam|pinjam|penggemar|peminat)|[Pp]ersonajlar(?:ı)?\s+[^.!?\n]{1,40}?(?:dır|dir|dur|dür)|(?:huwa|hija|huma)\s+ta(?:l-|['’]\s*)[^.!?\n]{1,60}?,\s*(?:u\s+)?mhux\s+(?:tiegħi|tagħna))(?!\p{L})/u;

/** "作品は宮沢賢治先生のものです", "キャラクターの著作権は原作者様に帰属します": whose the original and its characters are, in Japanese. */
const DISCLAIMER_JAPANESE =
  /(?:原作|作品|キャラクター|キャラ|登場人物)(?:の著作権)?は[^。、\n]{0,20}(?:のものです|に帰属し|にあります)|原作の著作権/u;
/** "人物属于原著和剧组，OOC属于我", "人物属于原剧", "角色不属于我": who owns the characters, in Chinese (no spaces to bound the words). */
const DISCLAIMER_CHINESE =
  /(?:人物|角色)(?:均|都|全)?(?:属于|屬於|归|歸)[^，。！？\n]{0,12}?(?:原著|原作|原剧|原劇|官方|作者|剧组|劇組|老师|老師)|(?:人物|角色)(?:均|都|全)?不(?:属于|屬於|归|歸)我|版[权權](?:归|歸|属于|屬於)|OOC(?:属于|屬於)我/u;

/** "Characters are Dorothy Dunnett's", "The characters are all Tui T. Sutherland's": whose they are, by name. */
const CHARACTERS_ARE_NAMED =
  /(?:^|[.!?;]\s+)(?:(?:The|All(?: the)?|the|all(?: the)?)\s+)?[Cc]haracters\s+(?:are|remain)\s+(?:all\s+)?\p{Lu}[\p{L}.-]*(?:\s+\p{Lu}[\p{L}.-]*){0,3}'s?(?!\p{L})\s*(?:[.;!]|$|,?\s*(?:not mine|I (?:just|only) |I own |the .{1,60} (?:is|are) mine))/u;

/**
 * "Based on the books by James Herriot and the TV series.": what the story is drawn from and whose it is, opening a
 * sentence (not "The film, based on the books by …", told).
 */
const BASED_ON_MAKER =
  /(?:^|[.!?]\s+)\W*(?:[Ll]oosely\s+)?[Bb]ased\s+on\s+(?:the\s+)?(?:[\p{L}-]+\s+)?(?:books?|novels?|stories|series|characters|works?|manga|comics?|games?|films?|show)\s+(?:created\s+|written\s+)?by\s+\p{Lu}/u;

/** A maker's or a title's name in capitals: "Yasuhiro Nightow", "E. Nesbit", "The Prisoner of Zenda", "Wallace & Gromit". */
const CAPITAL_NAME = String.raw`(?:\p{Lu}\.\s?)*\p{Lu}[\p{L}'’:-]*(?:\s+(?:(?:of|the|to|and|&|de|von|van)\s+)*(?:\p{Lu}\.\s?)*\p{Lu}[\p{L}'’:-]*){0,5}`;
/** The writer's side after an owner: "…, I'm just crying about it", "and I'm only borrowing Perks", "; I just feel bad for Joe". */
const WRITER_AFTER = String.raw`\s*[,;]?\s+(?:and\s+|but\s+)?(?:I|I'm|I\s+am)\s+(?:just|only|merely)(?!\p{L})`;

/**
 * Whose the work is, said by a possessive, with the writer's side or a full name: "Trigun is Yasuhiro Nightow's.",
 * "The Railway Children is E. Nesbit's and I'm only borrowing Perks", "Code Geass is Sunrise's, I'm just crying about it",
 * "Garfield and friends are Jim Davis's; I just feed them", "Baroness Orczy's characters; I only take them out for air",
 * "Mark Twain's characters, my marigolds", "Mary Shelley is the author of Frankenstein, I'm just a fan". "The house is
 * Peter's." and "Tom is Anna's." are a story's: the owner is a full name, or the writer's side follows.
 */
const POSSESSIVE_OWNER = new RegExp(
  String.raw`(?:^|[.!?]\s+)(?!(?:This|That|These|Those|It|He|She|They|We|You|Which|What|Who|Everything|Everyone|Nothing|Nobody)\s)(?:The\s+)?${CAPITAL_NAME}(?:\s+(?:and|&)\s+(?:friends|company|co\.?|crew|its\s+characters))?\s+(?:is|are)\s+(?:all\s+)?` +
    String.raw`(?:${CAPITAL_NAME}(?:(?:,\s*|\s+and\s+|\s+&\s+)${CAPITAL_NAME})*(?:['’]s|s['’])(?:${WRITER_AFTER}|\s*[,;]?\s+not\s+mine)` +
    String.raw`|(?!(?:Mr|Mrs|Ms|Miss|Dr|Aunt|Uncle|Old|Young|Little|Big|Professor|Captain|Sir|Lady|Lord|King|Queen|Prince|Princess|Doctor|Father|Mother|Sister|Brother|Saint|St)\.?\s)(?:\p{Lu}\.\s?)*\p{Lu}[\p{L}'’-]*\s+(?:\p{Lu}\.\s?)*\p{Lu}[\p{L}'’-]*(?:(?:,\s*|\s+and\s+|\s+&\s+)${CAPITAL_NAME})*(?:['’]s|s['’])\s*(?:[.!]|$))` +
    String.raw`|(?:^|[.!?]\s+)(?:\p{Lu}\.\s?)*\p{Lu}[\p{L}'’-]*\s+(?:\p{Lu}\.\s?)*\p{Lu}[\p{L}'’-]*['’]s\s+characters\s*[;,]\s+(?:I\s+(?:just|only|merely)|my\s+\p{L}+\s*[.!]*$)` +
    String.raw`|(?:^|[.!?]\s+)${CAPITAL_NAME}\s+(?:is|was)\s+the\s+(?:author|creator|writer)\s+of\s+\p{Lu}[^.!?]{0,60}?${WRITER_AFTER}`,
  'u',
);

/**
 * "Enid Blyton owns them.", "Toriyama owns everything.", "Dickens owns them; I just feel bad for Joe.", "Dumas owns all
 * of these people.": a maker by name owns them all, the sentence ending there or the writer's side after it ("He owns
 * them." and "The bank owns everything." are a story's, and so is "Peter owns a boat.").
 */
const NAMED_OWNER_OWNS_ALL =
  /(?:^|(?<!\b(?:Mr|Mrs|Ms|Dr|St))[.!?]\s+)(?!(?:He|She|They|It|We|You|I|Who|Nobody|Everyone|Everybody|Someone|Somebody|This|That|Mum|Mom|Dad|Grandma|Grandpa|Granny|Mr|Mrs|Ms|Miss|Dr|Aunt|Uncle|Old|King|Queen|Lord|Lady)\.?\s)(?!The\s)(?:\p{Lu}\.\s?)*\p{Lu}[\p{L}'’-]*(?:\s+(?:\p{Lu}\.\s?)*\p{Lu}[\p{L}'’-]*){0,3}(?:\s+(?:and|&)\s+\p{Lu}[\p{L}'’-]*)?\s+owns?\s+(?:them|everything|it\s+all|all(?:\s+of\s+(?:them|it|these\s+\p{L}+))?|them\s+all)\s*(?:[.!]*$|[;,]\s+(?:and\s+|but\s+)?I\s)/u;

/**
 * "Kipling's, all of it.", "Shakespeare's, obviously, and the title too.", "Melville's, public domain, but credit where
 * it's due.": the maker's, a sentence on its own (not "“Peter's, obviously,” she said.", a character's answer).
 */
const MAKERS_OBVIOUSLY =
  /^\s*\p{Lu}[\p{L}'’-]*(?:\s+\p{Lu}[\p{L}'’-]*){0,2}['’]s,\s+(?:all\s+of\s+it|obviously|of\s+course|naturally|public\s+domain)(?!\p{L})/u;

/**
 * "The poem is about twelve hundred years out of copyright.", "… is anonymous and about six hundred years old, so I think
 * it is fair game", "… about four hundred years old, so I think we're safe!": an old work nobody owns, as the writer says so.
 */
const NOBODY_OWNS_IT_NOW =
  /\byears\s+out\s+of\s+copyright\b|\b(?:is\s+)?anonymous\s+and\s+(?:about\s+|some\s+|nearly\s+)?[\p{L}-]+(?:\s+[\p{L}-]+)?\s+years\s+old\b|\byears\s+old,?\s+so\s+I\s+think\s+(?:it\s+is|it's|we're|we\s+are)\s+(?:fair\s+game|safe)\b|\bbelongs\s+to\s+everyone,\s+which\s+I\s+think\b/iu;

/**
 * Whose the characters or the tale are and that they are not the writer's, in the further languages: Scots ("Oor Wullie
 * belangs tae D.C. Thomson, no tae me"), West Frisian ("… heart by de skiednis …, net by my allinnich"), Papiamento ("Nanzi
 * no ta di mi, e ta di tur Antiyano"), Haitian Creole ("… se pou tout pèp ayisyen, se pa pou mwen"), Uzbek ("… xalqniki,
 * meniki emas"), Macedonian ("Итар Пејо е од народот, не е мој"), Kazakh ("… ешкімнің меншігі емес"), Belarusian ("Усе
 * героі належаць Уладзіміру Караткевічу"), Bosnian ("Likovi pripadaju autorima serije"), Georgian ("… რუსთაველს
 * ეკუთვნის, მე მხოლოდ …"), Māori ("Ehara i te mea nāku a Māui"), Interlingua ("… pertine a Miguel de Cervantes"), Basque
 * ("ipuina herriarena da, ez nirea"). Each says both sides, or names the characters and a maker, so "Тоа не е мој
 * проблем" or "Dat hûs heart by Piter" stay a story's.
 */
const OWNED_NOT_MINE_FURTHER_LANGUAGES =
  /(?<!\p{L})(?:belangs?\s+tae\s+[^!?\n]{1,60}?,?\s+no\s+tae\s+me|heart\s+by\s+[^.!?\n]{1,60}?,\s+net\s+by\s+my|no\s+ta\s+di\s+mi,\s+(?:e\s+)?ta\s+di|se\s+pou\s+[^.!?\n]{1,60}?,\s+se\s+pa\s+pou\s+mwen|\p{L}+niki,\s+meniki\s+emas|е\s+од\s+[^.!?\n]{1,40}?,\s+не\s+е\s+мој|ешкімнің\s+меншігі\s+емес|(?:[Гг]ероі|[Пп]ерсанажы)\s+належаць\s+\p{Lu}\p{L}*|[Ll]ikovi\s+pripadaju\s+autorima|ეკუთვნის,\s+მე\s+მხოლოდ|[Ee]hara\s+i\s+te\s+mea\s+nāku|pertine\s+a\s+\p{Lu}\p{L}+\s+(?:de\s+)?\p{Lu}\p{L}*|\p{L}+(?:arena|aren)\s+da,\s+ez\s+nirea)(?!\p{L})/u;

export function isDisclaimer(text: string): boolean {
  // A disclaimer is short: a long stretch is no disclaimer, and is not searched for one.
  if (text.length >= 1500) return false;
  const line = straight(text);
  return (
    (DISCLAIMER.test(line) ||
      BELONGING_TO_NAMED.test(line) ||
      FIGURES_OWNED_BY_NAMED.test(line) ||
      CHARACTERS_OWNED_ELSEWHERE.test(line) ||
      OWNED_BY_NAMED.test(line) ||
      OWNED_ONLY_BY_NAMED.test(line) ||
      CHARACTERS_ARE_NAMED.test(line) ||
      BASED_ON_MAKER.test(line) ||
      DISCLAIMER_OTHER.test(line) ||
      OWNED_NOT_MINE.test(line) ||
      OWNED_NOT_MINE_DUTCH.test(line) ||
      OWNED_NOT_MINE_WEST_SLAVIC.test(line) ||
      CHARACTERS_BELONG_ELSEWHERE.test(line) ||
      BORROWED_NOT_EARNED.test(line) ||
      OWNED_NOT_MINE_MORE_LANGUAGES.test(line) ||
      OWNED_NOT_MINE_FURTHER_LANGUAGES.test(line) ||
      POSSESSIVE_OWNER.test(line) ||
      NAMED_OWNER_OWNS_ALL.test(line) ||
      MAKERS_OBVIOUSLY.test(line) ||
      NOBODY_OWNS_IT_NOW.test(line) ||
      DISCLAIMER_CHINESE.test(line) ||
      DISCLAIMER_JAPANESE.test(line)) &&
    !SAID_BY_A_THING.test(line)
  );
}

/** Phrases only an author speaking to readers uses. */
const STRONG_NOTE = new RegExp(
  [
    '\\b(?:please|pls|plz)\\b[^.!?]{0,30}\\b(?:review|comment|r\\s?&\\s?r|let me know|tell me)',
    '\\bread\\s+(?:and|&)\\s+review\\b',
    '\\bR\\s?(?:&|and)\\s?R\\b',
    '\\breviews?\\s+(?:are|is|would be|will be)\\s+(?:appreciated|welcome|loved|love)',
    '\\bhappy\\s+reading\\b',
    // Thanks for the replies or the support only as the sentence's start: "She typed thanks for all the support" is a story's.
    '^\\W*(?:thanks?|thank\\s+you|thx|ty)\\s+(?:(?:you|u|ya|everyone|guys|all)\\s+)?(?:so\\s+much\\s+)?for\\s+(?:all\\s+the|the|your)\\s+(?:replies|responses|feedback|support)\\b',
    '\\b(?:thanks?|thx|ty|cheers)\\s+(?:(?:you|u|ya)\\s*)?(?:,\\s*(?:as\\s+always|again|all|everyone|everybody|guys|so\\s+much)\\s*,\\s*)?(?:so\\s+much\\s+|all\\s+|again\\s+)?(?:for|to)\\s+(?:reading|the\\s+reviews?|reviewing|all\\s+the\\s+(?:reviews|comments|kudos|follows)|your\\s+(?:reviews?|comments?|support|patience)|everyone\\s+who|my\\s+beta|all\\s+who|those\\s+who)',
    "\\bhope\\s+(?:you|y'?all|everyone)\\s+(?:all\\s+)?(?:enjoy|like|liked|enjoyed|love|loved)",
    "\\b(?:let\\s+me\\s+know|tell\\s+me)\\s+what\\s+(?:you|y'?all)\\s+think",
    "\\bi'?d\\s+love\\s+to\\s+hear\\b",
    '\\bon\\s+with\\s+the\\s+(?:story|fic|chapter|show)\\b',
    '\\buntil\\s+next\\s+(?:time|chapter|update)\\b',
    '\\bstay\\s+tuned\\b',
    '\\b(?:to\\s+be\\s+continued|TBC)\\b',
    '\\bconstructive\\s+criticism\\b',
    '\\bflames?\\s+(?:will|are)\\b',
    '\\bmy\\s+(?:lovely\\s+|amazing\\s+|wonderful\\s+)?beta\\b',
    '\\bbeta(?:-|\\s)?read\\b',
    '\\bthis\\s+is\\s+my\\s+first\\s+(?:fic|story|fanfic|fanfiction|one-?shot|attempt)',
    '\\bfav(?:ou?rite)?s?\\b[^.!?]{0,20}\\b(?:follow|alert|review)',
    '^enjoy[.!]*$',
    '\\bopinions\\?',
    // "Next month's poll is up for supporters", "(patrons only)": the writer to those who pay them on Patreon or Ko-fi.
    '\\b(?:poll|early\\s+access)\\b[^.!?]{0,30}\\b(?:patrons?|supporters?)\\b|\\b(?:patrons?|supporters?)[-\\s]only\\b',
    // "if you read this far thank you", "if you made it this far, …": the author, to whoever reached the end.
    "\\bif\\s+(?:you|u)(?:'ve)?\\s+(?:read|made\\s+it|got(?:ten)?)\\s+(?:this|that|all\\s+the\\s+way)\\s+(?:far|down)\\b",
  ].join('|'),
  'i',
);
/** Every strong phrase has one of these words: a cheap test first keeps long stories fast. */
const NOTE_WORDS =
  /review|read|thank|hope|enjoy|let me|tell me|love to|on with|next|tuned|continued|tbc|critic|flame|beta|first|fav|opinion|far|patron|supporter|r\s?[&a]/i;
/** Phrases that are the author's only when the author is also talking to someone (I … you). */
const WEAK_NOTE =
  /\b(?:this|my|the\s+next|the\s+last|next|last)\s+(?:story|fic|fanfic|fanfiction|one-?shot|drabble|ficlet|sequel|prequel|chapter|update)\b|\bcliffhanger\b|\bupdate[sd]?\s+(?:soon|every|next|weekly)\b|\breview(?:s|ers|ing)?\b|\bwrit(?:e|ing|ten)\b|\bpost(?:ed|ing)?\b/i;
const PERSON = /\b(?:I|I'm|I've|I'd|I'll|me|my|you|your|you're|y'all|guys)\b/;

/** How surely a piece is an author's note: 2 for phrases only notes use, 1 for note talk in the first person, 0 otherwise. */
/** "Comments are love", "Reviews = love!", "Feedback makes my day", "reblogs are appreciated": asking for feedback. */
export const FEEDBACK_ASKED =
  /\b(?:comments?|reviews?|kudos|feedback|reblogs?|concrit|votes?|likes?|notes)\s*(?:=|(?:are|is|make|makes|feed|feeds|mean|means|keep|keeps|would\s+be|always)\b).{0,40}\b(?:love|loved|appreciated|welcome|welcomed|day|world|fuel|gasolin[ae]|best|motivat\w*|going|writing|help\w*|lovely|amazing|everything|present|gift)\b|\b(?:concrit|constructive\s+criticism)\s+(?:is\s+)?(?:welcome|appreciated)\b|\b(?:comments?|kudos|reviews?|feedback)(?:\s+(?:and|&|\+)\s+(?:comments?|kudos|reviews?))?\s+(?:are\s+|is\s+)?(?:always\s+|very\s+|much\s+|greatly\s+|super\s+|so\s+)?(?:appreciated|welcome|welcomed|loved)\b/i;

/** "OP, I hope this is what you wanted", "hope you like it, prompter!": a fill's writer to whoever left the prompt ("OP" in capitals, not an "op"). */
const TO_THE_PROMPTER =
  /\b(?:[Hh]ope|wanted)\b[^.!?]{0,60}\b(?:OP|(?<![Tt]he\s)(?:[Pp]rompter|[Rr]equester))\b|^\W*(?:OP|[Pp]rompter|[Dd]ear\s+[Rr]equester)\s*[,!:]\s*(?:I|I'm|I've|[Hh]ere|[Tt]his|[Hh]ope)\b/u;

export function noteStrength(text: string): 0 | 1 | 2 {
  // Notes are short; in a long paragraph only its ends can be one run into the story.
  const ends = text.length > 1200 ? `${text.slice(0, 600)}\n${text.slice(-600)}` : text;
  const outside = straight(narration(ends));
  if (NOTE_WORDS.test(outside) && STRONG_NOTE.test(outside)) return 2;
  if (TO_THE_PROMPTER.test(outside)) return 2;
  // Asking for feedback is a whole note only when the paragraph is no more than that.
  if (FEEDBACK_ASKED.test(outside) && text.length < 160) return 2;
  if (WEAK_NOTE.test(outside) && PERSON.test(outside)) return 1;
  return 0;
}

/** Speech between quotes is the characters', not the author's: it is left out before looking for the author's voice. */
export function narration(text: string): string {
  return text.replace(/["“][^"“”]*["”]/g, ' ').replace(/(^|\s)['‘][^'‘’]*?['’](?=[\s,.!?;:]|$)/g, ' ');
}

const FIRST_PERSON = /\b(?:I|I'm|I've|I'd|I'll|me|my|mine|myself|we|we're|our|us)\b/g;

/** First-person words outside speech, per word: the author talking (in a story told in the third person). */
export function firstPersonRate(text: string): number {
  const outside = narration(text);
  let words = 0;
  let inWord = false;
  for (let i = 0; i < outside.length; i++) {
    const space = outside.charCodeAt(i) <= 32;
    if (!space && !inWord) words++;
    inWord = !space;
  }
  if (words === 0) return 0;
  return (outside.match(FIRST_PERSON)?.length ?? 0) / words;
}

/** "by" (Danish "af", Icelandic "eftir", Afrikaans "deur", Estonian "kirjutanud"), "Posted on 3 March 2021 by", "submitted 2 days ago by" (Lemmy, old Reddit), "Diposting oleh" (posted by), and the same in the languages writers most often post in on English-language archives (Hebrew's "מאת", Arabic's "بقلم"). */
const BY =
  '(?:by|written\\s+by|submitted\\s+(?:\\S+\\s+){1,4}?by|(?:posted|published)(?:\\s+on\\s+(?=\\S*\\d|\\S+\\s+\\S*\\d)\\S+(?:\\s+\\S+){0,4}?)?\\s+by(?![^\\n]*\\sago\\.?$)|(?:publi[ée]e?|post[ée]e?)\\s+le\\s+(?=\\S*\\d|\\S+\\s+\\S*\\d)\\S+(?:\\s+\\S+){0,5}?\\s+par|(?:publicad[oa]|postead[oa])\\s+el\\s+(?=\\S*\\d|\\S+\\s+\\S*\\d)\\S+(?:\\s+\\S+){0,5}?\\s+por|(?:publicad[oa]|postad[oa])\\s+em\\s+(?=\\S*\\d|\\S+\\s+\\S*\\d)\\S+(?:\\s+\\S+){0,5}?\\s+por|pubblicat[oa]\\s+il\\s+(?=\\S*\\d|\\S+\\s+\\S*\\d)\\S+(?:\\s+\\S+){0,5}?\\s+da|diposting\\s+oleh|dipublikasikan\\s+oleh|publicad[oa]\\s+por|postad[oa]\\s+por|post[ée]e?\\s+par|publi[ée]e?\\s+par|gepostet\\s+von|veröffentlicht\\s+von|pubblicat[oa]\\s+da|geplaatst\\s+door|opublikowan[eya]\\s+przez|dodan[eya]\\s+przez|đăng\\s+bởi|skrevet\\s+a[vf]|skrivet\\s+av|kirjoittanut|kirjutanud|eftir|geskryf\\s+deur|deur|napisal[ao]?|yazan\\s*:|napsal[ao]?|escrit[ae]?\\s+per|(?:an?\\s+|una?\\s+|uma?\\s+)?(?:\\S+\\s+){0,6}(?:story|fan\\s?fic(?:tion)?|fic|one-?shot|drabble|ficlet|pastiche|parody|crossover|tale|poem|au|história|historia|histoire|storia|geschichte|opowiadanie|cerita|verhaal|hikaye)\\s+(?:by|escrit[ao]\\s+por|por|de|di|von|par|door|av|przez|oleh)|(?:une?|una?|uma?)\\s+(?:fan\\s?fic(?:tion)?|fic|histoire|historia|história|storia|one-?shot)\\s+(?:\\S+\\s+){1,4}?(?:par|por|di|von)|door|av|af|di|von|geschrieben\\s+von|por|escrito\\s+por|escrita\\s+por|par|écrit\\s+par|écrite\\s+par|de\\s*:|di\\s*:|od\\s*:|ni\\s*:|oleh\\s*:?|scritt[ao]\\s+da|napisane\\s+przez|автор\\s*:?|מאת|بقلم|auctore|nga|de|per|troch)';
const BY_LABEL = new RegExp(`^${BY}\\s*:?\\s+`, 'iu');
const BYLINE = new RegExp(`^${BY}\\s*:?\\s+\\S{1,40}(?:\\s+\\S{1,30}){0,3}$`, 'iu');

/** Words that read as a pen name: capitalised, or with the digits, dots and underscores of a username. */
function nameLike(name: string): boolean {
  const words = name.split(/\s+/);
  // "Drita e Kalasë", "Ludwig van Beethoven", "Oscar de la Hoya": a particle between a name's capitalised words.
  return words.every(
    (w, i) => /^[\p{Lu}@]|[\d_.@]/u.test(w) || (i > 0 && i < words.length - 1 && NAME_PARTICLE.test(w)),
  );
}
const NAME_PARTICLE = /^(?:e|i|de|da|di|do|du|del|della|la|le|van|von|der|den|ter|bin|binti|ibn|al|el)$/u;

/**
 * "de verda_stelo", "de Victor Hugo" (Esperanto, French, Spanish), "nga Drita e Kalasë" (Albanian), "per Rucio_Fidel"
 * (Interlingua, Occitan, Catalan), "troch Wurdumer Wyfke" (West Frisian): the word for "by" is also an everyday one ("De
 * Profundis", "De Mëttwoch …", Dutch "de laatste rondvaart", "Per aspera", "Troch de tiid"), so a byline's only in lower
 * case before a pen name.
 */
const EVERYDAY_BY = /^(?:de|nga|per|troch)\s+(?!:)/iu;

/**
 * A user name and the word for its role after it: "Городецкий_не_спит автор" (ficbook), "kit_k (author)".
 * The name has a user name's underscore, dot, digit or "@", or the role is in brackets: "the author" is no byline.
 */
const NAME_THEN_ROLE =
  /^(@?[\p{L}\p{N}_.-]{2,40})\s+(?:(?<=[_.\d@][^\s]*\s+)(автор|author|autor|autorka|auteur|autrice|autore|yazar|penulis)|[([](автор|author|autor|autorka|auteur|autrice|autore|yazar|penulis)[)\]])$/iu;

/** "文/南山有雪" (Lofter), "글 · 별빛우체국" (Postype), "作者：…": the word for the writing or its writer, then the name, with no space needed. */
const CJK_BYLINE = /^(文\s*[/／]|作\s*者\s*[:：]|글\s*[·:：])\s*([^\s·|/／]{1,30})$/u;

/**
 * "by xX_sohma_rin_Xx | Created on: March 14, 2008 | 2,419 views": the site's dates and counts after a byline,
 * "A story by zebes_runner · Science Fiction · 2 chapters · 1,204 reads" its genres before them;
 * "submitted … by lamp@lemmy.world to lighthouses@lemmy.world", "… to r/Lighthouses": the community it went to.
 */
const FACTS_SEPARATOR = /\s+[|·]\s+/u;
const SUBMITTED_TO = /\s+to\s+(?:\/?r\/|!)?[\w.-]+(?:@[\w.-]+)?$/iu;

function withoutFactsAfterByline(line: string): string {
  const facts = FACTS_SEPARATOR.exec(line);
  const bare = facts && /[\d:]/u.test(line.slice(facts.index)) ? line.slice(0, facts.index) : line;
  return /^submitted\s/iu.test(bare) ? bare.replace(SUBMITTED_TO, '') : bare;
}

export function isByline(text: string): boolean {
  // "by moonlit_quill", "By: Lady Rowan", "written by J. Smith", "~by rosie.p~": a name of one to four words.
  const bare = withoutFactsAfterByline(undecorated(text));
  if (NAME_THEN_ROLE.test(bare) || CJK_BYLINE.test(bare)) return true;
  // A full stop after a name ("by Teodora K.", "by the_lonely_pen."), not after words ("By nightfall.").
  const dotted = /^(.*\S)\.$/.exec(bare);
  const line = dotted && nameLike(dotted[1].replace(BY_LABEL, '')) ? dotted[1] : bare;
  // Danish "af", Icelandic "eftir" and Afrikaans "deur" are a byline's words before a name ("af bennymedbriller", "Af Mette
  // Lund", "eftir Solla"); capitalised before a word in lower case they open a title: "Af hjertens lyst", "Eftir stríðið",
  // "Deur die venster".
  if (/^(?:Af|Eftir|Deur)\s+\p{Ll}/u.test(line)) return false;
  if (
    EVERYDAY_BY.test(line) &&
    (!/^(?:de|nga|per|troch)\s/u.test(line) || !nameLike(line.replace(EVERYDAY_BY, '').trim()))
  )
    return false;
  return BYLINE.test(line) && line.length < 80 && !/[.!?]["”’]?$/.test(line);
}

/**
 * A byline whose name reads as a pen name: one word ("by voidwhale"), an @handle or capitalised words
 * ("By Saskia Vell"), not the start of a line of verse or story ("By the river").
 */
export function isPenNameByline(text: string): boolean {
  if (text.length > 200 || !isByline(text)) return false;
  const name = bylineName(text).name;
  return !/\s/.test(name) || name.startsWith('@') || nameLike(name);
}

/**
 * A byline cut into its words and the pen name: "A Star Wars fic by kyber_crystal_kid" gives
 * "A Star Wars fic by" and "kyber_crystal_kid"; "by X (X on tumblr)" leaves the aside out of the name.
 */
export function bylineName(text: string): { label: string; name: string } {
  const line = withoutFactsAfterByline(undecorated(text));
  const role = NAME_THEN_ROLE.exec(line);
  if (role) return { label: role[2] ?? role[3], name: role[1] };
  const cjk = CJK_BYLINE.exec(line) ?? /^(作\s*者\s*[:：])\s*(\S.*)$/u.exec(line);
  if (cjk) return { label: cjk[1], name: cjk[2] };
  const match = new RegExp(`^(${BY}\\s*:?)\\s+(.+)$`, 'iu').exec(line);
  if (!match) return { label: '', name: line };
  // "by Dana Whitfield <ryoko_fan@netcom.com>": the address after the name, as mail and news bylines give it.
  let name = match[2]
    .replace(/\s*<[^<>\s]+@[^<>\s]+>$/u, '')
    .replace(/\s*[([][^()[\]]*[)\]]$/u, '')
    .trim();
  // "by the_lonely_pen." ends a sentence; "by Teodora K." ends an initial.
  if (/[^\s.]{2}\.$/u.test(name)) name = name.slice(0, -1);
  return { label: match[1], name: name || match[2] };
}

/** The words of a work's status as writers tag a title with it ("[WIP]", "(Complete)", "【完结】"); status.ts reads the tag. */
export const TAG_WORDS_IN_PROGRESS =
  'WIP|W\\.I\\.P\\.?|work in progress|in progress|incomplete|unfinished|ongoing|on hiatus|hiatus|abandoned|discontinued|连载中|連載中|未完结|未完結|连载|連載';
export const TAG_WORDS_COMPLETE =
  'complete[d]?|finished|完结|完結|已完结|已完結|完結済み?|완결|trọn bộ(?: \\d{1,3} chương)?|hoàn(?: thành)?|จบในตอน|ตอนเดียวจบ|จบแล้ว';
export const STATUS_TAG_WORD = new RegExp(`^(?:${TAG_WORDS_IN_PROGRESS}|${TAG_WORDS_COMPLETE})$`, 'iu');

/**
 * "The Colonel's Chickens (1/2)", "Harbour [2 of 3]", "(Part 1 of 2)", "(חלק 1 מתוך 2)", "(Teil 1 von 2)": a story
 * posted in parts, as lists', newsgroups' and forums' posts count them.
 */
const PART_COUNT = new RegExp(
  `(?<=\\S)\\s*[([]\\s*(?:${CHAPTER_WORD}\\s*)?\\d{1,3}\\s*(?:\\/|of|von|de|di|sur|van|av|из|з|z|מתוך|من)\\s*\\d{1,3}\\s*[)\\]]$`,
  'iu',
);
export function withoutPartCount(title: string): string {
  return title.replace(PART_COUNT, '').replace(PARTS_HELD, '');
}

/** "1ª e 2ª", "1º y 2º": parts by their ordinals, as Galician, Portuguese and Spanish write them before the word for part. */
const ORDINALS_LISTED = `\\d{1,3}[ªº°](?:\\s*(?:e|y|,|&)\\s*\\d{1,3}[ªº°]){1,5}`;
const PARTS_AND = '(?:&|\\+|,|-|–|and|y|e|et|und|dan|i|и|ve|och|og|en|و)';
/**
 * Which parts a page holds: "Parts 1-3", "Bagian 1 & 2", "chapitre 1 & 2", "cap. 1 e 2", "(الجزء 1 و2)";
 * the number first where the language puts it so: "(1. ve 2. Bölüm)".
 */
const PARTS_LIST = `(?:(?:${CHAPTER_WORD}\\p{L}{0,3}|caps?\\.)\\s*\\d{1,3}(?:\\s*${PARTS_AND}\\s*\\d{1,3}){1,5}|\\d{1,3}\\.?(?:\\s*${PARTS_AND}\\s*\\d{1,3}\\.?){1,5}\\s+${NUMBER_FIRST_WORD}|${ORDINALS_LISTED}\\s+${CHAPTER_WORD}\\p{L}{0,3})`;
/**
 * A title without a note of what it is: "(Parts 1-3)", or after a dash, as a blog's post titles its instalment:
 * "… - chapitre 1 & 2"; "漏雨（上下完）": a Chinese post's halves, "upper and lower, complete"; "（前編・後編）", a
 * Japanese post's first and second halves, "（その一・その二）" its parts one and two; "（一至三）" a Chinese post's
 * parts one to three; "(상/하 완결)" a Korean post's halves, complete; "…, rozdziały 1-3" after a comma; "(en deux
 * parties)", "(in twee delen)": how many parts, in words; "(1ª e 2ª parte)", by their ordinals.
 */
const PARTS_HELD = new RegExp(
  `(?<!\\s)\\s*(?:[([]\\s*${PARTS_LIST}\\s*[)\\]]|\\s[-–—]\\s+${PARTS_LIST}|[（(](?:上下|上中下)(?:篇|合集)?完?(?:结|結)?[）)]|[（(](?:前編[・･、]?後編|前後編|前・後編|前中後編)[）)]|[（(]その${HAN_NUMBER}(?:[・･、〜～~-]その${HAN_NUMBER})+[）)]|[（(]${HAN_NUMBER}(?:至|到|~|〜|～|-)${HAN_NUMBER}(?:章|回|篇)?完?[）)]|[（(]상\\s*[/·,]?\\s*(?:중\\s*[/·,]?\\s*)?하(?:\\s*완결)?[）)]|,\\s+${PARTS_LIST}|[(（]\\s*(?:en|in|em|w)\\s+(?:deux|trois|quatre|two|three|four|due|tre|quattro|duas|três|dos|tres|zwei|drei|vier|twee|drie|dwóch|trzech)\\s+(?:parties|parts|parti|partes|teilen|delen|częściach)\\s*[)）])$`,
  'iu',
);

const CHAPTER_AFTER_TITLE = new RegExp(
  `(?<=\\S)(?:\\s*,|\\s+[-–—|:])\\s*${CHAPTER_WORD}\\s*\\d{1,3}(?:\\s*(?:of|/)\\s*\\d{1,3}|\\s+[-–—:]\\s+\\S.*)?$`,
  'iu',
);
/** Spirit Fanfics' page title: "História A Última Espiga - Capítulo 1", its word for a story before the title. */
const SPIRIT_PAGE_TITLE = new RegExp(`^História\\s+(\\S.*?\\s+[-–—]\\s*${CHAPTER_WORD}\\s*\\d)`, 'iu');

/** "[Pokemon one-shot]", "[Bleach fic]": the kind of work a forum thread's title names after the fandom. */
const WORK_KIND_IN_BRACKETS = /\s(?:one-?shot|oneshot|fic|fanfic|fanfiction|ficlet|drabble|au|crossover)$/iu;

/** The words writers use for the kind of work they post, in the languages the import reads. */
const WORK_KIND =
  'fic|fanfic|fan\\s?fiction|fiction|one-?shot|oneshot|drabble|ficlet|snip|snippet|omake|au|story|фік|фанфік|фик|фанфик';
/** The words for a fanfic itself (not a "story" or an "AU"), which writers put straight before its fandom: "(Fanfic Irmão do Jorel)". */
export const FANFIC_WORD = 'fan\\s?fic(?:tion)?|fic|fanfici|one-?shot|oneshot|фанфик|фанфік|فن‌?\\s?فیکشن|ฟิค';
/**
 * "Summit (a Celeste fic)", "The Quiz (Ghosts fic, complete)", "Груша на межі (Кайдаші фік)": the fandom and
 * the kind of work in brackets after the title; "Māui me tōna whaea (pūrākau hou)", "(kuenta nobo)", "(cuento nuevo)": the
 * kind, then "new", as Māori, Papiamento and the Romance languages put the word after; "Dona Emília (fic do Sítio)": the kind first, then whose; "(Fanfic Irmão
 * do Jorel)", "[Fic ฉลาดเกมส์โกง]", "(one-shot in 2 capitoli)": a fanfic's word, then its fandom or what it holds.
 */
const KIND_ASIDE = new RegExp(
  `\\s*[([](?:(?:${WORK_KIND}|pūrākau|kuenta|cuento|conto|racconto|histoire|historia|história|storia|verhaal|ferhaal|hikoya|priča)\\s+(?:hou|nobo|nuevo|nueva|novo|nova|nuovo|nuova|nouveau|nouvelle|neu|nieuw|nij|yangi)|(?:an?\\s+)?[^()[\\]]{0,40}?(?<![\\p{L}\\p{N}])(?:${WORK_KIND})(?:\\s*,\\s*[^()[\\],]{1,20})?|(?:${WORK_KIND})\\s+(?:of|from|about|do|da|de|del|di|du|des|von|zu|для|з|по|про)\\s+[^()[\\]]{1,40}|(?:${FANFIC_WORD})\\s+[^()[\\]]{1,40})[)\\]]$`,
  'iu',
);
/**
 * "Bedtime in Townsville — a Powerpuff Girls ficlet", "Snow - a Frozen one-shot", "Tides – Bleach fanfic": what the work
 * is after a dash, as a blog's post title says it. Only a fanfic's own words: "Life – A Love Story" is a title whole.
 */
const DASH_KIND = String.raw`(?:[Ff]an ?[Ff]ic(?:tion)?|[Ff]ic|[Ff]iclet|[Oo]ne-?[Ss]hot|[Oo]neshot|[Dd]rabble)`;
/** "— a Powerpuff Girls ficlet", "- Bleach fanfic", "— a fic": a dash, the fandom if named (captured), the kind of work. */
export const KIND_AFTER_A_DASH = String.raw`[-–—]\s+(?:(?:[Aa]n?\s+)?([\p{Lu}\d][^-–—()[\]]{0,40}?)\s|[Aa]n?\s+)?${DASH_KIND}`;
const KIND_AFTER_DASH = new RegExp(String.raw`(?<=\S)\s+${KIND_AFTER_A_DASH}$`, 'u');
/**
 * "The Party: a Moonlighting Fan Fiction", "The Supper: A Keeping Up Appearances Short Story": an article site's
 * heading says what the work is after a colon, with "a" and the fandom. "Life: A Love Story" is a title whole.
 */
const KIND_AFTER_COLON = new RegExp(
  String.raw`(?<=\S):\s+[Aa]n?\s+(?:[\p{Lu}\d][^:()[\]]{0,40}?\s)?(?:${DASH_KIND}|[Ss]hort [Ss]tory)$`,
  'u',
);
/** "[Fanfic Đất rừng phương Nam] Mái chèo đầu tiên", "[Fic] Tofu": the kind of work, and its fandom, in brackets before the title. */
const KIND_TAG_BEFORE = new RegExp(`^[[(](?:${WORK_KIND})(?:\\s+[^()[\\]]{1,40})?[)\\]]\\s*(?=\\S)`, 'iu');
/** "Raining on the Roof (Kyo x Reader)": the pairing in brackets after the title, as reader-insert writers give it. */
const PAIRING_ASIDE = /(?<=\S)\s*[([](?:[\p{L}'’.-]+\s){1,3}[x×]\s[\p{L}'’.-]+(?:\s[\p{L}'’.-]+){0,2}[)\]]$/u;
/** "【羡忘】雪夜归人", "どら焼きの箱【ドラえもん】": a fandom or ship in black lenticular brackets before or after a title. */
const LENTICULAR_BEFORE = /^【([^】]{1,20})】\s*(\S.*)$/u;
const LENTICULAR_AFTER = /^(.*\S)\s*【([^】]{1,20})】$/u;

/** A title without what it says of the kind of work or its fandom in brackets; status tags ("【完结】") are status.ts's. */
/**
 * "פאנפיק עספור: ״שירים מהמרתף״", "Fanfic: “The Kitchen”", "Фанфик: «Буря»": a forum post's word for what it is
 * (and its fandom) before a colon, the title in quotes after it. "She Said: "No"" is a title whole.
 */
const KIND_BEFORE_QUOTED =
  /^(?:fan\s?fic(?:tion)?|fic|פאנפיק|פנפיק|фанфик|фанфік|фенфик|ffuglen|fanfiction|ფანფიკი)(?![\p{L}])(?:[^:"“”«»״„]{0,50}:)?\s*["“«״„]([^"“”«»״„]{1,120})["”»״“]$/iu;
/**
 * "(па «Дзікім паляванні караля Стаха»)", "(по «Мастеру и Маргарите»)", "(„ვეფხისტყაოსნის“ მიხედვით)", "(«Қыз Жібек»
 * бойынша)", "(based on "Emma")": the work a fanfic is written after, quoted in brackets after its title.
 */
const SOURCE_ASIDE =
  /(?<=\S)\s*\((?:(?:па|по|po|prema|според|after|based\s+on|nach|d['’]après|basad[oa]\s+en|baseado\s+em)\s+["“«„][^()"“”«»„]{1,60}["”»“]|["“«„][^()"“”«»„]{1,60}["”»“]\s+(?:бойынша|мотивам|მიხედვით|əsasında|asosida|bo['ʻ‘’]yicha))\)$/iu;

/**
 * "Somewhere Green (Shulk & Reyn, 2 parts, spoiler-free)", "Watermelon Season (K+, Ichigo, Urahara, Yoruichi)": a list
 * of facts after the title, one of them its length or its rating.
 */
const FACTS_ASIDE = /(?<=\S)\s*\(([^()]{1,100})\)$/u;
/**
 * "2 parts", and a count of parts in the languages writers post in: "2 hissə" (az), "dy pjesë" (sq), "три дела" (sr),
 * "2 bahagian" (ms, id), "tri partoj" (eo), "2 бөлім" (kk, the noun after a number not plural), "3 qism" (uz), "2 parti"
 * (pap), "3 часткі" (be), "2 dijela" (bs), "2 ნაწილი" (ka).
 */
const LENGTH_FACT =
  /^(?:(?:\d{1,3}|two|three|four|dy|tre|katër|два|три|четири|iki|üç|dörd|dua|tiga|empat|du|tri|kvar)\s+(?:parts?|chapters?|hissə|fəsil|pjesë|kapituj|дела|делова|поглавља|bahagian|bab|partoj|ĉapitroj|partes|capita|parti|pairts|dielen|qism|bob|бөлім|тарау|часткі|частак|dijela|dijelova|ნაწილი|ნაწილად)|\d[\d,.]*\s*k?\s+words|one-?shot|complete[d]?)$/iu;
/** A rating as FanFiction.Net and the film boards give it, in capitals. */
const RATING_FACT = /^(?:K\+?|T|M|MA|G|PG(?:-13)?|R|NC-17)$/u;

/** "(See the end of the chapter for notes.)": AO3's pointer to the notes below, as its EPUB and PDF give it. */
export const AO3_NOTES_POINTER = /^\(?see the end of the (?:chapter|work) for (?:more )?notes\.?\)?$/i;

/**
 * "(Sir Percy/Marguerite, PG)", "(Gen, 2 parts)": the story's facts in brackets on a line of their own under its title
 * and byline, as a mail or a post heads a fic; one of them its rating or length.
 */
export function isFactsLine(text: string): boolean {
  const items = /^\(([^()]{1,100})\)$/u.exec(text.trim())?.[1].split(',');
  return (
    !!items && items.length >= 2 && items.some((item) => LENGTH_FACT.test(item.trim()) || RATING_FACT.test(item.trim()))
  );
}

function withoutFactsAside(title: string): string {
  const items = FACTS_ASIDE.exec(title)?.[1].split(',');
  const fact = (item: string) => LENGTH_FACT.test(item.trim()) || RATING_FACT.test(item.trim());
  if (!items || items.length < 2 || !items.some(fact)) return title;
  return title.replace(FACTS_ASIDE, '');
}

/**
 * "Fanfic El Internado: Las luces del lago", "Hababam Sınıfı Hikayesi: Hocam Gitmeyin", "رواية قصيرة: …", "פאנפיק: …": a post's
 * word for what it is (a fanfic, the fandom's story, a short novel), and its fandom, before a colon and the title; Bulgarian
 * "Фенфик:", Welsh "Ffuglen:" (fiction), Swahili "Hadithi fupi:" (a short story).
 */
const KIND_BEFORE_COLON =
  /^(?:(?:fan\s?fic(?:tion)?|fic|fanfik|פאנפיק|פנפיק|фанфик|фанфік|фенфик|ffuglen)(?![\p{L}])[^:"“”«»]{0,50}|hadithi(?:\s+fupi)?|[^:"“”«»]{1,50}\s[-–—]\s(?:fan\s?fic(?:tion)?|fic|פאנפיק|פנפיק|фанфик|фанфік)|[^:"“”«»]{1,50}\s(?:hikayesi|fanfici)|(?:رواية|قصة)(?:\s+قصيرة)?)\s*:\s+(?=[^\s"“«„״])/iu;

export function withoutKindAside(title: string): string {
  let plain =
    withoutFactsAside(title)
      .replace(SOURCE_ASIDE, '')
      .replace(KIND_ASIDE, '')
      .replace(KIND_AFTER_DASH, '')
      .replace(KIND_AFTER_COLON, '')
      .replace(PAIRING_ASIDE, '')
      .replace(KIND_TAG_BEFORE, '')
      .trim() || title;
  plain = KIND_BEFORE_QUOTED.exec(plain)?.[1].trim() || plain.replace(KIND_BEFORE_COLON, '');
  for (
    let tag = LENTICULAR_BEFORE.exec(plain);
    tag && !STATUS_TAG_WORD.test(tag[1].trim());
    tag = LENTICULAR_BEFORE.exec(plain)
  )
    plain = tag[2];
  const after = LENTICULAR_AFTER.exec(plain);
  if (after && !STATUS_TAG_WORD.test(after[2].trim())) plain = after[1];
  return plain;
}

export function titleOf(text: string): string {
  // "tired eyes | steve rogers x reader", "Title | Fandom": what follows a bar is about the story, not its title.
  const title = undecorated(
    text
      .replace(SPIRIT_PAGE_TITLE, '$1')
      .replace(/\s+\|\|?\s+.*$/u, '')
      // "hollow knight ficlet: what the dreamers kept": a lower-case fandom and what it is, then the title.
      .replace(/^(?:[\p{Ll}\d'’-]+\s){1,4}(?:fic|ficlet|drabble|one-?shot|oneshot|fanfic):\s+(?=\S)/u, '')
      // "Seinfeld fic: The Bench", "Due South Drabble: Snow": a capitalised fandom and what it is, as blogs title a post;
      // "Monte Cristo fic - The Last Three Moves", as a writer names the file or outline it drafts in.
      // Not "My Life as a Fanfic: Part Two", a title whose words are not all a name's.
      .replace(
        /^(?!(?:My|The|An?|Our|Your|This|That)\s)(?:[\p{Lu}\d][\p{L}\d'’.-]*\s){1,4}(?:[Ff]ic|[Ff]iclet|[Dd]rabble|[Oo]ne-?[Ss]hot|[Oo]neshot|[Ff]anfic)(?::|\s+[-–—])\s+(?=\S)/u,
        '',
      )
      .replace(/\s+https?:\/\/\S+$/u, '')
      // "Biscuits With the Boss, Redux (498 words)": the site's count after the title.
      .replace(
        /(?<!\s)\s*[([]\s*\d[\d,.]*\s*(?:words?|palabras|palavras|mots|wörter|parole|słów|слов|woorden|ord|sanaa|kelime|kata|từ)\s*[)\]]$/iu,
        '',
      )
      // "Sepeda Baru untuk Euis (Bagian 1 & 2)", "(Parts 1-3)": which parts the page holds.
      .replace(PARTS_HELD, '')
      // "The Keeper’s Lamp [G]", "Salt (PG-13)": the rating after the title, as mailing lists and forums head a fic.
      .replace(/(?<!\s)\s+[([](?:G|PG|PG-?13|R|NC-?17|K\+?|T|M|MA|Gen|Teen|Mature|Explicit)[)\]]$/u, '')
      // "【甄嬛传】【温实初中心】一碗药": the fandom and the focus in lenticular brackets before a Chinese title.
      .replace(/^(?:【[^【】]{1,20}】\s*)+(?=[^\s【])/u, '')
      // "월령수 아래서 (1~2화)", "(1~2화 완결)": which episodes a Korean post holds, and that they are all.
      .replace(/(?<!\s)\s*\(\d{1,3}(?:\s*[~〜-]\s*\d{1,3})?\s*화(?:\s*완결)?\)$/u, '')
      // "The Long Winter, part 1 of 3", "A Última Espiga - Capítulo 1 - Portas abertas": the page's chapter after the title.
      .replace(CHAPTER_AFTER_TITLE, '')
      // 'Baantjer - "De laatste rondvaart"': the fandom, then the title in quotes ('Tell Me - "Please"' is one title).
      .replace(/^[^"“”«»]{2,40}?\s+[-–—]\s+["“«]([^"“”«»\s]+(?:\s+[^"“”«»\s]+)+)["”»]$/u, '$1')
      // "Zimowy wieczór - opowiadanie (Reksio)": what it is, and its fandom, after a dash, in the writer's language.
      .replace(
        /\s+[~\-–—]+\s+[^~\-–—]*(?<![\p{L}\p{N}])(?:fic|fanfic|fanfiction|one-?shot|oneshot|drabble|au|fanfik|opowiadanie|povídka|фанфик|фанфік)(?![\p{L}\p{N}])[^~\-–—]*[~\-–—]*$/iu,
        '',
      )
      // "Salt and Honey ~ Newt x Reader": the pairing after the title, as reader-insert writers give it.
      .replace(/\s+[~\-–—]+\s+(?:[\p{L}'’.]+\s){1,3}[x×]\s[\p{L}'’.(/)]+(?:\s[\p{L}'’.(/)]+){0,2}\s?[~\-–—]*$/u, ''),
  );
  const bare = withoutKindAside(title);
  // "💥 Paper Cranes 💥", "Senja di Konoha [NaruHina] ✔": emoji on both sides, a finished mark after.
  let plain = (bare === '' ? title : bare)
    .replace(/^(\p{Extended_Pictographic}\uFE0F?)\s*(.+?)\s*\1$/u, '$2')
    .replace(/\s*[\u2713\u2714\u2705]\uFE0F?$/u, '')
    .trim();
  // "[전독시/중혁독자] 마지막 정거장", "[Đồng nhân Doraemon] Chiếc ô": a fandom or ship in brackets before a title
  // of two words or more; not "[No]" or "[1/3]".
  // "[WIP]" before a title says the work's status (status.ts reads it there), not its fandom.
  const before = /^\[([^\]\d]{2,40})\]\s+(\S+\s+\S.*)$/u.exec(plain);
  if (before && !STATUS_TAG_WORD.test(before[1].trim())) plain = before[2];
  const after = /^(.+?)\s+\[([^\]\d]{2,40})\]$/u.exec(plain);
  // After it, a ship ("[NaruHina]") or a fandom with the kind of work ("[Pokemon one-shot]"), as forum threads
  // name their stories; not a bare word, which may be the title's own ("Dear [Redacted]", "The Girl Who Said [No]").
  if (
    after &&
    !STATUS_TAG_WORD.test(after[2].trim()) &&
    (/\/|\s[x×&]\s|\p{Ll}\p{Lu}/u.test(after[2]) || WORK_KIND_IN_BRACKETS.test(after[2]))
  )
    plain = after[1];
  return plain.trim() === '' ? title : plain.trim();
}

/**
 * "A Dragon Age fanfiction", "a Harry Potter one-shot", "Una historia de Naruto", "a fic based on the
 * Earthsea books", "fanfik na podstawie książek …", "фанфік за мультсеріалом «…»": a line saying
 * what the story is, under its title. Gives the fandom named.
 */
export function ficDescriptor(text: string): string | undefined {
  if (text.includes('\n') || text.length > 80) return undefined;
  const match =
    /^[\s~*([-]*(?:an?|una?|uma?)\s+(.{2,50}?)\s+(?:fan\s?fic(?:tion)?|fic|one-?shot|oneshot|drabble|ficlet|fanfic|story|AU)[\s~*)\].-]*$/iu.exec(
      text.trim(),
    ) ??
    /^[\s~*([-]*(?:an?\s+|una?\s+)?(?:historia|história|histoire|storia|geschichte|fanfic|fanfiction|fanfik|fic|opowiadanie|фанфік|фанфик|фік|фик)\s+(?:de|di|zu|aus|sobre|about|based\s+on|inspired\s+by|na\s+podstawie|basad[oa]\s+en|basée?\s+sur|basat[oa]\s+su|nach|за|по)\s+(?:(?:мультсеріалом|серіалом|фільмом|мультфільмом|книгою|грою|мультсериалу|сериалу|фильму|мультфильму|книге|игре)\s+)?(.{2,50}?)[\s~*)\].-]*$/iu.exec(
      text.trim(),
    );
  return match ? match[1].trim() : undefined;
}

/** "it's called", "this one is titled", "the story is called": the writer naming the work in English (for a RegExp with 'iu'). */
export const IT_IS_CALLED = String.raw`\b(?:it['’]?s|it\s+is|this\s+one['’]?s|this\s+one\s+is|the\s+(?:fic|story)\s+is)\s+(?:called|titled)`;
/** The same in the other languages the import reads: "se llama", "jmenuje se", "heißt", "называется", "judulnya", Haitian "li rele" …. */
export const IT_IS_CALLED_ELSEWHERE = String.raw`(?<![\p{L}])(?:jmenuje\s+se|se\s+jmenuje|nazywa\s+się|se\s+llama|se\s+chama|chama-se|si\s+chiama|s['’]appelle|heißt|heet|называется|називається|judulnya|li\s+rele)`;

/** "THE END", "~ Fin ~", "xXx THE END xXx", "Конец", "SLUTT", "FINO", "FUND", "FEN", "CRÍOCH", "-- ENN --", "ENDIR", "LÕPP", "BEIGAS", "PABAIGA", "TAMAT", "AMAIERA", "ΤΕΛΟΣ" (Greek capitals drop the accent), "EINE" (fy), "TAMOM" (uz), "СОҢЫ" (kk), "КАНЕЦ" (be), "დასასრული" (ka), "完", "（完）", "（おしまい）": a line that says the story is over. */
const END_MARKER = new RegExp(
  `^(?:[\\s~*=#_\\-–—[\\](){}<>|•·.（【「]*${ORNAMENT})?[\\s~*=#_\\-–—[\\](){}<>|•·.（【「]*(?:the end|end|fin|finis|finish(?:ed)?|ende|einde|die einde|fine|slut|slutt|endir|sögulok|fino|fund|fen|críoch|crìoch|enn|it-tmiem|lõpp|beigas|pabaiga|крај|loppu|vége|konec|koniec|kraj|owari|eine|tamom|тамом|соңы|канец|დასასრული|全文完|sfârșit|son|bitti|tamat|selesai|wakas|amaiera|bukaera|diwedd|край|mwisho|hoàn|hết|kết thúc|конец|кінець|τέλος|τελος|סוף|النهاية|پایان|完|終わり|おわり|おしまい|お終い|终|終|끝|end\\s+(?:of\\s+)?(?:story|fic|chapter|part)(?:\\s+(?:\\d{1,3}|[ivxlc]{1,7}|one|two|three|four|five))?|fim)[\\s~*=#_\\-–—[\\](){}<>|•·.!）】」]*(?:${ORNAMENT}[\\s~*=#_\\-–—[\\](){}<>|•·.!）】」]*)?$`,
  'iu',
);

/** A name alone on the last line of a letter or a mail, its first word captured: "Peggy", "— Morag F.", "- Leilani", "J.". */
export const SIGN_OFF = /^[-–—~]*\s*(\p{Lu}[\p{L}.'’-]*)(?:\s+\p{Lu}[\p{L}.'’-]*){0,2}$/u;

export function isEndMarker(text: string): boolean {
  return text.length <= 40 && !text.includes('\n') && END_MARKER.test(text);
}

/** "- for Ceci, who asked -", "dedicated to my sister": a dedication standing on its own line. */
export function isDedication(text: string): boolean {
  const line = text.trim();
  return (
    line.length <= 80 &&
    !line.includes('\n') &&
    /^[\s~*\-–—(]*(?:for|dedicated\s+to|para|pour|für|per|dla|для|voor|untuk|till|cho)\s+\S[^.!?]{0,60}?[\s~*\-–—)]*$/iu.test(
      line,
    )
  );
}

/** Lines of e-mail headers: "From: …", "Newsgroups: …", "Subject: …", "Date: …". */
export function isMailHeaders(text: string): boolean {
  const lines = text.split('\n');
  return (
    lines.length >= 2 &&
    lines.every((line) =>
      /^(?:From|To|Cc|Newsgroups|Subject|Date|Message-ID|Reply-To|Sender|Organization|Lines|Path|X-[\w-]+):\s/i.test(
        line.trim(),
      ),
    )
  );
}

/** Ornaments around a header line: "~ Title ~", "- by X -", "*Title*", and quotes around a whole title. */
export function undecorated(text: string): string {
  let line = text.trim().replace(/^[~*=_•·\-–—\s]+|[~*=_•·\-–—\s]+$/g, '');
  // "xXx The Silver Mask xXx", "oOo … oOo": the marks fan writers put round a title.
  line = line.replace(/^(xXx|XxX|oOo|OoO)\s+(\S.*?)\s+\1$/u, '$2');
  const bracketed = /^[[(《「『【〈]([^[\]()《》「」『』【】〈〉]+)[\])》」』】〉]$/u.exec(line);
  if (bracketed) line = bracketed[1].trim();
  const quoted = /^(["“”'‘’«])(.+)(["“”'‘’»])$/u.exec(line);
  if (quoted && !quoted[2].includes(quoted[1]) && !/["“”]/.test(quoted[2])) line = quoted[2].trim();
  return line;
}

/** A line short enough to be a title when a byline confirms it: "lost and found", "Falling!", "“The Letter”". */
export function isShortLine(text: string): boolean {
  const line = text.trim();
  return (
    line !== '' && !line.includes('\n') && line.length <= 100 && line.split(/\s+/).length <= 12 && /\p{L}/u.test(line)
  );
}

/** Words after "by" that make a phrase, not a pen name: "Stand by Me", "by the sea". */
const NOT_A_NAME =
  /^(?:me|you|him|her|us|them|it|myself|the|a|an|my|your|his|their|our|night|day|now|then|far|chance|heart|design)\b/i;

/** "by", and the words for it no title ends in: "yazan:" (Turkish), "skrevet av" (Norwegian), "escrit per" (Catalan). */
const TITLE_BYLINE =
  /^(.*?\S)[\s~*\-–—,|:]*\s((?:(?:written\s+)?by\s*:?|yazan\s*:|skrevet\s+av|skrivet\s+av|kirjoittanut|escrit[ae]?\s+per)\s+(\S+(?:\s+\S+){0,2}))[\s~*\-–—]*$/iu;

/**
 * "#銀河鉄道の夜 #ジョバンニ #fluff": a line of hashtags, as Tumblr, pixiv and Wattpad show a work's tags.
 * Tumblr's tags hold spaces ("#pikmin fanfic #my writing"): a few words each, no sentence's stop in them.
 */
export const HASHTAG_LINE = /^#[^\s#](?:[^\s#.!?]| (?=[^\s#])){0,40}(?:\s+#[^\s#](?:[^\s#.!?]| (?=[^\s#])){0,40})+$/u;

/** The tags a line of hashtags gives, as the work's free tags read them: "#slow_burn #fluff" → "slow burn, fluff". */
export function hashtagsOf(line: string): string {
  return line
    .trim()
    .split(/\s+(?=#)/)
    .map((tag) => tag.slice(1).replace(/_/g, ' '))
    .join(', ');
}

/** "Falling by Dreamer101", "~Lost and Found~ - by inkandember": a title and its byline on one line. */
/** "[Reviews - 4]": the count of reviews an eFiction archive's story list gives after the title and its byline. */
const REVIEW_COUNT = /\s*\[\s*reviews?\s*[-–:]\s*\d[\d,.]*\s*\]$/iu;

export function titleWithByline(text: string): { title: string; byline: string } | undefined {
  const line = text.trim().replace(REVIEW_COUNT, '');
  if (!isShortLine(line)) return undefined;
  // "《雪落在湖心》作者：北纬四十度的猫": a book's title in its marks, as Chinese sites (jjwxc) and their .txt show it.
  const marked = /^《([^《》]*\p{L}[^《》]*)》\s*(作\s*者\s*[:：]\s*\S+)$/u.exec(line);
  if (marked) return { title: marked[1].trim(), byline: marked[2] };
  const match = TITLE_BYLINE.exec(line);
  if (!match) return undefined;
  // A full stop after a username ("Paper Cranes by hikari_no_tsubasa."), or after any one word the kind of work
  // introduces ("Bread in the Rain - a Hunger Games fanfic by districttwelvebaker."), not after words ("by the sea.").
  const fullStop =
    /^[\p{L}\p{N}]*[_\d][\p{L}\p{N}_]*\.$/u.test(match[3]) ||
    (new RegExp(`(?<![\\p{L}])(?:${WORK_KIND})$`, 'iu').test(match[1]) && /^[\p{L}\p{N}_.-]+[^.]\.$/u.test(match[3]));
  const name = fullStop ? match[3].slice(0, -1) : match[3];
  if (NOT_A_NAME.test(name) || /[.!?]$/.test(name)) return undefined;
  const title = titleOf(match[1]);
  if (title === '' || !/\p{L}/u.test(title)) return undefined;
  return { title, byline: match[2].trim() };
}

/**
 * "The Keeper’s Lamp - a Lighthouse fanfic by lamp_oil": a byline whose words before "by" are a title and what
 * the story is, the title left once they are taken off. "A Star Wars fic by kyber_crystal_kid" has no title.
 */
export function titleThenKindByline(text: string): { title: string; byline: string } | undefined {
  if (!isByline(text)) return undefined;
  const both = titleWithByline(text);
  if (!both) return undefined;
  const before = text
    .trim()
    .slice(0, text.trim().lastIndexOf(both.byline))
    .replace(/[\s~*\-–—,|:]+$/u, '');
  return before !== both.title && before.startsWith(both.title) ? both : undefined;
}

/**
 * The page title of a FanFiction.Net story copied from the browser:
 * "Homecoming Chapter 1: Northbound, a Pokémon fanfic | FanFiction".
 */
export function fanFictionNetPageTitle(
  text: string,
): { title: string; chapterTitle: string | null; fandom: string } | undefined {
  const match =
    /^(.+?)(?:\s+Chapter\s+\d+(?::\s*(.+?))?)?,\s+an?\s+(.+?)\s+(?:fanfic|fic|crossover)\s*\|\s*FanFiction(?:\.Net)?\s*$/iu.exec(
      text.trim(),
    );
  if (!match) return undefined;
  return { title: match[1].trim(), chapterTitle: match[2]?.trim() || null, fandom: match[3].trim() };
}

/** The line of facts under a FanFiction.Net story's summary: "Rated: Fiction K+ - English - Adventure - Words: 430 …". */
export function isFanFictionNetFacts(text: string): boolean {
  return /^Rated:\s*(?:Fiction\s+)?(?:K\+?|T|M|MA)\s+-\s+\S/i.test(text.trim());
}

/** A short line standing alone that reads as a title: no sentence end, not speech, not a list item. */
export function isTitleLike(text: string): boolean {
  const line = text.trim();
  if (line.length === 0 || line.length > 100 || line.includes('\n')) return false;
  if (OPENING_QUOTE_OR_DASH.test(line)) return false;
  if (/[.,;:。、！？]$/u.test(line) && !/\.\.\.$|…$/.test(line)) return false;
  // Two sentences, or a line of speech, are prose.
  if (
    /(?<!\b(?:Mr|Mrs|Ms|Dr|St|Jr|Sr|Prof|Mt|\p{Lu}))[.!?]["”’]?\s+["“]?\p{Lu}/u.test(line) ||
    /[.!?,]["”]$/.test(line)
  )
    return false;
  const words = line.split(/\s+/);
  if (words.length > 12) return false;
  return /\p{L}/u.test(line) && !/^\p{Ll}/u.test(line);
}
const OPENING_QUOTE_OR_DASH = /^["“‘«„\-–—(]|^'(?=\p{L})/u;

/** "After the War", "Lestrade's Birthday": every longer word capitalised, as titles are and sentences are not. */
export function isTitleCase(text: string): boolean {
  const words = text.trim().split(/\s+/);
  return words.filter((w) => /^\p{L}{4,}/u.test(w)).every((w) => /^\p{Lu}/u.test(w)) && /^\p{Lu}/u.test(text.trim());
}

/** "sequel to “The First Meeting”", "a follow-up to The Lost Boy." — the earlier work a summary names. */
export function sequelMentions(text: string): string[] {
  const titles: string[] = [];
  const pattern =
    /\b(?:sequel|follow[- ]up|continuation|companion(?:\s+piece)?)\s+(?:to|of)\s+(?:my\s+(?:story|fic|one-?shot|work)\s+)?(?:["“]([^"”]{1,200})["”]|'(.{1,200}?)'(?=[\s.,;:!?)]|$)|‘(.{1,200}?)’(?=[\s.,;:!?)]|$)|\*([^*]{1,200})\*|((?:\p{Lu}[\p{L}'’-]*|of|the|a|an|and|in|on|to|for|at)(?:\s+(?:\p{Lu}[\p{L}'’-]*|of|the|a|an|and|in|on|to|for|at)){0,10}))/giu;
  for (const match of text.matchAll(pattern)) {
    const title = (match[1] ?? match[2] ?? match[3] ?? match[4] ?? match[5] ?? '')
      .trim()
      .replace(/[\s,.;:!?]+$/, '')
      .replace(/(?:\s+(?:of|the|a|an|and|in|on|to|for|at))+$/i, '');
    if (title && /\p{Lu}|\p{Lo}/u.test(title[0]) && !titles.includes(title)) titles.push(title);
  }
  return titles;
}
