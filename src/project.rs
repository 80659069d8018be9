//! `copydesk.toml`: one project config for the command line and the language server.
//!
//! Found by walking up from the file (or directory) being checked; the first `copydesk.toml`
//! wins. Everything is optional:
//!
//! ```toml
//! [rules]                       # severity per rule id, or "off"
//! anonymous-source = "error"
//! vague-attribution = "off"
//!
//! [lexicon]                     # added to the shipped word lists
//! source-nouns = ["tipster"]    # heads of anonymous sources, one word each
//! anonymity-phrases = ["feared for her job"]   # reasons for anonymity
//! not-names = ["Brexit"]        # words never read as a person's name
//!
//! [house]
//! anonymous-source-needs-reason = true   # reason rules run as warnings
//! [[house.patterns]]            # forbidden phrases (regex crate syntax, linear time)
//! pattern = "(?i)\\bsources say\\b"
//! message = "Name the sources, or say why they cannot be named."
//!
//! [check]                       # which files `copydesk check DIR` reads
//! include = ["stories/"]        # gitignore syntax, relative to this file; default: all
//! exclude = ["drafts/"]         # added to the default excludes below
//! default-excludes = true
//! ```
//!
//! Unknown keys and bad values are errors naming the key and its line. The result is plain
//! data: an [`analysis::Config`] without a format, and the file filter for `check`.

use std::fmt;
use std::path::{Path, PathBuf};

use ignore::gitignore::{Gitignore, GitignoreBuilder};
use serde::Deserialize;
use toml::Spanned;

use crate::analysis::{self, HousePattern, RuleId, RuleSetting, Severity};

/// The config file's name.
pub const FILE_NAME: &str = "copydesk.toml";

/// What `check` skips in a directory walk unless `default-excludes = false`: build output,
/// dependencies, test fixtures and word lists (gitignore syntax).
pub const DEFAULT_EXCLUDES: &[&str] = &[
    "target/",
    "node_modules/",
    "fixtures/",
    "testdata/",
    "lexicon/",
    "wordlists/",
    "*wordlist*",
    "*words*.txt",
    "CHANGELOG.md",
    "LICENSE*",
];

/// A parsed project config.
#[derive(Clone, Debug)]
pub struct Project {
    /// Rules, lexicon and house rules; the format is set per document.
    pub config: analysis::Config,
    include: Option<Gitignore>,
    exclude: Gitignore,
    /// The directory globs are relative to, absolute.
    root: PathBuf,
}

impl Default for Project {
    fn default() -> Project {
        Project::defaults(Path::new("."))
    }
}

/// A config error: the line (1-based) and what is wrong, naming the key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigError {
    pub line: usize,
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct File {
    #[serde(default)]
    rules: toml::Table,
    #[serde(default)]
    lexicon: LexiconFile,
    #[serde(default)]
    house: HouseFile,
    #[serde(default)]
    check: CheckFile,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct LexiconFile {
    #[serde(default)]
    source_nouns: Vec<Spanned<String>>,
    #[serde(default)]
    anonymity_phrases: Vec<String>,
    #[serde(default)]
    not_names: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct HouseFile {
    #[serde(default)]
    anonymous_source_needs_reason: bool,
    #[serde(default)]
    patterns: Vec<PatternFile>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct PatternFile {
    pattern: Spanned<String>,
    message: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct CheckFile {
    #[serde(default)]
    include: Vec<Spanned<String>>,
    #[serde(default)]
    exclude: Vec<Spanned<String>>,
    #[serde(default = "yes")]
    default_excludes: bool,
}

impl Default for CheckFile {
    fn default() -> CheckFile {
        CheckFile {
            include: Vec::new(),
            exclude: Vec::new(),
            default_excludes: true,
        }
    }
}

fn yes() -> bool {
    true
}

impl Project {
    /// No config file: default rules and the default excludes, relative to `root`.
    pub fn defaults(root: &Path) -> Project {
        let root = &absolute(root);
        let mut exclude = GitignoreBuilder::new(root);
        for p in DEFAULT_EXCLUDES {
            // The defaults are valid patterns; a failure would only drop one.
            let _ = exclude.add_line(None, p);
        }
        Project {
            config: analysis::Config::default(),
            include: None,
            exclude: exclude.build().unwrap_or_else(|_| Gitignore::empty()),
            root: root.to_path_buf(),
        }
    }

    /// Parses a config's text; globs are relative to `root` (the file's directory).
    pub fn parse(text: &str, root: &Path) -> Result<Project, ConfigError> {
        let root = &absolute(root);
        let file: File = toml::from_str(text).map_err(|e| toml_error(text, &e))?;
        let at = |offset: usize| line_of(text, offset);
        let mut config = analysis::Config::default();
        for (id, value) in &file.rules {
            // serde's map keys carry no spans: find the key's line in the text.
            let line = find_key_line(text, id).unwrap_or(1);
            let rule = RuleId::parse(id).ok_or_else(|| ConfigError {
                line,
                message: format!("unknown rule id `{id}` in [rules]{}", suggestion(id)),
            })?;
            let setting = value.as_str().and_then(|s| {
                if s.eq_ignore_ascii_case("off") {
                    Some(RuleSetting::Off)
                } else {
                    Severity::parse(s).map(RuleSetting::On)
                }
            });
            let setting = setting.ok_or_else(|| ConfigError {
                line,
                message: format!(
                    "rules.{id} = {value}: expected \"off\", \"hint\", \"information\", \"warning\" or \"error\""
                ),
            })?;
            config.rules.insert(rule, setting);
        }
        for noun in &file.lexicon.source_nouns {
            let n = noun.get_ref().trim();
            if n.is_empty() || n.contains(char::is_whitespace) {
                return Err(ConfigError {
                    line: at(noun.span().start),
                    message: format!(
                        "lexicon.source-nouns: `{n}` must be one word (the head noun, as in \"a tipster\")"
                    ),
                });
            }
            config.lexicon.source_nouns.push(n.to_lowercase());
        }
        config.lexicon.anonymity_phrases = lower_all(&file.lexicon.anonymity_phrases);
        config.lexicon.not_names = lower_all(&file.lexicon.not_names);
        config.house.anonymous_needs_reason = file.house.anonymous_source_needs_reason;
        for p in &file.house.patterns {
            let regex = regex::Regex::new(p.pattern.get_ref()).map_err(|e| ConfigError {
                line: at(p.pattern.span().start),
                message: format!("house.patterns.pattern is not a valid regular expression: {e}"),
            })?;
            config.house.patterns.push(HousePattern {
                regex,
                message: p.message.clone(),
            });
        }
        let globs = |key: &str, patterns: &[Spanned<String>], defaults: &[&str]| -> Result<Gitignore, ConfigError> {
            let mut b = GitignoreBuilder::new(root);
            for d in defaults {
                let _ = b.add_line(None, d);
            }
            for p in patterns {
                b.add_line(None, p.get_ref()).map_err(|e| ConfigError {
                    line: at(p.span().start),
                    message: format!("check.{key}: {e}"),
                })?;
            }
            b.build().map_err(|e| ConfigError {
                line: 1,
                message: format!("check.{key}: {e}"),
            })
        };
        let defaults: &[&str] = if file.check.default_excludes {
            DEFAULT_EXCLUDES
        } else {
            &[]
        };
        let exclude = globs("exclude", &file.check.exclude, defaults)?;
        let include = if file.check.include.is_empty() {
            None
        } else {
            Some(globs("include", &file.check.include, &[])?)
        };
        Ok(Project {
            config,
            include,
            exclude,
            root: root.to_path_buf(),
        })
    }

    /// Reads and parses a config file.
    pub fn load(path: &Path) -> Result<Project, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|e| ConfigError {
            line: 1,
            message: format!("cannot read {}: {e}", path.display()),
        })?;
        let root = path.parent().unwrap_or(Path::new("."));
        Project::parse(&text, root)
    }

    /// Whether a directory walk should read (a file) or enter (a directory) `path`.
    pub fn wants(&self, path: &Path, is_dir: bool) -> bool {
        // Matching wants a path under the root; outside it, only the name can match.
        let abs = absolute(path);
        let path = match abs.strip_prefix(&self.root) {
            Ok(rel) => rel,
            Err(_) => Path::new(abs.file_name().unwrap_or_default()),
        };
        if path.as_os_str().is_empty() {
            return true;
        }
        if self.exclude.matched_path_or_any_parents(path, is_dir).is_ignore() {
            return false;
        }
        match &self.include {
            // Directories are entered: an include names what is read inside them.
            Some(inc) => is_dir || inc.matched_path_or_any_parents(path, is_dir).is_ignore(),
            None => true,
        }
    }
}

/// The nearest `copydesk.toml` in `start` or a directory above it.
pub fn find(start: &Path) -> Option<PathBuf> {
    let start = std::path::absolute(start).ok()?;
    start.ancestors().map(|d| d.join(FILE_NAME)).find(|p| p.is_file())
}

fn absolute(p: &Path) -> PathBuf {
    std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf())
}

fn lower_all(v: &[String]) -> Vec<String> {
    v.iter()
        .map(|s| s.trim().to_lowercase())
        .filter(|s| !s.is_empty())
        .collect()
}

/// The line of `key = ...` inside the `[rules]` table.
fn find_key_line(text: &str, key: &str) -> Option<usize> {
    let mut in_rules = false;
    for (i, line) in text.lines().enumerate() {
        let t = line.trim();
        if t.starts_with('[') {
            in_rules = t == "[rules]";
            continue;
        }
        let k = t.split('=').next().unwrap_or("").trim().trim_matches('"');
        if in_rules && k == key {
            return Some(i + 1);
        }
    }
    None
}

fn toml_error(text: &str, e: &toml::de::Error) -> ConfigError {
    let line = e.span().map_or(1, |s| line_of(text, s.start));
    let mut message = e.message().trim().to_string();
    // "invalid type: string, expected a sequence" names no key: name the one on that line.
    let key = text
        .lines()
        .nth(line - 1)
        .and_then(|l| l.split_once('='))
        .map(|(k, _)| k.trim().trim_matches('"'))
        .filter(|k| !k.is_empty() && !message.contains(*k));
    if let Some(key) = key {
        message = format!("`{key}`: {message}");
    }
    ConfigError { line, message }
}

fn line_of(text: &str, offset: usize) -> usize {
    text.get(..offset.min(text.len()))
        .map_or(1, |t| t.bytes().filter(|&b| b == b'\n').count() + 1)
}

/// ", did you mean `anonymous-source`?" for an id one or two letters off a real one.
fn suggestion(id: &str) -> String {
    let close = analysis::rules::ALL_RULES
        .iter()
        .map(|r| r.id.as_str())
        .find(|r| strsim(r, id) <= 2);
    close.map(|r| format!(", did you mean `{r}`?")).unwrap_or_default()
}

/// Levenshtein distance, for suggestions only.
fn strsim(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != *cb);
            cur.push(sub.min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests;
