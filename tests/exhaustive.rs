#![cfg(not(target_arch = "wasm32"))]
//! Exhaustive error tests for the rs32 schemes: every single substitution, every adjacent
//! transposition, every one or two symbols at known positions, and codes pasted inside other text,
//! for generated codes.

mod support;

use claimcheck::explain::CauseCode;
use claimcheck::{validate, CheckOptions, Edit, EditKind, FindingCode, Status};
use support::{code, expired_code, lookalike_of, now, scheme, type_on_other_layout, Rng, LAYOUTS};

const CODES_PER_SCHEME: usize = 120;

fn options(id: &str) -> CheckOptions {
    CheckOptions::default().scheme(id).now(now())
}

/// Every code with one symbol replaced by another of the alphabet, each with that position.
fn every_substitution(code: &str, alphabet: &str) -> Vec<(usize, String)> {
    let chars: Vec<char> = code.chars().collect();
    let mut out = Vec::new();
    for (i, &old) in chars.iter().enumerate() {
        for replacement in alphabet.chars().filter(|&c| c != old) {
            let mut typo = chars.clone();
            typo[i] = replacement;
            out.push((i, typo.into_iter().collect()));
        }
    }
    out
}

/// True when the input also reads as a code typed on another keyboard layout (two or more of its
/// letters Y/Z, or A/Q and W/Z, swapped back verify: about one typo in 2,000 by chance): that
/// reading then comes first and the checksum finding locates nothing, while `original` must still
/// be offered.
fn read_as_other_layout(v: &claimcheck::Validation, original: &str) -> bool {
    if v.causes.first().map(|c| c.code) != Some(CauseCode::KeyboardLayout) {
        return false;
    }
    assert_eq!(v.findings[0].position, None, "{}: nothing located", v.input);
    assert!(v.suggestions[0].edits.len() > 1, "{}", v.input);
    assert!(v.suggestions[1..].iter().any(|s| s.code == original), "{}: {original} still offered", v.input);
    true
}

#[test]
fn every_single_substitution_is_detected_located_and_corrected() {
    for id in ["giftcard", "credit"] {
        let s = scheme(id);
        let mut rng = Rng(0x5eed_0001);
        let (mut checked, mut other_layout) = (0, 0);
        for _ in 0..CODES_PER_SCHEME {
            let original = code(s, &mut rng);
            assert_eq!(validate(&original, &options(id)).unwrap().status, Status::Valid, "{original}");
            let chars: Vec<char> = original.chars().collect();
            for (i, typo) in every_substitution(&original, s.alphabet.as_str()) {
                let v = validate(&typo, &options(id)).unwrap();
                assert_eq!(v.status, Status::Invalid, "{typo} must be caught");
                let f = &v.findings[0];
                assert_eq!(f.code, FindingCode::ChecksumMismatch, "{typo}");
                checked += 1;
                if read_as_other_layout(&v, &original) {
                    other_layout += 1;
                    continue;
                }
                assert_eq!(f.position, Some(i), "{typo}: wrong symbol located");
                assert_eq!(f.expected.as_deref(), Some(chars[i].to_string().as_str()), "{typo}");
                assert_eq!(v.suggestions[0].code, original, "{typo}: corrected exactly");
            }
        }
        assert_eq!(checked, CODES_PER_SCHEME * s.max_len() * 31);
        println!("{id}: {other_layout} of {checked} typos read first as typed on another keyboard layout");
        assert!(other_layout * 1000 <= checked, "{id}: more than 0.1% read as another layout");
    }
}

/// A code typed with the keyboard set to another language (German and English swap Y and Z, French
/// and English A and Q, W and Z): two or more swapped letters are beyond the checksum's correction
/// of one symbol, which then "corrected" a third position for about a third of them. Swapped back
/// at once, every one is suggested first, with the cause `keyboard_layout` and nothing located; one
/// swapped letter is an ordinary typo.
#[test]
fn every_code_typed_on_another_keyboard_layout_is_suggested_first() {
    let mut rng = Rng(0x5eed_0010);
    let (mut checked, mut single, mut begins_like_a_credit, mut valid_as_typed, mut prefix_only) = (0, 0, 0, 0, 0);
    for id in ["giftcard", "credit"] {
        let s = scheme(id);
        for _ in 0..2_000 {
            let original = code(s, &mut rng);
            for (pairs, named) in LAYOUTS {
                let mut typed: Vec<char> = original.chars().collect();
                let swapped = type_on_other_layout(&mut typed, pairs);
                let typed: String = typed.into_iter().collect();
                if swapped == 0 {
                    continue;
                }
                for (given, options) in [(true, options(id)), (false, CheckOptions::default().now(now()))] {
                    let v = validate(&typed, &options).unwrap();
                    if !given && v.status == Status::Incomplete && v.scheme.as_deref() == Some("credit") {
                        // A gift card with a typo that begins like a credit (the form reads it as
                        // a gift card when submitted): about one in 400.
                        begins_like_a_credit += 1;
                        continue;
                    }
                    if v.status == Status::Valid {
                        // Three or more letters swapped can make another valid code (the checksum
                        // detects any two): about one in 125 such codes, as every Y/Z swap changes
                        // a symbol's value by the same amount. Nothing tells them apart.
                        assert!(swapped >= 3, "{typed}");
                        valid_as_typed += 1;
                        continue;
                    }
                    assert_eq!((v.status, v.scheme.as_deref()), (Status::Invalid, Some(id)), "{typed}");
                    assert_eq!(v.suggestions[0].code, original, "{typed}");
                    if swapped == 1 {
                        assert!(v.findings[0].position.is_some(), "{typed}: one typo, located");
                        // A typo, or an ambiguous one when another correction fits too.
                        assert!(matches!(v.causes[0].code, CauseCode::Typo | CauseCode::AmbiguousTypo), "{typed}");
                        single += 1;
                        continue;
                    }
                    assert_eq!(v.suggestions[0].edits.len(), swapped, "{typed}");
                    checked += 1;
                    let f = &v.findings[0];
                    if f.code == FindingCode::UnknownPrefix {
                        // The swapped letters left the checksum intact (see `valid_as_typed`) but
                        // not the region prefix (CA, AU, AE, SA, ZA have such letters): the prefix
                        // is named as unknown, and the cause is told from the suggestion's first edit.
                        assert_eq!(v.causes[0].code, CauseCode::Typo, "{typed}");
                        prefix_only += 1;
                        continue;
                    }
                    // No single position to blame; the finding names the swapped letters, and so
                    // does the cause.
                    assert_eq!((f.code, f.position), (FindingCode::ChecksumMismatch, None), "{typed}");
                    assert_eq!(f.expected.as_deref(), Some(named), "{typed}");
                    assert_eq!(v.causes[0].code, CauseCode::KeyboardLayout, "{typed}");
                    assert_eq!(f.message, v.causes[0].message, "{typed}");
                    assert!(f.message.contains(named), "{typed}: {}", f.message);
                }
            }
        }
    }
    println!(
        "{checked} codes with two or more letters swapped by another layout, {single} with one; \
         {begins_like_a_credit} gift cards read as a credit being typed, {valid_as_typed} valid as typed, \
         {prefix_only} with only the prefix wrong"
    );
    assert!(prefix_only * 200 < checked, "{prefix_only}");
    assert!(valid_as_typed * 200 < checked, "{valid_as_typed}");
    assert!(checked > 1_500 && single > 1_500, "{checked} / {single}");
    assert!(begins_like_a_credit * 100 < checked + single, "{begins_like_a_credit}");
}

/// A code the customer cannot use here is still their code: an expired credit (detected, no scheme
/// given) and a gift card for another marketplace (scheme given: a gift card with a typo can also
/// begin a credit) get every single substitution located and
/// corrected, and the cause is a typo; the corrected code then says what is wrong with it.
/// Every pair of look-alike characters misread (8/B, 2/Z, 5/S, 6/G, D/Q) in 120 codes of each scheme:
/// the code is always among the suggestions. When it is the only one, it is suggested with a cause
/// naming both positions. Otherwise another reading fits too and ranks first about one time in three
/// (one wrong symbol explains two others about as often as a random code passes the check symbols);
/// the cause then says that more than one correction fits.
#[test]
fn every_pair_of_lookalikes_misread_is_suggested() {
    let mut rng = Rng(0x5eed_0011);
    let (mut alone, mut first, mut not_first) = (0, 0, 0);
    for id in ["giftcard", "credit"] {
        let s = scheme(id);
        for _ in 0..CODES_PER_SCHEME {
            let original = code(s, &mut rng);
            let chars: Vec<char> = original.chars().collect();
            let confusable: Vec<usize> = (0..chars.len()).filter(|&i| lookalike_of(chars[i]).is_some()).collect();
            for (k, &a) in confusable.iter().enumerate() {
                for &b in &confusable[k + 1..] {
                    let mut typed = chars.clone();
                    for p in [a, b] {
                        typed[p] = lookalike_of(typed[p]).unwrap_or(typed[p]);
                    }
                    let typed: String = typed.into_iter().collect();
                    let v = validate(&typed, &options(id)).unwrap();
                    assert_eq!(v.status, Status::Invalid, "{typed}");
                    assert!(v.suggestions.iter().any(|s| s.code == original), "{typed}: {:?}", v.suggestions);
                    let (top, f, cause) = (&v.suggestions[0], &v.findings[0], v.causes[0].code);
                    if v.suggestions.len() == 1 && top.edits.len() == 2 {
                        assert_eq!((f.code, f.position), (FindingCode::ChecksumMismatch, None), "{typed}");
                        assert_eq!(cause, CauseCode::LookalikeCharacters, "{typed}");
                        assert_eq!(v.causes[0].position, Some(a), "{typed}");
                        assert!(v.causes[0].message.contains(&format!("{} and {}", a + 1, b + 1)), "{typed}");
                        alone += 1;
                    } else if top.code == original {
                        // A position named is one the first suggestion corrects.
                        assert!(f.position.is_none_or(|p| p == a || p == b), "{typed}: {}", f.message);
                        first += 1;
                    } else {
                        // "DQ" read as "QD" is two neighbours swapped, told as such when alone.
                        let swapped = b == a + 1 && lookalike_of(chars[a]) == Some(chars[b]);
                        assert!(
                            swapped || matches!(cause, CauseCode::AmbiguousTypo | CauseCode::KeyboardLayout),
                            "{typed}"
                        );
                        not_first += 1;
                    }
                }
            }
        }
    }
    println!("look-alike pairs: {alone} the only suggestion, {first} first of several, {not_first} after another");
    assert!(not_first * 2 < alone + first, "{alone} alone, {first} first, {not_first} not first");
}

#[test]
fn every_substitution_of_an_expired_or_foreign_code_is_corrected() {
    let mut rng = Rng(0x5eed_000e);
    let (mut checked, mut behind_a_working_code, mut other_layout) = (0, 0, 0);
    for (id, expired) in [("credit", true), ("giftcard", false)] {
        let s = scheme(id);
        for _ in 0..30 {
            let original = if expired { expired_code(s, &mut rng, 700) } else { code(s, &mut rng) };
            let here = if original.starts_with("DE") { "US" } else { "DE" };
            let options = if expired { CheckOptions::default().now(now()) } else { options(id).marketplace(here) };
            let verdict = validate(&original, &options).unwrap();
            let why = if expired { FindingCode::Expired } else { FindingCode::WrongRegion };
            assert_eq!((verdict.status, verdict.findings[0].code), (Status::Invalid, why), "{original}");
            for (i, typo) in every_substitution(&original, s.alphabet.as_str()) {
                let v = validate(&typo, &options).unwrap();
                assert_eq!((v.status, v.scheme.as_deref()), (Status::Invalid, Some(id)), "{typo}");
                let f = &v.findings[0];
                if read_as_other_layout(&v, &original) {
                    other_layout += 1;
                    continue;
                }
                // A code that works here comes first (a neighbour swap or two look-alikes can turn
                // the date of an expired credit into a valid one); the customer's code is then
                // offered after it, and no position is named, as the first suggestion changes others.
                let top = &v.suggestions[0].code;
                if *top != original {
                    assert_eq!((f.code, f.position), (FindingCode::ChecksumMismatch, None), "{typo}");
                    assert_eq!(validate(top, &options).unwrap().status, Status::Valid, "{typo}: {top}");
                    assert!(v.suggestions.iter().any(|s| s.code == original), "{typo}");
                    behind_a_working_code += 1;
                    continue;
                }
                assert_eq!((f.code, f.position), (FindingCode::ChecksumMismatch, Some(i)), "{typo}");
                // A typo, or (when another correction fits too) an ambiguous one; never
                // "several typos".
                assert!(matches!(v.causes[0].code, CauseCode::Typo | CauseCode::AmbiguousTypo), "{typo}");
                checked += 1;
            }
        }
    }
    println!("{behind_a_working_code} of {} corrections came after a code that works here", 30 * 31 * (20 + 16));
    println!("{other_layout} came after the input read as typed on another keyboard layout");
    assert_eq!(checked + behind_a_working_code + other_layout, 30 * 31 * (20 + 16));
    assert!(behind_a_working_code * 1000 <= checked, "more than 0.1% behind another code");
    assert!(other_layout * 1000 <= checked, "more than 0.1% read as another layout");
}

#[test]
fn every_adjacent_transposition_is_detected() {
    for id in ["giftcard", "credit"] {
        let s = scheme(id);
        let mut rng = Rng(0x5eed_0002);
        for _ in 0..CODES_PER_SCHEME {
            let original = code(s, &mut rng);
            let chars: Vec<char> = original.chars().collect();
            for i in 0..chars.len() - 1 {
                if chars[i] == chars[i + 1] {
                    continue;
                }
                let mut swapped = chars.clone();
                swapped.swap(i, i + 1);
                let swapped: String = swapped.into_iter().collect();
                let v = validate(&swapped, &options(id)).unwrap();
                assert_eq!(v.status, Status::Invalid, "{swapped} must be caught");
                assert!(v.suggestions.iter().any(|s| s.code == original), "{swapped}: {original} not suggested");
            }
        }
    }
}

#[test]
fn any_one_or_two_known_positions_are_recovered() {
    for id in ["giftcard", "credit"] {
        let s = scheme(id);
        let mut rng = Rng(0x5eed_0003);
        for round in 0..CODES_PER_SCHEME / 4 {
            let original = code(s, &mut rng);
            let chars: Vec<char> = original.chars().collect();
            let n = chars.len();
            let marks = ['?', 'O', '0', 'I', '1'];
            for a in 0..n {
                for b in a..n {
                    let mut damaged = chars.clone();
                    damaged[a] = marks[(a + round) % marks.len()];
                    damaged[b] = marks[(b + round + 1) % marks.len()];
                    let damaged: String = damaged.into_iter().collect();
                    let v = validate(&damaged, &options(id)).unwrap();
                    assert_eq!(v.status, Status::Invalid, "{damaged}");
                    assert_eq!(v.suggestions.len(), 1, "{damaged}: recovery is exact, so unique");
                    assert_eq!(v.suggestions[0].code, original, "{damaged}");
                }
            }
        }
    }
}

/// Characters no code has: a neighbouring key on a German keyboard (Ü, Ä, ß, #), a Cyrillic letter
/// without a Latin look-alike, symbols. One of them anywhere in a code is recovered (the second
/// check symbol verifies it) and told as a typo at its position, with the code named by scheme or
/// detected; two are not guessed (nothing would verify the result).
#[test]
fn one_impossible_character_anywhere_is_recovered_two_are_not_guessed() {
    const IMPOSSIBLE: [char; 8] = ['#', 'Ü', 'Д', '€', '!', 'ß', 'Ä', '🎁'];
    let detected = CheckOptions::default().now(now());
    let mut checked = 0;
    for id in ["giftcard", "credit"] {
        let s = scheme(id);
        let mut rng = Rng(0x5eed_0009);
        for round in 0..CODES_PER_SCHEME / 4 {
            let original = code(s, &mut rng);
            let chars: Vec<char> = original.chars().collect();
            for (i, &c) in IMPOSSIBLE.iter().cycle().skip(round).take(chars.len()).enumerate() {
                let mut damaged = chars.clone();
                damaged[i] = c;
                let damaged: String = damaged.into_iter().collect();
                for options in [&options(id), &detected] {
                    let v = validate(&damaged, options).unwrap();
                    assert_eq!(v.status, Status::Invalid, "{damaged}");
                    assert_eq!(v.findings[0].code, FindingCode::InvalidCharacter, "{damaged}");
                    assert_eq!(v.findings[0].position, Some(i), "{damaged}");
                    assert_eq!(v.suggestions.len(), 1, "{damaged}: recovery is exact, so unique");
                    assert_eq!(v.suggestions[0].code, original, "{damaged}");
                    let cause = &v.causes[0];
                    assert_eq!((cause.code, cause.position), (CauseCode::Typo, Some(i)), "{damaged}");
                    checked += 1;
                }
                let mut twice = damaged.chars().collect::<Vec<_>>();
                let j = (i + 3) % twice.len();
                twice[j] = IMPOSSIBLE[(i + 1) % IMPOSSIBLE.len()];
                let twice: String = twice.into_iter().collect();
                let v = validate(&twice, &options(id)).unwrap();
                assert_eq!(v.status, Status::Invalid, "{twice}");
                assert!(v.suggestions.iter().all(|s| s.code != original), "{twice}: two impossible characters guessed");
            }
        }
    }
    assert_eq!(checked, 2 * (CODES_PER_SCHEME / 4) * (16 + 20));
}

/// What people paste around a code: a label, the rest of the email's sentence, a stray key.
const AROUND: &[(&str, &str)] = &[
    ("Claim code: ", ""),
    ("Gutscheincode ", ""),
    ("Your gift card code is ", ". Enjoy!"),
    ("Code:", "."),
    ("", "\nAmount: 25,00 EUR"),
    ("Ihr Code lautet: „", "“"),
    ("X", ""),
    ("", "7"),
    ("Q", "W"),
    // One character that is no code symbol at all, two bytes in UTF-8: still one extra character.
    ("Ä", ""),
];

#[test]
fn a_code_inside_other_text_is_found_and_suggested() {
    let (mut checked, mut also_a_credit_begun) = (0, 0);
    for id in ["giftcard", "credit"] {
        let s = scheme(id);
        let mut rng = Rng(0x5eed_0007);
        for _ in 0..40 {
            let original = code(s, &mut rng);
            let display = validate(&original, &options(id)).unwrap().display;
            let mut inputs: Vec<String> =
                AROUND.iter().map(|(before, after)| format!("{before}{display}{after}")).collect();
            inputs.push(format!("{original}{original}")); // pasted twice
            for input in &inputs {
                for (detected, options) in [(true, CheckOptions::default().now(now())), (false, options(id))] {
                    let v = validate(input, &options).unwrap();
                    // A gift card and one more symbol can also be the first 17 symbols of a credit
                    // that expired lately (its date fields decode so): read as still being typed.
                    if detected && v.status == Status::Incomplete && v.scheme.as_deref() == Some("credit") {
                        also_a_credit_begun += 1;
                        continue;
                    }
                    // 17 to 20 letters and digits would also be a well-formed promotion code: the
                    // gift card inside wins detection.
                    assert_eq!(v.status, Status::Invalid, "{input}");
                    let top = &v.suggestions[0];
                    assert_eq!(top.code, original, "{input}");
                    assert!(top.confidence >= 0.75, "{input}: {}", top.confidence);
                    assert!(top.edits.iter().all(|e| e.kind == EditKind::Delete), "{input}");
                    // The deletions and the code make up the input as normalised, in order.
                    let mut rebuilt = String::new();
                    for e in &top.edits {
                        if e.position > 0 {
                            rebuilt.push_str(&original);
                        }
                        rebuilt.push_str(e.from.as_deref().unwrap());
                    }
                    if top.edits.iter().all(|e| e.position == 0) {
                        rebuilt.push_str(&original);
                    }
                    assert_eq!(rebuilt, v.normalized, "{input}");
                    let extra = v.normalized.chars().count() - original.len();
                    let expected = if extra == 1 { CauseCode::ExtraCharacter } else { CauseCode::ExtraText };
                    assert_eq!(v.causes[0].code, expected, "{input}");
                    if expected == CauseCode::ExtraText {
                        let count = v.normalized.chars().count().to_string();
                        assert!(v.causes[0].message.contains(&count), "{input}: {}", v.causes[0].message);
                    }
                    checked += 1;
                }
            }
        }
    }
    println!("{also_a_credit_begun} inputs were also the beginning of a credit");
    assert!(also_a_credit_begun <= 2, "{also_a_credit_begun} inputs taken for a credit being typed");
    assert_eq!(checked + also_a_credit_begun, 2 * 40 * (AROUND.len() + 1) * 2);
}

#[test]
fn two_codes_pasted_together_are_both_offered() {
    let v = validate("DE9N8GUZWH279LUF US8W2ZNFTJQQS6D3", &CheckOptions::default().now(now())).unwrap();
    let offered: Vec<&str> = v.suggestions.iter().map(|s| s.code.as_str()).collect();
    assert_eq!(offered, ["DE9N8GUZWH279LUF", "US8W2ZNFTJQQS6D3"]);
    // Not a typo of either: text (here another code) around the code.
    let causes: Vec<CauseCode> = v.causes.iter().map(|c| c.code).collect();
    assert_eq!(causes, [CauseCode::ExtraText, CauseCode::NotOurCode]);
    // On amazon.de the German code, which passes every check, comes first; the other one after it
    // (taking it says that it is for amazon.com).
    let on_de = CheckOptions::default().marketplace("DE").now(now());
    let de = validate("DE9N8GUZWH279LUF US8W2ZNFTJQQS6D3", &on_de).unwrap();
    let offered: Vec<&str> = de.suggestions.iter().map(|s| s.code.as_str()).collect();
    assert_eq!(offered, ["DE9N8GUZWH279LUF", "US8W2ZNFTJQQS6D3"]);
    let taken = validate(offered[1], &on_de).unwrap();
    assert_eq!(taken.findings[0].code, FindingCode::WrongRegion);
}

#[test]
fn random_text_rarely_hides_a_code() {
    // Symbols of the codes' own alphabet, 17 to 64 of them: the hardest text to search, since every
    // window could be a code. A window passes two check symbols once in 1,024 tries and must also
    // start with a marketplace prefix, so about one input in a thousand gets a suggestion; each must
    // be a valid code found in the input.
    const A32: &[u8] = b"23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
    let mut rng = Rng(0x5eed_0008);
    let (mut inputs, mut found) = (0, 0);
    for _ in 0..3000 {
        let len = 17 + rng.below(48);
        let input: String = (0..len).map(|_| char::from(A32[rng.below(32)])).collect();
        let v = validate(&input, &CheckOptions::default().now(now())).unwrap();
        inputs += 1;
        for s in &v.suggestions {
            assert!(input.contains(&s.code), "{input}: {} is not in it", s.code);
            assert_eq!(validate(&s.code, &CheckOptions::default().now(now())).unwrap().status, Status::Valid);
        }
        found += usize::from(!v.suggestions.is_empty());
    }
    assert!(found * 100 <= inputs, "{found} of {inputs} random inputs got a suggestion");
}

#[test]
fn codes_without_a_region_prefix_are_not_searched_for_in_text() {
    // rs32 alone would let one window in 1,024 through: among the 57 windows of 64 symbols, a random
    // "code" in about one input in twenty. Without a region prefix to confirm it, no search.
    let mut registry = claimcheck::Registry::new();
    registry
        .register_json(
            r#"{"id": "voucher", "alphabet": "23456789ABCDEFGHJKLMNPQRSTUVWXYZ", "lengths": [8], "checksum": "rs32",
                "fields": [{"kind": "random", "start": 0, "length": 6}, {"kind": "check", "start": 6, "length": 2}]}"#,
        )
        .unwrap();
    let voucher = registry.get("voucher").unwrap().clone();
    let mut rng = Rng(0x5eed_0009);
    let mut fill = |buf: &mut [u8]| {
        for b in buf.iter_mut() {
            *b = rng.next() as u8;
        }
        Ok(())
    };
    let code = claimcheck::generate::generate_with(&voucher, &Default::default(), &mut fill).unwrap();
    let options = CheckOptions::default().scheme("voucher").now(now());
    assert_eq!(registry.validate(&code, &options).unwrap().status, Status::Valid);
    let v = registry.validate(&format!("Your voucher {code}, thanks"), &options).unwrap();
    assert_eq!(v.status, Status::Invalid);
    assert!(v.suggestions.is_empty(), "{:?}", v.suggestions);
    // After a label ending in "code:" it is offered: there is no doubt where it starts.
    let v = registry.validate(&format!("Code: {code}"), &options).unwrap();
    assert_eq!(v.suggestions[0].code, code);
    // The gift card scheme still finds its codes in the same registry.
    let v = registry.validate("Code: DE9N8GUZWH279LUF", &CheckOptions::default().now(now())).unwrap();
    assert_eq!(v.suggestions[0].code, "DE9N8GUZWH279LUF");
}

#[test]
fn a_code_after_a_label_ending_in_code_is_offered_for_every_scheme() {
    let auto = CheckOptions::default().now(now());
    // Schemes without a checksum too: nothing is invented, only the label removed.
    let cases = [
        ("Claim Code: ABCD-EFGHIJ-KLMN", "ABCDEFGHIJKLMN", "amazon-claim", "ABCD-EFGHIJ-KLMN"),
        ("claim code:ABCD-EFGHIJ-KLMNP", "ABCDEFGHIJKLMNP", "amazon-claim", "ABCD-EFGHIJ-KLMNP"),
        ("Promo code: SUMMER2026", "SUMMER2026", "promo", "SUMMER2026"),
        ("Aktionscode : WINTER-26", "WINTER26", "promo", "WINTER26"),
        ("Einlösecode: DE9N 8GUZ WH27 9LUF", "DE9N8GUZWH279LUF", "giftcard", "DE9N-8GUZ-WH27-9LUF"),
    ];
    for (input, code, scheme_id, display) in cases {
        for options in [auto.clone(), auto.clone().scheme(scheme_id)] {
            let v = validate(input, &options).unwrap();
            assert_eq!(v.status, Status::Invalid, "{input}");
            let top = &v.suggestions[0];
            assert_eq!((top.code.as_str(), top.display.as_str()), (code, display), "{input}");
            assert_eq!(top.edits.len(), 1, "{input}");
            assert_eq!((top.edits[0].kind, top.edits[0].position), (EditKind::Delete, 0), "{input}");
            assert!(top.edits[0].from.as_deref().unwrap().ends_with("CODE:"), "{input}");
            assert_eq!(v.causes[0].code, CauseCode::ExtraText, "{input}");
            assert!(validate(code, &options).unwrap().is_well_formed(), "{code}");
        }
    }
    // A colon typed into a code is no label: it is the character to delete.
    let v = validate("DE9N:8GUZWH279LUF", &auto).unwrap();
    assert_eq!(v.suggestions.len(), 1);
    assert_eq!(
        (v.suggestions[0].code.as_str(), &v.suggestions[0].edits[..]),
        ("DE9N8GUZWH279LUF", &[Edit { kind: EditKind::Delete, position: 4, from: Some(":".into()), to: None }][..])
    );
    assert_eq!(v.causes[0].code, CauseCode::ExtraCharacter);
    // Not a label: a label not ending in "code", a label and nothing well-formed after it, or a
    // code of another scheme than the one asked for.
    for (input, options) in [
        ("Betrag: SUMMER2026", &auto),
        ("Code: AB", &auto),
        ("Code:", &auto),
        ("Claim Code: ABCD-EFGHIJ-KLMN", &auto.clone().scheme("giftcard")),
    ] {
        let v = validate(input, options).unwrap();
        assert_eq!(v.status, Status::Invalid, "{input}");
        assert!(v.suggestions.is_empty(), "{input}: {:?}", v.suggestions);
    }
}

#[test]
fn every_extra_character_is_removed_in_the_suggestion() {
    // One character typed too many, anywhere: a code symbol, or one these codes never contain
    // (an "O" or "0" slipped in), which is then the one to delete.
    for id in ["giftcard", "credit"] {
        let s = scheme(id);
        let mut rng = Rng(0x5eed_0008);
        for round in 0..CODES_PER_SCHEME / 8 {
            let original = code(s, &mut rng);
            let chars: Vec<char> = original.chars().collect();
            for at in 0..=chars.len() {
                for extra in ['O', '0', 'I', '1', s.alphabet.symbol((round + at) as u8 % 32)] {
                    let mut typed = chars.clone();
                    typed.insert(at, extra);
                    let typed: String = typed.into_iter().collect();
                    let v = validate(&typed, &options(id)).unwrap();
                    assert_eq!(v.status, Status::Invalid, "{typed}");
                    assert!(v.suggestions.iter().any(|x| x.code == original), "{typed}: {original} not suggested");
                    // Rarely another deletion passes the two check symbols too (once in 1,024 tries at
                    // each position): then either code may be meant.
                    let cause =
                        if v.suggestions.len() == 1 { CauseCode::ExtraCharacter } else { CauseCode::AmbiguousTypo };
                    assert_eq!(v.causes[0].code, cause, "{typed}: {:?}", v.suggestions);
                }
            }
        }
    }
}
