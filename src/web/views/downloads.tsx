import { downloadFormats, seriesDownloadPath, workDownloadPath } from '../../formats/formats.ts';

/**
 * The "Download" menu of a work or series: a disclosure that works without JavaScript and
 * with the keyboard, listing the formats this archive can make.
 */
export function DownloadMenu({ kind, target }: { kind: 'work' | 'series'; target: { id: number; title: string } }) {
  const formats = downloadFormats(kind);
  return (
    <details class="download-menu">
      <summary class="button button--secondary">
        Download<span class="visually-hidden"> this {kind}</span>
      </summary>
      <ul class="download-menu__list">
        {formats.map((format) => (
          <li>
            <a
              href={kind === 'work' ? workDownloadPath(target, format.name) : seriesDownloadPath(target, format.name)}
              rel="nofollow"
            >
              {format.label}
            </a>
          </li>
        ))}
      </ul>
    </details>
  );
}
