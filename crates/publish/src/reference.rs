//! The reference tables a publication needs besides initiatives and partnerships: categories,
//! municipalities (from a CSV, or built from Statbel's REFNIS list and the merger table),
//! population figures, the merger table and the list of sources.

use super::csv;
use super::report::{Location, Msg, Report};
use super::rows::{Provenance, Sheet};
use wegwijzer_core::coverage::{Merger, MergerTable};
use wegwijzer_core::model::{Category, CategoryKind, Keywords, Municipality, Source, Text};
use wegwijzer_core::validate::is_nis_code;
use std::collections::{BTreeMap, HashMap};

pub const CATEGORY_COLUMNS: [&str; 9] =
    ["id", "kind", "label_nl", "label_fr", "label_en", "group", "keywords_nl", "keywords_fr", "keywords_en"];

/// Separator of the keywords in a `keywords_*` cell: keywords may be phrases, so neither
/// spaces nor commas separate them.
pub const KEYWORD_SEPARATOR: char = ';';
pub const MUNICIPALITY_COLUMNS: [&str; 9] =
    ["nis", "name_nl", "name_fr", "name_en", "province", "postcodes", "population", "lat", "lon"];
pub const SOURCE_COLUMNS: [&str; 4] = ["name", "url", "licence", "used_for"];

/// The categories used when no `--categories` file is given: the four initiative types and the
/// services of the Flemish social economy, with Dutch, French and English labels.
pub const DEFAULT_CATEGORIES: &str = include_str!("default_categories.csv");

/// [`DEFAULT_CATEGORIES`] read: the generator of the sample data takes its categories'
/// keywords from here, so the vocabulary is kept in one place.
pub fn default_categories() -> Vec<Category> {
    let mut report = Report::default();
    let sheet = Sheet::open("categories (built-in)", DEFAULT_CATEGORIES.as_bytes(), &["id", "kind", "label_nl"], &CATEGORY_COLUMNS, &mut report);
    sheet.map(|s| read_categories(&s, &mut report).0).unwrap_or_default()
}

pub fn read_categories(sheet: &Sheet, report: &mut Report) -> (Vec<Category>, Provenance) {
    let mut items = Vec::new();
    let mut lines = Vec::new();
    for row in sheet.rows() {
        let raw = row.text("kind");
        let kind = match raw.to_lowercase().replace([' ', '-'], "_").as_str() {
            "initiative_type" | "type" | "soort" => CategoryKind::InitiativeType,
            "service" | "dienst" => CategoryKind::Service,
            "audience" | "doelgroep" => CategoryKind::Audience,
            _ => {
                report.error(row.location("kind"), Msg::BadCategoryKind(raw));
                CategoryKind::Service
            }
        };
        items.push(Category {
            id: row.text("id"),
            kind,
            label: Text { nl: row.text("label_nl"), fr: row.opt("label_fr"), en: row.opt("label_en") },
            group: row.opt("group"),
            keywords: Keywords {
                nl: keyword_list(&row.text("keywords_nl")),
                fr: keyword_list(&row.text("keywords_fr")),
                en: keyword_list(&row.text("keywords_en")),
            },
        });
        lines.push(Some(row.line()));
    }
    (items, sheet.provenance(lines))
}

/// The keywords of a `keywords_*` cell: split at `;`, trimmed, inner spaces collapsed, empty
/// and repeated ones (ignoring case) dropped. "poetsdienst; poetshulp ;; Poetsdienst" gives
/// ["poetsdienst", "poetshulp"].
pub fn keyword_list(cell: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for k in cell.split(KEYWORD_SEPARATOR) {
        let k = k.split_whitespace().collect::<Vec<_>>().join(" ");
        if !k.is_empty() && !out.iter().any(|o| o.to_lowercase() == k.to_lowercase()) {
            out.push(k);
        }
    }
    out
}

pub fn category_rows(items: &[Category]) -> Vec<Vec<String>> {
    items
        .iter()
        .map(|c| {
            vec![
                c.id.clone(),
                match c.kind {
                    CategoryKind::InitiativeType => "initiative_type".into(),
                    CategoryKind::Service => "service".into(),
                    CategoryKind::Audience => "audience".into(),
                },
                c.label.nl.clone(),
                c.label.fr.clone().unwrap_or_default(),
                c.label.en.clone().unwrap_or_default(),
                c.group.clone().unwrap_or_default(),
                c.keywords.nl.join("; "),
                c.keywords.fr.join("; "),
                c.keywords.en.join("; "),
            ]
        })
        .collect()
}

pub fn read_municipalities(sheet: &Sheet, report: &mut Report) -> (Vec<Municipality>, Provenance) {
    let mut items = Vec::new();
    let mut lines = Vec::new();
    for row in sheet.rows() {
        let nis = row.text("nis");
        let mut postcodes = row.list("postcodes");
        postcodes.sort();
        postcodes.dedup();
        let province = row.opt("province").or_else(|| province_of(&nis).map(str::to_string)).unwrap_or_default();
        items.push(Municipality {
            name: Text { nl: row.text("name_nl"), fr: row.opt("name_fr"), en: row.opt("name_en") },
            province,
            postcodes,
            population: row.integer("population", report),
            point: row.point(report),
            nis,
        });
        lines.push(Some(row.line()));
    }
    (items, sheet.provenance(lines))
}

pub fn municipality_rows(items: &[Municipality]) -> Vec<Vec<String>> {
    items
        .iter()
        .map(|m| {
            vec![
                m.nis.clone(),
                m.name.nl.clone(),
                m.name.fr.clone().unwrap_or_default(),
                m.name.en.clone().unwrap_or_default(),
                m.province.clone(),
                m.postcodes.join(" "),
                m.population.map(|p| p.to_string()).unwrap_or_default(),
                m.point.map(|p| format!("{}", p.lat)).unwrap_or_default(),
                m.point.map(|p| format!("{}", p.lon)).unwrap_or_default(),
            ]
        })
        .collect()
}

pub fn read_sources(sheet: &Sheet) -> Vec<Source> {
    sheet
        .rows()
        .map(|row| Source { name: row.text("name"), url: row.text("url"), licence: row.text("licence"), used_for: row.text("used_for") })
        .collect()
}

/// The province of a Flemish municipality's NIS code, `None` outside the Flemish Region. The
/// first digit is the province, except that Brabant (2) was split: 23xxx and 24xxx are Flemish
/// Brabant, 21xxx Brussels, 25xxx Walloon Brabant.
pub fn province_of(nis: &str) -> Option<&'static str> {
    if !is_nis_code(nis) {
        return None;
    }
    match &nis[..2] {
        "23" | "24" => Some("20001"),
        p if p.starts_with('1') => Some("10000"),
        p if p.starts_with('3') => Some("30000"),
        p if p.starts_with('4') => Some("40000"),
        p if p.starts_with('7') => Some("70000"),
        _ => None,
    }
}

/// A Flemish municipality code (not a province or arrondissement, whose codes end in 000).
pub fn is_flemish_municipality(nis: &str) -> bool {
    province_of(nis).is_some() && !nis.ends_with("000") && nis != "20001"
}

/// The merger table with the names of the new municipalities where the file gives them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Mergers {
    pub table: MergerTable,
    pub names: HashMap<String, String>,
}

impl Mergers {
    /// The code a pre-merger code now goes by (itself when it was not merged).
    pub fn target(&self, nis: &str) -> String {
        self.table
            .mergers
            .iter()
            .find(|m| m.from.iter().any(|f| f == nis))
            .map(|m| m.into.clone())
            .unwrap_or_else(|| nis.to_string())
    }
}

/// Reads a merger table: either a CSV with columns `old_nis` and `new_nis` (one row per old
/// municipality, optional `new_name`), or Statbel's list ("Ruiselede (37012) + Wingene (37018),
/// Wingene (37021)"), whose new names are kept.
pub fn read_mergers(file: &str, bytes: &[u8], year: u16, report: &mut Report) -> Mergers {
    let (text, _) = csv::decode(bytes);
    if let Ok(table) = csv::parse(bytes) {
        let cols = table.columns();
        if let (Some(&old), Some(&new)) = (cols.get("old_nis"), cols.get("new_nis")) {
            let name_col = cols.get("new_name").copied();
            let mut by_new: BTreeMap<String, Vec<String>> = BTreeMap::new();
            let mut names = HashMap::new();
            for rec in &table.records {
                let get = |i: usize| rec.fields.get(i).map(|s| s.trim().to_string()).unwrap_or_default();
                let (o, n) = (get(old), get(new));
                if !is_nis_code(&o) || !is_nis_code(&n) {
                    report.error(Location::line(file, rec.line), Msg::BadMergerLine(rec.fields.join(",")));
                    continue;
                }
                if let Some(c) = name_col.map(get).filter(|s| !s.is_empty()) {
                    names.insert(n.clone(), c);
                }
                by_new.entry(n).or_default().push(o);
            }
            let mergers = by_new.into_iter().map(|(into, from)| Merger { year, from, into }).collect();
            return Mergers { table: MergerTable { mergers }, names };
        }
    }
    match MergerTable::parse_list(&text, year) {
        Ok(table) => {
            let mut names = HashMap::new();
            for line in text.lines() {
                // The part after the last "),": "Beveren-Kruibeke-Zwijndrecht (voorlopige naam) (46030)".
                let Some(split) = line.rfind("),") else { continue };
                let new = line[split + 2..].trim();
                let Some(open) = new.rfind('(') else { continue };
                let code = new[open + 1..].trim_end_matches(')').trim();
                let mut name = new[..open].trim().to_string();
                // Drop remarks in brackets such as "(voorlopige naam)".
                while let Some(i) = name.rfind(" (") {
                    if name.ends_with(')') {
                        name.truncate(i);
                    } else {
                        break;
                    }
                }
                if is_nis_code(code) && !name.is_empty() {
                    names.insert(code.to_string(), name);
                }
            }
            Mergers { table, names }
        }
        Err(wegwijzer_core::coverage::MergerTableError::BadLine { line, text }) => {
            report.error(Location::line(file, line), Msg::BadMergerLine(text));
            Mergers::default()
        }
    }
}

/// Population per NIS code from a CSV with a NIS column (`nis`, `nis_code`, `code_nis`) and a
/// total column (`population`, `totaal`, `total`, `inwoners`): Statbel's file works as is.
pub fn read_population(file: &str, bytes: &[u8], report: &mut Report) -> BTreeMap<String, u64> {
    let mut out = BTreeMap::new();
    let table = match csv::parse(bytes) {
        Ok(t) => t,
        Err(e) => {
            report.error(Location::file(file), Msg::Unreadable(e.to_string()));
            return out;
        }
    };
    let cols = table.columns();
    let find = |names: &[&str]| names.iter().find_map(|n| cols.get(*n).copied());
    let (Some(nis_col), Some(pop_col)) =
        (find(&["nis", "nis_code", "code_nis", "refnis"]), find(&["population", "totaal", "total", "inwoners"]))
    else {
        report.error(Location::line(file, table.header_line), Msg::MissingColumn("nis, population".into()));
        return out;
    };
    for rec in &table.records {
        let nis = rec.fields.get(nis_col).map(|s| s.trim()).unwrap_or("");
        let raw = rec.fields.get(pop_col).map(|s| s.trim()).unwrap_or("");
        if !is_nis_code(nis) {
            continue;
        }
        let digits: String = raw.chars().filter(|c| c.is_ascii_digit()).collect();
        match digits.parse::<u64>() {
            Ok(v) if !raw.is_empty() => {
                out.insert(nis.to_string(), v);
            }
            _ => report.error(
                Location {
                    file: file.into(),
                    line: Some(rec.line),
                    column: Some((pop_col, table.headers[pop_col].clone())),
                    record: None,
                },
                Msg::BadNumber(raw.to_string()),
            ),
        }
    }
    out
}

/// Adds population figures to municipalities: codes from before a merger are summed into the
/// merged municipality; a merged one with a part missing gets none and a warning.
pub fn apply_population(
    municipalities: &mut [Municipality],
    population: &BTreeMap<String, u64>,
    mergers: &Mergers,
    file: &str,
    report: &mut Report,
) {
    for m in municipalities.iter_mut() {
        match mergers.table.mergers.iter().find(|g| g.into == m.nis) {
            Some(g) => {
                let missing: Vec<String> = g.from.iter().filter(|f| !population.contains_key(*f)).cloned().collect();
                if missing.is_empty() {
                    m.population = Some(g.from.iter().map(|f| population[f]).sum());
                } else if population.contains_key(&m.nis) && !g.from.contains(&m.nis) {
                    // Figures of a year after the merger, for the new code itself.
                    m.population = population.get(&m.nis).copied();
                } else {
                    report.warning(Location::file(file), Msg::MergedPartMissing { into: m.nis.clone(), missing });
                }
            }
            None => {
                if let Some(&p) = population.get(&m.nis) {
                    m.population = Some(p);
                }
            }
        }
    }
}

/// Builds the Flemish municipalities from Statbel's REFNIS list (`;`-separated, columns
/// "Code NIS", "Administratieve eenheden" for the Dutch name, "Entités administratives" for the
/// French one), after the mergers: merged municipalities are replaced by the new one, named as
/// in the merger table.
pub fn municipalities_from_refnis(file: &str, bytes: &[u8], mergers: &Mergers, report: &mut Report) -> Vec<Municipality> {
    let table = match csv::parse(bytes) {
        Ok(t) => t,
        Err(e) => {
            report.error(Location::file(file), Msg::Unreadable(e.to_string()));
            return Vec::new();
        }
    };
    let cols = table.columns();
    let code_col = cols.get("code_nis").copied().unwrap_or(3);
    let nl_col = cols.get("administratieve_eenheden").copied().unwrap_or(4);
    let fr_col = cols.get("entités_administratives").copied().unwrap_or(1);
    let mut by_code: BTreeMap<String, Municipality> = BTreeMap::new();
    for rec in &table.records {
        let get = |i: usize| rec.fields.get(i).map(|s| s.trim().to_string()).unwrap_or_default();
        let nis = get(code_col);
        if !is_flemish_municipality(&nis) {
            continue;
        }
        let (nl, fr) = (get(nl_col), get(fr_col));
        let fr = Some(fr).filter(|f| !f.is_empty() && *f != nl);
        by_code.insert(
            nis.clone(),
            Municipality {
                name: Text { nl, fr, en: None },
                province: province_of(&nis).unwrap_or_default().to_string(),
                postcodes: Vec::new(),
                population: None,
                point: None,
                nis,
            },
        );
    }
    for g in &mergers.table.mergers {
        if !g.from.iter().any(|f| by_code.contains_key(f)) {
            continue;
        }
        let kept = by_code.get(&g.into).cloned();
        for f in &g.from {
            by_code.remove(f);
        }
        let name = mergers.names.get(&g.into).cloned();
        let mut m = kept.unwrap_or(Municipality {
            nis: g.into.clone(),
            name: Text::nl(""),
            province: province_of(&g.into).unwrap_or_default().to_string(),
            postcodes: Vec::new(),
            population: None,
            point: None,
        });
        if let Some(name) = name {
            if name != m.name.nl {
                m.name = Text::nl(name);
            }
        }
        by_code.insert(g.into.clone(), m);
    }
    by_code.into_values().collect()
}

#[cfg(test)]
mod keyword_tests {
    use super::*;
    use wegwijzer_core::search::normalize;

    #[test]
    fn keyword_cells_split_at_semicolons_only() {
        assert_eq!(keyword_list("poetsdienst; poetshulp ;; Poetsdienst"), ["poetsdienst", "poetshulp"]);
        assert_eq!(keyword_list(" beschutte   werkplaats ;sociale werkplaats"), ["beschutte werkplaats", "sociale werkplaats"]);
        assert!(keyword_list(" ; ").is_empty());
    }

    /// The built-in vocabulary meets the bar of issue 17: at least 8 Dutch and 3 French and
    /// English keywords per category, none repeating the category's own label.
    #[test]
    fn default_categories_ship_a_vocabulary() {
        let cats = default_categories();
        assert_eq!(cats.len(), 33);
        // Target groups are filters, not searched: the bar is for what people type.
        let searched: Vec<_> = cats.iter().filter(|c| c.kind != CategoryKind::Audience).collect();
        assert_eq!(searched.len(), 25);
        for c in searched {
            let k = &c.keywords;
            assert!(k.nl.len() >= 8 && k.fr.len() >= 3 && k.en.len() >= 3, "{}: {:?}", c.id, k);
            for (words, label) in [(&k.nl, Some(&c.label.nl)), (&k.fr, c.label.fr.as_ref()), (&k.en, c.label.en.as_ref())] {
                let label = label.map(|l| normalize(l));
                assert!(words.iter().all(|w| Some(normalize(w)) != label), "{}: a keyword repeats the label", c.id);
            }
        }
    }

    #[test]
    fn keywords_survive_the_csv_round_trip() {
        let cats = default_categories();
        let mut text = CATEGORY_COLUMNS.join(",");
        for row in category_rows(&cats) {
            text.push('\n');
            text.push_str(&row.iter().map(|v| format!("\"{}\"", v.replace('"', "\"\""))).collect::<Vec<_>>().join(","));
        }
        let mut report = Report::default();
        let sheet = Sheet::open("c.csv", text.as_bytes(), &["id"], &CATEGORY_COLUMNS, &mut report).unwrap();
        assert_eq!(read_categories(&sheet, &mut report).0, cats);
    }
}
