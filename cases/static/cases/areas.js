// Cascading province → district → subdistrict selects on the filing form.
// Progressive enhancement: without JavaScript the "Update the list" button
// reloads the form with the right lists; with it, the lists follow the choice.
(function () {
  "use strict";
  var form = document.querySelector("[data-area-api]");
  if (!form || !window.fetch) { return; }
  var api = form.getAttribute("data-area-api");
  var lang = document.documentElement.lang || "th";
  var province = form.querySelector("#id_province");
  var district = form.querySelector("#id_district");
  var subdistrict = form.querySelector("#id_subdistrict");
  var update = form.querySelector("[name=update_areas]");
  if (!province || !district || !subdistrict) { return; }
  if (update) { update.hidden = true; }

  function fill(select, rows) {
    var blank = select.options[0] ? select.options[0].cloneNode(true) : new Option("", "");
    select.innerHTML = "";
    select.appendChild(blank);
    rows.forEach(function (row) { select.appendChild(new Option(row.name, row.code)); });
    select.value = "";
  }

  function load(url, select) {
    select.disabled = true;
    return fetch(url + "?lang=" + encodeURIComponent(lang), { headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : []; })
      .then(function (rows) { fill(select, rows); })
      .catch(function () { if (update) { update.hidden = false; } })
      .then(function () { select.disabled = false; });
  }

  province.addEventListener("change", function () {
    fill(subdistrict, []);
    if (!province.value) { fill(district, []); return; }
    load(api + "provinces/" + province.value + "/districts/", district);
  });
  district.addEventListener("change", function () {
    if (!district.value) { fill(subdistrict, []); return; }
    load(api + "districts/" + district.value + "/subdistricts/", subdistrict);
  });
})();
