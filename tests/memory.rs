//! People found in one article are remembered across the corpus: a surname
//! alone in another article resolves to them, in whatever order (and in
//! however many ingests) the articles arrive, and they have actor pages
//! like the book's actors.

mod common;

use axum::body::Body;
use axum::http::Request;
use common::*;
use http_body_util::BodyExt;
use readout::web::{router, AppState};
use std::path::Path;
use tower::ServiceExt;

const NAMED: &str =
    " date 2025-06-03\nBorder talks\nForeign Minister Tove Lindqvist of Sweden said on Monday that the border talks would go on.\n";
const SURNAME_ONLY: &str =
    " date 2025-06-05\nA second day\nLindqvist said on Wednesday that she expected a deal within weeks.\n";

/// (date, speakers) of each statement in the database.
fn statements(db: &Path) -> Vec<(String, Vec<String>)> {
    let mut out: Vec<(String, Vec<String>)> = export_json(db)["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["kind"] == "statement")
        .map(|e| {
            (
                e["date"].as_str().unwrap_or_default().to_string(),
                e["actors"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|a| a["name"].as_str().unwrap().to_string())
                    .collect(),
            )
        })
        .collect();
    out.sort();
    out
}

fn both() -> Vec<(String, Vec<String>)> {
    vec![
        ("2025-06-02".to_string(), vec!["Tove Lindqvist".to_string()]),
        ("2025-06-04".to_string(), vec!["Tove Lindqvist".to_string()]),
    ]
}

#[test]
fn a_surname_resolves_to_a_person_named_in_an_earlier_ingest() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    let db = dir.path().join("r.db");
    std::fs::write(data.join("a.txt"), NAMED).unwrap();
    ingest_into(&db, std::slice::from_ref(&data));
    assert_eq!(statements(&db).len(), 1);
    std::fs::write(data.join("b.txt"), SURNAME_ONLY).unwrap();
    ingest_into(&db, std::slice::from_ref(&data));
    assert_eq!(statements(&db), both());
}

#[test]
fn an_article_read_before_the_person_was_named_is_read_again() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    let db = dir.path().join("r.db");
    std::fs::write(data.join("b.txt"), SURNAME_ONLY).unwrap();
    ingest_into(&db, std::slice::from_ref(&data));
    // Nobody is known as Lindqvist yet: the remark has no speaker.
    assert!(statements(&db).is_empty(), "{:?}", statements(&db));
    std::fs::write(data.join("a.txt"), NAMED).unwrap();
    ingest_into(&db, std::slice::from_ref(&data));
    assert_eq!(statements(&db), both());
    // The same corpus in one ingest gives the same timeline.
    let db2 = dir.path().join("r2.db");
    ingest_into(&db2, &[data]);
    assert_eq!(statements(&db2), both());
}

#[test]
fn a_shared_surname_resolves_to_nobody() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    std::fs::write(data.join("a.txt"), NAMED).unwrap();
    std::fs::write(
        data.join("c.txt"),
        " date 2025-06-03\nTrade\nTrade Minister Nils Lindqvist said on Monday that tariffs would fall.\n",
    )
    .unwrap();
    std::fs::write(data.join("b.txt"), SURNAME_ONLY).unwrap();
    let db = dir.path().join("r.db");
    ingest_into(&db, &[data]);
    let on_wednesday: Vec<_> = statements(&db).into_iter().filter(|(d, _)| d == "2025-06-04").collect();
    assert!(on_wednesday.is_empty(), "two Lindqvists: {on_wednesday:?}");
}

#[tokio::test]
async fn a_remembered_person_has_an_actor_page_with_role_state_and_events() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    std::fs::write(data.join("a.txt"), NAMED).unwrap();
    std::fs::write(data.join("b.txt"), SURNAME_ONLY).unwrap();
    let db = dir.path().join("r.db");
    ingest_into(&db, &[data]);
    let app = router(AppState::new(&db));
    let resp = app
        .oneshot(
            Request::builder()
                .uri("/api/actors/tove-lindqvist")
                .body(Body::empty())
                .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    let bytes = resp.into_body().collect().await.unwrap().to_bytes();
    let page: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
    let text = page.to_string();
    assert!(text.contains("Foreign Minister") && text.contains("Sweden"), "{text}");
    assert!(text.contains("2025-06-02") && text.contains("2025-06-04"), "{text}");
}

#[test]
fn another_spelling_reads_the_same_whatever_came_first() {
    let dir = tempfile::tempdir().unwrap();
    let (one, two) = (dir.path().join("one"), dir.path().join("two"));
    std::fs::create_dir_all(&one).unwrap();
    std::fs::create_dir_all(&two).unwrap();
    let first = " date 2025-06-03\nTalks\nEnvoy Mahmud Karimov said on Monday that the corridor would reopen.\n";
    let second = " date 2025-06-05\nMore talks\nEnvoy Mahmoud Karimov met officials on Wednesday. Karimov said on Wednesday that trucks were moving.\n";
    std::fs::write(one.join("a.txt"), first).unwrap();
    std::fs::write(two.join("b.txt"), second).unwrap();
    // One ingest of both, and one article after the other: the same.
    let together = dir.path().join("together.db");
    ingest_into(&together, &[one.clone(), two.clone()]);
    let apart = dir.path().join("apart.db");
    ingest_into(&apart, std::slice::from_ref(&one));
    ingest_into(&apart, &[one, two]);
    assert_eq!(statements(&apart), statements(&together));
    // The surname goes to the spelling its own article uses.
    assert!(
        statements(&together)
            .iter()
            .any(|(d, who)| d == "2025-06-04" && who == &["Mahmoud Karimov".to_string()]),
        "{:?}",
        statements(&together)
    );
}
