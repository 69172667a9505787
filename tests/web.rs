//! Router tests: every page and its JSON twin, filters, paging and errors,
//! driven in-process over a database with the seed corpus.

mod common;

use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use common::*;
use http_body_util::BodyExt;
use readout::web::{router, AppState};
use std::path::Path;
use tower::ServiceExt;

struct Resp {
    status: StatusCode,
    content_type: String,
    body: String,
}

impl Resp {
    fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }
}

async fn request(db: &Path, method: Method, uri: &str) -> Resp {
    let app = router(AppState::new(db));
    let resp = app
        .oneshot(Request::builder().method(method).uri(uri).body(Body::empty()).unwrap())
        .await
        .unwrap();
    let status = resp.status();
    let content_type = resp
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default();
    let bytes = resp.into_body().collect().await.unwrap().to_bytes();
    Resp {
        status,
        content_type,
        body: String::from_utf8_lossy(&bytes).into_owned(),
    }
}

async fn get(db: &Path, uri: &str) -> Resp {
    request(db, Method::GET, uri).await
}

fn ok_html(r: &Resp) {
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(r.content_type.starts_with("text/html"), "{}", r.content_type);
}

const CALL: &str = "2025-05-19-call-donald-trump-vladimir-putin";

#[tokio::test]
async fn timeline_shows_events_by_day_with_actors_and_json_link() {
    let s = seed_db();
    let r = get(&s.db, "/").await;
    ok_html(&r);
    assert!(r.body.contains("Donald Trump – Vladimir Putin phone call"));
    assert!(r.body.contains(r#"<time datetime="2025-05-19">Mon 19 May 2025</time>"#));
    assert!(r.body.contains(r#"href="/actors/donald-trump""#));
    assert!(r
        .body
        .contains(r#"<link rel="alternate" type="application/json" href="/api/events">"#));
    assert!(r.body.contains("Week of Mon 12 May 2025"), "week precision is shown");
}

#[tokio::test]
async fn api_events_matches_the_page_and_filters_narrow() {
    let s = seed_db();
    let all = get(&s.db, "/api/events").await.json();
    let total = all["total"].as_i64().unwrap();
    assert!(total > 10);
    let calls = get(&s.db, "/api/events?kind=call").await.json();
    assert!(calls["total"].as_i64().unwrap() < total);
    assert!(calls["events"].as_array().unwrap().iter().all(|e| e["kind"] == "call"));
    let putin = get(&s.db, "/api/events?actor=vladimir-putin").await.json();
    assert!(putin["events"].as_array().unwrap().iter().all(|e| e["actors"]
        .as_array()
        .unwrap()
        .iter()
        .any(|a| a["id"] == "vladimir-putin")));
    let both = get(&s.db, "/api/events?actor=vladimir-putin&actor=donald-trump&kind=call")
        .await
        .json();
    assert!(both["events"].as_array().unwrap().iter().any(|e| e["id"] == CALL));
    let day = get(&s.db, "/api/events?from=2025-05-16&to=2025-05-16").await.json();
    assert!(day["total"].as_i64().unwrap() > 0);
    assert!(day["events"]
        .as_array()
        .unwrap()
        .iter()
        .all(|e| e["date"] == "2025-05-16"));
    let text = get(&s.db, "/api/events?q=Istanbul").await.json();
    assert!(text["total"].as_i64().unwrap() > 0 && text["total"].as_i64().unwrap() < total);
    let none = get(&s.db, "/api/events?q=zzzzzz").await.json();
    assert_eq!(none["total"], 0);
}

#[tokio::test]
async fn facets_and_active_filters_are_links() {
    let s = seed_db();
    let r = get(&s.db, "/?kind=call&actor=donald-trump").await;
    ok_html(&r);
    assert!(r.body.contains("Actor: Donald Trump"));
    assert!(r.body.contains("Kind: Call"));
    // Removing the kind keeps the actor.
    assert!(r.body.contains(r#"href="/?actor=donald-trump""#));
    // Kinds are chosen one way: the form's boxes, with their counts (none
    // for a kind the filter leaves out, which would read 0).
    assert!(!r.body.contains("<h2>Kinds</h2>"));
    let calls = get(&s.db, "/api/events?kind=call&actor=donald-trump").await.json();
    assert!(
        r.body.contains(&format!(
            "value=\"call\" checked> Call <span class=\"count\">{}</span>",
            calls["total"]
        )),
        "{}",
        r.body
    );
    assert!(r.body.contains("value=\"talks\"> Talks</label>"), "{}", r.body);
    // Dates read as everywhere else.
    let r = get(&s.db, "/?from=2025-05-17").await;
    assert!(r.body.contains("From Sat 17 May 2025"), "{}", r.body);
}

#[tokio::test]
async fn event_page_shows_evidence_from_every_source() {
    let s = seed_db();
    let r = get(&s.db, &format!("/events/{CALL}")).await;
    ok_html(&r);
    // Opened under filters, the page still names its own address.
    let filtered = get(&s.db, &format!("/events/{CALL}?actor=donald-trump&kind=call")).await;
    assert!(filtered
        .body
        .contains(&format!("<link rel=\"canonical\" href=\"/events/{CALL}\">")));
    assert!(filtered.body.contains(&format!(
        "<a class=\"permalink\" href=\"/events/{CALL}\" rel=\"bookmark\">"
    )));
    // Each source says whether it reports the call or announces it, and no
    // sentence is shown twice.
    assert!(r.body.contains("class=\"badge role-reports\""), "{}", r.body);
    let mut quotes: Vec<&str> = r
        .body
        .split("<blockquote><p>")
        .skip(1)
        .filter_map(|q| q.split("</p>").next())
        .collect();
    let n = quotes.len();
    quotes.sort_unstable();
    quotes.dedup();
    assert_eq!(quotes.len(), n, "a sentence shown twice");
    // The tab names the event and its date.
    assert!(
        r.body
            .contains("<title>Donald Trump – Vladimir Putin phone call, Mon 19 May 2025 · Readout</title>"),
        "{}",
        &r.body[..400.min(r.body.len())]
    );
    assert!(r.body.contains("spoke two hours on the phone yesterday"));
    assert!(r.body.contains(r#"href="/articles/002-a190d13e5a6bcf0f#m"#));
    assert!(r.body.contains(&format!(r#"href="/api/events/{CALL}""#)));
    let j = get(&s.db, &format!("/api/events/{CALL}")).await.json();
    assert_eq!(j["event"]["id"], CALL);
    let articles: std::collections::HashSet<&str> = j["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["article"].as_str().unwrap())
        .collect();
    assert!(articles.len() >= 4);
    assert!(j["same_day"]
        .as_array()
        .unwrap()
        .iter()
        .all(|e| e["date"] == "2025-05-19"));
}

/// The same day's events listed on an event page are read once per day
/// and kept until the database changes: an event added to that day by a
/// later ingest shows on the next request to the same server.
#[tokio::test]
async fn same_day_events_follow_an_ingest() {
    let s = seed_db();
    let app = router(AppState::new(&s.db));
    let same_day = |app: axum::Router| async move {
        let resp = app
            .oneshot(
                Request::builder()
                    .uri(format!("/api/events/{CALL}"))
                    .body(Body::empty())
                    .unwrap(),
            )
            .await
            .unwrap();
        let bytes = resp.into_body().collect().await.unwrap().to_bytes();
        let j: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
        j["same_day"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["id"].as_str().unwrap().to_string())
            .collect::<Vec<_>>()
    };
    let before = same_day(app.clone()).await;
    assert!(!before.iter().any(|id| id == CALL), "the event itself is left out");
    let added = s.dir.path().join("added");
    std::fs::create_dir_all(&added).unwrap();
    std::fs::write(
        added.join("aa.txt"),
        " date 2025-05-20\nForeign Minister Ann Aardvark spoke by phone with Foreign Minister Bo Aardvark on Monday.\n",
    )
    .unwrap();
    ingest_into(&s.db, &[seeds(), added]);
    let after = same_day(app.clone()).await;
    assert!(
        after.iter().any(|id| id.contains("ann-aardvark")),
        "{before:?} -> {after:?}"
    );
    assert_eq!(after.len(), (before.len() + 1).min(10));
}

#[tokio::test]
async fn event_page_shows_each_actors_events_before_and_after() {
    let s = seed_db();
    let j = get(&s.db, &format!("/api/events/{CALL}")).await.json();
    let around = j["around"].as_array().unwrap();
    let ids: Vec<&str> = around.iter().map(|a| a["actor"]["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["donald-trump", "vladimir-putin"]);
    // Each neighbour involves its actor and lies on the right side of the call.
    let mut seen = 0;
    for a in around {
        let actor = a["actor"]["id"].as_str().unwrap();
        for (side, want_before) in [("previous", true), ("next", false)] {
            let e = &a[side];
            if e.is_null() {
                continue;
            }
            seen += 1;
            assert!(e["actors"].as_array().unwrap().iter().any(|x| x["id"] == actor), "{e}");
            let (d, id) = (e["date"].as_str().unwrap_or("~"), e["id"].as_str().unwrap());
            assert_eq!((d, id) < ("2025-05-19", CALL), want_before, "{side} of {actor}: {id}");
        }
    }
    assert!(seen >= 2, "{around:?}");
    let r = get(&s.db, &format!("/events/{CALL}")).await;
    ok_html(&r);
    assert!(r.body.contains("Before and after"));
    assert!(
        r.body
            .contains(r#"href="/?actor=donald-trump&#38;actor=vladimir-putin""#),
        "{}",
        r.body
    );
}

#[tokio::test]
async fn actor_pages_and_twins() {
    let s = seed_db();
    let r = get(&s.db, "/actors").await;
    ok_html(&r);
    assert!(r.body.contains(r#"href="/actors/vladimir-putin""#));
    let list = get(&s.db, "/api/actors").await.json();
    assert!(list["actors"]
        .as_array()
        .unwrap()
        .iter()
        .any(|a| a["actor"]["id"] == "dmitry-peskov"));
    let r = get(&s.db, "/actors/vladimir-putin").await;
    ok_html(&r);
    assert!(r.body.contains("President of Russia"));
    assert!(r.body.contains(r#"href="/actors/donald-trump""#), "counterpart link");
    let j = get(&s.db, "/api/actors/vladimir-putin").await.json();
    assert_eq!(j["actor"]["name"], "Vladimir Putin");
    assert!(j["counterparts"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c[0]["id"] == "donald-trump"));
    assert!(j["first_seen"].as_str().unwrap() <= j["last_seen"].as_str().unwrap());
    // A person found only in the text has a page too.
    let r = get(&s.db, "/actors/dmitry-peskov").await;
    ok_html(&r);
    assert!(r.body.contains("found in the text"));
}

#[tokio::test]
async fn date_pages_link_to_neighbouring_days() {
    let s = seed_db();
    let r = get(&s.db, "/dates/2025-05-19").await;
    ok_html(&r);
    assert!(r.body.contains("Mon 19 May 2025"));
    assert!(r.body.contains(r#"rel="prev" href="/dates/2025-05-17""#));
    let j = get(&s.db, "/api/dates/2025-05-19").await.json();
    assert!(j["events"].as_array().unwrap().iter().any(|e| e["id"] == CALL));
    assert_eq!(j["next_day"], "2025-05-20");
}

#[tokio::test]
async fn article_page_highlights_evidence() {
    let s = seed_db();
    let r = get(&s.db, "/articles").await;
    ok_html(&r);
    assert!(r.body.contains(r#"href="/articles/003-f89eb992e6ef3eb6""#));
    let r = get(&s.db, "/articles/002-a190d13e5a6bcf0f").await;
    ok_html(&r);
    assert!(r.body.contains("<mark id=\"m"));
    assert!(r.body.contains(&format!(r#"href="/events/{CALL}""#)));
    let j = get(&s.db, "/api/articles/002-a190d13e5a6bcf0f").await.json();
    assert_eq!(j["article"]["published"], "2025-05-20");
    assert!(!j["mentions"].as_array().unwrap().is_empty());
    // The undated article shows how its date was inferred.
    let j = get(&s.db, "/api/articles/004-3fb2a48ab5d32db5").await.json();
    assert_eq!(j["article"]["inferred_date"], "2025-05-19");
    assert!(j["article"]["date_note"].as_str().unwrap().starts_with("inferred from"));
}

#[tokio::test]
async fn bad_requests_get_clear_errors() {
    let s = seed_db();
    // The API answers a bad date with 400; the timeline page says what is
    // wrong on the page itself and shows the rest.
    let r = get(&s.db, "/api/events?from=2025-13-45").await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(r.json()["error"]["message"].as_str().unwrap().contains("YYYY-MM-DD"));
    let r = get(&s.db, "/?from=2025-13-45").await;
    ok_html(&r);
    assert!(
        r.body.contains("<p class=\"notice\"") && r.body.contains("YYYY-MM-DD"),
        "{}",
        r.body
    );
    assert!(r
        .body
        .contains("id=\"f-from\" type=\"date\" name=\"from\" value=\"2025-13-45\""));
    let r = get(&s.db, "/api/events?kind=bogus").await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(r.json()["error"]["message"]
        .as_str()
        .unwrap()
        .contains("call, talks, statement, demand"));
    let r = get(&s.db, "/?actor=%27%20OR%201%3D1%20--").await;
    assert_eq!(r.status, StatusCode::OK, "SQL in a parameter is just a value");
    assert!(r.body.contains("No actor is called “&#39; OR 1=1 --”"), "{}", r.body);
    for uri in [
        "/events/no-such-event",
        "/actors/nobody",
        "/articles/nothing",
        "/nope",
        "/dates/2025-02-30",
        "/static/../Cargo.toml",
    ] {
        let r = get(&s.db, uri).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{uri}");
        assert!(r.body.contains("Back to the timeline"), "{uri}");
    }
    let r = request(&s.db, Method::POST, "/").await;
    assert_eq!(r.status, StatusCode::METHOD_NOT_ALLOWED);
}

#[tokio::test]
async fn security_headers_are_set() {
    let s = seed_db();
    let app = router(AppState::new(&s.db));
    let resp = app
        .oneshot(Request::builder().uri("/").body(Body::empty()).unwrap())
        .await
        .unwrap();
    let h = resp.headers();
    assert!(h["content-security-policy"]
        .to_str()
        .unwrap()
        .contains("default-src 'none'"));
    assert_eq!(h["x-content-type-options"], "nosniff");
    assert_eq!(h["x-frame-options"], "DENY");
}

#[tokio::test]
async fn article_text_is_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("in");
    std::fs::create_dir(&data).unwrap();
    std::fs::write(
        data.join("xss.txt"),
        " date 2025-03-03\n<script>alert(1)</script> headline here now\nPresident Ann Alpha said on Monday: “<img src=x onerror=alert(2)> is fine.”\n",
    )
    .unwrap();
    let db = dir.path().join("r.db");
    ingest_into(&db, &[data]);
    for uri in ["/articles/xss", "/", "/articles"] {
        let r = get(&db, uri).await;
        ok_html(&r);
        assert!(!r.body.contains("<script>alert"), "{uri}");
        assert!(!r.body.contains("<img src=x"), "{uri}");
    }
    let r = get(&db, "/articles/xss").await;
    assert!(
        r.body.contains("&#60;script&#62;alert(1)&#60;/script&#62;"),
        "shown as text"
    );
}

#[tokio::test]
async fn keyset_paging_walks_every_event_once() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("in");
    std::fs::create_dir(&data).unwrap();
    for i in 0..70 {
        let day = chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap() + chrono::Duration::days(i);
        std::fs::write(
            data.join(format!("a{i:03}.txt")),
            format!(" date {day}\nForeign Minister Ann Alpha met Foreign Minister Bob Beta in Geneva today.\n"),
        )
        .unwrap();
    }
    let db = dir.path().join("r.db");
    ingest_into(&db, &[data]);
    let first = get(&db, "/").await;
    ok_html(&first);
    let next = first
        .body
        .split(r#"rel="next" href=""#)
        .nth(1)
        .expect("next link")
        .split('"')
        .next()
        .unwrap()
        .replace("&#38;", "&");
    assert!(!first.body.contains(r#"rel="prev""#));
    let second = get(&db, &next).await;
    ok_html(&second);
    assert!(second.body.contains(r#"rel="prev""#));
    assert!(!second.body.contains(r#"rel="next""#));
    let p1 = get(&db, "/api/events").await.json();
    let p2 = get(&db, p1["next"].as_str().unwrap()).await.json();
    let mut ids: Vec<String> = p1["events"]
        .as_array()
        .unwrap()
        .iter()
        .chain(p2["events"].as_array().unwrap())
        .map(|e| e["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(ids.len(), 70);
    ids.dedup();
    assert_eq!(ids.len(), 70);
    let back = get(&db, p2["prev"].as_str().unwrap()).await.json();
    assert_eq!(back["events"], p1["events"]);

    // Newest first: the same events the other way round, paged by the
    // same cursors, with the order kept in every link.
    let n1 = get(&db, "/api/events?order=newest").await.json();
    let next = n1["next"].as_str().unwrap();
    assert!(next.contains("order=newest"), "{next}");
    let n2 = get(&db, next).await.json();
    let mut newest: Vec<String> = n1["events"]
        .as_array()
        .unwrap()
        .iter()
        .chain(n2["events"].as_array().unwrap())
        .map(|e| e["id"].as_str().unwrap().to_string())
        .collect();
    newest.reverse();
    assert_eq!(newest, ids);
    let back = get(&db, n2["prev"].as_str().unwrap()).await.json();
    assert_eq!(back["events"], n1["events"]);
    // The page: the newest day first, the choice kept in the form, and the
    // event page steps through the timeline in that order.
    let page = get(&db, "/?order=newest").await;
    ok_html(&page);
    assert!(page.body.contains(r#"name="order" value="newest" checked"#));
    let last_day = chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap() + chrono::Duration::days(69);
    let first_heading = page.body.split("<section class=\"day\">").nth(1).unwrap();
    assert!(first_heading.contains(&last_day.to_string()), "{first_heading}");
    let id = &ids[69];
    let ev = get(&db, &format!("/api/events/{id}?order=newest")).await.json();
    assert_eq!(ev["timeline_previous"], serde_json::Value::Null);
    assert_eq!(ev["timeline_next"]["id"].as_str().unwrap(), ids[68]);
    assert_eq!(
        get(&db, "/api/events?order=sideways").await.status,
        StatusCode::BAD_REQUEST
    );
}

#[tokio::test]
async fn sources_that_disagree_on_the_date_are_both_kept_and_linked() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("in");
    std::fs::create_dir(&data).unwrap();
    std::fs::write(
        data.join("a.txt"),
        " date 2025-03-05\nForeign Minister Ann Alpha met Foreign Minister Bob Beta in Geneva on Monday.\n",
    )
    .unwrap();
    std::fs::write(
        data.join("b.txt"),
        " date 2025-03-05\nForeign Minister Bob Beta met Foreign Minister Ann Alpha in Geneva on Tuesday.\n",
    )
    .unwrap();
    let db = dir.path().join("r.db");
    ingest_into(&db, &[data]);
    let monday = "2025-03-03-talks-ann-alpha-bob-beta";
    let tuesday = "2025-03-04-talks-ann-alpha-bob-beta";
    let j = get(&db, &format!("/api/events/{monday}")).await.json();
    assert_eq!(j["other_dates"][0]["id"], tuesday);
    assert_eq!(j["event"]["location"], "Geneva");
    let r = get(&db, &format!("/events/{tuesday}")).await;
    ok_html(&r);
    assert!(r.body.contains("Sources disagree on the date"));
    assert!(r.body.contains(&format!(r#"href="/events/{monday}""#)));
}

/// Pages that show the list of every actor.
const ACTOR_LISTS: [&str; 3] = ["/api/actors", "/actors", "/"];

async fn body_of(app: &axum::Router, uri: &str) -> String {
    let resp = app
        .clone()
        .oneshot(Request::builder().uri(uri).body(Body::empty()).unwrap())
        .await
        .unwrap();
    let body = resp.into_body().collect().await.unwrap().to_bytes();
    String::from_utf8_lossy(&body).into_owned()
}

#[tokio::test]
async fn pages_are_cached_until_the_database_changes() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("in");
    std::fs::create_dir(&data).unwrap();
    std::fs::write(
        data.join("a.txt"),
        " date 2025-03-05\nForeign Minister Ann Alpha met Foreign Minister Bob Beta in Geneva on Monday.\n",
    )
    .unwrap();
    let db = dir.path().join("r.db");
    ingest_into(&db, std::slice::from_ref(&data));
    let app = router(AppState::new(&db));
    let fetch = |app: axum::Router, etag: Option<String>| async move {
        let mut req = Request::builder().uri("/api/events");
        if let Some(t) = etag {
            req = req.header("if-none-match", t);
        }
        let resp = app.oneshot(req.body(Body::empty()).unwrap()).await.unwrap();
        let status = resp.status();
        let tag = resp.headers().get("etag").map(|v| v.to_str().unwrap().to_string());
        let body = resp.into_body().collect().await.unwrap().to_bytes();
        (status, tag, String::from_utf8_lossy(&body).into_owned())
    };
    // The first request may open the database's write-ahead log.
    let _ = fetch(app.clone(), None).await;
    let (s1, tag1, body1) = fetch(app.clone(), None).await;
    assert_eq!(s1, StatusCode::OK);
    let tag1 = tag1.expect("an ETag");
    let (s2, _, body2) = fetch(app.clone(), None).await;
    assert_eq!((s2, body2.as_str()), (StatusCode::OK, body1.as_str()));
    let (s3, _, _) = fetch(app.clone(), Some(tag1.clone())).await;
    assert_eq!(s3, StatusCode::NOT_MODIFIED);
    // The actor list kept per generation, before the change.
    for uri in ACTOR_LISTS {
        assert!(!body_of(&app, uri).await.contains("cy-gamma"), "{uri}");
    }
    // A new article: the same URL shows it, and the old ETag no longer matches.
    std::fs::write(
        data.join("b.txt"),
        " date 2025-03-06\nForeign Minister Ann Alpha spoke by phone with Foreign Minister Cy Gamma on Wednesday.\n",
    )
    .unwrap();
    ingest_into(&db, std::slice::from_ref(&data));
    let (s4, tag4, body4) = fetch(app.clone(), Some(tag1.clone())).await;
    assert_eq!(s4, StatusCode::OK);
    assert_ne!(tag4.unwrap(), tag1);
    assert!(body4.contains("cy-gamma"), "{body4}");
    // The actor list kept per generation follows too.
    for uri in ACTOR_LISTS {
        assert!(body_of(&app, uri).await.contains("cy-gamma"), "{uri}");
    }
}

/// An event opened from a filtered timeline steps through that same
/// timeline, and every link keeps the filters.
#[tokio::test]
async fn event_pages_step_through_the_filtered_timeline() {
    let s = seed_db();
    let filter = "actor=donald-trump&kind=statement";
    let list = get(&s.db, &format!("/api/events?{filter}")).await.json();
    let want: Vec<String> = list["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_str().unwrap().to_string())
        .collect();
    assert!(want.len() >= 2, "{want:?}");
    // Forward from the first, with the JSON twin.
    let mut walked = vec![want[0].clone()];
    loop {
        let last = walked.last().unwrap();
        let e = get(&s.db, &format!("/api/events/{last}?{filter}")).await.json();
        match e["timeline_next"]["id"].as_str() {
            Some(next) => walked.push(next.to_string()),
            None => break,
        }
    }
    assert_eq!(walked, want);
    let first = get(&s.db, &format!("/api/events/{}?{filter}", want[0])).await.json();
    assert!(first["timeline_previous"].is_null());
    // The page links keep the filters; the timeline's event links too.
    let r = get(&s.db, &format!("/events/{}?{filter}", want[0])).await;
    ok_html(&r);
    assert!(
        r.body.contains(&format!(
            "rel=\"next\" href=\"/events/{}?{}\"",
            want[1],
            filter.replace('&', "&#38;")
        )),
        "{}",
        r.body
    );
    assert!(r.body.contains(&format!(
        "href=\"/?{}\">Back to the filtered timeline",
        filter.replace('&', "&#38;")
    )));
    let t = get(&s.db, &format!("/?{filter}")).await;
    assert!(t.body.contains(&format!(
        "href=\"/events/{}?{}\"",
        want[0],
        filter.replace('&', "&#38;")
    )));
    // Unfiltered, the whole timeline has neighbours on both sides.
    let e = get(&s.db, &format!("/api/events/{CALL}")).await.json();
    assert!(e["timeline_previous"]["id"].is_string() && e["timeline_next"]["id"].is_string());
}

/// Follow every link of an SVG drawing: each starts with `link_prefix`,
/// and its twin counts the number its title gives (`exact`) or more.
/// Returns the titles' numbers.
async fn bar_links(db: &std::path::Path, svg: &str, link_prefix: &str, exact: bool) -> Vec<i64> {
    let mut counts = Vec::new();
    for part in svg.split("<a href=\"").skip(1) {
        let link = part[..part.find('"').unwrap()].replace("&#38;", "&");
        assert!(link.starts_with(link_prefix), "{link}");
        let title = &part[part.find("<title>").unwrap() + 7..part.find("</title>").unwrap()];
        let n: i64 = title
            .split(": ")
            .nth(1)
            .unwrap()
            .split(' ')
            .next()
            .unwrap()
            .parse()
            .unwrap();
        let total = get(db, &link.replacen("/?", "/api/events?", 1)).await.json()["total"]
            .as_i64()
            .unwrap();
        assert!(if exact { total == n } else { total >= n }, "{title}: {total}");
        counts.push(n);
    }
    counts
}

/// Follow every bar of the page's histogram: each links to its span under
/// the page's filters (`link_prefix`), and the count its title gives is
/// what that link's JSON twin counts. Returns the bars' counts.
async fn walk_histogram(db: &std::path::Path, body: &str, what: &str, link_prefix: &str) -> Vec<i64> {
    let svg = &body[body.find("<svg class=\"hist\"").expect("a histogram")..];
    let svg = &svg[..svg.find("</svg>").unwrap()];
    assert!(svg.contains("role=\"img\"") && svg.contains(&format!("<title id=\"hist-title\">{what} per day</title>")));
    assert!(svg.contains("<desc id=\"hist-desc\">"));
    // Bars: each opens its span, which holds exactly its events.
    let mut counts = bar_links(db, svg, link_prefix, true).await;
    // Events known only to a week or month are spans under the bars; each
    // opens its whole week or month, which holds at least those events.
    if let Some(at) = body.find("<svg class=\"hist hist-spans\"") {
        let spans = &body[at..];
        counts.extend(bar_links(db, &spans[..spans.find("</svg>").unwrap()], link_prefix, false).await);
    }
    counts
}

/// The histogram above the timeline: accessible SVG, one link per bar to
/// its span under the same filters, and the bar's count is what that link
/// shows.
#[tokio::test]
async fn histogram_bars_link_to_their_span() {
    let s = seed_db();
    let r = get(&s.db, "/?actor=donald-trump").await;
    ok_html(&r);
    let bars = walk_histogram(&s.db, &r.body, "Events", "/?actor=donald-trump&from=").await;
    assert!(bars.len() >= 2, "{bars:?}");
}

/// The actor page charts the actor's activity the same way; its bars add
/// up to the actor's dated events, which the JSON twin lists by day.
#[tokio::test]
async fn actor_page_charts_the_actors_activity() {
    let s = seed_db();
    let r = get(&s.db, "/actors/vladimir-putin").await;
    ok_html(&r);
    let bars = walk_histogram(&s.db, &r.body, "Activity", "/?actor=vladimir-putin&from=").await;
    assert!(bars.len() >= 2, "{bars:?}");
    let api = get(&s.db, "/api/actors/vladimir-putin").await.json();
    let activity = api["activity"].as_array().expect("activity");
    let by_day: i64 = activity.iter().map(|d| d["events"].as_i64().unwrap()).sum();
    assert_eq!(bars.iter().sum::<i64>(), by_day);
    let dated = get(&s.db, "/api/events?actor=vladimir-putin&from=1000-01-01")
        .await
        .json();
    assert_eq!(dated["total"].as_i64().unwrap(), by_day);
}

/// The network page: pairs of actors by calls and talks, each line opening
/// the events between the two, with the page's dates and kinds.
#[tokio::test]
async fn network_edges_open_the_events_between_two_actors() {
    let s = seed_db();
    let api = get(&s.db, "/api/network").await.json();
    let pairs = api["pairs"].as_array().unwrap();
    assert!(!pairs.is_empty());
    let trump_putin = pairs
        .iter()
        .find(|p| p[0] == "donald-trump" && p[1] == "vladimir-putin")
        .expect("Trump and Putin spoke");
    let r = get(&s.db, "/network").await;
    ok_html(&r);
    assert!(r.body.contains("role=\"img\"") && r.body.contains("<desc id=\"net-desc\">"));
    let edge = "href=\"/?actor=donald-trump&#38;actor=vladimir-putin&#38;kind=call&#38;kind=talks\"";
    assert!(r.body.contains(edge), "an edge links to their calls and talks");
    let t = get(
        &s.db,
        "/api/events?actor=donald-trump&actor=vladimir-putin&kind=call&kind=talks",
    )
    .await
    .json();
    assert_eq!(t["total"], trump_putin[2], "the edge's count is what its link shows");
    // Kinds and dates narrow it; statements are not contacts.
    let talks = get(&s.db, "/api/network?kind=talks").await.json();
    assert!(talks["pairs"].as_array().unwrap().len() < pairs.len());
    let none = get(&s.db, "/api/network?kind=statement").await.json();
    assert!(none["pairs"].as_array().unwrap().is_empty());
    let r = get(&s.db, "/network?from=2030-01-01").await;
    assert!(r.body.contains("No calls or talks"));
    assert_eq!(
        get(&s.db, "/network?from=2025-13-01").await.status,
        StatusCode::BAD_REQUEST
    );
}

/// A call of seven leaders is one event on the network, a square joined to
/// each of them, not 21 lines between pairs who never spoke; lines weigh
/// by sources, so the Trump–Putin call (five sources) is the heaviest.
#[tokio::test]
async fn a_multi_party_call_is_one_node_on_the_network() {
    let s = seed_db();
    let api = get(&s.db, "/api/network").await.json();
    let gatherings = api["gatherings"].as_array().unwrap();
    let g = gatherings
        .iter()
        .find(|g| g["actors"].as_array().unwrap().len() >= 7)
        .expect("the call with the European leaders");
    let sides: Vec<&str> = g["actors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a.as_str().unwrap())
        .collect();
    assert!(
        sides.contains(&"donald-trump") && sides.contains(&"emmanuel-macron"),
        "{sides:?}"
    );
    // No pair between two of its sides that only share this call.
    let pairs = api["pairs"].as_array().unwrap();
    assert!(!pairs
        .iter()
        .any(|p| (p[0] == "emmanuel-macron" && p[1] == "giorgia-meloni")
            || (p[0] == "giorgia-meloni" && p[1] == "emmanuel-macron")));
    // Most sources first: Trump–Putin leads.
    assert_eq!(
        (pairs[0][0].as_str(), pairs[0][1].as_str()),
        (Some("donald-trump"), Some("vladimir-putin"))
    );
    assert!(pairs[0][3].as_i64().unwrap() >= 5, "{}", pairs[0]);
    let r = get(&s.db, "/network").await;
    ok_html(&r);
    let id = g["id"].as_str().unwrap();
    let mark = r.body.split("<g class=\"gatherings\">").nth(1).unwrap();
    let mark = &mark[..mark.find("</g>").unwrap()];
    assert!(mark.contains(&format!("<a href=\"/events/{id}\">")), "{mark}");
    assert_eq!(
        mark.split(&format!("<a href=\"/events/{id}\">"))
            .nth(1)
            .unwrap()
            .split("</a>")
            .next()
            .unwrap()
            .matches("class=\"spoke\"")
            .count(),
        sides.len()
    );
    assert!(r.body.contains("<h2>Three sides or more</h2>"));
}

/// The words of a search result's pieces that are marked as matches.
fn marked(pieces: &serde_json::Value) -> Vec<String> {
    pieces
        .as_array()
        .expect("pieces")
        .iter()
        .filter(|p| p["match"] == true)
        .map(|p| p["text"].as_str().unwrap_or("").to_string())
        .collect()
}

/// Search over the evidence: ranked events and articles with the matched
/// words marked, words as prefixes, quoted phrases, and the timeline's `q`
/// through the same index.
#[tokio::test]
async fn search_finds_events_by_their_evidence_and_marks_the_words() {
    let s = seed_db();
    let api = get(&s.db, "/api/search?q=bloodbath").await.json();
    let events = api["events"].as_array().expect("events");
    assert!(!events.is_empty(), "{api}");
    for e in events {
        let words = marked(&e["evidence"]);
        assert!(words.iter().all(|w| w.eq_ignore_ascii_case("bloodbath")), "{words:?}");
        assert!(!words.is_empty());
        // The sentence is the event's own evidence.
        let id = e["event"]["id"].as_str().unwrap();
        let text: String = e["evidence"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["text"].as_str().unwrap())
            .collect();
        let ev = get(&s.db, &format!("/api/events/{id}")).await.json();
        assert!(
            ev["evidence"]
                .as_array()
                .unwrap()
                .iter()
                .any(|x| x["sentence"] == text.as_str()),
            "{text}"
        );
    }
    assert!(api["articles_total"].as_i64().unwrap() >= 1);
    // The timeline's q is the same search: the same events.
    let timeline = get(&s.db, "/api/events?q=bloodbath").await.json();
    assert_eq!(timeline["total"], api["events_total"]);
    // Words are prefixes; all of them must match; quotes make a phrase.
    let prefix = get(&s.db, "/api/search?q=Zelensk").await.json();
    assert!(prefix["events_total"].as_i64().unwrap() > 0);
    let both = get(&s.db, "/api/search?q=Putin+Zelensk").await.json();
    assert!(both["events_total"].as_i64().unwrap() <= prefix["events_total"].as_i64().unwrap());
    let phrase = get(&s.db, "/api/search?q=%22President+Vladimir+Putin%22").await.json();
    for e in phrase["events"].as_array().unwrap() {
        let words: Vec<String> = marked(&e["evidence"]).iter().map(|w| w.to_lowercase()).collect();
        assert_eq!(words, ["president vladimir putin"], "{e}");
    }
    // A compound is found however it is written: ceasefire, cease-fire,
    // "cease fire" (the seeds have the first two).
    let ids = |v: &serde_json::Value| -> Vec<String> {
        let mut ids: Vec<String> = v["events"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["event"]["id"].as_str().unwrap().to_string())
            .collect();
        ids.sort();
        ids
    };
    let one = get(&s.db, "/api/search?q=ceasefire").await.json();
    let hyphen = get(&s.db, "/api/search?q=cease-fire").await.json();
    let spaced = get(&s.db, "/api/search?q=cease+fire").await.json();
    assert_eq!(ids(&one), ids(&hyphen));
    assert_eq!(one["events_total"], hyphen["events_total"]);
    assert!(ids(&one).iter().all(|id| ids(&spaced).contains(id)));
    let hits = |v: &serde_json::Value| -> Vec<String> {
        v["events"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|e| marked(&e["evidence"]))
            .map(|w| w.to_lowercase())
            .collect()
    };
    let words = hits(&one);
    assert!(words.iter().any(|w| w == "ceasefire"), "{words:?}");
    assert!(words.iter().any(|w| w == "cease-fire" || w == "cease"), "{words:?}");
    let timeline = get(&s.db, "/api/events?q=cease-fire").await.json();
    assert_eq!(timeline["total"], one["events_total"]);
    // Each sentence is listed once, with every event it reports.
    let said = get(&s.db, "/api/search?q=Putin").await.json();
    let sentences = said["sentences"].as_array().unwrap();
    let mut seen = std::collections::HashSet::new();
    for h in sentences {
        let text: String = h["sentence"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["text"].as_str().unwrap())
            .collect();
        assert!(
            seen.insert((h["article"].as_str().unwrap().to_string(), text.clone())),
            "twice: {text}"
        );
        assert!(!h["events"].as_array().unwrap().is_empty(), "{h}");
    }
    assert!(
        sentences.iter().any(|h| h["events"].as_array().unwrap().len() > 1),
        "no sentence reports two events"
    );
    // Kinds and dates narrow the events and their sentences.
    let calls = get(&s.db, "/api/search?q=Putin&kind=call").await.json();
    let kinds: std::collections::HashSet<&str> = calls["sentences"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|h| {
            h["events"]
                .as_array()
                .unwrap()
                .iter()
                .map(|e| e["kind"].as_str().unwrap())
        })
        .chain(
            calls["events"]
                .as_array()
                .unwrap()
                .iter()
                .map(|e| e["event"]["kind"].as_str().unwrap()),
        )
        .collect();
    assert_eq!(kinds, ["call"].into_iter().collect());
    assert!(calls["events_total"].as_i64().unwrap() < said["events_total"].as_i64().unwrap());
    let timeline_calls = get(&s.db, "/api/events?q=Putin&kind=call").await.json();
    assert_eq!(timeline_calls["total"], calls["events_total"]);
    let day = get(&s.db, "/api/search?q=Putin&from=2025-05-19&to=2025-05-19")
        .await
        .json();
    for h in day["sentences"].as_array().unwrap() {
        for e in h["events"].as_array().unwrap() {
            assert_eq!(e["date"], "2025-05-19", "{e}");
        }
    }
    for a in day["articles"].as_array().unwrap() {
        assert_eq!(a["date"], "2025-05-19", "{a}");
    }
    // The page: the sentence once, its events with their actors, and the
    // narrowing kept in the form.
    let r = get(&s.db, "/search?q=Putin&kind=call").await;
    ok_html(&r);
    assert!(r.body.contains("class=\"hits sentences\""), "{}", r.body);
    assert!(r
        .body
        .contains("class=\"actor actor-person\" href=\"/actors/vladimir-putin\""));
    assert!(r.body.contains("name=\"kind\" value=\"call\" checked"));
    assert!(r.body.contains("href=\"/?kind=call&#38;q=Putin\""), "{}", r.body);
    // The page: marks, escaping, a way to the timeline, its JSON twin.
    let r = get(&s.db, "/search?q=bloodbath").await;
    ok_html(&r);
    assert!(r.body.contains("<mark>bloodbath</mark>"), "marked");
    assert!(r.body.contains("href=\"/?q=bloodbath\""));
    assert!(r.body.contains("href=\"/api/search?q=bloodbath\""));
    let r = get(&s.db, "/search?q=%3Cscript%3Ealert(1)%3C/script%3E").await;
    ok_html(&r);
    assert!(!r.body.contains("<script>alert"), "escaped");
    // The search language's own syntax is taken as words, never an error.
    for q in ["title%3ANEAR(%22%20OR", "%22", "*", "NOT", "a%20AND%20OR%20(b"] {
        let r = get(&s.db, &format!("/api/search?q={q}")).await;
        assert_eq!(r.status, StatusCode::OK, "{q}: {}", r.body);
        let r = get(&s.db, &format!("/api/events?q={q}")).await;
        assert_eq!(r.status, StatusCode::OK, "{q}: {}", r.body);
    }
    // No words: nothing found, and the page still answers.
    let none = get(&s.db, "/api/search?q=%3F%21").await.json();
    assert_eq!(none["events_total"], 0);
    ok_html(&get(&s.db, "/search").await);
}

/// Whole article texts: until the background indexer has run, the page
/// and its twin say how far it is and find articles by their sentences;
/// after it, articles come with a passage of their text, words marked.
#[tokio::test]
async fn search_covers_article_texts_once_indexed() {
    let s = seed_db();
    let before = get(&s.db, "/api/search?q=bloodbath").await.json();
    assert_eq!(before["text_index"]["indexed"], 0, "{before}");
    assert_eq!(before["text_index"]["complete"], false);
    let articles = before["text_index"]["articles"].as_i64().unwrap();
    assert!(articles >= 5);
    let found_by_sentence = before["articles_total"].as_i64().unwrap();
    assert!(found_by_sentence >= 1);
    let r = get(&s.db, "/search?q=bloodbath").await;
    ok_html(&r);
    assert!(r.body.contains("still being indexed (0 of"), "{}", r.body);

    let mut store = readout::store::Store::open(&s.db).unwrap();
    assert_eq!(store.index_all_articles(2).unwrap() as i64, articles);
    drop(store);
    let after = get(&s.db, "/api/search?q=bloodbath").await.json();
    assert_eq!(after["text_index"]["indexed"], articles);
    assert_eq!(after["text_index"]["complete"], true);
    assert_eq!(after["articles_total"], found_by_sentence);
    for a in after["articles"].as_array().unwrap() {
        let words = marked(&a["sentence"]);
        assert!(!words.is_empty(), "{a}");
        assert!(words.iter().all(|w| w.eq_ignore_ascii_case("bloodbath")), "{words:?}");
    }
    let r = get(&s.db, "/search?q=bloodbath").await;
    assert!(!r.body.contains("still being indexed"));
    // A word of an article's text that no evidence sentence holds.
    let export = export_json(&s.db);
    let evidence: String = export["events"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|e| e["sources"].as_array().unwrap())
        .flat_map(|x| x["evidence"].as_array().unwrap())
        .map(|x| x.as_str().unwrap_or("").to_lowercase())
        .collect::<Vec<_>>()
        .join(" ");
    let text = get(&s.db, "/api/articles").await.json();
    let first = text["articles"][0]["id"].as_str().unwrap().to_string();
    let body = get(&s.db, &format!("/api/articles/{first}")).await.json();
    let word = body["text"]
        .as_str()
        .unwrap()
        .split(|c: char| !c.is_alphabetic())
        .find(|w| w.len() >= 8 && !evidence.contains(&w.to_lowercase()))
        .expect("a word outside the evidence")
        .to_string();
    let only_text = get(&s.db, &format!("/api/search?q={word}")).await.json();
    assert_eq!(only_text["events_total"], 0, "{word}");
    assert!(
        only_text["articles"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a["id"] == first.as_str()),
        "{word}: {only_text}"
    );
}

/// An article read from a web page links its source from its page and
/// gives it in the JSON twin; nothing but http(s) addresses is linked.
#[tokio::test]
async fn article_pages_link_their_source() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    std::fs::write(
        data.join("a.html"),
        "<link rel=canonical href=\"https://news.example/a?x=1&y=2\"><article><h1>Talks</h1>\
         <p>Foreign Minister Ann Example met Foreign Minister Bo Example in Oslo on 5 January 2026.</p></article>",
    )
    .unwrap();
    std::fs::write(
        data.join("b.html"),
        "<link rel=canonical href=\"javascript:alert(1)\"><p>Foreign Minister Cy Example spoke on 5 January 2026.</p>",
    )
    .unwrap();
    let db = dir.path().join("r.db");
    ingest_into(&db, &[data]);
    let r = get(&db, "/articles/a").await;
    ok_html(&r);
    assert!(
        r.body
            .contains("<a href=\"https://news.example/a?x=1&#38;y=2\" rel=\"noopener noreferrer external\">"),
        "{}",
        r.body
    );
    assert_eq!(
        get(&db, "/api/articles/a").await.json()["article"]["url"],
        "https://news.example/a?x=1&y=2"
    );
    let b = get(&db, "/articles/b").await;
    ok_html(&b);
    assert!(!b.body.contains("javascript:") && !b.body.contains("<dt>Source</dt>"));
}

/// Pages go gzipped to clients that accept it (once rendered and once from
/// the cache), decode to the very bytes others get, and say they vary.
#[tokio::test]
async fn pages_go_gzipped_to_clients_that_accept_it() {
    use std::io::Read;
    let s = seed_db();
    let app = router(AppState::new(&s.db));
    let fetch = |uri: &'static str, accept: Option<&'static str>| {
        let app = app.clone();
        async move {
            let mut req = Request::builder().uri(uri);
            if let Some(a) = accept {
                req = req.header("accept-encoding", a);
            }
            let resp = app.oneshot(req.body(Body::empty()).unwrap()).await.unwrap();
            let header = |name: &str| {
                resp.headers()
                    .get(name)
                    .map(|v| v.to_str().unwrap().to_string())
                    .unwrap_or_default()
            };
            let (encoding, vary) = (header("content-encoding"), header("vary"));
            let body = resp.into_body().collect().await.unwrap().to_bytes().to_vec();
            (encoding, vary, body)
        }
    };
    for uri in [
        "/",
        "/api/events",
        "/events/2025-05-19-call-donald-trump-vladimir-putin",
    ] {
        // Rendered for a client that takes gzip, then kept.
        let (encoding, _, first) = fetch(uri, Some("gzip")).await;
        assert_eq!(encoding, "gzip", "{uri}");
        let (_, vary, plain) = fetch(uri, None).await;
        assert_eq!(vary, "accept-encoding", "{uri}");
        let mut packed_bodies = vec![first];
        for _ in 0..2 {
            let (encoding, vary, packed) = fetch(uri, Some("br;q=1.0, gzip;q=0.8")).await;
            packed_bodies.push(packed.clone());
            assert_eq!((encoding.as_str(), vary.as_str()), ("gzip", "accept-encoding"), "{uri}");
            let mut body = Vec::new();
            flate2::read::GzDecoder::new(packed.as_slice())
                .read_to_end(&mut body)
                .expect("one gzip member");
            assert_eq!(body, plain, "{uri}");
            assert!(packed.len() < plain.len() / 2, "{uri}");
        }
        let mut first = Vec::new();
        flate2::read::GzDecoder::new(packed_bodies[0].as_slice())
            .read_to_end(&mut first)
            .expect("one gzip member");
        assert_eq!(first, plain, "{uri}");
        let (encoding, _, body) = fetch(uri, Some("gzip;q=0, identity")).await;
        assert_eq!((encoding.as_str(), body == plain), ("", true), "{uri}");
    }
    // Static files, which the page cache does not see, on the same terms.
    let (_, _, plain) = fetch("/static/style.css", None).await;
    let (encoding, _, packed) = fetch("/static/style.css", Some("gzip")).await;
    assert_eq!(encoding, "gzip");
    let mut body = Vec::new();
    flate2::read::GzDecoder::new(packed.as_slice())
        .read_to_end(&mut body)
        .expect("one gzip member");
    assert_eq!(body, plain);
}

/// The timeline's actor picker offers the actors with the most events, a
/// bounded number whatever the corpus, and links to all of them when some
/// are left out; with few actors it offers every one and no link.
#[tokio::test]
async fn the_actor_picker_is_bounded_and_links_to_every_actor() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("many");
    std::fs::create_dir_all(&data).unwrap();
    // A name from a number: two to three syllables, capitalised.
    let name = |mut i: usize| {
        const SYL: [&str; 8] = ["ka", "lo", "mi", "ne", "ru", "sa", "to", "vi"];
        let mut s = String::new();
        for _ in 0..3 {
            s.push_str(SYL[i % 8]);
            i /= 8;
        }
        let mut c = s.chars();
        c.next().map(|f| f.to_uppercase().chain(c).collect::<String>()).unwrap()
    };
    let people = readout::web::PICKER_ACTORS + 20;
    for i in (0..people).step_by(2) {
        std::fs::write(
            data.join(format!("a{i:03}.txt")),
            format!(
                " date 2025-03-0{}\nForeign Minister Ann {} spoke by phone with Foreign Minister Bo {} on Monday.\n",
                1 + i % 7,
                name(i),
                name(i + 1)
            ),
        )
        .unwrap();
    }
    let db = dir.path().join("many.db");
    ingest_into(&db, std::slice::from_ref(&data));
    let actors = get(&db, "/api/actors").await.json();
    let ids: Vec<String> = actors["actors"]
        .as_array()
        .unwrap_or_else(|| panic!("{actors}"))
        .iter()
        .map(|a| a["actor"]["id"].as_str().unwrap().to_string())
        .collect();
    assert!(ids.len() > readout::web::PICKER_ACTORS, "{} actors", ids.len());
    let options = |body: &str| body.matches("<option value=\"").count();
    let page = get(&db, "/").await;
    ok_html(&page);
    assert_eq!(options(&page.body), readout::web::PICKER_ACTORS);
    assert!(
        page.body.contains("<a href=\"/actors\">all actors</a>"),
        "{}",
        page.body
    );
    // Filtered on one actor: that one is left out, the bound still holds.
    let page = get(&db, &format!("/?actor={}", ids[0])).await;
    ok_html(&page);
    assert_eq!(options(&page.body), readout::web::PICKER_ACTORS);
    assert!(!page.body.contains(&format!("<option value=\"{}\"", ids[0])));
    // Every actor is on the actors page.
    let all = get(&db, "/actors").await;
    for id in &ids {
        assert!(all.body.contains(&format!("/actors/{id}")), "{id}");
    }
    // The seeds' few actors: all offered, no link.
    let s = seed_db();
    let page = get(&s.db, "/").await;
    let seed_actors = get(&s.db, "/api/actors").await.json()["actors"]
        .as_array()
        .unwrap()
        .len();
    assert_eq!(options(&page.body), seed_actors);
    assert!(!page.body.contains("all actors</a>"));
}

/// The timeline explains its own query: a name that is no actor gets
/// "did you mean", a name that is one actor's becomes its address, a
/// reversed range is said and left out; the form keeps what was typed,
/// and the API keeps its 400s.
#[tokio::test]
async fn the_timeline_explains_a_query_it_cannot_take_as_it_is() {
    let s = seed_db();
    let r = get(&s.db, "/?actor=putin&kind=call").await;
    ok_html(&r);
    assert!(
        r.body.contains("No actor is called “putin”")
            && r.body
                .contains("Did you mean <a href=\"/?actor=vladimir-putin&#38;kind=call\">Vladimir Putin</a>?"),
        "{}",
        r.body
    );
    // The rest of the query still applies: calls only.
    assert!(r.body.contains("name=\"kind\" value=\"call\" checked"));
    let all = get(&s.db, "/api/events?kind=call").await.json();
    assert!(r.body.contains(&format!("{} events", all["total"])), "{}", r.body);

    // A full name, or an alias, is that actor: the canonical address.
    for name in ["Vladimir+Putin", "vladimir+putin", "Vladimir+Vladimirovich+Putin"] {
        let r = get(&s.db, &format!("/?actor={name}&kind=call")).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{name}");
    }
    let app = router(AppState::new(&s.db));
    let resp = app
        .oneshot(
            Request::builder()
                .uri("/?actor=Vladimir+Putin")
                .body(Body::empty())
                .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(resp.headers()["location"], "/?actor=vladimir-putin");

    // A range turned round.
    let r = get(&s.db, "/?from=2025-05-20&to=2025-05-01").await;
    ok_html(&r);
    assert!(
        r.body.contains("“From” (2025-05-20) is after “To” (2025-05-01)"),
        "{}",
        r.body
    );
    assert!(
        r.body.contains("name=\"from\" value=\"2025-05-20\"") && r.body.contains("name=\"to\" value=\"2025-05-01\"")
    );
    let api = get(&s.db, "/api/events?from=2025-05-20&to=2025-05-01").await;
    assert_eq!(api.status, StatusCode::BAD_REQUEST);

    // The actor field takes names as typed, with the actors offered.
    let r = get(&s.db, "/").await;
    assert!(
        r.body
            .contains("<input id=\"f-actor\" name=\"actor\" list=\"f-actors\""),
        "{}",
        r.body
    );
    assert!(r.body.contains("<datalist id=\"f-actors\"><option value=\""));
}

/// Held or planned: a filter of its own, on the page, its twin and in the
/// links; counts agree with what is listed.
#[tokio::test]
async fn the_timeline_filters_held_and_planned_events() {
    // The seeds and a report of talks announced for later.
    let dir = tempfile::tempdir().unwrap();
    let data = seed_copy(dir.path());
    std::fs::write(
        data.join("planned.txt"),
        " date 2025-05-21\nTalks ahead\n\nPresident Donald Trump will hold talks with President Vladimir Putin in Geneva next week, the White House said on Wednesday.\n",
    )
    .unwrap();
    let s = SeedDb {
        db: dir.path().join("r.db"),
        dir,
    };
    ingest_into(&s.db, &[data]);
    let all = get(&s.db, "/api/events").await.json();
    let planned = get(&s.db, "/api/events?status=planned").await.json();
    let held = get(&s.db, "/api/events?status=held").await.json();
    let n = |v: &serde_json::Value| v["total"].as_i64().unwrap();
    assert!(n(&planned) > 0 && n(&held) > 0, "{planned}");
    assert_eq!(n(&planned) + n(&held), n(&all));
    for e in planned["events"].as_array().unwrap() {
        assert_eq!(e["status"], "planned", "{e}");
    }
    let kinds: i64 = planned["facets"]["kinds"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k[1].as_i64().unwrap())
        .sum();
    assert_eq!(kinds, n(&planned));
    // With other filters: an actor, a kind and dates.
    let trump = get(
        &s.db,
        "/api/events?actor=donald-trump&status=planned&kind=call&kind=talks",
    )
    .await
    .json();
    for e in trump["events"].as_array().unwrap() {
        assert_eq!(e["status"], "planned", "{e}");
    }
    let r = get(&s.db, "/?status=planned&kind=talks").await;
    ok_html(&r);
    assert!(
        r.body.contains("name=\"status\" value=\"planned\" checked"),
        "{}",
        r.body
    );
    assert!(r.body.contains("Planned only <a href=\"/?kind=talks\""), "{}", r.body);
    // Links keep the status: removing the kind keeps it.
    assert!(r.body.contains("href=\"/?status=planned\""), "{}", r.body);
    let bad = get(&s.db, "/api/events?status=maybe").await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    assert!(bad.json()["error"]["message"]
        .as_str()
        .unwrap()
        .contains("held or planned"));
}

/// An actor's page tells its partners apart: whom it met or called, whom it
/// asked for something and who asked it; its own office is none of them.
#[tokio::test]
async fn an_actors_partners_are_told_apart_and_exclude_its_own_office() {
    let s = seed_db();
    let ids = |v: &serde_json::Value| -> Vec<String> {
        v.as_array()
            .unwrap()
            .iter()
            .map(|p| p[0]["id"].as_str().unwrap().to_string())
            .collect()
    };
    let trump = get(&s.db, "/api/actors/donald-trump").await.json();
    assert!(
        ids(&trump["partners"]["met"]).contains(&"vladimir-putin".to_string()),
        "{}",
        trump["partners"]
    );
    let zelenskyy = get(&s.db, "/api/actors/volodymyr-zelenskyy").await.json();
    assert!(
        ids(&zelenskyy["partners"]["demanded_of"]).contains(&"vladimir-putin".to_string()),
        "{}",
        zelenskyy["partners"]
    );
    let putin = get(&s.db, "/api/actors/vladimir-putin").await.json();
    assert!(
        ids(&putin["partners"]["demanded_by"]).contains(&"volodymyr-zelenskyy".to_string()),
        "{}",
        putin["partners"]
    );
    // No actor's partners include its own office, or the person an office
    // speaks for.
    let all = get(&s.db, "/api/actors").await.json();
    let mut checked = 0;
    for a in all["actors"].as_array().unwrap() {
        let id = a["actor"]["id"].as_str().unwrap();
        let page = get(&s.db, &format!("/api/actors/{id}")).await.json();
        let Some(own) = page["actor"]["affiliation"]["id"].as_str() else {
            continue;
        };
        for list in ["met", "demanded_of", "demanded_by"] {
            assert!(
                !ids(&page["partners"][list]).contains(&own.to_string()),
                "{id} {list}: {}",
                page["partners"]
            );
        }
        checked += 1;
    }
    assert!(checked > 0, "no actor of the seeds speaks for an office");
    let r = get(&s.db, "/actors/volodymyr-zelenskyy").await;
    ok_html(&r);
    assert!(
        r.body.contains("<h2>Met or spoke with</h2>") && r.body.contains("<h2>Made demands of</h2>"),
        "{}",
        r.body
    );
}

/// Articles without a headline are titled by their first sentence: pages
/// show it cut at a word, the twin keeps it whole.
#[tokio::test]
async fn long_article_titles_are_cut_on_pages() {
    let s = seed_db();
    let api = get(&s.db, "/api/articles").await.json();
    let long: Vec<(String, String)> = api["articles"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["title"].as_str().unwrap().chars().count() > readout::web::TITLE_CHARS)
        .map(|a| {
            (
                a["id"].as_str().unwrap().to_string(),
                a["title"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert!(!long.is_empty(), "no seed article has a long title");
    let list = get(&s.db, "/articles").await;
    for (id, title) in &long {
        // The list cuts the title at a word.
        let listed = list
            .body
            .split(&format!("href=\"/articles/{id}\">"))
            .nth(1)
            .and_then(|h| h.split("</a>").next())
            .unwrap();
        assert!(
            listed.ends_with('…') && listed.chars().count() <= readout::web::TITLE_CHARS + 1,
            "{listed}"
        );
        assert!(title.starts_with(listed.trim_end_matches('…').split('&').next().unwrap()));
        // The article page heads it with the sentence up to a clause
        // boundary, and says it is not the text's own headline.
        let page = get(&s.db, &format!("/articles/{id}")).await;
        let h1 = page
            .body
            .split("<h1>")
            .nth(1)
            .and_then(|h| h.split("</h1>").next())
            .unwrap();
        assert!(h1.chars().count() <= readout::web::HEADING_CHARS + 1, "{h1}");
        let shown = h1.trim_end_matches('…');
        assert!(
            title.starts_with(shown.split('&').next().unwrap()) || h1.contains(", "),
            "{h1} / {title}"
        );
        assert!(page.body.contains("This text has no headline"), "{id}");
    }
}

/// The article page highlights the sentences that report an event and
/// only underlines those that name one in passing; every "in context" link
/// of an event page lands on an anchor of its article.
#[tokio::test]
async fn article_pages_highlight_reports_and_anchor_every_mention() {
    let s = seed_db();
    let r = get(&s.db, "/articles/002-a190d13e5a6bcf0f").await;
    ok_html(&r);
    assert!(r.body.contains("class=\"direct\""));
    let passing = r.body.split("class=\"passing\">").nth(1).expect("a passing mention");
    assert!(
        passing.starts_with("Before talking to Putin") || r.body.contains("class=\"passing\"><span"),
        "{}",
        &passing[..80]
    );
    let api = get(&s.db, "/api/events?kind=call").await.json();
    for e in api["events"].as_array().unwrap() {
        let page = get(&s.db, &format!("/events/{}", e["id"].as_str().unwrap())).await;
        for link in page.body.split("<a href=\"/articles/").skip(1) {
            let link = &link[..link.find('"').unwrap()];
            let Some((article, anchor)) = link.split_once('#') else {
                continue;
            };
            let a = get(&s.db, &format!("/articles/{article}")).await;
            assert!(a.body.contains(&format!("id=\"{anchor}\"")), "{link}");
        }
    }
}

/// Headings from a sentence end at a clause, in any wording.
#[test]
fn a_sentence_heading_ends_at_a_clause() {
    let t = readout::web::clause_title(
        "Officials from both governments met for six hours in the port city on Tuesday while protesters gathered outside the hall.",
    );
    assert_eq!(
        t.as_deref(),
        Some("Officials from both governments met for six hours in the port city on Tuesday")
    );
    assert_eq!(
        readout::web::clause_title("Leaders spoke by phone.").as_deref(),
        Some("Leaders spoke by phone")
    );
    assert_eq!(readout::web::clause_title(&"word ".repeat(40)), None);
    let long = "The two delegations, led by their deputy foreign ministers, continued the talks late into the night in the old town hall.";
    assert!(long.chars().count() > readout::web::HEADING_CHARS);
    assert_eq!(
        readout::web::clause_title(long).as_deref(),
        Some("The two delegations, led by their deputy foreign ministers")
    );
}

/// The network never links a person to its own office: the UK
/// Government's part in a call with Keir Starmer is his side, not someone
/// he spoke to; his call with Donald Trump stays.
#[tokio::test]
async fn the_network_does_not_link_a_leader_to_his_own_office() {
    let s = seed_db();
    let net = get(&s.db, "/api/network").await.json();
    let pairs: Vec<(String, String)> = net["pairs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p[0].as_str().unwrap().to_string(), p[1].as_str().unwrap().to_string()))
        .collect();
    let has = |a: &str, b: &str| pairs.iter().any(|(x, y)| (x == a && y == b) || (x == b && y == a));
    // The seeds have one call of the three.
    let call = get(&s.db, "/api/events?actor=uk-government&actor=keir-starmer&kind=call")
        .await
        .json();
    assert_eq!(call["total"], 1, "{call}");
    assert!(!has("keir-starmer", "uk-government"), "{pairs:?}");
    assert!(has("donald-trump", "keir-starmer"), "{pairs:?}");
    assert!(has("donald-trump", "vladimir-putin"), "{pairs:?}");
}

/// Rows say what happened: timeline, day, actor and search rows carry the
/// event's gist with its actors marked, and the twins give it plain with
/// the names' offsets.
#[tokio::test]
async fn rows_carry_the_gist_of_what_happened() {
    let s = seed_db();
    for uri in ["/", "/dates/2025-05-19", "/actors/donald-trump", "/search?q=phone"] {
        let r = get(&s.db, uri).await;
        ok_html(&r);
        assert!(r.body.contains("<p class=\"gist\">"), "{uri}: no gist");
        assert!(r.body.contains("<b class=\"who\">"), "{uri}: no actor marked");
    }
    let r = get(&s.db, "/").await;
    assert!(r.body.contains("spoke two hours on the phone yesterday"));
    let j = get(&s.db, "/api/events?kind=call").await.json();
    let call = j["events"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["id"] == CALL)
        .expect("the call");
    let gist = call["gist"].as_str().unwrap();
    assert!(gist.contains("spoke two hours on the phone"), "{gist}");
    assert!(!gist.contains('\u{e}') && !gist.contains('\u{f}'));
    let names: Vec<&str> = call["gist_names"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| &gist[r[0].as_u64().unwrap() as usize..r[1].as_u64().unwrap() as usize])
        .collect();
    assert_eq!(names, ["President Donald Trump", "Russian president Vladimir Putin"]);
    // A demand row says what is demanded.
    let j = get(&s.db, "/api/events?kind=demand").await.json();
    assert!(j["events"]
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["gist"].as_str().unwrap().contains("to withdraw its troops")));
}

/// The event page ranks its evidence: sources that report the call come
/// first, with the direct report on top; sentences that only name the call
/// ("before talking to Putin, …") are folded under "also mentioned".
#[tokio::test]
async fn event_evidence_is_ranked_with_passing_mentions_folded() {
    let s = seed_db();
    let r = get(&s.db, &format!("/events/{CALL}")).await;
    ok_html(&r);
    let evidence = r.body.split("<h2>Evidence</h2>").nth(1).unwrap();
    let first = evidence.split("</blockquote>").next().unwrap();
    assert!(first.contains("role-reports"), "{first}");
    assert!(first.contains("spoke two hours on the phone yesterday"), "{first}");
    assert!(
        evidence.contains("<details class=\"also\"><summary>Also mentioned"),
        "{evidence}"
    );
    let folded = evidence.split("<details class=\"also\">").nth(1).unwrap();
    let folded = folded.split("</details>").next().unwrap();
    assert!(folded.contains("Before talking to Putin"), "{folded}");
    // The twin gives each sentence's rank.
    let j = get(&s.db, &format!("/api/events/{CALL}")).await.json();
    let ranks: Vec<u64> = j["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["rank"].as_u64().unwrap())
        .collect();
    assert!(
        ranks.iter().any(|&r| r >= 4) && ranks.iter().any(|&r| r < 4),
        "{ranks:?}"
    );
}

/// The outlet of a source shows on its rows and on the event page: an
/// HTML page's site name (linked to its address), a JSONL line's host, a
/// text's dateline credit.
#[tokio::test]
async fn outlets_show_on_rows_and_sources() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    std::fs::write(
        data.join("a.html"),
        "<html><head><meta property=\"og:site_name\" content=\"Harbour Gazette\">\
         <link rel=\"canonical\" href=\"https://harbour.example/talks\"></head><body><article>\
         <time datetime=\"2026-02-03\">3 Feb</time><p>Foreign Minister Ann Alpha held talks with Foreign Minister Bob Beta in Oslo on Tuesday.</p>\
         </article></body></html>",
    )
    .unwrap();
    std::fs::write(
        data.join("b.jsonl"),
        "{\"date\":\"2026-02-04\",\"url\":\"https://www.northwire.example/x\",\"text\":\"Foreign Minister Ann Alpha met Foreign Minister Bob Beta in Oslo on Tuesday, officials said.\"}\n",
    )
    .unwrap();
    std::fs::write(
        data.join("c.txt"),
        " date 2026-02-04\nOSLO (Fjord Press) — Foreign Minister Ann Alpha met Foreign Minister Bob Beta on Tuesday.\n",
    )
    .unwrap();
    let db = dir.path().join("r.db");
    ingest_into(&db, &[data]);
    let j = get(&db, "/api/events?kind=talks").await.json();
    let e = &j["events"][0];
    assert_eq!(
        e["outlets"],
        serde_json::json!(["Fjord Press", "Harbour Gazette", "northwire.example"]),
        "{j}"
    );
    let r = get(&db, "/").await;
    assert!(
        r.body
            .contains("3 sources (Fjord Press, Harbour Gazette, northwire.example)"),
        "{}",
        r.body
    );
    let id = e["id"].as_str().unwrap();
    let r = get(&db, &format!("/events/{id}")).await;
    assert!(
        r.body.contains("<a class=\"outlet\" href=\"https://harbour.example/talks\" rel=\"noopener noreferrer\">Harbour Gazette</a>"),
        "{}",
        r.body
    );
}
