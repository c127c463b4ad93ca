// Copy-link buttons on sections: copies the section's permanent address.
(function () {
  "use strict";
  var buttons = document.querySelectorAll("[data-copy-link]");
  if (!buttons.length || !navigator.clipboard) { return; }
  buttons.forEach(function (button) {
    button.hidden = false;
    var label = button.firstChild ? button.firstChild.textContent : "";
    button.addEventListener("click", function () {
      var url = new URL(button.getAttribute("data-copy-link"), window.location.href).href;
      navigator.clipboard.writeText(url).then(function () {
        button.classList.add("is-copied");
        button.setAttribute("data-copied", "true");
        if (button.firstChild) { button.firstChild.textContent = document.documentElement.lang === "th" ? "คัดลอกลิงก์แล้ว" : "Link copied"; }
        window.setTimeout(function () {
          button.classList.remove("is-copied");
          if (button.firstChild) { button.firstChild.textContent = label; }
        }, 2000);
      });
    });
  });
})();
