/**
 * What a site shows around a story, copied with it from the browser: menus, buttons, counts of
 * reads and votes, the poster's card on a forum. At the top or the bottom of a file such lines are
 * neither story nor the author's words, and left mixed in they hide the header and the end notes
 * that lie past them. They are set apart as blocks of their own, kept and shown as read.
 */
import { blocksByFile, type SourceBlock } from './blocks.ts';
import { fieldShaped, isDisclaimer, labelledField } from './cues.ts';
import { COMMENTS_HEADING } from './sections.ts';
import { isPrintFooter } from './print-margins.ts';

/**
 * A page's own heading under the story. A bare "Comments" may be a last chapter's title; under the
 * site's buttons ("Subscribe | Add to Favourites"), or with a count ("Comments (3)"), it is not. A blog's
 * sidebar under the post ("about me", "archives", "categories") is the page's too.
 */
const PAGE_END =
  /^(?:(?:comments?|reviews?|kommentare|commentaires|comentarios|comentários|commenti|komentarze|комментарии|отзывы|krabbels|评论|評論|コメント|댓글)(?:\s+\p{L}+){0,4}\s*[(（]\d+[)）]|\d+\s+(?:comments?|reviews?|repl(?:y|ies))|share this:?|like this:?|related(?: posts| stories| works)?|leave a (?:reply|comment)|you (?:may|might) also like|about the (?:author|creator|writer)|about me|(?:blog )?archives?|categories|recent (?:posts|entries)|previous posts|keep reading|more (?:stories )?from (?:this|the) (?:author|creator|writer)|recommended reviews|おすすめレビュー|応援コメント)$/iu;

/** A page's guestbook under the story (a Squidoo lens's, a personal site's; 魔法のiらんど's "感想ノート"): never a chapter's name. */
const GUESTBOOK =
  /^(?:guestbook|gästebuch|gastenboek|livre d['’]or|libro de visitas|livro de visitas|感想ノート)(?:\s*[(（]\d+\s*件?[)）])?$/iu;

/**
 * A heading at the level of two chapter headings above it (each with prose under it) is the next
 * chapter's, even named "Related" or "Share this:"; a page's own headings stand at another level.
 */
function amongChapters(blocks: SourceBlock[], above: number[], heading: SourceBlock): boolean {
  const chapters = above.filter((index, k) => {
    const block = blocks[index];
    if (block.kind !== 'heading' || block.stated || block.chrome || block.level !== heading.level) return false;
    const next = above.slice(k + 1).find((i) => blocks[i].kind !== 'break');
    return next !== undefined && blocks[next].kind === 'paragraph' && blocks[next].text.split(/\s+/).length >= 15;
  });
  return heading.level !== undefined && chapters.length >= 2;
}

/** Chinese and Japanese write no spaces between words: about two of their characters to a word. */
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/gu;

/** Words in a text, counting two characters of Chinese or Japanese as one. */
function wordsIn(text: string): number {
  const unspaced = text.match(UNSPACED)?.length ?? 0;
  return text.replace(UNSPACED, ' ').split(/\s+/).filter(Boolean).length + Math.floor(unspaced / 2);
}

/**
 * A saved page's own section under the story, from its heading ("Comments (3)", "Share this:",
 * "Related") past most of the page's paragraphs, over short lines only: readers' comments, buttons,
 * links to other posts.
 */
function setPageEndApart(blocks: SourceBlock[]): SourceBlock[] {
  // Only formatted input has headings; a text file (the most common, and the longest) has none to look for.
  // Or a count of comments the page sets apart as its own line, not as a heading ("Krabbels (3)" on Hyves).
  const countLine = (block: SourceBlock) =>
    block.kind === 'paragraph' && block.chrome === true && PAGE_END.test(block.text.trim()) && /\d/.test(block.text);
  const ends = (block: SourceBlock) =>
    (block.kind === 'heading' &&
      (PAGE_END.test(block.text.trim()) ||
        COMMENTS_HEADING.test(block.text.trim()) ||
        GUESTBOOK.test(block.text.trim()))) ||
    countLine(block);
  if (!blocks.some(ends)) return blocks;
  const apart = new Set<number>();
  const prose = (index: number) => blocks[index].kind === 'paragraph' && wordsIn(blocks[index].text) >= 15;
  for (const indexes of blocksByFile(blocks)) {
    const paragraphs = indexes.filter(prose).length;
    // Under a chapter's heading, sentences before the next heading ("“So we’re family,” he said."); under
    // "Share this:", its buttons ("Twitter", "Like Loading...").
    const sentence = (index: number) =>
      blocks[index].kind === 'paragraph' &&
      wordsIn(blocks[index].text) >= 3 &&
      /[.!?…]["”’»)]?$/u.test(blocks[index].text.trim());
    const proseUnder = (of: number[], k: number) => {
      for (const index of of.slice(k + 1)) {
        if (blocks[index].kind === 'heading') return false;
        if (prose(index) || sentence(index)) return true;
      }
      return false;
    };
    let seen = 0;
    const from = indexes.findIndex((index, k) => {
      if (prose(index)) seen++;
      const block = blocks[index];
      if (seen <= paragraphs / 2 || (block.kind !== 'heading' && !countLine(block)) || block.stated) return false;
      const text = block.text.trim();
      if (GUESTBOOK.test(text)) return true;
      if (PAGE_END.test(text))
        return /\d/.test(text) || !amongChapters(blocks, indexes.slice(0, k), block) || !proseUnder(indexes, k);
      return COMMENTS_HEADING.test(text) && k > 0 && blocks[indexes[k - 1]].chrome === true;
    });
    // Under a last chapter named "Comments" are the story's paragraphs; under a page's, short lines
    // (a list of comments, each its own line, is read as one block).
    const under = from === -1 ? [] : indexes.slice(from + 1);
    const long = (index: number) => blocks[index].text.split('\n').some((line) => wordsIn(line) >= 30);
    if (from === -1 || under.some(long)) continue;
    for (const index of indexes.slice(from)) if (!blocks[index].stated) apart.add(index);
  }
  if (apart.size === 0) return blocks;
  return blocks.map((block, index) => (apart.has(index) ? { ...block, chrome: true, aside: 'comments' } : block));
}

/**
 * The line a serial site prints under a work's newest part ("You've reached the end of published
 * parts." on Wattpad, in the reader's language): the story ends above it, and what follows is the
 * site's buttons, readers' comments and other works.
 */
const PARTS_END =
  /^(?:you['’]ve reached the end of published parts|yayınlanmış bölümlerin sonuna geldin|has llegado al final de las partes publicadas)[.!]?$/iu;

/** From the site's end-of-parts line down, each file's blocks are the page's, not the writer's. */
function setPartsEndApart(blocks: SourceBlock[]): SourceBlock[] {
  const apart = new Set<number>();
  for (const indexes of blocksByFile(blocks)) {
    let from = indexes.length - 1;
    while (from >= 0 && !PARTS_END.test(blocks[indexes[from]].text.trim())) from--;
    if (from === -1) continue;
    for (const index of indexes.slice(from)) if (!blocks[index].stated) apart.add(index);
  }
  if (apart.size === 0) return blocks;
  return blocks.map((block, index) => (apart.has(index) ? { ...block, chrome: true, aside: 'comments' } : block));
}

/** Menus and buttons that say what they are whatever the site: "Log In", "Follow/Fav", "Add bookmark". */
const BUTTONS = [
  'skip header',
  'skip to (?:main )?content',
  'archive of our own(?: beta)?',
  'unleash your imagination',
  'site navigation',
  'log ?in',
  'log out',
  'sign ?up(?: to review)?',
  'sign in to edit',
  'sign in',
  'follow ?/ ?fav',
  'add bookmark',
  'bookmark',
  'reader mode',
  'view all \\d+ threadmarks',
  'recent threadmarks',
  'threadmarks',
  'text size',
  'entire work',
  'chapter index',
  'keep reading',
  // A blog's cut over the rest of the post: "Read more »", "Читать дальше »", "Lire la suite".
  'read more',
  'continue reading',
  'читать дальше',
  'lire la suite',
  'weiterlesen',
  'leer más',
  'ler mais',
  'leggi tutto',
  'lees verder',
  'czytaj dalej',
  'devamını oku',
  '続きを読む',
  '阅读全文',
  'next chapter',
  'previous chapter',
  'continue to next part',
  'post a comment',
  'leave a comment',
  'add to library',
  'reading list',
  'board index',
  'view topic',
  'post subject',
  'back to top',
  'back to (?:fanfics?|fics?|fiction|stories|story|main)(?: page| home| index)?',
  'you are visitor(?: number| no\\.?)?\\s*#?\\s*\\d*',
  'report(?: post| abuse)?',
  'reply',
  'quote',
  'share',
  'vote',
  'upvote',
  'comments?',
  'kudos',
  // A page's share links by the networks' names alone ("Facebook Twitter Google+").
  'facebook',
  'twitter',
  'google\\+',
  'pinterest',
  'reblog',
  'permalink',
  'print',
  'download',
  'subscribe',
  // A newsletter's lines round a post sent by mail (Substack's, Buttondown's, Ghost's), as its text part has them.
  'view (?:this post|this email|it|online) on the web(?: at)?',
  'view (?:this (?:post|email) |it )?in (?:your |a )?browser',
  'unsubscribe',
  'start writing',
  'manage (?:your )?subscription',
  // The site builder's or blog host's credit at a page's foot.
  'made with (?:carrd|wix|squarespace|weebly)',
  '(?:proudly )?powered by (?:wordpress|blogger|tumblr|ghost|jekyll|hugo|carrd|wix|squarespace|weebly)',
  '(?:create a free website or )?blog at wordpress\\.com\\.?',
  // Other languages' menus.
  // Wattpad's buttons under a part in its other languages: vote, comment, share, the next part.
  'oy ver',
  'paylaş',
  'bình chọn',
  'bình luận',
  'chia sẻ',
  'tiếp tục đọc phần tiếp theo',
  // Facebook's under a post: its reactions, like, reply and more comments.
  'all reactions:?',
  'view more comments',
  'most relevant',
  'tất cả cảm xúc:?',
  'thích',
  'phản hồi',
  'xem thêm bình luận',
  'votar',
  'compartir',
  'compartilhar',
  'comentar',
  'bagikan',
  'głosuj',
  'udostępnij',
  'iniciar sesión',
  'registrarse',
  'entrar',
  'cadastrar',
  'anmelden',
  'registrieren',
  'zu den favoriten hinzufügen',
  'weiterempfehlen',
  'melden',
  'ajouter (?:cet article |à mes |à ses )?(?:à (?:ses|mes) )?favoris',
  'commenter',
  'partager',
  'signaler(?: un abus)?',
  'se connecter',
  "s'inscrire",
  'accedi',
  'registrati',
  'войти',
  'регистрация',
  'zaloguj(?: się)?',
  'masuk',
  'daftar',
  'giriş yap',
  'kayıt ol',
  'đăng nhập',
  'ログイン',
  '로그인',
  // Hyves's under a post: respect, forward, reply, and its comments ("krabbels").
  'respect',
  'doorsturen',
  'reageer',
  'krabbels',
  // A Korean board's buttons and counts under a post: comments, likes, share, report, copy the link, reply, views.
  '댓글',
  '좋아요',
  '공유',
  '신고',
  'url 복사',
  '답글쓰기',
  '조회',
  '登录',
  '注册',
  // LOFTER's and Weibo's under a post: its heat (likes and shares counted), comments, recommend, like, share.
  '热度',
  '评论',
  '推荐',
  '喜欢',
  '分享',
];

/** Words that are menus only among other menu lines: "Home", "More", "Community", "Story". */
const MENU_WORDS = [
  // AO3's footer.
  'footer',
  'about the archive',
  'site map',
  'diversity statement',
  'terms of service',
  'home',
  'more',
  'menu',
  'just in',
  'community',
  'forums?',
  'browse',
  'search',
  'about',
  'fandoms',
  'works',
  'story',
  'fanfiction',
  'library',
  'actions',
  'work header',
  'back',
  'next',
  'prev(?:ious)?',
  'top',
  'index',
  'profile',
  'inbox',
  'review',
  'favou?rites?',
  'follow',
  'close',
  'settings',
  // A wiki article's tabs beside "Edit": its history and its talk page.
  'history',
  'talk',
];

/** Counts the site keeps: "61.2K Reads", "Messages: 2,214", "Joined: Mar 4, 2015", "#412". */
const COUNT_NOUNS =
  'reads|votes|parts?|views|likes(?: received)?|hits|comments|replies|messages|posts|reviews|favs|follows|followers|bookmarks|notes|reblogs|kudos|lecturas|leituras|visualizações|lectures|aufrufe|letture|просмотров|прочтений|dibaca|shares|lượt chia sẻ|bình luận';

const NUMBER = String.raw`\d[\d.,]*\s*[KkMm]?`;
const MONTH = String.raw`(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)\p{L}{0,7}\.?`;
/** "Nov 3, 2022", "3 Nov 2022", "2022-11-03", "03/11/22". */
export const DATE = String.raw`(?:${MONTH}\s+\d{1,2},?\s+\d{4}|\d{1,2}\.?\s+${MONTH}\s+\d{4}|\d{4}[-./]\d{1,2}[-./]\d{1,2}|\d{1,2}[-./]\d{1,2}[-./]\d{2,4})`;

const phrases = (list: string[]) => new RegExp(`(?<![\\p{L}\\p{N}])(?:${list.join('|')})(?![\\p{L}\\p{N}])`, 'giu');
const BUTTON = phrases(BUTTONS);
/** "Home" and "Guestbook" in the languages import detection names: a personal site's menu. */
const HOME_WORDS = [
  'hem',
  'hjem',
  'etusivu',
  'koti',
  'kezdőlap',
  'főoldal',
  'acasă',
  'inici',
  'inicio',
  'início',
  'accueil',
  'startseite',
  'strona główna',
  'главная',
  'головна',
  'domů',
  'ana sayfa',
  'beranda',
  'trang chủ',
  'αρχική',
  'דף הבית',
  'الرئيسية',
  '首页',
  '首頁',
  'ホーム',
  '홈',
  'gästbok',
  'gjestebok',
  'gæstebog',
  'vieraskirja',
  'vendégkönyv',
  'libro de visitas',
  'livro de visitas',
  "livre d'or",
  'gästebuch',
  'księga gości',
  'гостевая',
  'guestbook',
];

/** One item of a menu bar that only a site has: "Home", "Log In", "Back to story". */
const MENU_ITEM = new RegExp(
  `^(?:${[...BUTTONS, ...MENU_WORDS, ...HOME_WORDS].join('|')}|back\\s+to\\s+\\S+(?:\\s+\\S+)?|powered\\s+by\\s+.+)$`,
  'iu',
);
const MENU_WORD = phrases(MENU_WORDS);
/** "61.2K Reads": no story line reads so. */
// A number ends in a digit: "2. Notes" is a numbered heading, not a count of notes.
const COUNT = new RegExp(`\\d(?:[\\d.,]*\\d)?\\s*[KkMm]?\\s+(?:${COUNT_NOUNS})(?![\\p{L}])`, 'giu');
/** "Messages: 2,214", "Joined: Mar 4, 2015": a poster's card, but a diary may say so too. */
const CARD = new RegExp(`(?:${COUNT_NOUNS}|joined|registered)\\s*:\\s*(?:${DATE}|${NUMBER})(?![\\p{L}])`, 'giu');
/** FanFiction.Net's chapter menu between its buttons: "< Prev   3. Thirty-One Trees   Next >"; Tapas's "‹ Prev episode Next episode ›". */
const CHAPTER_SELECT = /^[<‹«]\s*prev(?:ious)?\b.{0,120}\bnext\b[^<>‹›«»]{0,20}[>›»]$/iu;
const PREV_NEXT = /^(?:<\s*prev|next\s*>)$/iu;
const POST_NUMBER = /^#\d{1,7}$/u;
/** "Cartoons » Avatar: Last Airbender", "Board index » Fan Works » Fan Fiction": where the page sits on its site. */
const BREADCRUMB = /^[^.!?»«]{1,60}(?:\s»\s[^.!?»«]{1,60})+$/u;
/** "首页 >> 衍生 >> 言情", "Stories › Books › Hasamba", "SCP Series ▸ Tales ▸ Canons": a path of three steps or more. */
const SITE_PATH = /^[^.!?<>›▸|]{1,60}(?:\s(?:>>?|›|▸)\s[^.!?<>›▸|]{1,60}){2,}$/u;
/** Only a site writes ">>", "›" or "▸" between places; "Paris > Lyon > Nice" may be a story's line. */
const SITE_ONLY_STEP = /\s(?:>>|›|▸)\s/u;
/** "Home | About me | My stories | Guestbook": a menu bar, each item a few words ("Powered by eFiction 3.5.3"). */
const MENU_BAR = /^[^!?|]{1,30}(?:\s\|\s[^!?|]{1,30}){2,}$/u;
/** A site's address alone: "DeadJournal.com", "www.fanfiction.net". */
const SITE_ADDRESS = /^(?:www\.)?[\p{L}\p{N}-]{2,40}\.(?:com|net|org|co\.uk|info)$/iu;
/** A menu bar's last item, the site's log-in: "Sign in", "More ▾ Log in". */
const SIGN_IN_LAST = /(?<![\p{L}\p{N}])(?:sign\s?in|log\s?in|sign\s?up|register)$/iu;
const TIME_OF_DAY = String.raw`\d{1,2}:\d{2}`;
/** A date and a time of day: "2009-03-02 11:14 pm (UTC)", "Mar 3, 2009 at 21:12 PST", "12 June 1944, 06:30". */
const TIMESTAMP = new RegExp(
  String.raw`^(?:${DATE})\.?,?\s+(?:at\s+|um\s+|à\s+|a las\s+)?${TIME_OF_DAY}(?::\d{2})?\s*(?:[ap]\.?m\.?)?\s*(?:\(?(?:UTC|GMT|[A-Z]{2,4}T|[+-]\d{2}:?\d{2})\)?)?$`,
  'iu',
);
/** What only a site writes about a time: a zone, seconds, or a date in numbers year first. */
const SITE_TIME = /(?:UTC|GMT|[A-Z]{2,4}T|[+-]\d{2}:?\d{2})\)?$|\d:\d{2}:\d{2}|^\d{4}[-./]\d/u;

/** A blog's line under a post: "Posté le mardi 12 février 2008 19:04", "Posted on March 3, 2009 at 9:14 pm". */
const POSTED_AT =
  /^(?:posted|posté|publié|publicado|postado|pubblicato|veröffentlicht|gepostet)\s+(?:(?:on|le|am|em|el|il)\s+)?[^.!?]{0,40}?(?<!\d)(?:19|20)\d{2}(?!\d)[^.!?]{0,12}?\d{1,2}[:h]\d{2}(?:\s*[ap]\.?m\.?)?$/iu;

/** When the page was posted: "2009-03-02 11:14 pm (UTC)", "2014-03-02 18:40:00"; a diary's "12 June 1944, 06:30" heads its entry. */
export function isTimestamp(line: string): boolean {
  const text = line.trim();
  return text.length <= 60 && TIMESTAMP.test(text) && SITE_TIME.test(text);
}

/** A date, a time of day or a year anywhere in a line: "Dec. 21st, 2022 at 9:14 PM", "posted 2009". */
const DATED = new RegExp(String.raw`${DATE}|\b${TIME_OF_DAY}\b|\b(?:19|20)\d{2}\b`, 'iu');

/** "svalbo wrote,", "[personal profile] svalbo wrote in [community] fic,": a journal entry's poster line. */
export const JOURNAL_POSTER =
  /^(?:\[[^\]]+\]\s*)?[\p{L}\p{N}_.-]{2,40}\s+(?:wrote|posted|schrieb|a écrit|escribió|escreveu|scrisse|napisał|skrev|kirjoitti|писал|писала|написал|написала)(?:\s+in\s+\S+)?\s*[,:]?(?:\s+\S.{0,30})?$/iu;

/**
 * What a journal shows over an entry: its time, its poster ("[personal profile] clocktower_watch",
 * "quickening_queen wrote in …"), a user name, a labelled subject ("FIC: …"), the community's name
 * ("Holy Ground: a Highlander community"); not a writer's "For Mara, who asked." or "Spoilers!".
 */
export function isJournalPageLine(line: string): boolean {
  const text = line.trim();
  return (
    DATED.test(text) ||
    text.startsWith('[') ||
    JOURNAL_POSTER.test(text) ||
    /^@?[\p{L}\p{N}_.-]{2,40}$/u.test(text) ||
    fieldShaped(text) !== undefined
  );
}

const HASHTAG = /(?<!\S)#[\p{L}\p{N}_]+/gu;
const BRACKETED_LINK = /^\[https?:\/\/[^\s\]]+\]$/u;
const LINK = /(?<!\S)\[?https?:\/\/[^\s\]]+\]?(?!\S)/gu;

/** What is left of a line once menus and counts are taken out: marks, numbers, dates, arrows. */
const LEFTOVER = new RegExp(`${DATE}|\\d[\\d.,]*[KkMm](?![\\p{L}])|[\\p{N}\\p{P}\\p{S}\\s]`, 'gu');

/** What only a site's footer says: who powers or hosts it, its terms and privacy pages ("© 2009 Multiply Inc. · About · Terms · Privacy"). */
const SITE_FOOTER =
  /\b(?:powered|hosted)\s+(?:for\s+free\s+)?by\s+\S|\bterms\s+(?:of\s+(?:service|use)|&\s+conditions)\b|\bprivacy\s+policy\b|\bterms\s+[|·•]\s+privacy\b|\bprivacy\s+[|·•]\s+terms\b/iu;
/** And its copyright, which a writer's disclaimer may state too ("© 1997 Warner Bros."). */
export const SITE_NOTICE = new RegExp(
  `${SITE_FOOTER.source}|\\ball\\s+rights\\s+reserved\\b|©\\s*(?:\\d{4}|copyright)`,
  'iu',
);

/**
 * A list archive's links round a message (Pipermail's, Hypermail's, MHonArc's): "Previous message: …", "Next in thread:
 * …", "Messages sorted by: [ date ] [ thread ]", "More information about the misselthwaite mailing list".
 */
const ARCHIVE_NAVIGATION =
  /^(?:(?:previous|next|prev)\s+(?:message|thread|in\s+thread|by\s+(?:date|thread))\s*:|messages\s+sorted\s+by\s*:|more\s+information\s+about\s+the\s+\S+\s+mailing\s+list$)/iu;

export type ChromeStrength = 'button' | 'menu' | undefined;

/**
 * How surely a line is the site's interface: 'button' for menus and counts no story line is made
 * of, 'menu' for words that are menus only among other such lines, undefined for anything else.
 */
export function chromeStrength(line: string): ChromeStrength {
  const text = line.trim();
  // A header's label ("Comments:", "Kudos:") is read as the header's.
  if (text === '' || text.length > 160 || labelledField(text)) return undefined;
  // "Powered by Invision Power Board © 2003 IPS, Inc.", "Terms of Service • Privacy": a site's footer, sentence or not.
  // ("The party was hosted by the Weasleys." is a sentence of the story: a footer has its ©, bars or bullets.)
  if (SITE_FOOTER.test(text) && /[©|•·]|[^.!?]$/u.test(text) && !isDisclaimer(text)) return 'button';
  // A sentence is somebody's words, not a menu.
  if (/[.!?。！？…]["”’)]?$/u.test(text) && !/\)$/u.test(text)) return undefined;
  if (ARCHIVE_NAVIGATION.test(text)) return 'button';
  if (CHAPTER_SELECT.test(text) || POSTED_AT.test(text)) return 'button';
  if (SITE_PATH.test(text)) return SITE_ONLY_STEP.test(text) ? 'button' : 'menu';
  const items = text.split(/\s\|\s/).map((item) => item.trim());
  if (MENU_BAR.test(text) && items.every((item) => item.split(/\s+/).length <= 4 && !/\.(?:\s|$)/.test(item)))
    // "Eat | Sleep | Train | Repeat", "Mill Street | Bakery | Home" may be a story's line; "Home | … | Guestbook" is a site's,
    // and so is a bar that ends in its log-in ("Home | Profile | People | Mail | More ▾ Sign in").
    return items.filter((item) => MENU_ITEM.test(item)).length >= 2 || SIGN_IN_LAST.test(items.at(-1)!)
      ? 'button'
      : 'menu';
  // "[https://…/comments]" alone on a line: a button's link, as a mail's text part spells it out under the button.
  // "DeadJournal.com" alone under a footer's links: the site's name as its address.
  if (SITE_ADDRESS.test(text)) return 'menu';
  if (POST_NUMBER.test(text) || BREADCRUMB.test(text) || PREV_NEXT.test(text) || BRACKETED_LINK.test(text))
    return 'menu';
  // "1,3K", "12K" alone: a count of reactions beside the site's buttons.
  if (/^\d[\d.,]*\s?[KkMm]$/u.test(text)) return 'button';
  let strong = false;
  let menu = false;
  const rest = text
    .replace(COUNT, () => {
      strong = true;
      return ' ';
    })
    .replace(CARD, () => {
      menu = true;
      return ' ';
    })
    .replace(BUTTON, () => {
      // One word alone ("Vote", "Download") may be a story's line; several are a site's.
      if (/\s/.test(text)) strong = true;
      else menu = true;
      return ' ';
    });
  const menus = rest.replace(MENU_WORD, () => {
    menu = true;
    return ' ';
  });
  // A post's tags among its counts and buttons ("02-14 #甄嬛传 #同人 热度(256) 评论(18)"): the site's line.
  // And a button's link beside it, as a mail's text part spells it out ("Unsubscribe [https://…]").
  const left = (strong ? menus.replace(HASHTAG, ' ').replace(LINK, ' ') : menus).replace(LEFTOVER, '');
  if (left !== '') return undefined;
  if (strong) return 'button';
  return menu ? 'menu' : undefined;
}

const EDGE = { top: 16, bottom: 10 };

const shortLine = (block: SourceBlock) =>
  block.kind === 'paragraph' && !block.text.includes('\n') && block.text.trim().split(/\s+/).length <= 16;

function splitLines(block: SourceBlock, flags: boolean[]): SourceBlock[] {
  const lines = block.text.split('\n');
  const out: SourceBlock[] = [];
  let start = 0;
  for (let i = 1; i <= lines.length; i++) {
    if (i < lines.length && flags[i] === flags[start]) continue;
    out.push({
      kind: 'paragraph',
      text: lines.slice(start, i).join('\n'),
      file: block.file,
      gap: start === 0 ? block.gap : 0,
      ...(flags[start] ? { chrome: true } : {}),
    });
    start = i;
  }
  return out;
}

/** Which of a sequence of lines are the site's: a run of such lines with a button in it, or three or more. */
function chromeRuns(strength: ChromeStrength[]): boolean[] {
  const flags = strength.map(() => false);
  for (let i = 0; i < strength.length;) {
    if (strength[i] === undefined) {
      i++;
      continue;
    }
    let j = i;
    while (j < strength.length && strength[j] !== undefined) j++;
    const run = strength.slice(i, j);
    if (run.includes('button') || run.length >= 3) for (let k = i; k < j; k++) flags[k] = true;
    i = j;
  }
  return flags;
}

/** "1/3ページ", "2／3頁": where a Japanese novel site's page stands among the work's, over each page's text. */
const PAGE_PLACE = /^\d{1,4}\s*[/／]\s*\d{1,4}\s*(?:ページ|頁)$/u;

/** A page's place among the work's, anywhere in the file: the site's line, not the story's. */
function setPagePlacesApart(blocks: SourceBlock[]): SourceBlock[] {
  if (!blocks.some((block) => block.kind === 'paragraph' && PAGE_PLACE.test(block.text.trim()))) return blocks;
  return blocks.map((block) =>
    block.kind === 'paragraph' && !block.stated && PAGE_PLACE.test(block.text.trim())
      ? { ...block, chrome: true }
      : block,
  );
}

/**
 * Sets the site's interface apart at the top and bottom of each file: a block made of it is marked
 * `chrome`; a plain-text block that mixes it with other lines is split so that its lines stand alone.
 */
export function setChromeApart(blocks: SourceBlock[]): SourceBlock[] {
  const once = chromeAtEdges(setPagePlacesApart(blocks));
  const ended = setPageEndApart(setPartsEndApart(once));
  // Under the story and over the page's comments set apart, the post's own lines ("Posté le …", its
  // buttons) stand at the story's bottom edge, however many comments follow.
  return ended.some((block, index) => block !== once[index]) ? chromeAtEdges(ended) : ended;
}

function chromeAtEdges(blocks: SourceBlock[]): SourceBlock[] {
  const files = blocksByFile(blocks);
  const atEdge = new Set<number>();
  for (const indexes of files) {
    // The bottom edge is the story's: above the comments a page set apart.
    const above = indexes.filter((index) => blocks[index].aside !== 'comments');
    indexes.forEach((index, k) => {
      if (k < EDGE.top) atEdge.add(index);
    });
    above.slice(-EDGE.bottom).forEach((index) => atEdge.add(index));
    // A run of menus that starts at the top goes on as far as it goes (AO3's page copied as text, its
    // menus and buttons a line each, runs past the top's count).
    for (let k = EDGE.top; k < indexes.length && chromeStrength(blocks[indexes[k]].text) !== undefined; k++)
      if (chromeStrength(blocks[indexes[k - 1]].text) !== undefined) atEdge.add(indexes[k]);
      else break;
    // So does the bottom, over the page's short lines, when it is a page copied out of a PDF (each line
    // a block; its browser's footer found): a poem's short lines are no page's.
    if (indexes.some((index) => isPrintFooter(blocks[index])))
      for (let k = above.length - EDGE.bottom - 1; k >= EDGE.top && shortLine(blocks[above[k]]); k--)
        atEdge.add(above[k]);
  }
  const readable = (block: SourceBlock, index: number) =>
    atEdge.has(index) && block.kind !== 'break' && !block.stated && !block.chrome;
  // Blocks of one line in a row are judged together, as the lines of one block are; never across files.
  const singleFlags = new Map<number, boolean>();
  for (const indexes of files) {
    const strength = indexes.map((index) =>
      readable(blocks[index], index) && !blocks[index].text.includes('\n')
        ? chromeStrength(blocks[index].text)
        : undefined,
    );
    chromeRuns(strength).forEach((flag, k) => singleFlags.set(indexes[k], flag));
  }
  const out: SourceBlock[] = [];
  blocks.forEach((block, index) => {
    if (!readable(block, index)) {
      out.push(block);
      return;
    }
    const lines = block.text.split('\n');
    const flags = lines.length === 1 ? [singleFlags.get(index) ?? false] : chromeRuns(lines.map(chromeStrength));
    // A list of links ("Ajouter à ses favoris", "Commenter", "Partager"), its items apart: judged as one run.
    const items = lines.filter((line) => line.trim() !== '');
    if (flags.every(Boolean) || (items.length < lines.length && chromeRuns(items.map(chromeStrength)).every(Boolean)))
      out.push({ ...block, chrome: true });
    else if (flags.some(Boolean) && block.html === undefined) out.push(...splitLines(block, flags));
    else out.push(block);
  });
  return out;
}
