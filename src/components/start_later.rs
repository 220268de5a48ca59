//! Parts of a page that come a task later on a start.

use super::route_changed;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// Renders its children in a task after the one that builds it on a start, at once after a
/// route change ([`route_changed`]). A page whose parts are built together in one task blocked
/// a phone (4x CPU) for 100-150 ms per part on a first visit, most of it V8 compiling the code
/// each part runs for the first time (issue 15, docs/first-visit.md); in tasks of their own the
/// browser may paint and answer input in between. Meant for what is below the first screen or
/// follows what the visitor reads first: it appears a task later.
///
/// ```ignore
/// view! { <Figures/> <StartLater><Legend/></StartLater> }
/// ```
#[component]
pub fn StartLater(children: ChildrenFn) -> impl IntoView {
    let ready = RwSignal::new(route_changed());
    if !ready.get_untracked() {
        spawn_local(async move {
            crate::tasks::next_task().await;
            // The page may have gone meanwhile.
            let _ = ready.try_set(true);
        });
    }
    move || ready.get().then(|| children())
}
