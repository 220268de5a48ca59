//! Municipality shapes in any planar or lon/lat coordinates, and what the map does with them:
//! SVG path strings, centroids, adjacency from shared borders, and dissolving shapes into the
//! municipalities formed by a merger.

use super::projection::Bounds;
use std::collections::{BTreeMap, HashMap};
use crate::order;

/// A coordinate pair: (lon, lat) in WGS84, or (x, y) in a planar system.
pub type Xy = [f64; 2];

/// A closed ring without the repeated closing point (SVG's `Z` closes it).
pub type Ring = Vec<Xy>;

/// One polygon: an exterior ring and its holes.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Polygon {
    pub exterior: Ring,
    pub holes: Vec<Ring>,
}

/// One municipality (or any area): its code, optional name, and polygons.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Shape {
    /// The chosen id property, for municipalities the NIS code.
    pub id: String,
    pub name: Option<String>,
    pub polygons: Vec<Polygon>,
}

impl Shape {
    /// Every ring of every polygon, exteriors and holes alike.
    pub fn rings(&self) -> impl Iterator<Item = &Ring> {
        self.polygons.iter().flat_map(|p| std::iter::once(&p.exterior).chain(p.holes.iter()))
    }

    pub fn is_empty(&self) -> bool {
        self.polygons.iter().all(|p| p.exterior.len() < 3)
    }

    /// Whether the point `p` (in the shape's units, `[lon, lat]` for WGS84) lies inside the
    /// shape: inside an exterior ring and in none of that polygon's holes (even-odd rule, see
    /// [`point_in_ring`]). Used to check that a point lies in its own municipality.
    ///
    /// ```
    /// use wegwijzer_core::map::shapes::{Polygon, Shape};
    /// let square = |a: f64, b: f64| vec![[a, a], [b, a], [b, b], [a, b]];
    /// let s = Shape { id: "1".into(), name: None, polygons: vec![Polygon { exterior: square(0.0, 4.0), holes: vec![square(1.0, 2.0)] }] };
    /// assert!(s.contains([3.0, 3.0]) && !s.contains([1.5, 1.5]) && !s.contains([5.0, 1.0]));
    /// ```
    pub fn contains(&self, p: Xy) -> bool {
        self.polygons.iter().any(|poly| point_in_ring(p, &poly.exterior) && !poly.holes.iter().any(|h| point_in_ring(p, h)))
    }

    pub fn point_count(&self) -> usize {
        self.rings().map(Vec::len).sum()
    }

    pub fn bounds(&self) -> Bounds {
        let mut b = Bounds::empty();
        for ring in self.rings() {
            for &p in ring {
                b.extend(p);
            }
        }
        b
    }

    /// Area in squared input units: exteriors minus holes, whatever the ring orientation.
    pub fn area(&self) -> f64 {
        self.polygons
            .iter()
            .map(|p| ring_area(&p.exterior).abs() - p.holes.iter().map(|h| ring_area(h).abs()).sum::<f64>())
            .sum()
    }

    /// Area-weighted centroid, the representative point for the hex map. `None` for an empty
    /// shape. For a concave shape it can fall outside, which is fine for a layout seed.
    pub fn centroid(&self) -> Option<Xy> {
        let (mut sx, mut sy, mut sa) = (0.0, 0.0, 0.0);
        for p in &self.polygons {
            let mut add = |ring: &Ring, sign: f64| {
                let a = ring_area(ring);
                if a != 0.0 {
                    let c = ring_centroid(ring, a);
                    let w = sign * a.abs();
                    sx += c[0] * w;
                    sy += c[1] * w;
                    sa += w;
                }
            };
            add(&p.exterior, 1.0);
            for h in &p.holes {
                add(h, -1.0);
            }
        }
        (sa.abs() > 0.0).then(|| [sx / sa, sy / sa])
    }

    /// The same shape with every point mapped by `f` (a projection).
    pub fn map_points(&self, f: impl Fn(Xy) -> Xy) -> Shape {
        let ring = |r: &Ring| r.iter().map(|&p| f(p)).collect::<Ring>();
        Shape {
            id: self.id.clone(),
            name: self.name.clone(),
            polygons: self
                .polygons
                .iter()
                .map(|p| Polygon { exterior: ring(&p.exterior), holes: p.holes.iter().map(ring).collect() })
                .collect(),
        }
    }
}

/// Signed area (shoelace); positive when counter-clockwise in a y-up system.
pub fn ring_area(ring: &[Xy]) -> f64 {
    let n = ring.len();
    if n < 3 {
        return 0.0;
    }
    let mut s = 0.0;
    for i in 0..n {
        let (a, b) = (ring[i], ring[(i + 1) % n]);
        s += a[0] * b[1] - b[0] * a[1];
    }
    s / 2.0
}

fn ring_centroid(ring: &[Xy], signed_area: f64) -> Xy {
    // Relative to the first point, so large planar coordinates (Lambert 72) keep their precision.
    let o = ring[0];
    let (mut cx, mut cy) = (0.0, 0.0);
    let n = ring.len();
    for i in 0..n {
        let (a, b) = (ring[i], ring[(i + 1) % n]);
        let (ax, ay, bx, by) = (a[0] - o[0], a[1] - o[1], b[0] - o[0], b[1] - o[1]);
        let cross = ax * by - bx * ay;
        cx += (ax + bx) * cross;
        cy += (ay + by) * cross;
    }
    [o[0] + cx / (6.0 * signed_area), o[1] + cy / (6.0 * signed_area)]
}

/// Whether `p` lies inside the closed `ring` (even-odd crossing rule).
pub fn point_in_ring(p: Xy, ring: &[Xy]) -> bool {
    let mut inside = false;
    let n = ring.len();
    let mut j = n.wrapping_sub(1);
    for i in 0..n {
        let (a, b) = (ring[i], ring[j]);
        if (a[1] > p[1]) != (b[1] > p[1]) && p[0] < (b[0] - a[0]) * (p[1] - a[1]) / (b[1] - a[1]) + a[0] {
            inside = !inside;
        }
        j = i;
    }
    inside
}

/// Writes a number of tenths as a decimal: "12" rather than "12.0", ".5" rather than "0.5", and
/// never "-0". One decimal is sub-pixel at map sizes and keeps the DOM small.
fn tenths(t: i64, out: &mut String) {
    let a = t.unsigned_abs();
    // Written backwards into a buffer and pushed at once: formatting tens of thousands of
    // numbers with `to_string` (an allocation each) was most of the cost of a path.
    let mut buf = [0u8; 24];
    let mut at = buf.len();
    let mut put = |b: u8| {
        at -= 1;
        buf[at] = b;
    };
    if a % 10 != 0 {
        put(b'0' + (a % 10) as u8);
        put(b'.');
    }
    let mut n = a / 10;
    // "0.5" is written ".5"; a whole 0 stays "0".
    if a == 0 {
        put(b'0');
    }
    while n > 0 {
        put(b'0' + (n % 10) as u8);
        n /= 10;
    }
    if t < 0 {
        put(b'-');
    }
    out.push_str(std::str::from_utf8(&buf[at..]).unwrap_or_default());
}

/// Appends a number of a path's coordinate list: a space separates it from the previous one
/// unless its own minus sign does.
fn next_number(t: i64, out: &mut String) {
    if t >= 0 {
        out.push(' ');
    }
    tenths(t, out);
}

/// The SVG path data (`d`) of an already projected shape, rounded to one decimal: per ring an
/// absolute `M x y`, then `l` with each point relative to the previous one (mostly a few tenths,
/// so about half the characters of absolute points: the markup of 285 real boundaries is parsed
/// on every visit to the map), dropping points that round onto the previous one, and `Z`. Draw
/// it with `fill-rule="evenodd"` so holes stay holes whatever their orientation.
///
/// ```
/// use wegwijzer_core::map::{svg_path, Polygon, Shape};
/// let square = Shape {
///     id: "x".into(),
///     name: None,
///     polygons: vec![Polygon { exterior: vec![[0.0, 0.0], [10.04, 0.0], [10.0, 10.0]], holes: vec![] }],
/// };
/// assert_eq!(svg_path(&square), "M0 0l10 0 0 10Z");
/// ```
pub fn svg_path(shape: &Shape) -> String {
    let mut out = String::with_capacity(shape.point_count() * 7);
    for ring in shape.rings() {
        // Deltas are taken between rounded points, so rounding never accumulates along a ring.
        let mut last: Option<(i64, i64)> = None;
        let mut written = 0;
        let start = out.len();
        for &p in ring {
            let key = ((p[0] * 10.0).round() as i64, (p[1] * 10.0).round() as i64);
            match last {
                Some(prev) if prev == key => continue,
                Some(prev) => {
                    if written == 1 {
                        out.push('l');
                        tenths(key.0 - prev.0, &mut out);
                    } else {
                        next_number(key.0 - prev.0, &mut out);
                    }
                    next_number(key.1 - prev.1, &mut out);
                }
                None => {
                    out.push('M');
                    tenths(key.0, &mut out);
                    next_number(key.1, &mut out);
                }
            }
            last = Some(key);
            written += 1;
        }
        if written < 3 {
            // Too small to see at this scale: drop it rather than emit a degenerate ring.
            out.truncate(start);
        } else {
            out.push('Z');
        }
    }
    out
}

/// Bit-exact key of a point: shared borders decoded from one TopoJSON arc are bit-identical.
fn key(p: Xy) -> (u64, u64) {
    // +0.0 so that -0.0 and 0.0 are the same vertex.
    ((p[0] + 0.0).to_bits(), (p[1] + 0.0).to_bits())
}

/// Pairs of shapes (indices into `shapes`, smaller first, sorted) that share a stretch of border.
/// For TopoJSON input this is exactly "their rings share an arc"; touching in a single point does
/// not count. GeoJSON borders count only where both sides use identical vertices.
///
/// ```
/// use wegwijzer_core::map::{shared_arc_adjacency, Polygon, Shape};
/// let sq = |id: &str, x: f64| Shape { id: id.into(), name: None, polygons: vec![Polygon {
///     exterior: vec![[x, 0.0], [x + 1.0, 0.0], [x + 1.0, 1.0], [x, 1.0]], holes: vec![] }] };
/// assert_eq!(shared_arc_adjacency(&[sq("a", 0.0), sq("b", 1.0), sq("c", 5.0)]), vec![(0, 1)]);
/// ```
pub fn shared_arc_adjacency(shapes: &[Shape]) -> Vec<(usize, usize)> {
    // Every undirected segment with its shape, sorted so equal segments sit together: cheaper
    // than hashing tens of thousands of segments. Within a run of one segment the first shape is
    // the lowest index, paired with each other shape that walks it.
    type Segment = ((u64, u64), (u64, u64));
    let mut segments: Vec<(Segment, usize)> = Vec::new();
    for (i, shape) in shapes.iter().enumerate() {
        for ring in shape.rings() {
            let n = ring.len();
            for k in 0..n {
                let (a, b) = (key(ring[k]), key(ring[(k + 1) % n]));
                if a != b {
                    segments.push((if a < b { (a, b) } else { (b, a) }, i));
                }
            }
        }
    }
    // std's sort, not `order`: tens of thousands of plain keys (see order.rs).
    segments.sort_unstable();
    let mut pairs = Vec::new();
    for run in segments.chunk_by(|x, y| x.0 == y.0) {
        let first = run[0].1;
        pairs.extend(run[1..].iter().filter(|s| s.1 != first).map(|s| (first, s.1)));
    }
    pairs.sort_unstable();
    pairs.dedup();
    pairs
}

/// Dissolves shapes into groups: `target(id)` names the group (for mergers, the new NIS code).
/// Borders shared inside a group are removed, so a merged municipality is drawn as one outline;
/// when the outline cannot be stitched (borders that do not match vertex for vertex) the group
/// keeps its parts' polygons, which still draw correctly. Output is sorted by group id; the name is
/// kept only from a part whose id equals the group's.
///
/// ```
/// use wegwijzer_core::map::{merge_shapes, Polygon, Shape};
/// let sq = |id: &str, x: f64| Shape { id: id.into(), name: None, polygons: vec![Polygon {
///     exterior: vec![[x, 0.0], [x + 1.0, 0.0], [x + 1.0, 1.0], [x, 1.0]], holes: vec![] }] };
/// let merged = merge_shapes(&[sq("11002", 0.0), sq("11007", 1.0)], |_| "11002".to_string());
/// assert_eq!(merged.len(), 1);
/// assert_eq!(merged[0].polygons.len(), 1);
/// assert!((merged[0].area() - 2.0).abs() < 1e-12);
/// ```
pub fn merge_shapes(shapes: &[Shape], target: impl Fn(&str) -> String) -> Vec<Shape> {
    let mut groups: BTreeMap<String, Vec<&Shape>> = BTreeMap::new();
    for s in shapes {
        groups.entry(target(&s.id)).or_default().push(s);
    }
    groups
        .into_iter()
        .map(|(id, parts)| {
            let name = parts.iter().find(|p| p.id == id).and_then(|p| p.name.clone());
            let polygons = if parts.len() == 1 {
                parts[0].polygons.clone()
            } else {
                dissolve(&parts).unwrap_or_else(|| parts.iter().flat_map(|p| p.polygons.clone()).collect())
            };
            Shape { id, name, polygons }
        })
        .collect()
}

/// Removes segments walked in both directions (inner borders) and stitches the rest into rings.
fn dissolve(parts: &[&Shape]) -> Option<Vec<Polygon>> {
    // Exteriors of one source share an orientation; remember it to tell outlines from holes.
    let exterior_sign = parts
        .iter()
        .flat_map(|s| s.polygons.iter())
        .map(|p| ring_area(&p.exterior).signum())
        .sum::<f64>()
        .signum();
    let mut segments: Vec<(Xy, Xy)> = Vec::new();
    let mut count: HashMap<((u64, u64), (u64, u64)), i32> = HashMap::new();
    for s in parts {
        for p in &s.polygons {
            for ring in std::iter::once(&p.exterior).chain(p.holes.iter()) {
                let n = ring.len();
                for k in 0..n {
                    let (a, b) = (ring[k], ring[(k + 1) % n]);
                    if key(a) != key(b) {
                        segments.push((a, b));
                        *count.entry((key(a), key(b))).or_default() += 1;
                    }
                }
            }
        }
    }
    let outer: Vec<(Xy, Xy)> =
        segments.into_iter().filter(|(a, b)| !count.contains_key(&(key(*b), key(*a)))).collect();
    let mut from: HashMap<(u64, u64), Vec<usize>> = HashMap::new();
    for (i, (a, _)) in outer.iter().enumerate() {
        from.entry(key(*a)).or_default().push(i);
    }
    // Pop from the back so a pinch point takes its segments in a fixed, deterministic order.
    for v in from.values_mut() {
        v.reverse();
    }
    let mut used = vec![false; outer.len()];
    let mut rings: Vec<Ring> = Vec::new();
    for start in 0..outer.len() {
        if used[start] {
            continue;
        }
        used[start] = true;
        let first = key(outer[start].0);
        let mut ring = vec![outer[start].0];
        let mut end = outer[start].1;
        while key(end) != first {
            let next = loop {
                let i = from.get_mut(&key(end))?.pop()?;
                if !used[i] {
                    break i;
                }
            };
            used[next] = true;
            ring.push(end);
            end = outer[next].1;
        }
        if ring.len() >= 3 {
            rings.push(ring);
        }
    }
    let (mut exteriors, holes): (Vec<Ring>, Vec<Ring>) =
        rings.into_iter().partition(|r| ring_area(r).signum() == exterior_sign || exterior_sign == 0.0);
    if exteriors.is_empty() {
        return None;
    }
    order::sort_by(&mut exteriors, |a, b| ring_area(a).abs().total_cmp(&ring_area(b).abs()));
    let mut polygons: Vec<Polygon> =
        exteriors.into_iter().map(|exterior| Polygon { exterior, holes: vec![] }).collect();
    for hole in holes {
        // The smallest outline that contains the hole (exteriors are sorted by area).
        match polygons.iter_mut().find(|p| point_in_ring(hole[0], &p.exterior)) {
            Some(p) => p.holes.push(hole),
            None => polygons.push(Polygon { exterior: hole, holes: vec![] }),
        }
    }
    Some(polygons)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn square(id: &str, x: f64, y: f64, size: f64) -> Shape {
        Shape {
            id: id.into(),
            name: Some(id.to_uppercase()),
            polygons: vec![Polygon {
                exterior: vec![[x, y], [x + size, y], [x + size, y + size], [x, y + size]],
                holes: vec![],
            }],
        }
    }

    #[test]
    fn centroid_and_area_respect_holes() {
        let mut s = square("a", 0.0, 0.0, 4.0);
        // A clockwise hole in the left half moves the centroid right.
        s.polygons[0].holes.push(vec![[0.5, 0.5], [0.5, 3.5], [1.5, 3.5], [1.5, 0.5]]);
        assert!((s.area() - 13.0).abs() < 1e-12);
        let c = s.centroid().unwrap();
        assert!(c[0] > 2.0 && (c[1] - 2.0).abs() < 1e-12, "{c:?}");
        assert_eq!(Shape::default().centroid(), None);
    }

    #[test]
    fn path_rounds_and_formats_negatives() {
        let s = Shape {
            id: "x".into(),
            name: None,
            polygons: vec![Polygon {
                exterior: vec![[-0.04, 1.25], [3.333, -2.0], [3.3331, -2.0], [5.0, 5.0]],
                holes: vec![vec![[0.0, 0.0], [0.01, 0.01], [0.02, 0.0]]],
            }],
        };
        // The hole collapses to one point at this precision and is dropped.
        assert_eq!(svg_path(&s), "M0 1.3l3.3-3.3 1.7 7Z");
        let wide = Shape {
            id: "y".into(),
            name: None,
            polygons: vec![Polygon { exterior: vec![[1234.56, -0.7], [-1005.0, 90.0], [10.0, -120.05]], holes: vec![] }],
        };
        assert_eq!(svg_path(&wide), "M1234.6-.7l-2239.6 90.7 1015-210.1Z");
    }

    /// Reads path data as `svg_path` writes it back into absolute points, in tenths.
    fn read_path(d: &str) -> Vec<Vec<(i64, i64)>> {
        let mut rings: Vec<Vec<(i64, i64)>> = Vec::new();
        let mut numbers: Vec<i64> = Vec::new();
        let mut command = ' ';
        let flush = |command: char, numbers: &mut Vec<i64>, rings: &mut Vec<Vec<(i64, i64)>>| {
            for pair in numbers.chunks(2) {
                match command {
                    'M' => rings.push(vec![(pair[0], pair[1])]),
                    'l' => {
                        let ring = rings.last_mut().unwrap();
                        let last = *ring.last().unwrap();
                        ring.push((last.0 + pair[0], last.1 + pair[1]));
                    }
                    _ => panic!("numbers after {command:?}"),
                }
            }
            numbers.clear();
        };
        let mut rest = d;
        while let Some(c) = rest.chars().next() {
            if matches!(c, 'M' | 'l' | 'Z') {
                flush(command, &mut numbers, &mut rings);
                command = c;
                rest = &rest[1..];
            } else if c == ' ' {
                rest = &rest[1..];
            } else {
                // One number: an optional sign, digits, at most one point.
                let mut end = usize::from(c == '-');
                let mut seen_point = false;
                for ch in rest[end..].chars() {
                    if ch.is_ascii_digit() || (ch == '.' && !seen_point) {
                        seen_point |= ch == '.';
                        end += 1;
                    } else {
                        break;
                    }
                }
                let value: f64 = rest[..end].parse().unwrap();
                numbers.push((value * 10.0).round() as i64);
                rest = &rest[end..];
            }
        }
        flush(command, &mut numbers, &mut rings);
        rings
    }

    #[test]
    fn relative_path_gives_back_every_rounded_point() {
        // A ring of 200 points around an off-grid centre, and a hole: small and large steps,
        // both signs, whole and fractional tenths.
        let circle = |cx: f64, cy: f64, r: f64, n: usize| -> Vec<Xy> {
            (0..n).map(|i| {
                let a = i as f64 / n as f64 * std::f64::consts::TAU;
                [cx + r * a.cos(), cy + r * a.sin() * 0.7]
            }).collect()
        };
        let shape = Shape {
            id: "x".into(),
            name: None,
            polygons: vec![Polygon { exterior: circle(400.33, -50.77, 123.456, 200), holes: vec![circle(410.0, -40.0, 3.21, 40)] }],
        };
        let expected: Vec<Vec<(i64, i64)>> = shape
            .rings()
            .map(|ring| {
                let mut points: Vec<(i64, i64)> = ring.iter().map(|p| ((p[0] * 10.0).round() as i64, (p[1] * 10.0).round() as i64)).collect();
                points.dedup();
                points
            })
            .collect();
        let d = svg_path(&shape);
        assert_eq!(read_path(&d), expected);
        // Relative steps take fewer characters than absolute points would.
        let absolute: usize = expected.iter().flatten().map(|p| format!("L{} {}", p.0 as f64 / 10.0, p.1 as f64 / 10.0).len()).sum();
        assert!(d.len() * 10 < absolute * 7, "{} vs {absolute}", d.len());
    }

    #[test]
    fn adjacency_ignores_corner_touch() {
        let shapes = [square("a", 0.0, 0.0, 1.0), square("b", 1.0, 1.0, 1.0), square("c", 0.0, 1.0, 1.0)];
        assert_eq!(shared_arc_adjacency(&shapes), vec![(0, 2), (1, 2)]);
    }

    #[test]
    fn merge_dissolves_inner_borders_and_keeps_holes() {
        // A ring of four squares around a missing centre: the union has one hole.
        let mut parts = Vec::new();
        for (i, (x, y)) in [(0.0, 0.0), (1.0, 0.0), (2.0, 0.0), (0.0, 1.0), (2.0, 1.0), (0.0, 2.0), (1.0, 2.0), (2.0, 2.0)]
            .into_iter()
            .enumerate()
        {
            parts.push(square(&format!("p{i}"), x, y, 1.0));
        }
        parts.push(square("other", 5.0, 5.0, 1.0));
        let merged = merge_shapes(&parts, |id| if id == "other" { "other".into() } else { "p0".into() });
        assert_eq!(merged.len(), 2);
        let m = &merged[1];
        assert_eq!(m.id, "p0");
        assert_eq!(m.name.as_deref(), Some("P0"));
        assert_eq!(m.polygons.len(), 1);
        assert_eq!(m.polygons[0].holes.len(), 1);
        assert!((m.area() - 8.0).abs() < 1e-12);
        assert_eq!(merged[0].polygons, parts[8].polygons);
    }

    #[test]
    fn merge_of_disjoint_parts_keeps_both() {
        let merged = merge_shapes(&[square("a", 0.0, 0.0, 1.0), square("b", 3.0, 0.0, 1.0)], |_| "n".into());
        assert_eq!(merged.len(), 1);
        assert_eq!(merged[0].polygons.len(), 2);
        assert_eq!(merged[0].name, None);
    }
}
