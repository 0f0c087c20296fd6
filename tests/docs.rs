//! The documentation that must agree with the code: `docs/keys.md` is generated from the
//! keymap. Run `UPDATE_DOCS=1 cargo test --test docs` after changing keys.

use tend::keymap::Keymap;

#[test]
fn keys_doc_matches_the_keymap() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/keys.md");
    let generated = Keymap::defaults().expect("keymap").markdown();
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::write(&path, &generated).expect("write docs/keys.md");
    }
    let on_disk = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        on_disk == generated,
        "docs/keys.md is out of date with assets/keymap.ron; run UPDATE_DOCS=1 cargo test --test docs"
    );
}
