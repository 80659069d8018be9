//! The framing layer on arbitrary bytes: whatever comes first, a well-formed request sent after
//! it reaches the server (never deaf), unless the garbage itself held an `exit`.
#![no_main]

use copydesk::server::transport::{frame, pump_frames, End, Frame, FrameReader};
use libfuzzer_sys::fuzz_target;
use tokio::sync::mpsc;

const PROBE: &[u8] = br#"{"jsonrpc":"2.0","id":"probe","method":"textDocument/hover","params":null}"#;

fuzz_target!(|garbage: &[u8]| {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
        .unwrap();
    runtime.block_on(async {
        let mut input = garbage.to_vec();
        input.extend(frame(PROBE));
        let (replies, _rx) = mpsc::unbounded_channel();
        let mut forwarded = Vec::new();
        let end = pump_frames(FrameReader::new(&input[..]), &mut forwarded, replies).await;
        if matches!(end, End::Exit(_)) {
            return;
        }
        let mut out = FrameReader::with_timeout(&forwarded[..], None);
        let mut seen = false;
        while let Some(f) = out.next().await.unwrap() {
            if let Frame::Body(b) = f {
                seen |= b == PROBE;
            }
        }
        assert!(
            seen,
            "the request after {:?} was lost",
            String::from_utf8_lossy(garbage)
        );
    });
});
