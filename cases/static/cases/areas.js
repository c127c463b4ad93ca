/* Cascading selects for province → district → subdistrict on the case filing form.
   Without JavaScript the form still works: the "Update the list" button reloads it with the
   next list filled in. With it, the lists are fetched from /api/v1/areas/ and that button hides. */
(function () {
  "use strict";
  var form = document.querySelector("select[name=province]") && document.querySelector("select[name=province]").form;
  if (!form || !window.fetch) { return; }
  var province = form.querySelector("select[name=province]");
  var district = form.querySelector("select[name=district]");
  var subdistrict = form.querySelector("select[name=subdistrict]");
  if (!district || !subdistrict) { return; }
  var lang = (document.documentElement.lang || "th").slice(0, 2) === "en" ? "en" : "th";
  var base = form.getAttribute("data-areas-api") || "/api/v1/areas/";
  var update = form.querySelector("button[name=update_areas]");
  if (update) { update.hidden = true; }

  function hint(select) {
    var id = select.getAttribute("aria-describedby");
    return id ? document.getElementById(id.split(" ")[0]) : null;
  }

  function fill(select, rows) {
    var blank = select.options.length ? select.options[0].cloneNode(true) : new Option("", "");
    blank.value = "";
    while (select.options.length) { select.remove(0); }
    select.add(blank);
    rows.forEach(function (row) { select.add(new Option(row.name, row.code)); });
    select.value = "";
    select.disabled = rows.length === 0;
    var help = hint(select);
    if (help && rows.length) { help.hidden = true; }
  }

  function load(url, select) {
    select.setAttribute("aria-busy", "true");
    return fetch(base + url + "?lang=" + lang, { headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : []; })
      .catch(function () { return []; })
      .then(function (rows) { fill(select, rows); select.removeAttribute("aria-busy"); });
  }

  province.addEventListener("change", function () {
    fill(subdistrict, []);
    if (province.value) { load("provinces/" + encodeURIComponent(province.value) + "/districts/", district); }
    else { fill(district, []); }
  });
  district.addEventListener("change", function () {
    if (district.value) { load("districts/" + encodeURIComponent(district.value) + "/subdistricts/", subdistrict); }
    else { fill(subdistrict, []); }
  });
  if (!province.value) { district.disabled = true; }
  if (!district.value) { subdistrict.disabled = true; }
}());
