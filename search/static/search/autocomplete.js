/* Autocomplete for every search box marked data-autocomplete (the header box and the
   search page): an ARIA 1.2 combobox with a listbox of matching titles.
   Arrow keys move, Enter opens the chosen title, Escape closes; without JavaScript the
   form still submits to the search page. */
(function () {
  "use strict";
  var script = document.currentScript;
  var lang = (document.documentElement.getAttribute("lang") || "th").slice(0, 2);
  var endpoint = "/" + lang + "/search/autocomplete/";

  if (script && !document.querySelector('link[data-search-css]')) {
    var css = document.createElement("link");
    css.rel = "stylesheet";
    css.href = script.src.replace(/autocomplete\.js(\?.*)?$/, "search.css");
    css.setAttribute("data-search-css", "");
    document.head.appendChild(css);
  }

  function setup(input, index) {
    var form = input.form;
    var wrapper = document.createElement("div");
    wrapper.className = "autocomplete";
    input.parentNode.insertBefore(wrapper, input);
    wrapper.appendChild(input);
    var list = document.createElement("ul");
    var listId = "autocomplete-list-" + index;
    list.id = listId;
    list.className = "autocomplete__list";
    list.setAttribute("role", "listbox");
    list.hidden = true;
    wrapper.appendChild(list);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listId);
    var items = [];
    var active = -1;
    var timer = null;
    var lastQuery = "";
    var controller = null;

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function highlight(position) {
      var options = list.querySelectorAll("[role=option]");
      options.forEach(function (option, i) { option.setAttribute("aria-selected", i === position ? "true" : "false"); });
      active = position;
      if (position >= 0 && options[position]) {
        input.setAttribute("aria-activedescendant", options[position].id);
        options[position].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function render(suggestions) {
      items = suggestions;
      list.textContent = "";
      if (!suggestions.length) { close(); return; }
      suggestions.forEach(function (item, i) {
        var option = document.createElement("li");
        option.id = listId + "-" + i;
        option.className = "autocomplete__option";
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        var title = document.createElement("span");
        title.innerHTML = item.title_html; /* escaped by the server; only <mark> inside */
        var type = document.createElement("span");
        type.className = "autocomplete__type";
        type.textContent = item.type_label;
        option.appendChild(title);
        option.appendChild(type);
        option.addEventListener("mousedown", function (event) { event.preventDefault(); window.location.href = item.url; });
        list.appendChild(option);
      });
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
      active = -1;
    }

    function fetchSuggestions() {
      var query = input.value.trim();
      if (query === lastQuery) { return; }
      lastQuery = query;
      if (query.length < 2) { render([]); return; }
      if (controller) { controller.abort(); }
      controller = window.AbortController ? new AbortController() : null;
      fetch(endpoint + "?q=" + encodeURIComponent(query), { headers: { Accept: "application/json" }, signal: controller ? controller.signal : undefined })
        .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
        .then(function (data) { if (input.value.trim() === query) { render(data.suggestions || []); } })
        .catch(function () { /* aborted or offline: keep the plain search box */ });
    }

    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(fetchSuggestions, 200);
    });
    input.addEventListener("keydown", function (event) {
      if (list.hidden) { return; }
      if (event.key === "ArrowDown") { event.preventDefault(); highlight(Math.min(active + 1, items.length - 1)); }
      else if (event.key === "ArrowUp") { event.preventDefault(); highlight(Math.max(active - 1, -1)); }
      else if (event.key === "Escape") { event.preventDefault(); close(); }  /* first Escape closes the list, keeping the text */
      else if (event.key === "Enter" && active >= 0 && items[active]) { event.preventDefault(); window.location.href = items[active].url; }
    });
    input.addEventListener("blur", function () { window.setTimeout(close, 150); });
    if (form) { form.addEventListener("submit", close); }
  }

  document.querySelectorAll("input[data-autocomplete]").forEach(setup);
})();
