//! Readout: diplomacy news articles in, an evidence-backed timeline out.
//!
//! Pipeline (one module per stage; data flows one way):
//! `reader` (file -> article) -> `extract` (per article: `text`, `actors`
//! who, `dates` when, `events` what) -> `store` (SQLite) -> `timeline`
//! (derived state, through the pure `merge` across articles) -> `web`
//! (pages). `ingest` runs the stages over files; `serve` keeps the store
//! up to date while the web layer reads. See ARCHITECTURE.md.

pub mod corrections;
pub mod eval;
pub mod export;
pub mod extract;
pub mod ingest;
pub mod merge;
pub mod model;
pub mod reader;
pub mod serve;
pub mod store;
pub mod timeline;
pub mod web;
