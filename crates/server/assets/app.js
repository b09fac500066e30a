// noc serve: results as one types, and the filter of a profile's titles.
// The pages work without this script; it only makes them quicker to use.
"use strict";

(function () {
  // Search: fetch the results of the title typed, 250 ms after the last
  // key, and keep the address in step so that it can be shared.
  const form = document.getElementById("search");
  const input = document.getElementById("q");
  const results = document.getElementById("results");
  if (form && input && results) {
    const lang = form.querySelector("input[name=lang]").value;
    let timer = null;
    let asked = 0;
    const update = () => {
      const q = input.value.trim();
      const ticket = ++asked;
      const url = "/results?lang=" + encodeURIComponent(lang) +
        "&q=" + encodeURIComponent(q);
      fetch(url, { headers: { "Accept": "text/html" } })
        .then((r) => r.text())
        .then((html) => {
          // An older answer arriving late must not replace a newer one.
          if (ticket !== asked) return;
          results.innerHTML = html;
          const page = q ? "/?q=" + encodeURIComponent(q) + "&lang=" + lang
            : "/?lang=" + lang;
          history.replaceState(null, "", page);
        })
        .catch(() => {});
    };
    input.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(update, 250);
    });
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      clearTimeout(timer);
      update();
    });
  }

  // Profile: filter the list of all titles as one types.
  const filter = document.getElementById("title-filter");
  const list = document.getElementById("all-titles");
  if (filter && list) {
    filter.closest(".filter").hidden = false;
    const fold = (s) => s.normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .toLowerCase();
    const items = Array.from(list.children).map((li) => [li, fold(li.textContent)]);
    filter.addEventListener("input", () => {
      const words = fold(filter.value).split(/\s+/).filter(Boolean);
      for (const [li, text] of items) {
        li.hidden = !words.every((w) => text.includes(w));
      }
    });
  }

  // Batch: offer the columns of the chosen file's header row.
  const file = document.getElementById("file");
  const column = document.getElementById("column");
  const columns = document.getElementById("columns");
  if (file && column && columns) {
    file.addEventListener("change", () => {
      const f = file.files[0];
      if (!f) return;
      f.slice(0, 64 * 1024).text().then((text) => {
        const first = text.split(/\r?\n/)[0].replace(/^\uFEFF/, "");
        const names = first.split(",").map((s) => s.trim().replace(/^"|"$/g, ""));
        columns.replaceChildren(...names.map((n) => {
          const o = document.createElement("option");
          o.value = n;
          return o;
        }));
        const guess = names.find((n) => /title|titre|职位/i.test(n));
        if (guess && !column.value) column.value = guess;
      });
    });
  }
})();
