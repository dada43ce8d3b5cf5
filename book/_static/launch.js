// The hub form under each page's title: it turns the nbgitpuller link (made by
// course_lib.links.nbgitpuller_url for a placeholder hub) into one for the reader's own hub.
(function () {
  "use strict";
  function hubBase(text) {
    var url;
    try { url = new URL(text.trim()); } catch (e) { return null; }
    if (url.protocol !== "https:" && url.protocol !== "http:") return null;
    var base = url.origin + url.pathname.replace(/\/+$/, "");
    if (base.slice(-4) === "/hub") base = base.slice(0, -4);
    return base;
  }
  function setUp(box) {
    var placeholder = box.getAttribute("data-hub-placeholder");
    var link = box.querySelector(".csto-hub-link");
    var form = box.querySelector(".csto-hub-form");
    var message = box.querySelector(".csto-hub-message");
    var template = link.getAttribute("data-template");
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var base = hubBase(form.elements.hub.value);
      if (!base) {
        message.textContent = "That is not a web address. Write your hub's address, for " +
          "example https://hub.example.edu";
        return;
      }
      link.href = base + template.slice(placeholder.length);
      message.textContent = "The \u201cOpen on your JupyterHub\u201d link now opens this notebook on " + base + ".";
      try { localStorage.setItem("csto-hub", base); } catch (e) { /* private mode */ }
    });
    var saved = null;
    try { saved = localStorage.getItem("csto-hub"); } catch (e) { /* private mode */ }
    if (saved && hubBase(saved)) {
      form.elements.hub.value = saved;
      link.href = hubBase(saved) + template.slice(placeholder.length);
    }
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".csto-launch").forEach(setUp);
  });
})();
