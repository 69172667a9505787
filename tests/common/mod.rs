//! Shared helpers for integration tests: a database with the seed corpus.
#![allow(dead_code)]

use readout::actors::ActorBook;
use readout::ingest::{ingest, IngestOptions, IngestReport};
use readout::store::Store;
use std::path::{Path, PathBuf};

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
