//! The map itself: one focusable SVG shape per municipality in a frame that fills the width,
//! pan and zoom by buttons, wheel and pointer (drag, pinch), tap-to-zoom on a municipality too
//! small for a finger, full screen (the Fullscreen API, else the frame fills the viewport;
//! Escape leaves), and a roving tab stop moved by the arrow keys. Geometry, colours, steps and
//! the view window come from the core (`coverage_view`, `map::view_window`); this file only
//! wires events.

use crate::app::use_app_state;
use crate::coverage_view::{
    shapes_markup, step, Direction, MapColouring, MapGeometry, ShapeFill, ShapeState, ViewWindow, UNCOVERED_FILL,
    UNKNOWN_FILL,
};
use crate::i18n::fill;
use crate::map::Bounds;
use leptos::prelude::*;
use std::collections::HashSet;
use std::sync::Arc;
use wasm_bindgen::{JsCast, JsValue};

/// The id of the hatch pattern of uncovered municipalities (also used by the legend).
pub const HATCH_ID: &str = "niet-gedekt";
/// The id of the dot pattern of municipalities whose coverage is unknown (also in the legend).
pub const DOTS_ID: &str = "onbekend";

/// A pointer that moved further than this (CSS px) was a drag, not a tap.
const TAP_SLOP_PX: f64 = 6.0;
const BUTTON_ZOOM: f64 = 1.6;
/// A municipality found with the find box is shown with this much again around it on each side
/// (`ViewWindow::fit`), so its neighbours give it context.
const FOUND_MARGIN: f64 = 3.0;

/// Calls a DOM method that web-sys would need an extra feature for (SVG focus, client rect).
fn call(target: &JsValue, method: &str) -> Option<JsValue> {
    let f = js_sys::Reflect::get(target, &JsValue::from_str(method)).ok()?.dyn_into::<js_sys::Function>().ok()?;
    f.call0(target).ok()
}

/// Calls a DOM method that may return a promise (the Fullscreen API), ignoring its rejection:
/// a refused full screen leaves the CSS full-viewport fallback in place. Whether it existed.
fn call_async(target: &JsValue, method: &str) -> bool {
    let Some(result) = call(target, method) else { return false };
    if let Ok(promise) = result.dyn_into::<js_sys::Promise>() {
        leptos::task::spawn_local(async move {
            let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
        });
    }
    true
}

fn number(target: &JsValue, field: &str) -> f64 {
    js_sys::Reflect::get(target, &JsValue::from_str(field)).ok().and_then(|v| v.as_f64()).unwrap_or(0.0)
}

/// (left, top, width) of an element on screen, in CSS px.
fn screen_box(element: &web_sys::Element) -> (f64, f64, f64) {
    match call(element.as_ref(), "getBoundingClientRect") {
        Some(rect) => (number(&rect, "left"), number(&rect, "top"), number(&rect, "width")),
        None => (0.0, 0.0, 0.0),
    }
}

/// A screen position as map coordinates in the current window (the window has the frame's
/// aspect, so one scale serves both axes).
fn to_map(svg: &web_sys::Element, window: &ViewWindow, client: (f64, f64)) -> [f64; 2] {
    let (left, top, width) = screen_box(svg);
    let per_px = window.units_per_px(width);
    [window.x + (client.0 - left) * per_px, window.y + (client.1 - top) * per_px]
}

/// The frame's height / width, `None` before it is laid out.
fn aspect_of(element: &web_sys::Element) -> Option<f64> {
    let (w, h) = (element.client_width(), element.client_height());
    (w > 0 && h > 0).then(|| h as f64 / w as f64)
}

/// Whether the document shows an element in full screen (the Fullscreen API).
fn document_full_screen() -> bool {
    leptos::prelude::document().fullscreen_element().is_some()
}

#[derive(Clone, Copy, Debug, PartialEq)]
struct ActivePointer {
    id: i32,
    x: f64,
    y: f64,
}

#[component]
pub fn CoverageMapSvg(
    geometry: Arc<MapGeometry>,
    #[prop(into)] colouring: Signal<Arc<MapColouring>>,
    selected: RwSignal<Option<String>>,
    /// Other members of the selected municipality's partnership(s).
    #[prop(into)]
    highlighted: Signal<HashSet<String>>,
    /// Accessible name of each shape ("Ieper: Demo-regie ...").
    label_of: Arc<dyn Fn(usize) -> String + Send + Sync>,
    /// The part of the map to open on (the user's province, an embed's region); `None`: all.
    opening: Option<Bounds>,
    /// A municipality to zoom to (the find box sets it; the map takes it and clears it).
    zoom_to: RwSignal<Option<String>>,
    /// The frame's height / width as last measured, shared by the maps of one map section: a
    /// map that replaces another (the boundaries an empty frame) opens fitted to it, without
    /// asking the browser to lay the page out (a 30-40 ms task at 4x, issue 15). The frame's
    /// size does not depend on the geometry (style/map.css).
    frame_aspect: StoredValue<Option<f64>>,
) -> impl IntoView {
    let state = use_app_state();
    // The first layout: the whole map in the frame, then the opening region.
    let (map_w, map_h) = (geometry.width, geometry.height);
    let opening_window = move |aspect: f64| {
        let whole = ViewWindow::fitted(map_w, map_h, aspect);
        match &opening {
            Some(region) => whole.fit(region, 1.1),
            None => whole,
        }
    };
    let known_aspect = frame_aspect.get_value();
    let window = RwSignal::new(match known_aspect {
        Some(aspect) => opening_window(aspect),
        None => ViewWindow::full(map_w, map_h),
    });
    let focus = RwSignal::new(selected.get_untracked().and_then(|n| geometry.index_of(&n)).unwrap_or(0));
    let svg_ref = NodeRef::<leptos::svg::Svg>::new();
    let frame_ref = NodeRef::<leptos::html::Div>::new();
    let viewport_ref = NodeRef::<leptos::html::Div>::new();
    let pointers = StoredValue::new(Vec::<ActivePointer>::new());
    let travelled = StoredValue::new(0.0_f64);
    let suppress_click = StoredValue::new(false);
    let full_screen = RwSignal::new(false);
    // "Zoomed in on …: tap again to choose", after a tap on a municipality too small to choose.
    let tap_note = RwSignal::new(None::<String>);
    let centres: Arc<Vec<[f64; 2]>> = Arc::new(geometry.shapes.iter().map(|s| s.center).collect());
    let geometry_for_events = geometry.clone();

    let zoom_by = move |factor: f64| {
        window.update(|w| {
            let centre = w.center();
            *w = w.zoom(factor, centre);
        })
    };
    let svg_element = move || svg_ref.get_untracked().map(|s| s.unchecked_into::<web_sys::Element>());
    // The window takes the frame's shape whenever the frame is laid out anew (first paint,
    // rotation, full screen), so the map fills the frame without bands.
    let fit_frame = move || {
        let Some(viewport) = viewport_ref.get_untracked() else { return };
        if let Some(aspect) = aspect_of(viewport.unchecked_ref()) {
            frame_aspect.set_value(Some(aspect));
            window.update(|w| *w = w.with_aspect(aspect));
        }
    };
    // Unless the frame's shape is known: in the next frame, where the browser lays the page out
    // anyway. Asking for the frame's size in the task that built the page made the browser lay
    // it out there, a long task on a phone.
    Effect::new(move |_| {
        let Some(viewport) = viewport_ref.get() else { return };
        if known_aspect.is_some() {
            return;
        }
        let opening_window = opening_window.clone();
        request_animation_frame(move || {
            let Some(aspect) = aspect_of(viewport.unchecked_ref()) else { return };
            // `try_`: the map may have gone before this frame.
            let _ = frame_aspect.try_set_value(Some(aspect));
            let _ = window.try_set(opening_window(aspect));
        });
    });
    let resize = window_event_listener(leptos::ev::resize, move |_| fit_frame());
    // Leaving the browser's full screen (its Escape, or its own control) leaves ours too.
    let full_screen_change = window_event_listener_untyped("fullscreenchange", move |_| {
        if !document_full_screen() && full_screen.get_untracked() {
            full_screen.set(false);
        }
        request_animation_frame(fit_frame);
    });
    let escape = window_event_listener(leptos::ev::keydown, move |ev| {
        if ev.key() == "Escape" && full_screen.get_untracked() {
            full_screen.set(false);
            if document_full_screen() {
                leptos::prelude::document().exit_fullscreen();
            }
            request_animation_frame(fit_frame);
        }
    });
    on_cleanup(move || {
        resize.remove();
        full_screen_change.remove();
        escape.remove();
    });
    let toggle_full_screen = move |_| {
        let on = !full_screen.get_untracked();
        full_screen.set(on);
        if on {
            // The Fullscreen API where the browser has it (and allows it); the class alone makes
            // the frame fill the viewport where it does not.
            if let Some(frame) = frame_ref.get_untracked() {
                call_async(frame.as_ref(), "requestFullscreen");
            }
        } else if document_full_screen() {
            leptos::prelude::document().exit_fullscreen();
        }
        request_animation_frame(fit_frame);
    };

    let on_wheel = move |ev: leptos::ev::WheelEvent| {
        let Some(svg) = svg_element() else { return };
        ev.prevent_default();
        let around = to_map(&svg, &window.get_untracked(), (ev.client_x() as f64, ev.client_y() as f64));
        // Trackpads send many small deltas, mouse wheels few large ones: exponential keeps both smooth.
        let factor = (-ev.delta_y() * 0.002).exp();
        window.update(|w| *w = w.zoom(factor, around));
    };
    let on_pointer_down = move |ev: leptos::ev::PointerEvent| {
        pointers.update_value(|ps| {
            ps.retain(|p| p.id != ev.pointer_id());
            ps.push(ActivePointer { id: ev.pointer_id(), x: ev.client_x() as f64, y: ev.client_y() as f64 });
        });
        if pointers.with_value(|ps| ps.len()) == 1 {
            travelled.set_value(0.0);
        }
    };
    let on_pointer_move = move |ev: leptos::ev::PointerEvent| {
        let Some(svg) = svg_element() else { return };
        let id = ev.pointer_id();
        let now = (ev.client_x() as f64, ev.client_y() as f64);
        let before = pointers.with_value(|ps| ps.clone());
        let Some(previous) = before.iter().find(|p| p.id == id).copied() else { return };
        let (_, _, width) = screen_box(&svg);
        let per_px = window.get_untracked().units_per_px(width);
        match before.as_slice() {
            [_] => {
                let (dx, dy) = (now.0 - previous.x, now.1 - previous.y);
                travelled.update_value(|d| *d += dx.hypot(dy));
                if travelled.get_value() > TAP_SLOP_PX {
                    window.update(|w| *w = w.pan(-dx * per_px, -dy * per_px));
                }
            }
            [a, b] => {
                // Pinch: the distance between the two fingers scales the map around their middle.
                let other = if a.id == id { b } else { a };
                let old = (previous.x - other.x).hypot(previous.y - other.y);
                let new = (now.0 - other.x).hypot(now.1 - other.y);
                if old > 0.0 && new > 0.0 {
                    let middle = ((now.0 + other.x) / 2.0, (now.1 + other.y) / 2.0);
                    let around = to_map(&svg, &window.get_untracked(), middle);
                    window.update(|w| *w = w.zoom(new / old, around));
                }
                travelled.set_value(TAP_SLOP_PX * 2.0);
            }
            _ => {}
        }
        pointers.update_value(|ps| {
            if let Some(p) = ps.iter_mut().find(|p| p.id == id) {
                p.x = now.0;
                p.y = now.1;
            }
        });
    };
    let on_pointer_end = move |ev: leptos::ev::PointerEvent| {
        pointers.update_value(|ps| ps.retain(|p| p.id != ev.pointer_id()));
        if travelled.get_value() > TAP_SLOP_PX {
            suppress_click.set_value(true);
        }
    };

    let select = move |nis: String| {
        if suppress_click.get_value() {
            suppress_click.set_value(false);
            return;
        }
        tap_note.set(None);
        selected.set(Some(nis));
    };

    // The shapes are written once as one markup string (see `shapes_markup`), and one effect
    // updates what changes (fill, selection, tab stop, label): hundreds of shapes as separate
    // elements, let alone with a reactive effect each, made the first paint several times
    // slower. Events are delegated to the group for the same reason.
    let state_of = {
        let geometry = geometry.clone();
        let label_of = label_of.clone();
        move |i: usize, colouring: &MapColouring, sel: Option<&str>, members: &HashSet<String>, focus_at: usize| {
            let nis = geometry.shapes[i].nis.as_str();
            let is_selected = sel == Some(nis);
            ShapeState {
                class: match (is_selected, members.contains(nis)) {
                    (true, _) => "muni selected",
                    (false, true) => "muni member",
                    _ => "muni",
                },
                fill: match colouring.shape_fill(i) {
                    ShapeFill::Partnership(colour) => colour.to_string(),
                    ShapeFill::Uncovered => format!("url(#{HATCH_ID})"),
                    ShapeFill::Unknown => format!("url(#{DOTS_ID})"),
                },
                tab_stop: i == focus_at,
                label: label_of(i),
                pressed: is_selected,
            }
        }
    };
    let group_ref = NodeRef::<leptos::svg::G>::new();
    {
        let count = geometry.shapes.len();
        // Where the shapes stand: 0 not yet asked for, 1 to be written in the next task,
        // 2 written. On a start they are written in a task after the one that builds the page:
        // both in one task blocked a phone (4x CPU) for half a second on a first visit to
        // /kaart (issue 15). On a route change, at once (see `route_changed`).
        let at_once = crate::components::route_changed();
        let written = StoredValue::new(0_u8);
        let write = {
            let (geometry, state_of) = (geometry.clone(), state_of.clone());
            move || {
                // The page may have gone meanwhile (another route): then so has the map.
                if written.try_get_value().is_none() {
                    return;
                }
                let Some(group) = group_ref.get_untracked() else { return };
                let colouring = colouring.get_untracked();
                let sel = selected.get_untracked();
                let members = highlighted.get_untracked();
                let focus_at = focus.get_untracked();
                let markup = shapes_markup(&geometry, |i| state_of(i, &colouring, sel.as_deref(), &members, focus_at));
                group.set_inner_html(&markup);
                written.set_value(2);
            }
        };
        Effect::new(move |_| {
            let colouring = colouring.get();
            let sel = selected.get();
            let members = highlighted.get();
            let focus_at = focus.get();
            state.lang.track();
            if group_ref.get_untracked().is_none() {
                return;
            }
            // The first run asks for the shapes to be written with the values of that moment;
            // runs before that only change what the write will read, later ones update it.
            match written.get_value() {
                0 if at_once => {
                    write();
                    return;
                }
                0 => {
                    written.set_value(1);
                    let write = write.clone();
                    leptos::task::spawn_local(async move {
                        crate::tasks::next_task().await;
                        write();
                    });
                    return;
                }
                1 => return,
                _ => {}
            }
            let Some(group) = group_ref.get_untracked() else { return };
            let children = group.unchecked_ref::<web_sys::Element>().children();
            for i in 0..count {
                let Some(path) = children.item(i as u32) else { break };
                for (name, value) in state_of(i, &colouring, sel.as_deref(), &members, focus_at).attributes() {
                    if path.get_attribute(name).as_deref() != Some(value) {
                        let _ = path.set_attribute(name, value);
                    }
                }
            }
        });
    }
    // The find box: zoom to the municipality it found (it is selected there already).
    {
        let geometry = geometry.clone();
        Effect::new(move |_| {
            let Some(nis) = zoom_to.get() else { return };
            if let Some(i) = geometry.index_of(&nis) {
                focus.set(i);
                tap_note.set(None);
                window.update(|w| *w = w.fit(&geometry.shapes[i].bounds, FOUND_MARGIN));
            }
            zoom_to.set(None);
        });
    }
    let index_of_target = move |target: Option<web_sys::EventTarget>| -> Option<(usize, web_sys::Element)> {
        let element = target?.dyn_into::<web_sys::Element>().ok()?;
        let nis = element.get_attribute("data-nis")?;
        Some((geometry_for_events.index_of(&nis)?, element))
    };
    let on_click = {
        let index_of_target = index_of_target.clone();
        let geometry = geometry.clone();
        let label_of = label_of.clone();
        move |ev: leptos::ev::MouseEvent| {
            let Some((i, element)) = index_of_target(ev.target()) else { return };
            focus.set(i);
            let Some(svg) = svg_element() else { return };
            // Tap-to-zoom: a municipality smaller than a finger is zoomed in on first, so the
            // next tap hits what the user aims at (WCAG 2.5.8); a drag never selects.
            if !suppress_click.get_value() {
                let current = window.get_untracked();
                let (_, _, width) = screen_box(&svg);
                let around = to_map(&svg, &current, (ev.client_x() as f64, ev.client_y() as f64));
                if let Some(zoomed) = current.tap_zoom(&geometry.shapes[i].bounds, around, width) {
                    window.set(zoomed);
                    let name = label_of(i);
                    let name = name.split_once(": ").map_or(name.as_str(), |(n, _)| n).to_string();
                    tap_note.set(Some(fill(state.t().map_tap_zoomed, "x", name)));
                    return;
                }
            }
            if let Some(nis) = element.get_attribute("data-nis") {
                select(nis);
            }
        }
    };
    let on_key = {
        let centres = centres.clone();
        move |ev: leptos::ev::KeyboardEvent| {
            let Some((i, element)) = index_of_target(ev.target()) else { return };
            let key = ev.key();
            if key == "Enter" || key == " " {
                ev.prevent_default();
                suppress_click.set_value(false);
                if let Some(nis) = element.get_attribute("data-nis") {
                    select(nis);
                }
            } else if let Some(direction) = Direction::from_key(&key) {
                ev.prevent_default();
                if let Some(next) = step(&centres, i, direction) {
                    focus.set(next);
                    // The focused shape stays on screen when the map is zoomed in.
                    window.update(|w| *w = w.keep_in_view(centres[next]));
                    if let Some(sibling) = element.parent_element().and_then(|g| g.children().item(next as u32)) {
                        call(sibling.as_ref(), "focus");
                    }
                }
            }
        }
    };

    // Outlines drawn on top, so a highlighted border is never hidden under a neighbour.
    let outlines = {
        let geometry = geometry.clone();
        move || {
            let sel = selected.get();
            let members = highlighted.get();
            geometry
                .shapes
                .iter()
                .filter(|s| members.contains(&s.nis) || sel.as_deref() == Some(s.nis.as_str()))
                .map(|s| {
                    let class = if sel.as_deref() == Some(s.nis.as_str()) { "outline outline-selected" } else { "outline outline-member" };
                    view! { <path class=class d=s.path.clone()></path> }
                })
                .collect_view()
        }
    };
    // In full screen the panel below the map is hidden: the chosen municipality is named here.
    let caption = {
        let geometry = geometry.clone();
        move || selected.get().and_then(|nis| geometry.index_of(&nis)).map(|i| label_of(i))
    };

    // No kind while nothing is drawn (the boundaries on their way).
    let kind = if geometry.shapes.is_empty() { "none" } else { geometry.kind.code() };
    view! {
        <div class="map-frame" class:full-screen=move || full_screen.get() node_ref=frame_ref>
            <div class="map-controls">
                <button type="button" class="map-button" data-action="zoom-in" aria-label=state.text(|t| t.map_zoom_in) on:click=move |_| zoom_by(BUTTON_ZOOM)>"+"</button>
                <button type="button" class="map-button" data-action="zoom-out" aria-label=state.text(|t| t.map_zoom_out) on:click=move |_| zoom_by(1.0 / BUTTON_ZOOM)>"−"</button>
                <button type="button" class="map-button map-button-wide" data-action="reset" on:click=move |_| window.update(|w| *w = w.reset())>
                    {state.text(|t| t.map_reset)}
                </button>
                <button
                    type="button"
                    class="map-button map-button-wide"
                    data-action="full-screen"
                    aria-pressed=move || full_screen.get().to_string()
                    on:click=toggle_full_screen
                >
                    {state.text(|t| t.map_full_screen)}
                </button>
            </div>
            <div class="map-viewport" node_ref=viewport_ref>
                <svg
                    node_ref=svg_ref
                    class="coverage-map"
                    data-geometry=kind
                    data-zoom=move || format!("{:.2}", window.get().zoom_level())
                    style=move || {
                        let free = full_screen.get() || window.get().zoom_level() > 1.0;
                        format!("touch-action: {}", if free { "none" } else { "pan-y" })
                    }
                    viewBox=move || window.get().view_box()
                    preserveAspectRatio="xMidYMid meet"
                    role="group"
                    aria-label=state.text(|t| t.map_label)
                    on:wheel=on_wheel
                    on:pointerdown=on_pointer_down
                    on:pointermove=on_pointer_move
                    on:pointerup=on_pointer_end
                    on:pointercancel=on_pointer_end
                    on:pointerleave=on_pointer_end
                >
                    <defs>
                        <pattern id=HATCH_ID patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(45)">
                            <rect width="6" height="6" fill=UNCOVERED_FILL></rect>
                            <line x1="0" y1="0" x2="0" y2="6" stroke="#7d8884" stroke-width="1.6"></line>
                        </pattern>
                        <pattern id=DOTS_ID patternUnits="userSpaceOnUse" width="5" height="5">
                            <rect width="5" height="5" fill=UNKNOWN_FILL></rect>
                            <circle cx="2.5" cy="2.5" r="1.1" fill="#59625f"></circle>
                        </pattern>
                    </defs>
                    <g class="shapes" node_ref=group_ref on:click=on_click on:keydown=on_key></g>
                    <g class="outlines" aria-hidden="true">{outlines}</g>
                </svg>
            </div>
            <p class="map-status" role="status">{move || tap_note.get()}</p>
            <p class="map-caption" aria-hidden="true">{caption}</p>
        </div>
    }
}
