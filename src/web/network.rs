//! Who talked to whom: actors as nodes, calls and talks as edges weighted
//! by how many there were, under the timeline's date and kind filters,
//! drawn as SVG on the server. The layout is a circle in an order that
//! keeps each actor next to those it deals with most: deterministic, so the
//! same data always gives the same picture.

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
    pub href: String,
}

/// The drawing: edges under nodes.
pub struct Drawing {
    pub nodes: Vec<Node>,
    pub edges: Vec<Edge>,
}

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
    }
}

fn plural(n: i64) -> &'static str {
    if n == 1 {
        "call or talks"
    } else {
        "calls and talks"
    }
}

/// Lay out the busiest actors on a circle: start from the busiest, then
/// always place next the actor most tied to those already placed (ties by
/// weighted degree, then id).
pub fn draw(net: &Network, f: &Filter) -> Drawing {
    let mut degree: HashMap<&str, i64> = HashMap::new();
    for (a, b, n) in &net.pairs {
        *degree.entry(a).or_default() += n;
        *degree.entry(b).or_default() += n;
    }
    let mut ranked: Vec<(&str, i64)> = degree.iter().map(|(k, v)| (*k, *v)).collect();
    ranked.sort_by(|x, y| y.1.cmp(&x.1).then_with(|| x.0.cmp(y.0)));
    ranked.truncate(MAX_NODES);
    let kept: Vec<&str> = ranked.iter().map(|(id, _)| *id).collect();
    let weight = |a: &str, b: &str| -> i64 {
        net.pairs
            .iter()
            .find(|(x, y, _)| (x == a && y == b) || (x == b && y == a))
            .map(|p| p.2)
            .unwrap_or(0)
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
    let max_edge = net.pairs.first().map(|p| p.2).unwrap_or(1).max(1);
    let max_degree = ranked.first().map(|r| r.1).unwrap_or(1).max(1);
    let edges = net
        .pairs
        .iter()
        .filter_map(|(a, b, count)| {
            let (&(x1, y1, _), &(x2, y2, _)) = (pos.get(a.as_str())?, pos.get(b.as_str())?);
            Some(Edge {
                x1: format!("{x1:.1}"),
                y1: format!("{y1:.1}"),
                x2: format!("{x2:.1}"),
                y2: format!("{y2:.1}"),
                width: format!("{:.1}", 1.0 + 5.0 * *count as f64 / max_edge as f64),
                href: href("/", &to_query(&pair_filter(f, a, b), None)),
                title: format!("{} – {}: {count} {}", name(a), name(b), plural(*count)),
            })
        })
        .collect();
    let nodes = order
        .iter()
        .map(|id| {
            let (x, y, angle) = pos[id];
            let d = degree[id];
            let partners = net.pairs.iter().filter(|(a, b, _)| a == id || b == id).count();
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
                title: format!("{}: {d} {} with {partners} other actors", name(id), plural(d)),
                label_x: format!("{lx:.1}"),
                label_y: format!("{:.1}", ly + 4.0),
                anchor: if angle.cos() < -0.01 { "end" } else { "start" },
                kind: names.get(id).map(|a| a.kind.to_string()).unwrap_or_default(),
            }
        })
        .collect();
    Drawing { nodes, edges }
}

#[derive(Template)]
#[template(path = "network.html")]
struct NetworkPage {
    title: String,
    json_href: Option<String>,
    drawing: Drawing,
    shown: usize,
    pairs: Vec<PairRow>,
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
        .map(|(a, b, n)| PairRow {
            a: names.get(a.as_str()).unwrap_or(&a.as_str()).to_string(),
            a_href: format!("/actors/{a}"),
            b: names.get(b.as_str()).unwrap_or(&b.as_str()).to_string(),
            b_href: format!("/actors/{b}"),
            events: *n,
            href: href("/", &to_query(&pair_filter(&f, a, b), None)),
        })
        .collect();
    let query = to_query(&f, None);
    let page = NetworkPage {
        title: "Who talked to whom".into(),
        json_href: Some(href("/api/network", &query)),
        shown: drawing.nodes.len(),
        drawing,
        pairs,
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
                ("a".into(), "b".into(), 3),
                ("c".into(), "d".into(), 2),
                ("a".into(), "c".into(), 1),
            ],
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
        assert_eq!(d.edges[0].title, "A – B: 3 calls and talks");
        assert_eq!(d.edges[0].width, "6.0");
    }
}
