//! "Bedoelde je …?": when a query finds nothing at all, the closest query that does find
//! something, word by word from the dictionary (which holds the category labels and keywords).

use super::edit::distance_within;
use super::index::SearchIndex;
use super::normalize::normalize;

/// Edits allowed per word: one for 4-7 letters, two for longer words (the typo matching of
/// the search already allows one for 5+ letters, so a suggestion is only ever further away).
fn max_edits(len: usize) -> usize {
    match len {
        0..=3 => 0,
        4..=7 => 1,
        _ => 2,
    }
}

impl SearchIndex {
    /// A query close to `query` that finds initiatives, for a query that finds none: each word
    /// that finds nothing is replaced by its closest term within 1 edit (4-7 letters) or 2 (8+),
    /// ties going to the term in more initiatives. Normalised text; `None` when nothing is
    /// close enough or the new query finds nothing either.
    ///
    /// ```ignore
    /// assert_eq!(index.suggest(&data, "kringwinkle").as_deref(), Some("kringwinkel"));
    /// ```
    pub fn suggest(&self, query: &str) -> Option<String> {
        let words: Vec<String> = normalize(query).split(' ').filter(|w| !w.is_empty()).map(String::from).collect();
        if words.is_empty() {
            return None;
        }
        let mut changed = false;
        let mut out = Vec::with_capacity(words.len());
        for w in &words {
            if !self.search(w).is_empty() {
                out.push(w.clone());
                continue;
            }
            let best = self.closest_term(w)?;
            changed = true;
            out.push(best);
        }
        let by_words = out.join(" ");
        (changed && !self.search(&by_words).is_empty()).then_some(by_words)
    }

    fn closest_term(&self, w: &str) -> Option<String> {
        let len = w.chars().count();
        let max = max_edits(len);
        if max == 0 {
            return None;
        }
        let mut best: Option<(usize, std::cmp::Reverse<u32>, u32)> = None;
        for t in 0..self.term_count() as u32 {
            let term = self.term(t);
            if term.len().abs_diff(w.len()) > max + 2 || term.bytes().all(|b| b.is_ascii_digit()) {
                continue;
            }
            if let Some(d) = distance_within(w, term, max) {
                let postings = self.post_start[t as usize + 1] - self.post_start[t as usize];
                let key = (d, std::cmp::Reverse(postings), t);
                if best.is_none_or(|b| key < b) {
                    best = Some(key);
                }
            }
        }
        best.map(|(_, _, t)| self.term(t).to_string())
    }
}

#[cfg(test)]
mod tests {
    use crate::search::test_support::fixture;
    use crate::search::SearchIndex;

    #[test]
    fn a_query_that_finds_nothing_gets_the_closest_that_does() {
        let index = SearchIndex::build(&fixture());
        // Two letters off: beyond the search's one typo, within a suggestion's two.
        for (q, want) in [("kinderopfanx", "kinderopvang"), ("restorant", "restaurant"), ("energisnoeirs", "energiesnoeiers")] {
            assert!(index.search(q).is_empty(), "{q}");
            assert_eq!(index.suggest(q).as_deref(), Some(want), "{q}");
        }
        // Every word of a query that finds nothing is corrected.
        assert!(index.search("restorant kortrjikk").is_empty());
        assert_eq!(index.suggest("restorant kortrjikk").as_deref(), Some("restaurant kortrijk"));
        // Nothing close, or too short to guess: no suggestion.
        assert_eq!(index.suggest("xylofoon"), None);
        assert_eq!(index.suggest("qqq"), None);
        assert_eq!(index.suggest(""), None);
    }
}
