/** The story's language, among the ones Quire offers, detected from its text with franc (trigrams). */
import { franc } from 'franc';
import { LANGUAGES } from '../../domain/works.ts';

/** franc's ISO 639-3 codes for the languages of the posting form. */
const ISO_639_3: Record<string, string> = {
  eng: 'en',
  spa: 'es',
  fra: 'fr',
  deu: 'de',
  ita: 'it',
  por: 'pt',
  nld: 'nl',
  pol: 'pl',
  rus: 'ru',
  ukr: 'uk',
  ces: 'cs',
  swe: 'sv',
  fin: 'fi',
  dan: 'da',
  nob: 'no',
  tur: 'tr',
  ell: 'el',
  heb: 'he',
  arb: 'ar',
  pes: 'fa',
  hin: 'hi',
  ind: 'id',
  vie: 'vi',
  tha: 'th',
  cmn: 'zh',
  jpn: 'ja',
  kor: 'ko',
  tgl: 'tl',
  hun: 'hu',
  ron: 'ro',
  cat: 'ca',
};
const OFFERED = new Set(LANGUAGES.map(([code]) => code));
const ONLY = Object.keys(ISO_639_3).filter((iso) => OFFERED.has(ISO_639_3[iso]));

/** Samples from the start, middle and end keep detection fast on a long novel. */
function sample(text: string): string {
  if (text.length <= 6000) return text;
  const middle = Math.floor(text.length / 2);
  return `${text.slice(0, 2000)} ${text.slice(middle - 1000, middle + 1000)} ${text.slice(-2000)}`;
}

/** A language code, or null when the text is too short or too mixed to tell. */
export function detectLanguage(text: string): string | null {
  const found = franc(sample(text), { only: ONLY, minLength: 40 });
  return found === 'und' ? null : (ISO_639_3[found] ?? null);
}
