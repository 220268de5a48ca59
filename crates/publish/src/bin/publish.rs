//! `publish`: turns a publisher's spreadsheets (and optionally official boundary, population and
//! merger files) into the static endpoint the app syncs with, or says exactly what is wrong.
//! The logic is `wegwijzer_publish`; this file reads arguments and files and writes the result.
//! See docs/publishing.md. Host tool only: wasm32 builds get an empty `main`.
//!
//! Exit codes: 0 published (perhaps with warnings), 1 problems in the data (nothing written),
//! 2 wrong arguments or a file that cannot be read or written.

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    std::process::exit(host::run(&args));
}

#[cfg(not(target_arch = "wasm32"))]
mod host {
    use std::path::{Path, PathBuf};
    use wegwijzer_publish::report::{io_msg, Location, Msg, Report, ReportLang};
    use wegwijzer_publish::{fsio, publish, rfc3339_utc, Input, Inputs, Options};

    const USAGE: &str = "\
usage: publish --initiatives FILE.csv --partnerships FILE.csv --out DIR [options]

  --hsds DIR                  initiatives from an HSDS 3.0 tabular package (instead of --initiatives)
  --categories FILE.csv       categories (default: the built-in list)
  --municipalities FILE.csv   municipalities; or build them with --refnis:
  --refnis FILE.csv           Statbel REFNIS code list (Flemish municipalities are taken)
  --mergers FILE.csv          merger table (old NIS -> new NIS), Statbel list or old_nis,new_nis
  --merger-year YEAR          year the mergers took effect (default 2025)
  --population FILE.csv       population per NIS code (Statbel file works as is)
  --population-date DATE      the day the population figures refer to, YYYY-MM-DD (shown
                              in the app; default: the built-in list's, 2020-01-01)
  --boundaries FILE           TopoJSON or GeoJSON, WGS84 or Lambert 72
  --nis-property NAME         property with the NIS code in --boundaries (default NISCODE)
  --simplify M2               drop boundary points below this Visvalingam area (default 20000)
  --quantization N            TopoJSON grid per axis (default 100000)
  --previous DIR              previous publication: delta file, unchanged files kept
                              (default: the endpoint already in --out, if any)
  --no-previous               a fresh publication: no delta, whatever --out holds
  --sources FILE.csv          sources and licences, written as sources.json (name,url,licence,used_for)
  --periods FILE.csv          per period: complete (yes/no) and reported totals with their
                              source (period,complete,regisseurs,...,source,source_url)
  --publisher TEXT            publisher for index.json
  --dataset-version N         default: previous + 1, or 1
  --generated-at RFC3339      default: now
  --sample                    mark as sample data
  --no-exports                do not write open-data/ (CSV, GeoJSON, JSON-LD)
  --check                     only validate, write nothing
  --list categories           print the category ids (of --categories, else the built-in list)
  --lang nl|en                language of the report (default nl)

Open-data exports go to DIR/open-data/: CSV with \",\" for portals, and in open-data/excel/
the same tables with \";\", a BOM and decimal commas, as Excel in Belgium opens them.";

    /// Every option, for "did you mean".
    const OPTIONS: [&str; 28] = [
        "--initiatives", "--partnerships", "--categories", "--municipalities", "--refnis", "--mergers", "--merger-year",
        "--population", "--population-date", "--boundaries", "--nis-property", "--simplify", "--quantization", "--previous", "--no-previous",
        "--sources", "--periods", "--publisher", "--dataset-version", "--generated-at", "--sample", "--no-exports", "--check", "--list",
        "--lang", "--out", "--help", "-h",
    ];

    struct Args {
        files: Vec<(String, PathBuf)>,
        previous: Option<PathBuf>,
        out: Option<PathBuf>,
        options: Options,
        lang: ReportLang,
        check: bool,
        no_previous: bool,
        list: Option<String>,
    }

    /// The report language, looked up before anything else so argument errors use it too.
    fn lang_of(args: &[String]) -> ReportLang {
        args.iter().position(|a| a == "--lang").and_then(|i| args.get(i + 1)).and_then(|l| ReportLang::parse(l)).unwrap_or_default()
    }

    /// `Err(None)`: show the usage (--help).
    fn parse(args: &[String]) -> Result<Args, Option<Msg>> {
        let mut a = Args {
            files: Vec::new(),
            previous: None,
            out: None,
            options: Options::default(),
            lang: lang_of(args),
            check: false,
            no_previous: false,
            list: None,
        };
        a.options.generated_at = String::new();
        let mut it = args.iter();
        while let Some(flag) = it.next() {
            match flag.as_str() {
                "-h" | "--help" => return Err(None),
                "--sample" => {
                    a.options.sample = true;
                    continue;
                }
                "--no-exports" => {
                    a.options.exports = false;
                    continue;
                }
                "--check" => {
                    a.check = true;
                    continue;
                }
                "--no-previous" => {
                    a.no_previous = true;
                    continue;
                }
                _ => {}
            }
            if !OPTIONS.contains(&flag.as_str()) {
                let suggestion = wegwijzer_publish::suggest::nearest(flag, OPTIONS).map(str::to_string);
                return Err(Some(Msg::UnknownOption { given: flag.clone(), suggestion }));
            }
            let value = it.next().ok_or_else(|| Msg::OptionNeedsValue(flag.clone()))?;
            let number =
                |v: &str| v.parse::<f64>().map_err(|_| Msg::OptionNotANumber { option: flag.clone(), value: v.to_string() });
            match flag.as_str() {
                "--initiatives" | "--partnerships" | "--categories" | "--municipalities" | "--refnis" | "--mergers"
                | "--population" | "--boundaries" | "--sources" | "--periods" | "--hsds" => {
                    a.files.push((flag.trim_start_matches("--").to_string(), PathBuf::from(value)))
                }
                "--previous" => a.previous = Some(PathBuf::from(value)),
                "--out" => a.out = Some(PathBuf::from(value)),
                "--nis-property" => a.options.nis_property = value.clone(),
                "--merger-year" => a.options.merger_year = number(value)? as u16,
                "--simplify" => a.options.topo.min_area_m2 = number(value)?,
                "--quantization" => a.options.topo.quantization = number(value)? as u32,
                "--publisher" => a.options.publisher = Some(value.clone()),
                "--population-date" => {
                    let b = value.as_bytes();
                    let iso = b.len() == 10 && b[4] == b'-' && b[7] == b'-' && value.split('-').all(|p| p.bytes().all(|c| c.is_ascii_digit()));
                    if !iso {
                        return Err(Some(Msg::OptionBadValue { option: flag.clone(), value: value.clone(), accepted: "YYYY-MM-DD".into() }));
                    }
                    a.options.population_date = Some(value.clone());
                }
                "--dataset-version" => {
                    a.options.dataset_version =
                        Some(value.parse().map_err(|_| Msg::OptionNotANumber { option: flag.clone(), value: value.clone() })?)
                }
                "--generated-at" => a.options.generated_at = value.clone(),
                "--lang" => {
                    a.lang = ReportLang::parse(value).ok_or_else(|| Msg::OptionBadValue {
                        option: flag.clone(),
                        value: value.clone(),
                        accepted: "nl, en".into(),
                    })?
                }
                "--list" if value == "categories" => a.list = Some(value.clone()),
                _ => {
                    return Err(Some(Msg::OptionBadValue { option: flag.clone(), value: value.clone(), accepted: "categories".into() }))
                }
            }
        }
        if a.out.is_none() && !a.check && a.list.is_none() {
            return Err(Some(Msg::OutRequired));
        }
        Ok(a)
    }

    fn say(lang: ReportLang, nl: String, en: String) {
        println!("publish: {}", if lang == ReportLang::Nl { nl } else { en });
    }

    pub fn run(args: &[String]) -> i32 {
        let a = match parse(args) {
            Ok(a) => a,
            Err(None) => {
                eprintln!("{USAGE}");
                return 0;
            }
            Err(Some(e)) => {
                eprintln!("publish: {}", e.text(lang_of(args)));
                return 2;
            }
        };
        let lang = a.lang;
        if a.list.is_some() {
            return list_categories(&a);
        }
        let started = std::time::Instant::now();
        let mut options = a.options.clone();
        if options.generated_at.is_empty() {
            let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
            options.generated_at = rfc3339_utc(now);
        }

        // An earlier run that died half-way is repaired before anything else reads --out.
        if let Some(out) = &a.out {
            match fsio::recover(out) {
                Ok(done) => {
                    for d in done {
                        say(lang, format!("hersteld na onderbroken run: {d}"), format!("repaired after an interrupted run: {d}"));
                    }
                }
                Err(e) => {
                    let msg = Msg::OutputFolder { folder: out.display().to_string(), kind: std::io::ErrorKind::Other, detail: e };
                    eprintln!("publish: {}", msg.text(lang));
                    return 2;
                }
            }
            if !a.check {
                if let Err(e) = fsio::check_output(out) {
                    let msg = Msg::OutputFolder { folder: out.display().to_string(), kind: e.kind(), detail: e.to_string() };
                    eprintln!("publish: {}", msg.text(lang));
                    return 2;
                }
            }
        }

        let mut inputs = Inputs::default();
        let mut report = Report::default();
        for (kind, path) in &a.files {
            let name = path.display().to_string();
            let read = if kind == "hsds" {
                wegwijzer_publish::hsds::import::read_dir(path)
                    .and_then(|files| wegwijzer_publish::hsds::import::initiatives_csv(&files))
                    .map_err(Msg::Unreadable)
            } else {
                std::fs::read(path).map_err(|e| io_msg(&e))
            };
            let name = if kind == "hsds" { format!("{name} (HSDS)") } else { name };
            let input = match read {
                Ok(bytes) => Input::new(name, bytes),
                Err(e) => {
                    report.error(Location::file(&name), e);
                    continue;
                }
            };
            let slot = match kind.as_str() {
                "initiatives" | "hsds" => &mut inputs.initiatives,
                "partnerships" => &mut inputs.partnerships,
                "categories" => &mut inputs.categories,
                "municipalities" => &mut inputs.municipalities,
                "refnis" => &mut inputs.refnis,
                "mergers" => &mut inputs.mergers,
                "population" => &mut inputs.population,
                "boundaries" => &mut inputs.boundaries,
                "periods" => &mut inputs.periods,
                _ => &mut inputs.sources,
            };
            *slot = Some(input);
        }
        let previous_dir = a.previous.clone().or_else(|| {
            a.out.as_ref().filter(|o| !a.no_previous && o.join("index.json").is_file()).map(|o| {
                say(
                    lang,
                    format!("{} bevat al een publicatie: die geldt als vorige versie", o.display()),
                    format!("{} already holds a publication: it is used as the previous version", o.display()),
                );
                o.clone()
            })
        });
        if let Some(dir) = &previous_dir {
            match fsio::read_previous(dir) {
                Ok(p) => inputs.previous = Some(p),
                Err(e) => report.error(Location::file(&dir.display().to_string()), Msg::PreviousUnreadable(e)),
            }
        }
        if report.has_errors() {
            eprint!("{}", report.render(lang));
            return 2;
        }

        let publication = match publish(&inputs, &options) {
            Ok(p) => p,
            Err(r) => {
                eprint!("{}", r.render(lang));
                say(lang, "niets geschreven.".into(), "nothing written.".into());
                return 1;
            }
        };
        if !publication.report.issues.is_empty() {
            eprint!("{}", publication.report.render(lang));
        }
        let b = &publication.built;
        let d = &b.dataset;
        say(
            lang,
            format!(
                "versie {}: {} categorieën, {} doelgroepen, {} gemeenten, {} samenwerkingsverbanden, {} initiatieven",
                b.index.dataset_version,
                d.categories.len(),
                d.audiences.len(),
                d.municipalities.len(),
                d.partnerships.len(),
                d.initiatives.len()
            ),
            format!(
                "version {}: {} categories, {} target groups, {} municipalities, {} partnerships, {} initiatives",
                b.index.dataset_version,
                d.categories.len(),
                d.audiences.len(),
                d.municipalities.len(),
                d.partnerships.len(),
                d.initiatives.len()
            ),
        );
        if let Some(delta) = &b.delta {
            println!("publish: {}", wegwijzer_publish::summary::describe_changes(delta, &b.unchanged, lang));
            if !delta.written {
                say(lang, "deltabestand te groot, niet geschreven".into(), "delta file too large, not written".into());
            }
        }
        if let Some(g) = &publication.geometry {
            say(
                lang,
                format!(
                    "grenzen: {} vormen in, {} gemeenten uit, {} → {} punten, {} bogen, {} bytes",
                    publication.boundary_shapes, g.count, g.points_in, g.points_out, g.arcs, g.bytes.len()
                ),
                format!(
                    "boundaries: {} shapes in, {} municipalities out, {} → {} points, {} arcs, {} bytes",
                    publication.boundary_shapes, g.count, g.points_in, g.points_out, g.arcs, g.bytes.len()
                ),
            );
        }
        if a.check {
            say(lang, "controle geslaagd, niets geschreven (--check)".into(), "check passed, nothing written (--check)".into());
            return 0;
        }
        let out: &Path = a.out.as_deref().expect("checked in parse");
        let mut files = publication.files.clone();
        files.extend(fsio::carry_over(out, &files));
        if let Err(e) = fsio::write_endpoint(out, &files, None) {
            let msg = Msg::OutputFolder { folder: out.display().to_string(), kind: std::io::ErrorKind::Other, detail: e };
            eprintln!("publish: {}", msg.text(lang));
            return 2;
        }
        say(
            lang,
            format!("{} bestanden geschreven naar {} in {:.2} s", files.len(), out.display(), started.elapsed().as_secs_f64()),
            format!("{} files written to {} in {:.2} s", files.len(), out.display(), started.elapsed().as_secs_f64()),
        );
        0
    }

    /// `--list categories`: every category id with its kind and label in the report's
    /// language, from `--categories` when given, else the built-in list.
    fn list_categories(a: &Args) -> i32 {
        use wegwijzer_core::model::CategoryKind;
        use wegwijzer_publish::reference::{read_categories, CATEGORY_COLUMNS, DEFAULT_CATEGORIES};
        use wegwijzer_publish::rows::Sheet;
        let given = a.files.iter().find(|(k, _)| k == "categories");
        let (name, bytes) = match given {
            Some((_, path)) => match std::fs::read(path) {
                Ok(b) => (path.display().to_string(), b),
                Err(e) => {
                    eprintln!("publish: {}: {}", path.display(), io_msg(&e).text(a.lang));
                    return 2;
                }
            },
            None => ("categories (built-in)".to_string(), DEFAULT_CATEGORIES.as_bytes().to_vec()),
        };
        let mut report = Report::default();
        let sheet = Sheet::open(&name, &bytes, &["id", "kind", "label_nl"], &CATEGORY_COLUMNS, &mut report);
        let Some(sheet) = sheet.filter(|_| !report.has_errors()) else {
            eprint!("{}", report.render(a.lang));
            return 1;
        };
        let read = read_categories(&sheet, &mut report);
        let nl = a.lang == ReportLang::Nl;
        let label = |l: &wegwijzer_core::model::Text| if nl { l.nl.clone() } else { l.en.clone().unwrap_or_else(|| l.nl.clone()) };
        let of_kind = |kind| read.categories.iter().filter(move |c| c.kind == kind).map(|c| (c.id.clone(), label(&c.label)));
        let lists: [(&str, &str, Vec<(String, String)>); 3] = [
            ("soorten initiatief (kolom kind):", "initiative types (column kind):", of_kind(CategoryKind::InitiativeType).collect()),
            ("diensten (kolom services):", "services (column services):", of_kind(CategoryKind::Service).collect()),
            ("doelgroepen (kolom audience):", "target groups (column audience):", read.audiences.iter().map(|a| (a.id.clone(), label(&a.label))).collect()),
        ];
        for (heading_nl, heading_en, items) in lists {
            println!("{}", if nl { heading_nl } else { heading_en });
            for (id, label) in items {
                println!("  {id:<28} {label}");
            }
        }
        0
    }
}
