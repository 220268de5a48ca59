//! The app inside another site's iframe: reads the embed parameters, applies the host's
//! colours, tells the host page its height, and takes commands only from the host named in
//! `ouder`. The rules themselves (parsing, contrast, origins) are pure, in `crate::embed`.
//!
//! Protocol (`postMessage`, plain objects):
//! - app → host: `{ type: "wegwijzer:height", height: <css px> }` on every size change, sent
//!   only to the `ouder` origin;
//! - app → host: `{ type: "wegwijzer:scroll" }` after navigating to another view inside the
//!   frame, so the host brings the frame's top into view (else a tap on a card low in a tall
//!   embed leaves the visitor in the middle of the detail page); same origin rule;
//! - host → app: `{ type: "wegwijzer:language", lang: "nl" | "fr" | "en" }`, obeyed only when
//!   it comes from the parent window with the `ouder` origin.

use crate::app::AppState;
use crate::embed::{accepts_messages_from, EmbedConfig, EmbedView, PARAMS};
use crate::model::Lang;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Where an iframe keeps its embed parameters, so a reload inside the frame (after navigating
/// away from the first URL) stays an embed.
const EMBED_SESSION_KEY: &str = "wegwijzer.embed";

fn in_frame() -> bool {
    window().top().ok().flatten().is_some_and(|top| !js_sys::Object::is(&top, &window()))
}

fn parse(search: &str) -> Option<EmbedConfig> {
    let params = web_sys::UrlSearchParams::new_with_str(search).ok()?;
    let values: Vec<(&str, String)> = PARAMS.iter().filter_map(|&k| params.get(k).map(|v| (k, v))).collect();
    EmbedConfig::from_pairs(values.iter().map(|(k, v)| (*k, v.as_str())))
}

/// The embed configuration of this page load, if it is one. When the URL asks for a view other
/// than the list, the address is switched to that view's route before the router reads it.
pub fn embed_config_at_start() -> Option<EmbedConfig> {
    let location = window().location();
    let search = location.search().unwrap_or_default();
    let session = window().session_storage().ok().flatten();
    if let Some(config) = parse(&search) {
        if let Some(s) = &session {
            let _ = s.set_item(EMBED_SESSION_KEY, &search);
        }
        if crate::public_url::current_app_path().as_deref() == Some("/") && config.view != EmbedView::Directory {
            let url = format!("{}{search}", crate::public_url::href(&config.view.path()));
            let _ = window().history().and_then(|h| h.replace_state_with_url(&JsValue::NULL, "", Some(&url)));
        }
        return Some(config);
    }
    if !in_frame() {
        return None;
    }
    parse(&session?.get_item(EMBED_SESSION_KEY).ok()??)
}

/// Colours, layout classes, height reports and host commands.
pub fn connect_embed_frame(state: AppState) {
    let Some(config) = state.embed.get_value() else { return };
    for problem in &config.problems {
        leptos::logging::warn!("wegwijzer embed: {problem:?}");
    }
    if let Some(root) = document().document_element() {
        let mut class = String::from("embed");
        if config.compact {
            class.push_str(" compact");
        }
        let _ = root.set_attribute("class", &class);
        if !config.colours.is_default() {
            let _ = root.set_attribute("style", &config.colours.css_variables());
        }
    }
    let Some(parent_origin) = config.parent_origin.clone() else { return };
    report_height(parent_origin.clone());
    listen_for_commands(state, parent_origin);
}

/// Posts the content height to the host whenever it changes (ResizeObserver on <body>).
fn report_height(parent_origin: String) {
    let Ok(Some(parent)) = window().parent() else { return };
    let Some(body) = document().body() else { return };
    let last = std::cell::Cell::new(-1.0_f64);
    let measure = {
        let body = body.clone();
        move || {
            let height = body.get_bounding_client_rect().height().ceil();
            if height != last.replace(height) {
                let message = js_sys::Object::new();
                let _ = js_sys::Reflect::set(&message, &"type".into(), &"wegwijzer:height".into());
                let _ = js_sys::Reflect::set(&message, &"height".into(), &height.into());
                let _ = parent.post_message(&message, &parent_origin);
            }
        }
    };
    measure();
    let callback = Closure::<dyn FnMut()>::new(measure);
    if let Ok(observer) = web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref()) {
        observer.observe(&body);
    }
    // Lives as long as the page.
    callback.forget();
}

/// Asks the host page to scroll the frame's top into view (after a navigation inside it).
pub fn ask_host_to_scroll(state: AppState) {
    let Some(parent_origin) = state.embed.with_value(|c| c.as_ref().and_then(|c| c.parent_origin.clone())) else { return };
    let Ok(Some(parent)) = window().parent() else { return };
    let message = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&message, &"type".into(), &"wegwijzer:scroll".into());
    let _ = parent.post_message(&message, &parent_origin);
}

fn listen_for_commands(state: AppState, parent_origin: String) {
    let on_message = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
        let from_parent = match (event.source(), window().parent().ok().flatten()) {
            (Some(source), Some(parent)) => js_sys::Object::is(&source, &parent),
            _ => false,
        };
        if !from_parent || !accepts_messages_from(&event.origin(), Some(&parent_origin)) {
            return;
        }
        let data = event.data();
        let field = |name: &str| js_sys::Reflect::get(&data, &name.into()).ok().and_then(|v| v.as_string());
        if field("type").as_deref() == Some("wegwijzer:language") {
            if let Some(lang) = field("lang").as_deref().and_then(Lang::parse) {
                state.lang.set(lang);
            }
        }
    });
    let _ = window().add_event_listener_with_callback("message", on_message.as_ref().unchecked_ref());
    on_message.forget();
}
