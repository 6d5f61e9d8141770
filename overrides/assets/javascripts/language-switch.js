/* Switching language keeps the reader's place: a link to the other language's version of this
   page (Material's language menu, or our "Read this page in …" link, both marked hreflang) carries
   the paragraph being read — the one in the address, or else the first paragraph on screen. Both
   languages use the same #para-N anchors. The link's address is brought up to date whenever it
   is pointed at, focused or followed, so copying it or opening it in a new tab keeps the place too. */
(function () {
  "use strict";
  // Material looks up a sitemap.xml beside each <link rel="alternate"> of the page when it starts,
  // to map its language menu: with page-to-page links both are 404s on every page view, and this
  // script does that job. It runs after Material's bundle and before Material's start-up scan
  // (DOMContentLoaded), so the links are hidden from the scan and put back once it has run. The Atom
  // feed's link is an alternate too, and would send Material to feed.xml's sitemap.xml as well.
  var alternates = document.querySelectorAll("link[rel=alternate]");
  alternates.forEach(function (link) { link.rel = "x-alternate"; });
  document.addEventListener("DOMContentLoaded", function () {
    alternates.forEach(function (link) { link.rel = "alternate"; });
  }, { once: true });
  // The paragraph being read: the first with at least this much of it showing below the header.
  var VISIBLE = 40;
  function currentParagraph() {
    if (/^#para-\d+$/.test(window.location.hash)) return window.location.hash;
    var header = document.querySelector(".md-header");
    var top = (header ? header.getBoundingClientRect().bottom : 0) + VISIBLE;
    var paras = document.querySelectorAll("div.para[id^='para-']");
    for (var i = 0; i < paras.length; i++) {
      if (paras[i].getBoundingClientRect().bottom > top) return "#" + paras[i].id;
    }
    return "";
  }
  function otherLanguageLink(event) {
    var link = event.target.closest && event.target.closest("a[hreflang]");
    return link && link.getAttribute("hreflang") !== document.documentElement.lang ? link : null;
  }
  function carryPlace(link) {
    var url = new URL(link.href, window.location.href);
    url.hash = currentParagraph();
    link.href = url.href;
    return url.href;
  }
  ["mouseover", "focusin", "pointerdown"].forEach(function (type) {
    document.addEventListener(type, function (event) {
      var link = otherLanguageLink(event);
      if (link) carryPlace(link);
    }, true);
  });
  document.addEventListener("click", function (event) {
    var link = otherLanguageLink(event);
    if (!link) return;
    var href = carryPlace(link);
    if (event.button === 0 && !event.ctrlKey && !event.metaKey && !event.shiftKey && !event.altKey) {
      // Material's own handler would send the reader to the other language's page without the
      // paragraph (it looks the page up in a per-page sitemap.xml that does not exist): stop it.
      event.preventDefault();
      event.stopPropagation();
      window.location.assign(href);
    }
  }, true);
})();
