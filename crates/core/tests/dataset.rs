//! Host tests: the endpoint format round-trips, and every kind of bad input is refused with a
//! precise problem instead of a panic.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::{BTreeMap, HashMap};
use wegwijzer_core::dataset::{parse_index, sha256_hex, Dataset, LoadError};
use wegwijzer_core::model::*;
use wegwijzer_core::validate::{validate, ProblemKind};

fn categories() -> Vec<Category> {
    vec![
        Category { id: "lde".into(), kind: CategoryKind::InitiativeType, label: Text::nl("Lokale diensteneconomie"), group: None, keywords: Default::default() },
        Category { id: "fietspunt".into(), kind: CategoryKind::Service, label: Text::nl("Fietspunt"), group: Some("lde".into()), keywords: Default::default() },
    ]
}

fn municipalities() -> Vec<Municipality> {
    let m = |nis: &str, name: &str| Municipality {
        nis: nis.into(),
        name: Text::nl(name),
        province: "30000".into(),
        postcodes: vec!["8900".into()],
        point: Some(Point { lat: 50.85, lon: 2.88 }),
        ..Default::default()
    };
    vec![m("33011", "Ieper"), m("33021", "Poperinge")]
}

fn partnerships() -> Vec<Partnership> {
    vec![Partnership {
        id: "demo-westhoek".into(),
        name: "Demo-regie Westhoek".into(),
        members: vec!["33011".into(), "33021".into()],
        period: Period { from: 2023, to: 2025 },
        contact: Contact { organisation: "Demo vzw".into(), email: Some("regie@example.org".into()), ..Default::default() },
        source_url: None,
        source_read: None,
        confidence: None,
        source_note: None,
        demo: true,
    }]
}

fn initiative(id: &str) -> Initiative {
    Initiative {
        id: id.into(),
        name: "Fietspunt Zonnewijzer (demo)".into(),
        kind: "lde".into(),
        services: vec!["fietspunt".into()],
        description: Some(Text { nl: "Herstelt fietsen.".into(), fr: None, en: Some("Repairs bikes.".into()) }),
        address: Address { street: "Markt 1".into(), postcode: "8900".into(), locality: "Ieper".into() },
        nis: "33011".into(),
        point: Some(Point { lat: 50.85, lon: 2.88 }),
        phone: Some("057 12 34 56".into()),
        email: Some("fietspunt@example.org".into()),
        website: Some("https://example.org/fietspunt".into()),
        serves: vec!["33021".into()],
        updated_at: "2026-11-01".into(),
        ..Default::default()
    }
}

fn kinds_for(initiatives: Vec<Initiative>) -> Vec<(String, ProblemKind)> {
    validate(&categories(), &municipalities(), &partnerships(), &initiatives)
        .into_iter()
        .map(|p| (p.field, p.kind))
        .collect()
}

#[test]
fn a_good_dataset_has_no_problems() {
    assert!(kinds_for(vec![initiative("a"), initiative("b")]).is_empty());
}

#[test]
fn duplicate_ids_are_reported_with_position() {
    let problems = validate(&categories(), &municipalities(), &partnerships(), &[initiative("a"), initiative("a")]);
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].index, 1);
    assert_eq!(problems[0].kind, ProblemKind::DuplicateId);
    assert_eq!(problems[0].to_string(), "initiatives[1] (id \"a\") id: duplicate id");
}

#[test]
fn unknown_and_misused_categories() {
    let mut i = initiative("a");
    i.services.push("zwembad".into());
    i.kind = "fietspunt".into();
    let found = kinds_for(vec![i]);
    assert!(found.contains(&("services[1]".into(), ProblemKind::UnknownCategory("zwembad".into()))), "{found:?}");
    assert!(found.contains(&(
        "kind".into(),
        ProblemKind::WrongCategoryKind { id: "fietspunt".into(), expected: CategoryKind::InitiativeType }
    )));
}

#[test]
fn bad_and_unknown_nis_codes() {
    let mut i = initiative("a");
    i.nis = "3301".into();
    i.serves = vec!["99999".into()];
    let found = kinds_for(vec![i]);
    assert_eq!(
        found,
        vec![
            ("nis".into(), ProblemKind::BadNisCode("3301".into())),
            ("serves[0]".into(), ProblemKind::UnknownNisCode("99999".into())),
        ]
    );
}

#[test]
fn hostile_links_and_contacts() {
    let mut i = initiative("a");
    i.website = Some("javascript:alert(document.cookie)".into());
    i.email = Some("x@y.be?bcc=all@z.be".into());
    i.phone = Some("<script>".into());
    let found = kinds_for(vec![i]);
    assert_eq!(found.len(), 3, "{found:?}");
    assert!(matches!(found[2], (ref f, ProblemKind::BadUrl(_)) if f == "website"));
}

#[test]
fn swapped_coordinates_are_caught() {
    let mut i = initiative("a");
    i.point = Some(Point { lat: 2.88, lon: 50.85 });
    assert_eq!(kinds_for(vec![i]), vec![("point".into(), ProblemKind::PointOutOfRange(2.88, 50.85))]);
}

#[test]
fn partnership_problems() {
    let mut p = partnerships();
    p[0].members.push("12345".into());
    p[0].period = Period { from: 2025, to: 2023 };
    p[0].source_url = Some("file:///etc/passwd".into());
    p[0].source_read = Some("12/03/2025".into());
    let found: Vec<_> = validate(&categories(), &municipalities(), &p, &[]).into_iter().map(|p| p.kind).collect();
    assert_eq!(
        found,
        vec![
            ProblemKind::BadPeriod(2025, 2023),
            ProblemKind::UnknownNisCode("12345".into()),
            ProblemKind::BadUrl("file:///etc/passwd".into()),
            ProblemKind::BadDate("12/03/2025".into()),
        ]
    );
}

/// Serialises the fixtures as an endpoint: index bytes and file bytes by collection name.
fn endpoint(initiatives: Vec<Initiative>) -> (Vec<u8>, HashMap<String, Vec<u8>>) {
    fn file<T: serde::Serialize>(items: Vec<T>) -> (Vec<u8>, u64) {
        let n = items.len() as u64;
        (serde_json::to_vec(&Collection { dataset_version: 7, items }).unwrap(), n)
    }
    let files = [
        ("categories", file(categories())),
        ("municipalities", file(municipalities())),
        ("partnerships", file(partnerships())),
        ("initiatives", file(initiatives)),
    ];
    let mut collections = BTreeMap::new();
    let mut bytes = HashMap::new();
    for (name, (data, count)) in files {
        collections.insert(
            name.to_string(),
            CollectionEntry { file: format!("{name}.json"), bytes: data.len() as u64, count, sha256: sha256_hex(&data) },
        );
        bytes.insert(name.to_string(), data);
    }
    let index = Index {
        format_version: FORMAT_VERSION,
        dataset_version: 7,
        generated_at: "2026-11-23T00:00:00Z".into(),
        sample: true,
        publisher: "Test".into(),
        sources: vec![],
        collections,
        changes: vec![],
        periods: vec![],
        population_date: None,
    };
    (serde_json::to_vec_pretty(&index).unwrap(), bytes)
}

#[test]
fn endpoint_round_trip() {
    let (index, files) = endpoint(vec![initiative("a")]);
    let index = parse_index(&index).unwrap();
    let data = Dataset::from_files(index.clone(), &files).unwrap();
    assert!(data.is_sample());
    assert_eq!(data.initiative("a"), Some(&initiative("a")));
    assert_eq!(data.municipality("33021").unwrap().name.nl, "Poperinge");
    assert_eq!(data.partnerships_for("33011")[0].id, "demo-westhoek");
    // What was parsed serialises back to the same bytes.
    let again = serde_json::to_vec(&Collection { dataset_version: 7, items: data.initiatives.clone() }).unwrap();
    assert_eq!(again, files["initiatives"]);
}

#[test]
fn damaged_files_are_refused_before_parsing() {
    let (index, files) = endpoint(vec![initiative("a")]);
    let index = parse_index(&index).unwrap();

    let mut truncated = files.clone();
    truncated.get_mut("initiatives").unwrap().truncate(20);
    assert!(matches!(Dataset::from_files(index.clone(), &truncated), Err(LoadError::SizeMismatch { .. })));

    let mut flipped = files.clone();
    let f = flipped.get_mut("categories").unwrap();
    let last = f.len() - 3;
    f[last] ^= 1;
    assert!(matches!(Dataset::from_files(index.clone(), &flipped), Err(LoadError::ChecksumMismatch { .. })));
}

#[test]
fn invalid_records_refuse_the_whole_dataset() {
    let mut bad = initiative("b");
    bad.website = Some("javascript:void(0)".into());
    let (index, files) = endpoint(vec![initiative("a"), bad]);
    match Dataset::from_files(parse_index(&index).unwrap(), &files) {
        Err(LoadError::Invalid(problems)) => {
            assert_eq!(problems.len(), 1);
            assert_eq!(problems[0].id, "b");
        }
        other => panic!("expected Invalid, got {other:?}"),
    }
}

#[test]
fn bad_index_files() {
    assert!(matches!(parse_index(b"<!doctype html><h1>Oops</h1>"), Err(LoadError::NotJson { .. })));
    assert!(matches!(parse_index(b"{\"format_version\": 1, \"datas"), Err(LoadError::NotJson { .. })));
    assert_eq!(parse_index(br#"{"format_version": 2}"#), Err(LoadError::UnsupportedFormat { found: 2 }));

    let (index, _) = endpoint(vec![]);
    let mut json: serde_json::Value = serde_json::from_slice(&index).unwrap();
    json["collections"]["initiatives"]["file"] = "../../secret.json".into();
    let bytes = serde_json::to_vec(&json).unwrap();
    assert_eq!(parse_index(&bytes), Err(LoadError::BadFileName("../../secret.json".into())));

    json["collections"].as_object_mut().unwrap().remove("initiatives");
    let bytes = serde_json::to_vec(&json).unwrap();
    assert_eq!(parse_index(&bytes), Err(LoadError::MissingCollection("initiatives".into())));

    let huge = vec![b' '; 300 * 1024];
    assert!(matches!(parse_index(&huge), Err(LoadError::TooLarge { .. })));
}

#[test]
fn a_file_from_a_newer_version_is_refused_an_older_one_kept() {
    let (index, mut files) = endpoint(vec![initiative("a")]);
    let mut index = parse_index(&index).unwrap();
    // Unchanged since version 6: fine in version 7.
    let older = serde_json::to_vec(&Collection { dataset_version: 6, items: categories() }).unwrap();
    let entry = index.collections.get_mut("categories").unwrap();
    entry.bytes = older.len() as u64;
    entry.sha256 = sha256_hex(&older);
    files.insert("categories".into(), older);
    assert!(Dataset::from_files(index.clone(), &files).is_ok());

    let other = serde_json::to_vec(&Collection { dataset_version: 8, items: categories() }).unwrap();
    let entry = index.collections.get_mut("categories").unwrap();
    entry.bytes = other.len() as u64;
    entry.sha256 = sha256_hex(&other);
    files.insert("categories".into(), other);
    assert_eq!(
        Dataset::from_files(index, &files).unwrap_err(),
        LoadError::VersionMismatch { file: "categories.json".into(), expected: 7, found: 8 }
    );
}

/// The same partnership name in two periods ("Demo-regie Westhoek" 2020-2022 and 2023-2025): a
/// list of every period names each with its period, a detail page shows the current one.
#[test]
fn a_partnership_of_two_periods_is_told_apart_by_its_period() {
    let newer = partnerships().remove(0);
    let older = Partnership { id: "demo-westhoek-2020".into(), period: Period { from: 2020, to: 2022 }, ..newer.clone() };
    let data = Dataset::new(None, categories(), municipalities(), vec![older, newer], vec![]).unwrap();
    let names: Vec<String> = data.partnerships.iter().map(Partnership::name_with_period).collect();
    assert_eq!(names, ["Demo-regie Westhoek (2020–2022)", "Demo-regie Westhoek (2023–2025)"]);
    assert_ne!(names[0], names[1]);
    let ids = |year| data.current_partnerships_for("33011", year).iter().map(|p| p.id.clone()).collect::<Vec<_>>();
    assert_eq!(ids(2024), ["demo-westhoek"]);
    assert_eq!(ids(2021), ["demo-westhoek-2020"]);
    // After the last period: the latest one, not both.
    assert_eq!(ids(2027), ["demo-westhoek"]);
    assert!(data.current_partnerships_for("99999", 2024).is_empty());
}
