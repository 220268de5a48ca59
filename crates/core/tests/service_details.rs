//! Host tests of issue 13's fields: the format round-trips, older records without them still
//! read, and every bad value is a precise problem.
#![cfg(not(target_arch = "wasm32"))]

use wegwijzer_core::model::*;
use wegwijzer_core::opening_hours::parse::ErrorKind;
use wegwijzer_core::validate::{validate, validate_audiences, ProblemKind};

fn categories() -> Vec<Category> {
    let c = |id: &str, kind| Category { id: id.into(), kind, label: Text::nl(id), group: None, keywords: Default::default() };
    vec![c("lde", CategoryKind::InitiativeType), c("fietspunt", CategoryKind::Service)]
}

fn audiences() -> Vec<Audience> {
    ["ouderen", "iedereen"].map(|id| Audience { id: id.into(), label: Text::nl(id) }).to_vec()
}

fn municipalities() -> Vec<Municipality> {
    vec![Municipality { nis: "33011".into(), name: Text::nl("Ieper"), province: "30000".into(), postcodes: vec![], ..Default::default() }]
}

fn initiative() -> Initiative {
    Initiative {
        id: "a".into(),
        name: "Fietspunt (demo)".into(),
        kind: "lde".into(),
        services: vec!["fietspunt".into()],
        address: Address { street: "Markt 1".into(), postcode: "8900".into(), locality: "Ieper".into() },
        nis: "33011".into(),
        updated_at: "2026-11-01".into(),
        opening_hours: Some("Mo-Fr 09:00-12:00,13:00-16:30; PH off".into()),
        opening_hours_note: Some(Text::nl("zomersluiting 15/7-15/8")),
        audience: vec!["ouderen".into()],
        eligibility: Some(Text::nl("Voor 65-plussers in Ieper")),
        languages: vec!["nl".into(), "fr".into(), "ar".into()],
        accessibility: Some(Accessibility { wheelchair: Some(Wheelchair::Limited), note: Some(Text::nl("één trede aan de ingang")) }),
        cost: Some(Text::nl("gratis")),
        how_to_apply: Some(Text::nl("Bel of kom langs")),
        status: Status::Active,
        alert: None,
        checked_at: Some("2026-10-02".into()),
        ..Default::default()
    }
}

fn problems(i: Initiative) -> Vec<(String, ProblemKind)> {
    let initiatives = [i];
    let found = validate(&categories(), &municipalities(), &[], &initiatives).into_iter();
    found.chain(validate_audiences(&audiences(), &initiatives)).map(|p| (p.field, p.kind)).collect()
}

#[test]
fn the_fields_round_trip_in_the_documented_form() {
    let mut i = initiative();
    i.status = Status::TemporarilyClosed;
    i.alert = Some(Text::nl("Gesloten wegens verbouwing tot 1 maart"));
    let json = serde_json::to_value(&i).unwrap();
    assert_eq!(json["accessibility"], serde_json::json!({"wheelchair": "limited", "note": {"nl": "één trede aan de ingang"}}));
    assert_eq!(json["status"], "temporarily_closed");
    assert_eq!(json["languages"], serde_json::json!(["nl", "fr", "ar"]));
    let back: Initiative = serde_json::from_value(json).unwrap();
    assert_eq!(back, i);
    assert!(problems(i).is_empty());
}

#[test]
fn older_records_read_with_defaults_and_write_back_unchanged() {
    let old = r#"{"id":"x","name":"N","kind":"lde","address":{"street":"s","postcode":"8900","locality":"Ieper"},"nis":"33011","updated_at":"2026-01-01"}"#;
    let i: Initiative = serde_json::from_str(old).unwrap();
    assert_eq!(i.status, Status::Active);
    assert!(i.opening_hours.is_none() && i.audience.is_empty() && i.languages.is_empty());
    assert_eq!(serde_json::to_string(&i).unwrap(), r#"{"id":"x","name":"N","kind":"lde","services":[],"address":{"street":"s","postcode":"8900","locality":"Ieper"},"nis":"33011","serves":[],"updated_at":"2026-01-01"}"#);
}

#[test]
fn bad_opening_hours_say_where() {
    let mut i = initiative();
    i.opening_hours = Some("Mo-Fr 09:00-12:60".into());
    let found = problems(i);
    assert_eq!(found.len(), 1, "{found:?}");
    let (field, ProblemKind::BadOpeningHours(value, e)) = &found[0] else { panic!("{found:?}") };
    assert_eq!((field.as_str(), value.as_str(), e.position, &e.kind), ("opening_hours", "Mo-Fr 09:00-12:60", 13, &ErrorKind::BadTime("12:60".into())));
}

#[test]
fn shared_opening_hours_are_checked_for_every_initiative_that_has_them() {
    // Each distinct value is read once (validate.rs); a bad value shared by two initiatives
    // still costs both, and a good one shared with them costs neither.
    let with = |id: &str, hours: &str| Initiative { id: id.into(), opening_hours: Some(hours.into()), ..initiative() };
    let initiatives = [with("a", "Mo-Fr 09:00-17:00"), with("b", "Mo-Fr 09:00-17:00"), with("c", "Mo-Fr 09:00-12:60"), with("d", "Mo-Fr 09:00-12:60"), with("e", "Mo-Fr 09:00-17:00")];
    let found: Vec<(usize, String)> = validate(&categories(), &municipalities(), &[], &initiatives).into_iter().map(|p| (p.index, p.field)).collect();
    assert_eq!(found, [(2, "opening_hours".to_string()), (3, "opening_hours".to_string())]);
}

#[test]
fn a_datasets_parsed_hours_are_each_initiatives_own() {
    use wegwijzer_core::dataset::Dataset;
    use wegwijzer_core::opening_hours::OpeningHours;
    let values = [Some("Mo-Fr 09:00-17:00"), None, Some("Sa 10:00-12:00"), Some("Mo-Fr 09:00-17:00"), Some("Sa 10:00-12:00; PH off")];
    let initiatives: Vec<Initiative> = values
        .iter()
        .enumerate()
        .map(|(k, v)| Initiative { id: format!("i{k}"), opening_hours: v.map(String::from), ..initiative() })
        .collect();
    let dataset = Dataset::trusted(None, categories(), municipalities(), vec![], initiatives);
    for (doc, v) in values.iter().enumerate() {
        assert_eq!(dataset.opening_hours_of(doc), v.map(|v| OpeningHours::parse(v).unwrap()).as_ref(), "initiative {doc}");
    }
}

#[test]
fn unknown_languages_and_target_groups() {
    let mut i = initiative();
    i.languages = vec!["nl".into(), "NL".into(), "vlaams".into()];
    i.audience = vec!["iedereen".into(), "studenten".into(), "fietspunt".into()];
    let found = problems(i);
    assert_eq!(
        found,
        vec![
            ("languages[1]".into(), ProblemKind::UnknownLanguage("NL".into())),
            ("languages[2]".into(), ProblemKind::UnknownLanguage("vlaams".into())),
            // A service category is not a target group: those are a list of their own.
            ("audience[1]".into(), ProblemKind::UnknownAudience("studenten".into())),
            ("audience[2]".into(), ProblemKind::UnknownAudience("fietspunt".into())),
        ]
    );
}

#[test]
fn target_groups_need_an_id_once_and_a_dutch_label() {
    let mut list = audiences();
    list.push(Audience { id: "ouderen".into(), label: Text::nl("Senioren") });
    list.push(Audience { id: " ".into(), label: Text::nl("Leeg") });
    list.push(Audience { id: "jongeren".into(), label: Text { nl: "".into(), fr: Some("Jeunes".into()), en: None } });
    let found: Vec<_> = validate_audiences(&list, &[]).into_iter().map(|p| (p.collection, p.index, p.field, p.kind)).collect();
    assert_eq!(
        found,
        vec![
            (AUDIENCES, 2, "id".into(), ProblemKind::DuplicateId),
            (AUDIENCES, 3, "id".into(), ProblemKind::Empty),
            (AUDIENCES, 4, "label.nl".into(), ProblemKind::Empty),
        ]
    );
}

#[test]
fn bad_dates_and_a_closure_without_alert() {
    for bad in ["2026-02-30", "02/10/2026", "2026-10-02T10:00:00Z", ""] {
        let mut i = initiative();
        i.checked_at = Some(bad.into());
        assert_eq!(problems(i), vec![("checked_at".into(), ProblemKind::BadDate(bad.into()))], "{bad}");
    }
    let mut i = initiative();
    i.status = Status::TemporarilyClosed;
    assert_eq!(problems(i.clone()), vec![("alert.nl".into(), ProblemKind::MissingAlert)]);
    i.alert = Some(Text { nl: " ".into(), fr: Some("Fermé".into()), en: None });
    assert_eq!(problems(i.clone()), vec![("alert.nl".into(), ProblemKind::MissingAlert)]);
    i.status = Status::Closed;
    assert!(problems(i).is_empty(), "closed for good needs no alert");
}

#[test]
fn unknown_status_or_wheelchair_values_are_refused_by_the_format() {
    let base = serde_json::to_value(initiative()).unwrap();
    let mut v = base.clone();
    v["status"] = "paused".into();
    assert!(serde_json::from_value::<Initiative>(v).is_err());
    let mut v = base;
    v["accessibility"]["wheelchair"] = "partly".into();
    assert!(serde_json::from_value::<Initiative>(v).is_err());
}
