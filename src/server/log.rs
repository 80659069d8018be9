//! A tiny logger: one line per event on stderr. Stdout is the protocol channel, so nothing here
//! (or anywhere in the server) may write to it. Messages the editor should see also travel as
//! `window/logMessage` through the session's outbox.

use std::fmt::Display;
use std::io::Write;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    Error,
    Warn,
    Info,
}

impl Level {
    fn as_str(self) -> &'static str {
        match self {
            Level::Error => "ERROR",
            Level::Warn => "WARN",
            Level::Info => "INFO",
        }
    }
}

/// Writes `[copydesk LEVEL] message` to stderr; a failed write is ignored (nowhere to report it).
pub fn log(level: Level, message: impl Display) {
    let mut err = std::io::stderr().lock();
    let _ = writeln!(err, "[copydesk {}] {message}", level.as_str());
}

pub fn error(message: impl Display) {
    log(Level::Error, message);
}

pub fn warn(message: impl Display) {
    log(Level::Warn, message);
}

pub fn info(message: impl Display) {
    log(Level::Info, message);
}

/// Logs every panic to stderr, with its location, before the default unwinding goes on. Panics
/// inside analysis are then caught (see `worker`), so the server keeps serving.
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| error(format_args!("panic: {info}"))));
}
