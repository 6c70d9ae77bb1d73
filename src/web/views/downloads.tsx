import { menuFormats, seriesDownloadPath, unavailableReason, workDownloadPath } from '../../formats/formats.ts';

/**
 * The "Download" menu of a work or series: a disclosure that works without JavaScript and
 * with the keyboard, listing the formats this archive can make. A format it cannot make here
 * (no Calibre, no Chromium) is listed as off, with the reason, instead of a link that fails.
 */
export function DownloadMenu({ kind, target }: { kind: 'work' | 'series'; target: { id: number; title: string } }) {
  return (
    <details class="download-menu">
      <summary class="button button--secondary">
        Download<span class="visually-hidden"> this {kind}</span>
      </summary>
      <ul class="download-menu__list">
        {menuFormats(kind).map((format) => {
          const off = unavailableReason(format);
          if (off)
            return (
              <li class="download-menu__off">
                {format.label}: off <span class="download-menu__reason">({off})</span>
              </li>
            );
          return (
            <li>
              <a
                href={kind === 'work' ? workDownloadPath(target, format.name) : seriesDownloadPath(target, format.name)}
                rel="nofollow"
              >
                {format.label}
              </a>
            </li>
          );
        })}
      </ul>
    </details>
  );
}
