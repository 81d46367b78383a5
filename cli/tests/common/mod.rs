//! A `claimcheck serve` child process on a fresh database, and a minimal HTTP/1.1 client.
#![allow(dead_code)] // each test binary uses part of it

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};

use claimcheck::json::Json;

pub struct Server {
    pub child: Child,
    pub addr: String,
    pub dir: PathBuf,
    /// What the server wrote to stderr (drained by a thread, so a busy server never blocks on it).
    pub log: Arc<Mutex<String>>,
}

impl Server {
    pub fn start(name: &str) -> Server {
        let dir = std::env::temp_dir().join(format!("claimcheck-server-{name}-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("www")).unwrap();
        std::fs::create_dir_all(dir.join("pkg")).unwrap();
        std::fs::write(dir.join("www/index.html"), "<!doctype html><title>t</title>").unwrap();
        for entry in ["pkg/lite.js", "pkg/web.js"] {
            std::fs::write(dir.join(entry), "export default 1;").unwrap();
        }
        Server::start_in(dir)
    }

    /// Starts (or restarts) a server on the database in `dir`.
    pub fn start_in(dir: PathBuf) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_claimcheck"))
            .args(["serve", "--addr", "127.0.0.1:0", "--db"])
            .arg(dir.join("test.db"))
            .arg("--www")
            .arg(dir.join("www"))
            .arg("--pkg")
            .arg(dir.join("pkg"))
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        let mut first = String::new();
        stdout.read_line(&mut first).unwrap();
        let addr = first.trim().rsplit("http://").next().unwrap().trim_end_matches('/').to_owned();
        std::thread::spawn(move || std::io::copy(&mut stdout, &mut std::io::sink()));
        let log = Arc::new(Mutex::new(String::new()));
        let mut stderr = BufReader::new(child.stderr.take().unwrap());
        let sink = Arc::clone(&log);
        std::thread::spawn(move || {
            let mut line = String::new();
            while stderr.read_line(&mut line).unwrap_or(0) > 0 {
                sink.lock().unwrap().push_str(&line);
                line.clear();
            }
        });
        Server { child, addr, dir, log }
    }

    pub fn request(&self, method: &str, path: &str, body: &[u8]) -> (u16, String, String) {
        try_request(&self.addr, method, path, body).expect("the server answers")
    }

    pub fn redeem(&self, code: &str, account: &str, marketplace: Option<&str>) -> (u16, Json) {
        let mut body = format!("{{\"code\": \"{code}\", \"account\": \"{account}\"");
        if let Some(m) = marketplace {
            body.push_str(&format!(", \"marketplace\": \"{m}\""));
        }
        body.push('}');
        let (status, _, text) = self.request("POST", "/api/redeem", body.as_bytes());
        (status, Json::parse(&text).unwrap_or_else(|e| panic!("{text}: {e}")))
    }

    pub fn demo_code(&self, note: &str, nth: usize) -> String {
        let (_, _, text) = self.request("GET", "/api/demo", b"");
        let demo = Json::parse(&text).unwrap();
        let codes = demo.get("codes").and_then(Json::as_array).unwrap();
        let matching: Vec<&Json> =
            codes.iter().filter(|c| c.get("note").and_then(Json::as_str) == Some(note)).collect();
        matching[nth].get("code").and_then(Json::as_str).unwrap().to_owned()
    }

    pub fn giftcard_cents(&self, account: &str) -> i64 {
        let (_, _, text) = self.request("GET", &format!("/api/balance?account={account}"), b"");
        Json::parse(&text).unwrap().get("giftcardCents").and_then(Json::as_i64).unwrap()
    }

    pub fn stop(mut self) -> String {
        self.kill();
        std::fs::remove_dir_all(&self.dir).ok();
        self.log.lock().unwrap().clone()
    }

    /// SIGKILL, keeping the database (for a restart with [`Server::start_in`]).
    pub fn kill(&mut self) {
        self.child.kill().ok();
        self.child.wait().ok();
        std::thread::sleep(std::time::Duration::from_millis(100)); // let the log thread drain
    }
}

/// A request to `addr` that may fail (the server may have been killed): `None` when it did not
/// complete; else the status, the lowercased head and the body.
pub fn try_request(addr: &str, method: &str, path: &str, body: &[u8]) -> Option<(u16, String, String)> {
    let mut stream = TcpStream::connect(addr).ok()?;
    let head = format!(
        "{method} {path} HTTP/1.1\r\nHost: {}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        addr,
        body.len()
    );
    stream.write_all(head.as_bytes()).ok()?;
    stream.write_all(body).ok()?;
    let mut response = String::new();
    stream.read_to_string(&mut response).ok()?;
    let (head, body) = response.split_once("\r\n\r\n")?;
    Some((head.split(' ').nth(1)?.parse().ok()?, head.to_lowercase(), body.to_owned()))
}
