//! The tables the generator draws from: initiative kinds and services with their texts in nl,
//! fr and en, made-up names and streets, the demo regions, and the real published partnerships.
//! The logic that uses them is in the other files.

use wegwijzer_core::model::Confidence;

pub(crate) struct KindDef {
    pub(crate) id: &'static str,
    pub(crate) label: [&'static str; 3],
    /// The `group` of its services.
    pub(crate) group: &'static str,
    /// Share of the initiatives of this kind, in percent.
    pub(crate) weight: u32,
    /// Description: `{a}` = the activities, `{g}` = the place.
    pub(crate) template: [&'static str; 3],
}

pub(crate) static KINDS: [KindDef; 4] = [
    KindDef {
        id: "lde",
        label: ["Lokale diensteneconomie", "Économie locale de services", "Local service economy"],
        group: "lde",
        weight: 45,
        template: [
            "Lokale dienst in {g}, door medewerkers in een werkervaringstraject: {a}.",
            "Service local à {g}, assuré par des travailleurs en parcours d'expérience professionnelle : {a}.",
            "Local service in {g}, provided by workers on a work-experience pathway: {a}.",
        ],
    },
    KindDef {
        id: "maatwerkbedrijf",
        label: ["Maatwerkbedrijf", "Entreprise de travail adapté", "Customised employment company"],
        group: "maatwerk",
        weight: 22,
        template: ["Werk op maat in {g}: {a}.", "Travail adapté à {g} : {a}.", "Customised jobs in {g}: {a}."],
    },
    KindDef {
        id: "arbeidszorg",
        label: ["Arbeidszorg", "Travail accompagné", "Supported work"],
        group: "arbeidszorg",
        weight: 15,
        template: [
            "Begeleid werk op eigen tempo in {g}: {a}.",
            "Travail accompagné, à son rythme, à {g} : {a}.",
            "Supported work at your own pace in {g}: {a}.",
        ],
    },
    KindDef {
        id: "wijk-werken",
        label: ["Wijk-werken", "Travail de quartier", "Neighbourhood work"],
        group: "wijk-werken",
        weight: 18,
        template: [
            "Werkzoekenden doen werkervaring op in {g}: {a}.",
            "Des demandeurs d'emploi acquièrent de l'expérience à {g} : {a}.",
            "Jobseekers gain work experience in {g}: {a}.",
        ],
    },
];

pub(crate) struct ServiceDef {
    pub(crate) id: &'static str,
    /// Id of the initiative type it belongs to.
    pub(crate) kind: &'static str,
    pub(crate) label: [&'static str; 3],
    /// First word(s) of an initiative's name.
    pub(crate) name_prefix: &'static str,
    /// What it does, lower case, for descriptions.
    pub(crate) activity: [&'static str; 3],
}

pub(crate) static SERVICES: [ServiceDef; 21] = [
    ServiceDef {
        id: "aanvullende-thuiszorg",
        kind: "lde",
        label: ["Aanvullende thuiszorg", "Aide à domicile complémentaire", "Supplementary home care"],
        name_prefix: "Thuiszorgdienst",
        activity: [
            "hulp bij poetsen, was en kleine taken voor ouderen en zieken",
            "aide au nettoyage, au linge et aux petites tâches pour les personnes âgées et malades",
            "help with cleaning, laundry and small tasks for older and sick people",
        ],
    },
    ServiceDef {
        id: "buurtgerichte-kinderopvang",
        kind: "lde",
        label: ["Buurtgerichte kinderopvang", "Accueil d'enfants de quartier", "Neighbourhood childcare"],
        name_prefix: "Buurtkinderopvang",
        activity: [
            "flexibele kinderopvang voor gezinnen uit de buurt",
            "accueil flexible d'enfants pour les familles du quartier",
            "flexible childcare for families in the neighbourhood",
        ],
    },
    ServiceDef {
        id: "vervoer-boodschappen",
        kind: "lde",
        label: [
            "Vervoer- en boodschappendienst",
            "Service de transport et de courses",
            "Transport and shopping service",
        ],
        name_prefix: "Boodschappendienst",
        activity: [
            "vervoer naar de dokter en hulp bij boodschappen voor wie minder mobiel is",
            "transport chez le médecin et aide aux courses pour les personnes moins mobiles",
            "rides to the doctor and help with shopping for people with limited mobility",
        ],
    },
    ServiceDef {
        id: "energiesnoeiers",
        kind: "lde",
        label: ["Energiesnoeiers", "Économies d'énergie à domicile", "Home energy savers"],
        name_prefix: "Energiesnoeiers",
        activity: [
            "energiescans en kleine energiebesparende ingrepen in woningen",
            "audits énergétiques et petits travaux d'économie d'énergie dans les logements",
            "energy scans and small energy-saving works in homes",
        ],
    },
    ServiceDef {
        id: "fietspunt",
        kind: "lde",
        label: ["Fietspunt", "Point vélo", "Bicycle point"],
        name_prefix: "Fietspunt",
        activity: [
            "herstel, verhuur en graveren van fietsen",
            "réparation, location et gravure de vélos",
            "bicycle repair, rental and engraving",
        ],
    },
    ServiceDef {
        id: "sociaal-restaurant",
        kind: "lde",
        label: ["Sociaal restaurant", "Restaurant social", "Social restaurant"],
        name_prefix: "Sociaal restaurant",
        activity: [
            "gezonde, betaalbare maaltijden en een plek om elkaar te ontmoeten",
            "repas sains et abordables et un lieu de rencontre",
            "healthy, affordable meals and a place to meet",
        ],
    },
    ServiceDef {
        id: "klusdienst",
        kind: "lde",
        label: ["Klusdienst", "Service de petits travaux", "Odd-jobs service"],
        name_prefix: "Klusdienst",
        activity: [
            "kleine herstellingen en klussen in huis voor wie ze niet zelf kan doen",
            "petites réparations et travaux à domicile pour qui ne peut pas les faire soi-même",
            "small repairs and odd jobs at home for people who cannot do them themselves",
        ],
    },
    ServiceDef {
        id: "groenonderhoud",
        kind: "lde",
        label: ["Ecologisch groenonderhoud", "Entretien écologique des espaces verts", "Ecological green maintenance"],
        name_prefix: "Groendienst",
        activity: [
            "ecologisch onderhoud van parken, bermen en tuinen",
            "entretien écologique des parcs, accotements et jardins",
            "ecological maintenance of parks, verges and gardens",
        ],
    },
    ServiceDef {
        id: "onderhoud-fiets-wandelpaden",
        kind: "lde",
        label: [
            "Onderhoud van fiets- en wandelpaden",
            "Entretien des pistes cyclables et des sentiers",
            "Maintenance of cycle and walking paths",
        ],
        name_prefix: "Padenploeg",
        activity: [
            "onderhoud van trage wegen, fiets- en wandelpaden",
            "entretien des chemins, pistes cyclables et sentiers",
            "maintenance of footpaths, cycle paths and walking trails",
        ],
    },
    ServiceDef {
        id: "buurtsport",
        kind: "lde",
        label: ["Buurtsport", "Sport de quartier", "Neighbourhood sport"],
        name_prefix: "Buurtsport",
        activity: [
            "laagdrempelige sport en spel in de wijk",
            "sport et jeux accessibles dans le quartier",
            "low-threshold sport and play in the neighbourhood",
        ],
    },
    ServiceDef {
        id: "preventieve-gezinsondersteuning",
        kind: "lde",
        label: ["Preventieve gezinsondersteuning", "Soutien préventif aux familles", "Preventive family support"],
        name_prefix: "Gezinsondersteuning",
        activity: [
            "ondersteuning van jonge gezinnen bij opvoeding en dagelijkse zorg",
            "soutien aux jeunes familles pour l'éducation et les soins quotidiens",
            "support for young families with parenting and daily care",
        ],
    },
    ServiceDef {
        id: "huisbewaarders",
        kind: "lde",
        label: [
            "Huisbewaarders in sociale huisvesting",
            "Concierges dans le logement social",
            "Caretakers in social housing",
        ],
        name_prefix: "Huisbewaarders",
        activity: [
            "aanspreekpunt en klein onderhoud in sociale woonwijken",
            "point de contact et petit entretien dans les quartiers de logements sociaux",
            "a point of contact and minor maintenance on social housing estates",
        ],
    },
    ServiceDef {
        id: "schoonmaak",
        kind: "maatwerkbedrijf",
        label: ["Schoonmaak", "Nettoyage", "Cleaning"],
        name_prefix: "Maatwerkbedrijf",
        activity: [
            "schoonmaak van kantoren en gebouwen",
            "nettoyage de bureaux et de bâtiments",
            "cleaning of offices and buildings",
        ],
    },
    ServiceDef {
        id: "productie-assemblage",
        kind: "maatwerkbedrijf",
        label: ["Productie en assemblage", "Production et assemblage", "Production and assembly"],
        name_prefix: "Maatwerkbedrijf",
        activity: [
            "productie, assemblage en verpakking voor bedrijven",
            "production, assemblage et conditionnement pour des entreprises",
            "production, assembly and packaging for businesses",
        ],
    },
    ServiceDef {
        id: "hergebruik-kringwinkel",
        kind: "maatwerkbedrijf",
        label: ["Hergebruik en kringwinkel", "Réemploi et magasin de seconde main", "Reuse and second-hand shop"],
        name_prefix: "Maatwerkbedrijf",
        activity: [
            "inzameling, sortering en verkoop van tweedehandsgoederen",
            "collecte, tri et vente d'articles de seconde main",
            "collection, sorting and sale of second-hand goods",
        ],
    },
    ServiceDef {
        id: "catering",
        kind: "maatwerkbedrijf",
        label: ["Catering", "Service traiteur", "Catering"],
        name_prefix: "Maatwerkbedrijf",
        activity: [
            "catering en broodjes voor bedrijven en evenementen",
            "service traiteur et sandwichs pour entreprises et événements",
            "catering and sandwiches for businesses and events",
        ],
    },
    ServiceDef {
        id: "atelierwerk",
        kind: "arbeidszorg",
        label: ["Atelierwerk", "Travail en atelier", "Workshop activities"],
        name_prefix: "Arbeidszorgatelier",
        activity: [
            "atelierwerk zoals houtbewerking, naaien en verpakken",
            "travail en atelier, comme la menuiserie, la couture et le conditionnement",
            "workshop activities such as woodwork, sewing and packing",
        ],
    },
    ServiceDef {
        id: "zorgboerderij",
        kind: "arbeidszorg",
        label: ["Zorgboerderij", "Ferme de soins", "Care farm"],
        name_prefix: "Zorgboerderij",
        activity: [
            "werk op een boerderij met dieren en een moestuin",
            "travail dans une ferme, avec des animaux et un potager",
            "work on a farm with animals and a vegetable garden",
        ],
    },
    ServiceDef {
        id: "huishoudelijke-ondersteuning",
        kind: "wijk-werken",
        label: ["Huishoudelijke ondersteuning", "Aide ménagère", "Household support"],
        name_prefix: "Wijk-werken",
        activity: [
            "hulp in het huishouden en de tuin",
            "aide au ménage et au jardin",
            "help with the household and the garden",
        ],
    },
    ServiceDef {
        id: "klussen-in-de-buurt",
        kind: "wijk-werken",
        label: ["Klussen in de buurt", "Petits travaux dans le quartier", "Odd jobs in the neighbourhood"],
        name_prefix: "Wijk-werken",
        activity: [
            "klussen en kleine herstellingen in de buurt",
            "petits travaux et réparations dans le quartier",
            "odd jobs and small repairs in the neighbourhood",
        ],
    },
    ServiceDef {
        id: "hulp-scholen-verenigingen",
        kind: "wijk-werken",
        label: [
            "Hulp bij scholen en verenigingen",
            "Aide aux écoles et aux associations",
            "Help for schools and associations",
        ],
        name_prefix: "Wijk-werken",
        activity: [
            "ondersteuning van scholen en verenigingen",
            "soutien aux écoles et aux associations",
            "support for schools and associations",
        ],
    },
];

/// Made-up names; combined with the service and the place, and always followed by "(demo)".
#[rustfmt::skip]
pub(crate) static FICTIONAL: [&str; 36] = [
    "De Zonnewijzer", "Horizon", "De Klaproos", "Het Kompas", "De Vlinder", "De Linde", "Het Baken",
    "De Kapstok", "De Passer", "De Vonk", "De Meander", "De Notelaar", "Het Lichtpunt", "De Boomgaard",
    "De Sprong", "Het Veer", "De Bolster", "De Kwartel", "Het Klaverblad", "De Wilg", "De Regenboog",
    "Atelier Horizon", "De Duizendpoot", "Het Spinnewiel", "De Kiem", "De Hazelaar", "De Waaier",
    "Het Zwaluwnest", "De Vlasbloem", "De Kaaistoep", "Het Kantwerk", "De Zeven Sprongen", "De Molenwiek",
    "De Paardenbloem", "De Distelvink", "De Korenbloem",
];

#[rustfmt::skip]
pub(crate) static STREETS: [&str; 24] = [
    "Dorpsstraat", "Kerkstraat", "Stationsstraat", "Molenstraat", "Nieuwstraat", "Schoolstraat", "Beekstraat",
    "Kapelstraat", "Markt", "Stationsplein", "Industrieweg", "Ambachtsweg", "Nijverheidsstraat", "Hoogstraat",
    "Veldstraat", "Bosstraat", "Lindelaan", "Gildestraat", "Kouter", "Brugstraat", "Kasteelstraat",
    "Populierenlaan", "Zandstraat", "Meersstraat",
];

/// English names of the Flemish places that have a common one.
pub(crate) fn english_name(nl: &str) -> Option<&'static str> {
    Some(match nl {
        "Antwerpen" => "Antwerp",
        "Brugge" => "Bruges",
        "Gent" => "Ghent",
        "Ieper" => "Ypres",
        "Oostende" => "Ostend",
        _ => return None,
    })
}

/// (id suffix, label, anchor lat, anchor lon): each demo partnership starts at the
/// municipality nearest its anchor and takes its nearest free neighbours.
pub(crate) static REGIONS: [(&str, &str, f64, f64); 6] = [
    ("kust", "Kust", 51.18, 2.85),
    ("west", "West", 50.85, 3.20),
    ("midden", "Midden", 51.02, 3.80),
    ("noord", "Noord", 51.30, 4.60),
    ("zuid", "Zuid", 50.85, 4.60),
    ("oost", "Oost", 51.00, 5.40),
];

/// The demo region that did not exist yet in the earlier period (all its members join), and
/// the earlier-only one that stopped (all its members leave): so that comparing the two
/// periods shows both.
pub(crate) const NEW_IN_2023: &str = "zuid";
pub(crate) static ENDED_IN_2022: (&str, &str, f64, f64) = ("schelde", "Schelde", 51.10, 4.20);
/// Members of the earlier period's version of a region: all but its farthest ones, which
/// join in 2023 (the members are in nearest-first order).
pub(crate) const JOIN_IN_2023: usize = 2;

/// A partnership whose members are published. Its members must be municipalities that did
/// not change in the 2025 mergers (the format lists members with the dataset's 2025 codes).
pub struct PublishedPartnership {
    pub id: &'static str,
    pub name: &'static str,
    pub organisation: &'static str,
    pub members: [&'static str; 3],
    pub period: (u16, u16),
    pub source_url: &'static str,
    /// When the source was read (`YYYY-MM-DD`).
    pub source_read: &'static str,
    pub confidence: Confidence,
    /// What the source leaves open.
    pub source_note: &'static str,
}

/// Real partnerships. socialeeconomie.be (the Flemish government's social-economy site)
/// describes the three former mining municipalities as jointly taking up the regie role.
/// The story is undated: it is placed in 2023-2025, the period the page was found in; its
/// membership, not the period, is what the source states. Contact details are not published
/// there, so none are given.
pub static PUBLISHED: [PublishedPartnership; 1] = [PublishedPartnership {
    id: "regie-beringen-heusden-zolder-houthalen-helchteren",
    name: "Regie sociale economie Beringen, Heusden-Zolder en Houthalen-Helchteren",
    organisation: "Lokale besturen van Beringen, Heusden-Zolder en Houthalen-Helchteren",
    members: ["71004", "71070", "72039"],
    period: (2023, 2025),
    source_url: "https://www.socialeeconomie.be/nl/verhalen/met-een-bredere-invalshoek-kunnen-we-als-regisseur-nog-meer-resultaten-boeken",
    // The date of the reference collection that lists it (../shared/reference,
    // regie_partnerships_found.csv): the page was read by then.
    source_read: "2026-11-30",
    // An interview with a member municipality's staff on the government's site: published by a
    // member, not an official list.
    confidence: Confidence::Published,
    source_note: "Ongedateerd verhaal met een medewerker van Heusden-Zolder; de periode 2023-2025 is een aanname.",
}];
