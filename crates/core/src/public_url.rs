//! The public URL the app is served under: `/` on its own host, or a folder such as
//! `/wegwijzer/` (`trunk build --public-url /wegwijzer/`). The build writes it into the page's
//! `<meta name="wegwijzer-public-url">`; every route, link and file of the app is under it. Pure logic; `src/public_url.rs` reads the page.

/// The path of the app's base, without a trailing slash: `""` at the root of a host,
/// `"/wegwijzer"` under a folder. This is the form the router's `base` takes.
///
/// `base_uri`: the document's base URL, absolute (`https://host/wegwijzer/`), or only its path.
/// Its last segment is a file or route, not part of the folder (`/wegwijzer/kaart` → `/wegwijzer`),
/// as with any relative URL resolved against it. Query and fragment are ignored.
pub fn base_path(base_uri: &str) -> String {
    let without_origin = match base_uri.find("://") {
        Some(i) => {
            let rest = &base_uri[i + 3..];
            rest.find('/').map_or("/", |j| &rest[j..])
        }
        None => base_uri,
    };
    let path = without_origin.split(['?', '#']).next().unwrap_or_default();
    let folder = path.rfind('/').map_or("", |i| &path[..i]);
    folder.trim_end_matches('/').to_string()
}

/// An app path (`/kaart`, `/?q=x`, `/`) as a URL path under `base` (from [`base_path`]):
/// `/wegwijzer/kaart`, `/wegwijzer/?q=x`, `/wegwijzer/`.
pub fn href(base: &str, app_path: &str) -> String {
    if app_path.starts_with('/') {
        format!("{base}{app_path}")
    } else {
        format!("{base}/{app_path}")
    }
}

/// The app path of a URL path under `base`: `/wegwijzer/kaart` → `/kaart`, `/wegwijzer/` and
/// `/wegwijzer` → `/`. `None` when the path is outside the base (`/other/x`, `/wegwijzerx`).
pub fn app_path<'a>(base: &str, pathname: &'a str) -> Option<&'a str> {
    let rest = pathname.strip_prefix(base)?;
    if rest.is_empty() {
        Some("/")
    } else if rest.starts_with('/') {
        Some(rest)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_path_of_root_and_folders() {
        assert_eq!(base_path("http://127.0.0.1:8080/"), "");
        assert_eq!(base_path("http://127.0.0.1:8080"), "");
        assert_eq!(base_path("https://gemeente.be/wegwijzer/"), "/wegwijzer");
        assert_eq!(base_path("https://gemeente.be/a/b/wegwijzer/?x=1#y"), "/a/b/wegwijzer");
        assert_eq!(base_path("/wegwijzer/"), "/wegwijzer");
        assert_eq!(base_path("/"), "");
    }

    #[test]
    fn base_path_drops_the_last_segment_like_a_relative_url() {
        // Without a <base> element, baseURI is the page's own URL.
        assert_eq!(base_path("https://host/kaart"), "");
        assert_eq!(base_path("https://host/wegwijzer/initiatief/x"), "/wegwijzer/initiatief");
        assert_eq!(base_path("https://host/wegwijzer/kaart?regio=a/b"), "/wegwijzer");
    }

    #[test]
    fn href_prefixes_the_base() {
        assert_eq!(href("", "/kaart"), "/kaart");
        assert_eq!(href("", "/"), "/");
        assert_eq!(href("/wegwijzer", "/"), "/wegwijzer/");
        assert_eq!(href("/wegwijzer", "/?q=bakker"), "/wegwijzer/?q=bakker");
        assert_eq!(href("/wegwijzer", "initiatief/x"), "/wegwijzer/initiatief/x");
    }

    #[test]
    fn app_path_strips_the_base_or_refuses() {
        assert_eq!(app_path("", "/kaart"), Some("/kaart"));
        assert_eq!(app_path("/wegwijzer", "/wegwijzer/"), Some("/"));
        assert_eq!(app_path("/wegwijzer", "/wegwijzer"), Some("/"));
        assert_eq!(app_path("/wegwijzer", "/wegwijzer/kaart"), Some("/kaart"));
        assert_eq!(app_path("/wegwijzer", "/wegwijzerx/kaart"), None);
        assert_eq!(app_path("/wegwijzer", "/kaart"), None);
    }
}
