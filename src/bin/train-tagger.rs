//! Trains the person-name tagger from JSON Lines files and writes its weights.
//!
//! ```text
//! cargo run --release --bin train-tagger -- ../shared/train/persons [--out data/tagger/persons.bin]
//!     [--epochs 20] [--cc-by-only]
//! ```
//!
//! Every `*.jsonl` file in the directory is read (sorted by name): one document a line,
//! `{"id", "text", "spans": [{"start", "end", "label": "PERSON"}], "meta"}`, offsets in code
//! points. One document in ten (by a hash of its id) is held out to choose the epoch; the
//! averaged weights of the best epoch are written. `--cc-by-only` skips the CC-BY-SA parts (the
//! Universal NER files and Wikivoyage documents of GUM). Never point it at evaluation data.

use std::path::{Path, PathBuf};
use std::time::Instant;

use copydesk::analysis::people::tagger::train::{examples, train, Example};
use serde::Deserialize;

/// What went wrong, said in full: the only error this binary has.
type Result<T> = std::result::Result<T, String>;

#[derive(Deserialize)]
struct Doc {
    id: String,
    text: String,
    spans: Vec<Span>,
    #[serde(default)]
    meta: serde_json::Value,
}

#[derive(Deserialize)]
struct Span {
    start: usize,
    end: usize,
    label: String,
}

struct Args {
    dir: PathBuf,
    out: PathBuf,
    epochs: usize,
    cc_by_only: bool,
}

fn args() -> Result<Args> {
    let mut a = Args {
        dir: PathBuf::new(),
        out: PathBuf::from("data/tagger/persons.bin"),
        epochs: 20,
        cc_by_only: false,
    };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--out" => a.out = it.next().ok_or("--out needs a path")?.into(),
            "--epochs" => {
                let n = it.next().ok_or("--epochs needs a number")?;
                a.epochs = n.parse().map_err(|e| format!("--epochs {n}: {e}"))?;
            }
            "--cc-by-only" => a.cc_by_only = true,
            _ if a.dir.as_os_str().is_empty() => a.dir = arg.into(),
            _ => return Err(format!("unexpected argument {arg}")),
        }
    }
    if a.dir.as_os_str().is_empty() {
        return Err("usage: train-tagger DIR [--out FILE] [--epochs N] [--cc-by-only]".into());
    }
    if a.dir.components().any(|c| c.as_os_str() == "eval") {
        return Err(format!(
            "refusing to train on an evaluation directory: {}",
            a.dir.display()
        ));
    }
    Ok(a)
}

/// Whether a document may be used under `--cc-by-only`.
fn cc_by(file: &Path, doc: &Doc) -> bool {
    let name = file.file_name().and_then(|n| n.to_str()).unwrap_or("");
    let licence = doc.meta.get("text_licence").and_then(|l| l.as_str()).unwrap_or("");
    !name.starts_with("uner") && !licence.contains("SA")
}

/// Byte offset of code point `cp` in `text`.
fn byte_at(text: &str, cp: usize) -> usize {
    text.char_indices().nth(cp).map_or(text.len(), |(b, _)| b)
}

fn held_out(id: &str) -> bool {
    let h = id.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    });
    h % 10 == 0
}

fn main() -> Result<()> {
    let a = args()?;
    let started = Instant::now();
    let mut files: Vec<PathBuf> = std::fs::read_dir(&a.dir)
        .map_err(|e| format!("reading {}: {e}", a.dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
        .collect();
    files.sort();
    let (mut fit, mut held): (Vec<Example>, Vec<Example>) = (Vec::new(), Vec::new());
    let mut docs = 0;
    for file in &files {
        let data = std::fs::read_to_string(file).map_err(|e| format!("reading {}: {e}", file.display()))?;
        for (n, line) in data.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
            let doc: Doc = serde_json::from_str(line).map_err(|e| format!("{}:{}: {e}", file.display(), n + 1))?;
            if a.cc_by_only && !cc_by(file, &doc) {
                continue;
            }
            let names: Vec<_> = doc
                .spans
                .iter()
                .filter(|s| s.label == "PERSON")
                .map(|s| byte_at(&doc.text, s.start)..byte_at(&doc.text, s.end))
                .collect();
            let ex = examples(&doc.text, &names);
            if held_out(&doc.id) {
                held.extend(ex);
            } else {
                fit.extend(ex);
            }
            docs += 1;
        }
    }
    eprintln!(
        "{docs} documents from {} files: {} training sentences, {} held out",
        files.len(),
        fit.len(),
        held.len()
    );
    let (model, report) = train(&fit, &held, a.epochs, 0x5eed);
    for (i, (p, r, f)) in report.epochs.iter().enumerate() {
        eprintln!("epoch {:2}: held-out P {p:.3} R {r:.3} F1 {f:.3}", i + 1);
    }
    eprintln!("kept epoch {}", report.best);
    let bytes = model.to_bytes();
    std::fs::write(&a.out, &bytes).map_err(|e| format!("writing {}: {e}", a.out.display()))?;
    eprintln!(
        "wrote {} ({} bytes) in {:.1}s",
        a.out.display(),
        bytes.len(),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}
