//! Serving: the axum router over a read-only view of the store.

use std::path::Path;

pub async fn serve(_db: &Path, _addr: &str) -> std::io::Result<()> {
    Err(std::io::Error::other("web layer not built yet"))
}
