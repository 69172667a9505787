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
    for f in std::fs::read_dir(&data).unwrap().map(|e| e.unwrap().path()) {
        let Ok(text) = std::fs::read_to_string(&f) else {
            continue;
        };
        let cut = sentences.iter().fold(text.clone(), |t, s| t.replace(s.as_str(), ""));
        if cut != text {
            std::fs::write(&f, cut).unwrap();
        }
    }
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
