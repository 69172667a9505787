// Optional comfort: j/k move between events, Enter opens the focused one.
// Every page works without this script.
(function () {
  "use strict";
  var items = Array.prototype.slice.call(document.querySelectorAll("li[data-event]"));
  if (!items.length) return;
  var current = -1;
  function focus(i) {
    if (i < 0 || i >= items.length) return;
    if (current >= 0) items[current].classList.remove("current");
    current = i;
    items[i].classList.add("current");
    var link = items[i].querySelector("a.event-title");
    if (link) link.focus();
  }
  document.addEventListener("keydown", function (e) {
    var t = e.target;
    if (t && (t.tagName === "INPUT" || t.tagName === "SELECT" || t.tagName === "TEXTAREA")) return;
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    if (e.key === "j") { focus(current + 1); e.preventDefault(); }
    else if (e.key === "k") { focus(current - 1); e.preventDefault(); }
  });
})();
