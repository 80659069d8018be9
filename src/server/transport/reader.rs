//! Reading `Content-Length` frames from a byte stream that may be broken anywhere.
//!
//! [`FrameReader`] owns its buffer, so it can look ahead and give bytes back. Whatever is not a
//! well-formed frame becomes one [`Frame::Garbage`], after which the reader **resynchronises**:
//! it skips to the next `Content-Length:` (matched case-insensitively anywhere, even in the
//! middle of a line, since a body shorter than announced leaves its tail glued to the next
//! header) and reads on from there. The cases:
//!
//! - a header line that is not `Name: value`, or longer than [`MAX_HEADER_LINE`]: skip from it;
//! - a missing, negative, non-numeric or overflowing `Content-Length`, or one above
//!   [`MAX_BODY`]: skip the body that follows (its length is not trusted);
//! - a length longer than the body: noticed as soon as a `Content-Length:` follows a complete
//!   JSON value inside the body, when a body that is not JSON holds a `Content-Length:`, or
//!   when the body stops arriving for the body timeout, has not arrived whole after six of
//!   them, or the input ends; the frame is dropped and reading resumes at the header inside it;
//! - a length shorter than the body: the cut body fails to parse (the caller answers it) and
//!   its tail is skipped up to the next header.
//!
//! A garbage frame carries the request id when one can be read from the skipped bytes (a
//! top-level `"id"` member), so the caller can answer that request with its id.

use std::io;
use std::time::Duration;

use serde::de::IgnoredAny;
use serde_json::Value;
use tokio::io::{AsyncRead, AsyncReadExt};

/// The longest header line accepted.
pub const MAX_HEADER_LINE: usize = 8 * 1024;
/// The largest message body accepted (64 MiB); a larger one is skipped, unread.
pub const MAX_BODY: usize = 64 * 1024 * 1024;
/// How long a started frame may stall before it is dropped.
pub const BODY_TIMEOUT: Duration = Duration::from_secs(5);
/// A whole body must arrive within this many body timeouts (30 s), however it trickles.
const BODY_DEADLINE_FACTOR: u32 = 6;
/// While skipping garbage, how long the input must stay quiet before the skipped part is
/// answered (the rest is skipped silently until the next header).
const QUIET: Duration = Duration::from_millis(50);
/// How much of a skipped region is kept to look for a request id in.
const KEEP_FOR_ID: usize = 64 * 1024;
const MARKER: &[u8] = b"content-length:";

/// One read from a framed stream.
#[derive(Debug, PartialEq, Eq)]
pub enum Frame {
    Body(Vec<u8>),
    /// Bytes that were not a frame, skipped. `id` is the request id read from them, if any.
    Garbage {
        why: String,
        id: Option<Value>,
    },
}

/// The state of a skip in progress.
struct Skip {
    why: String,
    /// Whether the garbage frame has been returned already.
    reported: bool,
    /// The first bytes skipped.
    seen: Vec<u8>,
}

enum Fill {
    Data,
    Eof,
    Timeout,
}

pub struct FrameReader<R> {
    input: R,
    buf: Vec<u8>,
    eof: bool,
    skip: Option<Skip>,
    /// `None` for a trusted stream (tower-lsp's own output): wait as long as it takes.
    body_timeout: Option<Duration>,
}

impl<R: AsyncRead + Unpin> FrameReader<R> {
    /// A reader for untrusted input, with [`BODY_TIMEOUT`].
    pub fn new(input: R) -> FrameReader<R> {
        FrameReader::with_timeout(input, Some(BODY_TIMEOUT))
    }

    pub fn with_timeout(input: R, body_timeout: Option<Duration>) -> FrameReader<R> {
        FrameReader {
            input,
            buf: Vec::new(),
            eof: false,
            skip: None,
            body_timeout,
        }
    }

    /// The next frame, or `Ok(None)` at the end of input.
    pub async fn next(&mut self) -> io::Result<Option<Frame>> {
        loop {
            if self.skip.is_some() {
                if let Some(garbage) = self.skip_to_header().await? {
                    return Ok(Some(garbage));
                }
                continue;
            }
            if self.eof && self.buf.is_empty() {
                return Ok(None);
            }
            match self.frame().await? {
                Step::Frame(f) => return Ok(Some(f)),
                Step::Skip { drop, keep, why } => self.start_skip(drop, keep, why),
                Step::End => return Ok(None),
            }
        }
    }

    async fn fill(&mut self, timeout: Option<Duration>) -> io::Result<Fill> {
        if self.eof {
            return Ok(Fill::Eof);
        }
        // `read_buf` appends to the vector and is cancel-safe: a timeout loses no bytes.
        self.buf.reserve(64 * 1024);
        let read = match timeout {
            Some(t) => match tokio::time::timeout(t, self.input.read_buf(&mut self.buf)).await {
                Ok(r) => r?,
                Err(_) => return Ok(Fill::Timeout),
            },
            None => self.input.read_buf(&mut self.buf).await?,
        };
        if read == 0 {
            self.eof = true;
            return Ok(Fill::Eof);
        }
        Ok(Fill::Data)
    }

    /// Starts skipping: the first `drop` bytes are discarded, the next `keep` are skipped but
    /// kept to read an id from.
    fn start_skip(&mut self, drop: usize, keep: usize, why: String) {
        self.buf.drain(..drop.min(self.buf.len()));
        let seen = self.buf.drain(..keep.min(self.buf.len())).take(KEEP_FOR_ID).collect();
        self.skip = Some(Skip {
            why,
            reported: false,
            seen,
        });
    }

    /// Skips to the next `Content-Length:`. Returns the garbage frame once: when the header is
    /// found, at the end of input, or when the input goes quiet.
    async fn skip_to_header(&mut self) -> io::Result<Option<Frame>> {
        let Some(skip) = self.skip.as_mut() else {
            return Ok(None);
        };
        let (cut, found) = match find_marker(&self.buf) {
            Some(at) => (at, true),
            None => (self.buf.len().saturating_sub(MARKER.len() - 1), false),
        };
        let room = KEEP_FOR_ID.saturating_sub(skip.seen.len());
        skip.seen.extend(self.buf.drain(..cut).take(room));
        if found {
            return Ok(self.skip.take().and_then(|s| garbage_of(&s, &[])));
        }
        let quiet = if skip.reported { None } else { Some(QUIET) };
        match self.fill(quiet).await? {
            Fill::Data => Ok(None),
            Fill::Eof => {
                let garbage = self.skip.take().and_then(|s| garbage_of(&s, &self.buf));
                self.buf.clear();
                Ok(garbage)
            }
            Fill::Timeout => {
                let garbage = self.skip.as_ref().and_then(|s| garbage_of(s, &self.buf));
                if let Some(s) = self.skip.as_mut() {
                    s.reported = true;
                }
                Ok(garbage)
            }
        }
    }

    /// Reads headers and a body from the start of the buffer.
    async fn frame(&mut self) -> io::Result<Step> {
        let mut pos = 0;
        // The length, and where its header line starts.
        let mut length: Option<(Result<usize, String>, usize)> = None;
        let mut in_headers = false;
        loop {
            let Some(nl) = self.buf[pos..].iter().position(|&b| b == b'\n') else {
                if self.buf.len() - pos > MAX_HEADER_LINE {
                    return Ok(skip(pos, 1, "header line too long"));
                }
                let timeout = if pos < self.buf.len() || in_headers {
                    self.body_timeout
                } else {
                    None
                };
                match self.fill(timeout).await? {
                    Fill::Data => continue,
                    Fill::Eof if !in_headers && self.buf[pos..].iter().all(u8::is_ascii_whitespace) => {
                        self.buf.clear();
                        return Ok(Step::End);
                    }
                    Fill::Eof => return Ok(skip(0, pos, "input ended inside headers")),
                    Fill::Timeout => return Ok(skip(0, pos, "headers stopped arriving")),
                }
            };
            let start = pos;
            pos += nl + 1;
            let line = self.buf[start..start + nl]
                .strip_suffix(b"\r")
                .unwrap_or(&self.buf[start..start + nl]);
            if line.is_empty() {
                if in_headers {
                    break;
                }
                self.buf.drain(..pos);
                pos = 0;
                continue;
            }
            if line.len() > MAX_HEADER_LINE {
                return Ok(skip(start, 1, "header line too long"));
            }
            in_headers = true;
            let text = String::from_utf8_lossy(line);
            match text.split_once(':') {
                Some((name, value)) if name.trim().eq_ignore_ascii_case("content-length") => {
                    length = Some((parse_length(value), start));
                }
                // A header glued to the end of another line is the start of a new frame.
                _ if find_marker(line).is_some_and(|at| at > 0) => {
                    return Ok(skip(start, 1, &format!("not a header line: {:?}", clip(&text))))
                }
                Some((name, _)) if is_token(name) => {}
                _ => return Ok(skip(start, 1, &format!("not a header line: {:?}", clip(&text)))),
            }
        }
        match length {
            Some((Ok(len), _)) => {
                self.buf.drain(..pos);
                self.body(len).await
            }
            // Resume the search just after the bad header: it may be glued to a good one.
            Some((Err(why), at)) => Ok(skip(at, 1, &why)),
            None => Ok(skip(pos, 0, "missing Content-Length header")),
        }
    }

    /// Reads a body of `len` bytes that starts the buffer.
    async fn body(&mut self, len: usize) -> io::Result<Step> {
        let mut scanned = 0;
        // A body trickling in slower than the stall timeout still has to end in time.
        let deadline = self
            .body_timeout
            .map(|t| tokio::time::Instant::now() + t * BODY_DEADLINE_FACTOR);
        loop {
            if self.buf.len() >= len {
                if self.holds_a_header(len) {
                    return Ok(skip(0, 0, &format!("a header inside a {len}-byte message")));
                }
                let body = self.buf.drain(..len).collect();
                return Ok(Step::Frame(Frame::Body(body)));
            }
            if let Some(at) = self.header_after_json(scanned) {
                let why = format!("Content-Length {len} is longer than its message");
                return Ok(skip(0, at, &why));
            }
            scanned = self.buf.len().saturating_sub(MARKER.len() - 1);
            let left = deadline.map(|d| d.saturating_duration_since(tokio::time::Instant::now()));
            let wait = match (self.body_timeout, left) {
                (Some(t), Some(left)) => Some(t.min(left)),
                (t, _) => t,
            };
            match self.fill(wait).await? {
                Fill::Data => {}
                Fill::Eof => {
                    let why = format!("input ended after {} of {len} bytes", self.buf.len());
                    return Ok(skip(0, 0, &why));
                }
                Fill::Timeout => {
                    // Answered now, not when the input goes quiet: it may never.
                    let why = format!("message stalled or too slow: {} of {len} bytes", self.buf.len());
                    let id = guess_id(&self.buf);
                    self.skip = Some(Skip {
                        why: why.clone(),
                        reported: true,
                        seen: Vec::new(),
                    });
                    return Ok(Step::Frame(Frame::Garbage { why, id }));
                }
            }
        }
    }

    /// Whether a `Content-Length:` starts inside the `len` bytes about to become a body that is
    /// not valid JSON: the length was wrong and a real frame begins there. (A valid JSON body
    /// cannot hold a raw header line: strings may not contain raw line breaks.)
    fn holds_a_header(&self, len: usize) -> bool {
        find_marker(&self.buf).is_some_and(|at| at < len)
            && serde_json::from_slice::<IgnoredAny>(&self.buf[..len]).is_err()
    }

    /// Where a `Content-Length:` found at or after `from` follows a complete JSON value: the
    /// announced length was too long and the next message has begun.
    fn header_after_json(&self, from: usize) -> Option<usize> {
        let at = from + find_marker(self.buf.get(from..)?)?;
        serde_json::from_slice::<Value>(&self.buf[..at]).is_ok().then_some(at)
    }
}

enum Step {
    Frame(Frame),
    /// Garbage: see [`FrameReader::start_skip`].
    Skip {
        drop: usize,
        keep: usize,
        why: String,
    },
    End,
}

fn skip(drop: usize, keep: usize, why: &str) -> Step {
    Step::Skip {
        drop,
        keep,
        why: why.to_string(),
    }
}

/// The garbage frame for a skip not yet reported; `tail` is what is still buffered.
fn garbage_of(skip: &Skip, tail: &[u8]) -> Option<Frame> {
    if skip.reported {
        return None;
    }
    let mut seen = skip.seen.clone();
    seen.extend(tail.iter().take(KEEP_FOR_ID.saturating_sub(seen.len())));
    Some(Frame::Garbage {
        why: skip.why.clone(),
        id: guess_id(&seen),
    })
}

fn parse_length(value: &str) -> Result<usize, String> {
    match value.trim().parse::<usize>() {
        Ok(len) if len > MAX_BODY => Err(format!("message of {len} bytes is over the {MAX_BODY}-byte limit")),
        Ok(len) => Ok(len),
        Err(e) => Err(format!("bad Content-Length {:?}: {e}", clip(value.trim()))),
    }
}

/// The first `Content-Length:` in `bytes`, any case.
fn find_marker(bytes: &[u8]) -> Option<usize> {
    let mut from = 0;
    while let Some(i) = bytes.get(from..)?.iter().position(|&b| b | 0x20 == b'c') {
        let at = from + i;
        if bytes.get(at..at + MARKER.len())?.eq_ignore_ascii_case(MARKER) {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

fn is_token(name: &str) -> bool {
    !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
}

fn clip(s: &str) -> String {
    s.chars().take(60).collect()
}

/// The request id of a (possibly cut) JSON object, the first `{` in `bytes`: the value of its
/// top-level `"id"` member when that is a number or a string. Nested members are not mistaken
/// for it.
pub fn guess_id(bytes: &[u8]) -> Option<Value> {
    let start = bytes.iter().position(|&b| b == b'{')?;
    let mut depth = 0usize;
    let mut i = start;
    while i < bytes.len() {
        match bytes[i] {
            b'{' | b'[' => depth += 1,
            b'}' | b']' => depth = depth.checked_sub(1)?,
            b'"' => {
                let end = string_end(bytes, i)?;
                if depth == 1 && &bytes[i..=end] == b"\"id\"" {
                    if let Some(id) = value_after_colon(&bytes[end + 1..]) {
                        return Some(id);
                    }
                }
                i = end;
            }
            _ => {}
        }
        i += 1;
    }
    None
}

/// The index of the quote closing the string that opens at `open`.
fn string_end(bytes: &[u8], open: usize) -> Option<usize> {
    let mut i = open + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'"' => return Some(i),
            _ => i += 1,
        }
    }
    None
}

fn value_after_colon(rest: &[u8]) -> Option<Value> {
    let rest = rest.trim_ascii_start().strip_prefix(b":")?;
    let value = serde_json::Deserializer::from_slice(rest).into_iter::<Value>().next()?;
    value.ok().filter(|v| v.is_number() || v.is_string())
}
