//! The characters a copied snippet must never carry as they are.

/// Characters that change how the text around them is shown without being seen: the bidi
/// embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069) and marks (U+200E, U+200F,
/// U+061C), the zero-width ones (U+200B-U+200D, U+2060, U+FEFF) and the line and paragraph
/// separators (U+2028, U+2029). Written as they are, a value holding them could make a copied
/// Terraform block or CLI line read as something else than what runs ("Trojan Source",
/// CVE-2021-42574); both escape them instead (HCL's `\uXXXX`, the shell's `$'\uXXXX'`).
pub fn invisible(c: char) -> bool {
    matches!(
        c,
        '\u{202A}'..='\u{202E}'
            | '\u{2066}'..='\u{2069}'
            | '\u{200B}'..='\u{200F}'
            | '\u{061C}'
            | '\u{2060}'
            | '\u{FEFF}'
            | '\u{2028}'
            | '\u{2029}'
    )
}
