//! Exporting the whole timeline as JSON (the scorer's format) or CSV.

use crate::store::{ReadConn, StoreError};
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Debug, Serialize)]
pub struct ExportActor {
    pub id: String,
    pub name: String,
    pub aliases: Vec<String>,
    pub role: Option<String>,
    pub kind: String,
}

#[derive(Debug, Serialize)]
pub struct ExportSource {
    pub article: String,
    pub title: String,
    pub published: Option<chrono::NaiveDate>,
    /// Where the article comes from, where known.
    pub outlet: Option<String>,
    pub evidence: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct ExportEvent {
    pub id: String,
    pub kind: crate::model::Kind,
    pub date: Option<chrono::NaiveDate>,
    pub date_precision: Option<crate::model::Precision>,
    pub status: crate::model::Status,
    pub title: String,
    pub location: Option<String>,
    pub actors: Vec<ExportActor>,
    pub sources: Vec<ExportSource>,
    pub url: String,
    /// What happened, in the words of its best evidence ("" when none).
    pub gist: String,
    /// The outlets of its sources, where known, sorted.
    pub outlets: Vec<String>,
    /// The analyst's star, tags and note.
    pub starred: bool,
    pub tags: Vec<String>,
    pub note: Option<String>,
    /// What corrections changed of it ("date", "kind", "merge"...);
    /// empty when it is as extracted.
    pub corrected: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct Export {
    pub events: Vec<ExportEvent>,
}

/// Build the export from the store.
pub fn build(r: &ReadConn<'_>) -> Result<Export, StoreError> {
    let details = r.actor_details()?;
    let mut notes = r.all_notes()?;
    let mut corrected = r.corrected_fields()?;
    let mut events = Vec::new();
    for e in r.all_events()? {
        let actors = e
            .actors
            .iter()
            .map(|a| {
                let d = details.get(&a.id);
                ExportActor {
                    id: a.id.clone(),
                    name: a.name.to_string(),
                    aliases: d.map(|d| d.aliases.clone()).unwrap_or_default(),
                    role: d.and_then(|d| d.role.clone()),
                    kind: a.kind.to_string(),
                }
            })
            .collect();
        let mut by_article: BTreeMap<String, ExportSource> = BTreeMap::new();
        for ev in r.evidence(&e.id)? {
            let s = by_article.entry(ev.article.clone()).or_insert_with(|| ExportSource {
                article: ev.article.clone(),
                title: ev.article_title.clone(),
                published: ev.published.or(ev.inferred_date),
                outlet: ev.outlet.clone(),
                evidence: Vec::new(),
            });
            if !s.evidence.contains(&ev.sentence) {
                s.evidence.push(ev.sentence);
            }
        }
        let mut note = notes.remove(&e.id).unwrap_or_default();
        let fixed = corrected.remove(&e.id).unwrap_or_default();
        events.push(ExportEvent {
            url: format!("/events/{}", e.id),
            id: e.id,
            kind: e.kind,
            date: e.date.map(|d| d.date),
            date_precision: e.date.map(|d| d.precision),
            status: e.status,
            title: e.title,
            location: e.location,
            actors,
            sources: by_article.into_values().collect(),
            gist: crate::model::gist_plain(&e.gist),
            outlets: e.outlets,
            starred: note.star,
            tags: std::mem::take(&mut note.tags),
            note: note.note.take(),
            corrected: fixed,
        });
    }
    Ok(Export { events })
}

/// CSV: one row per event.
pub fn to_csv(export: &Export) -> Result<String, csv::Error> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record([
        "id",
        "kind",
        "date",
        "date_precision",
        "status",
        "title",
        "actors",
        "articles",
        "url",
        "gist",
        "outlets",
        "starred",
        "tags",
        "note",
        "corrected",
    ])?;
    for e in &export.events {
        let date = e.date.map(|d| d.to_string()).unwrap_or_default();
        let actors = e.actors.iter().map(|a| a.name.as_str()).collect::<Vec<_>>().join("; ");
        let arts = e
            .sources
            .iter()
            .map(|s| s.article.as_str())
            .collect::<Vec<_>>()
            .join("; ");
        w.write_record([
            e.id.as_str(),
            e.kind.as_str(),
            date.as_str(),
            e.date_precision.map(|p| p.as_str()).unwrap_or(""),
            e.status.as_str(),
            e.title.as_str(),
            actors.as_str(),
            arts.as_str(),
            e.url.as_str(),
            e.gist.as_str(),
            e.outlets.join("; ").as_str(),
            if e.starred { "1" } else { "" },
            e.tags.join("; ").as_str(),
            e.note.as_deref().unwrap_or(""),
            e.corrected.join("; ").as_str(),
        ])?;
    }
    let bytes = w.into_inner().map_err(|e| e.into_error())?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}
