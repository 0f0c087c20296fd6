//! The SVG export: the parts map as a calm, printable picture, to hand to someone.
//!
//! Self sits in the centre; each part is a node whose shape, glyph and word say its role;
//! relations are lines whose style and label say their kind (never colour alone). By
//! default the picture holds only the shareable structure: names, roles, feelings, needs,
//! body locations and the kinds of relation. With `include_private` it also carries every
//! free-text field of each part and the relations' notes.
//!
//! The layout is the map's own (`geometry::positions`), scaled into SVG units; the scale
//! grows only as far as it must for no two nodes (with their text) to overlap.

use std::collections::BTreeMap;
use std::fmt::Write;

use unicode_width::UnicodeWidthChar;

use crate::geometry;
use crate::model::{Map, Part, PartId, Relation, RelationKind, Role, TextField};

/// SVG units per grid unit across, at the least.
const SCALE_X: f64 = 22.0;
/// SVG units per grid unit down, at the least (rows are about twice as tall).
const SCALE_Y: f64 = 44.0;
/// Half the size of a node's shape.
const R: f64 = 20.0;
/// The radius of Self's circle.
const SELF_R: f64 = 30.0;
/// The space kept between any two nodes' boxes.
const GAP: f64 = 14.0;
/// The space kept between two related nodes' boxes, for the line and its label.
const GAP_RELATED: f64 = 56.0;
/// The space around the picture.
const MARGIN: f64 = 36.0;
/// How long an arrowhead is.
const ARROW: f64 = 11.0;

const NAME_SIZE: f64 = 14.0;
const SMALL_SIZE: f64 = 11.0;
const NAME_LINE: f64 = 18.0;
const SMALL_LINE: f64 = 14.5;
/// The widest a line of small text may grow before it wraps.
const WRAP_SMALL: f64 = 210.0;
/// The widest a line of a private text field may grow before it wraps.
const WRAP_TEXT: f64 = 240.0;
/// The widest a name may grow before it wraps.
const WRAP_NAME: f64 = 220.0;
const CARD_PAD: f64 = 7.0;

const STYLE: &str = r#"
    text { font-family: "Inter", "Segoe UI", "Helvetica Neue", Helvetica, Arial, "Noto Sans", "DejaVu Sans", sans-serif; fill: #2f3437; }
    .title { font-size: 22px; font-weight: 600; }
    .subtitle { font-size: 12px; fill: #6b7075; }
    .name { font-size: 14px; font-weight: 600; }
    .role { font-size: 11px; fill: #6b7075; letter-spacing: 0.02em; }
    .detail { font-size: 11px; }
    .key { fill: #6b7075; }
    .private { font-size: 11px; fill: #3c4247; }
    .self { font-size: 15px; font-weight: 600; fill: #6d5514; }
    .empty { font-size: 14px; fill: #4d5358; }
    .empty-more { font-size: 12px; fill: #6b7075; }
    .rel { font-size: 11px; fill: #4d5358; font-style: italic; }
    .rel-note { font-size: 10.5px; fill: #4d5358; }
    .legend { font-size: 11px; }
    .legend-head { font-size: 11px; font-weight: 600; fill: #6b7075; }
    .footer { font-size: 10px; fill: #8a8f94; }
    .card { fill: #ffffff; fill-opacity: 0.92; stroke: #e6e2da; stroke-width: 1; }
    .legend-box { fill: #ffffff; stroke: #e6e2da; stroke-width: 1; }
    .manager { fill: #dfe9f3; stroke: #4b6f93; stroke-width: 1.6; }
    .firefighter { fill: #f7e3d6; stroke: #a4623e; stroke-width: 1.6; }
    .exile { fill: #f0e3ee; stroke: #86577c; stroke-width: 1.6; }
    .unsure { fill: #efefeb; stroke: #74787c; stroke-width: 1.6; stroke-dasharray: 4 3; }
    .unsure-mark { font-weight: 600; fill: #55595d; }
    .sun { fill: #fbf1cf; stroke: #d3b04a; stroke-width: 1.6; }
    .ray { stroke: #e2c665; stroke-width: 2; stroke-linecap: round; }
    .line { fill: none; stroke: #5b6168; }
    .protects { stroke-width: 1.8; }
    .polarized { stroke-width: 6; }
    .polarized-gap { fill: none; stroke: #fcfbf8; stroke-width: 2; }
    .allied { stroke-width: 2.2; stroke-dasharray: 0.1 6; stroke-linecap: round; }
    .unsure-rel { stroke: #a3a8ad; stroke-width: 1.5; stroke-dasharray: 7 6; }
    .tip { fill: #5b6168; }
"#;

/// The map as a standalone SVG 1.1 document.
pub fn svg(map: &Map, include_private: bool) -> String {
    let title = if map.title.trim().is_empty() {
        "Parts map".to_string()
    } else {
        one_line(map.title.trim())
    };
    let grid = geometry::positions(map);
    let nodes: Vec<Node> = map
        .parts
        .iter()
        .filter_map(|p| {
            let pos = grid.get(&p.id)?;
            Some(Node::new(
                p,
                (f64::from(pos.x), f64::from(pos.y)),
                include_private,
            ))
        })
        .collect();
    let related: Vec<(PartId, PartId)> = map.relations.iter().map(|r| (r.from, r.to)).collect();
    let centres = place(&nodes, &related);
    let mut boxes: Vec<Rect> = nodes.iter().map(|n| n.rect(centres[&n.part.id])).collect();
    boxes.push(self_rect());

    let lines = relation_lines(map, &nodes, &centres, include_private, &boxes);

    // The extent of everything drawn on the map, then the page around it.
    let mut extent = self_rect();
    for b in boxes
        .iter()
        .chain(lines.iter().filter_map(|l| l.label.as_ref()))
    {
        extent = extent.union(b);
    }
    if nodes.is_empty() {
        let w = text_width(EMPTY, 14.0, false).max(text_width(EMPTY_MORE, 12.0, false));
        extent = extent.union(&Rect {
            x0: -w / 2.0,
            y0: SELF_R + 12.0,
            x1: w / 2.0,
            y1: SELF_R + 60.0,
        });
    }
    let header = 64.0;
    let legend = if nodes.is_empty() {
        None
    } else {
        Some(Legend::new())
    };
    let legend_h = legend.as_ref().map_or(0.0, |l| l.h + 24.0);
    let footer = 30.0;
    let title_w = text_width(&title, 22.0, true);
    let inner_w = (extent.x1 - extent.x0)
        .max(legend.as_ref().map_or(0.0, |l| l.w))
        .max(title_w)
        .max(360.0);
    let width = (inner_w + 2.0 * MARGIN).ceil();
    let height = (header + (extent.y1 - extent.y0) + legend_h + footer + 2.0 * MARGIN).ceil();
    // Centre the map across the page, below the header.
    let ox = MARGIN + (inner_w - (extent.x1 - extent.x0)) / 2.0 - extent.x0;
    let oy = MARGIN + header - extent.y0;

    let mut out = String::new();
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n");
    let _ = writeln!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"{}\" height=\"{}\" viewBox=\"0 0 {} {}\">",
        n(width),
        n(height),
        n(width),
        n(height)
    );
    let _ = writeln!(out, "<title>{}</title>", esc(&title));
    let _ = writeln!(
        out,
        "<desc>A parts map: Self in the centre; each part drawn by the shape of its role; lines show how parts stand toward each other.</desc>"
    );
    let _ = writeln!(out, "<style type=\"text/css\"><![CDATA[{STYLE}]]></style>");
    defs(&mut out);
    let _ = writeln!(
        out,
        "<rect x=\"0\" y=\"0\" width=\"{}\" height=\"{}\" fill=\"#fcfbf8\"/>",
        n(width),
        n(height)
    );
    let _ = writeln!(
        out,
        "<text class=\"title\" x=\"{}\" y=\"{}\">{}</text>",
        n(MARGIN),
        n(MARGIN + 22.0),
        esc(&title)
    );
    let _ = writeln!(
        out,
        "<text class=\"subtitle\" x=\"{}\" y=\"{}\">{}</text>",
        n(MARGIN),
        n(MARGIN + 42.0),
        esc(&subtitle(map, include_private))
    );

    let _ = writeln!(
        out,
        "<g id=\"map\" transform=\"translate({} {})\">",
        n(ox),
        n(oy)
    );
    draw_self(&mut out);
    if nodes.is_empty() {
        let _ = writeln!(
            out,
            "<text class=\"empty\" x=\"0\" y=\"{}\" text-anchor=\"middle\">{EMPTY}</text>\n<text class=\"empty-more\" x=\"0\" y=\"{}\" text-anchor=\"middle\">{EMPTY_MORE}</text>",
            n(SELF_R + 32.0),
            n(SELF_R + 52.0)
        );
    }
    out.push_str("<g id=\"relations\">\n");
    for line in &lines {
        line.draw_line(&mut out);
    }
    out.push_str("</g>\n<g id=\"parts\">\n");
    for node in &nodes {
        node.draw(&mut out, centres[&node.part.id]);
    }
    out.push_str("</g>\n<g id=\"relation-labels\">\n");
    for line in &lines {
        line.draw_label(&mut out);
    }
    out.push_str("</g>\n</g>\n");

    if let Some(legend) = legend {
        let top = oy + extent.y1 + 24.0;
        legend.draw(&mut out, MARGIN, top);
    }
    let _ = writeln!(
        out,
        "<text class=\"footer\" x=\"{}\" y=\"{}\" text-anchor=\"end\">made with tend</text>",
        n(width - MARGIN),
        n(height - MARGIN + 8.0)
    );
    out.push_str("</svg>\n");
    out
}

const EMPTY: &str = "No parts yet.";
const EMPTY_MORE: &str = "A part can be a voice, a mood, a habit, a memory that still feels young.";

fn subtitle(map: &Map, include_private: bool) -> String {
    let parts = match map.parts.len() {
        0 => return "Self at the centre".to_string(),
        1 => "1 part".to_string(),
        k => format!("{k} parts"),
    };
    if include_private {
        format!("{parts} · with private notes: keep this copy somewhere safe")
    } else {
        format!("{parts} · Self at the centre")
    }
}

/// An axis-aligned box in map units.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Rect {
    x0: f64,
    y0: f64,
    x1: f64,
    y1: f64,
}

impl Rect {
    fn around(cx: f64, cy: f64, w: f64, h: f64) -> Rect {
        Rect {
            x0: cx - w / 2.0,
            y0: cy - h / 2.0,
            x1: cx + w / 2.0,
            y1: cy + h / 2.0,
        }
    }

    fn union(&self, o: &Rect) -> Rect {
        Rect {
            x0: self.x0.min(o.x0),
            y0: self.y0.min(o.y0),
            x1: self.x1.max(o.x1),
            y1: self.y1.max(o.y1),
        }
    }

    /// The area two boxes share, counting `gap` around each as theirs.
    fn overlap(&self, o: &Rect, gap: f64) -> f64 {
        let w = (self.x1 + gap).min(o.x1 + gap) - (self.x0 - gap).max(o.x0 - gap);
        let h = (self.y1 + gap).min(o.y1 + gap) - (self.y0 - gap).max(o.y0 - gap);
        if w > 0.0 && h > 0.0 { w * h } else { 0.0 }
    }
}

fn self_rect() -> Rect {
    let r = SELF_R + 12.0;
    Rect::around(0.0, 0.0, 2.0 * r, 2.0 * r)
}

/// What one line of a node's text is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Name,
    Role,
    Detail,
    Private,
}

/// One line of text under a node: an optional key ("feels:") styled apart, then words.
#[derive(Clone, Debug)]
struct TextLine {
    kind: Kind,
    key: Option<String>,
    text: String,
    /// Continuation lines are indented a little.
    indent: bool,
}

impl TextLine {
    fn size(&self) -> f64 {
        match self.kind {
            Kind::Name => NAME_SIZE,
            _ => SMALL_SIZE,
        }
    }

    fn height(&self) -> f64 {
        match self.kind {
            Kind::Name => NAME_LINE,
            _ => SMALL_LINE,
        }
    }

    fn width(&self) -> f64 {
        let bold = self.kind == Kind::Name;
        let key = self.key.as_ref().map_or(String::new(), |k| format!("{k} "));
        let indent = if self.indent { 10.0 } else { 0.0 };
        indent + text_width(&format!("{key}{}", self.text), self.size(), bold)
    }
}

/// A part, where it sits on the grid, and the text drawn under it.
struct Node<'a> {
    part: &'a Part,
    grid: (f64, f64),
    lines: Vec<TextLine>,
    card_w: f64,
    card_h: f64,
}

impl<'a> Node<'a> {
    fn new(part: &'a Part, grid: (f64, f64), include_private: bool) -> Node<'a> {
        let mut lines = Vec::new();
        let name = one_line(&part.name);
        let name = if name.trim().is_empty() {
            "(no name yet)".to_string()
        } else {
            name
        };
        let glyph = part.role.glyph();
        for (i, piece) in wrap(&format!("{glyph} {name}"), NAME_SIZE, true, WRAP_NAME)
            .into_iter()
            .enumerate()
        {
            lines.push(TextLine {
                kind: Kind::Name,
                key: None,
                text: piece,
                indent: i > 0,
            });
        }
        lines.push(TextLine {
            kind: Kind::Role,
            key: None,
            text: part.role.word().to_string(),
            indent: false,
        });
        if !part.feelings.is_empty() {
            let words: Vec<String> = part
                .feelings
                .iter()
                .map(|f| format!("{} {}", one_line(&f.word), f.intensity))
                .collect();
            detail(
                &mut lines,
                "feels:",
                words.join(", "),
                Kind::Detail,
                WRAP_SMALL,
            );
        }
        let needs = |met: bool| -> Vec<String> {
            part.needs
                .iter()
                .filter(|x| x.met == met)
                .map(|x| one_line(&x.word))
                .collect()
        };
        let (unmet, met) = (needs(false), needs(true));
        if !unmet.is_empty() {
            detail(
                &mut lines,
                "needs:",
                unmet.join(", "),
                Kind::Detail,
                WRAP_SMALL,
            );
        }
        if !met.is_empty() {
            detail(
                &mut lines,
                "needs met:",
                met.join(", "),
                Kind::Detail,
                WRAP_SMALL,
            );
        }
        for (i, spot) in part.body.iter().enumerate() {
            let mut words = format!("{} · {}", spot.region.word(), spot.side.word());
            let sensation = one_line(&spot.sensation);
            if !sensation.trim().is_empty() {
                let _ = write!(words, " · {}", sensation.trim());
            }
            let key = if i == 0 { "body:" } else { "" };
            detail(&mut lines, key, words, Kind::Detail, WRAP_SMALL);
        }
        if include_private {
            let fields = [
                TextField::FeltAge,
                TextField::Appearance,
                TextField::Job,
                TextField::PositiveIntent,
                TextField::Fears,
                TextField::Burdens,
                TextField::Triggers,
                TextField::Notes,
            ];
            for field in fields {
                let private = if part.is_private(field) {
                    " (private)"
                } else {
                    ""
                };
                let key = format!("{}{private}:", field.label());
                if field == TextField::Burdens {
                    for burden in &part.burdens {
                        let origin = burden.origin.word();
                        let text = if origin.is_empty() {
                            one_line(&burden.text)
                        } else {
                            format!("{} ({origin})", one_line(&burden.text))
                        };
                        if !text.trim().is_empty() {
                            detail(&mut lines, &key, text, Kind::Private, WRAP_TEXT);
                        }
                    }
                    continue;
                }
                let text = part.text(field);
                if text.trim().is_empty() {
                    continue;
                }
                detail(
                    &mut lines,
                    &key,
                    one_line(text.trim()),
                    Kind::Private,
                    WRAP_TEXT,
                );
            }
        }
        let card_w = lines.iter().map(TextLine::width).fold(0.0, f64::max) + 2.0 * CARD_PAD;
        let card_h = lines.iter().map(TextLine::height).sum::<f64>() + 2.0 * CARD_PAD - 3.0;
        Node {
            part,
            grid,
            lines,
            card_w,
            card_h,
        }
    }

    /// The top of the card, below the shape.
    fn card_top(&self) -> f64 {
        R + 6.0
    }

    /// The box the node takes (shape and text), centred on `c`.
    fn rect(&self, c: (f64, f64)) -> Rect {
        let half = (self.card_w / 2.0).max(R + 2.0);
        Rect {
            x0: c.0 - half,
            y0: c.1 - R - 4.0,
            x1: c.0 + half,
            y1: c.1 + self.card_top() + self.card_h,
        }
    }

    /// The card's box, for the node centred on `c`.
    fn card(&self, c: (f64, f64)) -> Rect {
        Rect {
            x0: c.0 - self.card_w / 2.0,
            y0: c.1 + self.card_top(),
            x1: c.0 + self.card_w / 2.0,
            y1: c.1 + self.card_top() + self.card_h,
        }
    }

    /// Whether `p` is on the node centred on `c` (its shape or its card, and a little
    /// around them).
    fn covers(&self, c: Pt, p: Pt) -> bool {
        let card = self.card(c);
        dist(c, p) < R + 4.0
            || (p.0 > card.x0 - 3.0
                && p.0 < card.x1 + 3.0
                && p.1 > card.y0 - 3.0
                && p.1 < card.y1 + 3.0)
    }

    fn draw(&self, out: &mut String, c: (f64, f64)) {
        let role = self.part.role.word();
        let _ = writeln!(
            out,
            "<g id=\"part-{}\" class=\"part\" transform=\"translate({} {})\">",
            self.part.id.0,
            n(c.0),
            n(c.1)
        );
        let _ = writeln!(
            out,
            "<title>{} ({role})</title>",
            esc(&one_line(&self.part.name))
        );
        out.push_str(&shape(self.part.role, 0.0, 0.0, R));
        out.push('\n');
        let top = self.card_top();
        let _ = writeln!(
            out,
            "<rect class=\"card\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"7\"/>",
            n(-self.card_w / 2.0),
            n(top),
            n(self.card_w),
            n(self.card_h)
        );
        let left = -self.card_w / 2.0 + CARD_PAD;
        let mut y = top + CARD_PAD - 3.0;
        for line in &self.lines {
            y += line.height();
            let baseline = y - (line.height() - line.size()) / 2.0 - 1.0;
            let (class, anchor, x) = match line.kind {
                Kind::Name => ("name", "middle", 0.0),
                Kind::Role => ("role", "middle", 0.0),
                Kind::Detail => ("detail", "start", left),
                Kind::Private => ("private", "start", left),
            };
            let x = if line.indent && anchor == "start" {
                x + 10.0
            } else {
                x
            };
            let _ = write!(
                out,
                "<text class=\"{class}\" x=\"{}\" y=\"{}\" text-anchor=\"{anchor}\">",
                n(x),
                n(baseline)
            );
            if line.kind == Kind::Name && !line.indent {
                // The glyph and the name apart, so the name reads back exactly.
                let glyph = self.part.role.glyph();
                let name = line
                    .text
                    .strip_prefix(&format!("{glyph} "))
                    .unwrap_or(&line.text);
                let _ = write!(out, "<tspan>{}</tspan> <tspan>{}</tspan>", glyph, esc(name));
            } else {
                if let Some(key) = &line.key {
                    let _ = write!(out, "<tspan class=\"key\">{}</tspan> ", esc(key));
                }
                out.push_str(&esc(&line.text));
            }
            out.push_str("</text>\n");
        }
        out.push_str("</g>\n");
    }
}

/// Adds `key` and `text` as lines of small text, wrapped; continuation lines are
/// indented, and so is every line without a key.
fn detail(lines: &mut Vec<TextLine>, key: &str, text: String, kind: Kind, max: f64) {
    let full = if key.is_empty() {
        text
    } else {
        format!("{key} {text}")
    };
    let bare = key.is_empty();
    let max = if bare { max - 10.0 } else { max };
    for (i, piece) in wrap(&full, SMALL_SIZE, false, max).into_iter().enumerate() {
        let (key, text) = match piece.strip_prefix(&format!("{key} ")) {
            Some(rest) if i == 0 && !bare => (Some(key.to_string()), rest.to_string()),
            _ => (None, piece),
        };
        lines.push(TextLine {
            kind,
            key,
            text,
            indent: i > 0 || bare,
        });
    }
}

/// The shape of a role, centred on (x, y), about `r` in radius.
fn shape(role: Role, x: f64, y: f64, r: f64) -> String {
    let class = role.word();
    match role {
        Role::Manager => {
            let (top, base, half) = (y - r * 1.05, y + r * 0.8, r * 1.05);
            format!(
                "<polygon class=\"{class}\" points=\"{},{} {},{} {},{}\" stroke-linejoin=\"round\"/>",
                n(x),
                n(top),
                n(x + half),
                n(base),
                n(x - half),
                n(base)
            )
        }
        Role::Firefighter => {
            let d = r * 1.05;
            format!(
                "<polygon class=\"{class}\" points=\"{},{} {},{} {},{} {},{}\" stroke-linejoin=\"round\"/>",
                n(x),
                n(y - d),
                n(x + d),
                n(y),
                n(x),
                n(y + d),
                n(x - d),
                n(y)
            )
        }
        Role::Exile => format!(
            "<circle class=\"{class}\" cx=\"{}\" cy=\"{}\" r=\"{}\"/>",
            n(x),
            n(y),
            n(r * 0.85)
        ),
        Role::Unsure => {
            let s = r * 0.8;
            format!(
                "<rect class=\"{class}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"{}\"/><text class=\"unsure-mark\" x=\"{}\" y=\"{}\" text-anchor=\"middle\" font-size=\"{}\">?</text>",
                n(x - s),
                n(y - s),
                n(2.0 * s),
                n(2.0 * s),
                n(s * 0.35),
                n(x),
                n(y + s * 0.45),
                n(s * 1.2)
            )
        }
    }
}

fn draw_self(out: &mut String) {
    out.push_str("<g id=\"self\">\n<title>Self: the calm, curious centre</title>\n");
    for i in 0..12 {
        let a = f64::from(i) * std::f64::consts::PI / 6.0;
        let (c, s) = (a.cos(), a.sin());
        let _ = writeln!(
            out,
            "<line class=\"ray\" x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\"/>",
            n(c * (SELF_R + 4.0)),
            n(s * (SELF_R + 4.0)),
            n(c * (SELF_R + 10.0)),
            n(s * (SELF_R + 10.0))
        );
    }
    let _ = writeln!(
        out,
        "<circle class=\"sun\" cx=\"0\" cy=\"0\" r=\"{}\"/>",
        n(SELF_R)
    );
    out.push_str("<text class=\"self\" x=\"0\" y=\"5\" text-anchor=\"middle\">Self</text>\n</g>\n");
}

fn defs(out: &mut String) {
    // SVG 1.1 has no auto-start-reverse, so the two ends have a marker each. The marker's
    // base sits on the end of the line and its tip reaches ARROW further on.
    let _ = writeln!(
        out,
        "<defs>\n<marker id=\"tip-end\" viewBox=\"0 0 {a} 10\" refX=\"0\" refY=\"5\" markerUnits=\"userSpaceOnUse\" markerWidth=\"{a}\" markerHeight=\"10\" orient=\"auto\"><path class=\"tip\" d=\"M0,0 L{a},5 L0,10 z\"/></marker>\n<marker id=\"tip-start\" viewBox=\"0 0 {a} 10\" refX=\"{a}\" refY=\"5\" markerUnits=\"userSpaceOnUse\" markerWidth=\"{a}\" markerHeight=\"10\" orient=\"auto\"><path class=\"tip\" d=\"M{a},0 L0,5 L{a},10 z\"/></marker>\n</defs>",
        a = n(ARROW)
    );
}

/// A point in map units.
type Pt = (f64, f64);

/// A relation as drawn: the path of its line (none when its two parts sit on top of each
/// other), its words and its label's box.
struct Line {
    kind: RelationKind,
    path: Option<String>,
    words: String,
    note: Vec<String>,
    label: Option<Rect>,
    names: String,
}

/// A point on the quadratic Bézier curve p0, p1, p2.
fn bezier(p: [Pt; 3], t: f64) -> Pt {
    let u = 1.0 - t;
    (
        u * u * p[0].0 + 2.0 * u * t * p[1].0 + t * t * p[2].0,
        u * u * p[0].1 + 2.0 * u * t * p[1].1 + t * t * p[2].1,
    )
}

/// The piece of the curve from `ta` to `tb`, as a curve of its own.
fn piece(p: [Pt; 3], ta: f64, tb: f64) -> [Pt; 3] {
    let mix = |i: usize| {
        let (a, b) = ((1.0 - ta) * (1.0 - tb), (1.0 - ta) * tb + ta * (1.0 - tb));
        let c = ta * tb;
        let f = |k: fn(Pt) -> f64| a * k(p[0]) + b * k(p[1]) + c * k(p[2]);
        match i {
            0 => f(|q| q.0),
            _ => f(|q| q.1),
        }
    };
    [bezier(p, ta), (mix(0), mix(1)), bezier(p, tb)]
}

fn dist(a: Pt, b: Pt) -> f64 {
    (a.0 - b.0).hypot(a.1 - b.1)
}

/// The `t` in `lo..hi` where `inside` turns from true (at `lo`) to false (at `hi`).
fn boundary(inside: impl Fn(f64) -> bool, mut lo: f64, mut hi: f64) -> f64 {
    for _ in 0..24 {
        let mid = (lo + hi) / 2.0;
        if inside(mid) {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    hi
}

/// How many samples a curve is checked at.
const SAMPLES: usize = 96;

/// A line's curve, trimmed to run between the edges of its two nodes.
struct Route {
    curve: [Pt; 3],
    /// Where it leaves the first node and reaches the second, as `t` on `curve`.
    ta: f64,
    tb: f64,
}

fn relation_lines(
    map: &Map,
    nodes: &[Node],
    centres: &BTreeMap<PartId, Pt>,
    include_private: bool,
    boxes: &[Rect],
) -> Vec<Line> {
    let by_id: BTreeMap<PartId, &Node> = nodes.iter().map(|n| (n.part.id, n)).collect();
    let mut placed: Vec<Rect> = Vec::new();
    let mut drawn: Vec<Pt> = Vec::new();
    let mut out = Vec::new();
    for r in &map.relations {
        let (Some(a), Some(b)) = (by_id.get(&r.from), by_id.get(&r.to)) else {
            continue;
        };
        if r.from == r.to {
            continue;
        }
        let (ca, cb) = (centres[&r.from], centres[&r.to]);
        let route = route(r, a, ca, b, cb, nodes, centres, &drawn);
        let words = match r.kind {
            RelationKind::Protects => "protects",
            RelationKind::Polarized => "polarized",
            RelationKind::Allied => "allied",
            RelationKind::Unsure => "?",
        }
        .to_string();
        let note = if include_private && !r.note.trim().is_empty() {
            wrap(&one_line(r.note.trim()), 10.5, false, 170.0)
        } else {
            Vec::new()
        };
        let w = note
            .iter()
            .map(|l| text_width(l, 10.5, false))
            .fold(text_width(&words, 11.0, false), f64::max)
            + 12.0;
        let h = 17.0 + 13.5 * note.len() as f64;
        let (path, label) = match route {
            Some(route) => {
                let along = |t: f64| bezier(route.curve, route.ta + (route.tb - route.ta) * t);
                for i in 0..=SAMPLES {
                    drawn.push(along(i as f64 / SAMPLES as f64));
                }
                // Labels keep clear of the arrowheads too.
                let (start, end) = arrows(r.kind);
                let tips: Vec<Rect> = [(start, route.ta), (end, route.tb)]
                    .into_iter()
                    .filter(|(has, _)| *has)
                    .map(|(_, t)| {
                        let p = bezier(route.curve, t);
                        Rect::around(p.0, p.1, 2.0 * ARROW, 2.0 * ARROW)
                    })
                    .collect();
                let len = dist(ca, cb);
                let normal = (-(cb.1 - ca.1) / len, (cb.0 - ca.0) / len);
                let label = place_label(along, normal, w, h, &[boxes, &placed, &tips]);
                (Some(trimmed_path(&route, r.kind)), label)
            }
            None => {
                let mid = ((ca.0 + cb.0) / 2.0, (ca.1 + cb.1) / 2.0);
                (
                    None,
                    place_label(|_| mid, (0.0, 1.0), w, h, &[boxes, &placed]),
                )
            }
        };
        placed.push(label);
        out.push(Line {
            kind: r.kind,
            path,
            words,
            note,
            label: Some(label),
            names: names(map, r),
        });
    }
    out
}

/// The curve of a relation's line: straight if it can be, else bent to one side just far
/// enough to pass clear of Self, other parts and lines already drawn.
#[allow(clippy::too_many_arguments)]
fn route(
    r: &Relation,
    a: &Node,
    ca: Pt,
    b: &Node,
    cb: Pt,
    nodes: &[Node],
    centres: &BTreeMap<PartId, Pt>,
    drawn: &[Pt],
) -> Option<Route> {
    let len = dist(ca, cb);
    if len < 1.0 {
        return None;
    }
    let normal = (-(cb.1 - ca.1) / len, (cb.0 - ca.0) / len);
    let mid = ((ca.0 + cb.0) / 2.0, (ca.1 + cb.1) / 2.0);
    let others: Vec<Rect> = nodes
        .iter()
        .filter(|n| n.part.id != r.from && n.part.id != r.to)
        .map(|n| {
            let b = n.rect(centres[&n.part.id]);
            Rect {
                x0: b.x0 - 6.0,
                y0: b.y0 - 6.0,
                x1: b.x1 + 6.0,
                y1: b.y1 + 6.0,
            }
        })
        .collect();
    let mut best: Option<(f64, Route)> = None;
    for bulge in [
        0.0, 28.0, -28.0, 56.0, -56.0, 90.0, -90.0, 130.0, -130.0, 180.0, -180.0, 240.0, -240.0,
    ] {
        // A quadratic curve passes half way to its control point.
        let control = (
            mid.0 + normal.0 * 2.0 * bulge,
            mid.1 + normal.1 * 2.0 * bulge,
        );
        let curve = [ca, control, cb];
        let in_a = |t: f64| a.covers(ca, bezier(curve, t));
        let in_b = |t: f64| b.covers(cb, bezier(curve, t));
        let steps: Vec<f64> = (0..=SAMPLES).map(|i| i as f64 / SAMPLES as f64).collect();
        // The line leaves `a` after the last point on it (the shape and the card may both
        // lie on the way) and reaches `b` at the first point on it after that.
        let Some(first_b) = steps.iter().position(|t| in_b(*t)) else {
            continue;
        };
        let Some(last_a) = steps[..first_b].iter().rposition(|t| in_a(*t)) else {
            continue;
        };
        if last_a + 1 >= first_b {
            continue;
        }
        let ta = boundary(in_a, steps[last_a], steps[last_a + 1]);
        let tb = 1.0
            - boundary(
                |t| in_b(1.0 - t),
                1.0 - steps[first_b],
                1.0 - steps[first_b - 1],
            );
        if tb - ta < 0.02 {
            continue;
        }
        let mut cost = bulge.abs() * 0.02;
        for k in 0..=SAMPLES {
            let p = bezier(curve, ta + (tb - ta) * k as f64 / SAMPLES as f64);
            if dist(p, (0.0, 0.0)) < SELF_R + 14.0 {
                cost += 10.0;
            }
            if others
                .iter()
                .any(|o| p.0 > o.x0 && p.0 < o.x1 && p.1 > o.y0 && p.1 < o.y1)
            {
                cost += 10.0;
            }
            if drawn.iter().any(|q| dist(p, *q) < 9.0) {
                cost += 1.0;
            }
        }
        if best.as_ref().is_none_or(|(c, _)| cost < *c) {
            best = Some((cost, Route { curve, ta, tb }));
        }
        if cost < 0.5 + bulge.abs() * 0.02 {
            break;
        }
    }
    best.map(|(_, r)| r)
}

/// The SVG path of a route, pulled back from each end that has an arrowhead so that the tip
/// (which reaches ARROW beyond the path) just touches the node.
fn trimmed_path(route: &Route, kind: RelationKind) -> String {
    let (start_arrow, end_arrow) = arrows(kind);
    let (mut ta, mut tb) = (route.ta, route.tb);
    let c = route.curve;
    // Leave a short stretch of line between two arrowheads at the least.
    let room = dist(bezier(c, ta), bezier(c, tb));
    let arrow = ARROW.min(room / 3.0);
    if end_arrow {
        let end = bezier(c, tb);
        tb = boundary(|t| dist(bezier(c, t), end) > arrow, ta, tb);
    }
    if start_arrow {
        let start = bezier(c, ta);
        ta = 1.0
            - boundary(
                |t| dist(bezier(c, 1.0 - t), start) > arrow,
                1.0 - tb,
                1.0 - ta,
            );
    }
    let [p0, p1, p2] = piece(c, ta, tb);
    format!(
        "M{},{} Q{},{} {},{}",
        n(p0.0),
        n(p0.1),
        n(p1.0),
        n(p1.1),
        n(p2.0),
        n(p2.1)
    )
}

fn names(map: &Map, r: &Relation) -> String {
    let name = |id| map.part(id).map_or(String::new(), |p| one_line(&p.name));
    format!("{} {} {}", name(r.from), r.kind.phrase(), name(r.to))
}

/// Whether a kind of relation has an arrowhead at its start and at its end.
fn arrows(kind: RelationKind) -> (bool, bool) {
    match kind {
        RelationKind::Protects => (false, true),
        RelationKind::Polarized => (true, true),
        RelationKind::Allied | RelationKind::Unsure => (false, false),
    }
}

/// A place along the line (`along` from 0 to 1) for a label that covers no obstacle: on
/// the line if it can be, else beside it (`normal` points to a side); failing both, the
/// place that covers least.
fn place_label(
    along: impl Fn(f64) -> Pt,
    normal: Pt,
    w: f64,
    h: f64,
    obstacles: &[&[Rect]],
) -> Rect {
    let side = normal.0.abs() * w / 2.0 + normal.1.abs() * h / 2.0 + 6.0;
    let mut best: Option<(f64, Rect)> = None;
    for offset in [0.0, side, -side] {
        for t in [0.5, 0.42, 0.58, 0.34, 0.66, 0.26, 0.74, 0.18, 0.82] {
            let p = along(t);
            let p = (p.0 + normal.0 * offset, p.1 + normal.1 * offset);
            let rect = Rect::around(p.0, p.1, w, h);
            let cover: f64 = obstacles
                .iter()
                .flat_map(|o| o.iter())
                .map(|b| b.overlap(&rect, 2.0))
                .sum();
            if cover == 0.0 {
                return rect;
            }
            if best.is_none_or(|(c, _)| cover < c) {
                best = Some((cover, rect));
            }
        }
    }
    let p = along(0.5);
    best.map_or(Rect::around(p.0, p.1, w, h), |(_, r)| r)
}

impl Line {
    fn draw_line(&self, out: &mut String) {
        let Some(d) = &self.path else {
            return;
        };
        let class = match self.kind {
            RelationKind::Protects => "line protects",
            RelationKind::Polarized => "line polarized",
            RelationKind::Allied => "line allied",
            RelationKind::Unsure => "line unsure-rel",
        };
        let (start, end) = arrows(self.kind);
        let mut markers = String::new();
        if start {
            markers.push_str(" marker-start=\"url(#tip-start)\"");
        }
        if end {
            markers.push_str(" marker-end=\"url(#tip-end)\"");
        }
        let _ = writeln!(
            out,
            "<g class=\"relation\"><title>{}</title><path class=\"{class}\" d=\"{d}\"{markers}/>",
            esc(&self.names)
        );
        if self.kind == RelationKind::Polarized {
            // A light stripe down the middle makes the thick line a double one.
            let _ = writeln!(out, "<path class=\"polarized-gap\" d=\"{d}\"/>");
        }
        out.push_str("</g>\n");
    }

    fn draw_label(&self, out: &mut String) {
        let Some(r) = self.label else {
            return;
        };
        let _ = writeln!(
            out,
            "<rect class=\"card\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"6\"/>",
            n(r.x0),
            n(r.y0),
            n(r.x1 - r.x0),
            n(r.y1 - r.y0)
        );
        let cx = (r.x0 + r.x1) / 2.0;
        let _ = writeln!(
            out,
            "<text class=\"rel\" x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
            n(cx),
            n(r.y0 + 12.5),
            esc(&self.words)
        );
        for (i, line) in self.note.iter().enumerate() {
            let _ = writeln!(
                out,
                "<text class=\"rel-note\" x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
                n(cx),
                n(r.y0 + 26.0 + 13.5 * i as f64),
                esc(line)
            );
        }
    }
}

/// The legend: roles by shape and word, relation kinds by line and word.
struct Legend {
    w: f64,
    h: f64,
}

impl Legend {
    const ROW: f64 = 34.0;
    const HEAD: f64 = 78.0;
    const ITEM: f64 = 128.0;

    fn new() -> Legend {
        Legend {
            w: Self::HEAD + 4.0 * Self::ITEM + 16.0,
            h: 2.0 * Self::ROW + 12.0,
        }
    }

    fn draw(&self, out: &mut String, x: f64, y: f64) {
        let _ = writeln!(
            out,
            "<g id=\"legend\" transform=\"translate({} {})\">\n<rect class=\"legend-box\" x=\"0\" y=\"0\" width=\"{}\" height=\"{}\" rx=\"8\"/>",
            n(x),
            n(y),
            n(self.w),
            n(self.h)
        );
        let row1 = 6.0 + Self::ROW / 2.0;
        let row2 = row1 + Self::ROW;
        let _ = writeln!(
            out,
            "<text class=\"legend-head\" x=\"14\" y=\"{}\">roles</text>",
            n(row1 + 4.0)
        );
        for (i, role) in Role::ALL.iter().enumerate() {
            let x0 = Self::HEAD + Self::ITEM * i as f64;
            out.push_str(&shape(*role, x0 + 12.0, row1, 10.0));
            let _ = writeln!(
                out,
                "\n<text class=\"legend\" x=\"{}\" y=\"{}\">{} {}</text>",
                n(x0 + 30.0),
                n(row1 + 4.0),
                role.glyph(),
                role.word()
            );
        }
        let _ = writeln!(
            out,
            "<text class=\"legend-head\" x=\"14\" y=\"{}\">relations</text>",
            n(row2 + 4.0)
        );
        for (i, kind) in RelationKind::ALL.iter().enumerate() {
            let x0 = Self::HEAD + Self::ITEM * i as f64;
            let (start, end) = arrows(*kind);
            let a = if start { x0 + ARROW } else { x0 };
            let b = if end { x0 + 46.0 - ARROW } else { x0 + 46.0 };
            let line = Line {
                kind: *kind,
                path: Some(format!("M{},{} L{},{}", n(a), n(row2), n(b), n(row2))),
                words: String::new(),
                note: Vec::new(),
                label: None,
                names: kind.phrase().to_string(),
            };
            line.draw_line(out);
            let word = match kind {
                RelationKind::Protects => "protects",
                RelationKind::Polarized => "polarized",
                RelationKind::Allied => "allied",
                RelationKind::Unsure => "? unsure",
            };
            let _ = writeln!(
                out,
                "<text class=\"legend\" x=\"{}\" y=\"{}\">{word}</text>",
                n(x0 + 54.0),
                n(row2 + 4.0)
            );
        }
        out.push_str("</g>\n");
    }
}

/// One axis of the picture: the grid values in use, in order, and where each is drawn.
/// Between two neighbouring values the picture keeps the map's own proportions, widened
/// only where two nodes would otherwise overlap, so a crowded corner does not stretch the
/// whole map.
struct Axis {
    grid: Vec<f64>,
    at: Vec<f64>,
}

impl Axis {
    fn new(values: impl Iterator<Item = f64>, scale: f64) -> Axis {
        let mut grid: Vec<f64> = values.chain([0.0]).collect();
        grid.sort_by(f64::total_cmp);
        grid.dedup();
        let at = grid.iter().map(|g| g * scale).collect();
        Axis { grid, at }
    }

    fn index(&self, g: f64) -> usize {
        self.grid
            .binary_search_by(|v| v.total_cmp(&g))
            .unwrap_or_else(|i| i.min(self.grid.len() - 1))
    }

    /// Where a grid value is drawn.
    fn pos(&self, g: f64) -> f64 {
        self.at[self.index(g)]
    }

    /// Moves everything beyond `from` further on by `extra`, spread over the stretch from
    /// `from` to `to` in proportion to the grid.
    fn widen(&mut self, from: f64, to: f64, extra: f64) {
        let (i, j) = (self.index(from), self.index(to));
        let span = self.grid[j] - self.grid[i];
        if j <= i || span <= 0.0 {
            return;
        }
        let mut shift = 0.0;
        for k in i + 1..self.grid.len() {
            if k <= j {
                shift += extra * (self.grid[k] - self.grid[k - 1]) / span;
            }
            self.at[k] += shift;
        }
    }

    /// Puts grid value 0 (Self) at 0.
    fn centre(&mut self) {
        let zero = self.pos(0.0);
        for a in &mut self.at {
            *a -= zero;
        }
    }
}

/// Where each node is drawn: the grid scaled (SCALE_X, SCALE_Y), widened between any two
/// nodes, or a node and Self, that would overlap; related parts keep room for a line.
fn place(nodes: &[Node], related: &[(PartId, PartId)]) -> BTreeMap<PartId, Pt> {
    let mut xs = Axis::new(nodes.iter().map(|n| n.grid.0), SCALE_X);
    let mut ys = Axis::new(nodes.iter().map(|n| n.grid.1), SCALE_Y);
    // Each node's id, grid position and box relative to its centre; Self last.
    let mut items: Vec<(Option<PartId>, Pt, Rect)> = nodes
        .iter()
        .map(|n| (Some(n.part.id), n.grid, n.rect((0.0, 0.0))))
        .collect();
    items.push((None, (0.0, 0.0), self_rect()));
    for _ in 0..32 {
        let mut changed = false;
        for (i, (ia, ga, ra)) in items.iter().enumerate() {
            for (ib, gb, rb) in items.iter().skip(i + 1) {
                let gap = match (ia, ib) {
                    (Some(a), Some(b))
                        if related.contains(&(*a, *b)) || related.contains(&(*b, *a)) =>
                    {
                        GAP_RELATED
                    }
                    _ => GAP,
                };
                let at = |g: Pt, r: &Rect, xs: &Axis, ys: &Axis| {
                    let (x, y) = (xs.pos(g.0), ys.pos(g.1));
                    Rect {
                        x0: r.x0 + x,
                        y0: r.y0 + y,
                        x1: r.x1 + x,
                        y1: r.y1 + y,
                    }
                };
                let (a, b) = (at(*ga, ra, &xs, &ys), at(*gb, rb, &xs, &ys));
                if a.overlap(&b, gap / 2.0) == 0.0 {
                    continue;
                }
                // How much wider, across or down, would set these two apart.
                let across = if ga.0 < gb.0 {
                    Some((a.x1 - b.x0 + gap, ga.0, gb.0))
                } else if gb.0 < ga.0 {
                    Some((b.x1 - a.x0 + gap, gb.0, ga.0))
                } else {
                    None
                };
                let down = if ga.1 < gb.1 {
                    Some((a.y1 - b.y0 + gap, ga.1, gb.1))
                } else if gb.1 < ga.1 {
                    Some((b.y1 - a.y0 + gap, gb.1, ga.1))
                } else {
                    None
                };
                match (across, down) {
                    (Some((x, f, t)), Some((y, _, _))) if x <= y => xs.widen(f, t, x),
                    (_, Some((y, f, t))) => ys.widen(f, t, y),
                    (Some((x, f, t)), None) => xs.widen(f, t, x),
                    (None, None) => continue,
                }
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    xs.centre();
    ys.centre();
    nodes
        .iter()
        .map(|n| (n.part.id, (xs.pos(n.grid.0), ys.pos(n.grid.1))))
        .collect()
}

/// About how wide `text` is in a sans-serif font at `size` (no font metrics to hand, so a
/// little generous).
fn text_width(text: &str, size: f64, bold: bool) -> f64 {
    let em: f64 = text.chars().map(advance).sum();
    em * size * if bold { 1.1 } else { 1.0 }
}

/// About how wide a character is, in ems, in the wider of the common sans-serif fonts.
fn advance(c: char) -> f64 {
    match c {
        'i' | 'j' | 'l' | '\'' | '|' => 0.28,
        ' ' | '.' | ',' | ':' | ';' | '!' | '·' => 0.33,
        'f' | 't' | 'r' | '(' | ')' | '[' | ']' | '-' => 0.41,
        'm' => 0.98,
        'w' => 0.82,
        'M' | 'W' => 0.95,
        '0'..='9' => 0.64,
        'a'..='z' => 0.62,
        'A'..='Z' => 0.74,
        '"' => 0.46,
        _ => match c.width().unwrap_or(0) {
            0 => 0.0,
            2 => 1.1,
            _ if c.is_ascii() => 0.7,
            _ => 0.8,
        },
    }
}

/// Wraps `text` into lines no wider than `max`, at spaces where it can.
fn wrap(text: &str, size: f64, bold: bool, max: f64) -> Vec<String> {
    let mut out = Vec::new();
    let mut line = String::new();
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        let candidate = if line.is_empty() {
            word.to_string()
        } else {
            format!("{line} {word}")
        };
        if text_width(&candidate, size, bold) <= max {
            line = candidate;
            continue;
        }
        if !line.is_empty() {
            out.push(std::mem::take(&mut line));
        }
        // A word longer than a line is broken by characters.
        for c in word.chars() {
            line.push(c);
            if text_width(&line, size, bold) > max && line.chars().count() > 1 {
                line.pop();
                out.push(std::mem::take(&mut line));
                line.push(c);
            }
        }
    }
    if !line.is_empty() || out.is_empty() {
        out.push(line);
    }
    out
}

/// Text on one line: line breaks and tabs become spaces.
fn one_line(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_whitespace() && c != ' ' {
                ' '
            } else {
                c
            }
        })
        .collect()
}

/// Text made safe for XML: the five special characters escaped, and characters XML 1.0
/// does not allow left out.
fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// A number for an attribute: at most two decimals, no trailing zeros.
fn n(x: f64) -> String {
    let x = if x.is_finite() { x } else { 0.0 };
    let s = format!("{:.2}", x);
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".to_string()
    } else {
        s.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_the_five_and_drops_what_xml_forbids() {
        assert_eq!(
            esc("a&b<c>d\"e'f\u{1}g🦉"),
            "a&amp;b&lt;c&gt;d&quot;e&apos;fg🦉"
        );
    }

    #[test]
    fn numbers_are_short() {
        assert_eq!(n(1.0), "1");
        assert_eq!(n(-0.001), "0");
        assert_eq!(n(2.345), "2.35");
        assert_eq!(n(f64::NAN), "0");
    }

    #[test]
    fn wrapping_keeps_every_word() {
        let text = "one two three four five six seven eight nine ten eleven twelve";
        let lines = wrap(text, 11.0, false, 60.0);
        assert!(lines.len() > 1);
        assert_eq!(lines.join(" "), text);
        let long = "x".repeat(80);
        assert_eq!(wrap(&long, 11.0, false, 60.0).concat(), long);
    }
}
