/* Tooltips for abbreviations, titled links and buttons, and footnote marks, made only when a reader
   points at, focuses or taps one. Material's content.tooltips and content.footnote.tooltips set up
   a tooltip for every such element as the page loads: about 320 on chapter 2 (146 abbreviations, 88
   paragraph numbers, 66 footnote marks), over half a second of a mid-range phone's main thread before
   the page responds (issue 16). This draws the same tooltips, with Material's own styles
   (.md-tooltip2), from a handful of listeners on the document, one tooltip at a time.

   - A titled element: its title below it (role=tooltip), while pointed at or focused; the title
     attribute is held back meanwhile, so the browser does not draw its own on top.
   - A footnote mark: the footnote's text above or below it, where there is more room (role=dialog;
     the pointer may move onto it to follow a link in it). A mouse click still goes to the footnote;
     on a touch screen the first tap shows the footnote without leaving the text, the second follows.
   - Escape hides it (WCAG 1.4.13); so does a tap elsewhere or leaving the element. */
(function () {
  "use strict";
  var FOOTNOTE = "sup[id^='fnref'] > a[href^='#fn']";
  var HOSTS = FOOTNOTE + ", [title]";
  var LINGER = 250;  // ms a tooltip stays after the pointer leaves, to reach a footnote's links (Material's)
  var sequence = 0;
  var shown = null;  // {host, node, title, timer, touch, tapped}

  function within(element, target) {
    return !!element && !!target && element.contains(target);
  }

  function hostOf(target) {
    if (shown && within(shown.host, target)) return shown.host;
    var host = target && target.closest ? target.closest(HOSTS) : null;
    return host && !host.closest(".md-tooltip2") ? host : null;
  }

  function render(host) {
    var node = document.createElement("div");
    var inner = document.createElement("div");
    node.className = "md-tooltip2";
    inner.className = "md-tooltip2__inner md-typeset";
    if (host.matches(FOOTNOTE)) {
      var note = document.getElementById(decodeURIComponent(host.hash.slice(1)));
      if (!note) return null;
      node.setAttribute("role", "dialog");
      Array.prototype.forEach.call(note.children, function (child) { inner.appendChild(child.cloneNode(true)); });
      Array.prototype.forEach.call(inner.querySelectorAll(".footnote-backref, [id]"), function (element) {
        if (element.classList.contains("footnote-backref")) element.remove();
        else element.removeAttribute("id");  // the footnote keeps its ids; the copy must not repeat them
      });
    } else {
      node.setAttribute("role", "tooltip");
      inner.textContent = host.getAttribute("title");
    }
    node.appendChild(inner);
    return node;
  }

  function place(host, node) {
    var box = host.getBoundingClientRect();
    var y;
    node.style.setProperty("--md-tooltip-host-x", box.left + window.scrollX + "px");
    node.style.setProperty("--md-tooltip-host-y", box.top + window.scrollY + "px");
    node.style.setProperty("--md-tooltip-x", box.width / 2 + "px");
    if (node.getAttribute("role") === "tooltip") {
      // below, as operating systems draw them; no tail, and centred on the element
      node.style.setProperty("--md-tooltip-width", node.firstChild.offsetWidth + "px");
      node.style.setProperty("--md-tooltip-tail", "0px");
      y = 8 + box.height;
    } else if (box.top >= window.innerHeight / 2) {
      y = -16 - node.offsetHeight;
    } else {
      y = 16 + box.height;
    }
    node.style.setProperty("--md-tooltip-y", y + "px");
    node.classList.toggle("md-tooltip2--top", y < 0);
    node.classList.toggle("md-tooltip2--bottom", y >= 0);
  }

  function show(host, touch) {
    if (shown && shown.host === host) {
      clearTimeout(shown.timer);
      return;
    }
    hide(true);
    var node = render(host);
    if (!node) return;
    var title = host.getAttribute("title");
    host.removeAttribute("title");
    node.id = "__tooltip_" + ++sequence;
    document.body.appendChild(node);
    place(host, node);
    host.setAttribute(node.getAttribute("role") === "dialog" ? "aria-controls" : "aria-describedby", node.id);
    shown = { host: host, node: node, title: title, timer: 0, touch: !!touch, tapped: false };
    window.requestAnimationFrame(function () { node.classList.add("md-tooltip2--active"); });
  }

  function hide(now) {
    if (!shown) return;
    var gone = shown;
    shown = null;
    clearTimeout(gone.timer);
    gone.node.classList.remove("md-tooltip2--active");
    gone.host.removeAttribute("aria-describedby");
    gone.host.removeAttribute("aria-controls");
    if (gone.title !== null) gone.host.setAttribute("title", gone.title);
    if (now) gone.node.remove();
    else setTimeout(function () { gone.node.remove(); }, LINGER);  // after Material's fade
  }

  function hideSoon() {
    if (!shown || shown.touch) return;
    clearTimeout(shown.timer);
    shown.timer = setTimeout(function () { hide(false); }, LINGER);
  }

  document.addEventListener("pointerover", function (event) {
    if (shown && within(shown.node, event.target)) {
      clearTimeout(shown.timer);  // on the tooltip itself: keep it
      return;
    }
    var host = hostOf(event.target);
    if (host) show(host, event.pointerType === "touch");
  });
  document.addEventListener("pointerout", function (event) {
    if (!shown) return;
    var to = event.relatedTarget;
    if (within(shown.host, to) || within(shown.node, to)) return;
    hideSoon();
  });
  document.addEventListener("pointerdown", function (event) {
    if (shown && shown.touch && !within(shown.host, event.target) && !within(shown.node, event.target)) hide(false);
  });
  document.addEventListener("click", function (event) {
    // a touch screen's first tap on a footnote mark shows the footnote; the second goes to it
    if (!shown || !shown.touch || !within(shown.host, event.target) || !shown.host.matches(FOOTNOTE)) return;
    if (!shown.tapped) {
      shown.tapped = true;
      event.preventDefault();
    } else {
      hide(true);
    }
  });
  document.addEventListener("focusin", function (event) {
    var host = hostOf(event.target);
    if (host) show(host, false);
  });
  document.addEventListener("focusout", function (event) {
    // no lingering for the keyboard: the next Tab must not find the last element's tooltip still there
    if (shown && within(shown.host, event.target) && !within(shown.node, event.relatedTarget)) hide(false);
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") hide(true);
  });
  window.addEventListener("resize", function () { hide(true); });
})();
