//! The partnerships: the real published ones, then demo partnerships in two periods.

use crate::contact::*;
use crate::helpers::*;
use crate::tables::*;
use crate::SEED;
use wegwijzer_core::model::{Contact, Municipality, Partnership, Period, Point};

/// The published partnerships whose members are all in `municipalities` (small test inputs
/// lack them).
pub(crate) fn published(municipalities: &[Municipality]) -> Vec<Partnership> {
    PUBLISHED
        .iter()
        .filter(|p| p.members.iter().all(|nis| municipalities.iter().any(|m| m.nis == *nis)))
        .map(|p| Partnership {
            id: p.id.into(),
            name: p.name.into(),
            members: p.members.iter().map(|s| s.to_string()).collect(),
            period: Period { from: p.period.0, to: p.period.1 },
            contact: Contact { organisation: p.organisation.into(), ..Contact::default() },
            source_url: Some(p.source_url.into()),
            source_read: Some(p.source_read.into()),
            confidence: Some(p.confidence),
            source_note: Some(p.source_note.into()),
            demo: false,
        })
        .collect()
}

pub(crate) fn demo_partnership(
    rng: &mut Rng,
    key: &str,
    label: &str,
    seat: &Municipality,
    members: Vec<String>,
    period: Period,
) -> Partnership {
    let name = format!("Demo-regie Sociale Economie {label}");
    let id_suffix = if period.from == 2023 { String::new() } else { format!("-{}", period.from) };
    Partnership {
        id: format!("demo-regie-{key}{id_suffix}"),
        name: name.clone(),
        members,
        period,
        contact: Contact {
            organisation: format!("Projectvereniging {name} (demo)"),
            address: Some(format!("{}, {} {}", street(rng), seat.postcodes[0], seat.name.nl)),
            phone: Some(phone(rng, &seat.province)),
            email: Some(format!("regie-{key}@example.org")),
            website: Some(format!("https://example.org/demo-regie-{key}")),
        },
        source_url: None,
        source_read: None,
        confidence: None,
        source_note: None,
        demo: true,
    }
}

/// The published partnerships, then six demo partnerships in 2023-2025 and their versions in
/// 2020-2022 (smaller, one missing, one that ended). The earlier period draws from its own
/// PRNG, so adding it left the 2023-2025 partnerships and the initiatives unchanged.
pub(crate) fn partnerships(rng: &mut Rng, municipalities: &[Municipality]) -> Vec<Partnership> {
    let point = |i: usize| municipalities[i].point.expect("located municipalities have a point");
    let nearest = |to: &Point, free: &[bool]| {
        (0..municipalities.len())
            .filter(|&i| free[i])
            .min_by(|&a, &b| distance_km(to, &point(a)).total_cmp(&distance_km(to, &point(b))).then(a.cmp(&b)))
    };
    let mut out = published(municipalities);
    let mut free: Vec<bool> = municipalities.iter().map(|m| !out.iter().any(|p| p.members.contains(&m.nis))).collect();
    let nis_sorted = |members: &[usize]| {
        let mut nis: Vec<String> = members.iter().map(|&i| municipalities[i].nis.clone()).collect();
        nis.sort();
        nis
    };
    // (region, seat, members nearest first) of the 2023-2025 demo partnerships.
    let mut regions = Vec::new();
    for &(key, label, lat, lon) in REGIONS.iter() {
        let Some(seed) = nearest(&Point { lat, lon }, &free) else { break };
        // 6 to 10 members; fewer when there are few municipalities (small test inputs).
        let size = (6 + rng.below(5)).min((municipalities.len() / REGIONS.len()).max(1));
        let mut members = Vec::new();
        while members.len() < size {
            let Some(i) = nearest(&point(seed), &free) else { break };
            free[i] = false;
            members.push(i);
        }
        let seat = &municipalities[seed];
        out.push(demo_partnership(rng, key, label, seat, nis_sorted(&members), Period { from: 2023, to: 2025 }));
        regions.push((key, label, seed, members));
    }
    let earlier = Period { from: 2020, to: 2022 };
    let mut rng_2020 = Rng::new(SEED ^ 2020);
    for (key, label, seed, members) in &regions {
        if *key == NEW_IN_2023 {
            continue;
        }
        let keep = members.len().saturating_sub(JOIN_IN_2023).max(1);
        let seat = &municipalities[*seed];
        out.push(demo_partnership(&mut rng_2020, key, label, seat, nis_sorted(&members[..keep]), earlier.clone()));
    }
    let (key, label, lat, lon) = ENDED_IN_2022;
    if let Some(seed) = nearest(&Point { lat, lon }, &free) {
        let mut members = Vec::new();
        while members.len() < 5 {
            let Some(i) = nearest(&point(seed), &free) else { break };
            free[i] = false;
            members.push(i);
        }
        let seat = &municipalities[seed];
        out.push(demo_partnership(&mut rng_2020, key, label, seat, nis_sorted(&members), earlier));
    }
    out
}
