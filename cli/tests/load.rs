//! Load and crash tests of `claimcheck serve` on loopback, bounded in count: 20,000 requests from 50
//! concurrent clients mixing valid, already redeemed, malformed and rate-limited requests (zero 5xx,
//! zero double credits, p50/p99 printed); then SIGKILL in the middle of a load run, restart, and a
//! consistent ledger (every acknowledged redemption present, every credited code redeemed once).

mod common;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::Server;
use rusqlite::{params, Connection};

const CLIENTS: usize = 50;
const REQUESTS_PER_CLIENT: usize = 400;

/// Adds `n` fresh DE gift cards of 1.00 EUR to the server's database; returns them.
fn add_codes(server: &Server, n: usize) -> Vec<String> {
    let conn = Connection::open(server.dir.join("test.db")).unwrap();
    let giftcard = claimcheck::scheme::builtin_registry().get("giftcard").unwrap();
    let issue = claimcheck::generate::Issue { region: Some("DE".into()), ..Default::default() };
    (0..n)
        .map(|_| {
            let code = claimcheck::generate::generate(giftcard, &issue).unwrap();
            conn.execute(
                "INSERT INTO codes (code, kind, marketplace, amount_cents, state) VALUES (?1, 'giftcard', 'DE', 100, 'fresh')",
                params![code],
            )
            .unwrap();
            code
        })
        .collect()
}

struct Ledger {
    anna_cents: i64,
    redeemed_by_anna: Vec<String>,
}

fn ledger(server: &Server) -> Ledger {
    let conn = Connection::open(server.dir.join("test.db")).unwrap();
    let anna_cents = conn.query_row("SELECT giftcard_cents FROM accounts WHERE id = 'anna'", [], |r| r.get(0)).unwrap();
    let mut stmt = conn.prepare("SELECT code FROM codes WHERE redeemed_by = 'anna' AND state = 'redeemed'").unwrap();
    let redeemed_by_anna = stmt.query_map([], |r| r.get(0)).unwrap().collect::<Result<_, _>>().unwrap();
    Ledger { anna_cents, redeemed_by_anna }
}

/// The amount credited to anna by the seeded data, before any load.
fn seeded_cents(server: &Server) -> i64 {
    let conn = Connection::open(server.dir.join("test.db")).unwrap();
    conn.query_row(
        "SELECT COALESCE(SUM(amount_cents), 0) FROM codes WHERE redeemed_by = 'anna' AND state = 'redeemed'",
        [],
        |r| r.get(0),
    )
    .unwrap()
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

#[test]
fn twenty_thousand_mixed_requests_from_fifty_clients() {
    let first = Server::start("load");
    let mut server = first;
    server.kill(); // the database now exists and is seeded; add the load's codes, then restart
    let codes = Arc::new(add_codes(&server, 4_000));
    let server = Arc::new(Server::start_in(server.dir.clone()));
    let before = ledger(&server);
    let statuses = Arc::new(Mutex::new(std::collections::BTreeMap::<u16, usize>::new()));
    let latencies = Arc::new(Mutex::new(Vec::with_capacity(CLIENTS * REQUESTS_PER_CLIENT)));
    let acknowledged = Arc::new(Mutex::new(Vec::new()));
    let next = Arc::new(AtomicUsize::new(0));
    let started = Instant::now();
    let clients: Vec<_> = (0..CLIENTS)
        .map(|client| {
            let (server, codes, statuses, latencies, acknowledged, next) = (
                Arc::clone(&server),
                Arc::clone(&codes),
                Arc::clone(&statuses),
                Arc::clone(&latencies),
                Arc::clone(&acknowledged),
                Arc::clone(&next),
            );
            std::thread::spawn(move || {
                for i in 0..REQUESTS_PER_CLIENT {
                    let (body, code) = match (client + i) % 5 {
                        // A fresh code, or one another client may be redeeming at the same moment.
                        0 | 1 => {
                            let code = codes[next.fetch_add(1, Ordering::Relaxed) / 2 % codes.len()].clone();
                            (format!(r#"{{"code": "{code}", "account": "anna"}}"#), Some(code))
                        }
                        2 => (
                            format!(r#"{{"code": "{}", "account": "anna"}}"#, codes[i % 50]),
                            Some(codes[i % 50].clone()),
                        ), // most likely redeemed by now
                        3 => (r#"{"code": 42, "account": "anna""#.to_owned(), None), // malformed
                        _ => (
                            r#"{"code": "DE22-2222-2222-2222", "account": "bob", "marketplace": "DE"}"#.to_owned(),
                            None,
                        ), // guessing
                    };
                    let start = Instant::now();
                    let (status, _, _) = server.request("POST", "/api/redeem", body.as_bytes());
                    latencies.lock().unwrap().push(start.elapsed());
                    *statuses.lock().unwrap().entry(status).or_default() += 1;
                    if status == 200 {
                        acknowledged.lock().unwrap().push(code.expect("only real codes succeed"));
                    }
                }
            })
        })
        .collect();
    for c in clients {
        c.join().unwrap();
    }
    let elapsed = started.elapsed();
    let statuses = statuses.lock().unwrap().clone();
    let mut latencies = latencies.lock().unwrap().clone();
    latencies.sort();
    let total: usize = statuses.values().sum();
    assert_eq!(total, CLIENTS * REQUESTS_PER_CLIENT);
    assert!(statuses.keys().all(|&s| s < 500), "5xx answers: {statuses:?}");
    assert!(statuses.get(&429).copied().unwrap_or(0) > 0, "the guesser is rate limited: {statuses:?}");
    let acknowledged = acknowledged.lock().unwrap().clone();
    let mut distinct = acknowledged.clone();
    distinct.sort();
    distinct.dedup();
    assert_eq!(distinct.len(), acknowledged.len(), "a code was acknowledged twice");
    let after = ledger(&server);
    assert_eq!(after.anna_cents - before.anna_cents, 100 * acknowledged.len() as i64, "credits match acknowledgements");
    assert_eq!(after.redeemed_by_anna.len() - before.redeemed_by_anna.len(), acknowledged.len());
    println!(
        "load: {total} requests from {CLIENTS} clients in {:.1} s ({:.0}/s); statuses {statuses:?}; latency p50 {:?}, p99 {:?}, max {:?}; {} redemptions, no double credit",
        elapsed.as_secs_f64(),
        total as f64 / elapsed.as_secs_f64(),
        percentile(&latencies, 0.5),
        percentile(&latencies, 0.99),
        latencies.last().unwrap(),
        acknowledged.len()
    );
    let log = Arc::try_unwrap(server).ok().unwrap().stop();
    assert!(!codes.iter().any(|c| log.contains(c.as_str())), "a full code in the log");
}

#[test]
fn sigkill_during_load_loses_nothing_and_doubles_nothing() {
    let mut server = Server::start("crash");
    server.kill();
    let codes = Arc::new(add_codes(&server, 3_000));
    let dir = server.dir.clone();
    let mut server = Server::start_in(dir.clone());
    let seeded = seeded_cents(&server);
    let acknowledged = Arc::new(Mutex::new(Vec::new()));
    let next = Arc::new(AtomicUsize::new(0));
    let clients: Vec<_> = (0..20)
        .map(|_| {
            let (addr, codes, acknowledged, next) =
                (server.addr.clone(), Arc::clone(&codes), Arc::clone(&acknowledged), Arc::clone(&next));
            std::thread::spawn(move || loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= codes.len() {
                    return;
                }
                let body = format!(r#"{{"code": "{}", "account": "anna"}}"#, codes[i]);
                match common::try_request(&addr, "POST", "/api/redeem", body.as_bytes()) {
                    Some((200, _, _)) => acknowledged.lock().unwrap().push(codes[i].clone()),
                    Some(_) => {}
                    None => return, // the server is gone
                }
            })
        })
        .collect();
    // Let some redemptions through, then kill the server mid-run.
    while acknowledged.lock().unwrap().len() < 300 {
        std::thread::sleep(Duration::from_millis(5));
    }
    server.kill();
    for c in clients {
        c.join().unwrap();
    }
    let acknowledged = acknowledged.lock().unwrap().clone();
    let restarted = Server::start_in(dir);
    let after = ledger(&restarted);
    for code in &acknowledged {
        assert!(after.redeemed_by_anna.contains(code), "acknowledged {code} is missing after the restart");
    }
    let redeemed_load: Vec<&String> = after.redeemed_by_anna.iter().filter(|c| codes.contains(c)).collect();
    assert_eq!(
        after.anna_cents,
        seeded + 100 * redeemed_load.len() as i64,
        "every redeemed code credited exactly once, nothing else credited"
    );
    // The server works after the restart: one more redemption.
    let spare = codes.iter().find(|c| !after.redeemed_by_anna.contains(c)).expect("a code left");
    let (status, _, _) =
        restarted.request("POST", "/api/redeem", format!(r#"{{"code": "{spare}", "account": "anna"}}"#).as_bytes());
    assert_eq!(status, 200);
    println!(
        "crash: SIGKILL after {} acknowledged redemptions ({} in the ledger, the rest in flight); all acknowledged present, ledger consistent",
        acknowledged.len(),
        redeemed_load.len()
    );
    restarted.stop();
}
