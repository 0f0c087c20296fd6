//! Small text helpers for the views: wrapping by display width, truncating with an
//! ellipsis, and padding, all aware of wide characters and emoji.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// The display width of `text` in terminal cells.
pub fn width(text: &str) -> usize {
    UnicodeWidthStr::width(text)
}

/// Wraps `text` to lines of at most `max` cells, at spaces where possible; each `\n`
/// starts a new line. Always returns at least one line.
pub fn wrap(text: &str, max: usize) -> Vec<String> {
    let max = max.max(1);
    let mut out = Vec::new();
    for paragraph in text.split('\n') {
        let mut line = String::new();
        let mut line_w = 0;
        for word in paragraph.split(' ') {
            let word_w = width(word);
            let gap = usize::from(!line.is_empty());
            if line_w + gap + word_w <= max {
                if gap == 1 {
                    line.push(' ');
                }
                line.push_str(word);
                line_w += gap + word_w;
                continue;
            }
            if !line.is_empty() {
                out.push(std::mem::take(&mut line));
                line_w = 0;
            }
            // A word longer than the line is broken by characters.
            for c in word.chars() {
                let cw = c.width().unwrap_or(0);
                if line_w + cw > max && !line.is_empty() {
                    out.push(std::mem::take(&mut line));
                    line_w = 0;
                }
                line.push(c);
                line_w += cw;
            }
        }
        out.push(line);
    }
    out
}

/// `text` cut to at most `max` cells, ending in `…` when cut.
pub fn truncate(text: &str, max: usize) -> String {
    if width(text) <= max {
        return text.to_string();
    }
    if max == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let cw = c.width().unwrap_or(0);
        if used + cw > max - 1 {
            break;
        }
        out.push(c);
        used += cw;
    }
    out.push('…');
    out
}

/// `text` truncated or padded with spaces to exactly `cells` cells.
pub fn fit(text: &str, cells: usize) -> String {
    let mut out = truncate(text, cells);
    let w = width(&out);
    out.extend(std::iter::repeat_n(' ', cells.saturating_sub(w)));
    out
}

/// At most `max` characters of `text` for drawing, with a quiet note when there is more.
/// (A field can hold many megabytes; a pane never needs to wrap them all to draw a screen.)
pub fn capped(text: &str, max: usize) -> std::borrow::Cow<'_, str> {
    match text.char_indices().nth(max) {
        None => std::borrow::Cow::Borrowed(text),
        Some((cut, _)) => {
            let rest = text[cut..].chars().count();
            std::borrow::Cow::Owned(format!(
                "{} … ({rest} more characters, kept in full; the export shows them all)",
                &text[..cut]
            ))
        }
    }
}

/// The first line of `text`, for one-line previews.
pub fn first_line(text: &str) -> &str {
    text.lines().find(|l| !l.trim().is_empty()).unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_at_spaces_and_keeps_newlines() {
        assert_eq!(wrap("one two three", 7), vec!["one two", "three"]);
        assert_eq!(wrap("a\nb", 10), vec!["a", "b"]);
        assert_eq!(wrap("", 5), vec![""]);
    }

    #[test]
    fn breaks_a_word_longer_than_the_line() {
        assert_eq!(wrap("abcdefgh", 3), vec!["abc", "def", "gh"]);
    }

    #[test]
    fn counts_wide_characters_as_two_cells() {
        assert_eq!(width("🦉"), 2);
        assert_eq!(truncate("The Critic 🦉 is here", 12), "The Critic …");
        assert_eq!(width(&fit("🦉", 4)), 4);
    }

    #[test]
    fn every_wrapped_line_fits() {
        let text = "It sits in my chest — tight, “heavy”, 👨‍👩‍👧 and old.";
        for max in 1..30 {
            for line in wrap(text, max) {
                assert!(width(&line) <= max.max(2), "{line:?} at {max}");
            }
        }
    }
}
