// The support page: a package the customer sent, verified in the browser (verifySupportPackage) and
// shown for a support agent, as `claimcheck inspect` shows it in a terminal: the code in full, what
// claimcheck saw then and sees now, and every attempt with the server's code explained. Nothing is
// sent anywhere; everything from the package is shown as text, never as markup.
import init, { verifySupportPackage, validate, explainRejection, version } from '/pkg/web.js';

const $ = (id) => document.getElementById(id);
const el = (tag, props = {}, ...children) => {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
};
const text = (value) => (typeof value === 'string' || typeof value === 'number' ? String(value) : '');
const list = (items, line) => el('ul', {}, ...items.map((item) => el('li', { textContent: line(item) })));

/** A term and its description, or nothing when the description is empty. */
function row(term, description) {
  if (description === '' || description == null) return [];
  const value = typeof description === 'string' ? el('dd', { textContent: description }) : el('dd', {}, description);
  return [el('dt', { textContent: term }), value];
}

function attemptLine(a) {
  const parts = [text(a.at)];
  if (a.clientStatus) parts.push(`claimcheck: ${text(a.clientStatus)}`);
  if (a.serverCode) parts.push(`server: ${text(a.serverCode)}${a.httpStatus ? ` (HTTP ${text(a.httpStatus)})` : ''}`);
  let line = parts.join(' · ');
  // No server code, but a status: an answer that was not the server's (a gateway's error page), as
  // `claimcheck inspect` and the package's own text show it.
  if (!a.serverCode && a.httpStatus) line += ` (HTTP ${text(a.httpStatus)})`;
  if (a.serverMessage) line += ` “${text(a.serverMessage)}”`;
  if (typeof a.serverCode === 'string') {
    const x = explainRejection(a.serverCode, { locale: 'en' });
    line += ` → ${x.title} (retry: ${x.retry ? 'yes' : 'no'}, contact support: ${x.contactSupport ? 'yes' : 'no'})`;
  }
  return line;
}

/**
 * What this claimcheck says today, checked once with the package's request options: the entered code
 * next to what the package recorded, and what each code the customer most likely meant is (usable,
 * expired or for another store).
 */
function recheck(p) {
  const then = p.validation ?? {};
  const options = { now: new Date() };
  if (typeof p.request?.scheme === 'string') options.scheme = p.request.scheme;
  if (typeof p.request?.marketplace === 'string') options.marketplace = p.request.marketplace;
  try {
    const now = validate(text(then.input), options);
    const same = now.status === then.status ? 'same verdict' : 'verdict changed since the package was made';
    const findings = now.findings.map((f) => `${f.code}: ${f.message}`).join(' ');
    const meant = now.suggestions.map((s) => {
      const again = validate(s.code, options);
      const why = again.findings.find((f) => f.severity === 'error');
      return `${s.display}: ${again.status}${why ? ` — ${why.code}: ${why.message}` : ''}`;
    });
    return {
      line: `${now.status} — ${now.display} (${same}; claimcheck ${version()})${findings ? `. ${findings}` : ''}`,
      meant,
    };
  } catch (e) {
    return { line: `cannot re-check here: ${e.message}`, meant: [] };
  }
}

/**
 * Verifies what was pasted or opened: the package, or, when that is not JSON, the package inside it
 * (an email or chat message copied with the text around it), as `claimcheck inspect` does. Only the
 * package's own bytes are verified either way, so taking it out of the text changes nothing its
 * integrity check covers.
 */
function check(pasted) {
  if (pasted.trim() === '') {
    const verdict = $('verdict');
    verdict.className = 'result';
    verdict.textContent = 'Paste the package (JSON) or open its file first.';
    return;
  }
  const result = verifySupportPackage(pasted);
  const [start, end] = [pasted.indexOf('{'), pasted.lastIndexOf('}')];
  if (!result.ok && result.error.code === 'not_json' && start >= 0 && end > start && (start > 0 || end < pasted.length - 1)) {
    const inside = verifySupportPackage(pasted.slice(start, end + 1));
    // An intact package inside; or JSON inside that is none, refused for what it is (tampered …).
    if (inside.ok || inside.error.code !== 'not_json') {
      showPackage(inside, 'Found inside the pasted text, which held more than the package.');
      return;
    }
  }
  showPackage(result);
}

function showPackage(result, note) {
  const verdict = $('verdict');
  if (!result.ok) {
    verdict.className = 'result rejected';
    verdict.replaceChildren(
      el('h2', { textContent: `Refused: ${result.error.code.replaceAll('_', ' ')}` }),
      el('p', { textContent: result.error.message }),
      el('p', { textContent: 'Ask the customer to send the package again, as the form made it.' }),
    );
    return;
  }
  const p = result.package;
  const v = p.validation ?? {};
  const request = p.request ?? {};
  const env = p.environment ?? {};
  const lib = p.library ?? {};
  const findings = Array.isArray(v.findings) ? v.findings : [];
  const suggestions = Array.isArray(v.suggestions) ? v.suggestions : [];
  const causes = Array.isArray(v.causes) ? v.causes : [];
  const attempts = Array.isArray(p.attempts) ? p.attempts : [];
  const device = [env.locale, env.timeZone, env.userAgent].filter((x) => typeof x === 'string').join(' · ');
  const today = recheck(p);
  verdict.className = 'result ok';
  verdict.replaceChildren(
    el('h2', { textContent: `Intact: reference ${result.reference}` }),
    el('p', { textContent: `Integrity verified (${result.schema}). The code below is shown in full: for support only.` }),
    ...(note ? [el('p', { textContent: note })] : []),
    el('dl', {},
      ...row('Created', `${text(p.createdAt)} by claimcheck ${text(lib.version)}`),
      ...row('Entered (full code)', el('code', { id: 'entered', textContent: text(v.input) })),
      ...row('Request', `scheme ${text(request.scheme)}, marketplace ${text(request.marketplace) || '—'}, language ${text(request.locale)}`),
      ...row('Device', device),
      ...row('Order number', text(p.orderNumber)),
      ...row('Card serial number', text(p.cardSerial)),
      ...row('Then, in the customer’s browser', `${text(v.status)} — ${text(v.display)} ${text(v.scheme)} ${text(v.region)}`.trim()),
      ...row('What was noticed', findings.length ? list(findings, (f) => `${text(f.code)}: ${text(f.message)}`) : ''),
      ...row('Suggested', suggestions.length ? list(suggestions, (s) => text(s.display)) : ''),
      ...row('Likely causes', causes.length ? list(causes, (c) => `${text(c.code)}: ${text(c.message)}`) : ''),
      ...row('Now, checked here', today.line),
      ...row('Suggested codes, checked here', today.meant.length ? list(today.meant, (line) => line) : ''),
      ...row(`Attempts (${attempts.length})`, attempts.length ? list(attempts, attemptLine) : 'none'),
    ),
  );
}

// A package saved as UTF-16 with its byte order mark (Windows PowerShell 5's `>`, Notepad's
// "Unicode") is read as such; anything else as UTF-8, as `file.text()` would.
function decodeText(bytes) {
  const encoding = bytes[0] === 0xff && bytes[1] === 0xfe ? 'utf-16le' : bytes[0] === 0xfe && bytes[1] === 0xff ? 'utf-16be' : 'utf-8';
  return new TextDecoder(encoding).decode(bytes);
}

async function start() {
  await init();
  $('inspect-form').addEventListener('submit', (event) => {
    event.preventDefault();
    check($('package').value);
  });
  $('file').addEventListener('change', async () => {
    const file = $('file').files[0];
    if (!file) return;
    $('package').value = decodeText(new Uint8Array(await file.arrayBuffer()));
    check($('package').value);
  });
  // Disabled until now: clicked earlier, the form would be submitted natively and the page reloaded,
  // losing what was pasted.
  $('check').disabled = false;
  document.body.dataset.ready = 'true';
}

// Without WebAssembly (turned off by a policy, or Safari's Lockdown Mode) nothing can be verified
// here: said, with the way that works.
start().catch(() => {
  $('verdict').className = 'result rejected';
  $('verdict').textContent = 'This browser cannot run the checker (WebAssembly is turned off), so packages cannot be checked here. Use claimcheck inspect FILE instead.';
});
