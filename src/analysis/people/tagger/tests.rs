use super::*;
use crate::analysis::Format;

#[test]
fn shipped_weights_parse() {
    let m = model();
    assert!(
        m.is_some(),
        "data/tagger/persons.bin is corrupt or from another feature set"
    );
    let m = m.map_or(0, |m| m.weights.len());
    assert_eq!(m, TAGS << features::BITS);
}

#[test]
fn corrupt_weights_are_refused() {
    let good = Model::quantise(&vec![0.5; TAGS << features::BITS], &[[0.25; TAGS]; 4]);
    let bytes = good.to_bytes();
    assert_eq!(Model::from_bytes(&bytes).as_ref(), Some(&good));
    let mut flipped = bytes.clone();
    flipped[100] ^= 1;
    assert_eq!(Model::from_bytes(&flipped), None);
    assert_eq!(Model::from_bytes(&bytes[..bytes.len() - 2]), None);
    assert_eq!(Model::from_bytes(b""), None);
}

#[test]
fn spans_read_bio_tags() {
    assert_eq!(spans(&[O, B, I, O, B, B, I]), vec![1..3, 4..5, 5..7]);
    assert_eq!(spans(&[B]), spans(&[B, O]));
    assert_eq!(spans(&[B]).first(), Some(&(0..1)));
    assert!(spans(&[O, O]).is_empty());
}

#[test]
fn viterbi_never_starts_a_name_with_i() {
    // Emissions favour I everywhere; the only legal way to use it is after a B.
    let e = [[0.0, 1.0, 5.0], [0.0, 0.0, 5.0]];
    let tags = model::viterbi(&e, &[[0.0; TAGS]; 4]);
    assert_eq!(tags, vec![B, I]);
}

#[test]
fn views_mark_quotations_and_headlines() {
    let text = "Storm Hits Harbour Town\n\nThe mayor said “Ines Okafor will lead” the review.";
    let doc = Document::new(text, Format::Plain);
    let quoted = quoted_tokens(&doc);
    let head = view(&doc, 0, &quoted);
    assert!(head.headline);
    let body = view(&doc, 1, &quoted);
    assert!(!body.headline);
    let ines = body.words.iter().find(|w| w.text == "Ines");
    assert!(ines.is_some_and(|w| w.quoted));
    let mayor = body.words.iter().find(|w| w.text == "mayor");
    assert!(mayor.is_some_and(|w| !w.quoted));
}

#[test]
fn training_learns_a_toy_pattern() {
    // Invented sentences: a capitalised word before "said" is a name.
    let texts = [
        ("Okafor said the ferry was late.", &[(0, 6)][..]),
        ("Brandt said the ferry was full.", &[(0, 6)][..]),
        ("Ruiz said nothing about it.", &[(0, 4)][..]),
        ("Tamsin said the harbour was closed.", &[(0, 6)][..]),
        ("Velasquez said it twice.", &[(0, 9)][..]),
        ("Harbour rates rose in May.", &[][..]),
        ("Ferry fares rose again.", &[][..]),
        ("Council staff were told.", &[][..]),
    ];
    let data: Vec<train::Example> = texts
        .iter()
        .flat_map(|(t, n)| {
            let names: Vec<std::ops::Range<usize>> = n.iter().map(|&(a, b)| a..b).collect();
            train::examples(t, &names)
        })
        .collect();
    let (m, report) = train::train(&data, &data, 10, 7);
    assert_eq!(report.epochs.len(), 10);
    assert!(report.epochs[report.best - 1].2 > 0.99, "{report:?}");
    let doc = Document::new("Lindqvist said it again.", Format::Plain);
    let quoted = quoted_tokens(&doc);
    let tags = m.tag(&view(&doc, 0, &quoted));
    assert_eq!(spans(&tags), vec![0..1]);
}

#[test]
fn tags_invented_names_with_the_shipped_model() {
    let text = "Mireille Okonkwo-Baptiste, 44, said the council had not replied. \
                The harbour in Lisbon closed on Tuesday.";
    let doc = Document::new(text, Format::Plain);
    let found: Vec<&str> = names(&doc)
        .into_iter()
        .map(|r| &text[doc.tokens[r.start].span.start..doc.tokens[r.end - 1].span.end])
        .collect();
    assert_eq!(found, vec!["Mireille Okonkwo-Baptiste"]);
}
