//! The "Add article" page: text pasted or a file uploaded becomes a file in
//! the data folder, and the ingest reads it like any other. The web layer
//! never writes the database: it hands the file to the ingest through
//! `Intake` and shows the article once the ingest has committed it.

use super::error::{AppError, HtmlError};
use super::AppState;
use askama::Template;
use axum::extract::{Multipart, State};
use axum::http::{header, HeaderMap};
use axum::response::{Html, IntoResponse, Redirect, Response};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Largest article accepted from the page (also the server's request body
/// limit, with room for the form's other fields).
pub const MAX_ARTICLE: usize = 2 * 1024 * 1024;

/// Where added articles go and how to have them read at once.
pub struct Intake {
    /// The data folder the server reads.
    pub folder: PathBuf,
    /// Reads the data folder and returns once what it found is committed.
    pub ingest_now: Arc<dyn Fn() -> Result<(), String> + Send + Sync>,
    /// Held while the corrections file is read, changed and written, so
    /// that two corrections posted at once both land.
    pub editing: Arc<std::sync::Mutex<()>>,
    /// Who makes corrections here (`--user`, `READOUT_USER`).
    pub user: Option<String>,
}

#[derive(Template)]
#[template(path = "add.html")]
struct AddPage {
    title: String,
    json_href: Option<String>,
    folder: Option<String>,
    max_kb: usize,
    message: String,
    date: String,
    text: String,
}

fn page(state: &AppState, message: String, date: String, text: String) -> Result<String, AppError> {
    Ok(AddPage {
        title: "Add an article".into(),
        json_href: None,
        folder: state.intake.as_ref().map(|i| i.folder.display().to_string()),
        max_kb: MAX_ARTICLE / 1024,
        message,
        date,
        text,
    }
    .render()?)
}

pub(super) async fn form(State(state): State<AppState>) -> Result<Response, HtmlError> {
    Ok(Html(page(&state, String::new(), String::new(), String::new())?).into_response())
}

/// A state-changing request must come from this site's own pages: the
/// browser's `Origin` (or `Sec-Fetch-Site`) says so. Anything else, a form
/// on another site included, is refused.
pub(super) fn same_origin(headers: &HeaderMap) -> bool {
    let host = headers.get(header::HOST).and_then(|h| h.to_str().ok());
    // Under this site's `Referrer-Policy: no-referrer` a browser sends
    // "Origin: null" with its own forms: then its `Sec-Fetch-Site` says.
    let origin = headers
        .get(header::ORIGIN)
        .and_then(|o| o.to_str().ok())
        .filter(|o| *o != "null");
    match (origin, host) {
        (Some(origin), Some(host)) => {
            origin
                .strip_prefix("http://")
                .or_else(|| origin.strip_prefix("https://"))
                == Some(host)
        }
        (Some(_), None) => false,
        (None, _) => headers
            .get("sec-fetch-site")
            .is_some_and(|v| v.as_bytes() == b"same-origin"),
    }
}

/// The submitted fields.
#[derive(Default)]
struct Submitted {
    date: String,
    text: String,
    file: Vec<u8>,
}

async fn fields(mut multipart: Multipart) -> Result<Submitted, AppError> {
    let bad =
        |e: axum::extract::multipart::MultipartError| AppError::BadRequest(format!("the form could not be read: {e}"));
    let mut out = Submitted::default();
    while let Some(field) = multipart.next_field().await.map_err(bad)? {
        match field.name() {
            Some("date") => out.date = field.text().await.map_err(bad)?.trim().to_string(),
            Some("text") => out.text = field.text().await.map_err(bad)?,
            Some("file") => out.file = field.bytes().await.map_err(bad)?.to_vec(),
            _ => {}
        }
    }
    Ok(out)
}

pub(super) async fn submit(State(state): State<AppState>, headers: HeaderMap, multipart: Multipart) -> Response {
    match save(&state, &headers, multipart).await {
        Ok(id) => Redirect::to(&format!("/articles/{id}")).into_response(),
        Err((e, form)) => {
            let status = e.status();
            let Some((date, text)) = form else {
                return HtmlError(e).into_response();
            };
            match page(&state, e.to_string(), date, text) {
                Ok(body) => (status, Html(body)).into_response(),
                Err(e) => HtmlError(e).into_response(),
            }
        }
    }
}

/// An error, with the form's values when the form should be shown again.
type Refusal = (AppError, Option<(String, String)>);

async fn save(state: &AppState, headers: &HeaderMap, multipart: Multipart) -> Result<String, Refusal> {
    if !same_origin(headers) {
        return Err((
            AppError::Forbidden("Articles can only be added from this site's own page.".into()),
            None,
        ));
    }
    let Some(intake) = state.intake.clone() else {
        return Err((
            AppError::Unavailable(
                "Adding articles is not available on this server (no data folder to write to).".into(),
            ),
            None,
        ));
    };
    let form = fields(multipart).await.map_err(|e| (e, None))?;
    let again = || Some((form.date.clone(), form.text.clone()));
    let date = match form.date.as_str() {
        "" => None,
        d => Some(super::params::parse_date("date", d).map_err(|e| (e, again()))?),
    };
    let mut bytes = if form.file.is_empty() {
        form.text.clone().into_bytes()
    } else {
        form.file.clone()
    };
    if bytes.len() > MAX_ARTICLE {
        return Err((
            AppError::BadRequest(format!(
                "The article is {} KB; at most {} KB are accepted.",
                bytes.len() / 1024,
                MAX_ARTICLE / 1024
            )),
            again(),
        ));
    }
    let article = crate::reader::read_article(&bytes).map_err(|e| {
        (
            AppError::BadRequest(format!("This cannot be read as an article: {e}.")),
            again(),
        )
    })?;
    if let (Some(d), None) = (date, article.published) {
        bytes = crate::reader::with_date_line(d, &bytes);
    }
    let folder = intake.folder.clone();
    let title = article.title.clone();
    let ingest_now = intake.ingest_now.clone();
    let path = tokio::task::spawn_blocking(move || -> Result<PathBuf, AppError> {
        let path = write_new(&folder, &title, &bytes).map_err(|e| {
            AppError::Unavailable(format!("The article could not be saved in {}: {e}.", folder.display()))
        })?;
        ingest_now().map_err(|e| {
            AppError::Unavailable(format!(
                "The article was saved as {} but could not be read yet: {e}.",
                path.display()
            ))
        })?;
        Ok(path)
    })
    .await
    .map_err(|e| (AppError::from(e), None))?
    .map_err(|e| (e, again()))?;
    // Pages kept from before the ingest go at the next request.
    state.cache.refresh();
    let key = std::fs::canonicalize(&path).unwrap_or(path).display().to_string();
    let id = state
        .read(move |r| Ok(r.article_id_for_path(&key)?))
        .await
        .map_err(|e| (e, None))?;
    id.ok_or_else(|| {
        (
            AppError::Unavailable(
                "The article was saved but is not in the timeline yet; reload the articles page in a moment.".into(),
            ),
            None,
        )
    })
}

/// Write `bytes` to a new file in `folder` named after the time and the
/// title, whole or not at all (written aside, then renamed: the folder's
/// watcher never sees half a file).
fn write_new(folder: &Path, title: &str, bytes: &[u8]) -> std::io::Result<PathBuf> {
    let stamp = chrono::Utc::now().format("%Y%m%d-%H%M%S");
    let slug: String = crate::model::slugify(title).chars().take(50).collect();
    let slug = slug.trim_end_matches('-');
    for n in 1..1000 {
        let name = match n {
            1 => format!("added-{stamp}-{slug}.txt"),
            n => format!("added-{stamp}-{slug}-{n}.txt"),
        };
        let path = folder.join(&name);
        if path.exists() {
            continue;
        }
        let aside = folder.join(format!(".{name}.part"));
        std::fs::write(&aside, bytes)?;
        std::fs::rename(&aside, &path)?;
        return Ok(path);
    }
    Err(std::io::Error::other("too many articles added this second"))
}
