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
    let mut inputs = Vec::new();
    for arg in args {
        if arg.as_os_str() == "-" {
            inputs.push(Input::Stdin);
        } else if arg.is_dir() {
            inputs.extend(walk(arg, failed).into_iter().map(Input::File));
        } else if arg.exists() {
            inputs.push(Input::File(arg.clone()));
        } else {
            report(&arg.display().to_string(), &"no such file or directory");
            *failed = true;
        }
    }
    inputs
}

/// The prose files under `dir`, sorted.
fn walk(dir: &Path, failed: &mut bool) -> Vec<PathBuf> {
    let mut files = Vec::new();
    // Symbolic links are never followed (a link to a file or a directory is skipped, so the
    // walk cannot leave the tree it was given, and a link loop cannot trap it).
    for entry in ignore::WalkBuilder::new(dir)
        .require_git(false)
        .follow_links(false)
        .build()
    {
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
        let found = walk(&tree, &mut failed);
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
