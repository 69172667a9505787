use super::*;
use crate::extract::text::tokenize;

const BOOK: &str = r#"
[[actor]]
name = "Vladimir Putin"
kind = "person"
role = "President of Russia"
country = "Russia"
aliases = ["Putin"]

[[actor]]
name = "Volodymyr Zelenskyy"
kind = "person"
role = "President of Ukraine"
country = "Ukraine"

[[actor]]
name = "Russia"
kind = "state"
aliases = ["Moscow"]
demonyms = ["Russian"]

[[actor]]
name = "Ukraine"
kind = "state"
aliases = ["Kyiv"]
demonyms = ["Ukrainian"]

[[actor]]
name = "United States"
kind = "state"
aliases = ["US", "USA"]
demonyms = ["American"]

[[actor]]
name = "Kremlin"
kind = "office"
country = "Russia"

[[actor]]
name = "Reuters"
kind = "outlet"

[[actor]]
name = "Aland"
kind = "state"
"#;

fn book() -> ActorBook {
    ActorBook::parse(BOOK).unwrap()
}

/// Names of the actors found in each sentence of `text`, in order.
fn check(text: &str, expected: &[&str]) {
    let b = book();
    let mut aa = ArticleActors::new(&b);
    let mut got = Vec::new();
    for s in crate::extract::text::split_sentences(text) {
        let toks = tokenize(text, s.start, s.end);
        let headline = is_headline(&toks);
        for m in aa.find(text, &toks, headline) {
            got.push(aa.actors[m.actor].name.clone());
        }
    }
    assert_eq!(got, expected, "in {text:?}");
}

const GROUP_BOOK: &str = r#"
[[actor]]
name = "Aland"
kind = "state"
[[actor]]
name = "Borduria"
kind = "state"
[[actor]]
name = "Northern bloc"
kind = "group"
aliases = ["Northerners", "Northern capitals", "North"]
members = ["Aland", "Borduria"]
"#;

/// The actor names a text mentions, read with `book`.
fn names_in(book: &str, text: &str) -> Vec<String> {
    let book = ActorBook::parse(book).unwrap();
    let mut aa = ArticleActors::new(&book);
    let toks = tokenize(text, 0, text.len());
    aa.find(text, &toks, false)
        .iter()
        .map(|m| aa.actors[m.actor].name.clone())
        .collect()
}

const ACRONYM_BOOK: &str = r#"
[[actor]]
name = "United Nations"
kind = "organization"
aliases = ["UN"]
[[actor]]
name = "Economic Union"
kind = "organization"
aliases = ["EU"]
"#;

#[test]
fn an_acronym_is_found_only_in_capitals() {
    assert_eq!(
        names_in(ACRONYM_BOOK, "The envoy Pak Jong Un spoke to the UN on Monday."),
        ["Pak Jong Un", "United Nations"]
    );
    assert_eq!(
        names_in(ACRONYM_BOOK, "Minister Rahel Eu Tanaka and the U.N. disagreed."),
        ["Rahel Eu Tanaka", "United Nations"]
    );
    assert_eq!(names_in(ACRONYM_BOOK, "The EU said little."), ["Economic Union"]);
}

#[test]
fn a_name_set_off_by_commas_after_a_title_phrase_is_a_person() {
    assert_eq!(
        names_in(
            ACRONYM_BOOK,
            "The speaker of the lower house, Ivo Tanner, opened the session."
        ),
        ["Ivo Tanner"]
    );
    assert_eq!(
        names_in(ACRONYM_BOOK, "Its chief negotiator, Mara Quist, left early."),
        ["Mara Quist"]
    );
    // A list of places is no person.
    assert!(names_in(ACRONYM_BOOK, "The minister went north, Port Lund, and back.").is_empty());
}

#[test]
fn a_place_before_someones_title_is_no_person() {
    assert!(names_in(ACRONYM_BOOK, "They dined at Sea-by-Pine Lodge, the governor's estate.").is_empty());
    assert!(names_in(
        ACRONYM_BOOK,
        "The talks moved to Rock Hall, the minister's residence, on Monday."
    )
    .is_empty());
    // An apposition with the title of the person themself still names
    // them (and the title phrase refers back to them).
    assert_eq!(
        names_in(ACRONYM_BOOK, "Tom Rand, the minister of trade, left."),
        ["Tom Rand", "Tom Rand"]
    );
}

#[test]
fn a_hyphenated_surname_alone_is_the_person_named_before() {
    assert_eq!(
        names_in(
            ACRONYM_BOOK,
            "Spokesman Lucas Martin-Ferro spoke first. Then Martin-Ferro took questions."
        ),
        ["Lucas Martin-Ferro", "Lucas Martin-Ferro"]
    );
    assert_eq!(
        names_in(
            ACRONYM_BOOK,
            "Envoy Hana Okafor-Lindqvist arrived on Sunday, and Okafor-Lindqvist met the mayor."
        ),
        ["Hana Okafor-Lindqvist", "Hana Okafor-Lindqvist"]
    );
}

#[test]
fn his_in_an_opening_phrase_is_the_main_subject() {
    let text = "Envoy Lucas Martin met the mayor. After his lunch with Diaz, Bob Carter told reporters little.";
    let b = ActorBook::parse(ACRONYM_BOOK).unwrap();
    let mut aa = ArticleActors::new(&b);
    let mut got = Vec::new();
    for s in crate::extract::text::split_sentences(text) {
        let toks = tokenize(text, s.start, s.end);
        for m in aa.find(text, &toks, false) {
            got.push(aa.actors[m.actor].name.clone());
        }
    }
    assert!(
        got.ends_with(&["Bob Carter".to_string(), "Bob Carter".to_string()]),
        "{got:?}"
    );
    // Named before the pronoun in the phrase, the person keeps it.
    assert_eq!(
        names_in(
            ACRONYM_BOOK,
            "During Minister Lena Vos's visit to her hometown, Mayor Omar Field spoke."
        ),
        ["Lena Vos", "Lena Vos", "Omar Field"]
    );
    assert_eq!(
        names_in(
            ACRONYM_BOOK,
            "Ahead of her trip, Foreign Minister Ruth Ade said she was ready."
        ),
        ["Ruth Ade", "Ruth Ade", "Ruth Ade"]
    );
}

#[test]
fn a_group_is_an_actor_with_members() {
    let book = ActorBook::parse(GROUP_BOOK).unwrap();
    let g = book.lookup("northern bloc").unwrap();
    assert_eq!(g.kind, ActorKind::Group);
    assert_eq!(g.role.as_deref(), Some("Group: Aland, Borduria"));
    // Aliases the book writes in lower case match in lower case.
    assert_eq!(
        names_in(GROUP_BOOK, "The Northern capitals rejected the plan."),
        ["Northern bloc"]
    );
    assert_eq!(
        names_in(GROUP_BOOK, "Envoys of the North met in Oslo."),
        ["Northern bloc"]
    );
}

#[test]
fn a_one_word_group_alias_before_a_capitalised_word_is_another_name() {
    assert!(names_in(GROUP_BOOK, "Floods hit North Borduria.")
        .iter()
        .all(|n| n != "Northern bloc"));
    assert!(names_in(GROUP_BOOK, "Ships left the North Sea ports.").is_empty());
}

#[test]
fn a_group_must_list_members_of_the_book() {
    let none = ActorBook::parse("[[actor]]\nname = \"Bloc\"\nkind = \"group\"\n");
    assert!(none.unwrap_err().contains("lists no members"));
    let unknown = ActorBook::parse("[[actor]]\nname = \"Bloc\"\nkind = \"group\"\nmembers = [\"Atlantis\"]\n");
    assert!(unknown
        .unwrap_err()
        .contains("member \"Atlantis\" is not an actor of the book"));
    let not_group = ActorBook::parse(
        "[[actor]]\nname = \"Aland\"\nkind = \"state\"\n[[actor]]\nname = \"X\"\nkind = \"state\"\nmembers = [\"Aland\"]\n",
    );
    assert!(not_group.unwrap_err().contains("is not a group"));
}

#[test]
fn book_alias_and_surname() {
    check(
        "Putin spoke. Vladimir Putin left.",
        &["Vladimir Putin", "Vladimir Putin"],
    );
}

#[test]
fn spelling_variants_fold() {
    check(
        "Zelenskiy met Zelensky.",
        &["Volodymyr Zelenskyy", "Volodymyr Zelenskyy"],
    );
}

#[test]
fn titled_name_is_discovered() {
    check("Kremlin spokesperson Dmitry Peskov said no.", &["Dmitry Peskov"]);
}

#[test]
fn surname_resolves_after_full_name() {
    check(
        "Foreign Minister Jane Roe arrived. Roe said yes.",
        &["Jane Roe", "Jane Roe"],
    );
}

#[test]
fn honorific_is_skipped() {
    check("Prime Minister Sir Keir Starmer spoke.", &["Keir Starmer"]);
}

#[test]
fn initials_and_suffixes_are_part_of_names() {
    check(
        "Minister S. Jaishankar spoke. Jaishankar left.",
        &["S. Jaishankar", "S. Jaishankar"],
    );
    check(
        "President Ferdinand Marcos Jr. spoke. Marcos left.",
        &["Ferdinand Marcos Jr", "Ferdinand Marcos Jr"],
    );
}

#[test]
fn hyphenated_and_abbreviated_titles() {
    check(
        "Aide Ahmed al-Sharaa spoke. Al-Sharaa left.",
        &["Ahmed al-Sharaa", "Ahmed al-Sharaa"],
    );
    check("A spokesman, Brig. Gen. Nabil Abdallah, said no.", &["Nabil Abdallah"]);
}

#[test]
fn portfolio_words_between_country_and_title() {
    let b = book();
    let mut aa = ArticleActors::new(&b);
    let t = "Ukrainian Home Affairs Minister Jane Roe spoke.";
    let toks = tokenize(t, 0, t.len());
    let ms = aa.find(t, &toks, false);
    assert_eq!(aa.actors[ms[0].actor].name, "Jane Roe");
    assert_eq!(aa.actors[ms[0].actor].country.as_deref(), Some("Ukraine"));
}

#[test]
fn family_name_first_with_hyphenated_given_name() {
    assert_eq!(surname_of("Lee Jae-myung"), Some("Lee"));
    assert_eq!(surname_of("Ferdinand Marcos Jr."), Some("Marcos"));
    assert_eq!(surname_of("Jean-Noel Barrot"), Some("Barrot"));
    check(
        "Spokeswoman Kang Yu-jung spoke. Kang left.",
        &["Kang Yu-jung", "Kang Yu-jung"],
    );
}

#[test]
fn given_name_alone_refers_to_the_person() {
    check(
        "Prime Minister Abiy Ahmed spoke. Abiy left.",
        &["Abiy Ahmed", "Abiy Ahmed"],
    );
}

#[test]
fn possessive_state_prefix() {
    check(
        "Aland's Prime Minister Sheikh Ali bin Hamad Al Thani spoke.",
        &["Ali bin Hamad Al Thani"],
    );
}

#[test]
fn lowercase_title_works() {
    check("Earlier, vice president JD Vance spoke.", &["JD Vance"]);
}

#[test]
fn title_with_organisation() {
    check(
        "said presidential assistant at Kremlin Yury Ushakov.",
        &["Yury Ushakov"],
    );
}

#[test]
fn transliteration_merges_discovered_people() {
    let b = book();
    let mut aa = ArticleActors::new(&b);
    let t = "Aide Yuri Ushakov spoke. Aide Yury Ushakov spoke.";
    let mut ids = Vec::new();
    for s in crate::extract::text::split_sentences(t) {
        let toks = tokenize(t, s.start, s.end);
        for m in aa.find(t, &toks, false) {
            ids.push(aa.actors[m.actor].id.clone());
        }
    }
    // One person; the id keeps the first spelling as written.
    assert_eq!(ids, vec!["yuri-ushakov", "yuri-ushakov"]);
}

#[test]
fn role_phrase_resolves_to_named_person() {
    check(
        "Putin spoke. The Russian leader left.",
        &["Vladimir Putin", "Vladimir Putin"],
    );
}

#[test]
fn role_phrase_falls_back_to_book_head_of_state() {
    check("The Russian president spoke.", &["Vladimir Putin"]);
}

#[test]
fn demonym_with_group_noun_is_a_state() {
    check("Russian and Ukrainian negotiators met.", &["Russia", "Ukraine"]);
}

#[test]
fn leaders_of_states_are_their_heads() {
    check(
        "He will call the leaders of Russia and Ukraine.",
        &["Vladimir Putin", "Volodymyr Zelenskyy"],
    );
}

#[test]
fn envoys_of_states_are_those_states() {
    check(
        "Diplomats of Russia and the United States met in Riyadh.",
        &["Russia", "United States"],
    );
    check(
        "The delegations of Ukraine, Russia and Aland sat down.",
        &["Ukraine", "Russia", "Aland"],
    );
}

#[test]
fn a_role_phrase_owns_its_post_but_not_its_office() {
    check(
        "Putin spoke. The Russian president's post was short.",
        &["Vladimir Putin", "Vladimir Putin"],
    );
    check(
        "Putin spoke. Later the Russian president's remarks were aired.",
        &["Vladimir Putin", "Vladimir Putin"],
    );
}

#[test]
fn a_discovered_persons_id_keeps_the_name_as_written() {
    let b = ActorBook::parse("").unwrap();
    let mut aa = ArticleActors::new(&b);
    for t in [
        "Foreign Minister Takeshi Iwaya arrived.",
        "Iwaya spoke.",
        "Envoy Yuri Dmitri Orlovskii left.",
    ] {
        let toks = tokenize(t, 0, t.len());
        aa.find(t, &toks, false);
    }
    let ids: Vec<&str> = aa.actors.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["takeshi-iwaya", "yuri-dmitri-orlovskii"]);
}

#[test]
fn a_titled_name_may_begin_with_a_states_name() {
    check(
        "Defence Minister Israel Katz spoke. Katz left.",
        &["Israel Katz", "Israel Katz"],
    );
    check("Trade Minister Aland Berg said no.", &["Aland Berg"]);
    // Without a title a state followed by a name is not a person.
    check("It agreed, according to Russia Tass.", &["Russia"]);
}

#[test]
fn state_names_do_not_make_people() {
    check("It agreed, according to Russia Tass.", &["Russia"]);
}

#[test]
fn demonym_alone_is_not_an_actor() {
    check("Russian banks fell.", &[]);
}

#[test]
fn demonym_office_is_discovered() {
    check(
        "The Ukrainian President’s Office stated it.",
        &["Ukrainian President's Office"],
    );
}

#[test]
fn pronoun_takes_previous_subject() {
    check("Putin spoke. He said no.", &["Vladimir Putin", "Vladimir Putin"]);
}

#[test]
fn attribution_discovers_untitled_person() {
    check("“No,” said Jane Roe.", &["Jane Roe"]);
}

#[test]
fn name_then_said_discovers_person() {
    check("Jane Roe said it was over.", &["Jane Roe"]);
}

#[test]
fn apposition_discovers_person_with_role() {
    let b = book();
    let mut aa = ArticleActors::new(&b);
    let t = "Jane Roe, the foreign minister, arrived.";
    let toks = tokenize(t, 0, t.len());
    let ms = aa.find(t, &toks, false);
    assert_eq!(aa.actors[ms[0].actor].name, "Jane Roe");
    assert_eq!(aa.actors[ms[0].actor].role.as_deref(), Some("Foreign minister"));
}

#[test]
fn headline_case_discovers_nothing() {
    check("Trump Says He Will Have Call With Boss Man", &[]);
}

#[test]
fn outlet_is_recognised_as_such() {
    let b = book();
    let mut aa = ArticleActors::new(&b);
    let t = "Reuters reported it.";
    let toks = tokenize(t, 0, t.len());
    let ms = aa.find(t, &toks, false);
    assert_eq!(aa.actors[ms[0].actor].kind, ActorKind::Outlet);
}

#[test]
fn token_key_folds_variants() {
    assert_eq!(token_key("zelenskyy"), token_key("zelenskiy"));
    assert_eq!(token_key("yuri"), token_key("yury"));
    assert_eq!(token_key("sergei"), token_key("sergey"));
}
