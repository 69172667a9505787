//! The web layer's error type: every failure becomes a styled page (or a
//! JSON object under /api) with the right status and a sentence that says
//! what was wrong. Internal details are logged, never shown.

use askama::Template;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// The request was malformed: the message says what to send instead.
    #[error("{0}")]
    BadRequest(String),
    /// Nothing at this address.
    #[error("{0}")]
    NotFound(String),
    #[error("this address accepts only {0}")]
    MethodNotAllowed(&'static str),
    /// Refused on purpose (a request from another site).
    #[error("{0}")]
    Forbidden(String),
    /// Cannot be done now, for a reason the user can act on.
    #[error("{0}")]
    Unavailable(String),
    /// The request no longer fits what is stored (an event corrected that
    /// an ingest has just removed).
    #[error("{0}")]
    Conflict(String),
    /// Something broke on our side; the detail goes to the log only.
    #[error("internal error")]
    Internal(String),
}

impl From<crate::store::StoreError> for AppError {
    fn from(e: crate::store::StoreError) -> Self {
        AppError::Internal(e.to_string())
    }
}

impl From<askama::Error> for AppError {
    fn from(e: askama::Error) -> Self {
        AppError::Internal(format!("template: {e}"))
    }
}

impl From<tokio::task::JoinError> for AppError {
    fn from(e: tokio::task::JoinError) -> Self {
        AppError::Internal(format!("worker: {e}"))
    }
}

impl AppError {
    pub fn status(&self) -> StatusCode {
        match self {
            AppError::BadRequest(_) => StatusCode::BAD_REQUEST,
            AppError::NotFound(_) => StatusCode::NOT_FOUND,
            AppError::MethodNotAllowed(_) => StatusCode::METHOD_NOT_ALLOWED,
            AppError::Forbidden(_) => StatusCode::FORBIDDEN,
            AppError::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            AppError::Conflict(_) => StatusCode::CONFLICT,
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn public_message(&self) -> String {
        match self {
            AppError::Internal(_) => {
                "Something went wrong on our side. The problem has been logged; please try again.".into()
            }
            other => other.to_string(),
        }
    }
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage {
    title: String,
    status: u16,
    message: String,
    json_href: Option<String>,
}

/// An error rendered as HTML.
pub struct HtmlError(pub AppError);

/// An error rendered as JSON (for /api routes).
pub struct JsonError(pub AppError);

impl From<AppError> for HtmlError {
    fn from(e: AppError) -> Self {
        HtmlError(e)
    }
}

impl From<AppError> for JsonError {
    fn from(e: AppError) -> Self {
        JsonError(e)
    }
}

fn log(e: &AppError) {
    if let AppError::Internal(detail) = e {
        tracing::error!("{detail}");
    }
}

impl IntoResponse for HtmlError {
    fn into_response(self) -> Response {
        log(&self.0);
        let status = self.0.status();
        let page = ErrorPage {
            title: status.canonical_reason().unwrap_or("Error").to_string(),
            status: status.as_u16(),
            message: self.0.public_message(),
            json_href: None,
        };
        let body = page.render().unwrap_or_else(|_| "error".to_string());
        let mut resp = (status, Html(body)).into_response();
        if let AppError::MethodNotAllowed(allow) = self.0 {
            if let Ok(v) = allow.parse() {
                resp.headers_mut().insert(axum::http::header::ALLOW, v);
            }
        }
        resp
    }
}

impl IntoResponse for JsonError {
    fn into_response(self) -> Response {
        log(&self.0);
        let status = self.0.status();
        let message = self.0.public_message();
        let body = super::api::Error {
            error: super::api::ErrorDetail {
                message: &message,
                status: status.as_u16(),
            },
        };
        (status, axum::Json(body)).into_response()
    }
}
