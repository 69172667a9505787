//! Extraction throughput: articles per second on one core, over the seed
//! corpus (articles of about 3 KB). Run with `cargo bench --bench extract`.
//!
//! A plain timing harness (no external crate): it warms up, then runs the
//! pure extraction (read + sentences + actors + dates + events) over the
//! corpus repeatedly for a few seconds and reports the best of five rounds.

use readout::extract::actors::ActorBook;
use readout::extract::extract;
use readout::reader::read_article;
use std::time::{Duration, Instant};

// The allocator the readout binary uses, so the figures match ingest.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let book = ActorBook::load(&root.join("data/actors.toml")).expect("actor book");
    let mut files: Vec<Vec<u8>> = Vec::new();
    // EXTRACT_BENCH_DIR=bench/out/corpus-20000 measures generated articles
    // (the first 500 files) instead of the seeds.
    let dir_path = std::env::var("EXTRACT_BENCH_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|_| root.join("data/articles"));
    let mut dir: Vec<_> = std::fs::read_dir(&dir_path)
        .expect("article folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    dir.sort();
    dir.truncate(500);
    for p in dir {
        files.push(std::fs::read(p).expect("read article"));
    }
    let bytes: usize = files.iter().map(Vec::len).sum();
    let mut mentions = 0;
    // Warm up.
    for f in &files {
        let a = read_article(f).expect("article");
        mentions += extract(&a.body, a.published, &book).mentions.len();
    }
    // A fixed number of passes, for instruction counting under valgrind:
    // EXTRACT_BENCH_PASSES=20 valgrind --tool=callgrind target/release/deps/extract-*
    if let Some(passes) = std::env::var("EXTRACT_BENCH_PASSES")
        .ok()
        .and_then(|v| v.parse::<usize>().ok())
    {
        for _ in 0..passes {
            for f in &files {
                let a = read_article(f).expect("article");
                std::hint::black_box(extract(&a.body, a.published, &book));
            }
        }
        println!("extraction: {} passes over {} articles", passes, files.len());
        return;
    }
    let mut best = f64::MAX;
    for _ in 0..5 {
        let start = Instant::now();
        let mut n = 0usize;
        while start.elapsed() < Duration::from_millis(600) {
            for f in &files {
                let a = read_article(f).expect("article");
                std::hint::black_box(extract(&a.body, a.published, &book));
                n += 1;
            }
        }
        let per = start.elapsed().as_secs_f64() / n as f64;
        best = best.min(per);
    }
    println!(
        "extraction: {:.0} articles/s on one core ({:.1} µs per article, {} articles of {:.1} KB average, {} mentions per pass)",
        1.0 / best,
        best * 1e6,
        files.len(),
        bytes as f64 / files.len() as f64 / 1024.0,
        mentions
    );
}
