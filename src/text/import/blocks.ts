/** The unit the import works on: one paragraph, heading or scene break of one input file. */
export interface SourceBlock {
  kind: 'paragraph' | 'heading' | 'break';
  /** Plain text, as a reader sees it; line breaks inside a paragraph (verse, letters) are kept as "\n". */
  text: string;
  /** Sanitizable HTML of the block when the input had formatting (HTML, docx, EPUB, Markdown). */
  html?: string;
  /** Heading level (1–6) for headings from formatted input. */
  level?: number;
  /** Which input file (0-based) the block came from. */
  file: number;
  /** Blank lines before the block in a text file; two or more set notes apart from the story. */
  gap: number;
  /** What the input itself says the block is (an AO3 download's "Summary", an EPUB's title …). */
  stated?: StatedPart;
  /** The site's menus, buttons and counts, copied with the story (see chrome.ts). */
  chrome?: true;
  /** Of a chrome block, what it is when more than the site's menus: a reader's reply, a post's header or a chapter's heading given twice (the site's threadmark and the post's own) in a forum thread, a mail's signature, a table of contents, a Fimfiction chapter box, a saved page's comments and links under the story, a mail's headers. */
  aside?: 'reply' | 'post' | 'threadmark' | 'signature' | 'contents' | 'links' | 'box' | 'comments' | 'mail';
  /** A chat message's header where the file says who sent it (Telegram's HTML export): the sender, the blocks up to the next header the message. */
  sender?: string;
}

export type StatedPart =
  /** `why`: how the file says so, when more than a label or an element ("a message of the writer's before the story's"). */
  | {
      part: 'title' | 'summary' | 'notes' | 'end-notes' | 'text' | 'metadata';
      why?: string;
      /** The writer's note opening a board's first post: where the page's head ends (see page-title.ts). */
      firstPostNote?: true;
    }
  /** The creator's name, and where the file names them: a page's <title>, a mail's sender, a document's properties. */
  | { part: 'author'; why: string }
  | { part: 'chapter-heading'; title: string | null }
  | { part: 'chapter-notes' | 'chapter-end-notes' | 'chapter-summary'; why?: string };

/**
 * A block cut round `middle`, which its text holds: the middle stated as `stated`, and what comes
 * before and after it kept as the file's own lines ("Subject: [B7] FIC:" · "Cartography" · "(Avon, Vila) PG").
 */
export function statedWithin(block: SourceBlock, middle: string, stated: StatedPart): SourceBlock[] {
  const at = block.text.indexOf(middle);
  if (at === -1) return [{ ...block, stated }];
  const line = (text: string, part: StatedPart, gap = 0): SourceBlock => ({
    kind: 'paragraph',
    text,
    file: block.file,
    gap,
    stated: part,
  });
  const before = block.text.slice(0, at).trim();
  const after = block.text.slice(at + middle.length).trim();
  return [
    ...(before ? [line(before, { part: 'metadata' })] : []),
    line(middle, stated, block.gap),
    ...(after ? [line(after, { part: 'metadata' })] : []),
  ];
}

/** The creator a page names outside what was read (an infobox, a blog's footer), stated under the title read. */
export function stateAuthorUnderTitle(blocks: SourceBlock[], name: string, why: string): void {
  const title = blocks.findIndex((b) => b.stated?.part === 'title');
  const file = blocks[Math.max(title, 0)]?.file ?? 0;
  blocks.splice(title + 1, 0, { kind: 'paragraph', text: name, file, gap: 1, stated: { part: 'author', why } });
}

/** The indexes of each input file's blocks, in order. */
export function blocksByFile(blocks: readonly SourceBlock[]): number[][] {
  const files = new Map<number, number[]>();
  blocks.forEach((b, i) => {
    const indexes = files.get(b.file);
    if (indexes) indexes.push(i);
    else files.set(b.file, [i]);
  });
  return [...files.values()];
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}
