//! `copydesk report`: the sourcing audit of an archive, as one self-contained HTML file or as
//! JSON with the same figures.
//!
//! Stories stream in ([`read`]) in batches; each batch is analysed on all cores (rayon) and each
//! story becomes a [`story::Row`] read from its `analyze` contract object (`cli::contract`, the
//! same JSON `copydesk analyze` prints, so an analysis made elsewhere counts the same). Rows are
//! folded into the [`figures::Figures`] in input order; only the rows and the figures stay in
//! memory, never the texts. A story that cannot be counted (no text, not UTF-8) is reported on
//! stderr and in the report by its id, and the rest are still counted.
//!
//! Exit status: 0, or 1 when a story could not be counted, or 2 when an input could not be read
//! or the report could not be written (that wins).

mod figures;
mod gender;
mod html;
mod read;
mod story;

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, ValueEnum};
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use serde_json::Value;

use crate::analysis::{analyze, Config};

use super::analyze::InputKind;
use super::{contract, input, EXIT_FINDINGS, EXIT_TROUBLE};
use figures::Figures;
use read::{Body, Item, Stories};

/// Stories analysed together on all cores; bounds the texts held at once.
const BATCH: usize = 256;

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// What each input holds.
    #[arg(long, value_enum, default_value_t = InputKind::Text)]
    pub input: InputKind,
    /// A JSON Lines field to group stories by (`desk`, `outlet`, `author`...).
    #[arg(long, value_name = "FIELD")]
    pub by: Option<String>,
    /// Add a clearly labelled estimate of the gender balance of quoted people.
    #[arg(long)]
    pub estimate_gender: bool,
    /// The report's form.
    #[arg(long, value_enum, default_value_t = ReportFormat::Html)]
    pub format: ReportFormat,
    /// Where to write the report; standard output when absent or `-`.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Files or directories of stories; `-` (the default) reads standard input.
    pub paths: Vec<PathBuf>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// One self-contained HTML page (inline SVG charts, no network).
    Html,
    /// One JSON object: `stories` (one row per story) beside the aggregate figures.
    Json,
}

pub fn run(args: ReportArgs) -> ExitCode {
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from("-")]
    } else {
        args.paths.clone()
    };
    let mut trouble = false;
    let inputs = input::collect(&paths, &mut trouble);
    let mut stories = Stories::new(inputs, args.input == InputKind::Jsonl);
    let mut figures = Figures::new(args.by.clone(), args.estimate_gender);
    figures.keep_notes = args.format == ReportFormat::Html;
    let figures = tally(&mut stories, figures);
    trouble |= stories.trouble;
    if let Err(e) = write(&args, &figures) {
        let name = args
            .out
            .as_ref()
            .map_or("stdout".to_string(), |p| p.display().to_string());
        input::report(&name, &e);
        return ExitCode::from(EXIT_TROUBLE);
    }
    if trouble {
        ExitCode::from(EXIT_TROUBLE)
    } else if !figures.errors.is_empty() {
        ExitCode::from(EXIT_FINDINGS)
    } else {
        ExitCode::SUCCESS
    }
}

/// Counts every story, batch by batch, in input order.
fn tally(stories: &mut Stories, mut figures: Figures) -> Figures {
    let progress = progress_bar();
    loop {
        let batch: Vec<Item> = stories.by_ref().take(BATCH).collect();
        if batch.is_empty() {
            break;
        }
        let by = figures.by.as_deref();
        let counted: Vec<Result<story::Row, (Value, String)>> =
            batch.into_par_iter().map(|item| count(item.resolve(by))).collect();
        for c in counted {
            match c {
                Ok(row) => figures.add(row),
                Err((id, error)) => {
                    input::report(&id_label(&id), &error);
                    figures.fail(id, error);
                }
            }
            progress.inc(1);
        }
    }
    progress.finish_and_clear();
    figures
}

/// One story's row, analysing it here unless its analysis came with it.
fn count(item: Item) -> Result<story::Row, (Value, String)> {
    match item {
        Item::Story {
            id,
            body: Body::Text(text, format),
            meta,
        } => {
            let a = analyze(&text, &Config::with_format(format));
            let doc = contract::document(id, &text, &a);
            Ok(story::row(&doc, story::words(&text), meta))
        }
        Item::Story {
            body: Body::Analysis(doc, words),
            meta,
            ..
        } => Ok(story::row(&doc, words, meta)),
        Item::Bad { id, error } => Err((id, error)),
        Item::Line { place, .. } => Err((Value::Null, format!("{place}: not parsed"))),
    }
}

/// A spinner with a count on stderr, only when stderr is a terminal.
fn progress_bar() -> ProgressBar {
    if !io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new_spinner();
    if let Ok(style) = ProgressStyle::with_template("{spinner} {pos} stories, {per_sec}, {elapsed}") {
        bar.set_style(style);
    }
    bar.enable_steady_tick(std::time::Duration::from_millis(200));
    bar
}

fn id_label(id: &Value) -> String {
    match id {
        Value::String(s) => s.clone(),
        Value::Null => "(no id)".to_string(),
        other => other.to_string(),
    }
}

fn write(args: &ReportArgs, figures: &Figures) -> io::Result<()> {
    let mut out: Box<dyn Write> = match &args.out {
        Some(p) if p.as_os_str() != "-" => Box::new(io::BufWriter::new(std::fs::File::create(p)?)),
        _ => Box::new(io::BufWriter::new(io::stdout().lock())),
    };
    match args.format {
        ReportFormat::Json => figures.write_json(&mut out)?,
        ReportFormat::Html => html::render(&mut out, figures)?,
    }
    out.flush()
}
