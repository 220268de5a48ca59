//! What the coverage map page (`/kaart`) shows, computed without the DOM: the drawable geometry
//! (hexagons from points, or real boundaries merged onto the dataset's municipalities), colours
//! per partnership, keyboard steps between shapes, the table rows with
//! sorting and search, and number formatting. The page only turns these values into elements.
//!
//! ```
//! use wegwijzer_core::coverage_view::format_percent;
//! use wegwijzer_core::model::Lang;
//! assert_eq!(format_percent(0.8697, Lang::Nl), "87,0 %");
//! ```

use crate::coverage::{MergerTable, PeriodCoverage};
use crate::dataset::Dataset;
use crate::map::{
    hex_distance, layout_hexes, merge_shapes, shared_arc_adjacency, svg_path, Bounds, Crs, GeometryError, HexOptions,
    HexSite, MapFit, Polygon, Shape, Xy,
};
use crate::model::{Lang, Municipality, Partnership};
use crate::search::normalize;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use crate::order;

/// The pan and zoom window lives with the other pure geometry (`map::view_window`).
pub use crate::map::{ViewWindow, MAX_ZOOM};

/// Okabe & Ito's colour-blind-safe palette without black (too dark behind the borders). With
/// more partnerships than colours, neighbouring partnerships still get different colours (see
/// [`partnership_colours`]); the legend and the panel name every partnership in text as well.
pub const PALETTE: [&str; 7] = ["#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7"];

/// Fill of municipalities without a partnership; the page lays a hatch pattern over it, so
/// "uncovered" does not depend on telling colours apart.
pub const UNCOVERED_FILL: &str = "#e4e7e6";

/// Fill of municipalities whose coverage is unknown (in no listed partnership of a period whose
/// list is incomplete); the page lays a dot pattern over it, distinct from the hatch.
pub const UNKNOWN_FILL: &str = "#ffffff";

/// Width of the SVG coordinate system; the height follows the data's aspect ratio.
pub const MAP_WIDTH: f64 = 1000.0;
const MAP_PADDING: f64 = 10.0;
/// Hexagon circumradius in map units, before the layout is scaled to [`MAP_WIDTH`].
const HEX_SIZE: f64 = 10.0;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GeometryKind {
    /// One hexagon per municipality, from representative points.
    Hexagons,
    /// Municipality boundaries from the endpoint's geometry file.
    Boundaries,
}

impl GeometryKind {
    pub fn code(self) -> &'static str {
        match self {
            GeometryKind::Hexagons => "hexagons",
            GeometryKind::Boundaries => "boundaries",
        }
    }
}

/// One drawable municipality, in SVG units.
#[derive(Clone, Debug, PartialEq)]
pub struct MapShape {
    /// NIS code of a municipality of the dataset.
    pub nis: String,
    /// SVG path data.
    pub path: String,
    /// A point inside or near the shape: keyboard steps go from centre to centre.
    pub center: Xy,
    /// The shape's bounding box: what the map zooms to, and its size on screen for a tap.
    pub bounds: Bounds,
}

/// Everything the SVG needs, computed once per dataset (hexagons) or geometry file.
#[derive(Clone, Debug, PartialEq)]
pub struct MapGeometry {
    pub kind: GeometryKind,
    /// Sorted by NIS code.
    pub shapes: Vec<MapShape>,
    pub width: f64,
    pub height: f64,
    /// Pairs of indices into `shapes` that touch.
    pub adjacency: Vec<(usize, usize)>,
    /// Municipalities of the dataset that have no shape (only in the table).
    pub missing: Vec<String>,
}

impl MapGeometry {
    /// A map without shapes yet (its boundaries on their way): the frame, nothing drawn in it.
    pub fn empty() -> Self {
        MapGeometry { kind: GeometryKind::Boundaries, shapes: Vec::new(), width: MAP_WIDTH, height: MAP_WIDTH, adjacency: Vec::new(), missing: Vec::new() }
    }

    pub fn index_of(&self, nis: &str) -> Option<usize> {
        self.shapes.binary_search_by(|s| s.nis.as_str().cmp(nis)).ok()
    }
}

/// The schematic map: one hexagon per municipality laid out from its point (see
/// [`crate::map::hexmap`]), scaled to [`MAP_WIDTH`].
pub fn hex_geometry(municipalities: &[Municipality]) -> MapGeometry {
    let sites: Vec<HexSite> = municipalities
        .iter()
        .filter(|m| m.is_current())
        .map(|m| HexSite { id: m.nis.clone(), point: m.point, group: m.province.clone() })
        .collect();
    let layout = layout_hexes(&sites, &HexOptions { size: HEX_SIZE, spacing: None });
    let bounds = layout.bounds();
    let scale = if bounds.is_empty() { 1.0 } else { (MAP_WIDTH - 2.0 * MAP_PADDING) / bounds.width().max(1e-9) };
    let to_svg = |p: Xy| [MAP_PADDING + (p[0] - bounds.min[0]) * scale, MAP_PADDING + (p[1] - bounds.min[1]) * scale];
    let mut shapes: Vec<(MapShape, (i32, i32))> = layout
        .cells
        .iter()
        .map(|cell| {
            let ring: Vec<Xy> = layout.corners(cell).iter().map(|&p| to_svg(p)).collect();
            let shape = Shape { id: cell.id.clone(), name: None, polygons: vec![Polygon { exterior: ring, holes: vec![] }] };
            let shape_bounds = shape.bounds();
            (MapShape { nis: cell.id.clone(), path: svg_path(&shape), center: to_svg(cell.center), bounds: shape_bounds }, (cell.q, cell.r))
        })
        .collect();
    order::sort_by(&mut shapes, |a, b| a.0.nis.cmp(&b.0.nis));
    let by_cell: HashMap<(i32, i32), usize> = shapes.iter().enumerate().map(|(i, (_, qr))| (*qr, i)).collect();
    let mut adjacency = Vec::new();
    for (i, (_, (q, r))) in shapes.iter().enumerate() {
        for (dq, dr) in [(1, 0), (0, 1), (-1, 1), (-1, 0), (0, -1), (1, -1)] {
            if let Some(&j) = by_cell.get(&(q + dq, r + dr)) {
                if i < j && hex_distance((*q, *r), (q + dq, r + dr)) == 1 {
                    adjacency.push((i, j));
                }
            }
        }
    }
    order::sort(&mut adjacency);
    let height = if bounds.is_empty() { MAP_WIDTH / 2.0 } else { bounds.height() * scale + 2.0 * MAP_PADDING };
    MapGeometry {
        kind: GeometryKind::Hexagons,
        shapes: shapes.into_iter().map(|(s, _)| s).collect(),
        width: MAP_WIDTH,
        height,
        adjacency,
        missing: Vec::new(),
    }
}

/// Real boundaries: shapes in WGS84 or Lambert 72, with ids of any era. A shape whose code is
/// not in the dataset but merged into one that is (a 2019 file on a 2025 dataset) is dissolved
/// into that municipality, so every drawn shape is a municipality of the dataset; shapes that map
/// to nothing in the dataset are left out.
///
/// Three steps, so that a page can give the browser a turn between them (together they were one
/// task of 60-95 ms at 4x CPU on a first visit to `/kaart`, issue 15,
/// `tests/bench/profile.mjs --tasks`, and `new` with the neighbours still 54-80 ms):
/// [`BoundaryLayout::new`] (the shapes in WGS84, dissolved into today's municipalities, fitted
/// to the map's frame), [`BoundaryLayout::find_neighbours`] (which shapes share a border: most
/// of the work, `shared_arc_adjacency`), then [`BoundaryLayout::draw`] (projecting and writing
/// each path; it finds the neighbours itself when they were not found yet).
///
/// ```
/// use wegwijzer_core::coverage::MergerTable;
/// use wegwijzer_core::coverage_view::{BoundaryLayout, GeometryKind};
/// use wegwijzer_core::map::{Polygon, Shape};
/// use wegwijzer_core::model::{Municipality, Text};
/// let sq = |id: &str, x: f64| Shape { id: id.into(), name: None, polygons: vec![Polygon {
///     exterior: vec![[x, 51.0], [x + 0.1, 51.0], [x + 0.1, 51.1], [x, 51.1]], holes: vec![] }] };
/// let m = |nis: &str| Municipality { nis: nis.into(), name: Text::nl(nis), province: "10000".into(),
///     ..Default::default() };
/// // Borsbeek (11007) merged into Antwerpen (11002) in 2025.
/// let borsbeek = Municipality { ceased: Some("2025-01-01".into()), merged_into: Some("11002".into()), ..m("11007") };
/// let ms = [m("11002"), m("11001"), borsbeek];
/// let g = BoundaryLayout::new(&[sq("11002", 4.0), sq("11007", 4.1), sq("11001", 4.3)], &ms,
///     &MergerTable::from_municipalities(&ms)).unwrap().draw();
/// assert_eq!(g.kind, GeometryKind::Boundaries);
/// assert_eq!(g.shapes.iter().map(|s| s.nis.as_str()).collect::<Vec<_>>(), ["11001", "11002"]);
/// ```
#[derive(Clone, Debug)]
pub struct BoundaryLayout {
    /// Sorted by NIS code (merge_shapes sorts by id), so the adjacency's indices hold.
    merged: Vec<Shape>,
    fit: MapFit,
    height: f64,
    /// `None` until [`find_neighbours`](Self::find_neighbours) (or `draw`).
    adjacency: Option<Vec<(usize, usize)>>,
    missing: Vec<String>,
}

impl BoundaryLayout {
    /// Errors: [`GeometryError::NoShapes`] when no shape is in a known reference system or
    /// none maps to a current municipality of `municipalities`.
    pub fn new(shapes: &[Shape], municipalities: &[Municipality], mergers: &MergerTable) -> Result<Self, GeometryError> {
        let crs = Crs::detect(&Bounds::of_shapes(shapes)).ok_or(GeometryError::NoShapes)?;
        let shapes = crs.to_wgs84(shapes);
        // Only today's municipalities are drawn; former ones are in the list for their mergers.
        let known: BTreeSet<&str> = municipalities.iter().filter(|m| m.is_current()).map(|m| m.nis.as_str()).collect();
        let data_year = mergers.year_of(known.iter().copied(), 2025);
        let target = |id: &str| -> String {
            if known.contains(id) {
                return id.to_string();
            }
            match mergers.resolve(id, data_year).as_slice() {
                [one] if known.contains(one.as_str()) => one.clone(),
                _ => id.to_string(),
            }
        };
        let mut merged = merge_shapes(&shapes, target);
        merged.retain(|s| known.contains(s.id.as_str()) && !s.is_empty());
        if merged.is_empty() {
            return Err(GeometryError::NoShapes);
        }
        let bounds = Bounds::of_shapes(&merged);
        let kx = bounds.center()[1].to_radians().cos();
        let inner = MAP_WIDTH - 2.0 * MAP_PADDING;
        let height = (inner * bounds.height() / (bounds.width() * kx).max(1e-9)).min(MAP_WIDTH * 2.0) + 2.0 * MAP_PADDING;
        let fit = MapFit::new(&bounds, MAP_WIDTH, height, MAP_PADDING).ok_or(GeometryError::NoShapes)?;
        let has: BTreeSet<&str> = merged.iter().map(|s| s.id.as_str()).collect();
        let missing = known.iter().filter(|n| !has.contains(*n)).map(|n| n.to_string()).collect();
        Ok(BoundaryLayout { merged, fit, height, adjacency: None, missing })
    }

    /// Finds which shapes share a border (the map's colours and arrow keys need it).
    pub fn find_neighbours(&mut self) {
        if self.adjacency.is_none() {
            self.adjacency = Some(shared_arc_adjacency(&self.merged));
        }
    }

    /// Projects every shape into the frame and writes its SVG path.
    pub fn draw(mut self) -> MapGeometry {
        self.find_neighbours();
        let fit = self.fit;
        let shapes = self
            .merged
            .iter()
            .map(|s| {
                let projected = fit.project_shape(s);
                let center = projected.centroid().unwrap_or_else(|| projected.bounds().center());
                MapShape { nis: s.id.clone(), path: svg_path(&projected), center, bounds: projected.bounds() }
            })
            .collect();
        MapGeometry {
            kind: GeometryKind::Boundaries,
            shapes,
            width: MAP_WIDTH,
            height: self.height,
            adjacency: self.adjacency.unwrap_or_default(),
            missing: self.missing,
        }
    }
}

/// How one shape of the map is drawn: the page writes these into the first markup and keeps
/// them up to date on the elements afterwards.
#[derive(Clone, Debug, PartialEq)]
pub struct ShapeState {
    /// `muni`, `muni member` (another member of the selected partnership) or `muni selected`.
    pub class: &'static str,
    pub fill: String,
    /// The one shape in the tab order (the arrow keys move it).
    pub tab_stop: bool,
    /// Accessible name: "Ieper: Regie Westhoek".
    pub label: String,
    pub pressed: bool,
}

impl ShapeState {
    /// Attribute name and value pairs, in the order they are written.
    pub fn attributes(&self) -> [(&'static str, &str); 5] {
        [
            ("class", self.class),
            ("fill", &self.fill),
            ("tabindex", if self.tab_stop { "0" } else { "-1" }),
            ("aria-label", &self.label),
            ("aria-pressed", if self.pressed { "true" } else { "false" }),
        ]
    }
}

/// Appends `text` escaped for a double-quoted attribute value (names come from the endpoint).
pub fn push_attribute_value(out: &mut String, text: &str) {
    // Path data, codes and most names have nothing to escape: copy them at once.
    if !text.contains(['&', '"', '<', '>']) {
        out.push_str(text);
        return;
    }
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            _ => out.push(c),
        }
    }
}

/// Every shape of `geometry` as focusable `<path>` elements, in shape order, to be set as the
/// inner HTML of the map's group: one string parsed by the browser is much cheaper than
/// creating hundreds of elements and thousands of attributes one call at a time.
///
/// ```
/// use wegwijzer_core::coverage_view::{shapes_markup, GeometryKind, MapGeometry, MapShape, ShapeState};
/// let g = MapGeometry { kind: GeometryKind::Hexagons, width: 10.0, height: 10.0, adjacency: vec![], missing: vec![],
///     shapes: vec![MapShape { nis: "33011".into(), path: "M0 0L1 0L1 1Z".into(), center: [0.5, 0.5],
///     bounds: wegwijzer_core::map::Bounds::of_points([[0.0, 0.0], [1.0, 1.0]]) }] };
/// let html = shapes_markup(&g, |_| ShapeState { class: "muni", fill: "#E69F00".into(), tab_stop: true,
///     label: "Ieper: <Regie> \"West\" & co".into(), pressed: false });
/// assert_eq!(html, "<path d=\"M0 0L1 0L1 1Z\" data-nis=\"33011\" role=\"button\" class=\"muni\" fill=\"#E69F00\" \
///     tabindex=\"0\" aria-label=\"Ieper: &lt;Regie&gt; &quot;West&quot; &amp; co\" aria-pressed=\"false\"></path>");
/// ```
pub fn shapes_markup(geometry: &MapGeometry, state: impl Fn(usize) -> ShapeState) -> String {
    let mut out = String::with_capacity(geometry.shapes.iter().map(|s| s.path.len() + 160).sum());
    for (i, shape) in geometry.shapes.iter().enumerate() {
        let fixed = [("d", shape.path.as_str()), ("data-nis", shape.nis.as_str()), ("role", "button")];
        out.push_str("<path");
        for (name, value) in fixed.into_iter().chain(state(i).attributes()) {
            out.push(' ');
            out.push_str(name);
            out.push_str("=\"");
            push_attribute_value(&mut out, value);
            out.push('"');
        }
        out.push_str("></path>");
    }
    out
}

/// A colour index into [`PALETTE`] for each of `count` partnerships. Up to the palette's size,
/// every partnership gets its own colour in order; beyond that, a greedy colouring gives
/// partnerships that border each other (`touching` pairs of partnership indices) different
/// colours where the palette allows.
///
/// ```
/// use wegwijzer_core::coverage_view::partnership_colours;
/// assert_eq!(partnership_colours(3, &[], 7), vec![0, 1, 2]);
/// let c = partnership_colours(9, &[(7, 8), (0, 8)], 7);
/// assert!(c[8] != c[7] && c[8] != c[0]);
/// ```
pub fn partnership_colours(count: usize, touching: &[(usize, usize)], palette: usize) -> Vec<usize> {
    if count <= palette || palette == 0 {
        return (0..count).map(|i| if palette == 0 { 0 } else { i % palette }).collect();
    }
    let mut neighbours: Vec<BTreeSet<usize>> = vec![BTreeSet::new(); count];
    for &(a, b) in touching {
        if a < count && b < count && a != b {
            neighbours[a].insert(b);
            neighbours[b].insert(a);
        }
    }
    let mut colours: Vec<Option<usize>> = vec![None; count];
    for i in 0..count {
        let used: BTreeSet<usize> = neighbours[i].iter().filter_map(|&n| colours[n]).collect();
        // Start the search at i, so partnerships far apart still spread over the palette.
        let pick = (0..palette).map(|k| (i + k) % palette).find(|c| !used.contains(c)).unwrap_or(i % palette);
        colours[i] = Some(pick);
    }
    colours.into_iter().map(|c| c.unwrap_or(0)).collect()
}

/// How the map colours one period: partnership id → palette index, and per drawn shape the
/// partnership index that fills it (`None` when uncovered).
#[derive(Clone, Debug, PartialEq)]
pub struct MapColouring {
    pub colour_of: BTreeMap<String, usize>,
    pub fill: Vec<Option<String>>,
    /// Per drawn shape: in no listed partnership of an incomplete period.
    pub unknown: Vec<bool>,
}

/// What fills one shape.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ShapeFill {
    /// The colour of its (first) partnership.
    Partnership(&'static str),
    /// In no partnership of a period whose list is complete (hatched).
    Uncovered,
    /// In no listed partnership of an incomplete period (dotted).
    Unknown,
}

impl MapColouring {
    pub fn new(geometry: &MapGeometry, coverage: &PeriodCoverage) -> MapColouring {
        let covers: Vec<_> = geometry.shapes.iter().map(|s| coverage.lookup(&s.nis)).collect();
        let unknown = covers.iter().map(|c| c.unknown()).collect();
        let fill: Vec<Option<String>> = covers.into_iter().map(|c| c.partnerships.into_iter().next()).collect();
        let position: HashMap<&str, usize> =
            coverage.partnership_ids.iter().enumerate().map(|(i, id)| (id.as_str(), i)).collect();
        let mut touching = BTreeSet::new();
        for &(a, b) in &geometry.adjacency {
            if let (Some(pa), Some(pb)) = (&fill[a], &fill[b]) {
                if let (Some(&x), Some(&y)) = (position.get(pa.as_str()), position.get(pb.as_str())) {
                    if x != y {
                        touching.insert((x.min(y), x.max(y)));
                    }
                }
            }
        }
        let touching: Vec<(usize, usize)> = touching.into_iter().collect();
        let colours = partnership_colours(coverage.partnership_ids.len(), &touching, PALETTE.len());
        let colour_of = coverage.partnership_ids.iter().cloned().zip(colours).collect();
        MapColouring { colour_of, fill, unknown }
    }

    /// How shape `shape` is filled: a partnership's colour, uncovered or unknown.
    pub fn shape_fill(&self, shape: usize) -> ShapeFill {
        match self.colour(shape) {
            Some(c) => ShapeFill::Partnership(c),
            None if self.unknown.get(shape).copied().unwrap_or(false) => ShapeFill::Unknown,
            None => ShapeFill::Uncovered,
        }
    }

    /// The CSS colour of a shape, or `None` for an uncovered one.
    pub fn colour(&self, shape: usize) -> Option<&'static str> {
        let id = self.fill.get(shape)?.as_ref()?;
        self.colour_of.get(id).map(|&c| PALETTE[c % PALETTE.len()])
    }

    pub fn colour_of_partnership(&self, id: &str) -> Option<&'static str> {
        self.colour_of.get(id).map(|&c| PALETTE[c % PALETTE.len()])
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    Left,
    Right,
    Up,
    Down,
}

impl Direction {
    /// From a `KeyboardEvent.key`.
    pub fn from_key(key: &str) -> Option<Direction> {
        match key {
            "ArrowLeft" => Some(Direction::Left),
            "ArrowRight" => Some(Direction::Right),
            "ArrowUp" => Some(Direction::Up),
            "ArrowDown" => Some(Direction::Down),
            _ => None,
        }
    }
}

/// The shape an arrow key moves to from `from`: the nearest centre within 60° of the
/// direction, distances off the axis counting double, so the step feels straight.
///
/// ```
/// use wegwijzer_core::coverage_view::{step, Direction};
/// let centres = [[0.0, 0.0], [10.0, 1.0], [10.0, 20.0], [-5.0, 0.0]];
/// assert_eq!(step(&centres, 0, Direction::Right), Some(1));
/// assert_eq!(step(&centres, 0, Direction::Down), Some(2)); // y points down
/// assert_eq!(step(&centres, 0, Direction::Up), None);
/// ```
pub fn step(centres: &[Xy], from: usize, direction: Direction) -> Option<usize> {
    let origin = *centres.get(from)?;
    let (ux, uy) = match direction {
        Direction::Left => (-1.0, 0.0),
        Direction::Right => (1.0, 0.0),
        Direction::Up => (0.0, -1.0),
        Direction::Down => (0.0, 1.0),
    };
    centres
        .iter()
        .enumerate()
        .filter(|&(i, _)| i != from)
        .filter_map(|(i, c)| {
            let (dx, dy) = (c[0] - origin[0], c[1] - origin[1]);
            let along = dx * ux + dy * uy;
            let across = (dx * uy - dy * ux).abs();
            // tan 60° ≈ 1.732: a cone of ±60° around the direction.
            (along > 0.0 && across <= along * 1.732).then_some((along + 2.0 * across, i))
        })
        .min_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)))
        .map(|(_, i)| i)
}

/// A `YYYY-MM-DD` date written out: "12 maart 2025". `months` are the language's month names,
/// January first (from the locale file). Anything else is returned as it is.
///
/// ```
/// use wegwijzer_core::coverage_view::format_date;
/// let months = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"];
/// assert_eq!(format_date("2025-03-02", &months), "2 maart 2025");
/// assert_eq!(format_date("maart", &months), "maart");
/// ```
pub fn format_date(date: &str, months: &[&str; 12]) -> String {
    let parts: Vec<&str> = date.split('-').collect();
    match parts.as_slice() {
        [y, m, d] if y.len() == 4 => match (m.parse::<usize>(), d.parse::<u8>()) {
            (Ok(m @ 1..=12), Ok(d @ 1..=31)) => format!("{d} {} {y}", months[m - 1]),
            _ => date.to_string(),
        },
        _ => date.to_string(),
    }
}

/// Where a partnership's membership comes from, for "Bron: …, gelezen op …": the source link
/// (only an http(s) URL), and the rest of the line ("gelezen op 12 maart 2025 · Zekerheid:
/// officiële lijst"). `None` when the partnership has no provenance at all (a demo one).
#[derive(Clone, Debug, PartialEq)]
pub struct SourceLine {
    pub url: Option<String>,
    pub details: String,
    pub note: Option<String>,
}

/// See [`SourceLine`].
///
/// ```
/// use wegwijzer_core::coverage_view::source_line;
/// use wegwijzer_core::i18n::texts;
/// use wegwijzer_core::model::{Confidence, Contact, Lang, Partnership, Period};
/// let p = Partnership { id: "a".into(), name: "A".into(), members: vec!["11001".into()], period: Period { from: 2020, to: 2025 },
///     contact: Contact::default(), source_url: Some("https://example.org/a".into()), source_read: Some("2025-03-12".into()),
///     confidence: Some(Confidence::Official), source_note: None, demo: false };
/// let line = source_line(&p, texts(Lang::Nl)).unwrap();
/// assert_eq!(line.url.as_deref(), Some("https://example.org/a"));
/// assert_eq!(line.details, "gelezen op 12 maart 2025 · Zekerheid: officiële lijst");
/// ```
pub fn source_line(p: &Partnership, t: &crate::i18n::Texts) -> Option<SourceLine> {
    let url = p.source_url.clone().filter(|u| crate::validate::is_http_url(u));
    let mut details = Vec::new();
    if let Some(d) = &p.source_read {
        details.push(crate::i18n::fill(t.source_read, "x", format_date(d, &t.months)));
    }
    if let Some(c) = p.confidence {
        details.push(format!("{}: {}", t.confidence_label, t.confidence(c)));
    }
    let note = p.source_note.clone().filter(|n| !n.trim().is_empty());
    if url.is_none() && details.is_empty() && note.is_none() {
        return None;
    }
    Some(SourceLine { url, details: details.join(" · "), note })
}

/// `0.8697` → "87,0 %" (Dutch, French) or "87.0%" (English).
pub fn format_percent(share: f64, lang: Lang) -> String {
    let n = format!("{:.1}", share * 100.0);
    match lang {
        Lang::En => format!("{n}%"),
        _ => format!("{} %", n.replace('.', ",")),
    }
}

/// A change in percentage points with its sign: "+3,3" / "−1.0" / "0,0".
pub fn format_points(change: f64, lang: Lang) -> String {
    let n = format!("{:.1}", (change * 100.0).abs());
    let n = if lang == Lang::En { n } else { n.replace('.', ",") };
    let sign = if n.trim_start_matches(['0', ',', '.']).is_empty() {
        ""
    } else if change > 0.0 {
        "+"
    } else {
        "−"
    };
    format!("{sign}{n}")
}

/// A signed count: "+2", "−1", "0".
pub fn format_signed(change: i64) -> String {
    match change {
        0 => "0".into(),
        c if c > 0 => format!("+{c}"),
        c => format!("−{}", c.unsigned_abs()),
    }
}

/// A municipality's name for a code of any era: the dataset's name, or for a former
/// municipality the name of the one it merged into with its own code ("Antwerpen (11007)").
pub fn municipality_label(data: &Dataset, mergers: &MergerTable, nis: &str, lang: Lang) -> String {
    if let Some(m) = data.municipality(nis) {
        return m.name.get(lang).to_string();
    }
    let year = mergers.year_of(data.municipalities.iter().filter(|m| m.is_current()).map(|m| m.nis.as_str()), 2025);
    match mergers.resolve(nis, year).as_slice() {
        [one] => match data.municipality(one) {
            Some(m) => format!("{} ({nis})", m.name.get(lang)),
            None => nis.to_string(),
        },
        _ => nis.to_string(),
    }
}

/// One line of the municipalities table.
#[derive(Clone, Debug, PartialEq)]
pub struct MunicipalityRow {
    pub nis: String,
    pub name: String,
    pub province: String,
    /// Ids of the partnerships covering it in the period.
    pub partnerships: Vec<String>,
    /// Their names, joined, for display and sorting ("" when uncovered).
    pub partnership_names: String,
    /// Covered for only some of the municipalities it was formed from (a merged municipality
    /// seen in a period before the merger).
    pub partly: bool,
    /// In no listed partnership of an incomplete period: coverage unknown.
    pub unknown: bool,
    search_key: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SortColumn {
    Name,
    Province,
    Partnership,
}

/// The rows of the table for one period, sorted by name.
pub fn municipality_rows(data: &Dataset, coverage: &PeriodCoverage, lang: Lang) -> Vec<MunicipalityRow> {
    let names: HashMap<&str, &str> = data.partnerships.iter().map(|p| (p.id.as_str(), p.name.as_str())).collect();
    let mut rows: Vec<MunicipalityRow> = data
        .municipalities
        .iter()
        .filter(|m| m.is_current())
        .map(|m| {
            let cover = coverage.lookup(&m.nis);
            let partnership_names =
                cover.partnerships.iter().map(|id| names.get(id.as_str()).copied().unwrap_or(id)).collect::<Vec<_>>().join(", ");
            let name = m.name.get(lang).to_string();
            let province = crate::model::province_name(&m.province, lang).unwrap_or(&m.province).to_string();
            let search_key = normalize(&format!("{} {} {} {}", m.name.nl, name, partnership_names, m.postcodes.join(" ")));
            MunicipalityRow {
                nis: m.nis.clone(),
                name,
                province,
                partly: cover.partly(),
                unknown: cover.unknown(),
                partnerships: cover.partnerships,
                partnership_names,
                search_key,
            }
        })
        .collect();
    sort_rows(&mut rows, SortColumn::Name, true);
    rows
}

/// Sorts accent- and case-insensitively; uncovered municipalities sort last by partnership in
/// both directions, so the covered ones stay together. Ties fall back to the name.
pub fn sort_rows(rows: &mut [MunicipalityRow], column: SortColumn, ascending: bool) {
    let key = |r: &MunicipalityRow| -> (bool, String, String) {
        let name = normalize(&r.name);
        match column {
            SortColumn::Name => (false, name, String::new()),
            SortColumn::Province => (false, normalize(&r.province), name),
            SortColumn::Partnership => (r.partnerships.is_empty(), normalize(&r.partnership_names), name),
        }
    };
    order::sort_by(rows, |a, b| {
        let (ka, kb) = (key(a), key(b));
        ka.0.cmp(&kb.0).then_with(|| {
            let order = (&ka.1, &ka.2).cmp(&(&kb.1, &kb.2));
            if ascending { order } else { order.reverse() }
        })
    });
}

/// Rows whose municipality name, postcode or partnership contains every word of `query`
/// (accents and case ignored).
///
/// ```ignore
/// let shown = filter_rows(&rows, "kust"); // the members of "Demo-regie ... Kust"
/// ```
pub fn filter_rows<'a>(rows: &'a [MunicipalityRow], query: &str) -> Vec<&'a MunicipalityRow> {
    let words: Vec<String> = normalize(query).split(' ').filter(|w| !w.is_empty()).map(str::to_string).collect();
    rows.iter().filter(|r| words.iter().all(|w| r.search_key.contains(w.as_str()))).collect()
}

/// The partnerships active in a period, in data order, whose name or a member's name contains
/// every word of `query`.
pub fn filter_partnerships<'a>(
    data: &'a Dataset,
    coverage: &PeriodCoverage,
    query: &str,
) -> Vec<&'a Partnership> {
    let words: Vec<String> = normalize(query).split(' ').filter(|w| !w.is_empty()).map(str::to_string).collect();
    coverage
        .partnership_ids
        .iter()
        .filter_map(|id| data.partnerships.iter().find(|p| &p.id == id))
        .filter(|p| {
            let members: Vec<&str> =
                p.members.iter().filter_map(|nis| data.municipality(nis)).map(|m| m.name.nl.as_str()).collect();
            let key = normalize(&format!("{} {}", p.name, members.join(" ")));
            words.iter().all(|w| key.contains(w.as_str()))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Contact, Period, Point, Text};

    fn muni(nis: &str, name: &str, lat: f64, lon: f64) -> Municipality {
        Municipality {
            nis: nis.into(),
            name: Text::nl(name),
            province: "30000".into(),
            postcodes: vec!["8900".into()],
            point: Some(Point { lat, lon }),
            ..Default::default()
        }
    }

    fn dataset() -> Dataset {
        let ms = vec![
            muni("33011", "Ieper", 50.85, 2.88),
            muni("33021", "Poperinge", 50.85, 2.73),
            muni("33016", "Mesen", 50.76, 2.90),
            muni("34022", "Kortrijk", 50.83, 3.26),
        ];
        let p = Partnership {
            id: "westhoek".into(),
            name: "Regie Westhoek".into(),
            members: vec!["33011".into(), "33021".into()],
            period: Period { from: 2023, to: 2025 },
            contact: Contact { organisation: "W".into(), ..Default::default() },
            source_url: None,
            source_read: None,
            confidence: None,
            source_note: None,
            demo: true,
        };
        Dataset::new(None, vec![], ms, vec![p], vec![]).unwrap()
    }

    fn coverage(d: &Dataset) -> PeriodCoverage {
        PeriodCoverage::compute(&d.municipalities, &d.partnerships, &crate::coverage::tests::flanders_2025(), &Period { from: 2023, to: 2025 })
    }

    #[test]
    fn boundaries_with_their_neighbours_found_in_a_step_of_their_own_are_the_same_map() {
        use crate::map::{Polygon, Shape};
        use crate::model::{Municipality, Text};
        let sq = |id: &str, x: f64| Shape {
            id: id.into(),
            name: None,
            polygons: vec![Polygon { exterior: vec![[x, 51.0], [x + 0.1, 51.0], [x + 0.1, 51.1], [x, 51.1]], holes: vec![] }],
        };
        let m = |nis: &str| Municipality { nis: nis.into(), name: Text::nl(nis), province: "10000".into(), ..Default::default() };
        let ms = [m("11001"), m("11002"), m("11004")];
        let mergers = MergerTable::from_municipalities(&ms);
        // 11001 and 11002 share the border at 4.1; 11004 stands apart.
        let shapes = [sq("11001", 4.0), sq("11002", 4.1), sq("11004", 4.5)];
        let at_once = BoundaryLayout::new(&shapes, &ms, &mergers).unwrap().draw();
        let mut layout = BoundaryLayout::new(&shapes, &ms, &mergers).unwrap();
        layout.find_neighbours();
        layout.find_neighbours(); // a second call finds nothing new
        let in_steps = layout.draw();
        assert_eq!(at_once.adjacency, vec![(0, 1)]);
        assert_eq!(in_steps, at_once);
    }

    #[test]
    fn hexagons_cover_every_municipality_and_fill_the_width() {
        let d = dataset();
        let g = hex_geometry(&d.municipalities);
        assert_eq!(g.kind, GeometryKind::Hexagons);
        assert_eq!(g.shapes.len(), 4);
        assert!(g.shapes.windows(2).all(|w| w[0].nis < w[1].nis));
        assert_eq!(g.index_of("33016"), Some(1));
        assert!(g.shapes.iter().all(|s| s.path.starts_with('M') && s.path.ends_with('Z')));
        let xs: Vec<f64> = g.shapes.iter().map(|s| s.center[0]).collect();
        assert!(xs.iter().all(|&x| x > 0.0 && x < MAP_WIDTH));
        assert!(!g.adjacency.is_empty(), "Ieper, Poperinge and Mesen are neighbours");
        assert!(g.height > 0.0 && g.height < MAP_WIDTH);
    }

    #[test]
    fn colouring_and_rows_follow_the_coverage() {
        let d = dataset();
        let cov = coverage(&d);
        let g = hex_geometry(&d.municipalities);
        let c = MapColouring::new(&g, &cov);
        assert_eq!(c.colour(g.index_of("33011").unwrap()), Some(PALETTE[0]));
        assert_eq!(c.colour(g.index_of("34022").unwrap()), None);
        let mut rows = municipality_rows(&d, &cov, Lang::Nl);
        assert_eq!(rows.iter().map(|r| r.name.as_str()).collect::<Vec<_>>(), ["Ieper", "Kortrijk", "Mesen", "Poperinge"]);
        sort_rows(&mut rows, SortColumn::Partnership, false);
        assert_eq!(rows.iter().map(|r| r.name.as_str()).collect::<Vec<_>>(), ["Poperinge", "Ieper", "Mesen", "Kortrijk"]);
        sort_rows(&mut rows, SortColumn::Partnership, true);
        assert_eq!(rows[0].name, "Ieper");
        assert!(rows[3].partnerships.is_empty(), "uncovered last either way");
        assert_eq!(filter_rows(&rows, "westhoek").len(), 2);
        assert_eq!(filter_rows(&rows, "IEPER").len(), 1);
        assert_eq!(filter_rows(&rows, "8900").len(), 4);
        assert_eq!(filter_partnerships(&d, &cov, "poperinge").len(), 1);
        assert!(filter_partnerships(&d, &cov, "kortrijk").is_empty());
    }

    #[test]
    fn an_incomplete_period_draws_three_states() {
        let d = dataset();
        let g = hex_geometry(&d.municipalities);
        let fills = |complete: bool| {
            let cov = coverage(&d).with_completeness(complete);
            let c = MapColouring::new(&g, &cov);
            let rows = municipality_rows(&d, &cov, Lang::Nl);
            let unknown_rows: Vec<&str> = rows.iter().filter(|r| r.unknown).map(|r| r.nis.as_str()).collect();
            (["33011", "34022"].map(|n| c.shape_fill(g.index_of(n).unwrap())), unknown_rows.len())
        };
        assert_eq!(fills(true), ([ShapeFill::Partnership(PALETTE[0]), ShapeFill::Uncovered], 0));
        assert_eq!(fills(false), ([ShapeFill::Partnership(PALETTE[0]), ShapeFill::Unknown], 2), "Kortrijk and Mesen");
    }

    #[test]
    fn many_partnerships_keep_neighbours_apart() {
        // A chain of 20 partnerships, each touching the next.
        let touching: Vec<(usize, usize)> = (0..19).map(|i| (i, i + 1)).collect();
        let c = partnership_colours(20, &touching, PALETTE.len());
        assert!(touching.iter().all(|&(a, b)| c[a] != c[b]));
        assert!(c.iter().all(|&x| x < PALETTE.len()));
    }

    #[test]
    fn numbers_are_formatted_per_language() {
        assert_eq!(format_percent(0.9313, Lang::En), "93.1%");
        assert_eq!(format_percent(1.0, Lang::Fr), "100,0 %");
        assert_eq!(format_points(0.0333, Lang::Nl), "+3,3");
        assert_eq!(format_points(-0.01, Lang::En), "−1.0");
        assert_eq!(format_points(0.0001, Lang::Nl), "0,0");
        assert_eq!((format_signed(2), format_signed(-1), format_signed(0)), ("+2".into(), "−1".into(), "0".into()));
    }

    #[test]
    fn former_municipalities_are_named_after_their_successor() {
        let mut ms = dataset().municipalities;
        ms.push(Municipality { nis: "11002".into(), ..muni("11002", "Antwerpen", 51.2, 4.4) });
        let d = Dataset::new(None, vec![], ms, vec![], vec![]).unwrap();
        let t = crate::coverage::tests::flanders_2025();
        assert_eq!(municipality_label(&d, &t, "11007", Lang::Nl), "Antwerpen (11007)");
        // A dataset that lists the former municipality names it.
        let mut ms = d.municipalities.clone();
        ms.push(Municipality { ceased: Some("2025-01-01".into()), merged_into: Some("11002".into()), ..muni("11007", "Borsbeek", 51.19, 4.48) });
        let d = Dataset::new(None, vec![], ms, vec![], vec![]).unwrap();
        assert_eq!(municipality_label(&d, &MergerTable::from_municipalities(&d.municipalities), "11007", Lang::Nl), "Borsbeek");
        assert_eq!(municipality_label(&d, &t, "33011", Lang::Nl), "Ieper");
        assert_eq!(municipality_label(&d, &t, "99999", Lang::Nl), "99999");
    }
}
