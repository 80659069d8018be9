//! Stdio framing around tower-lsp, to fix two of its traps.
//!
//! 1. tower-lsp 0.20 ignores `exit` while stdin stays open (ebkalderon/tower-lsp#399).
//! 2. Any framing or JSON error ends its input loop for good (tokio-util's `FramedRead` stops
//!    after one decode error), so one malformed message would leave the server deaf.
//!
//! So tower-lsp never sees real stdin or stdout. [`pump_input`] reads frames from stdin,
//! checks each is a JSON-RPC message tower-lsp will accept, and re-frames it into an in-memory
//! pipe that tower-lsp reads. A malformed message is answered here with a JSON-RPC error
//! (`-32700` parse error, `-32600` invalid request) and skipped. An `exit` notification is not
//! forwarded: it ends the server, with status 0 if `shutdown` came first and 1 otherwise. On
//! the way out, tower-lsp's frames and ours are interleaved, whole frames at a time, by a single
//! writer task that owns stdout.

use std::io;

use serde_json::{json, Value};
use tokio::io::{AsyncBufRead, AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, BufReader};
use tokio::sync::mpsc;
use tower_lsp::jsonrpc;

use super::log;

/// The longest header line read before it is treated as garbage.
const MAX_HEADER_LINE: u64 = 8 * 1024;
/// The largest message body accepted.
const MAX_BODY: usize = 256 * 1024 * 1024;

/// One read from a framed stream.
#[derive(Debug, PartialEq, Eq)]
pub enum Frame {
    Body(Vec<u8>),
    /// Something that is not a frame; the reader has skipped it.
    Garbage(String),
}

/// How the input ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum End {
    /// An `exit` notification arrived; the process should end with this status.
    Exit(u8),
    /// Stdin closed; whether `shutdown` had been received.
    Eof { shutdown: bool },
}

/// Reads the next frame. `Ok(None)` at the end of input.
pub async fn read_frame<R: AsyncBufRead + Unpin>(r: &mut R) -> io::Result<Option<Frame>> {
    let mut length: Option<Result<usize, String>> = None;
    let mut in_headers = false;
    let mut line = Vec::new();
    loop {
        line.clear();
        if (&mut *r).take(MAX_HEADER_LINE).read_until(b'\n', &mut line).await? == 0 {
            return Ok(in_headers.then(|| Frame::Garbage("input ended inside headers".into())));
        }
        let text = String::from_utf8_lossy(&line);
        let text = text.trim_end_matches(['\r', '\n']);
        if text.is_empty() {
            if !in_headers {
                continue;
            }
            return match length {
                Some(Ok(len)) => read_body(r, len).await,
                Some(Err(e)) => Ok(Some(Frame::Garbage(e))),
                None => Ok(Some(Frame::Garbage("missing Content-Length header".into()))),
            };
        }
        in_headers = true;
        match text.split_once(':') {
            Some((name, value)) if name.trim().eq_ignore_ascii_case("content-length") => {
                length = Some(
                    value
                        .trim()
                        .parse()
                        .map_err(|e| format!("bad Content-Length {value:?}: {e}")),
                );
            }
            Some((name, _)) if is_token(name) => {}
            _ => return Ok(Some(Frame::Garbage(format!("not a header line: {:?}", clip(text))))),
        }
    }
}

async fn read_body<R: AsyncBufRead + Unpin>(r: &mut R, len: usize) -> io::Result<Option<Frame>> {
    if len > MAX_BODY {
        let skipped = tokio::io::copy(&mut (&mut *r).take(len as u64), &mut tokio::io::sink()).await?;
        return Ok((skipped == len as u64).then(|| Frame::Garbage(format!("message of {len} bytes is too large"))));
    }
    let mut body = vec![0; len];
    match r.read_exact(&mut body).await {
        Ok(_) => Ok(Some(Frame::Body(body))),
        Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => Ok(None),
        Err(e) => Err(e),
    }
}

fn is_token(name: &str) -> bool {
    !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
}

fn clip(s: &str) -> String {
    s.chars().take(60).collect()
}

pub fn frame(body: &[u8]) -> Vec<u8> {
    let mut out = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    out.extend_from_slice(body);
    out
}

/// What to do with one message body.
#[derive(Debug, PartialEq)]
enum Verdict {
    Forward {
        shutdown: bool,
    },
    Exit,
    /// Answer with this JSON-RPC error and skip the message.
    Reject {
        id: Value,
        code: i64,
        message: String,
    },
}

fn classify(body: &[u8]) -> Verdict {
    let value: Value = match serde_json::from_slice(body) {
        Ok(v) => v,
        Err(e) => return reject(Value::Null, -32700, format!("Parse error: {e}")),
    };
    // The same shapes, tried in the same order, as tower-lsp's own `Message`.
    if serde_json::from_slice::<jsonrpc::Response>(body).is_ok() {
        return Verdict::Forward { shutdown: false };
    }
    match serde_json::from_slice::<jsonrpc::Request>(body) {
        Ok(req) if req.method() == "exit" && req.id().is_none() => Verdict::Exit,
        Ok(req) => Verdict::Forward {
            shutdown: req.method() == "shutdown" && req.id().is_some(),
        },
        Err(e) => {
            let id = value.get("id").filter(|id| id.is_string() || id.is_number()).cloned();
            reject(id.unwrap_or(Value::Null), -32600, format!("Invalid request: {e}"))
        }
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
pub async fn pump_input<R, W>(input: R, mut server: W, replies: mpsc::UnboundedSender<Vec<u8>>) -> End
where
    R: AsyncRead + Unpin,
    W: AsyncWrite + Unpin,
{
    let mut input = BufReader::new(input);
    let mut shutdown = false;
    let mut in_garbage = false;
    loop {
        let body = match read_frame(&mut input).await {
            Ok(Some(Frame::Body(body))) => body,
            Ok(Some(Frame::Garbage(why))) => {
                if !in_garbage {
                    log::warn(format_args!("skipping malformed input: {why}"));
                    let _ = replies.send(error_frame(Value::Null, -32700, &format!("Parse error: {why}")));
                }
                in_garbage = true;
                continue;
            }
            Ok(None) => return End::Eof { shutdown },
            Err(e) => {
                log::error(format_args!("reading stdin failed: {e}"));
                return End::Eof { shutdown };
            }
        };
        in_garbage = false;
        match classify(&body) {
            Verdict::Exit => return End::Exit(if shutdown { 0 } else { 1 }),
            Verdict::Reject { id, code, message } => {
                log::warn(format_args!("rejecting message: {message}"));
                let _ = replies.send(error_frame(id, code, &message));
            }
            Verdict::Forward { shutdown: s } => {
                shutdown |= s;
                let sent = server.write_all(&frame(&body)).await;
                if sent.is_err() || server.flush().await.is_err() {
                    return End::Eof { shutdown };
                }
            }
        }
    }
}

/// Forwards tower-lsp's output frames to the stdout writer, whole.
pub async fn pump_output<R: AsyncRead + Unpin>(output: R, frames: mpsc::UnboundedSender<Vec<u8>>) {
    let mut output = BufReader::new(output);
    while let Ok(Some(f)) = read_frame(&mut output).await {
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
