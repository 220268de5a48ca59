//! From coordinates in the data to the SVG's coordinate system.
//!
//! The map projection is equirectangular with the x axis scaled by cos(φ₀) at the centre of the
//! data. Flanders spans only 50.7°–51.5° N, so the scale differs by under ±1 % from a conformal
//! (Lambert) projection across the whole region, which is invisible on a phone-sized map; in
//! exchange it is one multiplication per coordinate and trivially invertible (for tap positions).
//!
//! Data in Belgian Lambert 72 (EPSG:31370) is converted to WGS84 first with
//! [`lambert72_to_wgs84`], so both kinds of reference data draw the same way.

use super::shapes::{Shape, Xy};

/// An axis-aligned rectangle; empty until a point is added.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Bounds {
    pub min: Xy,
    pub max: Xy,
}

impl Bounds {
    pub fn empty() -> Bounds {
        Bounds { min: [f64::INFINITY; 2], max: [f64::NEG_INFINITY; 2] }
    }

    /// ```
    /// use wegwijzer_core::map::Bounds;
    /// let b = Bounds::of_points([[1.0, 5.0], [3.0, 2.0]]);
    /// assert_eq!((b.width(), b.height(), b.center()), (2.0, 3.0, [2.0, 3.5]));
    /// ```
    pub fn of_points(points: impl IntoIterator<Item = Xy>) -> Bounds {
        let mut b = Bounds::empty();
        for p in points {
            b.extend(p);
        }
        b
    }

    pub fn of_shapes(shapes: &[Shape]) -> Bounds {
        let mut b = Bounds::empty();
        for s in shapes {
            b.union(&s.bounds());
        }
        b
    }

    pub fn extend(&mut self, p: Xy) {
        for i in 0..2 {
            self.min[i] = self.min[i].min(p[i]);
            self.max[i] = self.max[i].max(p[i]);
        }
    }

    pub fn union(&mut self, other: &Bounds) {
        if !other.is_empty() {
            self.extend(other.min);
            self.extend(other.max);
        }
    }

    pub fn is_empty(&self) -> bool {
        !(self.min[0] <= self.max[0] && self.min[1] <= self.max[1])
    }

    pub fn width(&self) -> f64 {
        self.max[0] - self.min[0]
    }

    pub fn height(&self) -> f64 {
        self.max[1] - self.min[1]
    }

    pub fn center(&self) -> Xy {
        [(self.min[0] + self.max[0]) / 2.0, (self.min[1] + self.max[1]) / 2.0]
    }

    /// Grown by `by` on every side.
    pub fn padded(&self, by: f64) -> Bounds {
        Bounds { min: [self.min[0] - by, self.min[1] - by], max: [self.max[0] + by, self.max[1] + by] }
    }

    /// The SVG `viewBox` attribute value, rounded to one decimal.
    ///
    /// ```
    /// use wegwijzer_core::map::Bounds;
    /// assert_eq!(Bounds { min: [-1.04, 2.0], max: [10.0, 7.5] }.view_box(), "-1 2 11 5.5");
    /// ```
    pub fn view_box(&self) -> String {
        let r = |v: f64| {
            let v = (v * 10.0).round() / 10.0;
            format!("{}", v + 0.0)
        };
        format!("{} {} {} {}", r(self.min[0]), r(self.min[1]), r(self.width()), r(self.height()))
    }
}

/// The coordinate reference system of a geometry file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Crs {
    /// Longitude, latitude in degrees.
    Wgs84,
    /// Belgian Lambert 72, metres.
    Lambert72,
}

impl Crs {
    /// Guesses from the extent: degrees are small numbers, Lambert 72 metres for Belgium lie
    /// between about 20 000 and 300 000. Anything else is `None`.
    ///
    /// ```
    /// use wegwijzer_core::map::{Bounds, Crs};
    /// assert_eq!(Crs::detect(&Bounds::of_points([[2.5, 50.7], [5.9, 51.5]])), Some(Crs::Wgs84));
    /// assert_eq!(Crs::detect(&Bounds::of_points([[22000.0, 153000.0], [258000.0, 245000.0]])), Some(Crs::Lambert72));
    /// ```
    pub fn detect(b: &Bounds) -> Option<Crs> {
        if b.is_empty() {
            None
        } else if b.min[0] >= -180.0 && b.max[0] <= 180.0 && b.min[1] >= -90.0 && b.max[1] <= 90.0 {
            Some(Crs::Wgs84)
        } else if b.min[0] >= 0.0 && b.max[0] <= 320_000.0 && b.min[1] >= 0.0 && b.max[1] <= 320_000.0 {
            Some(Crs::Lambert72)
        } else {
            None
        }
    }

    /// The shapes in WGS84 (lon, lat).
    pub fn to_wgs84(self, shapes: &[Shape]) -> Vec<Shape> {
        match self {
            Crs::Wgs84 => shapes.to_vec(),
            Crs::Lambert72 => shapes.iter().map(|s| s.map_points(|p| lambert72_to_wgs84(p[0], p[1]))).collect(),
        }
    }
}

/// International 1924 ellipsoid (BD72 datum).
const INTL_A: f64 = 6_378_388.0;
const INTL_F: f64 = 1.0 / 297.0;
/// WGS84 ellipsoid.
const WGS_A: f64 = 6_378_137.0;
const WGS_F: f64 = 1.0 / 298.257_223_563;

/// EPSG:31370 parameters (Lambert Conic Conformal 2SP).
struct Lcc {
    e: f64,
    n: f64,
    af: f64,
    lon0: f64,
    fe: f64,
    fn_rf: f64,
}

fn lambert72() -> Lcc {
    let e = (2.0 * INTL_F - INTL_F * INTL_F).sqrt();
    let m = |phi: f64| phi.cos() / (1.0 - (e * phi.sin()).powi(2)).sqrt();
    let t = |phi: f64| {
        let es = e * phi.sin();
        (std::f64::consts::FRAC_PI_4 - phi / 2.0).tan() / ((1.0 - es) / (1.0 + es)).powf(e / 2.0)
    };
    let dms = |d: f64, m: f64, s: f64| (d + m / 60.0 + s / 3600.0).to_radians();
    let phi1 = dms(51.0, 10.0, 0.00204);
    let phi2 = dms(49.0, 50.0, 0.00204);
    let n = (m(phi1).ln() - m(phi2).ln()) / (t(phi1).ln() - t(phi2).ln());
    let f = m(phi1) / (n * t(phi1).powf(n));
    // Latitude of origin is the pole, so the radius at the origin r_F is 0 and N = FN - r cos θ.
    Lcc { e, n, af: INTL_A * f, lon0: dms(4.0, 22.0, 2.952), fe: 150_000.013, fn_rf: 5_400_088.438 }
}

/// BD72 geographic (radians) to Lambert 72 metres; the inverse of the first half of
/// [`lambert72_to_wgs84`], kept for tests.
#[cfg(test)]
fn bd72_to_lambert72(lat: f64, lon: f64) -> Xy {
    let p = lambert72();
    let es = p.e * lat.sin();
    let t = (std::f64::consts::FRAC_PI_4 - lat / 2.0).tan() / ((1.0 - es) / (1.0 + es)).powf(p.e / 2.0);
    let r = p.af * t.powf(p.n);
    let theta = p.n * (lon - p.lon0);
    [p.fe + r * theta.sin(), p.fn_rf - r * theta.cos()]
}

/// Lambert 72 metres to BD72 geographic (lat, lon) in radians (EPSG method 9802, inverse).
fn lambert72_to_bd72(x: f64, y: f64) -> (f64, f64) {
    let p = lambert72();
    let (dx, dy) = (x - p.fe, p.fn_rf - y);
    let r = (dx * dx + dy * dy).sqrt() * p.n.signum();
    let theta = dx.atan2(dy);
    let t = (r / p.af).powf(1.0 / p.n);
    let mut lat = std::f64::consts::FRAC_PI_2 - 2.0 * t.atan();
    // Converges to well under a millimetre in a handful of steps.
    for _ in 0..10 {
        let es = p.e * lat.sin();
        let next = std::f64::consts::FRAC_PI_2 - 2.0 * (t * ((1.0 - es) / (1.0 + es)).powf(p.e / 2.0)).atan();
        let done = (next - lat).abs() < 1e-14;
        lat = next;
        if done {
            break;
        }
    }
    (lat, theta / p.n + p.lon0)
}

fn geodetic_to_ecef(lat: f64, lon: f64, a: f64, f: f64) -> [f64; 3] {
    let e2 = 2.0 * f - f * f;
    let nu = a / (1.0 - e2 * lat.sin().powi(2)).sqrt();
    [nu * lat.cos() * lon.cos(), nu * lat.cos() * lon.sin(), nu * (1.0 - e2) * lat.sin()]
}

fn ecef_to_geodetic(c: [f64; 3], a: f64, f: f64) -> (f64, f64) {
    let e2 = 2.0 * f - f * f;
    let p = (c[0] * c[0] + c[1] * c[1]).sqrt();
    let mut lat = c[2].atan2(p * (1.0 - e2));
    for _ in 0..10 {
        let nu = a / (1.0 - e2 * lat.sin().powi(2)).sqrt();
        lat = (c[2] + e2 * nu * lat.sin()).atan2(p);
    }
    (lat, c[1].atan2(c[0]))
}

/// Converts Belgian Lambert 72 (EPSG:31370) metres to WGS84 `[lon, lat]` in degrees: inverse
/// Lambert conformal conic on the International 1924 ellipsoid, then the BD72 → WGS84 7-parameter
/// Helmert shift (EPSG:15929, about 1 m accuracy), which is far finer than any map we draw.
///
/// ```
/// use wegwijzer_core::map::lambert72_to_wgs84;
/// let [lon, lat] = lambert72_to_wgs84(148_700.0, 170_300.0); // central Brussels
/// assert!((lon - 4.35).abs() < 0.01 && (lat - 50.846).abs() < 0.01);
/// ```
pub fn lambert72_to_wgs84(x: f64, y: f64) -> Xy {
    let (lat, lon) = lambert72_to_bd72(x, y);
    let c = geodetic_to_ecef(lat, lon, INTL_A, INTL_F);
    // Position-vector convention (as in PROJ's towgs84): rotations in arc-seconds, scale in ppm.
    let (tx, ty, tz) = (-106.8686, 52.2978, -103.7239);
    let sec = |s: f64| (s / 3600.0_f64).to_radians();
    let (rx, ry, rz) = (sec(0.3366), sec(-0.457), sec(1.8422));
    let k = 1.0 - 1.2747e-6;
    let w = [
        tx + k * (c[0] - rz * c[1] + ry * c[2]),
        ty + k * (rz * c[0] + c[1] - rx * c[2]),
        tz + k * (-ry * c[0] + rx * c[1] + c[2]),
    ];
    let (lat, lon) = ecef_to_geodetic(w, WGS_A, WGS_F);
    [lon.to_degrees(), lat.to_degrees()]
}

/// Projects WGS84 onto an SVG canvas of `width` × `height` with `padding` on every side: north up,
/// uniform scale, the data centred. Build it once per geometry and reuse it for every shape, so
/// shapes of one map line up.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MapFit {
    lon0: f64,
    lat0: f64,
    /// cos(φ₀): shrinks longitudes to the same ground scale as latitudes around φ₀.
    kx: f64,
    /// SVG units per degree of latitude.
    scale: f64,
    /// SVG position of (lon0, lat0).
    origin: Xy,
    pub width: f64,
    pub height: f64,
}

impl MapFit {
    /// Fits `bounds` given in (lon, lat) degrees; `None` when the bounds are empty or the canvas
    /// leaves no room inside the padding.
    ///
    /// ```
    /// use wegwijzer_core::map::{Bounds, MapFit};
    /// let flanders = Bounds::of_points([[2.54, 50.69], [5.91, 51.51]]);
    /// let fit = MapFit::new(&flanders, 360.0, 200.0, 10.0).unwrap();
    /// let [x, y] = fit.project([2.54, 51.1]);
    /// assert!((x - 10.0).abs() < 1e-9); // west edge touches the padding
    /// let back = fit.invert([x, y]);
    /// assert!((back[0] - 2.54).abs() < 1e-9 && (back[1] - 51.1).abs() < 1e-9);
    /// assert_eq!(fit.view_box(), "0 0 360 200");
    /// ```
    pub fn new(bounds: &Bounds, width: f64, height: f64, padding: f64) -> Option<MapFit> {
        let (w, h) = (width - 2.0 * padding, height - 2.0 * padding);
        if bounds.is_empty() || !(w > 0.0 && h > 0.0) {
            return None;
        }
        let [lon0, lat0] = bounds.center();
        let kx = lat0.to_radians().cos();
        let (dw, dh) = (bounds.width() * kx, bounds.height());
        // A single point or a line still gets a finite scale.
        let scale = match (dw > 0.0, dh > 0.0) {
            (true, true) => (w / dw).min(h / dh),
            (true, false) => w / dw,
            (false, true) => h / dh,
            (false, false) => 1.0,
        };
        Some(MapFit { lon0, lat0, kx, scale, origin: [width / 2.0, height / 2.0], width, height })
    }

    /// Fits all of `shapes` (in WGS84).
    pub fn wgs84(shapes: &[Shape], width: f64, height: f64, padding: f64) -> Option<MapFit> {
        MapFit::new(&Bounds::of_shapes(shapes), width, height, padding)
    }

    /// (lon, lat) → SVG (x, y), y pointing down.
    pub fn project(&self, p: Xy) -> Xy {
        [
            self.origin[0] + (p[0] - self.lon0) * self.kx * self.scale,
            self.origin[1] - (p[1] - self.lat0) * self.scale,
        ]
    }

    /// SVG (x, y) → (lon, lat), for a tap or pointer position.
    pub fn invert(&self, p: Xy) -> Xy {
        [
            self.lon0 + (p[0] - self.origin[0]) / (self.kx * self.scale),
            self.lat0 - (p[1] - self.origin[1]) / self.scale,
        ]
    }

    pub fn project_shape(&self, shape: &Shape) -> Shape {
        shape.map_points(|p| self.project(p))
    }

    /// SVG units per kilometre on the ground, for a scale bar.
    pub fn units_per_km(&self) -> f64 {
        // One degree of latitude is 111.2 km on the mean sphere.
        self.scale / 111.195
    }

    /// `"0 0 width height"`.
    pub fn view_box(&self) -> String {
        Bounds { min: [0.0, 0.0], max: [self.width, self.height] }.view_box()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dms(d: f64, m: f64, s: f64) -> f64 {
        (d + m / 60.0 + s / 3600.0).to_radians()
    }

    #[test]
    fn lambert72_matches_the_epsg_worked_example() {
        // IOGP Guidance Note 7-2, Lambert Conic Conformal (2SP Belgium) example, BD72 datum:
        // 50°40'46.461" N, 5°48'26.533" E ↔ E 251763.20 m, N 153034.13 m.
        let [x, y] = bd72_to_lambert72(dms(50.0, 40.0, 46.461), dms(5.0, 48.0, 26.533));
        assert!((x - 251_763.20).abs() < 0.05 && (y - 153_034.13).abs() < 0.05, "{x} {y}");
        let (lat, lon) = lambert72_to_bd72(251_763.20, 153_034.13);
        assert!((lat - dms(50.0, 40.0, 46.461)).abs() < 1e-8 && (lon - dms(5.0, 48.0, 26.533)).abs() < 1e-8);
    }

    #[test]
    fn lambert72_round_trips_across_flanders() {
        for (x, y) in [(22_000.0, 153_000.0), (150_000.0, 200_000.0), (258_000.0, 245_000.0)] {
            let (lat, lon) = lambert72_to_bd72(x, y);
            let [bx, by] = bd72_to_lambert72(lat, lon);
            assert!((bx - x).abs() < 1e-4 && (by - y).abs() < 1e-4);
        }
    }

    #[test]
    fn datum_shift_is_about_a_hundred_metres() {
        // BD72 and WGS84 latitude/longitude differ by roughly 100 m in Belgium; a sign error in
        // the Helmert rotations would show as tens of metres more or less.
        let (lat, lon) = lambert72_to_bd72(150_000.0, 170_000.0);
        let [wlon, wlat] = lambert72_to_wgs84(150_000.0, 170_000.0);
        let dn = (wlat - lat.to_degrees()) * 111_195.0;
        let de = (wlon - lon.to_degrees()) * 111_195.0 * lat.cos();
        let d = (dn * dn + de * de).sqrt();
        assert!((60.0..160.0).contains(&d), "{d} m");
    }

    #[test]
    fn fit_keeps_aspect_and_north_up() {
        let b = Bounds::of_points([[3.0, 51.0], [4.0, 51.2]]);
        let fit = MapFit::new(&b, 500.0, 500.0, 20.0).unwrap();
        let (w, s) = (fit.project([3.0, 51.0]), fit.project([4.0, 51.2]));
        assert!((s[0] - w[0] - 460.0).abs() < 1e-9, "width fills the canvas");
        assert!(s[1] < w[1], "north is up");
        let ground_ratio = (s[0] - w[0]) / (w[1] - s[1]);
        assert!((ground_ratio - 5.0 * 51.1_f64.to_radians().cos()).abs() < 1e-9);
        assert!(MapFit::new(&Bounds::empty(), 100.0, 100.0, 0.0).is_none());
        assert!(MapFit::new(&b, 10.0, 10.0, 5.0).is_none());
        assert!(MapFit::new(&Bounds::of_points([[4.0, 51.0]]), 10.0, 10.0, 1.0).is_some());
    }
}
