//! The app: global state (language, endpoint, dataset) and the routes.

use crate::offline::Storage;
use crate::sync::SyncState;
use crate::components::{EmbedFooter, EmbedNav, EmbedNotice, Footer, Header, LeftOutNotice, SampleNotice, SourceNotice, UpdateBanner, LANG_STORAGE_KEY};
use crate::embed::{EmbedConfig, EmbedProblem, EmbedScope};
use crate::config::{Endpoint, Remember};
use crate::dataset::{Dataset, LoadError};
use crate::i18n::{choose_lang, texts, Texts};
use crate::model::{Lang, Point};
use crate::search::SearchIndex;
use crate::routes::{AboutRoute, Directory, EmbedBuilderRoute, InitiativeRoute, MapRoute, NotFound};
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{path, Lazy};
use std::sync::Arc;

/// Where the dataset is in its life.
#[derive(Clone, Debug)]
pub enum LoadState {
    Loading,
    /// The first page of the cached dataset ([`Dataset::is_complete`] is false), shown by the
    /// directory while the rest is read from IndexedDB; other pages still wait.
    FirstPage(Arc<Dataset>),
    Ready(Arc<Dataset>),
    Failed(LoadError),
}

/// State shared by every page, provided as context by [`App`].
#[derive(Clone, Copy)]
pub struct AppState {
    pub lang: RwSignal<Lang>,
    pub data: RwSignal<LoadState>,
    pub endpoint: StoredValue<Endpoint>,
    /// The search index of the current dataset, built once per load (after the first paint),
    /// not per keystroke; `None` until then.
    pub search: RwSignal<Option<Arc<SearchIndex>>>,
    /// The device's location once the user shared it; never leaves the device.
    pub here: RwSignal<Option<Point>>,
    /// The background sync's status, shown in the footer's status line.
    pub sync: RwSignal<SyncState>,
    /// Whether this device keeps the data for offline use.
    pub storage: RwSignal<Storage>,
    /// The embed parameters when the app runs inside another site's iframe; fixed at start.
    pub embed: StoredValue<Option<EmbedConfig>>,
    /// The embed's region and fixed filters resolved against the current dataset.
    pub embed_scope: Memo<Option<Arc<(EmbedScope, Vec<EmbedProblem>)>>>,
    /// The directory's last URL (path and query), for "Terug naar de lijst": the same search,
    /// filters and order, like the browser's Back.
    pub list_url: RwSignal<String>,
    /// How many cards the list at `list_url` showed (more after "Toon meer"): a return to that
    /// list (Back, "Terug naar de lijst") shows them again, not only the first page.
    pub list_shown: RwSignal<usize>,
    /// The municipality (NIS) the user last looked for in the directory (a place in the search,
    /// the place to measure from, a municipality filter): the coverage map opens on it.
    pub looked_for: RwSignal<Option<String>>,
}

impl AppState {
    /// The UI text in the current language (reactive).
    pub fn t(&self) -> &'static Texts {
        texts(self.lang.get())
    }

    /// One UI text, reactive, as a view or attribute value. Every use has the same closure type
    /// (the function pointer picks the text), so a page with dozens of texts compiles the
    /// rendering code for it once, not once per text: smaller wasm, faster first paint.
    pub fn text(self, pick: fn(&'static Texts) -> &'static str) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
        move || pick(self.t())
    }

    pub fn is_embedded(&self) -> bool {
        self.embed.with_value(Option::is_some)
    }

    /// Syncs with the endpoint now (the retry button). A failure keeps the dataset shown.
    pub fn sync_now(self) {
        if matches!(self.data.get_untracked(), LoadState::Failed(_)) {
            self.data.set(LoadState::Loading);
        }
        crate::offline::sync(self);
    }
}

pub fn use_app_state() -> AppState {
    expect_context::<AppState>()
}

/// One parameter of the page's URL query, read from the location (outside the router too).
pub fn query_parameter(name: &str) -> Option<String> {
    let search = window().location().search().ok()?;
    let params = web_sys::UrlSearchParams::new_with_str(&search).ok()?;
    params.get(name)
}

fn meta_endpoint() -> Option<String> {
    document()
        .query_selector("meta[name=wegwijzer-bron]")
        .ok()
        .flatten()
        .and_then(|m| m.get_attribute("content"))
}

/// The tab's sessionStorage key for an accepted `?bron=`.
const BRON_SESSION_KEY: &str = "wegwijzer-bron";

/// The endpoint from the meta tag and `?bron=`, or the `?bron=` this tab accepted before (after
/// a click dropped it from the URL, or a reload of any page); see [`Endpoint::resolve_in_tab`].
fn endpoint_for_tab() -> Endpoint {
    let session = window().session_storage().ok().flatten();
    let remembered = session.as_ref().and_then(|s| s.get_item(BRON_SESSION_KEY).ok().flatten());
    let (endpoint, remember) = Endpoint::resolve_in_tab(meta_endpoint().as_deref(), query_parameter("bron").as_deref(), remembered.as_deref(), &crate::public_url::base());
    if let Some(s) = session {
        let _ = match remember {
            Remember::Store(value) => s.set_item(BRON_SESSION_KEY, &value),
            Remember::Forget => s.remove_item(BRON_SESSION_KEY),
            Remember::Keep => Ok(()),
        };
    }
    endpoint
}

/// Creates the app state from the page (meta tag, `?bron=`, `?taal=`, embed parameters) and
/// starts loading.
pub fn provide_app_state() -> AppState {
    let endpoint = endpoint_for_tab();
    let embed = crate::components::embed_config_at_start();
    // An embed speaks the language its host asked for, not this device's earlier choice.
    let stored = match embed {
        Some(_) => None,
        None => window().local_storage().ok().flatten().and_then(|s| s.get_item(LANG_STORAGE_KEY).ok().flatten()),
    };
    let browser: Vec<String> = window().navigator().languages().iter().filter_map(|l| l.as_string()).collect();
    let url_lang = query_parameter("taal");
    let lang = choose_lang(url_lang.as_deref(), stored.as_deref(), &browser);
    let data = RwSignal::new(LoadState::Loading);
    let embed = StoredValue::new(embed);
    let embed_scope = Memo::new(move |_| {
        let resolved = embed.with_value(|config| {
            let config = config.as_ref()?;
            match data.get() {
                LoadState::Ready(d) => Some(config.resolve(&d)),
                _ => None,
            }
        })?;
        Some(Arc::new(resolved))
    });
    let state = AppState {
        lang: RwSignal::new(lang),
        data,
        endpoint: StoredValue::new(endpoint),
        search: RwSignal::new(None),
        here: RwSignal::new(None),
        sync: RwSignal::new(SyncState::Idle),
        storage: RwSignal::new(Storage::Unknown),
        embed,
        embed_scope,
        list_url: RwSignal::new(crate::public_url::href("/")),
        list_shown: RwSignal::new(0),
        looked_for: RwSignal::new(None),
    };
    provide_context(state);
    crate::components::provide_clock();
    Effect::new(move |_| {
        if let Some(html) = document().document_element() {
            let _ = html.set_attribute("lang", state.lang.get().code());
        }
    });
    crate::offline::start(state);
    if state.is_embedded() {
        crate::components::connect_embed_frame(state);
    }
    state
}

#[component]
pub fn App() -> impl IntoView {
    let state = provide_app_state();
    let picture_waits = crate::components::hand_over_first_paint(state);
    // Fixed at start: an embed never becomes the full app or the other way round.
    let embedded = state.is_embedded();
    // While first-paint.js's picture stands in for the whole app until the data is there (a
    // first visit), the app's frame (header, notices, footer) and then the page may as well be
    // built in tasks of their own: the task that mounts the app was the longest of a first
    // visit (issue 15; V8 compiles each wasm function on its first call). Otherwise both are
    // built at once: with data (the snapshot's first page) the page replaces the picture in
    // this task, and without a picture its loading line shows from the first frame (no layout
    // shift).
    let frame_ready = RwSignal::new(!picture_waits);
    let page_ready = RwSignal::new(!picture_waits);
    if picture_waits {
        leptos::task::spawn_local(async move {
            crate::tasks::next_task().await;
            frame_ready.set(true);
            crate::tasks::next_task().await;
            page_ready.set(true);
        });
    }
    let framed = move |part: fn() -> AnyView| move || frame_ready.get().then(part);
    view! {
        // Under a folder (`--public-url /wegwijzer/`) the routes live below it.
        <Router base=crate::public_url::base()>
            <a class="skip-link" href="#inhoud">{state.text(|t| t.skip_to_content)}</a>
            {framed(if embedded { || view! { <EmbedNav/> }.into_any() } else { || view! { <Header/> }.into_any() })}
            <main id="inhoud" tabindex="-1">
                // Inside <main> so the notices belong to a landmark (axe "region").
                {framed(if embedded {
                    || view! { <UpdateBanner/> <SampleNotice/> <SourceNotice/> <LeftOutNotice/> <EmbedNotice/> }.into_any()
                } else {
                    || view! { <UpdateBanner/> <SampleNotice/> <SourceNotice/> <LeftOutNotice/> }.into_any()
                })}
                {move || page_ready.get().then(|| view! {
                    <Routes fallback=NotFound>
                        <Route path=path!("/") view=Directory/>
                        // Lazy: each page's code is a wasm chunk loaded on its first visit (routes/mod.rs).
                        <Route path=path!("/initiatief/:id") view={Lazy::<InitiativeRoute>::new()}/>
                        <Route path=path!("/over") view={Lazy::<AboutRoute>::new()}/>
                        <Route path=path!("/kaart") view={Lazy::<MapRoute>::new()}/>
                        <Route path=path!("/insluiten") view={Lazy::<EmbedBuilderRoute>::new()}/>
                    </Routes>
                })}
            </main>
            {framed(if embedded { || view! { <EmbedFooter/> }.into_any() } else { || view! { <Footer/> }.into_any() })}
        </Router>
    }
}
