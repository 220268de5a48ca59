//! "Did you mean …?": the nearest of a list of accepted names for a name that is not one of
//! them, for unknown columns, categories and command-line options.

/// Levenshtein distance in characters (insert, delete, substitute: cost 1 each).
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut previous = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let here = row[j + 1];
            row[j + 1] = (previous + usize::from(ca != *cb)).min(row[j] + 1).min(here + 1);
            previous = here;
        }
    }
    row[b.len()]
}

/// The candidate that `value` most likely means, or `None` when none is close: equal ignoring
/// case, else a candidate containing it as a whole part (`kringwinkel` in
/// `hergebruik-kringwinkel`), else the smallest edit distance up to a third of the longer name
/// (at least 1, at most 3).
pub fn nearest<'a>(value: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let v = value.trim().to_lowercase();
    if v.is_empty() {
        return None;
    }
    let candidates: Vec<&str> = candidates.into_iter().collect();
    if let Some(c) = candidates.iter().find(|c| c.to_lowercase() == v) {
        return Some(c);
    }
    let parts = |c: &str| c.to_lowercase().split(['-', '_', ' ']).map(str::to_string).collect::<Vec<_>>();
    if let Some(c) = candidates.iter().find(|c| v.len() >= 3 && (parts(c).contains(&v) || c.to_lowercase().starts_with(&v))) {
        return Some(c);
    }
    candidates
        .iter()
        .map(|c| (distance(&v, &c.to_lowercase()), *c))
        .filter(|(d, c)| *d <= (v.chars().count().max(c.chars().count()) / 3).clamp(1, 3))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_names() {
        let cats = ["lde", "maatwerkbedrijf", "hergebruik-kringwinkel", "fietspunt"];
        assert_eq!(nearest("LDE", cats), Some("lde"));
        assert_eq!(nearest("kringwinkel", cats), Some("hergebruik-kringwinkel"));
        assert_eq!(nearest("maatwerkbedrif", cats), Some("maatwerkbedrijf"));
        assert_eq!(nearest("bakkerij", cats), None);
        assert_eq!(nearest("--initiative", ["--initiatives", "--partnerships"]), Some("--initiatives"));
        assert_eq!(nearest("nam", ["id", "name", "kind"]), Some("name"));
        assert_eq!(nearest("", cats), None);
    }
}
