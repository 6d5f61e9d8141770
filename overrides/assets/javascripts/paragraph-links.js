/* Paragraph numbers are permalinks. Following one still moves to the paragraph (and updates the
   address bar); where the browser allows it, the full link is also copied so a practitioner can
   paste "para 158" into a record. The confirmation text comes from the page (<meta name=para-copied>,
   "{n}" standing for the number), so it is in the page's language. */
(function () {
  "use strict";
  function announce(message) {
    var note = document.createElement("div");
    note.className = "para-copied";
    note.setAttribute("role", "status");
    note.textContent = message;
    document.body.appendChild(note);
    setTimeout(function () { note.remove(); }, 2500);
  }
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a.para-num");
    if (!link || !navigator.clipboard) return;
    var url = new URL(link.getAttribute("href"), window.location.href).href;
    navigator.clipboard.writeText(url).then(function () {
      var said = document.querySelector("meta[name='para-copied']");
      if (said) announce(said.content.replace("{n}", link.hash.replace("#para-", "")));
    }, function () { /* copying refused: the link still works */ });
  });
})();
