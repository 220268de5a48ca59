//! Record-level quarantine: a verified publication with a few bad records is shown without
//! them, instead of being refused whole (issue 14).
//!
//! Structural faults (size, SHA-256, JSON syntax, versions, counts, a missing collection) still
//! refuse the whole download in `dataset.rs` and `sync.rs`. Inside a verified collection file,
//! an item that is not a record of its collection (a missing field, a wrong type) or that fails
//! [`validate`] is *left out*; so is a record that refers to a left-out record (an initiative
//! whose category or municipality was left out), found by validating the rest again. When more
//! than [`MAX_LEFT_OUT_PERCENT`] % of the records of one collection are left out, the
//! publication counts as broken and is refused whole with [`LoadError::Invalid`].
//!
//! ```
//! use wegwijzer_core::quarantine::strip_bom;
//! assert_eq!(strip_bom(b"\xEF\xBB\xBF{}"), b"{}");
//! assert_eq!(strip_bom(b"{}"), b"{}");
//! ```

use crate::dataset::LoadError;
use crate::model::{Category, Initiative, Municipality, Partnership, COLLECTIONS};
use crate::validate::{validate, Problem, ProblemKind};
use serde::de::DeserializeOwned;
use serde_json::value::RawValue;
use std::collections::HashSet;
use crate::order;

/// Above this share of left-out records in any one collection (strictly more than 20 %), a
/// publication is refused whole: a file where so much is wrong is more likely broken (a shifted
/// column, a wrong export) than a few records mistyped, and showing the rest would mislead.
pub const MAX_LEFT_OUT_PERCENT: usize = 20;

/// The UTF-8 byte order mark, which Windows editors and PowerShell put before JSON text.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// `bytes` without one leading UTF-8 byte order mark. Size and SHA-256 are checked on the
/// bytes as served, before this; JSON is read after it.
pub fn strip_bom(bytes: &[u8]) -> &[u8] {
    bytes.strip_prefix(BOM).unwrap_or(bytes)
}

/// The readable records of one collection, with each one's position in its file (so a
/// problem names the item a publisher sees), and how many items the file had.
#[derive(Clone, Debug, PartialEq)]
pub struct Screened<T> {
    pub items: Vec<T>,
    /// `positions[k]` is the 0-based place of `items[k]` in the file.
    pub positions: Vec<usize>,
    /// Items in the file, readable or not (what `index.json` counts).
    pub total: usize,
}

impl<T> Screened<T> {
    /// All of `items`, in file order: records already read (a kept copy, a merged delta).
    pub fn all(items: Vec<T>) -> Self {
        let total = items.len();
        Screened { items, positions: (0..total).collect(), total }
    }
}

/// Reads the items of a collection one by one from the raw JSON values of a file whose syntax
/// was already checked: an item that is not a `T` is left out with a
/// [`ProblemKind::Unreadable`] problem, which names the item's `id` (or `nis`) when it has one.
pub fn read_items<T: DeserializeOwned>(collection: &'static str, raw: Vec<&RawValue>) -> (Screened<T>, Vec<Problem>) {
    ItemReader::new(collection, raw).finish()
}

/// [`read_items`] a few items at a time, so that a caller on the browser's main thread can let
/// it paint and handle input between steps (10,000 initiatives take seconds on a phone).
///
/// ```
/// # use wegwijzer_core::quarantine::ItemReader;
/// # let raw: Vec<&serde_json::value::RawValue> = Vec::new();
/// let mut reader = ItemReader::<serde_json::Value>::new("initiatives", raw);
/// while !reader.step(50) { /* yield to the browser */ }
/// let (screened, problems) = reader.finish();
/// ```
pub struct ItemReader<'a, T> {
    collection: &'static str,
    raw: Vec<&'a RawValue>,
    next: usize,
    items: Vec<T>,
    positions: Vec<usize>,
    problems: Vec<Problem>,
}

impl<'a, T: DeserializeOwned> ItemReader<'a, T> {
    pub fn new(collection: &'static str, raw: Vec<&'a RawValue>) -> Self {
        let n = raw.len();
        ItemReader { collection, raw, next: 0, items: Vec::with_capacity(n), positions: Vec::with_capacity(n), problems: Vec::new() }
    }

    /// Reads up to `count` more items; true once every item is read.
    pub fn step(&mut self, count: usize) -> bool {
        let end = self.next.saturating_add(count).min(self.raw.len());
        for index in self.next..end {
            let value = self.raw[index];
            // `from_slice`, like every other reader: `from_str` would add a second JSON reader to the wasm.
            match serde_json::from_slice::<T>(value.get().as_bytes()) {
                Ok(item) => {
                    self.items.push(item);
                    self.positions.push(index);
                }
                Err(e) => {
                    let id = serde_json::from_slice::<serde_json::Value>(value.get().as_bytes())
                        .ok()
                        .and_then(|v| ["id", "nis"].iter().find_map(|k| v.get(k).and_then(|id| id.as_str()).map(str::to_string)))
                        .unwrap_or_default();
                    let kind = ProblemKind::Unreadable(e.to_string());
                    self.problems.push(Problem { collection: self.collection, index, id, field: String::new(), kind });
                }
            }
        }
        self.next = end;
        self.next == self.raw.len()
    }

    /// Every item (those not read yet are read now) and the problems.
    pub fn finish(mut self) -> (Screened<T>, Vec<Problem>) {
        while !self.step(usize::MAX) {}
        (Screened { items: self.items, positions: self.positions, total: self.raw.len() }, self.problems)
    }
}

/// The four collections of a dataset as read, before quarantine.
#[derive(Clone, Debug)]
pub struct Records {
    pub categories: Screened<Category>,
    pub municipalities: Screened<Municipality>,
    pub partnerships: Screened<Partnership>,
    pub initiatives: Screened<Initiative>,
}

/// The four collections that passed, and the problems of every record left out.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Accepted {
    pub categories: Vec<Category>,
    pub municipalities: Vec<Municipality>,
    pub partnerships: Vec<Partnership>,
    pub initiatives: Vec<Initiative>,
    /// One entry per problem (a record can have several), indexes are file positions.
    pub left_out: Vec<Problem>,
}

/// How many distinct records of `collection` the problems leave out.
pub fn left_out_records(problems: &[Problem], collection: &str) -> usize {
    problems.iter().filter(|p| p.collection == collection).map(|p| p.index).collect::<HashSet<_>>().len()
}

/// Leaves out every record that fails validation, then every record that referred to one
/// (repeated until nothing changes: each round removes at least one record, so it ends).
/// `left_out` holds problems found before (unreadable items). Errors with
/// [`LoadError::Invalid`] and every problem when a collection loses more than
/// [`MAX_LEFT_OUT_PERCENT`] % of its records.
pub fn quarantine(records: Records, left_out: Vec<Problem>) -> Result<Accepted, LoadError> {
    quarantine_with(records, left_out, None)
}

/// [`quarantine`], given the problems [`validate`] finds in `records` as they are (`first`,
/// from a [`crate::validate::Validation`] run in steps); `None`: found here.
pub fn quarantine_with(records: Records, mut left_out: Vec<Problem>, first: Option<Vec<Problem>>) -> Result<Accepted, LoadError> {
    let Records { mut categories, mut municipalities, mut partnerships, mut initiatives } = records;
    let totals = [categories.total, municipalities.total, partnerships.total, initiatives.total];
    check_share(&left_out, totals)?;
    let mut first = first;
    loop {
        // Leaving records out can leave others pointing at nothing: then they are checked again.
        let problems = first
            .take()
            .unwrap_or_else(|| validate(&categories.items, &municipalities.items, &partnerships.items, &initiatives.items));
        if problems.is_empty() {
            break;
        }
        let mut bad: [HashSet<usize>; 4] = Default::default();
        for mut problem in problems {
            let c = COLLECTIONS.iter().position(|c| *c == problem.collection).expect("validate names one of COLLECTIONS");
            bad[c].insert(problem.index);
            let positions = [&categories.positions, &municipalities.positions, &partnerships.positions, &initiatives.positions][c];
            problem.index = positions[problem.index];
            left_out.push(problem);
        }
        let [c, m, p, i] = &bad;
        drop_indexes(&mut categories, c);
        drop_indexes(&mut municipalities, m);
        drop_indexes(&mut partnerships, p);
        drop_indexes(&mut initiatives, i);
        check_share(&left_out, totals)?;
    }
    // In file order: collections as loaded, records by position (stable: fields keep theirs).
    order::sort_by_key(&mut left_out, |p| (COLLECTIONS.iter().position(|c| *c == p.collection), p.index));
    Ok(Accepted {
        categories: categories.items,
        municipalities: municipalities.items,
        partnerships: partnerships.items,
        initiatives: initiatives.items,
        left_out,
    })
}

fn drop_indexes<T>(screened: &mut Screened<T>, bad: &HashSet<usize>) {
    if bad.is_empty() {
        return;
    }
    let items = std::mem::take(&mut screened.items);
    let positions = std::mem::take(&mut screened.positions);
    for (k, (item, position)) in items.into_iter().zip(positions).enumerate() {
        if !bad.contains(&k) {
            screened.items.push(item);
            screened.positions.push(position);
        }
    }
}

/// Refuses the publication when a collection lost more than the allowed share.
fn check_share(left_out: &[Problem], totals: [usize; 4]) -> Result<(), LoadError> {
    let too_many = COLLECTIONS
        .iter()
        .zip(totals)
        .any(|(name, total)| left_out_records(left_out, name) * 100 > total * MAX_LEFT_OUT_PERCENT);
    match too_many {
        true => Err(LoadError::Invalid(left_out.to_vec())),
        false => Ok(()),
    }
}
