//! Small helpers: a seeded PRNG, name folding, slugs and distances.

use crate::{FLANDERS_LAT, FLANDERS_LON};
use wegwijzer_core::model::Point;

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
pub(crate) fn slug(s: &str) -> String {
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

pub(crate) fn in_flanders(p: &Point) -> bool {
    (FLANDERS_LAT.0..=FLANDERS_LAT.1).contains(&p.lat) && (FLANDERS_LON.0..=FLANDERS_LON.1).contains(&p.lon)
}

/// Rounds to 5 decimals (about a metre), so the JSON stays short and stable.
pub(crate) fn round5(x: f64) -> f64 {
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
pub(crate) fn jitter(rng: &mut Rng, p: &Point, max_km: f64) -> Point {
    let d = max_km * rng.unit().sqrt();
    let angle = rng.unit() * std::f64::consts::TAU;
    let lat = p.lat + d * angle.cos() / 110.57;
    let lon = p.lon + d * angle.sin() / (111.32 * p.lat.to_radians().cos());
    Point { lat: round5(lat), lon: round5(lon) }
}
