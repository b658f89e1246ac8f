// The opt-in test's own document (probe.html, in a hidden frame of the checker page): it receives
// the deployment's addresses in its fragment, narrows its Content-Security-Policy to exactly their
// origins, asks this browser to open each, and tells the checker page which were reached. The
// checker page itself may connect to nothing but its own origin.

export {};

/** At most this many addresses (a deployment has a few nodes). */
const MAX_URLS = 200;

/**
 * The addresses to open: https URLs of the fragment's `u` values, each once.
 * @param {string} fragment
 * @returns {URL[]}
 */
function addresses(fragment) {
  /** @type {URL[]} */
  const out = [];
  for (const value of new URLSearchParams(fragment.replace(/^#/, '')).getAll('u').slice(0, MAX_URLS)) {
    try {
      const url = new URL(value);
      if (url.protocol === 'https:' && !out.some((seen) => seen.href === url.href)) out.push(url);
    } catch {
      // not a URL: not opened
    }
  }
  return out;
}

const urls = addresses(location.hash);
// A second policy is enforced beside the page's own: connections go to these origins only.
const origins = [...new Set(urls.map((url) => url.origin))];
const policy = document.createElement('meta');
policy.httpEquiv = 'Content-Security-Policy';
policy.content = `connect-src ${origins.length ? origins.join(' ') : "'none'"}`;
document.head.append(policy);

await Promise.all(urls.map(async (url) => {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), 8000);
  let reached = false;
  try {
    await fetch(url.href, { mode: 'no-cors', cache: 'no-store', credentials: 'omit', redirect: 'follow', signal: controller.signal });
    reached = true;
  } catch {
    // untrusted, unreachable from here, or blocked: the browser does not say which
  } finally {
    clearTimeout(timer);
  }
  parent.postMessage({ kind: 'certcheck-probe-result', url: url.href, reached }, location.origin);
}));
parent.postMessage({ kind: 'certcheck-probe-done' }, location.origin);
