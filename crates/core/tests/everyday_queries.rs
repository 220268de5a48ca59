//! Host test (issue 17): the everyday-vocabulary queries of `tests/bench/queries.json` ("set":
//! "everyday": what people type rather than the official labels, in nl, fr and en) on the
//! bundled sample, through the directory's own path (`results::compute`): an initiative of an
//! expected category is among the first three the list shows, or, when the place in the query
//! has none, among the first three "nearest elsewhere".

use serde_json::Value;
use wegwijzer_core::dataset::{parse_index, Dataset};
use wegwijzer_core::results::compute;
use wegwijzer_core::search::SearchIndex;
use wegwijzer_core::view_state::DirectoryView;

/// The device clock for `compute`: only the "Nu open" filter reads it, which these queries leave off.
const CLOCK: i64 = 1_790_000_000;

mod common;

fn sample_dataset() -> Dataset {
    let dir = common::repo_root().join("public/data/v1");
    let index = parse_index(&std::fs::read(dir.join("index.json")).unwrap()).unwrap();
    let files = index.collections.iter().map(|(name, e)| (name.clone(), std::fs::read(dir.join(&e.file)).unwrap())).collect();
    Dataset::from_files(index, &files).unwrap()
}

#[test]
fn every_everyday_query_has_an_expected_category_in_the_top_3() {
    let data = sample_dataset();
    let index = SearchIndex::build(&data);
    let raw = std::fs::read_to_string(common::repo_root().join("tests/bench/queries.json")).unwrap();
    let set: Value = serde_json::from_str(&raw).unwrap();
    let queries: Vec<&Value> = set["queries"].as_array().unwrap().iter().filter(|q| q["set"] == "everyday").collect();
    assert!(queries.len() >= 60, "{} everyday queries", queries.len());
    for lang in ["nl", "fr", "en"] {
        assert!(queries.iter().filter(|q| q["lang"] == lang).count() >= 10, "{lang}");
    }
    let mut misses = Vec::new();
    for q in &queries {
        let text = q["q"].as_str().unwrap();
        let expected: Vec<&str> = q["expect"]["category"].as_array().unwrap().iter().map(|c| c.as_str().unwrap()).collect();
        let view = DirectoryView::from_pairs([("q", text)]);
        let r = compute(&data, Some(&index), &view, None, None, CLOCK).unwrap();
        let shown: Vec<u32> = if r.items.is_empty() { r.nearest.iter().map(|n| n.0).collect() } else { r.items.iter().map(|i| i.0).collect() };
        let ok = shown.iter().take(3).any(|&doc| {
            let it = &data.initiatives[doc as usize];
            expected.iter().any(|c| it.kind == *c || it.services.iter().any(|s| s == c))
        });
        if !ok {
            let top: Vec<String> = shown.iter().take(3).map(|&d| data.initiatives[d as usize].name.clone()).collect();
            misses.push(format!("{text:?} → {top:?} (expected {expected:?})"));
        }
    }
    assert!(misses.is_empty(), "{} of {} not in the top 3:\n{}", misses.len(), queries.len(), misses.join("\n"));
}

/// The search box's example (its placeholder, "Bv. poetshulp Gent") shows people that a place
/// can go in the query: in every language, the search must recognise its place. The English one
/// named "Ghent", which the municipalities' data (Dutch and French names) does not know.
#[test]
fn every_languages_search_example_names_a_place_the_search_recognises() {
    let data = sample_dataset();
    let index = SearchIndex::build(&data);
    for lang in [wegwijzer_core::model::Lang::Nl, wegwijzer_core::model::Lang::Fr, wegwijzer_core::model::Lang::En] {
        let hint = wegwijzer_core::i18n::texts(lang).search_hint;
        // The example after its "Bv. " / "Ex. : " / "E.g. ".
        let example = hint.split_once(' ').map(|(_, rest)| rest.trim_start_matches(": ")).unwrap();
        let place = index.place_in_query(&data, example);
        assert!(place.is_some(), "{lang:?}: no place recognised in {example:?}");
        assert!(!place.unwrap().rest.is_empty(), "{lang:?}: {example:?} is only a place");
    }
}

/// English speakers name the large cities in English ("Ghent", "Antwerp", "Ostend"), which the
/// municipalities' data (Dutch and French names) does not: the search knows them all the same,
/// and scopes the results to that municipality as it does for "Gent".
#[test]
fn english_names_of_the_large_cities_are_places() {
    let data = sample_dataset();
    let index = SearchIndex::build(&data);
    for (query, nis) in [("bike repair Ghent", "44021"), ("social restaurant antwerp", "11002"), ("Ostend", "35013"), ("near Ghent", "44021")] {
        let place = index.place_in_query(&data, query);
        assert_eq!(place.as_ref().map(|p| p.nis.as_str()), Some(nis), "{query:?}");
    }
    let english = compute(&data, Some(&index), &DirectoryView::from_pairs([("q", "bike repair Ghent")]), None, None, CLOCK).unwrap();
    let dutch = compute(&data, Some(&index), &DirectoryView::from_pairs([("q", "bike repair Gent")]), None, None, CLOCK).unwrap();
    assert_eq!(english.scope.as_deref(), Some("44021"));
    assert_eq!(english.items, dutch.items);
    assert_eq!(english.total, dutch.total);
}
