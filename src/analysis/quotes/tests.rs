//! Tests of the quotes engine: spans, kinds and speakers, on invented copy.

use super::find;
use crate::analysis::model::{Mention, MentionKind, Person, QuoteKind, Source, SourceKind, Span};
use crate::analysis::segment::Document;
use crate::analysis::Format;

/// (quoted text, kind, speaker text, speaker kind) for every quotation.
fn quotes(text: &str) -> Vec<(String, QuoteKind, Option<String>, Option<SourceKind>)> {
    let doc = Document::new(text, Format::Plain);
    let mut sources = Vec::new();
    find(&doc, &mut sources, &[])
        .into_iter()
        .map(|q| {
            (
                q.span.of(text).to_string(),
                q.kind,
                q.speaker.map(|s| s.span.of(text).to_string()),
                q.speaker.map(|s| s.kind),
            )
        })
        .collect()
}

fn spans(text: &str) -> Vec<String> {
    quotes(text).into_iter().map(|q| q.0).collect()
}

/// The speaker text of each speech quotation.
fn speakers(text: &str) -> Vec<Option<String>> {
    quotes(text)
        .into_iter()
        .filter(|q| q.1 == QuoteKind::Speech)
        .map(|q| q.2)
        .collect()
}

fn some(s: &str) -> Option<String> {
    Some(s.to_string())
}

#[test]
fn finds_curly_and_straight_double_quotes_with_their_marks() {
    let text = "“It rained,” Vega said. \"It poured,\" Ortiz said.";
    assert_eq!(spans(text), ["“It rained,”", "\"It poured,\""]);
}

#[test]
fn apostrophes_are_not_quotation_marks() {
    let text = "He loved ’90s radio, rock ’n’ roll, Time’s Up marches, the Joneses’ porch and \
                staying up 'til dawn at Millepied’s.";
    assert!(spans(text).is_empty(), "{:?}", spans(text));
}

#[test]
fn single_quotes_nest_inside_double_quotes() {
    let text = "“When the judge said ‘not guilty,’ we cried,” Ferreira said.";
    assert_eq!(spans(text), ["“When the judge said ‘not guilty,’ we cried,”"]);
}

#[test]
fn mismatched_marks_still_pair() {
    let text = "“It was fine\" she said. ‘Oh, right.' he answered.";
    assert_eq!(spans(text), ["“It was fine\"", "‘Oh, right.'"]);
}

#[test]
fn a_quote_runs_across_sentences() {
    let text = "“We lost. Then we won. That is sport,” the coach said.";
    assert_eq!(speakers(text), [some("the coach")]);
    assert_eq!(spans(text).len(), 1);
}

#[test]
fn a_stray_mark_is_absorbed_by_its_paragraph() {
    let text =
        "The summary runs to \"forty pages, the council says.\n\n“It is honest,” said auditor Lena Marsh. “And short.”";
    let q = quotes(text);
    assert_eq!(q.len(), 3, "{q:?}");
    assert_eq!(q[1].0, "“It is honest,”");
    assert_eq!(q[1].2, some("auditor Lena Marsh"));
    assert_eq!(q[2].2, some("auditor Lena Marsh"));
}

#[test]
fn a_multi_paragraph_quote_is_one_part_per_paragraph_sharing_the_speaker() {
    let text = "“I remember the silence.\n\n“Then my mother took my hand,” Ferreira said.";
    let q = quotes(text);
    assert_eq!(q.len(), 2);
    assert_eq!(q[0].0, "“I remember the silence.");
    assert_eq!(q[0].2, some("Ferreira"));
    assert_eq!(q[1].2, some("Ferreira"));
}

#[test]
fn bracketed_insertions_stay_inside_the_quote() {
    let text = "Reis said: “[Ana and I] will speak next week.”";
    assert_eq!(spans(text), ["“[Ana and I] will speak next week.”"]);
    assert_eq!(speakers(text), [some("Reis")]);
}

#[test]
fn recognises_titles_nicknames_and_scare_quotes() {
    let text = "The film “Night Ferry” starred Tomasz “The Metronome” Wiśniewski. The so-called \
                “farewell” tour played NBC’s “Evening Live Hour” and fans loved the “legendary” encore.";
    let kinds: Vec<QuoteKind> = quotes(text).into_iter().map(|q| q.1).collect();
    assert_eq!(
        kinds,
        [
            QuoteKind::Title,
            QuoteKind::Nickname,
            QuoteKind::Scare,
            QuoteKind::Title,
            QuoteKind::Scare
        ]
    );
}

#[test]
fn a_title_after_called_stays_a_title_before_a_speech_tag() {
    let text = "She posted a demo called “Harbour Lights,” recorded, she wrote, “in one take at dawn.”";
    let kinds: Vec<QuoteKind> = quotes(text).into_iter().map(|q| q.1).collect();
    assert_eq!(kinds, [QuoteKind::Title, QuoteKind::Speech]);
}

#[test]
fn an_attribution_makes_a_single_word_speech() {
    let q = quotes("The actor felt “humiliated,” a source says.");
    assert_eq!(q[0].1, QuoteKind::Speech);
    assert_eq!(q[0].2, some("a source"));
    assert_eq!(q[0].3, Some(SourceKind::Anonymous));
}

#[test]
fn finds_speakers_after_the_quote() {
    let text = "“One,” she said. “Two,” said Mayor Ana Ortiz. “Three,” the insider adds. \
                “Four,” Ortiz, 41, told reporters.";
    assert_eq!(
        speakers(text),
        [some("she"), some("Mayor Ana Ortiz"), some("the insider"), some("Ortiz")]
    );
}

#[test]
fn classifies_fallback_speakers_minimally() {
    let kinds: Vec<Option<SourceKind>> = quotes(
        "“A,” she said. “B,” said Ortiz. “C,” a pal adds. “D,” sources close to the star say. \
         “E,” said a senior official.",
    )
    .into_iter()
    .map(|q| q.3)
    .collect();
    use SourceKind::*;
    assert_eq!(
        kinds,
        [
            Some(Pronoun),
            Some(Named),
            Some(Anonymous),
            Some(Anonymous),
            Some(Anonymous)
        ]
    );
}

#[test]
fn finds_speakers_before_the_quote() {
    let text = "Ortiz said: “We will win.” According to a source, the actor is “devastated.”";
    assert_eq!(speakers(text), [some("Ortiz"), some("a source")]);
}

#[test]
fn finds_the_subject_of_a_verb_of_characterising() {
    let text = "Ortiz called the plan “reckless and late.” She described it as “a mess.”";
    assert_eq!(speakers(text), [some("Ortiz"), some("She")]);
}

#[test]
fn told_us_is_the_magazine_not_a_speaker() {
    let text = "“I was ready,” he exclusively told Us. A second insider tells Us that she “doesn’t know.”";
    assert_eq!(speakers(text), [some("he"), some("A second insider")]);
}

#[test]
fn carries_the_speaker_over_when_nobody_new_speaks() {
    let text = "“We lost,” coach Rui Tavares said. “Then we won.”\n\n“That is sport.”";
    assert_eq!(speakers(text), vec![some("Rui Tavares"); 3]);
}

#[test]
fn does_not_carry_over_past_a_new_speaker() {
    let text = "“We lost,” Tavares said. Duarte said the team was tired.\n\n“Nobody panicked.”";
    // Not Tavares: Duarte's paraphrase just before introduces the quotation.
    assert_eq!(speakers(text), [some("Tavares"), some("Duarte")]);
}

#[test]
fn does_not_carry_over_into_an_unrelated_paragraph() {
    let text = "“We lost,” Tavares said. The bus left at six.\n\nThe hall was empty. “Nobody came.”";
    assert_eq!(speakers(text), [some("Tavares"), None]);
}

#[test]
fn prefers_attribution_sources_and_links_them() {
    let text = "“We will rebuild,” the mayor said.";
    let doc = Document::new(text, Format::Plain);
    let at = |s: &str| text.find(s).map_or(Span::default(), |i| Span::new(i, i + s.len()));
    let mut sources = vec![Source {
        span: at("the mayor"),
        kind: SourceKind::Named,
        cue: Some(at("said")),
        claim: None,
        vantage: None,
        reason: None,
        stock_reason: false,
        person: Some(0),
        antecedent: None,
        plural: false,
        quotes: Vec::new(),
    }];
    let q = find(&doc, &mut sources, &[]);
    let speaker = q[0].speaker.map(|s| (s.source, s.person));
    assert_eq!(speaker, Some((Some(0), Some(0))));
    assert_eq!(sources[0].quotes, [0]);
    assert_eq!(q[0].cue.map(|c| c.of(text)), Some("said"));
}

#[test]
fn links_a_fallback_speaker_to_a_person_mention() {
    let text = "“We will rebuild,” Ortiz said.";
    let doc = Document::new(text, Format::Plain);
    let people = [Person {
        name: "Ana Ortiz".to_string(),
        mentions: vec![Mention {
            span: Span::new(text.find("Ortiz").unwrap_or(0), text.len() - " said.".len()),
            kind: MentionKind::ShortName,
        }],
        ..Person::default()
    }];
    let q = find(&doc, &mut Vec::new(), &people);
    assert_eq!(q[0].speaker.and_then(|s| s.person), Some(0));
}

#[test]
fn handles_odd_input_without_panicking() {
    for text in [
        "“",
        "”",
        "\"\"",
        "‘’",
        "“”“”",
        "' '",
        "“ ”",
        "a “b",
        "c” d",
        "“😀”",
        "\"\n\"",
        "’’x’’",
    ] {
        for q in quotes(text) {
            assert!(text.contains(&q.0));
        }
    }
}

#[test]
fn stays_fast_on_long_documents() {
    let para = "“We lost the first set,” coach Rui Tavares said on Sunday. The so-called “comeback” \
                followed. According to a source, the team was “exhausted.”\n\n";
    let text = para.repeat(3000);
    let start = std::time::Instant::now();
    let n = quotes(&text).len();
    assert_eq!(n, 9000);
    assert!(start.elapsed().as_secs() < 20, "took {:?}", start.elapsed());
}

#[test]
fn single_marks_are_primary_in_copy_that_quotes_with_them() {
    let text = "‘We lost the first set,’ Tavares said. ‘Then the girls remembered who they were.’\n\n\
                ‘Nobody panicked at all,’ Duarte said. ‘Not even when the lights went out.’";
    let q = quotes(text);
    let kinds: Vec<QuoteKind> = q.iter().map(|q| q.1).collect();
    assert_eq!(kinds, [QuoteKind::Speech; 4]);
    assert_eq!(q[1].2, some("Tavares"));
}

#[test]
fn ignores_sources_inside_quotations() {
    let text = "“He said no,” Vega said.";
    let doc = Document::new(text, Format::Plain);
    let at = |s: &str| text.find(s).map_or(Span::default(), |i| Span::new(i, i + s.len()));
    let inner = Source {
        span: at("He"),
        kind: SourceKind::Pronoun,
        cue: Some(at("said")),
        claim: None,
        vantage: None,
        reason: None,
        stock_reason: false,
        person: None,
        antecedent: None,
        plural: false,
        quotes: Vec::new(),
    };
    let mut sources = vec![inner];
    let q = find(&doc, &mut sources, &[]);
    assert_eq!(q[0].speaker.map(|s| s.span.of(text)), Some("Vega"));
    assert!(sources[0].quotes.is_empty());
}

#[test]
fn treats_words_mentioned_rather_than_said_as_terms() {
    let text = "Critics mock what the agency calls “tax theatre.” The words on this year’s banned list \
                are “synergy,” “pivot” and “circle back.” Among the newest terms is “doomscrolling,” \
                which stuck. Dockers were referred to as “the lads” for decades.";
    let kinds: Vec<QuoteKind> = quotes(text).into_iter().map(|q| q.1).collect();
    assert_eq!(kinds, [QuoteKind::Scare; 6]);
}

#[test]
fn keeps_characterisations_and_someones_words_as_speech() {
    let text = "Vega condemned what she called “a sham hearing from start to finish.” His last words \
                were “look after the cat for me, please.” Ortiz referred to him as “the architect.”";
    let q = quotes(text);
    let kinds: Vec<QuoteKind> = q.iter().map(|q| q.1).collect();
    assert_eq!(kinds, [QuoteKind::Speech; 3]);
    assert_eq!(q[0].2, some("she"));
}

#[test]
fn a_short_quote_after_a_speech_verb_and_comma_is_speech() {
    let text = "Deputy Minister Paul R. Okoye Jr., in an interview with a local station, blurted out, \
                “Oh, dear,” at the question.";
    assert_eq!(quotes(text)[0].1, QuoteKind::Speech);
}

#[test]
fn an_opening_mark_that_starts_a_sentence_ends_a_quote_left_open() {
    let text = "“People want to be heard,” Okafor said. “That is a risky thing to ignore. “It really \
                sours the mood.” Nobody “really” listened.";
    assert_eq!(
        spans(text),
        [
            "“People want to be heard,”",
            "“That is a risky thing to ignore.",
            "“It really sours the mood.”",
            "“really”"
        ]
    );
    assert_eq!(speakers(text), vec![some("Okafor"); 3]);
}

#[test]
fn does_not_carry_over_past_a_new_speaker_in_the_tag_sentence() {
    let text = "“We are late,” Ortiz said, but council member Ana Vega said the plan works.\n\n\
                “Nobody told us.”";
    assert_eq!(speakers(text), [some("Ortiz"), None]);
}

#[test]
fn carries_over_to_a_new_paragraph_when_nobody_new_speaks() {
    let text = "“We are late,” Ortiz said, adding that the board would meet again. She shrugged.\n\n\
                “Nobody told us.”";
    assert_eq!(speakers(text), vec![some("Ortiz"); 2]);
}

proptest::proptest! {
    #[test]
    fn spans_lie_on_char_boundaries_in_order_for_any_text(
        text in "[a-zA-Z ,.:\n\"'“”‘’—é😀]{0,120}"
    ) {
        let doc = Document::new(&text, Format::Plain);
        let quotes = find(&doc, &mut Vec::new(), &[]);
        let mut prev_end = 0;
        for q in &quotes {
            let spans = [Some(q.span), q.cue, q.speaker.map(|s| s.span)];
            for s in spans.into_iter().flatten() {
                proptest::prop_assert!(s.start <= s.end && s.end <= text.len());
                proptest::prop_assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
            }
            proptest::prop_assert!(q.span.start >= prev_end, "overlapping quotes in {:?}", text);
            prev_end = q.span.end;
        }
    }
}

#[test]
fn gossip_speech_verbs_tie_a_tag_to_its_quote() {
    assert_eq!(
        speakers("Milo Brandt was asked about the tour. “I want to see it through,” he confessed."),
        vec![some("he")]
    );
    assert_eq!(
        speakers("“The label knew for weeks,” the source dished."),
        vec![some("the source")]
    );
}

#[test]
fn a_colon_tag_skips_an_introductory_phrase_to_the_subject() {
    // Not "Lake County" or "July": the clause's subject comes after the introduction.
    assert_eq!(
        speakers("Asked which Lake County town was her favourite, she demurred: “Whichever one I am in.”"),
        [some("she")]
    );
    assert_eq!(
        speakers("On July 6, 2015, Marta Vega had a message for the board: “Build the bridge.”"),
        [some("Marta Vega")]
    );
}

#[test]
fn a_tag_in_the_next_sentence_does_not_take_a_quotation_claimed_in_its_own() {
    use crate::analysis::{analyze, Config};
    let text = "Laura Chen asserted that “the ferry contract is broken.” Mark Dalton said Wednesday he, too, \
                wants an inquiry.";
    let a = analyze(text, &Config::with_format(Format::Plain));
    let speakers: Vec<Option<&str>> = a.quotes.iter().map(|q| q.speaker.map(|s| s.span.of(text))).collect();
    assert_eq!(speakers, [Some("Laura Chen")]);
}

#[test]
fn a_closing_mark_after_punctuation_ends_a_quote_that_lost_its_opening_mark() {
    let text = "\"We trained for a year,\" Halvorsen said. We were never afraid of the heat. We just \
                wanted the cup.\"\n\nThe orchard grows 6'3\" saplings.";
    assert_eq!(
        spans(text),
        [
            "\"We trained for a year,\"",
            "We were never afraid of the heat. We just wanted the cup.\""
        ]
    );
    // A stray mark inside the sentence leaves its start unknown; a mark glued to a word is a
    // stray too.
    let text = "The plan would \" widen the quay for the ferries.\"\n\nShe read the memo's terms\" twice.";
    assert!(spans(text).is_empty(), "{:?}", spans(text));
}

#[test]
fn a_closing_mark_may_end_the_quote_left_open_in_the_paragraph_before() {
    let text = "\"The ferry will run all winter.\n\nTomas Brandt, harbour master.\"";
    assert_eq!(spans(text), ["\"The ferry will run all winter."]);
}

#[test]
fn double_quotations_nest_inside_double_quotations() {
    let text = "“The sign said “Closed” all week, and nobody knew why,” Marisol Ekwueme said.";
    assert_eq!(spans(text), ["“The sign said “Closed” all week, and nobody knew why,”"]);
    assert_eq!(speakers(text), [some("Marisol Ekwueme")]);
}

#[test]
fn a_short_title_before_a_performer_noun_is_a_title() {
    let text = "Sources told the paper that the “Lantern Song” singer and the “Harbour” star were \
                seen together.";
    let kinds: Vec<QuoteKind> = quotes(text).into_iter().map(|q| q.1).collect();
    assert_eq!(kinds, [QuoteKind::Title, QuoteKind::Title]);
}

#[test]
fn reads_the_verbs_of_a_sentence_written_in_title_case() {
    let text = "At A Harbour Forum, Councillor Ines Varga Said Of The Ferry, “We Will Keep It Running.” \
                “The winter timetable stays as it is, and the fares stay where they are.”";
    assert_eq!(
        speakers(text),
        [some("Councillor Ines Varga"), some("Councillor Ines Varga")]
    );
}

#[test]
fn a_british_quotation_runs_across_paragraphs() {
    let text = "Asked about the tour, the singer said: 'I spent a month on the road, which was hard.\n\n\
                'And I would do it all again,' she said.";
    let q = quotes(text);
    assert_eq!(q.len(), 2, "{q:?}");
    assert_eq!(q[0].0, "'I spent a month on the road, which was hard.");
    assert_eq!(q[0].1, QuoteKind::Speech);
    assert_eq!(q[1].0, "'And I would do it all again,'");
}

#[test]
fn a_gloss_after_means_is_a_term() {
    let text = "The old harbour word “skerrick” means “a tiny scrap of anything.”";
    let kinds: Vec<QuoteKind> = quotes(text).into_iter().map(|q| q.1).collect();
    assert_eq!(kinds, [QuoteKind::Scare, QuoteKind::Scare]);
}
