//! The index and its build: a sorted term dictionary in one string arena, postings with field
//! masks, the stems and the one-deletion neighbourhood of the terms, the normalised names, and
//! the place lookups.

use super::edit::fnv;
use super::facets::DocFacets;
use super::normalize::{for_each_token, normalize};
use super::stem::stem;
use crate::dataset::Dataset;
use crate::model::{province_name, Lang};
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// FxHash (as in rustc): much faster than SipHash for the many short keys of an index build.
/// No protection against crafted collisions is needed: the keys come from our own dataset.
#[derive(Default, Clone, Copy)]
pub(super) struct FxHasher(u64);

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let v = u64::from_le_bytes(c.try_into().unwrap_or([0; 8]));
            self.0 = (self.0.rotate_left(5) ^ v).wrapping_mul(K);
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut last = [0u8; 8];
            last[..rest.len()].copy_from_slice(rest);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(last) ^ (rest.len() as u64) << 59).wrapping_mul(K);
        }
    }

    fn write_u8(&mut self, b: u8) {
        self.0 = (self.0.rotate_left(5) ^ b as u64).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }

    fn finish(&self) -> u64 {
        // The multiply leaves the low bits weak, and the table index is taken from them: mix
        // the high bits down, or short keys collide and probe long.
        let h = self.0;
        (h ^ (h >> 32)).wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ (h >> 29)
    }
}

pub(super) type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

// The fields a term is posted under: bits of a posting's field mask (weights: `query.rs`).
pub(super) const F_NAME: u8 = 1;
pub(super) const F_CATEGORY: u8 = 2;
pub(super) const F_PLACE: u8 = 4;
pub(super) const F_POSTCODE: u8 = 8;
pub(super) const F_DESCRIPTION: u8 = 16;
/// Municipalities served (besides the base) and the province.
pub(super) const F_AREA: u8 = 32;
pub(super) const F_STREET: u8 = 64;
/// A category's keywords (synonyms, everyday and former names): below its label.
pub(super) const F_KEYWORD: u8 = 128;

/// Municipality names shorter than this are not recognised in a query ("As" in Limburg would
/// capture the English/French word); choose them with the municipality filter instead.
const MIN_PLACE_NAME: usize = 3;

/// The search index of one dataset version. Build it once when the dataset loads (about
/// 0.1 s natively for 10,000 initiatives); it is immutable afterwards and can be shared
/// (`Arc`). Documents are positions in `data.initiatives`.
#[derive(Clone)]
pub struct SearchIndex {
    pub(super) n_docs: u32,
    /// The term dictionary, sorted: term `t` is `terms[term_start[t]..term_start[t + 1]]`.
    pub(super) terms: String,
    pub(super) term_start: Vec<u32>,
    /// Postings of term `t`: `post_docs[post_start[t]..post_start[t + 1]]`, ascending, with the
    /// field mask of each in `post_fields`.
    pub(super) post_start: Vec<u32>,
    pub(super) post_docs: Vec<u32>,
    pub(super) post_fields: Vec<u8>,
    /// Stems that differ from their term, sorted, each with the terms that have it.
    pub(super) stems: String,
    pub(super) stem_start: Vec<u32>,
    pub(super) stem_term_start: Vec<u32>,
    pub(super) stem_terms: Vec<u32>,
    /// (FNV hash of a term with one character deleted, term), sorted; terms of 5+ characters.
    pub(super) deletes: Vec<(u32, u32)>,
    /// Term numbers ordered by their reversed bytes: the terms that end with a word are a
    /// run, for the head of a split compound ("dienst" ends "klusdienst").
    pub(super) tails: Vec<u32>,
    /// Normalised initiative names, for the exact-name and name-prefix tiers: name `d` is
    /// `names[name_start[d]..name_start[d + 1]]` (one arena: every hit reads its name).
    pub(super) names: String,
    pub(super) name_start: Vec<u32>,
    /// Words per name (at most 255), for the shorter-name tie-break.
    pub(super) name_words: Vec<u8>,
    /// Facet values per initiative as numbers, for filtering and counting.
    pub(super) facets: DocFacets,
    /// Compact normalised municipality name ("sintniklaas", nl and fr) → NIS code.
    pub(super) places: FxMap<String, String>,
    /// Postcode → NIS code.
    pub(super) postcodes: FxMap<String, String>,
    /// Most words in a municipality name ("Sint-Martens-Latem": 3).
    pub(super) place_max_words: usize,
}

impl std::fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SearchIndex")
            .field("docs", &self.n_docs)
            .field("terms", &self.term_count())
            .field("postings", &self.post_docs.len())
            .field("stems", &(self.stem_start.len() - 1))
            .field("deletes", &self.deletes.len())
            .field("approx_bytes", &self.approx_bytes())
            .finish()
    }
}

/// Collects postings while indexing, in document order.
#[derive(Default)]
struct Builder {
    ids: FxMap<Box<str>, u32>,
    texts: Vec<Box<str>>,
    postings: Vec<Vec<(u32, u8)>>,
    buf: String,
    joined: String,
    scratch: Vec<u32>,
}

impl Builder {
    /// Appends the term numbers of the tokens of `text` to `out`, adding new terms.
    fn intern(&mut self, text: &str, street: bool, out: &mut Vec<u32>) {
        let Builder { ids, texts, postings, buf, joined, .. } = self;
        for_each_token(text, buf, joined, |token| {
            let mut chars = token.chars();
            let single = chars.next().is_some_and(|c| !c.is_ascii_digit()) && chars.next().is_none();
            // Single letters ("l'", "'t") match everything; house numbers would make every
            // postcode prefix match streets.
            if single || (street && token.bytes().all(|b| b.is_ascii_digit())) {
                return;
            }
            let id = match ids.get(token) {
                Some(&id) => id,
                None => {
                    let id = texts.len() as u32;
                    ids.insert(token.into(), id);
                    texts.push(token.into());
                    postings.push(Vec::new());
                    id
                }
            };
            out.push(id);
        });
    }

    fn post(&mut self, doc: u32, terms: &[u32], field: u8) {
        for &t in terms {
            let list = &mut self.postings[t as usize];
            match list.last_mut() {
                Some(last) if last.0 == doc => last.1 |= field,
                _ => list.push((doc, field)),
            }
        }
    }

    fn text(&mut self, doc: u32, text: &str, field: u8) {
        let mut terms = std::mem::take(&mut self.scratch);
        terms.clear();
        self.intern(text, field == F_STREET, &mut terms);
        self.post(doc, &terms, field);
        self.scratch = terms;
    }

    /// Posts texts shared by many initiatives (category labels, municipality names): they are
    /// tokenised once, on first use, and their term numbers reused.
    fn shared(&mut self, doc: u32, cache: &mut [Option<Vec<u32>>], i: usize, field: u8, texts: impl FnOnce() -> Vec<String>) {
        if cache[i].is_none() {
            let mut terms = Vec::new();
            for t in texts() {
                self.intern(&t, false, &mut terms);
            }
            cache[i] = Some(terms);
        }
        if let Some(terms) = &cache[i] {
            self.post(doc, terms, field);
        }
    }
}

/// Lays out strings, in the given order, in one arena: returns (arena, starts).
fn arena<'a>(items: impl Iterator<Item = &'a str>) -> (String, Vec<u32>) {
    let mut text = String::new();
    let mut starts = vec![0u32];
    for s in items {
        text.push_str(s);
        starts.push(text.len() as u32);
    }
    (text, starts)
}

/// Binary search in a sorted arena: the first index whose string is >= `key`.
pub(super) fn lower_bound(text: &str, starts: &[u32], key: &str) -> usize {
    let (mut lo, mut hi) = (0, starts.len() - 1);
    while lo < hi {
        let mid = (lo + hi) / 2;
        if &text[starts[mid] as usize..starts[mid + 1] as usize] < key {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    lo
}

fn arena_get<'a>(text: &'a str, starts: &[u32], i: usize) -> &'a str {
    &text[starts[i] as usize..starts[i + 1] as usize]
}

/// A [`SearchIndex`] built in steps, so that a page can keep responding while 10,000
/// initiatives are indexed: [`IndexBuild::step`] indexes some more initiatives, in document
/// order, [`IndexBuild::finish`] lays the index out. The result is the same as
/// [`SearchIndex::build`]'s.
///
/// ```ignore
/// let mut build = IndexBuild::new(&dataset);
/// while !build.step(100) {
///     next_task().await; // let the browser paint and handle input
/// }
/// let index = build.finish();
/// ```
pub struct IndexBuild<'a> {
    data: &'a Dataset,
    b: Builder,
    /// The next initiative to index.
    next: usize,
    names: String,
    name_start: Vec<u32>,
    name_words: Vec<u8>,
    category: FxMap<&'a str, usize>,
    municipality: FxMap<&'a str, usize>,
    category_terms: Vec<Option<Vec<u32>>>,
    keyword_terms: Vec<Option<Vec<u32>>>,
    place_terms: Vec<Option<Vec<u32>>>,
    postcode_terms: Vec<Option<Vec<u32>>>,
    province_terms: Vec<Option<Vec<u32>>>,
}

/// A category's texts to index: its id and labels.
fn category_texts(data: &Dataset, c: usize) -> Vec<String> {
    let c = &data.categories[c];
    [Some(&c.id), Some(&c.label.nl), c.label.fr.as_ref(), c.label.en.as_ref()].into_iter().flatten().cloned().collect()
}

/// A municipality's names to index (nl, and fr where it has one).
fn place_texts(data: &Dataset, m: usize) -> Vec<String> {
    let m = &data.municipalities[m];
    std::iter::once(&m.name.nl).chain(&m.name.fr).cloned().collect()
}

impl<'a> IndexBuild<'a> {
    pub fn new(data: &'a Dataset) -> IndexBuild<'a> {
        let mut name_start = Vec::with_capacity(data.initiatives.len() + 1);
        name_start.push(0);
        IndexBuild {
            data,
            b: Builder::default(),
            next: 0,
            names: String::new(),
            name_start,
            name_words: Vec::with_capacity(data.initiatives.len()),
            category: data.categories.iter().enumerate().map(|(i, c)| (c.id.as_str(), i)).collect(),
            municipality: data.municipalities.iter().enumerate().map(|(i, m)| (m.nis.as_str(), i)).collect(),
            category_terms: vec![None; data.categories.len()],
            keyword_terms: vec![None; data.categories.len()],
            place_terms: vec![None; data.municipalities.len()],
            postcode_terms: vec![None; data.municipalities.len()],
            province_terms: vec![None; data.municipalities.len()],
        }
    }

    /// Indexes up to `count` more initiatives; true once every initiative is indexed.
    pub fn step(&mut self, count: usize) -> bool {
        let data = self.data;
        let end = data.initiatives.len().min(self.next.saturating_add(count));
        for (doc, it) in data.initiatives.iter().enumerate().take(end).skip(self.next) {
            let doc = doc as u32;
            self.b.text(doc, &it.name, F_NAME);
            let name = normalize(&it.name);
            self.name_words.push(name.split(' ').count().min(255) as u8);
            self.names.push_str(&name);
            self.name_start.push(self.names.len() as u32);
            for id in std::iter::once(&it.kind).chain(&it.services) {
                if let Some(&c) = self.category.get(id.as_str()) {
                    self.b.shared(doc, &mut self.category_terms, c, F_CATEGORY, || category_texts(data, c));
                    self.b.shared(doc, &mut self.keyword_terms, c, F_KEYWORD, || data.categories[c].keywords.all().cloned().collect());
                }
            }
            if let Some(d) = &it.description {
                self.b.text(doc, &d.nl, F_DESCRIPTION);
                for t in [&d.fr, &d.en].into_iter().flatten() {
                    self.b.text(doc, t, F_DESCRIPTION);
                }
            }
            if let Some(&m) = self.municipality.get(it.nis.as_str()) {
                let muni = &data.municipalities[m];
                self.b.shared(doc, &mut self.place_terms, m, F_PLACE, || place_texts(data, m));
                self.b.shared(doc, &mut self.postcode_terms, m, F_POSTCODE, || muni.postcodes.clone());
                self.b.shared(doc, &mut self.province_terms, m, F_AREA, || {
                    Lang::ALL.iter().filter_map(|&l| province_name(&muni.province, l)).map(String::from).collect()
                });
            }
            self.b.text(doc, &it.address.locality, F_PLACE);
            self.b.text(doc, &it.address.postcode, F_POSTCODE);
            self.b.text(doc, &it.address.street, F_STREET);
            for nis in &it.serves {
                if let Some(&m) = self.municipality.get(nis.as_str()) {
                    self.b.shared(doc, &mut self.place_terms, m, F_AREA, || place_texts(data, m));
                }
            }
        }
        self.next = end;
        end == data.initiatives.len()
    }

    /// Indexes what [`IndexBuild::step`] has not yet, and lays the index out.
    pub fn finish(self) -> SearchIndex {
        self.lay_out().finish()
    }

    /// Indexes what [`IndexBuild::step`] has not yet and lays out the dictionary and postings;
    /// the rest of the layout follows in [`IndexLayout`]'s steps.
    pub fn lay_out(mut self) -> IndexLayout<'a> {
        self.step(usize::MAX);
        let IndexBuild { data, b, names, name_start, name_words, .. } = self;
        // Sort the dictionary and lay it out flat: few allocations, cache-friendly lookups.
        let order = crate::order::positions(b.texts.len(), &|x, y| b.texts[x].cmp(&b.texts[y]));
        let (terms, term_start) = arena(order.iter().map(|&t| &*b.texts[t as usize]));
        let total: usize = b.postings.iter().map(Vec::len).sum();
        let mut post_start = Vec::with_capacity(order.len() + 1);
        let mut post_docs = Vec::with_capacity(total);
        let mut post_fields = Vec::with_capacity(total);
        post_start.push(0);
        for &t in &order {
            for &(doc, fields) in &b.postings[t as usize] {
                post_docs.push(doc);
                post_fields.push(fields);
            }
            post_start.push(post_docs.len() as u32);
        }
        let index = SearchIndex {
            n_docs: data.initiatives.len() as u32,
            terms,
            term_start,
            post_start,
            post_docs,
            post_fields,
            stems: String::new(),
            stem_start: Vec::new(),
            stem_term_start: Vec::new(),
            stem_terms: Vec::new(),
            deletes: Vec::new(),
            tails: Vec::new(),
            names,
            name_start,
            name_words,
            facets: DocFacets::default(),
            places: FxMap::default(),
            postcodes: FxMap::default(),
            place_max_words: 1,
        };
        IndexLayout { data, index, done: 0 }
    }
}

/// The rest of a [`SearchIndex`]'s layout after [`IndexBuild::lay_out`], a part per
/// [`IndexLayout::step`]: the stems, the typo neighbourhoods, the word tails, the facets and
/// the place names. With 10,000 initiatives all of it together was one task of 130 ms at 4x
/// CPU (issue 15); a caller on the browser's main thread lets it paint between the parts.
///
/// ```ignore
/// let mut layout = build.lay_out();
/// while !layout.step() { next_task().await }
/// let index = layout.finish();
/// ```
pub struct IndexLayout<'a> {
    data: &'a Dataset,
    /// Complete up to the parts done.
    index: SearchIndex,
    /// How many of the parts are done.
    done: usize,
}

impl IndexLayout<'_> {
    /// Lays out the next part; true once all are.
    pub fn step(&mut self) -> bool {
        let ix = &mut self.index;
        match self.done {
            0 => stems_of(ix),
            1 => deletes_of(ix),
            2 => tails_of(ix),
            3 => ix.facets = DocFacets::build(self.data),
            4 => places_of(ix, self.data),
            _ => {}
        }
        self.done = (self.done + 1).min(5);
        self.done == 5
    }

    /// The index (the parts not laid out yet are laid out now).
    pub fn finish(mut self) -> SearchIndex {
        while !self.step() {}
        self.index
    }
}

/// Stems that differ from their term ("fietsen" → "fiets").
fn stems_of(ix: &mut SearchIndex) {
    let mut stem_pairs: Vec<(String, u32)> = (0..ix.term_count())
        .filter_map(|t| {
            let term = arena_get(&ix.terms, &ix.term_start, t);
            let s = stem(term);
            (s != term).then_some((s, t as u32))
        })
        .collect();
    crate::order::sort(&mut stem_pairs);
    let mut stems = String::new();
    let mut stem_start = vec![0u32];
    let mut stem_term_start = vec![0u32];
    let mut stem_terms = Vec::with_capacity(stem_pairs.len());
    for (i, (s, t)) in stem_pairs.iter().enumerate() {
        if i > 0 && stem_pairs[i - 1].0 != *s {
            stems.push_str(&stem_pairs[i - 1].0);
            stem_start.push(stems.len() as u32);
            stem_term_start.push(stem_terms.len() as u32);
        }
        stem_terms.push(*t);
    }
    if let Some((s, _)) = stem_pairs.last() {
        stems.push_str(s);
        stem_start.push(stems.len() as u32);
        stem_term_start.push(stem_terms.len() as u32);
    }
    (ix.stems, ix.stem_start, ix.stem_term_start, ix.stem_terms) = (stems, stem_start, stem_term_start, stem_terms);
}

/// The one-deletion neighbourhood of every term of 5+ characters (typo matching).
fn deletes_of(ix: &mut SearchIndex) {
    let mut deletes = Vec::new();
    for t in 0..ix.term_count() {
        let term = arena_get(&ix.terms, &ix.term_start, t);
        if term.chars().nth(4).is_none() || term.bytes().all(|b| b.is_ascii_digit()) {
            continue;
        }
        for (i, c) in term.char_indices() {
            let h = fnv(&term.as_bytes()[..i], &term.as_bytes()[i + c.len_utf8()..]);
            deletes.push((h, t as u32));
        }
    }
    deletes.sort_unstable();
    deletes.dedup();
    ix.deletes = deletes;
}

/// Term numbers ordered by their reversed bytes.
fn tails_of(ix: &mut SearchIndex) {
    let (terms, term_start) = (&ix.terms, &ix.term_start);
    ix.tails = crate::order::positions(ix.term_count(), &|x, y| arena_get(terms, term_start, x).bytes().rev().cmp(arena_get(terms, term_start, y).bytes().rev()));
}

/// English names of Flemish municipalities that differ from their Dutch and French ones, by NIS
/// code: searched ("bike repair Ghent"), never shown. The municipalities' data (Statbel) names
/// them in Dutch and French only. The names are those in English use (the cities' own English
/// pages, English-language encyclopaedias); Bruges, Ypres and Louvain are already the French.
pub const ENGLISH_PLACE_NAMES: [(&str, &str); 3] = [("11002", "Antwerp"), ("44021", "Ghent"), ("35013", "Ostend")];

/// Municipality names (compact, normalised) and postcodes to NIS codes.
fn places_of(ix: &mut SearchIndex, data: &Dataset) {
    let mut places = FxMap::default();
    let mut postcodes = FxMap::default();
    let mut place_max_words = 1;
    for m in &data.municipalities {
        let english = ENGLISH_PLACE_NAMES.iter().filter(|(nis, _)| *nis == m.nis).map(|(_, name)| *name);
        for name in std::iter::once(m.name.nl.as_str()).chain(m.name.fr.as_deref()).chain(english) {
            let n = normalize(name);
            let compact: String = n.split(' ').collect();
            if compact.chars().count() >= MIN_PLACE_NAME {
                place_max_words = place_max_words.max(n.split(' ').count());
                places.entry(compact).or_insert_with(|| m.nis.clone());
            }
        }
        for pc in &m.postcodes {
            postcodes.entry(pc.trim().to_string()).or_insert_with(|| m.nis.clone());
        }
    }
    (ix.places, ix.postcodes, ix.place_max_words) = (places, postcodes, place_max_words);
}

impl SearchIndex {
    /// Indexes every initiative of `data` by its position in `data.initiatives`: name, kind and
    /// service labels (nl, fr, en, and their ids) and their keywords, description (all languages), the names of
    /// its municipality and of the municipalities it serves, its province, address locality,
    /// street and postcode, and the postcodes of its municipality. In one go; [`IndexBuild`]
    /// does the same in steps.
    ///
    /// ```ignore
    /// let index = Arc::new(SearchIndex::build(&dataset));
    /// ```
    pub fn build(data: &Dataset) -> SearchIndex {
        IndexBuild::new(data).finish()
    }

    /// Number of indexed initiatives.
    pub fn len(&self) -> usize {
        self.n_docs as usize
    }

    pub fn is_empty(&self) -> bool {
        self.n_docs == 0
    }

    /// Rough heap size of the index, for the benchmark and for judging memory on phones.
    fn approx_bytes(&self) -> usize {
        let f = &self.facets;
        self.terms.len()
            + 4 * (self.term_start.len() + self.post_start.len() + self.post_docs.len())
            + self.post_fields.len()
            + self.stems.len()
            + 4 * (self.stem_start.len() + self.stem_term_start.len() + self.stem_terms.len())
            + 8 * self.deletes.len()
            + 4 * self.tails.len()
            + self.names.len()
            + 4 * self.name_start.len()
            + self.name_words.len()
            + 2 * (f.kind.len() + f.municipality.len() + f.services.len() + f.serves.len())
            + 4 * (f.service_start.len() + f.serve_start.len())
            + 48 * (self.places.len() + self.postcodes.len())
    }

    /// Number of distinct terms in the dictionary.
    pub fn term_count(&self) -> usize {
        self.term_start.len() - 1
    }

    pub(super) fn name(&self, doc: u32) -> &str {
        arena_get(&self.names, &self.name_start, doc as usize)
    }

    pub(super) fn term(&self, t: u32) -> &str {
        arena_get(&self.terms, &self.term_start, t as usize)
    }

    pub(super) fn find_term(&self, w: &str) -> Option<u32> {
        let i = lower_bound(&self.terms, &self.term_start, w);
        (i < self.term_count() && self.term(i as u32) == w).then_some(i as u32)
    }

    /// Terms that end with `w` and are longer, for the head of a split compound.
    pub(super) fn tail_terms(&self, w: &str) -> &[u32] {
        let ends = |t: u32| self.term(t).bytes().rev().cmp(w.bytes().rev());
        let from = self.tails.partition_point(|&t| ends(t) == std::cmp::Ordering::Less);
        let len = self.tails[from..].partition_point(|&t| self.term(t).ends_with(w));
        let run = &self.tails[from..from + len];
        // The run starts with `w` itself when it is a term.
        match run.first() {
            Some(&t) if self.term(t) == w => &run[1..],
            _ => run,
        }
    }

    /// Terms whose stem is `s` (only terms whose stem differs from the term itself).
    pub(super) fn stem_terms(&self, s: &str) -> &[u32] {
        let i = lower_bound(&self.stems, &self.stem_start, s);
        if i + 1 < self.stem_start.len() && arena_get(&self.stems, &self.stem_start, i) == s {
            &self.stem_terms[self.stem_term_start[i] as usize..self.stem_term_start[i + 1] as usize]
        } else {
            &[]
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::test_support::fixture;

    /// The parts of an index that its search reads, as one comparable value.
    fn layout(i: &SearchIndex) -> impl PartialEq + std::fmt::Debug + '_ {
        (
            (i.n_docs, &i.terms, &i.term_start, &i.post_start, &i.post_docs, &i.post_fields),
            (&i.stems, &i.stem_start, &i.stem_term_start, &i.stem_terms, &i.deletes, &i.tails),
            (&i.names, &i.name_start, &i.name_words, i.place_max_words),
        )
    }

    #[test]
    fn a_build_in_steps_gives_the_index_of_a_build_in_one_go() {
        let data = fixture();
        let whole = SearchIndex::build(&data);
        assert!(whole.n_docs >= 3, "the fixture has initiatives to step through");
        for count in [1, 2, 3, data.initiatives.len(), usize::MAX] {
            let mut build = IndexBuild::new(&data);
            let mut steps = 1;
            while !build.step(count) {
                steps += 1;
            }
            assert_eq!(steps, data.initiatives.len().div_ceil(count.min(data.initiatives.len())), "steps of {count}");
            assert_eq!(layout(&build.finish()), layout(&whole), "steps of {count}");
        }
        // `finish` indexes what the steps have not reached yet.
        let mut build = IndexBuild::new(&data);
        build.step(1);
        assert_eq!(layout(&build.finish()), layout(&whole));
    }

    #[test]
    fn the_layout_is_made_a_part_per_step_and_each_part_once() {
        let data = fixture();
        let whole = SearchIndex::build(&data);
        let mut parts = IndexBuild::new(&data).lay_out();
        // What each step adds: the stems, the typo neighbourhoods, the tails, the facets, the places.
        let filled = |ix: &SearchIndex| {
            [!ix.stem_terms.is_empty(), !ix.deletes.is_empty(), !ix.tails.is_empty(), ix.facets.kind.len() == ix.n_docs as usize, !ix.places.is_empty()]
        };
        assert_eq!(filled(&parts.index), [false; 5]);
        for k in 1..=5 {
            assert_eq!(parts.step(), k == 5, "step {k}");
            let expected: Vec<bool> = (0..5).map(|p| p < k).collect();
            assert_eq!(filled(&parts.index).to_vec(), expected, "after step {k}");
        }
        assert!(parts.step(), "done stays done");
        let stepped = parts.finish();
        assert_eq!(layout(&stepped), layout(&whole));
        assert_eq!((stepped.places.len(), stepped.postcodes.len()), (whole.places.len(), whole.postcodes.len()));
        assert!(stepped.n_docs > 0 && !stepped.postcodes.is_empty());
    }
}
