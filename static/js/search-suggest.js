// Suggestions under the header's search box, as an ARIA 1.2 combobox (a text box controlling a listbox).
// Without this script the search box is a plain search form; with it, typing asks the shop (debounced)
// for a few products, the arrow keys move through them, Enter opens the chosen one, Escape closes the list.
(function () {
  "use strict";
  var input = document.getElementById("site-search");
  var form = input && input.form;
  var url = form && form.getAttribute("data-suggest-url");
  if (!url || !window.fetch || !window.AbortController) {
    return;
  }
  var DELAY = 250;
  var MIN_LETTERS = 2;
  var list = document.createElement("ul");
  var status = document.createElement("p");
  var timer = null;
  var pending = null;
  var asked = "";
  var options = [];
  var active = -1;

  list.id = "site-search-list";
  list.className = "search-suggestions";
  list.setAttribute("role", "listbox");
  list.setAttribute("aria-label", form.getAttribute("data-suggest-label") || "");
  list.hidden = true;
  status.className = "visually-hidden";
  status.setAttribute("role", "status");
  input.insertAdjacentElement("afterend", list);
  form.appendChild(status);
  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-expanded", "false");
  input.setAttribute("aria-controls", list.id);
  input.setAttribute("autocomplete", "off");

  function open() {
    if (options.length) {
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
    }
  }

  function close() {
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    if (active >= 0 && options[active]) {
      options[active].setAttribute("aria-selected", "false");
    }
    active = -1;
  }

  function choose(option) {
    window.location.assign(option.getAttribute("data-url"));
  }

  function option(item, index) {
    var li = document.createElement("li");
    var name = document.createElement("span");
    var producer = document.createElement("span");
    li.id = "site-search-option-" + index;
    li.setAttribute("role", "option");
    li.setAttribute("aria-selected", "false");
    li.setAttribute("data-url", item.url);
    name.className = "suggestion-name";
    name.textContent = item.name;
    producer.className = "suggestion-producer";
    producer.textContent = item.producer;
    li.appendChild(name);
    li.appendChild(producer);
    li.addEventListener("mousedown", function (event) { event.preventDefault(); });  // keep the focus
    li.addEventListener("click", function () { choose(li); });
    return li;
  }

  function show(data) {
    close();
    list.textContent = "";
    options = data.suggestions.map(option);
    options.forEach(function (li) { list.appendChild(li); });
    status.textContent = options.length ? options.length + " " + (form.getAttribute("data-suggest-status") || "") : "";
    open();
  }

  function ask() {
    var query = input.value.trim();
    if (query.replace(/\s+/g, "").length < MIN_LETTERS) {
      asked = "";
      options = [];
      close();
      return;
    }
    if (query === asked) {
      open();
      return;
    }
    asked = query;
    if (pending) {
      pending.abort();
    }
    pending = new AbortController();
    fetch(url + "?q=" + encodeURIComponent(query), {signal: pending.signal, headers: {Accept: "application/json"}})
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        if (data && input.value.trim() === query) {
          show(data);
        }
      })
      .catch(function () { asked = ""; });  // aborted by a newer question, or offline: the form still works
  }

  function move(step) {
    if (!options.length) {
      return;
    }
    open();
    if (active >= 0) {
      options[active].setAttribute("aria-selected", "false");
    }
    active = (active + step + options.length) % options.length;
    options[active].setAttribute("aria-selected", "true");
    input.setAttribute("aria-activedescendant", options[active].id);
    options[active].scrollIntoView({block: "nearest"});
  }

  input.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(ask, DELAY);
  });
  input.addEventListener("keydown", function (event) {
    if (event.key === "ArrowDown") {
      event.preventDefault();
      move(1);
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      move(-1);
    } else if (event.key === "Enter" && active >= 0 && !list.hidden) {
      event.preventDefault();
      choose(options[active]);
    } else if (event.key === "Escape" && !list.hidden) {
      event.preventDefault();
      close();
    }
  });
  input.addEventListener("blur", function () { window.setTimeout(close, 150); });
}());
