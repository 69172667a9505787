//! The command line as a user meets it: addresses, missing paths, how much
//! it logs, what it says about skipped files, `extract`'s table, and help.

mod common;

use common::*;
use std::io::BufRead;
use std::path::Path;
use std::process::{Output, Stdio};

fn text(o: &Output) -> (String, String) {
    (
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

/// An article folder with one short report in it.
fn one_article(dir: &Path) -> std::path::PathBuf {
    let data = dir.join("articles");
    std::fs::create_dir_all(&data).expect("folder");
    std::fs::write(
        data.join("a.txt"),
        " date 2025-03-04\nCall between leaders\n\nSylvanian President Ann Alpha spoke by phone with Freedonian President Bo Beta on Monday.\n",
    )
    .expect("article");
    data
}

#[test]
fn a_port_in_use_is_named_before_anything_is_read() {
    let dir = tempfile::tempdir().expect("dir");
    let taken = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = taken.local_addr().expect("address").port();
    let db = dir.path().join("r.db");
    let out = readout()
        .args(["serve", "--addr", &port.to_string(), "--db"])
        .arg(&db)
        .arg("--data")
        .arg(one_article(dir.path()))
        .output()
        .expect("run");
    let (_, err) = text(&out);
    assert!(!out.status.success());
    assert!(err.contains(&format!("127.0.0.1:{port}")), "{err}");
    assert!(err.contains("in use") && err.contains("--addr"), "{err}");
    assert!(!db.exists(), "nothing is ingested when the address is taken");
}

#[test]
fn a_bare_port_listens_on_loopback() {
    let dir = tempfile::tempdir().expect("dir");
    let port = free_port();
    let mut child = readout()
        .args(["serve", "--addr", &port.to_string(), "--db"])
        .arg(dir.path().join("r.db"))
        .arg("--data")
        .arg(one_article(dir.path()))
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn");
    let stdout = child.stdout.take().expect("stdout");
    let first = std::io::BufReader::new(stdout).lines().next().and_then(Result::ok);
    let page = http_get(port, "/api/events");
    child.kill().expect("kill");
    child.wait().expect("wait");
    assert_eq!(
        first.as_deref(),
        Some(format!("Readout is serving http://127.0.0.1:{port}").as_str())
    );
    assert!(page.is_some_and(|p| p.starts_with("HTTP/1.1 200")));
}

#[test]
fn an_address_that_is_none_says_what_to_write() {
    let dir = tempfile::tempdir().expect("dir");
    for bad in ["localhost:port", "3001x", ""] {
        let out = readout()
            .args(["serve", "--addr", bad, "--db"])
            .arg(dir.path().join("r.db"))
            .output()
            .expect("run");
        let (_, err) = text(&out);
        assert!(!out.status.success(), "{bad:?}");
        assert!(
            err.contains("--addr 3001") && err.contains("127.0.0.1:3001"),
            "{bad:?}: {err}"
        );
    }
}

#[test]
fn missing_folders_and_databases_are_errors_that_create_nothing() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("typo.db");
    let missing = dir.path().join("no-such-folder");

    let out = readout()
        .arg("ingest")
        .arg(&missing)
        .arg("--db")
        .arg(&db)
        .output()
        .expect("run");
    let (_, err) = text(&out);
    assert!(!out.status.success());
    assert!(
        err.contains("no-such-folder") && err.contains("no such file or folder"),
        "{err}"
    );

    for args in [vec!["export"], vec!["export", "--format", "csv"]] {
        let out = readout().args(&args).arg("--db").arg(&db).output().expect("run");
        let (_, err) = text(&out);
        assert!(!out.status.success(), "{args:?}");
        assert!(err.contains("no database at") && err.contains("typo.db"), "{err}");
    }
    let gold = dir.path().join("gold.json");
    std::fs::write(&gold, r#"{"events": []}"#).expect("gold");
    let out = readout()
        .arg("eval")
        .arg(&gold)
        .arg("--db")
        .arg(&db)
        .output()
        .expect("run");
    assert!(!out.status.success());
    assert!(text(&out).1.contains("no database at"));

    let out = readout()
        .args(["serve", "--addr", "0", "--db"])
        .arg(&db)
        .arg("--data")
        .arg(&missing)
        .output()
        .expect("run");
    let (_, err) = text(&out);
    assert!(!out.status.success());
    assert!(
        err.contains("no article folder") && err.contains("no-such-folder"),
        "{err}"
    );

    assert!(!db.exists(), "no command created the database");
}

#[test]
fn only_warnings_are_logged_unless_asked_for_more() {
    let dir = tempfile::tempdir().expect("dir");
    let data = one_article(dir.path());
    let quiet = readout()
        .arg("ingest")
        .arg(&data)
        .arg("--db")
        .arg(dir.path().join("a.db"))
        .env_remove("READOUT_LOG")
        .output()
        .expect("run");
    let (out, err) = text(&quiet);
    assert!(quiet.status.success(), "{err}");
    assert!(out.contains("files read: 1"), "{out}");
    assert!(!err.contains("INFO"), "{err}");
    let chatty = readout()
        .args(["-v", "ingest"])
        .arg(&data)
        .arg("--db")
        .arg(dir.path().join("b.db"))
        .env_remove("READOUT_LOG")
        .output()
        .expect("run");
    assert!(text(&chatty).1.contains("INFO"), "{}", text(&chatty).1);
}

#[test]
fn ingest_counts_the_files_it_skips_by_type() {
    let dir = tempfile::tempdir().expect("dir");
    let data = one_article(dir.path());
    for f in ["memo.pdf", "notes.PDF", "draft.docx", "README", ".hidden"] {
        std::fs::write(data.join(f), "x").expect("file");
    }
    let out = readout()
        .arg("ingest")
        .arg(&data)
        .arg("--db")
        .arg(dir.path().join("r.db"))
        .output()
        .expect("run");
    let (out_text, err) = text(&out);
    assert!(out.status.success(), "{err}");
    let line = out_text
        .lines()
        .find(|l| l.starts_with("skipped"))
        .unwrap_or_else(|| panic!("{out_text}"));
    assert!(line.contains("2 .pdf") && line.contains("1 .docx"), "{line}");
    assert!(
        line.contains("1 without extension") && !line.contains("hidden"),
        "{line}"
    );
}

#[test]
fn extract_prints_a_table_or_says_it_found_nothing() {
    let dir = tempfile::tempdir().expect("dir");
    let data = one_article(dir.path());
    let out = readout().arg("extract").arg(data.join("a.txt")).output().expect("run");
    let (table, err) = text(&out);
    assert!(out.status.success(), "{err}");
    assert!(
        table.contains("title:") && table.contains("published:  2025-03-04"),
        "{table}"
    );
    assert!(table.contains("kind") && table.contains("call"), "{table}");
    assert!(table.contains("Ann Alpha") && table.contains("Bo Beta"), "{table}");
    assert!(!table.contains("Some(") && !table.contains("None"), "{table}");

    let empty = dir.path().join("weather.txt");
    std::fs::write(
        &empty,
        " date 2025-03-04\nRain is expected on Tuesday across the north.\n",
    )
    .expect("file");
    let out = readout().arg("extract").arg(&empty).output().expect("run");
    let (table, _) = text(&out);
    assert!(out.status.success());
    assert!(table.contains("no events found"), "{table}");
}

#[test]
fn help_names_the_default_command_and_every_argument() {
    let out = readout().arg("--help").output().expect("run");
    let (help, _) = text(&out);
    assert!(help.contains("With no command, readout serves"), "{help}");
    assert!(help.contains("-v") && help.contains("More log lines"), "{help}");
    for (cmd, arg) in [
        ("ingest", "Article files, or folders"),
        ("export", "json: events"),
        ("eval", "Gold timeline"),
        ("extract", "An article file"),
        ("serve", "Address to listen on"),
    ] {
        let out = readout().args([cmd, "--help"]).output().expect("run");
        let (help, _) = text(&out);
        assert!(help.contains(arg), "{cmd}: {help}");
        // Every option and argument has words after it.
        for line in help
            .lines()
            .filter(|l| l.trim_start().starts_with('-') || l.trim_start().starts_with('<'))
        {
            let words = line.split("  ").filter(|p| !p.trim().is_empty()).count();
            assert!(
                words >= 2 || help.contains(&format!("{}\n          ", line.trim_end())),
                "{cmd}: {line:?}"
            );
        }
    }
}

/// A broken corrections file does not stop the server: it serves the
/// timeline uncorrected and says what is wrong, naming the line.
#[test]
fn serve_starts_with_a_broken_corrections_file() {
    let dir = tempfile::tempdir().expect("dir");
    let data = one_article(dir.path());
    std::fs::write(data.join("corrections.toml"), "[[event]]\nn = 1\nchange = hide\n").expect("write");
    let port = free_port();
    let _server = Child(
        readout()
            .args(["serve", "--addr", &port.to_string(), "--db"])
            .arg(dir.path().join("r.db"))
            .arg("--data")
            .arg(&data)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn"),
    );
    assert!(
        wait_for(port, "/api/corrections", |b| b.contains("line 3")),
        "the problem was never said"
    );
    assert!(
        wait_for(port, "/api/events", |b| b.contains("\"total\":1")),
        "nothing served"
    );
    assert_eq!(
        std::fs::read_to_string(data.join("corrections.toml")).expect("read"),
        "[[event]]\nn = 1\nchange = hide\n"
    );
}
