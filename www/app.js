// The redemption form: checks the code while it is typed (claimcheck/lite), redeems it with the
// reference server, explains rejections and prepares a support package. Attempts live in memory only.
// The page loads claimcheck/lite, the module without the support functions (43 KB instead of 50 KB
// gzip); the full module (claimcheck/web) is fetched only when a customer prepares a support package.
// The checks are a help, not a gate: a browser that cannot run the module (WebAssembly turned off,
// as in Safari's Lockdown Mode) still redeems, and the server checks the code. Until the form is
// ready its button stays disabled (index.html), so Enter never submits the form natively, which
// would put the code into the URL, the history and the server's logs.

const TEXT = {
  en: {
    title: 'Redeem a gift card or credit', language: 'Language', store: 'Store', account: 'Account',
    codeLabel: 'Code',
    codeHelp: "Letters and digits from the back of the card or the email. Can't read a character? Type ? in its place.",
    redeem: 'Redeem', supportTitle: 'Support package',
    supportIntro: 'Give this to customer service. It contains your code, so share it only through the official support channel.',
    supportText: 'Text to copy', copy: 'Copy text', copied: 'Copied.',
    copyByHand: 'Selected: press Ctrl+C (⌘C on a Mac) to copy it.', download: 'Download for support (JSON)',
    demoTitle: 'Demo codes', typed: (n, of) => `${n} of ${of} characters`,
    looksRight: 'The code looks right. Whether it can be redeemed is checked when you submit it.',
    formatOnly: 'The format looks right; this kind of code is checked when you submit it.',
    use: (code) => `Use ${code}`, fromCard: (code) => `Typed from a gift card or credit? Use ${code}`, prepare: 'Prepare support package', redeemed: 'Redeemed',
    giftcard: 'Gift card balance', credits: 'Courtesy credits', until: (d) => `usable until ${d}`,
    notReady: 'Please correct the code first.', expiresOn: (d) => `Usable until ${d}.`,
    orLonger: (message) => `Or, if it is a longer code such as a courtesy credit: ${message}`,
    network: 'The server could not be reached. Please try again in a moment.',
    noAnswer: {
      title: 'No answer from the server',
      message: 'Whether the code was redeemed is not known.',
      steps: ['Check your balance before you try again: if the amount is there, the code has been redeemed.', 'If it is not there, try again in a moment.'],
    },
    unchecked: "This browser can't check the code as you type it. You can still redeem it: the code is checked when you submit it.",
    notRedeemed: 'The code was not redeemed', retryIn: (minutes) => `You can try again in about ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}.`, serverSaid: (message) => `The server said: ${message}`,
  },
  de: {
    title: 'Geschenkkarte oder Guthaben einlösen', language: 'Sprache', store: 'Shop', account: 'Konto',
    codeLabel: 'Code',
    codeHelp: 'Buchstaben und Ziffern von der Kartenrückseite oder aus der E-Mail. Ein Zeichen unleserlich? Geben Sie an seiner Stelle ? ein.',
    redeem: 'Einlösen', supportTitle: 'Support-Paket',
    supportIntro: 'Geben Sie dies dem Kundenservice. Es enthält Ihren Code – teilen Sie es nur über den offiziellen Kundenservice.',
    supportText: 'Text zum Kopieren', copy: 'Text kopieren', copied: 'Kopiert.',
    copyByHand: 'Markiert: Mit Strg+C (⌘C auf dem Mac) kopieren.', download: 'Für den Kundenservice herunterladen (JSON)',
    demoTitle: 'Demo-Codes', typed: (n, of) => `${n} von ${of} Zeichen`,
    looksRight: 'Der Code sieht richtig aus. Ob er eingelöst werden kann, wird beim Absenden geprüft.',
    formatOnly: 'Das Format stimmt; diese Art Code wird beim Absenden geprüft.',
    use: (code) => `${code} übernehmen`, fromCard: (code) => `Von einer Geschenkkarte oder Gutschrift abgetippt? ${code} übernehmen`, prepare: 'Support-Paket vorbereiten', redeemed: 'Eingelöst',
    giftcard: 'Geschenkkartenguthaben', credits: 'Kulanzgutschriften', until: (d) => `gültig bis ${d}`,
    notReady: 'Bitte korrigieren Sie zuerst den Code.', expiresOn: (d) => `Gültig bis ${d}.`,
    orLonger: (message) => `Oder, falls es ein längerer Code wie eine Kulanzgutschrift ist: ${message}`,
    network: 'Der Server war nicht erreichbar. Bitte versuchen Sie es gleich noch einmal.',
    noAnswer: {
      title: 'Keine Antwort vom Server',
      message: 'Ob der Code eingelöst wurde, ist nicht bekannt.',
      steps: ['Prüfen Sie Ihr Guthaben, bevor Sie es erneut versuchen: Ist der Betrag da, wurde der Code eingelöst.', 'Ist er nicht da, versuchen Sie es gleich noch einmal.'],
    },
    unchecked: 'Dieser Browser kann den Code nicht schon beim Tippen prüfen. Sie können ihn trotzdem einlösen: Er wird beim Absenden geprüft.',
    notRedeemed: 'Der Code wurde nicht eingelöst', retryIn: (minutes) => `Sie können es in etwa ${minutes} ${minutes === 1 ? 'Minute' : 'Minuten'} erneut versuchen.`, serverSaid: (message) => `Antwort des Servers: ${message}`,
  },
};

/** claimcheck/lite, started; undefined when this browser cannot run it (see above). */
let checker;
try {
  checker = await import('/pkg/lite.js');
  await checker.default();
} catch {
  checker = undefined;
}

const MARKETPLACES = [
  ['DE', 'amazon.de'], ['US', 'amazon.com'], ['UK', 'amazon.co.uk'], ['FR', 'amazon.fr'], ['ES', 'amazon.es'],
  ['XT', 'amazon.it'], ['NL', 'amazon.nl'], ['JP', 'amazon.co.jp'], ['CA', 'amazon.ca'],
];

const $ = (id) => document.getElementById(id);
const el = (tag, props = {}, ...children) => {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
};

const attempts = []; // in memory only: never stored, never in a URL
let locale = navigator.language?.toLowerCase().startsWith('de') ? 'de' : 'en';
let downloadUrl = null;

function defaultMarketplace() {
  const tag = (navigator.language || 'en-US').toUpperCase();
  const country = tag.split('-')[1] ?? '';
  if (tag.startsWith('DE') || country === 'AT' || country === 'DE') return 'DE';
  if (country === 'GB') return 'UK';
  return MARKETPLACES.some(([p]) => p === country) ? country : 'US';
}

const options = () => ({ marketplace: $('marketplace').value, locale });
const t = () => TEXT[locale];

function applyLanguage() {
  document.documentElement.lang = locale;
  $('lang').value = locale;
  for (const node of document.querySelectorAll('[data-text]')) {
    const value = t()[node.dataset.text];
    if (typeof value === 'string') node.textContent = value;
  }
  document.title = t().title;
  if (shownAnswer) showAnswer(shownAnswer, false);
  if (!checker) {
    $('feedback').textContent = t().unchecked;
    scamWarningFromServer();
    return;
  }
  showScamWarning(checker.scamWarning(locale));
  render();
}

function showScamWarning(scam) {
  $('scam-title').textContent = scam.title;
  $('scam-message').textContent = scam.message;
  $('scam-steps').replaceChildren(...scam.steps.map((s) => el('li', { textContent: s })));
  $('scam').hidden = false;
}

/** Without the module, the scam warning's words come from the server (the same catalog), in the
 * language chosen; the box stays hidden when they cannot be had. */
async function scamWarningFromServer() {
  const asked = locale;
  try {
    const response = await fetch(`/api/scam-warning?locale=${asked}`);
    const scam = response.ok ? await response.json() : null;
    if (asked === locale && typeof scam?.title === 'string' && Array.isArray(scam.steps)) showScamWarning(scam);
  } catch {
    // No warning then: the form itself still works.
  }
}

/** Shows `display` in `into` with the symbols at `positions` (normalised) marked, each run of
 * neighbouring marked symbols in one <mark>. */
function markPositions(into, display, positions) {
  if (positions.size === 0) return;
  let seen = -1;
  let plain = '';
  let run = null;
  for (const ch of display) {
    if (ch !== '-') seen++;
    if (ch !== '-' && positions.has(seen)) {
      if (!run) {
        into.append(plain, run = el('mark', { textContent: '' }));
        plain = '';
      }
      run.textContent += ch;
    } else {
      run = null;
      plain += ch;
    }
  }
  into.append(plain);
  if (into.querySelector('mark')) into.dataset.position = String(Math.min(...positions) + 1);
  else into.replaceChildren(); // no such position in the display: nothing to show
}

/** Checks the code field and shows the result (nothing without the checker). */
function render() {
  return checker && show(checker.validate($('code').value, options()));
}

/** Shows a result of the code field: feedback, the wrong character marked, suggestions. */
function show(v) {
  const input = $('code');
  const feedback = $('feedback');
  const marked = $('marked');
  $('progress').textContent = '';
  const suggestions = $('suggestions');
  feedback.className = 'feedback';
  marked.replaceChildren();
  suggestions.replaceChildren();
  input.removeAttribute('aria-invalid');
  if (input.value.trim() === '') {
    feedback.replaceChildren();
    return v;
  }
  const error = v.findings.find((f) => f.severity === 'error');
  if (v.status === 'invalid' && error) {
    // Only a complete (or impossible) input is marked invalid; a correct prefix never is.
    input.setAttribute('aria-invalid', 'true');
    feedback.classList.add('error');
    // A checksum that names no position, with one reading that does (two neighbours swapped, two
    // look-alikes misread): its cause says where, and the positions its correction changes are marked.
    const cause = v.causes[0];
    const byCause = error.code === 'checksum_mismatch' && error.position === undefined
      && cause?.position !== undefined && v.suggestions.length === 1;
    const told = byCause ? cause : error;
    feedback.replaceChildren(el('span', { textContent: told.message }), el('span', { className: 'hint', textContent: told.hint ?? '' }));
    const positions = new Set();
    if (byCause) {
      for (const e of v.suggestions[0].edits) {
        positions.add(e.position);
        if (e.kind === 'transpose') positions.add(e.position + 1);
      }
    } else if (error.position !== undefined) {
      // The wrong character, or the whole region prefix when the region is what is wrong.
      const prefix = error.code === 'wrong_region' || error.code === 'unknown_prefix';
      const span = prefix ? checker.schemes().find((s) => s.id === v.scheme)?.regions[0]?.length ?? 1 : 1;
      for (let k = 0; k < span; k++) positions.add(error.position + k);
    }
    markPositions(marked, v.display, positions);
  } else if (v.status === 'incomplete') {
    // How far along: the numbers of the scheme the code is taking shape as (16, 20, 14 …).
    const short = v.findings.find((f) => f.code === 'too_short');
    feedback.replaceChildren();
    $('progress').textContent = short ? t().typed(short.actual, short.expected) : '';
  } else {
    feedback.classList.add('ok');
    const parts = [v.status === 'valid' ? t().looksRight : t().formatOnly];
    if (v.expiresOn) parts.push(t().expiresOn(v.expiresOn));
    for (const w of v.findings.filter((f) => f.severity === 'warning')) parts.push(w.message);
    feedback.textContent = parts.join(' ');
  }
  // An invalid code's corrections; for a code without check characters, the code it would be if it
  // is a gift card or credit with two unreadable symbols (0, O, 1, I).
  if (v.status !== 'incomplete') {
    // A well-formed code's suggestion is another reading of it: the button says which.
    const label = v.status === 'invalid' ? t().use : t().fromCard;
    for (const s of v.suggestions) {
      const button = el('button', { type: 'button', textContent: label(s.display) });
      button.addEventListener('click', () => {
        input.value = formatted = s.display;
        render();
        input.focus();
      });
      suggestions.append(button);
    }
  }
  return v;
}

/** The field's value as last formatted: what a deletion was made in. */
let formatted = '';

function onInput(event) {
  if (!checker) return;
  // While an input method composes (Japanese, Chinese, Korean input; Android keyboards compose whole
  // words), the code is only checked: a value set then garbles the composition. It is formatted when
  // the composition is committed (compositionend).
  if (!event?.isComposing) formatField(event);
  render();
}

/** Formats the code field as typed so far, the caret kept where it belongs. */
function formatField(event) {
  const input = $('code');
  let value = input.value;
  let caret = input.selectionStart ?? value.length;
  let typing = checker.formatAsYouType(value, caret, options());
  // Backspace or Delete on a separator alone changes nothing (the formatter puts it back), and
  // Delete would stay stuck there: delete the symbol beyond it, as the key was meant to.
  const backward = event?.inputType === 'deleteContentBackward';
  if ((backward || event?.inputType === 'deleteContentForward') && typing.display === formatted
      && value.length === formatted.length - 1 && formatted[caret] === '-') {
    const at = backward ? caret - 1 : caret;
    if (at >= 0 && at < value.length) {
      value = value.slice(0, at) + value.slice(at + 1);
      caret = at;
      typing = checker.formatAsYouType(value, caret, options());
    }
  }
  if (typing.display !== input.value) {
    input.value = typing.display;
    input.setSelectionRange(typing.caret, typing.caret);
  }
  formatted = input.value;
}

function money(cents, currency) {
  return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(cents / 100);
}

/** The server's last answer on screen: shown again in the other language when it is switched. */
let shownAnswer;

/** Shows the server's answer (`{ ok, … }` as it sent it; `{ ok: false }` without a `code` when there
 * was none to read) and moves the focus to it, unless it is only being redrawn. */
function showAnswer(answer, focus = true) {
  shownAnswer = answer;
  if (answer.ok) showBalance(answer);
  else showRejection(answer);
  if (focus) $('result').focus();
}

function showBalance(answer) {
  const b = answer.balance;
  const result = $('result');
  result.className = 'result ok';
  const credits = b.credits.map((c) => el('li', { textContent: `${money(c.amountCents, b.currency)} — ${t().until(c.expiresOn)}` }));
  result.replaceChildren(
    el('h2', { textContent: `${t().redeemed}: ${money(answer.amountCents, answer.currency)}` }),
    el('p', { textContent: `${t().giftcard}: ${money(b.giftcardCents, b.currency)}` }),
    el('p', { textContent: `${t().credits}:` }),
    el('ul', {}, ...credits),
  );
  if (answer.expiresOn) result.append(el('p', { textContent: t().expiresOn(answer.expiresOn) }));
}

function showRejection({ code, message, retryAfter }) {
  let x;
  if (!code) {
    // No answer the form could read. Not the catalog's technical_error, whose "it has not been
    // used" only the server can say: the request may have been carried out.
    x = { ...t().noAnswer, contactSupport: true };
  } else if (checker) {
    x = checker.explainRejection(code, options());
  } else {
    // Without the checker only the server's own words are there to tell why (in the language the
    // request named; they stay in it when the language is switched afterwards).
    x = { title: t().notRedeemed, message: t().serverSaid(message ?? code), steps: [] };
  }
  const result = $('result');
  result.className = 'result rejected';
  result.replaceChildren(el('h2', { textContent: x.title }), el('p', { textContent: x.message }));
  if (x.steps.length > 0) result.append(el('ul', {}, ...x.steps.map((s) => el('li', { textContent: s }))));
  // How long the server asked to wait (its Retry-After, in seconds), when it said.
  if (retryAfter > 0) result.append(el('p', { textContent: t().retryIn(Math.ceil(retryAfter / 60)) }));
  // A support package needs the module.
  if (x.contactSupport && checker) {
    const button = el('button', { type: 'button', id: 'prepare', textContent: t().prepare });
    button.addEventListener('click', prepareSupport);
    result.append(button);
  }
}

/** claimcheck/web (with `supportPackage`), its module fetched and started on first use. */
let fullModule;
function supportModule() {
  if (!fullModule) {
    fullModule = import('/pkg/web.js').then(async (full) => {
      await full.default();
      return full;
    });
    // A failed fetch is tried again on the next click.
    fullModule.catch(() => { fullModule = undefined; });
  }
  return fullModule;
}

async function prepareSupport() {
  let supportPackage;
  $('support-error')?.remove();
  try {
    ({ supportPackage } = await supportModule());
  } catch {
    // Said next to the button, which stays for another try.
    $('prepare').after(el('p', { id: 'support-error', className: 'feedback error', role: 'alert', textContent: t().network }));
    return;
  }
  const pkg = supportPackage({
    input: $('code').value,
    options: options(),
    attempts,
    environment: {
      locale: navigator.language,
      timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
      userAgent: navigator.userAgent,
    },
  });
  $('support-text').value = pkg.text;
  if (downloadUrl) URL.revokeObjectURL(downloadUrl);
  downloadUrl = URL.createObjectURL(new Blob([pkg.json], { type: 'application/json' }));
  const link = $('download');
  link.href = downloadUrl;
  link.download = `claimcheck-support-${pkg.reference}.json`;
  delete $('copy-status').dataset.text;
  $('copy-status').textContent = '';
  $('support').hidden = false;
  // Its beginning in view (the reference first): setting the value put the caret, and the view, at the end.
  const text = $('support-text');
  text.focus();
  text.setSelectionRange(0, 0);
  text.scrollTop = 0;
}

/**
 * For a code submitted `incomplete`: its reading as a complete code of another scheme with check
 * characters, when it fails that check (then the check's finding and corrections are shown). While
 * typing, 16 symbols that could begin a courtesy credit are taken as its start and not nagged about;
 * submitted, they are more likely a gift card with a typo than a credit cut short.
 */
function completeReading(v) {
  const length = [...v.normalized].length;
  for (const scheme of checker.schemes()) {
    if (scheme.id === v.scheme || scheme.checksum === 'none' || !scheme.lengths.includes(length)) continue;
    const reading = checker.validate($('code').value, { ...options(), scheme: scheme.id });
    if (reading.status === 'invalid' && reading.suggestions.length > 0) return reading;
  }
  return undefined;
}

/** The field checked for submission: its result when it may be sent, else undefined (what is wrong
 * is shown; the caller puts the focus back in the field). */
function checkedForSubmit() {
  let v = render();
  // What the code lacks if it is the longer code it began like (said after the complete reading).
  let asLonger;
  if (v.status === 'incomplete') {
    const reading = completeReading(v);
    if (reading) {
      asLonger = v.findings[0]?.message;
      v = show(reading);
    }
  }
  if (v.status === 'valid' || v.status === 'unverifiable') return v;
  // What is wrong and what to do (the finding's hint stays: it is the next step).
  const finding = v.findings.find((f) => f.severity === 'error') ?? v.findings[0];
  const said = [el('span', { textContent: finding?.message ?? t().notReady })];
  if (finding?.hint) said.push(el('span', { className: 'hint', textContent: finding.hint }));
  if (asLonger) said.push(el('span', { textContent: t().orLonger(asLonger) }));
  $('progress').textContent = '';
  $('feedback').replaceChildren(...said);
  $('feedback').className = 'feedback error';
  return undefined;
}

async function onSubmit(event) {
  event.preventDefault();
  // One redemption at a time: the button is disabled while one is on its way, so a double click
  // sends one request (a second would be answered "already redeemed", shown over the success).
  const button = $('submit');
  if (button.disabled) return;
  // Without the checker the code goes to the server as typed: the server checks it.
  const typed = $('code').value.trim();
  const v = checker ? checkedForSubmit() : typed && { normalized: typed };
  if (!v) {
    $('code').focus();
    return;
  }
  button.disabled = true;
  try {
    await redeem(v);
  } finally {
    button.disabled = false;
  }
}

/** How long an answer may take: after that the request is given up, and counts as unanswered. */
const ANSWER_TIMEOUT_MS = 30_000;

/** Sends a checked code to the server and shows its answer. */
async function redeem(v) {
  const attempt = { at: new Date().toISOString() };
  if (v.status) attempt.clientStatus = v.status;
  attempts.push(attempt);
  let response;
  let answer;
  // Given up after a while: Redeem stays disabled while a request is on its way.
  const giveUp = new AbortController();
  const timer = setTimeout(() => giveUp.abort(), ANSWER_TIMEOUT_MS);
  try {
    response = await fetch('/api/redeem', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code: v.normalized, account: $('account').value, marketplace: $('marketplace').value, locale }),
      signal: giveUp.signal,
    });
    answer = await response.json();
  } catch {
    // No answer to read: the network failed, the answer took too long, or something in between
    // answered for the server (a gateway's error page). Whether the code was redeemed is not known.
  } finally {
    clearTimeout(timer);
  }
  if (response) attempt.httpStatus = response.status;
  if (typeof answer?.ok !== 'boolean') {
    showAnswer({ ok: false }); // no server code: the attempt records none either
    return;
  }
  if (!answer.ok) {
    answer.code ??= 'unknown';
    answer.retryAfter = Number(response.headers.get('retry-after')) || undefined;
    attempt.serverCode = answer.code;
    attempt.serverMessage = answer.message;
  }
  showAnswer(answer);
}

/** The store's domain for a marketplace prefix (`DE` → amazon.de). */
const storeOf = (prefix) => MARKETPLACES.find(([p]) => p === prefix)?.[1] ?? prefix;

let accounts = [];

/** An account belongs to one store: choosing it chooses that store. */
function chooseAccount(id) {
  const account = accounts.find((a) => a.id === id);
  if (!account) return;
  $('account').value = account.id;
  if (MARKETPLACES.some(([p]) => p === account.marketplace)) $('marketplace').value = account.marketplace;
}

async function loadDemo() {
  const response = await fetch('/api/demo').catch(() => null);
  if (!response?.ok) return;
  const demo = await response.json();
  accounts = demo.accounts;
  $('account').replaceChildren(...accounts.map((a) => el('option', { value: a.id, textContent: `${a.name} — ${storeOf(a.marketplace)}` })));
  // An account of the store the browser's language suggests, else the first (and its store).
  chooseAccount((accounts.find((a) => a.marketplace === $('marketplace').value) ?? accounts[0])?.id);
  $('demo-codes').replaceChildren(...demo.codes.map((c) => el('li', {}, el('code', { textContent: c.code }), ` — ${storeOf(c.marketplace)}: ${c.note}, ${c.amount}`)));
  $('demo').hidden = false;
}

$('marketplace').replaceChildren(...MARKETPLACES.map(([prefix, domain]) => el('option', { value: prefix, textContent: domain })));
$('marketplace').value = defaultMarketplace();
await loadDemo();
$('lang').addEventListener('change', () => { locale = $('lang').value; applyLanguage(); });
$('marketplace').addEventListener('change', render);
$('account').addEventListener('change', () => { chooseAccount($('account').value); render(); });
$('code').addEventListener('input', onInput);
$('code').addEventListener('compositionend', () => onInput());
$('redeem-form').addEventListener('submit', onSubmit);
// "Copied." only when it was: the clipboard API is missing outside secure contexts and may be
// refused. Then the text is selected for the customer to copy.
$('copy').addEventListener('click', async () => {
  const text = $('support-text');
  let copied = true;
  try {
    await navigator.clipboard.writeText(text.value);
  } catch {
    copied = false;
    text.focus();
    text.select();
  }
  // By its key, so that a change of language redraws it with the page's other texts.
  $('copy-status').dataset.text = copied ? 'copied' : 'copyByHand';
  $('copy-status').textContent = t()[$('copy-status').dataset.text];
});
// What was typed while the form was loading, formatted now and checked once, by applyLanguage (two
// checks would update the live region twice).
if (checker && $('code').value) formatField();
applyLanguage();
$('submit').disabled = false;
document.body.dataset.ready = 'true';
