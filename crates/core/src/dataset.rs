//! Turning the endpoint's bytes into a checked [`Dataset`]: parse `index.json`, verify each
//! collection file against it (size, SHA-256, version, count), then validate the records.
//! Pure Rust; the fetching lives in `api.rs`.

use crate::model::{
    Audience, Category, Collection, CollectionEntry, Index, Initiative, Municipality, Partnership, Source, COLLECTIONS,
    FORMAT_VERSION, SOURCES,
};
use crate::quarantine::{left_out_records, quarantine_with, read_items, strip_bom, Accepted, Records, Screened};
use crate::validate::{validate, validate_audiences, Problem};
use serde::de::DeserializeOwned;
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::fmt;
use crate::order;

/// `index.json` is small; anything bigger is not ours.
pub const MAX_INDEX_BYTES: u64 = 256 * 1024;
/// Upper bound for one collection file, whatever the index claims.
pub const MAX_COLLECTION_BYTES: u64 = 40 * 1024 * 1024;

/// Why a dataset could not be used. Each variant maps to a plain-language message in the UI.
#[derive(Clone, Debug, PartialEq)]
pub enum LoadError {
    /// The request did not complete (offline, server down, CORS, timeout); `file` is the URL
    /// requested, `cause` what the app could find out about why.
    Network { file: String, detail: String, cause: crate::config::NetworkCause },
    Http { file: String, status: u16 },
    TooLarge { file: String, bytes: u64, limit: u64 },
    NotJson { file: String, detail: String },
    UnsupportedFormat { found: u32 },
    MissingCollection(String),
    /// A file name in index.json that could point outside the endpoint.
    BadFileName(String),
    SizeMismatch { file: String, expected: u64, actual: u64 },
    ChecksumMismatch { file: String },
    VersionMismatch { file: String, expected: u64, found: u64 },
    CountMismatch { file: String, expected: u64, found: u64 },
    /// A delta file's patch for a record the cached version lacks, or one that gives no record.
    BadPatch { file: String, id: String, detail: String },
    Invalid(Vec<Problem>),
    /// The endpoint offers an older dataset than the one cached: a client never goes back.
    VersionWentBack { cached: u64, offered: u64 },
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::Network { file, detail, cause } => write!(f, "{file}: request failed ({cause:?}): {detail}"),
            LoadError::Http { file, status } => write!(f, "{file}: server answered HTTP {status}"),
            LoadError::TooLarge { file, bytes, limit } => {
                write!(f, "{file}: {bytes} bytes is more than the limit of {limit}")
            }
            LoadError::NotJson { file, detail } => write!(f, "{file}: not valid JSON data: {detail}"),
            LoadError::UnsupportedFormat { found } => {
                write!(f, "index.json: format version {found}, this app reads {FORMAT_VERSION}")
            }
            LoadError::MissingCollection(c) => write!(f, "index.json: collection {c:?} is missing"),
            LoadError::BadFileName(n) => write!(f, "index.json: {n:?} is not a plain file name"),
            LoadError::SizeMismatch { file, expected, actual } => {
                write!(f, "{file}: {actual} bytes, index.json says {expected}")
            }
            LoadError::ChecksumMismatch { file } => {
                write!(f, "{file}: SHA-256 differs from index.json")
            }
            LoadError::VersionWentBack { cached, offered } => {
                write!(f, "index.json: dataset version {offered} is older than the cached {cached}")
            }
            LoadError::VersionMismatch { file, expected, found } => {
                write!(f, "{file}: dataset version {found}, index.json says {expected}")
            }
            LoadError::CountMismatch { file, expected, found } => {
                write!(f, "{file}: {found} items, index.json says {expected}")
            }
            LoadError::BadPatch { file, id, detail } => write!(f, "{file}: the patch for {id:?} does not apply: {detail}"),
            LoadError::Invalid(problems) => {
                write!(f, "{} invalid record(s)", problems.len())?;
                for p in problems.iter().take(20) {
                    write!(f, "\n- {p}")?;
                }
                if problems.len() > 20 {
                    write!(f, "\n- ... and {} more", problems.len() - 20)?;
                }
                Ok(())
            }
        }
    }
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

/// `bytes` as lowercase hex, two digits each: how `index.json` writes a SHA-256.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

pub(crate) fn json_error(file: &str, e: serde_json::Error) -> LoadError {
    LoadError::NotJson { file: file.to_string(), detail: e.to_string() }
}

/// A relative file name inside the endpoint: no scheme, no leading slash, no `..`.
pub fn is_plain_file_name(name: &str) -> bool {
    !name.is_empty()
        && !name.starts_with('/')
        && name.split('/').all(|part| !part.is_empty() && part != "." && part != "..")
        && name.bytes().all(|b| b.is_ascii_alphanumeric() || b"._-/".contains(&b))
}

/// Parses and checks `index.json`.
pub fn parse_index(bytes: &[u8]) -> Result<Index, LoadError> {
    let file = "index.json";
    if bytes.len() as u64 > MAX_INDEX_BYTES {
        return Err(LoadError::TooLarge { file: file.into(), bytes: bytes.len() as u64, limit: MAX_INDEX_BYTES });
    }
    // Read the format version first, so a future format gets a clear message, not a field error.
    #[derive(serde::Deserialize)]
    struct Head {
        format_version: u32,
    }
    // A leading byte order mark (Windows editors, PowerShell) is not part of the JSON text.
    let bytes = strip_bom(bytes);
    let head: Head = serde_json::from_slice(bytes).map_err(|e| json_error(file, e))?;
    if head.format_version != FORMAT_VERSION {
        return Err(LoadError::UnsupportedFormat { found: head.format_version });
    }
    let index: Index = serde_json::from_slice(bytes).map_err(|e| json_error(file, e))?;
    for name in COLLECTIONS.into_iter().chain(index.collections.contains_key(SOURCES).then_some(SOURCES)) {
        let entry = index.collections.get(name).ok_or_else(|| LoadError::MissingCollection(name.into()))?;
        if !is_plain_file_name(&entry.file) {
            return Err(LoadError::BadFileName(entry.file.clone()));
        }
        if entry.bytes > MAX_COLLECTION_BYTES {
            return Err(LoadError::TooLarge { file: entry.file.clone(), bytes: entry.bytes, limit: MAX_COLLECTION_BYTES });
        }
    }
    Ok(index)
}

/// Checks a collection file's bytes against its index entry, before parsing.
pub fn verify_file(entry: &CollectionEntry, bytes: &[u8]) -> Result<(), LoadError> {
    verify_file_with(entry, bytes, None)
}

/// [`verify_file`] with the SHA-256 of `bytes` (hex) already computed by the caller, when
/// `digest` is given: the browser's own (SubtleCrypto, native code) is much faster than this
/// crate's on a phone. A wrong digest fails exactly like wrong bytes.
pub fn verify_file_with(entry: &CollectionEntry, bytes: &[u8], digest: Option<&str>) -> Result<(), LoadError> {
    let actual = bytes.len() as u64;
    if actual != entry.bytes {
        return Err(LoadError::SizeMismatch { file: entry.file.clone(), expected: entry.bytes, actual });
    }
    let digest = digest.map_or_else(|| sha256_hex(bytes), str::to_string);
    if !digest.eq_ignore_ascii_case(entry.sha256.trim()) {
        return Err(LoadError::ChecksumMismatch { file: entry.file.clone() });
    }
    Ok(())
}

pub(crate) fn parse_collection<T: DeserializeOwned>(index: &Index, name: &str, bytes: &[u8], digest: Option<&str>) -> Result<Vec<T>, LoadError> {
    let entry = &index.collections[name];
    verify_file_with(entry, bytes, digest)?;
    let collection: Collection<T> = serde_json::from_slice(strip_bom(bytes)).map_err(|e| json_error(&entry.file, e))?;
    check_envelope(index, entry, collection.dataset_version, collection.items.len())?;
    Ok(collection.items)
}

/// Like [`parse_collection`], for one of the four [`COLLECTIONS`] (`name`): the file is verified
/// and its JSON syntax checked whole, but its items are read one by one, so an item that is not
/// a record costs that record (a problem for `quarantine.rs`), not the file.
pub(crate) fn parse_screened<T: DeserializeOwned>(
    index: &Index,
    name: &'static str,
    bytes: &[u8],
    digest: Option<&str>,
) -> Result<(Screened<T>, Vec<Problem>), LoadError> {
    Ok(read_items(name, parse_envelope(index, name, bytes, digest)?))
}

/// [`parse_screened`] without reading the items: the file verified and its envelope checked,
/// the items left as raw JSON for a [`crate::quarantine::ItemReader`].
pub(crate) fn parse_envelope<'a>(
    index: &Index,
    name: &'static str,
    bytes: &'a [u8],
    digest: Option<&str>,
) -> Result<Vec<&'a serde_json::value::RawValue>, LoadError> {
    let entry = &index.collections[name];
    verify_file_with(entry, bytes, digest)?;
    let (dataset_version, items) = crate::envelope::EnvelopeReader::new(strip_bom(bytes)).finish().map_err(|e| json_error(&entry.file, e))?;
    check_envelope(index, entry, dataset_version, items.len())?;
    Ok(items)
}

/// The target groups of a verified `categories.json` (its `audiences` field, beside `items`;
/// docs/data-format.md). Not counted in `items`, so `index.json`'s count and every build's
/// check of it stay as they were. The field is optional (none in older publications), and a
/// target group that cannot be read or fails [`validate_audiences`] is skipped: an initiative
/// naming it shows without it, the rest of the file is not affected.
pub fn read_audiences(bytes: &[u8]) -> Vec<Audience> {
    #[derive(serde::Deserialize)]
    struct Field<'a> {
        #[serde(default, borrow)]
        audiences: Vec<&'a serde_json::value::RawValue>,
    }
    let Ok(field) = serde_json::from_slice::<Field>(strip_bom(bytes)) else { return Vec::new() };
    valid_audiences(field.audiences.iter().filter_map(|raw| serde_json::from_slice(raw.get().as_bytes()).ok()).collect())
}

/// The target groups of `read` that pass [`validate_audiences`] (the first of each id).
pub fn valid_audiences(read: Vec<Audience>) -> Vec<Audience> {
    let bad: std::collections::HashSet<usize> = validate_audiences(&read, &[]).into_iter().map(|p| p.index).collect();
    read.into_iter().enumerate().filter(|(k, _)| !bad.contains(k)).map(|(_, a)| a).collect()
}

/// A collection file's version and item count against its index entry.
pub(crate) fn check_envelope(index: &Index, entry: &CollectionEntry, dataset_version: u64, items: usize) -> Result<(), LoadError> {
    let collection = (dataset_version, items);
    // A file keeps the version in which it last changed, so an unchanged collection keeps its
    // bytes and SHA-256 across publications (clients skip it); a newer one cannot be ours.
    if collection.0 > index.dataset_version {
        return Err(LoadError::VersionMismatch { file: entry.file.clone(), expected: index.dataset_version, found: collection.0 });
    }
    if collection.1 as u64 != entry.count {
        return Err(LoadError::CountMismatch { file: entry.file.clone(), expected: entry.count, found: collection.1 as u64 });
    }
    Ok(())
}

/// How many initiatives the directory shows at first (and adds per "show more"). The cache
/// keeps this many apart, so a start can paint them before reading the whole dataset.
/// 20: six or seven screens on a phone; every card shown is built again as the list changes
/// while typing, and 50 of them made a keystroke at 4x CPU miss its 50 ms (issue 15).
pub const FIRST_PAGE: usize = 20;

/// A complete, verified and valid dataset with lookups by id.
#[derive(Clone, Debug, Default)]
pub struct Dataset {
    pub index: Option<Index>,
    pub categories: Vec<Category>,
    pub municipalities: Vec<Municipality>,
    pub partnerships: Vec<Partnership>,
    pub initiatives: Vec<Initiative>,
    /// Where the data comes from (about page): the [`SOURCES`] collection, or the index's
    /// inline list in the older format.
    pub sources: Vec<Source>,
    /// The target groups initiatives refer to (`audiences` in `categories.json`, see
    /// [`read_audiences`]): not one of the [`COLLECTIONS`], and counted in none.
    pub audiences: Vec<Audience>,
    /// The problems of the records left out of this publication (`quarantine.rs`), one per
    /// problem, with file positions; empty when every record passed. The UI counts the records
    /// ([`Dataset::left_out_count`]) and lists the problems.
    pub left_out: Vec<Problem>,
    category_by_id: HashMap<String, usize>,
    municipality_by_nis: HashMap<String, usize>,
    initiative_by_id: HashMap<String, usize>,
    /// Each initiative's `opening_hours` parsed, filled on first use ([`Dataset::opening_hours_of`]).
    opening_hours: std::sync::OnceLock<Vec<Option<crate::opening_hours::OpeningHours>>>,
    /// Which initiatives are open at one moment ([`Dataset::open_at`]).
    open_at: OpenAt,
}

/// The last answer of [`Dataset::open_at`]: (moment, one flag per initiative). A clone starts
/// empty (a `Mutex` is not `Clone`; the answer is cheap to find again).
#[derive(Debug, Default)]
struct OpenAt(std::sync::Mutex<Option<(i64, std::sync::Arc<Vec<bool>>)>>);

impl Clone for OpenAt {
    fn clone(&self) -> Self {
        OpenAt::default()
    }
}

impl Dataset {
    /// Builds a dataset from already-parsed collections, validating every record.
    pub fn new(
        index: Option<Index>,
        categories: Vec<Category>,
        municipalities: Vec<Municipality>,
        partnerships: Vec<Partnership>,
        initiatives: Vec<Initiative>,
    ) -> Result<Self, LoadError> {
        let problems = validate(&categories, &municipalities, &partnerships, &initiatives);
        if !problems.is_empty() {
            return Err(LoadError::Invalid(problems));
        }
        Ok(Dataset::trusted(index, categories, municipalities, partnerships, initiatives))
    }

    /// Builds a dataset WITHOUT validating it: only for records this app build validated
    /// before it stored them (IndexedDB with a current [`crate::validate::RULES_VERSION`]
    /// stamp). Validating 10,000 initiatives again at every start costs more than the start.
    pub fn trusted(
        index: Option<Index>,
        categories: Vec<Category>,
        municipalities: Vec<Municipality>,
        partnerships: Vec<Partnership>,
        initiatives: Vec<Initiative>,
    ) -> Self {
        let by = |ids: Vec<&String>| ids.into_iter().enumerate().map(|(i, id)| (id.clone(), i)).collect();
        Dataset {
            category_by_id: by(categories.iter().map(|c| &c.id).collect()),
            municipality_by_nis: by(municipalities.iter().map(|m| &m.nis).collect()),
            initiative_by_id: by(initiatives.iter().map(|i| &i.id).collect()),
            sources: index.as_ref().map(|i| i.sources.clone()).unwrap_or_default(),
            opening_hours: std::sync::OnceLock::new(),
            open_at: OpenAt::default(),
            audiences: Vec::new(),
            left_out: Vec::new(),
            index,
            categories,
            municipalities,
            partnerships,
            initiatives,
        }
    }

    /// Builds a dataset from the records of a verified publication, leaving out the invalid
    /// ones and those that refer to them (`quarantine.rs`); `left_out` holds the problems
    /// already found (unreadable items, records left out of a kept collection). Errors with
    /// [`LoadError::Invalid`] when a collection loses more than the allowed share.
    pub fn screened(index: Option<Index>, records: Records, left_out: Vec<Problem>) -> Result<Self, LoadError> {
        Dataset::screened_with(index, records, left_out, None)
    }

    /// [`Dataset::screened`], given the problems of `records` found already (`first`, see
    /// [`crate::quarantine::quarantine_with`]).
    pub fn screened_with(index: Option<Index>, records: Records, left_out: Vec<Problem>, first: Option<Vec<Problem>>) -> Result<Self, LoadError> {
        let Accepted { categories, municipalities, partnerships, initiatives, left_out } = quarantine_with(records, left_out, first)?;
        let dataset = Dataset::trusted(index, categories, municipalities, partnerships, initiatives);
        Ok(Dataset { left_out, ..dataset })
    }

    /// The parsed `opening_hours` of `initiatives[doc]`; `None` when it has none or it does not
    /// parse. Every initiative's is parsed once, on the first call, not on every search and
    /// count ("Nu open" is counted for every hit on every keystroke). A dataset is replaced,
    /// never edited, once in use, so the parsed values stay right.
    pub fn opening_hours_of(&self, doc: usize) -> Option<&crate::opening_hours::OpeningHours> {
        let parsed = self.opening_hours.get_or_init(|| {
            // Each distinct value read once: most initiatives share a handful of values.
            let mut read: HashMap<&str, Option<crate::opening_hours::OpeningHours>> = HashMap::new();
            self.initiatives
                .iter()
                .map(|i| {
                    let v = i.opening_hours.as_deref()?;
                    read.entry(v).or_insert_with(|| crate::opening_hours::OpeningHours::parse(v).ok()).clone()
                })
                .collect()
        });
        parsed.get(doc)?.as_ref()
    }

    /// Whether each initiative (by its index in `initiatives`) is open at `now_unix` (seconds
    /// since 1970 UTC): active, with opening hours that say open then. Kept for the last moment
    /// asked: the app's clock moves once a minute, while a search asks on every keystroke for
    /// every hit (10,000 evaluations of the hours, holidays included, per keystroke before).
    pub fn open_at(&self, now_unix: i64) -> std::sync::Arc<Vec<bool>> {
        let mut last = self.open_at.0.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some((_, open)) = last.as_ref().filter(|(at, _)| *at == now_unix) {
            return open.clone();
        }
        let open: std::sync::Arc<Vec<bool>> = std::sync::Arc::new(
            (0..self.initiatives.len())
                .map(|doc| crate::service_filters::is_open_with(&self.initiatives[doc], self.opening_hours_of(doc), now_unix))
                .collect(),
        );
        *last = Some((now_unix, open.clone()));
        open
    }

    /// How many records of `collection` were left out (0 when all passed).
    pub fn left_out_count(&self, collection: &str) -> usize {
        left_out_records(&self.left_out, collection)
    }

    /// How many records were left out in all.
    pub fn left_out_total(&self) -> usize {
        COLLECTIONS.iter().map(|c| self.left_out_count(c)).sum()
    }

    /// Errors with every problem when a record was left out: for the publishing tools, which
    /// must not write an endpoint that a client would show incomplete.
    pub fn require_complete(self) -> Result<Self, LoadError> {
        match self.left_out.is_empty() {
            true => Ok(self),
            false => Err(LoadError::Invalid(self.left_out)),
        }
    }

    /// Verifies and parses the collection files of `index` (`file_bytes` by collection name);
    /// invalid records are left out ([`Dataset::screened`]).
    pub fn from_files(index: Index, file_bytes: &HashMap<String, Vec<u8>>) -> Result<Self, LoadError> {
        let get = |name: &str| {
            file_bytes.get(name).map(Vec::as_slice).ok_or_else(|| LoadError::MissingCollection(name.into()))
        };
        fn screen<T: DeserializeOwned>(
            index: &Index,
            name: &'static str,
            bytes: &[u8],
            left_out: &mut Vec<Problem>,
        ) -> Result<Screened<T>, LoadError> {
            let (records, mut problems) = parse_screened(index, name, bytes, None)?;
            left_out.append(&mut problems);
            Ok(records)
        }
        let mut left_out = Vec::new();
        let records = Records {
            categories: screen(&index, "categories", get("categories")?, &mut left_out)?,
            municipalities: screen(&index, "municipalities", get("municipalities")?, &mut left_out)?,
            partnerships: screen(&index, "partnerships", get("partnerships")?, &mut left_out)?,
            initiatives: screen(&index, "initiatives", get("initiatives")?, &mut left_out)?,
        };
        let sources = match index.collections.contains_key(SOURCES) {
            true => Some(parse_collection(&index, SOURCES, get(SOURCES)?, None)?),
            false => None,
        };
        let audiences = read_audiences(get("categories")?);
        let dataset = Dataset { audiences, ..Dataset::screened(Some(index), records, left_out)? };
        Ok(match sources {
            Some(sources) => Dataset { sources, ..dataset },
            None => dataset,
        })
    }

    /// Whether every initiative the index counts is here. False only for the first page of a
    /// cached dataset, shown while the rest is read ([`FIRST_PAGE`]).
    pub fn is_complete(&self) -> bool {
        let count = self.index.as_ref().and_then(|i| i.collections.get("initiatives")).map(|e| e.count);
        count.is_none_or(|n| n == (self.initiatives.len() + self.left_out_count("initiatives")) as u64)
    }

    pub fn is_sample(&self) -> bool {
        self.index.as_ref().is_some_and(|i| i.sample)
    }

    pub fn category(&self, id: &str) -> Option<&Category> {
        self.category_by_id.get(id).map(|&i| &self.categories[i])
    }

    /// The target group `id`, if the dataset has it.
    pub fn audience(&self, id: &str) -> Option<&Audience> {
        self.audiences.iter().find(|a| a.id == id)
    }

    pub fn municipality(&self, nis: &str) -> Option<&Municipality> {
        self.municipality_by_nis.get(nis).map(|&i| &self.municipalities[i])
    }

    pub fn initiative(&self, id: &str) -> Option<&Initiative> {
        self.initiative_by_id.get(id).map(|&i| &self.initiatives[i])
    }

    /// The partnerships whose members include `nis`, newest period first.
    pub fn partnerships_for(&self, nis: &str) -> Vec<&Partnership> {
        let mut found: Vec<&Partnership> =
            self.partnerships.iter().filter(|p| p.members.iter().any(|m| m == nis)).collect();
        order::sort_by(&mut found, |a, b| b.period.to.cmp(&a.period.to).then_with(|| a.id.cmp(&b.id)));
        found
    }

    /// The partnerships of `nis` in `year` (the current ones on a detail page); when none of its
    /// partnerships covers that year, those of its latest period. Empty when it has none.
    pub fn current_partnerships_for(&self, nis: &str, year: u16) -> Vec<&Partnership> {
        let all = self.partnerships_for(nis);
        let now: Vec<&Partnership> = all.iter().copied().filter(|p| p.period.contains(year)).collect();
        if !now.is_empty() {
            return now;
        }
        let latest = all.first().map(|p| p.period.clone());
        all.into_iter().filter(|p| Some(&p.period) == latest.as_ref()).collect()
    }
}
