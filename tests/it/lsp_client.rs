//! A small LSP client for end-to-end tests: spawns the real `copydesk lsp --stdio` over pipes,
//! speaks raw JSON-RPC with Content-Length framing, and fails the test on a timeout or on any
//! byte on stdout that is not a well-formed frame.

use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdin, Command, ExitStatus, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use serde_json::{json, Value};

/// Generous: the test machine is small and shared.
pub const TIMEOUT: Duration = Duration::from_secs(30);

enum Incoming {
    Message(Value),
    Garbage(String),
    Eof,
}

pub struct Lsp {
    child: Child,
    stdin: Option<ChildStdin>,
    incoming: Receiver<Incoming>,
    /// Messages read but not yet consumed by the test.
    pending: VecDeque<Value>,
    stderr: Arc<Mutex<String>>,
    next_id: i64,
}

impl Lsp {
    pub fn spawn() -> Lsp {
        let mut child = Command::new(env!("CARGO_BIN_EXE_copydesk"))
            .args(["lsp", "--stdio"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("copydesk starts");
        let stdout = child.stdout.take().expect("stdout is piped");
        let (tx, incoming) = mpsc::channel();
        thread::spawn(move || read_frames(BufReader::new(stdout), &tx));
        let stderr = Arc::new(Mutex::new(String::new()));
        let mut err = child.stderr.take().expect("stderr is piped");
        let sink = stderr.clone();
        thread::spawn(move || {
            let mut buf = [0; 4096];
            while let Ok(n @ 1..) = err.read(&mut buf) {
                sink.lock().unwrap().push_str(&String::from_utf8_lossy(&buf[..n]));
            }
        });
        Lsp {
            stdin: child.stdin.take(),
            child,
            incoming,
            pending: VecDeque::new(),
            stderr,
            next_id: 0,
        }
    }

    /// Spawns, initializes with `params` (merged over empty capabilities), sends `initialized`,
    /// and returns the `initialize` result.
    pub fn start(params: Value) -> (Lsp, Value) {
        let mut lsp = Lsp::spawn();
        let mut p = json!({"processId": null, "rootUri": null, "capabilities": {}});
        if let (Some(p), Value::Object(extra)) = (p.as_object_mut(), params) {
            p.extend(extra);
        }
        let id = lsp.request("initialize", p);
        let result = lsp.response(id)["result"].clone();
        lsp.notify("initialized", json!({}));
        (lsp, result)
    }

    pub fn stderr(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }

    pub fn send_raw(&mut self, bytes: &[u8]) {
        let stdin = self.stdin.as_mut().expect("stdin is open");
        stdin.write_all(bytes).expect("server reads stdin");
        stdin.flush().expect("server reads stdin");
    }

    pub fn send(&mut self, msg: &Value) {
        let body = msg.to_string();
        let mut bytes = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
        bytes.extend_from_slice(body.as_bytes());
        self.send_raw(&bytes);
    }

    pub fn request(&mut self, method: &str, params: Value) -> i64 {
        self.next_id += 1;
        let id = self.next_id;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        id
    }

    pub fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// Answers a request the server sent.
    pub fn reply(&mut self, id: &Value, result: Value) {
        self.send(&json!({"jsonrpc": "2.0", "id": id, "result": result}));
    }

    fn recv(&mut self, deadline: Instant) -> Value {
        let left = deadline.saturating_duration_since(Instant::now());
        match self.incoming.recv_timeout(left) {
            Ok(Incoming::Message(v)) => v,
            Ok(Incoming::Garbage(g)) => panic!("garbage on stdout: {g}\nstderr:\n{}", self.stderr()),
            Ok(Incoming::Eof) | Err(RecvTimeoutError::Disconnected) => {
                panic!(
                    "server closed stdout; pending {:?}\nstderr:\n{}",
                    self.pending,
                    self.stderr()
                )
            }
            Err(RecvTimeoutError::Timeout) => {
                panic!("timed out; unread {:?}\nstderr:\n{}", self.pending, self.stderr())
            }
        }
    }

    /// The first message (read earlier or arriving now) that satisfies `pred`; others stay
    /// pending, in order.
    pub fn wait_for(&mut self, pred: impl Fn(&Value) -> bool) -> Value {
        if let Some(i) = self.pending.iter().position(&pred) {
            return self.pending.remove(i).expect("index is in range");
        }
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let msg = self.recv(deadline);
            if pred(&msg) {
                return msg;
            }
            self.pending.push_back(msg);
        }
    }

    pub fn response(&mut self, id: i64) -> Value {
        self.wait_for(|m| m["id"] == id && m.get("method").is_none())
    }

    /// The next `publishDiagnostics` for `uri`.
    pub fn diagnostics(&mut self, uri: &str) -> Value {
        self.wait_for(|m| m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri)["params"]
            .clone()
    }

    /// Every `publishDiagnostics` for `uri` up to and including the one for `version`.
    pub fn diagnostics_until(&mut self, uri: &str, version: i64) -> Vec<Value> {
        let mut seen = Vec::new();
        loop {
            let d = self.diagnostics(uri);
            let done = d["version"] == version;
            seen.push(d);
            if done {
                return seen;
            }
        }
    }

    /// Drains what has arrived so far, after a round trip that proves the server has read
    /// everything sent before.
    pub fn settle(&mut self) -> Vec<Value> {
        let id = self.request("textDocument/hover", hover_params("file:///nowhere.txt", 0, 0));
        self.response(id);
        self.pending.drain(..).collect()
    }

    pub fn open(&mut self, uri: &str, language: &str, version: i64, text: &str) {
        let doc = json!({"uri": uri, "languageId": language, "version": version, "text": text});
        self.notify("textDocument/didOpen", json!({"textDocument": doc}));
    }

    pub fn change(&mut self, uri: &str, version: i64, changes: Value) {
        let doc = json!({"uri": uri, "version": version});
        self.notify(
            "textDocument/didChange",
            json!({"textDocument": doc, "contentChanges": changes}),
        );
    }

    /// Waits for the process to end, with stdin still open.
    pub fn wait_exit(&mut self) -> ExitStatus {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            if let Some(status) = self.child.try_wait().expect("can wait on the child") {
                return status;
            }
            assert!(
                Instant::now() < deadline,
                "server did not exit\nstderr:\n{}",
                self.stderr()
            );
            thread::sleep(Duration::from_millis(20));
        }
    }

    /// `shutdown`, `exit`, and checks the process ended with status 0 and that everything left
    /// on stdout was well-formed frames.
    pub fn finish(mut self) {
        let id = self.request("shutdown", Value::Null);
        assert_eq!(self.response(id)["result"], Value::Null);
        self.notify("exit", Value::Null);
        let status = self.wait_exit();
        assert_eq!(status.code(), Some(0), "stderr:\n{}", self.stderr());
        loop {
            match self.incoming.recv_timeout(TIMEOUT) {
                Ok(Incoming::Message(_)) => {}
                Ok(Incoming::Eof) => break,
                Ok(Incoming::Garbage(g)) => panic!("garbage on stdout: {g}"),
                Err(e) => panic!("stdout did not close: {e}"),
            }
        }
    }
}

impl Drop for Lsp {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn hover_params(uri: &str, line: u32, character: u32) -> Value {
    json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": character}})
}

/// Reads frames strictly: exactly `Content-Length: N`, a blank line, N bytes of a JSON-RPC 2.0
/// object. Anything else is reported as garbage and ends the reading.
fn read_frames(mut out: impl BufRead, tx: &mpsc::Sender<Incoming>) {
    loop {
        let mut header = String::new();
        match out.read_line(&mut header) {
            Ok(0) => {
                let _ = tx.send(Incoming::Eof);
                return;
            }
            Ok(_) => {}
            Err(e) => {
                let _ = tx.send(Incoming::Garbage(format!("unreadable stdout: {e}")));
                return;
            }
        }
        let len = header
            .strip_prefix("Content-Length: ")
            .and_then(|h| h.strip_suffix("\r\n"))
            .and_then(|n| n.parse::<usize>().ok());
        let mut blank = String::new();
        let framed = out.read_line(&mut blank).is_ok() && blank == "\r\n";
        let (Some(len), true) = (len, framed) else {
            let _ = tx.send(Incoming::Garbage(format!("bad header {header:?} {blank:?}")));
            return;
        };
        let mut body = vec![0; len];
        let msg = out
            .read_exact(&mut body)
            .ok()
            .and_then(|()| serde_json::from_slice::<Value>(&body).ok())
            .filter(|v| v["jsonrpc"] == "2.0");
        let sent = match msg {
            Some(v) => tx.send(Incoming::Message(v)),
            None => tx.send(Incoming::Garbage(String::from_utf8_lossy(&body).into_owned())),
        };
        if sent.is_err() {
            return;
        }
    }
}
