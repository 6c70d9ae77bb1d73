/**
 * Note apps export their callouts (a boxed note with an icon or a kind) in their own Markdown:
 * Obsidian as a quote opening "> [!note] Author's note", Notion as a raw <aside> opening with its
 * icon ("<aside>\n💡 **Author's note:** …\n</aside>"). Read as they are, the kind's marker stands in
 * the note's words and a saved page's <aside> (a sidebar) is left out with the page's menus. The
 * callout's title is its label ("Author's note:"), and a Notion callout's words are paragraphs.
 */
const OBSIDIAN = /^([ \t]*>[ \t]*)\[![\w-]+\][+-]?[ \t]*(.*)$/gmu;
const ASIDE = /^[ \t]*<aside>[ \t]*\n(?:[ \t]*\n)*([\s\S]*?)\n[ \t]*<\/aside>[ \t]*$/gmu;
const ICON = /^(?:\p{Extended_Pictographic}|\p{Emoji_Presentation})\uFE0F?[ \t]*/u;

export function calloutsAsNotes(markdown: string): string {
  return markdown
    .replace(OBSIDIAN, (_, quote: string, title: string) =>
      title.trim() === '' ? quote : `${quote}${title.trim().replace(/[:：]$/u, '')}:`,
    )
    .replace(ASIDE, (_, body: string) => body.replace(ICON, ''));
}
