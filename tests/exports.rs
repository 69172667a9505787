//! Exports (issue 6): CSV twins of the lists, the timeline as iCalendar
//! and the Atom feed of newly ingested events, with the pages' filters.

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::*;
use http_body_util::BodyExt;
use readout::web::{router, AppState};
use tower::ServiceExt;

async fn get(app: &axum::Router, uri: &str) -> (StatusCode, String, String) {
    let resp = app
        .clone()
        .oneshot(
            Request::builder()
                .uri(uri)
                .header("host", "127.0.0.1:3000")
                .body(Body::empty())
                .unwrap(),
        )
        .await
        .unwrap();
    let status = resp.status();
    let ctype = resp
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default();
    let body = String::from_utf8_lossy(&resp.into_body().collect().await.unwrap().to_bytes()).into_owned();
    (status, ctype, body)
}

#[tokio::test]
async fn csv_twins_hold_the_same_rows_as_the_json() {
    let s = seed_db();
    let app = router(AppState::new(&s.db));
    for filter in ["", "?actor=vladimir-putin", "?kind=call&from=2025-05-17&to=2025-05-20"] {
        let (_, _, json) = get(&app, &format!("/api/events{filter}")).await;
        let total = serde_json::from_str::<serde_json::Value>(&json).unwrap()["total"]
            .as_i64()
            .unwrap();
        let (status, ctype, csv) = get(&app, &format!("/api/events.csv{filter}")).await;
        assert_eq!(status, StatusCode::OK);
        assert!(ctype.starts_with("text/csv"), "{ctype}");
        let mut rows = csv::Reader::from_reader(csv.as_bytes());
        let n = rows.records().collect::<Result<Vec<_>, _>>().unwrap().len() as i64;
        assert_eq!(n, total, "{filter}");
    }
    let (_, _, csv) = get(&app, "/api/events.csv?actor=vladimir-putin").await;
    assert!(csv
        .starts_with("id,kind,date,date_precision,status,title,actors,actor_ids,articles,location,url,gist,outlets,starred,tags,note\n"));
    // The gist travels with the row, without its marks.
    assert!(csv.contains(
        "President Donald Trump and Russian president Vladimir Putin spoke two hours on the phone yesterday"
    ));
    assert!(!csv.contains('\u{e}'));
    assert!(csv.contains("2025-05-19-call-donald-trump-vladimir-putin,call,2025-05-19,day,held,"));
    let (_, _, json) = get(&app, "/api/actors").await;
    let actors = serde_json::from_str::<serde_json::Value>(&json).unwrap()["actors"]
        .as_array()
        .unwrap()
        .len();
    let (_, _, csv) = get(&app, "/api/actors.csv").await;
    assert_eq!(csv::Reader::from_reader(csv.as_bytes()).records().count(), actors);
    let (_, _, csv) = get(&app, "/api/articles.csv").await;
    assert_eq!(csv::Reader::from_reader(csv.as_bytes()).records().count(), 5);
    // Bad filters are refused as on the pages.
    let (status, _, _) = get(&app, "/api/events.csv?from=2025-13-01").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn the_timeline_as_a_calendar() {
    let s = seed_db();
    let app = router(AppState::new(&s.db));
    let (status, ctype, folded) = get(&app, "/calendar.ics?kind=call").await;
    // Long lines are folded (RFC 5545 3.1): unfold before reading.
    let ics = folded.replace("\r\n ", "");
    assert_eq!(status, StatusCode::OK);
    assert!(ctype.starts_with("text/calendar"), "{ctype}");
    assert!(ics.starts_with("BEGIN:VCALENDAR") && ics.trim_end().ends_with("END:VCALENDAR"));
    let (_, _, json) = get(&app, "/api/events?kind=call").await;
    let dated = serde_json::from_str::<serde_json::Value>(&json).unwrap()["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| !e["date"].is_null())
        .count();
    assert_eq!(ics.matches("BEGIN:VEVENT").count(), dated);
    // A day is one whole day, the end exclusive.
    let call = ics
        .split("BEGIN:VEVENT")
        .find(|v| v.contains("UID:2025-05-19-call-donald-trump-vladimir-putin@readout"))
        .expect("the Trump-Putin call");
    assert!(call.contains("DTSTART;VALUE=DATE:20250519"), "{call}");
    assert!(call.contains("DTEND;VALUE=DATE:20250520"), "{call}");
    assert!(call.contains("URL:http://127.0.0.1:3000/events/2025-05-19-call-donald-trump-vladimir-putin"));
}

#[tokio::test]
async fn the_feed_lists_newly_ingested_events() {
    let s = seed_db();
    let app = router(AppState::new(&s.db));
    let (status, ctype, atom) = get(&app, "/feed.atom").await;
    assert_eq!(status, StatusCode::OK);
    assert!(ctype.starts_with("application/atom+xml"), "{ctype}");
    let feed: atom_syndication::Feed = atom.parse().expect("valid Atom");
    assert!(!feed.entries().is_empty());
    assert!(feed.entries().len() <= 50);
    assert!(feed
        .entries()
        .iter()
        .any(|e| e.id() == "http://127.0.0.1:3000/events/2025-05-19-call-donald-trump-vladimir-putin"));
    // The pages link their exports.
    let (_, _, page) = get(&app, "/?actor=vladimir-putin").await;
    assert!(page.contains("href=\"/api/events.csv?actor=vladimir-putin\""));
    assert!(page.contains("href=\"/calendar.ics?actor=vladimir-putin\""));
    assert!(page.contains("type=\"application/atom+xml\""));
}
