//! The breathing pacer: a soft round shape that grows on the in-breath (4 s) and shrinks on
//! the out-breath (6 s), with the words and a gentle count. Drawn from the time since the
//! pause began, so a fixed clock gives a fixed frame.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Widget};

use crate::state::{Model, PauseState};

/// Milliseconds of the in-breath.
pub const IN_MS: i64 = 4_000;
/// Milliseconds of the out-breath.
pub const OUT_MS: i64 = 6_000;

/// Where in the breath `elapsed_ms` falls: (breathing in?, how full 0–1, the count).
pub fn phase(elapsed_ms: i64) -> (bool, f64, i64) {
    let t = elapsed_ms.rem_euclid(IN_MS + OUT_MS);
    if t < IN_MS {
        let p = t as f64 / IN_MS as f64;
        (true, ease(p), t / 1000 + 1)
    } else {
        let p = (t - IN_MS) as f64 / OUT_MS as f64;
        (false, 1.0 - ease(p), (t - IN_MS) / 1000 + 1)
    }
}

/// Slow at both ends, like a breath.
fn ease(p: f64) -> f64 {
    let p = p.clamp(0.0, 1.0);
    0.5 - 0.5 * (std::f64::consts::PI * p).cos()
}

/// Draws the pacer over `area`.
pub fn render(model: &Model, pause: &PauseState, area: Rect, buf: &mut Buffer) {
    let theme = &model.theme;
    Clear.render(area, buf);
    let elapsed = model
        .now
        .duration_since(pause.started)
        .as_millis()
        .clamp(0, i64::MAX as i128) as i64;
    let (breathing_in, fullness, count) = phase(elapsed);
    let text_rows = 4u16;
    let shape_h = area.height.saturating_sub(text_rows + 2);
    let shape_w = area.width.saturating_sub(4);
    // Braille dots are two across and four down per cell, which makes them about square.
    let max_r = (f64::from(shape_h) * 4.0).min(f64::from(shape_w) * 2.0) / 2.0;
    let r = max_r * (0.3 + 0.7 * fullness);
    let cx = f64::from(area.width) * 2.0 / 2.0;
    let cy = f64::from(shape_h) * 4.0 / 2.0;
    for row in 0..shape_h {
        for col in 0..area.width {
            let mut bits = 0u32;
            for (dx, dy, bit) in [
                (0, 0, 0x01),
                (0, 1, 0x02),
                (0, 2, 0x04),
                (1, 0, 0x08),
                (1, 1, 0x10),
                (1, 2, 0x20),
                (0, 3, 0x40),
                (1, 3, 0x80),
            ] {
                let x = f64::from(col) * 2.0 + f64::from(dx) + 0.5 - cx;
                let y = f64::from(row) * 4.0 + f64::from(dy) + 0.5 - cy;
                if x * x + y * y <= r * r {
                    bits |= bit;
                }
            }
            if bits != 0
                && let Some(c) = char::from_u32(0x2800 + bits)
            {
                let pos = (area.x + col, area.y + 1 + row);
                if let Some(cell) = buf.cell_mut(pos) {
                    cell.set_char(c).set_style(theme.bar);
                }
            }
        }
    }
    let words = if breathing_in {
        format!("breathe in · {count}")
    } else {
        format!("breathe out · {count}")
    };
    let mut lines = vec![
        Line::from(Span::styled(words, theme.title)).centered(),
        Line::default(),
        Line::from(Span::styled("Esc when you are ready", theme.dim)).centered(),
    ];
    if model.witness().is_some_and(|w| !w.blank()) {
        lines
            .push(Line::from(Span::styled("What you were writing is kept.", theme.dim)).centered());
    }
    let y = area.y + 1 + shape_h + 1;
    for (i, line) in lines.into_iter().enumerate() {
        let row = y + i as u16;
        if row < area.y + area.height {
            line.render(
                Rect {
                    y: row,
                    height: 1,
                    ..area
                },
                buf,
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::phase;

    #[test]
    fn four_seconds_in_then_six_out() {
        assert!(phase(0).0);
        assert!(phase(3_999).0);
        assert!(!phase(4_000).0);
        assert!(!phase(9_999).0);
        assert!(phase(10_000).0);
        assert_eq!(phase(2_500).2, 3);
        assert_eq!(phase(9_500).2, 6);
    }

    #[test]
    fn the_shape_grows_in_and_shrinks_out() {
        assert!(phase(1_000).1 < phase(3_000).1);
        assert!(phase(5_000).1 > phase(8_000).1);
        assert!((phase(4_000).1 - 1.0).abs() < 1e-9);
        assert!(phase(0).1.abs() < 1e-9);
    }
}
