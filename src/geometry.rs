//! The parts map's geometry, independent of drawing: the grid positions are kept in, the
//! automatic layout, choosing the nearest node in a direction, fitting the grid to a screen,
//! hit-testing, and routing the line of a relation between two nodes.
//!
//! Positions are in grid units with Self at (0, 0): about one terminal cell each at 80×24,
//! scaled up on larger screens so the map keeps its shape.

use std::collections::BTreeMap;

use ratatui::layout::Rect;

use crate::model::{Map, PartId, Position, RelationKind, Role};
use crate::ui::text::width;

/// Half the grid's width: x runs from -HALF_W to HALF_W.
pub const HALF_W: i16 = 36;
/// Half the grid's height: y runs from -HALF_H to HALF_H.
pub const HALF_H: i16 = 9;

/// A direction to move in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dir {
    /// Towards the top.
    Up,
    /// Towards the bottom.
    Down,
    /// Towards the left.
    Left,
    /// Towards the right.
    Right,
}

/// Keeps a position on the grid.
pub fn clamp(p: Position) -> Position {
    Position {
        x: p.x.clamp(-HALF_W, HALF_W),
        y: p.y.clamp(-HALF_H, HALF_H),
    }
}

/// A position moved one step (two columns sideways, one row up or down: cells are tall).
pub fn moved(p: Position, dir: Dir) -> Position {
    let (dx, dy) = match dir {
        Dir::Up => (0, -1),
        Dir::Down => (0, 1),
        Dir::Left => (-2, 0),
        Dir::Right => (2, 0),
    };
    clamp(Position {
        x: p.x + dx,
        y: p.y + dy,
    })
}

/// The label of a node: the role glyph, a space, the name.
pub fn label(glyph: &str, name: &str) -> String {
    format!("{glyph} {name}")
}

/// How wide a node's label is in grid units (and cells at scale 1), capped.
pub fn label_width(name: &str) -> i16 {
    (width(name) as i16 + 2).min(24)
}

fn point_on(angle_deg: f64, rx: f64, ry: f64) -> Position {
    let a = angle_deg.to_radians();
    clamp(Position {
        x: (rx * a.cos()).round() as i16,
        y: (ry * a.sin()).round() as i16,
    })
}

fn spread(n: usize, from: f64, to: f64) -> Vec<f64> {
    (0..n)
        .map(|i| from + (to - from) * (i as f64 + 1.0) / (n as f64 + 1.0))
        .collect()
}

/// A fresh layout of every part: managers on an arc above Self, firefighters below, parts
/// not yet known at the sides, and each exile nearer the centre, behind the parts that
/// protect it (or spread around Self when nothing protects it yet).
pub fn layout(map: &Map) -> BTreeMap<PartId, Position> {
    let (outer_rx, outer_ry, inner_rx, inner_ry) = (28.0, 7.0, 14.0, 3.5);
    let mut angles: BTreeMap<PartId, f64> = BTreeMap::new();
    let mut out = BTreeMap::new();
    let of = |role| map.parts.iter().filter(move |p| p.role == role);
    for (role, from, to) in [
        (Role::Manager, 200.0, 340.0),
        (Role::Firefighter, 20.0, 160.0),
    ] {
        let parts: Vec<_> = of(role).collect();
        for (p, a) in parts.iter().zip(spread(parts.len(), from, to)) {
            angles.insert(p.id, a);
            out.insert(p.id, point_on(a, outer_rx, outer_ry));
        }
    }
    let unsure: Vec<_> = of(Role::Unsure).collect();
    for (i, p) in unsure.iter().enumerate() {
        // Alternate right and left, working outwards from the horizontal.
        let step = (i / 2) as f64 * 12.0;
        let a = if i % 2 == 0 { 0.0 + step } else { 180.0 - step };
        angles.insert(p.id, a);
        out.insert(p.id, point_on(a, outer_rx + 4.0, outer_ry));
    }
    let exiles: Vec<_> = of(Role::Exile).collect();
    let mut lonely = Vec::new();
    for e in &exiles {
        let protectors: Vec<f64> = map
            .relations
            .iter()
            .filter(|r| r.kind == RelationKind::Protects && r.to == e.id)
            .filter_map(|r| angles.get(&r.from).copied())
            .collect();
        if protectors.is_empty() {
            lonely.push(e.id);
        } else {
            let (s, c) = protectors.iter().fold((0.0, 0.0), |(s, c), a: &f64| {
                (s + a.to_radians().sin(), c + a.to_radians().cos())
            });
            let a = s.atan2(c).to_degrees();
            out.insert(e.id, point_on(a, inner_rx, inner_ry));
        }
    }
    for (id, a) in lonely.iter().zip(spread(lonely.len(), 30.0, 150.0)) {
        out.insert(*id, point_on(a, inner_rx, inner_ry));
    }
    let widths: BTreeMap<PartId, i16> = map
        .parts
        .iter()
        .map(|p| (p.id, label_width(&p.name)))
        .collect();
    let all: Vec<PartId> = out.keys().copied().collect();
    separate(&mut out, &widths, &all);
    out
}

/// Where every part is drawn: its saved position, or, for parts not placed yet, a place
/// from the automatic layout that does not sit on top of a placed part.
pub fn positions(map: &Map) -> BTreeMap<PartId, Position> {
    let mut out: BTreeMap<PartId, Position> = map
        .parts
        .iter()
        .filter_map(|p| p.position.map(|pos| (p.id, clamp(pos))))
        .collect();
    let unplaced: Vec<PartId> = map
        .parts
        .iter()
        .filter(|p| p.position.is_none())
        .map(|p| p.id)
        .collect();
    if unplaced.is_empty() {
        return out;
    }
    let fresh = layout(map);
    for id in &unplaced {
        if let Some(p) = fresh.get(id) {
            out.insert(*id, *p);
        }
    }
    let widths: BTreeMap<PartId, i16> = map
        .parts
        .iter()
        .map(|p| (p.id, label_width(&p.name)))
        .collect();
    separate(&mut out, &widths, &unplaced);
    out
}

/// Gives the part `id` its place on the map, if every other part already has one: new
/// parts find a free spot by their role, and the map never has to lay itself out again.
pub fn place_new(map: &mut Map, id: PartId) {
    let others_placed = map
        .parts
        .iter()
        .filter(|p| p.id != id)
        .all(|p| p.position.is_some());
    if !others_placed || map.parts.len() < 2 {
        return;
    }
    if let Some(at) = positions(map).get(&id).copied()
        && let Some(p) = map.part_mut(id)
    {
        p.position = Some(at);
    }
}

/// Gives every part without a place the place it is drawn at now.
pub fn place_all(map: &mut Map) {
    if map.parts.iter().all(|p| p.position.is_some()) {
        return;
    }
    let pos = positions(map);
    let ids: Vec<PartId> = map.parts.iter().map(|p| p.id).collect();
    for id in ids {
        if let (Some(p), Some(at)) = (map.part_mut(id), pos.get(&id))
            && p.position.is_none()
        {
            p.position = Some(*at);
        }
    }
}

/// Whether two labels (centred at their positions) overlap or touch.
fn overlap(a: Position, wa: i16, b: Position, wb: i16) -> bool {
    (a.y - b.y).abs() < 1 && (a.x - b.x).abs() < (wa + wb) / 2 + 2
}

/// Nudges the `movable` nodes until no two labels overlap (or it gives up politely).
fn separate(
    pos: &mut BTreeMap<PartId, Position>,
    widths: &BTreeMap<PartId, i16>,
    movable: &[PartId],
) {
    let w = |id: &PartId| widths.get(id).copied().unwrap_or(8);
    for round in 0..60 {
        let mut moved_any = false;
        let ids: Vec<PartId> = pos.keys().copied().collect();
        for a in &ids {
            if !movable.contains(a) {
                continue;
            }
            for b in &ids {
                if a == b {
                    continue;
                }
                let (pa, pb) = (pos[a], pos[b]);
                if overlap(pa, w(a), pb, w(b)) || (pa == pb) {
                    // Away from the other, vertically first; sideways when cornered.
                    let dy: i16 = if pa.y < pb.y || (pa.y == pb.y && a < b) {
                        -1
                    } else {
                        1
                    };
                    let mut next = clamp(Position {
                        x: pa.x,
                        y: pa.y + dy,
                    });
                    if next == pa || round % 3 == 2 {
                        let dx = if pa.x <= pb.x { -2 } else { 2 };
                        next = clamp(Position {
                            x: pa.x + dx,
                            y: pa.y,
                        });
                    }
                    pos.insert(*a, next);
                    moved_any = true;
                }
            }
        }
        if !moved_any {
            break;
        }
    }
}

/// The node nearest `from` in direction `dir`, if any lies that way. Nodes within a cone
/// of that direction come first; beyond the cone, anything on that side.
pub fn nearest(
    from: Position,
    dir: Dir,
    nodes: &BTreeMap<PartId, Position>,
    except: PartId,
) -> Option<PartId> {
    let candidates: Vec<(i32, i32, PartId)> = nodes
        .iter()
        .filter(|(id, _)| **id != except)
        .filter_map(|(id, p)| {
            // Rows are about twice as tall as columns are wide.
            let dx = i32::from(p.x - from.x);
            let dy = i32::from(p.y - from.y) * 2;
            let (ahead, aside) = match dir {
                Dir::Up => (-dy, dx),
                Dir::Down => (dy, dx),
                Dir::Left => (-dx, dy),
                Dir::Right => (dx, dy),
            };
            (ahead > 0).then_some((ahead, aside.abs(), *id))
        })
        .collect();
    let best = |items: &mut dyn Iterator<Item = &(i32, i32, PartId)>| {
        items
            .map(|(ahead, aside, id)| (ahead + 2 * aside, *id))
            .min()
            .map(|(_, id)| id)
    };
    best(
        &mut candidates
            .iter()
            .filter(|(ahead, aside, _)| *aside <= 2 * *ahead),
    )
    .or_else(|| best(&mut candidates.iter()))
}

/// How the grid sits on a screen area.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Fit {
    /// The area the map is drawn in.
    pub area: Rect,
    /// Cells per grid unit across.
    pub sx: f64,
    /// Cells per grid unit down.
    pub sy: f64,
}

impl Fit {
    /// Fits the grid into `area`, scaling up on large screens and down a little on small ones.
    pub fn new(area: Rect) -> Fit {
        let sx = ((f64::from(area.width) / 2.0 - 9.0) / f64::from(HALF_W)).clamp(0.4, 4.0);
        let sy = ((f64::from(area.height) / 2.0 - 1.0) / f64::from(HALF_H)).clamp(0.3, 4.0);
        Fit { area, sx, sy }
    }

    /// The screen cell of a grid position (the middle of its label).
    pub fn cell(&self, p: Position) -> (u16, u16) {
        let cx = f64::from(self.area.x) + f64::from(self.area.width) / 2.0;
        let cy = f64::from(self.area.y) + f64::from(self.area.height) / 2.0;
        let x = (cx + f64::from(p.x) * self.sx).round();
        let y = (cy + f64::from(p.y) * self.sy).round();
        let max_x = f64::from(self.area.x + self.area.width.saturating_sub(1));
        let max_y = f64::from(self.area.y + self.area.height.saturating_sub(1));
        (
            x.clamp(f64::from(self.area.x), max_x) as u16,
            y.clamp(f64::from(self.area.y), max_y) as u16,
        )
    }

    /// The grid position under a screen cell.
    pub fn position(&self, col: u16, row: u16) -> Position {
        let cx = f64::from(self.area.x) + f64::from(self.area.width) / 2.0;
        let cy = f64::from(self.area.y) + f64::from(self.area.height) / 2.0;
        clamp(Position {
            x: ((f64::from(col) - cx) / self.sx).round() as i16,
            y: ((f64::from(row) - cy) / self.sy).round() as i16,
        })
    }

    /// The rectangle a label of `cells` width takes, centred on `p`, kept inside the area.
    pub fn label_rect(&self, p: Position, cells: u16) -> Rect {
        let (x, y) = self.cell(p);
        let w = cells.min(self.area.width);
        let left = x.saturating_sub(w / 2).max(self.area.x);
        let left = left.min(self.area.x + self.area.width - w);
        Rect {
            x: left,
            y,
            width: w,
            height: 1,
        }
    }
}

/// Where the parts map's pieces go on the terminal.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MapLayout {
    /// The big title, when presenting on a screen with room for it (else empty).
    pub title: Rect,
    /// Where the nodes and lines are drawn.
    pub canvas: Rect,
    /// The legend line.
    pub legend: Rect,
}

/// Rows the big title takes (an 8×8 font at half height).
pub const BIG_TITLE_ROWS: u16 = 4;

/// Whether `title` can be drawn big on a terminal of this size (letters only, room to spare).
pub fn big_title_fits(title: &str, term: Rect) -> bool {
    !title.is_empty()
        && term.height >= 30
        && title.chars().all(|c| c.is_ascii_graphic() || c == ' ')
        && (title.chars().count() as u16) * 8 + 4 <= term.width
}

/// The parts map's layout inside the body of the screen (between header and footer).
pub fn map_layout(body: Rect, big_title: bool) -> MapLayout {
    let title_h = if big_title { BIG_TITLE_ROWS + 1 } else { 0 };
    let title = Rect {
        height: title_h.min(body.height),
        ..body
    };
    let legend_y = body.y + body.height.saturating_sub(1);
    let legend = Rect {
        y: legend_y,
        height: body.height.min(1),
        ..body
    };
    let canvas = Rect {
        y: body.y + title.height,
        height: body.height.saturating_sub(title.height + legend.height),
        ..body
    };
    MapLayout {
        title,
        canvas,
        legend,
    }
}

/// The body of the screen: everything between the header row and the footer rows.
pub fn body_of(term: Rect, footer_rows: u16) -> Rect {
    Rect {
        y: term.y + 1.min(term.height),
        height: term.height.saturating_sub(1 + footer_rows),
        ..term
    }
}

/// Each node's label and where it is drawn, for drawing and for the mouse.
pub fn labels(map: &Map, fit: &Fit) -> Vec<(PartId, Rect, String)> {
    let pos = positions(map);
    map.parts
        .iter()
        .filter_map(|p| {
            let at = pos.get(&p.id)?;
            let text = label(p.role.glyph(), &p.name);
            let cells = (width(&text) as u16).min(30);
            Some((p.id, fit.label_rect(*at, cells), text))
        })
        .collect()
}

/// The node whose label covers a screen cell.
pub fn hit(labels: &[(PartId, Rect, String)], col: u16, row: u16) -> Option<PartId> {
    labels
        .iter()
        .rev()
        .find(|(_, r, _)| col >= r.x && col < r.x + r.width && row >= r.y && row < r.y + r.height)
        .map(|(id, _, _)| *id)
}

/// The cells of a relation's line from label `a` to label `b`, in order. Labels on one row
/// are joined straight across; labels that overlap in columns, straight up or down through
/// the columns they share; others by an L: along the row of `a`, away from it, then up or
/// down the column of `b`'s middle. The first and last cells touch the labels, never cover
/// them.
pub fn route(a: Rect, b: Rect) -> Vec<(u16, u16)> {
    let (ay, by) = (a.y, b.y);
    let mut cells = Vec::new();
    if ay == by {
        let (from, to) = if a.x < b.x {
            (a.x + a.width + 1, b.x.saturating_sub(2))
        } else {
            (a.x.saturating_sub(2), b.x + b.width + 1)
        };
        if (a.x < b.x && from <= to) || (a.x >= b.x && from >= to) {
            push_line(&mut cells, (from, ay), (to, ay));
        }
        return cells;
    }
    let down = by > ay;
    let next_row = |y: u16| if down { y + 1 } else { y.saturating_sub(1) };
    let before_b = if down { by.saturating_sub(1) } else { by + 1 };
    let lo = a.x.max(b.x);
    let hi = (a.x + a.width).min(b.x + b.width);
    if lo < hi {
        // Straight up or down, through the middle of the columns both labels share.
        let x = (lo + hi - 1) / 2;
        let from = next_row(ay);
        if (down && from <= before_b) || (!down && from >= before_b) {
            push_line(&mut cells, (x, from), (x, before_b));
        }
        return cells;
    }
    let b_mid = b.x + b.width / 2;
    let start_x = if b_mid >= a.x + a.width {
        a.x + a.width + 1
    } else {
        a.x.saturating_sub(2)
    };
    push_line(&mut cells, (start_x, ay), (b_mid, ay));
    if (down && ay < before_b) || (!down && ay > before_b) {
        push_line(&mut cells, (b_mid, next_row(ay)), (b_mid, before_b));
    }
    cells
}

fn push_line(cells: &mut Vec<(u16, u16)>, from: (u16, u16), to: (u16, u16)) {
    let (mut x, mut y) = from;
    loop {
        cells.push((x, y));
        if (x, y) == to {
            break;
        }
        if x != to.0 {
            x = if to.0 > x { x + 1 } else { x - 1 };
        } else if y != to.1 {
            y = if to.1 > y { y + 1 } else { y - 1 };
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Part, Relation};

    fn map_of(roles: &[Role]) -> Map {
        let mut map = Map::new("t");
        for (i, role) in roles.iter().enumerate() {
            let mut p = Part::new(
                PartId(i as u32 + 1),
                format!("Part number {}", i + 1),
                jiff::Timestamp::UNIX_EPOCH,
            );
            p.role = *role;
            map.add_part(p);
        }
        map
    }

    #[test]
    fn managers_go_above_firefighters_below_and_exiles_nearer_the_centre() {
        let mut map = map_of(&[Role::Manager, Role::Firefighter, Role::Exile, Role::Unsure]);
        map.relations.push(Relation {
            from: PartId(1),
            to: PartId(3),
            kind: RelationKind::Protects,
            note: String::new(),
        });
        let pos = layout(&map);
        assert!(pos[&PartId(1)].y < 0, "manager above");
        assert!(pos[&PartId(2)].y > 0, "firefighter below");
        let dist = |p: Position| f64::from(p.x).hypot(f64::from(p.y) * 2.0);
        assert!(
            dist(pos[&PartId(3)]) < dist(pos[&PartId(1)]),
            "exile inside"
        );
        // Behind its protector: on the same side of Self.
        assert!(pos[&PartId(3)].y < 0, "{:?}", pos[&PartId(3)]);
    }

    #[test]
    fn labels_never_overlap_after_layout_even_with_many_parts() {
        let roles: Vec<Role> = (0..24).map(|i| Role::ALL[i % 4]).collect();
        let map = map_of(&roles);
        let pos = layout(&map);
        assert_eq!(pos.len(), 24);
        let ids: Vec<_> = pos.keys().copied().collect();
        let mut overlaps = 0;
        for a in &ids {
            for b in &ids {
                let w = label_width("Part number 10");
                if a < b && overlap(pos[a], w, pos[b], w) {
                    overlaps += 1;
                }
            }
        }
        assert_eq!(overlaps, 0, "{pos:?}");
        for p in pos.values() {
            assert_eq!(*p, clamp(*p));
        }
    }

    #[test]
    fn placed_parts_keep_their_place_and_new_ones_avoid_them() {
        let mut map = map_of(&[Role::Manager, Role::Manager]);
        let fresh = layout(&map);
        let first = fresh[&PartId(2)];
        map.parts[0] = std::sync::Arc::new(Part {
            position: Some(first),
            ..(*map.parts[0]).clone()
        });
        let pos = positions(&map);
        assert_eq!(pos[&PartId(1)], first);
        let w = label_width("Part number 1");
        assert!(!overlap(pos[&PartId(1)], w, pos[&PartId(2)], w));
    }

    #[test]
    fn nearest_picks_the_closest_in_the_direction_asked() {
        let nodes = BTreeMap::from([
            (PartId(1), Position { x: 0, y: 0 }),
            (PartId(2), Position { x: 10, y: 1 }),
            (PartId(3), Position { x: 20, y: 0 }),
            (PartId(4), Position { x: 0, y: -5 }),
            (PartId(5), Position { x: -10, y: 4 }),
        ]);
        let at = Position { x: 0, y: 0 };
        assert_eq!(nearest(at, Dir::Right, &nodes, PartId(1)), Some(PartId(2)));
        assert_eq!(nearest(at, Dir::Up, &nodes, PartId(1)), Some(PartId(4)));
        assert_eq!(nearest(at, Dir::Left, &nodes, PartId(1)), Some(PartId(5)));
        assert_eq!(nearest(at, Dir::Down, &nodes, PartId(1)), Some(PartId(5)));
        let edge = Position { x: 20, y: 0 };
        assert_eq!(nearest(edge, Dir::Right, &nodes, PartId(3)), None);
    }

    #[test]
    fn moving_stays_on_the_grid() {
        let mut p = Position {
            x: HALF_W,
            y: -HALF_H,
        };
        p = moved(p, Dir::Right);
        p = moved(p, Dir::Up);
        assert_eq!(
            p,
            Position {
                x: HALF_W,
                y: -HALF_H
            }
        );
        assert_eq!(
            moved(Position::default(), Dir::Left),
            Position { x: -2, y: 0 }
        );
    }

    #[test]
    fn fit_maps_grid_and_screen_both_ways_and_scales_up() {
        let small = Fit::new(Rect::new(0, 1, 80, 21));
        let big = Fit::new(Rect::new(0, 1, 160, 45));
        assert!(big.sx > small.sx && big.sy > small.sy);
        for fit in [small, big] {
            for p in [
                Position { x: 0, y: 0 },
                Position { x: -20, y: 5 },
                Position { x: 30, y: -7 },
            ] {
                let (c, r) = fit.cell(p);
                let back = fit.position(c, r);
                assert!(
                    (back.x - p.x).abs() <= 1 && (back.y - p.y).abs() <= 1,
                    "{p:?} {back:?}"
                );
            }
            // Corners of the grid are on screen.
            let (c, r) = fit.cell(Position {
                x: HALF_W,
                y: HALF_H,
            });
            assert!(c < fit.area.x + fit.area.width && r < fit.area.y + fit.area.height);
        }
    }

    #[test]
    fn hit_finds_the_label_under_a_cell() {
        let labels = vec![
            (PartId(1), Rect::new(10, 5, 8, 1), String::new()),
            (PartId(2), Rect::new(30, 9, 6, 1), String::new()),
        ];
        assert_eq!(hit(&labels, 12, 5), Some(PartId(1)));
        assert_eq!(hit(&labels, 35, 9), Some(PartId(2)));
        assert_eq!(hit(&labels, 18, 5), None);
    }

    #[test]
    fn routes_run_between_labels_without_touching_them() {
        let a = Rect::new(10, 3, 10, 1);
        let b = Rect::new(40, 12, 8, 1);
        let cells = route(a, b);
        assert_eq!(cells.first(), Some(&(21, 3)));
        assert_eq!(cells.last(), Some(&(44, 11)));
        for (x, y) in &cells {
            for r in [a, b] {
                assert!(!(*x >= r.x && *x < r.x + r.width && *y == r.y));
            }
        }
        // Each step moves one cell.
        for w in cells.windows(2) {
            let d = (w[0].0 as i32 - w[1].0 as i32).abs() + (w[0].1 as i32 - w[1].1 as i32).abs();
            assert_eq!(d, 1);
        }
        let same_row = route(Rect::new(5, 4, 6, 1), Rect::new(30, 4, 6, 1));
        assert!(same_row.iter().all(|(_, y)| *y == 4));
        let above = route(Rect::new(20, 10, 10, 1), Rect::new(22, 2, 6, 1));
        assert!(above.iter().all(|(x, _)| *x == 24), "{above:?}");
        // A label just to one side: the line leaves away from it, never doubling back.
        let beside = route(Rect::new(32, 19, 16, 1), Rect::new(10, 6, 8, 1));
        assert!(beside[0].0 < 32 && beside.windows(2).all(|w| w[1].0 <= w[0].0));
    }
}
