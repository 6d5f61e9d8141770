// Lighthouse on a list of pages with ONE Chromium for all of them (a CLI run per page costs ~17 s).
//
//   node tests/lighthouse/audit.mjs URL [URL...]
//   LIGHTHOUSE_CATEGORIES=accessibility,best-practices,seo node tests/lighthouse/audit.mjs URL [URL...]
//
// Prints JSON: {lighthouse, chromium, pages: [{url, scores, failing, total_blocking_time_ms, ...}]}, scores
// 0-100 per category, `failing` the audits of those categories scoring below 1 (id, title, category,
// and where: the first few elements or addresses it names, so a failure says what to fix).
// Used by tests/test_lighthouse.py and `guidance benchmark --only lighthouse`.
//
// LIGHTHOUSE_CATEGORIES (comma-separated) audits only those categories; the others score null. The
// test asserts Accessibility, Best practices and SEO and names only those: leaving out Performance
// skips what only it needs (the trace's processing, the simulated load, the back/forward-cache
// navigation), a third of each page's time. The benchmark wants Performance and leaves it unset.
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';

// Debian's Chromium, as everywhere in the project (scripts/guidance/site/chromium.py)
const CHROMIUM = '/usr/bin/chromium';
// Headless, no sandbox (containers, root), and no traffic of Chromium's own to disturb the figures.
const FLAGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run'];
const ALL_CATEGORIES = ['accessibility', 'best-practices', 'seo', 'performance'];
const CATEGORIES = process.env.LIGHTHOUSE_CATEGORIES
  ? process.env.LIGHTHOUSE_CATEGORIES.split(',').map(c => c.trim()).filter(Boolean) : ALL_CATEGORIES;
// Modes that carry no verdict: nothing to fix when one of these is below 1.
const NO_VERDICT = new Set(['notApplicable', 'manual', 'informative']);

// No full-page screenshot: it is only for the HTML report's pictures of elements, which the summary
// below never carries (about a second a page).
const config = {
  extends: 'lighthouse:default',
  settings: {formFactor: 'mobile', throttlingMethod: 'simulate', onlyCategories: CATEGORIES,
             disableFullPageScreenshot: true},
};

// An item of an audit's details as one line: the element's HTML, or the address and message.
function where(item) {
  const node = item.node || item.source;
  if (node && node.type === 'node') return node.snippet;
  const url = item.sourceLocation ? item.sourceLocation.url : item.url;
  return [item.description, url].filter(Boolean).join(': ');
}

function summary(lhr) {
  const scores = Object.fromEntries(ALL_CATEGORIES.map(id => [id, null]));
  const failing = [];
  for (const id of CATEGORIES) {
    const category = lhr.categories[id];
    scores[id] = category.score === null ? null : Math.round(category.score * 100);
    for (const ref of category.auditRefs) {
      const audit = lhr.audits[ref.id];
      if (audit.score !== null && audit.score < 1 && !NO_VERDICT.has(audit.scoreDisplayMode)) {
        const items = (audit.details && audit.details.items) || [];
        failing.push({id: audit.id, title: audit.title, category: id, where: items.slice(0, 3).map(where)});
      }
    }
  }
  const tbt = lhr.audits['total-blocking-time'];
  return {url: lhr.finalDisplayedUrl, scores, failing,
    total_blocking_time_ms: tbt && tbt.numericValue !== undefined ? Math.round(tbt.numericValue) : null,
    // Lighthouse's own measure of how fast the machine was at the time: busy machines score lower
    benchmark_index: lhr.environment.benchmarkIndex,
    runtime_error: lhr.runtimeError ? lhr.runtimeError.message : null};
}

const urls = process.argv.slice(2);
if (!urls.length) {
  console.error('usage: node audit.mjs URL [URL...]');
  process.exit(2);
}
const unknown = CATEGORIES.filter(c => !ALL_CATEGORIES.includes(c));
if (unknown.length || !CATEGORIES.length) {
  console.error(`LIGHTHOUSE_CATEGORIES: expected some of ${ALL_CATEGORIES.join(', ')}; got ${process.env.LIGHTHOUSE_CATEGORIES}`);
  process.exit(2);
}
const chrome = await chromeLauncher.launch({chromePath: CHROMIUM, chromeFlags: FLAGS});
const pages = [];
let versions;
try {
  // the user agent says only "156.0.0.0"; the browser's own endpoint gives the full version
  const browser = await (await fetch(`http://127.0.0.1:${chrome.port}/json/version`)).json();
  for (const url of urls) {
    const result = await lighthouse(url, {port: chrome.port, output: 'json', logLevel: 'error'}, config);
    versions = {lighthouse: result.lhr.lighthouseVersion, chromium: browser.Browser};
    pages.push(summary(result.lhr));
  }
} finally {
  await chrome.kill();
}
process.stdout.write(JSON.stringify({...versions, pages}, null, 1) + '\n');
