//! copydesk: a language server and linter for news copy.
//!
//! It finds every claim that rests on an anonymous source, every quotation with no named
//! speaker, and everything the story says about each person it names.
//!
//! - [`analysis`] is the pure core: text and config in, [`analysis::Analysis`] out.
//! - [`server`] is the only code that knows the Language Server Protocol.
//! - [`project`] reads `copydesk.toml`, the config the server and the command line share.
//! - [`cli`] runs the same core over files: `copydesk check` and `copydesk analyze`.

pub mod analysis;
pub mod cli;
pub mod diagnostic;
pub mod position;
pub mod project;
pub mod server;
