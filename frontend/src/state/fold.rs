//! Case-insensitive search text.

use crate::unicode::lower_unicode;

/// `s` in lower case, for matching what the user typed against names and ids. ASCII (ids, IPs,
/// most names) is folded here; anything else by [`lower_unicode`] (the browser's, in the app).
pub fn fold_case(s: &str) -> String {
    if s.is_ascii() {
        s.to_ascii_lowercase()
    } else {
        lower_unicode(s)
    }
}

#[cfg(test)]
mod tests {
    use super::fold_case;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test(unsupported = test)]
    fn folds_ascii_and_the_rest_of_unicode() {
        assert_eq!(fold_case("ENI-Bp1 10.0.0.1"), "eni-bp1 10.0.0.1");
        assert_eq!(fold_case("Ärzte-ÖSTERREICH"), "ärzte-österreich");
        assert_eq!(fold_case("Web 服务器"), "web 服务器");
        assert_eq!(fold_case(""), "");
    }
}
