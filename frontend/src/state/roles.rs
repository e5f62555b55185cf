//! The proxy's roles, mirrored so a refused button says why before anyone clicks it. The proxy
//! still enforces them, with the same rule and the same words (`rules::role_refusal`).

use tether_domain::Lang;

pub use tether_domain::api::Role;

/// Why `have` may not do what needs `need`, or `None` when it may (the domain's rule and words,
/// the same the proxy answers with).
pub fn refusal(have: Role, need: Role, lang: Lang) -> Option<String> {
    tether_domain::rules::role_refusal(have, need).map(|why| why.message(lang))
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test(unsupported = test)]
    fn refusals_name_the_role_and_what_is_needed() {
        assert_eq!(
            refusal(Role::Viewer, Role::Operator, Lang::En).as_deref(),
            Some("Your role is viewer; this needs operator.")
        );
        assert_eq!(
            refusal(Role::Operator, Role::Admin, Lang::En).as_deref(),
            Some("Your role is operator; this needs admin.")
        );
        assert_eq!(refusal(Role::Admin, Role::Admin, Lang::En), None);
        assert_eq!(Role::parse("operator"), Some(Role::Operator));
        assert_eq!(Role::parse("root"), None);
    }
}
