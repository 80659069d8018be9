//! The pure core: text and [`Config`] in, [`Analysis`] out.
//!
//! Nothing in this module tree knows about LSP, JSON, files, the environment or async. It never
//! fails and never panics, whatever the input. Every offset is a byte offset into the analysed
//! text and always lies on a `char` boundary; conversion to anything else happens at the edge
//! (`crate::server::convert`, `crate::cli`).
//!
//! The pipeline, in order:
//! 1. [`segment`]: paragraphs, sentences and tokens; Markdown constructs that are not prose
//!    (code, front matter, HTML, link destinations) are masked to spaces so offsets never move.
//! 2. [`people`]: person mentions, grouped into people, with descriptors and ages.
//! 3. [`attribution`]: cue + source phrase + claim for every attribution; sources classified.
//! 4. [`quotes`]: quotation spans, their kind, and their speaker.
//! 5. [`rules`]: every registered rule reads the above and emits [`Finding`]s.

pub mod attribution;
pub mod config;
pub mod lexicon;
pub mod memo;
pub mod model;
pub mod people;
pub mod quotes;
pub mod rules;
pub mod segment;
pub mod text;
pub(crate) mod work;

pub use config::{Config, Format, House, HousePattern, Lexicon, RuleSetting};
pub use memo::{Memo, MemoStats};
pub use model::*;

/// Analyses one document. Infallible: any text gives an [`Analysis`].
pub fn analyze(text: &str, config: &Config) -> Analysis {
    analyze_observed(text, config, None, |_| {})
}

/// [`analyze`], reusing from `memo` what earlier analyses of the same document computed for
/// text that has not changed since (see [`memo`]), and leaving this analysis's results in it.
/// The result is the same as [`analyze`]'s, field for field.
pub fn analyze_with(text: &str, config: &Config, memo: &mut Memo) -> Analysis {
    analyze_observed(text, config, Some(memo), |_| {})
}

/// The pipeline's stages, in the order [`analyze`] runs them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    TextLayer,
    People,
    Attribution,
    Quotes,
    Rules,
}

/// [`analyze`] or [`analyze_with`], calling `done` as each stage finishes (the bench times the
/// stages with it).
pub fn analyze_observed(
    text: &str,
    config: &Config,
    mut memo: Option<&mut Memo>,
    mut done: impl FnMut(Stage),
) -> Analysis {
    if let Some(m) = memo.as_deref_mut() {
        m.begin();
    }
    let doc = match memo.as_deref_mut() {
        Some(m) => segment::Document::by_paragraph(text, config.format, &mut |p| m.tokens(p)),
        None => segment::Document::new(text, config.format),
    };
    done(Stage::TextLayer);
    let mut people = people::find_memoised(&doc, &config.lexicon, memo.as_deref_mut());
    if let Some(m) = memo {
        m.end();
    }
    done(Stage::People);
    let mut sources = attribution::find_with(&doc, &people, &config.lexicon);
    done(Stage::Attribution);
    let quotes = quotes::find(&doc, &mut sources, &people);
    people::attach_quotes(&mut people, &quotes, &sources);
    done(Stage::Quotes);
    let mut analysis = Analysis {
        people,
        quotes,
        sources,
        findings: Vec::new(),
        suppressed: Vec::new(),
        date: doc.date,
    };
    (analysis.findings, analysis.suppressed) = rules::run(&doc, &analysis, config);
    done(Stage::Rules);
    analysis
}

#[cfg(test)]
mod tests;
