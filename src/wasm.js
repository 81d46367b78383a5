// The JavaScript half of the binding: src/wasm.rs imports these two functions. The npm build copies
// them into each target's glue (scripts/build-npm.sh); wasm-pack's tests load this file as it is.

let tapeKeys;

/** The value a tape holds (its format: `JsonWriter::tape` in src/json.rs). */
export function readTape(tape) {
  let at = 0;
  // "!" starts the key names, sent with the first result.
  if (tape[0] === '!') tapeKeys = tape.slice(1, (at = tape.indexOf('\n') + 1) - 2).split(',');
  // Every step reads on or stops with an error, so a tape that was cut off cannot loop.
  const value = () => {
    let c = tape.charCodeAt(at++);
    let v = c - 48;
    if (c < 58 && c > 47) {
      // A string: its length in UTF-16 units, ",", the text.
      while ((c = tape.charCodeAt(at++)) > 47) v = v * 10 + c - 48;
      return tape.slice(at, (at += v));
    }
    if (c === 100) return +tape.slice(at, (at = tape.indexOf(';', at) + 1 || tape.length + 1) - 1);
    if (c === 91) {
      for (v = []; tape.charCodeAt(at) !== 93; ) v.push(value());
      at++;
      return v;
    }
    if (c === 123) {
      for (v = {}; (c = tape.charCodeAt(at++)) !== 125; ) v[c === 34 ? value() : tapeKeys[c - 35]] = value();
      return v;
    }
    if (c === 110) return null;
    if (c === 116 || c === 102) return c === 116;
    throw new Error('claimcheck: a result could not be read');
  };
  return value();
}

let lastOptions = [];
let lastOptionsJson = '{}';

/**
 * The JSON of the four options the core reads; the same string as last time while they stay the same
 * (a form passes the same options on every keystroke; the core then compares one string).
 */
export function optionsJson(options) {
  const read = [options.scheme, options.marketplace, options.locale, options.now];
  for (let i = 0; i < 4; i++) {
    // An object (a Date) may have changed since: it is turned into JSON again.
    if (read[i] !== lastOptions[i] || (typeof read[i] === 'object' && read[i] !== null)) {
      lastOptions = read;
      lastOptionsJson = JSON.stringify({ scheme: read[0], marketplace: read[1], locale: read[2], now: read[3] });
      break;
    }
  }
  return lastOptionsJson;
}
