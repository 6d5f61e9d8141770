/* Search loads when a reader starts to search, not with every page.
 *
 * Material starts its search worker and downloads the whole search index of the language (about
 * 90 KB gzipped) as soon as any page opens: on a phone with a poor connection every first visit
 * pays for it, though most readers never search. This script runs before Material's bundle
 * (overrides/main.html) and holds both back until the reader focuses the search box (by clicking
 * or tapping it, or with Material's keyboard shortcuts, which focus it): then the worker is
 * created and the index requested, exactly as Material would have done, only later. A page opened
 * from a search result (?h=...) or with a query (?q=...) starts at once. The offline copy
 * (file://) reads its index from a local script and is left alone.
 */
(function () {
  "use strict";
  if (location.protocol === "file:") return;

  var started = false;
  var waiting = [];
  function start() {
    if (started) return;
    started = true;
    waiting.splice(0).forEach(function (go) { go(); });
  }
  function whenStarted(go) {
    if (started) go(); else waiting.push(go);
  }

  // The worker: a stand-in that keeps Material's listeners and messages until search starts.
  var RealWorker = window.Worker;
  if (RealWorker) {
    window.Worker = function (url, options) {
      var real = null, listeners = [], messages = [];
      whenStarted(function () {
        real = new RealWorker(url, options);
        listeners.forEach(function (l) { real.addEventListener(l[0], l[1], l[2]); });
        messages.forEach(function (m) { real.postMessage(m); });
      });
      return {
        addEventListener: function (type, fn, opts) {
          if (real) real.addEventListener(type, fn, opts); else listeners.push([type, fn, opts]);
        },
        removeEventListener: function (type, fn, opts) {
          if (real) real.removeEventListener(type, fn, opts);
          else listeners = listeners.filter(function (l) { return l[0] !== type || l[1] !== fn; });
        },
        postMessage: function (message) {
          if (real) real.postMessage(message); else messages.push(message);
        },
        terminate: function () {
          if (real) real.terminate(); else waiting = [];
        }
      };
    };
  }

  // The index: Material requests search/search_index.json with XMLHttpRequest; send it later.
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url) {
    this.isSearchIndex = /\/search\/search_index\.json(?:[?#]|$)/.test(String(url));
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    var request = this, args = arguments;
    if (!request.isSearchIndex || started) return send.apply(request, args);
    whenStarted(function () { send.apply(request, args); });
  };

  var params = new URLSearchParams(location.search);
  if (params.has("q") || params.has("h")) {
    start();
    return;
  }
  document.addEventListener("focusin", function (event) {
    if (event.target.matches && event.target.matches("[data-md-component=search-query]")) start();
  });
})();
