/**
 * Plain text to paragraphs, and paragraphs back where a file lost them. Blank lines separate
 * paragraphs; a file without blank lines has one paragraph a line; lines wrapped at a fixed
 * width are joined again. Text collapsed into a few huge lines is split at sentence ends, where
 * a new speaker starts, at scene breaks and labels run into the prose, and when a paragraph gets long.
 */
import type { SourceBlock } from './blocks.ts';
import { OPENING_QUOTE, splitSentences } from './sentences.ts';
import { chapterHeading, isSceneBreak } from './cues.ts';

/** Lines of a hard-wrapped file (Project Gutenberg, old mailing lists) end near one width. */
function isHardWrapped(lines: string[]): boolean {
  const lengths = lines.map((l) => l.length).filter((n) => n > 0);
  if (lengths.length < 8) return false;
  const width = Math.max(...lengths);
  if (width > 100 || width < 50) return false;
  const nearWidth = lengths.filter((n) => n >= width - 15).length;
  return nearWidth / lengths.length > 0.6;
}

export function textToBlocks(text: string, file = 0): SourceBlock[] {
  const lines = text.split('\n');
  const hasBlankLines = lines.some(
    (line, i) => line.trim() === '' && i > 0 && i < lines.length - 1 && lines[i - 1].trim() !== '',
  );
  const wrapped = isHardWrapped(lines);
  const blocks: SourceBlock[] = [];
  let gap = 0;
  let current: string[] = [];
  const flush = () => {
    if (current.length === 0) return;
    const joined = wrapped ? current.map((l) => l.trim()).join(' ') : current.map((l) => l.trim()).join('\n');
    blocks.push({ kind: isSceneBreak(joined) ? 'break' : 'paragraph', text: joined, file, gap });
    current = [];
    gap = 0;
  };
  for (const line of lines) {
    if (line.trim() === '') {
      flush();
      gap++;
      continue;
    }
    // Without blank lines every line is a paragraph; headings and breaks always stand alone.
    const standsAlone = isSceneBreak(line) || chapterHeading(line.trim()) !== undefined;
    if (!hasBlankLines || standsAlone) {
      flush();
      current.push(line);
      flush();
      continue;
    }
    current.push(line);
  }
  flush();
  return blocks;
}

/** A line this long is many paragraphs run together (real paragraphs rarely pass 1,000 characters). */
const COLLAPSED = 1200;
const COLLAPSED_IN_COLLAPSED_FILE = 500;

/** Text whose paragraphs were collapsed: most of it sits in lines of many sentences. */
export function lostParagraphs(blocks: SourceBlock[]): boolean {
  let total = 0;
  let inHuge = 0;
  for (const block of blocks) {
    total += block.text.length;
    // A long line, or a shorter one of many sentences (a short chapter run into one line).
    if (
      !block.html &&
      (block.text.length > COLLAPSED || (block.text.length > 500 && splitSentences(block.text).length >= 8))
    )
      inHuge += block.text.length;
  }
  return total > 0 && inHuge / total > 0.5;
}

/** Scene breaks, headings and labels that collapsing ran into the prose. */
const BREAK_TOKEN =
  '(~\\*~|\\*~\\*(?:~\\*)*|\\*\\s\\*\\s\\*|\\*{3,}|~{3,}|={3,}|_{3,}|\\+{3,}|-{2,}|-?(?:o-){2,}o?-?|[oO0](?:[Oo0]){2,}|[xX](?:[Xx]){2,}|(?:[oO][xX]){2,}[oO]?|#{3,})';
const INLINE_BREAK = new RegExp(`(?<=[.!?…"”’])\\s+${BREAK_TOKEN}\\s+(?=\\S)`, 'g');
/** A break collapsed onto the start or the end of a line of prose. */
const EDGE_BREAK = new RegExp(`^${BREAK_TOKEN}\\s+(?=\\S)|(?<=[.!?…"”’])\\s+${BREAK_TOKEN}$`, 'g');
const INLINE_START =
  /(?<!\bAuthor[’']?s'?|\bEnd|\bAuthors)\s+(?=(?:Chapter|CHAPTER|Ch\.|Part)\s+(?:\d{1,3}|[IVXLC]{1,6})\b|(?:Disclaimer|DISCLAIMER|Summary|SUMMARY|A\/N|AN|Author[’']?s'?\s+[Nn]otes?|Authors\s+[Nn]otes?|Note|End\s+[Nn]otes?|Title|Rating|Pairings?)\s*:)/g;

/** A speech tag names who talks: "said Draco", "he mumbled", "Olivia asked". */
function speaker(sentence: string): string | undefined {
  const after =
    /(?<=[,.!?…\-—]|\p{L})["”’]\s*,?\s*(?:(\p{Lu}\p{L}+|he|she|they|I|we)\s+(?:\p{Ll}+ed|said|asked|cried|spoke|shouted|replied|called|snapped|whispered|muttered)\b|(?:\p{Ll}+ed|said|asked)\s+(\p{Lu}\p{L}+))/u.exec(
      sentence,
    );
  return (after?.[1] ?? after?.[2])?.toLowerCase();
}

const PRONOUNS = new Set(['he', 'she', 'they', 'his', 'her', 'their']);
/** Who a narration sentence is about: its first word when that is a name or a pronoun. */
function subject(sentence: string): string | undefined {
  const first = /^[*_~]*(\p{Lu}\p{L}+)/u.exec(sentence)?.[1];
  if (!first) return undefined;
  const word = first.toLowerCase();
  if (PRONOUNS.has(word)) return 'pronoun';
  return /^(?:the|a|an|it|there|this|that|then|later|when|by|for|outside|somewhere|nobody|every|morning|neither|after|before|meanwhile|suddenly|finally|still|but|and|so|now|once|in|on|at)$/.test(
    word,
  )
    ? undefined
    : word;
}

/** Sentences that open a new stretch of narration: a jump in time or place. */
const TURN =
  /^(?:later|meanwhile|the\s+next|next|by\s+the\s+time|morning|that\s+night|that\s+evening|hours|days|weeks|years|minutes|when|after|before|outside|somewhere|elsewhere|it\s+was|it\s+took|for\s+a\s+long|suddenly|finally|eventually|in\s+the)\b/i;

/** Open speech: a sentence that starts inside quotation marks still open from the last one. */
function quoteBalance(text: string, open: boolean): boolean {
  let inside = open;
  for (const ch of text) {
    if (ch === '“') inside = true;
    else if (ch === '”') inside = false;
    else if (ch === '"') inside = !inside;
  }
  return inside;
}

/**
 * Collapsed prose back into paragraphs by the conventions of fiction: a new speaker's line
 * starts a paragraph; narration about the speaker right after the line (an action beat) stays
 * with it, other narration starts anew; a stretch of narration breaks at a turn in time or
 * place, or when it grows long.
 */
function regroup(prose: string): string[] {
  const paragraphs: string[] = [];
  let current: string[] = [];
  let length = 0;
  let speech = 0;
  let currentSpeaker: string | undefined;
  let lastSubject: string | undefined;
  let narrationSinceSpeech = 0;
  let open = false;
  let lastTagged = false;
  const close = () => {
    paragraphs.push(current.join(' '));
    current = [];
    length = 0;
    speech = 0;
    currentSpeaker = undefined;
    lastSubject = undefined;
    narrationSinceSpeech = 0;
  };
  const sentences = splitSentences(prose);
  for (const [i, sentence] of sentences.entries()) {
    const continuing = open;
    open = quoteBalance(sentence, open);
    if (continuing) {
      current.push(sentence);
      length += sentence.length;
      continue;
    }
    const isSpeech = OPENING_QUOTE.test(sentence);
    const who = isSpeech ? speaker(sentence) : undefined;
    const about = isSpeech ? undefined : subject(sentence);
    if (current.length > 0) {
      let newParagraph = false;
      if (isSpeech) {
        // The same speaker goes on: named again after a beat, or an untagged line right after a tagged one.
        if (speech > 0)
          newParagraph = !(
            (who !== undefined && who === currentSpeaker && narrationSinceSpeech > 0) ||
            (who === undefined && narrationSinceSpeech === 0 && lastTagged)
          );
        // Narration about someone, then another character speaking: the speaker's own paragraph.
        else if (who !== undefined && lastSubject !== undefined && lastSubject !== 'pronoun' && who !== lastSubject)
          newParagraph = true;
        else if (current.length >= 3) newParagraph = who === undefined || who !== lastSubject;
        else if (length > 300) newParagraph = true;
      } else if (speech > 0) {
        // Between two speakers' lines, narration that is not about the next speaker stays with the first.
        const next = sentences[i + 1];
        const nextWho = next !== undefined && OPENING_QUOTE.test(next) ? speaker(next) : undefined;
        const beat =
          narrationSinceSpeech === 0 &&
          ((about !== undefined &&
            (about === currentSpeaker || (about === 'pronoun' && currentSpeaker !== undefined))) ||
            (nextWho !== undefined &&
              currentSpeaker !== undefined &&
              nextWho !== currentSpeaker &&
              about !== nextWho &&
              !TURN.test(sentence)));
        newParagraph = !beat;
      } else {
        newParagraph = (current.length >= 3 && TURN.test(sentence)) || current.length >= 6 || length > 600;
      }
      if (newParagraph) close();
    }
    current.push(sentence);
    length += sentence.length;
    lastTagged = isSpeech && who !== undefined;
    if (isSpeech) {
      speech++;
      currentSpeaker = who ?? currentSpeaker ?? lastSubject;
      narrationSinceSpeech = 0;
    } else {
      if (speech > 0) narrationSinceSpeech++;
      if (about) lastSubject = about;
    }
  }
  if (current.length > 0) paragraphs.push(current.join(' '));
  return paragraphs;
}

export interface RestoredParagraphs {
  blocks: SourceBlock[];
  restored: boolean;
}

export function restoreParagraphs(blocks: SourceBlock[]): RestoredParagraphs {
  if (!lostParagraphs(blocks)) return { blocks, restored: false };
  const result: SourceBlock[] = [];
  for (const block of blocks) {
    // In a file that lost its paragraphs, a shorter run of many sentences lost them too (a short chapter).
    if (block.kind !== 'paragraph' || block.html) {
      result.push(block);
      continue;
    }
    if (block.text.length <= COLLAPSED_IN_COLLAPSED_FILE) {
      // A short line (a note before the story) can still have a scene break run onto its ends.
      const parts = block.text
        .replace(/\n/g, ' ')
        .replace(INLINE_BREAK, '\n$1\n')
        .replace(EDGE_BREAK, (token) => `\n${token.trim()}\n`)
        .split('\n')
        .map((p) => p.trim())
        .filter(Boolean);
      if (parts.length === 1) result.push(block);
      else
        parts.forEach((text, i) =>
          result.push({
            kind: isSceneBreak(text) ? 'break' : 'paragraph',
            text,
            file: block.file,
            gap: i === 0 ? block.gap : 1,
          }),
        );
      continue;
    }
    const flat = block.text.replace(/\n/g, ' ');
    const pieces = flat
      .replace(INLINE_BREAK, '\n$1\n')
      .replace(EDGE_BREAK, (token) => `\n${token.trim()}\n`)
      .replace(INLINE_START, '\n')
      .split('\n');
    let first = true;
    for (const piece of pieces.map((p) => p.trim()).filter(Boolean)) {
      const gap = first ? block.gap : 1;
      first = false;
      if (isSceneBreak(piece)) {
        result.push({ kind: 'break', text: piece, file: block.file, gap });
        continue;
      }
      const heading = /^((?:Chapter|CHAPTER|Ch\.|Part)\s+(?:\d{1,3}|[IVXLC]{1,6}))\b[:.]?\s+(.*)$/s.exec(piece);
      if (heading) {
        result.push({ kind: 'paragraph', text: heading[1], file: block.file, gap });
        for (const text of regroup(heading[2])) result.push({ kind: 'paragraph', text, file: block.file, gap: 1 });
        continue;
      }
      regroup(piece).forEach((text, i) =>
        result.push({ kind: 'paragraph', text, file: block.file, gap: i === 0 ? gap : 1 }),
      );
    }
  }
  return { blocks: result, restored: true };
}
