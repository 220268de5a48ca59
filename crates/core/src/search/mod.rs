//! Search as you type over the initiatives, in the browser: normalisation, a light Dutch
//! stemmer, an in-memory inverted index with exact, stem, prefix and one-typo matching, place
//! scoping ("fietspunt 8900"), filters and disjunctive facet counts. Pure Rust, no DOM types.
//!
//! # Why hand-written, not a search crate
//! tantivy is built for servers (threads, mmap, on-disk segments) and would add megabytes to
//! the wasm; milli (Meilisearch's engine) sits on LMDB, a C library that does not build for
//! wasm32-unknown-unknown. Our corpus is one dataset loaded in memory and searched one
//! keystroke at a time, so a sorted term dictionary with postings lists, built once per dataset
//! version, is enough: no dependencies and a small share of the wasm.
//!
//! # Usage
//! ```ignore
//! let index = SearchIndex::build(&data); // once per dataset version, not per keystroke
//! let place = index.place_in_query(&data, "fietspunt 8900");
//! let text = place.as_ref().map_or("fietspunt 8900", |p| p.rest.as_str());
//! let mut hits = index.search(text);
//! if let Some(p) = &place {
//!     hits = index.apply_filters(&data, &hits, &Filters { serves: Some(p.nis.clone()), ..Default::default() });
//! }
//! let facets = index.facet_counts(&data, &hits, &filters); // counts for the filter panel
//! let shown = index.apply_filters(&data, &hits, &filters); // the list
//! ```
//! The free functions [`apply_filters`] and [`facet_counts`] give the same results without an
//! index, but read every hit's strings; the index methods read small precomputed arrays,
//! which matters when a short query has 10,000 hits.
//!
//! # Matching
//! Text is [`normalize`]d (lower case, accents folded, punctuation splits words) and split into
//! tokens; a hyphenated or dotted word also yields its joined form ("wijk-werken" gives "wijk",
//! "werken" and "wijkwerken"). Each query word is matched against the term dictionary as:
//!
//! | match  | when                                         | factor     |
//! |--------|----------------------------------------------|------------|
//! | exact  | always                                       | 1.0        |
//! | stem   | same [`stem`] ("fietsen" ~ "fiets")          | 0.85       |
//! | prefix | last query word (or its stem), 2+ characters | 0.55..0.8  |
//! | typo   | query word of 5+ characters, 1 edit          | 0.45       |
//!
//! multiplied by the weight of the field the term is in (name 10, category labels 6, category
//! keywords 4, place and
//! postcode 3, description 2, served municipalities and province 1.5, street 1). A document's
//! score is the sum over the query words, plus a tier bonus: the whole normalised query equals
//! the name, else the name starts with it, else every query word matched in the name (then
//! shorter names first).
//!
//! A query word the dictionary does not know (no term, stem or, for the last word, prefix) is
//! split into known words with the Dutch linking `-s-`, `-e-`, `-en-` (`compound.rs`:
//! "klusjesdienst" = "klusjes" + "dienst"); it then matches as a whole or as all its parts, the
//! last part also as the end of a longer term ("dienst" in "klusdienst", factor 0.6).
//!
//! Every query word must match (AND). Stop words ("de", "het", "van", "la", "the", ...) and
//! one-letter words only add to the score, so "restaurant in" still finds restaurants. If AND
//! finds nothing and there are several words, the result falls back to documents matching any
//! word (OR), with halved scores and no tier bonus; [`SearchIndex::search_detailed`] says when.
//!
//! # Speed
//! Terms are sorted in one string arena, so exact and prefix lookups are binary searches.
//! Typos use a symmetric-delete neighbourhood: every term of 5+ characters is stored under the
//! hashes of its one-character deletions, so a query word needs about `2 × len` binary searches
//! instead of a scan of the dictionary; candidates are then verified with an exact
//! Damerau-Levenshtein (optimal string alignment) check. Postings are sorted doc numbers with a
//! one-byte field mask. Scores are accumulated per word in a dense array, and words are
//! intersected smallest list first. Texts shared by many initiatives (category labels,
//! municipality names) are tokenised once per build. The ignored test `benchmark_10k` measures
//! all this: `cargo test -p wegwijzer-core --release --lib search -- --ignored --nocapture`.

mod compound; // Dutch compounds split into known words
mod edit; // one-edit check and deletion hashes for typo matching
mod facets; // filters and facet counts
mod index; // the index and its build
mod normalize; // normalisation and tokens
mod query; // query parsing and ranking, places in a query
mod stem; // the Dutch stemmer
mod suggest; // "Bedoelde je …?" for a query that finds nothing

#[cfg(test)]
mod bench;
#[cfg(test)]
mod test_support;

pub use facets::{apply_filters, facet_counts, FacetCounts, Filters};
pub use index::{IndexBuild, IndexLayout, SearchIndex};
pub use normalize::{normalize, tokens};
pub use query::{Hit, PlaceMatch, SearchOutcome};
pub use stem::stem;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_doc_examples_hold() {
        // Mirrors the runnable examples in the doc comments, so `cargo test --lib` covers them.
        assert_eq!(normalize("Kinderopvang De Crèche"), "kinderopvang de creche");
        assert_eq!(normalize("  Wijk-werken / ŒUVRE  "), "wijk werken oeuvre");
        assert_eq!(tokens("Wijk-werken Ieper"), ["wijk", "werken", "wijkwerken", "ieper"]);
        assert_eq!(stem("fietsen"), stem("fiets"));
        assert_eq!(stem("klussen"), "klus");
        assert_eq!(stem("energiesnoeiers"), stem("energiesnoeier"));
        assert_eq!(stem("restaurants"), "restaurant");
        let ieper = crate::model::Point { lat: 50.85114, lon: 2.88569 };
        let kortrijk = crate::model::Point { lat: 50.82803, lon: 3.26487 };
        assert!((crate::geo::distance_km(ieper, kortrijk) - 26.7).abs() < 0.5);
    }
}
