use super::*;
use crate::extract::actors::{is_headline, quote_mask, ActorBook, ArticleActors};
use crate::extract::dates::find_time_exprs;
use crate::extract::text::tokenize;

const BOOK: &str = r#"
[[actor]]
name = "Ann Alpha"
kind = "person"
country = "Aland"
role = "President of Aland"

[[actor]]
name = "Bob Beta"
kind = "person"
country = "Borduria"
role = "President of Borduria"

[[actor]]
name = "Cy Gamma"
kind = "person"

[[actor]]
name = "Aland"
kind = "state"
demonyms = ["Alandic"]

[[actor]]
name = "Borduria"
kind = "state"
demonyms = ["Bordurian"]
aliases = ["Szohod"]

[[actor]]
name = "Daily Wire Service"
kind = "outlet"
aliases = ["DWS"]

[[actor]]
name = "Palace"
kind = "office"
country = "Borduria"
"#;

/// One sentence in, the events it yields as "kind:actor,actor:status".
/// The events of one sentence, with its tokens and the actor names.
fn found_in(sentence: &str) -> (Vec<Found>, Vec<Token>, Vec<String>) {
    let book = ActorBook::parse(BOOK).unwrap();
    let mut aa = ArticleActors::new(&book);
    let toks = tokenize(sentence, 0, sentence.len());
    let ms = aa.find(sentence, &toks, is_headline(&toks));
    let times = find_time_exprs(&toks);
    let quotes = quote_mask(sentence, &toks);
    let found = find_events(&toks, &ms, &times, aa.actors.as_slice(), &quotes, book.triggers());
    let names = aa.actors.iter().map(|a| a.name.clone()).collect();
    (found, toks, names)
}

fn check(sentence: &str, expected: &[&str]) {
    let (found, _, names_of) = found_in(sentence);
    let got: Vec<String> = found
        .iter()
        .map(|f| {
            let names: Vec<&str> = f.actors.iter().map(|&a| names_of[a].as_str()).collect();
            format!("{}:{}:{}", f.kind, names.join(","), f.status.as_str())
        })
        .collect();
    assert_eq!(got, expected, "in {sentence:?}");
}

/// Like `check`, over a text of several sentences read in order.
fn check_text(text: &str, expected: &[&str]) {
    let book = ActorBook::parse(BOOK).unwrap();
    let mut aa = ArticleActors::new(&book);
    let mut got = Vec::new();
    for s in crate::extract::text::split_sentences(text) {
        let toks = tokenize(text, s.start, s.end);
        let ms = aa.find(text, &toks, is_headline(&toks));
        let times = find_time_exprs(&toks);
        let quotes = quote_mask(text, &toks);
        for f in find_events(&toks, &ms, &times, aa.actors.as_slice(), &quotes, book.triggers()) {
            let names: Vec<&str> = f.actors.iter().map(|&a| aa.actors[a].name.as_str()).collect();
            got.push(format!("{}:{}:{}", f.kind, names.join(","), f.status.as_str()));
        }
    }
    assert_eq!(got, expected, "in {text:?}");
}

#[test]
fn an_opening_phrase_takes_the_parties_of_the_main_clause() {
    check(
        "Sitting down with President Ann Alpha in the garden, Premier Bob Beta assured her of support.",
        &["talks:Bob Beta,Ann Alpha:held", "statement:Bob Beta:held"],
    );
    check(
        "Meeting face to face for the first time, Premier Bob Beta told President Ann Alpha that the port was not for sale.",
        &["talks:Bob Beta,Ann Alpha:held", "statement:Bob Beta:held"],
    );
    check(
        "At the talks in the hill town, Premier Bob Beta and President Ann Alpha agreed to cooperate.",
        &["talks:Bob Beta,Ann Alpha:held"],
    );
    check_text(
        "Ann Alpha and Bob Beta arrived by train. At the talks in the hill town, the two leaders agreed to cooperate.",
        &["talks:Ann Alpha,Bob Beta:held"],
    );
    // Another phrase after the comma is no main clause.
    check(
        "Talks will be held soon in Rome, and later between Ann Alpha and Bob Beta.",
        &[],
    );
}

#[test]
fn the_subject_acting_at_talks_with_someone_takes_part() {
    check(
        "Premier Bob Beta signed a grain deal at talks with President Ann Alpha.",
        &["talks:Bob Beta,Ann Alpha:held"],
    );
    check(
        "President Ann Alpha raised the dam dispute at a long meeting with Premier Bob Beta.",
        &["talks:Ann Alpha,Bob Beta:held"],
    );
    // Nobody named after the noun: no second party.
    check("President Ann Alpha spoke at the meeting.", &[]);
}

#[test]
fn what_a_meeting_would_mean_is_no_meeting() {
    check(
        "The talks between Ann Alpha and Bob Beta would mark a turn in their ties.",
        &[],
    );
    check(
        "A meeting between Ann Alpha and Bob Beta could help both of them at home.",
        &[],
    );
    // Whether it takes place is still the modal's.
    check(
        "The talks between Ann Alpha and Bob Beta will take place in Oslo.",
        &["talks:Ann Alpha,Bob Beta:planned"],
    );
}

#[test]
fn a_time_after_a_modal_is_the_reported_clauses() {
    let (found, _, _) = found_in("Ann Alpha said the border would reopen on Monday.");
    let f = found.iter().find(|f| f.kind == Statement).expect("a statement");
    assert!(f.time.is_none());
    let (found, _, _) = found_in("Bob Beta told reporters the ferries will sail again next week.");
    let f = found.iter().find(|f| f.kind == Statement).expect("a statement");
    assert!(f.time.is_none());
}

#[test]
fn the_purpose_of_a_journey_told_as_done_took_place() {
    check(
        "Premier Bob Beta landed in the port city on a grey morning to hold talks with President Ann Alpha.",
        &["talks:Bob Beta,Ann Alpha:held"],
    );
    check(
        "President Ann Alpha flew north to meet Premier Bob Beta.",
        &["talks:Ann Alpha,Bob Beta:held"],
    );
    // A wish is still no meeting.
    check("President Ann Alpha hopes to meet Premier Bob Beta.", &[]);
}

#[test]
fn ending_arriving_for_and_co_chairing_a_meeting() {
    check(
        "Premier Bob Beta and President Ann Alpha concluded their talks after midnight.",
        &["talks:Bob Beta,Ann Alpha:held"],
    );
    check(
        "President Ann Alpha and Premier Bob Beta ended their meeting shortly before noon.",
        &["talks:Ann Alpha,Bob Beta:held"],
    );
    check(
        "Premier Bob Beta flew in for talks with President Ann Alpha.",
        &["talks:Bob Beta,Ann Alpha:held"],
    );
    check(
        "The donor round was co-chaired by President Ann Alpha and Premier Bob Beta.",
        &["talks:Ann Alpha,Bob Beta:held"],
    );
    check(
        "President Ann Alpha and Premier Bob Beta co-hosted the forum.",
        &["talks:Ann Alpha,Bob Beta:held"],
    );
}

#[test]
fn ahead_of_meeting_someone_is_a_verb() {
    check(
        "Premier Bob Beta, who mocked the plan hours ahead of meeting President Ann Alpha, changed his tone.",
        &["talks:Bob Beta,Ann Alpha:held"],
    );
    check(
        "President Ann Alpha toured a factory ahead of meeting Premier Bob Beta.",
        &["talks:Ann Alpha,Bob Beta:held"],
    );
}

#[test]
fn an_opening_phrase_may_hold_an_apposition_of_its_own() {
    check(
        "Dining with President Ann Alpha at the lodge, an old hunting house in the hills, where he had stayed before, Premier Bob Beta thanked her for the invitation.",
        &["talks:Bob Beta,Ann Alpha:held", "statement:Bob Beta:held"],
    );
    check(
        "Sitting down with Premier Bob Beta in the harbour city, the old capital, President Ann Alpha praised the new bridge.",
        &["talks:Ann Alpha,Bob Beta:held", "statement:Ann Alpha:held"],
    );
    // A list after the comma is not the main clause's subject.
    check(
        "Meeting in the harbour city, the old capital, Ann Alpha, Bob Beta and others, the crowd cheered.",
        &[],
    );
}

#[test]
fn briefing_after_a_call_is_a_call() {
    check(
        "After his call with Bob Beta, Ann Alpha briefed Cy Gamma.",
        &["call:Ann Alpha,Bob Beta:held", "call:Ann Alpha,Cy Gamma:held"],
    );
    check(
        "Ann Alpha informed Cy Gamma that the border stays shut.",
        &["statement:Ann Alpha:held"],
    );
}

#[test]
fn days_after_gives_no_day() {
    let (found, _, _) = found_in("The visit came days after Ann Alpha warned of new tariffs on Monday.");
    let f = found.iter().find(|f| f.kind == Statement).expect("a statement");
    assert!(f.background && f.time.is_none());
    let (found, _, _) = found_in("It was weeks before Ann Alpha met Bob Beta in Rome.");
    let f = found.iter().find(|f| f.kind == Talks).expect("talks");
    assert!(f.background && f.time.is_none());
    // A counted span is a date ("two days after").
    let (found, _, _) = found_in("The visit came two days after Ann Alpha warned of new tariffs.");
    let f = found.iter().find(|f| f.kind == Statement).expect("a statement");
    assert!(!f.background && f.shift == -2);
}

#[test]
fn once_the_talks_ended_refers_to_the_talks() {
    let refers = |s: &str| event_reference(&tokenize(s, 0, s.len()));
    assert_eq!(
        refers("Once the talks ended, Ann Alpha spoke to the press."),
        Some(Talks)
    );
    assert_eq!(refers("She smiled when their call began."), Some(Call));
    assert_eq!(refers("Once the vote ended, Ann Alpha spoke."), None);
}

#[test]
fn an_office_before_the_meeting_noun_is_its_venue() {
    check(
        "Cy Gamma held Palace talks with Bob Beta on Friday.",
        &["talks:Cy Gamma,Bob Beta:held"],
    );
    check(
        "Ann Alpha had a Palace meeting with Bob Beta.",
        &["talks:Ann Alpha,Bob Beta:held"],
    );
}

#[test]
fn a_trip_around_a_meeting_is_no_second_event() {
    check(
        "Ann Alpha met Bob Beta on her first trip to Borduria.",
        &["talks:Ann Alpha,Bob Beta:held"],
    );
    check(
        "During his visit to Aland, Bob Beta held talks with Cy Gamma.",
        &["talks:Bob Beta,Cy Gamma:held"],
    );
}

#[test]
fn a_host_receives_a_guest_for_talks() {
    check(
        "President Ann Alpha received Premier Bob Beta at the palace for talks on trade.",
        &["talks:Ann Alpha,Bob Beta:held"],
    );
    check(
        "The speaker of the assembly, Ivo Tanner, welcomed Premier Bob Beta to the chamber for his first meeting there.",
        &["talks:Ivo Tanner,Bob Beta:held"],
    );
    // Something received is no guest.
    check("Premier Bob Beta received a letter for the talks.", &[]);
}

#[test]
fn welcoming_a_person_is_a_greeting_not_a_statement() {
    check("Ann Alpha warmly welcomed each leader on the tarmac.", &[]);
    check("At the gate, Ann Alpha welcomed Bob Beta with a handshake.", &[]);
    check("Ann Alpha welcomed the agreement.", &["statement:Ann Alpha:held"]);
}

#[test]
fn rank_name_of_state_is_one_person_not_a_party() {
    check(
        "Prime Minister Cy Dunn of Aland and President Eve Fox of Borduria held talks in Oslo.",
        &["talks:Cy Dunn,Eve Fox:held"],
    );
    check(
        "Trade Minister Gil Hart of Borduria sat down with Finance Minister Ida Jung of Aland.",
        &["talks:Gil Hart,Ida Jung:held"],
    );
}

#[test]
fn they_and_the_two_leaders_are_the_people_last_named_together() {
    check_text(
        "Ann Alpha and Bob Beta traded sharp words in the palace. While they met, guards waited outside.",
        &["talks:Ann Alpha,Bob Beta:held"],
    );
    check_text(
        "Bob Beta received Ann Alpha's letter and answered it. The two leaders met in Geneva soon after.",
        &["talks:Bob Beta,Ann Alpha:held"],
    );
    check_text(
        "Ann Alpha and Cy Gamma landed in Rome on Sunday. On Monday the pair held talks with Bob Beta.",
        &["talks:Ann Alpha,Cy Gamma,Bob Beta:held"],
    );
}

#[test]
fn they_reaches_back_only_one_sentence() {
    check_text(
        "Ann Alpha and Bob Beta signed the accord. Rain fell all day. Crowds gathered. They met again in Oslo.",
        &[],
    );
}

#[test]
fn called_with_a_person_for_object_is_a_phone_call() {
    check(
        "Ann Alpha called Bob Beta on Thursday evening.",
        &["call:Ann Alpha,Bob Beta:held"],
    );
    check(
        "Bob Beta will call Ann Alpha after the vote.",
        &["call:Bob Beta,Ann Alpha:planned"],
    );
}

#[test]
fn calling_someone_names_is_no_phone_call() {
    check("Ann Alpha calls Bob Beta a stubborn bargainer.", &[]);
    check("Bob Beta called Ann Alpha reckless in a radio interview.", &[]);
    check("Ann Alpha called Bob Beta \"a friend of peace\" at the rally.", &[]);
}

#[test]
fn separate_calls_are_one_call_with_each() {
    check(
        "Cy Gamma held separate phone calls with Ann Alpha and Bob Beta.",
        &["call:Cy Gamma,Ann Alpha:held", "call:Cy Gamma,Bob Beta:held"],
    );
    check(
        "Cy Gamma met separately with Ann Alpha and Bob Beta in Vienna.",
        &["talks:Cy Gamma,Ann Alpha:held", "talks:Cy Gamma,Bob Beta:held"],
    );
    check(
        "Cy Gamma spoke with Ann Alpha and later with Bob Beta.",
        &["call:Cy Gamma,Ann Alpha:held", "call:Cy Gamma,Bob Beta:held"],
    );
}

#[test]
fn an_adverb_may_sit_inside_a_trigger_phrase() {
    check(
        "Ann Alpha spoke briefly with Bob Beta.",
        &["call:Ann Alpha,Bob Beta:held"],
    );
    check(
        "Bob Beta talked privately to Ann Alpha.",
        &["call:Bob Beta,Ann Alpha:held"],
    );
}

#[test]
fn a_participle_of_speaking_is_a_statement_of_the_main_subject() {
    check(
        "Ann Alpha, seated beside the envoy, joined in, charging that the border deal was a trap.",
        &["statement:Ann Alpha:held"],
    );
    check(
        "Bob Beta left the hall early, noting that nothing had been settled.",
        &["statement:Bob Beta:held"],
    );
}

#[test]
fn a_participle_shares_the_modality_and_the_act_of_its_main_verb() {
    // A habit: neither verb reports one event.
    check(
        "Ann Alpha has repeatedly rejected the offer, claiming it was a ruse.",
        &[],
    );
    // The same act of speaking: one statement, not two.
    check(
        "Bob Beta said the talks would go on, adding that both sides wanted calm.",
        &["statement:Bob Beta:held"],
    );
    // A demand with its reason is a demand only.
    check(
        "Ann Alpha urged Bob Beta to halt the drills, warning that patience was thin.",
        &["demand:Ann Alpha,Bob Beta:held"],
    );
}

#[test]
fn an_ing_word_after_an_actor_or_article_is_a_noun() {
    check("Borduria ignored the Alandic warning about the dam.", &[]);
    check(
        "Ann Alpha rejected a warning from the port authority.",
        &["statement:Ann Alpha:held"],
    );
}

#[test]
fn the_agent_of_a_passive_speech_verb_speaks() {
    check(
        "The summit was first announced by Cy Gamma, the spokesman of the council.",
        &["statement:Cy Gamma:held"],
    );
    check(
        "The truce had been confirmed on Sunday by Bob Beta.",
        &["statement:Bob Beta:held"],
    );
    // No form of "be": a participle describing a noun.
    check("The islands claimed by Borduria lie to the north.", &[]);
}

#[test]
fn the_noun_plan_does_not_make_a_plan() {
    check("The plan was welcomed by Ann Alpha.", &["statement:Ann Alpha:held"]);
    check(
        "Bob Beta announced the plan on the radio.",
        &["statement:Bob Beta:held"],
    );
}

#[test]
fn a_document_speaks_for_its_author() {
    check(
        "A Borduria statement issued late on Monday says the border stays shut.",
        &["statement:Borduria:held"],
    );
    check(
        "A letter from Ann Alpha said the embassy would reopen.",
        &["statement:Ann Alpha:held"],
    );
}

#[test]
fn he_after_reported_words_is_the_speaker_going_on() {
    check_text(
        "Ann Alpha spoke to the press. Bob Beta will not attend the summit, she said.",
        &["statement:Ann Alpha:held"],
    );
    check_text(
        "Bob Beta told the radio the vote was close. \"Ann Alpha has lost the north,\" he added.",
        &["statement:Bob Beta:held", "statement:Bob Beta:held"],
    );
}

#[test]
fn an_obligation_put_on_a_named_actor_is_a_demand() {
    check(
        "Ann Alpha says Borduria needs to pull back its tanks.",
        &["statement:Ann Alpha:held", "demand:Ann Alpha,Borduria:held"],
    );
    check(
        "Bob Beta said Aland has to accept the ruling.",
        &["statement:Bob Beta:held", "demand:Bob Beta,Aland:held"],
    );
    // Said of oneself: no demand.
    check("Bob Beta said he has to leave early.", &["statement:Bob Beta:held"]);
}

#[test]
fn a_first_person_demand_in_a_quote_is_the_speakers_demand() {
    check(
        "\"We urge Borduria to halt the shelling at once,\" Ann Alpha said.",
        &["statement:Ann Alpha:held", "demand:Ann Alpha,Borduria:held"],
    );
    check(
        "Bob Beta told reporters: \"I call on Aland to free the sailors.\"",
        &["statement:Bob Beta:held", "demand:Bob Beta,Aland:held"],
    );
}

#[test]
fn a_demand_voiced_in_speech_is_dated_by_the_speech() {
    assert_eq!(
        time_of(
            "On Monday Ann Alpha said Borduria must make concessions at Friday's talks.",
            Demand
        )
        .as_deref(),
        Some("monday")
    );
    assert_eq!(
        time_of("Bob Beta said on Sunday that Aland should reply by next week.", Demand).as_deref(),
        Some("sunday")
    );
}

#[test]
fn talks_just_held_give_the_clause_subject_a_part() {
    check(
        "Ann Alpha spoke to the press following talks with Bob Beta.",
        &["talks:Ann Alpha,Bob Beta:held"],
    );
    check(
        "Bob Beta flew home on Sunday, after three rounds of discussions with Ann Alpha.",
        &["talks:Bob Beta,Ann Alpha:held"],
    );
}

#[test]
fn a_participle_may_follow_an_adverb_after_its_comma() {
    check(
        "Ann Alpha restated her terms, once again urging Borduria to withdraw.",
        &["demand:Ann Alpha,Borduria:held"],
    );
    check(
        "Bob Beta closed the session, again stressing that the deal was fair.",
        &["statement:Bob Beta:held"],
    );
}

#[test]
fn again_and_again_is_a_habit() {
    check("Ann Alpha has promised again and again to open the border.", &[]);
    check("Bob Beta has time and again warned of a flood of refugees.", &[]);
}

#[test]
fn a_nouns_modality_reaches_over_its_compound_modifiers() {
    check(
        "Officials discussed a potential face-to-face meeting between Ann Alpha and Bob Beta.",
        &[],
    );
    check(
        "Aides studied a possible long-awaited summit between Ann Alpha and Bob Beta.",
        &[],
    );
}

#[test]
fn an_event_behind_a_planned_one_stays_held() {
    check(
        "Trade will resume next week following the call between Ann Alpha and Bob Beta.",
        &["call:Ann Alpha,Bob Beta:held"],
    );
    check(
        "Ann Alpha would visit Borduria after her meeting with Bob Beta.",
        &["talks:Ann Alpha,Borduria:planned", "talks:Ann Alpha,Bob Beta:held"],
    );
}

#[test]
fn a_place_after_media_in_does_not_speak() {
    check("State media in Borduria said the talks had ended.", &[]);
    check("Television in Aland said the envoy had left.", &[]);
}

#[test]
fn saying_little_or_nothing_is_no_statement() {
    check("Aland has said little about the border.", &[]);
    check("Ann Alpha said nothing about the border.", &[]);
}

#[test]
fn a_visit_or_trip_to_a_place_is_talks_with_its_host() {
    check(
        "Ann Alpha praised Bob Beta's visit to Aland.",
        &["statement:Ann Alpha:held", "talks:Bob Beta,Aland:held"],
    );
    check(
        "Reporters asked about Ann Alpha's trip to Borduria last week.",
        &["talks:Ann Alpha,Borduria:held"],
    );
}

#[test]
fn a_condition_set_on_a_named_actor_is_a_demand() {
    check(
        "Ann Alpha said the border stays closed until Borduria pays its debts.",
        &["statement:Ann Alpha:held", "demand:Ann Alpha,Borduria:held"],
    );
    check(
        "Bob Beta said there would be no new treaty, now or in the long years ahead, unless Aland withdraws.",
        &["statement:Bob Beta:held", "demand:Bob Beta,Aland:held"],
    );
}

#[test]
fn an_adjunct_event_takes_the_time_of_its_clause() {
    assert_eq!(
        time_of(
            "Ann Alpha flew home on Sunday, after long discussions with Bob Beta.",
            Talks
        )
        .as_deref(),
        Some("sunday")
    );
    assert_eq!(
        time_of("Bob Beta spoke on Monday, following talks with Ann Alpha.", Talks).as_deref(),
        Some("monday")
    );
}

#[test]
fn the_two_leaders_earlier_call_is_their_call() {
    check_text(
        "Ann Alpha and Bob Beta spoke by phone today. The two leaders\u{2019} previous reported phone call was held in May.",
        &["call:Ann Alpha,Bob Beta:held", "call:Ann Alpha,Bob Beta:held"],
    );
    check_text(
        "Ann Alpha and Bob Beta met today. Their last meeting took place in Oslo.",
        &["talks:Ann Alpha,Bob Beta:held", "talks:Ann Alpha,Bob Beta:held"],
    );
}

#[test]
fn may_the_month_is_no_modal() {
    check("Ann Alpha met Bob Beta in May.", &["talks:Ann Alpha,Bob Beta:held"]);
    check(
        "The last phone call between Ann Alpha and Bob Beta was held in May.",
        &["call:Ann Alpha,Bob Beta:held"],
    );
    check("Ann Alpha may meet Bob Beta.", &[]);
}

#[test]
fn an_ing_word_after_without_is_a_noun() {
    check("Ann Alpha left the room without warning.", &[]);
    check("Bob Beta signed the accord with no fanfare and no warning.", &[]);
}

#[test]
fn the_past_perfect_is_background() {
    let (found, _, _) = found_in("Ann Alpha had previously said the border would stay shut.");
    assert!(found[0].background);
    let (found, _, _) = found_in("Bob Beta had met Ann Alpha twice before the war.");
    assert!(found[0].background);
    let (found, _, _) = found_in("Bob Beta met Ann Alpha on Monday.");
    assert!(!found[0].background);
    // "had to" is an obligation, not the past perfect.
    let (found, _, _) = found_in("Ann Alpha said Bob Beta had to go.");
    assert!(!found[0].background);
}

#[test]
fn a_condition_on_ones_own_side_is_no_demand() {
    let book = ActorBook::parse(
        "[[actor]]\nname = \"Ann Alpha\"\nkind = \"person\"\ncountry = \"Aland\"\n\
         [[actor]]\nname = \"Aland\"\nkind = \"state\"\n[[actor]]\nname = \"Borduria\"\nkind = \"state\"\n",
    )
    .unwrap();
    let kinds = |sentence: &str| -> Vec<Kind> {
        let mut aa = ArticleActors::new(&book);
        let toks = tokenize(sentence, 0, sentence.len());
        let ms = aa.find(sentence, &toks, false);
        let times = find_time_exprs(&toks);
        let quotes = quote_mask(sentence, &toks);
        find_events(&toks, &ms, &times, aa.actors.as_slice(), &quotes, book.triggers())
            .iter()
            .map(|f| f.kind)
            .collect()
    };
    assert_eq!(
        kinds("Ann Alpha said any deal would fail unless Aland is at the table."),
        [Statement]
    );
    assert_eq!(
        kinds("Ann Alpha said any deal would fail unless Borduria pulls back."),
        [Statement, Demand]
    );
}

#[test]
fn a_trip_takes_its_host_from_to_right_after_it() {
    check(
        "Ann Alpha praised the trip as a step to peace in Borduria.",
        &["statement:Ann Alpha:held"],
    );
    check(
        "Ann Alpha recalled her trip to Borduria.",
        &["talks:Ann Alpha,Borduria:held"],
    );
}

#[test]
fn coordination_allows_an_article_before_the_second_actor() {
    check(
        "Envoys of Aland and the Borduria held a meeting on Tuesday.",
        &["talks:Aland,Borduria:held"],
    );
    check("Aland and the Borduria met in Rome.", &["talks:Aland,Borduria:held"]);
}

#[test]
fn a_time_in_a_scare_quote_counts_but_not_one_in_speech() {
    assert_eq!(
        time_of(
            "Ann Alpha said she would be phoning Bob Beta \"straight away\" to brief him.",
            Call
        )
        .as_deref(),
        Some("straight away")
    );
    assert_eq!(
        time_of("Ann Alpha met Bob Beta \"today\" as promised.", Talks).as_deref(),
        Some("today")
    );
    assert_eq!(
        time_of(
            "\"We met Bob Beta yesterday in a quiet room,\" Ann Alpha said.",
            Statement
        ),
        None
    );
}

#[test]
fn a_document_is_the_subject_of_its_relative_clause() {
    check(
        "Crowds read Ann Alpha's letter, which called for an end to the blockade.",
        &["demand:Ann Alpha:held"],
    );
    check(
        "A Borduria statement, which urged Aland to reopen the port, was read out.",
        &["demand:Borduria,Aland:held"],
    );
}

#[test]
fn an_apposition_describes_the_subject_before_it() {
    check(
        "Cy Gamma, the head of the Alandic delegation, said the talks were useful.",
        &["statement:Cy Gamma:held"],
    );
    check(
        "Ann Alpha, a veteran envoy of Borduria, told reporters the deal was close.",
        &["statement:Ann Alpha:held"],
    );
}

#[test]
fn the_seat_of_an_embassy_does_not_speak() {
    check(
        "The Aland Embassy in Borduria said the visit was cancelled.",
        &["statement:Aland:held"],
    );
    check(
        "A statement from the Borduria mission in Aland said the talks had ended.",
        &["statement:Borduria:held"],
    );
}

#[test]
fn an_attribution_after_a_demand_adds_no_statement() {
    check(
        "Ann Alpha urged Borduria to reopen the port, her office said on Monday.",
        &["demand:Ann Alpha,Borduria:held"],
    );
    check(
        "Bob Beta called on Aland to free the crew, his spokesman said.",
        &["demand:Bob Beta,Aland:held"],
    );
    // A second act of speaking stays.
    check(
        "Ann Alpha urged Borduria to reopen the port and said talks would follow.",
        &["demand:Ann Alpha,Borduria:held", "statement:Ann Alpha:held"],
    );
}

#[test]
fn the_present_perfect_reports_an_event() {
    check(
        "Ann Alpha has met Bob Beta in Oslo.",
        &["talks:Ann Alpha,Bob Beta:held"],
    );
    check(
        "Ann Alpha and Bob Beta have held talks on the border dispute.",
        &["talks:Ann Alpha,Bob Beta:held"],
    );
    check(
        "Ann Alpha has called on Bob Beta to release the detainees.",
        &["demand:Ann Alpha,Bob Beta:held"],
    );
}
#[test]
fn an_obligation_or_a_pending_step_is_no_event() {
    check("Ann Alpha has yet to meet Bob Beta.", &[]);
    check("Ann Alpha has to speak with Bob Beta before the vote.", &[]);
}
#[test]
fn a_request_for_talks_is_no_meeting() {
    check("Ann Alpha sent a letter requesting talks with Bob Beta.", &[]);
    check("Bob Beta requested a meeting with Ann Alpha.", &[]);
}
#[test]
fn agreeing_to_meet_plans_a_meeting() {
    check(
        "Ann Alpha and Bob Beta agreed to meet in the spring.",
        &["talks:Ann Alpha,Bob Beta:planned"],
    );
    check(
        "Ann Alpha said she and Bob Beta had agreed to begin talks soon.",
        &["statement:Ann Alpha:held", "talks:Ann Alpha,Bob Beta:planned"],
    );
}
fn time_of(sentence: &str, kind: Kind) -> Option<String> {
    let (found, toks, _) = found_in(sentence);
    let f = found.iter().find(|f| f.kind == kind)?;
    f.time.map(|t| {
        toks[t.start..t.end]
            .iter()
            .map(|x| x.norm.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    })
}
/// The time words an event is dated by, and the days its date moves.
fn shift_of(sentence: &str, kind: Kind) -> Option<(Option<String>, i64)> {
    let (found, toks, _) = found_in(sentence);
    let f = found.iter().find(|f| f.kind == kind)?;
    let words = f.time.map(|t| {
        toks[t.start..t.end]
            .iter()
            .map(|x| x.norm.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    });
    Some((words, f.shift))
}

#[test]
fn an_event_after_a_day_after_is_a_day_before_the_main_clause() {
    // The main clause's time, moved back.
    assert_eq!(
        shift_of(
            "Bob Beta landed in Lima on Friday, a day after Aland said it would reopen the border.",
            Statement
        ),
        Some((Some("friday".into()), -1))
    );
    // No time in the main clause: the report's day, moved back.
    assert_eq!(
        shift_of(
            "The convoy left at dawn, three days after Ann Alpha called Bob Beta.",
            Call
        ),
        Some((Some("three days after".into()), -3))
    );
    // "before" moves forward.
    assert_eq!(
        shift_of(
            "Borduria closed its airspace two days before Ann Alpha met Bob Beta.",
            Talks
        ),
        Some((Some("two days before".into()), 2))
    );
    // The main clause takes nothing from the phrase.
    assert_eq!(
        shift_of(
            "Ann Alpha met Bob Beta, a day after Borduria closed its airspace.",
            Talks
        ),
        Some((None, 0))
    );
}

#[test]
fn a_speakers_own_call_in_quoted_words_is_an_event() {
    check(
        "\"We will hold a video call with Borduria on Friday,\" Ann Alpha said.",
        &["statement:Ann Alpha:held", "call:Ann Alpha,Borduria:planned"],
    );
    check(
        "Bob Beta told reporters: \"I spoke to Cy Gamma an hour ago and I am hopeful.\"",
        &["statement:Bob Beta:held", "call:Bob Beta,Cy Gamma:held"],
    );
    // The quoted day dates it, wherever it stands in the quote.
    assert_eq!(
        time_of(
            "\"On Friday we'll meet Cy Gamma in the capital,\" Ann Alpha said.",
            Kind::Talks
        )
        .as_deref(),
        Some("friday")
    );
}

#[test]
fn quoted_words_without_the_first_person_or_the_other_side_make_no_event() {
    // Someone else's meeting, told by the speaker: not the speaker's.
    check(
        "\"They met Cy Gamma twice last month,\" Ann Alpha said.",
        &["statement:Ann Alpha:held"],
    );
    // No other side named.
    check(
        "\"We will meet again soon,\" Bob Beta said.",
        &["statement:Bob Beta:held"],
    );
    // Only wished for.
    check(
        "\"We could meet Cy Gamma one day,\" Bob Beta said.",
        &["statement:Bob Beta:held"],
    );
}

#[test]
fn a_time_in_another_clause_does_not_date_the_trigger() {
    // A subordinate clause before the speech verb.
    assert_eq!(
        time_of(
            "It was their first meeting since Ann Alpha took office on March 3, Bob Beta said.",
            Statement
        ),
        None
    );
    // A relative clause after a call.
    assert_eq!(
        time_of(
            "Ann Alpha spoke by phone with Bob Beta, who had arrived in Lima on Sunday.",
            Call
        ),
        None
    );
    // An event the trigger is related to.
    assert_eq!(
        time_of("The Alpha-Beta call followed a vote in parliament this week.", Call),
        None
    );
    // The trigger's own time is kept.
    assert_eq!(
        time_of(
            "Ann Alpha spoke by phone with Bob Beta on Sunday, who had asked for it.",
            Call
        )
        .as_deref(),
        Some("sunday")
    );
    assert_eq!(
        time_of(
            "Ann Alpha spoke by phone with Bob Beta, who asked for aid, an aide said on Friday.",
            Call
        )
        .as_deref(),
        Some("friday")
    );
    assert_eq!(
        time_of("On Tuesday, Ann Alpha met Bob Beta in Oslo.", Talks).as_deref(),
        Some("tuesday")
    );
}
#[test]
fn a_time_in_the_reported_words_does_not_date_the_saying() {
    assert_eq!(
        time_of("The border will reopen tomorrow, Ann Alpha said.", Statement),
        None
    );
    assert_eq!(
        time_of("Ann Alpha said she expects Monday's vote to pass.", Statement),
        None
    );
    // Not ", SPEAKER said": the time before dates the saying.
    assert_eq!(
        time_of(
            "Ann Alpha on Friday left the capital, saying the vote was rigged.",
            Statement
        )
        .as_deref(),
        Some("friday")
    );
    assert_eq!(
        time_of(
            "In a radio interview on Sunday, Ann Alpha said the border would reopen.",
            Statement
        )
        .as_deref(),
        Some("sunday")
    );
    assert_eq!(
        time_of("Ann Alpha told reporters on Friday that talks would resume.", Statement).as_deref(),
        Some("friday")
    );
}
#[test]
fn more_ways_to_say_they_met() {
    check(
        "Ann Alpha sat down with Bob Beta in the capital on Sunday.",
        &["talks:Ann Alpha,Bob Beta:held"],
    );
    check(
        "Ann Alpha dined with Bob Beta after the vote.",
        &["talks:Ann Alpha,Bob Beta:held"],
    );
    check(
        "Ann Alpha held discussions with Bob Beta on trade.",
        &["talks:Ann Alpha,Bob Beta:held"],
    );
    check(
        "Ann Alpha and Bob Beta held consultations in Vienna.",
        &["talks:Ann Alpha,Bob Beta:held"],
    );
}
#[test]
fn more_ways_to_say_they_called() {
    check(
        "Ann Alpha said she would be phoning Bob Beta later.",
        &["statement:Ann Alpha:held", "call:Ann Alpha,Bob Beta:planned"],
    );
    check(
        "Ann Alpha met Bob Beta by video link from the embassy.",
        &["call:Ann Alpha,Bob Beta:held"],
    );
    check(
        "Ann Alpha and Bob Beta held virtual talks on Thursday.",
        &["call:Ann Alpha,Bob Beta:held"],
    );
}
#[test]
fn more_ways_to_say_they_spoke() {
    check(
        "Ann Alpha emphasized that the border must stay open.",
        &["statement:Ann Alpha:held"],
    );
    check("Bob Beta underlined the cost of delay.", &["statement:Bob Beta:held"]);
    check(
        "Ann Alpha gave assurances that the grain would keep moving.",
        &["statement:Ann Alpha:held"],
    );
}
#[test]
fn spoke_by_phone_is_a_call() {
    check(
        "Ann Alpha spoke by phone with Bob Beta.",
        &["call:Ann Alpha,Bob Beta:held"],
    );
}
#[test]
fn telephoned_is_a_call() {
    check(
        "Ann Alpha telephoned Bob Beta on Saturday.",
        &["call:Ann Alpha,Bob Beta:held"],
    );
}
#[test]
fn phone_call_noun() {
    check(
        "Ann Alpha held a phone call with Bob Beta.",
        &["call:Ann Alpha,Bob Beta:held"],
    );
}
#[test]
fn coordinated_subjects_spoke() {
    check(
        "Ann Alpha and Bob Beta spoke by phone yesterday.",
        &["call:Ann Alpha,Bob Beta:held"],
    );
}
#[test]
fn planned_call() {
    check(
        "Ann Alpha will speak with Bob Beta on Monday.",
        &["call:Ann Alpha,Bob Beta:planned"],
    );
}
#[test]
fn met_is_talks() {
    check("Ann Alpha met Bob Beta in Geneva.", &["talks:Ann Alpha,Bob Beta:held"]);
}
#[test]
fn talks_between_states() {
    check(
        "Alandic and Bordurian negotiators held talks in Vienna.",
        &["talks:Aland,Borduria:held"],
    );
}
#[test]
fn hypothetical_meeting_is_dropped() {
    check("It is possible that Ann Alpha could meet Bob Beta.", &[]);
}
#[test]
fn negated_discussion_is_dropped() {
    check("Ann Alpha did not meet Bob Beta.", &[]);
}
#[test]
fn said_is_a_statement() {
    check("Ann Alpha said the talks went well.", &["statement:Ann Alpha:held"]);
}
#[test]
fn inverted_attribution() {
    check("“We are ready,” said Cy Gamma.", &["statement:Cy Gamma:held"]);
}
#[test]
fn according_to_outlet_is_not_a_speaker() {
    check("The talks failed, according to DWS.", &[]);
}
#[test]
fn according_to_person_is_a_speaker() {
    check("The offer stands, according to Cy Gamma.", &["statement:Cy Gamma:held"]);
}
#[test]
fn called_for_is_a_demand() {
    check("Ann Alpha called for new sanctions.", &["demand:Ann Alpha:held"]);
}
#[test]
fn asked_to_is_a_demand_with_target() {
    check(
        "Alandic negotiators asked Borduria on Friday to withdraw.",
        &["demand:Aland,Borduria:held"],
    );
}
#[test]
fn asked_if_is_not_a_demand() {
    check("When asked if he would go, Ann Alpha smiled.", &[]);
}
#[test]
fn challenged_to_is_a_demand() {
    check(
        "Ann Alpha challenged Bob Beta to meet him.",
        &["demand:Ann Alpha,Bob Beta:held"],
    );
}
#[test]
fn relative_who_takes_antecedent() {
    check("He met Bob Beta, who told him no.", &["statement:Bob Beta:held"]);
}
#[test]
fn quoted_names_are_not_speakers() {
    check("“Bob Beta is wrong,” Ann Alpha said.", &["statement:Ann Alpha:held"]);
}
#[test]
fn call_list_after_colon() {
    check(
        "After the call, Ann Alpha briefed the leaders: Bob Beta, Cy Gamma and Aland.",
        &["call:Ann Alpha,Bob Beta,Cy Gamma,Aland:held"],
    );
}
#[test]
fn habitual_is_not_an_event() {
    check("Borduria has repeatedly rejected the plan.", &[]);
    check("Ann Alpha often meets Bob Beta.", &[]);
}
#[test]
fn possessor_is_not_the_subject() {
    check(
        "Ann Alpha rejected Borduria's requests, saying no.",
        &["statement:Ann Alpha:held"],
    );
}
#[test]
fn attribution_after_a_call_is_not_a_participant() {
    check(
        "Ann Alpha spoke by phone with Bob Beta, Borduria said.",
        &["call:Ann Alpha,Bob Beta:held", "statement:Borduria:held"],
    );
}
#[test]
fn phone_verb_needs_a_preposition_for_its_object() {
    check(
        "Ann Alpha and Bob Beta spoke by telephone on Thursday and called on Aland to stop.",
        &["call:Ann Alpha,Bob Beta:held", "demand:Ann Alpha,Aland:held"],
    );
}
#[test]
fn places_are_not_subjects() {
    check(
        "Ann Alpha will travel to Borduria next week to meet Bob Beta.",
        &["talks:Ann Alpha,Bob Beta:planned"],
    );
}
#[test]
fn talks_location_after_in() {
    assert_eq!(
        location_of("Ann Alpha met Bob Beta in Geneva on Friday."),
        Some("Geneva".into())
    );
}
#[test]
fn talks_location_as_modifier() {
    assert_eq!(
        location_of("The Istanbul peace talks between Aland and Borduria ended."),
        Some("Istanbul".into())
    );
}
#[test]
fn no_location_for_dates() {
    assert_eq!(location_of("Ann Alpha met Bob Beta in March."), None);
}
fn location_of(sentence: &str) -> Option<String> {
    let (found, toks, _) = found_in(sentence);
    found
        .iter()
        .find_map(|f| f.location)
        .map(|(s, e)| sentence[toks[s].start..toks[e - 1].end].to_string())
}
#[test]
fn after_meeting_is_a_meeting() {
    check(
        "Ann Alpha spoke after meeting Bob Beta in Nairobi.",
        &["talks:Ann Alpha,Bob Beta:held"],
    );
}
#[test]
fn coordinated_speech_verb_takes_the_clause_subject() {
    check(
        "Ann Alpha thanked Borduria and said the deal was near.",
        &["statement:Ann Alpha:held"],
    );
}
#[test]
fn travel_to_meet_is_one_meeting() {
    check(
        "Ann Alpha will travel to Borduria to meet Bob Beta.",
        &["talks:Ann Alpha,Bob Beta:planned"],
    );
}
#[test]
fn visit_is_talks() {
    check(
        "Ann Alpha will visit Borduria on Monday.",
        &["talks:Ann Alpha,Borduria:planned"],
    );
}
#[test]
fn statement_does_not_take_the_reported_clause_date() {
    let (found, _, _) =
        found_in("Cy Gamma told reporters the alliance would hold a summit on the crisis later this month.");
    assert_eq!(found[0].kind, Kind::Statement);
    assert_eq!(found[0].time, None);
}
#[test]
fn inverted_speaker_must_follow_at_once() {
    check(
        "Borduria's spokesman, Jane Roe, said on Sunday that Aland would not accept it.",
        &["statement:Jane Roe:held"],
    );
}
#[test]
fn times_inside_quotes_do_not_date_the_statement() {
    let (found, _, _) = found_in("“We agreed to continue next week,” Ann Alpha said.");
    assert_eq!(found[0].time, None);
}
#[test]
fn held_a_round_of_talks() {
    check(
        "Ann Alpha and Bob Beta held a second round of indirect talks in Rome.",
        &["talks:Ann Alpha,Bob Beta:held"],
    );
}
#[test]
fn they_is_the_institution_named_before() {
    check(
        "Borduria said that they had spoken to Ann Alpha.",
        &["statement:Borduria:held", "call:Borduria,Ann Alpha:held"],
    );
}
#[test]
fn interview_is_not_a_call() {
    check(
        "Ann Alpha, speaking to a broadcaster, said Borduria had met its obligations.",
        &["statement:Ann Alpha:held"],
    );
}
#[test]
fn participle_after_comma_takes_the_main_subject() {
    check(
        "Ann Alpha met Bob Beta in Oslo, saying the vote was rigged.",
        &["talks:Ann Alpha,Bob Beta:held", "statement:Ann Alpha:held"],
    );
}
#[test]
fn headline_verb_calls() {
    check("Ann Alpha calls Bob Beta, vows help", &["call:Ann Alpha,Bob Beta:held"]);
}
#[test]
fn calls_for_is_a_demand() {
    check("Ann Alpha calls for calm.", &["demand:Ann Alpha:held"]);
}
#[test]
fn unknown_demonym_stays_with_its_title() {
    check(
        "Prime Minister Ann Alpha and Freedonian President Bob Beta met in Geneva.",
        &["talks:Ann Alpha,Bob Beta:held"],
    );
}
#[test]
fn warned_must_is_a_demand() {
    check(
        "Ann Alpha said the talks were frank but warned that Borduria must respect the ruling.",
        &["statement:Ann Alpha:held", "demand:Ann Alpha,Borduria:held"],
    );
}
#[test]
fn in_a_post_is_the_subjects_statement() {
    check(
        "Ann Alpha thanked Bob Beta in a post and called on Borduria to help.",
        &["statement:Ann Alpha:held", "demand:Ann Alpha,Borduria:held"],
    );
}
#[test]
fn readout_is_a_statement() {
    check("Borduria in a readout praised the talks.", &["statement:Borduria:held"]);
}
#[test]
fn call_for_is_not_a_phone_call() {
    check("The call for calm went unheard.", &[]);
}
#[test]
fn reference_after_the_call() {
    let s = "After the call, Ann Alpha said it went well.";
    let toks = tokenize(s, 0, s.len());
    assert_eq!(event_reference(&toks), Some(Kind::Call));
}
#[test]
fn no_reference_in_plain_sentence() {
    let s = "Ann Alpha said it went well.";
    let toks = tokenize(s, 0, s.len());
    assert_eq!(event_reference(&toks), None);
}

#[test]
fn the_capital_where_they_met_is_no_party() {
    // "Szohod" is Borduria's capital in the book: where the talks were,
    // not Borduria taking part.
    check(
        "Ann Alpha and Cy Gamma met in Szohod on Monday.",
        &["talks:Ann Alpha,Cy Gamma:held"],
    );
    check(
        "Cy Gamma held talks with Ann Alpha at Szohod.",
        &["talks:Cy Gamma,Ann Alpha:held"],
    );
    // Named as a party it still is one.
    check(
        "Szohod held talks with Aland on Monday.",
        &["talks:Borduria,Aland:held"],
    );
}
