//! Who talked to whom: actors as nodes, calls and talks of two sides as
//! edges weighted by their sources, and those of three sides or more as one
//! event node joined to each side (a line between every two of seven
//! leaders would draw pairs that never spoke), under the timeline's date
//! and kind filters, drawn as SVG on the server. The layout is a circle in
//! an order that keeps each actor next to those it deals with most:
//! deterministic, so the same data always gives the same picture.

use super::error::{AppError, HtmlError, JsonError};
use super::params::{href, parse_timeline, to_query};
use super::AppState;
use crate::model::Kind;
use crate::store::{ActorRef, Filter, Network};
use askama::Template;
use axum::extract::{RawQuery, State};
use axum::response::{Html, IntoResponse, Response};
use axum::Json;
use std::collections::HashMap;

/// Most actors drawn (the busiest); the table lists every pair.
const MAX_NODES: usize = 40;
const SIZE: f64 = 720.0;
const RADIUS: f64 = 250.0;

pub struct Node {
    pub x: String,
    pub y: String,
    pub r: String,
    pub href: String,
    pub name: String,
    pub title: String,
    pub label_x: String,
    pub label_y: String,
    pub anchor: &'static str,
    pub kind: String,
}

pub struct Edge {
    pub x1: String,
    pub y1: String,
    pub x2: String,
    pub y2: String,
    pub width: String,
    pub href: String,
    pub title: String,
}

pub struct PairRow {
    pub a: String,
    pub a_href: String,
    pub b: String,
    pub b_href: String,
    pub events: i64,
    pub sources: i64,
    pub href: String,
}

/// A call or talks of three sides or more: a square inside the circle,
/// joined to each side.
pub struct GatheringMark {
    pub x: String,
    pub y: String,
    pub size: String,
    pub href: String,
    pub title: String,
    /// Lines from the square to each side drawn: (x1, y1, x2, y2).
    pub spokes: Vec<(String, String, String, String)>,
}

/// A row of the gatherings' table.
pub struct GatheringRow {
    pub href: String,
    pub title: String,
    pub date: String,
    pub actors: Vec<(String, String)>,
    pub sources: i64,
}

/// The drawing: edges and gatherings under nodes.
pub struct Drawing {
    pub nodes: Vec<Node>,
    pub edges: Vec<Edge>,
    pub gatherings: Vec<GatheringMark>,
}

/// Most gatherings drawn (those with most sources).
const MAX_GATHERINGS: usize = 30;

/// The filter an edge opens: both actors, the same dates and kinds.
fn pair_filter(f: &Filter, a: &str, b: &str) -> Filter {
    Filter {
        actors: vec![a.to_string(), b.to_string()],
        kinds: if f.kinds.is_empty() {
            vec![Kind::Call, Kind::Talks]
        } else {
            f.kinds.clone()
        },
        from: f.from,
        to: f.to,
        q: None,
        status: f.status,
        newest: false,
        tag: None,
        starred: false,
    }
}

fn plural(n: i64) -> &'static str {
    if n == 1 {
        "call or talks"
    } else {
        "calls and talks"
    }
}

fn sources(n: i64) -> &'static str {
    if n == 1 {
        "source"
    } else {
        "sources"
    }
}

/// Lay out the busiest actors on a circle: start from the busiest, then
/// always place next the actor most tied to those already placed (ties by
/// weight, then id). Weight is sources: an actor's over its pairs and
/// gatherings, a pair's over its calls and talks.
pub fn draw(net: &Network, f: &Filter) -> Drawing {
    let mut degree: HashMap<&str, i64> = HashMap::new();
    let mut ties: HashMap<(&str, &str), i64> = HashMap::new();
    for (a, b, _, s) in &net.pairs {
        *degree.entry(a).or_default() += s;
        *degree.entry(b).or_default() += s;
        let k = if a < b {
            (a.as_str(), b.as_str())
        } else {
            (b.as_str(), a.as_str())
        };
        *ties.entry(k).or_default() += s;
    }
    for g in &net.gatherings {
        for (i, a) in g.actors.iter().enumerate() {
            *degree.entry(a).or_default() += g.sources;
            for b in &g.actors[i + 1..] {
                let k = if a < b {
                    (a.as_str(), b.as_str())
                } else {
                    (b.as_str(), a.as_str())
                };
                *ties.entry(k).or_default() += g.sources;
            }
        }
    }
    let mut ranked: Vec<(&str, i64)> = degree.iter().map(|(k, v)| (*k, *v)).collect();
    ranked.sort_by(|x, y| y.1.cmp(&x.1).then_with(|| x.0.cmp(y.0)));
    ranked.truncate(MAX_NODES);
    let kept: Vec<&str> = ranked.iter().map(|(id, _)| *id).collect();
    let weight = |a: &str, b: &str| -> i64 {
        let k = if a < b { (a, b) } else { (b, a) };
        ties.get(&k).copied().unwrap_or(0)
    };
    let mut order: Vec<&str> = Vec::new();
    let mut left = kept.clone();
    while !left.is_empty() {
        let pick = left
            .iter()
            .enumerate()
            .max_by(|(_, x), (_, y)| {
                let tie = |id: &str| order.iter().map(|o| weight(o, id)).sum::<i64>();
                tie(x)
                    .cmp(&tie(y))
                    .then_with(|| degree[**x].cmp(&degree[**y]))
                    .then_with(|| y.cmp(x))
            })
            .map(|(i, _)| i)
            .unwrap_or(0);
        order.push(left.remove(pick));
    }
    let n = order.len().max(1) as f64;
    let centre = SIZE / 2.0;
    let pos: HashMap<&str, (f64, f64, f64)> = order
        .iter()
        .enumerate()
        .map(|(i, id)| {
            let angle = std::f64::consts::TAU * i as f64 / n - std::f64::consts::FRAC_PI_2;
            (
                *id,
                (centre + RADIUS * angle.cos(), centre + RADIUS * angle.sin(), angle),
            )
        })
        .collect();
    let names: HashMap<&str, &ActorRef> = net.actors.iter().map(|a| (a.id.as_str(), a)).collect();
    let name = |id: &str| {
        names
            .get(id)
            .map(|a| a.name.to_string())
            .unwrap_or_else(|| id.to_string())
    };
    let max_edge = net
        .pairs
        .iter()
        .map(|p| p.3)
        .chain(net.gatherings.iter().map(|g| g.sources))
        .max()
        .unwrap_or(1)
        .max(1);
    let max_degree = ranked.first().map(|r| r.1).unwrap_or(1).max(1);
    let edges = net
        .pairs
        .iter()
        .filter_map(|(a, b, count, srcs)| {
            let (&(x1, y1, _), &(x2, y2, _)) = (pos.get(a.as_str())?, pos.get(b.as_str())?);
            Some(Edge {
                x1: format!("{x1:.1}"),
                y1: format!("{y1:.1}"),
                x2: format!("{x2:.1}"),
                y2: format!("{y2:.1}"),
                width: format!("{:.1}", 1.0 + 5.0 * *srcs as f64 / max_edge as f64),
                href: href("/", &to_query(&pair_filter(f, a, b), None)),
                title: format!(
                    "{} – {}: {count} {}, {srcs} {}",
                    name(a),
                    name(b),
                    plural(*count),
                    sources(*srcs)
                ),
            })
        })
        .collect();
    let gatherings = net
        .gatherings
        .iter()
        .filter_map(|g| {
            let at: Vec<(f64, f64)> = g
                .actors
                .iter()
                .filter_map(|a| pos.get(a.as_str()).map(|p| (p.0, p.1)))
                .collect();
            if at.len() < 2 {
                return None;
            }
            // Inside the circle, towards its sides.
            let (mx, my) = (
                at.iter().map(|p| p.0).sum::<f64>() / at.len() as f64,
                at.iter().map(|p| p.1).sum::<f64>() / at.len() as f64,
            );
            let (x, y) = (centre + (mx - centre) * 0.6, centre + (my - centre) * 0.6);
            let size = 6.0 + 6.0 * (g.sources as f64 / max_edge as f64).sqrt();
            let names: Vec<String> = g.actors.iter().map(|a| name(a)).collect();
            Some(GatheringMark {
                x: format!("{:.1}", x - size / 2.0),
                y: format!("{:.1}", y - size / 2.0),
                size: format!("{size:.1}"),
                href: format!("/events/{}", g.id),
                title: format!(
                    "{}{}: {} sides ({}), {} {}",
                    g.title,
                    g.date
                        .map(|d| format!(", {}", super::views::label_of(d.date, d.precision)))
                        .unwrap_or_default(),
                    g.actors.len(),
                    names.join(", "),
                    g.sources,
                    sources(g.sources)
                ),
                spokes: at
                    .iter()
                    .map(|(ax, ay)| {
                        (
                            format!("{x:.1}"),
                            format!("{y:.1}"),
                            format!("{ax:.1}"),
                            format!("{ay:.1}"),
                        )
                    })
                    .collect(),
            })
        })
        .take(MAX_GATHERINGS)
        .collect();
    let nodes = order
        .iter()
        .map(|id| {
            let (x, y, angle) = pos[id];
            let d = degree[id];
            let events = net
                .pairs
                .iter()
                .filter(|p| p.0 == *id || p.1 == *id)
                .map(|p| p.2)
                .sum::<i64>();
            let many = net
                .gatherings
                .iter()
                .filter(|g| g.actors.iter().any(|a| a == id))
                .count() as i64;
            let partners = net.pairs.iter().filter(|p| p.0 == *id || p.1 == *id).count();
            let (lx, ly) = (
                centre + (RADIUS + 14.0) * angle.cos(),
                centre + (RADIUS + 14.0) * angle.sin(),
            );
            Node {
                x: format!("{x:.1}"),
                y: format!("{y:.1}"),
                r: format!("{:.1}", 4.0 + 6.0 * (d as f64 / max_degree as f64).sqrt()),
                href: format!("/actors/{id}"),
                name: name(id),
                title: format!(
                    "{}: {events} {} with {partners} other actors, {many} with three sides or more",
                    name(id),
                    plural(events)
                ),
                label_x: format!("{lx:.1}"),
                label_y: format!("{:.1}", ly + 4.0),
                anchor: if angle.cos() < -0.01 { "end" } else { "start" },
                kind: names.get(id).map(|a| a.kind.to_string()).unwrap_or_default(),
            }
        })
        .collect();
    Drawing {
        nodes,
        edges,
        gatherings,
    }
}

#[derive(Template)]
#[template(path = "network.html")]
struct NetworkPage {
    title: String,
    json_href: Option<String>,
    drawing: Drawing,
    shown: usize,
    pairs: Vec<PairRow>,
    gatherings: Vec<GatheringRow>,
    size: String,
    from: String,
    to: String,
    call: bool,
    talks: bool,
}

async fn load(state: &AppState, raw: Option<&str>) -> Result<(Filter, Network), AppError> {
    let mut f = parse_timeline(raw)?.filter;
    f.actors.clear();
    f.q = None;
    let g = f.clone();
    let net = state.read(move |r| Ok(r.network(&g)?)).await?;
    Ok((f, net))
}

pub(super) async fn page(State(state): State<AppState>, RawQuery(raw): RawQuery) -> Result<Response, HtmlError> {
    let (f, net) = load(&state, raw.as_deref()).await?;
    let drawing = draw(&net, &f);
    let names: HashMap<&str, &str> = net.actors.iter().map(|a| (a.id.as_str(), &*a.name)).collect();
    let pairs = net
        .pairs
        .iter()
        .take(100)
        .map(|(a, b, n, s)| PairRow {
            a: names.get(a.as_str()).unwrap_or(&a.as_str()).to_string(),
            a_href: format!("/actors/{a}"),
            b: names.get(b.as_str()).unwrap_or(&b.as_str()).to_string(),
            b_href: format!("/actors/{b}"),
            events: *n,
            sources: *s,
            href: href("/", &to_query(&pair_filter(&f, a, b), None)),
        })
        .collect();
    let gatherings = net
        .gatherings
        .iter()
        .take(100)
        .map(|g| GatheringRow {
            href: format!("/events/{}", g.id),
            title: g.title.clone(),
            date: g
                .date
                .map(|d| super::views::label_of(d.date, d.precision))
                .unwrap_or_else(|| "undated".into()),
            actors: g
                .actors
                .iter()
                .map(|a| {
                    (
                        names.get(a.as_str()).unwrap_or(&a.as_str()).to_string(),
                        format!("/actors/{a}"),
                    )
                })
                .collect(),
            sources: g.sources,
        })
        .collect();
    let query = to_query(&f, None);
    let page = NetworkPage {
        title: "Who talked to whom".into(),
        json_href: Some(href("/api/network", &query)),
        shown: drawing.nodes.len(),
        drawing,
        pairs,
        gatherings,
        size: format!("{SIZE}"),
        from: f.from.map(|d| d.to_string()).unwrap_or_default(),
        to: f.to.map(|d| d.to_string()).unwrap_or_default(),
        call: f.kinds.contains(&Kind::Call),
        talks: f.kinds.contains(&Kind::Talks),
    };
    Ok(Html(super::pages::render(&page).map_err(AppError::from)?).into_response())
}

pub(super) async fn api(State(state): State<AppState>, RawQuery(raw): RawQuery) -> Result<Response, JsonError> {
    let (_, network) = load(&state, raw.as_deref()).await?;
    Ok(Json(super::api::Network::from(&network)).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn actor(id: &str) -> ActorRef {
        ActorRef {
            id: id.into(),
            name: id.to_uppercase().into(),
            kind: crate::model::ActorKind::Person,
        }
    }

    fn net() -> Network {
        Network {
            actors: ["a", "b", "c", "d"].iter().map(|x| actor(x)).collect(),
            pairs: vec![
                ("a".into(), "b".into(), 3, 3),
                ("c".into(), "d".into(), 2, 2),
                ("a".into(), "c".into(), 1, 1),
            ],
            gatherings: Vec::new(),
        }
    }

    #[test]
    fn the_layout_is_the_same_every_time() {
        let (x, y) = (draw(&net(), &Filter::default()), draw(&net(), &Filter::default()));
        let names = |d: &Drawing| {
            d.nodes
                .iter()
                .map(|n| (n.name.clone(), n.x.clone(), n.y.clone()))
                .collect::<Vec<_>>()
        };
        assert_eq!(names(&x), names(&y));
    }

    #[test]
    fn partners_sit_next_to_each_other() {
        let d = draw(&net(), &Filter::default());
        let order: Vec<&str> = d.nodes.iter().map(|n| n.name.as_str()).collect();
        assert_eq!(order, ["A", "B", "C", "D"]);
    }

    #[test]
    fn edges_link_to_the_two_actors_calls_and_talks() {
        let d = draw(&net(), &Filter::default());
        assert_eq!(d.edges[0].href, "/?actor=a&actor=b&kind=call&kind=talks");
        assert_eq!(d.edges[0].title, "A – B: 3 calls and talks, 3 sources");
        assert_eq!(d.edges[0].width, "6.0");
    }

    #[test]
    fn a_gathering_is_one_mark_joined_to_each_side() {
        let mut n = net();
        n.actors.push(actor("e"));
        n.gatherings.push(crate::store::Gathering {
            id: "2025-01-01-call-b-d-e".into(),
            title: "B – D – E phone call".into(),
            date: None,
            actors: vec!["b".into(), "d".into(), "e".into()],
            sources: 4,
        });
        let d = draw(&n, &Filter::default());
        // No line between B, D and E: one mark with three spokes.
        assert_eq!(d.edges.len(), 3);
        assert_eq!(d.gatherings.len(), 1);
        let g = &d.gatherings[0];
        assert_eq!(g.spokes.len(), 3);
        assert_eq!(g.href, "/events/2025-01-01-call-b-d-e");
        assert_eq!(g.title, "B – D – E phone call: 3 sides (B, D, E), 4 sources");
        // Weight from sources: the gathering's 4 make the widest edge
        // (3 sources) narrower than the full 6.
        assert_eq!(d.edges[0].width, "4.8");
        assert!(d.nodes.iter().any(|n| n.name == "E"));
    }
}
