//! The demo initiatives: kind, services, place, texts and contact details.

use crate::categories::*;
use crate::contact::*;
use crate::helpers::*;
use crate::placement::*;
use crate::tables::*;
use wegwijzer_core::model::{Address, Initiative, Municipality, Point, Text};

/// For each municipality, the others by distance (nearest first, at most `k`).
pub(crate) fn neighbours(municipalities: &[Municipality], k: usize) -> Vec<Vec<usize>> {
    let points: Vec<Point> = municipalities.iter().map(|m| m.point.expect("located")).collect();
    (0..points.len())
        .map(|i| {
            let mut others: Vec<(f64, usize)> =
                (0..points.len()).filter(|&j| j != i).map(|j| (distance_km(&points[i], &points[j]), j)).collect();
            others.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
            others.into_iter().take(k).map(|(_, j)| j).collect()
        })
        .collect()
}

pub(crate) fn description(rng: &mut Rng, kind: &KindDef, services: &[&ServiceDef], m: &Municipality) -> Text {
    let fr: &str = m.name.fr.as_deref().unwrap_or(&m.name.nl);
    let en: &str = match english_name(&m.name.nl) {
        Some(en) => en,
        None => &m.name.nl,
    };
    let place = [m.name.nl.as_str(), fr, en];
    let text = |lang: usize| {
        // Activities contain commas and "en" themselves, so several are joined with "; ".
        let a = services.iter().map(|s| s.activity[lang]).collect::<Vec<_>>().join(["; ", " ; ", "; "][lang]);
        kind.template[lang].replace("{a}", &a).replace("{g}", place[lang])
    };
    // Roughly half get French and English too, a few only one of them.
    let r = rng.below(100);
    Text {
        nl: text(0),
        fr: (r < 50 || (50..55).contains(&r)).then(|| text(1)),
        en: (r < 50 || (55..60).contains(&r)).then(|| text(2)),
    }
}

/// `n` initiatives spread over `municipalities`, each point inside its own municipality when
/// `boundaries` are given (see placement.rs); an error when a municipality has no room for one.
pub(crate) fn initiatives(
    rng: &mut Rng,
    n: usize,
    municipalities: &[Municipality],
    boundaries: &Boundaries,
) -> Result<Vec<Initiative>, String> {
    let near = neighbours(municipalities, 6);
    let total_weight: u32 = KINDS.iter().map(|k| k.weight).sum();
    // Every municipality once per round, in a fresh random order each round.
    let mut order: Vec<usize> = (0..municipalities.len()).collect();
    let mut next = order.len();
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        if next == order.len() {
            rng.shuffle(&mut order);
            next = 0;
        }
        let mi = order[next];
        next += 1;
        let m = &municipalities[mi];

        // The first initiatives take each service in turn, so every category is used.
        let primary: &ServiceDef = if let Some(service) = SERVICES.get(i) {
            service
        } else {
            let mut w = rng.below(total_weight as usize) as u32;
            let mut kind = &KINDS[0];
            for k in KINDS.iter() {
                if w < k.weight {
                    kind = k;
                    break;
                }
                w -= k.weight;
            }
            let own: Vec<&ServiceDef> = SERVICES.iter().filter(|s| s.kind == kind.id).collect();
            own[rng.below(own.len())]
        };
        let kind = kind_def(primary.kind);
        let extra = match kind.id {
            "lde" => usize::from(rng.chance(20)),
            "maatwerkbedrijf" => rng.below(3),
            "arbeidszorg" => usize::from(rng.chance(30)),
            _ => usize::from(rng.chance(50)),
        };
        let mut services = vec![primary];
        let mut others: Vec<&ServiceDef> =
            SERVICES.iter().filter(|s| s.kind == kind.id && s.id != primary.id).collect();
        rng.shuffle(&mut others);
        services.extend(others.into_iter().take(extra));

        let id = format!("demo-{:05}", i + 1);
        let name = format!("{} {} {} (demo)", primary.name_prefix, rng.pick(&FICTIONAL), m.name.nl);
        let description = description(rng, kind, &services, m);
        let address =
            Address { street: street(rng), postcode: rng.pick(&m.postcodes).clone(), locality: m.name.nl.clone() };
        let centre = m.point.expect("located");
        let point = place(boundaries, i, &m.nis, &centre, jitter(rng, &centre, 2.0))?;
        let phone = rng.chance(85).then(|| phone(rng, &m.province));
        let email = rng.chance(80).then(|| format!("{}-{:05}@example.org", slug(primary.name_prefix), i + 1));
        let website = rng.chance(70).then(|| format!("https://example.org/{id}"));
        let serves_max = match kind.id {
            "lde" | "arbeidszorg" => 2,
            _ => 4,
        };
        let mut pool = near[mi].clone();
        rng.shuffle(&mut pool);
        let mut serves: Vec<String> =
            pool.into_iter().take(rng.below(serves_max + 1)).map(|j| municipalities[j].nis.clone()).collect();
        serves.sort();
        let month = 1 + rng.below(11);
        let day = 1 + rng.below(if month == 11 { 22 } else { 28 });
        let mut initiative = Initiative {
            id,
            name,
            kind: kind.id.into(),
            services: services.iter().map(|s| s.id.to_string()).collect(),
            description: Some(description),
            address,
            nis: m.nis.clone(),
            point: Some(point),
            phone,
            email,
            website,
            serves,
            updated_at: format!("2026-{month:02}-{day:02}"),
            ..Default::default()
        };
        crate::details::fill(&mut initiative, i, primary.id);
        out.push(initiative);
    }
    Ok(out)
}
