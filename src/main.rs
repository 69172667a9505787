//! The `readout` command line: serve (default), ingest, export, eval, extract.

use clap::{Parser, Subcommand, ValueEnum};
use readout::extract::actors::titles::{TitleError, Titles};
use readout::extract::actors::{ActorBook, BookError};
use readout::extract::events::triggers::{TriggerError, Triggers};
use readout::ingest::{IngestError, IngestOptions};
use readout::store::{Store, StoreError};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The actor book shipped with the binary, used when `data/actors.toml` is
/// not found (e.g. running the binary from another folder).
const EMBEDDED_BOOK: &str = include_str!("../data/actors.toml");
const DEFAULT_BOOK: &str = "data/actors.toml";
/// Like the book: the built-in vocabulary when `data/triggers.toml` is absent.
const DEFAULT_TRIGGERS: &str = "data/triggers.toml";
/// Like the book: the built-in titles when `data/titles.toml` is absent.
const DEFAULT_TITLES: &str = "data/titles.toml";
/// The folder `serve` reads when none is given.
const DEFAULT_DATA: &str = "data/articles";

#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "readout",
    version,
    about = "Diplomacy news in, an evidence-backed timeline out.",
    long_about = "Diplomacy news in, an evidence-backed timeline out.\n\n\
        With no command, readout serves: it reads the articles of --data \
        into --db and opens the dashboard at --addr (the same as `readout serve`). \
        Paths are relative to the current folder.",
    after_help = "With no command, readout serves (see `readout serve --help`)."
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    #[command(flatten)]
    serve: ServeArgs,
    /// More log lines on standard error: -v for progress notes, -vv for
    /// debugging. Warnings and errors are always shown; READOUT_LOG (a
    /// tracing filter such as "readout=debug") overrides.
    #[arg(short = 'v', action = clap::ArgAction::Count, global = true)]
    verbosity: u8,
}

#[derive(clap::Args, Clone)]
struct DbArgs {
    /// SQLite database file. `serve` and `ingest` create it; the other
    /// commands need it to exist.
    #[arg(long, env = "READOUT_DB", default_value = "readout.db", global = true)]
    db: PathBuf,
    /// Actor book (TOML): known people, offices, states and outlets. The
    /// copy built into the binary is used when the default is absent.
    #[arg(long, env = "READOUT_ACTORS", default_value = DEFAULT_BOOK, global = true)]
    actors: PathBuf,
    /// Trigger vocabulary (TOML): the phrasings of calls, talks,
    /// statements and demands. Built-in copy when the default is absent.
    #[arg(long, env = "READOUT_TRIGGERS", default_value = DEFAULT_TRIGGERS, global = true)]
    triggers: PathBuf,
    /// Title vocabulary (TOML): titles, honorifics, offices and the other
    /// words around names. Built-in copy when the default is absent.
    #[arg(long, env = "READOUT_TITLES", default_value = DEFAULT_TITLES, global = true)]
    titles: PathBuf,
}

#[derive(clap::Args, Clone)]
struct ServeArgs {
    /// Folder of articles, read before serving and watched while serving
    /// (.txt, .md, .html, .htm, .jsonl). Given and missing: an error; the
    /// default missing: the database is served as it is.
    #[arg(long, env = "READOUT_DATA", default_value = DEFAULT_DATA)]
    data: PathBuf,
    /// Address to listen on: a port ("3001", on loopback) or an address and
    /// port ("0.0.0.0:3001" lets other machines in).
    #[arg(long, env = "READOUT_ADDR", default_value = "127.0.0.1:3000")]
    addr: String,
    /// Name recorded with each correction and note made on the pages
    /// (they go into corrections.toml in the data folder).
    #[arg(long, env = "READOUT_USER")]
    user: Option<String>,
    #[command(flatten)]
    db: DbArgs,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Json,
    Csv,
}

#[derive(Subcommand)]
enum Command {
    /// Ingest the data folder (new or changed files only), then serve the
    /// dashboard (the default command).
    Serve(ServeArgs),
    /// Ingest files or folders (recursively; .txt, .md, .html, .htm, .jsonl).
    Ingest {
        /// Article files, or folders read recursively. Each must exist.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Reject files larger than this many bytes.
        #[arg(long, default_value_t = 16 * 1024 * 1024)]
        max_file_bytes: u64,
        #[command(flatten)]
        db: DbArgs,
    },
    /// Print the whole timeline, with actors and evidence.
    Export {
        /// json: events with their actors and sources; csv: one row per event.
        #[arg(long, value_enum, default_value = "json")]
        format: Format,
        #[command(flatten)]
        db: DbArgs,
    },
    /// Score the timeline against a gold file (the rules: docs/scoring.md).
    Eval {
        /// Gold timeline (JSON), as in the evaluation corpus.
        gold: PathBuf,
        /// List missed and extra events.
        #[arg(long)]
        verbose: bool,
        /// Score the timeline as corrected by the analyst (corrections.toml),
        /// not the extractor's own output.
        #[arg(long)]
        with_corrections: bool,
        #[command(flatten)]
        db: DbArgs,
    },
    /// Show what extraction finds in one file, without storing anything.
    Extract {
        /// An article file (.txt, .md, .html, .htm, .jsonl).
        file: PathBuf,
        #[command(flatten)]
        db: DbArgs,
    },
}

/// Errors of the command line, each turned into one clear message.
#[derive(Debug, thiserror::Error)]
enum CliError {
    #[error(transparent)]
    Book(#[from] BookError),
    #[error(transparent)]
    Triggers(#[from] TriggerError),
    #[error(transparent)]
    Titles(#[from] TitleError),
    #[error("{0}")]
    Store(#[from] StoreError),
    #[error("{0}")]
    Ingest(#[from] IngestError),
    #[error("cannot read {path}: {source}")]
    Read { path: String, source: std::io::Error },
    #[error("{0}")]
    Eval(#[from] readout::eval::EvalError),
    #[error("{path} is not valid JSON: {source}")]
    Json { path: String, source: serde_json::Error },
    #[error("{0}")]
    Missing(String),
    #[error("{0}")]
    Listen(String),
    #[error("cannot write CSV: {0}")]
    Csv(#[from] csv::Error),
    #[error("cannot serve: {0}")]
    Serve(String),
    #[error("{0}")]
    Article(#[from] readout::reader::ReadError),
}

/// The actor book with the trigger and title vocabularies it is read with.
fn load_book(args: &DbArgs) -> Result<ActorBook, CliError> {
    let mut book = load_actors(&args.actors)?;
    let path = args.triggers.as_path();
    if path == Path::new(DEFAULT_TRIGGERS) && !path.exists() {
        tracing::info!("{DEFAULT_TRIGGERS} not found; using the trigger vocabulary built into the binary");
    } else {
        book = book.with_triggers(std::sync::Arc::new(Triggers::load(path)?));
    }
    let path = args.titles.as_path();
    if path == Path::new(DEFAULT_TITLES) && !path.exists() {
        tracing::info!("{DEFAULT_TITLES} not found; using the title vocabulary built into the binary");
    } else {
        book = book.with_titles(std::sync::Arc::new(Titles::load(path)?));
    }
    Ok(book)
}

fn load_actors(path: &Path) -> Result<ActorBook, CliError> {
    if path == Path::new(DEFAULT_BOOK) && !path.exists() {
        tracing::info!("{DEFAULT_BOOK} not found; using the actor book built into the binary");
        return ActorBook::parse(EMBEDDED_BOOK).map_err(|message| {
            CliError::Book(BookError::Parse {
                path: "(built-in)".into(),
                message,
            })
        });
    }
    Ok(ActorBook::load(path)?)
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let level = match cli.verbosity {
        0 => "warn",
        1 => "info",
        _ => "debug",
    };
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::try_from_env("READOUT_LOG").unwrap_or_else(|_| level.into()))
        .with_writer(std::io::stderr)
        // Colours only for a person at a terminal, not in logs and pipes.
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .init();
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode, CliError> {
    match cli.command {
        None => serve(cli.serve),
        Some(Command::Serve(args)) => serve(args),
        Some(Command::Ingest {
            paths,
            max_file_bytes,
            db,
        }) => {
            let missing: Vec<String> = paths
                .iter()
                .filter(|p| !p.exists())
                .map(|p| p.display().to_string())
                .collect();
            if !missing.is_empty() {
                return Err(CliError::Missing(format!(
                    "nothing to ingest at {} (no such file or folder); nothing was written",
                    missing.join(", ")
                )));
            }
            let clock = std::time::Instant::now();
            let book = load_book(&db)?;
            tracing::debug!(took = ?clock.elapsed(), "actor book");
            let clock = std::time::Instant::now();
            let mut store = Store::open(&db.db)?;
            tracing::debug!(took = ?clock.elapsed(), "open database");
            let clock = std::time::Instant::now();
            let mut shown = ProgressDisplay::new();
            let report = readout::ingest::ingest_with_progress(
                &mut store,
                &book,
                &paths,
                &IngestOptions { max_file_bytes },
                &mut |p| shown.update(p),
            )?;
            shown.finish();
            tracing::debug!(took = ?clock.elapsed(), "ingest");
            println!("{}", report.summary());
            Ok(if report.rejected.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            })
        }
        Some(Command::Export { format, db }) => {
            let store = open_existing(&db.db)?;
            let export = readout::export::build(&store.reader())?;
            match format {
                Format::Json => {
                    let s = serde_json::to_string_pretty(&export).map_err(|e| CliError::Serve(e.to_string()))?;
                    println!("{s}");
                }
                Format::Csv => print!("{}", readout::export::to_csv(&export)?),
            }
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Eval {
            gold,
            verbose,
            with_corrections,
            db,
        }) => {
            let text = std::fs::read_to_string(&gold).map_err(|e| CliError::Read {
                path: gold.display().to_string(),
                source: e,
            })?;
            let gold_json: serde_json::Value = serde_json::from_str(&text).map_err(|e| CliError::Json {
                path: gold.display().to_string(),
                source: e,
            })?;
            let store = open_existing(&db.db)?;
            let has_corrections = !store.reader().corrections()?.is_empty();
            let export = if with_corrections || !has_corrections {
                readout::export::build(&store.reader())?
            } else {
                // The extractor's own output: a copy without corrections,
                // removed afterwards.
                struct Gone(PathBuf);
                impl Drop for Gone {
                    fn drop(&mut self) {
                        for ext in ["", "-wal", "-shm"] {
                            let _ = std::fs::remove_file(format!("{}{ext}", self.0.display()));
                        }
                    }
                }
                let path = Gone(std::env::temp_dir().join(format!("readout-eval-{}.db", std::process::id())));
                drop(Gone(path.0.clone()));
                let copy = readout::timeline::uncorrected_copy(&store, &path.0)?;
                let export = readout::export::build(&copy.reader())?;
                drop(copy);
                export
            };
            let score = readout::eval::score(&gold_json, &readout::eval::sys_events(&export))?;
            println!("{}", score.render(verbose));
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Extract { file, db }) => {
            let book = load_book(&db)?;
            let bytes = std::fs::read(&file).map_err(|e| CliError::Read {
                path: file.display().to_string(),
                source: e,
            })?;
            let article = readout::reader::read_by_extension(&bytes, file.extension().and_then(|e| e.to_str()))?;
            let x = readout::extract::extract(&article.body, article.published, &book);
            print!("{}", extract_table(&article, &x));
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// What `readout extract` prints: the article's title and date, then one
/// block per event (kind, status, date and where it came from, actors,
/// the trigger words and the sentence), or "no events found".
fn extract_table(article: &readout::reader::Article, x: &readout::extract::Extraction) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    let _ = writeln!(out, "title:      {}", article.title);
    let date = match (article.published, x.inferred_date) {
        (Some(d), _) => d.to_string(),
        (None, Some((d, how))) => format!("{d} (inferred: {how})"),
        (None, None) => "undated".into(),
    };
    let _ = writeln!(out, "published:  {date}");
    if x.mentions.is_empty() {
        let _ = writeln!(out, "\nno events found");
        return out;
    }
    let _ = writeln!(out, "\n{} event mention(s):", x.mentions.len());
    let _ = writeln!(
        out,
        "\n  {:<9}  {:<7}  {:<24}  actors",
        "kind", "status", "date (source)"
    );
    for m in &x.mentions {
        let names: Vec<&str> = m.actors.iter().map(|&a| x.actors[a].name.as_str()).collect();
        let when = match m.date {
            Some(d) if d.precision == readout::model::Precision::Day => d.date.to_string(),
            Some(d) => format!("{} of {}", d.precision.as_str(), d.date),
            None => "undated".into(),
        };
        let sentence = article.body.get(m.sentence.start..m.sentence.end).unwrap_or("");
        let trigger = article.body.get(m.trigger.0..m.trigger.1).unwrap_or("");
        let _ = writeln!(
            out,
            "\n  {:<9}  {:<7}  {:<24}  {}",
            m.kind.as_str(),
            m.status.as_str(),
            format!("{when} ({})", m.date_source.as_str()),
            if names.is_empty() {
                "(none)".to_string()
            } else {
                names.join(", ")
            }
        );
        let _ = writeln!(out, "  trigger: {trigger:?}");
        let _ = writeln!(out, "  {}", sentence.split_whitespace().collect::<Vec<_>>().join(" "));
    }
    out
}

/// A database that must exist already (export, eval): opening a wrong path
/// would create an empty one and report an empty timeline.
fn open_existing(db: &Path) -> Result<Store, CliError> {
    if !db.is_file() {
        return Err(CliError::Missing(format!(
            "no database at {} (run `readout ingest FOLDER --db {}` first, or give the right --db)",
            db.display(),
            db.display()
        )));
    }
    Ok(Store::open(db)?)
}

/// The socket `serve` listens on, bound before anything is read so that a
/// port in use is said at once. A bare port means loopback.
fn listen(addr: &str) -> Result<std::net::TcpListener, CliError> {
    use std::net::ToSocketAddrs;
    let text = addr.trim();
    let full = if !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) {
        format!("127.0.0.1:{text}")
    } else {
        text.to_string()
    };
    let targets: Vec<std::net::SocketAddr> = full.to_socket_addrs().map(|a| a.collect()).map_err(|_| {
        CliError::Listen(format!(
            "--addr {addr:?} is not an address: give a port (--addr 3001) or an address and port (--addr 127.0.0.1:3001)"
        ))
    })?;
    let mut last = None;
    for target in &targets {
        match std::net::TcpListener::bind(target) {
            Ok(l) => return Ok(l),
            Err(e) => last = Some((target, e)),
        }
    }
    Err(CliError::Listen(match last {
        Some((target, e)) if e.kind() == std::io::ErrorKind::AddrInUse => format!(
            "cannot listen on {target}: the address is in use (is Readout already running?). \
             Choose another with --addr, e.g. --addr {}",
            target.port().checked_add(1).unwrap_or(3001)
        ),
        Some((target, e)) => format!("cannot listen on {target}: {e}. Choose another address with --addr"),
        None => format!("--addr {addr:?} names no address"),
    }))
}

fn serve(args: ServeArgs) -> Result<ExitCode, CliError> {
    let listener = listen(&args.addr)?;
    if !args.data.exists() && args.data != Path::new(DEFAULT_DATA) {
        return Err(CliError::Missing(format!(
            "no article folder at {} (give an existing folder with --data)",
            args.data.display()
        )));
    }
    let book = load_book(&args.db)?;
    let store = match Store::open(&args.db.db) {
        Ok(s) => Some(s),
        // A database that can be read but not written (read-only file or
        // disk, full disk): still worth serving.
        Err(e) if args.db.db.exists() => {
            tracing::error!(
                "cannot open {} for writing: {e}. Serving what it holds; {} is not read",
                args.db.db.display(),
                args.data.display()
            );
            None
        }
        Err(e) => return Err(e.into()),
    };
    let writer = match store {
        None => None,
        Some(mut store) => {
            let data = if args.data.exists() {
                Some(args.data.clone())
            } else {
                tracing::warn!(
                    "data folder {} does not exist; serving what the database holds",
                    args.data.display()
                );
                None
            };
            // A first run: the timeline is empty until the folder is read,
            // so it is read before serving (if that fails, say on a full
            // disk, the server still starts and says why). Otherwise the
            // database already holds a timeline: it is served at once and
            // brought up to date with the folder beside (readers see the
            // state before or after that one transaction, never half of it).
            let first_run = data.is_some() && store.has_no_articles()?;
            if let (true, Some(d)) = (first_run, &data) {
                let _ = readout::serve::ingest_folder(&mut store, &book, d);
            }
            let mut thread = readout::serve::StoreThread::start(store, book, data, !first_run);
            if let Some(u) = args.user.as_deref().map(str::trim).filter(|u| !u.is_empty()) {
                thread.user = Some(u.to_string());
            }
            Some(thread)
        }
    };
    let intake = writer.as_ref().and_then(|w| w.intake());
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| CliError::Serve(e.to_string()))?;
    rt.block_on(readout::web::serve(&args.db.db, listener, intake))
        .map_err(|e| CliError::Serve(e.to_string()))?;
    // An ingest still running is abandoned: its transaction is rolled
    // back, and the next start does it again.
    drop(writer);
    Ok(ExitCode::SUCCESS)
}

/// Progress of `readout ingest` on standard error: a bar with rate and ETA
/// on a terminal, otherwise a plain line every few seconds (logs and pipes
/// get no control characters).
enum ProgressDisplay {
    Bar(indicatif::ProgressBar),
    Lines {
        started: std::time::Instant,
        last: Option<std::time::Instant>,
    },
}

impl ProgressDisplay {
    /// Seconds between plain progress lines.
    const EVERY: std::time::Duration = std::time::Duration::from_secs(5);

    fn new() -> ProgressDisplay {
        use std::io::IsTerminal;
        if std::io::stderr().is_terminal() {
            let bar = indicatif::ProgressBar::new(0);
            if let Ok(style) =
                indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} files  {per_sec}  ETA {eta}  {msg}")
            {
                bar.set_style(style);
            }
            ProgressDisplay::Bar(bar)
        } else {
            ProgressDisplay::Lines {
                started: std::time::Instant::now(),
                last: None,
            }
        }
    }

    fn update(&mut self, p: readout::ingest::Progress) {
        use readout::ingest::Progress;
        match (self, p) {
            (ProgressDisplay::Bar(bar), Progress::Files { done, total }) => {
                bar.set_length(total as u64);
                bar.set_position(done as u64);
            }
            (ProgressDisplay::Bar(bar), Progress::Merging) => bar.set_message("merging events"),
            (ProgressDisplay::Lines { started, last }, Progress::Files { done, total }) => {
                let now = std::time::Instant::now();
                let due = last.is_none_or(|t| now.duration_since(t) >= Self::EVERY);
                if due || done == total {
                    let rate = done as f64 / now.duration_since(*started).as_secs_f64().max(0.001);
                    eprintln!("ingest: {done}/{total} files read ({rate:.0} files/s)");
                    *last = Some(now);
                }
            }
            (ProgressDisplay::Lines { .. }, Progress::Merging) => eprintln!("ingest: merging events"),
        }
    }

    fn finish(&self) {
        if let ProgressDisplay::Bar(bar) = self {
            bar.finish_and_clear();
        }
    }
}
