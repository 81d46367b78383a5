//! The reference server over real HTTP: every seeded outcome, no oracle, rate limiting, malformed
//! requests (never a 500), concurrent redemption of one code (credited once), no full code in logs.

use std::sync::{Arc, Barrier};

use claimcheck::json::Json;

mod common;

use common::Server;

fn code_of(answer: &Json) -> &str {
    answer.get("code").and_then(Json::as_str).unwrap_or("")
}

#[test]
fn every_seeded_outcome() {
    let s = Server::start("outcomes");
    let fresh = s.demo_code("fresh gift card", 0);
    let before = s.giftcard_cents("anna");
    let (status, ok) = s.redeem(&fresh.to_lowercase().replace('-', " "), "anna", None);
    assert_eq!((status, ok.get("ok")), (200, Some(&Json::Bool(true))), "{ok:?}");
    assert_eq!(s.giftcard_cents("anna"), before + 2500);
    assert_eq!(s.redeem(&fresh, "anna", None).0, 409);
    assert_eq!(code_of(&s.redeem(&fresh, "anna", None).1), "already_redeemed");

    // Redeemed by someone else and never issued: the same answer (no oracle).
    let taken = s.demo_code("already redeemed by anna", 0);
    let (status_taken, taken_answer) = s.redeem(&taken, "bob", Some("DE"));
    let never_issued = claimcheck::generate::generate(
        claimcheck::scheme::builtin_registry().get("giftcard").unwrap(),
        &claimcheck::generate::Issue { region: Some("DE".into()), ..Default::default() },
    )
    .unwrap();
    let (status_unknown, unknown_answer) = s.redeem(&never_issued, "bob", Some("DE"));
    assert_eq!((status_taken, code_of(&taken_answer)), (422, "invalid_code"));
    assert_eq!((status_unknown, unknown_answer.to_json()), (status_taken, taken_answer.to_json()));

    let cases = [
        (s.demo_code("not activated yet", 0), "anna", None, 409, "not_activated"),
        (s.demo_code("courtesy credit, expired", 0), "anna", None, 410, "expired"),
        (s.demo_code("fresh gift card", 2), "anna", None, 403, "region_restricted"),
        (s.demo_code("fresh gift card", 1), "carla", None, 403, "account_restricted"),
        ("HELLO-WORLD".to_owned(), "anna", None, 422, "invalid_code"),
    ];
    for (code, account, marketplace, status, expected) in cases {
        let (got, answer) = s.redeem(&code, account, marketplace);
        assert_eq!((got, code_of(&answer)), (status, expected), "{code} for {account}");
    }

    // The scam warning, for a page without the module: the catalog's, in the language asked for.
    for (query, title) in
        [("", "Beware of gift card scams"), ("?locale=de-AT", "Vorsicht vor Betrug mit Geschenkkarten")]
    {
        let (status, _, text) = s.request("GET", &format!("/api/scam-warning{query}"), b"");
        let notice = Json::parse(&text).unwrap();
        assert_eq!((status, notice.get("title").and_then(Json::as_str)), (200, Some(title)), "{text}");
        assert!(notice.get("steps").and_then(Json::as_array).is_some_and(|steps| steps.len() >= 2), "{text}");
    }

    // A rejection's words come from the catalog, in the language the request names (English by
    // default): a page without the module shows them as they are.
    let message = |answer: &Json| answer.get("message").and_then(Json::as_str).unwrap_or("").to_owned();
    assert_eq!(
        message(&s.redeem(&fresh, "anna", None).1),
        "This code has already been redeemed. A code can be redeemed only once."
    );
    let body = format!("{{\"code\": \"{fresh}\", \"account\": \"anna\", \"locale\": \"de-AT\"}}");
    let (status, _, text) = s.request("POST", "/api/redeem", body.as_bytes());
    let german = Json::parse(&text).unwrap();
    assert_eq!((status, code_of(&german)), (409, "already_redeemed"));
    assert!(message(&german).starts_with("Dieser Code wurde bereits eingelöst. "), "{text}");

    let credit = s.demo_code("courtesy credit, valid", 0);
    let (status, answer) = s.redeem(&credit, "anna", None);
    assert_eq!(status, 200, "{answer:?}");
    let expires = answer.get("expiresOn").and_then(Json::as_str).unwrap().to_owned();
    let credits = answer.get("balance").and_then(|b| b.get("credits")).and_then(Json::as_array).unwrap().to_vec();
    assert_eq!(credits.len(), 1);
    assert_eq!(credits[0].get("expiresOn").and_then(Json::as_str), Some(expires.as_str()));
    assert_eq!(s.giftcard_cents("anna"), before + 2500, "credits are a separate ledger");

    let us = s.demo_code("fresh gift card", 2);
    assert_eq!(s.redeem(&us, "bob", None).0, 200);
    let log = s.stop();
    for code in [&fresh, &taken, &credit, &us] {
        let normalized = code.replace('-', "");
        assert!(!log.contains(&normalized) && !log.contains(code.as_str()), "the log holds {code}:\n{log}");
    }
    assert!(log.contains("outcome=redeemed"), "{log}");
}

#[test]
fn rate_limiting_answers_429_with_retry_after() {
    let s = Server::start("rate");
    for _ in 0..5 {
        assert_eq!(s.redeem("DE22-2222-2222-2222", "bob", Some("DE")).0, 422);
    }
    let (status, head, body) =
        s.request("POST", "/api/redeem", br#"{"code": "DE22-2222-2222-2222", "account": "bob", "marketplace": "DE"}"#);
    assert_eq!(status, 429, "{body}");
    assert!(body.contains("rate_limited"));
    let retry: i64 = head.lines().find_map(|l| l.strip_prefix("retry-after: ")).unwrap().trim().parse().unwrap();
    assert!((1..=600).contains(&retry), "{retry}");
    // Other accounts are not affected.
    assert_eq!(s.redeem("DE22-2222-2222-2222", "anna", None).0, 422);
    s.stop();
}

#[test]
fn malformed_requests_get_400_never_500() {
    let s = Server::start("malformed");
    let huge = vec![b'x'; 10_000];
    let cases: [(&[u8], u16, &str); 8] = [
        (b"{bad", 400, "not valid JSON"),
        (b"[1, 2]", 400, "JSON object"),
        (br#"{"account": "anna"}"#, 400, "'code' is required"),
        (br#"{"code": 5, "account": "anna"}"#, 400, "'code' must be a string"),
        (b"\xff\xfe", 400, "not UTF-8"),
        (br#"{"code": "DE9N", "account": "nobody"}"#, 404, "no such account"),
        (&huge, 413, "too large"),
        (br#"{"code": "DE9N8GUZWH279LUF", "account": "anna", "marketplace": "Narnia"}"#, 403, "region_restricted"),
    ];
    for (body, status, words) in cases {
        let (got, _, text) = s.request("POST", "/api/redeem", body);
        assert_eq!(got, status, "{}: {text}", String::from_utf8_lossy(&body[..body.len().min(40)]));
        assert!(text.contains(words), "{text}");
    }
    assert_eq!(s.request("GET", "/api/balance", b"").0, 400);
    assert_eq!(s.request("GET", "/../Cargo.toml", b"").0, 404);
    let (status, head, _) = s.request("GET", "/", b"");
    assert_eq!(status, 200);
    assert!(head.contains("content-security-policy: default-src 'self'"), "{head}");
    s.stop();
}

#[test]
fn concurrent_redemptions_of_one_code_credit_it_once() {
    let s = Arc::new(Server::start("concurrent"));
    let code = s.demo_code("fresh gift card", 1);
    let before = s.giftcard_cents("anna");
    let barrier = Arc::new(Barrier::new(16));
    let handles: Vec<_> = (0..16)
        .map(|_| {
            let (s, barrier, code) = (Arc::clone(&s), Arc::clone(&barrier), code.clone());
            std::thread::spawn(move || {
                barrier.wait();
                s.redeem(&code, "anna", None).0
            })
        })
        .collect();
    let statuses: Vec<u16> = handles.into_iter().map(|h| h.join().unwrap()).collect();
    assert_eq!(statuses.iter().filter(|&&st| st == 200).count(), 1, "{statuses:?}");
    assert!(statuses.iter().all(|&st| st == 200 || st == 409), "{statuses:?}");
    assert_eq!(s.giftcard_cents("anna"), before + 5000, "credited exactly once");
    Arc::try_unwrap(s).ok().unwrap().stop();
}
