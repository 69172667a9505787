//! Bad input, bad requests and faults (issue 5): each gets a clear message,
//! the rest of the work goes on, and nothing stored is lost.

mod common;

use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use common::*;
use http_body_util::BodyExt;
use readout::ingest::{ingest, IngestOptions};
use readout::store::Store;
use readout::web::{router, AppState};
use std::path::{Path, PathBuf};
use std::process::Command;
use tower::ServiceExt;

const GOOD: &str =
    " date 2025-03-03\nPresident Ann Alpha called President Bob Beta on Monday to discuss the ceasefire.\n";

/// Every kind of bad file the issue lists, in one folder with one good file.
fn bad_folder(dir: &Path) -> PathBuf {
    let data = dir.join("in");
    std::fs::create_dir_all(&data).unwrap();
    let w = |name: &str, bytes: &[u8]| std::fs::write(data.join(name), bytes).unwrap();
    w("good.txt", GOOD.as_bytes());
    w("empty.txt", b"");
    w("blank.txt", b"  \n\t \r\n ");
    w("latin1.txt", b" date 2025-03-04\nForeign Minister Jos\xe9 Ram\xedrez met Foreign Minister Carl Delta in M\xe1laga on Tuesday.\n");
    let utf16: Vec<u8> = [0xff, 0xfe]
        .into_iter()
        .chain(
            " date 2025-03-05\nPresident Eve Gamma spoke by phone with President Dan Epsilon on Wednesday.\n"
                .encode_utf16()
                .flat_map(u16::to_le_bytes),
        )
        .collect();
    w("utf16.txt", &utf16);
    w("picture.txt", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01");
    w("archive.md", b"PK\x03\x04\x14\0\0\0\x08\0");
    w("big.txt", &vec![b'a'; 5000]);
    let long: String = (0..200_000).map(|i| ["talks ", "and ", "more "][i % 3]).collect();
    w("long-line.txt", format!(" date 2025-03-06\n{long}").as_bytes());
    w(
        "bad-date.txt",
        b" date 2025-02-30\nPresident Ann Alpha said on Monday that the talks were useful.\n",
    );
    w(
        "word-date.txt",
        b" date tomorrow\nPresident Bob Beta said the talks were useful.\n",
    );
    w("date-only.txt", b" date 2025-03-03\n");
    // A folder that links back to its parent: walked once, not forever.
    std::os::unix::fs::symlink(&data, data.join("loop")).unwrap();
    data
}

/// `readout ingest DATA --db DB`.
fn ingest_cli(data: &Path, db: &Path) -> std::process::Output {
    readout().arg("ingest").arg(data).arg("--db").arg(db).output().unwrap()
}

/// The summary line starting with `prefix` about `file`.
fn summary_line<'a>(stdout: &'a str, prefix: &str, file: &str) -> &'a str {
    stdout
        .lines()
        .find(|l| l.starts_with(prefix) && l.contains(file))
        .unwrap_or_else(|| panic!("no '{prefix}' line for {file}: {stdout}"))
}

#[test]
fn bad_files_get_a_message_each_and_the_rest_is_ingested() {
    let dir = tempfile::tempdir().unwrap();
    let data = bad_folder(dir.path());
    let db = dir.path().join("r.db");
    let out = readout()
        .arg("ingest")
        .arg(&data)
        .args(["--max-file-bytes", "4096", "--db"])
        .arg(&db)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "rejections make exit code 1: {stdout}");
    for (file, message) in [
        ("empty.txt", "the file is empty"),
        ("blank.txt", "the file is empty"),
        ("picture.txt", "the file is not text: it looks like a PNG image"),
        ("archive.md", "the file is not text: it looks like a ZIP archive"),
        (
            "big.txt",
            "the file is 5000 bytes, over the limit of 4096 bytes (set with --max-file-bytes)",
        ),
        ("long-line.txt", "the file is"),
        ("date-only.txt", "the file has no text besides its date line"),
    ] {
        let line = summary_line(&stdout, "rejected ", file);
        assert!(line.contains(message), "{line}");
    }
    for (file, note) in [
        ("latin1.txt", "read as Windows-1252/Latin-1"),
        ("utf16.txt", "decoded from UTF-16LE"),
        ("bad-date.txt", "\"2025-02-30\", which is not a valid YYYY-MM-DD date"),
        ("word-date.txt", "\"tomorrow\", which is not a valid YYYY-MM-DD date"),
    ] {
        let line = summary_line(&stdout, "note ", file);
        assert!(line.contains(note), "{line}");
    }
    assert!(stdout.contains("new: 5"), "{stdout}");
    let export = export_json(&db);
    let titles: Vec<&str> = export["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["title"].as_str().unwrap())
        .collect();
    for want in ["Ann Alpha", "José Ramírez", "Eve Gamma"] {
        assert!(titles.iter().any(|t| t.contains(want)), "{want} in {titles:?}");
    }

    // The long line is taken under the default limit, in bounded time.
    let out = ingest_cli(&data, &db);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("new: 2"), "big.txt and long-line.txt now: {stdout}");
    // Bad files again change nothing stored.
    let before = export_json(&db);
    std::fs::write(data.join("another.txt"), b"\x89PNG\r\n\x1a\n").unwrap();
    let out = ingest_cli(&data, &db);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(export_json(&db), before);
}

#[test]
fn a_folder_that_cannot_be_read_is_reported() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("in");
    let closed = data.join("closed");
    std::fs::create_dir_all(&closed).unwrap();
    std::fs::write(data.join("good.txt"), GOOD).unwrap();
    std::fs::write(closed.join("hidden.txt"), GOOD).unwrap();
    std::fs::set_permissions(&closed, std::fs::Permissions::from_mode(0o000)).unwrap();
    // Root reads anything: there the folder is simply read.
    let enforced = std::fs::read_dir(&closed).is_err();
    let db = dir.path().join("r.db");
    let mut store = Store::open(&db).unwrap();
    let report = ingest(&mut store, &book(), &[data], &IngestOptions::default()).unwrap();
    std::fs::set_permissions(&closed, std::fs::Permissions::from_mode(0o755)).unwrap();
    if enforced {
        assert_eq!(report.new, 1);
        assert!(
            report
                .rejected
                .iter()
                .any(|(p, why)| p.ends_with("closed") && why.starts_with("cannot read folder")),
            "{:?}",
            report.rejected
        );
    } else {
        assert_eq!(report.new, 2);
    }
}

/// Text from the open web, shown as text on every page.
#[tokio::test]
async fn hostile_and_strange_text_is_shown_as_text() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("in");
    std::fs::create_dir_all(&data).unwrap();
    let caps: Vec<String> = (0..10_000)
        .map(|i| format!("Word{}", (b'A' + (i % 26) as u8) as char))
        .collect();
    let files = [
        (
            "html.txt",
            " date 2025-03-03\n<script>alert(1)</script> Leaders held talks\nPresident Ann Alpha spoke by phone with President Bob Beta on Monday. <a href=\"javascript:alert(3)\">more</a> <img src=x onerror=alert(2)>\n".to_string(),
        ),
        (
            "unicode.txt",
            " date 2025-03-03\nPresident \u{202e}Eve Gamma\u{202c} held a phone call with Chancellor Dan\u{200b} Epsilon on Monday 🎉. Prime Minister Jose\u{301} Sa\u{301}nchez met President Recep Erdog\u{306}an in Madrid on Tuesday. وزير الخارجية قال.\n".to_string(),
        ),
        (
            "long-sentence.txt",
            format!(" date 2025-03-03\nPresident Ann Alpha said {} on Monday.\n", "very ".repeat(2_000)),
        ),
        (
            "capitals.txt",
            format!(" date 2025-03-03\n{} said on Monday that talks would go on.\n", caps.join(" ")),
        ),
    ];
    for (name, text) in &files {
        std::fs::write(data.join(name), text).unwrap();
    }
    let db = dir.path().join("r.db");
    let report = ingest_into(&db, &[data]);
    assert_eq!(report.new, 4, "{:?}", report.rejected);
    let export = export_json(&db);
    let titles: Vec<String> = export["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["title"].as_str().unwrap().to_string())
        .collect();
    // Invisible characters and decomposed accents do not split names.
    for want in ["Eve Gamma", "Dan Epsilon", "José Sánchez", "Recep Erdoğan"] {
        assert!(titles.iter().any(|t| t.contains(want)), "{want} in {titles:?}");
    }
    let app = router(AppState::new(&db));
    let mut uris = vec!["/".to_string(), "/articles".to_string(), "/actors".to_string()];
    for (name, _) in &files {
        uris.push(format!("/articles/{}", name.trim_end_matches(".txt")));
    }
    for e in export["events"].as_array().unwrap() {
        uris.push(format!("/events/{}", e["id"].as_str().unwrap()));
    }
    for uri in uris {
        let resp = app
            .clone()
            .oneshot(Request::builder().uri(&uri).body(Body::empty()).unwrap())
            .await
            .unwrap();
        assert_eq!(resp.status(), StatusCode::OK, "{uri}");
        let body = String::from_utf8_lossy(&resp.into_body().collect().await.unwrap().to_bytes()).into_owned();
        for live in [
            "<script>alert",
            "<img src=x",
            "href=\"javascript:",
            "<a href=\"javascript",
            "\u{202e}",
        ] {
            assert!(!body.contains(live), "{uri} shows {live:?} live");
        }
    }
}

async fn status_and_body(app: &axum::Router, method: Method, uri: &str) -> (StatusCode, String) {
    let resp = app
        .clone()
        .oneshot(Request::builder().method(method).uri(uri).body(Body::empty()).unwrap())
        .await
        .unwrap();
    let status = resp.status();
    let body = resp.into_body().collect().await.unwrap().to_bytes();
    (status, String::from_utf8_lossy(&body).into_owned())
}

/// Malformed, repeated, enormous and hostile requests: 400, 404 or 405
/// with a message, never 500.
#[tokio::test]
async fn bad_requests_never_get_a_server_error() {
    let s = seed_db();
    let app = router(AppState::new(&s.db));
    let many_actors: Vec<String> = (0..1000).map(|i| format!("actor=a{i}")).collect();
    let many_actors = many_actors.join("&");
    let long = "a".repeat(60_000);
    let sql = "%27%20OR%201%3D1%20--";
    let cases: Vec<(Method, String, StatusCode)> = vec![
        (
            Method::GET,
            "/api/events?from=2025-13-45".into(),
            StatusCode::BAD_REQUEST,
        ),
        (Method::GET, "/api/events?to=2025-02-30".into(), StatusCode::BAD_REQUEST),
        (Method::GET, "/?kind=bogus".into(), StatusCode::BAD_REQUEST),
        (Method::GET, format!("/?actor={long}"), StatusCode::BAD_REQUEST),
        (
            Method::GET,
            format!("/api/events?{many_actors}"),
            StatusCode::BAD_REQUEST,
        ),
        (Method::GET, format!("/?{many_actors}"), StatusCode::BAD_REQUEST),
        (
            Method::GET,
            "/api/events?from=2025-01-01&from=2025-02-01".into(),
            StatusCode::BAD_REQUEST,
        ),
        (
            Method::GET,
            "/api/events?from=2025-05-01&to=2025-01-01".into(),
            StatusCode::BAD_REQUEST,
        ),
        (Method::GET, "/?actor=%ff%fe".into(), StatusCode::BAD_REQUEST),
        (Method::GET, format!("/api/events?from={sql}"), StatusCode::BAD_REQUEST),
        (Method::GET, format!("/?kind={sql}"), StatusCode::BAD_REQUEST),
        (Method::GET, format!("/?after={sql}"), StatusCode::BAD_REQUEST),
        (
            Method::GET,
            format!("/api/events?before={sql}"),
            StatusCode::BAD_REQUEST,
        ),
        (Method::GET, format!("/events/{sql}"), StatusCode::NOT_FOUND),
        (Method::GET, format!("/actors/{sql}"), StatusCode::NOT_FOUND),
        (Method::GET, format!("/dates/{sql}"), StatusCode::NOT_FOUND),
        (Method::GET, format!("/articles/{sql}"), StatusCode::NOT_FOUND),
        (Method::GET, format!("/api/events/{sql}"), StatusCode::NOT_FOUND),
        (Method::GET, "/static/../Cargo.toml".into(), StatusCode::NOT_FOUND),
        (Method::GET, "/static/%2e%2e%2fCargo.toml".into(), StatusCode::NOT_FOUND),
        (
            Method::GET,
            "/static/..%2f..%2fetc%2fpasswd".into(),
            StatusCode::NOT_FOUND,
        ),
        (
            Method::GET,
            "/articles/..%2f..%2fCargo.toml".into(),
            StatusCode::NOT_FOUND,
        ),
        (
            Method::GET,
            "/articles/%2e%2e%2f%2e%2e%2fetc%2fpasswd".into(),
            StatusCode::NOT_FOUND,
        ),
        (Method::GET, "/dates/2025-02-30".into(), StatusCode::NOT_FOUND),
        (Method::GET, "/dates/99999-01-01".into(), StatusCode::NOT_FOUND),
        (Method::GET, "/no/such/page".into(), StatusCode::NOT_FOUND),
        (Method::GET, "/%00".into(), StatusCode::NOT_FOUND),
        (Method::POST, "/".into(), StatusCode::METHOD_NOT_ALLOWED),
        (Method::DELETE, "/events/x".into(), StatusCode::METHOD_NOT_ALLOWED),
        (Method::PUT, "/api/events".into(), StatusCode::METHOD_NOT_ALLOWED),
    ];
    for (method, uri, want) in cases {
        let (status, body) = status_and_body(&app, method.clone(), &uri).await;
        let shown: String = uri.chars().take(80).collect();
        assert_eq!(status, want, "{method} {shown}: {body}");
        if uri.starts_with("/api/") {
            let v: serde_json::Value = serde_json::from_str(&body).unwrap_or_else(|e| panic!("{shown}: {e}: {body}"));
            assert!(
                v["error"]["message"].as_str().is_some_and(|m| !m.is_empty()),
                "{shown}: {body}"
            );
        } else {
            assert!(body.contains("Back to the timeline"), "{method} {shown}: {body}");
        }
    }
    // The timeline page says what is wrong with its dates on the page (the
    // API above answers 400).
    for uri in [
        "/?from=2025-13-45".to_string(),
        "/?from=2025-01-01&from=2025-02-01".to_string(),
        "/?from=2025-05-01&to=2025-01-01".to_string(),
        format!("/?from={sql}"),
    ] {
        let (status, body) = status_and_body(&app, Method::GET, &uri).await;
        assert_eq!(status, StatusCode::OK, "{uri}");
        assert!(body.contains("<p class=\"notice\""), "{uri}: {body}");
    }
    // SQL in a value is a value: nothing matches, nothing breaks.
    let (status, body) = status_and_body(&app, Method::GET, &format!("/?actor={sql}&q={sql}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("No events match"));
}

/// `n` small articles, each with its own people and day.
fn corpus(dir: &Path, n: usize) -> PathBuf {
    std::fs::create_dir_all(dir).unwrap();
    let names = ["Alder", "Birch", "Cedar", "Dogwood", "Elm", "Fir", "Gum", "Hazel"];
    for i in 0..n {
        let (a, b) = (names[i % 8], names[(i / 8) % 8]);
        let day = 1 + i % 28;
        let text = format!(
            " date 2025-04-{day:02}\nForeign Minister Ann {a}{i} held a phone call with Foreign Minister Bob {b}{i} on Monday.\n\
             \"We agreed to keep talking,\" Ann {a}{i} said after the call.\n\
             President Cy {b}{i} met Prime Minister Di {a}{i} in Geneva on Tuesday for talks on the border.\n"
        );
        std::fs::write(dir.join(format!("a{i:05}.txt")), text).unwrap();
    }
    dir.to_path_buf()
}

fn integrity(db: &Path) -> String {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap()
}

fn article_count(db: &Path) -> i64 {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.query_row("SELECT COUNT(*) FROM articles", [], |r| r.get(0))
        .unwrap()
}

/// SIGKILL in the middle of an ingest: the database opens, holds the state
/// before that run, and a re-run completes the ingest.
#[test]
fn a_kill_mid_ingest_leaves_the_state_before_it() {
    use std::io::BufRead;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("r.db");
    ingest_into(&db, &[seeds()]);
    let before = export_json(&db);
    let data = corpus(&dir.path().join("big"), 600);
    let mut child = readout()
        .arg("ingest")
        .arg(&data)
        .arg("--db")
        .arg(&db)
        .env("READOUT_LOG", "readout=debug")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Kill once the run is writing (its transaction is open).
    let stderr = child.stderr.take().unwrap();
    for line in std::io::BufReader::new(stderr).lines() {
        if line.unwrap().contains("actor book written") {
            break;
        }
    }
    std::thread::sleep(std::time::Duration::from_millis(100));
    child.kill().unwrap();
    let status = child.wait().unwrap();
    assert!(!status.success(), "killed before it finished");
    assert_eq!(integrity(&db), "ok");
    assert_eq!(export_json(&db), before, "the state before the killed run");
    let out = ingest_cli(&data, &db);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stdout));
    assert_eq!(article_count(&db), 5 + 600);
}

/// Readers during ingests see the state before or after each ingest
/// transaction, and no request fails.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_answer_while_ingests_run() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("r.db");
    let first = ingest_into(&db, &[seeds()]);
    let folders: Vec<PathBuf> = (0..3)
        .map(|k| corpus(&dir.path().join(format!("batch{k}")), 40 + k))
        .collect();
    let writer_db = db.clone();
    let writer = std::thread::spawn(move || {
        let mut totals = Vec::new();
        for f in folders {
            totals.push(ingest_into(&writer_db, &[f]).events);
        }
        totals
    });
    let app = router(AppState::new(&db));
    let mut seen = Vec::new();
    let mut requests = 0;
    while !writer.is_finished() || requests < 50 {
        for uri in ["/api/events", "/", "/actors"] {
            let (status, body) = status_and_body(&app, Method::GET, uri).await;
            assert_eq!(status, StatusCode::OK, "{uri}: {body}");
            if uri == "/api/events" {
                let v: serde_json::Value = serde_json::from_str(&body).unwrap();
                seen.push(v["total"].as_i64().unwrap());
            }
            requests += 1;
        }
    }
    let totals = writer.join().unwrap();
    let mut states = vec![first.events];
    states.extend(&totals);
    for t in &seen {
        assert!(states.contains(t), "{t} is not one of the committed states {states:?}");
    }
    assert!(seen.windows(2).all(|w| w[0] <= w[1]), "never back in time: {seen:?}");
}

/// A full disk (here: a page limit) fails the ingest with a clear error;
/// what was stored stays, and readers go on.
#[tokio::test]
async fn a_full_disk_fails_the_ingest_and_keeps_what_was_stored() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("r.db");
    ingest_into(&db, &[seeds()]);
    let before = export_json(&db);
    let data = corpus(&dir.path().join("big"), 200);
    let mut store = Store::open(&db).unwrap();
    let pages: i64 = store.conn().query_row("PRAGMA page_count", [], |r| r.get(0)).unwrap();
    store.conn().pragma_update(None, "max_page_count", pages + 8).unwrap();
    let err = ingest(&mut store, &book(), &[data], &IngestOptions::default()).unwrap_err();
    assert!(err.to_string().contains("full"), "{err}");
    drop(store);
    assert_eq!(export_json(&db), before);
    let app = router(AppState::new(&db));
    let (status, _) = status_and_body(&app, Method::GET, "/").await;
    assert_eq!(status, StatusCode::OK);
}

/// Two `readout ingest` processes on one database: the second waits for
/// the first (or says the database is busy); nothing is corrupted.
#[test]
fn two_processes_on_one_database_take_turns() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("r.db");
    ingest_into(&db, &[seeds()]);
    let a = corpus(&dir.path().join("a"), 60);
    let b = corpus(&dir.path().join("b"), 50);
    let run = |data: &Path| {
        readout()
            .arg("ingest")
            .arg(data)
            .arg("--db")
            .arg(&db)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap()
    };
    let (first, second) = (run(&a), run(&b));
    let outs = [first.wait_with_output().unwrap(), second.wait_with_output().unwrap()];
    let mut expected = 5;
    for (out, n) in outs.iter().zip([60, 50]) {
        let stderr = String::from_utf8_lossy(&out.stderr);
        if out.status.success() {
            expected += n;
        } else {
            assert!(stderr.contains("locked") || stderr.contains("busy"), "{stderr}");
        }
    }
    assert_eq!(integrity(&db), "ok");
    assert_eq!(article_count(&db), expected);
}

/// Every kind of response carries the security headers; no page has
/// inline script or style for the policy to allow.
#[tokio::test]
async fn security_headers_on_every_kind_of_response() {
    let s = seed_db();
    let app = router(AppState::new(&s.db));
    for uri in [
        "/",
        "/api/events",
        "/events/nope",
        "/api/events/nope",
        "/static/style.css",
        "/actors",
    ] {
        let resp = app
            .clone()
            .oneshot(Request::builder().uri(uri).body(Body::empty()).unwrap())
            .await
            .unwrap();
        let h = resp.headers().clone();
        let csp = h["content-security-policy"].to_str().unwrap();
        for part in [
            "default-src 'none'",
            "script-src 'self'",
            "style-src 'self'",
            "frame-ancestors 'none'",
        ] {
            assert!(csp.contains(part), "{uri}: {csp}");
        }
        assert!(!csp.contains("unsafe-inline"), "{uri}: {csp}");
        assert_eq!(h["x-content-type-options"], "nosniff", "{uri}");
        assert_eq!(h["x-frame-options"], "DENY", "{uri}");
        assert_eq!(h["referrer-policy"], "no-referrer", "{uri}");
        let body = String::from_utf8_lossy(&resp.into_body().collect().await.unwrap().to_bytes()).into_owned();
        if !uri.starts_with("/static/") {
            assert!(
                !body.contains("<script>") && !body.contains(" style="),
                "{uri}: inline code"
            );
        }
    }
}

/// Only the "Add article" form takes a POST; bodies are refused above a
/// limit.
#[tokio::test]
async fn request_bodies_are_limited_and_only_the_add_form_takes_a_post() {
    let s = seed_db();
    let app = router(AppState::new(&s.db));
    for (size, want) in [
        (10, StatusCode::METHOD_NOT_ALLOWED),
        (readout::web::MAX_REQUEST_BODY + 1, StatusCode::PAYLOAD_TOO_LARGE),
    ] {
        let resp = app
            .clone()
            .oneshot(
                Request::builder()
                    .method(Method::POST)
                    .uri("/")
                    .header("content-length", size)
                    .body(Body::from(vec![b'x'; size]))
                    .unwrap(),
            )
            .await
            .unwrap();
        assert_eq!(resp.status(), want, "{size} bytes");
    }
}

/// Loopback by default; any other address is announced loudly.
#[test]
fn the_server_listens_on_loopback_unless_told_otherwise() {
    use std::io::BufRead;
    let help = readout().arg("--help").output().unwrap();
    assert!(String::from_utf8_lossy(&help.stdout).contains("[default: 127.0.0.1:3000]"));
    let s = seed_db();
    let empty = s.dir.path().join("empty");
    std::fs::create_dir_all(&empty).unwrap();
    let mut child = readout()
        .args(["serve", "--addr", "0.0.0.0:0", "--data"])
        .arg(&empty)
        .arg("--db")
        .arg(&s.db)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    let mut warned = false;
    for line in std::io::BufReader::new(stderr).lines().take(20) {
        if line.unwrap().contains("WHICH IS NOT LOOPBACK") {
            warned = true;
            break;
        }
    }
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(warned);
}

/// Makes a file unwritable for the test's lifetime: immutable where the
/// file system and privileges allow it (root ignores permission bits),
/// read-only permissions otherwise.
struct Unwritable(PathBuf);

impl Unwritable {
    fn new(p: &Path) -> Option<Unwritable> {
        use std::os::unix::fs::PermissionsExt;
        let immutable = Command::new("chattr")
            .arg("+i")
            .arg(p)
            .output()
            .is_ok_and(|o| o.status.success());
        if !immutable {
            std::fs::set_permissions(p, std::fs::Permissions::from_mode(0o444)).ok()?;
        }
        let guard = Unwritable(p.to_path_buf());
        // Only if writing really fails now.
        std::fs::OpenOptions::new()
            .append(true)
            .open(p)
            .is_err()
            .then_some(guard)
    }
}

impl Drop for Unwritable {
    fn drop(&mut self) {
        use std::os::unix::fs::PermissionsExt;
        let _ = Command::new("chattr").arg("-i").arg(&self.0).output();
        let _ = std::fs::set_permissions(&self.0, std::fs::Permissions::from_mode(0o644));
    }
}

/// A database that cannot be written: the ingest says so, the server still
/// serves what it holds.
#[test]
fn a_read_only_database_is_still_served() {
    use std::io::{BufRead, Read, Write};
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("r.db");
    ingest_into(&db, &[seeds()]);
    let more = corpus(&dir.path().join("more"), 3);
    let Some(_guard) = Unwritable::new(&db) else {
        eprintln!("skipped: no way to make a file unwritable here");
        return;
    };
    let out = readout()
        .arg("ingest")
        .arg(&more)
        .arg("--db")
        .arg(&db)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr.contains("the database cannot be written"), "{stderr}");

    let mut child = readout()
        .args(["serve", "--addr", "127.0.0.1:0", "--data"])
        .arg(&more)
        .arg("--db")
        .arg(&db)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let addr = std::io::BufReader::new(stdout)
        .lines()
        .map_while(Result::ok)
        .find_map(|l| l.strip_prefix("Readout is serving http://").map(str::to_string));
    let page = addr.map(|a| {
        let mut s = std::net::TcpStream::connect(a).unwrap();
        s.write_all(b"GET / HTTP/1.0\r\n\r\n").unwrap();
        let mut page = String::new();
        s.read_to_string(&mut page).unwrap();
        page
    });
    child.kill().unwrap();
    child.wait().unwrap();
    let page = page.expect("the server started");
    assert!(
        page.starts_with("HTTP/1.0 200") || page.starts_with("HTTP/1.1 200"),
        "{page}"
    );
    assert!(page.contains("Putin"), "the stored timeline is served");
}

#[test]
fn a_users_trigger_vocabulary_is_read_and_a_broken_one_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    std::fs::write(
        data.join("a.txt"),
        " date 2025-06-02\nForeign Minister Ann Ames rang up Foreign Minister Bo Berg on Monday.\n",
    )
    .unwrap();
    // The built-in vocabulary does not know "rang up": no call.
    let db = dir.path().join("plain.db");
    assert!(ingest_cli(&data, &db).status.success());
    let kinds = |db: &Path| -> Vec<String> {
        export_json(db)["events"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["kind"].as_str().unwrap().to_string())
            .collect()
    };
    assert!(!kinds(&db).contains(&"call".to_string()));
    // A user's file that adds it: a call on 2 June.
    let mut vocab = readout::extract::events::triggers::EMBEDDED.to_string();
    vocab.push_str("\n[[trigger]]\nkind = \"call\"\nform = \"verb\"\nphrases = [\"rang up\"]\n");
    let triggers = dir.path().join("triggers.toml");
    std::fs::write(&triggers, vocab).unwrap();
    let db = dir.path().join("taught.db");
    let out = readout()
        .arg("ingest")
        .arg(&data)
        .arg("--db")
        .arg(&db)
        .arg("--triggers")
        .arg(&triggers)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(kinds(&db).contains(&"call".to_string()), "{:?}", kinds(&db));
    // A typo stops the start with the file and the entry named.
    std::fs::write(
        &triggers,
        "[[trigger]]\nkind = \"cal\"\nform = \"verb\"\nphrases = [\"rang up\"]\n",
    )
    .unwrap();
    let out = readout()
        .arg("ingest")
        .arg(&data)
        .arg("--db")
        .arg(dir.path().join("broken.db"))
        .arg("--triggers")
        .arg(&triggers)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(stderr.contains("triggers.toml") && stderr.contains("cal"), "{stderr}");
}

#[test]
fn a_users_title_vocabulary_is_read_and_a_broken_one_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    std::fs::write(
        data.join("a.txt"),
        " date 2025-06-02\nGrand Vizier Ann Ames said on Monday that the border would stay open.\n",
    )
    .unwrap();
    let speakers = |db: &Path| -> Vec<String> {
        export_json(db)["events"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|e| e["actors"].as_array().unwrap().clone())
            .map(|a| a["name"].as_str().unwrap_or_default().to_string())
            .collect()
    };
    // A user's vocabulary that knows the title finds the speaker.
    let mut vocab = readout::extract::actors::titles::EMBEDDED.to_string();
    vocab = vocab.replacen("titles = [", "titles = [\n    \"grand vizier\",", 1);
    let titles = dir.path().join("titles.toml");
    std::fs::write(&titles, vocab).unwrap();
    let db = dir.path().join("taught.db");
    let out = readout()
        .arg("ingest")
        .arg(&data)
        .arg("--db")
        .arg(&db)
        .arg("--titles")
        .arg(&titles)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(speakers(&db).contains(&"Ann Ames".to_string()), "{:?}", speakers(&db));
    // A title in capitals stops the start with the file and the entry named.
    std::fs::write(&titles, "titles = [\"Grand Vizier\"]\n").unwrap();
    let out = readout()
        .arg("ingest")
        .arg(&data)
        .arg("--db")
        .arg(dir.path().join("broken.db"))
        .arg("--titles")
        .arg(&titles)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(
        stderr.contains("titles.toml") && stderr.contains("Grand Vizier"),
        "{stderr}"
    );
}
