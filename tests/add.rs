//! The "Add article" page (issue 6): POST only, same origin only, size
//! limited; the new article's events show once it is saved.

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::*;
use http_body_util::BodyExt;
use readout::web::{router, AppState};
use std::path::{Path, PathBuf};
use tower::ServiceExt;

/// A seeded database whose data folder takes added articles, ingested
/// straight away (as `readout serve`'s ingest thread does).
fn app_with_intake(dir: &Path) -> (axum::Router, PathBuf) {
    let (app, data, _) = common::app_with_intake(dir, None);
    (app, data)
}

const BOUNDARY: &str = "readout-test-boundary";

fn multipart(fields: &[(&str, &[u8])]) -> Vec<u8> {
    let mut body = Vec::new();
    for (name, value) in fields {
        let file = if *name == "file" { "; filename=\"a.txt\"" } else { "" };
        body.extend_from_slice(
            format!("--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"{file}\r\n\r\n").as_bytes(),
        );
        body.extend_from_slice(value);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
    body
}

async fn post(app: &axum::Router, origin: Option<&str>, fields: &[(&str, &[u8])]) -> (StatusCode, String, String) {
    let mut req = Request::builder()
        .method("POST")
        .uri("/articles")
        .header("host", "127.0.0.1:3000")
        .header("content-type", format!("multipart/form-data; boundary={BOUNDARY}"));
    if let Some(o) = origin {
        req = req.header("origin", o);
    }
    let resp = app
        .clone()
        .oneshot(req.body(Body::from(multipart(fields))).unwrap())
        .await
        .unwrap();
    let status = resp.status();
    let location = resp
        .headers()
        .get("location")
        .map(|l| l.to_str().unwrap().to_string())
        .unwrap_or_default();
    let body = String::from_utf8_lossy(&resp.into_body().collect().await.unwrap().to_bytes()).into_owned();
    (status, location, body)
}

async fn get(app: &axum::Router, uri: &str) -> (StatusCode, String) {
    let resp = app
        .clone()
        .oneshot(Request::builder().uri(uri).body(Body::empty()).unwrap())
        .await
        .unwrap();
    let status = resp.status();
    (
        status,
        String::from_utf8_lossy(&resp.into_body().collect().await.unwrap().to_bytes()).into_owned(),
    )
}

const ORIGIN: Option<&str> = Some("http://127.0.0.1:3000");
const TEXT: &[u8] =
    b"Talks in Oslo\n\nForeign Minister Ann Example met Foreign Minister Bo Example in Oslo on Monday.\n";

#[tokio::test]
async fn the_form_posts_text_or_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let (app, _) = app_with_intake(dir.path());
    let (status, body) = get(&app, "/articles/new").await;
    assert_eq!(status, StatusCode::OK);
    for part in [
        "method=\"post\" action=\"/articles\" enctype=\"multipart/form-data\"",
        "name=\"text\"",
        "name=\"file\"",
        "name=\"date\"",
    ] {
        assert!(body.contains(part), "{part}");
    }
}

#[tokio::test]
async fn pasted_text_becomes_an_article_with_its_events() {
    let dir = tempfile::tempdir().unwrap();
    let (app, data) = app_with_intake(dir.path());
    let (status, location, body) = post(&app, ORIGIN, &[("date", b"2026-01-06"), ("text", TEXT)]).await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    assert!(location.starts_with("/articles/added-"), "{location}");
    let (status, page) = get(&app, &location).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Ann Example"), "the article's events are shown");
    assert!(page.contains("Tue 6 January 2026"), "dated by the given date: {page}");
    let (_, events) = get(&app, "/api/events?q=Example").await;
    assert!(events.contains("ann-example"), "{events}");
    // Saved as a file in the data folder, read like every other.
    let saved: Vec<String> = std::fs::read_dir(&data)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("added-"))
        .collect();
    assert_eq!(saved.len(), 1, "{saved:?}");
    assert!(!saved[0].ends_with(".part"));
}

#[tokio::test]
async fn an_uploaded_file_is_read_like_a_dropped_one() {
    let dir = tempfile::tempdir().unwrap();
    let (app, _) = app_with_intake(dir.path());
    let latin1: &[u8] =
        b" date 2026-02-02\nForeign Minister Jos\xe9 Example met Foreign Minister Bo Example in M\xe1laga on Monday.\n";
    let (status, location, body) = post(&app, ORIGIN, &[("text", b""), ("file", latin1)]).await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    let (_, page) = get(&app, &location).await;
    assert!(page.contains("José Example"), "{page}");
}

#[tokio::test]
async fn other_sites_and_unverifiable_requests_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let (app, data) = app_with_intake(dir.path());
    for origin in [
        None,
        Some("http://evil.example"),
        Some("http://127.0.0.1:3000.evil.example"),
    ] {
        let (status, _, body) = post(&app, origin, &[("text", TEXT)]).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{origin:?}");
        assert!(body.contains("this site"), "{body}");
    }
    let added = std::fs::read_dir(&data)
        .unwrap()
        .filter(|e| e.as_ref().unwrap().file_name().to_string_lossy().starts_with("added-"))
        .count();
    assert_eq!(added, 0, "nothing saved");
}

#[tokio::test]
async fn unusable_text_gets_the_form_again_with_the_reason() {
    let dir = tempfile::tempdir().unwrap();
    let (app, _) = app_with_intake(dir.path());
    let (status, _, body) = post(&app, ORIGIN, &[("date", b"2026-13-01"), ("text", TEXT)]).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        body.contains("YYYY-MM-DD") && body.contains("Ann Example"),
        "the text is kept: {body}"
    );
    let (status, _, body) = post(&app, ORIGIN, &[("text", b"   ")]).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(body.contains("the file is empty"), "{body}");
    let (status, _, body) = post(&app, ORIGIN, &[("file", b"\x89PNG\r\n\x1a\n\0\0")]).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(body.contains("PNG image"), "{body}");
}

#[tokio::test]
async fn without_a_data_folder_adding_is_off() {
    let s = seed_db();
    let app = router(AppState::new(&s.db));
    let (status, body) = get(&app, "/articles/new").await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("not available") && !body.contains("<form method=\"post\""));
    let (status, _, _) = post(&app, ORIGIN, &[("text", TEXT)]).await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
}

/// With a data folder, pages show an article's path within it, not the
/// machine's absolute path.
#[tokio::test]
async fn article_paths_are_shown_within_the_data_folder() {
    let dir = tempfile::tempdir().unwrap();
    let (app, data) = app_with_intake(dir.path());
    let root = std::fs::canonicalize(&data).unwrap().display().to_string();
    let (status, body) = get(&app, "/articles").await;
    assert_eq!(status, StatusCode::OK);
    assert!(!body.contains(&root), "{body}");
    let first = std::fs::read_dir(&data)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .min()
        .unwrap();
    assert!(body.contains(&format!("<td class=\"path\">{first}</td>")), "{body}");
    // The JSON keeps the stored key.
    let (_, json) = get(&app, "/api/articles").await;
    assert!(json.contains(&root), "{json}");
}
