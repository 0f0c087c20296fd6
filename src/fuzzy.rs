//! A small fuzzy matcher for filtering word lists as the person types: whole words first,
//! then beginnings, then words containing the query, then letters in order.

/// How well `candidate` matches `query`; higher is better, `None` is no match.
pub fn score(query: &str, candidate: &str) -> Option<u32> {
    let q = query.trim().to_lowercase();
    if q.is_empty() {
        return Some(0);
    }
    let c = candidate.to_lowercase();
    if c == q {
        return Some(10_000);
    }
    if c.starts_with(&q) {
        return Some(8_000 - c.chars().count().min(999) as u32);
    }
    if let Some(at) = c.find(&q) {
        // A match at the start of a later word ("left out" for "out") beats one mid-word.
        let at_word = c[..at].ends_with([' ', '-']);
        let base = if at_word { 6_000 } else { 5_000 };
        return Some(base - (at as u32).min(999));
    }
    subsequence(&q, &c).map(|gaps| 2_000u32.saturating_sub(gaps * 10))
}

/// Whether the query scores as a plain word match (whole, start or inside), not only as
/// scattered letters.
pub fn is_close(score: u32) -> bool {
    score >= 5_000 - 999
}

/// If every query letter appears in order, the total gap between them.
fn subsequence(query: &str, candidate: &str) -> Option<u32> {
    let mut gaps = 0u32;
    let mut rest = candidate.chars();
    let mut started = false;
    for qc in query.chars() {
        let mut skipped = 0u32;
        loop {
            let c = rest.next()?;
            if c == qc {
                break;
            }
            skipped += 1;
        }
        if started {
            gaps += skipped;
        }
        started = true;
    }
    Some(gaps)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_beats_prefix_beats_substring_beats_scattered() {
        let exact = score("rest", "rest").unwrap();
        let prefix = score("rest", "restless").unwrap();
        let inside = score("rest", "interested").unwrap();
        let scattered = score("rst", "restless").unwrap();
        assert!(exact > prefix && prefix > inside && inside > scattered);
        assert!(is_close(inside) && !is_close(scattered));
    }

    #[test]
    fn no_match_is_none_and_case_is_ignored() {
        assert_eq!(score("zq", "anxious"), None);
        assert!(score("ANX", "anxious").is_some());
        assert_eq!(score("", "anything"), Some(0));
    }

    #[test]
    fn later_word_start_beats_mid_word() {
        assert!(score("out", "left out").unwrap() > score("out", "burnout").unwrap());
    }
}
