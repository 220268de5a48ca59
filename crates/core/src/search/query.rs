//! Query parsing and ranking: a query's words matched against the index (exact, stem, prefix,
//! one typo), scored by field and match, intersected (AND) with an OR fallback, tiered by the
//! name, and sorted; and a municipality found in the query.

use super::compound::split_compound;
use super::edit::{fnv, within_one_edit};
use super::index::{lower_bound, SearchIndex, F_AREA, F_CATEGORY, F_DESCRIPTION, F_NAME, F_PLACE, F_KEYWORD, F_POSTCODE, F_STREET};
use super::normalize::fold_into;
use super::stem::stem;
use crate::dataset::Dataset;

/// Field weights: the name says most about an initiative, the street least.
const FIELD_WEIGHTS: [(u8, f32); 8] = [
    (F_NAME, 10.0),
    (F_CATEGORY, 6.0),
    (F_KEYWORD, 4.0),
    (F_PLACE, 3.0),
    (F_POSTCODE, 3.0),
    (F_DESCRIPTION, 2.0),
    (F_AREA, 1.5),
    (F_STREET, 1.0),
];

/// Weight of a field mask: the best field plus a tenth of the others, so a word found in the
/// name and the category beats one found in the name only.
const WEIGHTS: [f32; 256] = {
    let mut table = [0.0f32; 256];
    let mut mask = 0;
    while mask < 256 {
        let (mut best, mut sum) = (0.0f32, 0.0f32);
        let mut i = 0;
        while i < FIELD_WEIGHTS.len() {
            let (bit, w) = FIELD_WEIGHTS[i];
            if mask & bit as usize != 0 {
                sum += w;
                if w > best {
                    best = w;
                }
            }
            i += 1;
        }
        table[mask] = best + 0.1 * (sum - best);
        mask += 1;
    }
    table
};

const EXACT: f32 = 1.0;
const STEM: f32 = 0.85;
const TYPO: f32 = 0.45;
/// The head of a split compound found as the end of a longer word ("dienst" in "klusdienst").
const TAIL: f32 = 0.6;
/// A head shorter than this is not looked up as a word ending: "ers", "ing" end thousands.
const MIN_TAIL: usize = 4;

/// A prefix match scores between 0.55 and 0.8: the more of the term is typed, the closer to a
/// stem match, so "energies" ranks "energiesnoeier" above "energiesnoeiersproject".
fn prefix_factor(typed: usize, term: usize) -> f32 {
    0.55 + 0.25 * typed as f32 / term.max(1) as f32
}

/// Tier bonuses, far above any sum of word scores (at most about 11 per word).
const TIER_EXACT_NAME: f32 = 100_000.0;
const TIER_NAME_PREFIX: f32 = 10_000.0;
const TIER_NAME_WORDS: f32 = 1_000.0;

/// Words that only add to the score: alone they match almost everything.
const STOP_WORDS: [&str; 44] = [
    "a", "aan", "al", "an", "and", "at", "au", "aux", "bij", "dans", "de", "den", "der", "des", "door", "du",
    "een", "en", "et", "for", "het", "in", "la", "le", "les", "met", "naar", "of", "om", "on", "op", "pour",
    "sur", "te", "the", "to", "tot", "uit", "un", "une", "van", "voor", "with", "zu",
];

/// One search result: the initiative's position in `Dataset::initiatives` and its relevance.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Hit {
    pub doc: u32,
    pub score: f32,
}

/// Hits plus whether they are a partial (OR) fallback, for a "no result has all your words"
/// notice.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SearchOutcome {
    pub hits: Vec<Hit>,
    /// True when no initiative matched every word, so `hits` match only some of them.
    pub partial: bool,
}

/// A municipality recognised in a query, see [`SearchIndex::place_in_query`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlaceMatch {
    /// NIS code of the municipality.
    pub nis: String,
    /// The query without the place words, normalised ("fietspunt 8900" → "fietspunt").
    pub rest: String,
    /// The place came after a phrase such as "in de buurt van", "bij", "près de", "near": the
    /// user wants what is near it (sorted by distance, neighbours included), not only what is
    /// based in or serves it.
    pub near: bool,
}

/// Phrases that put a place "near" (normalised words, longest first per language): Dutch,
/// French, English.
const NEAR_PHRASES: [&[&str]; 17] = [
    &["in", "de", "buurt", "van"],
    &["in", "de", "omgeving", "van"],
    &["in", "de", "buurt"],
    &["dicht", "bij"],
    &["dichtbij"],
    &["nabij"],
    &["rond"],
    &["rondom"],
    &["omgeving"],
    &["bij"],
    &["pres", "de"],
    &["autour", "de"],
    &["proche", "de"],
    &["close", "to"],
    &["near"],
    &["around"],
    &["nearby"],
];

/// One document's match for one query word.
#[derive(Clone, Copy, Debug)]
struct M {
    doc: u32,
    score: f32,
    /// Matched in the name.
    name: bool,
}

/// Dense per-word accumulator: best score per document, reset after each word.
struct Acc {
    score: Vec<f32>,
    name: Vec<bool>,
    touched: Vec<u32>,
}

impl Acc {
    fn new(n: usize) -> Self {
        Acc { score: vec![0.0; n], name: vec![false; n], touched: Vec::new() }
    }

    fn add(&mut self, doc: u32, score: f32, name: bool) {
        let d = doc as usize;
        let s = &mut self.score[d];
        if *s == 0.0 {
            self.touched.push(doc);
            *s = score;
        } else if score > *s {
            *s = score;
        }
        self.name[d] |= name;
    }

    /// The matches in doc order; leaves the accumulator empty.
    fn take(&mut self) -> Vec<M> {
        let mut out = Vec::with_capacity(self.touched.len());
        let mut emit = |d: usize, score: &mut [f32], name: &mut [bool]| {
            out.push(M { doc: d as u32, score: score[d], name: name[d] });
            score[d] = 0.0;
            name[d] = false;
        };
        if self.touched.len() * 8 > self.score.len() {
            // Many matches: a linear pass is cheaper than sorting them.
            for d in 0..self.score.len() {
                if self.score[d] > 0.0 {
                    emit(d, &mut self.score, &mut self.name);
                }
            }
        } else {
            self.touched.sort_unstable();
            for i in 0..self.touched.len() {
                emit(self.touched[i] as usize, &mut self.score, &mut self.name);
            }
        }
        self.touched.clear();
        out
    }
}

/// Documents in both lists, scores added; galloping when one list is much shorter.
fn intersect(a: &[M], b: &[M]) -> Vec<M> {
    let (small, large) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let mut out = Vec::with_capacity(small.len());
    if small.len() * 16 < large.len() {
        let mut from = 0;
        for m in small {
            from += large[from..].partition_point(|x| x.doc < m.doc);
            if let Some(x) = large.get(from).filter(|x| x.doc == m.doc) {
                out.push(M { doc: m.doc, score: m.score + x.score, name: m.name && x.name });
            }
        }
    } else {
        let (mut i, mut j) = (0, 0);
        while i < small.len() && j < large.len() {
            let (x, y) = (small[i], large[j]);
            if x.doc < y.doc {
                i += 1;
            } else if x.doc > y.doc {
                j += 1;
            } else {
                out.push(M { doc: x.doc, score: x.score + y.score, name: x.name && y.name });
                i += 1;
                j += 1;
            }
        }
    }
    out
}

/// Documents in either list; `combine` merges the scores of a document in both.
fn union(a: &[M], b: &[M], combine: impl Fn(f32, f32) -> f32) -> Vec<M> {
    let mut out = Vec::with_capacity(a.len().max(b.len()));
    let (mut i, mut j) = (0, 0);
    while i < a.len() || j < b.len() {
        if j == b.len() || (i < a.len() && a[i].doc < b[j].doc) {
            out.push(a[i]);
            i += 1;
        } else if i == a.len() || b[j].doc < a[i].doc {
            out.push(b[j]);
            j += 1;
        } else {
            out.push(M { doc: a[i].doc, score: combine(a[i].score, b[j].score), name: a[i].name || b[j].name });
            i += 1;
            j += 1;
        }
    }
    out
}

/// A query word, or a word that punctuation split ("wijk-werken"), which matches either its
/// joined form or all its parts.
#[derive(Debug)]
enum Unit {
    Word(String),
    Compound { joined: String, parts: Vec<String> },
    /// A word the dictionary does not know, split into known words ("klusjesdienst"): it
    /// matches as a whole (prefix, typo) or all its parts, the last one also as a word ending.
    Split { joined: String, parts: Vec<String> },
}

impl Unit {
    /// Stop words and single letters: they add to the score but need not match.
    fn optional(&self) -> bool {
        match self {
            Unit::Word(w) => w.chars().nth(1).is_none() || STOP_WORDS.binary_search(&w.as_str()).is_ok(),
            Unit::Compound { .. } | Unit::Split { .. } => false,
        }
    }

    fn char_len(&self) -> usize {
        match self {
            Unit::Word(w) => w.chars().count(),
            Unit::Compound { joined, .. } | Unit::Split { joined, .. } => joined.chars().count(),
        }
    }
}

/// The query as units plus its normalised form.
fn parse_query(query: &str) -> (Vec<Unit>, String) {
    let mut buf = String::new();
    fold_into(query, &mut buf);
    let mut units = Vec::new();
    let mut normalized = String::new();
    for chunk in buf.split(' ') {
        let parts: Vec<&str> = chunk.split('-').filter(|p| !p.is_empty()).collect();
        for p in &parts {
            if !normalized.is_empty() {
                normalized.push(' ');
            }
            normalized.push_str(p);
        }
        match parts.len() {
            0 => {}
            1 => units.push(Unit::Word(parts[0].to_string())),
            _ => {
                // "l'atelier": the elided article is not required, "atelier" is.
                let mut kept: Vec<String> =
                    parts.iter().filter(|p| p.chars().nth(1).is_some()).map(|p| p.to_string()).collect();
                if kept.is_empty() {
                    kept = parts.iter().map(|p| p.to_string()).collect();
                }
                units.push(Unit::Compound { joined: parts.concat(), parts: kept });
            }
        }
    }
    (units, normalized)
}

impl SearchIndex {
    /// Terms one edit away from `w` (not `w` itself), via the deletion neighbourhood.
    fn typo_terms(&self, w: &str, out: &mut Vec<(u32, f32)>) {
        let check = |t: u32, out: &mut Vec<(u32, f32)>| {
            let term = self.term(t);
            if term != w && within_one_edit(term, w) {
                out.push((t, TYPO));
            }
        };
        let with_hash = |h: u32| {
            let from = self.deletes.partition_point(|&(x, _)| x < h);
            self.deletes[from..].iter().take_while(move |&&(x, _)| x == h).map(|&(_, t)| t)
        };
        // The query lacks a character: the term minus one character is the query.
        for t in with_hash(fnv(w.as_bytes(), &[])) {
            check(t, out);
        }
        let mut deleted = String::with_capacity(w.len());
        for (i, c) in w.char_indices() {
            deleted.clear();
            deleted.push_str(&w[..i]);
            deleted.push_str(&w[i + c.len_utf8()..]);
            // The query has an extra character.
            if let Some(t) = self.find_term(&deleted) {
                check(t, out);
            }
            // A substituted or swapped character: both lose one and meet.
            for t in with_hash(fnv(deleted.as_bytes(), &[])) {
                check(t, out);
            }
        }
    }

    /// Terms that start with `p` and are longer.
    fn prefix_terms(&self, p: &str, out: &mut Vec<(u32, f32)>) {
        let len = p.chars().count();
        let mut t = lower_bound(&self.terms, &self.term_start, p) as u32;
        while (t as usize) < self.term_count() && self.term(t).starts_with(p) {
            let n = self.term(t).chars().count();
            if n != len {
                out.push((t, prefix_factor(len, n)));
            }
            t += 1;
        }
    }

    /// Whether the dictionary knows `w`: as a term, by its stem, or (the last word, being
    /// typed) as the start of a term.
    fn knows(&self, w: &str, last: bool) -> bool {
        let s = stem(w);
        self.find_term(w).is_some()
            || self.find_term(&s).is_some()
            || !self.stem_terms(&s).is_empty()
            || (last && self.has_prefix(w))
    }

    fn has_prefix(&self, p: &str) -> bool {
        let t = lower_bound(&self.terms, &self.term_start, p);
        t < self.term_count() && self.term(t as u32).starts_with(p)
    }

    /// A part of a compound the dictionary knows: a known word, a modifier of 4+ letters that
    /// starts a term ("poets" in "poetshulp"), or a head of 4+ letters that ends one.
    fn knows_part(&self, p: &str, head: bool) -> bool {
        let long = p.chars().nth(MIN_TAIL - 1).is_some();
        self.knows(p, false) || (long && !head && self.has_prefix(p)) || (long && head && !self.tail_terms(p).is_empty())
    }

    /// Query words the dictionary does not know become [`Unit::Split`] when they split into
    /// known words.
    fn split_unknown(&self, units: &mut [Unit]) {
        let last = units.len().saturating_sub(1);
        for (i, unit) in units.iter_mut().enumerate() {
            if unit.optional() {
                continue;
            }
            let Unit::Word(w) = unit else { continue };
            if self.knows(w, i == last) {
                continue;
            }
            if let Some(parts) = split_compound(w, &|p, head| self.knows_part(p, head)) {
                *unit = Unit::Split { joined: std::mem::take(w), parts };
            }
        }
    }

    /// Every document matching word `w`, best match per document; `tail`: also the terms that
    /// end with `w` (the head of a split compound).
    fn word_matches(&self, w: &str, last: bool, exact_only: bool, acc: &mut Acc) -> Vec<M> {
        self.word_matches_with(w, last, false, exact_only, acc)
    }

    fn word_matches_with(&self, w: &str, last: bool, tail: bool, exact_only: bool, acc: &mut Acc) -> Vec<M> {
        let mut cands: Vec<(u32, f32)> = Vec::new();
        if tail && w.chars().nth(MIN_TAIL - 1).is_some() {
            cands.extend(self.tail_terms(w).iter().map(|&t| (t, TAIL)));
        }
        if let Some(t) = self.find_term(w) {
            cands.push((t, EXACT));
        }
        let s = stem(w);
        if s != w {
            if let Some(t) = self.find_term(&s) {
                cands.push((t, STEM));
            }
        }
        cands.extend(self.stem_terms(&s).iter().map(|&t| (t, STEM)));
        if !exact_only {
            let len = w.chars().count();
            if last && len >= 2 {
                self.prefix_terms(w, &mut cands);
                // Dutch compounds start with the stem: "fietsen" → "fietspunt", "klussen" →
                // "klusdienst", "kinderen" → "kinderopvang".
                if s != w && s.len() >= 3 {
                    self.prefix_terms(&s, &mut cands);
                }
            }
            // Numbers (postcodes, house numbers) are exact: one digit off is another place.
            if len >= 5 && !w.bytes().all(|b| b.is_ascii_digit()) {
                self.typo_terms(w, &mut cands);
                if s != w && s.chars().nth(4).is_some() {
                    self.typo_terms(&s, &mut cands);
                }
            }
        }
        // One factor per term, the best one.
        crate::order::sort_by(&mut cands, |a, b| a.0.cmp(&b.0).then(b.1.total_cmp(&a.1)));
        cands.dedup_by_key(|c| c.0);
        for (t, factor) in cands {
            let (from, to) = (self.post_start[t as usize] as usize, self.post_start[t as usize + 1] as usize);
            for (&doc, &fields) in self.post_docs[from..to].iter().zip(&self.post_fields[from..to]) {
                acc.add(doc, factor * WEIGHTS[fields as usize], fields & F_NAME != 0);
            }
        }
        acc.take()
    }

    fn unit_matches(&self, unit: &Unit, last: bool, exact_only: bool, acc: &mut Acc) -> Vec<M> {
        match unit {
            Unit::Word(w) => self.word_matches(w, last, exact_only, acc),
            Unit::Compound { joined, parts } | Unit::Split { joined, parts } => {
                let split_word = matches!(unit, Unit::Split { .. });
                let whole = self.word_matches(joined, last, exact_only, acc);
                let mut all: Option<Vec<M>> = None;
                for (i, p) in parts.iter().enumerate() {
                    let end = i + 1 == parts.len();
                    let m = if split_word {
                        // Modifiers start compounds ("poets" → "poetshulp"): prefix matching;
                        // the head may end one ("dienst" → "klusdienst").
                        self.word_matches_with(p, !end || last, end, exact_only, acc)
                    } else {
                        self.word_matches(p, last && end, exact_only, acc)
                    };
                    all = Some(match all {
                        None => m,
                        Some(prev) => intersect(&prev, &m),
                    });
                }
                let mut split = all.unwrap_or_default();
                for m in &mut split {
                    m.score /= parts.len() as f32;
                }
                union(&whole, &split, f32::max)
            }
        }
    }

    /// Searches `query`; see [`SearchIndex::search_detailed`].
    ///
    /// ```ignore
    /// let hits = index.search("fietsen kortrijk");
    /// let best = &data.initiatives[hits[0].doc as usize];
    /// ```
    pub fn search(&self, query: &str) -> Vec<Hit> {
        self.search_detailed(query).hits
    }

    /// Searches `query`: best first, equal scores in dataset order. Every query word must match
    /// (exactly, by stem, by prefix for the last word, or with one typo for words of 5+
    /// letters); stop words and one-letter words only add to the score. If no initiative
    /// matches every word, initiatives matching some words are returned with `partial` set.
    /// An empty query returns every initiative in order with score 0; a query of one-letter
    /// words only (the first keystroke) returns every initiative too, those whose name starts
    /// with it first.
    pub fn search_detailed(&self, query: &str) -> SearchOutcome {
        let (mut units, normalized) = parse_query(query);
        self.split_unknown(&mut units);
        // Every document, best score first. Those without a score keep dataset order, which is
        // the ranking's tie-break: only the scored few are sorted (a one-letter query scores a
        // few names of 10,000; sorting them all was 11 ms of its keystroke at 4x CPU).
        let all_docs = |score: &dyn Fn(u32) -> f32| {
            let (mut hits, unscored): (Vec<Hit>, Vec<Hit>) =
                (0..self.n_docs).map(|doc| Hit { doc, score: score(doc) }).partition(|h| h.score > 0.0);
            sort_hits(&mut hits);
            hits.extend(unscored);
            SearchOutcome { hits, partial: false }
        };
        if units.is_empty() {
            return all_docs(&|_| 0.0);
        }
        let mut required: Vec<usize> = (0..units.len()).filter(|&i| !units[i].optional()).collect();
        if required.is_empty() {
            // Only stop words ("de") or single letters: search the longer ones after all.
            required = (0..units.len()).filter(|&i| units[i].char_len() >= 2).collect();
        }
        if required.is_empty() {
            return all_docs(&|doc| {
                if self.name(doc).starts_with(&normalized) {
                    TIER_NAME_PREFIX
                } else {
                    0.0
                }
            });
        }

        let mut acc = Acc::new(self.n_docs as usize);
        let last = units.len() - 1;
        let mut lists: Vec<Vec<M>> =
            required.iter().map(|&i| self.unit_matches(&units[i], i == last, false, &mut acc)).collect();
        crate::order::sort_by_key(&mut lists, Vec::len);
        let mut matches = lists[0].clone();
        for l in &lists[1..] {
            if matches.is_empty() {
                break;
            }
            matches = intersect(&matches, l);
        }

        let mut hits: Vec<Hit>;
        let partial = matches.is_empty() && lists.len() > 1;
        if partial {
            // Nothing has every word: documents with some of them, more words first.
            let mut any: Vec<M> = Vec::new();
            for l in &lists {
                any = union(&any, l, |a, b| a + b);
            }
            hits = any.iter().map(|m| Hit { doc: m.doc, score: m.score * 0.5 }).collect();
        } else {
            for (i, unit) in units.iter().enumerate() {
                if required.contains(&i) {
                    continue;
                }
                let extra = self.unit_matches(unit, false, true, &mut acc);
                let mut from = 0;
                for m in &mut matches {
                    from += extra[from..].partition_point(|x| x.doc < m.doc);
                    if let Some(x) = extra.get(from).filter(|x| x.doc == m.doc) {
                        m.score += x.score;
                    }
                }
            }
            hits = matches
                .iter()
                .map(|m| {
                    let name = self.name(m.doc);
                    let tier = if name == normalized {
                        TIER_EXACT_NAME
                    } else if name.starts_with(&normalized) {
                        TIER_NAME_PREFIX
                    } else if m.name {
                        TIER_NAME_WORDS
                    } else {
                        0.0
                    };
                    // Among name matches, shorter names first: the query says more of them
                    // ("fietspumt" → "Fietspunt" before "Fietspunt Station").
                    let short = if m.name { 0.5 / self.name_words[m.doc as usize].max(1) as f32 } else { 0.0 };
                    Hit { doc: m.doc, score: m.score + tier + short }
                })
                .collect();
        }
        sort_hits(&mut hits);
        SearchOutcome { hits, partial }
    }

    /// Finds a municipality in the query: a known 4-digit postcode ("8900") or a full
    /// municipality name in Dutch or French, possibly of several words written with spaces,
    /// hyphens or together ("Sint-Niklaas", "sint niklaas", "sintniklaas", "Courtrai"). The
    /// longest name wins, then the leftmost. A phrase right before it ("in de buurt van",
    /// "bij", "rond", "dichtbij", "près de", "near", see `NEAR_PHRASES`) sets `near` and is not
    /// part of `rest`. `rest` is the rest of the query, normalised, with
    /// hyphenated words kept hyphenated. Names shorter than 3 letters are not recognised.
    ///
    /// ```ignore
    /// let p = index.place_in_query(&data, "klusdienst 8900").unwrap();
    /// assert_eq!((p.nis.as_str(), p.rest.as_str()), ("33011", "klusdienst"));
    /// ```
    pub fn place_in_query(&self, data: &Dataset, query: &str) -> Option<PlaceMatch> {
        let mut buf = String::new();
        fold_into(query, &mut buf);
        // (chunk number, part) for every word.
        let parts: Vec<(usize, &str)> = buf
            .split(' ')
            .enumerate()
            .flat_map(|(c, chunk)| chunk.split('-').filter(|p| !p.is_empty()).map(move |p| (c, p)))
            .collect();
        let known = |nis: &String| data.municipality(nis).is_some();
        for k in (1..=self.place_max_words.min(parts.len())).rev() {
            for start in 0..=parts.len() - k {
                let window = &parts[start..start + k];
                let by_postcode = (k == 1 && window[0].1.len() == 4 && window[0].1.bytes().all(|b| b.is_ascii_digit()))
                    .then(|| self.postcodes.get(window[0].1))
                    .flatten();
                let nis = by_postcode.or_else(|| {
                    let compact: String = window.iter().map(|(_, p)| *p).collect();
                    self.places.get(&compact)
                });
                if let Some(nis) = nis.filter(|n| known(n)) {
                    // The longest near-phrase right before the place ("bij Leuven").
                    let before: Vec<&str> = parts[..start].iter().map(|(_, p)| *p).collect();
                    let phrase = NEAR_PHRASES.iter().filter(|p| before.ends_with(p)).map(|p| p.len()).max().unwrap_or(0);
                    let mut rest = String::new();
                    let mut prev_chunk = None;
                    for (i, (chunk, p)) in parts.iter().enumerate() {
                        if (start - phrase..start + k).contains(&i) {
                            continue;
                        }
                        if let Some(c) = prev_chunk {
                            rest.push(if c == *chunk { '-' } else { ' ' });
                        }
                        rest.push_str(p);
                        prev_chunk = Some(*chunk);
                    }
                    return Some(PlaceMatch { nis: nis.clone(), rest, near: phrase > 0 });
                }
            }
        }
        None
    }
}

/// Best score first, then dataset order. Scores are never negative, so their IEEE bits order
/// like the numbers; sorting plain u64 keys is several times faster than a float comparator.
fn sort_hits(hits: &mut [Hit]) {
    let mut keys: Vec<u64> =
        hits.iter().map(|h| (((u32::MAX - h.score.max(0.0).to_bits()) as u64) << 32) | h.doc as u64).collect();
    keys.sort_unstable();
    for (h, k) in hits.iter_mut().zip(keys) {
        let doc = k as u32;
        *h = Hit { doc, score: f32::from_bits(u32::MAX - (k >> 32) as u32) };
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::test_support::{docs, fixture, IEPER, KORTRIJK, SINT_NIKLAAS};
    use crate::search::{apply_filters, Filters};

    #[test]
    fn stop_words_are_sorted_for_binary_search() {
        assert!(STOP_WORDS.windows(2).all(|w| w[0] < w[1]));
    }

    /// The fixture with keywords on three categories, as `default_categories.csv` gives them.
    fn with_keywords() -> Dataset {
        let mut data = fixture();
        for c in &mut data.categories {
            let (nl, fr): (&[&str], &[&str]) = match c.id.as_str() {
                "maatwerkbedrijf" => (&["beschutte werkplaats", "sociale werkplaats"], &["atelier protégé"]),
                "fietspunt" => (&["fietsherstelling", "fietsenmaker"], &["réparation de vélos"]),
                "klusdienst" => (&["klusjesman", "herstellingen"], &[]),
                _ => continue,
            };
            c.keywords.nl = nl.iter().map(|s| s.to_string()).collect();
            c.keywords.fr = fr.iter().map(|s| s.to_string()).collect();
        }
        data
    }

    #[test]
    fn category_keywords_find_their_initiatives_below_the_label() {
        let data = with_keywords();
        let index = SearchIndex::build(&data);
        assert_eq!(docs(&index.search("beschutte werkplaats")), vec![5], "the maatwerkbedrijf, by its former name");
        assert_eq!(docs(&index.search("atelier protege")), vec![5]);
        let mut velo = docs(&index.search("réparation vélos"));
        velo.sort();
        assert_eq!(velo, vec![2, 5, 6]);
        assert_eq!(docs(&index.search("klusjesman")), vec![4, 5, 7]);
        // With a typo too: keywords are terms like any other.
        assert_eq!(docs(&index.search("fietsherstellig")).len(), 3);
        // Below the label: doc 5 scores less by a keyword than by its label.
        let score = |q: &str| index.search(q).iter().find(|h| h.doc == 5).unwrap().score;
        assert!(score("fietsherstelling") < score("fietspunt"), "{} vs {}", score("fietsherstelling"), score("fietspunt"));
        // Without keywords, none of these is found.
        let plain = SearchIndex::build(&fixture());
        assert!(plain.search("beschutte werkplaats").is_empty() || plain.search_detailed("beschutte werkplaats").partial);
        assert!(plain.search("klusjesman").is_empty());
    }

    #[test]
    fn unknown_compounds_match_as_their_parts() {
        let data = with_keywords();
        let index = SearchIndex::build(&data);
        // "klusjes" (stem klus, prefix of "klusdienst") + "dienst" (the end of "klusdienst").
        let mut klus = docs(&index.search("klusjesdienst"));
        klus.sort();
        assert_eq!(klus, vec![4, 5, 7]);
        // Not the last word: the same.
        assert!(docs(&index.search("klusjesdienst ieper")).contains(&7));
        // Linking -en-: "fietsen" + "herstelling" (a keyword's word).
        assert!(docs(&index.search("fietsenherstelling")).contains(&5));
        // Unknown parts: no split, nothing found.
        assert!(index.search("klusjesxylofoon").is_empty());
        // A known word is not split: "restaurant" stays one word.
        assert_eq!(docs(&index.search("restaurant")), vec![3]);
        // A word still being typed is a prefix, not a compound: "kinderop" → kinderopvang.
        assert_eq!(docs(&index.search("kinderop")), vec![1]);
    }

    #[test]
    fn singular_query_finds_plural_name_first() {
        let data = fixture();
        let index = SearchIndex::build(&data);
        let hits = index.search("energiesnoeier");
        assert_eq!(hits[0].doc, 0, "{hits:?}");
        assert_eq!(index.search("Energiesnoeiers")[0].doc, 0);
    }

    #[test]
    fn accents_and_case_do_not_matter() {
        let data = fixture();
        let index = SearchIndex::build(&data);
        assert_eq!(docs(&index.search("creche")), vec![1]);
        assert_eq!(docs(&index.search("CRÈCHE")), vec![1]);
        // French labels: "point vélo" is the Fietspunt service.
        let hits = docs(&index.search("point velo"));
        assert_eq!(hits.len(), 3, "{hits:?}");
        assert!(hits.contains(&2) && hits.contains(&5) && hits.contains(&6));
    }

    #[test]
    fn one_typo_for_long_words_only() {
        let data = fixture();
        let index = SearchIndex::build(&data);
        let hits = docs(&index.search("fietspumt"));
        assert_eq!(&hits[..2], &[6, 2], "the names with Fietspunt first: {hits:?}");
        assert_eq!(index.search("fietspnut")[0].doc, 6, "a swap is one typo");
        assert_eq!(index.search("kombiis")[0].doc, 3);
        // Typo matches rank below exact ones.
        let exact = index.search("fietspunt");
        let typo = index.search("fietspumt");
        assert!(typo[0].score < exact[0].score);
        // "klos" is one letter from "klus" (in "klussen"), but 4-letter words get no typo.
        assert!(index.search("klos").is_empty());
        assert!(index.search("klos handig").is_empty() || index.search_detailed("klos handig").partial);
    }

    #[test]
    fn prefix_on_the_last_word() {
        let data = fixture();
        let index = SearchIndex::build(&data);
        assert_eq!(index.search("energies")[0].doc, 0);
        assert_eq!(docs(&index.search("kombu")), vec![3]);
        assert_eq!(docs(&index.search("restaurant kom")), vec![3]);
        // Only the last word is a prefix: "kom" is not a word of anything.
        assert!(index.search_detailed("kom restaurant").partial);
        assert!(!index.search("ki").is_empty(), "two letters are enough");
        // The stem of the last word as a prefix: Dutch compounds.
        let klussen = docs(&index.search("klussen"));
        assert_eq!(klussen[0], 4, "the Klusdienst, via klus-: {klussen:?}");
        assert!(klussen.contains(&5), "the klusdienst service label: {klussen:?}");
        assert!(docs(&index.search("kinderen")).contains(&1), "kinderopvang via kind-");
    }

    #[test]
    fn dutch_word_forms_match() {
        let data = fixture();
        let index = SearchIndex::build(&data);
        // "fietsen" (not the last word, so no prefix) finds the singular "fiets" of doc 5.
        assert_eq!(docs(&index.search("fietsen wacht")), vec![5]);
        assert_eq!(docs(&index.search("restaurants betaalbare")), vec![3]);
        assert_eq!(docs(&index.search("kind opvang")), vec![1], "kinderen ~ kind, and opvang");
        assert!(docs(&index.search("kind")).contains(&1), "kinderen ~ kind");
        assert!(docs(&index.search("klus handig")).contains(&4));
    }

    #[test]
    fn exact_name_first_then_name_prefix_then_others() {
        let data = fixture();
        let index = SearchIndex::build(&data);
        let hits = docs(&index.search("fietspunt"));
        assert_eq!(hits, vec![6, 2, 5], "exact name, then name prefix, then the service label");
        assert_eq!(index.search("de kombuis")[0].doc, 3);
        assert_eq!(index.search("Sociaal Restaurant De Kombuis")[0].score >= TIER_EXACT_NAME, true);
        // A name word beats a description word.
        assert_eq!(index.search("handig")[0].doc, 4);
    }

    #[test]
    fn and_across_words_with_or_fallback() {
        let data = fixture();
        let index = SearchIndex::build(&data);
        assert_eq!(docs(&index.search("fietspunt kortrijk")), vec![2]);
        assert_eq!(docs(&index.search("fietspunt 8500")), vec![2]);
        // Stop words do not have to match.
        assert_eq!(docs(&index.search("restaurant in")), vec![3]);
        let nothing = index.search_detailed("restaurant xylofoon");
        assert!(nothing.partial);
        assert_eq!(docs(&nothing.hits), vec![3]);
        // Both halves of a hyphenated word, or the word written together.
        assert_eq!(index.search("wijk-werken")[0].doc, 7);
        assert_eq!(index.search("wijkwerken")[0].doc, 7);
        assert!(docs(&index.search("wijk werken")).contains(&4));
    }

    #[test]
    fn empty_and_first_keystroke_queries_return_everything() {
        let data = fixture();
        let index = SearchIndex::build(&data);
        let all = index.search("");
        assert_eq!(docs(&all), (0..8).collect::<Vec<_>>());
        assert!(all.iter().all(|h| h.score == 0.0));
        assert_eq!(docs(&index.search("  - ")), (0..8).collect::<Vec<_>>());
        let k = docs(&index.search("k"));
        assert_eq!(k.len(), 8);
        assert_eq!(&k[..2], &[1, 4], "names starting with k first");
        assert_eq!(&k[2..], &[0, 2, 3, 5, 6, 7], "the others in dataset order");
    }

    #[test]
    fn place_scoping_by_postcode_and_name() {
        let data = fixture();
        let index = SearchIndex::build(&data);
        let p = index.place_in_query(&data, "klusdienst 8900").unwrap();
        assert_eq!(p, PlaceMatch { nis: IEPER.into(), rest: "klusdienst".into(), near: false });
        let p = index.place_in_query(&data, "restaurant sint niklaas").unwrap();
        assert_eq!(p, PlaceMatch { nis: SINT_NIKLAAS.into(), rest: "restaurant".into(), near: false });
        let p = index.place_in_query(&data, "Sint-Niklaas").unwrap();
        assert_eq!(p, PlaceMatch { nis: SINT_NIKLAAS.into(), rest: "".into(), near: false });
        assert_eq!(index.place_in_query(&data, "wijk-werken Ypres").unwrap().rest, "wijk-werken");
        assert_eq!(index.place_in_query(&data, "courtrai").unwrap().nis, KORTRIJK);
        assert_eq!(index.place_in_query(&data, "fietspunt 9999"), None, "unknown postcode");
        assert_eq!(index.place_in_query(&data, "fietspunt"), None);
        assert_eq!(index.place_in_query(&data, "sint"), None, "half a name");

        // Near-phrases: the place is a location, the phrase goes.
        for (q, rest) in [
            ("fietspunt in de buurt van Ieper", "fietspunt"),
            ("fietspunt bij 8900", "fietspunt"),
            ("rond Kortrijk klusdienst", "klusdienst"),
            ("dichtbij 8500", ""),
            ("dicht bij Ypres", ""),
            ("réparation vélo près de Courtrai", "reparation velo"),
            ("bike repair near Kortrijk", "bike repair"),
            ("fietspunt in de omgeving van Sint-Niklaas", "fietspunt"),
        ] {
            let p = index.place_in_query(&data, q).unwrap_or_else(|| panic!("{q}"));
            assert!(p.near, "{q}");
            assert_eq!(p.rest, rest, "{q}");
        }
        // Plain place names keep their meaning; a phrase elsewhere in the query does not count.
        assert!(!index.place_in_query(&data, "fietspunt Ieper").unwrap().near);
        assert!(!index.place_in_query(&data, "bij fietspunt Ieper").unwrap().near);

        // The page's flow: scope, search the rest, keep initiatives based in or serving it.
        let p = index.place_in_query(&data, "fietspunt 8900").unwrap();
        let hits = index.search(&p.rest);
        let scoped = apply_filters(&data, &hits, &Filters { serves: Some(p.nis), ..Default::default() });
        assert_eq!(docs(&scoped), vec![6], "Fietspunt in Poperinge serves Ieper");
    }
}
