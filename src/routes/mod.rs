//! One file per page.

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
