// The membership explorer without a kernel: a year slider over maps and tables drawn at build
// time (scripts/build_site.py, explorer_frames). Vanilla JS; frames.json and one map per year.
(function () {
  "use strict";
  function root() {
    var r = document.documentElement.getAttribute("data-content_root");
    return r === null ? "" : r;
  }
  function setUp(box, data) {
    var base = root() + "_static/explorer/";
    var frames = data.frames;
    var id = "csto-year-" + Math.random().toString(36).slice(2, 8);
    var controls = document.createElement("div");
    controls.className = "csto-static-controls";
    controls.innerHTML = '<label for="' + id + '">Year</label> ' +
      '<input type="range" id="' + id + '" min="0" max="' + (frames.length - 1) +
      '" step="1" value="' + (frames.length - 1) + '"> <output></output>';
    var header = document.createElement("div");
    header.className = "csto-static-header";
    var img = document.createElement("img");
    img.className = "csto-static-map";
    img.width = 800; img.height = 412;
    var table = document.createElement("div");
    table.className = "csto-static-table";
    var legend = document.createElement("div");
    legend.className = "csto-static-legend";
    legend.innerHTML = data.legend || "";
    box.appendChild(controls); box.appendChild(header); box.appendChild(img);
    box.appendChild(legend); box.appendChild(table);
    var slider = controls.querySelector("input");
    var label = controls.querySelector("output");
    function show(i) {
      var f = frames[i];
      label.textContent = f.date;
      slider.setAttribute("aria-valuetext", f.date);
      header.innerHTML = f.header;
      img.src = base + f.image;
      img.alt = f.alt;
      table.innerHTML = f.table;
      box.setAttribute("data-year", String(f.year));
    }
    slider.addEventListener("input", function () { show(+slider.value); });
    show(frames.length - 1);
  }
  document.addEventListener("DOMContentLoaded", function () {
    var boxes = document.querySelectorAll(".csto-static-explorer");
    if (!boxes.length) return;
    fetch(root() + "_static/explorer/frames.json")
      .then(function (r) { return r.json(); })
      .then(function (data) { boxes.forEach(function (b) { setUp(b, data); }); });
  });
})();
