// The live page follows the sitting over Server-Sent Events; without JavaScript it reloads
// itself (<noscript> refresh), so this file only makes it immediate.
(function () {
  "use strict";
  var root = document.querySelector("[data-live-stream]");
  if (!root || !window.EventSource) { return; }
  var version = parseInt(root.dataset.version, 10) || 0;
  // Numbers in Thai digits on Thai pages, as the server writes them.
  var thaiDigits = (document.documentElement.lang || "").indexOf("th") === 0;
  function digits(text) {
    return thaiDigits ? text.replace(/[0-9]/g, function (digit) { return "๐๑๒๓๔๕๖๗๘๙".charAt(+digit); }) : text;
  }
  var labels = {};
  ["live-status-labels", "live-outcome-labels"].forEach(function (id) {
    var node = document.getElementById(id);
    labels[id] = node ? JSON.parse(node.textContent) : {};
  });

  function lookup(state, path) {
    return path.split(".").reduce(function (value, key) {
      return value === null || value === undefined ? value : value[key];
    }, state);
  }

  function show(selector, visible) {
    root.querySelectorAll(selector).forEach(function (node) { node.hidden = !visible; });
  }

  function render(state) {
    show("[data-live-on-air]", state.on_air);
    show("[data-live-off-air]", !state.on_air);
    show("[data-live-player]", state.on_air);
    show("[data-live-has-item]", !!state.item);
    show("[data-live-no-item]", !state.item);
    show("[data-live-has-vote]", !!state.vote);
    root.querySelectorAll("[data-live-field]").forEach(function (node) {
      var value = lookup(state, node.dataset.liveField);
      var table = node.dataset.liveLabels;
      if (table) { value = labels[table][String(value)]; }
      var text = value === null || value === undefined ? (node.tagName === "DD" ? "–" : "") : String(value);
      node.textContent = node.hasAttribute("data-live-number") ? digits(text) : text;
    });
    root.dataset.version = String(state.version);
  }

  var source = new EventSource(root.dataset.liveStream);
  source.addEventListener("state", function (event) {
    var state = JSON.parse(event.data);
    if (state.version < version) { return; }
    version = state.version;
    render(state);
  });
  source.addEventListener("open", function () { show("[data-live-status]", true); });
})();
