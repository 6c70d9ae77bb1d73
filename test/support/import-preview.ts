/** Reading an import preview page as a browser and a writer do: the form it would send, and the pieces shown. */
import { visibleText } from './http.ts';

const decode = (v: string) =>
  v
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

/** Every field of the preview form as the page has it (selects at their selected option, inputs, checked boxes). */
export function previewForm(html: string): Record<string, string | string[]> {
  const form: Record<string, string | string[]> = {};
  const add = (name: string, value: string) => {
    const earlier = form[name];
    form[name] = earlier === undefined ? value : [earlier, value].flat();
  };
  const body = html.slice(html.indexOf('class="import-preview"'), html.indexOf('class="import-discard"'));
  for (const select of body.matchAll(/<select[^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/select>/g)) {
    const selected =
      /<option value(?:="([^"]*)")? selected/.exec(select[2]) ?? /<option value="([^"]*)"/.exec(select[2]);
    if (selected) add(select[1], decode(selected[1] ?? ''));
  }
  for (const input of body.matchAll(/<input([^>]*)>/g)) {
    const attrs = input[1];
    const name = /name="([^"]+)"/.exec(attrs)?.[1];
    if (!name || name === '_csrf') continue;
    const type = /type="([^"]+)"/.exec(attrs)?.[1] ?? 'text';
    const value = decode(/value="([^"]*)"/.exec(attrs)?.[1] ?? '');
    if ((type === 'checkbox' || type === 'radio') && !/\schecked/.test(attrs)) continue;
    add(name, value);
  }
  return form;
}

export interface ShownPiece {
  index: number;
  text: string;
  /** The piece's whole box as a reader sees it: its words, why it is there, its part. */
  shown: string;
  part: string;
}

/** The pieces with words on the preview page, in the order of their numbers (the order of the text sent). */
export function pieces(html: string): ShownPiece[] {
  const found: ShownPiece[] = [];
  const starts = [
    ...html.matchAll(/<div class="import-piece[^"]*" id="piece-(\d+)"><div class="import-piece__text">([^<]*)/g),
  ];
  for (const [n, match] of starts.entries()) {
    const end = starts[n + 1]?.index ?? html.indexOf('class="import-discard"');
    const box = html.slice(match.index, end);
    const part = /<option value="([^"]+)" selected>/.exec(box)?.[1] ?? '';
    found.push({ index: Number(match[1]), text: decode(match[2]), shown: visibleText(box), part });
  }
  return found.sort((a, b) => a.index - b.index);
}

export function find(html: string, startsWith: string): ShownPiece {
  const piece = pieces(html).find((p) => p.text.startsWith(startsWith));
  if (!piece) throw new Error(`no piece starts with “${startsWith}”`);
  return piece;
}

/** The posting fields a writer fills in on the preview before "Post" (the import does not guess them). */
export const POSTING = {
  rating: 'General Audiences',
  warnings: 'No Archive Warnings Apply',
  fandoms: 'Original Work',
  visibility: 'public',
  commentPolicy: 'everyone',
  complete: '1',
};
