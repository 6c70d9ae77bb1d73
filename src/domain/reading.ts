/** How a reader likes to read: kept per account, and in a cookie for guests. */
export const FONT_SIZES = ['small', 'medium', 'large', 'x-large'] as const;
export const THEMES = ['system', 'light', 'dark'] as const;
export const LINE_WIDTHS = ['narrow', 'medium', 'wide'] as const;

export interface ReaderSettings {
  fontSize: (typeof FONT_SIZES)[number];
  theme: (typeof THEMES)[number];
  lineWidth: (typeof LINE_WIDTHS)[number];
  /** Skip the notice before Mature and Explicit works. */
  skipAdultNotice: boolean;
}

export const DEFAULT_READER_SETTINGS: ReaderSettings = {
  fontSize: 'medium',
  theme: 'system',
  lineWidth: 'medium',
  skipAdultNotice: false,
};

function oneOf<T extends string>(allowed: readonly T[], value: string | undefined, fallback: T): T {
  return allowed.find((a) => a === value) ?? fallback;
}

/** Reads settings from loose input (a form or a cookie), keeping only known values. */
export function readerSettingsFrom(input: Partial<Record<keyof ReaderSettings, string | undefined>>): ReaderSettings {
  return {
    fontSize: oneOf(FONT_SIZES, input.fontSize, DEFAULT_READER_SETTINGS.fontSize),
    theme: oneOf(THEMES, input.theme, DEFAULT_READER_SETTINGS.theme),
    lineWidth: oneOf(LINE_WIDTHS, input.lineWidth, DEFAULT_READER_SETTINGS.lineWidth),
    skipAdultNotice: input.skipAdultNotice === '1' || input.skipAdultNotice === 'true',
  };
}

/** The compact cookie form: "large.dark.wide.1". */
export function encodeReaderSettings(settings: ReaderSettings): string {
  return [settings.fontSize, settings.theme, settings.lineWidth, settings.skipAdultNotice ? '1' : '0'].join('.');
}

export function decodeReaderSettings(cookie: string | undefined): ReaderSettings {
  if (!cookie) return DEFAULT_READER_SETTINGS;
  const [fontSize, theme, lineWidth, skipAdultNotice] = cookie.split('.');
  return readerSettingsFrom({ fontSize, theme, lineWidth, skipAdultNotice });
}
