//! The frozen copy of `spec/` the tool tests script their doc changes against
//! (`tests/fixtures/README.md` says why), and the client files it generates.

use std::path::PathBuf;
use std::sync::OnceLock;

use xtask::{GeneratedFile, SPEC_PATH, generate_in_memory, workspace_root};

/// A repository root holding only `spec/` (the YAML and the pages), as it was frozen.
pub(crate) fn frozen_root() -> PathBuf {
    workspace_root().join("tests/fixtures/frozen")
}

/// The frozen spec's text.
pub(crate) fn frozen_spec_text() -> String {
    std::fs::read_to_string(frozen_root().join(SPEC_PATH)).unwrap()
}

/// The client files the frozen spec generates today (generated once per test binary).
pub(crate) fn frozen_generated() -> &'static [GeneratedFile] {
    static FILES: OnceLock<Vec<GeneratedFile>> = OnceLock::new();
    FILES.get_or_init(|| generate_in_memory(&frozen_root()).expect("the frozen spec generates"))
}

/// Writes the frozen spec's generated client files under `root`.
pub(crate) fn write_frozen_generated(root: &std::path::Path) {
    for file in frozen_generated() {
        let path = root.join(&file.path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, &file.contents).unwrap();
    }
}
