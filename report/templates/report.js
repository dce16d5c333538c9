// Offline search and filters: every table row is shown only when it contains the search text and,
// where it carries the filtered attribute (documents: province, year, kind), matches each filter.
(function () {
  "use strict";
  var search = document.getElementById("report-search");
  var count = document.getElementById("search-count");
  var selects = Array.prototype.slice.call(document.querySelectorAll("select[data-filter]"));
  var rows = Array.prototype.slice.call(document.querySelectorAll("table.filterable tbody tr"));
  var texts = rows.map(function (row) { return row.textContent.toLowerCase(); });

  function apply() {
    var query = search.value.trim().toLowerCase();
    var wanted = selects.filter(function (s) { return s.value !== ""; });
    var shown = 0;
    rows.forEach(function (row, i) {
      var keep = query === "" || texts[i].indexOf(query) !== -1;
      wanted.forEach(function (s) {
        var value = row.getAttribute("data-" + s.getAttribute("data-filter"));
        if (value !== null && value !== s.value) { keep = false; }
      });
      row.hidden = !keep;
      if (keep) { shown += 1; }
    });
    count.textContent = query === "" && wanted.length === 0 ? "" : shown + " / " + rows.length + " rows";
  }

  search.addEventListener("input", apply);
  selects.forEach(function (s) { s.addEventListener("change", apply); });
})();
