//! One file per page.

mod about;
mod directory;
mod initiative;
mod not_found;

pub use about::About;
pub use directory::Directory;
pub use initiative::InitiativePage;
pub use not_found::NotFound;
