// Names as a maintainer types them in an exchange's writer and pinch hitter fields. The fields take any
// username without this script; the page's datalist starts with a few who may write more, and this
// script puts in it whoever signed up with a username or pen name holding what was typed.

const DEBOUNCE_MS = 200;

function option(participant) {
  const item = document.createElement('option');
  item.value = participant.login;
  if (participant.pseudName !== participant.login) item.label = `${participant.pseudName} (${participant.login})`;
  return item;
}

for (const list of document.querySelectorAll('datalist[data-suggest]')) {
  const first = [...list.children].map((item) => item.cloneNode(true));
  const answers = new Map();
  let timer;
  let pending;

  async function suggest(typed) {
    const key = typed.toLowerCase();
    if (!answers.has(key)) {
      pending?.abort();
      pending = new AbortController();
      const response = await fetch(`${list.dataset.suggest}?${new URLSearchParams({ q: typed })}`, {
        signal: pending.signal,
        headers: { accept: 'application/json' },
      });
      if (!response.ok) return;
      answers.set(key, (await response.json()).participants);
    }
    list.replaceChildren(...answers.get(key).map(option));
  }

  for (const input of document.querySelectorAll(`input[list="${list.id}"]`)) {
    input.addEventListener('input', () => {
      clearTimeout(timer);
      const typed = input.value.trim();
      if (typed === '') {
        list.replaceChildren(...first.map((item) => item.cloneNode(true)));
        return;
      }
      timer = setTimeout(() => suggest(typed).catch(() => {}), DEBOUNCE_MS);
    });
  }
}
