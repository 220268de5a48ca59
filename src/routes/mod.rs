//! One file per page.

mod about;
mod directory;
mod initiative;
mod map;
mod not_found;

pub use about::About;
pub use directory::Directory;
pub use initiative::InitiativePage;
pub use map::CoverageMap;
pub use not_found::NotFound;
