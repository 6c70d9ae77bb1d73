// Autosave for the posting and chapter forms. While the writer types, the form's fields go to
// the archive every few seconds (POST /autosave); when the archive cannot take them (offline,
// logged out, any error) they are kept in this browser's storage and offered back on the
// next visit. Without this script the forms still work: the server keeps a form sent after
// the session ended, and restores its own autosave when the form page opens.

const SAVE_AFTER_QUIET_MS = 2000;
const SAVE_AT_LEAST_EVERY_MS = 10000;
const POSTED_FORM_COOKIE = 'quire_posted';

const form = document.querySelector('form[data-autosave]');
if (form && form.dataset.autosaveUser) startAutosave(form);
localizeTimes();

function startAutosave(form) {
  const formKey = form.dataset.autosave;
  const storageKey = browserCopyKey(form.dataset.autosaveUser, formKey);
  const serverSavedAt = form.dataset.autosaveSavedAt || '';
  // Browser copies are stamped in the server's time, so they compare with data-autosave-saved-at.
  const clockOffset = form.dataset.autosaveNow ? Date.parse(form.dataset.autosaveNow) - Date.now() : 0;
  const csrfToken = document.querySelector('meta[name="csrf-token"]')?.getAttribute('content') ?? '';

  const status = document.createElement('p');
  status.className = 'autosave-status';
  status.setAttribute('aria-live', 'polite');
  form.insertBefore(status, form.querySelector('.actions'));

  let timer;
  let firstUnsavedChangeAt;
  let unsaved = false;
  let saving = false;
  let saveAgain = false;
  let failing = false;
  let submitting = false;
  let offer = null;
  const asLoaded = serialize(fieldsOf(form));

  const serverNow = () => new Date(Date.now() + clockOffset).toISOString();
  const localClock = (serverIso) => clockTime(new Date(Date.parse(serverIso) - clockOffset));
  const show = (message) => {
    status.textContent = message;
  };

  function changed() {
    if (submitting) return;
    unsaved = true;
    const now = Date.now();
    firstUnsavedChangeAt ??= now;
    clearTimeout(timer);
    timer = setTimeout(
      save,
      Math.max(0, Math.min(SAVE_AFTER_QUIET_MS, firstUnsavedChangeAt + SAVE_AT_LEAST_EVERY_MS - now)),
    );
  }

  async function save() {
    clearTimeout(timer);
    if (saving) {
      saveAgain = true;
      return;
    }
    saving = true;
    unsaved = false;
    firstUnsavedChangeAt = undefined;
    const fields = fieldsOf(form);
    let outcome;
    try {
      const response = await fetch(`/autosave?form=${encodeURIComponent(formKey)}`, {
        method: 'POST',
        headers: { 'csrf-token': csrfToken },
        body: new URLSearchParams(fields),
        credentials: 'same-origin',
      });
      outcome =
        response.status === 204
          ? 'saved'
          : response.status === 401
            ? 'logged-out'
            : response.status >= 500
              ? 'unreachable'
              : 'refused';
    } catch {
      outcome = 'unreachable';
    }
    if (submitting) return;
    saving = false;
    if (outcome === 'saved') {
      failing = false;
      // The archive has everything typed; a copy still offered above waits for the writer's choice.
      if (!offer) removeBrowserCopy(storageKey);
      show(`Draft saved at ${clockTime(new Date())}`);
    } else {
      failing = true;
      show(failureMessage(outcome, keepInBrowser(fields)));
    }
    if (saveAgain || unsaved) {
      saveAgain = false;
      changed();
    }
  }

  /** Returns the time it was kept, or null when the browser would not keep it. */
  function keepInBrowser(fields, submitted = false) {
    // Never overwrite a copy the writer has not chosen to restore or discard yet.
    if (offer) return null;
    const savedAt = serverNow();
    return writeBrowserCopy(storageKey, { fields, savedAt, submitted }) ? localClock(savedAt) : null;
  }

  function failureMessage(outcome, keptAt) {
    if (outcome === 'logged-out') {
      return keptAt
        ? 'You are logged out. Your text is kept in this browser; log in again in another tab and it stays here.'
        : 'You are logged out, and this browser could not keep your text. Log in again in another tab before you leave this page.';
    }
    const reason = outcome === 'unreachable' ? 'Could not reach the archive' : 'The archive did not take the draft';
    if (keptAt) return `${reason}: saved in this browser at ${keptAt}`;
    if (offer)
      return `${reason}. Restore or discard the earlier text above, so this browser can keep what you type now.`;
    return `${reason}, and this browser could not keep a copy. Keep a copy of your text before you leave this page.`;
  }

  function offerBrowserCopy(copy) {
    offer?.remove();
    offer = document.createElement('section');
    offer.className = 'autosave-offer';
    offer.setAttribute('aria-labelledby', 'autosave-offer-text');
    const text = document.createElement('p');
    text.id = 'autosave-offer-text';
    text.textContent = 'This browser holds text for this form that the archive does not have.';
    const restore = button(`Restore the text saved in this browser at ${localClock(copy.savedAt)}`);
    const discard = button('Discard');
    discard.className = 'button--secondary';
    const hidden = document.createElement('span');
    hidden.className = 'visually-hidden';
    hidden.textContent = ' the text saved in this browser';
    discard.append(hidden);
    const actions = document.createElement('div');
    actions.className = 'actions';
    actions.append(restore, discard);
    offer.append(text, actions);
    form.before(offer);

    restore.addEventListener('click', () => {
      const current = fieldsOf(form);
      const typedSinceLoad = serialize(current) !== asLoaded && serialize(current) !== serialize(copy.fields);
      closeOffer();
      fillForm(form, copy.fields);
      if (typedSinceLoad) {
        // Restoring must not lose what was typed meanwhile: it becomes the copy on offer.
        const swapped = { fields: current, savedAt: serverNow(), submitted: false };
        if (writeBrowserCopy(storageKey, swapped)) offerBrowserCopy(swapped);
      } else {
        removeBrowserCopy(storageKey);
      }
      show(`Restored the text saved in this browser at ${localClock(copy.savedAt)}.`);
      firstField(form)?.focus();
      changed();
    });
    discard.addEventListener('click', () => {
      removeBrowserCopy(storageKey);
      closeOffer();
      show('The text saved in this browser was discarded.');
      firstField(form)?.focus();
    });
  }

  function closeOffer() {
    offer?.remove();
    offer = null;
  }

  forgetPostedCopies(form.dataset.autosaveUser);
  const copy = readBrowserCopy(storageKey);
  if (copy) {
    if (serverSavedAt && copy.savedAt <= serverSavedAt) removeBrowserCopy(storageKey);
    else if (serialize(copy.fields) === asLoaded) {
      // The form already shows it; let the archive have it too.
      removeBrowserCopy(storageKey);
      changed();
    } else offerBrowserCopy(copy);
  }

  form.addEventListener('input', changed);
  form.addEventListener('change', changed);
  form.addEventListener('submit', () => {
    submitting = true;
    clearTimeout(timer);
    // If the post does not get through, this is the copy to offer; once it does, the
    // archive's quire_posted cookie tells the next form page to forget it.
    if (unsaved || failing || readBrowserCopy(storageKey)) keepInBrowser(fieldsOf(form), true);
  });
  // Back on this tab (perhaps after logging in again elsewhere) or back online: try again.
  window.addEventListener('focus', () => {
    if (failing && !submitting) save();
  });
  window.addEventListener('online', () => {
    if (failing && !submitting) save();
  });
  window.addEventListener('pagehide', () => {
    if (!unsaved || submitting) return;
    const fields = fieldsOf(form);
    keepInBrowser(fields);
    const body = new URLSearchParams(fields);
    // keepalive bodies are capped at 64 KiB; the browser copy covers longer texts.
    if (body.toString().length < 60000) {
      fetch(`/autosave?form=${encodeURIComponent(formKey)}`, {
        method: 'POST',
        headers: { 'csrf-token': csrfToken },
        body,
        credentials: 'same-origin',
        keepalive: true,
      }).catch(() => {});
    }
  });
}

/** The form's fields as [name, value] pairs, as the form would send them, without its CSRF token. */
function fieldsOf(form) {
  return [...new FormData(form)].filter(([name, value]) => name !== '_csrf' && typeof value === 'string');
}

function serialize(fields) {
  return JSON.stringify(fields);
}

function fillForm(form, fields) {
  const values = new Map();
  for (const [name, value] of fields) values.set(name, [...(values.get(name) ?? []), value]);
  const used = new Map();
  for (const element of form.elements) {
    const name = element.name;
    if (!name || name === '_csrf' || element.type === 'submit' || element.type === 'button' || element.type === 'file')
      continue;
    const list = values.get(name) ?? [];
    if (element.type === 'checkbox' || element.type === 'radio') element.checked = list.includes(element.value);
    else if (element instanceof HTMLSelectElement && element.multiple)
      for (const option of element.options) option.selected = list.includes(option.value);
    else {
      const index = used.get(name) ?? 0;
      used.set(name, index + 1);
      element.value = list[index] ?? '';
    }
  }
}

function firstField(form) {
  return form.querySelector('input:not([type="hidden"]), select, textarea');
}

function button(label) {
  const element = document.createElement('button');
  element.type = 'button';
  element.textContent = label;
  return element;
}

function browserCopyKey(user, formKey) {
  return `quire-autosave:${user}:${formKey}`;
}

// Storage can be full, disabled or blocked; every use of it may fail.
function readBrowserCopy(key) {
  try {
    const copy = JSON.parse(localStorage.getItem(key) ?? 'null');
    return copy && Array.isArray(copy.fields) && typeof copy.savedAt === 'string' ? copy : null;
  } catch {
    return null;
  }
}

function writeBrowserCopy(key, copy) {
  try {
    localStorage.setItem(key, JSON.stringify(copy));
    return true;
  } catch {
    return false;
  }
}

function removeBrowserCopy(key) {
  try {
    localStorage.removeItem(key);
  } catch {
    // Nothing kept, nothing to remove.
  }
}

/** The archive names the form it last took in a cookie: the copy kept while posting it is done with. */
function forgetPostedCopies(user) {
  const cookie = document.cookie.split('; ').find((c) => c.startsWith(`${POSTED_FORM_COOKIE}=`));
  if (!cookie) return;
  let formKey = '';
  try {
    formKey = decodeURIComponent(cookie.slice(POSTED_FORM_COOKIE.length + 1));
  } catch {
    // A mangled cookie names no form.
  }
  const key = browserCopyKey(user, formKey);
  if (readBrowserCopy(key)?.submitted) removeBrowserCopy(key);
  document.cookie = `${POSTED_FORM_COOKIE}=; Max-Age=0; Path=/; SameSite=Lax`;
}

function clockTime(date) {
  return date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

/** Times the server wrote in UTC, shown in the reader's own time zone. */
function localizeTimes() {
  for (const time of document.querySelectorAll('time[data-local-time]')) {
    const date = new Date(time.getAttribute('datetime'));
    if (Number.isNaN(date.getTime())) continue;
    time.textContent = `${clockTime(date)} on ${date.toLocaleDateString([], { day: 'numeric', month: 'short', year: 'numeric' })}`;
  }
}
