//! The publishing tool's logic (`crates/publish/src/bin/publish.rs` is only argument parsing and file access):
//! from the spreadsheets a department, regie partnership or municipality keeps, plus optional
//! official boundary, population and merger files, to the static endpoint the app syncs with.
//!
//! [`publish`] is pure: inputs are bytes, the result is a list of files and a report. Any error
//! in the report means no files; warnings never block. See docs/publishing.md.
//!
//! - `csv`: reading and writing CSV as Belgian spreadsheets produce it
//! - `rows`: typed cells, with file/line/column for every problem
//! - `initiatives`, `partnerships`, `reference`: the spreadsheets' columns
//! - `boundaries`, `simplify`, `topojson_out`: boundary files to simplified, quantized TopoJSON
//! - `endpoint`: collection files, `index.json`, delta file, self-check
//! - `export`: open-data CSV, GeoJSON and JSON-LD
//! - `report`: the validation report in Dutch or English
//! - `aliases`, `suggest`, `sniff`: Dutch column names, "did you mean", files that are not CSV
//! - `fsio`: reading the previous endpoint, replacing the folder atomically

pub mod aliases;
pub mod boundaries;
pub mod csv;
pub mod endpoint;
pub mod export;
pub mod hsds;
pub mod fsio;
pub mod initiatives;
pub mod partnerships;
pub mod periods;
pub mod reference;
pub mod report;
pub mod rows;
pub mod simplify;
pub mod sniff;
pub mod suggest;
pub mod summary;
pub mod topojson_out;

use wegwijzer_core::map::Shape;
use wegwijzer_core::model::{CategoryKind, Initiative, Point, AUDIENCES, COLLECTIONS};
use wegwijzer_core::validate::{validate, validate_audiences, ProblemKind};
pub use endpoint::{Built, DeltaSummary, Previous, Records};
use report::{Location, Msg, Report};
use rows::{column_of_field, Provenance, Sheet};
use std::collections::{HashMap, HashSet};
pub use topojson_out::{TopoOptions, TopoOutput};

/// One input file: a display name for the report (usually the path) and its bytes.
#[derive(Clone, Debug, PartialEq)]
pub struct Input {
    pub name: String,
    pub bytes: Vec<u8>,
}

impl Input {
    pub fn new(name: impl Into<String>, bytes: impl Into<Vec<u8>>) -> Input {
        Input { name: name.into(), bytes: bytes.into() }
    }
}

#[derive(Clone, Debug, Default)]
pub struct Inputs {
    pub initiatives: Option<Input>,
    pub partnerships: Option<Input>,
    pub categories: Option<Input>,
    pub municipalities: Option<Input>,
    pub refnis: Option<Input>,
    pub population: Option<Input>,
    pub mergers: Option<Input>,
    pub boundaries: Option<Input>,
    pub sources: Option<Input>,
    /// Completeness and reported totals per period (`periods` in index.json).
    pub periods: Option<Input>,
    pub previous: Option<Previous>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Options {
    /// Property of the boundary file holding the NIS code.
    pub nis_property: String,
    /// RFC 3339 UTC time written as `generated_at`; its date is used for records without
    /// `updated_at`.
    pub generated_at: String,
    /// Defaults to the previous version + 1, or 1.
    pub dataset_version: Option<u64>,
    /// Defaults to the previous publication's publisher.
    pub publisher: Option<String>,
    pub sample: bool,
    /// The year of the mergers in the merger table.
    pub merger_year: u16,
    pub topo: TopoOptions,
    /// Write the open-data exports in `open-data/`.
    pub exports: bool,
    /// `YYYY-MM-DD`, the day the population figures refer to (`--population-date`). Default: the
    /// built-in list's ([`reference::DEFAULT_POPULATION_DATE`]) when its figures are used, else
    /// the previous publication's.
    pub population_date: Option<String>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            nis_property: "NISCODE".into(),
            generated_at: "1970-01-01T00:00:00Z".into(),
            dataset_version: None,
            publisher: None,
            sample: false,
            merger_year: 2025,
            topo: TopoOptions::default(),
            exports: true,
            population_date: None,
        }
    }
}

/// A successful run: the files of the endpoint and the warnings.
#[derive(Clone, Debug)]
pub struct Publication {
    pub files: Vec<(String, Vec<u8>)>,
    pub built: Built,
    pub report: Report,
    pub geometry: Option<TopoOutput>,
    /// Boundary shapes in (before simplification), for checks.
    pub boundary_shapes: usize,
}

pub const DEFAULT_PUBLISHER: &str = "Wegwijzer Sociale Economie";

/// Flanders with a small margin: a point outside this box is not in Flanders.
fn in_flanders_box(p: &Point) -> bool {
    (50.65..=51.55).contains(&p.lat) && (2.5..=5.95).contains(&p.lon)
}

/// `YYYY-MM-DDTHH:MM:SSZ` for seconds since 1970 (UTC), without a date crate (the civil date
/// from core's calendar).
pub fn rfc3339_utc(secs: u64) -> String {
    let d = wegwijzer_core::opening_hours::Date::from_days((secs / 86_400) as i64);
    let rem = secs % 86_400;
    format!("{d}T{:02}:{:02}:{:02}Z", rem / 3600, rem % 3600 / 60, rem % 60)
}

fn sheet(input: &Input, required: &[&str], known: &[&str], report: &mut Report) -> Option<Sheet> {
    Sheet::open(&input.name, &input.bytes, required, known, report)
}

/// Maps the problems of `validate.rs` back to files, lines and columns.
/// `provenance`: of the four collections, then of the target groups.
fn report_record_problems(records: &Records, provenance: &[&Provenance; 5], report: &mut Report) {
    let mut problems = validate(&records.categories, &records.municipalities, &records.partnerships, &records.initiatives);
    problems.extend(validate_audiences(&records.audiences, &records.initiatives));
    // The first line of every id, for "also on line N".
    let ids: [Vec<&str>; 5] = [
        records.categories.iter().map(|c| c.id.as_str()).collect(),
        records.municipalities.iter().map(|m| m.nis.as_str()).collect(),
        records.partnerships.iter().map(|p| p.id.as_str()).collect(),
        records.initiatives.iter().map(|i| i.id.as_str()).collect(),
        records.audiences.iter().map(|a| a.id.as_str()).collect(),
    ];
    for p in problems {
        let c = COLLECTIONS.iter().chain([&AUDIENCES]).position(|c| *c == p.collection).unwrap_or(3);
        let prov = provenance[c];
        let location = prov.location(p.index, Some(&column_of_field(&p.field)));
        // A cell that could not be read was reported and left empty (a year as 0): a check of
        // the record would only quote a value the user never typed.
        let period = matches!(p.kind, ProblemKind::BadPeriod(..));
        let reported = |i: &report::Issue| {
            i.severity == report::Severity::Error
                && i.location.file == location.file
                && location.line.is_some()
                && i.location.line == location.line
                && (i.location.column == location.column
                    || period && i.location.column.as_ref().is_some_and(|(_, h)| {
                        let n = rows::normalise(h, &partnerships::COLUMNS);
                        n == "period_from" || n == "period_to"
                    }))
        };
        if report.issues.iter().any(reported) {
            continue;
        }
        let msg = match p.kind {
            ProblemKind::DuplicateId => {
                let first = ids[c].iter().position(|id| *id == p.id);
                Msg::DuplicateId { id: p.id.clone(), first_line: first.and_then(|i| prov.lines[i]) }
            }
            ProblemKind::UnknownAudience(value) => {
                let suggestion = suggest::nearest(&value, ids[4].iter().copied()).map(str::to_string);
                Msg::UnknownAudience { value, suggestion }
            }
            ProblemKind::UnknownCategory(value) => {
                // Suggest among the categories the column takes.
                let kind = match p.field.split('[').next() {
                    Some("services") => Some(CategoryKind::Service),
                    Some("kind") => Some(CategoryKind::InitiativeType),
                    _ => None,
                };
                let ids = records.categories.iter().filter(|c| kind.is_none_or(|k| c.kind == k)).map(|c| c.id.as_str());
                let suggestion = suggest::nearest(&value, ids).map(str::to_string);
                Msg::UnknownCategory { value, suggestion }
            }
            kind => Msg::Record(kind),
        };
        report.error(location, msg);
    }
}

/// `updated_at` left empty: the previous value when the record did not change otherwise, else
/// the publication date. So a sheet needs no date column and unchanged records stay unchanged.
fn fill_updated_at(items: &mut [Initiative], previous: Option<&Previous>, today: &str) {
    let old: HashMap<&str, &Initiative> =
        previous.map(|p| p.dataset.initiatives.iter().map(|i| (i.id.as_str(), i)).collect()).unwrap_or_default();
    for item in items.iter_mut().filter(|i| i.updated_at.trim().is_empty()) {
        item.updated_at = match old.get(item.id.as_str()) {
            Some(o) if Initiative { updated_at: o.updated_at.clone(), ..item.clone() } == **o => o.updated_at.clone(),
            _ => today.to_string(),
        };
    }
}

/// Reads, checks and assembles a publication. `Err` holds a report with at least one error.
pub fn publish(inputs: &Inputs, options: &Options) -> Result<Publication, Report> {
    let mut report = Report::default();
    let previous = inputs.previous.as_ref();

    let merger_file = inputs.mergers.as_ref().map(|m| reference::read_mergers(&m.name, &m.bytes, options.merger_year, &mut report));

    let default_categories = Input::new("categories (built-in)", reference::DEFAULT_CATEGORIES);
    // Categories: the given file, else the previous publication's, else the built-in list.
    let reference::Categories { categories, provenance: cat_prov, audiences, audience_provenance } = match (&inputs.categories, previous) {
        (None, Some(p)) => {
            let without_file = |ids: Vec<String>| Provenance::without_file("categories.json (previous)", ids);
            reference::Categories {
                categories: p.dataset.categories.clone(),
                provenance: without_file(p.dataset.categories.iter().map(|c| c.id.clone()).collect()),
                audiences: p.dataset.audiences.clone(),
                audience_provenance: without_file(p.dataset.audiences.iter().map(|a| a.id.clone()).collect()),
            }
        }
        (given, _) => match sheet(given.as_ref().unwrap_or(&default_categories), &["id", "kind", "label_nl"], &reference::CATEGORY_COLUMNS, &mut report) {
            Some(s) => reference::read_categories(&s, &mut report),
            None => reference::Categories::default(),
        },
    };

    // Municipalities: a CSV, else REFNIS, else the previous publication's, else the built-in
    // list (current and former municipalities of Flanders). A merger file makes the list carry
    // its mergers; the mergers used from then on are those of the list.
    let default_municipalities = Input::new("municipalities (built-in)", reference::DEFAULT_MUNICIPALITIES);
    let refnis = inputs.refnis.as_ref().map(|r| reference::refnis_municipalities(&r.name, &r.bytes, &mut report));
    let (mut municipalities, mun_prov) = if let Some(m) = &inputs.municipalities {
        match sheet(m, &["nis", "name_nl"], &reference::MUNICIPALITY_COLUMNS, &mut report) {
            Some(s) => reference::read_municipalities(&s, &mut report),
            None => (Vec::new(), Provenance::default()),
        }
    } else if let (Some(r), Some(list)) = (&inputs.refnis, &refnis) {
        let prov = Provenance::without_file(&r.name, list.iter().map(|m| m.nis.clone()).collect());
        (list.clone(), prov)
    } else if let Some(p) = previous {
        let list = p.dataset.municipalities.clone();
        let prov = Provenance::without_file("municipalities.json (previous)", list.iter().map(|m| m.nis.clone()).collect());
        (list, prov)
    } else {
        match sheet(&default_municipalities, &["nis", "name_nl"], &reference::MUNICIPALITY_COLUMNS, &mut report) {
            Some(s) => reference::read_municipalities(&s, &mut report),
            None => (Vec::new(), Provenance::default()),
        }
    };
    // The date of the population figures: given, else that of the list the figures come from
    // (the previous publication's, or the built-in one's: Statbel, 1 January 2020); a given list
    // or population file says nothing of its date.
    let same_figures = inputs.municipalities.is_none() && inputs.refnis.is_none() && inputs.population.is_none();
    let population_date = options.population_date.clone().or_else(|| match previous {
        _ if !same_figures => None,
        Some(p) => p.index.population_date.clone(),
        None => Some(reference::DEFAULT_POPULATION_DATE.to_string()),
    });
    let read_order: Vec<String> = municipalities.iter().map(|m| m.nis.clone()).collect();
    if let Some(given) = &merger_file {
        // Names of former municipalities missing from the list: the REFNIS list, else the built-in one.
        let names = match &refnis {
            Some(list) => list.clone(),
            None => sheet(&default_municipalities, &["nis", "name_nl"], &reference::MUNICIPALITY_COLUMNS, &mut report)
                .map(|s| reference::read_municipalities(&s, &mut Report::default()).0)
                .unwrap_or_default(),
        };
        reference::apply_mergers(&mut municipalities, given, &names);
    }
    // apply_mergers adds and sorts records: each keeps the line it was read from.
    let mun_prov = {
        let line_of: HashMap<&str, Option<usize>> =
            read_order.iter().map(String::as_str).zip(mun_prov.lines.iter().copied()).collect();
        let lines = municipalities.iter().map(|m| line_of.get(m.nis.as_str()).copied().flatten()).collect();
        Provenance { lines, ids: municipalities.iter().map(|m| m.nis.clone()).collect(), ..mun_prov }
    };
    let mut mergers = reference::Mergers::from_municipalities(&municipalities);
    if let Some(given) = &merger_file {
        mergers.names.extend(given.names.clone());
    }
    if let Some(pop) = &inputs.population {
        let figures = reference::read_population(&pop.name, &pop.bytes, &mut report);
        reference::apply_population(&mut municipalities, &figures, &mergers, &pop.name, &mut report);
    }

    // Boundaries, and points for municipalities that have none.
    // Boundaries are drawn for today's municipalities; former ones are dissolved into them.
    let known: HashSet<String> = municipalities.iter().filter(|m| m.is_current()).map(|m| m.nis.clone()).collect();
    let boundaries = inputs.boundaries.as_ref().and_then(|b| {
        boundaries::read(&b.name, &b.bytes, &options.nis_property, &mergers, Some(&known), &mut report)
    });
    if let Some(b) = &boundaries {
        for m in municipalities.iter_mut().filter(|m| m.point.is_none()) {
            let centroid = b.shape(&m.nis).and_then(Shape::centroid).or_else(|| b.part_centroid(&m.nis));
            if let Some([lon, lat]) = centroid {
                // Five decimals, about a metre (docs/data-format.md, Point).
                let r = |v: f64| (v * 1e5).round() / 1e5;
                m.point = Some(Point { lat: r(lat), lon: r(lon) });
            }
        }
    }

    let (partnerships, part_prov, excluded) = match &inputs.partnerships {
        Some(p) => match sheet(p, &partnerships::REQUIRED, &partnerships::KNOWN, &mut report) {
            Some(s) => partnerships::read(&s, &mut report),
            None => (Vec::new(), Provenance::default(), Vec::new()),
        },
        None => {
            let list = previous.map(|p| p.dataset.partnerships.clone()).unwrap_or_default();
            let prov = Provenance::without_file("partnerships.json (previous)", list.iter().map(|p| p.id.clone()).collect());
            (list, prov, Vec::new())
        }
    };
    partnerships::check_overlaps(&partnerships, &part_prov, &mut report);
    // A period's own municipalities count, former ones included.
    let all_codes: HashSet<String> = municipalities.iter().map(|m| m.nis.clone()).collect();
    partnerships::check_excluded(&partnerships, &excluded, &part_prov, &all_codes, &mut report);

    let (mut initiatives, init_prov) = match &inputs.initiatives {
        Some(i) => match sheet(i, &initiatives::REQUIRED, &initiatives::COLUMNS, &mut report) {
            Some(s) => initiatives::read(&s, &mut report),
            None => (Vec::new(), Provenance::default()),
        },
        None => {
            let list = previous.map(|p| p.dataset.initiatives.clone()).unwrap_or_default();
            let prov = Provenance::without_file("initiatives.json (previous)", list.iter().map(|i| i.id.clone()).collect());
            (list, prov)
        }
    };
    let today: String = options.generated_at.chars().take(10).collect();
    fill_updated_at(&mut initiatives, previous, &today);

    // Where initiatives are: in Flanders, and in their own municipality when boundaries are known.
    for (i, it) in initiatives.iter().enumerate() {
        let Some(p) = it.point else {
            report.warning(init_prov.location(i, Some("lat")), Msg::NoPoint);
            continue;
        };
        if !wegwijzer_core::validate::point_in_belgium(&p) {
            continue; // validate.rs reports it
        }
        match &boundaries {
            Some(b) if !b.shapes.is_empty() => match b.locate(&p) {
                None => report.error(init_prov.location(i, Some("lat")), Msg::OutsideFlanders { lat: p.lat, lon: p.lon }),
                Some(found) if found != it.nis && known.contains(&it.nis) => report.warning(
                    init_prov.location(i, Some("lat")),
                    Msg::PointInOtherMunicipality { nis: it.nis.clone(), found: found.to_string() },
                ),
                Some(_) => {}
            },
            _ if !in_flanders_box(&p) => {
                report.error(init_prov.location(i, Some("lat")), Msg::OutsideFlanders { lat: p.lat, lon: p.lon })
            }
            _ => {}
        }
    }

    let records = Records { categories, municipalities, partnerships, initiatives, audiences };
    report_record_problems(&records, &[&cat_prov, &mun_prov, &part_prov, &init_prov, &audience_provenance], &mut report);

    let dataset_version = match (options.dataset_version, previous) {
        (Some(v), Some(p)) if v <= p.index.dataset_version => {
            report.error(
                Location::file("--dataset-version"),
                Msg::VersionNotHigher { previous: p.index.dataset_version, given: v },
            );
            v
        }
        (Some(v), _) => v,
        (None, Some(p)) => p.index.dataset_version + 1,
        (None, None) => 1,
    };
    if report.has_errors() {
        return Err(report);
    }

    // Values kept from a sample publication would make real data look like a demonstration.
    if let Some(p) = previous.filter(|p| p.index.sample && !options.sample) {
        let at = Location::file("--previous");
        if options.publisher.is_none() {
            report.warning(at.clone(), Msg::InheritedFromSample(report::Inherited::Publisher(p.index.publisher.clone())));
        }
        if inputs.sources.is_none() && !p.dataset.sources.is_empty() {
            report.warning(at, Msg::InheritedFromSample(report::Inherited::Sources(p.dataset.sources.len())));
        }
    }

    let sources = match &inputs.sources {
        Some(s) => match sheet(s, &["name"], &reference::SOURCE_COLUMNS, &mut report) {
            Some(sh) => reference::read_sources(&sh),
            None => return Err(report),
        },
        None => previous.map(|p| p.dataset.sources.clone()).unwrap_or_default(),
    };
    // Periods: the given file, else what the previous publication said.
    let periods = match &inputs.periods {
        Some(p) => match sheet(p, &periods::REQUIRED, &periods::COLUMNS, &mut report) {
            Some(sh) => periods::read(&sh, &mut report),
            None => Vec::new(),
        },
        None => previous.map(|p| p.index.periods.clone()).unwrap_or_default(),
    };
    if report.has_errors() {
        return Err(report);
    }
    let meta = endpoint::Meta {
        dataset_version,
        generated_at: options.generated_at.clone(),
        sample: options.sample,
        publisher: options
            .publisher
            .clone()
            .or_else(|| previous.map(|p| p.index.publisher.clone()))
            .unwrap_or_else(|| DEFAULT_PUBLISHER.to_string()),
        sources,
        periods,
        population_date,
    };

    let geometry = boundaries
        .as_ref()
        .filter(|b| !b.shapes.is_empty())
        .map(|b| topojson_out::write_topojson(&b.shapes, &options.topo));
    let built = match endpoint::build(
        &records,
        previous,
        &meta,
        geometry.as_ref().map(|g| (g.bytes.clone(), g.count as u64)),
    ) {
        Ok(b) => b,
        Err(e) => {
            report.error(Location::file("index.json"), Msg::Unreadable(e));
            return Err(report);
        }
    };
    let mut files = built.files.clone();
    if options.exports {
        files.extend(export::exports(&records));
        files.push(("open-data/sources.csv".into(), export::sources_csv(&meta.sources)));
    }
    Ok(Publication {
        files,
        built,
        report,
        geometry,
        boundary_shapes: boundaries.as_ref().map_or(0, |b| b.input_shapes),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(rfc3339_utc(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339_utc(1_795_392_000), "2026-11-23T00:00:00Z");
        assert_eq!(rfc3339_utc(951_782_400 + 3661), "2000-02-29T01:01:01Z");
    }
}
