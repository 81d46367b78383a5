//! The claimcheck binary, run as a user would: every subcommand, bad input, tampered packages.

use std::io::Write;
use std::process::{Command, Output, Stdio};

use claimcheck::support::{support_package, Attempt, SupportRequest};
use claimcheck::CheckOptions;

fn run(args: &[&str], stdin: Option<&str>) -> Output {
    run_with_bytes(args, stdin.map(str::as_bytes))
}

fn run_with_bytes(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_claimcheck"))
        .args(args)
        .stdin(if stdin.is_some() { Stdio::piped() } else { Stdio::null() })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    if let Some(text) = stdin {
        child.stdin.take().unwrap().write_all(text).unwrap();
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

/// Output is buffered (one write per line was most of the time for long lists): every code still
/// gets its line, in order, the last one too, and a list with an invalid code ends with status 1.
#[test]
fn check_writes_a_line_per_code_for_a_long_list() {
    let generated = run(&["generate", "--scheme", "giftcard", "--region", "DE", "--count", "5000"], None);
    let mut codes: Vec<String> = stdout(&generated).lines().map(str::to_owned).collect();
    codes.push("DE9N8GUZWH279LUG".to_owned()); // last, and with a typo
    let o = run(&["check", "--json"], Some(&codes.join("\n")));
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let inputs: Vec<String> = stdout(&o)
        .lines()
        .map(|l| claimcheck::Json::parse(l).expect("each line is JSON"))
        .map(|j| j.get("input").and_then(claimcheck::Json::as_str).unwrap().to_owned())
        .collect();
    assert_eq!(inputs, codes);
}

/// Codes from a file saved as UTF-16 (`claimcheck check < codes.txt` of a Notepad "Unicode" file)
/// or with Windows line ends are read as UTF-8 ones are; other text is refused by name.
#[test]
fn check_reads_utf16_and_crlf_lines_from_stdin() {
    let codes = "DE9N-8GUZ-WH27-9LUF\r\n\r\nde9n8guzwh279luf\r\n";
    for bytes in [codes.as_bytes().to_vec(), utf16_with_mark(codes, false), utf16_with_mark(codes, true)] {
        let o = run_with_bytes(&["check"], Some(&bytes));
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        assert_eq!(stdout(&o), "DE9N-8GUZ-WH27-9LUF  valid  giftcard DE\n".repeat(2));
    }
    let o = run_with_bytes(&["check"], Some(b"DE9N-8GUZ-WH27-9LUF\ncaf\xe9\n"));
    assert_eq!(o.status.code(), Some(2));
    let said = stderr(&o);
    assert!(said.contains("cannot read stdin: the text is neither UTF-8 nor UTF-16 (line 2 has a byte"), "{said}");
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
    // Enough codes to draw the random pool (64 KiB a fetch) empty several times: still all distinct
    // and valid.
    let o = run(&["generate", "--scheme", "giftcard", "--region", "DE", "--count", "30000"], None);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = stdout(&o);
    let mut codes: Vec<&str> = text.lines().collect();
    assert_eq!(codes.len(), 30_000);
    for code in &codes {
        assert_eq!(claimcheck::validate(code, &options).unwrap().status, claimcheck::Status::Valid, "{code}");
    }
    codes.sort_unstable();
    codes.dedup();
    assert_eq!(codes.len(), 30_000);
}

/// An issuer's own schemes from a file: generated, checked and inspected like the built-in ones.
#[test]
fn an_issuers_scheme_file_is_used_by_generate_check_and_inspect() {
    let dir = std::env::temp_dir().join(format!("claimcheck-cli-schemes-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("schemes.json");
    let luhn = r#"{"id": "card-luhn", "alphabet": "0123456789", "lengths": [16], "groups": [[4, 4, 4, 4]],
        "checksum": "luhn", "fields": [{"kind": "random", "start": 0, "length": 15}, {"kind": "check", "start": 15, "length": 1}]}"#;
    let voucher = r#"{"id": "voucher", "alphabet": "ABCDEFGH", "lengths": [6], "checksum": "none"}"#;
    std::fs::write(&file, format!("[{luhn}, {voucher}]")).unwrap();
    let path = file.to_str().unwrap();

    let o = run(&["generate", "--schemes", path, "--scheme", "card-luhn", "--count", "50"], None);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let codes = stdout(&o);
    assert_eq!(codes.lines().count(), 50);
    let mut args = vec!["check", "--schemes", path, "--scheme", "card-luhn"];
    args.extend(codes.lines());
    let o = run(&args, None);
    assert_eq!(o.status.code(), Some(0), "every generated code checks: {}", stdout(&o));
    assert_eq!(stdout(&o).matches("  valid  card-luhn").count(), 50);

    let first = codes.lines().next().unwrap();
    let last = first.as_bytes()[15] - b'0';
    let typo = format!("{}{}", &first[..15], (last + 1) % 10);
    let o = run(&["check", "--schemes", path, "--scheme", "card-luhn", &typo], None);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("checksum_mismatch"), "a numeric code, not a serial number: {}", stdout(&o));
    let o = run(&["check", "--schemes", path, "--scheme", "voucher", "ABCDEF"], None);
    assert!(stdout(&o).contains("ABCDEF  unverifiable  voucher"), "{}", stdout(&o));
    assert_eq!(run(&["check", "ABCDEF", "--scheme", "voucher"], None).status.code(), Some(2), "not without the file");

    // A support package made with the scheme is re-checked under it by inspect.
    let mut registry = claimcheck::Registry::new();
    registry.register_all_json(&std::fs::read_to_string(&file).unwrap()).unwrap();
    let request = SupportRequest {
        input: typo.clone(),
        options: CheckOptions::default()
            .scheme("card-luhn")
            .now(claimcheck::date::Timestamp::parse("2026-11-22T12:00:00Z").unwrap()),
        ..SupportRequest::default()
    };
    let package = dir.join("package.json");
    std::fs::write(&package, registry.support_package(&request).unwrap().json).unwrap();
    let o = run(&["inspect", "--schemes", path, package.to_str().unwrap()], None);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("invalid — ") && stdout(&o).contains("(same verdict)"), "{}", stdout(&o));
    let o = run(&["inspect", package.to_str().unwrap()], None);
    assert!(
        stdout(&o).contains("Now: cannot re-check with this version: unknown scheme 'card-luhn'")
            && stdout(&o).contains("--schemes"),
        "{}",
        stdout(&o)
    );

    // A bad file is a usage error naming the file and the field.
    std::fs::write(
        &file,
        format!(r#"[{voucher}, {{"id": "x", "alphabet": "AA", "lengths": [4], "checksum": "none"}}]"#),
    )
    .unwrap();
    let o = run(&["check", "--schemes", path, "ABCDEF"], None);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains(path) && stderr(&o).contains("[1].alphabet"), "{}", stderr(&o));
    std::fs::remove_dir_all(&dir).unwrap();
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
            "suggested DE9N-8GUZ-WH27-9LUF: valid\n",
        ] {
            assert!(out.contains(words), "missing {words:?} in:\n{out}");
        }
    }
    std::fs::remove_dir_all(&dir).ok();
}

/// A package saved inside the message it came in is found and verified, and said so; text with no
/// intact package inside stays refused as not JSON.
#[test]
fn inspect_finds_a_package_inside_a_message() {
    let json = package();
    let message = format!("Hello,\n\nhere is my package:\n\n{json}\n\nThank you, Anna");
    let o = run(&["inspect", "-", "--now", "2026-11-23"], Some(&message));
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.starts_with("Found inside the text given, which held more than the package.\n"), "{out}");
    assert!(out.contains("Entered (full code, support only): \"DE9N8GUZWH279LUG\""), "{out}");
    // The package alone says nothing of the kind.
    let alone = run(&["inspect", "-", "--now", "2026-11-23"], Some(&json));
    assert!(!stdout(&alone).contains("Found inside"));
    // A changed package inside a message is refused for what it is; text with braces but no JSON
    // inside stays "not JSON".
    let changed = message.replace("already_redeemed", "expired");
    let o = run(&["inspect", "-"], Some(&changed));
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("REJECTED: TAMPERED"), "{}", stderr(&o));
    let o = run(&["inspect", "-"], Some("Dear {name}, your package: {none}"));
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("REJECTED: NOT JSON"), "{}", stderr(&o));
}

/// A package saved as UTF-16 with its byte order mark (Windows PowerShell 5's `>`, Notepad's
/// "Unicode") verifies as the UTF-8 one does; text that is neither is refused by name.
#[test]
fn inspect_reads_a_package_saved_as_utf16() {
    let json = package();
    let utf16 = |big_endian: bool| utf16_with_mark(&json, big_endian);
    let dir = std::env::temp_dir().join(format!("claimcheck-cli-utf16-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut odd = utf16(false);
    odd.push(b'}');
    for (name, bytes, expected) in [
        ("le.json", utf16(false), Ok("integrity verified")),
        ("be.json", utf16(true), Ok("integrity verified")),
        ("odd.json", odd, Err("ends in half a character")),
        ("latin1.json", b"{\"caf\xe9\": 1}".to_vec(), Err("neither UTF-8 nor UTF-16")),
    ] {
        let file = dir.join(name);
        std::fs::write(&file, bytes).unwrap();
        let o = run(&["inspect", file.to_str().unwrap()], None);
        match expected {
            Ok(words) => {
                assert_eq!(o.status.code(), Some(0), "{name}: {}", stderr(&o));
                assert!(stdout(&o).contains(words), "{name}: {}", stdout(&o));
            }
            Err(words) => {
                assert_eq!(o.status.code(), Some(2), "{name}");
                assert!(stderr(&o).contains(words), "{name}: {}", stderr(&o));
            }
        }
    }
    std::fs::remove_dir_all(&dir).ok();
}

/// `text` as UTF-16 with its byte order mark, as Windows tools save "Unicode" text.
fn utf16_with_mark(text: &str, big_endian: bool) -> Vec<u8> {
    let units = std::iter::once(0xFEFF).chain(text.encode_utf16());
    units.flat_map(|u| if big_endian { u.to_be_bytes() } else { u.to_le_bytes() }).collect()
}

/// An issuer's scheme file saved by Windows tools (UTF-8 with a byte order mark: PowerShell 5's
/// `Out-File -Encoding utf8`; UTF-16: its `>` and Notepad's "Unicode") registers as plain UTF-8
/// does; other text is refused by name.
#[test]
fn scheme_files_saved_by_windows_tools_are_read() {
    let json = r#"{"id": "acme", "alphabet": "ABCDEFGHJKLMNPQRSTUVWXYZ23456789", "lengths": [10], "checksum": "none"}"#;
    let dir = std::env::temp_dir().join(format!("claimcheck-cli-scheme-text-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for (name, bytes, expected) in [
        ("plain.json", json.as_bytes().to_vec(), Ok(())),
        ("utf8-mark.json", ["\u{feff}", json].concat().into_bytes(), Ok(())),
        ("le.json", utf16_with_mark(json, false), Ok(())),
        ("be.json", utf16_with_mark(json, true), Ok(())),
        ("latin1.json", b"{\"id\": \"caf\xe9\"}".to_vec(), Err("neither UTF-8 nor UTF-16")),
    ] {
        let file = dir.join(name);
        std::fs::write(&file, bytes).unwrap();
        let o = run(&["check", "--schemes", file.to_str().unwrap(), "--scheme", "acme", "ABCDEFGH23"], None);
        match expected {
            Ok(()) => {
                assert_eq!(o.status.code(), Some(0), "{name}: {}", stderr(&o));
                assert!(stdout(&o).contains("ABCDEFGH23  unverifiable  acme"), "{name}: {}", stdout(&o));
            }
            Err(words) => {
                assert_eq!(o.status.code(), Some(2), "{name}");
                assert!(stderr(&o).contains(words) && stderr(&o).contains("latin1.json"), "{name}: {}", stderr(&o));
            }
        }
    }
    std::fs::remove_dir_all(&dir).ok();
}

/// The agent sees what the code the customer most likely meant is now: here an expired credit.
#[test]
fn inspect_says_what_a_suggested_code_is() {
    let json = support_package(&SupportRequest {
        input: "DE46J22XX73E55RZU9NX".into(), // DE46J22XX73E55RZU9NH, expired on 2026-01-31, last symbol mistyped
        options: CheckOptions::default().now(claimcheck::date::Timestamp::parse("2026-11-22T12:00:00Z").unwrap()),
        ..SupportRequest::default()
    })
    .unwrap()
    .json;
    let o = run(&["inspect", "-", "--now", "2026-11-23"], Some(&json));
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let wanted = "suggested DE46J-22XX7-3E55R-ZU9NH: invalid — expired: This credit expired on 2026-01-31.";
    assert!(stdout(&o).contains(wanted), "{}", stdout(&o));
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

/// `claimcheck … | head -1`: the reader closes the pipe after the first line. The program stops
/// quietly with status 141 (as after SIGPIPE), without a panic's message and backtrace.
#[test]
fn a_closed_pipe_ends_output_quietly() {
    let codes: Vec<String> = (0..20_000).map(|_| "DE9N8GUZWH279LUG".to_owned()).collect();
    let mut args = vec!["check".to_owned()];
    args.extend(codes);
    for (name, args) in [
        ("check", args),
        (
            "generate",
            ["generate", "--scheme", "giftcard", "--region", "DE", "--count", "200000"].map(String::from).to_vec(),
        ),
    ] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_claimcheck"))
            .args(&args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut first = [0u8; 16];
        std::io::Read::read_exact(child.stdout.as_mut().unwrap(), &mut first).unwrap();
        drop(child.stdout.take()); // the reader goes away
        let out = child.wait_with_output().unwrap();
        assert_eq!(out.status.code(), Some(141), "{name}: {}", stderr(&out));
        assert_eq!(stderr(&out), "", "{name}");
    }
}

#[test]
fn serve_refuses_a_package_folder_without_the_form_s_entries() {
    let dir = std::env::temp_dir().join(format!("claimcheck-serve-pkg-{}", std::process::id()));
    // A database the server could not open: were a missing entry not refused first, the server would
    // stop there with another message instead of serving (and this test would not wait forever).
    let (www, pkg, db) = (dir.join("www"), dir.join("pkg"), dir.join("no-such-folder/test.db"));
    std::fs::create_dir_all(&www).unwrap();
    std::fs::create_dir_all(&pkg).unwrap();
    let args = ["serve", "--addr", "127.0.0.1:0", "--db", db.to_str().unwrap()];
    let args = [&args[..], &["--www", www.to_str().unwrap(), "--pkg", pkg.to_str().unwrap()]].concat();
    // The form loads lite.js; web.js brings the support functions. Each missing one is named.
    for (present, missing) in [("web.js", "lite.js"), ("lite.js", "web.js")] {
        std::fs::remove_file(pkg.join(missing)).ok();
        std::fs::write(pkg.join(present), "export default 1;").unwrap();
        let out = run(&args, None);
        assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
        assert!(stderr(&out).contains(&format!("has no {missing}: build the package first")), "{}", stderr(&out));
    }
    std::fs::remove_dir_all(&dir).ok();
}
