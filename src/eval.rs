//! Scoring a timeline against a gold file, by the rules of
//! docs/scoring.md — the same algorithm as the corpus's `score.py`, so the two
//! agree on the same export.

use serde_json::Value;
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

#[derive(Debug, thiserror::Error)]
pub enum EvalError {
    #[error("the gold file is not valid: {0}")]
    Gold(String),
}

#[derive(Debug, Clone)]
struct GoldEvent {
    id: String,
    kind: String,
    dates: Vec<String>,
    actors: Vec<Vec<String>>,
    optional: bool,
}

/// An event as the scorer sees it: kind, date, actors' names and aliases.
#[derive(Debug, Clone)]
pub struct SysEvent {
    pub kind: String,
    pub date: Option<String>,
    /// For each actor: its name followed by its aliases.
    pub actors: Vec<Vec<String>>,
}

/// One row of the score table.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub kind: String,
    pub gold: usize,
    pub found: usize,
    pub matched: usize,
    pub p: f64,
    pub r: f64,
    pub f1: f64,
}

#[derive(Debug, Clone)]
pub struct Score {
    pub rows: Vec<Row>,
    pub undated: usize,
    pub missed: Vec<String>,
    pub extra: Vec<String>,
}

impl Score {
    pub fn overall(&self) -> f64 {
        self.rows.last().map(|r| r.f1).unwrap_or(0.0)
    }

    pub fn row(&self, kind: &str) -> Option<&Row> {
        self.rows.iter().find(|r| r.kind == kind)
    }

    /// The table printed by `readout eval`, in score.py's format.
    pub fn render(&self, verbose: bool) -> String {
        let mut s = format!(
            "{:<10}{:>6}{:>7}{:>7}{:>7}{:>7}{:>7}\n",
            "kind", "gold", "found", "match", "P", "R", "F1"
        );
        for r in &self.rows {
            s.push_str(&format!(
                "{:<10}{:>6}{:>7}{:>7}{:>7.2}{:>7.2}{:>7.2}\n",
                r.kind, r.gold, r.found, r.matched, r.p, r.r, r.f1
            ));
        }
        s.push_str(&format!("undated events in the export: {}\n", self.undated));
        if verbose {
            for m in &self.missed {
                s.push_str(&format!("missed: {m}\n"));
            }
            for e in &self.extra {
                s.push_str(&format!("extra: {e}\n"));
            }
        }
        s.push_str(&format!("f1={:.3}", self.overall()));
        s
    }
}

/// score.py's `fold`: NFKD, drop combining marks, lowercase, keep [a-z0-9'].
pub fn fold(text: &str) -> String {
    let decomposed: String = text.nfkd().filter(|c| !is_combining_mark(*c)).collect();
    let lower = decomposed.replace('\u{2019}', "'").to_lowercase();
    let mut out = String::from(" ");
    let mut space = true;
    for c in lower.chars() {
        if c.is_ascii_lowercase() || c.is_ascii_digit() || c == '\'' {
            out.push(c);
            space = false;
        } else if !space {
            out.push(' ');
            space = true;
        }
    }
    let trimmed = out.trim().to_string();
    format!(" {trimmed} ")
}

fn parse_gold(v: &Value) -> Result<Vec<GoldEvent>, EvalError> {
    let events = v
        .get("events")
        .and_then(Value::as_array)
        .ok_or_else(|| EvalError::Gold("no \"events\" list".into()))?;
    let mut out = Vec::new();
    for (i, e) in events.iter().enumerate() {
        let bad = |what: &str| EvalError::Gold(format!("event {i}: {what}"));
        let strs = |v: Option<&Value>| -> Option<Vec<String>> {
            v?.as_array()?.iter().map(|x| x.as_str().map(String::from)).collect()
        };
        out.push(GoldEvent {
            id: e.get("id").and_then(Value::as_str).unwrap_or("").to_string(),
            kind: e
                .get("kind")
                .and_then(Value::as_str)
                .ok_or_else(|| bad("no kind"))?
                .to_string(),
            dates: strs(e.get("dates")).ok_or_else(|| bad("no dates"))?,
            actors: e
                .get("actors")
                .and_then(Value::as_array)
                .ok_or_else(|| bad("no actors"))?
                .iter()
                .map(|a| strs(Some(a)).ok_or_else(|| bad("actors must be lists of names")))
                .collect::<Result<_, _>>()?,
            optional: e.get("optional").and_then(Value::as_bool).unwrap_or(false),
        });
    }
    Ok(out)
}

fn matches_actor(gold_aliases: &[String], texts: &[String]) -> bool {
    gold_aliases.iter().any(|alias| {
        let a = fold(alias);
        !a.trim().is_empty() && texts.iter().any(|t| t.contains(&a))
    })
}

fn event_matches(g: &GoldEvent, e: &SysEvent, folded: &[Vec<String>]) -> bool {
    if g.kind != e.kind {
        return false;
    }
    match &e.date {
        Some(d) if g.dates.contains(d) => {}
        _ => return false,
    }
    if folded.is_empty() {
        return false;
    }
    if g.kind == "statement" || g.kind == "demand" {
        return g
            .actors
            .first()
            .map(|first| folded.iter().any(|t| matches_actor(first, t)))
            .unwrap_or(false);
    }
    let gold_hit = g
        .actors
        .iter()
        .filter(|ga| folded.iter().any(|t| matches_actor(ga, t)))
        .count();
    let sys_hit = folded
        .iter()
        .filter(|t| g.actors.iter().any(|ga| matches_actor(ga, t)))
        .count();
    // Two parties in common where both sides name two or more: a meeting
    // of A and C is not the meeting of A and B (docs/scoring.md).
    let both = 2.min(g.actors.len()).min(folded.len());
    2 * gold_hit >= g.actors.len() && 2 * sys_hit >= folded.len() && gold_hit >= both
}

/// Score `events` against the gold JSON.
pub fn score(gold_json: &Value, events: &[SysEvent]) -> Result<Score, EvalError> {
    let gold = parse_gold(gold_json)?;
    let dated: Vec<&SysEvent> = events.iter().filter(|e| e.date.is_some()).collect();
    let folded: Vec<Vec<Vec<String>>> = dated
        .iter()
        .map(|e| {
            e.actors
                .iter()
                .map(|names| names.iter().filter(|n| !n.is_empty()).map(|n| fold(n)).collect())
                .collect()
        })
        .collect();
    let cands: Vec<Vec<usize>> = gold
        .iter()
        .map(|g| {
            (0..dated.len())
                .filter(|&j| event_matches(g, dated[j], &folded[j]))
                .collect()
        })
        .collect();
    let mut order: Vec<usize> = (0..gold.len()).collect();
    order.sort_by_key(|&i| (gold[i].optional, cands[i].len()));
    let mut used = vec![false; dated.len()];
    let mut pairs: Vec<Option<usize>> = vec![None; gold.len()];
    for i in order {
        if let Some(&j) = cands[i].iter().find(|&&j| !used[j]) {
            used[j] = true;
            pairs[i] = Some(j);
        }
    }
    let optional_sys: Vec<usize> = (0..gold.len())
        .filter(|&i| gold[i].optional)
        .filter_map(|i| pairs[i])
        .collect();
    let required: Vec<usize> = (0..gold.len()).filter(|&i| !gold[i].optional).collect();
    let mut rows = Vec::new();
    for kind in ["call", "talks", "statement", "demand", "all"] {
        let all = kind == "all";
        let req: Vec<usize> = required
            .iter()
            .copied()
            .filter(|&i| all || gold[i].kind == kind)
            .collect();
        let tp = req.iter().filter(|&&i| pairs[i].is_some()).count();
        let n_sys = (0..dated.len())
            .filter(|&j| (all || dated[j].kind == kind) && !optional_sys.contains(&j))
            .count();
        let p = if n_sys > 0 { tp as f64 / n_sys as f64 } else { 0.0 };
        let r = if !req.is_empty() {
            tp as f64 / req.len() as f64
        } else {
            0.0
        };
        let f1 = if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 };
        rows.push(Row {
            kind: kind.to_string(),
            gold: req.len(),
            found: n_sys,
            matched: tp,
            p,
            r,
            f1,
        });
    }
    let missed = required
        .iter()
        .filter(|&&i| pairs[i].is_none())
        .map(|&i| {
            format!(
                "{} {} {}",
                gold[i].kind,
                gold[i].dates.first().map(String::as_str).unwrap_or("?"),
                gold[i].id
            )
        })
        .collect();
    let matched_sys: Vec<usize> = pairs.iter().flatten().copied().collect();
    let extra = (0..dated.len())
        .filter(|j| !matched_sys.contains(j))
        .map(|j| {
            let e = dated[j];
            let names: Vec<&str> = e
                .actors
                .iter()
                .map(|a| a.first().map(String::as_str).unwrap_or("?"))
                .collect();
            format!("{} {} [{}]", e.kind, e.date.as_deref().unwrap_or(""), names.join(", "))
        })
        .collect();
    Ok(Score {
        rows,
        undated: events.len() - dated.len(),
        missed,
        extra,
    })
}

/// Convert an export into scorer events.
pub fn sys_events(export: &crate::export::Export) -> Vec<SysEvent> {
    export
        .events
        .iter()
        .map(|e| SysEvent {
            kind: e.kind.as_str().to_string(),
            date: e.date.map(|d| d.to_string()),
            actors: e
                .actors
                .iter()
                .map(|a| {
                    std::iter::once(a.name.clone())
                        .chain(a.aliases.iter().cloned())
                        .collect()
                })
                .collect(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn ev(kind: &str, date: &str, actors: &[&[&str]]) -> SysEvent {
        SysEvent {
            kind: kind.into(),
            date: Some(date.into()),
            actors: actors
                .iter()
                .map(|a| a.iter().map(|s| s.to_string()).collect())
                .collect(),
        }
    }

    #[test]
    fn fold_matches_python() {
        assert_eq!(fold("Zelenskyy’s  Office!"), " zelenskyy's office ");
        assert_eq!(fold("Erdoğan"), " erdogan ");
    }

    #[test]
    fn perfect_match_scores_one() {
        let gold =
            json!({"events": [{"id": "x", "kind": "call", "dates": ["2025-05-19"], "actors": [["Trump"], ["Putin"]]}]});
        let s = score(
            &gold,
            &[ev("call", "2025-05-19", &[&["Donald Trump"], &["Vladimir Putin"]])],
        )
        .unwrap();
        assert_eq!(s.overall(), 1.0);
    }

    #[test]
    fn wrong_date_does_not_match() {
        let gold =
            json!({"events": [{"id": "x", "kind": "call", "dates": ["2025-05-19"], "actors": [["Trump"], ["Putin"]]}]});
        let s = score(
            &gold,
            &[ev("call", "2025-05-20", &[&["Donald Trump"], &["Vladimir Putin"]])],
        )
        .unwrap();
        assert_eq!(s.overall(), 0.0);
    }

    #[test]
    fn a_meeting_sharing_one_of_two_parties_is_another_meeting() {
        // Half of each side matches (A of A+B, A of A+C), but a meeting of
        // A and C is not the meeting of A and B.
        let gold =
            json!({"events": [{"id": "x", "kind": "talks", "dates": ["2024-03-02"], "actors": [["Ruto"], ["Abiy"]]}]});
        let other = score(
            &gold,
            &[ev("talks", "2024-03-02", &[&["William Ruto"], &["Hassan Sheikh"]])],
        )
        .unwrap();
        assert_eq!(other.overall(), 0.0);
        let same = score(
            &gold,
            &[ev("talks", "2024-03-02", &[&["Abiy Ahmed"], &["William Ruto"]])],
        )
        .unwrap();
        assert_eq!(same.overall(), 1.0);
        // One named side still matches a three-party meeting by half.
        let gold3 = json!({"events": [{"id": "y", "kind": "talks", "dates": ["2024-03-02"],
            "actors": [["Ruto"], ["Abiy"], ["Kiir"]]}]});
        let one = score(
            &gold3,
            &[ev("talks", "2024-03-02", &[&["Abiy Ahmed"], &["Salva Kiir"]])],
        )
        .unwrap();
        assert_eq!(one.overall(), 1.0);
    }

    #[test]
    fn too_many_participants_do_not_match() {
        let gold =
            json!({"events": [{"id": "x", "kind": "call", "dates": ["2025-05-19"], "actors": [["Trump"], ["Putin"]]}]});
        let s = score(
            &gold,
            &[ev(
                "call",
                "2025-05-19",
                &[&["Trump"], &["Macron"], &["Merz"], &["Meloni"]],
            )],
        )
        .unwrap();
        assert_eq!(s.overall(), 0.0);
    }

    #[test]
    fn statement_needs_first_actor_only() {
        let gold =
            json!({"events": [{"id": "x", "kind": "statement", "dates": ["2025-05-19"], "actors": [["Peskov"]]}]});
        let s = score(&gold, &[ev("statement", "2025-05-19", &[&["Dmitry Peskov"]])]).unwrap();
        assert_eq!(s.overall(), 1.0);
    }

    #[test]
    fn optional_gold_does_not_count_against_precision() {
        let gold = json!({"events": [
            {"id": "a", "kind": "statement", "dates": ["2025-05-19"], "actors": [["A"]]},
            {"id": "b", "kind": "statement", "dates": ["2025-05-20"], "actors": [["A"]], "optional": true}
        ]});
        let s = score(
            &gold,
            &[
                ev("statement", "2025-05-19", &[&["A"]]),
                ev("statement", "2025-05-20", &[&["A"]]),
            ],
        )
        .unwrap();
        assert_eq!(s.overall(), 1.0);
    }
}
