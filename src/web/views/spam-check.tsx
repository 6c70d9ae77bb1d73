/**
 * The spam check's fields (src/domain/spam.ts): when the form was shown, signed, and a honeypot that
 * people never see or reach (hidden by CSS, from screen readers and from the tab order) but
 * form-filling scripts fill in.
 */
export function SpamCheckFields({ shownAt, idKey }: { shownAt: string; idKey: string }) {
  return (
    <>
      <input type="hidden" name="shownAt" value={shownAt} />
      <div class="comment-trap" aria-hidden="true">
        <label for={`${idKey}-website`}>Leave this empty</label>
        <input id={`${idKey}-website`} name="website" type="text" tabIndex={-1} autoComplete="off" />
      </div>
    </>
  );
}
