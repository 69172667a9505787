//! Corrections and notes survive what rebuilds the timeline: a re-ingest,
//! a database built anew from the same folder, and a changed article (an
//! entry that no longer finds its event is kept, orphaned).

mod common;

use common::*;
use readout::corrections::{self, ActorChange, ActorFix, Corrections, EventChange, EventFix, Evidence, Note};
use readout::store::Store;
use serde_json::Value;
use std::path::Path;

const CALL: &str = "2025-05-19-call-donald-trump-vladimir-putin";

fn event<'a>(export: &'a Value, id: &str) -> Option<&'a Value> {
    export["events"].as_array().unwrap().iter().find(|e| e["id"] == id)
}

fn evidence(export: &Value, id: &str) -> Vec<Evidence> {
    event(export, id).unwrap()["sources"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| {
            s["evidence"].as_array().unwrap().iter().map(move |t| Evidence {
                article: s["article"].as_str().unwrap().to_string(),
                sentence: t.as_str().unwrap().to_string(),
            })
        })
        .collect()
}

/// Take these sentences out of every article of the folder.
fn cut_sentences(data: &Path, sentences: &[String]) {
    for f in std::fs::read_dir(data).unwrap().map(|e| e.unwrap().path()) {
        let Ok(text) = std::fs::read_to_string(&f) else {
            continue;
        };
        let cut = sentences.iter().fold(text.clone(), |t, s| t.replace(s.as_str(), ""));
        if cut != text {
            std::fs::write(&f, cut).unwrap();
        }
    }
}

fn fix(n: u64, id: &str, ev: Vec<Evidence>, change: EventChange) -> EventFix {
    EventFix {
        n,
        made: "2026-12-06T10:00:00Z".into(),
        by: Some("ana".into()),
        event: id.into(),
        title: String::new(),
        evidence: ev,
        change,
        reason: None,
        date: None,
        precision: None,
        kind: None,
        status: None,
        actor: None,
        other: None,
        other_evidence: Vec::new(),
    }
}

fn rows(db: &Path) -> Vec<readout::store::CorrectionRow> {
    let store = Store::open(db).unwrap();
    let r = store.reader();
    r.corrections().unwrap()
}

#[test]
fn corrections_survive_reingest_rebuild_and_changed_articles() {
    let dir = tempfile::tempdir().unwrap();
    let data = seed_copy(dir.path());
    let db = dir.path().join("r.db");
    ingest_into(&db, std::slice::from_ref(&data));
    let before = export_json(&db);
    let hidden = "2025-05-17-statement-dmitry-peskov";
    let tagged = "2025-05-17-call-marco-rubio-sergei-lavrov";
    assert!(event(&before, hidden).is_some() && event(&before, tagged).is_some());

    let mut c = Corrections::default();
    let mut hide = fix(1, hidden, evidence(&before, hidden), EventChange::Hide);
    hide.reason = Some("a refusal to comment".into());
    c.events.push(hide);
    let mut redate = fix(2, CALL, evidence(&before, CALL), EventChange::Date);
    redate.date = chrono::NaiveDate::from_ymd_opt(2025, 5, 18);
    c.events.push(redate);
    c.actors.push(ActorFix {
        n: 3,
        made: "2026-12-06T10:01:00Z".into(),
        by: None,
        actor: "ukraine".into(),
        was: "Ukraine".into(),
        change: ActorChange::Rename,
        into: None,
        name: Some("Ukraine (state)".into()),
        kind: None,
        role: None,
        country: None,
    });
    c.notes.push(Note {
        n: 4,
        made: "2026-12-06T10:02:00Z".into(),
        by: None,
        event: tagged.into(),
        title: String::new(),
        evidence: evidence(&before, tagged),
        star: Some(true),
        tags: vec!["follow-up".into()],
        untag: Vec::new(),
        text: Some("check the readout".into()),
    });
    corrections::save(&corrections::path_in(&data), &c).unwrap();

    let check = |db: &Path| {
        let after = export_json(db);
        assert!(event(&after, hidden).is_none(), "hidden");
        assert_eq!(event(&after, CALL).unwrap()["date"], "2025-05-18", "re-dated");
        assert!(after["events"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|e| e["actors"].as_array().unwrap())
            .any(|a| a["name"] == "Ukraine (state)"));
        let store = Store::open(db).unwrap();
        let r = store.reader();
        let note = r.event_note(tagged).unwrap();
        assert!(note.star && note.tags == ["follow-up"] && note.note.as_deref() == Some("check the readout"));
        assert!(r.corrections().unwrap().iter().all(|c| c.applied_to.is_some()));
    };
    // The ingest that reads the file, one that changes nothing, and a new
    // database from the same folder.
    ingest_into(&db, std::slice::from_ref(&data));
    check(&db);
    ingest_into(&db, std::slice::from_ref(&data));
    check(&db);
    let fresh = dir.path().join("fresh.db");
    ingest_into(&fresh, std::slice::from_ref(&data));
    check(&fresh);

    // Undo: the re-dating goes, the call is back on its day.
    assert!(c.remove(2));
    corrections::save(&corrections::path_in(&data), &c).unwrap();
    ingest_into(&db, std::slice::from_ref(&data));
    assert_eq!(event(&export_json(&db), CALL).unwrap()["date"], "2025-05-19");
    assert!(event(&export_json(&db), hidden).is_none(), "the others stay");

    // The articles lose the call's sentences: the note is orphaned, kept.
    let sentences: Vec<String> = evidence(&before, tagged).into_iter().map(|e| e.sentence).collect();
    cut_sentences(&data, &sentences);
    ingest_into(&db, std::slice::from_ref(&data));
    let listed = rows(&db);
    let note = listed.iter().find(|c| c.n == 4).expect("kept");
    assert!(
        event(&export_json(&db), tagged).is_none(),
        "the call is gone with its sentences"
    );
    assert_eq!(note.applied_to, None, "orphaned, not dropped");
    assert_eq!(listed.len(), 3);
}

#[test]
fn a_broken_file_leaves_the_timeline_uncorrected_and_the_file_alone() {
    let dir = tempfile::tempdir().unwrap();
    let data = seed_copy(dir.path());
    let db = dir.path().join("r.db");
    ingest_into(&db, std::slice::from_ref(&data));
    let before = export_json(&db);
    let mut c = Corrections::default();
    c.events.push(fix(1, CALL, evidence(&before, CALL), EventChange::Hide));
    let path = corrections::path_in(&data);
    corrections::save(&path, &c).unwrap();
    ingest_into(&db, std::slice::from_ref(&data));
    assert!(event(&export_json(&db), CALL).is_none());
    let broken = std::fs::read_to_string(&path)
        .unwrap()
        .replace("change = \"hide\"", "change = hide");
    std::fs::write(&path, &broken).unwrap();
    let report = ingest_into(&db, std::slice::from_ref(&data));
    let problem = report.corrections_problem.expect("said");
    assert!(problem.contains("line"), "{problem}");
    assert!(event(&export_json(&db), CALL).is_some(), "served uncorrected");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), broken, "never overwritten");
    let store = Store::open(&db).unwrap();
    assert!(store.reader().corrections_problem().unwrap().is_some());
}

// ---------------------------------------------------------------------
// Through the pages: forms that POST, the file they write, the timeline
// they correct.
// ---------------------------------------------------------------------

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use http_body_util::BodyExt;
use std::path::PathBuf;
use tower::ServiceExt;

/// A seeded database served with a data folder that takes corrections,
/// read at once as `readout serve`'s ingest thread does.
fn app(dir: &Path) -> (axum::Router, PathBuf, PathBuf) {
    app_with_intake(dir, Some("ana"))
}

struct Answer {
    status: StatusCode,
    location: String,
    body: String,
}

async fn send(app: &axum::Router, method: &str, uri: &str, form: &str, origin: Option<&str>) -> Answer {
    let mut req = Request::builder()
        .method(method)
        .uri(uri)
        .header(header::HOST, "127.0.0.1:3000")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
    if let Some(o) = origin {
        req = req.header(header::ORIGIN, o);
    }
    let resp = app
        .clone()
        .oneshot(req.body(Body::from(form.to_string())).unwrap())
        .await
        .unwrap();
    let status = resp.status();
    let location = resp
        .headers()
        .get(header::LOCATION)
        .map(|l| l.to_str().unwrap().to_string())
        .unwrap_or_default();
    let bytes = resp.into_body().collect().await.unwrap().to_bytes();
    Answer {
        status,
        location,
        body: String::from_utf8_lossy(&bytes).into_owned(),
    }
}

const HOME: Option<&str> = Some("http://127.0.0.1:3000");

async fn post(app: &axum::Router, uri: &str, form: &str) -> Answer {
    let a = send(app, "POST", uri, form, HOME).await;
    assert_eq!(a.status, StatusCode::SEE_OTHER, "{uri} {form}: {}", a.body);
    a
}

async fn json(app: &axum::Router, uri: &str) -> Value {
    let a = send(app, "GET", uri, "", None).await;
    assert_eq!(a.status, StatusCode::OK, "{uri}: {}", a.body);
    serde_json::from_str(&a.body).unwrap()
}

#[tokio::test]
async fn each_event_correction_applies_from_its_form_and_undoes() {
    let dir = tempfile::tempdir().unwrap();
    let (app, data, _) = app(dir.path());
    let file = corrections::path_in(&data);
    let uri = format!("/events/{CALL}/corrections");

    // Date.
    let a = post(&app, &uri, "change=date&date=2025-05-18&precision=day").await;
    assert_eq!(a.location, format!("/events/{CALL}"));
    let e = json(&app, &format!("/api/events/{CALL}")).await;
    assert_eq!(e["event"]["date"], "2025-05-18");
    assert_eq!(e["corrections"][0]["change"], "date");
    assert_eq!(e["corrections"][0]["by"], "ana");
    assert!(std::fs::read_to_string(&file).unwrap().contains("change = \"date\""));
    // Kind and status.
    post(&app, &uri, "change=kind&kind=talks").await;
    post(&app, &uri, "change=status&status=planned").await;
    let e = json(&app, &format!("/api/events/{CALL}")).await;
    assert_eq!(
        (e["event"]["kind"].as_str(), e["event"]["status"].as_str()),
        (Some("talks"), Some("planned"))
    );
    assert!(
        e["event"]["title"].as_str().unwrap().contains("talks"),
        "{}",
        e["event"]["title"]
    );
    // An actor added by name, one removed.
    post(&app, &uri, "change=add_actor&actor=Keir+Starmer").await;
    let ids = |e: &Value| -> Vec<String> {
        e["event"]["actors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["id"].as_str().unwrap().to_string())
            .collect()
    };
    let e = json(&app, &format!("/api/events/{CALL}")).await;
    assert_eq!(ids(&e), ["donald-trump", "vladimir-putin", "keir-starmer"]);
    post(&app, &uri, "change=remove_actor&actor=keir-starmer").await;
    assert_eq!(
        ids(&json(&app, &format!("/api/events/{CALL}")).await),
        ["donald-trump", "vladimir-putin"]
    );
    // The timeline's counts follow: talks on the 18th.
    let t = json(&app, "/api/events?kind=talks&from=2025-05-18&to=2025-05-18").await;
    assert_eq!(t["total"], 1);
    // Undo them all, newest first: the call is as extracted again.
    let listed = json(&app, "/api/corrections").await;
    let numbers: Vec<i64> = listed["corrections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["n"].as_i64().unwrap())
        .collect();
    assert_eq!(numbers, [5, 4, 3, 2, 1]);
    for n in numbers {
        let a = post(&app, &format!("/corrections/{n}/undo"), "").await;
        assert_eq!(a.location, "/corrections");
    }
    let e = json(&app, &format!("/api/events/{CALL}")).await;
    assert_eq!(
        (
            e["event"]["date"].as_str(),
            e["event"]["kind"].as_str(),
            e["event"]["status"].as_str()
        ),
        (Some("2025-05-19"), Some("call"), Some("held"))
    );
    assert!(e["corrections"].as_array().unwrap().is_empty());
}

#[tokio::test]
async fn hiding_and_merging_events_from_their_pages() {
    let dir = tempfile::tempdir().unwrap();
    let (app, _, _) = app(dir.path());
    // Two statements of one speaker on two days: one happening.
    let (keep, other) = ("2025-05-16-statement-donald-trump", "2025-05-17-statement-donald-trump");
    let before = json(&app, &format!("/api/events/{other}")).await;
    let moved: Vec<String> = before["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["sentence"].as_str().unwrap().to_string())
        .collect();
    post(
        &app,
        &format!("/events/{keep}/corrections"),
        &format!("change=merge&other=%2Fevents%2F{other}"),
    )
    .await;
    let e = json(&app, &format!("/api/events/{keep}")).await;
    let now: Vec<&str> = e["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["sentence"].as_str().unwrap())
        .collect();
    assert!(moved.iter().all(|s| now.contains(&s.as_str())), "{now:?}");
    assert_eq!(
        send(&app, "GET", &format!("/api/events/{other}"), "", None)
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    // Hidden: gone from the timeline, listed under hidden events, restored.
    let hidden = "2025-05-17-statement-dmitry-peskov";
    let a = post(
        &app,
        &format!("/events/{hidden}/corrections"),
        "change=hide&reason=a+refusal+to+comment",
    )
    .await;
    assert_eq!(a.location, "/corrections");
    let all = json(&app, "/api/events?kind=statement").await;
    assert!(!all["events"].as_array().unwrap().iter().any(|e| e["id"] == hidden));
    let gone = send(&app, "GET", &format!("/events/{hidden}"), "", None).await;
    assert_eq!(gone.status, StatusCode::NOT_FOUND);
    assert!(gone.body.contains("was hidden as no event"), "{}", gone.body);
    let page = send(&app, "GET", "/corrections", "", None).await;
    let section = page
        .body
        .split("<h2>Hidden events")
        .nth(1)
        .unwrap()
        .split("<h2>")
        .next()
        .unwrap();
    assert!(
        section.contains("Statement by Dmitry Peskov") && section.contains("a refusal to comment"),
        "{section}"
    );
    let n = json(&app, "/api/corrections").await["corrections"][0]["n"]
        .as_i64()
        .unwrap();
    post(&app, &format!("/corrections/{n}/undo"), "").await;
    let all = json(&app, "/api/events?kind=statement").await;
    assert!(all["events"].as_array().unwrap().iter().any(|e| e["id"] == hidden));
}

#[tokio::test]
async fn notes_star_and_tag_events_and_filter_the_timeline() {
    let dir = tempfile::tempdir().unwrap();
    let (app, _, _) = app(dir.path());
    let uri = format!("/events/{CALL}/notes");
    let a = post(&app, &uri, "star=1").await;
    assert_eq!(a.location, format!("/events/{CALL}#notes"));
    post(&app, &uri, "tags=follow-up%2C+sanctions").await;
    post(&app, &uri, "text=Ask+the+desk+about+the+second+hour").await;
    let e = json(&app, &format!("/api/events/{CALL}")).await;
    assert_eq!(e["note"]["starred"], true);
    assert_eq!(e["note"]["tags"], serde_json::json!(["follow-up", "sanctions"]));
    assert_eq!(e["note"]["text"], "Ask the desk about the second hour");
    let by_tag = json(&app, "/api/events?tag=follow-up").await;
    assert_eq!(by_tag["total"], 1);
    assert_eq!(by_tag["events"][0]["id"], CALL);
    assert_eq!(json(&app, "/api/events?starred=1").await["total"], 1);
    let page = send(&app, "GET", "/?tag=follow-up", "", None).await;
    assert!(page.body.contains("Tag: follow-up"), "an active filter");
    // Untagged, unstarred: the filters find nothing.
    post(&app, &uri, "untag=follow-up").await;
    post(&app, &uri, "star=0").await;
    assert_eq!(json(&app, "/api/events?tag=follow-up").await["total"], 0);
    assert_eq!(json(&app, "/api/events?starred=1").await["total"], 0);
    // Tags, stars and notes are in the exports.
    let csv = send(&app, "GET", "/api/events.csv?tag=sanctions", "", None).await;
    assert!(csv.body.contains("sanctions"), "{}", csv.body);
}

#[tokio::test]
async fn actor_corrections_merge_rename_set_and_remove() {
    let dir = tempfile::tempdir().unwrap();
    let (app, _, _) = app(dir.path());
    // The UK Government's part is Keir Starmer's.
    let a = post(
        &app,
        "/actors/uk-government/corrections",
        "change=merge&into=Keir+Starmer",
    )
    .await;
    assert_eq!(a.location, "/actors/keir-starmer");
    let moved = send(&app, "GET", "/actors/uk-government", "", None).await;
    assert_eq!(moved.status, StatusCode::PERMANENT_REDIRECT);
    assert_eq!(moved.location, "/actors/keir-starmer");
    let starmer = json(&app, "/api/actors/keir-starmer").await;
    assert!(
        starmer["actor"]["aliases"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a == "UK Government"),
        "{starmer}"
    );
    let all = json(&app, "/api/events").await;
    assert!(!all["events"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|e| e["actors"].as_array().unwrap())
        .any(|a| a["id"] == "uk-government"));
    // Renamed, and the titles follow.
    post(
        &app,
        "/actors/ukraine/corrections",
        "change=rename&name=Ukraine+%28state%29",
    )
    .await;
    let t = json(&app, "/api/events?actor=ukraine").await;
    assert!(t["events"].as_array().unwrap().iter().all(|e| e["actors"]
        .as_array()
        .unwrap()
        .iter()
        .any(|a| a["name"] == "Ukraine (state)")));
    assert!(t["events"]
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["title"].as_str().unwrap().contains("Ukraine (state)")));
    // Kind and role set.
    post(
        &app,
        "/actors/kremlin/corrections",
        "change=set&kind=office&role=Office+of+the+Russian+president&country=Russia",
    )
    .await;
    let k = json(&app, "/api/actors/kremlin").await;
    assert_eq!(k["actor"]["role"], "Office of the Russian president");
    // Not an actor: gone from every event.
    post(&app, "/actors/yury-ushakov/corrections", "change=not_actor").await;
    let all = json(&app, "/api/events").await;
    assert!(!all["events"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|e| e["actors"].as_array().unwrap())
        .any(|a| a["id"] == "yury-ushakov"));
}

#[tokio::test]
async fn refused_posts_change_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (app, data, _) = app(dir.path());
    let file = corrections::path_in(&data);
    let uri = format!("/events/{CALL}/corrections");
    // From another site, or with no origin at all.
    for origin in [Some("http://evil.example"), None] {
        let a = send(&app, "POST", &uri, "change=hide", origin).await;
        assert_eq!(a.status, StatusCode::FORBIDDEN);
    }
    // "Origin: null" (a browser under this site's no-referrer policy): the
    // fetch metadata decides.
    for (site, want) in [
        ("cross-site", StatusCode::FORBIDDEN),
        ("same-origin", StatusCode::SEE_OTHER),
    ] {
        let req = Request::builder()
            .method("POST")
            .uri(format!("/events/{CALL}/notes"))
            .header(header::HOST, "127.0.0.1:3000")
            .header(header::ORIGIN, "null")
            .header("sec-fetch-site", site)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from("tags=x"))
            .unwrap();
        assert_eq!(app.clone().oneshot(req).await.unwrap().status(), want, "{site}");
    }
    std::fs::remove_file(&file).unwrap();
    // An event gone since its page was shown: a clear 409.
    let a = send(
        &app,
        "POST",
        "/events/2025-01-01-call-nobody/corrections",
        "change=hide",
        HOME,
    )
    .await;
    assert_eq!(a.status, StatusCode::CONFLICT);
    assert!(a.body.contains("no longer in the timeline"), "{}", a.body);
    // Bad values: 400, said.
    let a = send(&app, "POST", &uri, "change=date&date=2025-13-40", HOME).await;
    assert_eq!(a.status, StatusCode::BAD_REQUEST);
    let a = send(
        &app,
        "POST",
        &uri,
        &format!("change=hide&reason={}", "x".repeat(3000)),
        HOME,
    )
    .await;
    assert_eq!(a.status, StatusCode::BAD_REQUEST);
    assert!(!file.exists());
    // A broken file: the post is refused and the file left as it is; the
    // timeline says why it is uncorrected.
    std::fs::write(&file, "[[event]]\nn = 1\nchange = hide\n").unwrap();
    let a = send(&app, "POST", &uri, "change=hide", HOME).await;
    assert_eq!(a.status, StatusCode::CONFLICT);
    assert!(a.body.contains("line"), "{}", a.body);
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        "[[event]]\nn = 1\nchange = hide\n"
    );
}

#[tokio::test]
async fn two_corrections_posted_at_once_both_land() {
    let dir = tempfile::tempdir().unwrap();
    let (app, data, _) = app(dir.path());
    let uri = format!("/events/{CALL}/notes");
    let (a, b) = tokio::join!(
        send(&app, "POST", &uri, "tags=one", HOME),
        send(&app, "POST", &uri, "tags=two", HOME),
    );
    assert_eq!((a.status, b.status), (StatusCode::SEE_OTHER, StatusCode::SEE_OTHER));
    let c = corrections::load(&corrections::path_in(&data)).unwrap().unwrap();
    assert_eq!(c.notes.len(), 2);
    let e = json(&app, &format!("/api/events/{CALL}")).await;
    assert_eq!(e["note"]["tags"], serde_json::json!(["one", "two"]));
}

/// `readout eval` scores the extractor's own output unless told to score
/// the corrected timeline; `readout export` marks what was corrected.
#[test]
fn eval_scores_the_extractor_unless_asked_for_corrections() {
    let dir = tempfile::tempdir().unwrap();
    let data = seed_copy(dir.path());
    let db = dir.path().join("r.db");
    ingest_into(&db, std::slice::from_ref(&data));
    let before = export_json(&db);
    let mut c = Corrections::default();
    // Hide every call: the corrected timeline scores lower.
    for (i, e) in before["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["kind"] == "call")
        .enumerate()
    {
        let id = e["id"].as_str().unwrap();
        c.events
            .push(fix(i as u64 + 1, id, evidence(&before, id), EventChange::Hide));
    }
    let mut redate = fix(100, "2025-05-17-statement-donald-trump", Vec::new(), EventChange::Date);
    redate.date = chrono::NaiveDate::from_ymd_opt(2025, 5, 15);
    c.events.push(redate);
    corrections::save(&corrections::path_in(&data), &c).unwrap();
    ingest_into(&db, std::slice::from_ref(&data));
    let f1 = |extra: &[&str]| -> f64 {
        let out = readout()
            .arg("eval")
            .arg(root().join("tests/data/seeds.gold.json"))
            .arg("--db")
            .arg(&db)
            .args(extra)
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let text = String::from_utf8_lossy(&out.stdout).to_string();
        text.lines().last().unwrap().trim_start_matches("f1=").parse().unwrap()
    };
    let own = f1(&[]);
    let corrected = f1(&["--with-corrections"]);
    assert!(own > 0.9, "{own}");
    assert!(corrected < own, "{corrected} < {own}");
    // The database itself still holds the corrected timeline.
    let after = export_json(&db);
    assert!(!after["events"].as_array().unwrap().iter().any(|e| e["kind"] == "call"));
    let redated = event(&after, "2025-05-17-statement-donald-trump").unwrap();
    assert_eq!(redated["date"], "2025-05-15");
    assert_eq!(redated["corrected"], serde_json::json!(["date"]));
}

/// An actor merge feeds extraction: an article read after it names the
/// merged actor's names as the actor they were merged into.
#[test]
fn an_actor_merge_resolves_the_names_in_articles_read_after_it() {
    let dir = tempfile::tempdir().unwrap();
    let data = seed_copy(dir.path());
    let db = dir.path().join("r.db");
    ingest_into(&db, std::slice::from_ref(&data));
    let mut c = Corrections::default();
    c.actors.push(ActorFix {
        n: 1,
        made: "2026-12-06T10:00:00Z".into(),
        by: None,
        actor: "uk-government".into(),
        was: "UK Government".into(),
        change: ActorChange::Merge,
        into: Some("keir-starmer".into()),
        name: None,
        kind: None,
        role: None,
        country: None,
    });
    corrections::save(&corrections::path_in(&data), &c).unwrap();
    ingest_into(&db, std::slice::from_ref(&data));
    std::fs::write(
        data.join("later.txt"),
        " date 2025-05-23\nThe UK Government held a phone call with Emmanuel Macron on Thursday about Ukraine.\n",
    )
    .unwrap();
    ingest_into(&db, std::slice::from_ref(&data));
    let store = Store::open(&db).unwrap();
    let actors: Vec<String> = store
        .conn()
        .prepare(
            "SELECT ma.actor_id FROM mention_actors ma JOIN mentions m ON m.id = ma.mention_id
             JOIN articles a ON a.id = m.article_id WHERE a.path LIKE '%later.txt' ORDER BY ma.pos",
        )
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert!(actors.contains(&"keir-starmer".to_string()), "{actors:?}");
    assert!(!actors.contains(&"uk-government".to_string()), "{actors:?}");
}

/// After an article changes so that a corrected event's sentences are
/// gone, the corrections page lists the entry as orphaned; a broken file
/// is said on the timeline and the corrections page.
#[tokio::test]
async fn orphans_and_a_broken_file_are_shown_on_the_pages() {
    let dir = tempfile::tempdir().unwrap();
    let (app, data, db) = app(dir.path());
    let rubio = "2025-05-17-call-marco-rubio-sergei-lavrov";
    let sentences: Vec<String> = json(&app, &format!("/api/events/{rubio}")).await["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["sentence"].as_str().unwrap().to_string())
        .collect();
    post(&app, &format!("/events/{rubio}/notes"), "tags=check").await;
    cut_sentences(&data, &sentences);
    ingest_into(&db, std::slice::from_ref(&data));
    let listed = json(&app, "/api/corrections").await;
    assert_eq!(listed["corrections"][0]["orphaned"], true, "{listed}");
    let page = send(&app, "GET", "/corrections", "", None).await;
    assert!(page.body.contains("class=\"badge orphaned\""), "{}", page.body);
    // A broken file.
    std::fs::write(corrections::path_in(&data), "[[note]]\nn = one\n").unwrap();
    ingest_into(&db, std::slice::from_ref(&data));
    let t = send(&app, "GET", "/", "", None).await;
    assert!(
        t.body.contains("The corrections file cannot be read"),
        "{}",
        &t.body[..2000.min(t.body.len())]
    );
    let c = json(&app, "/api/corrections").await;
    assert!(c["problem"].as_str().unwrap().contains("line 2"), "{c}");
    assert!(c["corrections"].as_array().unwrap().is_empty());
}

/// An entry follows its event when the event's id changes (here, its
/// article is re-dated, so the event is): it finds it by its sentences.
#[test]
fn an_entry_follows_its_event_when_the_id_changes() {
    let dir = tempfile::tempdir().unwrap();
    let data = seed_copy(dir.path());
    let db = dir.path().join("r.db");
    ingest_into(&db, std::slice::from_ref(&data));
    let before = export_json(&db);
    let old = "2025-05-17-statement-dmitry-peskov";
    let mut c = Corrections::default();
    c.notes.push(Note {
        n: 1,
        made: "2026-12-06T10:00:00Z".into(),
        by: None,
        event: old.into(),
        title: String::new(),
        evidence: evidence(&before, old),
        star: Some(true),
        tags: vec!["kremlin-line".into()],
        untag: Vec::new(),
        text: None,
    });
    let mut kind = fix(2, old, evidence(&before, old), EventChange::Kind);
    kind.kind = Some(readout::model::Kind::Demand);
    c.events.push(kind);
    corrections::save(&corrections::path_in(&data), &c).unwrap();
    ingest_into(&db, std::slice::from_ref(&data));
    // Its article now carries another date: the event's id changes with it.
    let file = std::fs::read_dir(&data)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.to_string_lossy().contains("001_"))
        .unwrap();
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, text.replacen(" date 2025-05-17", " date 2025-05-18", 1)).unwrap();
    ingest_into(&db, std::slice::from_ref(&data));
    let after = export_json(&db);
    assert!(event(&after, old).is_none(), "the id changed");
    let moved = after["events"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["tags"] == serde_json::json!(["kremlin-line"]))
        .expect("the note found its event");
    assert_eq!(moved["id"], "2025-05-18-statement-dmitry-peskov");
    assert_eq!(moved["kind"], "demand", "the correction too");
    assert_eq!(moved["starred"], true);
    assert!(rows(&db)
        .iter()
        .all(|r| r.applied_to.as_deref() == Some("2025-05-18-statement-dmitry-peskov")));
}
