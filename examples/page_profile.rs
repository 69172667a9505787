//! Times page renders in-process (no network): each path of a list once,
//! one at a time, through the router. With REPEAT > 1 the list is walked
//! REPEAT times with a different unknown parameter each time (a page cache
//! miss) and the last walk is reported.
//!
//!   cargo run --release --example page_profile -- DB URLS [REPEAT]
use readout::web::{router, AppState};

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
use tower::ServiceExt;

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    let db = std::path::PathBuf::from(&args[1]);
    let urls: Vec<String> = std::fs::read_to_string(&args[2])
        .expect("url list")
        .lines()
        .map(String::from)
        .collect();
    let repeat: usize = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(1);
    let app = router(AppState::new(&db));
    let mut times = Vec::new();
    for pass in 0..repeat {
        // Only the last pass is reported: earlier ones warm the database
        // pages, as a long-running server has them.
        if pass + 1 == repeat {
            times.clear();
        }
        for u in &urls {
            // A query string per pass keeps the page cache out of the way.
            let sep = if u.contains('?') { '&' } else { '?' };
            let u = &format!("{u}{sep}pass={pass}");
            let t = std::time::Instant::now();
            let req = axum::http::Request::builder()
                .uri(u.as_str())
                .body(axum::body::Body::empty())
                .unwrap();
            let res = app.clone().oneshot(req).await.unwrap();
            let body = http_body_util::BodyExt::collect(res.into_body())
                .await
                .unwrap()
                .to_bytes();
            std::hint::black_box(body);
            times.push((t.elapsed().as_micros() as u64, u.to_string()));
        }
    }
    times.sort_unstable();
    for (t, u) in times.iter().rev().take(5) {
        println!("{t:>8} us  {u}");
    }
    let times: Vec<u64> = times.into_iter().map(|(t, _)| t).collect();
    let n = times.len();
    let sum: u64 = times.iter().sum();
    println!(
        "{n} pages: mean {} us, p50 {} us, p99 {} us",
        sum / n as u64,
        times[n / 2],
        times[n * 99 / 100]
    );
}
