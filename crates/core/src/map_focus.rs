//! Where the coverage map opens and what "find a municipality" finds, without the DOM.
//!
//! The map opens on what the app already knows about the user, most specific context first:
//! an embed's region (the embedding site chose it), else the municipality the user looked for
//! in the directory, else the one nearest to the device location the user shared. A
//! municipality is chosen (its panel opens) and the map shows its province around it.
//!
//! ```
//! use wegwijzer_core::map_focus::{find_municipality, Opening};
//! use wegwijzer_core::dataset::Dataset;
//! use wegwijzer_core::model::{Municipality, Text};
//! let ieper = Municipality { nis: "33011".into(), name: Text::nl("Ieper"), province: "30000".into(),
//!     postcodes: vec!["8900".into()], ..Default::default() };
//! let data = Dataset::new(None, vec![], vec![ieper], vec![], vec![]).unwrap();
//! assert_eq!(find_municipality(&data, " IEPER "), Some("33011".to_string()));
//! assert_eq!(find_municipality(&data, "8900"), Some("33011".to_string()));
//! assert_eq!(Opening::choose(&data, None, Some("33011"), None), Opening::Municipality("33011".into()));
//! ```

use crate::coverage_view::MapGeometry;
use crate::dataset::Dataset;
use crate::geo::distance_km;
use crate::map::Bounds;
use crate::model::{Lang, Municipality, Point};
use crate::search::normalize;
use std::collections::BTreeSet;
use crate::order;

/// What the map shows first.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Opening {
    /// All of Flanders: nothing is known about the user.
    Whole,
    /// An embed's region: its municipalities fill the frame.
    Region(Vec<String>),
    /// The user's municipality (NIS code of today): chosen, on its province.
    Municipality(String),
}

impl Opening {
    /// `region`: an embed's municipalities (`None` or empty: no embed region); `looked_for`: a
    /// municipality the user searched for or filtered on (any era's code); `here`: the device
    /// location the user shared.
    pub fn choose(data: &Dataset, region: Option<&BTreeSet<String>>, looked_for: Option<&str>, here: Option<Point>) -> Opening {
        if let Some(region) = region.filter(|r| !r.is_empty()) {
            return Opening::Region(region.iter().cloned().collect());
        }
        let found = looked_for
            .and_then(|nis| today(data, nis))
            .or_else(|| here.and_then(|at| nearest_municipality(&data.municipalities, at)).map(|m| m.nis.clone()));
        found.map_or(Opening::Whole, Opening::Municipality)
    }

    /// The part of the map to show (`None`: the whole map), in the map's units.
    pub fn bounds(&self, data: &Dataset, geometry: &MapGeometry) -> Option<Bounds> {
        let wanted: BTreeSet<&str> = match self {
            Opening::Whole => return None,
            Opening::Region(codes) => codes.iter().filter_map(|nis| today_ref(data, nis)).collect(),
            Opening::Municipality(nis) => {
                let province = data.municipality(nis).map(|m| m.province.as_str());
                data.municipalities
                    .iter()
                    .filter(|m| m.is_current() && Some(m.province.as_str()) == province)
                    .map(|m| m.nis.as_str())
                    .collect()
            }
        };
        let bounds = region_bounds(geometry, |nis| wanted.contains(nis));
        (!bounds.is_empty()).then_some(bounds)
    }

    /// The municipality to choose on opening.
    pub fn chosen(&self) -> Option<&str> {
        match self {
            Opening::Municipality(nis) => Some(nis),
            _ => None,
        }
    }
}

/// The bounding box of the shapes whose code passes `wanted`; empty when none does.
pub fn region_bounds(geometry: &MapGeometry, wanted: impl Fn(&str) -> bool) -> Bounds {
    let mut bounds = Bounds::empty();
    for shape in geometry.shapes.iter().filter(|s| wanted(&s.nis)) {
        bounds.union(&shape.bounds);
    }
    bounds
}

/// A code of any era as today's municipality: itself, or the one a former municipality became
/// part of (following later mergers too).
fn today_ref<'a>(data: &'a Dataset, nis: &str) -> Option<&'a str> {
    let mut m = data.municipality(nis)?;
    // Bounded: a merger chain longer than the list would be a loop in the data.
    for _ in 0..data.municipalities.len() {
        if m.is_current() {
            return Some(&m.nis);
        }
        m = data.municipality(m.merged_into.as_deref()?)?;
    }
    None
}

fn today(data: &Dataset, nis: &str) -> Option<String> {
    today_ref(data, nis).map(str::to_string)
}

/// Today's municipality whose point is nearest to `at` (municipalities without a point are
/// skipped). An approximation of "the municipality I am in" that needs no boundaries.
pub fn nearest_municipality(municipalities: &[Municipality], at: Point) -> Option<&Municipality> {
    municipalities
        .iter()
        .filter(|m| m.is_current())
        .filter_map(|m| Some((distance_km(m.point?, at), m)))
        .min_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, m)| m)
}

/// The municipality a "find a municipality" entry names: its name in any language (accents,
/// case and spaces ignored), a postcode, or the name of a former municipality (found as the one
/// it is part of today). `None` when nothing matches exactly.
pub fn find_municipality(data: &Dataset, entry: &str) -> Option<String> {
    let wanted = normalize(entry);
    if wanted.is_empty() {
        return None;
    }
    let names = |m: &Municipality| {
        [Some(m.name.nl.as_str()), m.name.fr.as_deref(), m.name.en.as_deref()].into_iter().flatten().any(|n| normalize(n) == wanted)
    };
    let postcode = |m: &Municipality| m.postcodes.iter().any(|p| p.as_str() == entry.trim());
    // Today's municipalities first: a former name that lives on ("Bilzen" in Bilzen-Hoeselt) is
    // never shadowed, and a name of today wins over a former one.
    let found = data
        .municipalities
        .iter()
        .filter(|m| m.is_current())
        .find(|m| names(m) || postcode(m))
        .or_else(|| data.municipalities.iter().find(|m| names(m) || postcode(m)))?;
    today(data, &found.nis)
}

/// The suggestions of the "find a municipality" box: today's municipalities' names in `lang`,
/// sorted as a reader expects (accents and case ignored), each once.
pub fn municipality_suggestions(data: &Dataset, lang: Lang) -> Vec<String> {
    let mut names: Vec<String> =
        data.municipalities.iter().filter(|m| m.is_current()).map(|m| m.name.get(lang).to_string()).collect();
    order::sort_by_cached_key(&mut names, |n| normalize(n));
    names.dedup();
    names
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::coverage_view::{GeometryKind, MapShape};

    fn muni(nis: &str, name: &str, province: &str, lat: f64, lon: f64) -> Municipality {
        Municipality {
            nis: nis.into(),
            name: crate::model::Text::nl(name),
            province: province.into(),
            postcodes: vec![format!("{}", 1000 + nis[..3].parse::<u32>().unwrap())],
            point: Some(Point { lat, lon }),
            ..Default::default()
        }
    }

    fn data() -> Dataset {
        let bilzen = Municipality {
            ceased: Some("2025-01-01".into()),
            merged_into: Some("73110".into()),
            ..muni("73006", "Bilzen", "70000", 50.87, 5.52)
        };
        let mut leuven = muni("24062", "Leuven", "20001", 50.88, 4.70);
        leuven.name.fr = Some("Louvain".into());
        let ms = vec![
            muni("33011", "Ieper", "30000", 50.85, 2.88),
            muni("33021", "Poperinge", "30000", 50.85, 2.73),
            leuven,
            muni("73110", "Bilzen-Hoeselt", "70000", 50.86, 5.55),
            bilzen,
        ];
        Dataset::new(None, vec![], ms, vec![], vec![]).unwrap()
    }

    fn geometry(data: &Dataset) -> MapGeometry {
        let mut shapes: Vec<MapShape> = data
            .municipalities
            .iter()
            .filter(|m| m.is_current())
            .enumerate()
            .map(|(i, m)| {
                let x = i as f64 * 100.0;
                MapShape { nis: m.nis.clone(), path: String::new(), center: [x + 5.0, 5.0], bounds: Bounds::of_points([[x, 0.0], [x + 10.0, 10.0]]) }
            })
            .collect();
        shapes.sort_by(|a, b| a.nis.cmp(&b.nis));
        MapGeometry { kind: GeometryKind::Hexagons, shapes, width: 1000.0, height: 100.0, adjacency: vec![], missing: vec![] }
    }

    #[test]
    fn the_map_opens_on_what_is_known_most_specific_first() {
        let d = data();
        let region: BTreeSet<String> = ["33011".to_string(), "33021".to_string()].into();
        let ieper = Some(Point { lat: 50.851, lon: 2.885 });
        // An embed's region wins over everything the device knows.
        assert_eq!(Opening::choose(&d, Some(&region), Some("24062"), ieper), Opening::Region(vec!["33011".into(), "33021".into()]));
        assert_eq!(Opening::choose(&d, Some(&BTreeSet::new()), None, None), Opening::Whole);
        // A searched place wins over the device location; a former code is today's municipality.
        assert_eq!(Opening::choose(&d, None, Some("24062"), ieper), Opening::Municipality("24062".into()));
        assert_eq!(Opening::choose(&d, None, Some("73006"), None), Opening::Municipality("73110".into()));
        assert_eq!(Opening::choose(&d, None, None, ieper), Opening::Municipality("33011".into()));
        assert_eq!(Opening::choose(&d, None, Some("99999"), None), Opening::Whole, "an unknown code is ignored");
        assert_eq!(Opening::choose(&d, None, None, None).chosen(), None);
    }

    #[test]
    fn the_opening_shows_the_province_or_the_region() {
        let d = data();
        let g = geometry(&d);
        // Ieper's province holds Ieper and Poperinge: their two boxes.
        let ieper = g.index_of("33011").unwrap();
        let poperinge = g.index_of("33021").unwrap();
        let mut expected = g.shapes[ieper].bounds;
        expected.union(&g.shapes[poperinge].bounds);
        assert_eq!(Opening::Municipality("33011".into()).bounds(&d, &g), Some(expected));
        let leuven = g.shapes[g.index_of("24062").unwrap()].bounds;
        assert_eq!(Opening::Region(vec!["24062".into(), "00000".into()]).bounds(&d, &g), Some(leuven));
        // A former municipality of a region is drawn as today's.
        let bilzen = g.shapes[g.index_of("73110").unwrap()].bounds;
        assert_eq!(Opening::Region(vec!["73006".into()]).bounds(&d, &g), Some(bilzen));
        assert_eq!(Opening::Region(vec!["00000".into()]).bounds(&d, &g), None);
        assert_eq!(Opening::Whole.bounds(&d, &g), None);
    }

    #[test]
    fn find_a_municipality_by_name_postcode_or_former_name() {
        let d = data();
        assert_eq!(find_municipality(&d, "poperinge").as_deref(), Some("33021"));
        assert_eq!(find_municipality(&d, "Louvain").as_deref(), Some("24062"));
        assert_eq!(find_municipality(&d, "1240").as_deref(), Some("24062"));
        assert_eq!(find_municipality(&d, "Bilzen").as_deref(), Some("73110"), "a former name finds today's municipality");
        assert_eq!(find_municipality(&d, "Bilzen-Hoeselt").as_deref(), Some("73110"));
        assert_eq!(find_municipality(&d, "Iep"), None, "a prefix is a suggestion, not a choice");
        assert_eq!(find_municipality(&d, "  "), None);
    }

    #[test]
    fn suggestions_are_todays_names_in_order() {
        let d = data();
        assert_eq!(municipality_suggestions(&d, Lang::Nl), ["Bilzen-Hoeselt", "Ieper", "Leuven", "Poperinge"]);
        assert_eq!(municipality_suggestions(&d, Lang::Fr), ["Bilzen-Hoeselt", "Ieper", "Louvain", "Poperinge"]);
        let near_leuven = Point { lat: 50.9, lon: 4.6 };
        assert_eq!(nearest_municipality(&d.municipalities, near_leuven).map(|m| m.nis.as_str()), Some("24062"));
    }
}
