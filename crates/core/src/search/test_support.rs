//! The test fixture shared by the search tests: eight initiatives in four municipalities.

use super::Hit;
use crate::dataset::Dataset;
use crate::model::{
    Address, Category, CategoryKind, Contact, Initiative, Municipality, Partnership, Period, Point, Text,
};

pub(super) fn text(nl: &str, fr: Option<&str>, en: Option<&str>) -> Text {
    Text { nl: nl.into(), fr: fr.map(Into::into), en: en.map(Into::into) }
}

pub(super) fn cat(id: &str, kind: CategoryKind, nl: &str, fr: &str, en: &str) -> Category {
    Category { id: id.into(), kind, label: text(nl, Some(fr), Some(en)), group: None, keywords: Default::default() }
}

pub(super) fn muni(nis: &str, nl: &str, fr: Option<&str>, province: &str, postcodes: &[&str], point: (f64, f64)) -> Municipality {
    Municipality {
        nis: nis.into(),
        name: text(nl, fr, None),
        province: province.into(),
        postcodes: postcodes.iter().map(|p| p.to_string()).collect(),
        point: Some(Point { lat: point.0, lon: point.1 }),
        ..Default::default()
    }
}

#[allow(clippy::too_many_arguments)]
pub(super) fn initiative(
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

pub(super) fn partnership(id: &str, name: &str, members: &[&str]) -> Partnership {
    Partnership {
        id: id.into(),
        name: name.into(),
        members: members.iter().map(|s| s.to_string()).collect(),
        period: Period { from: 2020, to: 2025 },
        contact: Contact { organisation: name.into(), ..Default::default() },
        source_url: None,
        source_read: None,
        confidence: None,
        source_note: None,
        demo: true,
    }
}

pub(super) const IEPER: &str = "33011";
pub(super) const POPERINGE: &str = "33021";
pub(super) const KORTRIJK: &str = "34022";
pub(super) const SINT_NIKLAAS: &str = "46021";

/// Docs: 0 Energiesnoeiers Westhoek, 1 Kinderopvang De Crèche, 2 Fietspunt Station,
/// 3 Sociaal Restaurant De Kombuis, 4 Klusdienst Handig, 5 De Fietsenmakers, 6 Fietspunt,
/// 7 Wijk-werken Ieper.
pub(super) fn fixture() -> Dataset {
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

pub(super) fn docs(hits: &[Hit]) -> Vec<u32> {
    hits.iter().map(|h| h.doc).collect()
}
