//! Dutch column names accepted for the English ones (docs/publishing.md, "Dutch column
//! names"), so a sheet made by hand in Dutch needs no renaming. Names are normalised
//! (`csv::normalise_header`): lower case, `_` for spaces and dashes.

/// (Dutch name, column it stands for). A name counts only in a sheet that has that column.
pub const ALIASES: [(&str, &str); 36] = [
    ("naam", "name"),
    ("soort", "kind"),
    ("diensten", "services"),
    ("beschrijving", "description_nl"),
    ("omschrijving", "description_nl"),
    ("beschrijving_nl", "description_nl"),
    ("beschrijving_fr", "description_fr"),
    ("beschrijving_en", "description_en"),
    ("straat", "street"),
    ("adres", "address"),
    ("gemeente", "locality"),
    ("plaats", "locality"),
    ("woonplaats", "locality"),
    ("nis_code", "nis"),
    ("niscode", "nis"),
    ("breedtegraad", "lat"),
    ("lengtegraad", "lon"),
    ("telefoon", "phone"),
    ("tel", "phone"),
    ("e_mail", "email"),
    ("mail", "email"),
    ("webadres", "website"),
    ("werkgebied", "serves"),
    ("bedient", "serves"),
    ("bijgewerkt", "updated_at"),
    ("laatst_bijgewerkt", "updated_at"),
    ("leden", "members"),
    ("van", "period_from"),
    ("tot", "period_to"),
    ("periode_van", "period_from"),
    ("periode_tot", "period_to"),
    ("organisatie", "organisation"),
    ("bron", "source_url"),
    ("voorbeeld", "demo"),
    ("groep", "group"),
    ("label", "label_nl"),
];

/// The column a normalised header stands for in a sheet with columns `known`: itself when
/// known, else the column of its Dutch alias when that is known, else itself.
pub fn canonical(name: &str, known: &[&str]) -> String {
    if known.contains(&name) {
        return name.to_string();
    }
    ALIASES
        .iter()
        .find(|(alias, column)| *alias == name && known.contains(column))
        .map_or_else(|| name.to_string(), |(_, column)| column.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dutch_names_map_only_to_columns_of_the_sheet() {
        let initiatives = ["id", "name", "kind", "description_nl", "street"];
        assert_eq!(canonical("naam", &initiatives), "name");
        assert_eq!(canonical("soort", &initiatives), "kind");
        assert_eq!(canonical("beschrijving", &initiatives), "description_nl");
        assert_eq!(canonical("name", &initiatives), "name");
        // "adres" is the partnerships' address column, not in this sheet.
        assert_eq!(canonical("adres", &initiatives), "adres");
    }
}
