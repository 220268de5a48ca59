//! Host tests of the publishing tool (`wegwijzer_publish`, `crates/publish/src/bin/publish.rs`): CSV dialects
//! against a golden file, one test per kind of validation problem with its line and column, the
//! export → import round trip, delta files applied by the client's own code, and what an
//! interrupted run leaves behind. Fixtures: tests/fixtures/publish/.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use wegwijzer_core::dataset::Dataset;
use serde_json::json;
use wegwijzer_core::model::{CategoryKind, Initiative, Keyed, Patch, PATCHES_FORMAT_VERSION};
use wegwijzer_publish::report::{Issue, Msg, ReportLang, Severity};
use wegwijzer_publish::endpoint::{diff, merge_diff};
use wegwijzer_publish::{export, fsio, publish, Input, Inputs, Options, Publication, Records};
use wegwijzer_core::sync::{apply_changes, merge_patch, plan_sync, SyncPlan};
use wegwijzer_core::validate::ProblemKind;

#[path = "../../core/tests/common/mod.rs"]
mod common;

mod support;
use support::{fixtures, inputs, options, text};

fn base() -> Inputs {
    inputs(&text("initiatives.csv"), &text("partnerships.csv"))
}

fn file<'a>(p: &'a Publication, name: &str) -> &'a [u8] {
    &p.files.iter().find(|(n, _)| n == name).unwrap_or_else(|| panic!("{name} not written")).1
}

/// A fresh, empty folder under the system temp folder.
fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("wegwijzer-publish-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn read_tree(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![(dir.to_path_buf(), String::new())];
    while let Some((d, prefix)) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let name = format!("{prefix}{}", e.file_name().to_string_lossy());
            if e.path().is_dir() {
                stack.push((e.path(), format!("{name}/")));
            } else {
                out.push((name, std::fs::read(e.path()).unwrap()));
            }
        }
    }
    out.sort();
    out
}

// ---------------------------------------------------------------------------------------------
// CSV dialects
// ---------------------------------------------------------------------------------------------

#[test]
fn every_csv_dialect_gives_the_golden_initiatives_file() {
    let golden_path = fixtures().join("golden-initiatives.json");
    let reference = publish(&base(), &options()).unwrap_or_else(|r| panic!("{}", r.render(ReportLang::En)));
    let produced = file(&reference, "initiatives.json").to_vec();
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&golden_path, &produced).unwrap();
    }
    let golden = std::fs::read(&golden_path).expect("golden file (UPDATE_GOLDEN=1 writes it)");
    assert_eq!(String::from_utf8_lossy(&produced), String::from_utf8_lossy(&golden));
    // The golden file itself shows the tricky cells were read right.
    let items: serde_json::Value = serde_json::from_slice(&golden).unwrap();
    assert_eq!(items["items"][0]["description"]["nl"], "Herstelt fietsen; ook \"tweedehands\" verkoop.\nOpen op weekdagen.");
    assert_eq!(items["items"][2]["name"], "Klusdienst Leuven; centrum, Naamsestraat");
    assert_eq!(items["items"][2]["point"]["lat"], 50.8798);

    let dir = fixtures().join("dialects");
    let mut names: Vec<String> = std::fs::read_dir(&dir).unwrap().flatten().map(|e| e.file_name().to_string_lossy().to_string()).collect();
    names.sort();
    assert!(names.len() >= 5, "{names:?}");
    for name in names {
        let bytes = std::fs::read(dir.join(&name)).unwrap();
        let mut i = base();
        i.initiatives = Some(Input::new(name.clone(), bytes));
        let p = publish(&i, &options()).unwrap_or_else(|r| panic!("{name}:\n{}", r.render(ReportLang::En)));
        assert_eq!(
            String::from_utf8_lossy(file(&p, "initiatives.json")),
            String::from_utf8_lossy(&golden),
            "{name} reads differently"
        );
        let not_utf8 = p.report.warnings().any(|w| w.msg == Msg::NotUtf8);
        assert_eq!(not_utf8, name.contains("1252"), "{name}: Windows-1252 warning");
    }
}

// ---------------------------------------------------------------------------------------------
// Validation: one case per kind of problem, with its line and column
// ---------------------------------------------------------------------------------------------

fn errors(i: &str, p: &str) -> Vec<Issue> {
    match publish(&inputs(i, p), &options()) {
        Ok(_) => panic!("expected errors for\n{i}\n{p}"),
        Err(r) => r.errors().cloned().collect(),
    }
}

/// Asserts one error with `msg` on `line` in column `column` of `file`.
fn expect(issues: &[Issue], file: &str, line: usize, column: Option<&str>, msg: &dyn Fn(&Msg) -> bool) {
    let found = issues.iter().any(|e| {
        e.location.file == file
            && e.location.line == Some(line)
            && column.is_none_or(|c| e.location.column.as_ref().is_some_and(|(_, h)| h == c))
            && msg(&e.msg)
    });
    let all: Vec<String> = issues.iter().map(|e| e.render(ReportLang::En)).collect();
    assert!(found, "no matching error in {file} line {line} column {column:?}; got:\n{}", all.join("\n"));
}

#[test]
fn each_initiative_problem_is_reported_at_its_line_and_column() {
    let i = text("initiatives.csv");
    let p = text("partnerships.csv");
    let f = "initiatives.csv";
    // Line 2-3: ini-1 (a description over two lines), 4: ini-2, 5: ini-3.
    let cases: Vec<(&str, &str, usize, &str, Box<dyn Fn(&Msg) -> bool>)> = vec![
        ("hergebruik-kringwinkel", "kringwinkel", 4, "services", Box::new(|m| matches!(m, Msg::UnknownCategory { value, suggestion: Some(s) } if value == "kringwinkel" && s == "hergebruik-kringwinkel"))),
        ("maatwerkbedrijf,", "fietspunt,", 4, "kind", Box::new(|m| matches!(m, Msg::Record(ProblemKind::WrongCategoryKind { .. })))),
        (",44021,", ",44099,", 4, "nis", Box::new(|m| matches!(m, Msg::Record(ProblemKind::UnknownNisCode(c)) if c == "44099"))),
        (",44021,", ",4402,", 4, "nis", Box::new(|m| matches!(m, Msg::Record(ProblemKind::BadNisCode(_))))),
        (",33021,", ",3302,", 2, "serves", Box::new(|m| matches!(m, Msg::Record(ProblemKind::BadNisCode(_))))),
        ("ini-2,", "ini-1,", 4, "id", Box::new(|m| matches!(m, Msg::DuplicateId { first_line: Some(2), .. }))),
        ("fietspunt@example.org", "fietspunt(at)example.org", 2, "email", Box::new(|m| matches!(m, Msg::Record(ProblemKind::BadEmail(_))))),
        ("016 12 34 56", "016 12", 5, "phone", Box::new(|m| matches!(m, Msg::Record(ProblemKind::BadPhone(_))))),
        ("https://example.org/fietspunt", "www.example.org/fietspunt", 2, "website", Box::new(|m| matches!(m, Msg::Record(ProblemKind::BadUrl(_))))),
        ("51.0543,3.7174", "3.7174,51.0543", 4, "lat", Box::new(|m| matches!(m, Msg::Record(ProblemKind::PointOutOfRange(..))))),
        ("51.0543,3.7174", "50.4669,4.8675", 4, "lat", Box::new(|m| matches!(m, Msg::OutsideFlanders { .. }))),
        (",Kringwinkel Gent,", ",,", 4, "name", Box::new(|m| matches!(m, Msg::Record(ProblemKind::Empty)))),
        ("\"50,8798\"", "\"50,8x\"", 5, "lat", Box::new(|m| matches!(m, Msg::BadNumber(_)))),
        (",51.0543,3.7174,", ",51.0543,,", 4, "lon", Box::new(|m| matches!(m, Msg::HalfPoint))),
        (",2026-02-01", ",2026-02-01,extra", 4, "", Box::new(|m| matches!(m, Msg::TooManyFields { .. }))),
    ];
    for (from, to, line, column, msg) in cases {
        assert!(i.contains(from), "fixture lacks {from:?}");
        let issues = errors(&i.replacen(from, to, 1), &p);
        expect(&issues, f, line, Some(column).filter(|c| !c.is_empty()), &*msg);
    }
}

#[test]
fn each_partnership_problem_is_reported_at_its_line_and_column() {
    let i = text("initiatives.csv");
    let p = text("partnerships.csv");
    let f = "partnerships.csv";
    let cases: Vec<(&str, &str, usize, &str, Box<dyn Fn(&Msg) -> bool>)> = vec![
        // Line 2: regie-westhoek (33011 33021, 2023-2025); line 3: regie-steden (2020-2022).
        (
            "\"11002, 24062\",2020,2022",
            "\"11002, 33011\",2024,2026",
            3,
            "members",
            Box::new(|m| matches!(m, Msg::TwoPartnerships { nis, other_line: Some(2), .. } if nis == "33011")),
        ),
        ("2023,2025", "2025,2023", 2, "period_from", Box::new(|m| matches!(m, Msg::Record(ProblemKind::BadPeriod(2025, 2023))))),
        ("2020,2022", "2020,twee", 3, "period_to", Box::new(|m| matches!(m, Msg::BadYear(_)))),
        (",yes\n", ",misschien\n", 2, "demo", Box::new(|m| matches!(m, Msg::BadBool(_)))),
        ("33011 33021", "", 2, "members", Box::new(|m| matches!(m, Msg::Record(ProblemKind::Empty)))),
        ("33011 33021", "33011 99999", 2, "members", Box::new(|m| matches!(m, Msg::Record(ProblemKind::UnknownNisCode(c)) if c == "99999"))),
        ("regie@example.org", "regie@", 2, "email", Box::new(|m| matches!(m, Msg::Record(ProblemKind::BadEmail(_))))),
        ("https://example.org/bron", "ftp://example.org/bron", 3, "source_url", Box::new(|m| matches!(m, Msg::Record(ProblemKind::BadUrl(_))))),
        ("regie-steden", "regie-westhoek", 3, "id", Box::new(|m| matches!(m, Msg::DuplicateId { first_line: Some(2), .. }))),
    ];
    for (from, to, line, column, msg) in cases {
        assert!(p.contains(from), "fixture lacks {from:?}");
        let issues = errors(&i, &p.replacen(from, to, 1));
        expect(&issues, f, line, Some(column), &*msg);
    }
}

#[test]
fn file_level_problems_and_warnings() {
    let i = text("initiatives.csv");
    let p = text("partnerships.csv");
    // A misspelt required column: error on the header line, the unknown name a warning that
    // names the column it probably is.
    let r = publish(&inputs(&i.replacen(",kind,", ",knd,", 1), &p), &options()).unwrap_err();
    assert!(r.errors().any(|e| e.msg == Msg::MissingColumn("kind".into()) && e.location.line == Some(1)));
    assert!(r.warnings().any(|w| w.msg == Msg::UnknownColumn { column: "knd".into(), suggestion: Some("kind".into()) }));
    // A quote that is never closed: the line where the field starts.
    let r = publish(&inputs(&format!("{i}ini-9,\"open\n"), &p), &options()).unwrap_err();
    assert!(r.errors().any(|e| e.msg == Msg::UnterminatedQuote && e.location.line == Some(6)));
    // An empty file.
    let r = publish(&inputs("", &p), &options()).unwrap_err();
    assert!(r.errors().any(|e| e.msg == Msg::EmptyFile));
    // Warnings do not block: an unknown extra column and an initiative without a point.
    let extra = i.replacen("updated_at\n", "updated_at,opmerking\n", 1).replacen(",51.0543,3.7174,", ",,,", 1);
    let ok = publish(&inputs(&extra, &p), &options()).unwrap_or_else(|r| panic!("{}", r.render(ReportLang::En)));
    assert!(ok.report.warnings().any(|w| w.msg == Msg::UnknownColumn { column: "opmerking".into(), suggestion: None }));
    assert!(ok.report.warnings().any(|w| w.msg == Msg::NoPoint && w.location.line == Some(4)));
    assert!(!ok.report.has_errors());
}

#[test]
fn the_report_reads_in_dutch_and_english() {
    let issues = errors(&text("initiatives.csv").replacen("maatwerkbedrijf,", "fietspunt,", 1), &text("partnerships.csv"));
    let e = issues.iter().find(|e| matches!(e.msg, Msg::Record(ProblemKind::WrongCategoryKind { .. }))).unwrap();
    assert_eq!(
        e.render(ReportLang::Nl),
        "initiatives.csv, regel 4, kolom C (kind): fout: categorie \"fietspunt\" is geen soort initiatief (initiative_type)"
    );
    assert_eq!(
        e.render(ReportLang::En),
        "initiatives.csv, line 4, column C (kind): error: category \"fietspunt\" is not a initiative type (initiative_type)"
    );
    assert_eq!(e.severity, Severity::Error);
}

// ---------------------------------------------------------------------------------------------
// Round trip, delta, interrupted run
// ---------------------------------------------------------------------------------------------

fn sample() -> Dataset {
    let dir = common::repo_root().join("public/data/v1");
    fsio::read_previous(&dir).expect("the sample endpoint loads").dataset
}

#[test]
fn export_then_import_gives_the_same_dataset() {
    let d = sample();
    let files = export::exports(&Records::of(&d));
    let get = |name: &str| files.iter().find(|(n, _)| n == name).unwrap().1.clone();
    let inputs = Inputs {
        categories: Some(Input::new("categories.csv", get("open-data/categories.csv"))),
        municipalities: Some(Input::new("municipalities.csv", get("open-data/municipalities.csv"))),
        partnerships: Some(Input::new("partnerships.csv", get("open-data/partnerships.csv"))),
        initiatives: Some(Input::new("initiatives.csv", get("open-data/initiatives.csv"))),
        ..Inputs::default()
    };
    let p = publish(&inputs, &options()).unwrap_or_else(|r| panic!("{}", r.render(ReportLang::En)));
    let back = &p.built.dataset;
    assert_eq!(back.categories, d.categories);
    assert_eq!(back.municipalities, d.municipalities);
    assert_eq!(back.partnerships, d.partnerships);
    assert_eq!(back.initiatives, d.initiatives);
    assert!(!d.audiences.is_empty());
    assert_eq!(back.audiences, d.audiences, "the target groups go through categories.csv (kind audience)");
    // The GeoJSON and JSON-LD exports are JSON with one entry per initiative.
    let geo: serde_json::Value = serde_json::from_slice(file(&p, "open-data/initiatives.geojson")).unwrap();
    assert_eq!(geo["features"].as_array().unwrap().len(), d.initiatives.len());
    let ld: serde_json::Value = serde_json::from_slice(file(&p, "open-data/wegwijzer.jsonld")).unwrap();
    assert_eq!(ld["@context"], "https://schema.org/");
    let graph = ld["@graph"].as_array().unwrap();
    assert_eq!(graph.iter().filter(|n| n["@type"] == "AdministrativeArea").count(), d.municipalities.len());
    assert_eq!(graph.iter().filter(|n| n["@type"] == "Organization").count(), d.initiatives.len() + d.partnerships.len());
}

fn by_key<T: Keyed + Clone>(items: &[T]) -> HashMap<String, T> {
    items.iter().map(|i| (i.key().to_string(), i.clone())).collect()
}

#[test]
fn a_second_publication_writes_a_delta_that_the_client_applies() {
    let dir = temp_dir("delta");
    let out = dir.join("v1");
    let first = publish(&base(), &options()).unwrap();
    fsio::write_endpoint(&out, &first.files, None).unwrap();
    let previous = fsio::read_previous(&out).unwrap();
    assert_eq!(previous.index.dataset_version, 1);

    // Change ini-1's phone, delete ini-2, add ini-4; partnerships unchanged.
    let i = text("initiatives.csv")
        .replacen("057 11 22 33", "057 99 88 77", 1)
        .lines()
        .filter(|l| !l.starts_with("ini-2,"))
        .collect::<Vec<_>>()
        .join("\n")
        + "\nini-4,Sociaal restaurant Brugge,lde,sociaal-restaurant,,,,Markt 4,8000,Brugge,31005,51.2093,3.2247,,,,,\n";
    let mut next_inputs = inputs(&i, &text("partnerships.csv"));
    next_inputs.previous = Some(previous.clone());
    let next = publish(&next_inputs, &Options { generated_at: "2026-12-01T10:00:00Z".into(), ..options() })
        .unwrap_or_else(|r| panic!("{}", r.render(ReportLang::En)));
    let index = &next.built.index;
    assert_eq!(index.dataset_version, 2);

    // Unchanged collections keep the previous bytes, and so their version 1.
    for name in ["categories", "municipalities", "partnerships"] {
        let entry = &index.collections[name];
        assert_eq!(entry.sha256, previous.index.collections[name].sha256, "{name} changed");
        assert_eq!(file(&next, &entry.file), previous.files[name].as_slice());
        assert!(String::from_utf8_lossy(file(&next, &entry.file)).starts_with("{\"dataset_version\":1,"));
    }
    assert!(String::from_utf8_lossy(file(&next, "initiatives.json")).starts_with("{\"dataset_version\":2,"));

    // The delta: listed in index.json, chosen by the client, and applied it gives the new data.
    assert_eq!(index.changes.len(), 1);
    let entry = &index.changes[0];
    assert_eq!((entry.from, entry.to, entry.file.as_str()), (1, 2, "changes/1-2.json"));
    assert_eq!(plan_sync(previous.dataset.index.as_ref(), index), Ok(SyncPlan::Changes(entry.clone())));
    let bytes = file(&next, &entry.file);
    let changes: wegwijzer_core::model::Changes = serde_json::from_slice(bytes).unwrap();
    assert_eq!(changes.initiatives.deletions, vec!["ini-2"]);
    let upserted: Vec<&str> = changes.initiatives.upserts.iter().map(|u| u.id.as_str()).collect();
    assert_eq!(upserted, vec!["ini-4"]);
    // ini-1's phone number changed: the delta carries only that field, not the whole record.
    assert_eq!(changes.initiatives.patches, vec![Patch { id: "ini-1".into(), merge: json!({"phone": "057 99 88 77"}) }]);
    // With patches the delta says so, so that readers from before patches do not use it.
    assert_eq!(changes.format_version, PATCHES_FORMAT_VERSION);
    // Compact JSON, one line each.
    assert!(!bytes.trim_ascii_end().contains(&b'\n'));
    assert!(!file(&next, "index.json").trim_ascii_end().contains(&b'\n'));
    assert!(changes.partnerships.is_empty() && changes.categories.is_empty() && changes.municipalities.is_empty());
    let applied = apply_changes(&previous.dataset, index.clone(), entry, bytes).unwrap();
    let new = &next.built.dataset;
    assert_eq!(by_key(&applied.initiatives), by_key(&new.initiatives));
    assert_eq!(applied.partnerships, new.partnerships);
    assert_eq!(applied.municipalities, new.municipalities);
    assert_eq!(applied.categories, new.categories);

    // Without `updated_at`, a changed record gets the publication date, a new one too, and an
    // unchanged one would keep its date.
    let map: HashMap<String, Initiative> = by_key(&new.initiatives);
    assert_eq!(map["ini-1"].updated_at, "2026-01-15", "ini-1 has its own date in the sheet");
    assert_eq!(map["ini-4"].updated_at, "2026-12-01");

    // Written over the old folder, the new publication keeps nothing stale and loads.
    fsio::write_endpoint(&out, &next.files, None).unwrap();
    let again = fsio::read_previous(&out).unwrap();
    assert_eq!(again.index.dataset_version, 2);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn merge_diff_gives_only_what_changed_and_merges_back_to_the_new_record() {
    let old = json!({"id": "a", "name": "Oud", "address": {"street": "Markt 1", "postcode": "8000"}, "services": ["x", "y"], "phone": "1"});
    let new = json!({"id": "a", "name": "Nieuw", "address": {"street": "Markt 2", "postcode": "8000"}, "services": ["x"], "email": "a@b.be"});
    let patch = merge_diff(&old, &new);
    // Nested objects member by member, arrays whole, a removed member as null.
    assert_eq!(patch, json!({"name": "Nieuw", "address": {"street": "Markt 2"}, "services": ["x"], "phone": null, "email": "a@b.be"}));
    let mut merged = old.clone();
    merge_patch(&mut merged, &patch);
    assert_eq!(merged, new);
    assert_eq!(merge_diff(&old, &old), json!({}));
    assert_eq!(merge_diff(&old, &json!(["not", "an", "object"])), json!(["not", "an", "object"]));
}

#[test]
fn a_changed_record_goes_as_a_patch_when_that_is_smaller_than_the_record() {
    let d = sample();
    let old = d.initiatives[..4].to_vec();
    let mut new = old.clone();
    new[1].name = "Nieuwe naam".into();
    new[1].updated_at = "2026-12-01".into();
    new.remove(2);
    let mut added = old[3].clone();
    added.id = "nieuw".into();
    new.push(added);
    let changes = diff(&old, &new);
    assert_eq!(changes.patches, vec![Patch { id: old[1].id.clone(), merge: json!({"name": "Nieuwe naam", "updated_at": "2026-12-01"}) }]);
    assert_eq!(changes.upserts.iter().map(|u| u.id.as_str()).collect::<Vec<_>>(), vec!["nieuw"]);
    assert_eq!(changes.deletions, vec![old[2].id.clone()]);

    // A category with every field changed: the patch would be longer, the record goes whole.
    // (Without keywords: a patch of four fields is shorter than a record with its vocabulary.)
    let mut old = d.categories[..1].to_vec();
    old[0].keywords = Default::default();
    let mut new = old.clone();
    new[0].label = wegwijzer_core::model::Text::nl("Anders");
    new[0].group = if old[0].group.is_some() { None } else { Some("x".into()) };
    new[0].kind = match old[0].kind {
        CategoryKind::Service => CategoryKind::InitiativeType,
        CategoryKind::InitiativeType => CategoryKind::Service,
    };
    let changes = diff(&old, &new);
    assert!(changes.patches.is_empty());
    assert_eq!(changes.upserts, new);
}

#[test]
fn an_interrupted_run_leaves_the_old_endpoint_intact() {
    let dir = temp_dir("interrupted");
    let out = dir.join("v1");
    let first = publish(&base(), &options()).unwrap();
    fsio::write_endpoint(&out, &first.files, None).unwrap();
    let before = read_tree(&out);

    let mut changed = base();
    changed.initiatives = Some(Input::new("i.csv", text("initiatives.csv").replacen("Fietspunt Ieper", "Fietspunt Ieper-centrum", 1)));
    changed.previous = Some(fsio::read_previous(&out).unwrap());
    let second = publish(&changed, &options()).unwrap();
    assert!(second.files.len() > 4);

    // 1. The write fails after three files: the old endpoint is untouched, nothing is left over.
    let err = fsio::write_endpoint(&out, &second.files, Some(3)).unwrap_err();
    assert!(err.contains("interrupted"), "{err}");
    assert_eq!(read_tree(&out), before);
    let leftovers: Vec<String> = std::fs::read_dir(&dir).unwrap().flatten().map(|e| e.file_name().to_string_lossy().to_string()).collect();
    assert_eq!(leftovers, vec!["v1"]);

    // 2. The process was killed while writing: a half-written temporary folder of a dead process.
    //    The endpoint is still the old one, and the next run removes the folder.
    let dead = "4294967295"; // above any pid_max
    let tmp = dir.join(format!(".v1.tmp-{dead}"));
    std::fs::create_dir(&tmp).unwrap();
    std::fs::write(tmp.join("categories.json"), b"{\"dataset_version\":2,").unwrap();
    assert_eq!(read_tree(&out), before);
    fsio::recover(&out).unwrap();
    assert!(!tmp.exists());

    // 3. Killed between moving the old folder aside and moving the new one in: the next run puts
    //    the old one back before it reads anything.
    let aside = dir.join(format!(".v1.old-{dead}"));
    std::fs::rename(&out, &aside).unwrap();
    std::fs::create_dir(dir.join(format!(".v1.tmp-{dead}"))).unwrap();
    let done = fsio::recover(&out).unwrap();
    assert!(!done.is_empty());
    assert_eq!(read_tree(&out), before);
    assert!(!aside.exists());

    // A complete run then replaces it in one step.
    fsio::write_endpoint(&out, &second.files, None).unwrap();
    assert_eq!(fsio::read_previous(&out).unwrap().index.dataset_version, 2);
    let _ = std::fs::remove_dir_all(&dir);
}

// ---------------------------------------------------------------------------------------------
// The command line
// ---------------------------------------------------------------------------------------------

#[test]
fn the_command_exits_non_zero_on_errors_and_writes_nothing() {
    let dir = temp_dir("cli");
    let bad = dir.join("bad.csv");
    std::fs::write(&bad, text("initiatives.csv").replacen("fietspunt@example.org", "fietspunt@", 1)).unwrap();
    let out = dir.join("endpoint");
    let run = |initiatives: &Path, lang: &str| {
        std::process::Command::new(env!("CARGO_BIN_EXE_publish"))
            .arg("--initiatives")
            .arg(initiatives)
            .arg("--partnerships")
            .arg(fixtures().join("partnerships.csv"))
            .arg("--municipalities")
            .arg(fixtures().join("municipalities.csv"))
            .args(["--generated-at", "2026-11-24T00:00:00Z", "--lang", lang, "--out"])
            .arg(&out)
            .output()
            .unwrap()
    };
    let r = run(&bad, "nl");
    assert_eq!(r.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&r.stderr);
    assert!(stderr.contains("regel 2, kolom O (email): fout: \"fietspunt@\" is geen geldig e-mailadres"), "{stderr}");
    assert!(!out.exists());

    let r = run(&fixtures().join("initiatives.csv"), "en");
    assert_eq!(r.status.code(), Some(0), "{}", String::from_utf8_lossy(&r.stderr));
    assert!(String::from_utf8_lossy(&r.stdout).contains("version 1: 25 categories, 8 target groups, "));
    assert_eq!(fsio::read_previous(&out).unwrap().dataset.initiatives.len(), 3);

    // Run again on the same folder: it becomes the previous version, with a delta.
    let r = run(&fixtures().join("initiatives.csv"), "en");
    assert_eq!(r.status.code(), Some(0));
    let index = fsio::read_previous(&out).unwrap().index;
    assert_eq!(index.dataset_version, 2);
    assert_eq!(index.changes[0].file, "changes/1-2.json");
    let _ = std::fs::remove_dir_all(&dir);
}

// ---------------------------------------------------------------------------------------------
// Municipalities of a period: the built-in list carries the former ones
// ---------------------------------------------------------------------------------------------

const PARTNERSHIP_HEADER: &str = "id,name,members,period_from,period_to,organisation,address,phone,email,website,source_url,demo\n";
const NO_INITIATIVES: &str = "id,name,kind,services,street,postcode,locality,nis,lat,lon,updated_at\n";

/// Two spreadsheets and nothing else: the built-in municipalities (no --municipalities).
fn with_builtin_municipalities(partnerships: &str) -> Result<Publication, wegwijzer_publish::report::Report> {
    let inputs = Inputs {
        initiatives: Some(Input::new("initiatives.csv", NO_INITIATIVES)),
        partnerships: Some(Input::new("partnerships.csv", format!("{PARTNERSHIP_HEADER}{partnerships}"))),
        ..Inputs::default()
    };
    publish(&inputs, &options())
}

#[test]
fn a_partnership_may_name_the_municipalities_of_its_own_period() {
    // Zuid-Oost-Limburg, 2020-2025: Bilzen (73006) and Tongeren (73083) merged on 1 January 2025.
    let p = with_builtin_municipalities("zol,Zuid-Oost-Limburg,73006 73083 73066 73109,2020,2025,,,,,,,no\n")
        .unwrap_or_else(|r| panic!("{}", r.render(ReportLang::En)));
    let d = &p.built.dataset;
    assert_eq!(d.municipalities.iter().filter(|m| m.is_current()).count(), 285);
    let bilzen = d.municipality("73006").expect("Bilzen, a former municipality");
    assert_eq!((bilzen.ceased.as_deref(), bilzen.merged_into.as_deref()), (Some("2025-01-01"), Some("73110")));
    assert_eq!(d.municipality("73110").and_then(|m| m.formed.as_deref()), Some("2025-01-01"));
    assert_eq!(d.municipality("11002").and_then(|m| m.formed.as_deref()), None, "Antwerpen kept its code");
    assert_eq!(d.partnerships[0].members, ["73006", "73083", "73066", "73109"]);
}

/// The app shows the day the population counts refer to: the built-in list's (Statbel, 1 January
/// 2020), the one given, or none for a list that does not say.
#[test]
fn the_population_date_is_the_built_in_lists_or_the_one_given() {
    let p = with_builtin_municipalities("").unwrap_or_else(|r| panic!("{}", r.render(ReportLang::En)));
    assert_eq!(p.built.index.population_date.as_deref(), Some("2020-01-01"));
    let given = Options { population_date: Some("2024-01-01".into()), ..options() };
    let inputs = Inputs { initiatives: Some(Input::new("initiatives.csv", NO_INITIATIVES)), ..Inputs::default() };
    assert_eq!(publish(&inputs, &given).unwrap().built.index.population_date.as_deref(), Some("2024-01-01"));
    let own_list = support::inputs(NO_INITIATIVES, PARTNERSHIP_HEADER);
    assert_eq!(publish(&own_list, &options()).unwrap().built.index.population_date, None);
}

#[test]
fn a_code_that_never_existed_is_an_error_with_its_line_and_column() {
    let r = with_builtin_municipalities(
        "zol,Zuid-Oost-Limburg,73006 73083,2020,2025,,,,,,,no\nhaspengouw,Haspengouw,73001 73999,2020,2025,,,,,,,no\n",
    )
    .expect_err("73999 is no municipality");
    let errors: Vec<&Issue> = r.issues.iter().filter(|i| i.severity == Severity::Error).collect();
    assert_eq!(errors.len(), 1, "{}", r.render(ReportLang::En));
    assert_eq!(errors[0].location.file, "partnerships.csv");
    assert_eq!(errors[0].location.line, Some(3));
    assert_eq!(errors[0].location.column.as_ref().map(|c| c.1.as_str()), Some("members"));
    assert!(matches!(&errors[0].msg, Msg::Record(ProblemKind::UnknownNisCode(c)) if c == "73999"));
}

/// A municipality claimed by two sources: the row whose evidence lost lists it under `excluded`;
/// the publication succeeds and the report names both partnerships.
#[test]
fn an_excluded_member_is_reported_with_the_partnership_that_has_it() {
    let header = "id,name,members,period_from,period_to,excluded\n";
    let rows = "w13,W13,34022 33029,2020,2025,\nwesthoek,Westhoek,33011,2020,2025,33029\nkust,Kust,35002,2020,2025,38002\n";
    let inputs = Inputs {
        initiatives: Some(Input::new("initiatives.csv", NO_INITIATIVES)),
        partnerships: Some(Input::new("partnerships.csv", format!("{header}{rows}"))),
        ..Inputs::default()
    };
    let p = publish(&inputs, &options()).unwrap_or_else(|r| panic!("{}", r.render(ReportLang::En)));
    let warnings: Vec<&Issue> = p.report.issues.iter().filter(|i| i.severity == Severity::Warning).collect();
    assert_eq!(warnings.len(), 2, "{}", p.report.render(ReportLang::En));
    assert_eq!((warnings[0].location.line, warnings[0].location.column.as_ref().map(|c| c.1.as_str())), (Some(3), Some("excluded")));
    assert!(matches!(&warnings[0].msg, Msg::ExcludedInOther { nis, name, other, other_line: Some(2) }
        if nis == "33029" && name == "Westhoek" && other == "W13"));
    let text = p.report.render(ReportLang::En);
    assert!(text.contains("municipality 33029 is named by the source of \"Westhoek\" and is a member of \"W13\" (line 2)"), "{text}");
    // Excluded but in no other partnership: said too, the municipality stays out.
    assert!(matches!(&warnings[1].msg, Msg::ExcludedNowhere { nis, name } if nis == "38002" && name == "Kust"));
    let westhoek = p.built.dataset.partnerships.iter().find(|x| x.id == "westhoek").unwrap();
    assert_eq!(westhoek.members, ["33011"]);

    // A code that is no municipality, or one in both lists, is an error with its line.
    let inputs = Inputs {
        partnerships: Some(Input::new("partnerships.csv", format!("{header}a,A,33011,2020,2025,33999\nb,B,34022,2020,2025,34022\n"))),
        ..inputs
    };
    let r = publish(&inputs, &options()).expect_err("bad excluded codes");
    let errors: Vec<(Option<usize>, &Msg)> =
        r.issues.iter().filter(|i| i.severity == Severity::Error).map(|i| (i.location.line, &i.msg)).collect();
    assert!(matches!(errors[..], [(Some(2), Msg::UnknownMunicipality(_)), (Some(3), Msg::ExcludedMember(_))]), "{}", r.render(ReportLang::En));
}

#[test]
fn a_merger_file_adds_the_former_municipalities_to_a_given_list() {
    // A list of today's municipalities only, as a publisher keeps it, and the merger table.
    let list = "nis,name_nl,province\n11002,Antwerpen,10000\n44087,Lochristi,40000\n44021,Gent,40000\n";
    let mergers = "Antwerpen (11002) + Borsbeek (11007),\tAntwerpen (11002)\nLochristi (44034) + Wachtebeke (44073),\tLochristi (44087)\n";
    let inputs = Inputs {
        initiatives: Some(Input::new("initiatives.csv", NO_INITIATIVES)),
        partnerships: Some(Input::new("partnerships.csv", format!("{PARTNERSHIP_HEADER}m,Meetjesland,44073 44021,2020,2025,,,,,,,no\n"))),
        municipalities: Some(Input::new("municipalities.csv", list)),
        mergers: Some(Input::new("mergers.csv", mergers)),
        ..Inputs::default()
    };
    let p = publish(&inputs, &options()).unwrap_or_else(|r| panic!("{}", r.render(ReportLang::En)));
    let d = &p.built.dataset;
    let codes: Vec<(&str, Option<&str>)> = d.municipalities.iter().map(|m| (m.nis.as_str(), m.merged_into.as_deref())).collect();
    assert_eq!(
        codes,
        [("11002", None), ("11007", Some("11002")), ("44021", None), ("44034", Some("44087")), ("44073", Some("44087")), ("44087", None)]
    );
    // Names of former municipalities come from the built-in list.
    assert_eq!(d.municipality("44073").unwrap().name.nl, "Wachtebeke");
    assert_eq!(d.municipality("44087").unwrap().formed.as_deref(), Some("2025-01-01"));
}

// ---------------------------------------------------------------------------------------------
// Provenance per partnership, completeness and reported totals per period
// ---------------------------------------------------------------------------------------------

const PROVENANCE_HEADER: &str = "id,name,members,period_from,period_to,source_url,source_read,confidence,source_note\n";

#[test]
fn provenance_and_periods_reach_the_endpoint_and_bad_values_are_reported_where_they_are() {
    let partnerships = format!(
        "{PROVENANCE_HEADER}maasland,Maasland,72020 72021,2020,2025,https://example.org/maasland,2025-03-12,published,\n\
         westhoek,Westhoek,33011,2020,2025,https://example.org/westhoek,2025-03-12,derived,Afgeleid uit de arrondissementen\n"
    );
    let periods = "period,complete,regisseurs,municipalities_covered,municipalities_total,share_population_pct,source,source_url\n\
                   2020-2025,no,37,238,300,~89,\"socialeeconomie.be, 8 april 2020\",https://www.socialeeconomie.be/nieuws\n";
    let inputs = Inputs {
        initiatives: Some(Input::new("initiatives.csv", NO_INITIATIVES)),
        partnerships: Some(Input::new("partnerships.csv", partnerships.clone())),
        periods: Some(Input::new("periods.csv", periods)),
        ..Inputs::default()
    };
    let p = publish(&inputs, &options()).unwrap_or_else(|r| panic!("{}", r.render(ReportLang::En)));
    let index: serde_json::Value = serde_json::from_slice(file(&p, "index.json")).unwrap();
    assert_eq!(
        index["periods"],
        json!([{"from": 2020, "to": 2025, "complete": false, "reported": {"partnerships": 37, "municipalities_covered": 238,
            "municipalities_total": 300, "population_share_pct": {"value": 89.0, "approximate": true},
            "source": "socialeeconomie.be, 8 april 2020", "source_url": "https://www.socialeeconomie.be/nieuws"}}])
    );
    let d = &p.built.dataset;
    assert_eq!(d.index.as_ref().unwrap().periods.len(), 1, "the app reads what was written");
    let w = &d.partnerships[1];
    assert_eq!((w.source_read.as_deref(), w.confidence), (Some("2025-03-12"), Some(wegwijzer_core::model::Confidence::Derived)));
    assert_eq!(w.source_note.as_deref(), Some("Afgeleid uit de arrondissementen"));

    // An unknown confidence and a date that is not YYYY-MM-DD: errors at their line and column.
    let bad = partnerships.replace("published", "high").replace("2025-03-12,derived", "12/03/2025,derived");
    let r = publish(&Inputs { partnerships: Some(Input::new("partnerships.csv", bad)), ..inputs.clone() }, &options())
        .expect_err("bad provenance");
    let errors: Vec<(Option<usize>, Option<&str>)> = r
        .issues
        .iter()
        .filter(|i| i.severity == Severity::Error)
        .map(|i| (i.location.line, i.location.column.as_ref().map(|c| c.1.as_str())))
        .collect();
    assert_eq!(errors, vec![(Some(2), Some("confidence")), (Some(3), Some("source_read"))], "{}", r.render(ReportLang::En));
}
