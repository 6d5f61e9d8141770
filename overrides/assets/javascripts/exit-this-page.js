/* Exit this page (GOV.UK Design System pattern) for readers who may be watched.
   - The button, the skip link, or Shift pressed 3 times within 5 seconds leaves for a neutral site.
   - The page is blanked at once with an overlay ("Loading."), so nothing stays on screen while
     the next site loads.
   - History: location.replace() swaps this page out of the tab's history, so pressing Back on the
     neutral site does not bring it straight back. (Earlier pages of this site stay in history, as
     they do with GOV.UK's component; clearing history is beyond what a web page can do — the
     accessibility statement tells readers how to browse privately.)
   All text comes from the page (data-* attributes), so it is in the page's language. */
(function () {
  "use strict";
  var root = document.querySelector("[data-exit-this-page-root]");
  if (!root) return;
  var url = root.querySelector("[data-exit-this-page]").href;
  var indicator = root.querySelector(".exit-this-page__indicator");

  function exit(event) {
    if (event) event.preventDefault();
    var overlay = document.createElement("div");
    overlay.className = "exit-this-page__overlay";
    overlay.setAttribute("role", "alert");
    overlay.textContent = root.getAttribute("data-loading");
    document.body.appendChild(overlay);
    document.title = root.getAttribute("data-loading");
    window.location.replace(url);
  }

  document.querySelectorAll("[data-exit-this-page]").forEach(function (link) {
    link.addEventListener("click", exit);
  });
  // role="button" links also answer to the space bar, like buttons.
  root.querySelector(".exit-this-page__button").addEventListener("keydown", function (event) {
    if (event.key === " ") exit(event);
  });

  var presses = 0, timer = null;
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Shift" || event.repeat) {
      if (event.key !== "Shift") presses = 0;
      return;
    }
    presses += 1;
    clearTimeout(timer);
    if (presses >= 3) {
      indicator.textContent = root.getAttribute("data-shift-0");
      exit();
      return;
    }
    indicator.textContent = root.getAttribute("data-shift-" + (3 - presses));
    timer = setTimeout(function () {
      presses = 0;
      indicator.textContent = root.getAttribute("data-timed-out");
    }, 5000);
  });
})();
