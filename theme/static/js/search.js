// The search page's only script. Pagefind (a static search index built after the site, one index per language)
// runs in the browser; the language is the page's <html lang>. Texts come from the form's data-msg-* attributes,
// translated like every other text of the site.
const form = document.querySelector("[data-search]");
const input = form.querySelector("input[type=search]");
const status = document.getElementById("suchstatus");
const list = document.getElementById("suchergebnisse");
const more = document.getElementById("mehr-treffer");
const messages = form.dataset;
// Results are fetched ten at a time: each one is a download of its own.
const PAGE_SIZE = 10;
let pagefind = null;
let pending = [];

async function engine() {
  if (!pagefind) {
    pagefind = await import(`${messages.bundle}pagefind.js`);
    // The index of this site is small: searching it in the page is instant, and saves a cheap phone the
    // download of Pagefind's web worker (41 KB) on a bad connection.
    await pagefind.options({ noWorker: true });
  }
  return pagefind;
}

function result(data) {
  const item = document.createElement("li");
  const link = document.createElement("a");
  link.href = data.url;
  link.textContent = data.meta.title;
  const heading = document.createElement("h2");
  heading.className = "search-results__title";
  heading.append(link);
  const excerpt = document.createElement("p");
  // Pagefind's excerpt is text from our own pages, escaped, with <mark> around the words found.
  excerpt.innerHTML = data.excerpt;
  item.append(heading, excerpt);
  return item;
}

async function showNext() {
  const batch = pending.splice(0, PAGE_SIZE);
  const items = (await Promise.all(batch.map((hit) => hit.data()))).map(result);
  list.append(...items);
  more.hidden = pending.length === 0;
  return items;
}

more.addEventListener("click", async () => {
  const items = await showNext();
  // Keyboard and screen reader users continue where the new results begin.
  items[0]?.querySelector("a").focus();
});

async function run(query) {
  status.textContent = messages.msgSearching;
  list.replaceChildren();
  more.hidden = true;
  try {
    const search = await (await engine()).search(query);
    pending = search.results.slice();
    await showNext();
    const count = search.results.length;
    // "Treffer: 3" rather than a sentence: one form fits every number in all three languages (no plural rules).
    status.textContent = count === 0 ? messages.msgNone : messages.msgFound.replace("{count}", count);
  } catch (error) {
    status.textContent = messages.msgError;
  }
}

form.hidden = false;
form.addEventListener("submit", (event) => {
  event.preventDefault();
  const query = input.value.trim();
  if (!query) return;
  history.replaceState(null, "", `?q=${encodeURIComponent(query)}`);
  run(query);
});
const initial = new URLSearchParams(location.search).get("q");
if (initial) {
  input.value = initial;
  run(initial);
}
