//! Stdio framing around tower-lsp, to fix two of its traps.
//!
//! 1. tower-lsp 0.20 ignores `exit` while stdin stays open (ebkalderon/tower-lsp#399).
//! 2. Any framing or JSON error ends its input loop for good (tokio-util's `FramedRead` stops
//!    after one decode error), so one malformed message would leave the server deaf.
//!
//! So tower-lsp never sees real stdin or stdout. [`pump_input`] reads frames from stdin with a
//! [`FrameReader`], which resynchronises on the next `Content-Length:` after any broken frame
//! (see `reader` for the cases and the limits: [`MAX_BODY`], [`BODY_TIMEOUT`]), checks each is a
//! JSON-RPC message tower-lsp will accept, and re-frames it into an in-memory pipe that
//! tower-lsp reads. A malformed message is answered here with a JSON-RPC error (`-32700` parse
//! error, with the request id when one can be read; `-32600` invalid request) and skipped. A
//! `$/` request, which tower-lsp would leave unanswered, gets `-32601`. A `didChange` that
//! tower-lsp could not deserialize is repaired or turned into [`UNAPPLIED`] (see `repair`). An
//! `exit` notification is not forwarded: it ends the server, with status 0 if `shutdown` came
//! first and 1 otherwise. On the way out, tower-lsp's frames and ours are interleaved, whole
//! frames at a time, by a single writer task that owns stdout.

mod reader;
mod repair;

use serde_json::{json, Value};
use tokio::io::{AsyncRead, AsyncWrite, AsyncWriteExt};
use tokio::sync::mpsc;
use tower_lsp::jsonrpc;

pub use reader::{guess_id, Frame, FrameReader, BODY_TIMEOUT, MAX_BODY, MAX_HEADER_LINE};
pub use repair::UNAPPLIED;

use super::log;

/// How the input ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum End {
    /// An `exit` notification arrived; the process should end with this status.
    Exit(u8),
    /// Stdin closed; whether `shutdown` had been received.
    Eof { shutdown: bool },
}

pub fn frame(body: &[u8]) -> Vec<u8> {
    let mut out = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    out.extend_from_slice(body);
    out
}

/// What to do with one message body.
#[derive(Debug, PartialEq)]
enum Verdict {
    /// Forward to tower-lsp: the body as read, or a `replacement`.
    Forward {
        shutdown: bool,
        replacement: Option<Vec<u8>>,
    },
    Exit,
    /// Answer with this JSON-RPC error and skip the message.
    Reject {
        id: Value,
        code: i64,
        message: String,
    },
    /// A notification to drop, with the reason to log.
    Drop(String),
}

fn classify(body: &[u8]) -> Verdict {
    let value: Value = match serde_json::from_slice(body) {
        Ok(v) => v,
        Err(e) => {
            return reject(
                guess_id(body).unwrap_or(Value::Null),
                -32700,
                format!("Parse error: {e}"),
            )
        }
    };
    // The same shapes, tried in the same order, as tower-lsp's own `Message`.
    if serde_json::from_slice::<jsonrpc::Response>(body).is_ok() {
        return forward(false);
    }
    match serde_json::from_slice::<jsonrpc::Request>(body) {
        Ok(req) if req.method() == "exit" && req.id().is_none() => Verdict::Exit,
        // tower-lsp drops `$/` requests unanswered; the specification wants -32601.
        Ok(req) if req.method().starts_with("$/") && req.id().is_some() => {
            let id = serde_json::to_value(req.id()).unwrap_or(Value::Null);
            reject(id, -32601, format!("Method not found: {}", req.method()))
        }
        Ok(req) if req.method() == "textDocument/didChange" && req.id().is_none() => repaired(&value),
        Ok(req) if req.method() == UNAPPLIED => Verdict::Drop(format!("{UNAPPLIED} from the client")),
        Ok(req) => forward(req.method() == "shutdown" && req.id().is_some()),
        Err(e) => {
            let id = value.get("id").filter(|id| id.is_string() || id.is_number()).cloned();
            reject(id.unwrap_or(Value::Null), -32600, format!("Invalid request: {e}"))
        }
    }
}

fn repaired(msg: &Value) -> Verdict {
    let uri = msg
        .pointer("/params/textDocument/uri")
        .and_then(Value::as_str)
        .unwrap_or("?");
    match repair::did_change(msg) {
        repair::Repair::Intact => forward(false),
        repair::Repair::Clamped { body, what } => {
            log::warn(format_args!("didChange for {uri}: clamped {what}"));
            Verdict::Forward {
                shutdown: false,
                replacement: Some(body),
            }
        }
        repair::Repair::Unapplied { body, why } => {
            log::warn(format_args!("didChange for {uri} cannot be applied: {why}"));
            Verdict::Forward {
                shutdown: false,
                replacement: Some(body),
            }
        }
        repair::Repair::Dropped(why) => Verdict::Drop(why),
    }
}

fn forward(shutdown: bool) -> Verdict {
    Verdict::Forward {
        shutdown,
        replacement: None,
    }
}

fn reject(id: Value, code: i64, message: String) -> Verdict {
    Verdict::Reject { id, code, message }
}

fn error_frame(id: Value, code: i64, message: &str) -> Vec<u8> {
    let body = json!({"jsonrpc": "2.0", "id": id, "error": {"code": code, "message": message}});
    frame(body.to_string().as_bytes())
}

/// Copies valid frames from `input` to `server`, answers bad ones on `replies`, and stops at
/// `exit` or at the end of input.
pub async fn pump_input<R, W>(input: R, server: W, replies: mpsc::UnboundedSender<Vec<u8>>) -> End
where
    R: AsyncRead + Unpin,
    W: AsyncWrite + Unpin,
{
    pump_frames(FrameReader::new(input), server, replies).await
}

/// [`pump_input`] over a reader already set up (tests choose its timeout).
pub async fn pump_frames<R, W>(mut input: FrameReader<R>, mut server: W, replies: mpsc::UnboundedSender<Vec<u8>>) -> End
where
    R: AsyncRead + Unpin,
    W: AsyncWrite + Unpin,
{
    let mut shutdown = false;
    // Whether the last frame was bad: the tail of a cut body is not answered a second time.
    let mut after_bad = false;
    loop {
        let body = match input.next().await {
            Ok(Some(Frame::Body(body))) => body,
            Ok(Some(Frame::Garbage { why, id })) => {
                log::warn(format_args!("skipping malformed input: {why}"));
                if !after_bad || id.is_some() {
                    let reply = error_frame(id.unwrap_or(Value::Null), -32700, &format!("Parse error: {why}"));
                    let _ = replies.send(reply);
                }
                after_bad = true;
                continue;
            }
            Ok(None) => return End::Eof { shutdown },
            Err(e) => {
                log::error(format_args!("reading stdin failed: {e}"));
                return End::Eof { shutdown };
            }
        };
        after_bad = false;
        match classify(&body) {
            Verdict::Exit => return End::Exit(if shutdown { 0 } else { 1 }),
            Verdict::Reject { id, code, message } => {
                log::warn(format_args!("rejecting message: {message}"));
                after_bad = code == -32700;
                let _ = replies.send(error_frame(id, code, &message));
            }
            Verdict::Drop(why) => log::warn(format_args!("dropping notification: {why}")),
            Verdict::Forward {
                shutdown: s,
                replacement,
            } => {
                shutdown |= s;
                let sent = server.write_all(&frame(replacement.as_deref().unwrap_or(&body))).await;
                if sent.is_err() || server.flush().await.is_err() {
                    return End::Eof { shutdown };
                }
            }
        }
    }
}

/// Forwards tower-lsp's output frames to the stdout writer, whole.
pub async fn pump_output<R: AsyncRead + Unpin>(output: R, frames: mpsc::UnboundedSender<Vec<u8>>) {
    let mut output = FrameReader::with_timeout(output, None);
    while let Ok(Some(f)) = output.next().await {
        if let Frame::Body(body) = f {
            if frames.send(frame(&body)).is_err() {
                return;
            }
        }
    }
}

/// Writes frames to `out` in the order they arrive, until every sender is gone.
pub async fn write_frames<W: AsyncWrite + Unpin>(mut out: W, mut frames: mpsc::UnboundedReceiver<Vec<u8>>) {
    while let Some(f) = frames.recv().await {
        if out.write_all(&f).await.is_err() || out.flush().await.is_err() {
            log::error("writing to stdout failed");
            return;
        }
    }
}

#[cfg(test)]
mod tests;
