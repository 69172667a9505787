use super::*;
use crate::extract::text::tokenize;

/// Two presidents of Aland one after the other, its prime minister and
/// its king; Borduria lists nobody.
const TERM_BOOK: &str = r#"
[[actor]]
name = "Aland"
kind = "state"
demonyms = ["Alandic"]
[[actor]]
name = "Borduria"
kind = "state"
demonyms = ["Borduran"]
[[actor]]
name = "Ann Alpha"
kind = "person"
role = "Former President of Aland"
country = "Aland"
terms = [{ role = "President of Aland", from = "2016-01-01", to = "2020-06-01" }]
[[actor]]
name = "Bob Beta"
kind = "person"
role = "President of Aland"
country = "Aland"
terms = [{ role = "Foreign Minister of Aland", to = "2020-06-01" }, { role = "President of Aland", from = "2020-06-01" }]
[[actor]]
name = "Cy Gamma"
kind = "person"
role = "King of Aland"
country = "Aland"
[[actor]]
name = "Dee Delta"
kind = "person"
role = "Prime Minister of Aland"
country = "Aland"
"#;

/// Who each sentence names, reading `text` as published on `day`.
fn names_on(book: &ActorBook, day: &str, text: &str) -> Vec<String> {
    let day = chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d").ok();
    let mut aa = ArticleActors::new(book).dated(day);
    let mut got = Vec::new();
    for s in crate::extract::text::split_sentences(text) {
        let toks = tokenize(text, s.start, s.end);
        for m in aa.find(text, &toks, false) {
            got.push(aa.actors[m.actor].name.clone());
        }
    }
    got
}

fn book() -> ActorBook {
    ActorBook::parse(TERM_BOOK).unwrap()
}

#[test]
fn a_two_word_demonym_names_the_state() {
    let b = ActorBook::parse(
        "[[actor]]\nname = \"East Aland\"\nkind = \"state\"\ndemonyms = [\"East Alandic\"]\n\
         [[actor]]\nname = \"Eve Epsilon\"\nkind = \"person\"\nrole = \"President of East Aland\"\ncountry = \"East Aland\"\n",
    )
    .unwrap();
    let text = "The East Alandic president opened the fair.";
    assert_eq!(names_on(&b, "2024-02-02", text), ["Eve Epsilon"]);
    let text = "East Alandic negotiators left the hall early.";
    assert_eq!(names_on(&b, "2024-02-02", text), ["East Aland"]);
}

#[test]
fn an_office_resolves_to_its_holder_on_the_articles_date() {
    let b = book();
    let text = "The Alandic president arrived in the capital on a rainy evening.";
    assert_eq!(names_on(&b, "2018-03-02", text), ["Ann Alpha"]);
    assert_eq!(names_on(&b, "2023-09-14", text), ["Bob Beta"]);
    let text = "Aland's foreign minister hosted a dinner for envoys.";
    assert_eq!(names_on(&b, "2019-05-05", text), ["Bob Beta"]);
}

#[test]
fn an_office_speaks_for_whoever_held_the_office_that_day() {
    let text = format!(
        "{TERM_BOOK}[[actor]]\nname = \"Presidential Palace\"\nkind = \"office\"\nspeaks_for = \"Bob Beta\"\ncountry = \"Aland\"\n"
    );
    let b = ActorBook::parse(&text).unwrap();
    let principal = |day: &str| {
        let day = chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d").ok();
        let mut aa = ArticleActors::new(&b).dated(day);
        let sentence = "The Presidential Palace issued a short reply.";
        let toks = tokenize(sentence, 0, sentence.len());
        let m = aa.find(sentence, &toks, false)[0].actor;
        aa.principal_of(m).map(|p| aa.actors[p].name.clone())
    };
    // Bob Beta is president from mid-2020; before, Ann Alpha was.
    assert_eq!(principal("2022-02-02").as_deref(), Some("Bob Beta"));
    assert_eq!(principal("2018-07-07").as_deref(), Some("Ann Alpha"));
    // Undated, the book's own word stands.
    assert_eq!(principal("").as_deref(), Some("Bob Beta"));
}

#[test]
fn a_named_title_is_not_another_head_of_state() {
    let b = book();
    // The prime minister, not the king nor the president.
    let text = "Aland's prime minister flew home after the vote.";
    assert_eq!(names_on(&b, "2024-01-10", text), ["Dee Delta"]);
    // "leader" says only that they lead: the first head the book lists.
    let text = "The Alandic leader did not comment.";
    assert_eq!(names_on(&b, "2024-01-10", text), ["Bob Beta"]);
}

#[test]
fn an_office_with_no_known_holder_is_the_office() {
    let b = book();
    let text = "Borduria's prime minister thanked the mediators.";
    assert_eq!(names_on(&b, "2024-01-10", text), ["Prime Minister of Borduria"]);
    // Aland's foreign minister after the book's term ended: nobody listed.
    let text = "The Alandic foreign minister sent a letter to the council.";
    assert_eq!(names_on(&b, "2022-02-02", text), ["Foreign Minister of Aland"]);
}

#[test]
fn an_undated_article_reads_the_current_role() {
    let b = book();
    let mut aa = ArticleActors::new(&b);
    let text = "The Alandic president wrote a long letter.";
    let toks = tokenize(text, 0, text.len());
    let found: Vec<String> = aa
        .find(text, &toks, false)
        .iter()
        .map(|m| aa.actors[m.actor].name.clone())
        .collect();
    assert_eq!(found, ["Bob Beta"]);
}

#[test]
fn a_title_from_the_users_vocabulary_heads_a_name() {
    let titles = crate::extract::actors::titles::Titles::parse("titles = [\"grand vizier\", \"minister\"]").unwrap();
    let b = book().with_titles(std::sync::Arc::new(titles));
    let found = names_on(&b, "2024-01-10", "Grand Vizier Eli Epsilon rode to the border.");
    assert_eq!(found, ["Eli Epsilon"]);
    let found = names_on(
        &b,
        "2024-01-10",
        "The talks were led by Grand Vizier Fay Zeta of Aland.",
    );
    assert_eq!(found, ["Fay Zeta"]);
}

fn person(name: &str) -> ActorInfo {
    ActorInfo {
        id: slugify(name),
        name: name.to_string(),
        kind: ActorKind::Person,
        role: Some("Envoy".into()),
        country: Some("Borduria".into()),
        aliases: Vec::new(),
        discovered: true,
        affiliation: None,
        speaks_for: None,
    }
}

#[test]
fn a_remembered_person_is_found_by_surname() {
    let b = book().remember(&[person("Hal Iota"), person("Ivy Kappa")]);
    assert_eq!(names_on(&b, "2024-01-10", "Iota said the road was open."), ["Hal Iota"]);
    let found = names_on(&b, "2024-01-10", "The plan, according to Kappa, needs a month.");
    assert_eq!(found, ["Ivy Kappa"]);
    assert!(b.lookup("iota").is_some_and(|a| a.discovered));
}

#[test]
fn a_surname_two_remembered_people_share_is_nobodys() {
    let b = book().remember(&[person("Hal Iota"), person("Jo Iota")]);
    assert!(names_on(&b, "2024-01-10", "Iota said the road was open.").is_empty());
    // The full names still resolve.
    assert_eq!(
        names_on(&b, "2024-01-10", "Jo Iota said the road was open."),
        ["Jo Iota"]
    );
}

#[test]
fn the_book_wins_over_a_remembered_namesake() {
    // A discovered "Bob Beta" (say, misspelt role) does not replace the book's.
    let b = book().remember(&[person("Bob Beta"), person("Kai Alpha")]);
    assert!(b.lookup("bob beta").is_some_and(|a| !a.discovered));
    // "Alpha" is the book's Ann Alpha's surname: not Kai's.
    assert!(b.lookup("alpha").is_none_or(|a| a.name == "Ann Alpha"));
}

#[test]
fn an_unplaced_surname_is_noted_for_later() {
    let b = book();
    let text = "Zeta said the convoy had left. Omega told reporters the same.";
    let x = crate::extract::extract(text, chrono::NaiveDate::from_ymd_opt(2024, 1, 10), &b);
    assert!(x.unknown_names.contains(&"zeta".to_string()), "{:?}", x.unknown_names);
    let x = crate::extract::extract("He said the convoy had left.", None, &b);
    assert!(x.unknown_names.is_empty(), "{:?}", x.unknown_names);
}

#[test]
fn bad_terms_are_refused_with_the_actor_named() {
    let bad = "[[actor]]\nname = \"Gil Eta\"\nkind = \"person\"\nterms = [{ role = \"Envoy\", from = \"2024-13-01\" }]";
    let e = ActorBook::parse(bad).unwrap_err();
    assert!(e.contains("Gil Eta") && e.contains("2024-13-01"), "{e}");
    let bad = "[[actor]]\nname = \"Gil Eta\"\nkind = \"person\"\nterms = [{ role = \"Envoy\", from = \"2024-03-01\", to = \"2023-01-01\" }]";
    let e = ActorBook::parse(bad).unwrap_err();
    assert!(e.contains("ends before it begins"), "{e}");
    let bad = "[[actor]]\nname = \"Aland\"\nkind = \"state\"\nterms = [{ role = \"Envoy\" }]";
    assert!(ActorBook::parse(bad).unwrap_err().contains("only a person"));
}
