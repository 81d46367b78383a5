#![cfg(not(target_arch = "wasm32"))]
//! Property tests: normalisation is idempotent and its changes and the suggestions' edits say
//! exactly what they did, generated codes validate, nothing panics.

mod support;

use claimcheck::finding::Severity;
use claimcheck::generate::{generate_with, Issue};
use claimcheck::normalize::normalize;
use claimcheck::scheme::builtin;
use claimcheck::suggest::{Edit, EditKind};
use claimcheck::{validate, CheckOptions, FindingCode, Status};
use proptest::prelude::*;

/// Strings that look like what people paste: code symbols, look-alikes, separators, invisibles.
fn code_like() -> impl Strategy<Value = String> {
    text_of(
        prop_oneof![
            proptest::char::range('0', 'Z'),
            proptest::char::range('a', 'z'),
            Just('-'),
            Just(' '),
            Just('?'),
            Just('\u{200B}'),
            Just('\u{00AD}'),
            Just('Ｄ'),
            Just('Е'),
            Just('ο'),
            any::<char>(),
        ],
        40,
    )
}

/// Strings of up to `max` characters drawn from `chars`.
fn text_of(chars: impl Strategy<Value = char>, max: usize) -> impl Strategy<Value = String> {
    proptest::collection::vec(chars, 0..max).prop_map(|v| v.into_iter().collect())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2_000))]

    #[test]
    fn normalisation_is_idempotent(input in code_like()) {
        let once = normalize(&input);
        let twice = normalize(&once.symbols);
        prop_assert_eq!(&twice.symbols, &once.symbols);
        prop_assert!(twice.changes.is_empty(), "second pass changed {:?}", twice.changes);
    }

    #[test]
    fn validation_never_panics_on_code_like_input(input in code_like(), scheme in 0usize..5, market in 0usize..3) {
        let schemes = ["auto", "giftcard", "credit", "amazon-claim", "promo"];
        let markets = ["DE", "US", "amazon.co.jp"];
        let options = CheckOptions::default().scheme(schemes[scheme]).marketplace(markets[market]).now(support::now());
        let v = validate(&input, &options).unwrap();
        // Suggestions only ever name codes that pass every check but expiry and marketplace: under
        // the scheme the input was checked against, or, for a code found inside other text, the
        // scheme that code belongs to. Codes that work here come first.
        let mut works_here = true;
        for s in &v.suggestions {
            let again = validate(&s.code, &options.clone().scheme(v.scheme.as_deref().unwrap())).unwrap();
            let found_inside = validate(&s.code, &options).unwrap();
            let here = again.status == Status::Valid || found_inside.is_well_formed();
            let elsewhere = again.findings.iter().all(|f| {
                f.severity != Severity::Error || matches!(f.code, FindingCode::Expired | FindingCode::WrongRegion)
            });
            prop_assert!(here || elsewhere, "suggestion {} of {:?}: {:?} / {:?}", s.code, input, again.findings, found_inside.status);
            prop_assert!(!here || works_here, "suggestion {} of {:?} works here but comes after one that does not", s.code, input);
            works_here &= here;
        }
        prop_assert!(v.suggestions.len() <= 3);
    }

    #[test]
    fn generated_codes_always_validate(seed in any::<u64>(), scheme in 0usize..2, region in 0usize..23) {
        let s = &builtin()[scheme];
        let mut rng = support::Rng(seed);
        let mut fill = |buf: &mut [u8]| { for b in buf.iter_mut() { *b = rng.next() as u8; } Ok(()) };
        // Dates only for the scheme that carries them (a value for a missing field is an error).
        let dated = !s.validity_days.is_empty();
        let issue = Issue {
            region: Some(claimcheck::region::MARKETPLACES[region].prefix.into()),
            issued_on: support::now().date().sub_days(seed % 30).filter(|_| dated),
            validity_days: Some(30).filter(|_| dated),
        };
        let code = generate_with(s, &issue, &mut fill).unwrap();
        let v = validate(&code, &CheckOptions::default().now(support::now())).unwrap();
        prop_assert_eq!(v.status, Status::Valid, "{} detected as {:?}", code, v.scheme);
        prop_assert_eq!(v.scheme.as_deref(), Some(s.id.as_str()));
    }

    /// 20 symbols that verify as a credit are a credit, also when their first 16 are a gift card
    /// (which a gift card's search for a code inside longer input finds): a code that verifies as
    /// typed wins, however detection gets there.
    #[test]
    fn a_verified_credit_with_a_gift_card_inside_is_a_credit(seed in any::<u64>(), region in 0usize..23) {
        let (giftcard, credit) = (&builtin()[0], &builtin()[1]);
        let mut rng = support::Rng(seed);
        let mut fill = |buf: &mut [u8]| { for b in buf.iter_mut() { *b = rng.next() as u8; } Ok(()) };
        let issue = Issue { region: Some(claimcheck::region::MARKETPLACES[region].prefix.into()), ..Issue::default() };
        let card = generate_with(giftcard, &issue, &mut fill).unwrap();
        let alphabet = &credit.alphabet;
        let mut values: Vec<u8> = card.chars().map(|c| alphabet.value(c).unwrap()).collect();
        values.extend([(seed >> 8) as u8 & 31, (seed >> 16) as u8 & 31]);
        values.extend(claimcheck::checksum::rs32::check_symbols(&values));
        let code: String = values.iter().map(|&v| alphabet.symbol(v)).collect();
        let v = validate(&code, &CheckOptions::default().now(support::now())).unwrap();
        prop_assert_eq!(v.scheme.as_deref(), Some("credit"), "{} (gift card {} inside)", code, card);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn validation_never_panics_on_long_unicode(input in proptest::collection::vec(any::<char>(), 0..10_000)) {
        let input: String = input.into_iter().collect();
        let v = validate(&input, &CheckOptions::default().now(support::now())).unwrap();
        if input.chars().count() > 256 {
            prop_assert_eq!(v.findings[0].code.code(), "input_too_long");
        }
    }
}

proptest! {
    /// Every result is valid JSON (checked by serde_json, an independent parser) and carries the input
    /// unchanged; our own reader reads back what our writer wrote.
    #[test]
    fn results_are_json_that_reads_back(input in code_like()) {
        let v = validate(&input, &CheckOptions::default().now(support::now())).unwrap();
        let text = claimcheck::ToJson::to_json(&v);
        let independent: serde_json::Value = serde_json::from_str(&text).unwrap();
        prop_assert_eq!(independent["input"].as_str(), Some(input.as_str()));
        let ours = claimcheck::Json::parse(&text).unwrap();
        prop_assert_eq!(ours.get("input").and_then(claimcheck::Json::as_str), Some(input.as_str()));
        prop_assert_eq!(ours.to_json(), text);
    }

    /// A package verifies whatever text its request holds (escapes, U+2028, any Unicode): the verifier
    /// hashes the parsed members written again, which must give back exactly what was hashed.
    #[test]
    fn any_package_verifies(input in code_like(), message in any::<String>(), agent in any::<String>(), order in any::<String>()) {
        let request = claimcheck::support::SupportRequest {
            input,
            options: CheckOptions::default().now(support::now()),
            attempts: vec![claimcheck::support::Attempt {
                at: "2026-11-22T12:00:00Z".into(),
                server_code: Some("invalid_code".into()),
                server_message: Some(message),
                ..Default::default()
            }],
            order_number: Some(order),
            environment: claimcheck::support::Environment { user_agent: Some(agent), ..Default::default() },
            ..Default::default()
        };
        let p = claimcheck::support::support_package(&request).unwrap();
        let checked = claimcheck::support::verify_support_package(&p.json);
        prop_assert!(checked.is_ok(), "{:?}: {}", checked, p.json);
        prop_assert_eq!(checked.unwrap().reference, p.reference.clone());
        // As the browser module gets it: parsed by JavaScript, sent as a tape.
        let sent = claimcheck::Json::from_tape(&claimcheck::Json::parse(&p.json).unwrap().to_tape());
        let checked = claimcheck::support::verify_parsed_package(sent.ok_or(""));
        prop_assert_eq!(checked.map(|c| c.reference), Ok(p.reference));
    }

    /// Any value reads back from its tape (what the browser module reads instead of JSON), and any
    /// text is read or refused as a tape, never a panic.
    #[test]
    fn values_round_trip_through_tapes(value in json_value(), text in any::<String>()) {
        prop_assert_eq!(claimcheck::Json::from_tape(&value.to_tape()), Some(value));
        let _ = claimcheck::Json::from_tape(&text);
    }

    /// Any string survives a write/read round trip, escapes included.
    #[test]
    fn any_string_round_trips(s in any::<String>()) {
        let text = claimcheck::ToJson::to_json(&s);
        prop_assert_eq!(serde_json::from_str::<String>(&text).unwrap(), s.clone());
        prop_assert_eq!(claimcheck::Json::parse(&text).unwrap(), claimcheck::Json::String(s.clone()));
        // The binding's tape: the length in UTF-16 units (what JS slices by), then the text as it is.
        let mut w = claimcheck::json::JsonWriter::tape(false);
        w.string(&s);
        prop_assert_eq!(w.finish(), format!("{},{}", s.encode_utf16().count(), s));
    }
}

/// JSON values, nested up to 6 deep, with any strings as keys and values.
fn json_value() -> impl Strategy<Value = claimcheck::Json> {
    use claimcheck::Json;
    let leaf = prop_oneof![
        Just(Json::Null),
        any::<bool>().prop_map(Json::Bool),
        any::<i64>().prop_map(Json::Int),
        (any::<u32>(), 1u8..99).prop_map(|(a, b)| Json::OtherNumber(format!("{a}.{b}"))),
        any::<String>().prop_map(Json::String),
    ];
    leaf.prop_recursive(6, 64, 8, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..8).prop_map(Json::Array),
            proptest::collection::vec((any::<String>(), inner), 0..8).prop_map(Json::Object),
        ]
    })
}

/// Text shaped like a timestamp, with any character anywhere: digits, separators, zones, fractions.
fn timestamp_like() -> impl Strategy<Value = String> {
    text_of(
        prop_oneof![
            proptest::char::range('0', '9'),
            Just('-'),
            Just(':'),
            Just('T'),
            Just('Z'),
            Just('+'),
            Just('.'),
            Just(' '),
            any::<char>(),
        ],
        32,
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(5_000))]

    /// Any text: an instant or `None`, never a panic; what parses writes itself back as RFC 3339.
    #[test]
    fn timestamps_parse_without_panics(text in timestamp_like()) {
        if let Some(t) = claimcheck::date::Timestamp::parse(&text) {
            prop_assert_eq!(claimcheck::date::Timestamp::parse(&t.format()), Some(t));
        }
        if let Some(d) = claimcheck::date::Date::parse(&text) {
            prop_assert_eq!(d.format(), text);
        }
    }

    /// Any instant the type can hold formats and parses back to itself.
    #[test]
    fn timestamps_round_trip(seconds in -62_167_219_200i64..=253_402_300_799) {
        let t = claimcheck::date::Timestamp::from_unix_seconds(seconds).unwrap();
        prop_assert_eq!(claimcheck::date::Timestamp::parse(&t.format()), Some(t));
        prop_assert_eq!(t.unix_seconds(), seconds);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2_000))]

    /// A server code is recognised whatever its case and whatever separates its words (`_`, `-`, `.`,
    /// a space or nothing), with space around it; any other text is `unknown`, never a panic.
    #[test]
    fn server_codes_are_read_in_any_spelling(
        which in 0usize..claimcheck::explain::SERVER_CODES.len(),
        upper in proptest::collection::vec(any::<bool>(), 20),
        separator in prop_oneof![Just(""), Just(" "), Just("-"), Just("_"), Just(".")],
        around in prop_oneof![Just(""), Just(" "), Just("\t"), Just("\n ")],
        other in any::<String>(),
    ) {
        use claimcheck::explain::{explain_rejection, SERVER_CODES};
        use claimcheck::Locale;
        let code = SERVER_CODES[which];
        let mut spelled = String::from(around);
        for (i, c) in code.chars().enumerate() {
            if c == '_' {
                spelled.push_str(separator);
            } else {
                spelled.push(if upper[i % upper.len()] { c.to_ascii_uppercase() } else { c });
            }
        }
        spelled.push_str(around);
        prop_assert_eq!(explain_rejection(&spelled, Locale::En, None).code, code, "{:?}", spelled);
        let x = explain_rejection(&other, Locale::De, None);
        prop_assert!(SERVER_CODES.contains(&x.code.as_str()) && !x.title.is_empty(), "{:?}", other);
    }
}

/// The normalised input with `edits` applied: each at its position in the input as normalised (so
/// applied from the last position back), and each checked to find what its `from` names there.
fn apply(normalized: &str, edits: &[Edit]) -> Result<String, String> {
    let mut chars: Vec<char> = normalized.chars().collect();
    let mut edits: Vec<&Edit> = edits.iter().collect();
    edits.sort_by_key(|e| core::cmp::Reverse(e.position));
    for e in edits {
        let from: Vec<char> = e.from.as_deref().unwrap_or("").chars().collect();
        let to: Vec<char> = e.to.as_deref().unwrap_or("").chars().collect();
        let shape_ok = match e.kind {
            EditKind::Substitute => from.len() == 1 && to.len() == 1 && from != to,
            EditKind::Transpose => from.len() == 2 && to == [from[1], from[0]] && from != to,
            EditKind::Insert => e.from.is_none() && to.len() == 1,
            EditKind::Delete => e.to.is_none() && !from.is_empty(),
        };
        let end = e.position + from.len();
        if !shape_ok || chars.get(e.position..end) != Some(&from[..]) {
            return Err(format!("{e:?} does not fit {normalized}"));
        }
        chars.splice(e.position..end, to);
    }
    Ok(chars.into_iter().collect())
}

/// Characters a mistyped or pasted code is made of: symbols, look-alikes, separators, a label's
/// colon, impossible and foreign characters.
const TYPED: &str = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ?:- öО";

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3_000))]

    /// The form marks and explains a suggestion by its edits: applied to the normalised input they
    /// give exactly the suggested code. Codes with one to three random mistakes (substitutions,
    /// swaps, insertions, deletions, look-alikes, a label or text around), scheme given or detected.
    #[test]
    fn suggestion_edits_turn_the_input_into_the_suggestion(seed in any::<u64>(), credit in any::<bool>(), given in any::<bool>(), market in 0usize..3) {
        let mut rng = support::Rng(seed);
        let scheme = support::scheme(if credit { "credit" } else { "giftcard" });
        let code = if seed % 5 == 0 { support::expired_code(scheme, &mut rng, 400) } else { support::code(scheme, &mut rng) };
        let typed: Vec<char> = TYPED.chars().collect();
        let mut chars: Vec<char> = code.chars().collect();
        for _ in 0..1 + rng.below(3) {
            let n = chars.len();
            match rng.below(6) {
                0 => chars[rng.below(n)] = typed[rng.below(typed.len())],
                1 => {
                    let p = rng.below(n - 1);
                    chars.swap(p, p + 1);
                }
                2 => chars.insert(rng.below(n + 1), typed[rng.below(typed.len())]),
                3 => drop(chars.remove(rng.below(n))),
                4 => {
                    let p = rng.below(n);
                    chars[p] = support::lookalike_of(chars[p]).unwrap_or(chars[p]);
                }
                _ => {
                    let text: Vec<char> = ["Code: ", "Gutscheincode:", "see ", "DE"][rng.below(4)].chars().collect();
                    if rng.below(2) == 0 { chars.splice(0..0, text); } else { chars.extend(text); }
                }
            }
        }
        let input: String = chars.into_iter().collect();
        let options = CheckOptions::default()
            .scheme(if given { scheme.id.as_str() } else { "auto" })
            .marketplace(["DE", "US", "amazon.co.jp"][market])
            .now(support::now());
        let v = validate(&input, &options).unwrap();
        for s in &v.suggestions {
            prop_assert_eq!(apply(&v.normalized, &s.edits), Ok(s.code.clone()), "{:?}", input);
        }
    }

    /// Normalisation's changes say exactly what it did: applied to the input (each at its
    /// character's index, removals dropped), they give the normalised input.
    #[test]
    fn changes_turn_the_input_into_the_normalised_input(
        input in text_of(prop_oneof![
            proptest::sample::select("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcxyz?:- \t\u{200B}\u{00AD}\u{00A0}\u{FEFF}\u{2060}\u{0301}ＤＥ９ЕОο–—_./ÄöÜßⒶ①ﬁ".chars().collect::<Vec<_>>()),
            any::<char>(),
        ], 40)
    ) {
        let v = validate(&input, &CheckOptions::default().now(support::now())).unwrap();
        let mut chars: Vec<Option<char>> = input.chars().map(Some).collect();
        for c in &v.changes {
            prop_assert_eq!(chars.get(c.position).copied().flatten(), Some(c.from), "{:?}: {:?}", input, c);
            chars[c.position] = c.to;
        }
        prop_assert_eq!(chars.into_iter().flatten().collect::<String>(), v.normalized);
    }
}
