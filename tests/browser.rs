//! Browser tests (wasm-bindgen-test in headless Chromium): the real app mounts and renders the
//! list from a dataset served over HTTP. `scripts/test` serves `public/` with CORS and passes its
//! URL in `WEGWIJZER_TEST_BRON` at compile time.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use wegwijzer_core::dataset::{parse_index, FIRST_PAGE};
use wegwijzer_core::i18n::{fill, texts};
use wegwijzer_core::model::Lang;

wasm_bindgen_test_configure!(run_in_browser);

fn bron() -> &'static str {
    option_env!("WEGWIJZER_TEST_BRON")
        .expect("set WEGWIJZER_TEST_BRON to a served endpoint, e.g. http://127.0.0.1:8091/data/v1/ (scripts/test does)")
}

async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window().unwrap().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms).unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

/// Mounts the app in a fresh container, reading its endpoint from the meta tag like the real page.
/// The language is pinned to Dutch through the remembered choice, as the headless browser's own
/// language varies by machine.
fn mount_app(endpoint: &str) -> web_sys::HtmlElement {
    let window = web_sys::window().unwrap();
    window.local_storage().unwrap().unwrap().set_item("wegwijzer.taal", "nl").unwrap();
    let document = window.document().unwrap();
    if let Some(old) = document.query_selector("meta[name=wegwijzer-bron]").unwrap() {
        old.remove();
    }
    let meta = document.create_element("meta").unwrap();
    meta.set_attribute("name", "wegwijzer-bron").unwrap();
    meta.set_attribute("content", endpoint).unwrap();
    document.head().unwrap().append_child(&meta).unwrap();
    let container: web_sys::HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&container).unwrap();
    leptos::mount::mount_to(container.clone(), wegwijzer::App).forget();
    container
}

/// Polls until `selector` matches inside `root`, for up to 10 s.
async fn wait_for(root: &web_sys::HtmlElement, selector: &str) -> web_sys::Element {
    for _ in 0..200 {
        if let Some(found) = root.query_selector(selector).unwrap() {
            return found;
        }
        sleep(50).await;
    }
    panic!("{selector} did not appear; page: {}", root.inner_html());
}

#[wasm_bindgen_test]
async fn app_mounts_and_lists_the_served_initiatives() {
    let index_bytes = gloo_net::http::Request::get(&format!("{}index.json", bron()))
        .send()
        .await
        .expect("the test endpoint is served")
        .binary()
        .await
        .unwrap();
    let index = parse_index(&index_bytes).unwrap();
    let total = index.collections["initiatives"].count as usize;
    assert!(total > 0);

    let app = mount_app(bron());
    let count = wait_for(&app, ".result-count").await;
    let nl = texts(Lang::Nl);
    assert_eq!(count.text_content().unwrap(), fill(nl.result_count, "n", total));
    let cards = app.query_selector_all(".cards > li").unwrap().length() as usize;
    // The first page of cards (crates/core/src/dataset.rs).
    assert_eq!(cards, total.min(FIRST_PAGE));
    let first = app.query_selector(".card-title a").unwrap().unwrap();
    assert!(first.get_attribute("href").unwrap().starts_with("/initiatief/"));
    assert!(!first.text_content().unwrap().is_empty());
    // The dataset says it is a sample, so the notice shows.
    let notice = wait_for(&app, ".sample-notice").await;
    assert!(notice.text_content().unwrap().contains("Voorbeeldgegevens"));
    // The sync ends with storing the data, a few tasks after the list shows. The tests share
    // one page, whose sync runs one at a time: the next test's app must not find this one
    // still running (its sync would then be skipped, offline.rs `sync`).
    wait_for(&app, "[data-sync=\"up-to-date\"]").await;
    app.remove();
}

#[wasm_bindgen_test]
async fn a_failing_endpoint_shows_a_message_and_a_retry_button() {
    let missing = format!("{}does-not-exist/", bron());
    let app = mount_app(&missing);
    let panel = wait_for(&app, ".error-panel").await;
    assert_eq!(panel.get_attribute("role").as_deref(), Some("alert"));
    let text = panel.text_content().unwrap();
    assert!(text.contains("HTTP 404"), "{text}");
    assert!(app.query_selector(".error-panel button").unwrap().is_some());
    assert!(app.query_selector(".cards").unwrap().is_none());
    app.remove();
}

/// `StartLater` (issue 15): on a start its children come a task after the one that builds them;
/// after a route change they come at once, with the rest of the page.
#[wasm_bindgen_test]
async fn start_later_waits_a_task_on_a_start_and_not_after_a_route_change() {
    use leptos::prelude::*;
    use wegwijzer::components::{route_changed, StartLater};
    let window = web_sys::window().unwrap();
    let document = window.document().unwrap();
    let mount = || {
        let container: web_sys::HtmlElement = document.create_element("div").unwrap().unchecked_into();
        document.body().unwrap().append_child(&container).unwrap();
        let handle = leptos::mount::mount_to(container.clone(), || {
            view! { <p class="now">"now"</p> <StartLater><p class="later">"later"</p></StartLater> }
        });
        (container, handle)
    };

    // The document has not left the path it opened on (the tests never navigate).
    assert!(!route_changed());
    let (start, handle) = mount();
    assert!(start.query_selector(".now").unwrap().is_some());
    assert!(start.query_selector(".later").unwrap().is_none(), "built in the same task: {}", start.inner_html());
    wait_for(&start, ".later").await;
    drop(handle);
    start.remove();

    // Another path (as the router's pushState leaves it): from now on, at once.
    let history = window.history().unwrap();
    let opened_on = window.location().href().unwrap();
    history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some("/elders-in-de-app")).unwrap();
    assert!(route_changed());
    let (after, handle) = mount();
    assert!(after.query_selector(".later").unwrap().is_some(), "not at once after a route change: {}", after.inner_html());
    drop(handle);
    after.remove();
    history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&opened_on)).unwrap();
}
