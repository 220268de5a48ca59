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
/// letters, digits, `-._~/` only, so never a scheme) or absolute http(s) URL; nothing else
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
            if acceptable(b) {
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
        assert_eq!(Endpoint::resolve(None, Some("test/v1/"), "/a/b").base, "/a/b/test/v1/");
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
