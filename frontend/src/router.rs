//! The app's router: six fixed paths and the ENI detail path, the query string and the browser
//! history.
//!
//! Written here instead of using `leptos_router` because that crate cost 45 KB gzip of the main
//! module (measured: 186 -> 141 KB), on every page's first load, for what the app uses of it:
//! match a path, read the query, push a history entry, follow same-origin links without a
//! reload.

use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The console's pages, one per path (`/` is the ENI page too).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Page {
    Login,
    Enis,
    Instances,
    Create,
    Audit,
    /// One ENI: `/enis/<id>` (the ID is read with [`eni_id_of`], written with [`Page::eni`]).
    EniDetail,
    NotFound,
}

impl Page {
    /// The page's path: every link and redirect in the app is built from it, so a path is
    /// written once, here and in [`Page::of`].
    pub fn path(self) -> &'static str {
        match self {
            Page::Login => "/login",
            Page::Enis | Page::NotFound => "/enis",
            Page::Instances => "/instances",
            Page::Create => "/create",
            Page::Audit => "/audit",
            Page::EniDetail => "/enis/",
        }
    }

    /// The detail page's path for the ENI `id` (encoded: an ID from the URL is not trusted).
    pub fn eni(id: &str) -> String {
        format!(
            "{}{}",
            Page::EniDetail.path(),
            js_sys::encode_uri_component(id)
        )
    }

    /// The page at `path` (a trailing slash is ignored, as a server would).
    pub fn of(path: &str) -> Page {
        let path = match path.strip_suffix('/') {
            Some(p) if !p.is_empty() => p,
            _ => path,
        };
        match path {
            "/" | "/enis" => Page::Enis,
            "/login" => Page::Login,
            "/instances" => Page::Instances,
            "/create" => Page::Create,
            "/audit" => Page::Audit,
            _ if eni_id_of(path).is_some() => Page::EniDetail,
            _ => Page::NotFound,
        }
    }
}

/// The ENI ID of a detail page's path (`/enis/<id>`, one segment, decoded), if it is one.
pub fn eni_id_of(path: &str) -> Option<String> {
    let path = path.strip_suffix('/').unwrap_or(path);
    let id = path.strip_prefix(Page::EniDetail.path())?;
    if id.is_empty() || id.contains('/') {
        return None;
    }
    js_sys::decode_uri_component(id)
        .ok()
        .and_then(|d| d.as_string())
}

/// The query string, decoded: pairs in the order they came.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query(Vec<(String, String)>);

impl Query {
    /// Parses `a=1&b=x%20y` (no leading `?`); `+` is a space, as in a form.
    pub fn parse(search: &str) -> Query {
        let decode = |s: &str| {
            let s = s.replace('+', " ");
            js_sys::decode_uri_component(&s)
                .ok()
                .and_then(|d| d.as_string())
                .unwrap_or(s)
        };
        Query(
            search
                .split('&')
                .filter(|pair| !pair.is_empty())
                .map(|pair| {
                    let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
                    (decode(k), decode(v))
                })
                .collect(),
        )
    }

    /// The first value of `key`.
    pub fn get_str(&self, key: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// The first value of `key`, owned.
    pub fn get(&self, key: &str) -> Option<String> {
        self.get_str(key).map(str::to_owned)
    }
}

/// Where the app is: the path and the query string without its `?` (reactive).
#[derive(Debug, Clone, Copy)]
pub struct Location {
    pub pathname: RwSignal<String>,
    pub search: RwSignal<String>,
}

impl Location {
    fn from_window() -> Location {
        let (path, search) = window_location();
        Location {
            pathname: RwSignal::new(path),
            search: RwSignal::new(search),
        }
    }

    /// The path and query now (`/enis?region=cn-hangzhou`), untracked.
    pub fn here(self) -> String {
        let search = self.search.get_untracked();
        let path = self.pathname.get_untracked();
        if search.is_empty() {
            path
        } else {
            format!("{path}?{search}")
        }
    }

    fn sync_from_window(self) {
        let (path, search) = window_location();
        self.pathname.set(path);
        self.search.set(search);
    }
}

fn window_location() -> (String, String) {
    let location = window().location();
    let path = location.pathname().unwrap_or_else(|_| "/".into());
    let search = location.search().unwrap_or_default();
    let search = search.strip_prefix('?').unwrap_or(&search).to_owned();
    (path, search)
}

/// Starts routing for the app: provides the [`Location`], follows the back and forward buttons,
/// and turns clicks on links to the app's own pages into history entries instead of reloads.
pub fn provide_router() {
    let location = Location::from_window();
    provide_context(location);
    window_event_listener(ev::popstate, move |_| location.sync_from_window());
    window_event_listener(ev::click, move |ev| {
        if let Some(href) = app_link(&ev) {
            ev.prevent_default();
            go(location, &href, false);
        }
    });
}

/// Whether `to` is a path of this origin: `/` then anything but a second slash, with no
/// backslash, whitespace or control character (browsers read `/\host` or `/<tab>/host` as
/// `//host`, another site).
pub fn is_local_path(to: &str) -> bool {
    to.starts_with('/')
        && !to[1..].starts_with('/')
        && !to
            .chars()
            .any(|c| c == '\\' || c.is_whitespace() || c.is_control())
}

/// The current location; outside a routed app (component tests) the window's, read once.
pub fn use_location() -> Location {
    use_context::<Location>().unwrap_or_else(Location::from_window)
}

/// The current query string, decoded (reactive).
pub fn use_query_map() -> Memo<Query> {
    let location = use_location();
    Memo::new(move |_| location.search.with(|s| Query::parse(s)))
}

/// The current page (reactive; changes of the query alone do not change it).
pub fn use_page() -> Memo<Page> {
    let location = use_location();
    Memo::new(move |_| location.pathname.with(|p| Page::of(p)))
}

/// A function that opens `to` (a local path with an optional query) as a new history entry,
/// or in place of the current one when it is the same URL. Anything but a local path is
/// ignored. Captures the location, so it can be called after an `await`, outside any component.
pub fn use_navigate() -> impl Fn(&str) + Clone + 'static {
    let location = use_location();
    move |to: &str| go(location, to, false)
}

/// Like [`use_navigate`], but `to` takes the current history entry's place: for the sign-in
/// detours, so Back does not return to a sign-in form or to a page the session no longer opens.
pub fn use_redirect() -> impl Fn(&str) + Clone + 'static {
    let location = use_location();
    move |to: &str| go(location, to, true)
}

fn go(location: Location, to: &str, replace: bool) {
    if !is_local_path(to) {
        leptos::logging::warn!("not a path of this console, not followed: {to:?}");
        return;
    }
    let here = location.here();
    let null = wasm_bindgen::JsValue::NULL;
    let moved = window().history().and_then(|h| {
        if replace || to == here {
            h.replace_state_with_url(&null, "", Some(to))
        } else {
            h.push_state_with_url(&null, "", Some(to))
        }
    });
    if moved.is_err() {
        // Only a same-origin path gets here, so a real navigation is safe.
        let _ = window().location().set_href(to);
        return;
    }
    location.sync_from_window();
    window().scroll_to_with_x_and_y(0.0, 0.0);
}

/// The href of the link a plain left click landed on, when it leads to one of the app's pages.
/// Anything else (modifier keys, new tabs, downloads, other sites, the API, `#` anchors) is left
/// to the browser.
fn app_link(ev: &web_sys::MouseEvent) -> Option<String> {
    if ev.default_prevented()
        || ev.button() != 0
        || ev.meta_key()
        || ev.ctrl_key()
        || ev.shift_key()
        || ev.alt_key()
    {
        return None;
    }
    let target: web_sys::Element = ev.target()?.dyn_into().ok()?;
    let link = target.closest("a[href]").ok()??;
    if link.has_attribute("download") || link.has_attribute("target") {
        return None;
    }
    let href = link.get_attribute("href")?;
    if !is_local_path(&href) || href.contains('#') {
        return None;
    }
    let path = href.split('?').next().unwrap_or_default();
    (Page::of(path) != Page::NotFound).then_some(href)
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn paths_name_their_page() {
        assert_eq!(Page::of("/"), Page::Enis);
        assert_eq!(Page::of("/enis"), Page::Enis);
        assert_eq!(Page::of("/enis/"), Page::Enis);
        assert_eq!(Page::of("/instances"), Page::Instances);
        assert_eq!(Page::of("/create"), Page::Create);
        assert_eq!(Page::of("/audit"), Page::Audit);
        assert_eq!(Page::of("/login"), Page::Login);
        assert_eq!(Page::of("/api/audit"), Page::NotFound);
        assert_eq!(Page::of("/enisx"), Page::NotFound);
        assert_eq!(Page::of("/enis/eni-bp1aaaa0001"), Page::EniDetail);
        assert_eq!(Page::of("/enis/eni-bp1aaaa0001/"), Page::EniDetail);
        assert_eq!(Page::of("/enis/a/b"), Page::NotFound);
    }

    #[wasm_bindgen_test]
    fn the_detail_path_carries_the_eni_id_both_ways() {
        assert_eq!(Page::eni("eni-bp1aaaa0001"), "/enis/eni-bp1aaaa0001");
        assert_eq!(
            eni_id_of("/enis/eni-bp1aaaa0001").as_deref(),
            Some("eni-bp1aaaa0001")
        );
        assert_eq!(eni_id_of(&Page::eni("a b")).as_deref(), Some("a b"));
        assert_eq!(eni_id_of("/enis/"), None);
        assert_eq!(eni_id_of("/enis"), None);
    }

    #[wasm_bindgen_test]
    fn only_paths_of_this_origin_are_local() {
        assert!(is_local_path("/enis?region=cn-beijing"));
        assert!(is_local_path("/"));
        assert!(!is_local_path("//evil.example"));
        assert!(!is_local_path("/\\evil.example"));
        assert!(!is_local_path("/\t/evil.example"));
        assert!(!is_local_path("https://evil.example/"));
        assert!(!is_local_path("enis"));
        assert!(!is_local_path(""));
    }

    #[wasm_bindgen_test]
    fn query_is_decoded_and_first_value_wins() {
        let q = Query::parse("region=cn-beijing&q=i-1%20x&q=second&flag&plus=a+b");
        assert_eq!(q.get_str("region"), Some("cn-beijing"));
        assert_eq!(q.get("q").as_deref(), Some("i-1 x"));
        assert_eq!(q.get_str("flag"), Some(""));
        assert_eq!(q.get_str("plus"), Some("a b"));
        assert_eq!(q.get_str("missing"), None);
        assert_eq!(Query::parse(""), Query::default());
        // A malformed escape is kept as written rather than dropped.
        assert_eq!(Query::parse("q=100%").get_str("q"), Some("100%"));
    }
}
