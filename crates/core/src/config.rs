//! Where the app gets its data. The built site names the endpoint in
//! `<meta name="wegwijzer-bron" content="/data/v1/">`; a `?bron=` URL parameter overrides it
//! for testing. Pure logic; `app.rs` reads the meta tag and the URL.

/// The bundled sample endpoint, served from the same origin.
pub const DEFAULT_ENDPOINT: &str = "/data/v1/";

#[derive(Clone, Debug, PartialEq)]
pub struct Endpoint {
    /// Base URL ending in `/`; collection files are resolved against it.
    pub base: String,
    /// True when `?bron=` chose it.
    pub from_url_parameter: bool,
    /// A `?bron=` or meta value that was refused, to tell the tester why it was ignored.
    pub rejected: Option<String>,
}

/// Same-origin absolute path (`/x/`) or absolute http(s) URL; nothing else (no `javascript:`,
/// no protocol-relative `//host`).
fn acceptable(value: &str) -> bool {
    let v = value.trim();
    (v.starts_with('/') && !v.starts_with("//")) || crate::validate::is_http_url(v)
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
    /// `meta`: the content of the meta tag, if any; `bron`: the URL parameter, if any.
    pub fn resolve(meta: Option<&str>, bron: Option<&str>) -> Endpoint {
        let mut rejected = None;
        if let Some(b) = bron.filter(|b| !b.trim().is_empty()) {
            if acceptable(b) {
                return Endpoint { base: with_slash(b), from_url_parameter: true, rejected: None };
            }
            rejected = Some(b.to_string());
        }
        let base = match meta.filter(|m| !m.trim().is_empty()) {
            Some(m) if acceptable(m) => with_slash(m),
            Some(m) => {
                rejected.get_or_insert_with(|| m.to_string());
                DEFAULT_ENDPOINT.to_string()
            }
            None => DEFAULT_ENDPOINT.to_string(),
        };
        Endpoint { base, from_url_parameter: false, rejected }
    }

    /// URL of a file of this endpoint; `file` has been checked by `dataset::is_plain_file_name`.
    pub fn url(&self, file: &str) -> String {
        format!("{}{}", self.base, file)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_is_bundled_sample() {
        let e = Endpoint::resolve(None, None);
        assert_eq!(e.base, "/data/v1/");
        assert_eq!(e.url("index.json"), "/data/v1/index.json");
    }

    #[test]
    fn meta_then_parameter() {
        assert_eq!(Endpoint::resolve(Some("https://cdn.example.be/ww/v1"), None).base, "https://cdn.example.be/ww/v1/");
        let e = Endpoint::resolve(Some("/data/v1/"), Some("/test/v1/"));
        assert_eq!(e.base, "/test/v1/");
        assert!(e.from_url_parameter);
    }

    #[test]
    fn hostile_values_are_refused() {
        for bad in ["javascript:alert(1)", "//evil.example/", "data:,x", "ftp://x.be/"] {
            let e = Endpoint::resolve(Some("/data/v1/"), Some(bad));
            assert_eq!(e.base, "/data/v1/", "{bad}");
            assert_eq!(e.rejected.as_deref(), Some(bad));
        }
        let e = Endpoint::resolve(Some("javascript:x"), None);
        assert_eq!(e.base, DEFAULT_ENDPOINT);
    }
}
