//! `analyze` on arbitrary UTF-8, as plain text or Markdown (the first byte chooses): it must
//! not panic, and every span it returns lies inside the text on character boundaries.
#![no_main]

use copydesk::analysis::{analyze, Config, Format};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let format = if mode & 1 == 0 { Format::Markdown } else { Format::Plain };
    let a = analyze(text, &Config::with_format(format));
    let spans = a
        .findings
        .iter()
        .flat_map(|f| std::iter::once(f.span).chain(f.related.iter().map(|r| r.span)))
        .chain(
            a.sources
                .iter()
                .flat_map(|s| [Some(s.span), s.cue, s.claim, s.vantage, s.reason])
                .flatten(),
        )
        .chain(
            a.quotes
                .iter()
                .flat_map(|q| [Some(q.span), q.cue, q.speaker.map(|s| s.span)])
                .flatten(),
        )
        .chain(a.people.iter().flat_map(|p| p.mentions.iter().map(|m| m.span)));
    for s in spans {
        assert!(
            s.start <= s.end && s.end <= text.len(),
            "{s:?} outside {} bytes",
            text.len()
        );
        assert!(
            text.is_char_boundary(s.start) && text.is_char_boundary(s.end),
            "{s:?} splits a char"
        );
    }
});
