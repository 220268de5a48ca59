//! Micro-benchmark: cargo test -p wegwijzer-core --release --lib search -- --ignored --nocapture
//! Knobs: BENCH_DOCS (default 10000), BENCH_RUNS per query (30), BENCH_QUERY (only that
//! query), BENCH_NO_STRINGS (skip timing the string-based free functions).

use super::test_support::{cat, initiative, muni, partnership, text};
use super::{apply_filters, facet_counts, Filters, SearchIndex};
use crate::dataset::Dataset;
use crate::model::{Category, CategoryKind, Municipality};

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
