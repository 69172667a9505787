//! Shared helpers for integration tests: a database with the seed corpus.
#![allow(dead_code)]

use readout::extract::actors::ActorBook;
use readout::ingest::{ingest, IngestOptions, IngestReport};
use readout::store::Store;
use std::path::{Path, PathBuf};
use std::process::Command;

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn book() -> ActorBook {
    ActorBook::load(&root().join("data/actors.toml")).expect("actor book")
}

pub fn seeds() -> PathBuf {
    root().join("data/articles")
}

/// Ingest `paths` into the database at `db`.
pub fn ingest_into(db: &Path, paths: &[PathBuf]) -> IngestReport {
    let mut store = Store::open(db).expect("open store");
    ingest(&mut store, &book(), paths, &IngestOptions::default()).expect("ingest")
}

/// A temporary folder holding a database with the seed corpus.
pub struct SeedDb {
    pub dir: tempfile::TempDir,
    pub db: PathBuf,
}

pub fn seed_db() -> SeedDb {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("readout.db");
    ingest_into(&db, &[seeds()]);
    SeedDb { dir, db }
}

/// The JSON export of a database.
pub fn export_json(db: &Path) -> serde_json::Value {
    let store = Store::open(db).expect("open store");
    let export = readout::export::build(&store.reader()).expect("export");
    serde_json::to_value(&export).expect("json")
}

/// A copy of the seed corpus in `dir/data`, to change files in.
pub fn seed_copy(dir: &Path) -> PathBuf {
    let data = dir.join("data");
    std::fs::create_dir_all(&data).expect("data folder");
    for e in std::fs::read_dir(seeds()).expect("seeds") {
        let p = e.expect("entry").path();
        std::fs::copy(&p, data.join(p.file_name().expect("file name"))).expect("copy");
    }
    data
}

/// The `readout` binary built for these tests.
pub fn readout() -> Command {
    Command::new(env!("CARGO_BIN_EXE_readout"))
}

/// A loopback port nothing listens on now.
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .expect("bind")
        .local_addr()
        .expect("address")
        .port()
}

/// GET `path` from a server on 127.0.0.1:`port`; the response, if it answered.
pub fn http_get(port: u16, path: &str) -> Option<String> {
    use std::io::{Read, Write};
    let mut s = std::net::TcpStream::connect(("127.0.0.1", port)).ok()?;
    s.set_read_timeout(Some(std::time::Duration::from_secs(10))).ok()?;
    write!(s, "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").ok()?;
    let mut out = String::new();
    s.read_to_string(&mut out).ok()?;
    Some(out)
}

/// Poll `path` until `check` holds for its response (bounded: 20 s).
pub fn wait_for(port: u16, path: &str, check: impl Fn(&str) -> bool) -> bool {
    for _ in 0..400 {
        if http_get(port, path).is_some_and(|b| check(&b)) {
            return true;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    false
}

/// Wait until something accepts connections on 127.0.0.1:`port`
/// (bounded: 20 s).
pub fn wait_for_port(port: u16) -> bool {
    for _ in 0..400 {
        if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return true;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    false
}

/// A child process killed when dropped, so a failing test leaves no
/// server or driver behind.
pub struct Child(pub std::process::Child);

impl Drop for Child {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// A seeded router whose data folder takes added articles and
/// corrections, read straight away (as `readout serve`'s ingest thread
/// does), with `user` recorded on corrections: the router, the data
/// folder and the database.
pub fn app_with_intake(dir: &Path, user: Option<&str>) -> (axum::Router, PathBuf, PathBuf) {
    let data = seed_copy(dir);
    let db = dir.join("r.db");
    ingest_into(&db, std::slice::from_ref(&data));
    let (db2, data2) = (db.clone(), data.clone());
    let intake = readout::web::add::Intake {
        folder: data.clone(),
        ingest_now: std::sync::Arc::new(move || {
            ingest_into(&db2, std::slice::from_ref(&data2));
            Ok(())
        }),
        editing: std::sync::Arc::default(),
        user: user.map(str::to_string),
    };
    let app = readout::web::router(readout::web::AppState::new(&db).with_intake(intake));
    (app, data, db)
}
