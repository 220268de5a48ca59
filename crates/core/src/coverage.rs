//! Coverage of Flanders by the regie partnerships, computed from the data for a policy period:
//! how many partnerships, which municipalities are covered, what share of municipalities and of
//! the population, conflicts, and the comparison between two periods. Pure Rust, no DOM types.
//!
//! Municipal mergers are data ([`MergerTable`]). The figures for a period are computed on the
//! municipalities that existed on 1 January of the period's first year: the partnerships of
//! 2023-2025 were formed by the 300 municipalities of 2023 (so 261 covered is about 87 %), those of
//! a period starting in 2025 or later by the 285 merged ones. Codes of the other side of a merger,
//! in the municipality list or in partnership members, are translated through the table.

use crate::model::{Municipality, Partnership, Period, PeriodInfo};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use crate::order;

/// One merger: the municipalities `from` form `into` on 1 January of `year`. `into` may be one
/// of the `from` codes (Antwerpen 11002 absorbing Borsbeek keeps 11002).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Merger {
    pub year: u16,
    pub from: Vec<String>,
    pub into: String,
}

/// Old NIS codes → new NIS code, for every merger the app knows.
#[derive(Clone, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct MergerTable {
    pub mergers: Vec<Merger>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MergerTableError {
    /// A line without the old/new separator or without a five-digit code on each side.
    BadLine { line: usize, text: String },
}

impl fmt::Display for MergerTableError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MergerTableError::BadLine { line, text } => write!(f, "merger table line {line}: cannot read {text:?}"),
        }
    }
}

impl std::error::Error for MergerTableError {}

/// Every `(12345)` code in a piece of text, in order.
fn nis_codes(text: &str) -> Vec<String> {
    text.split('(')
        .skip(1)
        .filter_map(|part| part.split(')').next())
        .map(str::trim)
        .filter(|c| c.len() == 5 && c.bytes().all(|b| b.is_ascii_digit()))
        .map(str::to_string)
        .collect()
}

impl MergerTable {
    /// The mergers a municipality list describes: every former municipality (`ceased`,
    /// `merged_into`) is a part of the merger into its `merged_into` in the year of its `ceased`
    /// date; the municipality it merged into is a part too unless it was `formed` that day (a new
    /// code). Records with a malformed date are skipped (validation reports them). `from` is sorted.
    ///
    /// ```
    /// use wegwijzer_core::coverage::MergerTable;
    /// use wegwijzer_core::model::Municipality;
    /// let m = |nis: &str| Municipality { nis: nis.into(), ..Default::default() };
    /// let former = |nis: &str, into: &str| Municipality { ceased: Some("2025-01-01".into()), merged_into: Some(into.into()), ..m(nis) };
    /// let t = MergerTable::from_municipalities(&[
    ///     m("11002"), former("11007", "11002"), // Borsbeek into Antwerpen, which keeps its code
    ///     Municipality { formed: Some("2025-01-01".into()), ..m("23106") },
    ///     former("23023", "23106"), former("23024", "23106"), former("23032", "23106"), // Pajottegem
    /// ]);
    /// assert_eq!(t.translate("11007", 2024, 2025), vec!["11002"]);
    /// assert_eq!(t.translate("11002", 2025, 2024), vec!["11002", "11007"]);
    /// assert_eq!(t.translate("23106", 2025, 2024), vec!["23023", "23024", "23032"]);
    /// ```
    pub fn from_municipalities(municipalities: &[Municipality]) -> MergerTable {
        let year_of = |date: &str| date.get(..4).and_then(|y| y.parse::<u16>().ok());
        let mut groups: BTreeMap<(u16, String), BTreeSet<String>> = BTreeMap::new();
        for m in municipalities {
            let (Some(year), Some(into)) = (m.ceased.as_deref().and_then(year_of), m.merged_into.as_ref()) else { continue };
            groups.entry((year, into.clone())).or_default().insert(m.nis.clone());
        }
        let mergers = groups
            .into_iter()
            .map(|((year, into), mut from)| {
                let new_code = municipalities
                    .iter()
                    .any(|m| m.nis == into && m.formed.as_deref().and_then(year_of) == Some(year));
                if !new_code {
                    from.insert(into.clone());
                }
                Merger { year, from: from.into_iter().collect(), into }
            })
            .collect();
        MergerTable { mergers }
    }

    /// Reads a list like Statbel's: one merger per line, old municipalities with their codes in
    /// brackets, a comma, then the new one: `Antwerpen (11002) + Borsbeek (11007),\tAntwerpen (11002)`.
    /// A header line without codes and blank lines are skipped.
    ///
    /// ```
    /// use wegwijzer_core::coverage::MergerTable;
    /// let t = MergerTable::parse_list("Fuserende gemeenten,\tNieuwe gemeenten\nRuiselede (37012) + Wingene (37018),\tWingene (37021)", 2025).unwrap();
    /// assert_eq!(t.mergers[0].from, vec!["37012", "37018"]);
    /// assert_eq!(t.mergers[0].into, "37021");
    /// ```
    pub fn parse_list(text: &str, year: u16) -> Result<MergerTable, MergerTableError> {
        let mut mergers = Vec::new();
        for (n, line) in text.lines().enumerate() {
            let line = line.trim_start_matches('\u{feff}').trim();
            if line.is_empty() || nis_codes(line).is_empty() {
                continue;
            }
            let bad = || MergerTableError::BadLine { line: n + 1, text: line.to_string() };
            // Split at the last comma outside brackets: names may carry "(voorlopige naam)".
            let split = line.rfind("),").map(|i| i + 1).ok_or_else(bad)?;
            let (from, into) = (nis_codes(&line[..split]), nis_codes(&line[split + 1..]));
            match into.as_slice() {
                [into] if !from.is_empty() => mergers.push(Merger { year, from, into: into.clone() }),
                _ => return Err(bad()),
            }
        }
        Ok(MergerTable { mergers })
    }

    /// Whether `nis` was in use on 1 January of `year`. Codes the table does not mention always
    /// were.
    pub fn existed_in(&self, nis: &str, year: u16) -> bool {
        self.mergers.iter().all(|m| {
            let old = m.from.iter().any(|f| f == nis);
            let new = m.into == nis;
            if m.year <= year { !old || new } else { !new || old }
        })
    }

    /// The code(s) covering the territory that `nis` had in `from_year`, as they were in
    /// `to_year`: later years follow mergers forward (one code), earlier years split a merged
    /// municipality into its parts.
    pub fn translate(&self, nis: &str, from_year: u16, to_year: u16) -> Vec<String> {
        let mut codes = vec![nis.to_string()];
        // Most calls are within one era or for a code no merger mentions: nothing to do.
        let (low, high) = (from_year.min(to_year), from_year.max(to_year));
        let mentioned = |m: &Merger| m.into == nis || m.from.iter().any(|f| f == nis);
        if !self.mergers.iter().any(|m| m.year > low && m.year <= high && mentioned(m)) {
            return codes;
        }
        // Mergers in the order they happen in the direction of travel.
        let mut steps: Vec<&Merger> = self
            .mergers
            .iter()
            .filter(|m| if to_year >= from_year { m.year > from_year && m.year <= to_year } else { m.year > to_year && m.year <= from_year })
            .collect();
        order::sort_by_key(&mut steps, |m| m.year);
        if to_year < from_year {
            steps.reverse();
        }
        for m in steps {
            codes = codes
                .into_iter()
                .flat_map(|c| {
                    if to_year >= from_year && m.from.contains(&c) {
                        vec![m.into.clone()]
                    } else if to_year < from_year && m.into == c {
                        m.from.clone()
                    } else {
                        vec![c]
                    }
                })
                .collect();
        }
        let mut seen = BTreeSet::new();
        codes.retain(|c| seen.insert(c.clone()));
        codes
    }

    /// The code(s) `nis` stands for in `year`, whichever side of a merger it was written in:
    /// itself when it existed then, else translated from the nearest year in which it existed.
    pub fn resolve(&self, nis: &str, year: u16) -> Vec<String> {
        if self.existed_in(nis, year) {
            return vec![nis.to_string()];
        }
        let mut years: Vec<u16> = self.mergers.iter().flat_map(|m| [m.year.saturating_sub(1), m.year]).collect();
        order::sort_by_key(&mut years, |y| (y.abs_diff(year), *y));
        match years.into_iter().find(|&y| self.existed_in(nis, y)) {
            Some(y) => self.translate(nis, y, year),
            None => vec![nis.to_string()],
        }
    }

    /// The year a list of codes describes: the one, among the years around each merger, in which
    /// the most of them existed (the latest on a tie). For the 285 codes of 2025 this is 2025, for
    /// the 300 of 2019-2024 it is 2024.
    pub fn year_of<'a>(&self, codes: impl IntoIterator<Item = &'a str> + Clone, fallback: u16) -> u16 {
        let mut years: Vec<u16> = self.mergers.iter().flat_map(|m| [m.year.saturating_sub(1), m.year]).collect();
        if years.is_empty() {
            return fallback;
        }
        order::sort(&mut years);
        years.dedup();
        years
            .into_iter()
            .max_by_key(|&y| (codes.clone().into_iter().filter(|c| self.existed_in(c, y)).count(), y))
            .unwrap_or(fallback)
    }

    /// Population per municipality as it was in `to_year`, from figures per code of `from_year`:
    /// merged municipalities get the sum of their parts. A municipality is left out when any part
    /// is missing, and parts of a split (going back in time) are unknown. Returns the known
    /// populations and the codes whose population is unknown.
    ///
    /// ```
    /// use std::collections::BTreeMap;
    /// use wegwijzer_core::coverage::MergerTable;
    /// let pops = BTreeMap::from([("11002".to_string(), 529_247), ("11007".to_string(), 10_949)]);
    /// let t = MergerTable::parse_list("Antwerpen (11002) + Borsbeek (11007),\tAntwerpen (11002)", 2025).unwrap();
    /// let (merged, unknown) = t.aggregate_population(&pops, 2020, 2025);
    /// assert_eq!(merged["11002"], 540_196);
    /// assert!(unknown.is_empty());
    /// ```
    pub fn aggregate_population(
        &self,
        population: &BTreeMap<String, u64>,
        from_year: u16,
        to_year: u16,
    ) -> (BTreeMap<String, u64>, Vec<String>) {
        let mut sums: BTreeMap<String, u64> = BTreeMap::new();
        let mut unknown = BTreeSet::new();
        for (code, &pop) in population {
            let targets = self.translate(code, from_year, to_year);
            if let [one] = targets.as_slice() {
                *sums.entry(one.clone()).or_default() += pop;
            } else {
                unknown.extend(targets);
            }
        }
        // A merged municipality with some parts in the input but not all is not known either.
        for m in &self.mergers {
            let present = m.from.iter().filter(|f| population.contains_key(*f)).count();
            if m.year > from_year && m.year <= to_year && present > 0 && present < m.from.len() {
                unknown.insert(m.into.clone());
            }
        }
        sums.retain(|k, _| !unknown.contains(k));
        (sums, unknown.into_iter().collect())
    }
}

/// The population of `code` as a part of a later merger, seen in `year` (before it): a former
/// municipality's own figure, or for the part that kept its code (Antwerpen, 11002) the merged
/// figure minus the other parts' (both come from the same count: the publisher sums the parts).
/// `None` when a figure is missing.
fn part_population(municipalities: &[Municipality], mergers: &MergerTable, code: &str, year: u16, data_year: u16) -> Option<u64> {
    let record = municipalities.iter().find(|m| m.nis == code)?;
    if !record.is_current() {
        return record.population;
    }
    let merger = mergers.mergers.iter().find(|m| m.into == code && m.year > year && m.year <= data_year && m.from.iter().any(|f| f == code))?;
    let mut own = record.population?;
    for part in merger.from.iter().filter(|f| *f != code) {
        let p = municipalities.iter().find(|m| m.nis == *part && !m.is_current())?.population?;
        own = own.checked_sub(p)?;
    }
    Some(own)
}

/// The distinct periods of the partnerships, oldest first.
///
/// ```ignore
/// let periods = wegwijzer_core::coverage::periods(&data.partnerships); // [2020-2022, 2023-2025]
/// ```
pub fn periods(partnerships: &[Partnership]) -> Vec<Period> {
    let set: BTreeSet<(u16, u16)> = partnerships.iter().map(|p| (p.period.from, p.period.to)).collect();
    set.into_iter().map(|(from, to)| Period { from, to }).collect()
}

/// The periods to offer: those of the partnerships plus those `index.json` lists (a period with
/// reported totals but no sourced partnership yet), oldest first.
///
/// ```
/// use wegwijzer_core::coverage::periods_with;
/// use wegwijzer_core::model::{Period, PeriodInfo};
/// let listed = [PeriodInfo { from: 2014, to: 2019, complete: false, reported: None }];
/// assert_eq!(periods_with(&[], &listed), vec![Period { from: 2014, to: 2019 }]);
/// ```
pub fn periods_with(partnerships: &[Partnership], listed: &[PeriodInfo]) -> Vec<Period> {
    let mut set: BTreeSet<(u16, u16)> = periods(partnerships).into_iter().map(|p| (p.from, p.to)).collect();
    set.extend(listed.iter().filter(|p| p.from <= p.to).map(|p| (p.from, p.to)));
    set.into_iter().map(|(from, to)| Period { from, to }).collect()
}

/// What `index.json` says about `period`, if anything.
pub fn period_info<'a>(listed: &'a [PeriodInfo], period: &Period) -> Option<&'a PeriodInfo> {
    listed.iter().find(|p| p.from == period.from && p.to == period.to)
}

/// Whether the partnership list of `period` is complete: what `index.json` says, and complete
/// when it says nothing (the format before `periods`).
pub fn is_complete(listed: &[PeriodInfo], period: &Period) -> bool {
    period_info(listed, period).is_none_or(|p| p.complete)
}

fn overlaps(a: &Period, b: &Period) -> bool {
    a.from <= b.to && b.from <= a.to
}

/// A municipality in more than one partnership at the same time.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Conflict {
    pub nis: String,
    /// Partnership ids, sorted.
    pub partnerships: Vec<String>,
}

/// The figures shown above the map for one period.
#[derive(Clone, Debug, PartialEq)]
pub struct CoverageFigures {
    pub period: Period,
    /// Municipalities are those of 1 January of this year (the period's first year).
    pub reference_year: u16,
    /// Partnerships active at some time in the period.
    pub partnerships: usize,
    /// Municipalities that existed in the reference year.
    pub municipalities: usize,
    pub covered: usize,
    /// Whether the period's partnership list is complete ([`is_complete`]). When it is not,
    /// `covered` and the shares are what the sources prove (a lower bound), and the
    /// municipalities in no listed partnership are `unknown`, not uncovered.
    pub complete: bool,
    /// Municipalities whose coverage is unknown: those in no listed partnership of an incomplete
    /// period; 0 for a complete one.
    pub unknown: usize,
    /// `covered / municipalities`, 0 when there are none.
    pub municipality_share: f64,
    /// Sum of the known populations.
    pub population: u64,
    pub covered_population: u64,
    /// `covered_population / population`; `None` when no population is known.
    pub population_share: Option<f64>,
    /// How many municipalities have no known population (say so next to the share).
    pub without_population: usize,
    pub conflicts: Vec<Conflict>,
    /// Member codes that are not among the period's municipalities (data errors), sorted.
    pub unknown_members: Vec<String>,
}

/// Who covers what in one period: the figures plus the lookups the map needs.
#[derive(Clone, Debug, PartialEq)]
pub struct PeriodCoverage {
    pub figures: CoverageFigures,
    /// Every municipality of the reference year → ids of the partnerships covering it (sorted;
    /// empty when uncovered).
    pub by_municipality: BTreeMap<String, Vec<String>>,
    /// The partnerships active in the period, in data order.
    pub partnership_ids: Vec<String>,
    /// The year the municipality list describes (see [`MergerTable::year_of`]).
    pub data_year: u16,
    mergers: MergerTable,
}

/// How one municipality (in any era's code) is covered in a period.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct MunicipalityCover {
    /// Partnership ids covering it or any of its parts, sorted.
    pub partnerships: Vec<String>,
    /// Municipalities of the reference year it stands for (2 or 3 for a merged one seen in a
    /// period before the merger, else 1).
    pub parts: usize,
    pub covered_parts: usize,
    /// Parts whose coverage is unknown (in no listed partnership of an incomplete period).
    pub unknown_parts: usize,
}

impl MunicipalityCover {
    /// Covered for some parts only.
    pub fn partly(&self) -> bool {
        self.covered_parts > 0 && self.covered_parts < self.parts
    }

    /// In no partnership, and the period's list is incomplete: not known to be uncovered.
    pub fn unknown(&self) -> bool {
        self.partnerships.is_empty() && self.unknown_parts > 0
    }
}

impl PeriodCoverage {
    /// Computes coverage for `period` from the dataset's municipalities and partnerships.
    ///
    /// ```
    /// use wegwijzer_core::coverage::{MergerTable, PeriodCoverage};
    /// use wegwijzer_core::model::{Contact, Municipality, Partnership, Period, Text};
    /// let m = |nis: &str, pop: u64| Municipality { nis: nis.into(), name: Text::nl(nis), province: "10000".into(),
    ///     population: Some(pop), ..Default::default() };
    /// let municipalities = vec![m("11001", 100), m("11004", 300)];
    /// let p = Partnership { id: "regie-a".into(), name: "A".into(), members: vec!["11001".into()],
    ///     period: Period { from: 2023, to: 2025 }, contact: Contact::default(), source_url: None,
///     source_read: None, confidence: None, source_note: None, demo: true };
    /// let cov = PeriodCoverage::compute(&municipalities, &[p], &MergerTable::default(), &Period { from: 2023, to: 2025 });
    /// assert_eq!((cov.figures.partnerships, cov.figures.covered, cov.figures.municipalities), (1, 1, 2));
    /// assert_eq!(cov.figures.population_share, Some(0.25));
    /// assert_eq!(cov.lookup("11001").partnerships, vec!["regie-a"]);
    /// ```
    pub fn compute(
        municipalities: &[Municipality],
        partnerships: &[Partnership],
        mergers: &MergerTable,
        period: &Period,
    ) -> PeriodCoverage {
        let year = period.from;
        // The current municipalities (today's map) describe the era after the last merger.
        let current: Vec<&Municipality> = municipalities.iter().filter(|m| m.is_current()).collect();
        let data_year = mergers.year_of(current.iter().map(|m| m.nis.as_str()), year);
        // The municipalities of the reference year, with population carried across mergers.
        let mut universe: BTreeSet<String> = BTreeSet::new();
        let mut known_pop: BTreeMap<String, u64> = BTreeMap::new();
        for m in &current {
            universe.extend(mergers.translate(&m.nis, data_year, year));
            if let Some(p) = m.population {
                known_pop.insert(m.nis.clone(), p);
            }
        }
        let (mut population_by, _) = mergers.aggregate_population(&known_pop, data_year, year);
        // Going back before a merger: the parts' own figures, when the dataset lists its former
        // municipalities (docs/data-format.md, Municipality).
        for code in &universe {
            if let Some(p) = part_population(municipalities, mergers, code, year, data_year) {
                population_by.entry(code.clone()).or_insert(p);
            }
        }

        let active: Vec<&Partnership> = partnerships.iter().filter(|p| overlaps(&p.period, period)).collect();
        let mut by_municipality: BTreeMap<String, Vec<String>> =
            universe.iter().map(|n| (n.clone(), Vec::new())).collect();
        let mut unknown = BTreeSet::new();
        for p in &active {
            for member in &p.members {
                for code in mergers.resolve(member, year) {
                    match by_municipality.get_mut(&code) {
                        Some(ids) if !ids.contains(&p.id) => ids.push(p.id.clone()),
                        Some(_) => {}
                        None => {
                            unknown.insert(member.clone());
                        }
                    }
                }
            }
        }
        let period_of = |id: &str| active.iter().find(|p| p.id == id).map(|p| &p.period);
        let mut conflicts = Vec::new();
        for (nis, ids) in by_municipality.iter_mut() {
            order::sort(ids);
            // Two partnerships only conflict when their own periods overlap (a switch between
            // two halves of a period is not a conflict).
            let clash = ids.iter().enumerate().any(|(i, a)| {
                ids[i + 1..].iter().any(|b| matches!((period_of(a), period_of(b)), (Some(x), Some(y)) if overlaps(x, y)))
            });
            if clash {
                conflicts.push(Conflict { nis: nis.clone(), partnerships: ids.clone() });
            }
        }

        let covered = by_municipality.values().filter(|ids| !ids.is_empty()).count();
        let n = by_municipality.len();
        let mut population = 0;
        let mut covered_population = 0;
        let mut without_population = 0;
        for (nis, ids) in &by_municipality {
            match population_by.get(nis) {
                Some(&p) => {
                    population += p;
                    if !ids.is_empty() {
                        covered_population += p;
                    }
                }
                None => without_population += 1,
            }
        }
        let figures = CoverageFigures {
            period: period.clone(),
            reference_year: year,
            partnerships: active.len(),
            municipalities: n,
            covered,
            complete: true,
            unknown: 0,
            municipality_share: if n == 0 { 0.0 } else { covered as f64 / n as f64 },
            population,
            covered_population,
            population_share: (population > 0).then(|| covered_population as f64 / population as f64),
            without_population,
            conflicts,
            unknown_members: unknown.into_iter().collect(),
        };
        PeriodCoverage {
            figures,
            by_municipality,
            partnership_ids: active.iter().map(|p| p.id.clone()).collect(),
            data_year,
            mergers: mergers.clone(),
        }
    }

    /// The same coverage for a period whose partnership list is complete or not: with
    /// `complete == false` the municipalities in no listed partnership are unknown.
    ///
    /// ```
    /// use wegwijzer_core::coverage::{MergerTable, PeriodCoverage};
    /// use wegwijzer_core::model::{Municipality, Period, Text};
    /// let m = |nis: &str| Municipality { nis: nis.into(), name: Text::nl(nis), province: "10000".into(), ..Default::default() };
    /// let period = Period { from: 2020, to: 2025 };
    /// let cov = PeriodCoverage::compute(&[m("11001"), m("11004")], &[], &MergerTable::default(), &period).with_completeness(false);
    /// assert_eq!((cov.figures.covered, cov.figures.unknown), (0, 2));
    /// assert!(cov.lookup("11001").unknown());
    /// ```
    pub fn with_completeness(mut self, complete: bool) -> PeriodCoverage {
        self.figures.complete = complete;
        self.figures.unknown = if complete { 0 } else { self.figures.municipalities - self.figures.covered };
        self
    }

    /// How the municipality `nis` is covered in this period; `nis` may be a code of the dataset's
    /// era (e.g. a merged municipality drawn on the 2025 map while showing 2023) or of the period's.
    pub fn lookup(&self, nis: &str) -> MunicipalityCover {
        // A code of today's map stands for its parts in an earlier period (Antwerpen 11002 for
        // 11002 and 11007 in 2020); a former or unchanged code translates to itself.
        let parts = self.mergers.translate(nis, self.data_year, self.figures.reference_year);
        let mut cover = MunicipalityCover::default();
        for part in &parts {
            if let Some(ids) = self.by_municipality.get(part) {
                cover.parts += 1;
                if !ids.is_empty() {
                    cover.covered_parts += 1;
                } else if !self.figures.complete {
                    cover.unknown_parts += 1;
                }
                cover.partnerships.extend(ids.iter().cloned());
            }
        }
        order::sort(&mut cover.partnerships);
        cover.partnerships.dedup();
        cover
    }

    /// The members of a partnership as municipalities of the reference year, sorted.
    pub fn members_of(&self, partnership_id: &str) -> Vec<&str> {
        self.by_municipality
            .iter()
            .filter(|(_, ids)| ids.iter().any(|i| i == partnership_id))
            .map(|(nis, _)| nis.as_str())
            .collect()
    }
}

/// What changed between two periods.
#[derive(Clone, Debug, PartialEq)]
pub struct PeriodComparison {
    pub before: CoverageFigures,
    pub after: CoverageFigures,
    /// `joined` and `left` use the municipalities of this year, the earlier reference year: the
    /// finer division, so a merged municipality of which only a part changed is exact.
    pub compared_in_year: u16,
    /// Covered after, not before.
    pub joined: Vec<String>,
    /// Covered before, not after.
    pub left: Vec<String>,
    /// Covered in both, by different partnerships: (nis, before ids, after ids).
    pub changed_partnership: Vec<(String, Vec<String>, Vec<String>)>,
    pub partnerships_change: i64,
    pub covered_change: i64,
    /// Percentage points are `100 ×` these.
    pub municipality_share_change: f64,
    /// `None` unless both periods have a population share.
    pub population_share_change: Option<f64>,
}

impl PeriodComparison {
    /// Compares two computed periods (in either order; `before` is the earlier).
    ///
    /// ```ignore
    /// let a = PeriodCoverage::compute(&data.municipalities, &data.partnerships, &mergers, &p2020);
    /// let b = PeriodCoverage::compute(&data.municipalities, &data.partnerships, &mergers, &p2023);
    /// let cmp = PeriodComparison::new(&a, &b);
    /// // cmp.joined, cmp.left, cmp.covered_change ...
    /// ```
    pub fn new(a: &PeriodCoverage, b: &PeriodCoverage) -> PeriodComparison {
        let (before, after) = if (a.figures.period.from, a.figures.period.to) <= (b.figures.period.from, b.figures.period.to) {
            (a, b)
        } else {
            (b, a)
        };
        let year = before.figures.reference_year;
        let mut joined = Vec::new();
        let mut left = Vec::new();
        let mut changed_partnership = Vec::new();
        for (nis, was) in &before.by_municipality {
            // The later period's cover of this (possibly since merged) municipality.
            let now: Vec<String> = after
                .mergers
                .translate(nis, year, after.figures.reference_year)
                .iter()
                .flat_map(|c| after.by_municipality.get(c).cloned().unwrap_or_default())
                .collect::<BTreeSet<_>>()
                .into_iter()
                .collect();
            // In no listed partnership of an incomplete period: not known to have joined or left.
            if (was.is_empty() && !before.figures.complete) || (now.is_empty() && !after.figures.complete) {
                continue;
            }
            match (was.is_empty(), now.is_empty()) {
                (true, false) => joined.push(nis.clone()),
                (false, true) => left.push(nis.clone()),
                (false, false) if *was != now => changed_partnership.push((nis.clone(), was.clone(), now)),
                _ => {}
            }
        }
        let (fb, fa) = (&before.figures, &after.figures);
        PeriodComparison {
            before: fb.clone(),
            after: fa.clone(),
            compared_in_year: year,
            joined,
            left,
            changed_partnership,
            partnerships_change: fa.partnerships as i64 - fb.partnerships as i64,
            covered_change: fa.covered as i64 - fb.covered as i64,
            municipality_share_change: fa.municipality_share - fb.municipality_share,
            population_share_change: match (fb.population_share, fa.population_share) {
                (Some(x), Some(y)) => Some(y - x),
                _ => None,
            },
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::model::{Contact, Text};

    fn muni(nis: &str, pop: Option<u64>) -> Municipality {
        Municipality { nis: nis.into(), name: Text::nl(nis), province: "40000".into(), population: pop, ..Default::default() }
    }

    /// The Flemish mergers of 1 January 2025 as Statbel lists them (a test fixture; the app reads
    /// mergers from the dataset).
    pub(crate) fn flanders_2025() -> MergerTable {
        MergerTable::parse_list(FLANDERS_2025, 2025).unwrap()
    }

    pub(crate) const FLANDERS_2025: &str = "Antwerpen (11002) + Borsbeek (11007),\tAntwerpen (11002)
Galmaarden (23023) + Gooik (23024) + Herne (23032),\tPajottegem (23106)
Ruiselede (37012) + Wingene (37018),\tWingene (37021)
Meulebeke (37007) + Tielt (37015),\tTielt (37022)
De Pinte (44012) + Nazareth (44048),\tNazareth-De Pinte (44086)
Lochristi (44034) + Wachtebeke (44073),\tLochristi (44087)
Lokeren (46014) + Moerbeke (44045),\tLokeren (46029)
Melle (44040) + Merelbeke (44043),\tMerelbeke-Melle (44088)
Beveren (46003) + Kruibeke (46013) + Zwijndrecht (11056),\tBeveren-Kruibeke-Zwijndrecht (46030)
Bilzen (73006) + Hoeselt (73032),\tBilzen-Hoeselt (73110)
Borgloon (73009) + Tongeren (73083),\tTongeren-Borgloon (73111)
Ham (71069) + Tessenderlo (71057),\tTessenderlo-Ham (71071)
Hasselt (71022) + Kortessem (73040),\tHasselt (71072)";

    fn partnership(id: &str, members: &[&str], from: u16, to: u16) -> Partnership {
        Partnership {
            id: id.into(),
            name: id.into(),
            members: members.iter().map(|s| s.to_string()).collect(),
            period: Period { from, to },
            contact: Contact::default(),
            source_url: None,
            source_read: None,
            confidence: None,
            source_note: None,
            demo: true,
        }
    }

    #[test]
    fn merger_table_translates_both_ways_and_knows_existence() {
        let t = flanders_2025();
        assert_eq!(t.mergers.iter().map(|m| m.from.len() - 1).sum::<usize>(), 15, "300 → 285");
        assert!(t.existed_in("11007", 2024) && !t.existed_in("11007", 2025));
        assert!(t.existed_in("11002", 2024) && t.existed_in("11002", 2025));
        assert!(!t.existed_in("44087", 2024) && t.existed_in("44087", 2025));
        assert!(t.existed_in("44021", 1990));
        assert_eq!(t.translate("11002", 2024, 2025), vec!["11002"]);
        assert_eq!(t.translate("11002", 2025, 2023), vec!["11002", "11007"]);
        assert_eq!(t.translate("44021", 2025, 2020), vec!["44021"]);
        assert_eq!(t.resolve("44087", 2023), vec!["44034", "44073"]);
        assert_eq!(t.resolve("44034", 2026), vec!["44087"]);
        assert_eq!(t.resolve("11002", 2023), vec!["11002"]);
        assert_eq!(t.year_of(["44087", "44021"], 2000), 2025);
        assert_eq!(t.year_of(["44034", "44021"], 2000), 2024);
        assert_eq!(MergerTable::default().year_of(["1"], 2000), 2000);
    }

    #[test]
    fn merger_list_parsing_reports_bad_lines() {
        let t = MergerTable::parse_list(
            "\u{feff}Fuserende gemeenten,\tNieuwe gemeenten\r\n\nBeveren (46003) + Kruibeke (46013) + Zwijndrecht (11056),\tBeveren-Kruibeke-Zwijndrecht (voorlopige naam) (46030)\r\n",
            2025,
        )
        .unwrap();
        assert_eq!(t.mergers, vec![Merger { year: 2025, from: vec!["46003".into(), "46013".into(), "11056".into()], into: "46030".into() }]);
        assert!(matches!(MergerTable::parse_list("A (11001) B (11002)", 2025), Err(MergerTableError::BadLine { line: 1, .. })));
        assert!(MergerTable::parse_list("A (11001),\tB (11002) (11003)", 2025).is_err());
    }

    #[test]
    fn population_aggregates_only_when_every_part_is_known() {
        let t = flanders_2025();
        let pops = BTreeMap::from([("44034".to_string(), 10), ("44073".to_string(), 5), ("44040".to_string(), 7), ("44021".to_string(), 100)]);
        let (merged, unknown) = t.aggregate_population(&pops, 2024, 2025);
        assert_eq!(merged, BTreeMap::from([("44087".to_string(), 15), ("44021".to_string(), 100)]));
        assert!(unknown.contains(&"44088".to_string()));
        // Splitting goes nowhere: parts of a merged municipality have no population of their own.
        let (split, unknown) = t.aggregate_population(&BTreeMap::from([("44087".to_string(), 15)]), 2025, 2024);
        assert!(split.is_empty());
        assert_eq!(unknown, vec!["44034", "44073"]);
    }

    #[test]
    fn figures_conflicts_and_unknown_members() {
        let ms = vec![muni("44021", Some(260)), muni("44012", Some(10)), muni("44048", None), muni("44019", Some(30))];
        let ps = vec![
            partnership("a", &["44021", "44012"], 2023, 2025),
            partnership("b", &["44012", "99999"], 2023, 2025),
            partnership("old", &["44019"], 2020, 2022),
        ];
        let period = Period { from: 2023, to: 2025 };
        let cov = PeriodCoverage::compute(&ms, &ps, &flanders_2025(), &period);
        let f = &cov.figures;
        assert_eq!((f.partnerships, f.municipalities, f.covered), (2, 4, 2));
        assert_eq!(f.municipality_share, 0.5);
        assert_eq!((f.population, f.covered_population, f.without_population), (300, 270, 1));
        assert_eq!(f.population_share, Some(0.9));
        assert_eq!(f.conflicts, vec![Conflict { nis: "44012".into(), partnerships: vec!["a".into(), "b".into()] }]);
        assert_eq!(f.unknown_members, vec!["99999"]);
        assert_eq!(cov.members_of("a"), vec!["44012", "44021"]);
        assert_eq!(cov.lookup("44048"), MunicipalityCover { partnerships: vec![], parts: 1, covered_parts: 0, unknown_parts: 0 });
        assert_eq!(periods(&ps), vec![Period { from: 2020, to: 2022 }, period]);
    }

    #[test]
    fn a_switch_within_a_period_is_not_a_conflict() {
        let ms = vec![muni("44021", None)];
        let ps = vec![partnership("a", &["44021"], 2023, 2023), partnership("b", &["44021"], 2024, 2025)];
        let cov = PeriodCoverage::compute(&ms, &ps, &flanders_2025(), &Period { from: 2023, to: 2025 });
        assert!(cov.figures.conflicts.is_empty());
        assert_eq!(cov.figures.population_share, None);
        assert_eq!(cov.figures.without_population, 1);
    }

    #[test]
    fn periods_use_the_municipalities_of_their_first_year() {
        // The dataset lists the merged municipalities of 2025 (44087 = Lochristi + Wachtebeke).
        let ms = vec![muni("44087", Some(15)), muni("44021", Some(100)), muni("44088", Some(20))];
        let ps = vec![
            // Written with the new code, although the period starts before the merger.
            partnership("old", &["44087"], 2023, 2025),
            partnership("new", &["44087", "44021"], 2026, 2031),
        ];
        let mergers = flanders_2025();
        let before = PeriodCoverage::compute(&ms, &ps, &mergers, &Period { from: 2023, to: 2025 });
        assert_eq!(before.data_year, 2025);
        assert_eq!(before.figures.municipalities, 5, "44034, 44073, 44021, 44040, 44043");
        assert_eq!(before.figures.covered, 2);
        assert_eq!(before.figures.without_population, 4, "only the unchanged 44021 keeps its population");
        assert_eq!(before.lookup("44087"), MunicipalityCover { partnerships: vec!["old".into()], parts: 2, covered_parts: 2, unknown_parts: 0 });
        assert_eq!(before.lookup("44088").parts, 2);

        let after = PeriodCoverage::compute(&ms, &ps, &mergers, &Period { from: 2026, to: 2031 });
        assert_eq!((after.figures.municipalities, after.figures.covered), (3, 2));
        assert_eq!(after.figures.population_share, Some(115.0 / 135.0));

        let cmp = PeriodComparison::new(&after, &before);
        assert_eq!(cmp.compared_in_year, 2023);
        assert_eq!(cmp.joined, vec!["44021"]);
        assert!(cmp.left.is_empty());
        assert_eq!(cmp.changed_partnership.len(), 2, "Lochristi and Wachtebeke moved from old to new");
        assert_eq!(cmp.partnerships_change, 0);
        assert_eq!(cmp.covered_change, 0);
        assert!((cmp.municipality_share_change - (2.0 / 3.0 - 2.0 / 5.0)).abs() < 1e-12);
        assert_eq!(before.figures.population_share, Some(0.0), "only 44021 has a known population, uncovered");
        assert_eq!(cmp.population_share_change, Some(115.0 / 135.0));
    }

    fn former(nis: &str, pop: u64, into: &str) -> Municipality {
        Municipality { ceased: Some("2025-01-01".into()), merged_into: Some(into.into()), ..muni(nis, Some(pop)) }
    }

    /// Antwerpen, which kept its code absorbing Borsbeek, and Lochristi, new code for Lochristi
    /// and Wachtebeke, with today's and the former records.
    fn merged_2025() -> Vec<Municipality> {
        vec![
            muni("11002", Some(540_196)),
            former("11007", 10_949, "11002"),
            Municipality { formed: Some("2025-01-01".into()), ..muni("44087", Some(30)) },
            former("44034", 20, "44087"),
            former("44073", 10, "44087"),
        ]
    }

    #[test]
    fn mergers_are_read_from_the_former_municipalities() {
        // Antwerpen keeps its code, Lochristi (44087) is new: the records give the same table as
        // Statbel's list for these two mergers.
        let ms = merged_2025();
        let t = MergerTable::from_municipalities(&ms);
        let statbel = flanders_2025();
        let expected: Vec<&Merger> = statbel.mergers.iter().filter(|m| m.into == "11002" || m.into == "44087").collect();
        assert_eq!(t.mergers.iter().collect::<Vec<_>>(), expected);
        assert!(MergerTable::from_municipalities(&[muni("11002", None)]).mergers.is_empty());
    }

    #[test]
    fn a_period_before_the_merger_counts_its_own_municipalities_and_populations() {
        let ms = merged_2025();
        let t = MergerTable::from_municipalities(&ms);
        // Borsbeek (a former code) is a member in 2020-2025; Wachtebeke too.
        let ps = vec![partnership("zora", &["11007", "44073"], 2020, 2025), partnership("later", &["44087"], 2026, 2031)];
        let before = PeriodCoverage::compute(&ms, &ps, &t, &Period { from: 2020, to: 2025 });
        let f = &before.figures;
        assert_eq!((f.municipalities, f.covered, f.without_population), (4, 2, 0));
        // Antwerpen's own population before the merger is the merged figure minus Borsbeek's.
        assert_eq!(f.population, 540_196 + 30);
        assert_eq!(f.covered_population, 10_949 + 10);
        assert!(f.unknown_members.is_empty());
        // Today's map shows Antwerpen and Lochristi as partly covered.
        assert_eq!(before.lookup("11002"), MunicipalityCover { partnerships: vec!["zora".into()], parts: 2, covered_parts: 1, unknown_parts: 0 });
        let after = PeriodCoverage::compute(&ms, &ps, &t, &Period { from: 2026, to: 2031 });
        assert_eq!((after.figures.municipalities, after.figures.covered, after.figures.population), (2, 1, 540_226));
    }

    #[test]
    fn an_incomplete_period_leaves_unlisted_municipalities_unknown() {
        let ms = vec![muni("44021", Some(100)), muni("44012", Some(50)), muni("44019", Some(30)), muni("44048", Some(20))];
        let ps = vec![partnership("a", &["44021"], 2020, 2025), partnership("b", &["44012", "44019"], 2026, 2031)];
        let listed = [PeriodInfo { from: 2020, to: 2025, complete: false, reported: None }];
        let all = periods_with(&ps, &listed);
        assert_eq!(all.len(), 2);
        assert!(!is_complete(&listed, &all[0]) && is_complete(&listed, &all[1]), "an unlisted period is complete");
        let mergers = MergerTable::default();
        let old = PeriodCoverage::compute(&ms, &ps, &mergers, &all[0]).with_completeness(is_complete(&listed, &all[0]));
        let f = &old.figures;
        assert_eq!((f.complete, f.covered, f.unknown, f.municipalities), (false, 1, 3, 4));
        assert_eq!(f.population_share, Some(0.5), "what the sources prove: 100 of 200");
        assert!(old.lookup("44012").unknown() && !old.lookup("44021").unknown());
        let new = PeriodCoverage::compute(&ms, &ps, &mergers, &all[1]).with_completeness(is_complete(&listed, &all[1]));
        assert_eq!((new.figures.unknown, new.lookup("44021").unknown()), (0, false));
        // 44021 is not known to have left, 44012 and 44019 are not known to have joined.
        let cmp = PeriodComparison::new(&old, &new);
        assert_eq!((cmp.joined.len(), cmp.left, cmp.changed_partnership.len()), (0, vec!["44021".to_string()], 0));
    }
}
