//! Host tests of the publishing tool's issue-13 columns: each is read, written back by the
//! export, and each bad value is an error at its line and column.
#![cfg(not(target_arch = "wasm32"))]

use std::path::PathBuf;
use wegwijzer_core::model::{Changes, Status, Wheelchair};
use wegwijzer_core::sync::apply_changes;
use wegwijzer_publish::report::{Issue, Msg, ReportLang};
use wegwijzer_publish::{fsio, initiatives, publish, Input, Inputs, Options};
use wegwijzer_core::validate::ProblemKind;

fn fixture(name: &str) -> String {
    std::fs::read_to_string(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/publish").join(name)).unwrap()
}

const HEADER: &str = "id,name,kind,services,street,postcode,locality,nis,updated_at,opening_hours,opening_hours_note_nl,audience,eligibility_nl,languages,wheelchair,accessibility_nl,accessibility_fr,cost_nl,how_to_apply_nl,status,alert_nl,checked_at";

/// Line 2: a full record; line 3: a record with the new columns empty.
fn csv(replace: (&str, &str)) -> String {
    let full = "ini-1,Fietspunt Ieper,lde,fietspunt,Stationsstraat 1,8900,Ieper,33011,2026-01-15,\"Mo-Fr 09:00-12:00,13:00-16:30; PH off\",zomersluiting 15/7-15/8,ouderen laag-inkomen,Voor inwoners,nl fr ar,beperkt,Eén trede,Une marche,gratis,Kom langs,tijdelijk gesloten,Verbouwing tot 1 maart,2026-10-02";
    let empty = "ini-2,Klusdienst Leuven,lde,klusdienst,Naamsestraat 3,3000,Leuven,24062,2026-03-01,,,,,,,,,,,,,";
    assert!(full.contains(replace.0), "{}", replace.0);
    format!("{HEADER}\n{}\n{empty}\n", full.replacen(replace.0, replace.1, 1))
}

fn run(initiatives: &str) -> Result<wegwijzer_publish::Publication, Vec<Issue>> {
    run_with(None, initiatives)
}

/// With `categories` as the categories sheet (else the built-in list).
fn run_with(categories: Option<&str>, initiatives: &str) -> Result<wegwijzer_publish::Publication, Vec<Issue>> {
    run_inputs(&inputs_with(categories, initiatives))
}

fn inputs_with(categories: Option<&str>, initiatives: &str) -> Inputs {
    Inputs {
        categories: categories.map(|c| Input::new("categories.csv", c)),
        initiatives: Some(Input::new("initiatives.csv", initiatives)),
        partnerships: Some(Input::new("partnerships.csv", fixture("partnerships.csv"))),
        municipalities: Some(Input::new("municipalities.csv", fixture("municipalities.csv"))),
        ..Inputs::default()
    }
}

fn run_inputs(inputs: &Inputs) -> Result<wegwijzer_publish::Publication, Vec<Issue>> {
    publish(inputs, &Options { generated_at: "2026-11-24T00:00:00Z".into(), ..Options::default() }).map_err(|r| r.errors().cloned().collect())
}

#[test]
fn every_column_is_read_and_exported_back() {
    let p = run(&csv(("", ""))).unwrap_or_else(|e| panic!("{e:?}"));
    let d = &p.built.dataset;
    let i = &d.initiatives[0];
    assert_eq!(i.opening_hours.as_deref(), Some("Mo-Fr 09:00-12:00,13:00-16:30; PH off"));
    assert_eq!(i.opening_hours_note.as_ref().unwrap().nl, "zomersluiting 15/7-15/8");
    assert_eq!(i.audience, ["ouderen", "laag-inkomen"]);
    assert_eq!(i.languages, ["nl", "fr", "ar"]);
    let access = i.accessibility.as_ref().unwrap();
    assert_eq!(access.wheelchair, Some(Wheelchair::Limited));
    assert_eq!(access.note.as_ref().unwrap().fr.as_deref(), Some("Une marche"));
    assert_eq!(i.status, Status::TemporarilyClosed);
    assert_eq!(i.alert.as_ref().unwrap().nl, "Verbouwing tot 1 maart");
    assert_eq!(i.checked_at.as_deref(), Some("2026-10-02"));
    let empty = &d.initiatives[1];
    assert!(empty.opening_hours.is_none() && empty.accessibility.is_none() && empty.status == Status::Active && empty.cost.is_none());

    // The export has every column, and reads back to the same records.
    let rows = initiatives::to_rows(&d.initiatives);
    assert_eq!(rows[0].len(), initiatives::COLUMNS.len());
    let col = |name: &str| initiatives::COLUMNS.iter().position(|c| *c == name).unwrap();
    assert_eq!(rows[0][col("wheelchair")], "limited");
    assert_eq!(rows[0][col("status")], "temporarily_closed");
    assert_eq!(rows[1][col("status")], "");
    let mut out = initiatives::COLUMNS.join(",") + "\n";
    for r in rows {
        out += &r.iter().map(|c| format!("\"{}\"", c.replace('"', "\"\""))).collect::<Vec<_>>().join(",");
        out += "\n";
    }
    let again = run(&out).unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(again.built.dataset.initiatives, d.initiatives);
}

/// Asserts one error on line 2 in `column` for which `msg` holds, and returns its English text.
fn error_at(replace: (&str, &str), column: &str, msg: &dyn Fn(&Msg) -> bool) -> String {
    let issues = run(&csv(replace)).err().unwrap_or_else(|| panic!("{replace:?} is accepted"));
    let hit = issues.iter().find(|e| e.location.line == Some(2) && e.location.column.as_ref().is_some_and(|(_, h)| h == column) && msg(&e.msg));
    let all: Vec<String> = issues.iter().map(|e| e.render(ReportLang::En)).collect();
    hit.unwrap_or_else(|| panic!("no error in column {column} for {replace:?}:\n{}", all.join("\n"))).render(ReportLang::En)
}

#[test]
fn bad_values_are_errors_at_their_line_and_column() {
    let text = error_at(("13:00-16:30; PH off", "13:00-16:30 PH off"), "opening_hours", &|m| matches!(m, Msg::Record(ProblemKind::BadOpeningHours(_, e)) if e.position == 31));
    assert!(text.contains("line 2, column J (opening_hours)"), "{text}");
    assert!(text.contains("unreadable at character 31: \"PH\" where \";\" or the end was expected (Mo-Fr 09:00-12:00,13:00-16:30 »PH off)"), "{text}");
    error_at(("nl fr ar", "nl vlaams"), "languages", &|m| matches!(m, Msg::Record(ProblemKind::UnknownLanguage(c)) if c == "vlaams"));
    let text = error_at(("ouderen laag-inkomen", "ouderen senioren"), "audience", &|m| matches!(m, Msg::UnknownAudience { value, .. } if value == "senioren"));
    assert!(text.contains("unknown target group \"senioren\""), "{text}");
    // The suggestion comes from the target groups, not from every category.
    let text = error_at(("ouderen laag-inkomen", "ouderen jongerem"), "audience", &|m| matches!(m, Msg::UnknownAudience { .. }));
    assert!(text.contains("did you mean \"jongeren\"?"), "{text}");
    // A service is not a target group (those are the rows of kind audience).
    error_at(("ouderen laag-inkomen", "fietspunt"), "audience", &|m| matches!(m, Msg::UnknownAudience { value, .. } if value == "fietspunt"));
    // `2/10/2026` is read as 2026-10-02 with a warning, like `updated_at`; this is no date.
    error_at(("2026-10-02", "2026-13-02"), "checked_at", &|m| matches!(m, Msg::BadDate(v) if v == "2026-13-02"));
    error_at(("Verbouwing tot 1 maart", ""), "alert_nl", &|m| matches!(m, Msg::Record(ProblemKind::MissingAlert)));
    error_at(("tijdelijk gesloten", "dicht"), "status", &|m| matches!(m, Msg::BadStatus(v) if v == "dicht"));
    error_at(("beperkt", "soms"), "wheelchair", &|m| matches!(m, Msg::BadWheelchair(v) if v == "soms"));
}

/// A categories sheet's rows of kind `audience` (or `doelgroep`) are the target groups: they go
/// to `audiences` in categories.json, not to its `items`, which index.json counts.
const SHEET: &str = "id,kind,label_nl\nlde,initiative_type,LDE\nfietspunt,service,Fietspunt\nklusdienst,service,Klusdienst\nouderen,doelgroep,Ouderen\nlaag-inkomen,audience,Laag inkomen\n";

#[test]
fn target_groups_come_from_the_categories_sheet_and_stay_out_of_the_items() {
    let sheet = SHEET;
    let p = run_with(Some(sheet), &csv(("", ""))).unwrap_or_else(|e| panic!("{e:?}"));
    let file = &p.files.iter().find(|(n, _)| n == "categories.json").unwrap().1;
    let json: serde_json::Value = serde_json::from_slice(file).unwrap();
    let ids = |key: &str| json[key].as_array().unwrap().iter().map(|c| c["id"].as_str().unwrap().to_string()).collect::<Vec<_>>();
    assert_eq!(ids("items"), ["lde", "fietspunt", "klusdienst"]);
    assert_eq!(ids("audiences"), ["ouderen", "laag-inkomen"]);
    assert_eq!(p.built.index.collections["categories"].count, 3);
    assert_eq!(p.built.dataset.audience("laag-inkomen").unwrap().label.nl, "Laag inkomen");

    // A target group twice, or without a Dutch label: an error at its line.
    let issues = run_with(Some(&format!("{sheet}ouderen,audience,Senioren\njongeren,audience,\n")), &csv(("", ""))).err().unwrap();
    let at = |line: usize, column: &str| issues.iter().find(|e| e.location.line == Some(line) && e.location.column.as_ref().is_some_and(|(_, h)| h == column));
    assert!(matches!(at(7, "id").map(|e| &e.msg), Some(Msg::DuplicateId { first_line: Some(5), .. })), "{issues:?}");
    assert!(matches!(at(8, "label_nl").map(|e| &e.msg), Some(Msg::Record(ProblemKind::Empty))), "{issues:?}");
}

/// Only a target group's label changes: categories.json is written again (same items, same
/// count), and the delta carries the whole new list, which the client applies.
#[test]
fn a_change_of_target_groups_goes_into_categories_json_and_the_delta() {
    let dir = std::env::temp_dir().join(format!("wegwijzer-publish-{}-audiences", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let first = run_with(Some(SHEET), &csv(("", ""))).unwrap_or_else(|e| panic!("{e:?}"));
    fsio::write_endpoint(&dir, &first.files, None).unwrap();
    let previous = fsio::read_previous(&dir).unwrap();
    assert_eq!(previous.dataset.audiences, first.built.dataset.audiences);
    let mut inputs = inputs_with(Some(&SHEET.replace("Laag inkomen", "Mensen met een laag inkomen")), &csv(("", "")));
    inputs.previous = Some(previous.clone());
    let next = run_inputs(&inputs).unwrap_or_else(|e| panic!("{e:?}"));
    let (old, new) = (&previous.index.collections["categories"], &next.built.index.collections["categories"]);
    assert_ne!(old.sha256, new.sha256);
    assert_eq!(new.count, 3);
    let delta = next.built.delta.as_ref().unwrap();
    let audiences = delta.changed.iter().find(|c| c.collection == "audiences").unwrap();
    assert_eq!((audiences.added, audiences.changed), (0, 2));
    assert!(!delta.changed.iter().any(|c| c.collection == "categories"));
    let entry = &next.built.index.changes[0];
    let bytes = &next.files.iter().find(|(n, _)| *n == entry.file).unwrap().1;
    let changes: Changes = serde_json::from_slice(bytes).unwrap();
    assert!(changes.categories.is_empty());
    assert_eq!(changes.audiences.as_ref().unwrap()[1].label.nl, "Mensen met een laag inkomen");
    let applied = apply_changes(&previous.dataset, next.built.index.clone(), entry, bytes).unwrap();
    assert_eq!(applied.audience("laag-inkomen").unwrap().label.nl, "Mensen met een laag inkomen");
    let _ = std::fs::remove_dir_all(&dir);
}
