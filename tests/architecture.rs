//! The dependency rules of ARCHITECTURE.md, checked on the source: which
//! modules a stage may use. A rule broken here is a design change to argue
//! for in ARCHITECTURE.md first.

use std::path::{Path, PathBuf};

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    if dir.is_file() {
        out.push(dir.to_path_buf());
        return;
    }
    let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    for entry in entries {
        let path = entry.expect("a directory entry").path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|x| x == "rs") {
            out.push(path);
        }
    }
}

/// Every `crate::…` and external crate path used in the files under
/// `src/{dir}`, with the file and line, tests included (a test that needs
/// a database belongs in `tests/`).
fn uses(dir: &str) -> Vec<(String, usize, String)> {
    let mut files = Vec::new();
    sources(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src").join(dir), &mut files);
    assert!(!files.is_empty(), "no sources under src/{dir}");
    let mut out = Vec::new();
    for f in files {
        let text = std::fs::read_to_string(&f).expect("a source file");
        for (n, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            let mut rest = code;
            while let Some(at) = rest.find("crate::") {
                let path: String = rest[at..]
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':')
                    .collect();
                out.push((f.display().to_string(), n + 1, path));
                rest = &rest[at + 7..];
            }
            for krate in [
                "rusqlite",
                "tokio",
                "axum",
                "tower",
                "notify",
                "std::net",
                "std::thread",
            ] {
                if code.contains(&format!("{krate}::")) || code.contains(&format!("use {krate}")) {
                    out.push((f.display().to_string(), n + 1, krate.to_string()));
                }
            }
            if code.contains("std::fs::") {
                out.push((f.display().to_string(), n + 1, "std::fs".to_string()));
            }
        }
    }
    out
}

#[test]
fn extraction_uses_only_itself_and_the_model() {
    // Reading the vocabularies is the one I/O, done before extraction.
    let loaders = ["book.rs", "titles.rs", "triggers.rs"];
    for (file, line, path) in uses("extract") {
        let ok = path.starts_with("crate::extract")
            || path.starts_with("crate::model")
            || (path == "std::fs" && loaders.iter().any(|l| file.ends_with(l)));
        assert!(ok, "{file}:{line}: extraction uses {path}");
    }
}

#[test]
fn the_store_uses_only_the_model_and_the_values_it_writes() {
    let wrong: Vec<String> = uses("store")
        .into_iter()
        .filter(|(_, _, path)| {
            !(path.starts_with("crate::store")
                || path.starts_with("crate::model")
                || path == "crate::reader::Article"
                // The "file#line" keys of `.jsonl` articles, to find a
                // file's articles.
                || path.starts_with("crate::reader::jsonl::")
                || path == "crate::extract::Extraction"
                // The corrections file's entries, which the store mirrors
                // and applies.
                || path == "crate::corrections::"
                || path == "rusqlite"
                || path == "std::fs"
                || path == "std::thread")
        })
        .map(|(file, line, path)| format!("{file}:{line}: {path}"))
        .collect();
    assert!(wrong.is_empty(), "the store uses {wrong:#?}");
}

#[test]
fn merging_is_pure() {
    for (file, line, path) in uses("merge.rs") {
        let ok = path.starts_with("crate::model") || path.starts_with("crate::merge");
        assert!(ok, "{file}:{line}: merge uses {path}");
    }
}
