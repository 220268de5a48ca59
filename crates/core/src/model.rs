//! The endpoint format, version 1: one serde model shared by the app, the host tests and the
//! sample-data generator. Pure Rust, no DOM types. See `docs/data-format.md`.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The format version this build reads and writes. A different major format is refused.
pub const FORMAT_VERSION: u32 = 1;

/// The `format_version` of a delta file with `patches`. Readers from before patches accept only
/// [`FORMAT_VERSION`], so they download the changed collections instead of dropping the patches
/// they do not know and keeping stale records.
pub const PATCHES_FORMAT_VERSION: u32 = 2;

/// The four collections every dataset has, in load order (later ones refer to earlier ones).
pub const COLLECTIONS: [&str; 4] = ["categories", "municipalities", "partnerships", "initiatives"];

/// The optional collection of [`Source`]s (about page). Listed in `index.json` like the four
/// above, so a client downloads it only when its SHA-256 changes, not with every poll of the
/// index: sources and licences rarely change, and were most of `index.json`'s bytes.
pub const SOURCES: &str = "sources";

/// The languages the app speaks. Data fields fall back to Dutch.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Nl,
    Fr,
    En,
}

impl Lang {
    pub const ALL: [Lang; 3] = [Lang::Nl, Lang::Fr, Lang::En];

    pub fn code(self) -> &'static str {
        match self {
            Lang::Nl => "nl",
            Lang::Fr => "fr",
            Lang::En => "en",
        }
    }

    /// Parses "nl", "fr-BE", "EN" and the like; anything else is `None`.
    pub fn parse(s: &str) -> Option<Lang> {
        let primary = s.split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "nl" => Some(Lang::Nl),
            "fr" => Some(Lang::Fr),
            "en" => Some(Lang::En),
            _ => None,
        }
    }
}

/// `index.json`: what a client reads first, small enough to poll.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Index {
    pub format_version: u32,
    /// Grows with every publication; a client never moves to a lower one.
    pub dataset_version: u64,
    /// RFC 3339 UTC time of generation.
    pub generated_at: String,
    /// True for generated demonstration data: the UI then shows a "voorbeeldgegevens" notice.
    #[serde(default)]
    pub sample: bool,
    /// Who publishes this dataset, shown on the about page.
    pub publisher: String,
    /// Where the data comes from, with licences, inline: the format before the [`SOURCES`]
    /// collection. Still read; the publishing tool writes the collection instead.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<Source>,
    /// Collection name ("categories", ...) to its file. Unknown names are ignored by readers.
    pub collections: BTreeMap<String, CollectionEntry>,
    /// Optional delta files from earlier versions to this one, for incremental sync.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub changes: Vec<ChangesEntry>,
    /// What is known about the policy periods: whether the partnership list of a period is
    /// complete, and the totals an authority reported for it. A period not listed here is
    /// complete (the format before this field). Older builds ignore it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub periods: Vec<PeriodInfo>,
    /// `YYYY-MM-DD`: the day the municipalities' `population` counts refer to (Statbel counts
    /// the population on 1 January), shown with the population share. Older builds ignore it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub population_date: Option<String>,
}

/// One policy period as `index.json` describes it (docs/data-format.md, `periods`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PeriodInfo {
    pub from: u16,
    pub to: u16,
    /// The partnerships of this period in the dataset are all there were. When `false`, a
    /// municipality in none of them is "unknown", not "uncovered".
    pub complete: bool,
    /// Totals an authority reported for the period, shown beside (never mixed with) the figures
    /// computed from the partnerships.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reported: Option<ReportedTotals>,
}

impl PeriodInfo {
    pub fn period(&self) -> Period {
        Period { from: self.from, to: self.to }
    }
}

/// Totals as published by an authority for one period, with where they were published. Every
/// field but `source` is optional: a press release rarely gives them all.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Default)]
pub struct ReportedTotals {
    /// Number of regisseurs (partnerships and municipalities acting alone).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partnerships: Option<u32>,
    /// Municipalities covered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub municipalities_covered: Option<u32>,
    /// Municipalities the share is of (300 in 2020-2025).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub municipalities_total: Option<u32>,
    /// Share of municipalities covered, in percent (0-100).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub municipality_share_pct: Option<ReportedNumber>,
    /// Share of the population covered, in percent (0-100).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub population_share_pct: Option<ReportedNumber>,
    /// The publication the totals come from, as a reader can find it ("socialeeconomie.be news
    /// of 8 April 2020").
    pub source: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_url: Option<String>,
}

/// A number as reported: `approximate` when the source says "about" ("~89").
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReportedNumber {
    pub value: f64,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub approximate: bool,
}

/// One delta file listed in `index.json`: what changed from `from` to `to` (= this version).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ChangesEntry {
    pub from: u64,
    pub to: u64,
    /// File name relative to the endpoint base, e.g. "changes/41-42.json".
    pub file: String,
    pub bytes: u64,
    pub sha256: String,
}

/// A delta file: upserts (whole records, by id), patches (changed fields) and deletions (ids)
/// per collection. Collections without changes are left out.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Default)]
pub struct Changes {
    pub format_version: u32,
    pub from: u64,
    pub to: u64,
    #[serde(default, skip_serializing_if = "CollectionChanges::is_empty")]
    pub categories: CollectionChanges<Category>,
    #[serde(default, skip_serializing_if = "CollectionChanges::is_empty")]
    pub municipalities: CollectionChanges<Municipality>,
    #[serde(default, skip_serializing_if = "CollectionChanges::is_empty")]
    pub partnerships: CollectionChanges<Partnership>,
    #[serde(default, skip_serializing_if = "CollectionChanges::is_empty")]
    pub initiatives: CollectionChanges<Initiative>,
    /// The whole new list of sources when the [`SOURCES`] collection changed (it is short).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sources: Option<Vec<Source>>,
    /// The whole new list of target groups when `audiences` in `categories.json` changed (it
    /// is short). Builds that do not know it ignore it, as they ignore the field in the file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub audiences: Option<Vec<Audience>>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CollectionChanges<T> {
    #[serde(default = "Vec::new", skip_serializing_if = "Vec::is_empty")]
    pub upserts: Vec<T>,
    /// Changed fields of records the previous version has: far smaller than whole records when
    /// one field of a three-language record changes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub patches: Vec<Patch>,
    /// Ids (NIS codes for municipalities) of records that no longer exist.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub deletions: Vec<String>,
}

impl<T> Default for CollectionChanges<T> {
    fn default() -> Self {
        CollectionChanges { upserts: Vec::new(), patches: Vec::new(), deletions: Vec::new() }
    }
}

impl<T> CollectionChanges<T> {
    pub fn is_empty(&self) -> bool {
        self.upserts.is_empty() && self.patches.is_empty() && self.deletions.is_empty()
    }
}

/// A change to one record: a JSON Merge Patch (RFC 7396) on the record's JSON form.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Patch {
    /// The record's id (NIS code for municipalities).
    pub id: String,
    pub merge: serde_json::Value,
}

/// Records with a stable key, so a delta can replace or delete them.
pub trait Keyed {
    fn key(&self) -> &str;
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Source {
    pub name: String,
    pub url: String,
    pub licence: String,
    /// What this source contributed, in Dutch (about page).
    #[serde(default)]
    pub used_for: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CollectionEntry {
    /// File name relative to the endpoint base, e.g. "initiatives.json".
    pub file: String,
    /// Exact byte size of the file.
    pub bytes: u64,
    /// Number of items in the file.
    pub count: u64,
    /// Lower-case hex SHA-256 of the file's bytes.
    pub sha256: String,
}

/// Every collection file has this envelope, so a file can be checked against its index.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Collection<T> {
    pub dataset_version: u64,
    pub items: Vec<T>,
}

/// `categories.json`: the [`Collection`] envelope with the target groups beside its `items`
/// (docs/data-format.md, "Target groups"). `index.json` counts the `items` only.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CategoriesFile {
    pub dataset_version: u64,
    pub items: Vec<Category>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub audiences: Vec<Audience>,
}

/// Text in several languages; Dutch is required, the others are optional.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Default)]
pub struct Text {
    pub nl: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fr: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub en: Option<String>,
}

impl Text {
    pub fn nl(s: impl Into<String>) -> Self {
        Text { nl: s.into(), fr: None, en: None }
    }

    /// The text in `lang`, falling back to Dutch when that language is missing or empty.
    pub fn get(&self, lang: Lang) -> &str {
        let other = match lang {
            Lang::Nl => None,
            Lang::Fr => self.fr.as_deref(),
            Lang::En => self.en.as_deref(),
        };
        other.filter(|s| !s.trim().is_empty()).unwrap_or(&self.nl)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CategoryKind {
    /// What an initiative does (aanvullende thuiszorg, fietspunt, ...).
    Service,
    /// What an initiative is (LDE, maatwerkbedrijf, arbeidszorg, wijk-werken).
    InitiativeType,
}

/// One target group of the `doelgroep` taxonomy (older people, job seekers, ...), which
/// [`Initiative::audience`] refers to by id. Published in the `audiences` field of
/// `categories.json`, beside its `items`: builds from before issue 13 read `items` strictly
/// (a category kind they do not know leaves the record out, and eight of them are more than
/// the share a build may leave out), but skip a top-level field they do not know.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Audience {
    pub id: String,
    pub label: Text,
}

/// The name of the field of `categories.json` that holds the [`Audience`]s.
pub const AUDIENCES: &str = "audiences";

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Category {
    pub id: String,
    pub kind: CategoryKind,
    pub label: Text,
    /// Optional grouping, e.g. "lde" for the local service-economy services.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    /// Optional words people search this category by, besides its label (synonyms, everyday
    /// and former names, common misspellings): searched, never shown. Added to format v1
    /// without a version change: readers that do not know it ignore it.
    #[serde(default, skip_serializing_if = "Keywords::is_empty")]
    pub keywords: Keywords,
}

/// Search keywords per language, each a word or a phrase ("beschutte werkplaats").
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Keywords {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub nl: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fr: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub en: Vec<String>,
}

impl Keywords {
    pub fn is_empty(&self) -> bool {
        self.nl.is_empty() && self.fr.is_empty() && self.en.is_empty()
    }

    /// Every keyword, Dutch first.
    pub fn all(&self) -> impl Iterator<Item = &String> {
        self.nl.iter().chain(&self.fr).chain(&self.en)
    }
}

/// WGS84 point.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Point {
    pub lat: f64,
    pub lon: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Default)]
pub struct Municipality {
    /// Five-digit NIS (REFNIS) code.
    pub nis: String,
    /// Official name; `fr` where the municipality has an official French name.
    pub name: Text,
    /// NIS code of the province.
    pub province: String,
    #[serde(default)]
    pub postcodes: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub population: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub point: Option<Point>,
    /// A former municipality: the date (`YYYY-MM-DD`, 1 January of the merger year) from which
    /// it no longer exists. Its territory is part of [`Municipality::merged_into`] from then on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ceased: Option<String>,
    /// The NIS code of the municipality a former municipality became part of.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub merged_into: Option<String>,
    /// A municipality made by a merger under a new code: the date it came into being. A merged
    /// municipality without it kept the code of one of its parts (Antwerpen, 11002, absorbing
    /// Borsbeek in 2025).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub formed: Option<String>,
}

impl Municipality {
    /// Still a municipality today (not merged into another).
    pub fn is_current(&self) -> bool {
        self.ceased.is_none()
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Period {
    /// First year, inclusive.
    pub from: u16,
    /// Last year, inclusive.
    pub to: u16,
}

impl Period {
    /// "2023–2025" (an en dash, as in the period choice of the map).
    pub fn label(&self) -> String {
        format!("{}–{}", self.from, self.to)
    }

    /// Whether `year` lies in the period (both ends included).
    pub fn contains(&self, year: u16) -> bool {
        self.from <= year && year <= self.to
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Default)]
pub struct Contact {
    pub organisation: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub website: Option<String>,
}

/// A regie partnership for social economy and work (a "lokale regisseur").
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Partnership {
    pub id: String,
    pub name: String,
    /// NIS codes of the member municipalities.
    pub members: Vec<String>,
    pub period: Period,
    pub contact: Contact,
    /// Where the membership was published; empty for demo partnerships.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_url: Option<String>,
    /// The date (`YYYY-MM-DD`) the source was read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_read: Option<String>,
    /// How sure the membership is, from the kind of source.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confidence: Option<Confidence>,
    /// What the source does not settle, and how a conflict was resolved (Dutch, shown as is).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_note: Option<String>,
    /// A made-up partnership in sample data.
    #[serde(default)]
    pub demo: bool,
}

impl Partnership {
    /// The name with its period, "Regie Kust (2023–2025)": a partnership is named so wherever
    /// partnerships of more than one period can be listed together (the directory's filter), as
    /// the same name often returns in the next period.
    pub fn name_with_period(&self) -> String {
        format!("{} ({})", self.name, self.period.label())
    }
}

/// The kind of source a partnership's membership comes from, most certain first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Confidence {
    /// An official list (the Flemish government's list of regisseurs, a decision).
    Official,
    /// Published by the partnership itself or by a member municipality.
    Published,
    /// Derived by the publisher from other facts (e.g. the members of a related body).
    Derived,
    /// A level this build does not know (a later format may add one): shown as unknown.
    #[serde(other)]
    Other,
}

impl Confidence {
    /// The spelling of the data format and the publisher's CSV.
    pub fn code(self) -> &'static str {
        match self {
            Confidence::Official => "official",
            Confidence::Published => "published",
            Confidence::Derived => "derived",
            Confidence::Other => "other",
        }
    }

    /// Reads the CSV spelling; also the Dutch words a spreadsheet may use. `None` otherwise.
    pub fn parse(s: &str) -> Option<Confidence> {
        match s.trim().to_lowercase().as_str() {
            "official" | "officieel" | "officiële lijst" | "officiele lijst" => Some(Confidence::Official),
            "published" | "gepubliceerd" => Some(Confidence::Published),
            "derived" | "afgeleid" => Some(Confidence::Derived),
            _ => None,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Default)]
pub struct Address {
    pub street: String,
    pub postcode: String,
    pub locality: String,
}

impl Address {
    pub fn one_line(&self) -> String {
        format!("{}, {} {}", self.street, self.postcode, self.locality)
    }

    /// A directions link to this address. The cross-platform maps URL opens the phone's map app;
    /// it is only a link, so nothing is sent anywhere until the user follows it.
    pub fn route_url(&self) -> String {
        let destination = format!("{}, {} {}, België", self.street, self.postcode, self.locality);
        format!("https://www.google.com/maps/dir/?api=1&destination={}", crate::view_state::encode(&destination))
    }
}

/// Whether an initiative can be visited now.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    #[default]
    Active,
    /// Closed for a while; the initiative's `alert` says why and until when.
    TemporarilyClosed,
    /// Closed for good (kept so links and searches say so instead of failing).
    Closed,
}

impl Status {
    pub fn is_active(&self) -> bool {
        *self == Status::Active
    }
}

/// Wheelchair access to the place where the service is given.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Wheelchair {
    Yes,
    /// Accessible with help or in part (a step, a narrow door); `accessibility.note` says how.
    Limited,
    No,
}

impl Wheelchair {
    pub const ALL: [Wheelchair; 3] = [Wheelchair::Yes, Wheelchair::Limited, Wheelchair::No];

    /// The value as written in the format and in URLs: `yes`, `limited`, `no`.
    pub fn code(self) -> &'static str {
        match self {
            Wheelchair::Yes => "yes",
            Wheelchair::Limited => "limited",
            Wheelchair::No => "no",
        }
    }

    pub fn parse(s: &str) -> Option<Wheelchair> {
        Wheelchair::ALL.into_iter().find(|w| w.code() == s.trim().to_ascii_lowercase())
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Default)]
pub struct Accessibility {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wheelchair: Option<Wheelchair>,
    /// More about access: entrance, toilets, parking, hearing loop, ...
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Text>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Default)]
pub struct Initiative {
    /// Stable across dataset versions.
    pub id: String,
    pub name: String,
    /// Category id of kind `initiative_type`.
    pub kind: String,
    /// Category ids of kind `service`.
    #[serde(default)]
    pub services: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<Text>,
    pub address: Address,
    /// NIS code of the municipality where it is based.
    pub nis: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub point: Option<Point>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub website: Option<String>,
    /// NIS codes of the municipalities it serves (besides where it is based).
    #[serde(default)]
    pub serves: Vec<String>,
    /// RFC 3339 date or time of the last change of this record.
    pub updated_at: String,
    /// OpenStreetMap `opening_hours` value, e.g. `Mo-Fr 09:00-12:00,13:00-16:30; PH off`
    /// (the subset read by `crate::opening_hours::parse`), in Europe/Brussels time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub opening_hours: Option<String>,
    /// What the hours cannot say: "op afspraak", "zomersluiting 15/7-15/8".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub opening_hours_note: Option<Text>,
    /// Target groups: ids of [`Audience`]s (`audiences` in `categories.json`). An id the
    /// dataset does not list is ignored by the app; the publisher refuses it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub audience: Vec<String>,
    /// Who can use it, in words (conditions, referral).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub eligibility: Option<Text>,
    /// Languages the service is given in: ISO 639-1 codes (`nl`, `fr`, `ar`, ...).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub languages: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accessibility: Option<Accessibility>,
    /// What it costs, e.g. "€ 8,50 per uur, met dienstencheques".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cost: Option<Text>,
    /// How to sign up or get the service.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub how_to_apply: Option<Text>,
    #[serde(default, skip_serializing_if = "Status::is_active")]
    pub status: Status,
    /// Why and until when it is temporarily closed; required with that status.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alert: Option<Text>,
    /// The date (`YYYY-MM-DD`) the publisher last verified this record.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub checked_at: Option<String>,
}

/// The names of the Flemish provinces by NIS code. These are fixed administrative facts, so they
/// live here instead of in every municipality record.
pub fn province_name(nis: &str, lang: Lang) -> Option<&'static str> {
    let (nl, fr, en) = match nis {
        "10000" => ("Antwerpen", "Anvers", "Antwerp"),
        "20001" => ("Vlaams-Brabant", "Brabant flamand", "Flemish Brabant"),
        "30000" => ("West-Vlaanderen", "Flandre-Occidentale", "West Flanders"),
        "40000" => ("Oost-Vlaanderen", "Flandre-Orientale", "East Flanders"),
        "70000" => ("Limburg", "Limbourg", "Limburg"),
        _ => return None,
    };
    Some(match lang {
        Lang::Nl => nl,
        Lang::Fr => fr,
        Lang::En => en,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_falls_back_to_dutch() {
        let t = Text { nl: "Fietspunt".into(), fr: Some("Point vélo".into()), en: Some(" ".into()) };
        assert_eq!(t.get(Lang::Fr), "Point vélo");
        assert_eq!(t.get(Lang::En), "Fietspunt");
        assert_eq!(t.get(Lang::Nl), "Fietspunt");
    }

    #[test]
    fn route_url_encodes_the_address() {
        let a = Address { street: "Grote Markt 1".into(), postcode: "8900".into(), locality: "Ieper".into() };
        assert_eq!(
            a.route_url(),
            "https://www.google.com/maps/dir/?api=1&destination=Grote+Markt+1%2C+8900+Ieper%2C+Belgi%C3%AB"
        );
    }

    #[test]
    fn provenance_and_periods_read_and_tolerate_later_values() {
        let json = r#"{"id":"a","name":"A","members":["11001"],"period":{"from":2020,"to":2025},"contact":{"organisation":"A"},
            "source_url":"https://example.org","source_read":"2025-03-12","confidence":"published"}"#;
        let p: Partnership = serde_json::from_str(json).unwrap();
        assert_eq!((p.confidence, p.source_read.as_deref()), (Some(Confidence::Published), Some("2025-03-12")));
        assert!(serde_json::to_string(&p).unwrap().contains(r#""confidence":"published""#));
        // A level a later format adds is read as Other, not refused with the whole dataset.
        let later: Partnership = serde_json::from_str(&json.replace("published", "peer_reviewed")).unwrap();
        assert_eq!(later.confidence, Some(Confidence::Other));
        assert_eq!(Confidence::parse(" Officiële lijst"), Some(Confidence::Official));
        assert_eq!(Confidence::parse("high"), None);
        let info: PeriodInfo = serde_json::from_str(
            r#"{"from":2020,"to":2025,"complete":false,"reported":{"partnerships":37,"population_share_pct":{"value":89,"approximate":true},"source":"S"}}"#,
        )
        .unwrap();
        let reported = info.reported.unwrap();
        assert_eq!((reported.partnerships, reported.population_share_pct), (Some(37), Some(ReportedNumber { value: 89.0, approximate: true })));
    }

    #[test]
    fn lang_parses_browser_tags() {
        assert_eq!(Lang::parse("fr-BE"), Some(Lang::Fr));
        assert_eq!(Lang::parse("EN_gb"), Some(Lang::En));
        assert_eq!(Lang::parse("de"), None);
        assert_eq!(Lang::parse(""), None);
    }

    #[test]
    fn initiative_round_trips_and_omits_empty_optionals() {
        let i = Initiative {
            id: "demo-1".into(),
            name: "Demo Fietspunt".into(),
            kind: "lde".into(),
            services: vec!["fietspunt".into()],
            description: None,
            address: Address { street: "Markt 1".into(), postcode: "8500".into(), locality: "Kortrijk".into() },
            nis: "34022".into(),
            point: Some(Point { lat: 50.83, lon: 3.26 }),
            phone: None,
            email: Some("info@example.org".into()),
            website: None,
            serves: vec![],
            updated_at: "2026-01-01".into(),
            ..Default::default()
        };
        let json = serde_json::to_string(&i).unwrap();
        assert!(!json.contains("phone"), "absent optionals are omitted: {json}");
        let back: Initiative = serde_json::from_str(&json).unwrap();
        assert_eq!(back, i);
    }
}

impl Keyed for Category {
    fn key(&self) -> &str {
        &self.id
    }
}

impl Keyed for Municipality {
    fn key(&self) -> &str {
        &self.nis
    }
}

impl Keyed for Partnership {
    fn key(&self) -> &str {
        &self.id
    }
}

impl Keyed for Initiative {
    fn key(&self) -> &str {
        &self.id
    }
}
