//! Generates a realistic, varied, deterministic corpus of diplomacy news
//! articles for benchmarks:
//!
//! ```sh
//! cargo run --release --example gen_corpus -- --articles 100000 --out bench/out/corpus [--seed 42]
//! ```
//!
//! Hundreds of people (many not in the actor book) from dozens of states,
//! three years of dates, all four kinds of event, relative dates ("last
//! night", "on Friday", "earlier this week"), quotes, page furniture, and
//! the same happening reported by several outlets. Articles are about 3 KB.

use clap::Parser;
use std::fmt::Write as _;
use std::path::PathBuf;

#[derive(Parser)]
struct Args {
    /// How many articles to write.
    #[arg(long, default_value_t = 1000)]
    articles: usize,
    /// Output folder (created; files are overwritten).
    #[arg(long)]
    out: PathBuf,
    /// Seed of the generator: the same seed gives the same corpus.
    #[arg(long, default_value_t = 42)]
    seed: u64,
}

/// splitmix64: small, fast, deterministic.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<T: Copy>(&mut self, v: &[T]) -> T {
        v[self.below(v.len())]
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

const STATES: &[(&str, &str, &str)] = &[
    ("France", "French", "Paris"),
    ("Germany", "German", "Berlin"),
    ("Italy", "Italian", "Rome"),
    ("Spain", "Spanish", "Madrid"),
    ("Poland", "Polish", "Warsaw"),
    ("Turkey", "Turkish", "Ankara"),
    ("Egypt", "Egyptian", "Cairo"),
    ("Qatar", "Qatari", "Doha"),
    ("India", "Indian", "New Delhi"),
    ("Pakistan", "Pakistani", "Islamabad"),
    ("Japan", "Japanese", "Tokyo"),
    ("Brazil", "Brazilian", "Brasilia"),
    ("Mexico", "Mexican", "Mexico City"),
    ("Canada", "Canadian", "Ottawa"),
    ("Kenya", "Kenyan", "Nairobi"),
    ("Nigeria", "Nigerian", "Abuja"),
    ("Ethiopia", "Ethiopian", "Addis Ababa"),
    ("Indonesia", "Indonesian", "Jakarta"),
    ("Vietnam", "Vietnamese", "Hanoi"),
    ("Argentina", "Argentine", "Buenos Aires"),
    ("Chile", "Chilean", "Santiago"),
    ("Sweden", "Swedish", "Stockholm"),
    ("Norway", "Norwegian", "Oslo"),
    ("Greece", "Greek", "Athens"),
    ("Serbia", "Serbian", "Belgrade"),
    ("Armenia", "Armenian", "Yerevan"),
    ("Azerbaijan", "Azerbaijani", "Baku"),
    ("Iran", "Iranian", "Tehran"),
    ("Iraq", "Iraqi", "Baghdad"),
    ("Jordan", "Jordanian", "Amman"),
    ("Morocco", "Moroccan", "Rabat"),
    ("Algeria", "Algerian", "Algiers"),
    ("Sudan", "Sudanese", "Khartoum"),
    ("Colombia", "Colombian", "Bogota"),
    ("Peru", "Peruvian", "Lima"),
    ("Thailand", "Thai", "Bangkok"),
    ("Malaysia", "Malaysian", "Kuala Lumpur"),
    ("Kazakhstan", "Kazakh", "Astana"),
    ("Ukraine", "Ukrainian", "Kyiv"),
    ("Russia", "Russian", "Moscow"),
];

const GIVEN: &[&str] = &[
    "Anna", "Marek", "Lucia", "Omar", "Priya", "Kenji", "Amara", "Mateo", "Sofia", "Yusuf", "Ingrid", "Tomas", "Leila",
    "Rafael", "Nadia", "Viktor", "Mei", "Samuel", "Elif", "Joao", "Hana", "Karim", "Olga", "Diego", "Fatima", "Lars",
    "Irina", "Kwame", "Ana", "Bilal",
];

const SYLLABLES: &[&str] = &[
    "ka", "ro", "vi", "lan", "mer", "do", "sa", "tor", "bel", "ni", "grad", "ova", "ez", "har", "lin", "mon", "te",
    "ski", "ra", "del", "for", "zu", "ami", "ber", "chi", "dan", "el", "go", "is", "jo",
];

const ROLES: &[&str] = &[
    "President",
    "Prime Minister",
    "Foreign Minister",
    "Defence Minister",
    "Trade Minister",
];

const OUTLETS: &[&str] = &[
    "Reuters",
    "AFP",
    "the Associated Press",
    "Bloomberg",
    "Al Jazeera",
    "the BBC",
];

const TOPICS: &[&str] = &[
    "the ceasefire",
    "grain exports",
    "border security",
    "a prisoner exchange",
    "energy prices",
    "the reconstruction fund",
    "visa rules",
    "the migration pact",
    "sanctions relief",
    "a trade deal",
];

const ACTIONS: &[&str] = &[
    "withdraw its troops from the border",
    "release all detained journalists",
    "reopen the crossings",
    "accept an immediate ceasefire",
    "return to the negotiating table",
    "lift the blockade",
];

const QUOTES: &[&str] = &[
    "We have made real progress, but much remains to be done",
    "There is no alternative to dialogue",
    "Our patience is not unlimited",
    "This was a frank and constructive exchange",
    "We will not accept any preconditions",
    "The door remains open",
];

const FILLER: &[&str] = &[
    "Analysts said the outcome of the process remained uncertain.",
    "The dispute has dominated the regional agenda for months.",
    "Markets reacted calmly to the news on Monday morning.",
    "Diplomats cautioned that any agreement would take time to implement.",
    "The issue is expected to feature at next month's regional summit.",
    "Humanitarian groups have repeatedly warned about the situation on the ground.",
    "Officials declined to give further details about the timetable.",
    "Observers noted that turnout at the protests had fallen sharply.",
];

#[derive(Clone)]
struct Person {
    name: String,
    role: &'static str,
    state: usize,
}

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Call,
    Talks,
    Statement,
    Demand,
}

struct Happening {
    kind: Kind,
    day: i64,
    a: usize,
    b: usize,
    city: usize,
    topic: usize,
}

const WEEKDAYS: &[&str] = &[
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}

fn main() -> std::io::Result<()> {
    let args = Args::parse();
    let mut rng = Rng(args.seed);
    std::fs::create_dir_all(&args.out)?;

    // ~400 people, unique names.
    let mut people: Vec<Person> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    while people.len() < 400 {
        let surname = capitalize(&format!(
            "{}{}{}",
            rng.pick(SYLLABLES),
            rng.pick(SYLLABLES),
            rng.pick(SYLLABLES)
        ));
        let name = format!("{} {}", rng.pick(GIVEN), surname);
        if seen.insert(surname) {
            let state = rng.below(STATES.len());
            people.push(Person {
                name,
                role: rng.pick(ROLES),
                state,
            });
        }
    }

    // Happenings over three years (day 0 = 2023-01-02, a Monday); each is
    // reported by one to four articles.
    let epoch = chrono::NaiveDate::from_ymd_opt(2023, 1, 2).expect("valid date");
    let n_happenings = (args.articles * 2 / 3).max(1);
    let mut happenings = Vec::with_capacity(n_happenings);
    for _ in 0..n_happenings {
        let kind = match rng.below(10) {
            0..=2 => Kind::Call,
            3..=4 => Kind::Talks,
            5..=7 => Kind::Statement,
            _ => Kind::Demand,
        };
        let a = rng.below(people.len());
        let mut b = rng.below(people.len());
        if b == a {
            b = (b + 1) % people.len();
        }
        happenings.push(Happening {
            kind,
            day: rng.below(3 * 365) as i64,
            a,
            b,
            city: rng.below(STATES.len()),
            topic: rng.below(TOPICS.len()),
        });
    }

    for n in 0..args.articles {
        // Each article leads with one happening, often already reported.
        let lead = if n < n_happenings && rng.chance(70) {
            n
        } else {
            rng.below(n_happenings)
        };
        let mut items = vec![lead];
        for _ in 0..rng.below(3) {
            let h = rng.below(n_happenings);
            if h != lead && !items.contains(&h) && (happenings[h].day - happenings[lead].day).abs() < 7 {
                items.push(h);
            }
        }
        let pub_day = happenings[lead].day + 1 + rng.below(2) as i64;
        let date = epoch + chrono::Duration::days(pub_day);
        let mut text = String::with_capacity(3500);
        let h0 = &happenings[lead];
        let (pa, pb) = (&people[h0.a], &people[h0.b]);
        let _ = writeln!(text, " date {date}");
        let _ = writeln!(
            text,
            "{} | World News\n",
            capitalize(rng.pick(&["latest", "breaking", "analysis", "world"]))
        );
        let headline = match h0.kind {
            Kind::Call => format!("{} and {} discuss {} by phone", pa.name, pb.name, TOPICS[h0.topic]),
            Kind::Talks => format!("{} and {} hold talks in {}", pa.name, pb.name, STATES[h0.city].2),
            Kind::Statement => format!("{} speaks out on {}", pa.name, TOPICS[h0.topic]),
            Kind::Demand => format!("{} presses {} over {}", pa.name, STATES[pb.state].0, TOPICS[h0.topic]),
        };
        let _ = writeln!(text, "{headline}\n");
        let mut introduced = std::collections::HashSet::new();
        for &h in &items {
            let hp = &happenings[h];
            let delta = pub_day - hp.day;
            let when = relative(&mut rng, delta, hp.day, epoch);
            let full = |i: usize, introduced: &mut std::collections::HashSet<usize>| -> String {
                let p = &people[i];
                if introduced.insert(i) {
                    format!("{} {} {}", STATES[p.state].1, p.role, p.name)
                } else {
                    p.name.rsplit(' ').next().unwrap_or(&p.name).to_string()
                }
            };
            let a = full(hp.a, &mut introduced);
            let b = full(hp.b, &mut introduced);
            let sentence = match hp.kind {
                Kind::Call => match rng.below(3) {
                    0 => format!("{a} spoke by phone with {b} {when}, discussing {}.", TOPICS[hp.topic]),
                    1 => format!("{a} and {b} held a phone call {when}, {} reported.", rng.pick(OUTLETS)),
                    _ => format!("{a} telephoned {b} {when} to discuss {}.", TOPICS[hp.topic]),
                },
                Kind::Talks => match rng.below(2) {
                    0 => format!(
                        "{a} met {b} in {} {when} for talks on {}.",
                        STATES[hp.city].2, TOPICS[hp.topic]
                    ),
                    _ => format!("{a} and {b} held talks in {} {when}.", STATES[hp.city].2),
                },
                Kind::Statement => match rng.below(2) {
                    0 => format!("\"{},\" {a} told reporters {when}.", rng.pick(QUOTES)),
                    _ => format!("{a} said {when} that the talks on {} would continue.", TOPICS[hp.topic]),
                },
                Kind::Demand => format!(
                    "{a} {when} called on {} to {}.",
                    STATES[people[hp.b].state].0,
                    rng.pick(ACTIONS)
                ),
            };
            text.push_str(&sentence);
            text.push(' ');
            // A quote and some background around every item.
            let pname = people[hp.a].name.rsplit(' ').next().unwrap_or("").to_string();
            let _ = write!(text, "\"{},\" {pname} added. ", rng.pick(QUOTES));
            for _ in 0..3 {
                text.push_str(rng.pick(FILLER));
                text.push(' ');
            }
            text.push_str("\n\n");
        }
        while text.len() < 2800 {
            text.push_str(rng.pick(FILLER));
            text.push(' ');
        }
        text.push_str("\n\nComments\n\nSimilar News\n");
        std::fs::write(args.out.join(format!("{n:07}.txt")), text)?;
    }
    println!("wrote {} articles to {}", args.articles, args.out.display());
    Ok(())
}

/// A relative expression for a happening `delta` days before publication.
fn relative(rng: &mut Rng, delta: i64, day: i64, epoch: chrono::NaiveDate) -> String {
    let date = epoch + chrono::Duration::days(day);
    match (delta, rng.below(3)) {
        (1, 0) => "yesterday".into(),
        (1, 1) => "last night".into(),
        (d, 0) if d <= 6 => format!("on {}", WEEKDAYS[(day % 7) as usize]),
        (_, 1) => format!("on {}", date.format("%-d %B")),
        _ => format!("on {}", date.format("%B %-d, %Y")),
    }
}
