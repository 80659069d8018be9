//! What the commands read: path arguments expanded into documents, and documents read as UTF-8.
//!
//! `-` is standard input. A directory is walked for `.md`, `.markdown` and `.txt` files with the
//! `ignore` crate, which honours `.gitignore` (also outside a git repository), `.ignore` and hidden
//! files; each directory's files come out sorted. A file named explicitly is read whatever its
//! extension. Problems are reported on stderr by name and never stop the other documents.
//! Symbolic links met during a walk are skipped, never followed: `check DIR` reads only files
//! inside `DIR`, and a link loop ends nothing.

use std::fmt;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use crate::analysis::Format;

/// Extensions a directory walk picks up.
const EXTENSIONS: [&str; 3] = ["md", "markdown", "txt"];

/// One document to read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Input {
    Stdin,
    File(PathBuf),
}

impl Input {
    /// The name shown to the user: the path as given, or `-` for standard input.
    pub fn name(&self) -> String {
        match self {
            Input::Stdin => "-".to_string(),
            Input::File(p) => p.display().to_string(),
        }
    }

    pub fn path(&self) -> Option<&Path> {
        match self {
            Input::Stdin => None,
            Input::File(p) => Some(p),
        }
    }

    /// Markdown for `.md` and `.markdown`, plain text otherwise (standard input included).
    pub fn format(&self) -> Format {
        let ext = self.path().and_then(Path::extension).and_then(|e| e.to_str());
        match ext.map(str::to_ascii_lowercase).as_deref() {
            Some("md" | "markdown") => Format::Markdown,
            _ => Format::Plain,
        }
    }
}

/// Why a document could not be read.
#[derive(Debug)]
pub enum ReadError {
    Io(io::Error),
    NotUtf8,
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadError::Io(e) => write!(f, "{e}"),
            ReadError::NotUtf8 => f.write_str("not valid UTF-8, skipped"),
        }
    }
}

/// Reads a whole document as UTF-8.
pub fn read(input: &Input) -> Result<String, ReadError> {
    let bytes = match input {
        Input::Stdin => {
            let mut buf = Vec::new();
            io::stdin().lock().read_to_end(&mut buf).map_err(ReadError::Io)?;
            buf
        }
        Input::File(p) => std::fs::read(p).map_err(ReadError::Io)?,
    };
    String::from_utf8(bytes).map_err(|_| ReadError::NotUtf8)
}

/// Reports a problem with one input on stderr, as `copydesk: NAME: PROBLEM`.
pub fn report(name: &str, problem: &dyn fmt::Display) {
    eprintln!("copydesk: {name}: {problem}");
}

/// Expands path arguments into documents, in argument order. Sets `*failed` when an argument
/// does not exist or a directory cannot be walked (reported on stderr).
pub fn collect(args: &[PathBuf], failed: &mut bool) -> Vec<Input> {
    args.iter().flat_map(|arg| collect_one(arg, failed, None)).collect()
}

/// Whether a directory walk reads a file (`false`) or enters a directory (`true`) at a path.
pub type Filter = std::sync::Arc<dyn Fn(&Path, bool) -> bool + Send + Sync>;

/// One path argument as documents; a directory walk keeps only what `keep` wants (files named
/// explicitly are always read).
pub fn collect_one(arg: &Path, failed: &mut bool, keep: Option<Filter>) -> Vec<Input> {
    if arg.as_os_str() == "-" {
        vec![Input::Stdin]
    } else if arg.is_dir() {
        walk(arg, failed, keep).into_iter().map(Input::File).collect()
    } else if arg.exists() {
        vec![Input::File(arg.to_path_buf())]
    } else {
        report(&arg.display().to_string(), &"no such file or directory");
        *failed = true;
        Vec::new()
    }
}

/// The prose files under `dir`, sorted.
fn walk(dir: &Path, failed: &mut bool, keep: Option<Filter>) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut builder = ignore::WalkBuilder::new(dir);
    // Symbolic links are never followed (a link to a file or a directory is skipped, so the
    // walk cannot leave the tree it was given, and a link loop cannot trap it).
    builder.require_git(false).follow_links(false);
    if let Some(keep) = keep {
        builder.filter_entry(move |e| {
            let is_dir = e.file_type().is_some_and(|t| t.is_dir());
            // The walk's root is always entered.
            e.depth() == 0 || std::path::absolute(e.path()).is_ok_and(|p| keep(&p, is_dir))
        });
    }
    for entry in builder.build() {
        match entry {
            Ok(e) if e.file_type().is_some_and(|t| t.is_file()) && is_prose_file(e.path()) => {
                files.push(e.into_path());
            }
            Ok(_) => {}
            Err(e) => {
                report(&dir.display().to_string(), &e);
                *failed = true;
            }
        }
    }
    files.sort();
    files
}

fn is_prose_file(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| EXTENSIONS.iter().any(|x| x.eq_ignore_ascii_case(e)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_only_for_md_and_markdown_extensions() {
        let f = |p: &str| Input::File(PathBuf::from(p)).format();
        assert_eq!(f("a.md"), Format::Markdown);
        assert_eq!(f("dir/b.MARKDOWN"), Format::Markdown);
        assert_eq!(f("c.txt"), Format::Plain);
        assert_eq!(f("noext"), Format::Plain);
        assert_eq!(Input::Stdin.format(), Format::Plain);
    }

    #[cfg(unix)]
    #[test]
    fn a_walk_skips_symlinks_out_of_the_tree_and_survives_loops() {
        use std::os::unix::fs::symlink;
        let root = std::env::temp_dir().join(format!("copydesk-walk-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        let (tree, outside) = (root.join("tree"), root.join("outside"));
        std::fs::create_dir_all(tree.join("sub")).unwrap();
        std::fs::create_dir_all(&outside).unwrap();
        std::fs::write(tree.join("story.md"), "In the tree.").unwrap();
        std::fs::write(outside.join("secret.md"), "Outside.").unwrap();
        symlink(outside.join("secret.md"), tree.join("linked.md")).unwrap();
        symlink(&outside, tree.join("away")).unwrap();
        symlink(&tree, tree.join("sub").join("loop")).unwrap();
        symlink(tree.join("sub").join("self"), tree.join("sub").join("self")).unwrap();
        let mut failed = false;
        let found = walk(&tree, &mut failed, None);
        let _ = std::fs::remove_dir_all(&root);
        assert_eq!(found, vec![tree.join("story.md")]);
        assert!(!failed);
    }

    #[test]
    fn walks_only_prose_extensions() {
        assert!(is_prose_file(Path::new("x/a.md")));
        assert!(is_prose_file(Path::new("b.Txt")));
        assert!(!is_prose_file(Path::new("c.rs")));
        assert!(!is_prose_file(Path::new("md")));
    }
}
