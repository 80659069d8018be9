//! Attribution unit tests: source phrases and their kinds, sentence by sentence.

use crate::analysis::{analyze, Config, Format};

/// `(source phrase, kind)` for every attribution in `text`.
fn sources(text: &str) -> Vec<(String, &'static str)> {
    let a = analyze(text, &Config::with_format(Format::Plain));
    a.sources
        .iter()
        .map(|s| (s.span.of(text).to_string(), s.kind.as_str()))
        .collect()
}

#[track_caller]
fn assert_sources(text: &str, expected: &[(&str, &str)]) {
    let got = sources(text);
    let want: Vec<(String, &str)> = expected.iter().map(|(p, k)| (p.to_string(), *k)).collect();
    let got_ref: Vec<(String, &str)> = got.into_iter().collect();
    assert_eq!(got_ref, want, "in: {text}");
}

#[test]
fn finds_preposed_anonymous_subjects_with_vantage() {
    assert_sources(
        "The mayor is furious, a source close to the council tells the Ledger.",
        &[("a source close to the council", "anonymous")],
    );
    assert_sources(
        "Two people familiar with the talks said the deal was off.",
        &[("Two people familiar with the talks", "anonymous")],
    );
}

#[test]
fn finds_inverted_subjects_after_quotes() {
    assert_sources(
        "“We are done here,” said a longtime aide.",
        &[("a longtime aide", "anonymous")],
    );
    assert_sources("“It is over,” the insider adds.", &[("the insider", "anonymous")]);
}

#[test]
fn according_to_takes_the_phrase_after_it() {
    assert_sources(
        "According to a pal, the singer is moving to Lisbon.",
        &[("a pal", "anonymous")],
    );
    assert_sources(
        "The vote was delayed, according to city records.",
        &[("city records", "document")],
    );
}

#[test]
fn skips_parentheticals_between_subject_and_verb() {
    assert_sources(
        "A second insider, however, tells Us that the pair are fine.",
        &[("A second insider", "anonymous")],
    );
    assert_sources(
        "An aide, who asked not to be named because the talks are private, said the bill was dead.",
        &[("An aide", "anonymous")],
    );
}

#[test]
fn classifies_vague_crowds_and_counted_members() {
    assert_sources("Critics say the plan is reckless.", &[("Critics", "vague")]);
    assert_sources(
        "Many experts believe the bridge is unsafe.",
        &[("Many experts", "vague")],
    );
    assert_sources(
        "One analyst warned that prices would rise.",
        &[("One analyst", "anonymous")],
    );
    assert_sources("The singer reportedly left the band.", &[("reportedly", "vague")]);
    assert_sources("It is believed that the talks failed.", &[("It is believed", "vague")]);
}

#[test]
fn bare_quantifiers_and_quantified_groups_are_crowds_not_names() {
    // The first word of a sentence is capitalised by position: "Some" is no name.
    assert_sources("Some say the plan will fail.", &[("Some", "vague")]);
    assert_sources("But many believe the vote was fair.", &[("many", "vague")]);
    assert_sources(
        "Many Norwegians felt the tax was unfair.",
        &[("Many Norwegians", "vague")],
    );
    assert_sources(
        "Two Democrats said the bill was late.",
        &[("Two Democrats", "anonymous")],
    );
    assert_sources("Delegates questioned the rules.", &[("Delegates", "vague")]);
    // A group of people is still a crowd; a pair is two specific people.
    assert_sources(
        "A group of parents argued the school should stay open.",
        &[("A group of parents", "vague")],
    );
    assert_sources(
        "A pair of nurses said the ward was short-staffed.",
        &[("A pair of nurses", "anonymous")],
    );
    // "Both" points back to people just named.
    assert_sources(
        "Ana Ortiz and Luis Vega met on Friday. Both lawmakers said the talks went well.",
        &[("Both lawmakers", "pronoun")],
    );
}

#[test]
fn crowds_holding_an_attitude_are_vague_sources() {
    assert_sources(
        "Some analysts are concerned about an escalation.",
        &[("Some analysts", "vague")],
    );
    assert_sources(
        "Residents weren’t too worried about the flood.",
        &[("Residents", "vague")],
    );
    assert_sources(
        "Farmers have expressed deep concern that the dam will fail.",
        &[("Farmers", "vague")],
    );
    // A named person's mood is news, not an attribution; nor is an adjective before a noun.
    assert_sources("Ana Ortiz was worried about the flood.", &[]);
    assert_sources("A worried look crossed the mayor's face.", &[]);
}

#[test]
fn absolute_and_parenthetical_constructions_keep_the_subject() {
    assert_sources(
        "Residents living near the plant said the air was bad.",
        &[("Residents living near the plant", "vague")],
    );
    assert_sources(
        "The ruling party said it would win.",
        &[("The ruling party", "institution")],
    );
    assert_sources(
        "Shares rose, with analysts saying a rebound was near.",
        &[("analysts", "vague")],
    );
    assert_sources(
        "But critics, including Ana Ortiz, argue the fee is unfair.",
        &[("critics", "vague")],
    );
    assert_sources(
        "Some fans, taken aback by the news, worried that the band was over.",
        &[("Some fans", "vague")],
    );
}

#[test]
fn subjects_do_not_swallow_other_clauses() {
    // "leaders" is inside what she said, not a source of its own.
    assert_sources("She said leaders had agreed to a plan.", &[("She", "pronoun")]);
    // A passive subject is not the speaker, whatever adverb stands between.
    assert_sources("The parents are also accused of neglect.", &[]);
    // A relative clause on an object: the object is not the verb's subject.
    assert_sources("We do business with people who want our content.", &[]);
    assert_sources(
        "Ortiz claimed that he had a source who told him the vote was rigged.",
        &[("Ortiz", "named")],
    );
    // A party label after a name is a description of that person.
    assert_sources(
        "Senator Ana Ortiz, Democrat of Ohio, said the bill was dead.",
        &[("Senator Ana Ortiz, Democrat of Ohio", "named")],
    );
    assert_sources(
        "The council passed what several residents called a rushed plan.",
        &[("several residents", "vague")],
    );
}

#[test]
fn names_survive_ages_titles_and_particles() {
    assert_sources(
        "Her friend Ana Vega, 20, a nursing student from Porto, chimed in.",
        &[("Ana Vega, 20, a nursing student from Porto", "named")],
    );
    assert_sources(
        "“Rest,” advises psychologist Alvord.",
        &[("psychologist Alvord", "named")],
    );
    assert_sources(
        "Joaquim “Quim” Barros, a ferry pilot, said he would retire.",
        &[("Joaquim “Quim” Barros, a ferry pilot", "named")],
    );
    assert_sources(
        "Marta R. Lobo, the mayor's adviser on transport and safety, said it was late.",
        &[("Marta R. Lobo, the mayor's adviser on transport and safety", "named")],
    );
    // A count a reader can picture is a specific group; thousands are a crowd; a year is no count.
    assert_sources("12 officials said the talks failed.", &[("12 officials", "anonymous")]);
    assert_sources(
        "About 5,300 employees said they would strike.",
        &[("About 5,300 employees", "vague")],
    );
    assert_sources(
        "Hundreds of protesters said the vote was rigged.",
        &[("Hundreds of protesters", "vague")],
    );
    assert_sources("In 2016 officials said the plan failed.", &[("officials", "anonymous")]);
}

#[test]
fn a_second_determiner_opens_the_subject() {
    assert_sources(
        "They floated a concert, an idea one longtime volunteer called “a rally with a band.”",
        &[("one longtime volunteer", "anonymous")],
    );
    assert_sources(
        "One of the aides said it was late.",
        &[("One of the aides", "anonymous")],
    );
}

#[test]
fn institutions_and_documents_are_not_anonymous() {
    assert_sources("Police said the road would reopen.", &[("Police", "institution")]);
    assert_sources("The hospital said she was stable.", &[("The hospital", "institution")]);
    assert_sources("Court papers show the couple split in May.", &[]);
    assert_sources("Studies show the drug works.", &[("Studies", "vague")]);
    assert_sources("Police found the car.", &[]);
}

#[test]
fn epithets_refer_back_to_the_anonymous_source() {
    let text = "A source says the couple split. “It was sad,” the source adds.";
    let a = analyze(text, &Config::default());
    assert_eq!(a.sources.len(), 2);
    assert_eq!(a.sources[1].antecedent, Some(0));
    assert_eq!(a.sources[1].kind.as_str(), "anonymous");
}

#[test]
fn words_inside_quotes_are_not_cues_and_adjectives_are_not_verbs() {
    assert_sources("“I said no,” Vega told reporters.", &[("Vega", "named")]);
    assert_sources("The alleged affair ended in May.", &[]);
}

#[test]
fn finds_the_reason_for_anonymity() {
    let text = "A senior official, who spoke on condition of anonymity, said talks had stalled.";
    let a = analyze(text, &Config::default());
    let reason = a.sources.first().and_then(|s| s.reason).map(|r| r.of(text));
    assert_eq!(reason, Some("on condition of anonymity"));
}

#[test]
fn celebrity_forms_per_and_reps_are_anonymous() {
    assert_sources(
        "The pair wed in Maui, per a source close to the couple.",
        &[("a source close to the couple", "anonymous")],
    );
    assert_sources(
        "A rep for the singer did not respond, and an eyewitness tells the Ledger they argued.",
        // A rep who did not respond carries no claim (issue 11, non-claims): no source.
        &[("an eyewitness", "anonymous")],
    );
}

#[test]
fn names_with_initials_keep_their_appositive_and_participles_are_not_subjects() {
    assert_sources(
        "Harry J. Kazianis, director of the institute, said in a statement that the bill was dead.",
        &[("Harry J. Kazianis, director of the institute", "named")],
    );
    assert_sources(
        "Mr. Vega said, echoing many Democrats who would later complain.",
        &[("Mr. Vega", "named")],
    );
}

#[test]
fn people_the_story_calls_anonymous_are_sources_without_a_cue() {
    assert_sources(
        "An unnamed official, meanwhile, is at the center of the probe.",
        &[("An unnamed official", "anonymous")],
    );
    assert_sources(
        "The hacker group Anonymous posted a video.",
        &[("The hacker group Anonymous", "institution")],
    );
}

#[test]
fn symbols_end_a_subject_and_headings_have_no_noun_verbs() {
    assert_sources(
        "😀 A source close to the talks said it was over.",
        &[("A source close to the talks", "anonymous")],
    );
    assert_sources(
        "★ A source close to the talks said it was over.",
        &[("A source close to the talks", "anonymous")],
    );
    assert_sources("Desk notes\n\nThe vote was close.", &[]);
}

/// The kind of the source whose phrase is exactly `phrase`, if there is one.
#[track_caller]
fn kind_of(text: &str, phrase: &str) -> Option<&'static str> {
    sources(text).into_iter().find(|(p, _)| p == phrase).map(|(_, k)| k)
}

#[test]
fn a_role_phrase_the_story_names_nearby_is_named() {
    let text = "A spokeswoman for the harbor board said the pier was unsafe.\n\n\
                “We will wait,” said Mara Lindqvist, the board’s spokeswoman.";
    assert_eq!(kind_of(text, "A spokeswoman for the harbor board"), Some("named"));
    // The same phrase with no one named for the job stays anonymous.
    let alone = "A spokeswoman for the harbor board said the pier was unsafe.\n\n\
                 Its chairman, Piet Adler, opened the meeting.";
    assert_eq!(kind_of(alone, "A spokeswoman for the harbor board"), Some("anonymous"));
}

#[test]
fn a_group_named_through_one_member_for_the_same_employer_is_named_anywhere() {
    let text = "Lawyers for the Okafor family asked for a delay.\n\nThe court met.\n\nIt adjourned.\n\n\
                Later, one of the family’s lawyers, Tomas Heller, said the date suited them.";
    assert_eq!(kind_of(text, "Lawyers for the Okafor family"), Some("named"));
}

#[test]
fn another_aide_or_a_stated_reason_keeps_a_role_phrase_anonymous() {
    let other = "The mayor’s aide, Lena Frost, spoke first.\n\nAnother aide said the mayor knew.";
    assert_eq!(kind_of(other, "Another aide"), Some("anonymous"));
    let reason = "A spokesman for the port said the crane failed, speaking on condition of anonymity \
                  because the inquiry is open.\n\n“It is fixed,” said Ivo Brandt, the port’s spokesman.";
    assert_eq!(kind_of(reason, "A spokesman for the port"), Some("anonymous"));
}

#[test]
fn a_role_phrase_does_not_resolve_to_someone_working_for_another_employer() {
    let text = "Rivera called for a recount.\n\n“It was a mistake,” Ortiz’s former strategist said.\n\n\
                Dean Holt, a former Harbor Party chairman, disagreed.";
    assert_eq!(kind_of(text, "Ortiz’s former strategist"), Some("anonymous"));
}

#[test]
fn an_appositive_between_commas_after_a_name_is_that_person() {
    assert_eq!(
        kind_of("Claudia Ferro, a friend, said the couple had moved.", "a friend"),
        None,
        "the phrase is named, not a separate anonymous source"
    );
    let found = sources("Claudia Ferro, a friend, said the couple had moved.");
    assert!(found.iter().all(|(_, k)| *k == "named"), "{found:?}");
}

#[test]
fn finds_the_forms_of_gossip_copy() {
    assert_sources(
        "“She has had a brutal year,” lamented the spy.",
        &[("the spy", "anonymous")],
    );
    assert_sources("“She is leaving,” claims the friend.", &[("the friend", "anonymous")]);
    assert_sources("“It was loud,” continued the insider.", &[("the insider", "anonymous")]);
    assert_sources("An insider tattled: “They split.”", &[("An insider", "anonymous")]);
    assert_sources(
        "The insider assured us that the tour is off.",
        &[("The insider", "anonymous")],
    );
    assert_sources(
        "A snitch told the Ledger the tour is off.",
        &[("A snitch", "anonymous")],
    );
    assert_sources(
        "Singer Rosa Vale Is Quitting the Tour, Source Reveals",
        &[("Source", "anonymous")],
    );
}

#[test]
fn an_unlisted_verb_after_a_source_noun_is_speech_only_before_what_was_said() {
    // "concerned" here is no verb of speech: no colon, no "that".
    let text = "Ivo hinted “perhaps” the pay of the aides concerned “ought to be reviewed soon.”";
    assert_eq!(kind_of(text, "the aides"), None);
}

#[test]
fn a_possessive_makes_a_non_kin_role_an_unnamed_person() {
    assert_eq!(
        kind_of("Her publicist told us the singer was resting.", "Her publicist"),
        Some("anonymous")
    );
    assert_eq!(
        kind_of("Vale’s rep denies she is ill.", "Vale’s rep"),
        Some("anonymous")
    );
    assert_eq!(
        kind_of("Her mother said the singer was resting.", "Her mother"),
        Some("named")
    );
}

#[test]
fn an_appositive_after_a_name_with_its_party_or_age_is_that_person() {
    let text = "Sen. Ana Ortiz, D-Ohio, a member of the leadership team, said the bill would pass.";
    assert_eq!(kind_of(text, "a member of the leadership team"), None);
    let aged = "Claudia Ferro, 41, a friend, said the couple had moved.";
    assert!(sources(aged).iter().all(|(_, k)| *k == "named"), "{:?}", sources(aged));
}

#[test]
fn impersonal_hearsay_is_vague_in_every_form() {
    assert_sources("It is said the band will split.", &[("It is said", "vague")]);
    assert_sources("It’s claimed the band will split.", &[("It’s claimed", "vague")]);
    assert_sources(
        "It has been reported that the band will split.",
        &[("It has been reported", "vague")],
    );
}

#[test]
fn a_participle_closing_a_clause_takes_the_clause_subject() {
    // Not "Monday" or "Twitter": the participle hangs off the clause, whose subject speaks.
    assert_sources(
        "Councillor Ilse Brandt took aim at the harbour budget on Monday, saying the cuts were reckless.",
        &[("Councillor Ilse Brandt", "named")],
    );
    assert_sources(
        "In a long interview last spring, Pieter Vos weighed in on Twitter, writing that the audit was unfair.",
        &[("Pieter Vos", "named")],
    );
    // After a reporting clause, the participle continues that source: no second one.
    assert_sources(
        "The ferry will run again in May, Lene Haugland said, adding that the pier was safe.",
        &[("Lene Haugland", "named")],
    );
    assert_sources(
        "Pieter Vos said he believes the pier is safe, adding that the ferry will run.",
        &[("Pieter Vos", "named")],
    );
    // A participle right after the subject is still that subject's.
    assert_sources(
        "Pieter Vos, saying the audit was unfair, resigned.",
        &[("Pieter Vos", "named")],
    );
}

#[test]
fn a_verb_coordinated_with_the_first_shares_its_subject() {
    // Not "the review": the second verb of the clause is Vos's.
    assert_sources(
        "Laura Chen did not apologise for the review, but said the harbour staff had been “careless.”",
        &[("Laura Chen", "named")],
    );
    assert_sources(
        "Mark Dalton declined to resign, and instead argued that the audit was flawed.",
        &[("Mark Dalton", "named")],
    );
    // After an earlier source in the sentence, the second verb is that source's.
    assert_sources(
        "Councillor Ilse Brandt said Friday that she thinks the pier is safe but said “the timing is wrong.”",
        &[
            ("Councillor Ilse Brandt", "named"),
            ("Councillor Ilse Brandt", "named"),
            ("she", "pronoun"),
        ],
    );
}

#[test]
fn an_inverted_subject_opens_right_after_the_verb() {
    // "Mark Dalton" is the object inside the claim, not an inverted subject of "said".
    assert_sources(
        "Laura Chen, a strategist who ran the harbour campaign, said the board had erred by allowing Mark Dalton a second term.",
        &[("Laura Chen, a strategist who ran the harbour campaign", "named")],
    );
    assert_sources(
        "“We are done here,” said a longtime aide.",
        &[("a longtime aide", "anonymous")],
    );
}

#[test]
fn as_someone_puts_it_attributes_what_came_before() {
    assert_sources(
        "The ferry is “running on borrowed time,” as Laura Chen, a transport economist, puts it.",
        &[("Laura Chen, a transport economist", "named")],
    );
    assert_sources(
        "The timetable must be “reliable,” as a council memo put it.",
        &[("a council memo", "document")],
    );
    // "as" without the frame is no attribution.
    assert_sources("The ferry ran as usual on Monday.", &[]);
}

#[test]
fn the_yardstick_of_a_comparison_is_no_source() {
    assert_sources(
        "The ferry company said sales were stronger than it previously expected.",
        &[("The ferry company", "institution")],
    );
    assert_sources(
        "The storm season ended sooner than she wanted, because the boats were ready.",
        &[],
    );
    assert_sources("The crew was not as ‘close’ as people thought they were.", &[]);
    // A count after "than" is a quantity; a verb with its own clause still reports one.
    assert_sources(
        "More than ten residents said the pier was unsafe.",
        &[("ten residents", "anonymous")],
    );
    assert_sources(
        "As soon as residents said the pier had reopened, the boats returned.",
        &[("residents", "vague")],
    );
}
