//! The JSON twins keep their shapes (docs/api.md): every field name of
//! every `/api` response over the seed corpus is listed here, so that a
//! change of the store's rows or of `web::api` that adds, renames or drops
//! a field fails until this list and the document say so too.

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::*;
use http_body_util::BodyExt;
use readout::web::{router, AppState};
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::Path;
use tower::ServiceExt;

async fn get_json(db: &Path, uri: &str) -> (StatusCode, Value) {
    let resp = router(AppState::new(db))
        .oneshot(Request::builder().uri(uri).body(Body::empty()).expect("request"))
        .await
        .expect("response");
    let status = resp.status();
    let bytes = resp.into_body().collect().await.expect("body").to_bytes();
    let v = serde_json::from_slice(&bytes).unwrap_or_else(|e| panic!("{uri}: not JSON ({e})"));
    (status, v)
}

/// The paths to fields seen in responses: "a.b" for objects, "a[]" for
/// the items of an array (tuples included).
#[derive(Default)]
struct Seen {
    /// Every path.
    all: BTreeSet<String>,
    /// Paths seen at least once with a value other than null or [].
    filled: BTreeSet<String>,
}

impl Seen {
    fn add(&mut self, v: &Value, at: &str) {
        match v {
            Value::Object(m) => {
                for (k, x) in m {
                    let p = if at.is_empty() { k.clone() } else { format!("{at}.{k}") };
                    self.all.insert(p.clone());
                    if !(x.is_null() || x.as_array().is_some_and(|a| a.is_empty())) {
                        self.filled.insert(p.clone());
                    }
                    self.add(x, &p);
                }
            }
            Value::Array(items) => {
                for x in items {
                    self.add(x, &format!("{at}[]"));
                }
            }
            _ => {}
        }
    }

    /// A documented field not seen is fine only below a field that was
    /// null or empty in every response (no seed event has other dates,
    /// say); below one that had a value, it is missing.
    fn excused(&self, path: &str) -> bool {
        let cut = path
            .char_indices()
            .filter(|&(_, c)| c == '.' || c == '[')
            .map(|(i, _)| i);
        cut.map(|i| &path[..i])
            .any(|q| self.all.contains(q) && !self.filled.contains(q))
    }
}

/// Fields that hold a date: an ISO day or null, wherever they are.
const DATE_FIELDS: [&str; 9] = [
    "date",
    "published",
    "inferred_date",
    "mention_date",
    "first_seen",
    "last_seen",
    "previous_day",
    "next_day",
    "date_precision",
];

fn check_dates(v: &Value, uri: &str) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                if DATE_FIELDS.contains(&k.as_str()) {
                    let ok = match (k.as_str(), x) {
                        (_, Value::Null) => true,
                        ("date_precision", Value::String(p)) => ["day", "week", "month"].contains(&p.as_str()),
                        (_, Value::String(d)) => chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").is_ok(),
                        _ => false,
                    };
                    assert!(ok, "{uri}: {k} = {x}");
                }
                check_dates(x, uri);
            }
        }
        Value::Array(items) => items.iter().for_each(|x| check_dates(x, uri)),
        _ => {}
    }
}

const ACTOR: [&str; 3] = ["id", "name", "kind"];
const EVENT: [&str; 13] = [
    "id",
    "kind",
    "date",
    "date_precision",
    "date_source",
    "status",
    "title",
    "articles",
    "location",
    "actors",
    "gist",
    "gist_names",
    "outlets",
];
const EVIDENCE: [&str; 14] = [
    "mention_id",
    "article",
    "article_title",
    "published",
    "inferred_date",
    "sentence",
    "start",
    "end",
    "date_source",
    "mention_date",
    "status",
    "rank",
    "outlet",
    "url",
];

const CORRECTION: [&str; 10] = [
    "n",
    "target",
    "change",
    "made",
    "by",
    "subject",
    "title",
    "applied_to",
    "orphaned",
    "entry",
];

/// `fields` under `at`, and an event's fields (with its actors') under
/// each of `events`.
fn expect(plain: &[&str], events: &[&str]) -> BTreeSet<String> {
    let mut out: BTreeSet<String> = plain.iter().map(|s| s.to_string()).collect();
    for at in events {
        out.insert(at.trim_end_matches("[]").to_string());
        for f in EVENT {
            out.insert(format!("{at}.{f}"));
        }
        for f in ACTOR {
            out.insert(format!("{at}.actors[].{f}"));
        }
    }
    out
}

fn under(at: &str, fields: &[&str]) -> Vec<String> {
    fields.iter().map(|f| format!("{at}.{f}")).collect()
}

async fn assert_shape(db: &Path, uri: &str, want: BTreeSet<String>) {
    assert_shapes(db, &[uri.to_string()], want).await
}

/// The fields of the responses to `uris` together are `want`.
async fn assert_shapes(db: &Path, uris: &[String], want: BTreeSet<String>) {
    let mut seen = Seen::default();
    for uri in uris {
        let (status, v) = get_json(db, uri).await;
        assert_eq!(status, StatusCode::OK, "{uri}: {v}");
        seen.add(&v, "");
        check_dates(&v, uri);
    }
    let missing: Vec<_> = want
        .iter()
        .filter(|p| !seen.all.contains(*p) && !seen.excused(p))
        .collect();
    let extra: Vec<_> = seen.all.difference(&want).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "{uris:?}: fields missing {missing:?}, not documented {extra:?}"
    );
}

fn strings(v: Vec<String>) -> Vec<&'static str> {
    v.into_iter().map(|s| &*Box::leak(s.into_boxed_str())).collect()
}

#[tokio::test]
async fn every_twin_keeps_its_documented_fields() {
    let s = seed_db();
    let db = &s.db;

    let mut timeline = vec![
        "total",
        "next",
        "prev",
        "facets",
        "facets.kinds",
        "facets.actors",
        "facets.total",
    ];
    let facet_actors = strings(under("facets.actors[][]", &ACTOR));
    timeline.extend(facet_actors.iter().copied());
    assert_shape(db, "/api/events", expect(&timeline, &["events[]"])).await;

    // Every call's page: together they fill most fields.
    let (_, list) = get_json(db, "/api/events?kind=call").await;
    let calls: Vec<String> = list["events"]
        .as_array()
        .expect("events")
        .iter()
        .filter_map(|e| e["id"].as_str())
        .map(|id| format!("/api/events/{id}"))
        .collect();
    assert!(calls.len() > 3, "{list}");
    let id = list["events"][0]["id"].as_str().expect("an event id").to_string();
    let mut event = vec![
        "evidence",
        "same_day_more",
        "around",
        "note",
        "note.starred",
        "note.tags",
        "note.text",
        "corrections",
    ];
    let fixes = strings(under("corrections[]", &CORRECTION));
    event.extend(fixes.iter().copied());
    let evidence = strings(under("evidence[]", &EVIDENCE));
    event.extend(evidence.iter().copied());
    let around = strings(
        ["around[].actor", "around[].previous", "around[].next"]
            .iter()
            .map(|s| s.to_string())
            .chain(under("around[].actor", &ACTOR))
            .collect(),
    );
    event.extend(around.iter().copied());
    assert_shapes(
        db,
        &calls,
        expect(
            &event,
            &[
                "event",
                "same_day[]",
                "other_dates[]",
                "around[].previous",
                "around[].next",
                "timeline_previous",
                "timeline_next",
            ],
        ),
    )
    .await;

    let mut actors = vec!["actors"];
    let summary = strings(
        under("actors[]", &["actor", "role", "events", "first_seen", "last_seen"])
            .into_iter()
            .chain(under("actors[].actor", &ACTOR))
            .collect(),
    );
    actors.extend(summary.iter().copied());
    assert_shape(db, "/api/actors", expect(&actors, &[])).await;

    let mut actor = vec![
        "actor",
        "kinds",
        "counterparts",
        "first_seen",
        "last_seen",
        "activity",
        "more_events",
        "partners",
        "partners.met",
        "partners.demanded_of",
        "partners.demanded_by",
    ];
    let detail = strings(
        under(
            "actor",
            &[
                "id",
                "name",
                "kind",
                "role",
                "country",
                "affiliation",
                "discovered",
                "aliases",
            ],
        )
        .into_iter()
        .chain(under("actor.affiliation", &ACTOR))
        .chain(under("counterparts[][]", &ACTOR))
        .chain(under("partners.met[][]", &ACTOR))
        .chain(under("partners.demanded_of[][]", &ACTOR))
        .chain(under("partners.demanded_by[][]", &ACTOR))
        .chain(under(
            "activity[]",
            &["date", "kind", "date_precision", "status", "events"],
        ))
        .collect(),
    );
    actor.extend(detail.iter().copied());
    // Donald Trump speaks for a state in the seed book: an affiliation.
    assert_shape(db, "/api/actors/donald-trump", expect(&actor, &["events[]"])).await;

    let (_, ev) = get_json(db, &format!("/api/events/{id}")).await;
    let day = ev["event"]["date"].as_str().expect("a dated call").to_string();
    assert_shape(
        db,
        &format!("/api/dates/{day}"),
        expect(&["date", "previous_day", "next_day"], &["events[]", "wider[]"]),
    )
    .await;

    const ARTICLE: [&str; 9] = [
        "id",
        "path",
        "title",
        "published",
        "inferred_date",
        "date_note",
        "events",
        "url",
        "outlet",
    ];
    let mut articles = vec!["articles"];
    let listed = strings(under("articles[]", &ARTICLE));
    articles.extend(listed.iter().copied());
    assert_shape(db, "/api/articles", expect(&articles, &[])).await;

    let article_id = ev["evidence"][0]["article"].as_str().expect("an article").to_string();
    let mut article = vec!["article", "text", "mentions"];
    let fields = strings(
        under("article", &ARTICLE)
            .into_iter()
            .chain(under(
                "mentions[]",
                &["mention_id", "start", "end", "kind", "event_id", "event_title"],
            ))
            .collect(),
    );
    article.extend(fields.iter().copied());
    assert_shape(
        db,
        &format!("/api/articles/{article_id}"),
        expect(&article, &["events[]"]),
    )
    .await;

    let mut search = vec![
        "q",
        "text_index",
        "text_index.articles",
        "text_index.indexed",
        "text_index.complete",
        "events_total",
        "articles_total",
        "articles",
        "events",
        "events[].article",
        "events[].evidence",
        "events[].evidence[].text",
        "events[].evidence[].match",
    ];
    let hits = strings(under(
        "articles[]",
        &["id", "title", "date", "sentence", "sentence[].text", "sentence[].match"],
    ));
    search.extend(hits.iter().copied());
    search.extend([
        "sentences",
        "sentences[].article",
        "sentences[].sentence",
        "sentences[].sentence[].text",
        "sentences[].sentence[].match",
    ]);
    assert_shape(
        db,
        "/api/search?q=ceasefire",
        expect(&search, &["events[].event", "sentences[].events[]"]),
    )
    .await;
    let mut fixes = vec!["problem", "corrections"];
    let listed = strings(under("corrections[]", &CORRECTION));
    fixes.extend(listed.iter().copied());
    assert_shape(db, "/api/corrections", expect(&fixes, &[])).await;
    let mut network = vec!["actors", "pairs", "gatherings"];
    let nodes = strings(under("actors[]", &ACTOR));
    network.extend(nodes.iter().copied());
    let gatherings = strings(under(
        "gatherings[]",
        &["id", "title", "date", "date_precision", "actors", "sources"],
    ));
    network.extend(gatherings.iter().copied());
    assert_shape(db, "/api/network", expect(&network, &[])).await;

    let (status, err) = get_json(db, "/api/events?from=2025-13-01").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let mut seen = Seen::default();
    seen.add(&err, "");
    let want: BTreeSet<String> = ["error", "error.message", "error.status"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    assert_eq!(seen.all, want, "{err}");
    assert_eq!(err["error"]["status"], 400);
}
