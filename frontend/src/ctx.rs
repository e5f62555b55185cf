//! App-wide context: the session, and the region kept in the URL (`?region=`) so links share it.

use crate::router::{Page, use_query_map};
use crate::state::roles::{Role, refusal};
use leptos::prelude::*;
use tether_domain::api::{BackendKind, SessionInfo};
use tether_domain::rules::is_protected;
use tether_domain::{NetworkInterface, RegionId};

/// The default region when the URL names none (or an invalid one).
pub const DEFAULT_REGION: &str = "cn-hangzhou";

/// The session from `/api/session`, once loaded.
#[derive(Clone, Copy)]
pub struct SessionCtx(pub RwSignal<Option<SessionInfo>>);

/// Whether the first `/api/session` answer came (whatever it said): pages wait for it, so a
/// signed-out visitor goes to the sign-in page without a flash of errors.
#[derive(Clone, Copy)]
pub struct SessionChecked(pub RwSignal<bool>);

/// The signed-in role (reactive); `None` until known, or when the session names none.
pub fn current_role() -> Option<Role> {
    use_context::<SessionCtx>().and_then(|s| s.0.with(|s| s.as_ref().map(|s| s.role)))
}

/// Why the signed-in role may not do what needs `need` (reactive, in the current language);
/// `None` while the session is unknown: the proxy enforces roles anyway.
pub fn role_refusal(need: Role) -> Option<String> {
    current_role().and_then(|have| refusal(have, need, crate::i18n::lang()))
}

/// Whether the backend is the embedded simulator (reactive).
pub fn is_simulator() -> bool {
    use_context::<SessionCtx>().is_some_and(|s| {
        s.0.with(|s| {
            s.as_ref()
                .is_some_and(|s| s.backend.kind == BackendKind::Simulator)
        })
    })
}

/// Whether `eni` is protected: by its `tether:protected` tag, or by the deployment's list the
/// session carries. Untracked: pages are drawn only once the session is known, and it does not
/// change under them (signing out leaves the page), so rows read it once instead of each
/// subscribing to it.
pub fn is_protected_eni(eni: &NetworkInterface) -> bool {
    use_context::<SessionCtx>().map_or_else(
        || is_protected(eni, &[]),
        |s| {
            s.0.with_untracked(|s| is_protected(eni, s.as_ref().map_or(&[], |s| &s.protected_enis)))
        },
    )
}

/// Parses a region from the URL, falling back to the default.
pub fn region_or_default(value: Option<&str>) -> RegionId {
    value
        .and_then(|r| r.parse().ok())
        .or_else(|| DEFAULT_REGION.parse().ok())
        .unwrap_or_else(unreachable_region)
}

#[allow(clippy::expect_used)]
fn unreachable_region() -> RegionId {
    // DEFAULT_REGION is a constant with a valid shape, so this cannot fail.
    RegionId::parse(DEFAULT_REGION).expect("default region is valid")
}

/// The region of the current URL (reactive). Call inside the router.
pub fn use_region() -> Memo<RegionId> {
    let query = use_query_map();
    Memo::new(move |_| query.with(|q| region_or_default(q.get_str("region"))))
}

/// A link to `page` in `region`, with extra query pairs.
pub fn href(page: Page, region: &RegionId, extra: &[(&str, &str)]) -> String {
    let mut out = format!("{}?region={region}", page.path());
    for (k, v) in extra {
        out.push_str(&format!("&{k}={}", js_sys::encode_uri_component(v)));
    }
    out
}

/// A link to the detail page of the ENI `id` in `region`.
pub fn eni_href(region: &RegionId, id: &str) -> String {
    format!("{}?region={region}", Page::eni(id))
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn bad_or_missing_region_falls_back_to_hangzhou() {
        assert_eq!(region_or_default(None).as_str(), "cn-hangzhou");
        assert_eq!(region_or_default(Some("../x")).as_str(), "cn-hangzhou");
        assert_eq!(
            region_or_default(Some("ap-southeast-1")).as_str(),
            "ap-southeast-1"
        );
    }

    #[wasm_bindgen_test]
    fn links_keep_the_region_and_encode_extras() {
        let r = region_or_default(Some("cn-beijing"));
        assert_eq!(
            href(Page::Enis, &r, &[("q", "i-1 x")]),
            "/enis?region=cn-beijing&q=i-1%20x"
        );
        assert_eq!(
            eni_href(&r, "eni-bp1aaaa0001"),
            "/enis/eni-bp1aaaa0001?region=cn-beijing"
        );
    }
}
