//! Where the app gets its data. The built site names the endpoint in
//! `<meta name="wegwijzer-bron" content="data/v1/">`; a `?bron=` URL parameter overrides it
//! for testing. Pure logic; `app.rs` reads the meta tag and the URL.

/// The bundled sample endpoint, beside the app (under its public URL, see [`crate::public_url`]).
pub const DEFAULT_ENDPOINT: &str = "data/v1/";

#[derive(Clone, Debug, PartialEq)]
pub struct Endpoint {
    /// Base URL ending in `/`; collection files are resolved against it.
    pub base: String,
    /// True when `?bron=` chose it.
    pub from_url_parameter: bool,
    /// A `?bron=` or meta value that was refused, to tell the tester why it was ignored.
    pub rejected: Option<String>,
}

/// Same-origin absolute path (`/x/`), a path relative to the app's public URL (`data/v1/`:
/// letters, digits, `-._~/` only, so never a scheme; the meta tag only) or absolute http(s) URL; nothing else
/// (no `javascript:`, no protocol-relative `//host`).
fn acceptable(value: &str) -> bool {
    let v = value.trim();
    (v.starts_with('/') && !v.starts_with("//")) || is_relative(v) || crate::validate::is_http_url(v)
}

fn is_relative(v: &str) -> bool {
    !v.is_empty() && !v.starts_with('/') && v.chars().all(|c| c.is_ascii_alphanumeric() || "-._~/".contains(c))
}

/// `value` made absolute: a relative path is put under the app's base path.
fn absolute(value: &str, app_base: &str) -> String {
    let v = with_slash(value);
    if is_relative(v.trim()) {
        crate::public_url::href(app_base, &v)
    } else {
        v
    }
}

fn with_slash(value: &str) -> String {
    let v = value.trim();
    if v.ends_with('/') {
        v.to_string()
    } else {
        format!("{v}/")
    }
}

impl Endpoint {
    /// `meta`: the content of the meta tag, if any; `bron`: the URL parameter, if any;
    /// `app_base`: the app's base path (`""` or `"/wegwijzer"`, [`crate::public_url::base_path`]),
    /// which relative values are resolved against. The result's `base` is absolute.
    pub fn resolve(meta: Option<&str>, bron: Option<&str>, app_base: &str) -> Endpoint {
        let mut rejected = None;
        if let Some(b) = bron.filter(|b| !b.trim().is_empty()) {
            // A tester's `?bron=` is absolute (a path or URL): a relative one is likely a typo.
            if acceptable(b) && !is_relative(b.trim()) {
                return Endpoint { base: absolute(b, app_base), from_url_parameter: true, rejected: None };
            }
            rejected = Some(b.to_string());
        }
        let chosen = match meta.filter(|m| !m.trim().is_empty()) {
            Some(m) if acceptable(m) => m,
            Some(m) => {
                rejected.get_or_insert_with(|| m.to_string());
                DEFAULT_ENDPOINT
            }
            None => DEFAULT_ENDPOINT,
        };
        Endpoint { base: absolute(chosen, app_base), from_url_parameter: false, rejected }
    }

    /// URL of a file of this endpoint; `file` has been checked by `dataset::is_plain_file_name`.
    pub fn url(&self, file: &str) -> String {
        format!("{}{}", self.base, file)
    }

    /// The endpoint resolved for one browser tab: a `?bron=` in the URL wins and is remembered
    /// for the tab (`session`: what the tab remembered, sessionStorage in the app), so it stays
    /// in force after navigating and after a reload of any page; an empty `?bron=` forgets it.
    /// A rejected `?bron=` is not remembered and is reported in `rejected`.
    pub fn resolve_in_tab(meta: Option<&str>, bron: Option<&str>, session: Option<&str>, app_base: &str) -> (Endpoint, Remember) {
        match bron.map(str::trim) {
            Some("") => (Endpoint::resolve(meta, None, app_base), Remember::Forget),
            Some(b) => {
                let e = Endpoint::resolve(meta, Some(b), app_base);
                let remember = if e.from_url_parameter { Remember::Store(b.to_string()) } else { Remember::Keep };
                (e, remember)
            }
            None => match session.filter(|s| acceptable(s)) {
                Some(s) => (Endpoint::resolve(meta, Some(s), app_base), Remember::Keep),
                None => (Endpoint::resolve(meta, None, app_base), if session.is_some() { Remember::Forget } else { Remember::Keep }),
            },
        }
    }

    /// A `?bron=` that names `index.json` itself (`…/v1/index.json`) gives requests for
    /// `…/v1/index.json/index.json`: the folder to use instead.
    pub fn suggested_fix(&self) -> Option<String> {
        let folder = self.base.strip_suffix("index.json/")?;
        Some(folder.to_string())
    }

    /// Whether the endpoint is on another origin than the page (`page_origin`: `scheme://host[:port]`),
    /// so a failed request while online may be the server's missing CORS header.
    pub fn is_cross_origin(&self, page_origin: &str) -> bool {
        is_cross_origin(&self.base, page_origin)
    }
}

/// Whether `url` is an absolute http(s) URL on another origin than `page_origin`
/// (`scheme://host[:port]`); a same-origin path is not.
pub fn is_cross_origin(url: &str, page_origin: &str) -> bool {
    crate::validate::is_http_url(url) && !url.starts_with(&format!("{page_origin}/"))
}

/// What the tab should remember of `?bron=` after [`Endpoint::resolve_in_tab`].
#[derive(Clone, Debug, PartialEq)]
pub enum Remember {
    Keep,
    Store(String),
    Forget,
}

/// Why a request did not complete. The browser does not tell (a fetch fails with the same
/// error for all three), so the app asks: is the browser online, and does the server answer a
/// request that needs no CORS permission (`mode: no-cors`)?
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NetworkCause {
    /// The browser is offline.
    Offline,
    /// Online, but the server cannot be reached: unknown host, refused, timed out.
    Unreachable,
    /// Online and the cross-origin server answers, but not to this app: no
    /// `Access-Control-Allow-Origin` header.
    Cors,
}

impl NetworkCause {
    /// `answers_without_cors`: whether a `no-cors` request to the same URL got a response.
    pub fn classify(online: bool, cross_origin: bool, answers_without_cors: bool) -> NetworkCause {
        match (online, cross_origin && answers_without_cors) {
            (false, _) => NetworkCause::Offline,
            (true, true) => NetworkCause::Cors,
            (true, false) => NetworkCause::Unreachable,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_is_bundled_sample() {
        let e = Endpoint::resolve(None, None, "");
        assert_eq!(e.base, "/data/v1/");
        assert_eq!(e.url("index.json"), "/data/v1/index.json");
    }

    #[test]
    fn relative_values_follow_the_public_url() {
        assert_eq!(Endpoint::resolve(None, None, "/wegwijzer").base, "/wegwijzer/data/v1/");
        assert_eq!(Endpoint::resolve(Some("data/v1/"), None, "/wegwijzer").base, "/wegwijzer/data/v1/");
        assert_eq!(Endpoint::resolve(Some("data/v2"), None, "").base, "/data/v2/");
        // Not for `?bron=`, which must be absolute.
        assert_eq!(Endpoint::resolve(None, Some("test/v1/"), "/a/b").rejected.as_deref(), Some("test/v1/"));
        // Absolute paths and URLs stay as they are.
        assert_eq!(Endpoint::resolve(Some("/data/v1/"), None, "/wegwijzer").base, "/data/v1/");
        assert_eq!(Endpoint::resolve(Some("https://cdn.example.be/v1/"), None, "/wegwijzer").base, "https://cdn.example.be/v1/");
    }

    #[test]
    fn meta_then_parameter() {
        assert_eq!(Endpoint::resolve(Some("https://cdn.example.be/ww/v1"), None, "").base, "https://cdn.example.be/ww/v1/");
        let e = Endpoint::resolve(Some("/data/v1/"), Some("/test/v1/"), "");
        assert_eq!(e.base, "/test/v1/");
        assert!(e.from_url_parameter);
    }

    #[test]
    fn bron_is_kept_for_the_tab_and_forgotten_on_request() {
        let meta = Some("/data/v1/");
        // A first visit with ?bron=: used and remembered.
        let (e, r) = Endpoint::resolve_in_tab(meta, Some("https://cdn.example.be/v1"), None, "");
        assert_eq!(e.base, "https://cdn.example.be/v1/");
        assert!(e.from_url_parameter);
        assert_eq!(r, Remember::Store("https://cdn.example.be/v1".into()));
        // Any later page of the tab without it (a click, a reload): still in force.
        let (e, r) = Endpoint::resolve_in_tab(meta, None, Some("https://cdn.example.be/v1"), "");
        assert_eq!(e.base, "https://cdn.example.be/v1/");
        assert!(e.from_url_parameter);
        assert_eq!(r, Remember::Keep);
        // An empty ?bron= goes back to the default.
        let (e, r) = Endpoint::resolve_in_tab(meta, Some(""), Some("https://cdn.example.be/v1"), "");
        assert_eq!((e.base.as_str(), r), ("/data/v1/", Remember::Forget));
        // A rejected one is announced, not remembered, and does not replace a remembered one.
        let (e, r) = Endpoint::resolve_in_tab(meta, Some("data/v1"), Some("https://cdn.example.be/v1"), "");
        assert_eq!(e.base, "/data/v1/");
        assert_eq!(e.rejected.as_deref(), Some("data/v1"));
        assert_eq!(r, Remember::Keep);
        // A tampered remembered value is dropped.
        let (e, r) = Endpoint::resolve_in_tab(meta, None, Some("javascript:alert(1)"), "");
        assert_eq!((e.base.as_str(), r), ("/data/v1/", Remember::Forget));
    }

    #[test]
    fn an_index_json_source_gets_a_fix() {
        let e = Endpoint::resolve(None, Some("http://127.0.0.1:9000/out/index.json"), "");
        assert_eq!(e.url("index.json"), "http://127.0.0.1:9000/out/index.json/index.json");
        assert_eq!(e.suggested_fix().as_deref(), Some("http://127.0.0.1:9000/out/"));
        assert_eq!(Endpoint::resolve(None, Some("/data/v1/"), "").suggested_fix(), None);
    }

    #[test]
    fn network_causes() {
        let e = Endpoint::resolve(None, Some("http://127.0.0.1:9000/v1/"), "");
        assert!(e.is_cross_origin("http://127.0.0.1:8080"));
        assert!(!e.is_cross_origin("http://127.0.0.1:9000"));
        assert!(!Endpoint::resolve(None, Some("/data/v1/"), "").is_cross_origin("http://127.0.0.1:8080"));
        assert_eq!(NetworkCause::classify(false, true, false), NetworkCause::Offline);
        assert_eq!(NetworkCause::classify(true, true, true), NetworkCause::Cors);
        assert_eq!(NetworkCause::classify(true, true, false), NetworkCause::Unreachable);
        assert_eq!(NetworkCause::classify(true, false, true), NetworkCause::Unreachable);
    }

    #[test]
    fn hostile_values_are_refused() {
        for bad in ["javascript:alert(1)", "//evil.example/", "data:,x", "ftp://x.be/", "evil.example:80/x", "a b/"] {
            let e = Endpoint::resolve(Some("/data/v1/"), Some(bad), "");
            assert_eq!(e.base, "/data/v1/", "{bad}");
            assert_eq!(e.rejected.as_deref(), Some(bad));
        }
        let e = Endpoint::resolve(Some("javascript:x"), None, "/wegwijzer");
        assert_eq!(e.base, "/wegwijzer/data/v1/");
    }
}
