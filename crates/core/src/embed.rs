//! Embed mode: a municipality's site shows Wegwijzer in an iframe, for its own region, in its
//! colours and language. Pure: reads URL query pairs, checks colours for contrast and resolves
//! the region against a dataset; `app.rs` and `components/embed_frame.rs` use the result.
//!
//! ```ignore
//! let config = EmbedConfig::from_pairs([("embed", "1"), ("regio", "demo-regie-kust"), ("kleur", "#7a1f5c")]).unwrap();
//! let (scope, problems) = config.resolve(&dataset); // scope.allows(&initiative)
//! ```
//!
//! Parameters (Dutch, like the app's other URL parameters; `embed.js` passes every `data-*`
//! attribute through under the same name):
//! - `embed=1` turns embed mode on;
//! - `weergave`: `lijst` (default), `kaart`, or `initiatief` with `id=<initiative id>`;
//! - `regio`: comma list of partnership ids, municipality NIS codes and provinces (NIS code or
//!   name), e.g. `regio=demo-regie-kust` or `regio=44021,44083` or `regio=limburg`;
//! - `diensten`, `soorten`: fixed service categories and initiative kinds (comma lists of ids);
//! - `taal`: `nl`, `fr` or `en`;
//! - `kleur`, `accent`, `achtergrond`: colours as `#rrggbb` (or `#rgb`, `#` optional);
//! - `compact=1`: denser cards for narrow columns;
//! - `toon`: which controls to show, a comma list of `zoeken`, `filters`, `kaart` (default all);
//! - `ouder`: the embedding page's origin (`embed.js` sets it): the only origin the app sends
//!   its height to and accepts commands from.

use crate::dataset::Dataset;
use crate::model::{province_name, Initiative, Lang};
use crate::search::normalize;
use crate::view_state::list;
use std::collections::BTreeSet;

/// Every parameter name embed mode reads, for callers that look them up one by one.
pub const PARAMS: [&str; 13] = [
    "embed", "weergave", "id", "regio", "diensten", "soorten", "taal", "kleur", "accent", "achtergrond", "compact",
    "toon", "ouder",
];

/// A colour in sRGB.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rgb {
    pub r: u8,
    pub g: u8,
    pub b: u8,
}

/// The app's own palette (style/main.css), used when a requested colour is refused.
pub const DEFAULT_PRIMARY: Rgb = Rgb { r: 0x0b, g: 0x5c, b: 0x4b };
pub const DEFAULT_ACCENT: Rgb = Rgb { r: 0xb4, g: 0x53, b: 0x09 };
pub const DEFAULT_BACKGROUND: Rgb = Rgb { r: 0xff, g: 0xff, b: 0xff };
/// Body text and the lighter "muted" text: both must stay readable on the background.
const TEXT: Rgb = Rgb { r: 0x1b, g: 0x1f, b: 0x1e };
const MUTED: Rgb = Rgb { r: 0x4a, g: 0x55, b: 0x52 };
const WHITE: Rgb = Rgb { r: 0xff, g: 0xff, b: 0xff };
const BLACK: Rgb = Rgb { r: 0, g: 0, b: 0 };

/// WCAG 2.1 minimum contrast for normal text (1.4.3) and for UI parts such as borders (1.4.11).
pub const TEXT_CONTRAST: f64 = 4.5;
pub const UI_CONTRAST: f64 = 3.0;

impl Rgb {
    /// `#0b5c4b`, `0b5c4b`, `#abc` or `abc`; anything else is `None`.
    pub fn parse(value: &str) -> Option<Rgb> {
        let hex = value.trim();
        let hex = hex.strip_prefix('#').unwrap_or(hex);
        if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        let digit = |i: usize, len: usize| u8::from_str_radix(&hex[i * len..(i + 1) * len], 16).ok();
        match hex.len() {
            6 => Some(Rgb { r: digit(0, 2)?, g: digit(1, 2)?, b: digit(2, 2)? }),
            3 => {
                let d = |i| digit(i, 1).map(|v| v * 17);
                Some(Rgb { r: d(0)?, g: d(1)?, b: d(2)? })
            }
            _ => None,
        }
    }

    pub fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.r, self.g, self.b)
    }

    /// WCAG relative luminance.
    fn luminance(self) -> f64 {
        let channel = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.03928 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(self.r) + 0.7152 * channel(self.g) + 0.0722 * channel(self.b)
    }

    /// WCAG contrast ratio, 1 to 21.
    pub fn contrast(self, other: Rgb) -> f64 {
        let (a, b) = (self.luminance(), other.luminance());
        (a.max(b) + 0.05) / (a.min(b) + 0.05)
    }

    /// `self` moved towards `other` by `t` (0 to 1).
    pub fn mix(self, other: Rgb, t: f64) -> Rgb {
        let m = |a: u8, b: u8| (f64::from(a) + (f64::from(b) - f64::from(a)) * t).round() as u8;
        Rgb { r: m(self.r, other.r), g: m(self.g, other.g), b: m(self.b, other.b) }
    }
}

/// The colours an embed uses, all checked.
#[derive(Clone, Debug, PartialEq)]
pub struct Colours {
    pub primary: Rgb,
    pub accent: Rgb,
    pub background: Rgb,
}

impl Default for Colours {
    fn default() -> Self {
        Colours { primary: DEFAULT_PRIMARY, accent: DEFAULT_ACCENT, background: DEFAULT_BACKGROUND }
    }
}

impl Colours {
    /// Cards and panels: the background, slightly darkened.
    pub fn surface(&self) -> Rgb {
        self.background.mix(BLACK, 0.04)
    }

    /// CSS custom properties for the document element (the names style/main.css uses).
    pub fn css_variables(&self) -> String {
        format!(
            "--primary:{};--primary-dark:{};--accent:{};--bg:{};--surface:{}",
            self.primary.hex(),
            self.primary.mix(BLACK, 0.35).hex(),
            self.accent.hex(),
            self.background.hex(),
            self.surface().hex()
        )
    }

    pub fn is_default(&self) -> bool {
        *self == Colours::default()
    }
}

/// What an embed page shows first.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub enum EmbedView {
    #[default]
    Directory,
    Map,
    Initiative(String),
}

impl EmbedView {
    /// The app route that shows this view.
    pub fn path(&self) -> String {
        match self {
            EmbedView::Directory => "/".into(),
            EmbedView::Map => "/kaart".into(),
            EmbedView::Initiative(id) => format!("/initiatief/{}", crate::view_state::encode(id)),
        }
    }

    pub fn code(&self) -> &'static str {
        match self {
            EmbedView::Directory => "lijst",
            EmbedView::Map => "kaart",
            EmbedView::Initiative(_) => "initiatief",
        }
    }
}

/// Which controls an embed shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Controls {
    pub search: bool,
    pub filters: bool,
    /// The list/map switch.
    pub map: bool,
}

impl Default for Controls {
    fn default() -> Self {
        Controls { search: true, filters: true, map: true }
    }
}

/// Something in the embed parameters that was refused or not found, and what was used instead.
#[derive(Clone, Debug, PartialEq)]
pub enum EmbedProblem {
    /// Not a colour at all; the default is used.
    BadColour { param: &'static str, value: String },
    /// A colour with too little contrast (`ratio` against what it must stand out from, needing
    /// `needed`); the default is used.
    LowContrast { param: &'static str, value: String, ratio: f64, needed: f64 },
    /// `weergave` was not one of the known views, or `initiatief` came without an `id`.
    UnknownView(String),
    /// `ouder` was not a plain http(s) origin; the app then posts its height to nobody.
    BadOrigin(String),
    /// Region parts that match no partnership, municipality or province.
    UnknownRegion(Vec<String>),
    /// Category ids in `diensten` / `soorten` that the dataset does not have.
    UnknownCategories(Vec<String>),
}

/// The embed parameters, as read from the URL.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct EmbedConfig {
    pub view: EmbedView,
    /// Raw region parts (partnership ids, NIS codes, provinces); resolved against the data.
    pub region: Vec<String>,
    pub services: Vec<String>,
    pub kinds: Vec<String>,
    pub lang: Option<Lang>,
    pub colours: Colours,
    pub compact: bool,
    pub controls: Controls,
    /// The embedding page's origin (`https://www.gemeente.be`).
    pub parent_origin: Option<String>,
    pub problems: Vec<EmbedProblem>,
}

/// `https://host[:port]` with nothing after it; lower-cased like `location.origin`.
pub fn parse_origin(value: &str) -> Option<String> {
    let v = value.trim().to_ascii_lowercase();
    let host = v.strip_prefix("https://").or_else(|| v.strip_prefix("http://"))?;
    let ok = !host.is_empty()
        && host.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b':' | b'[' | b']'))
        && !host.starts_with(':');
    ok.then_some(v)
}

/// Whether a `postMessage` from `origin` may command the app: only the embedding page named in
/// `ouder`, never anyone else (and nobody when `ouder` is missing).
pub fn accepts_messages_from(origin: &str, parent_origin: Option<&str>) -> bool {
    parent_origin.is_some_and(|p| p == origin)
}

/// Checks the requested colours: the background must keep body text readable, the primary
/// colour must carry white button text and be readable as link text on the background and on
/// cards, the accent must stand out from the background as a UI part. A refused colour falls
/// back to the default and is reported.
pub fn choose_colours(
    primary: Option<&str>,
    accent: Option<&str>,
    background: Option<&str>,
) -> (Colours, Vec<EmbedProblem>) {
    let mut problems = Vec::new();
    let background = checked_colour(
        &mut problems,
        "achtergrond",
        background,
        DEFAULT_BACKGROUND,
        &[(TEXT, TEXT_CONTRAST), (MUTED, TEXT_CONTRAST)],
    );
    let surface = background.mix(BLACK, 0.04);
    let primary_checks = [(WHITE, TEXT_CONTRAST), (background, TEXT_CONTRAST), (surface, TEXT_CONTRAST)];
    let primary = checked_colour(&mut problems, "kleur", primary, DEFAULT_PRIMARY, &primary_checks);
    let mut background = background;
    let ratio = primary.contrast(surface);
    if ratio < TEXT_CONTRAST {
        // Only when the default colour was kept: it does not stand out on this background.
        problems.push(EmbedProblem::LowContrast {
            param: "achtergrond",
            value: background.hex(),
            ratio,
            needed: TEXT_CONTRAST,
        });
        background = DEFAULT_BACKGROUND;
    }
    let accent_default = if DEFAULT_ACCENT.contrast(background) >= UI_CONTRAST { DEFAULT_ACCENT } else { primary };
    let accent = checked_colour(&mut problems, "accent", accent, accent_default, &[(background, UI_CONTRAST)]);
    (Colours { primary, accent, background }, problems)
}

/// `value` as a colour when it parses and meets every `(against, needed)` contrast; else
/// `default`, with the reason added to `problems`.
fn checked_colour(
    problems: &mut Vec<EmbedProblem>,
    param: &'static str,
    value: Option<&str>,
    default: Rgb,
    checks: &[(Rgb, f64)],
) -> Rgb {
    let Some(value) = value.filter(|v| !v.trim().is_empty()) else { return default };
    let Some(colour) = Rgb::parse(value) else {
        problems.push(EmbedProblem::BadColour { param, value: value.into() });
        return default;
    };
    for &(against, needed) in checks {
        let ratio = colour.contrast(against);
        if ratio < needed {
            problems.push(EmbedProblem::LowContrast { param, value: value.into(), ratio, needed });
            return default;
        }
    }
    colour
}

impl EmbedConfig {
    /// The embed configuration when the pairs ask for embed mode (`embed=1`), else `None`.
    /// Bad values never fail: they fall back to defaults and are listed in `problems`.
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Option<EmbedConfig> {
        let mut config = EmbedConfig::default();
        let mut embed = false;
        let (mut view, mut id) = (None, None);
        let mut colours: [Option<String>; 3] = Default::default();
        for (key, value) in pairs {
            match key {
                "embed" => embed = matches!(value.trim(), "1" | "true" | "ja"),
                "weergave" => view = Some(value.trim().to_string()),
                "id" => id = Some(value.trim().to_string()).filter(|v| !v.is_empty() && v.len() <= 64),
                "regio" => config.region = list(value),
                "diensten" => config.services = list(value),
                "soorten" => config.kinds = list(value),
                "taal" => config.lang = Lang::parse(value.trim()),
                "kleur" => colours[0] = Some(value.to_string()),
                "accent" => colours[1] = Some(value.to_string()),
                "achtergrond" => colours[2] = Some(value.to_string()),
                "compact" => config.compact = matches!(value.trim(), "1" | "true" | "ja"),
                "toon" => {
                    let shown = list(value);
                    let has = |name: &str| shown.iter().any(|s| s == name);
                    config.controls = Controls { search: has("zoeken"), filters: has("filters"), map: has("kaart") };
                }
                "ouder" => match parse_origin(value) {
                    Some(origin) => config.parent_origin = Some(origin),
                    None => config.problems.push(EmbedProblem::BadOrigin(value.to_string())),
                },
                _ => {}
            }
        }
        if !embed {
            return None;
        }
        config.view = match (view.as_deref(), id) {
            (None | Some("" | "lijst"), _) => EmbedView::Directory,
            (Some("kaart"), _) => EmbedView::Map,
            (Some("initiatief"), Some(id)) => EmbedView::Initiative(id),
            (Some(other), _) => {
                config.problems.push(EmbedProblem::UnknownView(other.to_string()));
                EmbedView::Directory
            }
        };
        let (chosen, problems) = choose_colours(colours[0].as_deref(), colours[1].as_deref(), colours[2].as_deref());
        config.colours = chosen;
        config.problems.extend(problems);
        Some(config)
    }

    /// The query pairs that reproduce this configuration (the builder's snippet, `embed.js`'s
    /// data attributes), defaults left out. `ouder` is left out: `embed.js` adds the real one.
    pub fn to_pairs(&self) -> Vec<(&'static str, String)> {
        let mut pairs = vec![("embed", "1".to_string())];
        let mut push = |key: &'static str, value: String| {
            if !value.is_empty() {
                pairs.push((key, value));
            }
        };
        if self.view != EmbedView::Directory {
            push("weergave", self.view.code().to_string());
        }
        if let EmbedView::Initiative(id) = &self.view {
            push("id", id.clone());
        }
        push("regio", self.region.join(","));
        push("diensten", self.services.join(","));
        push("soorten", self.kinds.join(","));
        push("taal", self.lang.map(|l| l.code().to_string()).unwrap_or_default());
        // The colours in use, where they differ from the default: a refused colour fell back to
        // the default, so it is never written back.
        let c = &self.colours;
        for (key, colour, default) in [
            ("kleur", c.primary, DEFAULT_PRIMARY),
            ("accent", c.accent, DEFAULT_ACCENT),
            ("achtergrond", c.background, DEFAULT_BACKGROUND),
        ] {
            if colour != default {
                push(key, colour.hex());
            }
        }
        if self.compact {
            push("compact", "1".into());
        }
        if self.controls != Controls::default() {
            let c = self.controls;
            let shown: Vec<&str> =
                [(c.search, "zoeken"), (c.filters, "filters"), (c.map, "kaart")].iter().filter(|s| s.0).map(|s| s.1).collect();
            // `toon=` (empty) is meaningful: no controls at all.
            pairs.push(("toon", shown.join(",")));
        }
        pairs
    }

    /// `?embed=1&...`
    pub fn to_query(&self) -> String {
        let parts: Vec<String> =
            self.to_pairs().iter().map(|(k, v)| format!("{k}={}", crate::view_state::encode(v))).collect();
        format!("?{}", parts.join("&"))
    }

    /// Resolves the region and fixed filters against `data`. Unknown parts are reported and left
    /// out; when nothing of the region is known the whole dataset is shown (never an empty frame).
    pub fn resolve(&self, data: &Dataset) -> (EmbedScope, Vec<EmbedProblem>) {
        let mut problems = Vec::new();
        let mut region = BTreeSet::new();
        let mut unknown = Vec::new();
        for part in &self.region {
            let members = region_members(data, part);
            if members.is_empty() {
                unknown.push(part.clone());
            }
            region.extend(members);
        }
        if !unknown.is_empty() {
            problems.push(EmbedProblem::UnknownRegion(unknown));
        }
        let known = |ids: &[String], unknown: &mut Vec<String>| -> Vec<String> {
            ids.iter()
                .filter(|id| {
                    let found = data.category(id).is_some();
                    if !found {
                        unknown.push((*id).clone());
                    }
                    found
                })
                .cloned()
                .collect()
        };
        let mut unknown_categories = Vec::new();
        let services = known(&self.services, &mut unknown_categories);
        let kinds = known(&self.kinds, &mut unknown_categories);
        if !unknown_categories.is_empty() {
            problems.push(EmbedProblem::UnknownCategories(unknown_categories));
        }
        let scope = EmbedScope { region: (!region.is_empty()).then_some(region), services, kinds };
        (scope, problems)
    }
}

/// Escapes text for an HTML attribute value in double quotes.
fn attribute(value: &str) -> String {
    value.replace('&', "&amp;").replace('"', "&quot;").replace('<', "&lt;").replace('>', "&gt;")
}

/// The script snippet a host pastes: a placeholder whose `data-*` attributes are the
/// parameters, and `embed.js` from the app's origin, which turns it into a sized iframe.
/// `app_url`: the app's origin and public URL without a trailing slash
/// (`https://gemeente.be/wegwijzer`).
pub fn script_snippet(config: &EmbedConfig, app_url: &str) -> String {
    let attributes: String = config
        .to_pairs()
        .iter()
        .filter(|(k, _)| *k != "embed")
        .map(|(k, v)| format!(" data-{k}=\"{}\"", attribute(v)))
        .collect();
    format!(
        "<div data-wegwijzer{attributes}></div>\n<script src=\"{}/embed.js\" async></script>",
        attribute(app_url)
    )
}

/// The plain iframe snippet: no script on the host page, but also no automatic height.
/// `app_url` as for [`script_snippet`].
pub fn iframe_snippet(config: &EmbedConfig, app_url: &str, title: &str) -> String {
    format!(
        "<iframe src=\"{}/{}\" title=\"{}\" style=\"width:100%;height:900px;border:0\" allow=\"geolocation\" loading=\"lazy\"></iframe>",
        attribute(app_url),
        attribute(&config.to_query()),
        attribute(title)
    )
}

/// The municipalities (NIS codes) one region part names: a partnership's members, a
/// municipality, or a province's municipalities (by NIS code or name in any language).
fn region_members(data: &Dataset, part: &str) -> BTreeSet<String> {
    if let Some(p) = data.partnerships.iter().find(|p| p.id == part) {
        return p.members.iter().cloned().collect();
    }
    if data.municipality(part).is_some() {
        return BTreeSet::from([part.to_string()]);
    }
    let wanted = normalize(part);
    let province = data.municipalities.iter().map(|m| m.province.as_str()).find(|code| {
        *code == part || Lang::ALL.iter().any(|&l| province_name(code, l).is_some_and(|n| normalize(n) == wanted))
    });
    match province {
        Some(code) => data.municipalities.iter().filter(|m| m.province == code).map(|m| m.nis.clone()).collect(),
        None => BTreeSet::new(),
    }
}

/// What an embed shows of the directory: its region and fixed categories.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct EmbedScope {
    /// NIS codes of the region; `None` is all of Flanders.
    pub region: Option<BTreeSet<String>>,
    /// Fixed service categories (any of them) and kinds (any of them); empty is all.
    pub services: Vec<String>,
    pub kinds: Vec<String>,
}

impl EmbedScope {
    /// Whether the municipality belongs to the region.
    pub fn covers(&self, nis: &str) -> bool {
        self.region.as_ref().is_none_or(|r| r.contains(nis))
    }

    /// Initiatives based in or serving a municipality of the region, of the fixed categories.
    pub fn allows(&self, initiative: &Initiative) -> bool {
        let in_region = self.region.as_ref().is_none_or(|r| {
            r.contains(&initiative.nis) || initiative.serves.iter().any(|nis| r.contains(nis))
        });
        in_region
            && (self.services.is_empty() || initiative.services.iter().any(|s| self.services.contains(s)))
            && (self.kinds.is_empty() || self.kinds.contains(&initiative.kind))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(pairs: &[(&str, &str)]) -> EmbedConfig {
        EmbedConfig::from_pairs(pairs.iter().copied()).expect("embed=1 given")
    }

    #[test]
    fn embed_mode_needs_the_flag() {
        assert_eq!(EmbedConfig::from_pairs([("regio", "x")]), None);
        assert_eq!(EmbedConfig::from_pairs([("embed", "0")]), None);
        let c = config(&[("embed", "1")]);
        assert_eq!(c.view, EmbedView::Directory);
        assert_eq!(c.controls, Controls::default());
        assert!(c.colours.is_default() && c.problems.is_empty());
    }

    #[test]
    fn reads_every_parameter() {
        let c = config(&[
            ("embed", "1"),
            ("weergave", "initiatief"),
            ("id", "demo-00042"),
            ("regio", "demo-regie-kust, 44021,,44021"),
            ("diensten", "fietspunt,klusdienst"),
            ("soorten", "lde"),
            ("taal", "fr"),
            ("kleur", "#7a1f5c"),
            ("achtergrond", "fffdf5"),
            ("compact", "1"),
            ("toon", "zoeken"),
            ("ouder", "https://www.Gemeente.be"),
        ]);
        assert_eq!(c.view, EmbedView::Initiative("demo-00042".into()));
        assert_eq!(c.view.path(), "/initiatief/demo-00042");
        assert_eq!(c.region, vec!["44021", "demo-regie-kust"]);
        assert_eq!(c.services, vec!["fietspunt", "klusdienst"]);
        assert_eq!(c.kinds, vec!["lde"]);
        assert_eq!(c.lang, Some(Lang::Fr));
        assert_eq!(c.colours.primary, Rgb { r: 0x7a, g: 0x1f, b: 0x5c });
        assert_eq!(c.colours.background.hex(), "#fffdf5");
        assert!(c.compact);
        assert_eq!(c.controls, Controls { search: true, filters: false, map: false });
        assert_eq!(c.parent_origin.as_deref(), Some("https://www.gemeente.be"));
        assert!(c.problems.is_empty(), "{:?}", c.problems);
    }

    #[test]
    fn round_trips_through_pairs() {
        let c = config(&[
            ("embed", "1"),
            ("weergave", "kaart"),
            ("regio", "limburg"),
            ("kleur", "#7a1f5c"),
            ("toon", ""),
            ("compact", "1"),
            ("taal", "en"),
        ]);
        let query = c.to_query();
        assert_eq!(query, "?embed=1&weergave=kaart&regio=limburg&taal=en&kleur=%237a1f5c&compact=1&toon=");
        let pairs = c.to_pairs();
        let back = EmbedConfig::from_pairs(pairs.iter().map(|(k, v)| (*k, v.as_str()))).unwrap();
        assert_eq!(back, c);
        assert_eq!(back.controls, Controls { search: false, filters: false, map: false });
    }

    #[test]
    fn bad_view_falls_back_to_the_list() {
        let c = config(&[("embed", "1"), ("weergave", "<script>")]);
        assert_eq!(c.view, EmbedView::Directory);
        assert_eq!(c.problems, vec![EmbedProblem::UnknownView("<script>".into())]);
        let c = config(&[("embed", "1"), ("weergave", "initiatief")]);
        assert_eq!(c.view, EmbedView::Directory, "an initiative view without id");
    }

    #[test]
    fn colours_parse_and_measure_like_wcag() {
        assert_eq!(Rgb::parse("#ABC"), Some(Rgb { r: 0xaa, g: 0xbb, b: 0xcc }));
        assert_eq!(Rgb::parse("0b5c4b"), Some(DEFAULT_PRIMARY));
        for bad in ["", "#12", "#12345g", "red", "#1234567", "javascript:x", "#é12"] {
            assert_eq!(Rgb::parse(bad), None, "{bad}");
        }
        assert!((WHITE.contrast(BLACK) - 21.0).abs() < 1e-9);
        assert!((WHITE.contrast(WHITE) - 1.0).abs() < 1e-9);
        // Known value: #777777 on white is 4.48:1, just under AA.
        let grey = Rgb::parse("#777").unwrap();
        assert!((grey.contrast(WHITE) - 4.48).abs() < 0.01);
        // The defaults themselves pass their own checks.
        let (colours, problems) = choose_colours(Some("#0b5c4b"), Some("#b45309"), Some("#fff"));
        assert!(colours.is_default() && problems.is_empty(), "{problems:?}");
    }

    #[test]
    fn a_bad_or_weak_colour_falls_back_to_the_default() {
        let (colours, problems) = choose_colours(Some("banaan"), None, None);
        assert_eq!(colours.primary, DEFAULT_PRIMARY);
        assert_eq!(problems, vec![EmbedProblem::BadColour { param: "kleur", value: "banaan".into() }]);

        // Light yellow cannot carry white button text.
        let (colours, problems) = choose_colours(Some("#ffe066"), None, None);
        assert_eq!(colours.primary, DEFAULT_PRIMARY);
        assert!(matches!(&problems[..], [EmbedProblem::LowContrast { param: "kleur", needed, ratio, .. }] if *needed == 4.5 && *ratio < 4.5));

        // A dark background would make body text unreadable.
        let (colours, problems) = choose_colours(None, None, Some("#222"));
        assert_eq!(colours.background, DEFAULT_BACKGROUND);
        assert!(matches!(&problems[..], [EmbedProblem::LowContrast { param: "achtergrond", .. }]));

        // An accent that vanishes on the background.
        let (colours, problems) = choose_colours(None, Some("#f5f5f5"), None);
        assert_eq!(colours.accent, DEFAULT_ACCENT);
        assert!(matches!(&problems[..], [EmbedProblem::LowContrast { param: "accent", .. }]));

        // Accepted colours are used as given.
        let (colours, problems) = choose_colours(Some("#1d3f8f"), Some("#c0392b"), Some("#fdfbf3"));
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(colours.primary.hex(), "#1d3f8f");
        assert!(colours.primary.contrast(colours.surface()) >= TEXT_CONTRAST);
        assert!(colours.css_variables().starts_with("--primary:#1d3f8f;--primary-dark:#"));
    }

    #[test]
    fn origins_and_messages() {
        assert_eq!(parse_origin("http://127.0.0.1:8081").as_deref(), Some("http://127.0.0.1:8081"));
        for bad in ["", "javascript:alert(1)", "https://x.be/pad", "https://", "//x.be", "https://a b", "*"] {
            assert_eq!(parse_origin(bad), None, "{bad}");
        }
        let c = config(&[("embed", "1"), ("ouder", "https://x.be/pad")]);
        assert_eq!(c.parent_origin, None);
        assert_eq!(c.problems, vec![EmbedProblem::BadOrigin("https://x.be/pad".into())]);

        assert!(accepts_messages_from("https://www.gemeente.be", Some("https://www.gemeente.be")));
        assert!(!accepts_messages_from("https://evil.example", Some("https://www.gemeente.be")));
        assert!(!accepts_messages_from("https://www.gemeente.be", None));
    }

    #[test]
    fn snippets_carry_the_parameters_escaped() {
        let c = config(&[("embed", "1"), ("regio", "a\"b<c>"), ("weergave", "kaart")]);
        let script = script_snippet(&c, "https://wegwijzer.example");
        assert_eq!(
            script,
            "<div data-wegwijzer data-weergave=\"kaart\" data-regio=\"a&quot;b&lt;c&gt;\"></div>\n<script src=\"https://wegwijzer.example/embed.js\" async></script>"
        );
        let frame = iframe_snippet(&c, "https://wegwijzer.example", "Wegwijzer & co");
        assert!(frame.starts_with("<iframe src=\"https://wegwijzer.example/?embed=1&amp;weergave=kaart&amp;regio=a%22b%3Cc%3E\" title=\"Wegwijzer &amp; co\""), "{frame}");
    }

    #[test]
    fn snippets_follow_the_public_url() {
        let c = config(&[("embed", "1"), ("regio", "limburg")]);
        let script = script_snippet(&c, "https://www.gemeente.be/wegwijzer");
        assert!(script.ends_with("<script src=\"https://www.gemeente.be/wegwijzer/embed.js\" async></script>"), "{script}");
        let frame = iframe_snippet(&c, "https://www.gemeente.be/wegwijzer", "W");
        assert!(frame.starts_with("<iframe src=\"https://www.gemeente.be/wegwijzer/?embed=1&amp;regio=limburg\""), "{frame}");
    }

    mod with_data {
        use super::*;
        use crate::model::{Address, Category, CategoryKind, Contact, Municipality, Partnership, Period, Text};

        fn municipality(nis: &str, name: &str, province: &str) -> Municipality {
            Municipality {
                nis: nis.into(),
                name: Text::nl(name),
                province: province.into(),
                ..Default::default()
            }
        }

        fn initiative(id: &str, nis: &str, serves: &[&str], kind: &str, services: &[&str]) -> Initiative {
            Initiative {
                id: id.into(),
                name: id.into(),
                kind: kind.into(),
                services: services.iter().map(|s| s.to_string()).collect(),
                description: None,
                address: Address { street: "Straat 1".into(), postcode: "8000".into(), locality: "X".into() },
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

        fn category(id: &str, kind: CategoryKind) -> Category {
            Category { id: id.into(), kind, label: Text::nl(id), group: None, keywords: Default::default() }
        }

        fn data() -> Dataset {
            Dataset::new(
                None,
                vec![
                    category("lde", CategoryKind::InitiativeType),
                    category("maatwerkbedrijf", CategoryKind::InitiativeType),
                    category("fietspunt", CategoryKind::Service),
                    category("klusdienst", CategoryKind::Service),
                ],
                vec![
                    municipality("38014", "Koksijde", "30000"),
                    municipality("38016", "Nieuwpoort", "30000"),
                    municipality("71004", "Beringen", "70000"),
                    municipality("11002", "Antwerpen", "10000"),
                ],
                vec![Partnership {
                    id: "kust".into(),
                    name: "Regie Kust".into(),
                    members: vec!["38014".into(), "38016".into()],
                    period: Period { from: 2023, to: 2025 },
                    contact: Contact {
                        organisation: "Kust".into(),
                        address: None,
                        phone: None,
                        email: None,
                        website: None,
                    },
                    source_url: None,
                    source_read: None,
                    confidence: None,
                    source_note: None,
                    demo: true,
                }],
                vec![
                    initiative("a", "38014", &[], "lde", &["fietspunt"]),
                    initiative("b", "71004", &[], "lde", &["klusdienst"]),
                    initiative("c", "11002", &["38016"], "maatwerkbedrijf", &["klusdienst"]),
                    initiative("d", "11002", &[], "lde", &["fietspunt"]),
                ],
            )
            .expect("valid test data")
        }

        fn allowed(scope: &EmbedScope, data: &Dataset) -> Vec<String> {
            data.initiatives.iter().filter(|i| scope.allows(i)).map(|i| i.id.clone()).collect()
        }

        #[test]
        fn a_partnership_region_keeps_initiatives_based_in_or_serving_it() {
            let data = data();
            let (scope, problems) = config(&[("embed", "1"), ("regio", "kust")]).resolve(&data);
            assert!(problems.is_empty());
            assert_eq!(allowed(&scope, &data), vec!["a", "c"]);
            assert!(scope.covers("38016") && !scope.covers("71004"));
        }

        #[test]
        fn provinces_by_code_or_name_and_municipalities_combine() {
            let data = data();
            let (scope, _) = config(&[("embed", "1"), ("regio", "Limburg")]).resolve(&data);
            assert_eq!(allowed(&scope, &data), vec!["b"]);
            let (scope, _) = config(&[("embed", "1"), ("regio", "70000,11002")]).resolve(&data);
            assert_eq!(allowed(&scope, &data), vec!["b", "c", "d"]);
            let (scope, _) = config(&[("embed", "1"), ("regio", "flandre-occidentale")]).resolve(&data);
            assert_eq!(allowed(&scope, &data), vec!["a", "c"]);
        }

        #[test]
        fn fixed_categories_narrow_further() {
            let data = data();
            let (scope, _) = config(&[("embed", "1"), ("soorten", "lde"), ("diensten", "fietspunt")]).resolve(&data);
            assert_eq!(allowed(&scope, &data), vec!["a", "d"]);
        }

        #[test]
        fn an_unknown_region_shows_everything_and_says_so() {
            let data = data();
            let (scope, problems) = config(&[("embed", "1"), ("regio", "atlantis")]).resolve(&data);
            assert_eq!(scope.region, None);
            assert_eq!(allowed(&scope, &data).len(), 4, "never an empty frame");
            assert_eq!(problems, vec![EmbedProblem::UnknownRegion(vec!["atlantis".into()])]);

            let (scope, problems) =
                config(&[("embed", "1"), ("regio", "kust,atlantis"), ("diensten", "zwemmen")]).resolve(&data);
            assert_eq!(allowed(&scope, &data), vec!["a", "c"]);
            assert_eq!(
                problems,
                vec![EmbedProblem::UnknownRegion(vec!["atlantis".into()]), EmbedProblem::UnknownCategories(vec!["zwemmen".into()])]
            );
        }
    }
}
