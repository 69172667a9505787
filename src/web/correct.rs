//! Corrections and notes from the pages: plain HTML forms that POST (the
//! same-origin check of the Add page), each turned into one entry of the
//! data folder's corrections file, which is then read by the ingest. As
//! with added articles, the web layer writes a file and never the
//! database; the page it redirects to shows the corrected timeline.

use super::add::same_origin;
use super::error::{AppError, HtmlError, JsonError};
use super::AppState;
use crate::corrections::{self, ActorChange, ActorFix, Corrections, EventChange, EventFix, Evidence, Note};
use crate::model::{ActorKind, Kind, Precision, Status};
use askama::Template;
use axum::extract::{Form, Path, State};
use axum::http::HeaderMap;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::Json;
use std::collections::HashMap;

/// Sentences kept with an entry to find its event again.
const EVIDENCE_KEPT: usize = 5;

/// Longest tag.
const MAX_TAG: usize = 60;

type Fields = HashMap<String, String>;

fn field<'a>(f: &'a Fields, name: &str) -> Result<Option<&'a str>, AppError> {
    match f.get(name).map(|v| v.trim()).filter(|v| !v.is_empty()) {
        Some(v) if v.len() > corrections::MAX_FIELD => Err(AppError::BadRequest(format!(
            "“{name}” is {} bytes long; at most {} are accepted.",
            v.len(),
            corrections::MAX_FIELD
        ))),
        v => Ok(v),
    }
}

fn needed<'a>(f: &'a Fields, name: &str, what: &str) -> Result<&'a str, AppError> {
    field(f, name)?.ok_or_else(|| AppError::BadRequest(format!("Give {what}.")))
}

fn check_origin(headers: &HeaderMap) -> Result<(), AppError> {
    if same_origin(headers) {
        Ok(())
    } else {
        Err(AppError::Forbidden(
            "Corrections can only be made from this site's own pages.".into(),
        ))
    }
}

/// Read the corrections file, change it with `edit`, write it back, and
/// have the folder read; one edit at a time. A file that cannot be read
/// is never overwritten.
async fn edit_file(
    state: &AppState,
    edit: impl FnOnce(&mut Corrections, u64) -> Result<(), AppError> + Send + 'static,
) -> Result<(), AppError> {
    let Some(intake) = state.intake.clone() else {
        return Err(AppError::Unavailable(
            "Corrections are not available on this server (no data folder to keep them in).".into(),
        ));
    };
    tokio::task::spawn_blocking(move || {
        let path = corrections::path_in(&intake.folder);
        {
            let _one = intake
                .editing
                .lock()
                .map_err(|_| AppError::Internal("the corrections lock was poisoned".into()))?;
            let mut c = match corrections::load(&path) {
                Ok(c) => c.unwrap_or_default(),
                Err(corrections::CorrectionsError::Invalid { message, .. }) => {
                    return Err(AppError::Conflict(format!(
                        "The corrections file {} cannot be read ({message}). Fix it by hand first: it is not overwritten.",
                        path.display()
                    )))
                }
                Err(e) => return Err(AppError::Internal(e.to_string())),
            };
            let n = c.next_n();
            edit(&mut c, n)?;
            corrections::save(&path, &c).map_err(|e| AppError::Internal(e.to_string()))?;
        }
        (intake.ingest_now)().map_err(|e| {
            AppError::Unavailable(format!(
                "The correction is saved, but the timeline could not be brought up to date: {e}"
            ))
        })
    })
    .await
    .map_err(|e| AppError::Internal(format!("a correction's task: {e}")))?
}

fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// An event's title and the sentences that find it again; a 409 when it
/// has gone since its page was shown.
async fn event_target(state: &AppState, id: &str) -> Result<(String, Vec<Evidence>), AppError> {
    let id = id.to_string();
    state
        .read(move |r| {
            let Some(e) = r.event(&id)? else {
                return Err(AppError::Conflict(format!(
                    "The event “{id}” is no longer in the timeline (an ingest has just changed it). Open the timeline again and correct the event as it is now."
                )));
            };
            let evidence = r
                .evidence(&id)?
                .into_iter()
                .take(EVIDENCE_KEPT)
                .map(|v| Evidence {
                    article: v.article,
                    sentence: v.sentence,
                })
                .collect();
            Ok((e.title, evidence))
        })
        .await
}

pub(super) async fn event_fix(
    State(state): State<AppState>,
    Path(id): Path<String>,
    headers: HeaderMap,
    Form(f): Form<Fields>,
) -> Result<Response, HtmlError> {
    check_origin(&headers)?;
    let change = match needed(&f, "change", "what to change")? {
        "hide" => EventChange::Hide,
        "date" => EventChange::Date,
        "kind" => EventChange::Kind,
        "status" => EventChange::Status,
        "add_actor" => EventChange::AddActor,
        "remove_actor" => EventChange::RemoveActor,
        "merge" => EventChange::Merge,
        other => return Err(AppError::BadRequest(format!("“{other}” is no correction of an event.")).into()),
    };
    let (title, evidence) = event_target(&state, &id).await?;
    let mut fix = EventFix {
        n: 0,
        made: now(),
        by: state.intake.as_ref().and_then(|i| i.user.clone()),
        event: id.clone(),
        title,
        evidence,
        change,
        reason: field(&f, "reason")?.map(str::to_string),
        date: None,
        precision: None,
        kind: None,
        status: None,
        actor: None,
        other: None,
        other_evidence: Vec::new(),
    };
    match change {
        EventChange::Hide => {}
        EventChange::Date => {
            fix.date = Some(super::params::parse_date("date", needed(&f, "date", "a date")?)?);
            let p = field(&f, "precision")?.unwrap_or("day");
            fix.precision = Some(
                Precision::parse(p)
                    .ok_or_else(|| AppError::BadRequest("The precision is day, week or month.".into()))?,
            );
        }
        EventChange::Kind => {
            fix.kind = Some(
                Kind::parse(needed(&f, "kind", "a kind")?)
                    .ok_or_else(|| AppError::BadRequest("The kind is call, talks, statement or demand.".into()))?,
            );
        }
        EventChange::Status => {
            fix.status = Some(
                Status::parse(needed(&f, "status", "a status")?)
                    .ok_or_else(|| AppError::BadRequest("The status is held or planned.".into()))?,
            );
        }
        EventChange::AddActor | EventChange::RemoveActor => {
            let typed = needed(&f, "actor", "an actor")?.to_string();
            fix.actor = Some(actor_id(&state, &typed).await?);
        }
        EventChange::Merge => {
            let other = needed(&f, "other", "the other event's id or address")?;
            let other = other.rsplit('/').next().unwrap_or(other).to_string();
            if other == id {
                return Err(AppError::BadRequest("An event cannot be merged with itself.".into()).into());
            }
            let (_, other_evidence) = event_target(&state, &other).await?;
            fix.other = Some(other);
            fix.other_evidence = other_evidence;
        }
    }
    edit_file(&state, move |c, n| {
        fix.n = n;
        c.events.push(fix);
        Ok(())
    })
    .await?;
    let to = if change == EventChange::Hide {
        "/corrections".to_string()
    } else {
        format!("/events/{id}")
    };
    Ok(Redirect::to(&to).into_response())
}

/// An actor's id from what was typed: an id, a name or an alias of one
/// actor.
async fn actor_id(state: &AppState, typed: &str) -> Result<String, AppError> {
    let typed = typed.to_string();
    state
        .read(move |r| {
            if r.actor(&typed)?.is_some() {
                return Ok(typed);
            }
            let found = r.actors_named(&typed, 5)?;
            let exact: Vec<_> = found.iter().filter(|(_, exact)| *exact).collect();
            match exact.as_slice() {
                [(a, _)] => Ok(a.id.clone()),
                _ => Err(AppError::BadRequest(format!(
                    "No one actor is called “{typed}”; pick one from the list."
                ))),
            }
        })
        .await
}

pub(super) async fn event_note(
    State(state): State<AppState>,
    Path(id): Path<String>,
    headers: HeaderMap,
    Form(f): Form<Fields>,
) -> Result<Response, HtmlError> {
    check_origin(&headers)?;
    let tags = |name: &str| -> Result<Vec<String>, AppError> {
        let mut out = Vec::new();
        for t in field(&f, name)?.unwrap_or("").split(',') {
            let t = t.trim();
            if t.is_empty() {
                continue;
            }
            if t.chars().count() > MAX_TAG {
                return Err(AppError::BadRequest(format!("A tag is at most {MAX_TAG} characters.")));
            }
            out.push(t.to_string());
        }
        Ok(out)
    };
    let star = match field(&f, "star")? {
        None => None,
        Some("1") => Some(true),
        Some("0") => Some(false),
        Some(_) => return Err(AppError::BadRequest("“star” is 1 or 0.".into()).into()),
    };
    let (add, remove) = (tags("tags")?, tags("untag")?);
    // A text field sent empty clears the note; one not sent leaves it.
    let text = f.get("text").map(|t| t.trim().to_string());
    if text.as_ref().is_some_and(|t| t.len() > corrections::MAX_FIELD) {
        return Err(AppError::BadRequest(format!("A note is at most {} bytes.", corrections::MAX_FIELD)).into());
    }
    if star.is_none() && add.is_empty() && remove.is_empty() && text.is_none() {
        return Err(AppError::BadRequest("Give a star, a tag or a note.".into()).into());
    }
    let (title, evidence) = event_target(&state, &id).await?;
    let mut note = Note {
        n: 0,
        made: now(),
        by: state.intake.as_ref().and_then(|i| i.user.clone()),
        event: id.clone(),
        title,
        evidence,
        star,
        tags: add,
        untag: remove,
        text,
    };
    edit_file(&state, move |c, n| {
        note.n = n;
        c.notes.push(note);
        Ok(())
    })
    .await?;
    Ok(Redirect::to(&format!("/events/{id}#notes")).into_response())
}

pub(super) async fn actor_fix(
    State(state): State<AppState>,
    Path(id): Path<String>,
    headers: HeaderMap,
    Form(f): Form<Fields>,
) -> Result<Response, HtmlError> {
    check_origin(&headers)?;
    let change = match needed(&f, "change", "what to change")? {
        "merge" => ActorChange::Merge,
        "rename" => ActorChange::Rename,
        "set" => ActorChange::Set,
        "not_actor" => ActorChange::NotActor,
        other => return Err(AppError::BadRequest(format!("“{other}” is no correction of an actor.")).into()),
    };
    let actor = {
        let id = id.clone();
        state
            .read(move |r| {
                r.actor(&id)?.ok_or_else(|| {
                    AppError::Conflict(format!(
                        "The actor “{id}” is no longer in the timeline (an ingest has just changed it)."
                    ))
                })
            })
            .await?
    };
    let mut fix = ActorFix {
        n: 0,
        made: now(),
        by: state.intake.as_ref().and_then(|i| i.user.clone()),
        actor: id.clone(),
        was: actor.name.clone(),
        change,
        into: None,
        name: None,
        kind: None,
        role: None,
        country: None,
    };
    match change {
        ActorChange::Merge => {
            let into = actor_id(&state, needed(&f, "into", "the actor this one is")?).await?;
            if into == id {
                return Err(AppError::BadRequest("An actor cannot be merged into itself.".into()).into());
            }
            fix.into = Some(into);
        }
        ActorChange::Rename => fix.name = Some(needed(&f, "name", "a name")?.to_string()),
        ActorChange::Set => {
            fix.kind = match field(&f, "kind")? {
                None => None,
                Some(k) => Some(ActorKind::parse(k).ok_or_else(|| {
                    AppError::BadRequest("The kind is person, office, state, organization, outlet or group.".into())
                })?),
            };
            fix.role = f.get("role").map(|r| r.trim().to_string());
            fix.country = f.get("country").map(|c| c.trim().to_string());
            if fix.role.as_ref().is_some_and(|r| r.len() > corrections::MAX_FIELD)
                || fix.country.as_ref().is_some_and(|c| c.len() > corrections::MAX_FIELD)
            {
                return Err(AppError::BadRequest("A role or state is at most 2,000 bytes.".into()).into());
            }
            if fix.kind.is_none() && fix.role.is_none() && fix.country.is_none() {
                return Err(AppError::BadRequest("Give a kind, a role or a state.".into()).into());
            }
        }
        ActorChange::NotActor => {}
    }
    let to = match &fix.into {
        Some(into) => format!("/actors/{into}"),
        None if change == ActorChange::NotActor => "/corrections".to_string(),
        None => format!("/actors/{id}"),
    };
    edit_file(&state, move |c, n| {
        fix.n = n;
        c.actors.push(fix);
        Ok(())
    })
    .await?;
    Ok(Redirect::to(&to).into_response())
}

pub(super) async fn undo(
    State(state): State<AppState>,
    Path(n): Path<u64>,
    headers: HeaderMap,
) -> Result<Response, HtmlError> {
    check_origin(&headers)?;
    edit_file(&state, move |c, _| {
        if c.remove(n) {
            Ok(())
        } else {
            Err(AppError::Conflict(format!(
                "There is no correction number {n} (undone already?)."
            )))
        }
    })
    .await?;
    Ok(Redirect::to("/corrections").into_response())
}

/// One entry as the corrections page lists it.
pub struct EntryView {
    pub n: i64,
    pub made: String,
    pub by: String,
    /// "Event re-dated", "Note"...
    pub what: String,
    /// What it names, and the page to open (empty when orphaned).
    pub subject: String,
    pub href: String,
    pub orphaned: bool,
    /// The entry's fields that say what it sets ("date: 2025-05-18").
    pub detail: String,
}

#[derive(Template)]
#[template(path = "corrections.html")]
struct CorrectionsPage {
    title: String,
    json_href: Option<String>,
    problem: Option<String>,
    entries: Vec<EntryView>,
    hidden: Vec<EntryView>,
    editable: bool,
    file: String,
}

fn detail(entry: &str, of_actor: bool) -> String {
    let Ok(serde_json::Value::Object(m)) = serde_json::from_str::<serde_json::Value>(entry) else {
        return String::new();
    };
    let shown = [
        "reason",
        "date",
        "precision",
        "kind",
        "status",
        "actor",
        "other",
        "into",
        "name",
        "role",
        "country",
        "star",
        "tags",
        "untag",
        "text",
    ];
    shown
        .iter()
        .filter(|k| !(of_actor && **k == "actor"))
        .filter_map(|k| {
            let v = m.get(*k)?;
            let text = match v {
                serde_json::Value::String(s) => s.clone(),
                serde_json::Value::Array(a) if a.is_empty() => return None,
                serde_json::Value::Array(a) => a.iter().filter_map(|x| x.as_str()).collect::<Vec<_>>().join(", "),
                other => other.to_string(),
            };
            Some(format!("{k}: {text}"))
        })
        .collect::<Vec<_>>()
        .join("; ")
}

pub(super) fn entry_view(c: &crate::store::CorrectionRow) -> EntryView {
    let what = match c.target.as_str() {
        "event" => format!("Event {}", event_label(&c.change)),
        "actor" => format!("Actor {}", actor_label(&c.change)),
        _ => "Note".to_string(),
    };
    let href = match (&c.applied_to, c.target.as_str()) {
        (Some(to), "actor") => format!("/actors/{to}"),
        (Some(_), _) if c.change == "hide" => String::new(),
        (Some(to), _) => format!("/events/{to}"),
        (None, _) => String::new(),
    };
    EntryView {
        n: c.n,
        made: when(&c.made),
        by: c.by.clone().unwrap_or_default(),
        what,
        subject: if c.title.is_empty() {
            c.subject.clone()
        } else {
            c.title.clone()
        },
        href,
        orphaned: c.applied_to.is_none(),
        detail: detail(&c.entry, c.target == "actor"),
    }
}

/// "2026-12-06T10:00:40Z" as "2026-12-06 10:00 UTC"; other text as it is.
fn when(made: &str) -> String {
    match chrono::DateTime::parse_from_rfc3339(made) {
        Ok(t) => t.with_timezone(&chrono::Utc).format("%Y-%m-%d %H:%M UTC").to_string(),
        Err(_) => made.to_string(),
    }
}

fn event_label(change: &str) -> &'static str {
    serde_json::from_value::<EventChange>(serde_json::Value::String(change.into()))
        .map(|c| c.label())
        .unwrap_or("corrected")
}

fn actor_label(change: &str) -> &'static str {
    serde_json::from_value::<ActorChange>(serde_json::Value::String(change.into()))
        .map(|c| c.label())
        .unwrap_or("corrected")
}

pub(super) async fn page(State(state): State<AppState>) -> Result<Response, HtmlError> {
    let (rows, problem) = state.read(|r| Ok((r.corrections()?, r.corrections_problem()?))).await?;
    let entries: Vec<EntryView> = rows.iter().map(entry_view).collect();
    let hidden = rows
        .iter()
        .filter(|c| c.change == "hide" && c.applied_to.is_some())
        .map(entry_view)
        .collect();
    let page = CorrectionsPage {
        title: "Corrections and notes".into(),
        json_href: Some("/api/corrections".into()),
        problem,
        entries,
        hidden,
        editable: state.intake.is_some(),
        file: state
            .intake
            .as_ref()
            .map(|i| corrections::path_in(&i.folder).display().to_string())
            .unwrap_or_default(),
    };
    Ok(Html(super::pages::render(&page).map_err(AppError::from)?).into_response())
}

pub(super) async fn api(State(state): State<AppState>) -> Result<Response, JsonError> {
    let (rows, problem) = state.read(|r| Ok((r.corrections()?, r.corrections_problem()?))).await?;
    Ok(Json(super::api::Corrections::new(&rows, problem.as_deref())).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_read_in_utc_and_details_name_what_changed() {
        assert_eq!(when("2026-12-06T10:00:40Z"), "2026-12-06 10:00 UTC");
        assert_eq!(when("2026-12-06T12:00:40+02:00"), "2026-12-06 10:00 UTC");
        assert_eq!(when("yesterday"), "yesterday");
        let entry = r#"{"n":1,"actor":"a","change":"merge","into":"b","tags":[],"star":true}"#;
        assert_eq!(detail(entry, true), "into: b; star: true");
        assert_eq!(detail(entry, false), "actor: a; into: b; star: true");
        assert_eq!(detail("not json", false), "");
    }
}
