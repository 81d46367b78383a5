//! The claimcheck binary, run as a user would: every subcommand, bad input, tampered packages.

use std::io::Write;
use std::process::{Command, Output, Stdio};

use claimcheck::support::{support_package, Attempt, SupportRequest};
use claimcheck::CheckOptions;

fn run(args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_claimcheck"))
        .args(args)
        .stdin(if stdin.is_some() { Stdio::piped() } else { Stdio::null() })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    if let Some(text) = stdin {
        child.stdin.take().unwrap().write_all(text.as_bytes()).unwrap();
    }
    child.wait_with_output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

#[test]
fn check_reports_and_sets_the_exit_status() {
    let ok = run(&["check", "DE9N-8GUZ-WH27-9LUF", "--marketplace", "AT"], None);
    assert_eq!(ok.status.code(), Some(0), "{}", stderr(&ok));
    assert!(stdout(&ok).contains("DE9N-8GUZ-WH27-9LUF  valid  giftcard DE"));

    let typo = run(&["check", "DE9N8GUZWH279LUF", "DE9N8GUZWH279LUG", "--locale", "de"], None);
    assert_eq!(typo.status.code(), Some(1));
    let out = stdout(&typo);
    assert!(out.contains("checksum_mismatch") && out.contains("Stelle 16"), "{out}");
    assert!(out.contains("did you mean DE9N-8GUZ-WH27-9LUF"), "{out}");
}

#[test]
fn check_reads_stdin_and_writes_json_lines() {
    let o = run(&["check", "--json", "--now", "2026-11-28"], Some("de9n 8guz wh27 9luf\n\nDE4G22TMYTVELK24BXYS\n"));
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let lines: Vec<claimcheck::Json> =
        stdout(&o).lines().map(|l| claimcheck::Json::parse(l).expect("each line is JSON")).collect();
    assert_eq!(lines.len(), 2, "blank lines are skipped");
    assert_eq!(lines[1].get("expiresOn").and_then(claimcheck::Json::as_str), Some("2026-12-01"));
}

#[test]
fn bad_arguments_are_one_line_and_exit_2() {
    for (args, words) in [
        (vec!["check", "--scheme", "nope", "X"], "unknown scheme 'nope'"),
        (vec!["check", "--marketplace", "Narnia", "X"], "unknown marketplace 'Narnia'"),
        (vec!["check", "--now", "soon", "X"], "--now 'soon'"),
        (vec!["generate", "--scheme", "nope"], "unknown scheme 'nope'"),
        (vec!["generate", "--scheme", "credit", "--region", "DE"], "needs --issued"),
        (vec!["generate", "--scheme", "giftcard", "--region", "XX"], "XX"),
        (vec!["generate", "--scheme", "giftcard", "--region", "DE", "--count", "0"], "--count"),
        (vec!["inspect", "/no/such/file"], "cannot read /no/such/file"),
    ] {
        let o = run(&args, None);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        let err = stderr(&o);
        assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
        assert!(err.contains(words), "{args:?}: {err}");
    }
    assert_eq!(run(&["check"], None).status.code(), Some(2), "no codes and no stdin");
}

#[test]
fn generate_writes_valid_distinct_codes() {
    let o = run(
        &[
            "generate",
            "--scheme",
            "credit",
            "--region",
            "AT",
            "--issued",
            "2026-11-01",
            "--validity",
            "90",
            "--count",
            "200",
        ],
        None,
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let codes: Vec<String> = stdout(&o).lines().map(str::to_owned).collect();
    assert_eq!(codes.len(), 200);
    let mut unique = codes.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), 200);
    let options = CheckOptions::default().now(claimcheck::date::Timestamp::parse("2026-11-22").unwrap());
    for code in &codes {
        let v = claimcheck::validate(code, &options).unwrap();
        assert_eq!((v.status, v.scheme.as_deref(), v.region), (claimcheck::Status::Valid, Some("credit"), Some("DE")));
        assert_eq!(v.expires_on.map(|d| d.to_string()).as_deref(), Some("2027-01-30"));
    }
}

fn package() -> String {
    support_package(&SupportRequest {
        input: "DE9N8GUZWH279LUG".into(),
        options: CheckOptions::default()
            .marketplace("DE")
            .locale("de")
            .now(claimcheck::date::Timestamp::parse("2026-11-22T12:00:00Z").unwrap()),
        attempts: vec![Attempt {
            at: "2026-11-22T11:58:00Z".into(),
            server_code: Some("already_redeemed".into()),
            http_status: Some(409),
            ..Attempt::default()
        }],
        ..SupportRequest::default()
    })
    .unwrap()
    .json
}

#[test]
fn inspect_prints_a_verified_package_for_an_agent() {
    let json = package();
    let dir = std::env::temp_dir().join(format!("claimcheck-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("package.json");
    std::fs::write(&file, &json).unwrap();
    for o in
        [run(&["inspect", file.to_str().unwrap(), "--now", "2026-11-23"], None), run(&["inspect", "-"], Some(&json))]
    {
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let out = stdout(&o);
        for words in [
            "integrity verified",
            "Entered (full code, support only): \"DE9N8GUZWH279LUG\"",
            "Then: invalid",
            "suggested DE9N-8GUZ-WH27-9LUF",
            "Now (claimcheck",
            "server already_redeemed (HTTP 409)",
            "This code has already been redeemed — retry: no, contact support: yes",
            "likely cause typo",
        ] {
            assert!(out.contains(words), "missing {words:?} in:\n{out}");
        }
    }
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn inspect_fails_loudly_on_tampered_or_truncated_packages() {
    let json = package();
    for (text, words) in [
        (json.replacen("already_redeemed", "expired", 1), "TAMPERED"),
        (json[..json.len() / 2].to_owned(), "TRUNCATED"),
        (json.replacen("claimcheck.support/1", "claimcheck.support/3", 1), "newer"),
        ("not a package".to_owned(), "NOT JSON"),
    ] {
        let o = run(&["inspect", "-"], Some(&text));
        assert_eq!(o.status.code(), Some(1));
        assert!(stdout(&o).is_empty(), "nothing of a bad package is printed as if it were fine");
        assert!(stderr(&o).contains("REJECTED") && stderr(&o).contains(words), "{}", stderr(&o));
    }
}

#[test]
fn every_subcommand_has_help() {
    for args in [vec!["--help"], vec!["check", "--help"], vec!["inspect", "--help"], vec!["generate", "--help"]] {
        let o = run(&args, None);
        assert_eq!(o.status.code(), Some(0));
        assert!(stdout(&o).contains("Usage: claimcheck"), "{args:?}");
    }
}
