//! The bundled endpoint's real parts, from the committed files in `scripts/sample-sources/data/`
//! (no `../shared` needed): `public/data/v1/` is exactly what `scripts/publish-sample` writes;
//! the 23 sourced partnerships of 2020-2025 publish with only the Wervik conflict reported; the
//! 2020-2025 figures equal a count made here from the CSV and the population table, not by the
//! app's code; a member code that never existed fails with its line. With
//! `../shared/reference` (or `WEGWIJZER_REFERENCE`) also: the same files publish on the official
//! reference files (REFNIS, mergers, population, full-resolution boundaries) without any warning
//! about an initiative's point, and every member is the one the collected list names.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use wegwijzer_core::coverage::{is_complete, MergerTable, PeriodCoverage};
use wegwijzer_core::model::Period;
use wegwijzer_core::validate::ProblemKind;
use wegwijzer_publish::report::{Msg, ReportLang, Severity};
use wegwijzer_publish::topojson_out::TopoOptions;
use wegwijzer_publish::{publish, Input, Inputs, Options, Publication};

#[path = "../../core/tests/common/mod.rs"]
mod common;

fn sources_dir() -> PathBuf {
    common::repo_root().join("scripts/sample-sources/data")
}

fn source(name: &str) -> Input {
    Input::new(name, std::fs::read(sources_dir().join(name)).unwrap_or_else(|e| panic!("{name}: {e}")))
}

/// The inputs and options of `scripts/publish-sample`.
fn sample_inputs() -> Inputs {
    Inputs {
        categories: Some(source("categories.csv")),
        partnerships: Some(source("partnerships.csv")),
        initiatives: Some(source("initiatives.csv")),
        sources: Some(source("sources.csv")),
        periods: Some(source("periods.csv")),
        boundaries: Some(source("boundaries-2025.topo.json")),
        ..Inputs::default()
    }
}

fn sample_options() -> Options {
    Options {
        generated_at: "2026-11-23T00:00:00Z".into(),
        dataset_version: Some(1),
        publisher: Some("Wegwijzer Sociale Economie (voorbeeldgegevens)".into()),
        sample: true,
        exports: false,
        // Already simplified by the publisher (scripts/publish-sample, --simplify 0).
        topo: TopoOptions { min_area_m2: 0.0, ..TopoOptions::default() },
        ..Options::default()
    }
}

/// The one warning the sourced partnerships give: Wervik (33029), named by the derived Westhoek
/// list and by W13's own; W13 won, and the report names both.
fn assert_only_the_wervik_conflict(p: &Publication) {
    let report = p.report.render(ReportLang::En);
    assert_eq!(p.report.issues.len(), 1, "{report}");
    let issue = &p.report.issues[0];
    assert_eq!(issue.severity, Severity::Warning);
    assert_eq!(issue.location.column.as_ref().map(|c| c.1.as_str()), Some("excluded"));
    assert!(
        matches!(&issue.msg, Msg::ExcludedInOther { nis, name, other, .. }
            if nis == "33029" && name.contains("Westhoek") && other.starts_with("W13")),
        "{report}"
    );
}

/// `public/data/v1/` is what `scripts/publish-sample` builds from the committed files, byte for
/// byte: the boundaries included, and no warning about an initiative's point.
#[test]
fn the_sample_endpoint_is_built_from_the_files_in_the_repo() {
    let p = publish(&sample_inputs(), &sample_options()).unwrap_or_else(|r| panic!("{}", r.render(ReportLang::En)));
    assert_only_the_wervik_conflict(&p);
    let endpoint = common::repo_root().join("public/data/v1");
    let mut written: Vec<&str> = p.files.iter().map(|(n, _)| n.as_str()).collect();
    written.sort();
    assert_eq!(
        written,
        ["categories.json", "geometry.topo.json", "index.json", "initiatives.json", "municipalities.json", "partnerships.json", "sources.json"]
    );
    for (name, bytes) in &p.files {
        let committed = std::fs::read(endpoint.join(name)).unwrap();
        assert!(committed == *bytes, "public/data/v1/{name} is not what scripts/publish-sample writes (run it)");
    }
    let d = &p.built.dataset;
    assert_eq!(d.partnerships.len(), 23);
    assert!(d.partnerships.iter().all(|x| !x.demo && x.source_url.is_some() && x.confidence.is_some()), "no made-up partnerships");
    assert_eq!(p.geometry.as_ref().map(|g| g.count), Some(285));
}

/// A CSV file's rows as column → value, read here with a plain split (the committed files quote
/// only cells with a comma or a quote).
fn rows(text: &str) -> Vec<BTreeMap<String, String>> {
    let mut lines = text.lines().filter(|l| !l.trim().is_empty());
    let header: Vec<String> = split(lines.next().unwrap()).into_iter().map(|h| h.trim_start_matches('\u{feff}').to_string()).collect();
    lines.map(|l| header.iter().cloned().zip(split(l)).collect()).collect()
}

fn split(line: &str) -> Vec<String> {
    let (mut out, mut cell, mut quoted) = (Vec::new(), String::new(), false);
    let mut chars = line.trim_end_matches('\r').chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                cell.push('"');
                chars.next();
            }
            '"' => quoted = !quoted,
            ',' if !quoted => out.push(std::mem::take(&mut cell)),
            _ => cell.push(c),
        }
    }
    out.push(cell);
    out
}

/// Population on 1 January 2020 of the 300 municipalities of 2020, from the publisher's
/// built-in table: former municipalities have their own figure; one that absorbed others and kept
/// its code has the merged figure, so its parts are subtracted; one formed under a new code
/// did not exist.
fn population_2020() -> BTreeMap<String, u64> {
    let text = std::fs::read_to_string(common::repo_root().join("crates/publish/src/default_municipalities.csv")).unwrap();
    let table = rows(&text);
    let pop = |r: &BTreeMap<String, String>| r["population"].parse::<u64>().unwrap();
    let mut out = BTreeMap::new();
    for r in table.iter().filter(|r| r["formed"].is_empty()) {
        let parts: u64 = table.iter().filter(|p| p["merged_into"] == r["nis"]).map(pop).sum();
        out.insert(r["nis"].clone(), pop(r) - parts);
    }
    out
}

#[test]
fn the_2020_2025_figures_equal_a_count_made_from_the_csv_and_the_population_table() {
    // Independently: the members of every row, and the population table summed.
    let population = population_2020();
    assert_eq!(population.len(), 300, "Flanders had 300 municipalities before the 2025 mergers");
    assert_eq!(population.values().sum::<u64>(), 6_629_143, "Statbel: the Flemish Region on 1 January 2020");
    let csv = std::fs::read_to_string(sources_dir().join("partnerships.csv")).unwrap();
    let partnerships = rows(&csv);
    let members: BTreeSet<String> =
        partnerships.iter().flat_map(|r| r["members"].split(' ').map(str::to_string).collect::<Vec<_>>()).collect();
    assert!(members.iter().all(|m| population.contains_key(m)), "every member is a municipality of 2020");
    let covered_population: u64 = members.iter().map(|m| population[m]).sum();
    let share = covered_population as f64 / population.values().sum::<u64>() as f64;

    // The app's figures for 2020-2025 from the published endpoint.
    let p = publish(&sample_inputs(), &sample_options()).unwrap_or_else(|r| panic!("{}", r.render(ReportLang::En)));
    let d = &p.built.dataset;
    let period = Period { from: 2020, to: 2025 };
    let listed = &p.built.index.periods;
    assert!(!is_complete(listed, &period), "2020-2025 is marked not complete");
    let cov = PeriodCoverage::compute(&d.municipalities, &d.partnerships, &MergerTable::from_municipalities(&d.municipalities), &period)
        .with_completeness(is_complete(listed, &period));
    let f = &cov.figures;
    assert_eq!(f.partnerships, partnerships.len());
    assert_eq!(f.municipalities, population.len());
    assert_eq!(f.covered, members.len());
    assert_eq!(f.unknown, population.len() - members.len(), "not in a listed partnership: unknown, not uncovered");
    assert_eq!((f.population, f.covered_population), (population.values().sum::<u64>(), covered_population));
    assert!((f.population_share.unwrap() - share).abs() < 1e-12, "{:?} vs {share}", f.population_share);
    assert!(cov.lookup("73006").covered_parts == 1, "Bilzen (2020) is covered on today's map as part of Bilzen-Hoeselt");
}

#[test]
fn a_member_code_that_never_existed_fails_with_its_line() {
    let csv = std::fs::read_to_string(sources_dir().join("partnerships.csv")).unwrap();
    let mut lines: Vec<String> = csv.lines().map(str::to_string).collect();
    // Line 5 of the file: the fourth partnership; its first member becomes a code Statbel never gave.
    let first = split(&lines[4])[2].split(' ').next().unwrap().to_string();
    lines[4] = lines[4].replacen(&first, "73999", 1);
    let inputs = Inputs { partnerships: Some(Input::new("partnerships.csv", lines.join("\n"))), ..sample_inputs() };
    let r = publish(&inputs, &sample_options()).expect_err("73999 is no municipality");
    let errors: Vec<_> = r.issues.iter().filter(|i| i.severity == Severity::Error).collect();
    assert_eq!(errors.len(), 1, "{}", r.render(ReportLang::En));
    assert_eq!((errors[0].location.line, errors[0].location.column.as_ref().map(|c| c.1.as_str())), (Some(5), Some("members")));
    assert!(matches!(&errors[0].msg, Msg::Record(ProblemKind::UnknownNisCode(c)) if c == "73999"));
    assert!(r.render(ReportLang::Nl).contains("partnerships.csv, regel 5, kolom C (members): fout: onbekende NIS-code \"73999\""));
}

fn reference_input(dir: &std::path::Path, name: &str) -> Input {
    Input::new(name, std::fs::read(dir.join(name)).unwrap_or_else(|e| panic!("{name}: {e}")))
}

#[test]
fn the_partnerships_publish_on_the_official_reference_files() {
    let Some(dir) = common::reference_dir() else { return };
    let inputs = Inputs {
        refnis: Some(reference_input(&dir, "refnis_2019.csv")),
        mergers: Some(reference_input(&dir, "mergers_2025.csv")),
        population: Some(reference_input(&dir, "population_2020.csv")),
        boundaries: Some(reference_input(&dir, "refgem_2019_lambert72_fullres.topo.json")),
        ..sample_inputs()
    };
    let options = Options { topo: TopoOptions::default(), ..sample_options() };
    let p = publish(&inputs, &options).unwrap_or_else(|r| panic!("{}", r.render(ReportLang::En)));
    // No initiative outside Flanders or in another municipality on the full-resolution boundaries.
    assert_only_the_wervik_conflict(&p);
    assert_eq!(p.built.dataset.partnerships.len(), 23);
}

/// Each row of the collected list (`regie_partnerships_found.csv`) is one row of the committed
/// file, its members (named as in the source) turned into 2019 NIS codes with Statbel's REFNIS
/// list: members plus `excluded`. Leie en Schelde names only Sint-Martens-Latem.
#[test]
fn every_member_is_the_one_the_collected_list_names() {
    let Some(dir) = common::reference_dir() else { return };
    let refnis = std::fs::read_to_string(dir.join("refnis_2019.csv")).unwrap();
    let code_of: BTreeMap<String, String> = refnis
        .lines()
        .filter_map(|l| {
            let c: Vec<&str> = l.split(';').collect();
            let code = *c.get(3)?;
            let flemish = code.len() == 5 && !code.ends_with("000") && matches!(&code[..1], "1" | "3" | "4" | "7")
                || code.starts_with("23")
                || code.starts_with("24");
            flemish.then(|| (c[4].trim().to_lowercase(), code.to_string()))
        })
        .collect();
    let found = rows(&std::fs::read_to_string(dir.join("regie_partnerships_found.csv")).unwrap());
    let ours = rows(&std::fs::read_to_string(sources_dir().join("partnerships.csv")).unwrap());
    assert_eq!(found.len(), ours.len());
    for r in &found {
        let stated = &r["members_as_stated_in_source"];
        let names: Vec<String> = if r["id"] == "leie-schelde" {
            assert!(stated.contains("Sint-Martens-Latem") && stated.contains("list not retrieved"));
            vec!["sint-martens-latem".into()]
        } else {
            stated.split(';').map(|n| n.trim().to_lowercase()).collect()
        };
        let expected: BTreeSet<String> =
            names.iter().map(|n| code_of.get(n).unwrap_or_else(|| panic!("{n}: not in REFNIS 2019")).clone()).collect();
        let first_url = r["source_url"].split(" ; ").next().unwrap();
        let matching = ours.iter().filter(|o| {
            let listed: BTreeSet<String> =
                o["members"].split(' ').chain(o["excluded"].split(' ')).filter(|c| !c.is_empty()).map(str::to_string).collect();
            o["source_url"] == first_url && listed == expected
        });
        assert_eq!(matching.count(), 1, "{}: no single row with its members and source", r["id"]);
    }
}
