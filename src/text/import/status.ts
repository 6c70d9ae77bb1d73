/**
 * Whether the file says its work is complete or still in progress, read from the pieces the import
 * has already placed (never from the story's own text): a header field ("Chapters: 3/?", "Status:
 * WIP", "Статус: закончен", "Completed: Yes"), FanFiction.Net's line of facts, a tag in the title
 * or summary ("[WIP]", "(Complete)"), or what follows the last chapter ("To be continued",
 * "THE END"). A field says it more surely than a tag, and a tag more surely than an end mark.
 */
import { TAG_WORDS_COMPLETE, TAG_WORDS_IN_PROGRESS, isEndMarker, isFanFictionNetFacts } from './cues.ts';
import type { Piece } from './parts.ts';
import { splitSentences } from './sentences.ts';

/** Where the status was read: a header field, FanFiction.Net's facts without "Complete", the title, the summary, the story's end. */
export type StatusPlace = 'header' | 'facts' | 'title' | 'summary' | 'end';

/** Where and how the file says it. */
export interface StatusSource {
  /** The file's own words it was read from: "Chapters: 3/?", "Status: WIP", "[WIP]", "To be continued". */
  said: string;
  where: StatusPlace;
  /** How many chapters the file says the work will have: 10 for "Chapters: 3/10"; null when it does not say. */
  expectedChapters: number | null;
}

export interface WorkStatus extends StatusSource {
  complete: boolean;
}

const NOT_WORD = '(?![\\p{L}\\p{N}])';
const NOT_AFTER_LETTER = '(?<![\\p{L}])';

/** Values of a "Status:" field that say the work is still being written (or was left unfinished). */
const IN_PROGRESS_WORDS = [
  'in[ -]progress',
  'work in progress',
  'w\\.?i\\.?p\\.?',
  'ongoing',
  'incomplete',
  'unfinished',
  'not (?:yet )?complete[d]?',
  'not finished',
  'updating',
  'being written',
  'on hiatus',
  'hiatus',
  'on hold',
  'abandoned',
  'discontinued',
  // fr, es, pt, it
  'en cours',
  'inachevée?',
  'en pause',
  'abandonnée?',
  'en progreso',
  'en proceso',
  'en curso',
  'incomplet[oa]',
  'en pausa',
  'abandonad[oa]',
  'em andamento',
  'em progresso',
  'em curso',
  'in corso',
  'incompiut[oa]',
  'in sospeso',
  // de, nl, sv, fi, hu, ro, tr
  'in arbeit',
  'laufend',
  'unvollständig',
  'unvollendet',
  'pausiert',
  'abgebrochen',
  'lopend',
  'onvoltooid',
  'pågående',
  'kesken',
  'keskeneräinen',
  'folyamatban',
  'în curs',
  'neterminat',
  'devam ediyor',
  // ru, uk, pl
  'в процессе',
  'в работе',
  'не закончен[оа]?',
  'не завершён',
  'незаверш[её]н[оа]?',
  'заморожен[оа]?',
  'в процесі',
  'не завершено',
  'w trakcie',
  'w toku',
  'niezakończon[ey]',
  'zawieszon[ey]',
  // id, vi
  'dalam proses',
  'belum selesai',
  'berlanjut',
  'đang tiến hành',
  'đang ra',
  'chưa hoàn thành',
  // zh, ja, ko
  '连载中',
  '連載中',
  '连载',
  '連載',
  '更新中',
  '未完结',
  '未完結',
  '未完',
  '연재\\s?중',
];

/** Values of a "Status:" field that say the work is finished. */
const COMPLETE_WORDS = [
  'complete[d]?',
  'finished',
  'done',
  // fr, es, pt, it, ca
  'terminée?',
  'achevée?',
  'finie?',
  'complète?',
  'complet[oa]',
  'completad[oa]',
  'terminad[oa]',
  'finalizad[oa]',
  'concluíd[oa]',
  'concluid[oa]',
  'completat[oa]',
  'conclus[oa]',
  'terminat[oa]',
  'acabad[oa]',
  // de, nl, sv, fi, hu, ro, tr
  'abgeschlossen',
  'beendet',
  'fertig',
  'vollständig',
  'komplett',
  'voltooid',
  'afgerond',
  'avslutad',
  'klar',
  'valmis',
  'befejezett',
  'befejezve',
  'completă',
  'terminată',
  'finalizat[ăa]?',
  'tamamlandı',
  'bitti',
  // ru, uk, pl, cs
  'закончен[оа]?',
  'заверш[её]н[оа]?',
  'окончен[оа]?',
  'закінчено',
  'завершено',
  'zakończon[ey]',
  'ukończon[ey]',
  'skończon[ey]',
  'dokončen[oáa]',
  // id, vi
  'selesai',
  'tamat',
  'hoàn thành',
  'đã hoàn thành',
  'full',
  // zh, ja, ko
  '已完结',
  '已完結',
  '全文完结',
  '完结',
  '完結済み?',
  '完結',
  '完了',
  '완결',
];

/** "Status", and the same label in the languages whose labels the import reads (cues.ts). */
const STATUS_LABEL =
  '(?:status|story status|statut|estado|stato|статус|состояние|стан|tình trạng|durum|tila|állapot|κατάσταση|סטטוס|الحالة|连载状态|連載状態|連載状況|状态|狀態|상태|연재 상태)';
/** "Completed: Yes", eFiction's field; "Completed: 2023-08-19", AO3's stats. */
const COMPLETED_LABEL = '(?:completed?|finished|abgeschlossen|terminée?|completad[oa]|concluíd[oa]|завершён|завершен)';
const YES = '(?:yes|y|true|sí|si|oui|ja|sim|tak|да|так|evet|ya|是|はい|예)';
const NO = '(?:no|n|false|non|nein|não|nie|нет|ні|hayır|tidak|否|いいえ|아니요)';
/** "Chapters: 3/?", "Chapters:1/1", "Chapters: 3/10": AO3's count of chapters posted and planned. */
const CHAPTER_COUNT = new RegExp(
  `${NOT_AFTER_LETTER}(?:chapters?|chaps?|parts|kapitel|chapitres|capítulos|capitoli|rozdziały|главы|части|розділи|bölümler|chương)\\s*[:：]\\s*(\\d{1,4})\\s*(?:/|of)\\s*(\\d{1,4}|\\?)(?![\\p{N}/])`,
  'iu',
);
const STATUS_FIELD = new RegExp(
  `(?:^|[\\s·•|／/,;>»\\-–—])(${STATUS_LABEL}\\s*[:：]\\s*(?:(${IN_PROGRESS_WORDS.join('|')})|(${COMPLETE_WORDS.join('|')}))${NOT_WORD})`,
  'iu',
);
const COMPLETED_FIELD = new RegExp(
  `(?:^|[\\s·•|／/,;>»\\-–—])(${COMPLETED_LABEL}\\s*[:：]\\s*(?:(${NO})${NOT_WORD}|(${YES}${NOT_WORD}|\\d{1,4}[-./]\\d{1,2}[-./]\\d{1,4})))`,
  'iu',
);
/** FanFiction.Net's facts end in "- Complete - id: …" when the work is complete, and say nothing when it is not. */
const FFN_COMPLETE = /(?:^|\s-\s)((?:Status:\s*)?Complete)(?=\s+-\s|\s*$)/;
/** Wattpad's line over a story: "ongoing · 12.4K reads · 891 votes", or the word alone. */
const WATTPAD_STATE = /^\s*(ongoing|complete[d]?)\s*(?:[·•|]|$)/i;
/** A finished or running mark among a site's facts: "完結済 全1話", "首页 >> 衍生 >> 完结", "连载中". */
const CJK_STATE =
  /(?:^|[\s／/|>》»·・、，,：:【\]])(?:(连载中|連載中|更新中|未完结|未完結|연재\s?중)|(已完结|已完結|完结|完結済み?|完結|완결))(?=$|[\s／/|<《«·・、，,【[])/u;

/** A tag in the title or summary: "[WIP]", "(Complete)", "【完结】"; or a word standing at its very start or end: "… - COMPLETE". */
const BRACKETED_TAG = new RegExp(
  `([[(【［（]\\s*(?:(${TAG_WORDS_IN_PROGRESS})|(${TAG_WORDS_COMPLETE}))\\s*[!.]?\\s*[\\])】］）])`,
  'iu',
);
/** Unbracketed, only in capitals and set off at an edge: "WIP - Harry finds…", "The Weight of a Pocketwatch - COMPLETE". */
const EDGE_TAG =
  /^\s*(WIP|COMPLETED?|ON HIATUS|INCOMPLETE|DISCONTINUED)\s*[-–—:|]\s*\S|\S(?:\s*[-–—:|]|[.!?])\s*(WIP|COMPLETED?|ON HIATUS|INCOMPLETE|DISCONTINUED)[!.]?\s*$/u;

/** What follows the last chapter and says there is more: "To be continued", "TBC", "Continued in part 2", "Next chapter: …". */
const MORE_TO_COME = new RegExp(
  [
    '\\bto\\s+be\\s+continued\\b',
    '(?<![\\p{L}])tbc(?![\\p{L}])',
    '\\bcontinued\\s+in\\s+(?:part|chapter|book|the\\s+next)\\b',
    '\\bnext\\s+(?:update|installment|instalment)\\b',
    '^[^\\p{L}]*next\\s+(?:chapter|part)\\b',
    "\\bnext\\s+(?:chapter|part)\\s*(?::|(?:is|will|should|comes?|coming|on|soon|out|up|['’]ll|(?:mon|tues|wednes|thurs|fri|satur|sun)day)\\b)",
    '\\bsee\\s+(?:you|ya|u)\\s+(?:in\\s+)?(?:the\\s+)?next\\s+(?:chapter|part|update)\\b',
    '\\b(?:chapter|part)\\s+(?:\\d+|\\p{L}+)\\s+(?:next\\s+week|soon|coming\\s+soon|is\\s+coming|will\\s+be\\s+up)\\b',
    '\\bmore\\s+(?:to\\s+come|soon)\\b',
    '\\bupdates?\\s+(?:soon|every|weekly|next\\s+week|on\\s+\\p{L}+days?)\\b',
    // fr, es, pt, it, de, nl, pl, ru, uk, tr, id, vi
    '(?<![\\p{L}])à\\s+suivre',
    '\\bla\\s+suite\\s+(?:au\\s+prochain|bientôt|dans\\s+le\\s+prochain)',
    '\\bprochain\\s+chapitre\\b',
    '(?<![\\p{L}])continuar[áa](?![\\p{L}])',
    '(?<![\\p{L}])(?:próximo|siguiente|prossimo)\\s+cap[íi]t(?:ulo|olo)',
    '\\bcontinua\\.\\.\\.',
    '\\bfortsetzung\\s+folgt\\b',
    '\\bwird\\s+fortgesetzt\\b',
    '\\bnächste[sn]?\\s+kapitel\\b',
    '\\bwordt\\s+vervolgd\\b',
    '\\bciąg\\s+dalszy\\s+nastąpi',
    '\\bc\\.\\s?d\\.\\s?n\\.',
    '(?<![\\p{L}])продолжение\\s+следует',
    '(?<![\\p{L}])(?:в\\s+)?следующ(?:ая|ей)\\s+глав',
    '(?<![\\p{L}])далі\\s+буде',
    '\\bdevam\\s+edecek\\b',
    '\\bbersambung\\b',
    '\\b(?:chapter|part|bab)\\s+(?:selanjutnya|berikutnya)\\b',
    '\\b(?:besok|nanti)\\s+lanjut\\b',
    '\\bupdate\\s+setiap\\b',
    '(?<![\\p{L}])còn\\s+tiếp',
    // nb, is, et, lv, lt, hr, af
    '(?<![\\p{L}])(?:fortsettelse\\s+følger|framhald\\s+(?:síðar|í\\s+næsta\\s+kafla)|turpinājums\\s+sekos|bus\\s+daugiau|tęsinys\\s+bus|nastavit\\s+će\\s+se|word\\s+vervolg)(?![\\p{L}])',
    // eo, la, sq, ga, gd, az, sr, mt
    '(?<![\\p{L}])(?:daŭrigota|daŭrigo\\s+sekvos|continuabitur|vazhdon\\s+(?:nesër|së\\s+shpejti)|vazhdimi\\s+(?:nesër|së\\s+shpejti)|le\\s+leanúint|ri\\s+leantainn|davamı\\s+(?:var|sabah|gələcək)|наставиће\\s+се|наставак\\s+следи|jitkompla)(?![\\p{L}])',
    // zh, ja, ko
    '未完待续|未完待續|待续|待續|下一章|下章|つづく|続く|次回|다음\\s?(?:편|화)',
  ].join('|'),
  'iu',
);

/** The words quoted back to the writer: a long sentence is cut at a word. */
function cleanSaid(text: string): string {
  const said = text.replace(/\s+/g, ' ').trim();
  return said.length <= 80 ? said : `${said.slice(0, 80).replace(/\s+\S*$/u, '')}…`;
}

/** A long sentence quoted from where it says there is more: "…next update sunday!!". */
function quoteAround(sentence: string): string {
  const said = sentence.replace(/\s+/g, ' ').trim();
  if (said.length <= 80) return said;
  const at = MORE_TO_COME.exec(said)?.index ?? 0;
  const from = at < 20 ? 0 : said.lastIndexOf(' ', at - 20) + 1;
  return `${from > 0 ? '…' : ''}${cleanSaid(said.slice(from))}`;
}

/**
 * The mark alone as the story's last line: "To be continued…", "~TBC~", "CONTINUARA..." (its accent left off);
 * a forum's "continued in the next post", "continua no próximo post!!", "يتبع في الرد التالي...".
 */
const MORE_ALONE =
  /^[\W_]*(?:(?:continued|cont\.?)\s+in\s+(?:the\s+)?next\s+(?:post|reply|message)|contin[úu]a\s+(?:no|en\s+el)\s+(?:pr[óo]ximo|siguiente)\s+(?:post|mensaje|comentário|comentario)|suite\s+dans\s+le\s+(?:prochain\s+(?:post|message)|message\s+suivant)|يتبع(?:\s+في\s+(?:الرد|المشاركة)\s+(?:التالي|التالية|القادم|القادمة))?|to\s+be\s+continued|tbc|à\s+suivre|continuar[áa]|continua|fortsetzung\s+folgt|wird\s+fortgesetzt|wordt\s+vervolgd|ciąg\s+dalszy\s+nastąpi|продолжение\s+следует|далі\s+буде|bersambung|còn\s+tiếp|fortsettelse\s+følger|framhald\s+síðar|framhald|järgneb|turpinājums\s+sekos|bus\s+daugiau|tęsinys\s+bus|nastavit\s+će\s+se|nastavlja\s+se|word\s+vervolg|daŭrigota|continuabitur|vazhdon|le\s+leanúint|ri\s+leantainn|davamı\s+(?:var|sabah|gələcək)|наставиће\s+се|наставак\s+следи|jitkompla|未完待续|未完待續|待续|待續|つづく|続く)[\W_]*$/iu;

/** "To be continued…" on a line of its own. */
export function saysMoreToCome(line: string): boolean {
  return MORE_ALONE.test(line);
}

/** The lines of the header's pieces as written, a label given on its own line joined to the value under it. */
function factLines(pieces: Piece[]): string[] {
  const lines: string[] = [];
  let label: { field: Piece['field']; text: string } | null = null;
  for (const p of pieces) {
    const atTop = p.chapter === null || p.chapter === 0;
    const fact = p.part === 'metadata' || (atTop && (p.part === 'notes' || p.part === 'summary'));
    if (!fact) {
      label = null;
      continue;
    }
    if (p.text.trim() === '') {
      label = p.consumed.trim() !== '' ? { field: p.field, text: p.consumed.trim() } : null;
      continue;
    }
    const prefix = p.consumed.trim() || (label && label.field === p.field ? label.text : '');
    label = null;
    const text = prefix ? `${prefix}${prefix.endsWith('：') ? '' : ' '}${p.text}` : p.text;
    lines.push(...text.split('\n').filter((line) => line.trim() !== ''));
  }
  return lines;
}

function fromFactLine(line: string): WorkStatus | undefined {
  const count = CHAPTER_COUNT.exec(line);
  if (count) {
    const posted = Number(count[1]);
    const planned = count[2] === '?' ? null : Number(count[2]);
    return {
      complete: planned !== null && posted >= planned,
      said: cleanSaid(count[0]),
      where: 'header',
      expectedChapters: planned,
    };
  }
  const status = STATUS_FIELD.exec(line);
  if (status)
    return { complete: status[3] !== undefined, said: cleanSaid(status[1]), where: 'header', expectedChapters: null };
  const completed = COMPLETED_FIELD.exec(line);
  if (completed)
    return {
      complete: completed[3] !== undefined,
      said: cleanSaid(completed[1]),
      where: 'header',
      expectedChapters: null,
    };
  const wattpad = WATTPAD_STATE.exec(line);
  if (wattpad)
    return { complete: !/^ongoing$/i.test(wattpad[1]), said: wattpad[1], where: 'header', expectedChapters: null };
  const cjk = CJK_STATE.exec(line);
  if (cjk) return { complete: cjk[2] !== undefined, said: cjk[1] ?? cjk[2], where: 'header', expectedChapters: null };
  return undefined;
}

/** The header's fields; FanFiction.Net's facts say "Complete" or, by saying nothing, that the work goes on. */
function fromHeader(pieces: Piece[]): WorkStatus | undefined {
  const lines = factLines(pieces);
  // A count of chapters says the most: "Chapters: 3/10" under "Completed:" or "Updated:".
  const counted = lines.filter((line) => !isFanFictionNetFacts(line)).find((line) => CHAPTER_COUNT.test(line));
  if (counted) return fromFactLine(counted);
  let facts: string | undefined;
  for (const line of lines) {
    if (isFanFictionNetFacts(line)) {
      const complete = FFN_COMPLETE.exec(line);
      if (complete) return { complete: true, said: complete[1], where: 'header', expectedChapters: null };
      facts ??= line.trim();
      continue;
    }
    const found = fromFactLine(line);
    if (found) return found;
  }
  return facts === undefined
    ? undefined
    : { complete: false, said: cleanSaid(facts), where: 'facts', expectedChapters: null };
}

function fromTag(text: string, where: 'title' | 'summary'): WorkStatus | undefined {
  const bracketed = BRACKETED_TAG.exec(text);
  if (bracketed) return { complete: bracketed[3] !== undefined, said: bracketed[1], where, expectedChapters: null };
  const edge = EDGE_TAG.exec(text);
  if (!edge) return undefined;
  const word = edge[1] ?? edge[2];
  return { complete: /^COMPLETE/.test(word), said: word, where, expectedChapters: null };
}

/** "THE END", "~Fin~", "（全文完）": an end marker, fullwidth brackets and all; "End of chapter" ends only a chapter. */
function endMarker(text: string): boolean {
  const line = text
    .trim()
    .replace(/[（【「『]/gu, '(')
    .replace(/[）】」』]/gu, ')');
  return line !== '' && isEndMarker(line) && !/chap|cap[íi]t|kapitel|глав/iu.test(line);
}

/** What follows the story's last words: an end marker, or a note that there is more to come. */
function fromEnd(pieces: Piece[]): WorkStatus | undefined {
  let last = -1;
  for (let i = pieces.length - 1; i >= 0 && last < 0; i--) if (pieces[i].part === 'text') last = i;
  if (last < 0) return undefined;
  const lastChapter = pieces[last].chapter;
  const after = pieces.slice(last + 1).filter((p) => p.chapter === null || p.chapter === lastChapter);
  // The story's own last paragraph counts only when it is nothing but the mark: "¡Fin!", "To be continued…".
  const lastText = pieces[last].text.trim();
  let more: WorkStatus | undefined;
  if (MORE_ALONE.test(lastText))
    more = { complete: false, said: cleanSaid(lastText), where: 'end', expectedChapters: null };
  if (endMarker(lastText)) return { complete: true, said: cleanSaid(lastText), where: 'end', expectedChapters: null };
  for (const p of after) {
    if (p.part === 'metadata' || p.part === 'duplicate-disclaimer') continue;
    if (endMarker(p.consumed))
      return { complete: true, said: cleanSaid(p.consumed), where: 'end', expectedChapters: null };
    if (!/notes$/.test(p.part)) continue;
    const first = splitSentences(p.text)[0] ?? '';
    const finished = endMarker(first) ? first : /^\s*[(（]?(?:全文)?(?:完结|完結)/u.exec(first)?.[0];
    if (finished) return { complete: true, said: cleanSaid(finished), where: 'end', expectedChapters: null };
    const sentence = splitSentences(p.text).find((s) => MORE_TO_COME.test(s));
    if (sentence) more ??= { complete: false, said: quoteAround(sentence), where: 'end', expectedChapters: null };
  }
  return more;
}

/**
 * The title without the status tag it carries ("[WIP] The Long Road Home", "Overtime - COMPLETE"): an
 * archive shows the status by itself, so the tag would say it twice and go stale when the work is
 * finished. The preview quotes the tag where it shows the status read from it.
 */
export function untaggedTitle(title: string | null, status: WorkStatus | null): string | null {
  if (title === null || status?.where !== 'title') return title;
  const at = title.indexOf(status.said);
  if (at === -1) return title;
  const rest = `${title.slice(0, at)} ${title.slice(at + status.said.length)}`
    .replace(/^[\s\-–—:|]+|[\s\-–—:|]+$/gu, '')
    .replace(/\s{2,}/g, ' ');
  return /[\p{L}\p{N}]/u.test(rest) ? rest : title;
}

/** What the file says of the work's status, or null when it says nothing. */
export function statusFromPieces(pieces: Piece[]): WorkStatus | null {
  const title = pieces.filter((p) => p.part === 'title').map((p) => p.text);
  const summary = pieces.filter((p) => p.part === 'summary').map((p) => p.text);
  const header = fromHeader(pieces);
  const stated = header?.where === 'header' ? header : undefined;
  return (
    stated ??
    title.map((t) => fromTag(t, 'title')).find(Boolean) ??
    summary.map((s) => fromTag(s, 'summary')).find(Boolean) ??
    fromEnd(pieces) ??
    header ??
    null
  );
}
