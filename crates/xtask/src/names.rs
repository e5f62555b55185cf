//! The last step of the app build: every file the app ships is named by its own final bytes,
//! and index.html carries Subresource Integrity for the files it names. The proxy serves every
//! file but index.html as immutable, so a name must never stand for two contents: a browser
//! that cached an earlier build would otherwise mix old and new files for ever.
//!
//! The main JS and the chunk loader import each other, so neither can be named after bytes
//! that contain the other's name. Both are named after their bytes with those names blanked
//! plus a hash of the pair (so a change to either renames both); the main wasm, which names
//! nothing, after its bytes alone.

use base64::Engine as _;
use sha2::{Digest, Sha384};
use std::path::Path;

/// What stands for the other module's name while the pair is hashed.
const BLANK: &str = "\u{0}name\u{0}";

/// The names the renaming gives, for the caller's log and the tests.
#[derive(Debug, PartialEq, Eq)]
pub struct Renamed {
    pub js: String,
    pub wasm: String,
    pub loader: Option<String>,
}

/// The build's files as the split hook leaves them, by name and content.
pub struct Staged {
    pub index_html: String,
    /// `(name, text)` of the main JS (its name is Trunk's, `<stem>.js`).
    pub js: (String, String),
    /// `(name, bytes)` of the main wasm (`<stem>_bg.wasm`).
    pub wasm: (String, Vec<u8>),
    /// `(name, text)` of the chunk loader, when the app is cut into chunks.
    pub loader: Option<(String, String)>,
}

/// The final files: `(name, bytes)` of each renamed file and the new index.html.
pub struct Named {
    pub files: Vec<(String, Vec<u8>)>,
    pub index_html: String,
    pub renamed: Renamed,
}

/// FNV-1a over `parts`, as the chunks are named (std's hasher may change between releases).
fn hash(parts: &[&[u8]]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for b in *part {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{h:016x}")
}

/// `sha384-<base64>`, the integrity value of `bytes`.
pub fn integrity(bytes: &[u8]) -> String {
    format!(
        "sha384-{}",
        base64::engine::general_purpose::STANDARD.encode(Sha384::digest(bytes))
    )
}

/// Replaces `from` by `to` in `text`, which must contain it.
pub fn swap(text: &str, from: &str, to: &str, what: &str) -> Result<String, String> {
    if text.contains(from) {
        Ok(text.replace(from, to))
    } else {
        Err(format!("{what} does not mention {from}"))
    }
}

/// Names every file by its final content and writes the integrity into index.html.
pub fn name_by_content(app: &str, staged: Staged) -> Result<Named, String> {
    let (old_js, js) = staged.js;
    let (old_wasm, wasm) = staged.wasm;
    let new_wasm = format!("{app}-{}_bg.wasm", hash(&[&wasm]));
    let js = swap(&js, &old_wasm, &new_wasm, &old_js)?;
    let (new_js, js, loader) = match staged.loader {
        None => (format!("{app}-{}.js", hash(&[js.as_bytes()])), js, None),
        Some((old_loader, loader)) => {
            let js_blank = swap(&js, &old_loader, BLANK, &old_js)?;
            let loader_blank = swap(&loader, &old_js, BLANK, &old_loader)?;
            let pair = hash(&[
                js_blank.as_bytes(),
                BLANK.as_bytes(),
                loader_blank.as_bytes(),
            ]);
            let new_js = format!("{app}-{}.js", hash(&[js_blank.as_bytes(), pair.as_bytes()]));
            let new_loader = format!(
                "__wasm_split-{}.js",
                hash(&[loader_blank.as_bytes(), pair.as_bytes()])
            );
            (
                new_js.clone(),
                js_blank.replace(BLANK, &new_loader),
                Some((new_loader, loader_blank.replace(BLANK, &new_js))),
            )
        }
    };
    let index = swap(&staged.index_html, &old_wasm, &new_wasm, "index.html")?;
    let index = swap(&index, &old_js, &new_js, "index.html")?;
    let index = with_integrity(&index, &new_js, js.as_bytes(), &new_wasm, &wasm)?;
    let mut files = vec![(new_js.clone(), js.into_bytes()), (new_wasm.clone(), wasm)];
    let loader_name = loader.as_ref().map(|(name, _)| name.clone());
    if let Some((name, text)) = loader {
        files.push((name, text.into_bytes()));
    }
    Ok(Named {
        files,
        index_html: index,
        renamed: Renamed {
            js: new_js,
            wasm: new_wasm,
            loader: loader_name,
        },
    })
}

/// Adds `integrity` to the main JS's module preload (the import then uses that module) and to
/// the fetch of the main wasm. Not to the wasm's `<link rel=preload as=fetch>`: Chromium ignores
/// integrity there and warns about it, and reuses the preload for the checked fetch anyway
/// (measured: one request for the wasm).
fn with_integrity(
    index: &str,
    js_name: &str,
    js: &[u8],
    wasm_name: &str,
    wasm: &[u8],
) -> Result<String, String> {
    let (js_sri, wasm_sri) = (integrity(js), integrity(wasm));
    let index = swap(
        index,
        &format!("<link rel=\"modulepreload\" href=\"/{js_name}\""),
        &format!("<link rel=\"modulepreload\" href=\"/{js_name}\" integrity=\"{js_sri}\""),
        "index.html's module preload",
    )?;
    swap(
        &index,
        &format!("module_or_path: '/{wasm_name}'"),
        &format!("module_or_path: fetch('/{wasm_name}', {{ integrity: '{wasm_sri}' }})"),
        "index.html's init call",
    )
}

/// Renames the staged files of `stem` in `staging` (the hook's output) and rewrites index.html.
pub fn rename_staged(staging: &Path, app: &str, stem: &str) -> Result<Renamed, String> {
    let read_text = |name: &str| {
        std::fs::read_to_string(staging.join(name)).map_err(|e| format!("reading {name}: {e}"))
    };
    let js_name = format!("{stem}.js");
    let wasm_name = format!("{stem}_bg.wasm");
    let loader = std::fs::read_dir(staging)
        .map_err(|e| format!("reading {}: {e}", staging.display()))?
        .filter_map(Result::ok)
        .filter_map(|e| e.file_name().into_string().ok())
        .find(|n| n.starts_with("__wasm_split-") && n.ends_with(".js"));
    let staged = Staged {
        index_html: read_text("index.html")?,
        js: (js_name.clone(), read_text(&js_name)?),
        wasm: (
            wasm_name.clone(),
            std::fs::read(staging.join(&wasm_name))
                .map_err(|e| format!("reading {wasm_name}: {e}"))?,
        ),
        loader: match loader {
            Some(name) => Some((name.clone(), read_text(&name)?)),
            None => None,
        },
    };
    let old: Vec<String> = [
        Some(js_name),
        Some(wasm_name),
        staged.loader.as_ref().map(|l| l.0.clone()),
    ]
    .into_iter()
    .flatten()
    .collect();
    let named = name_by_content(app, staged)?;
    for name in old {
        std::fs::remove_file(staging.join(&name)).map_err(|e| format!("removing {name}: {e}"))?;
    }
    for (name, bytes) in &named.files {
        std::fs::write(staging.join(name), bytes).map_err(|e| format!("writing {name}: {e}"))?;
    }
    std::fs::write(staging.join("index.html"), &named.index_html)
        .map_err(|e| format!("writing index.html: {e}"))?;
    Ok(named.renamed)
}

#[cfg(test)]
mod tests {
    use super::*;

    const INDEX: &str = r#"<script type="module">
import init, * as bindings from '/app-trunk1.js';
const wasm = await init({ module_or_path: '/app-trunk1_bg.wasm' });
</script>
<link rel="modulepreload" href="/app-trunk1.js" crossorigin="anonymous"><link rel="preload" href="/app-trunk1_bg.wasm" crossorigin="anonymous" as="fetch" type="application/wasm">"#;

    /// A build as the hook leaves it: Trunk's names, the JS and the loader importing each other.
    fn build(js_body: &str, loader_body: &str, wasm: &[u8]) -> Staged {
        Staged {
            index_html: INDEX.into(),
            js: (
                "app-trunk1.js".into(),
                format!(
                    "import {{ load }} from \"./__wasm_split-aaaa.js\";\nfetch('app-trunk1_bg.wasm');\n{js_body}"
                ),
            ),
            wasm: ("app-trunk1_bg.wasm".into(), wasm.to_vec()),
            loader: Some((
                "__wasm_split-aaaa.js".into(),
                format!("import * as main from \"./app-trunk1.js\";\n{loader_body}"),
            )),
        }
    }

    /// Every (name, content) pair of a build.
    fn pairs(named: &Named) -> Vec<(String, Vec<u8>)> {
        named.files.clone()
    }

    #[test]
    fn no_name_stands_for_two_contents_across_builds() {
        let builds = [
            build("js 1", "loader 1", b"wasm 1"),
            build("js 2", "loader 1", b"wasm 1"),
            build("js 1", "loader 2", b"wasm 1"),
            build("js 1", "loader 1", b"wasm 2"),
            build("js 1", "loader 1", b"wasm 1"),
        ];
        let mut seen: std::collections::HashMap<String, Vec<u8>> = Default::default();
        let mut names = Vec::new();
        for b in builds {
            let named = name_by_content("app", b).unwrap();
            for (name, bytes) in pairs(&named) {
                if let Some(before) = seen.insert(name.clone(), bytes.clone()) {
                    assert_eq!(before, bytes, "{name} stands for two contents");
                }
            }
            names.push(named.renamed);
        }
        assert_eq!(names[0], names[4], "the same bytes give the same names");
        assert_ne!(names[0].js, names[1].js, "a JS change renames the JS");
        assert_ne!(
            names[0].loader, names[2].loader,
            "a loader change renames the loader"
        );
        assert_ne!(names[0].js, names[2].js, "...and the JS that imports it");
        assert_ne!(
            names[0].wasm, names[3].wasm,
            "a wasm change renames the wasm"
        );
        assert_ne!(names[0].js, names[3].js, "...and the JS that fetches it");
    }

    #[test]
    fn the_files_name_each_other_and_index_html_names_them_with_integrity() {
        let named = name_by_content("app", build("js", "loader", b"wasm")).unwrap();
        let Renamed { js, wasm, loader } = &named.renamed;
        let loader = loader.as_ref().unwrap();
        let text = |name: &str| {
            let (_, bytes) = named.files.iter().find(|(n, _)| n == name).unwrap();
            String::from_utf8(bytes.clone()).unwrap()
        };
        assert!(text(js).contains(&format!("from \"./{loader}\"")));
        assert!(text(js).contains(&format!("fetch('{wasm}')")));
        assert!(text(loader).contains(&format!("from \"./{js}\"")));
        assert!(!named.index_html.contains("trunk1"), "{}", named.index_html);
        let js_sri = integrity(text(js).as_bytes());
        let wasm_sri = integrity(b"wasm");
        assert!(
            named
                .index_html
                .contains(&format!("href=\"/{js}\" integrity=\"{js_sri}\""))
        );
        assert!(named.index_html.contains(&format!(
            "<link rel=\"preload\" href=\"/{wasm}\" crossorigin"
        )));
        assert!(named.index_html.contains(&format!(
            "module_or_path: fetch('/{wasm}', {{ integrity: '{wasm_sri}' }})"
        )));
    }

    #[test]
    fn integrity_is_sha384_in_base64() {
        // SHA-384 of the empty string, a published test vector.
        assert_eq!(
            integrity(b""),
            "sha384-OLBgp1GsljhM2TJ+sbHjaiH9txEUvgdDTAzHv2P24donTt6/529l+9Ua0vFImLlb"
        );
    }

    #[test]
    fn an_index_html_that_does_not_name_the_files_is_an_error() {
        let mut b = build("js", "loader", b"wasm");
        b.index_html = "<html></html>".into();
        assert!(name_by_content("app", b).is_err());
    }
}
