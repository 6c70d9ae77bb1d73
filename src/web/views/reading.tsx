import { Layout, CsrfField, type PageContext } from './layout.tsx';
import { Actions, Checkbox } from './forms.tsx';
import { FONT_SIZES, LINE_WIDTHS, THEMES } from '../../domain/reading.ts';

const FONT_LABELS: Record<string, string> = {
  small: 'Small',
  medium: 'Medium',
  large: 'Large',
  'x-large': 'Extra large',
};
const THEME_LABELS: Record<string, string> = { system: 'Same as my device', light: 'Light', dark: 'Dark' };
const WIDTH_LABELS: Record<string, string> = { narrow: 'Narrow', medium: 'Medium', wide: 'Wide' };

function Radios({
  name,
  legend,
  options,
  labels,
  value,
}: {
  name: string;
  legend: string;
  options: readonly string[];
  labels: Record<string, string>;
  value: string;
}) {
  return (
    <fieldset class="field">
      <legend>{legend}</legend>
      <div class="choice-row">
        {options.map((option) => (
          <div class="choice">
            <input type="radio" id={`field-${name}-${option}`} name={name} value={option} checked={value === option} />
            <label for={`field-${name}-${option}`}>{labels[option]}</label>
          </div>
        ))}
      </div>
    </fieldset>
  );
}

export function ReadingSettingsPage({ ctx, returnTo }: { ctx: PageContext; returnTo?: string }) {
  const reading = ctx.reading;
  return (
    <Layout ctx={ctx} title="Reading settings">
      <div class="narrow">
        <h1>Reading settings</h1>
        <p>
          {ctx.viewer
            ? 'Kept with your account, on every device you log in on.'
            : 'Kept in this browser. Log in to keep them with your account.'}
        </p>
        <form method="post" action="/settings/reading" class="work-form">
          <CsrfField ctx={ctx} />
          {returnTo ? <input type="hidden" name="return_to" value={returnTo} /> : null}
          <fieldset>
            <legend>How works look</legend>
            <Radios
              name="fontSize"
              legend="Text size"
              options={FONT_SIZES}
              labels={FONT_LABELS}
              value={reading.fontSize}
            />
            <Radios name="theme" legend="Colours" options={THEMES} labels={THEME_LABELS} value={reading.theme} />
            <Radios
              name="lineWidth"
              legend="Line width"
              options={LINE_WIDTHS}
              labels={WIDTH_LABELS}
              value={reading.lineWidth}
            />
            <Checkbox
              name="skipAdultNotice"
              label="Show Mature and Explicit works without asking first"
              checked={reading.skipAdultNotice}
            />
          </fieldset>
          <Actions>
            <button type="submit">Save settings</button>
          </Actions>
        </form>
      </div>
    </Layout>
  );
}
