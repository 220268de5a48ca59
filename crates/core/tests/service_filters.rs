//! Host tests of the "Nu open", target-group, language and wheelchair filters on the bundled
//! sample: results and counts agree with each other and with the opening-hours evaluator, with
//! and without the search index, and the view keeps them in the URL.

use wegwijzer_core::dataset::{parse_index, Dataset};
use wegwijzer_core::geo::{distance_km, initiative_point};
use wegwijzer_core::opening_hours::Date;
use wegwijzer_core::results::compute;
use wegwijzer_core::search::SearchIndex;
use wegwijzer_core::service_filters::is_open_now;
use wegwijzer_core::view_state::DirectoryView;

mod common;

fn sample_dataset() -> Dataset {
    let dir = common::repo_root().join("public/data/v1");
    let index = parse_index(&std::fs::read(dir.join("index.json")).unwrap()).unwrap();
    let files = index.collections.iter().map(|(name, e)| (name.clone(), std::fs::read(dir.join(&e.file)).unwrap())).collect();
    Dataset::from_files(index, &files).unwrap()
}

fn utc(date: &str, hour: i64, minute: i64) -> i64 {
    Date::parse_iso(date).unwrap().days() * 86_400 + hour * 3600 + minute * 60
}

fn view(pairs: &[(&str, &str)]) -> DirectoryView {
    DirectoryView::from_pairs(pairs.iter().copied())
}

#[test]
fn open_now_follows_the_clock() {
    let data = sample_dataset();
    let index = SearchIndex::build(&data);
    // Tuesday 1 December 2026: 10:30 and 12:30 CET (lunch), and 03:00 in the night.
    for (now, label) in [(utc("2026-12-01", 9, 30), "10:30"), (utc("2026-12-01", 11, 30), "12:30"), (utc("2026-12-01", 2, 0), "03:00")] {
        let expected: Vec<u32> = (0..data.initiatives.len() as u32).filter(|&d| is_open_now(&data.initiatives[d as usize], now)).collect();
        let all = compute(&data, Some(&index), &view(&[]), None, None, now).unwrap();
        assert_eq!(all.service_facets.open_now, expected.len(), "{label}");
        for idx in [None, Some(&index)] {
            let open = compute(&data, idx, &view(&[("open", "nu")]), None, None, now).unwrap();
            let docs: Vec<u32> = open.items.iter().map(|(d, _)| *d).collect();
            assert_eq!(docs, expected, "{label}");
        }
    }
    let at = |h, m| compute(&data, None, &view(&[]), None, None, utc("2026-12-01", h, m)).unwrap().service_facets.open_now;
    let (morning, lunch, night) = (at(9, 30), at(11, 30), at(2, 0));
    assert!(morning > 100 && lunch < morning && night < 5, "{morning} {lunch} {night}");
    // 25 December 2026 (a Friday) is a public holiday: most places with `PH off` are closed.
    assert!(at(9, 30) > 3 * compute(&data, None, &view(&[]), None, None, utc("2026-12-25", 9, 30)).unwrap().service_facets.open_now);
}

#[test]
fn every_count_is_what_ticking_that_box_gives() {
    let data = sample_dataset();
    let now = utc("2026-12-01", 9, 30);
    let base = [("doelgroep", "ouderen"), ("open", "nu")];
    let r = compute(&data, None, &view(&base), None, None, now).unwrap();
    assert!(!r.service_facets.languages.is_empty() && !r.service_facets.wheelchair.is_empty());
    for (code, n) in &r.service_facets.languages {
        let mut pairs = base.to_vec();
        pairs.push(("dienst_taal", code));
        assert_eq!(compute(&data, None, &view(&pairs), None, None, now).unwrap().total, *n, "language {code}");
    }
    for (code, n) in &r.service_facets.wheelchair {
        let mut pairs = base.to_vec();
        pairs.push(("rolstoel", code));
        assert_eq!(compute(&data, None, &view(&pairs), None, None, now).unwrap().total, *n, "wheelchair {code}");
    }
    // The target-group counts ignore the target-group filter itself (a second one widens).
    let only_open = compute(&data, None, &view(&[("open", "nu")]), None, None, now).unwrap();
    assert_eq!(r.service_facets.audience, only_open.service_facets.audience);
    let ouderen = r.service_facets.audience.iter().find(|(id, _)| id == "ouderen").unwrap().1;
    assert_eq!(ouderen, r.total);
    // And the search's own facets count within these filters.
    let services: usize = r.facets.kinds.iter().map(|(_, n)| n).sum();
    assert_eq!(services, r.total, "every initiative has one kind");
}

#[test]
fn the_filters_are_in_the_url() {
    let v = view(&[("open", "nu"), ("doelgroep", "ouderen,jongeren"), ("dienst_taal", "ar"), ("rolstoel", "yes")]);
    assert_eq!(v.to_query(), "?open=nu&doelgroep=jongeren%2Couderen&dienst_taal=ar&rolstoel=yes");
    assert_eq!(v.active_filter_count(), 5);
    assert_eq!(v.without_filters(), DirectoryView::default());
    assert!(!view(&[("open", "ja")]).service.open_now, "only open=nu means open now");
}

/// "Nothing here, the nearest elsewhere": with "Nu open" on, the matches elsewhere are open
/// too (issue 17's nearest list came after this filter and first ignored it).
#[test]
fn the_nearest_elsewhere_keep_the_open_now_filter() {
    let data = sample_dataset();
    let index = SearchIndex::build(&data);
    let now = utc("2026-12-01", 17, 30); // Tuesday 18:30 CET: some open, most closed.
    let mut answers = 0;
    let mut closed_without_filter = 0;
    for m in data.municipalities.iter().filter(|m| m.point.is_some()) {
        let here = [("gemeente", m.nis.as_str()), ("open", "nu")];
        let r = compute(&data, Some(&index), &view(&here), None, None, now).unwrap();
        if r.total > 0 {
            continue;
        }
        answers += 1;
        assert!(!r.nearest.is_empty(), "{}: nothing open nearby, yet open initiatives exist", m.nis);
        for (doc, _) in &r.nearest {
            assert!(is_open_now(&data.initiatives[*doc as usize], now), "{}: closed {} among the nearest", m.nis, data.initiatives[*doc as usize].id);
        }
        // What the list held before: the nearest matches whether open or not.
        let from = m.point.unwrap();
        let mut by_distance: Vec<(f64, bool)> = data
            .initiatives
            .iter()
            .filter_map(|i| Some((distance_km(initiative_point(&data, i)?, from), is_open_now(i, now))))
            .collect();
        by_distance.sort_by(|a, b| a.0.total_cmp(&b.0));
        closed_without_filter += by_distance.iter().take(r.nearest.len()).filter(|(_, open)| !open).count();
        if answers == 20 {
            break; // enough, and each compute is a full search
        }
    }
    assert!(answers > 0, "no municipality without an open initiative at 18:30");
    // Without the filter those lists held closed ones: the assertion above can fail.
    assert!(closed_without_filter > 0);
}
