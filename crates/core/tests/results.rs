//! Host tests for the directory's results (`crates/core/src/results.rs`) on the bundled sample endpoint:
//! the paths used before the first paint (no search index yet; only the first page of the
//! cached dataset) give exactly what the full path gives.

use wegwijzer_core::dataset::{parse_index, Dataset, FIRST_PAGE};
use wegwijzer_core::results::{compute, compute_list};
use wegwijzer_core::search::SearchIndex;
use wegwijzer_core::view_state::DirectoryView;

mod common;

fn sample_dataset() -> Dataset {
    let dir = common::repo_root().join("public/data/v1");
    let index = parse_index(&std::fs::read(dir.join("index.json")).unwrap()).unwrap();
    // Every file the index lists: the four collections and sources.json.
    let files = index.collections.iter().map(|(name, e)| (name.clone(), std::fs::read(dir.join(&e.file)).unwrap())).collect();
    Dataset::from_files(index, &files).unwrap()
}

/// What the localStorage snapshot holds: everything but the initiatives after the first page.
fn first_page(data: &Dataset) -> Dataset {
    Dataset::trusted(
        data.index.clone(),
        data.categories.clone(),
        data.municipalities.clone(),
        data.partnerships.clone(),
        data.initiatives[..FIRST_PAGE].to_vec(),
    )
}

fn view(pairs: &[(&str, &str)]) -> DirectoryView {
    DirectoryView::from_pairs(pairs.iter().copied())
}

#[test]
fn an_empty_query_needs_no_index_and_gives_the_same_results_and_facets() {
    let data = sample_dataset();
    let index = SearchIndex::build(&data);
    let ieper = data.municipalities.iter().find(|m| m.name.nl == "Ieper").unwrap().nis.clone();
    let service = data.initiatives[3].services[0].clone();
    let kind = data.initiatives[5].kind.clone();
    let province = data.municipality(&data.initiatives[9].nis).unwrap().province.clone();
    let serves = data.initiatives.iter().find_map(|i| i.serves.first()).unwrap().clone();
    let views = [
        view(&[]),
        view(&[("q", "  ")]),
        view(&[("dienst", &service)]),
        view(&[("soort", &kind), ("provincie", &province)]),
        view(&[("werkt_in", &serves)]),
        view(&[("sorteer", "naam")]),
        view(&[("sorteer", "afstand"), ("plaats", &ieper)]),
        view(&[("sorteer", "afstand"), ("plaats", &ieper), ("dienst", &service)]),
    ];
    for v in &views {
        let without = compute(&data, None, v, None, None, 0).expect("a blank query is answered without the index");
        let with = compute(&data, Some(&index), v, None, None, 0).unwrap();
        assert_eq!(without.items, with.items, "{v:?}");
        assert_eq!(without.facets, with.facets, "{v:?}");
        assert_eq!((without.total, without.scope), (with.total, with.scope), "{v:?}");
        assert!(!with.items.is_empty(), "{v:?} should match something");
    }
    assert_eq!(compute(&data, None, &view(&[]), None, None, 0).unwrap().items.len(), data.initiatives.len());
}

#[test]
fn a_query_waits_for_the_index() {
    let data = sample_dataset();
    assert!(compute(&data, None, &view(&[("q", "fietspunt")]), None, None, 0).is_none());
    assert!(compute(&data, Some(&SearchIndex::build(&data)), &view(&[("q", "fietspunt")]), None, None, 0).is_some());
}

#[test]
fn the_first_page_of_the_cache_shows_the_first_results_of_the_default_view() {
    let data = sample_dataset();
    let full = compute(&data, Some(&SearchIndex::build(&data)), &view(&[]), None, None, 0).unwrap();
    assert!(data.is_complete());
    let first = first_page(&data);
    assert!(!first.is_complete());
    let shown = compute(&first, None, &view(&[]), None, None, 0).unwrap();
    assert_eq!(shown.items, full.items[..FIRST_PAGE]);
    assert_eq!(shown.total, full.total);
    assert_eq!(shown.total, data.initiatives.len());
    // Anything else needs the whole dataset, even once an index exists.
    let index = SearchIndex::build(&first);
    for v in [view(&[("q", "fietspunt")]), view(&[("sorteer", "naam")]), view(&[("soort", "lde")])] {
        assert!(compute(&first, Some(&index), &v, None, None, 0).is_none(), "{v:?}");
    }
}

#[test]
fn an_embed_region_applies_on_every_path_and_waits_for_the_whole_dataset() {
    use wegwijzer_core::embed::EmbedConfig;
    let data = sample_dataset();
    let index = SearchIndex::build(&data);
    // A partnership of the latest period, the largest (any region of a few municipalities does).
    let region = data.partnerships.iter().max_by_key(|p| (p.period.to, p.members.len())).unwrap();
    let config = EmbedConfig::from_pairs([("embed", "1"), ("regio", region.id.as_str())]).unwrap();
    let (scope, problems) = config.resolve(&data);
    assert!(problems.is_empty());
    let expected: Vec<u32> = (0..data.initiatives.len() as u32).filter(|&d| scope.allows(&data.initiatives[d as usize])).collect();
    assert!(!expected.is_empty() && expected.len() < data.initiatives.len());
    for v in [view(&[]), view(&[("sorteer", "naam")])] {
        let without = compute(&data, None, &v, None, Some(&scope), 0).unwrap();
        let with = compute(&data, Some(&index), &v, None, Some(&scope), 0).unwrap();
        assert_eq!(without.items, with.items, "{v:?}");
        assert_eq!(without.facets, with.facets, "{v:?}");
        let mut docs: Vec<u32> = with.items.iter().map(|i| i.0).collect();
        docs.sort_unstable();
        assert_eq!(docs, expected, "{v:?}");
    }
    // A query searches inside the region only.
    let name = &data.initiatives[expected[0] as usize].name;
    let found = compute(&data, Some(&index), &view(&[("q", name)]), None, Some(&scope), 0).unwrap();
    assert!(found.items.iter().all(|(d, _)| expected.contains(d)));
    assert_eq!(found.items.first().map(|i| i.0), Some(expected[0]));
    // The cache's first page is the first of all Flanders, not of the region: wait.
    let first = first_page(&data);
    assert!(compute(&first, None, &view(&[]), None, Some(&scope), 0).is_none());
}

#[test]
fn the_list_without_counts_is_the_list_with_them() {
    let data = sample_dataset();
    let index = SearchIndex::build(&data);
    let gent = data.municipalities.iter().find(|m| m.name.nl == "Gent").unwrap().nis.clone();
    let views = [
        view(&[]),
        view(&[("q", "fietspunt")]),
        view(&[("q", "klusdienst bij leuven")]),
        view(&[("q", "fietspunt gent")]),
        view(&[("open", "nu")]),
        view(&[("dienst_taal", "fr"), ("sorteer", "naam")]),
        view(&[("gemeente", &gent), ("q", "zzzz")]),
    ];
    for v in &views {
        for idx in [None, Some(&index)] {
            let (Some(all), Some(list)) = (compute(&data, idx, v, None, None, 0), compute_list(&data, idx, v, None, None, 0)) else {
                assert!(compute_list(&data, idx, v, None, None, 0).is_none() && idx.is_none(), "{v:?}");
                continue;
            };
            assert_eq!(list.items, all.items, "{v:?}");
            assert_eq!(
                (list.total, &list.scope, list.near, &list.nearest, &list.suggestion),
                (all.total, &all.scope, all.near, &all.nearest, &all.suggestion),
                "{v:?}"
            );
            assert_eq!((&list.facets, &list.service_facets), (&Default::default(), &Default::default()), "no counts: {v:?}");
            assert!(all.total == 0 || !all.facets.services.is_empty(), "the counted results do count: {v:?}");
        }
    }
}
