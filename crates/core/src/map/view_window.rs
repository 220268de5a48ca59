//! The visible part of the coverage map (the SVG `viewBox`): fitted to the shape of the frame it
//! is drawn in, zoomed about a point (buttons, wheel, pinch), panned, fitted to a region (a
//! municipality, a province, an embed's region), and kept on the map.
//!
//! All values are in map units (the SVG coordinate system of [`crate::coverage_view::MAP_WIDTH`]),
//! except `aspect` (frame height / frame width) and the screen sizes in CSS px of
//! [`ViewWindow::tap_zoom`]. The window always has the frame's aspect, so the SVG scales the
//! same in x and y and fills the frame without letterboxing: one map unit is
//! `frame width / w` CSS px everywhere.
//!
//! ```
//! use wegwijzer_core::map::{Bounds, ViewWindow};
//! // A wide map (Flanders) in a square frame: the whole map fits, centred, with room above.
//! let w = ViewWindow::fitted(1000.0, 400.0, 1.0);
//! assert_eq!((w.x, w.y, w.w, w.h), (0.0, -300.0, 1000.0, 1000.0));
//! // Zoomed to one municipality of 50 x 20 units, with its neighbours around it.
//! let z = w.fit(&Bounds::of_points([[100.0, 100.0], [150.0, 120.0]]), 2.0);
//! assert_eq!((z.w, z.h, z.center()), (100.0, 100.0, [125.0, 110.0]));
//! ```

use super::projection::Bounds;
use super::shapes::Xy;

/// Deepest zoom, relative to the whole map: enough to tap the smallest municipality on a phone.
pub const MAX_ZOOM: f64 = 16.0;

/// The smallest target a finger should have to hit, in CSS px (WCAG 2.2, 2.5.8 Target Size
/// (Minimum): 24 by 24 px).
pub const MIN_TARGET_PX: f64 = 24.0;

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ViewWindow {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
    /// The whole map, in map units.
    full_w: f64,
    full_h: f64,
    /// Frame height / frame width; `h == w * aspect`.
    aspect: f64,
}

/// A usable frame aspect: positive and finite, else the map's own.
fn usable_aspect(aspect: f64, full_w: f64, full_h: f64) -> f64 {
    if aspect.is_finite() && aspect > 0.0 {
        aspect
    } else if full_w > 0.0 && full_h > 0.0 {
        full_h / full_w
    } else {
        1.0
    }
}

impl ViewWindow {
    /// The whole map of `full_w` x `full_h` units in a frame of `aspect` (height / width),
    /// centred, touching the frame on its long side.
    pub fn fitted(full_w: f64, full_h: f64, aspect: f64) -> ViewWindow {
        let aspect = usable_aspect(aspect, full_w, full_h);
        let w = full_w.max(full_h / aspect);
        let h = w * aspect;
        ViewWindow { x: (full_w - w) / 2.0, y: (full_h - h) / 2.0, w, h, full_w, full_h, aspect }
    }

    /// The whole map in a frame of the map's own shape (before the frame is measured).
    pub fn full(full_w: f64, full_h: f64) -> ViewWindow {
        ViewWindow::fitted(full_w, full_h, full_h / full_w)
    }

    /// Width of the whole map's window in this frame: zoom level 1.
    fn fitted_w(&self) -> f64 {
        self.full_w.max(self.full_h / self.aspect)
    }

    pub fn center(&self) -> Xy {
        [self.x + self.w / 2.0, self.y + self.h / 2.0]
    }

    /// 1 for the whole map, 2 for twice as close, up to [`MAX_ZOOM`].
    pub fn zoom_level(&self) -> f64 {
        self.fitted_w() / self.w
    }

    /// The same centre and scale in a frame of another shape (the frame was resized, or went
    /// full screen): the frame shows more or less around the same place.
    pub fn with_aspect(self, aspect: f64) -> ViewWindow {
        let aspect = usable_aspect(aspect, self.full_w, self.full_h);
        let c = self.center();
        let moved = ViewWindow { aspect, ..self };
        let w = self.w.clamp(moved.fitted_w() / MAX_ZOOM, moved.fitted_w());
        moved.centred_on(c, w)
    }

    /// A window of width `w` centred on `c`, kept on the map.
    fn centred_on(self, c: Xy, w: f64) -> ViewWindow {
        let h = w * self.aspect;
        ViewWindow { x: c[0] - w / 2.0, y: c[1] - h / 2.0, w, h, ..self }.clamped()
    }

    /// Zooms by `factor` (> 1 zooms in) keeping the map point `around` where it is on screen.
    /// The level stays between 1 and [`MAX_ZOOM`]; a factor that is not a positive number
    /// changes nothing.
    pub fn zoom(self, factor: f64, around: Xy) -> ViewWindow {
        if !(factor.is_finite() && factor > 0.0) {
            return self;
        }
        let level = (self.zoom_level() * factor).clamp(1.0, MAX_ZOOM);
        let w = self.fitted_w() / level;
        let h = w * self.aspect;
        let fx = if self.w > 0.0 { (around[0] - self.x) / self.w } else { 0.5 };
        let fy = if self.h > 0.0 { (around[1] - self.y) / self.h } else { 0.5 };
        ViewWindow { x: around[0] - fx * w, y: around[1] - fy * h, w, h, ..self }.clamped()
    }

    /// Moves the window by `dx`, `dy` map units.
    pub fn pan(self, dx: f64, dy: f64) -> ViewWindow {
        ViewWindow { x: self.x + dx, y: self.y + dy, ..self }.clamped()
    }

    /// The whole map again.
    pub fn reset(self) -> ViewWindow {
        ViewWindow::fitted(self.full_w, self.full_h, self.aspect)
    }

    /// The smallest window that shows `region` with `margin` times its size around it in all
    /// (`margin` 1: the region touches the frame; 2: as much again around it), centred on it,
    /// no closer than [`MAX_ZOOM`]. An empty region gives the whole map.
    pub fn fit(self, region: &Bounds, margin: f64) -> ViewWindow {
        if region.is_empty() || !region.width().is_finite() || !region.height().is_finite() {
            return self.reset();
        }
        let margin = if margin.is_finite() { margin.max(1.0) } else { 1.0 };
        let w = (region.width() * margin).max(region.height() * margin / self.aspect);
        let w = w.clamp(self.fitted_w() / MAX_ZOOM, self.fitted_w());
        self.centred_on(region.center(), w)
    }

    /// The window moved to centre `p` when `p` is not well inside it (a tenth of the window
    /// from its edges), so the shape the keyboard focus moved to is on screen; else unchanged.
    pub fn keep_in_view(self, p: Xy) -> ViewWindow {
        let (mx, my) = (self.w / 10.0, self.h / 10.0);
        let inside = p[0] >= self.x + mx && p[0] <= self.x + self.w - mx && p[1] >= self.y + my && p[1] <= self.y + self.h - my;
        if inside { self } else { self.centred_on(p, self.w) }
    }

    /// Map units per CSS px in a frame `frame_px` wide.
    pub fn units_per_px(&self, frame_px: f64) -> f64 {
        if frame_px > 0.0 { self.w / frame_px } else { 1.0 }
    }

    /// Tap-to-zoom: when a shape of `target` bounds is smaller on screen than
    /// [`MIN_TARGET_PX`] in width or height (in a frame `frame_px` wide), the window zoomed
    /// about `around` until it is at least 1.5 times that (at least doubling, at most
    /// [`MAX_ZOOM`]); `None` when it is big enough to choose, or the map cannot zoom further.
    pub fn tap_zoom(self, target: &Bounds, around: Xy, frame_px: f64) -> Option<ViewWindow> {
        let per_px = self.units_per_px(frame_px);
        let smallest_px = target.width().min(target.height()) / per_px;
        if !(smallest_px < MIN_TARGET_PX) || self.zoom_level() >= MAX_ZOOM {
            return None;
        }
        let factor = (1.5 * MIN_TARGET_PX / smallest_px.max(1e-9)).max(2.0);
        Some(self.zoom(factor, around))
    }

    /// Keeps the window on the map: along a side where the window is larger than the map the
    /// map is centred, else the window stays within the map, so it can never be panned away
    /// into emptiness.
    fn clamped(self) -> ViewWindow {
        let keep = |pos: f64, size: f64, full: f64| {
            if size >= full { (full - size) / 2.0 } else { pos.clamp(0.0, full - size) }
        };
        ViewWindow { x: keep(self.x, self.w, self.full_w), y: keep(self.y, self.h, self.full_h), ..self }
    }

    /// The `viewBox` attribute, to 0.1 unit.
    pub fn view_box(&self) -> String {
        let r = |v: f64| (v * 10.0).round() / 10.0;
        format!("{} {} {} {}", r(self.x), r(self.y), r(self.w), r(self.h))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn b(x0: f64, y0: f64, x1: f64, y1: f64) -> Bounds {
        Bounds::of_points([[x0, y0], [x1, y1]])
    }

    #[test]
    fn the_whole_map_fits_a_frame_of_any_shape() {
        // A 1000 x 400 map in a phone's frame of 360 x 400 px: the width fills the frame.
        let tall = ViewWindow::fitted(1000.0, 400.0, 400.0 / 360.0);
        assert_eq!((tall.x, tall.w), (0.0, 1000.0));
        assert!((tall.h - 1111.11).abs() < 0.01 && (tall.y + tall.h / 2.0 - 200.0).abs() < 1e-9, "centred vertically");
        // In a frame wider than the map: the height fills it.
        let wide = ViewWindow::fitted(1000.0, 400.0, 0.2);
        assert_eq!((wide.y, wide.h, wide.w), (0.0, 400.0, 2000.0));
        assert_eq!(wide.zoom_level(), 1.0);
        // The map's own shape: exactly the map.
        assert_eq!(ViewWindow::full(1000.0, 400.0).view_box(), "0 0 1000 400");
        // A frame not measured yet (0 px high) falls back to the map's shape.
        assert_eq!(ViewWindow::fitted(1000.0, 400.0, 0.0), ViewWindow::full(1000.0, 400.0));
        assert_eq!(ViewWindow::fitted(1000.0, 400.0, f64::NAN), ViewWindow::full(1000.0, 400.0));
    }

    #[test]
    fn zoom_keeps_the_point_under_the_fingers_and_stays_in_range() {
        let w = ViewWindow::full(1000.0, 400.0);
        assert_eq!(w.zoom(0.5, [500.0, 200.0]), w, "never smaller than the whole map");
        let z = w.zoom(4.0, [1000.0, 400.0]);
        assert_eq!((z.x, z.y, z.w, z.h), (750.0, 300.0, 250.0, 100.0));
        // About an inner point: that point keeps its place in the frame (a quarter across).
        let z = w.zoom(2.0, [250.0, 100.0]);
        assert_eq!(((250.0 - z.x) / z.w, (100.0 - z.y) / z.h), (0.25, 0.25));
        assert_eq!(w.zoom(1000.0, [0.0, 0.0]).zoom_level(), MAX_ZOOM);
        assert_eq!(w.zoom(f64::NAN, [0.0, 0.0]), w);
        assert_eq!(w.zoom(-2.0, [0.0, 0.0]), w);
        assert_eq!(w.zoom(4.0, [0.0, 0.0]).reset(), w);
    }

    #[test]
    fn pan_is_clamped_to_the_map() {
        let z = ViewWindow::full(1000.0, 400.0).zoom(4.0, [1000.0, 400.0]);
        assert_eq!(z.pan(100.0, 0.0).x, 750.0, "clamped at the east edge");
        assert_eq!(z.pan(-100.0, -50.0).view_box(), "650 250 250 100");
        assert_eq!(z.pan(-5000.0, -5000.0).view_box(), "0 0 250 100");
        // Taller than the map (a phone frame at level 1): the map stays centred vertically.
        let tall = ViewWindow::fitted(1000.0, 400.0, 1.0);
        assert_eq!(tall.pan(0.0, 300.0), tall);
    }

    #[test]
    fn fit_shows_a_region_with_room_around_it() {
        let w = ViewWindow::fitted(1000.0, 400.0, 1.0);
        // A province of 300 x 100: limited by its width.
        let p = w.fit(&b(100.0, 100.0, 400.0, 200.0), 1.0);
        assert_eq!((p.w, p.h, p.center()), (300.0, 300.0, [250.0, 150.0]));
        assert!((p.zoom_level() - 1000.0 / 300.0).abs() < 1e-9);
        // A tall region: limited by its height.
        let t = ViewWindow::fitted(1000.0, 400.0, 0.5).fit(&b(500.0, 100.0, 510.0, 200.0), 1.0);
        assert_eq!((t.w, t.h), (200.0, 100.0));
        // Never closer than MAX_ZOOM, never wider than the whole map; an empty region is all.
        assert_eq!(w.fit(&b(10.0, 10.0, 10.1, 10.1), 1.0).zoom_level(), MAX_ZOOM);
        assert_eq!(w.fit(&b(-5000.0, -5000.0, 5000.0, 5000.0), 1.0), w);
        assert_eq!(w.zoom(3.0, [0.0, 0.0]).fit(&Bounds::empty(), 2.0), w);
        // Near an edge the window stays on the map.
        let e = w.fit(&b(0.0, 0.0, 20.0, 20.0), 2.0);
        assert_eq!((e.x, e.y), (0.0, 0.0));
    }

    #[test]
    fn the_keyboard_focus_is_kept_on_screen() {
        let z = ViewWindow::full(1000.0, 400.0).zoom(4.0, [0.0, 0.0]);
        assert_eq!(z.view_box(), "0 0 250 100");
        assert_eq!(z.keep_in_view([100.0, 50.0]), z, "well inside: the map stays still");
        assert_eq!(z.keep_in_view([600.0, 50.0]).center(), [600.0, 50.0]);
        assert_eq!(z.keep_in_view([990.0, 390.0]).view_box(), "750 300 250 100", "and stays on the map");
    }

    #[test]
    fn a_resized_frame_keeps_the_place_and_scale() {
        let z = ViewWindow::fitted(1000.0, 400.0, 0.8).zoom(4.0, [500.0, 200.0]);
        let full_screen = z.with_aspect(2.0);
        assert_eq!((full_screen.w, full_screen.center()), (z.w, z.center()));
        assert_eq!(full_screen.h, z.w * 2.0);
        // At level 1 the larger frame still shows the whole map.
        let whole = ViewWindow::fitted(1000.0, 400.0, 0.8).with_aspect(2.0);
        assert_eq!(whole, ViewWindow::fitted(1000.0, 400.0, 2.0));
    }

    #[test]
    fn a_small_target_zooms_in_before_it_can_be_chosen() {
        // Flanders (1000 units) across a 360 px phone: 0.36 px per unit.
        let w = ViewWindow::fitted(1000.0, 400.0, 1.0);
        let small = b(500.0, 200.0, 530.0, 236.0); // 10.8 x 13 px
        let zoomed = w.tap_zoom(&small, [515.0, 218.0], 360.0).expect("too small to choose");
        let px = |v: &ViewWindow, units: f64| units / v.units_per_px(360.0);
        assert!(px(&zoomed, 30.0) >= 1.5 * MIN_TARGET_PX - 1e-9, "{} px", px(&zoomed, 30.0));
        assert_eq!(zoomed.tap_zoom(&small, [515.0, 218.0], 360.0), None, "now big enough to choose");
        // A big enough target is chosen at once; at the deepest zoom nothing zooms further.
        assert_eq!(w.tap_zoom(&b(0.0, 0.0, 100.0, 100.0), [50.0, 50.0], 360.0), None);
        let deepest = w.zoom(MAX_ZOOM, [515.0, 218.0]);
        assert_eq!(deepest.tap_zoom(&b(515.0, 218.0, 515.5, 218.5), [515.0, 218.0], 360.0), None);
    }
}
