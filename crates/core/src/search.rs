//! Search as you type over the initiatives, in the browser: normalisation, a light Dutch
//! stemmer, an in-memory inverted index with exact, stem, prefix and one-typo matching, place
//! scoping ("fietspunt 8900"), filters and disjunctive facet counts. Pure Rust, no DOM types.
//!
//! # Why hand-written, not a search crate
//! tantivy is built for servers (threads, mmap, on-disk segments) and would add megabytes to
//! the wasm; milli (Meilisearch's engine) sits on LMDB, a C library that does not build for
//! wasm32-unknown-unknown. Our corpus is one dataset loaded in memory and searched one
//! keystroke at a time, so a sorted term dictionary with postings lists, built once per dataset
//! version, is enough: no dependencies and a small share of the wasm.
//!
//! # Usage
//! ```ignore
//! let index = SearchIndex::build(&data); // once per dataset version, not per keystroke
//! let place = index.place_in_query(&data, "fietspunt 8900");
//! let text = place.as_ref().map_or("fietspunt 8900", |p| p.rest.as_str());
//! let mut hits = index.search(text);
//! if let Some(p) = &place {
//!     hits = index.apply_filters(&data, &hits, &Filters { serves: Some(p.nis.clone()), ..Default::default() });
//! }
//! let facets = index.facet_counts(&data, &hits, &filters); // counts for the filter panel
//! let shown = index.apply_filters(&data, &hits, &filters); // the list
//! ```
//! The free functions [`apply_filters`] and [`facet_counts`] give the same results without an
//! index, but read every hit's strings; the index methods read small precomputed arrays,
//! which matters when a short query has 10,000 hits.
//!
//! # Matching
//! Text is [`normalize`]d (lower case, accents folded, punctuation splits words) and split into
//! tokens; a hyphenated or dotted word also yields its joined form ("wijk-werken" gives "wijk",
//! "werken" and "wijkwerken"). Each query word is matched against the term dictionary as:
//!
//! | match  | when                                         | factor     |
//! |--------|----------------------------------------------|------------|
//! | exact  | always                                       | 1.0        |
//! | stem   | same [`stem`] ("fietsen" ~ "fiets")          | 0.85       |
//! | prefix | last query word (or its stem), 2+ characters | 0.55..0.8  |
//! | typo   | query word of 5+ characters, 1 edit          | 0.45       |
//!
//! multiplied by the weight of the field the term is in (name 10, category labels 6, place and
//! postcode 3, description 2, served municipalities and province 1.5, street 1). A document's
//! score is the sum over the query words, plus a tier bonus: the whole normalised query equals
//! the name, else the name starts with it, else every query word matched in the name (then
//! shorter names first).
//!
//! Every query word must match (AND). Stop words ("de", "het", "van", "la", "the", ...) and
//! one-letter words only add to the score, so "restaurant in" still finds restaurants. If AND
//! finds nothing and there are several words, the result falls back to documents matching any
//! word (OR), with halved scores and no tier bonus; [`SearchIndex::search_detailed`] says when.
//!
//! # Speed
//! Terms are sorted in one string arena, so exact and prefix lookups are binary searches.
//! Typos use a symmetric-delete neighbourhood: every term of 5+ characters is stored under the
//! hashes of its one-character deletions, so a query word needs about `2 × len` binary searches
//! instead of a scan of the dictionary; candidates are then verified with an exact
//! Damerau-Levenshtein (optimal string alignment) check. Postings are sorted doc numbers with a
//! one-byte field mask. Scores are accumulated per word in a dense array, and words are
//! intersected smallest list first. Texts shared by many initiatives (category labels,
//! municipality names) are tokenised once per build. The ignored test `benchmark_10k` measures
//! all this: `cargo test --release --lib search -- --ignored --nocapture`.

use crate::dataset::Dataset;
use crate::model::{province_name, Lang};
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

// ---------------------------------------------------------------------------------------------
// Normalisation and tokens

/// Folds text for matching: lower case, accents and ligatures folded to ASCII where Latin
/// ("é" → "e", "œ" → "oe", "ß" → "ss"), and every run of other characters is a word break.
/// An apostrophe before a final "s" is dropped instead ("auto's" → "autos"), so the Dutch plural
/// stays one word. Words are joined by single spaces.
///
/// ```
/// use wegwijzer_core::search::normalize;
/// assert_eq!(normalize("Kinderopvang De Crèche"), "kinderopvang de creche");
/// assert_eq!(normalize("  Wijk-werken / ŒUVRE  "), "wijk werken oeuvre");
/// ```
pub fn normalize(s: &str) -> String {
    let mut buf = String::new();
    fold_into(s, &mut buf);
    let mut out = String::with_capacity(buf.len());
    for part in buf.split([' ', '-']).filter(|p| !p.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(part);
    }
    out
}

/// The tokens that text is indexed under: the words of [`normalize`], plus the joined form of
/// every word that punctuation split ("Wijk-werken" → "wijk", "werken", "wijkwerken"), so both
/// "wijkwerken" and "wijk werken" find it.
///
/// ```
/// use wegwijzer_core::search::tokens;
/// assert_eq!(tokens("Wijk-werken Ieper"), ["wijk", "werken", "wijkwerken", "ieper"]);
/// ```
pub fn tokens(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    for_each_token(s, &mut String::new(), &mut String::new(), |t| out.push(t.to_string()));
    out
}

/// Writes the folded form of `s` into `out`: lower-case letters and digits, `' '` where there
/// was whitespace and `'-'` where other characters split a word. Splitting on these two markers
/// gives chunks (whitespace-separated) of parts (punctuation-separated).
fn fold_into(s: &str, out: &mut String) {
    out.clear();
    out.reserve(s.len());
    let bytes = s.as_bytes();
    // Runs of lower-case ASCII letters and digits, most of any text, are copied in one go.
    let mut run = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii_lowercase() || b.is_ascii_digit() {
            i += 1;
            continue;
        }
        out.push_str(&s[run..i]);
        if b.is_ascii_uppercase() {
            out.push(b.to_ascii_lowercase() as char);
            i += 1;
        } else if b.is_ascii_whitespace() {
            out.push(' ');
            i += 1;
        } else if b.is_ascii() && b != b'\'' && b != b'`' {
            out.push('-');
            i += 1;
        } else if let Some(c) = s[i..].chars().next() {
            i += c.len_utf8();
            if matches!(c, '\'' | '’' | '‘' | 'ʼ' | '`') && possessive_s(out, &s[i..]) {
                // "auto's": one word
            } else if c.is_whitespace() {
                out.push(' ');
            } else if is_combining(c) {
                // Decomposed text (NFD) carries accents as separate marks: drop them.
            } else if c.is_alphanumeric() {
                for lower in c.to_lowercase() {
                    push_folded(lower, out);
                }
            } else {
                out.push('-');
            }
        }
        run = i;
    }
    out.push_str(&s[run..]);
}

/// True when an apostrophe sits between a word and a final "s" ("auto's", "baby's").
fn possessive_s(before: &str, after: &str) -> bool {
    let mut rest = after.chars();
    before.chars().next_back().is_some_and(|c| c != ' ' && c != '-')
        && matches!(rest.next(), Some('s' | 'S'))
        && !rest.next().is_some_and(char::is_alphanumeric)
}

fn is_combining(c: char) -> bool {
    matches!(c, '\u{300}'..='\u{36F}' | '\u{1AB0}'..='\u{1AFF}' | '\u{1DC0}'..='\u{1DFF}' | '\u{20D0}'..='\u{20FF}' | '\u{FE20}'..='\u{FE2F}')
}

/// Pushes a lower-case letter with its accent folded away. Covers Latin-1 and Latin Extended-A,
/// which is every letter in Dutch, French, German and English names; other scripts pass as is.
fn push_folded(c: char, out: &mut String) {
    let folded = match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => 'a',
        'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => 'c',
        'ď' | 'đ' | 'ð' => 'd',
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => 'e',
        'ĝ' | 'ğ' | 'ġ' | 'ģ' => 'g',
        'ĥ' | 'ħ' => 'h',
        'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' => 'i',
        'ĵ' => 'j',
        'ķ' => 'k',
        'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' => 'l',
        'ñ' | 'ń' | 'ņ' | 'ň' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ŏ' | 'ő' => 'o',
        'ŕ' | 'ŗ' | 'ř' => 'r',
        'ś' | 'ŝ' | 'ş' | 'š' | 'ș' => 's',
        'ţ' | 'ť' | 'ŧ' | 'ț' => 't',
        'ù' | 'ú' | 'û' | 'ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => 'u',
        'ŵ' => 'w',
        'ý' | 'ÿ' | 'ŷ' => 'y',
        'ź' | 'ż' | 'ž' => 'z',
        'œ' => return out.push_str("oe"),
        'æ' => return out.push_str("ae"),
        'ß' => return out.push_str("ss"),
        'ĳ' => return out.push_str("ij"),
        'þ' => return out.push_str("th"),
        c if is_combining(c) => return,
        c => c,
    };
    out.push(folded);
}

/// Calls `f` with every token of `s` (see [`tokens`]). `buf` and `joined` are scratch space, so
/// indexing 100,000 records does not allocate per word.
fn for_each_token(s: &str, buf: &mut String, joined: &mut String, mut f: impl FnMut(&str)) {
    fold_into(s, buf);
    let bytes = buf.as_bytes();
    joined.clear();
    let (mut start, mut parts) = (0, 0);
    for i in 0..=bytes.len() {
        let end_of_chunk = i == bytes.len() || bytes[i] == b' ';
        if !end_of_chunk && bytes[i] != b'-' {
            continue;
        }
        if i > start {
            let part = &buf[start..i];
            f(part);
            joined.push_str(part);
            parts += 1;
        }
        if end_of_chunk {
            if parts > 1 {
                f(joined);
            }
            joined.clear();
            parts = 0;
        }
        start = i + 1;
    }
}

// ---------------------------------------------------------------------------------------------
// Stemmer

fn is_vowel(b: u8) -> bool {
    matches!(b, b'a' | b'e' | b'i' | b'o' | b'u' | b'y')
}

/// A light, conservative Dutch stemmer for normalised words. Query words and indexed words go
/// through the same function, so it only has to map word forms onto the same key, not produce
/// a dictionary form. Words shorter than 4 letters, and words with digits or non-ASCII letters,
/// are returned as they are. One of these suffixes is removed, the first that applies:
///
/// - diminutives: `-je(s)`, `-tje(s)`, `-pje(s)` after m, `-etje(s)` after a doubled consonant
///   ("fietsje" → "fiets", "boompje" → "boom", "mannetje" → "man");
/// - `-heden` → `-heid` ("mogelijkheden");
/// - `-eren` when 4+ letters remain ("kinderen" → "kind");
/// - `-en` after a consonant or `e` ("fietsen" → "fiets", "fietspunten" → "fietspunt",
///   "ideeën" → "idee"), not after another vowel ("schoen" stays);
/// - plural `-s` (Dutch, French and English) only where it cannot be part of the word:
///   after -er/-el/-em ("energiesnoeiers"), -en in 6+ letters ("keukens", then `-en` too, like
///   "keuken"), -nt ("restaurants"), -rk/-nk, -p, -ng, a/o/y after a consonant ("velos",
///   "auto's"), and -es except -res/-ces/-ses ("crèches", but not "adres", "proces");
///   never after s, i, u or in 4-letter words ("fiets", "huis", "klus", "campus", "basis");
///
/// then a final `-e` after a consonant when 5+ letters remain ("sociale", "crèche", also after
/// `-s`: "crèches"). After a suffix went, a doubled final consonant is undoubled ("klussen" → "klus") and a final
/// z/v becomes s/f after `-en`/`-e` ("huizen" → "huis"). Finally a doubled vowel before the
/// final consonant is undoubled ("straat" → "strat" = "straten" → "strat", "sociaal" →
/// "social" = "sociale" → "social"). Misses are covered by prefix and typo matching.
///
/// ```
/// use wegwijzer_core::search::stem;
/// assert_eq!(stem("fietsen"), stem("fiets"));
/// assert_eq!(stem("klussen"), "klus");
/// assert_eq!(stem("energiesnoeiers"), stem("energiesnoeier"));
/// assert_eq!(stem("restaurants"), "restaurant");
/// ```
pub fn stem(word: &str) -> String {
    if word.len() < 4 || !word.bytes().all(|b| b.is_ascii_lowercase()) {
        return word.to_string();
    }
    let mut w = word.as_bytes().to_vec();
    let mut stripped = false; // a suffix went: undouble a final consonant
    let mut voiced = false; // -en or -e went: huiz(en) → huis, duiv(en) → duif
    if let Some(n) = diminutive(&w) {
        w.truncate(n);
        stripped = true;
    } else if w.ends_with(b"heden") {
        w.truncate(w.len() - 5);
        w.extend_from_slice(b"heid");
    } else if w.ends_with(b"eren") && w.len() >= 8 {
        w.truncate(w.len() - 4);
        stripped = true;
    } else if plural_en(&w) {
        w.truncate(w.len() - 2);
        stripped = true;
        voiced = true;
    } else if plural_s(&w) {
        w.pop();
        // "keukens" → "keuken" → "keuk", the same as "keuken".
        if plural_en(&w) {
            w.truncate(w.len() - 2);
            stripped = true;
            voiced = true;
        }
    }
    let n = w.len();
    if n >= 5 && w[n - 1] == b'e' && !is_vowel(w[n - 2]) {
        w.pop();
        stripped = true;
        voiced = true;
    }
    let n = w.len();
    if stripped && n >= 4 && w[n - 1] == w[n - 2] && !is_vowel(w[n - 1]) {
        w.pop();
    }
    if voiced {
        match w.last_mut() {
            Some(b @ b'z') => *b = b's',
            Some(b @ b'v') => *b = b'f',
            _ => {}
        }
    }
    let n = w.len();
    if n >= 4
        && !is_vowel(w[n - 1])
        && w[n - 2] == w[n - 3]
        && matches!(w[n - 2], b'a' | b'e' | b'o' | b'u')
        && w[n - 4] != w[n - 2]
    {
        w.remove(n - 2);
    }
    String::from_utf8(w).unwrap_or_else(|_| word.to_string())
}

/// The length without a diminutive suffix, if there is one.
fn diminutive(w: &[u8]) -> Option<usize> {
    let n = w.len();
    for suffix in [&b"etjes"[..], b"etje"] {
        if w.ends_with(suffix) && n - suffix.len() >= 3 {
            let r = n - suffix.len();
            if w[r - 1] == w[r - 2] && !is_vowel(w[r - 1]) {
                return Some(r); // mann|etje; the doubled n goes afterwards
            }
        }
    }
    for suffix in [&b"tjes"[..], b"tje"] {
        if w.ends_with(suffix) && n - suffix.len() >= 3 {
            return Some(n - suffix.len());
        }
    }
    for suffix in [&b"pjes"[..], b"pje"] {
        if w.ends_with(suffix) && n - suffix.len() >= 3 && w[n - suffix.len() - 1] == b'm' {
            return Some(n - suffix.len());
        }
    }
    for suffix in [&b"jes"[..], b"je"] {
        if w.ends_with(suffix) && n - suffix.len() >= 3 && !is_vowel(w[n - suffix.len() - 1]) {
            return Some(n - suffix.len());
        }
    }
    None
}

fn plural_en(w: &[u8]) -> bool {
    let n = w.len();
    n >= 5 && w.ends_with(b"en") && (!is_vowel(w[n - 3]) || w[n - 3] == b'e')
}

fn plural_s(w: &[u8]) -> bool {
    let n = w.len();
    if n < 5 || w[n - 1] != b's' {
        return false;
    }
    let (p, pp) = (w[n - 2], w[n - 3]);
    match p {
        b'r' | b'l' | b'm' => pp == b'e',
        b'n' => pp == b'e' && n >= 6,
        b'e' => !is_vowel(pp) && !matches!(pp, b'r' | b'c' | b's'),
        b'a' | b'o' | b'y' => !is_vowel(pp),
        b't' | b'g' => pp == b'n',
        b'k' => pp == b'r' || pp == b'n',
        b'p' => true,
        _ => false,
    }
}

// ---------------------------------------------------------------------------------------------
// Small helpers: a fast hasher for the build maps, FNV for the typo neighbourhood, edit distance

/// FxHash (as in rustc): much faster than SipHash for the many short keys of an index build.
/// No protection against crafted collisions is needed: the keys come from our own dataset.
#[derive(Default, Clone, Copy)]
struct FxHasher(u64);

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

type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

/// FNV-1a over the concatenation of `a` and `b` (a word with one character cut out).
fn fnv(a: &[u8], b: &[u8]) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for &x in a.iter().chain(b) {
        h ^= x as u32;
        h = h.wrapping_mul(0x0100_0193);
    }
    h
}

/// True when `a` and `b` differ by at most one insertion, deletion, substitution or swap of two
/// neighbouring characters (optimal string alignment distance <= 1).
fn within_one_edit(a: &str, b: &str) -> bool {
    if a.is_ascii() && b.is_ascii() {
        within_one_edit_slices(a.as_bytes(), b.as_bytes())
    } else {
        let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
        within_one_edit_slices(&a, &b)
    }
}

fn within_one_edit_slices<T: PartialEq>(a: &[T], b: &[T]) -> bool {
    let (la, lb) = (a.len(), b.len());
    if la.abs_diff(lb) > 1 {
        return false;
    }
    let i = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    if i == la && i == lb {
        return true;
    }
    if la == lb {
        a[i + 1..] == b[i + 1..]
            || (i + 1 < la && a[i] == b[i + 1] && a[i + 1] == b[i] && a[i + 2..] == b[i + 2..])
    } else if la < lb {
        a[i..] == b[i + 1..]
    } else {
        a[i + 1..] == b[i..]
    }
}

// ---------------------------------------------------------------------------------------------
// The index

const F_NAME: u8 = 1;
const F_CATEGORY: u8 = 2;
const F_PLACE: u8 = 4;
const F_POSTCODE: u8 = 8;
const F_DESCRIPTION: u8 = 16;
/// Municipalities served (besides the base) and the province.
const F_AREA: u8 = 32;
const F_STREET: u8 = 64;

/// Field weights: the name says most about an initiative, the street least.
const FIELD_WEIGHTS: [(u8, f32); 7] = [
    (F_NAME, 10.0),
    (F_CATEGORY, 6.0),
    (F_PLACE, 3.0),
    (F_POSTCODE, 3.0),
    (F_DESCRIPTION, 2.0),
    (F_AREA, 1.5),
    (F_STREET, 1.0),
];

/// Weight of a field mask: the best field plus a tenth of the others, so a word found in the
/// name and the category beats one found in the name only.
const WEIGHTS: [f32; 128] = {
    let mut table = [0.0f32; 128];
    let mut mask = 0;
    while mask < 128 {
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

/// Municipality names shorter than this are not recognised in a query ("As" in Limburg would
/// capture the English/French word); choose them with the municipality filter instead.
const MIN_PLACE_NAME: usize = 3;

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
}

/// The search index of one dataset version. Build it once when the dataset loads (about
/// 0.1 s natively for 10,000 initiatives); it is immutable afterwards and can be shared
/// (`Arc`). Documents are positions in `data.initiatives`.
#[derive(Clone)]
pub struct SearchIndex {
    n_docs: u32,
    /// The term dictionary, sorted: term `t` is `terms[term_start[t]..term_start[t + 1]]`.
    terms: String,
    term_start: Vec<u32>,
    /// Postings of term `t`: `post_docs[post_start[t]..post_start[t + 1]]`, ascending, with the
    /// field mask of each in `post_fields`.
    post_start: Vec<u32>,
    post_docs: Vec<u32>,
    post_fields: Vec<u8>,
    /// Stems that differ from their term, sorted, each with the terms that have it.
    stems: String,
    stem_start: Vec<u32>,
    stem_term_start: Vec<u32>,
    stem_terms: Vec<u32>,
    /// (FNV hash of a term with one character deleted, term), sorted; terms of 5+ characters.
    deletes: Vec<(u32, u32)>,
    /// Normalised initiative names, for the exact-name and name-prefix tiers: name `d` is
    /// `names[name_start[d]..name_start[d + 1]]` (one arena: every hit reads its name).
    names: String,
    name_start: Vec<u32>,
    /// Words per name (at most 255), for the shorter-name tie-break.
    name_words: Vec<u8>,
    /// Facet values per initiative as numbers, for filtering and counting.
    facets: DocFacets,
    /// Compact normalised municipality name ("sintniklaas", nl and fr) → NIS code.
    places: FxMap<String, String>,
    /// Postcode → NIS code.
    postcodes: FxMap<String, String>,
    /// Most words in a municipality name ("Sint-Martens-Latem": 3).
    place_max_words: usize,
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
fn lower_bound(text: &str, starts: &[u32], key: &str) -> usize {
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
}

impl Unit {
    /// Stop words and single letters: they add to the score but need not match.
    fn optional(&self) -> bool {
        match self {
            Unit::Word(w) => w.chars().nth(1).is_none() || STOP_WORDS.binary_search(&w.as_str()).is_ok(),
            Unit::Compound { .. } => false,
        }
    }

    fn char_len(&self) -> usize {
        match self {
            Unit::Word(w) => w.chars().count(),
            Unit::Compound { joined, .. } => joined.chars().count(),
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
    /// Indexes every initiative of `data` by its position in `data.initiatives`: name, kind and
    /// service labels (nl, fr, en, and their ids), description (all languages), the names of
    /// its municipality and of the municipalities it serves, its province, address locality,
    /// street and postcode, and the postcodes of its municipality.
    ///
    /// ```ignore
    /// let index = Arc::new(SearchIndex::build(&dataset));
    /// ```
    pub fn build(data: &Dataset) -> SearchIndex {
        let mut b = Builder::default();
        let mut names = String::new();
        let mut name_start = Vec::with_capacity(data.initiatives.len() + 1);
        name_start.push(0);
        let mut name_words = Vec::with_capacity(data.initiatives.len());
        let category: FxMap<&str, usize> = data.categories.iter().enumerate().map(|(i, c)| (c.id.as_str(), i)).collect();
        let municipality: FxMap<&str, usize> =
            data.municipalities.iter().enumerate().map(|(i, m)| (m.nis.as_str(), i)).collect();
        let mut category_terms = vec![None; data.categories.len()];
        let mut place_terms = vec![None; data.municipalities.len()];
        let mut postcode_terms = vec![None; data.municipalities.len()];
        let mut province_terms = vec![None; data.municipalities.len()];
        let category_texts = |c: usize| {
            let c = &data.categories[c];
            [Some(&c.id), Some(&c.label.nl), c.label.fr.as_ref(), c.label.en.as_ref()].into_iter().flatten().cloned().collect()
        };
        let place_texts = |m: usize| {
            let m = &data.municipalities[m];
            std::iter::once(&m.name.nl).chain(&m.name.fr).cloned().collect()
        };
        for (doc, it) in data.initiatives.iter().enumerate() {
            let doc = doc as u32;
            b.text(doc, &it.name, F_NAME);
            let name = normalize(&it.name);
            name_words.push(name.split(' ').count().min(255) as u8);
            names.push_str(&name);
            name_start.push(names.len() as u32);
            for id in std::iter::once(&it.kind).chain(&it.services) {
                if let Some(&c) = category.get(id.as_str()) {
                    b.shared(doc, &mut category_terms, c, F_CATEGORY, || category_texts(c));
                }
            }
            if let Some(d) = &it.description {
                b.text(doc, &d.nl, F_DESCRIPTION);
                for t in [&d.fr, &d.en].into_iter().flatten() {
                    b.text(doc, t, F_DESCRIPTION);
                }
            }
            if let Some(&m) = municipality.get(it.nis.as_str()) {
                let muni = &data.municipalities[m];
                b.shared(doc, &mut place_terms, m, F_PLACE, || place_texts(m));
                b.shared(doc, &mut postcode_terms, m, F_POSTCODE, || muni.postcodes.clone());
                b.shared(doc, &mut province_terms, m, F_AREA, || {
                    Lang::ALL.iter().filter_map(|&l| province_name(&muni.province, l)).map(String::from).collect()
                });
            }
            b.text(doc, &it.address.locality, F_PLACE);
            b.text(doc, &it.address.postcode, F_POSTCODE);
            b.text(doc, &it.address.street, F_STREET);
            for nis in &it.serves {
                if let Some(&m) = municipality.get(nis.as_str()) {
                    b.shared(doc, &mut place_terms, m, F_AREA, || place_texts(m));
                }
            }
        }

        // Sort the dictionary and lay it out flat: few allocations, cache-friendly lookups.
        let mut order: Vec<u32> = (0..b.texts.len() as u32).collect();
        order.sort_unstable_by(|&x, &y| b.texts[x as usize].cmp(&b.texts[y as usize]));
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
        drop(b);

        // Stems that differ from their term ("fietsen" → "fiets").
        let n_terms = order.len();
        let mut stem_pairs: Vec<(String, u32)> = (0..n_terms)
            .filter_map(|t| {
                let term = arena_get(&terms, &term_start, t);
                let s = stem(term);
                (s != term).then_some((s, t as u32))
            })
            .collect();
        stem_pairs.sort_unstable();
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

        // The one-deletion neighbourhood of every term of 5+ characters (typo matching).
        let mut deletes = Vec::new();
        for t in 0..n_terms {
            let term = arena_get(&terms, &term_start, t);
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

        let mut places = FxMap::default();
        let mut postcodes = FxMap::default();
        let mut place_max_words = 1;
        for m in &data.municipalities {
            for name in std::iter::once(&m.name.nl).chain(&m.name.fr) {
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

        SearchIndex {
            n_docs: data.initiatives.len() as u32,
            terms,
            term_start,
            post_start,
            post_docs,
            post_fields,
            stems,
            stem_start,
            stem_term_start,
            stem_terms,
            deletes,
            names,
            name_start,
            name_words,
            facets: DocFacets::build(data),
            places,
            postcodes,
            place_max_words,
        }
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

    fn name(&self, doc: u32) -> &str {
        arena_get(&self.names, &self.name_start, doc as usize)
    }

    fn term(&self, t: u32) -> &str {
        arena_get(&self.terms, &self.term_start, t as usize)
    }

    fn find_term(&self, w: &str) -> Option<u32> {
        let i = lower_bound(&self.terms, &self.term_start, w);
        (i < self.term_count() && self.term(i as u32) == w).then_some(i as u32)
    }

    /// Terms whose stem is `s` (only terms whose stem differs from the term itself).
    fn stem_terms(&self, s: &str) -> &[u32] {
        let i = lower_bound(&self.stems, &self.stem_start, s);
        if i + 1 < self.stem_start.len() && arena_get(&self.stems, &self.stem_start, i) == s {
            &self.stem_terms[self.stem_term_start[i] as usize..self.stem_term_start[i + 1] as usize]
        } else {
            &[]
        }
    }

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

    /// Every document matching word `w`, best match per document.
    fn word_matches(&self, w: &str, last: bool, exact_only: bool, acc: &mut Acc) -> Vec<M> {
        let mut cands: Vec<(u32, f32)> = Vec::new();
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
        cands.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(b.1.total_cmp(&a.1)));
        cands.dedup_by_key(|c| c.0);
        for (t, factor) in cands {
            let (from, to) = (self.post_start[t as usize] as usize, self.post_start[t as usize + 1] as usize);
            for (&doc, &fields) in self.post_docs[from..to].iter().zip(&self.post_fields[from..to]) {
                acc.add(doc, factor * WEIGHTS[fields as usize & 127], fields & F_NAME != 0);
            }
        }
        acc.take()
    }

    fn unit_matches(&self, unit: &Unit, last: bool, exact_only: bool, acc: &mut Acc) -> Vec<M> {
        match unit {
            Unit::Word(w) => self.word_matches(w, last, exact_only, acc),
            Unit::Compound { joined, parts } => {
                let whole = self.word_matches(joined, last, exact_only, acc);
                let mut all: Option<Vec<M>> = None;
                for (i, p) in parts.iter().enumerate() {
                    let m = self.word_matches(p, last && i + 1 == parts.len(), exact_only, acc);
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
        let (units, normalized) = parse_query(query);
        let all_docs = |score: &dyn Fn(u32) -> f32| {
            let mut hits: Vec<Hit> = (0..self.n_docs).map(|doc| Hit { doc, score: score(doc) }).collect();
            sort_hits(&mut hits);
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
        lists.sort_unstable_by_key(Vec::len);
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
    /// longest name wins, then the leftmost. `rest` is the rest of the query, normalised, with
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
                    let mut rest = String::new();
                    let mut prev_chunk = None;
                    for (i, (chunk, p)) in parts.iter().enumerate() {
                        if (start..start + k).contains(&i) {
                            continue;
                        }
                        if let Some(c) = prev_chunk {
                            rest.push(if c == *chunk { '-' } else { ' ' });
                        }
                        rest.push_str(p);
                        prev_chunk = Some(*chunk);
                    }
                    return Some(PlaceMatch { nis: nis.clone(), rest });
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

// ---------------------------------------------------------------------------------------------
// Filters and facets

/// The filter panel's selection. Within a facet any value may match (OR); across facets all
/// must (AND). Values are ids: category ids, province NIS codes, partnership ids, NIS codes.
/// An id that is not in the dataset selects nothing, so a stale link shows no results rather
/// than everything.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Filters {
    pub services: Vec<String>,
    pub kinds: Vec<String>,
    /// Province NIS codes ("30000") of the municipality the initiative is based in.
    pub provinces: Vec<String>,
    /// Partnership ids: the initiative's municipality is a member.
    pub partnerships: Vec<String>,
    /// NIS codes of the municipality the initiative is based in.
    pub municipalities: Vec<String>,
    /// NIS code: initiatives based in OR serving that municipality.
    pub serves: Option<String>,
}

impl Filters {
    pub fn is_empty(&self) -> bool {
        *self == Filters::default()
    }
}

/// Per facet, `(value id, count)` sorted by count (highest first), then id. A count is the
/// number of hits that match the query and every OTHER facet's selection (disjunctive
/// faceting), so ticking a second service shows how many it would add. Values with count 0 are
/// left out.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FacetCounts {
    pub services: Vec<(String, usize)>,
    pub kinds: Vec<(String, usize)>,
    pub provinces: Vec<(String, usize)>,
    pub partnerships: Vec<(String, usize)>,
    pub municipalities: Vec<(String, usize)>,
}

const SERVICES: usize = 0;
const KINDS: usize = 1;
const PROVINCES: usize = 2;
const PARTNERSHIPS: usize = 3;
const MUNICIPALITIES: usize = 4;

/// An initiative's facet values as numbers: positions in `data.categories` and
/// `data.municipalities`. Read from the dataset's strings (the free functions), or from arrays
/// the index precomputed (the [`SearchIndex`] methods): with 10,000 hits per keystroke, chasing
/// each initiative's strings through the heap costs milliseconds, the arrays microseconds.
trait FacetValues {
    fn kind(&self, doc: u32) -> Option<usize>;
    /// The municipality it is based in.
    fn municipality(&self, doc: u32) -> Option<usize>;
    /// Its services, without duplicates, into `out`.
    fn services(&self, doc: u32, out: &mut Vec<usize>);
    /// Whether it is based in or serves municipality `m`.
    fn serves(&self, doc: u32, m: usize) -> bool;
}

/// Facet values looked up from the initiatives' strings.
struct FromStrings<'a> {
    data: &'a Dataset,
    category: FxMap<&'a str, usize>,
    municipality: FxMap<&'a str, usize>,
}

impl<'a> FromStrings<'a> {
    fn new(data: &'a Dataset) -> Self {
        FromStrings {
            data,
            category: data.categories.iter().enumerate().map(|(i, c)| (c.id.as_str(), i)).collect(),
            municipality: data.municipalities.iter().enumerate().map(|(i, m)| (m.nis.as_str(), i)).collect(),
        }
    }
}

impl FacetValues for FromStrings<'_> {
    fn kind(&self, doc: u32) -> Option<usize> {
        self.category.get(self.data.initiatives[doc as usize].kind.as_str()).copied()
    }

    fn municipality(&self, doc: u32) -> Option<usize> {
        self.municipality.get(self.data.initiatives[doc as usize].nis.as_str()).copied()
    }

    fn services(&self, doc: u32, out: &mut Vec<usize>) {
        out.clear();
        for s in &self.data.initiatives[doc as usize].services {
            if let Some(&c) = self.category.get(s.as_str()) {
                if !out.contains(&c) {
                    out.push(c);
                }
            }
        }
    }

    fn serves(&self, doc: u32, m: usize) -> bool {
        let it = &self.data.initiatives[doc as usize];
        let nis = &self.data.municipalities[m].nis;
        it.nis == *nis || it.serves.iter().any(|s| s == nis)
    }
}

const NONE16: u16 = u16::MAX;

/// Facet values of every initiative, precomputed by [`SearchIndex::build`].
#[derive(Clone, Default)]
struct DocFacets {
    n_categories: usize,
    n_municipalities: usize,
    kind: Vec<u16>,
    municipality: Vec<u16>,
    service_start: Vec<u32>,
    services: Vec<u16>,
    serve_start: Vec<u32>,
    serves: Vec<u16>,
}

impl DocFacets {
    fn build(data: &Dataset) -> Self {
        if data.categories.len() >= NONE16 as usize || data.municipalities.len() >= NONE16 as usize {
            return DocFacets::default(); // does not fit u16: the string path is used instead
        }
        let values = FromStrings::new(data);
        let n = data.initiatives.len();
        let mut f = DocFacets {
            n_categories: data.categories.len(),
            n_municipalities: data.municipalities.len(),
            kind: Vec::with_capacity(n),
            municipality: Vec::with_capacity(n),
            service_start: Vec::with_capacity(n + 1),
            serve_start: Vec::with_capacity(n + 1),
            ..Default::default()
        };
        f.service_start.push(0);
        f.serve_start.push(0);
        let mut buf = Vec::new();
        let to16 = |v: Option<usize>| v.map_or(NONE16, |v| v as u16);
        for (doc, it) in data.initiatives.iter().enumerate() {
            let doc = doc as u32;
            f.kind.push(to16(values.kind(doc)));
            f.municipality.push(to16(values.municipality(doc)));
            values.services(doc, &mut buf);
            f.services.extend(buf.iter().map(|&c| c as u16));
            f.service_start.push(f.services.len() as u32);
            f.serves.extend(it.serves.iter().filter_map(|nis| values.municipality.get(nis.as_str())).map(|&m| m as u16));
            f.serve_start.push(f.serves.len() as u32);
        }
        f
    }

    /// Whether these numbers describe `data` (the index was built from it).
    fn fits(&self, data: &Dataset) -> bool {
        self.kind.len() == data.initiatives.len()
            && self.n_categories == data.categories.len()
            && self.n_municipalities == data.municipalities.len()
    }
}

impl FacetValues for DocFacets {
    fn kind(&self, doc: u32) -> Option<usize> {
        let k = self.kind[doc as usize];
        (k != NONE16).then_some(k as usize)
    }

    fn municipality(&self, doc: u32) -> Option<usize> {
        let m = self.municipality[doc as usize];
        (m != NONE16).then_some(m as usize)
    }

    fn services(&self, doc: u32, out: &mut Vec<usize>) {
        let d = doc as usize;
        out.clear();
        out.extend(
            self.services[self.service_start[d] as usize..self.service_start[d + 1] as usize].iter().map(|&c| c as usize),
        );
    }

    fn serves(&self, doc: u32, m: usize) -> bool {
        let d = doc as usize;
        self.municipality[d] as usize == m
            || self.serves[self.serve_start[d] as usize..self.serve_start[d + 1] as usize].contains(&(m as u16))
    }
}

/// The filters turned into numbers, plus the per-municipality facts facets need. Built per
/// call from a few hundred municipalities, so it costs microseconds.
struct Selection<'a> {
    provinces: Vec<&'a str>,
    /// Province number of each municipality.
    municipality_province: Vec<usize>,
    /// Partnership numbers of each municipality.
    municipality_partnerships: Vec<Vec<usize>>,
    /// Per facet: `None` when nothing is selected, else selected-ness per value number.
    selected: [Option<Vec<bool>>; 5],
    /// `filters.serves`: `Some(None)` for a NIS code that is not in the dataset.
    serves: Option<Option<usize>>,
}

impl<'a> Selection<'a> {
    fn new(data: &'a Dataset, filters: &Filters) -> Self {
        let municipality: FxMap<&str, usize> =
            data.municipalities.iter().enumerate().map(|(i, m)| (m.nis.as_str(), i)).collect();
        let mut provinces: Vec<&str> = data.municipalities.iter().map(|m| m.province.as_str()).collect();
        provinces.sort_unstable();
        provinces.dedup();
        let municipality_province =
            data.municipalities.iter().map(|m| provinces.binary_search(&m.province.as_str()).unwrap_or(0)).collect();
        let mut municipality_partnerships = vec![Vec::new(); data.municipalities.len()];
        for (p, partnership) in data.partnerships.iter().enumerate() {
            for nis in &partnership.members {
                if let Some(&m) = municipality.get(nis.as_str()) {
                    if !municipality_partnerships[m].contains(&p) {
                        municipality_partnerships[m].push(p);
                    }
                }
            }
        }
        let select = |values: &[String], n: usize, lookup: &dyn Fn(&str) -> Option<usize>| {
            (!values.is_empty()).then(|| {
                let mut sel = vec![false; n];
                for i in values.iter().filter_map(|v| lookup(v)) {
                    sel[i] = true;
                }
                sel
            })
        };
        let category = |v: &str| data.categories.iter().position(|c| c.id == v);
        let selected = [
            select(&filters.services, data.categories.len(), &category),
            select(&filters.kinds, data.categories.len(), &category),
            select(&filters.provinces, provinces.len(), &|v| provinces.binary_search(&v).ok()),
            select(&filters.partnerships, data.partnerships.len(), &|v| data.partnerships.iter().position(|p| p.id == v)),
            select(&filters.municipalities, data.municipalities.len(), &|v| municipality.get(v).copied()),
        ];
        let serves = filters.serves.as_deref().map(|nis| municipality.get(nis).copied());
        Selection { provinces, municipality_province, municipality_partnerships, selected, serves }
    }

    fn serves_ok(&self, values: &impl FacetValues, doc: u32) -> bool {
        match self.serves {
            None => true,
            Some(None) => false,
            Some(Some(m)) => values.serves(doc, m),
        }
    }

    /// Whether a hit passes each facet's selection (true where nothing is selected). Only
    /// selected facets read the hit's values.
    fn passes(&self, values: &impl FacetValues, doc: u32, buf: &mut Vec<usize>) -> [bool; 5] {
        let mut pass = [true; 5];
        if let Some(sel) = &self.selected[SERVICES] {
            values.services(doc, buf);
            pass[SERVICES] = buf.iter().any(|&c| sel[c]);
        }
        if let Some(sel) = &self.selected[KINDS] {
            pass[KINDS] = values.kind(doc).is_some_and(|k| sel[k]);
        }
        if self.selected[PROVINCES].is_some() || self.selected[PARTNERSHIPS].is_some() || self.selected[MUNICIPALITIES].is_some() {
            let m = values.municipality(doc);
            if let Some(sel) = &self.selected[PROVINCES] {
                pass[PROVINCES] = m.is_some_and(|m| sel[self.municipality_province[m]]);
            }
            if let Some(sel) = &self.selected[PARTNERSHIPS] {
                pass[PARTNERSHIPS] = m.is_some_and(|m| self.municipality_partnerships[m].iter().any(|&p| sel[p]));
            }
            if let Some(sel) = &self.selected[MUNICIPALITIES] {
                pass[MUNICIPALITIES] = m.is_some_and(|m| sel[m]);
            }
        }
        pass
    }
}

fn filter_with(data: &Dataset, values: &impl FacetValues, hits: &[Hit], filters: &Filters) -> Vec<Hit> {
    if filters.is_empty() {
        return hits.to_vec();
    }
    let sel = Selection::new(data, filters);
    let mut buf = Vec::new();
    hits.iter()
        .copied()
        .filter(|h| sel.serves_ok(values, h.doc) && sel.passes(values, h.doc, &mut buf).iter().all(|&p| p))
        .collect()
}

fn count_with(data: &Dataset, values: &impl FacetValues, hits: &[Hit], filters: &Filters) -> FacetCounts {
    let sel = Selection::new(data, filters);
    let n_categories = data.categories.len();
    let mut counts = [
        vec![0usize; n_categories],
        vec![0usize; n_categories],
        vec![0usize; sel.provinces.len()],
        vec![0usize; data.partnerships.len()],
        vec![0usize; data.municipalities.len()],
    ];
    let mut buf = Vec::new();
    for h in hits {
        if !sel.serves_ok(values, h.doc) {
            continue;
        }
        let pass = sel.passes(values, h.doc, &mut buf);
        let fails = pass.iter().filter(|&&p| !p).count();
        if fails > 1 {
            continue;
        }
        // A hit counts for a facet when it passes all the other facets.
        let counts_for = |facet: usize| fails == 0 || !pass[facet];
        if counts_for(SERVICES) {
            values.services(h.doc, &mut buf);
            for &c in &buf {
                counts[SERVICES][c] += 1;
            }
        }
        if counts_for(KINDS) {
            if let Some(k) = values.kind(h.doc) {
                counts[KINDS][k] += 1;
            }
        }
        if let Some(m) = values.municipality(h.doc) {
            if counts_for(PROVINCES) {
                counts[PROVINCES][sel.municipality_province[m]] += 1;
            }
            if counts_for(PARTNERSHIPS) {
                for &p in &sel.municipality_partnerships[m] {
                    counts[PARTNERSHIPS][p] += 1;
                }
            }
            if counts_for(MUNICIPALITIES) {
                counts[MUNICIPALITIES][m] += 1;
            }
        }
    }
    fn listed<'s>(counts: &[usize], id: impl Fn(usize) -> &'s str) -> Vec<(String, usize)> {
        let mut out: Vec<(String, usize)> =
            counts.iter().enumerate().filter(|(_, &n)| n > 0).map(|(i, &n)| (id(i).to_string(), n)).collect();
        out.sort_unstable_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        out
    }
    let category_id = |i: usize| data.categories[i].id.as_str();
    FacetCounts {
        services: listed(&counts[SERVICES], category_id),
        kinds: listed(&counts[KINDS], category_id),
        provinces: listed(&counts[PROVINCES], |i| sel.provinces[i]),
        partnerships: listed(&counts[PARTNERSHIPS], |i| data.partnerships[i].id.as_str()),
        municipalities: listed(&counts[MUNICIPALITIES], |i| data.municipalities[i].nis.as_str()),
    }
}

/// The hits that pass every facet of `filters`, in their order. Reads the initiatives'
/// strings; [`SearchIndex::apply_filters`] gives the same result faster.
///
/// ```ignore
/// let filters = Filters { services: vec!["fietspunt".into()], provinces: vec!["30000".into()], ..Default::default() };
/// let shown = apply_filters(&data, &hits, &filters);
/// ```
pub fn apply_filters(data: &Dataset, hits: &[Hit], filters: &Filters) -> Vec<Hit> {
    if filters.is_empty() {
        return hits.to_vec();
    }
    filter_with(data, &FromStrings::new(data), hits, filters)
}

/// Facet counts for the filter panel (see [`FacetCounts`]): `hits` are the query's hits before
/// filtering; `filters.serves` applies to every count. Reads the initiatives' strings;
/// [`SearchIndex::facet_counts`] gives the same result faster.
///
/// ```ignore
/// let facets = facet_counts(&data, &hits, &filters);
/// for (service_id, n) in &facets.services { /* "Fietspunt (12)" */ }
/// ```
pub fn facet_counts(data: &Dataset, hits: &[Hit], filters: &Filters) -> FacetCounts {
    count_with(data, &FromStrings::new(data), hits, filters)
}

impl SearchIndex {
    /// [`apply_filters`] using the facet numbers precomputed at build time: same result, no
    /// string lookups per hit. `data` must be the dataset the index was built from (checked by
    /// size; otherwise this falls back to [`apply_filters`]).
    ///
    /// ```ignore
    /// let shown = index.apply_filters(&data, &hits, &filters);
    /// ```
    pub fn apply_filters(&self, data: &Dataset, hits: &[Hit], filters: &Filters) -> Vec<Hit> {
        if self.facets.fits(data) {
            filter_with(data, &self.facets, hits, filters)
        } else {
            apply_filters(data, hits, filters)
        }
    }

    /// Keeps the hits that are based in or serve the municipality `nis` (a place typed in the
    /// query), those based there first, each group in relevance order: "kringwinkel gent"
    /// should lead with the shops in Gent, not with ones elsewhere that also serve Gent.
    ///
    /// ```ignore
    /// let hits = index.scope_to_place(&data, &index.search("kringwinkel"), "44021");
    /// ```
    pub fn scope_to_place(&self, data: &Dataset, hits: &[Hit], nis: &str) -> Vec<Hit> {
        let scoped = self.apply_filters(data, hits, &Filters { serves: Some(nis.to_string()), ..Default::default() });
        let (mut based, elsewhere): (Vec<Hit>, Vec<Hit>) =
            scoped.into_iter().partition(|h| data.initiatives[h.doc as usize].nis == nis);
        based.extend(elsewhere);
        based
    }

    /// [`facet_counts`] using the facet numbers precomputed at build time (see
    /// [`SearchIndex::apply_filters`]).
    pub fn facet_counts(&self, data: &Dataset, hits: &[Hit], filters: &Filters) -> FacetCounts {
        if self.facets.fits(data) {
            count_with(data, &self.facets, hits, filters)
        } else {
            facet_counts(data, hits, filters)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{
        Address, Category, CategoryKind, Contact, Initiative, Municipality, Partnership, Period, Point, Text,
    };

    fn text(nl: &str, fr: Option<&str>, en: Option<&str>) -> Text {
        Text { nl: nl.into(), fr: fr.map(Into::into), en: en.map(Into::into) }
    }

    fn cat(id: &str, kind: CategoryKind, nl: &str, fr: &str, en: &str) -> Category {
        Category { id: id.into(), kind, label: text(nl, Some(fr), Some(en)), group: None }
    }

    fn muni(nis: &str, nl: &str, fr: Option<&str>, province: &str, postcodes: &[&str], point: (f64, f64)) -> Municipality {
        Municipality {
            nis: nis.into(),
            name: text(nl, fr, None),
            province: province.into(),
            postcodes: postcodes.iter().map(|p| p.to_string()).collect(),
            population: None,
            point: Some(Point { lat: point.0, lon: point.1 }),
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn initiative(
        id: &str,
        name: &str,
        kind: &str,
        services: &[&str],
        description: Option<Text>,
        nis: &str,
        postcode: &str,
        locality: &str,
        serves: &[&str],
    ) -> Initiative {
        Initiative {
            id: id.into(),
            name: name.into(),
            kind: kind.into(),
            services: services.iter().map(|s| s.to_string()).collect(),
            description,
            address: Address { street: "Stationsstraat 12".into(), postcode: postcode.into(), locality: locality.into() },
            nis: nis.into(),
            point: None,
            phone: None,
            email: None,
            website: None,
            serves: serves.iter().map(|s| s.to_string()).collect(),
            updated_at: "2026-01-01".into(),
            ..Default::default()
        }
    }

    fn partnership(id: &str, name: &str, members: &[&str]) -> Partnership {
        Partnership {
            id: id.into(),
            name: name.into(),
            members: members.iter().map(|s| s.to_string()).collect(),
            period: Period { from: 2020, to: 2025 },
            contact: Contact { organisation: name.into(), ..Default::default() },
            source_url: None,
            demo: true,
        }
    }

    const IEPER: &str = "33011";
    const POPERINGE: &str = "33021";
    const KORTRIJK: &str = "34022";
    const SINT_NIKLAAS: &str = "46021";

    /// Docs: 0 Energiesnoeiers Westhoek, 1 Kinderopvang De Crèche, 2 Fietspunt Station,
    /// 3 Sociaal Restaurant De Kombuis, 4 Klusdienst Handig, 5 De Fietsenmakers, 6 Fietspunt,
    /// 7 Wijk-werken Ieper.
    fn fixture() -> Dataset {
        use CategoryKind::{InitiativeType as T, Service as S};
        let categories = vec![
            cat("lde", T, "Lokale diensteneconomie", "Économie locale de services", "Local service economy"),
            cat("maatwerkbedrijf", T, "Maatwerkbedrijf", "Entreprise de travail adapté", "Customised employment company"),
            cat("wijk-werken", T, "Wijk-werken", "Travail de quartier", "Neighbourhood work"),
            cat("energiesnoeiers", S, "Energiesnoeiers", "Économies d'énergie à domicile", "Home energy savers"),
            cat("buurtgerichte-kinderopvang", S, "Buurtgerichte kinderopvang", "Accueil d'enfants de quartier", "Neighbourhood childcare"),
            cat("fietspunt", S, "Fietspunt", "Point vélo", "Bicycle point"),
            cat("sociaal-restaurant", S, "Sociaal restaurant", "Restaurant social", "Social restaurant"),
            cat("klusdienst", S, "Klusdienst", "Service de petits travaux", "Odd-jobs service"),
        ];
        let municipalities = vec![
            muni(IEPER, "Ieper", Some("Ypres"), "30000", &["8900", "8902", "8904", "8906", "8908"], (50.85114, 2.88569)),
            muni(POPERINGE, "Poperinge", None, "30000", &["8970", "8972", "8978"], (50.85386, 2.72659)),
            muni(KORTRIJK, "Kortrijk", Some("Courtrai"), "30000", &["8500", "8501", "8510", "8511"], (50.82803, 3.26487)),
            muni(SINT_NIKLAAS, "Sint-Niklaas", None, "40000", &["9100", "9111", "9112"], (51.16509, 4.1437)),
        ];
        let partnerships = vec![
            partnership("regie-westhoek", "Regie Westhoek", &[IEPER, POPERINGE]),
            partnership("regie-zuid-west", "Regie Zuid-West", &[KORTRIJK]),
        ];
        let initiatives = vec![
            initiative(
                "i0",
                "Energiesnoeiers Westhoek",
                "lde",
                &["energiesnoeiers"],
                Some(text(
                    "Energiesnoeiers helpen huurders energie besparen met isolatie en advies.",
                    Some("Des conseillers aident les locataires à économiser l'énergie."),
                    None,
                )),
                IEPER,
                "8900",
                "Ieper",
                &[POPERINGE],
            ),
            initiative(
                "i1",
                "Kinderopvang De Crèche",
                "lde",
                &["buurtgerichte-kinderopvang"],
                Some(text("Flexibele opvang voor kinderen uit de buurt.", None, None)),
                POPERINGE,
                "8970",
                "Poperinge",
                &[],
            ),
            initiative(
                "i2",
                "Fietspunt Station",
                "lde",
                &["fietspunt"],
                Some(text("Herstel en verhuur van fietsen aan het station.", Some("Réparation et location de vélos."), None)),
                KORTRIJK,
                "8500",
                "Kortrijk",
                &[],
            ),
            initiative(
                "i3",
                "Sociaal Restaurant De Kombuis",
                "lde",
                &["sociaal-restaurant"],
                Some(text("Betaalbare maaltijden in een warm restaurant.", None, None)),
                SINT_NIKLAAS,
                "9100",
                "Sint-Niklaas",
                &[],
            ),
            initiative(
                "i4",
                "Klusdienst Handig",
                "wijk-werken",
                &["klusdienst"],
                Some(text("Kleine klussen in huis en tuin voor ouderen.", None, None)),
                IEPER,
                "8902",
                "Zillebeke",
                &[],
            ),
            initiative(
                "i5",
                "De Fietsenmakers",
                "maatwerkbedrijf",
                &["fietspunt", "klusdienst"],
                Some(text("Wij herstellen je fiets terwijl je wacht.", None, None)),
                SINT_NIKLAAS,
                "9100",
                "Sint-Niklaas",
                &[],
            ),
            initiative("i6", "Fietspunt", "lde", &["fietspunt"], None, POPERINGE, "8970", "Poperinge", &[IEPER]),
            initiative(
                "i7",
                "Wijk-werken Ieper",
                "wijk-werken",
                &["klusdienst"],
                Some(text("Kleine klussen voor buren en verenigingen.", None, None)),
                IEPER,
                "8900",
                "Ieper",
                &[],
            ),
        ];
        Dataset::new(None, categories, municipalities, partnerships, initiatives).expect("fixture is valid")
    }

    fn docs(hits: &[Hit]) -> Vec<u32> {
        hits.iter().map(|h| h.doc).collect()
    }

    #[test]
    fn normalisation_folds_case_accents_and_punctuation() {
        assert_eq!(normalize("Crèche ÉÉN Œuvre Straße"), "creche een oeuvre strasse");
        assert_eq!(normalize("à â ç ï î ô ö û ü ÿ æ À Â Ç Ï Î Ô Ö Û Ü Ÿ Æ"), "a a c i i o o u u y ae a a c i i o o u u y ae");
        assert_eq!(normalize("wijk-werken"), "wijk werken");
        assert_eq!(normalize("Sint-Niklaas, 9100!"), "sint niklaas 9100");
        assert_eq!(normalize("auto's en baby’s"), "autos en babys");
        assert_eq!(normalize("l'atelier"), "l atelier");
        // Decomposed accents (NFD) fold the same as composed ones.
        assert_eq!(normalize("cre\u{300}che"), "creche");
        assert_eq!(normalize("   "), "");
        assert_eq!(tokens("Wijk-werken"), ["wijk", "werken", "wijkwerken"]);
        assert_eq!(tokens("Sint-Niklaas"), ["sint", "niklaas", "sintniklaas"]);
    }

    #[test]
    fn the_doc_examples_hold() {
        // Mirrors the runnable examples in the doc comments, so `cargo test --lib` covers them.
        assert_eq!(normalize("Kinderopvang De Crèche"), "kinderopvang de creche");
        assert_eq!(normalize("  Wijk-werken / ŒUVRE  "), "wijk werken oeuvre");
        assert_eq!(tokens("Wijk-werken Ieper"), ["wijk", "werken", "wijkwerken", "ieper"]);
        assert_eq!(stem("fietsen"), stem("fiets"));
        assert_eq!(stem("klussen"), "klus");
        assert_eq!(stem("energiesnoeiers"), stem("energiesnoeier"));
        assert_eq!(stem("restaurants"), "restaurant");
        let ieper = crate::model::Point { lat: 50.85114, lon: 2.88569 };
        let kortrijk = crate::model::Point { lat: 50.82803, lon: 3.26487 };
        assert!((crate::geo::distance_km(ieper, kortrijk) - 26.7).abs() < 0.5);
    }

    #[test]
    fn stemmer_maps_dutch_word_forms_together() {
        for (a, b) in [
            ("fietsen", "fiets"),
            ("fietspunten", "fietspunt"),
            ("energiesnoeiers", "energiesnoeier"),
            ("restaurants", "restaurant"),
            ("kinderen", "kind"),
            ("klussen", "klus"),
            ("fietsje", "fiets"),
            ("fietsjes", "fiets"),
            ("stoeltje", "stoel"),
            ("mannetje", "man"),
            ("huizen", "huis"),
            ("keukens", "keuken"),
            ("straten", "straat"),
            ("sociale", "sociaal"),
            ("creches", "creche"),
            ("velos", "velo"),
            ("autos", "auto"),
            ("diensten", "dienst"),
            ("mogelijkheden", "mogelijkheid"),
            ("woningen", "woning"),
        ] {
            assert_eq!(stem(a), stem(b), "{a} ~ {b}");
        }
        // Conservative: these are not plurals.
        for w in ["fiets", "huis", "klus", "kombuis", "campus", "basis", "adres", "proces", "schoen", "thuis"] {
            assert!(w.starts_with(&stem(w)) && stem(w).len() + 1 >= w.len(), "{w} → {}", stem(w));
        }
        assert_eq!(stem("fiets"), "fiets");
        assert_eq!(stem("schoen"), "schoen");
        assert_eq!(stem("adres"), "adres");
        assert_eq!(stem("8900"), "8900");
        assert_eq!(stem("bus"), "bus");
    }

    #[test]
    fn stop_words_are_sorted_for_binary_search() {
        assert!(STOP_WORDS.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn edit_distance_one() {
        assert!(within_one_edit("fietspunt", "fietspumt")); // substitution
        assert!(within_one_edit("fietspunt", "fietspnut")); // swap
        assert!(within_one_edit("fietspunt", "fietspun")); // deletion
        assert!(within_one_edit("fietspunt", "fietsppunt")); // insertion
        assert!(!within_one_edit("fietspunt", "fietspmnt2"));
        assert!(!within_one_edit("abc", "bca"));
        assert!(within_one_edit("crèche", "crèchr"));
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
    }

    #[test]
    fn place_scope_puts_initiatives_based_there_before_those_only_serving_it() {
        let data = fixture();
        let index = SearchIndex::build(&data);
        let mut mixed = 0;
        for m in &data.municipalities {
            let all = index.search("");
            let all = if all.is_empty() {
                (0..data.initiatives.len() as u32).map(|doc| Hit { doc, score: 1.0 }).collect()
            } else {
                all
            };
            let scoped = index.scope_to_place(&data, &all, &m.nis);
            let based: Vec<bool> = scoped.iter().map(|h| data.initiatives[h.doc as usize].nis == m.nis).collect();
            // All "based here" first, then only the ones serving it.
            assert!(based.windows(2).all(|w| w[0] || !w[1]), "{}: {based:?}", m.nis);
            mixed += usize::from(based.contains(&true) && based.contains(&false));
            let expected = apply_filters(&data, &all, &Filters { serves: Some(m.nis.clone()), ..Default::default() });
            assert_eq!(scoped.len(), expected.len());
        }
        assert!(mixed > 0, "the fixture has a place with both kinds, so the order is tested");
    }

    #[test]
    fn place_scoping_by_postcode_and_name() {
        let data = fixture();
        let index = SearchIndex::build(&data);
        let p = index.place_in_query(&data, "klusdienst 8900").unwrap();
        assert_eq!(p, PlaceMatch { nis: IEPER.into(), rest: "klusdienst".into() });
        let p = index.place_in_query(&data, "restaurant sint niklaas").unwrap();
        assert_eq!(p, PlaceMatch { nis: SINT_NIKLAAS.into(), rest: "restaurant".into() });
        let p = index.place_in_query(&data, "Sint-Niklaas").unwrap();
        assert_eq!(p, PlaceMatch { nis: SINT_NIKLAAS.into(), rest: "".into() });
        assert_eq!(index.place_in_query(&data, "wijk-werken Ypres").unwrap().rest, "wijk-werken");
        assert_eq!(index.place_in_query(&data, "courtrai").unwrap().nis, KORTRIJK);
        assert_eq!(index.place_in_query(&data, "fietspunt 9999"), None, "unknown postcode");
        assert_eq!(index.place_in_query(&data, "fietspunt"), None);
        assert_eq!(index.place_in_query(&data, "sint"), None, "half a name");

        // The page's flow: scope, search the rest, keep initiatives based in or serving it.
        let p = index.place_in_query(&data, "fietspunt 8900").unwrap();
        let hits = index.search(&p.rest);
        let scoped = apply_filters(&data, &hits, &Filters { serves: Some(p.nis), ..Default::default() });
        assert_eq!(docs(&scoped), vec![6], "Fietspunt in Poperinge serves Ieper");
    }

    #[test]
    fn filters_or_within_and_across_facets() {
        let data = fixture();
        let index = SearchIndex::build(&data);
        let all = index.search("");
        let f = |filters: Filters| docs(&apply_filters(&data, &all, &filters));
        let ids = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(f(Filters::default()), (0..8).collect::<Vec<_>>());
        assert_eq!(f(Filters { services: ids(&["fietspunt", "sociaal-restaurant"]), ..Default::default() }), vec![2, 3, 5, 6]);
        assert_eq!(
            f(Filters { services: ids(&["fietspunt"]), provinces: ids(&["40000"]), ..Default::default() }),
            vec![5]
        );
        assert_eq!(f(Filters { kinds: ids(&["wijk-werken"]), ..Default::default() }), vec![4, 7]);
        assert_eq!(f(Filters { partnerships: ids(&["regie-westhoek"]), ..Default::default() }), vec![0, 1, 4, 6, 7]);
        assert_eq!(f(Filters { municipalities: ids(&[KORTRIJK, SINT_NIKLAAS]), ..Default::default() }), vec![2, 3, 5]);
        assert_eq!(f(Filters { serves: Some(POPERINGE.into()), ..Default::default() }), vec![0, 1, 6]);
        assert_eq!(f(Filters { services: ids(&["no-such-service"]), ..Default::default() }), Vec::<u32>::new());
        assert!(Filters::default().is_empty());
        assert_eq!(f(Filters { serves: Some("99999".into()), ..Default::default() }), Vec::<u32>::new());
    }

    #[test]
    fn index_methods_agree_with_the_free_functions() {
        let data = fixture();
        let index = SearchIndex::build(&data);
        let ids = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let all_filters = [
            Filters::default(),
            Filters { services: ids(&["fietspunt", "klusdienst"]), ..Default::default() },
            Filters { services: ids(&["fietspunt"]), provinces: ids(&["40000"]), ..Default::default() },
            Filters { kinds: ids(&["lde"]), partnerships: ids(&["regie-westhoek"]), ..Default::default() },
            Filters { municipalities: ids(&[IEPER]), serves: Some(IEPER.into()), ..Default::default() },
            Filters { serves: Some(POPERINGE.into()), ..Default::default() },
            Filters { kinds: ids(&["unknown"]), ..Default::default() },
        ];
        for q in ["", "fietspunt", "klussen", "de"] {
            let hits = index.search(q);
            for f in &all_filters {
                assert_eq!(index.apply_filters(&data, &hits, f), apply_filters(&data, &hits, f), "{q:?} {f:?}");
                assert_eq!(index.facet_counts(&data, &hits, f), facet_counts(&data, &hits, f), "{q:?} {f:?}");
            }
        }
    }

    #[test]
    fn facet_counts_are_disjunctive() {
        let data = fixture();
        let index = SearchIndex::build(&data);
        let all = index.search("");
        let ids = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let c = facet_counts(&data, &all, &Filters::default());
        let pairs = |v: &[(&str, usize)]| v.iter().map(|(s, n)| (s.to_string(), *n)).collect::<Vec<_>>();
        assert_eq!(
            c.services,
            pairs(&[
                ("fietspunt", 3),
                ("klusdienst", 3),
                ("buurtgerichte-kinderopvang", 1),
                ("energiesnoeiers", 1),
                ("sociaal-restaurant", 1)
            ])
        );
        assert_eq!(c.kinds, pairs(&[("lde", 5), ("wijk-werken", 2), ("maatwerkbedrijf", 1)]));
        assert_eq!(c.provinces, pairs(&[("30000", 6), ("40000", 2)]));
        assert_eq!(c.partnerships, pairs(&[("regie-westhoek", 5), ("regie-zuid-west", 1)]));
        assert_eq!(c.municipalities, pairs(&[(IEPER, 3), (POPERINGE, 2), (SINT_NIKLAAS, 2), (KORTRIJK, 1)]));

        // Selecting a service: the service facet still counts every service (within the other
        // facets), the other facets count only fietspunt initiatives.
        let filters = Filters { services: ids(&["fietspunt"]), ..Default::default() };
        let c = facet_counts(&data, &all, &filters);
        assert_eq!(c.services.len(), 5);
        assert_eq!(c.kinds, pairs(&[("lde", 2), ("maatwerkbedrijf", 1)]));
        assert_eq!(c.provinces, pairs(&[("30000", 2), ("40000", 1)]));

        // Service and province: services counted within the province, provinces within the service.
        let filters = Filters { services: ids(&["fietspunt"]), provinces: ids(&["40000"]), ..Default::default() };
        let c = facet_counts(&data, &all, &filters);
        assert_eq!(c.services, pairs(&[("fietspunt", 1), ("klusdienst", 1), ("sociaal-restaurant", 1)]));
        assert_eq!(c.provinces, pairs(&[("30000", 2), ("40000", 1)]));
        assert_eq!(c.kinds, pairs(&[("maatwerkbedrijf", 1)]));
        assert_eq!(c.municipalities, pairs(&[(SINT_NIKLAAS, 1)]));

        // With a query and a "serves" scope.
        let hits = index.search("klussen");
        let c = facet_counts(&data, &hits, &Filters { serves: Some(IEPER.into()), ..Default::default() });
        assert_eq!(c.kinds, pairs(&[("wijk-werken", 2)]));
    }

    // -----------------------------------------------------------------------------------------
    // Micro-benchmark: cargo test --release --lib search -- --ignored --nocapture
    // Knobs: BENCH_DOCS (default 10000), BENCH_RUNS per query (30), BENCH_QUERY (only that
    // query), BENCH_NO_STRINGS (skip timing the string-based free functions).

    struct Rng(u64);
    impl Rng {
        fn next(&mut self) -> u64 {
            // xorshift64*: deterministic, good enough to pick words.
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
        }
        fn below(&mut self, n: usize) -> usize {
            (self.next() % n as u64) as usize
        }
        fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
            items[self.below(items.len())]
        }
    }

    fn synthetic(n: usize) -> Dataset {
        use CategoryKind::{InitiativeType as T, Service as S};
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
        let categories = vec![
            cat("lde", T, "Lokale diensteneconomie", "Économie locale de services", "Local service economy"),
            cat("maatwerkbedrijf", T, "Maatwerkbedrijf", "Entreprise de travail adapté", "Customised employment company"),
            cat("arbeidszorg", T, "Arbeidszorg", "Travail accompagné", "Supported work"),
            cat("wijk-werken", T, "Wijk-werken", "Travail de quartier", "Neighbourhood work"),
            cat("aanvullende-thuiszorg", S, "Aanvullende thuiszorg", "Aide à domicile complémentaire", "Supplementary home care"),
            cat("buurtgerichte-kinderopvang", S, "Buurtgerichte kinderopvang", "Accueil d'enfants de quartier", "Neighbourhood childcare"),
            cat("vervoer-boodschappen", S, "Vervoer- en boodschappendienst", "Service de transport et de courses", "Transport and shopping service"),
            cat("energiesnoeiers", S, "Energiesnoeiers", "Économies d'énergie à domicile", "Home energy savers"),
            cat("fietspunt", S, "Fietspunt", "Point vélo", "Bicycle point"),
            cat("sociaal-restaurant", S, "Sociaal restaurant", "Restaurant social", "Social restaurant"),
            cat("klusdienst", S, "Klusdienst", "Service de petits travaux", "Odd-jobs service"),
            cat("groenonderhoud", S, "Ecologisch groenonderhoud", "Entretien écologique des espaces verts", "Ecological green maintenance"),
            cat("schoonmaak", S, "Schoonmaak", "Nettoyage", "Cleaning"),
            cat("hergebruik-kringwinkel", S, "Hergebruik en kringwinkel", "Réemploi et magasin de seconde main", "Reuse and second-hand shop"),
            cat("atelierwerk", S, "Atelierwerk", "Travail en atelier", "Workshop activities"),
            cat("zorgboerderij", S, "Zorgboerderij", "Ferme de soins", "Care farm"),
        ];
        let services: Vec<&Category> = categories.iter().filter(|c| c.kind == S).collect();
        let kinds = ["lde", "maatwerkbedrijf", "arbeidszorg", "wijk-werken"];
        let prefixes = [
            "Thuiszorgdienst", "Buurtkinderopvang", "Boodschappendienst", "Energiesnoeiers", "Fietspunt",
            "Sociaal Restaurant", "Klusdienst", "Groendienst", "Poetsdienst", "Kringwinkel", "Atelier",
            "Zorgboerderij", "Wijk-werken", "Maatwerkbedrijf",
        ];
        let nouns = [
            "Distelvink", "Paardenbloem", "Zeven Sprongen", "Kombuis", "Klaproos", "Vlinder", "Linde",
            "Eik", "Kastanje", "Zwaluw", "Merel", "Reiger", "Molen", "Brug", "Haven", "Kouter", "Bron",
            "Zonnebloem", "Wilg", "Hazelaar", "Specht", "Uil", "Egel", "Vos", "Das", "Beuk", "Esdoorn",
        ];
        let place_names = [
            "Ieper", "Poperinge", "Kortrijk", "Sint-Niklaas", "Gent", "Brugge", "Antwerpen", "Leuven",
            "Hasselt", "Genk", "Mechelen", "Aalst", "Oostende", "Roeselare", "Dendermonde", "Lokeren",
            "Beveren", "Turnhout", "Geel", "Mol", "Lier", "Tienen", "Diest", "Vilvoorde", "Halle",
            "Ninove", "Geraardsbergen", "Oudenaarde", "Ronse", "Waregem", "Tielt", "Torhout", "Diksmuide",
            "Veurne", "Knokke-Heist", "Blankenberge", "Eeklo", "Deinze", "Zele", "Hamme", "Temse",
            "Bornem", "Boom", "Kontich", "Schoten", "Brasschaat", "Kapellen", "Stabroek", "Beersel",
            "Asse", "Zaventem", "Maasmechelen", "Lommel", "Neerpelt", "Bilzen", "Tongeren", "Sint-Truiden",
            "Herentals", "Heist-op-den-Berg", "Sint-Martens-Latem",
        ];
        let provinces = ["10000", "20001", "30000", "40000", "70000"];
        let municipalities: Vec<Municipality> = place_names
            .iter()
            .enumerate()
            .map(|(i, name)| {
                let p = i % 5;
                let nis = format!("{}{:04}", [1, 2, 3, 4, 7][p], 1000 + i);
                let pc = 1000 + i * 137 % 8000;
                muni(
                    &nis,
                    name,
                    None,
                    provinces[p],
                    &[&pc.to_string(), &(pc + 1).to_string()],
                    (50.7 + (i as f64 * 0.013) % 0.8, 2.6 + (i as f64 * 0.057) % 3.2),
                )
            })
            .collect();
        let partnerships = (0..12)
            .map(|p| {
                let members: Vec<&str> = (0..5).map(|k| municipalities[(p * 5 + k) % municipalities.len()].nis.as_str()).collect();
                partnership(&format!("regie-{p}"), &format!("Regie {p}"), &members)
            })
            .collect();
        // Rare words (street names, people, projects) to give the dictionary a realistic size.
        let syllables = ["ber", "ko", "lin", "de", "ma", "ven", "sto", "ri", "gel", "aar", "hout", "wa", "te", "nis", "bo", "zee"];
        let rare: Vec<String> = (0..4000)
            .map(|_| (0..2 + rng.below(3)).map(|_| rng.pick(&syllables)).collect::<String>())
            .collect();
        let rare: Vec<&str> = rare.iter().map(String::as_str).collect();
        let tasks_nl = [
            "hulp bij poetsen, was en kleine taken voor ouderen en zieken",
            "flexibele kinderopvang voor gezinnen uit de buurt",
            "vervoer naar de dokter en hulp bij boodschappen",
            "energiescans, isolatie en advies voor huurders",
            "herstel en verhuur van fietsen aan het station",
            "betaalbare maaltijden in een warm restaurant",
            "kleine klussen in huis en tuin",
            "onderhoud van parken, bermen en wandelpaden",
            "tweedehands kleding, meubels en huisraad",
            "productie en assemblage voor bedrijven",
        ];
        let initiatives = (0..n)
            .map(|i| {
                let m = &municipalities[rng.below(municipalities.len())];
                let s = services[rng.below(services.len())];
                let name = format!("{} De {} {}", rng.pick(&prefixes), rng.pick(&nouns), m.name.nl);
                let nl = format!(
                    "Lokale dienst in {}, door medewerkers in een werkervaringstraject: {}. Contact: {} {}.",
                    m.name.nl,
                    rng.pick(&tasks_nl),
                    rng.pick(&rare),
                    rng.pick(&rare)
                );
                let fr = format!(
                    "Service local à {}, assuré par des travailleurs en parcours d'expérience professionnelle : {}.",
                    m.name.nl,
                    s.label.fr.as_deref().unwrap_or("")
                );
                let en = format!("Local service in {}: {}.", m.name.nl, s.label.en.as_deref().unwrap_or(""));
                let mut it = initiative(
                    &format!("demo-{i:05}"),
                    &name,
                    kinds[rng.below(kinds.len())],
                    &[&s.id],
                    Some(text(&nl, Some(&fr), Some(&en))),
                    &m.nis,
                    &m.postcodes[0],
                    &m.name.nl,
                    &[&municipalities[rng.below(municipalities.len())].nis],
                );
                it.address.street = format!("{}straat {}", rng.pick(&rare), 1 + rng.below(200));
                it
            })
            .collect();
        Dataset::new(None, categories, municipalities, partnerships, initiatives).unwrap()
    }

    #[test]
    #[ignore]
    fn benchmark_10k() {
        use std::time::{Duration, Instant};
        let n = std::env::var("BENCH_DOCS").ok().and_then(|n| n.parse().ok()).unwrap_or(10_000);
        let data = synthetic(n);
        let t = Instant::now();
        let index = SearchIndex::build(&data);
        let build = t.elapsed();
        println!("build: {:.1} ms for {} initiatives, {index:?}", build.as_secs_f64() * 1e3, data.initiatives.len());
        let queries = [
            "fietspunt", "fietsen", "energies", "energiesnoeier", "kinderopvang", "creche", "point velo",
            "sociaal restaurant", "de kombuis", "fietspumt", "thuiszorg", "wijk-werken", "de", "kl",
            "boodschappendienst brugge", "8900", "zorgboerderij", "kringwinkel tweedehands",
            "schoonmaak hulp ouderen", "maatwerkbedrijf productie", "groen onderhoud xylofoon", "k",
        ];
        let runs = std::env::var("BENCH_RUNS").ok().and_then(|r| r.parse().ok()).unwrap_or(30);
        let only = std::env::var("BENCH_QUERY").ok();
        let queries: Vec<&str> = queries.iter().copied().filter(|q| only.as_deref().is_none_or(|o| o == *q)).collect();
        let stats = |mut v: Vec<Duration>| {
            v.sort();
            let at = |q: f64| v[((v.len() as f64 * q) as usize).min(v.len() - 1)].as_secs_f64() * 1e3;
            (at(0.5), at(0.95), at(1.0))
        };
        let mut search_times = Vec::new();
        let mut pipeline_times = Vec::new();
        let mut string_facet_times = Vec::new();
        for q in queries {
            let mut per_query = Vec::new();
            let mut n = 0;
            for _ in 0..runs {
                let t = Instant::now();
                let hits = index.search(q);
                let e = t.elapsed();
                n = hits.len();
                per_query.push(e);
                search_times.push(e);

                // What the directory page does per keystroke.
                let t = Instant::now();
                let place = index.place_in_query(&data, q);
                let text = place.as_ref().map_or(q, |p| p.rest.as_str());
                let mut hits = index.search(text);
                if let Some(p) = &place {
                    hits = apply_filters(&data, &hits, &Filters { serves: Some(p.nis.clone()), ..Default::default() });
                }
                let filters = Filters { services: vec!["fietspunt".into()], ..Default::default() };
                let facets = index.facet_counts(&data, &hits, &filters);
                let shown = index.apply_filters(&data, &hits, &filters);
                pipeline_times.push(t.elapsed());
                std::hint::black_box((facets, shown));
                if std::env::var("BENCH_NO_STRINGS").is_ok() {
                    continue;
                }

                // The same facets and filters from the initiatives' strings (free functions).
                let t = Instant::now();
                let facets = facet_counts(&data, &hits, &filters);
                let shown = apply_filters(&data, &hits, &filters);
                string_facet_times.push(t.elapsed());
                std::hint::black_box((facets, shown));
            }
            let (median, p95, _) = stats(per_query);
            println!("{q:>28}: {n:>5} hits, median {median:.3} ms, p95 {p95:.3} ms");
        }
        if search_times.is_empty() {
            return;
        }
        let (median, p95, max) = stats(search_times);
        println!("search:   median {median:.3} ms, p95 {p95:.3} ms, max {max:.3} ms");
        let (median, p95, max) = stats(pipeline_times);
        println!("pipeline: median {median:.3} ms, p95 {p95:.3} ms, max {max:.3} ms (place + search + index.facet_counts + index.apply_filters)");
        if string_facet_times.is_empty() {
            return;
        }
        let (median, p95, max) = stats(string_facet_times);
        println!("free facet_counts + apply_filters (strings): median {median:.3} ms, p95 {p95:.3} ms, max {max:.3} ms");
    }
}
