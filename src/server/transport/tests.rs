//! Framing, validation and `exit` interception, over in-memory streams.

use super::*;

fn msg(v: Value) -> Vec<u8> {
    frame(v.to_string().as_bytes())
}

/// Runs the input pump over `input`; returns how it ended, what reached tower-lsp, and the
/// error replies.
async fn pump(input: Vec<u8>) -> (End, Vec<Value>, Vec<Value>) {
    let (tx, mut rx) = mpsc::unbounded_channel();
    let mut forwarded = Vec::new();
    let end = pump_input(&input[..], &mut forwarded, tx).await;
    let mut replies = Vec::new();
    while let Ok(f) = rx.try_recv() {
        replies.extend(bodies(&f).await);
    }
    (end, bodies(&forwarded).await, replies)
}

async fn bodies(bytes: &[u8]) -> Vec<Value> {
    let mut r = BufReader::new(bytes);
    let mut out = Vec::new();
    while let Some(f) = read_frame(&mut r).await.unwrap() {
        match f {
            Frame::Body(b) => out.push(serde_json::from_slice(&b).unwrap()),
            Frame::Garbage(g) => panic!("garbage in our own output: {g}"),
        }
    }
    out
}

fn request(id: i64, method: &str) -> Value {
    json!({"jsonrpc": "2.0", "id": id, "method": method, "params": null})
}

#[tokio::test]
async fn forwards_messages_and_ends_at_eof() {
    let mut input = msg(request(1, "initialize"));
    input.extend(msg(json!({"jsonrpc": "2.0", "id": 0, "result": null})));
    let (end, fwd, replies) = pump(input).await;
    assert_eq!(end, End::Eof { shutdown: false });
    assert_eq!(fwd.len(), 2);
    assert!(replies.is_empty());
}

#[tokio::test]
async fn exit_after_shutdown_ends_with_zero_and_is_not_forwarded() {
    let mut input = msg(request(1, "shutdown"));
    input.extend(msg(json!({"jsonrpc": "2.0", "method": "exit"})));
    input.extend(msg(request(2, "hover")));
    let (end, fwd, _) = pump(input).await;
    assert_eq!(end, End::Exit(0));
    assert_eq!(fwd, vec![request(1, "shutdown")]);
}

#[tokio::test]
async fn exit_without_shutdown_ends_with_one() {
    let (end, _, _) = pump(msg(json!({"jsonrpc": "2.0", "method": "exit"}))).await;
    assert_eq!(end, End::Exit(1));
}

#[tokio::test]
async fn malformed_json_is_answered_with_a_parse_error_and_skipped() {
    let mut input = frame(b"{\"jsonrpc\": \"2.0\", \"id\": 4,");
    input.extend(msg(request(5, "hover")));
    let (_, fwd, replies) = pump(input).await;
    assert_eq!(fwd, vec![request(5, "hover")]);
    assert_eq!(replies.len(), 1);
    assert_eq!(replies[0]["error"]["code"], -32700);
    assert_eq!(replies[0]["id"], Value::Null);
}

#[tokio::test]
async fn json_that_is_not_a_message_is_an_invalid_request_with_its_id() {
    let mut input = msg(json!({"id": 9, "method": "hover"}));
    input.extend(msg(json!([1, 2])));
    input.extend(frame(&[0xff, 0xfe]));
    let (_, fwd, replies) = pump(input).await;
    assert!(fwd.is_empty());
    let codes: Vec<_> = replies
        .iter()
        .map(|r| (r["id"].clone(), r["error"]["code"].clone()))
        .collect();
    assert_eq!(
        codes,
        vec![
            (json!(9), json!(-32600)),
            (Value::Null, json!(-32600)),
            (Value::Null, json!(-32700))
        ]
    );
}

#[tokio::test]
async fn garbage_between_frames_is_reported_once_then_skipped() {
    let mut input = b"hello there\r\nmore junk\r\n\r\n".to_vec();
    input.extend(msg(request(1, "hover")));
    input.extend(b"Content-Length: ten\r\n\r\n");
    input.extend(msg(request(2, "hover")));
    let (end, fwd, replies) = pump(input).await;
    assert_eq!(end, End::Eof { shutdown: false });
    assert_eq!(fwd, vec![request(1, "hover"), request(2, "hover")]);
    assert_eq!(replies.len(), 2, "{replies:?}");
    assert!(replies.iter().all(|r| r["error"]["code"] == -32700));
}

#[tokio::test]
async fn content_type_and_header_case_are_accepted() {
    let body = request(3, "hover").to_string();
    let input = format!(
        "content-length: {}\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{body}",
        body.len()
    );
    let (_, fwd, replies) = pump(input.into_bytes()).await;
    assert_eq!(fwd, vec![request(3, "hover")]);
    assert!(replies.is_empty());
}

#[tokio::test]
async fn a_truncated_body_ends_the_input_quietly() {
    let mut input = msg(request(1, "hover"));
    input.extend(b"Content-Length: 100\r\n\r\n{\"jsonrpc\"");
    let (end, fwd, replies) = pump(input).await;
    assert_eq!(end, End::Eof { shutdown: false });
    assert_eq!(fwd.len(), 1);
    assert!(replies.is_empty());
}
