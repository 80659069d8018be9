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
    let mut r = FrameReader::new(bytes);
    let mut out = Vec::new();
    while let Some(f) = r.next().await.unwrap() {
        match f {
            Frame::Body(b) => out.push(serde_json::from_slice(&b).unwrap()),
            Frame::Garbage { why, .. } => panic!("garbage in our own output: {why}"),
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
    assert_eq!(replies[0]["id"], 4, "the id is read from the cut body");
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
async fn a_truncated_body_at_the_end_of_input_is_answered_then_the_input_ends() {
    let mut input = msg(request(1, "hover"));
    input.extend(b"Content-Length: 100\r\n\r\n{\"jsonrpc\":\"2.0\",\"id\":8");
    let (end, fwd, replies) = pump(input).await;
    assert_eq!(end, End::Eof { shutdown: false });
    assert_eq!(fwd.len(), 1);
    assert_eq!(replies.len(), 1);
    assert_eq!(replies[0]["id"], 8);
}

/// `bad` (a broken frame), then two good requests: both must be forwarded.
async fn survives(bad: &[u8]) -> Vec<Value> {
    let mut input = msg(request(1, "hover"));
    input.extend_from_slice(bad);
    input.extend(msg(request(2, "hover")));
    input.extend(msg(request(3, "hover")));
    let (_, fwd, replies) = pump(input).await;
    let ids: Vec<_> = fwd.iter().map(|m| m["id"].clone()).collect();
    assert!(
        ids.ends_with(&[json!(2), json!(3)]),
        "lost requests after {:?}: {ids:?}",
        String::from_utf8_lossy(bad)
    );
    assert_eq!(ids[0], 1);
    assert!(!replies.is_empty(), "the bad frame was not answered");
    assert!(replies.iter().all(|r| r["error"]["code"] == -32700), "{replies:?}");
    replies
}

fn with_header(header: &str, id: i64) -> Vec<u8> {
    let mut out = format!("{header}\r\n\r\n").into_bytes();
    out.extend(request(id, "hover").to_string().into_bytes());
    out
}

#[tokio::test]
async fn a_bad_content_length_is_answered_with_the_id_of_its_body_and_skipped() {
    for header in [
        "Content-Type: text/plain",
        "Content-Length: -12",
        "Content-Length: twelve",
        "Content-Length: 99999999999999999999999999",
        "Content-Length: 104857600",
    ] {
        let replies = survives(&with_header(header, 40)).await;
        assert_eq!(replies.len(), 1, "{header}: {replies:?}");
        assert_eq!(replies[0]["id"], 40, "{header}");
    }
}

#[tokio::test]
async fn a_length_shorter_than_the_body_loses_only_that_message() {
    let body = request(41, "hover").to_string();
    let mut bad = format!("Content-Length: {}\r\n\r\n", body.len() - 10).into_bytes();
    bad.extend(body.as_bytes());
    let replies = survives(&bad).await;
    assert_eq!(replies.len(), 1, "{replies:?}");
    assert_eq!(replies[0]["id"], 41);
}

#[tokio::test]
async fn a_length_longer_than_the_body_loses_only_that_message() {
    let body = request(42, "hover").to_string();
    for extra in [1, 30, 5000] {
        let mut bad = format!("Content-Length: {}\r\n\r\n", body.len() + extra).into_bytes();
        bad.extend(body.as_bytes());
        let replies = survives(&bad).await;
        assert_eq!(replies.len(), 1, "{replies:?}");
        assert_eq!(replies[0]["id"], 42);
    }
}

#[tokio::test]
async fn a_huge_length_with_a_short_body_is_skipped_at_once() {
    let replies = survives(b"Content-Length: 104857600\r\n\r\n{\"jsonrpc\":\"2.0\"}").await;
    assert_eq!(replies[0]["id"], Value::Null);
}

#[tokio::test]
async fn a_header_glued_to_junk_is_found_again() {
    survives(b"garbage without newline Content-Length: x").await;
    survives(b"\x00\x01\xff\r\n\r\n\r\n").await;
    survives(&vec![b'a'; MAX_HEADER_LINE + 10]).await;
    survives(b"Content-Length: 5\r\nX-Junk: y").await;
    survives(b"Content-Length: 8\r\n\r\n").await;
}

#[tokio::test]
async fn a_stalled_body_is_dropped_after_the_timeout_and_reading_resumes() {
    let (mut client, server) = tokio::io::duplex(1 << 16);
    let (tx, mut rx) = mpsc::unbounded_channel();
    let reader = FrameReader::with_timeout(server, Some(std::time::Duration::from_millis(100)));
    let (fwd_tx, mut fwd_rx) = tokio::io::duplex(1 << 16);
    let pump = tokio::spawn(pump_frames(reader, fwd_tx, tx));
    client
        .write_all(b"Content-Length: 500\r\n\r\n{\"jsonrpc\":\"2.0\",\"id\":43,")
        .await
        .unwrap();
    let reply = rx.recv().await.unwrap();
    let reply = &bodies(&reply).await[0];
    assert_eq!(
        (reply["id"].clone(), reply["error"]["code"].clone()),
        (json!(43), json!(-32700))
    );
    client.write_all(&msg(request(44, "hover"))).await.unwrap();
    drop(client);
    assert_eq!(pump.await.unwrap(), End::Eof { shutdown: false });
    let mut forwarded = Vec::new();
    tokio::io::AsyncReadExt::read_to_end(&mut fwd_rx, &mut forwarded)
        .await
        .unwrap();
    assert_eq!(bodies(&forwarded).await, vec![request(44, "hover")]);
}

#[tokio::test]
async fn dollar_requests_get_method_not_found_and_dollar_notifications_pass() {
    let mut input = msg(request(5, "$/unknownThing"));
    input.extend(msg(
        json!({"jsonrpc": "2.0", "method": "$/cancelRequest", "params": {"id": 1}}),
    ));
    let (_, fwd, replies) = pump(input).await;
    assert_eq!(fwd.len(), 1);
    assert_eq!(fwd[0]["method"], "$/cancelRequest");
    assert_eq!(
        (replies[0]["id"].clone(), replies[0]["error"]["code"].clone()),
        (json!(5), json!(-32601))
    );
}

#[tokio::test]
async fn a_did_change_with_a_negative_position_is_clamped_and_one_with_junk_is_unapplied() {
    let change = |start: Value| {
        json!({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
            "textDocument": {"uri": "file:///a.md", "version": 2},
            "contentChanges": [{"range": {"start": start, "end": {"line": 0, "character": 0}}, "text": "x"}]}})
    };
    let mut input = msg(change(json!({"line": 0, "character": -1})));
    input.extend(msg(change(json!({"line": 0, "character": "one"}))));
    input.extend(msg(
        json!({"jsonrpc": "2.0", "method": UNAPPLIED, "params": {"uri": "file:///a.md"}}),
    ));
    let (_, fwd, replies) = pump(input).await;
    assert!(replies.is_empty());
    assert_eq!(fwd.len(), 2, "the client's own {UNAPPLIED} is dropped");
    assert_eq!(fwd[0]["params"]["contentChanges"][0]["range"]["start"]["character"], 0);
    assert_eq!(fwd[1]["method"], UNAPPLIED);
    assert_eq!(fwd[1]["params"]["uri"], "file:///a.md");
}

#[test]
fn guess_id_reads_only_the_top_level_id() {
    assert_eq!(guess_id(br#"{"jsonrpc":"2.0","id":"x7","method"#), Some(json!("x7")));
    assert_eq!(guess_id(br#"{"params":{"id":3},"id":4"#), Some(json!(4)));
    assert_eq!(guess_id(br#"{"params":{"id":3}"#), None);
    assert_eq!(guess_id(br#"{"method":"id","x":1}"#), None);
    assert_eq!(guess_id(br#"Content-Length: 5\r\n\r\n{"id":1}"#), Some(json!(1)));
    assert_eq!(guess_id(br#"{"a":""id"","id":null}"#), None);
}

/// The deterministic run of the `framing` fuzz target: whatever comes first, a well-formed
/// request after it reaches the server, unless the garbage itself held an `exit`.
mod never_deaf {
    use proptest::prelude::*;

    use super::*;

    const PIECES: &[&[u8]] = &[
        b"Content-Length: ",
        b"content-length:",
        b"Content-Type: x",
        b"\r\n",
        b"\n",
        b"\r\n\r\n",
        b"5",
        b"-1",
        b"99999999999999999999",
        b"104857600",
        b"{",
        b"}",
        b"\"id\":7,",
        b"{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"hover\"}",
        b"\xff\xfe",
        b"\0",
        b"junk",
        b":",
    ];

    fn garbage() -> impl Strategy<Value = Vec<u8>> {
        let piece = prop_oneof![
            4 => prop::sample::select(PIECES).prop_map(<[u8]>::to_vec),
            1 => prop::collection::vec(any::<u8>(), 0..8),
        ];
        prop::collection::vec(piece, 0..16).prop_map(|v| v.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]
        #[test]
        fn a_request_after_any_garbage_is_forwarded(garbage in garbage()) {
            let probe = request(99, "textDocument/hover");
            let runtime = tokio::runtime::Builder::new_current_thread().enable_time().build().unwrap();
            let (end, fwd, _) = runtime.block_on(async {
                let mut input = garbage.clone();
                input.extend(msg(probe.clone()));
                pump(input).await
            });
            if !matches!(end, End::Exit(_)) {
                prop_assert!(fwd.contains(&probe), "lost after {:?}", String::from_utf8_lossy(&garbage));
            }
        }
    }
}

#[tokio::test]
async fn a_body_trickling_in_is_dropped_at_its_deadline() {
    let (mut client, server) = tokio::io::duplex(1 << 16);
    let (tx, mut rx) = mpsc::unbounded_channel();
    let reader = FrameReader::with_timeout(server, Some(std::time::Duration::from_millis(100)));
    let (fwd_tx, _fwd_rx) = tokio::io::duplex(1 << 16);
    let pump = tokio::spawn(pump_frames(reader, fwd_tx, tx));
    client
        .write_all(b"Content-Length: 500\r\n\r\n{\"id\":45,")
        .await
        .unwrap();
    let started = std::time::Instant::now();
    let reply = loop {
        // One byte every 50 ms: never a 100 ms stall, but never done either.
        if let Ok(reply) = rx.try_recv() {
            break reply;
        }
        assert!(started.elapsed() < std::time::Duration::from_secs(5), "never dropped");
        client.write_all(b" ").await.unwrap();
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    };
    assert!(started.elapsed() >= std::time::Duration::from_millis(500));
    assert_eq!(bodies(&reply).await[0]["id"], 45);
    drop(client);
    pump.await.unwrap();
}
