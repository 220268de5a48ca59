//! Typo matching helpers: FNV hashes for the one-deletion neighbourhood of the terms, and the
//! one-edit check that verifies its candidates.

/// FNV-1a over the concatenation of `a` and `b` (a word with one character cut out).
pub(super) fn fnv(a: &[u8], b: &[u8]) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for &x in a.iter().chain(b) {
        h ^= x as u32;
        h = h.wrapping_mul(0x0100_0193);
    }
    h
}

/// True when `a` and `b` differ by at most one insertion, deletion, substitution or swap of two
/// neighbouring characters (optimal string alignment distance <= 1).
pub(super) fn within_one_edit(a: &str, b: &str) -> bool {
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

#[cfg(test)]
mod tests {
    use super::*;

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
}

/// Optimal string alignment distance between `a` and `b` in characters, or `None` when it is
/// more than `max` (stops early: rows whose best cell exceeds `max` end the work).
pub(super) fn distance_within(a: &str, b: &str, max: usize) -> Option<usize> {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if a.len().abs_diff(b.len()) > max {
        return None;
    }
    let mut before: Vec<usize> = Vec::new();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for i in 1..=a.len() {
        let mut row = vec![i; b.len() + 1];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            row[j] = (prev[j] + 1).min(row[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                row[j] = row[j].min(before[j - 2] + 1);
            }
        }
        if row.iter().min().is_some_and(|&m| m > max) {
            return None;
        }
        before = std::mem::replace(&mut prev, row);
    }
    Some(prev[b.len()]).filter(|&d| d <= max)
}

#[cfg(test)]
mod distance_tests {
    use super::distance_within;

    #[test]
    fn distance_counts_edits_and_swaps() {
        assert_eq!(distance_within("fietspunt", "fietspunt", 2), Some(0));
        assert_eq!(distance_within("fietspnut", "fietspunt", 2), Some(1), "a swap");
        assert_eq!(distance_within("kringwinkle", "kringwinkel", 2), Some(1));
        assert_eq!(distance_within("poetsdinst", "poetsdienst", 2), Some(1));
        assert_eq!(distance_within("zorgbordrij", "zorgboerderij", 2), Some(2));
        assert_eq!(distance_within("xylofoon", "fietspunt", 2), None);
        assert_eq!(distance_within("crèche", "creche", 1), Some(1));
    }
}
