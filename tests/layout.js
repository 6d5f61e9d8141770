/* What Chromium paints, measured for tests/test_layout.py (installed in every page it opens as
   window.layout). Each check returns {count, problems}: how many things it looked at, so that a check
   cannot pass by finding nothing, and one line per thing that is wrong, naming the element. */
window.layout = (() => {
  "use strict";
  // Text meant for screen readers only, whatever the class is called (Material's, GOV.UK's, ours).
  const SR_ONLY = '[class*="visually-hidden"]';
  const FOCUSABLE = 'a[href], area[href], button, input:not([type="hidden"]), select, textarea, summary, ' +
    'iframe, [tabindex], [contenteditable]:not([contenteditable="false"])';
  const HEADER_CONTROLS = '.md-header :is(a[href], button, label, input:not([type="hidden"]), select, ' +
    'textarea, [tabindex]), .exit-this-page__button';
  const LANGUAGE_LINKS = '.md-header__option .md-select__link';
  const FAR = 1e9;

  const norm = s => (s || "").replace(/\s+/g, " ").trim();
  const snippet = s => { s = norm(s); return s.length > 40 ? s.slice(0, 39) + "…" : s; };
  const px = v => Math.round(v);
  const box = (left, top, right, bottom) => ({left, top, right, bottom});
  const meet = (a, b) => box(Math.max(a.left, b.left), Math.max(a.top, b.top),
                             Math.min(a.right, b.right), Math.min(a.bottom, b.bottom));
  const width = r => Math.max(0, r.right - r.left);
  const height = r => Math.max(0, r.bottom - r.top);
  const overlaps = (a, b) => { const m = meet(a, b); return width(m) > 0.5 && height(m) > 0.5; };
  const union = rs => rs.reduce((a, r) => box(Math.min(a.left, r.left), Math.min(a.top, r.top),
                                               Math.max(a.right, r.right), Math.max(a.bottom, r.bottom)));
  const where = r => `${px(width(r))}×${px(height(r))} px at (${px(r.left)}, ${px(r.top)})`;
  const drawn = el => el.checkVisibility({opacityProperty: true, visibilityProperty: true});

  // A short CSS path for messages: up to the nearest id, at most three steps.
  function cssPath(el) {
    const steps = [];
    for (let e = el; e && e.nodeType === 1 && steps.length < 3; e = e.parentElement) {
      if (e.id) { steps.unshift(`${e.localName}#${e.id}`); break; }
      const classes = [...e.classList].filter(c => c !== "focus-visible").slice(0, 2);
      steps.unshift(e.localName + classes.map(c => "." + c).join(""));
    }
    return steps.join(" > ");
  }
  function describe(el) {
    if (!el) return "nothing";
    const text = snippet(el.innerText || el.getAttribute("aria-label") || el.getAttribute("title"));
    return text ? `${cssPath(el)} "${text}"` : cssPath(el);
  }

  // Drawn and with a box: not display:none, visibility:hidden or opacity:0 (itself or an ancestor).
  function shown(el) {
    if (!drawn(el)) return false;
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0;
  }
  function paddingBox(el) {
    const r = el.getBoundingClientRect();
    const left = r.left + el.clientLeft, top = r.top + el.clientTop;
    return box(left, top, left + el.clientWidth, top + el.clientHeight);
  }
  // computed clip-path "inset(50%)", "inset(1px 2px 3px 4px round …)" -> the rectangle it leaves visible
  function insetOf(value, r) {
    const m = /^inset\(([^)]*)\)/.exec(value);
    if (!m) return null;
    const [t, right = t, b = t, l = right] = m[1].split(/\s+round\s+/)[0].trim().split(/\s+/);
    const len = (v, size) => v.endsWith("%") ? parseFloat(v) / 100 * size : parseFloat(v);
    return box(r.left + len(l, width(r)), r.top + len(t, height(r)),
               r.right - len(right, width(r)), r.bottom - len(b, height(r)));
  }
  // computed clip "rect(0px, 0px, 0px, 0px)": top, right, bottom, left from the border box's top left
  function clipOf(value, r) {
    const m = /^rect\(([^)]*)\)/.exec(value);
    if (!m) return null;
    const [t, right, b, l] = m[1].split(/[\s,]+/);
    const at = (v, otherwise) => v === "auto" ? otherwise : parseFloat(v);
    return box(r.left + at(l, 0), r.top + at(t, 0), r.left + at(right, width(r)), r.top + at(b, height(r)));
  }
  // What paintArea needs of each box; `seen` (a Map) lets one measurement of many elements read
  // their shared ancestors once.
  function boxFacts(e, seen) {
    let facts = seen && seen.get(e);
    if (!facts) {
      const s = getComputedStyle(e);
      facts = {clipPath: s.clipPath, clip: s.clip, position: s.position, overflowX: s.overflowX,
               overflowY: s.overflowY, rect: e.getBoundingClientRect(), pad: paddingBox(e)};
      if (seen) seen.set(e, facts);
    }
    return facts;
  }
  // Where an element's content can be painted: cut by its own and its ancestors' clip-path, clip and
  // overflow (an absolutely positioned box escapes the overflow of ancestors below its containing
  // block, a fixed one all of them), and by the page: nothing above or left of it is ever on screen.
  function paintArea(el, seen = null) {
    let area = box(-FAR, -FAR, FAR, FAR), clipper = el, fixed = false;
    for (let e = el; e && e !== document.documentElement; e = e.parentElement) {
      const f = boxFacts(e, seen);
      const inset = insetOf(f.clipPath, f.rect);
      if (inset) area = meet(area, inset);
      if (f.position === "absolute" || f.position === "fixed") {
        const clip = clipOf(f.clip, f.rect);
        if (clip) area = meet(area, clip);
      }
      if (e === clipper) {
        if (f.overflowX !== "visible") area = meet(area, box(f.pad.left, -FAR, f.pad.right, FAR));
        if (f.overflowY !== "visible") area = meet(area, box(-FAR, f.pad.top, FAR, f.pad.bottom));
        if (f.position === "fixed") { fixed = true; clipper = null; }
        else if (f.position === "absolute") {
          clipper = e.parentElement;
          while (clipper && clipper !== document.documentElement && boxFacts(clipper, seen).position === "static")
            clipper = clipper.parentElement;
        } else clipper = e.parentElement;
      }
    }
    const root = document.documentElement;
    if (fixed) return meet(area, box(0, 0, root.clientWidth, root.clientHeight));
    const cutRight = getComputedStyle(root).overflowX !== "visible";
    return meet(area, box(-scrollX, -scrollY, cutRight ? root.clientWidth - scrollX : FAR, FAR));
  }
  function textNodes(root, keep = () => true) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
      acceptNode: n => norm(n.data) && keep(n) ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_REJECT});
    const nodes = [];
    while (walker.nextNode()) nodes.push(walker.currentNode);
    return nodes;
  }
  function layoutRects(textNode) {
    const range = document.createRange();
    range.selectNodeContents(textNode);
    return [...range.getClientRects()];
  }
  // The rectangles of a text node that are actually painted (layout rects cut to the paint area).
  function paintedRects(textNode, seen = null) {
    const parent = textNode.parentElement;
    if (!parent || !drawn(parent)) return [];
    const area = paintArea(parent, seen);
    return layoutRects(textNode).map(r => meet(r, area)).filter(r => width(r) > 0 && height(r) > 0);
  }

  // 1. Screen-reader-only text paints at most 1×1 px, unless it has keyboard focus (a skip link).
  function screenReaderOnly() {
    const found = [...document.querySelectorAll(SR_ONLY)], problems = [], seen = new Map();
    for (const el of found) {
      if (el.matches(":focus-within")) continue;
      const painted = textNodes(el).flatMap(n => paintedRects(n, seen)).filter(r => width(r) > 1 || height(r) > 1);
      if (painted.length)
        problems.push(`${describe(el)} (screen-reader-only text) is painted: ${where(union(painted))}`);
    }
    return {count: found.length, problems};
  }

  // 2. A paragraph's number (its box and its painted text) never overlaps the paragraph's own text.
  function paragraphNumbers() {
    const numbers = [...document.querySelectorAll("div.para > a.para-num")], problems = [], seen = new Map();
    for (const num of numbers) {
      const para = num.parentElement;
      const numBoxes = [num.getBoundingClientRect(), ...textNodes(num).flatMap(n => paintedRects(n, seen))];
      const hit = textNodes(para, n => !num.contains(n)).find(
        n => paintedRects(n, seen).some(r => numBoxes.some(b => overlaps(b, r))));
      if (hit)
        problems.push(`${describe(num)}: the number (${where(union(numBoxes))}) overlaps the paragraph's ` +
                      `text "${snippet(hit.data)}"`);
    }
    return {count: numbers.length, problems};
  }

  // 3. Each control shown is what the pointer meets at its centre, and halfway from there to each
  // edge and corner: nothing covers it, not even the part of it a reader taps.
  const POINTS = [[.5, .5, "its centre"], [.5, .25, "the point halfway to its top edge"],
    [.5, .75, "the point halfway to its bottom edge"], [.25, .5, "the point halfway to its left edge"],
    [.75, .5, "the point halfway to its right edge"], [.25, .25, "the point halfway to its top left corner"],
    [.75, .25, "the point halfway to its top right corner"], [.25, .75, "the point halfway to its bottom left corner"],
    [.75, .75, "the point halfway to its bottom right corner"]];
  function uncovered(selector) {
    const problems = [], checked = [], root = document.documentElement;
    for (const el of document.querySelectorAll(selector)) {
      if (!shown(el)) continue;
      checked.push(cssPath(el));
      const r = el.getBoundingClientRect(), cx = (r.left + r.right) / 2, cy = (r.top + r.bottom) / 2;
      if (cx < 0 || cy < 0 || cx >= root.clientWidth || cy >= root.clientHeight) {
        problems.push(`${describe(el)}: its centre (${px(cx)}, ${px(cy)}) is off the screen`);
        continue;
      }
      // A control the pointer passes through by design (pointer-events: none, like the search icon
      // over the search box) is fine as long as what it passes to is the header's own.
      const through = getComputedStyle(el).pointerEvents === "none";
      for (const [fx, fy, name] of POINTS) {
        const x = r.left + fx * r.width, y = r.top + fy * r.height, hit = document.elementFromPoint(x, y);
        if (hit && (hit === el || el.contains(hit) || through && hit.closest(".md-header"))) continue;
        problems.push(`${describe(el)} is covered at ${name} (${px(x)}, ${px(y)}) by ${describe(hit)}`);
        break;
      }
    }
    return {count: checked.length, checked, problems};
  }
  const headerControls = () => uncovered(HEADER_CONTROLS);
  const languageMenu = () => uncovered(LANGUAGE_LINKS);

  // Transitions and animations jump to their end, so styles read next are the ones the reader ends up seeing.
  function settle() {
    for (const a of document.getAnimations()) try { a.finish(); } catch (e) { /* infinite: leave it */ }
  }

  // 4. Nothing is wider than the window: names the outermost boxes and text that reach past its right
  // edge, where the reader would scroll sideways, or could not reach them at all if fixed to the
  // screen. Content in its own scroll box, such as a wide table, may be wider.
  function reflow() {
    const root = document.documentElement, limit = root.clientWidth + 0.5, culprits = [];
    const scrolls = e => e !== root && e !== document.body && getComputedStyle(e).overflowX !== "visible";
    const reach = e => e.getBoundingClientRect().right + scrollX;
    const textReach = e => getComputedStyle(e).overflowX !== "visible" ? -FAR :  // its own box cuts its text (check 5)
      Math.max(-FAR, ...[...e.childNodes].filter(n => n.nodeType === 3 && norm(n.data))
        .flatMap(n => layoutRects(n)).map(r => r.right + scrollX));
    const sticksOut = e => shown(e) && (reach(e) > limit || textReach(e) > limit);
    for (const el of document.body.querySelectorAll("*")) {
      if (!sticksOut(el) || (el.parentElement !== document.body && reach(el.parentElement) > limit)) continue;
      let e = el.parentElement;
      while (e && !scrolls(e)) e = e.parentElement;
      if (!e) culprits.push(`${describe(el)} reaches x = ${px(Math.max(reach(el), textReach(el)))}`);
    }
    return {scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, culprits};
  }

  // 5. No text is cut off by a box that hides its overflow. Scroll boxes (overflow auto/scroll) are
  // fine: the reader can scroll them. Screen-reader-only text is cut off on purpose (check 1).
  function clippedText() {
    const h1 = norm(document.querySelector("article h1")?.textContent.replace(/¶/g, ""));
    const siteName = norm(document.querySelector(".md-header .md-logo")?.getAttribute("aria-label"));
    const deliberate = el => {  // Material's one-line ellipses, holding only what they are meant to hold
      const text = norm(el.textContent), link = el.closest(".md-footer__link");
      return el.matches(".md-header__topic > .md-ellipsis") && (text === h1 || text === siteName) ||
             el.matches(".md-nav--primary > .md-nav__title") && text === siteName ||
             el.matches(".md-footer__title > .md-ellipsis") && norm(link?.getAttribute("aria-label")).endsWith(": " + text);
    };
    const ownClipper = n => {  // the nearest ancestor that clips or scrolls this text
      for (let e = n.parentElement; e; e = e.parentElement) {
        const s = getComputedStyle(e);
        if (s.overflowX !== "visible" || s.overflowY !== "visible") return e;
      }
      return null;
    };
    const problems = [];
    let count = 0;
    for (const el of [document.documentElement, ...document.body.querySelectorAll("*")]) {
      const s = getComputedStyle(el);
      const cutX = /hidden|clip/.test(s.overflowX), cutY = /hidden|clip/.test(s.overflowY);
      if (!(cutX || cutY) || el.closest(SR_ONLY) || !shown(el)) continue;
      const r = el.getBoundingClientRect();
      if (r.right + scrollX <= 0 || r.bottom + scrollY <= 0) continue;  // off the page, e.g. a closed drawer
      count++;
      if (!(cutX && el.scrollWidth > el.clientWidth + 1 || cutY && el.scrollHeight > el.clientHeight + 1)) continue;
      const pad = el === document.documentElement ? box(-scrollX, -scrollY, el.clientWidth - scrollX, FAR) : paddingBox(el);
      const lost = textNodes(el, n => ownClipper(n) === el && drawn(n.parentElement) && !n.parentElement.closest(SR_ONLY))
        .filter(n => layoutRects(n).some(t => cutX && (t.right > pad.right + 1 || t.left < pad.left - 1) ||
                                              cutY && (t.bottom > pad.bottom + 1 || t.top < pad.top - 1)));
      if (!lost.length) continue;
      // Decision: Material's one-line ellipses lose nothing: the header title is this page's h1 (in full below it) or the site name (as is the drawer's title; in full as the logo's and the window's title); the footer's previous/next are the neighbouring pages' titles (in full in the link's name and on those pages).
      if (deliberate(el)) continue;
      problems.push(`${cssPath(el)} cuts off its text "${snippet(lost.map(n => n.data).join(" "))}" ` +
                    `(overflow ${s.overflowX} ${s.overflowY}: content ${el.scrollWidth}×${el.scrollHeight} px ` +
                    `in a ${el.clientWidth}×${el.clientHeight} px box)`);
    }
    return {count, problems};
  }

  // 6. Focus: the unfocused look of every element that can take keyboard focus, recorded before any
  // has it; then each focused element is judged against it.
  // Colours as painted: rgba composited over what is behind the element (its ancestors' backgrounds, white below all).
  const rgba = c => { const [r, g, b, a = 1] = c.match(/[\d.]+/g).map(Number); return [r, g, b, a]; };
  const over = ([r, g, b, a], [R, G, B]) => [r * a + R * (1 - a), g * a + G * (1 - a), b * a + B * (1 - a), 1];
  function backdrop(el) {
    const layers = [];
    for (let e = el; e; e = e.parentElement) {
      const c = rgba(getComputedStyle(e).backgroundColor);
      layers.push(c);
      if (c[3] === 1) break;
    }
    return layers.reduceRight((below, c) => over(c, below), [255, 255, 255, 1]);
  }
  const luminance = c => { const [r, g, b] = c.slice(0, 3).map(v => { v /= 255;
    return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; }); return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  const contrast = (a, b) => { const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
  // A change of colour readers can see: 1.5:1 between the unfocused and the focused colour (WCAG
  // 2.4.13, AAA, asks 3:1; this only rules out changes nobody sees, like a transition's last step).
  const SEEN = 1.5;
  const look = el => { const s = getComputedStyle(el), bg = backdrop(el);
    return {outlineStyle: s.outlineStyle, outlineWidth: parseFloat(s.outlineWidth), outlineColor: s.outlineColor,
            outline: `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}`, boxShadow: s.boxShadow,
            background: bg, color: over(rgba(s.color), bg)}; };
  const colour = c => `rgb(${c.slice(0, 3).map(Math.round).join(", ")})`;
  const transparent = c => c === "transparent" || /^rgba\(.*,\s*0\)$/.test(c);
  let unfocused = new Map(), judged = new Set();
  // Chromium also lets Tab reach a box that scrolls and holds nothing focusable.
  const scroller = el => /auto|scroll/.test(getComputedStyle(el).overflowX + getComputedStyle(el).overflowY) &&
    (el.scrollWidth > el.clientWidth || el.scrollHeight > el.clientHeight) && !el.querySelector(FOCUSABLE);
  // Painted somewhere on the page (on screen or not): drawn, and not cut away like a closed dialog's input.
  function painted(el, seen = null) {
    if (!shown(el)) return false;
    const area = meet(el.getBoundingClientRect(), paintArea(el, seen));
    return width(area) > 0 && height(area) > 0;
  }
  let paintedBefore = new Map();
  // Which elements are painted now, just before focus moves: one that is not and appears once
  // focused (a skip link, a dialog that opens) shows its focus by appearing.
  function beforeFocusMoves() {
    const seen = new Map();
    paintedBefore = new Map([...unfocused.keys()].map(el => [el, painted(el, seen)]));
  }
  function startFocusWalk() {
    settle();  // a transition still running (after load, after styles are added) is not the unfocused look
    unfocused = new Map(); judged = new Set(); slowWaits = 0;
    for (const el of document.body.querySelectorAll("*"))
      if (el.matches(FOCUSABLE) ? el.tabIndex >= 0 && !el.disabled && !el.closest("[inert]") : scroller(el))
        unfocused.set(el, look(el));
    beforeFocusMoves();
    return unfocused.size;
  }
  // How focus shows on an element, compared with its unfocused look; null if it does not.
  function indicator(before, now) {
    // Chromium paints `outline-style: auto` as a 2 px ring whatever outline-width says (measured on a screenshot).
    if (now.outline !== before.outline && now.outlineStyle !== "none" && !transparent(now.outlineColor) &&
        (now.outlineStyle === "auto" || now.outlineWidth >= 2)) return `outline ${now.outline}`;
    if (now.boxShadow !== before.boxShadow && now.boxShadow !== "none") return `box-shadow ${now.boxShadow}`;
    if (contrast(now.background, before.background) >= SEEN) return `background ${colour(before.background)} → ${colour(now.background)}`;
    if (contrast(now.color, before.color) >= SEEN) return `colour ${colour(before.color)} → ${colour(now.color)}`;
    if (!before.painted && now.visible) return "appears when focused";
    return null;
  }
  // On screen once focused (focus scrolls it into view): drawn, and not cut away or off the screen
  // like the links of a closed drawer.
  function visibleWhenFocused(el) {
    if (!shown(el)) return false;
    const root = document.documentElement;
    const area = meet(meet(el.getBoundingClientRect(), paintArea(el)), box(0, 0, root.clientWidth, root.clientHeight));
    return width(area) > 0 && height(area) > 0;
  }
  function judge(el) {
    judged.add(el);
    settle();
    const result = {element: describe(el), exit: el.matches(".exit-this-page__button"),
                    header: !!el.closest(".md-header"), focusVisible: el.matches(":focus-visible"),
                    visible: visibleWhenFocused(el)};
    if (!unfocused.has(el)) return {...result, known: false, indicator: null};
    const before = {...unfocused.get(el), painted: paintedBefore.get(el)};
    return {...result, known: true, indicator: indicator(before, {...look(el), visible: result.visible})};
  }
  const frame = () => new Promise(done => requestAnimationFrame(done));
  let slowWaits = 0;
  // Judge the focused element; if focus does not show at once, again while the page reacts (Material
  // opens the search box a frame or more after its input takes focus): up to 0.5 s, or two frames
  // once five elements on the page have shown nothing after waiting (a page where focus never shows).
  async function judgeFocused(el) {
    let result = judge(el);
    const until = performance.now() + (slowWaits < 5 ? 500 : 0);
    for (let i = 0; !result.indicator && document.activeElement === el && (i < 2 || performance.now() < until); i++) {
      await frame();
      result = judge(el);
    }
    if (!result.indicator) slowWaits++;
    return result;
  }
  // The element the keyboard has just reached.
  const focused = () => document.activeElement && document.activeElement !== document.body ?
    judgeFocused(document.activeElement) : null;
  // Every other focusable element, focused from script: after real Tab presses Chromium keeps the
  // keyboard modality, so :focus-visible applies as if Tab had reached it.
  async function focusTheRest() {
    const results = [];
    for (const el of [...unfocused.keys()]) {
      if (judged.has(el)) continue;
      paintedBefore.set(el, painted(el));
      el.focus();
      if (document.activeElement === el) results.push(await judgeFocused(el));  // else it cannot take focus (hidden, closed <details>)
    }
    return results;
  }

  return {screenReaderOnly, paragraphNumbers, headerControls, languageMenu, settle, reflow, clippedText,
          startFocusWalk, beforeFocusMoves, focused, focusTheRest};
})();
