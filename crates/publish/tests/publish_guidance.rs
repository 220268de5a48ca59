//! Host tests of the publishing tool's guidance (issue 18): every message a data officer can
//! get for a typed field, a value that would not be published, a misnamed column or category,
//! a file that is not CSV, values inherited from a sample publication, system errors and the
//! change summary, with its exact text in Dutch and English. Fixtures: tests/fixtures/publish/.
#![cfg(not(target_arch = "wasm32"))]

#[path = "../../core/tests/common/mod.rs"]
mod common;

use wegwijzer_publish::report::{Issue, ReportLang, Severity};
use wegwijzer_publish::summary::describe_changes;
use wegwijzer_publish::{export, fsio, publish, Input, Inputs, Options, Publication};

mod support;
use support::{fixtures, inputs, options, text};

/// The rendered issues of a run (errors and warnings) in both languages.
fn rendered(result: &Result<Publication, wegwijzer_publish::report::Report>) -> (Vec<String>, Vec<String>) {
    let issues: Vec<&Issue> = match result {
        Ok(p) => p.report.issues.iter().collect(),
        Err(r) => r.issues.iter().collect(),
    };
    (issues.iter().map(|i| i.render(ReportLang::Nl)).collect(), issues.iter().map(|i| i.render(ReportLang::En)).collect())
}

/// Asserts that the run reports exactly `nl` and `en` (same order), nothing else.
fn assert_report(result: &Result<Publication, wegwijzer_publish::report::Report>, nl: &[&str], en: &[&str]) {
    let (got_nl, got_en) = rendered(result);
    assert_eq!(got_nl, nl);
    assert_eq!(got_en, en);
}

fn with_initiatives(from: &str, to: &str) -> Result<Publication, wegwijzer_publish::report::Report> {
    let i = text("initiatives.csv");
    assert!(i.contains(from), "fixture lacks {from:?}");
    publish(&inputs(i.replacen(from, to, 1), text("partnerships.csv")), &options())
}

#[test]
fn a_date_that_is_not_one_is_an_error_at_its_line_and_column() {
    for bad in ["vorige week", "2026-13-45", "2026-02-30", "15/13/2026"] {
        let r = with_initiatives(",2026-02-01", &format!(",{bad}"));
        assert!(r.is_err(), "{bad} was published");
        assert_report(
            &r,
            &[&format!("initiatives.csv, regel 4, kolom R (updated_at): fout: \"{bad}\" is geen datum: schrijf jaar-maand-dag, bv. 2026-01-15")],
            &[&format!("initiatives.csv, line 4, column R (updated_at): error: \"{bad}\" is not a date: write year-month-day, e.g. 2026-01-15")],
        );
    }
}

#[test]
fn a_belgian_day_month_year_date_is_read_with_a_warning() {
    let r = with_initiatives(",2026-02-01", ",15/01/2026");
    assert_report(
        &r,
        &["initiatives.csv, regel 4, kolom R (updated_at): waarschuwing: \"15/01/2026\" gelezen als dag/maand/jaar: 2026-01-15; schrijf liever 2026-01-15"],
        &["initiatives.csv, line 4, column R (updated_at): warning: \"15/01/2026\" read as day/month/year: 2026-01-15; preferably write 2026-01-15"],
    );
    let p = r.unwrap();
    let ini2 = p.built.dataset.initiatives.iter().find(|i| i.id == "ini-2").unwrap();
    assert_eq!(ini2.updated_at, "2026-01-15");
    // Also with dots and dashes, and a leap day.
    for (raw, iso) in [("29.02.2028", "2028-02-29"), ("1-3-2026", "2026-03-01")] {
        let p = with_initiatives(",2026-02-01", &format!(",{raw}")).unwrap();
        assert_eq!(p.built.dataset.initiatives.iter().find(|i| i.id == "ini-2").unwrap().updated_at, iso);
    }
}

#[test]
fn a_translation_without_a_dutch_description_is_not_dropped_silently() {
    // ini-2 (line 4) has no description_nl; a French one alone would never be published.
    let r = with_initiatives("hergebruik-kringwinkel,,,,", "hergebruik-kringwinkel,,Magasin de seconde main,Second-hand shop,");
    assert!(r.is_err());
    assert_report(
        &r,
        &[
            "initiatives.csv, regel 4, kolom F (description_fr): fout: \"description_fr\" is ingevuld maar wordt alleen gepubliceerd met \"description_nl\", dat leeg is: vul \"description_nl\" in",
            "initiatives.csv, regel 4, kolom G (description_en): fout: \"description_en\" is ingevuld maar wordt alleen gepubliceerd met \"description_nl\", dat leeg is: vul \"description_nl\" in",
        ],
        &[
            "initiatives.csv, line 4, column F (description_fr): error: \"description_fr\" is filled in but is only published with \"description_nl\", which is empty: fill in \"description_nl\"",
            "initiatives.csv, line 4, column G (description_en): error: \"description_en\" is filled in but is only published with \"description_nl\", which is empty: fill in \"description_nl\"",
        ],
    );
}

#[test]
fn dutch_column_names_are_accepted_and_unknown_ones_name_the_expected_column() {
    let i = text("initiatives.csv");
    let dutch = i.replacen("id,name,kind,services,description_nl,", "id,Naam,soort,diensten,beschrijving,", 1);
    let p = publish(&inputs(dutch, text("partnerships.csv")), &options()).unwrap();
    assert!(p.report.issues.is_empty(), "{}", p.report.render(ReportLang::En));
    let base = publish(&inputs(i.clone(), text("partnerships.csv")), &options()).unwrap();
    assert_eq!(p.built.dataset.initiatives, base.built.dataset.initiatives);

    let r = publish(&inputs(i.replacen(",street,", ",stret,", 1), text("partnerships.csv")), &options());
    assert_report(
        &r,
        &["initiatives.csv, regel 1, kolom H (stret): waarschuwing: onbekende kolom \"stret\" wordt genegeerd; bedoelt u \"street\"?"],
        &["initiatives.csv, line 1, column H (stret): warning: unknown column \"stret\" is ignored; did you mean \"street\"?"],
    );
    let r = publish(&inputs(i.replacen("updated_at\n", "updated_at,opmerking\n", 1), text("partnerships.csv")), &options());
    assert_report(
        &r,
        &["initiatives.csv, regel 1, kolom S (opmerking): waarschuwing: onbekende kolom \"opmerking\" wordt genegeerd (zie docs/publishing.md voor de kolommen)"],
        &["initiatives.csv, line 1, column S (opmerking): warning: unknown column \"opmerking\" is ignored (see docs/publishing.md for the columns)"],
    );
}

#[test]
fn an_unknown_category_suggests_the_nearest_id_and_how_to_list_them() {
    let r = with_initiatives("Naamsestraat\",lde,", "Naamsestraat\",LDE,");
    assert_report(
        &r,
        &["initiatives.csv, regel 5, kolom C (kind): fout: onbekende categorie \"LDE\"; bedoelt u \"lde\"? Alle categorieën: publish --list categories"],
        &["initiatives.csv, line 5, column C (kind): error: unknown category \"LDE\"; did you mean \"lde\"? All categories: publish --list categories"],
    );
    let r = with_initiatives("hergebruik-kringwinkel,", "kringwinkel,");
    assert_report(
        &r,
        &["initiatives.csv, regel 4, kolom D (services): fout: onbekende categorie \"kringwinkel\"; bedoelt u \"hergebruik-kringwinkel\"? Alle categorieën: publish --list categories"],
        &["initiatives.csv, line 4, column D (services): error: unknown category \"kringwinkel\"; did you mean \"hergebruik-kringwinkel\"? All categories: publish --list categories"],
    );
    let r = with_initiatives("hergebruik-kringwinkel,", "bakkerij,");
    assert_report(
        &r,
        &["initiatives.csv, regel 4, kolom D (services): fout: onbekende categorie \"bakkerij\". Alle categorieën: publish --list categories"],
        &["initiatives.csv, line 4, column D (services): error: unknown category \"bakkerij\". All categories: publish --list categories"],
    );
}

#[test]
fn a_shifted_row_gives_one_error_and_no_values_the_user_never_typed() {
    // An unquoted ";" in a member list of a ";" file shifts the years one column on.
    let p = "id;name;members;period_from;period_to\nregie-x;Regie X;33011;11002;2023;2025\n";
    let r = publish(&inputs(text("initiatives.csv"), p), &options());
    assert_report(
        &r,
        &["partnerships.csv, regel 2: fout: 6 velden, maar de kopregel heeft er 5: staat er een \";\" in een cel zonder aanhalingstekens? Zet zo'n cel tussen \"\" of gebruik spaties; deze regel is verder niet gecontroleerd"],
        &["partnerships.csv, line 2: error: 6 fields, but the header has 5: is there a \";\" in a cell without quotes? Put such a cell in \"\" or use spaces; this line was not checked further"],
    );
    // A year that cannot be read is reported once, not again as "period 0-2025".
    let p = text("partnerships.csv").replacen("2023,2025", ",2025", 1);
    let r = publish(&inputs(text("initiatives.csv"), p), &options());
    assert_report(
        &r,
        &["partnerships.csv, regel 2, kolom D (period_from): fout: mag niet leeg zijn"],
        &["partnerships.csv, line 2, column D (period_from): error: must not be empty"],
    );
}

#[test]
fn a_workbook_or_web_page_says_so_and_how_to_save_as_csv() {
    let xlsx = b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00[Content_Types].xml".to_vec();
    let r = publish(&inputs(xlsx, text("partnerships.csv")), &options());
    assert_report(
        &r,
        &["initiatives.csv: fout: dit is een Excel-werkmap (.xlsx), geen CSV-bestand. Open het in uw rekenblad en kies Bestand > Opslaan als > \"CSV UTF-8 (gescheiden door lijstscheidingsteken)\" (LibreOffice: \"Tekst CSV\", tekenset Unicode (UTF-8))"],
        &["initiatives.csv: error: this is an Excel workbook (.xlsx), not a CSV file. Open it in your spreadsheet and choose File > Save As > \"CSV UTF-8 (Comma delimited)\" (LibreOffice: \"Text CSV\", character set Unicode (UTF-8))"],
    );
    let ods = b"PK\x03\x04\x14\x00\x00\x08\x00\x00mimetypeapplication/vnd.oasis.opendocument.spreadsheetPK".to_vec();
    let (nl, en) = rendered(&publish(&inputs(ods, text("partnerships.csv")), &options()));
    assert_eq!(nl.len(), 1);
    assert!(nl[0].starts_with("initiatives.csv: fout: dit is een OpenDocument-rekenblad (.ods), geen CSV-bestand."), "{}", nl[0]);
    assert!(en[0].starts_with("initiatives.csv: error: this is an OpenDocument spreadsheet (.ods), not a CSV file."), "{}", en[0]);
    let html = "<!DOCTYPE html>\n<html><body><table><tr><td>id</td></tr></table></body></html>";
    let (nl, en) = rendered(&publish(&inputs(text("initiatives.csv"), html), &options()));
    assert_eq!(nl.len(), 1);
    assert!(nl[0].starts_with("partnerships.csv: fout: dit is een webpagina (HTML), geen CSV-bestand."), "{}", nl[0]);
    assert!(en[0].starts_with("partnerships.csv: error: this is a web page (HTML), not a CSV file."), "{}", en[0]);
}

#[test]
fn values_inherited_from_a_sample_publication_are_announced() {
    let sample = fsio::read_previous(&common::repo_root().join("public/data/v1")).unwrap();
    assert!(sample.index.sample);
    let mut given = inputs(text("initiatives.csv"), text("partnerships.csv"));
    given.previous = Some(sample.clone());
    let r = publish(&given, &options());
    let n = sample.dataset.sources.len();
    assert_report(
        &r,
        &[
            "--previous: waarschuwing: de uitgever \"Wegwijzer Sociale Economie (voorbeeldgegevens)\" komt uit de vorige publicatie, die voorbeeldgegevens bevat; geef --publisher \"naam van uw organisatie\"",
            &format!("--previous: waarschuwing: de {n} bron(nen) komen uit de vorige publicatie, die voorbeeldgegevens bevat; geef --sources bronnen.csv met uw eigen bronnen"),
        ],
        &[
            "--previous: warning: the publisher \"Wegwijzer Sociale Economie (voorbeeldgegevens)\" comes from the previous publication, which holds sample data; give --publisher \"your organisation's name\"",
            &format!("--previous: warning: the {n} source(s) come from the previous publication, which holds sample data; give --sources sources.csv with your own sources"),
        ],
    );
    // With both overridden, nothing to announce.
    given.sources = Some(Input::new("sources.csv", "name,url,licence,used_for\nStatbel,https://statbel.fgov.be,CC BY 4.0,gemeenten\n"));
    let p = publish(&given, &Options { publisher: Some("Stad Gent".into()), ..options() }).unwrap();
    assert!(p.report.issues.is_empty(), "{}", p.report.render(ReportLang::En));
    assert_eq!(p.built.index.publisher, "Stad Gent");
}

#[test]
fn the_change_summary_counts_a_renamed_record_as_changed() {
    let dir = std::env::temp_dir().join(format!("wegwijzer-guidance-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let out = dir.join("v1");
    let first = publish(&inputs(text("initiatives.csv"), text("partnerships.csv")), &options()).unwrap();
    fsio::write_endpoint(&out, &first.files, None).unwrap();
    let mut next = inputs(
        text("initiatives.csv").replacen("Kringwinkel Gent", "Kringwinkel Gent-Centrum", 1)
            + "ini-4,Sociaal restaurant Brugge,lde,sociaal-restaurant,,,,Markt 4,8000,Brugge,31005,51.2093,3.2247,,,,,\n",
        text("partnerships.csv"),
    );
    next.previous = Some(fsio::read_previous(&out).unwrap());
    let p = publish(&next, &options()).unwrap();
    let delta = p.built.delta.as_ref().unwrap();
    assert_eq!(
        describe_changes(delta, &p.built.unchanged, ReportLang::Nl),
        "wijzigingen 1→2: initiatives 1 nieuw, 1 gewijzigd; ongewijzigd (bestand behouden): categories, municipalities, partnerships"
    );
    assert_eq!(
        describe_changes(delta, &p.built.unchanged, ReportLang::En),
        "changes 1→2: initiatives 1 new, 1 changed; unchanged (file kept): categories, municipalities, partnerships"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_excel_dialect_export_opens_in_belgian_excel_and_reads_back() {
    let p = publish(&inputs(text("initiatives.csv"), text("partnerships.csv")), &options()).unwrap();
    let get = |name: &str| p.files.iter().find(|(n, _)| n == name).unwrap_or_else(|| panic!("{name}")).1.clone();
    let excel = get("open-data/excel/initiatives.csv");
    assert!(excel.starts_with(b"\xEF\xBB\xBFid;name;kind;"), "{:?}", String::from_utf8_lossy(&excel[..40]));
    let body = String::from_utf8(excel.clone()).unwrap();
    assert!(body.contains(";50,8478;2,8772;"), "decimal commas: {body}");
    // Read back by the tool: the same records as the ordinary export.
    let back = Inputs {
        initiatives: Some(Input::new("initiatives.csv", excel)),
        partnerships: Some(Input::new("partnerships.csv", get("open-data/excel/partnerships.csv"))),
        municipalities: Some(Input::new("municipalities.csv", get("open-data/excel/municipalities.csv"))),
        categories: Some(Input::new("categories.csv", get("open-data/excel/categories.csv"))),
        ..Inputs::default()
    };
    let again = publish(&back, &options()).unwrap_or_else(|r| panic!("{}", r.render(ReportLang::En)));
    assert_eq!(again.built.dataset.initiatives, p.built.dataset.initiatives);
    assert_eq!(again.built.dataset.municipalities, p.built.dataset.municipalities);
    assert_eq!(again.built.dataset.partnerships, p.built.dataset.partnerships);
    let _ = export::excel_csv; // the function the files come from
}

// ---------------------------------------------------------------------------------------------
// The command: system errors in the report's language, in plain words
// ---------------------------------------------------------------------------------------------

fn run(args: &[&str]) -> (Option<i32>, String, String) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_publish")).args(args).output().unwrap();
    (out.status.code(), String::from_utf8_lossy(&out.stdout).into_owned(), String::from_utf8_lossy(&out.stderr).into_owned())
}

#[test]
fn a_mistyped_option_suggests_the_right_one_in_the_report_language() {
    let (code, _, err) = run(&["--initiative", "i.csv", "--lang", "en"]);
    assert_eq!(code, Some(2));
    assert_eq!(err, "publish: unknown option \"--initiative\"; did you mean --initiatives? (publish --help lists every option)\n");
    let (code, _, err) = run(&["--initiative", "i.csv"]);
    assert_eq!(code, Some(2));
    assert_eq!(err, "publish: onbekende optie \"--initiative\"; bedoelt u --initiatives? (publish --help toont alle opties)\n");
    let (_, _, err) = run(&["--check", "--lang", "en", "--dataset-version", "twee"]);
    assert_eq!(err, "publish: --dataset-version: \"twee\" is not a number\n");
    let (_, _, err) = run(&["--initiatives", "i.csv"]);
    assert_eq!(err, "publish: --out ontbreekt: geef de map waarin de publicatie komt (of --check om alleen te controleren)\n");
}

#[test]
fn a_missing_file_and_an_unusable_output_folder_are_said_plainly() {
    let p = fixtures().join("partnerships.csv");
    let m = fixtures().join("municipalities.csv");
    let (p, m) = (p.to_str().unwrap(), m.to_str().unwrap());
    let (code, _, err) = run(&["--initiatives", "geen-bestand.csv", "--partnerships", p, "--municipalities", m, "--check"]);
    assert_eq!(code, Some(2));
    assert_eq!(err, "geen-bestand.csv: fout: bestand niet gevonden: controleer de naam en de map\n1 fout(en), 0 waarschuwing(en).\n");
    let (_, _, err) = run(&["--initiatives", "geen-bestand.csv", "--partnerships", p, "--municipalities", m, "--check", "--lang", "en"]);
    assert_eq!(err, "geen-bestand.csv: error: file not found: check the name and the folder\n1 error(s), 0 warning(s).\n");

    // --out inside a file: the output folder is named as such.
    let i = fixtures().join("initiatives.csv");
    let out = format!("{}/v1", i.display());
    let (code, _, err) = run(&["--initiatives", i.to_str().unwrap(), "--partnerships", p, "--municipalities", m, "--out", &out]);
    assert_eq!(code, Some(2));
    assert_eq!(err, format!("publish: de uitvoermap (--out) \"{out}\" kan niet gemaakt of beschreven worden: een deel van het pad is een bestand, geen map\n"));
    let (_, _, err) = run(&["--initiatives", i.to_str().unwrap(), "--partnerships", p, "--municipalities", m, "--out", &out, "--lang", "en"]);
    assert_eq!(err, format!("publish: the output folder (--out) \"{out}\" cannot be created or written: part of the path is a file, not a folder\n"));
}

#[test]
fn list_categories_prints_every_id_with_its_label() {
    let (code, out, _) = run(&["--list", "categories"]);
    assert_eq!(code, Some(0));
    assert!(out.starts_with("soorten initiatief (kolom kind):\n  lde "), "{out}");
    assert!(out.contains("\ndiensten (kolom services):\n"), "{out}");
    assert!(out.contains("\n  hergebruik-kringwinkel "), "{out}");
    let (_, out, _) = run(&["--list", "categories", "--lang", "en"]);
    assert!(out.starts_with("initiative types (column kind):\n  lde "), "{out}");
    let _ = Severity::Error;
}
