/* Addresses survive renumbering. When an edition adds or removes paragraphs, the paragraphs after
   them change number, and a link made earlier (#para-160 in a record or an email) would land on
   another paragraph. The page carries, as a JSON data block written by the build (the guidance
   plugin, amendments.py), the map from each edition's numbers to today's; this script moves an old
   link to the paragraph's number now.

   Which edition a link's number belongs to: the one named by ?edition=YYYY-MM-DD in the link; else,
   for a link followed from another site (or typed in), the first edition, whose numbers every link
   published before the first renumbering uses. A link inside this site (same origin referrer) is
   already in today's numbers and is left alone, as is a paragraph number that never changed. */
(function () {
  "use strict";
  var block = document.getElementById("paragraph-addresses");
  if (!block) return;
  var data;
  try { data = JSON.parse(block.textContent); } catch (error) { return; }
  var match = /^#para-(\d+)$/.exec(window.location.hash);
  if (!match) return;
  var from = new URLSearchParams(window.location.search).get("edition");
  if (!from) {
    var referrer = "";
    try { referrer = document.referrer ? new URL(document.referrer).origin : ""; } catch (error) { referrer = ""; }
    if (referrer && referrer === window.location.origin) return;
    from = data.first;
  }
  var map = data.editions && data.editions[from];
  if (!map || !(match[1] in map) || map[match[1]] === null) return;
  var target = document.getElementById("para-" + map[match[1]]);
  if (!target) return;
  window.location.replace("#para-" + map[match[1]]);
})();
