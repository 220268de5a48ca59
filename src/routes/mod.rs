//! One file per page.
//!
//! The start page (`/`, also the embed) and the not-found page are in the main wasm module.
//! The other pages are lazy routes: their code is split into wasm chunks at build time
//! (scripts/split-wasm.mjs) and loaded the first time the route is visited, so the first visit
//! does not wait for the code of every page.

mod about;
mod directory;
mod embed_builder;
mod initiative;
mod map;
mod not_found;

pub use about::About;
pub use directory::Directory;
pub use embed_builder::EmbedBuilder;
pub use initiative::InitiativePage;
pub use map::CoverageMap;
pub use not_found::NotFound;

/// Declares `$route`, a lazy route (`view=Lazy::<$route>::new()`) that shows the component
/// `$page`, whose code then lives in a wasm chunk of its own. Without the `split` feature (the
/// browser tests, whose runner cannot split wasm) the same route with its code in the module.
macro_rules! lazy_page {
    ($(#[$doc:meta])* $route:ident => $page:ident) => {
        $(#[$doc])*
        pub struct $route;

        #[cfg(feature = "split")]
        #[leptos_router::lazy_route]
        impl leptos_router::LazyRoute for $route {
            fn data() -> Self {
                $route
            }

            fn view(this: Self) -> leptos::prelude::AnyView {
                let _ = this;
                leptos::prelude::IntoAny::into_any(leptos::prelude::view! { <$page/> })
            }
        }

        #[cfg(not(feature = "split"))]
        impl leptos_router::LazyRoute for $route {
            fn data() -> Self {
                $route
            }

            async fn view(_: Self) -> leptos::prelude::AnyView {
                leptos::prelude::IntoAny::into_any(leptos::prelude::view! { <$page/> })
            }
        }
    };
}

lazy_page!(
    /// `/initiatief/:id`, loaded when first visited.
    InitiativeRoute => InitiativePage
);
lazy_page!(
    /// `/kaart` with the map's geometry code, loaded when first visited (or warmed up while the
    /// start page is idle, see `warm_up_coverage_map`).
    MapRoute => CoverageMap
);
lazy_page!(
    /// `/over`, loaded when first visited.
    AboutRoute => About
);
lazy_page!(
    /// `/insluiten`, the embed builder, loaded when first visited.
    EmbedBuilderRoute => EmbedBuilder
);
