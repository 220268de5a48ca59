//! Topology-preserving simplification of municipality boundaries.
//!
//! 1. [`Topology::build`] cuts every ring at its junctions (points where the set of neighbouring
//!    shapes changes) into arcs and stores each shared arc once, as TopoJSON does. Input borders
//!    must match vertex for vertex, which holds for anything decoded from one TopoJSON file
//!    (bit-identical coordinates) and for the dissolved output of `merge_shapes`.
//! 2. [`Topology::rank`] gives every arc point a Visvalingam–Whyatt weight: the area (m²) of the
//!    triangle it forms with its neighbours at the moment it would be removed. Arc end points are
//!    never removed, so two neighbours that share an arc share exactly the same simplified border.
//! 3. [`Topology::select`] keeps the points above a weight threshold and then adds points back
//!    until every ring has at least three distinct positions on the output grid, so no
//!    municipality, island or hole collapses.

use wegwijzer_core::map::{Polygon, Shape, Xy};
use std::cmp::Ordering;
use std::collections::{BinaryHeap, HashMap, HashSet};

type Key = (u64, u64);

fn key(p: Xy) -> Key {
    ((p[0] + 0.0).to_bits(), (p[1] + 0.0).to_bits())
}

/// A reference to an arc as TopoJSON writes it: `i` forwards, `!i` (= -i-1) backwards.
pub type ArcRef = i64;

#[derive(Clone, Debug, Default)]
pub struct TopoShape {
    pub id: String,
    /// Polygons → rings (exterior first) → arc references.
    pub polygons: Vec<Vec<Vec<ArcRef>>>,
}

#[derive(Clone, Debug, Default)]
pub struct Topology {
    /// Each arc from its first to its last point; a ring without junctions is one closed arc.
    pub arcs: Vec<Vec<Xy>>,
    pub shapes: Vec<TopoShape>,
    /// Per arc, per point: the Visvalingam weight (∞ for the end points). Filled by [`rank`].
    pub weights: Vec<Vec<f64>>,
}

/// Removes repeated consecutive points and the closing point.
fn clean_ring(ring: &[Xy]) -> Vec<Xy> {
    let mut out: Vec<Xy> = Vec::with_capacity(ring.len());
    for &p in ring {
        if out.last().is_none_or(|&q| key(q) != key(p)) {
            out.push(p);
        }
    }
    while out.len() > 1 && key(out[0]) == key(*out.last().expect("non-empty")) {
        out.pop();
    }
    out
}

struct ArcIndex {
    /// (first, second, last) point → arcs starting so.
    by_ends: HashMap<(Key, Key, Key), Vec<usize>>,
}

impl Topology {
    pub fn build(shapes: &[Shape]) -> Topology {
        let rings: Vec<Vec<Vec<Vec<Xy>>>> = shapes
            .iter()
            .map(|s| {
                s.polygons
                    .iter()
                    .map(|p| std::iter::once(&p.exterior).chain(p.holes.iter()).map(|r| clean_ring(r)).filter(|r| r.len() >= 3).collect())
                    .collect()
            })
            .collect();

        // A point is a junction when it is passed with different neighbours in different places.
        let mut neighbours: HashMap<Key, (Key, Key)> = HashMap::new();
        let mut junctions: HashSet<Key> = HashSet::new();
        for ring in rings.iter().flatten().flatten() {
            let n = ring.len();
            for i in 0..n {
                let (prev, p, next) = (key(ring[(i + n - 1) % n]), key(ring[i]), key(ring[(i + 1) % n]));
                match neighbours.get(&p) {
                    None => {
                        neighbours.insert(p, (prev, next));
                    }
                    Some(&(a, b)) => {
                        if !((a == prev && b == next) || (a == next && b == prev)) {
                            junctions.insert(p);
                        }
                    }
                }
            }
        }
        drop(neighbours);

        let mut topo = Topology::default();
        let mut index = ArcIndex { by_ends: HashMap::new() };
        for (s, shape) in shapes.iter().enumerate() {
            let mut polygons = Vec::new();
            for polygon in &rings[s] {
                let mut refs = Vec::new();
                for ring in polygon {
                    refs.push(topo.ring_arcs(ring, &junctions, &mut index));
                }
                if !refs.is_empty() {
                    polygons.push(refs);
                }
            }
            topo.shapes.push(TopoShape { id: shape.id.clone(), polygons });
        }
        topo
    }

    /// Splits one ring into arcs, reusing stored ones.
    fn ring_arcs(&mut self, ring: &[Xy], junctions: &HashSet<Key>, index: &mut ArcIndex) -> Vec<ArcRef> {
        let n = ring.len();
        let cuts: Vec<usize> = (0..n).filter(|&i| junctions.contains(&key(ring[i]))).collect();
        if cuts.is_empty() {
            // A closed arc. Start at the smallest point so both sides of an enclave agree.
            let start = (0..n).min_by_key(|&i| key(ring[i])).expect("ring has points");
            let mut arc: Vec<Xy> = (0..=n).map(|k| ring[(start + k) % n]).collect();
            // Orientation: the smaller neighbour of the start comes second.
            let reversed = key(arc[1]) > key(arc[n - 1]);
            if reversed {
                arc.reverse();
            }
            let i = self.intern(arc, index);
            return vec![if reversed { !(i as i64) } else { i as i64 }];
        }
        let mut refs = Vec::with_capacity(cuts.len());
        for (k, &a) in cuts.iter().enumerate() {
            let b = cuts.get(k + 1).copied().unwrap_or(cuts[0] + n);
            let arc: Vec<Xy> = (a..=b).map(|i| ring[i % n]).collect();
            refs.push(self.intern_directed(arc, index));
        }
        refs
    }

    /// Stores an arc unless it (or its reverse) is stored already; returns the reference.
    fn intern_directed(&mut self, arc: Vec<Xy>, index: &mut ArcIndex) -> ArcRef {
        let m = arc.len();
        let fwd = (key(arc[0]), key(arc[1]), key(arc[m - 1]));
        if let Some(list) = index.by_ends.get(&fwd) {
            for &i in list {
                if self.arcs[i].len() == m && self.arcs[i].iter().zip(&arc).all(|(a, b)| key(*a) == key(*b)) {
                    return i as i64;
                }
            }
        }
        let rev = (key(arc[m - 1]), key(arc[m - 2]), key(arc[0]));
        if let Some(list) = index.by_ends.get(&rev) {
            for &i in list {
                if self.arcs[i].len() == m && self.arcs[i].iter().rev().zip(&arc).all(|(a, b)| key(*a) == key(*b)) {
                    return !(i as i64);
                }
            }
        }
        let i = self.arcs.len();
        index.by_ends.entry(fwd).or_default().push(i);
        self.arcs.push(arc);
        i as i64
    }

    fn intern(&mut self, arc: Vec<Xy>, index: &mut ArcIndex) -> usize {
        let r = self.intern_directed(arc, index);
        if r >= 0 { r as usize } else { !r as usize }
    }

    pub fn point_count(&self) -> usize {
        self.arcs.iter().map(Vec::len).sum()
    }

    /// Visvalingam–Whyatt weights in square metres (equirectangular around latitude `lat0`, fine
    /// at the scale of one border), with the usual rule that a point's weight is never less than
    /// that of a point removed before it, so thresholds give nested results.
    pub fn rank(&mut self, lat0: f64) {
        let kx = 111_320.0 * lat0.to_radians().cos();
        let ky = 110_540.0;
        self.weights = self.arcs.iter().map(|arc| visvalingam(arc, kx, ky)).collect();
    }

    /// Which points to keep per arc: weight ≥ `threshold`, plus what each ring needs to keep three
    /// distinct positions after `snap` (the output grid).
    pub fn select(&self, threshold: f64, snap: impl Fn(Xy) -> (i64, i64)) -> Vec<Vec<bool>> {
        let mut keep: Vec<Vec<bool>> = self.weights.iter().map(|w| w.iter().map(|&x| x >= threshold).collect()).collect();
        for shape in &self.shapes {
            for ring in shape.polygons.iter().flatten() {
                loop {
                    let mut distinct = HashSet::new();
                    for &r in ring {
                        let a = if r >= 0 { r as usize } else { !r as usize };
                        for (p, _) in self.arcs[a].iter().zip(&keep[a]).filter(|(_, k)| **k) {
                            distinct.insert(snap(*p));
                        }
                    }
                    if distinct.len() >= 3 {
                        break;
                    }
                    // Add back the most important dropped point of this ring.
                    let mut best: Option<(usize, usize)> = None;
                    for &r in ring {
                        let a = if r >= 0 { r as usize } else { !r as usize };
                        for i in (0..self.arcs[a].len()).filter(|&i| !keep[a][i]) {
                            if best.is_none_or(|(ba, bi)| self.weights[a][i] > self.weights[ba][bi]) {
                                best = Some((a, i));
                            }
                        }
                    }
                    match best {
                        Some((a, i)) => keep[a][i] = true,
                        // Smaller than one grid cell even at full resolution: keep what there is.
                        None => break,
                    }
                }
            }
        }
        keep
    }
}

#[derive(PartialEq)]
struct Entry {
    area: f64,
    index: usize,
}

impl Eq for Entry {}

impl PartialOrd for Entry {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Entry {
    // Reversed: BinaryHeap is a max-heap and we pop the smallest area first.
    fn cmp(&self, other: &Self) -> Ordering {
        other.area.total_cmp(&self.area).then(other.index.cmp(&self.index))
    }
}

fn visvalingam(arc: &[Xy], kx: f64, ky: f64) -> Vec<f64> {
    let n = arc.len();
    let mut weight = vec![f64::INFINITY; n];
    if n < 3 {
        return weight;
    }
    let pts: Vec<Xy> = arc.iter().map(|p| [p[0] * kx, p[1] * ky]).collect();
    let area = |a: usize, b: usize, c: usize| {
        let (pa, pb, pc) = (pts[a], pts[b], pts[c]);
        ((pb[0] - pa[0]) * (pc[1] - pa[1]) - (pc[0] - pa[0]) * (pb[1] - pa[1])).abs() / 2.0
    };
    let mut prev: Vec<usize> = (0..n).map(|i| i.saturating_sub(1)).collect();
    let mut next: Vec<usize> = (0..n).map(|i| (i + 1).min(n - 1)).collect();
    let mut current = vec![0.0; n];
    let mut heap = BinaryHeap::with_capacity(n);
    for i in 1..n - 1 {
        current[i] = area(i - 1, i, i + 1);
        heap.push(Entry { area: current[i], index: i });
    }
    let mut removed = vec![false; n];
    let mut max_so_far: f64 = 0.0;
    while let Some(Entry { area: a, index: i }) = heap.pop() {
        if removed[i] || a != current[i] {
            continue; // stale entry
        }
        removed[i] = true;
        max_so_far = max_so_far.max(a);
        weight[i] = max_so_far;
        let (p, q) = (prev[i], next[i]);
        next[p] = q;
        prev[q] = p;
        for j in [p, q] {
            if j != 0 && j != n - 1 {
                current[j] = area(prev[j], j, next[j]);
                heap.push(Entry { area: current[j], index: j });
            }
        }
    }
    weight
}

/// The shapes of a topology with only the kept points, for checks and tests.
pub fn shapes_of(topo: &Topology, keep: &[Vec<bool>]) -> Vec<Shape> {
    let arc_points = |r: ArcRef| -> Vec<Xy> {
        let a = if r >= 0 { r as usize } else { !r as usize };
        let mut pts: Vec<Xy> = topo.arcs[a].iter().zip(&keep[a]).filter(|(_, k)| **k).map(|(p, _)| *p).collect();
        if r < 0 {
            pts.reverse();
        }
        pts
    };
    topo.shapes
        .iter()
        .map(|s| Shape {
            id: s.id.clone(),
            name: None,
            polygons: s
                .polygons
                .iter()
                .map(|rings| {
                    let mut rings = rings.iter().map(|refs| {
                        let mut ring: Vec<Xy> = Vec::new();
                        for &r in refs {
                            let pts = arc_points(r);
                            let skip = usize::from(!ring.is_empty());
                            ring.extend(pts.into_iter().skip(skip));
                        }
                        clean_ring(&ring)
                    });
                    let exterior = rings.next().unwrap_or_default();
                    Polygon { exterior, holes: rings.collect() }
                })
                .collect(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shape(id: &str, ring: Vec<Xy>) -> Shape {
        Shape { id: id.into(), name: None, polygons: vec![Polygon { exterior: ring, holes: vec![] }] }
    }

    #[test]
    fn shared_border_is_one_arc() {
        // Two squares sharing the edge x = 1, with an extra vertex on it.
        let a = shape("a", vec![[0.0, 0.0], [1.0, 0.0], [1.0, 0.5], [1.0, 1.0], [0.0, 1.0]]);
        let b = shape("b", vec![[1.0, 0.0], [2.0, 0.0], [2.0, 1.0], [1.0, 1.0], [1.0, 0.5]]);
        let t = Topology::build(&[a, b]);
        // Junctions at (1,0) and (1,1): the shared arc plus one outer arc per square.
        assert_eq!(t.arcs.len(), 3);
        let shared: Vec<ArcRef> = t.shapes[0].polygons[0][0].clone();
        assert!(t.shapes[1].polygons[0][0].iter().any(|r| shared.contains(&!*r)));
    }

    #[test]
    fn enclave_ring_is_stored_once() {
        let outer = Shape {
            id: "o".into(),
            name: None,
            polygons: vec![Polygon {
                exterior: vec![[0.0, 0.0], [4.0, 0.0], [4.0, 4.0], [0.0, 4.0]],
                holes: vec![vec![[1.0, 1.0], [1.0, 2.0], [2.0, 2.0], [2.0, 1.0]]],
            }],
        };
        let inner = shape("i", vec![[2.0, 2.0], [1.0, 2.0], [1.0, 1.0], [2.0, 1.0]]);
        let t = Topology::build(&[outer, inner]);
        assert_eq!(t.arcs.len(), 2);
    }

    #[test]
    fn rings_keep_a_triangle() {
        // A tiny square: a huge threshold would drop everything but the closing point.
        let mut t = Topology::build(&[shape("a", vec![[4.0, 51.0], [4.0001, 51.0], [4.0001, 51.0001], [4.0, 51.0001]])]);
        t.rank(51.0);
        let keep = t.select(f64::INFINITY, |p| ((p[0] * 1e6) as i64, (p[1] * 1e6) as i64));
        let shapes = shapes_of(&t, &keep);
        assert_eq!(shapes[0].polygons[0].exterior.len(), 3);
    }
}
