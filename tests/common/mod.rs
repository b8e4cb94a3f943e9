//! What the .docx tests share: LibreOffice to read and render exports, and
//! temporary directories that clean up after themselves.

use std::path::{Path, PathBuf};
use std::process::Command;

/// LibreOffice's `soffice`, or `None` (a failure when `CI` is set: `.ci/setup`
/// installs it).
pub fn soffice() -> Option<PathBuf> {
    let found = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|p| p.join("soffice"))
            .find(|p| p.is_file())
    });
    if found.is_none() {
        assert!(
            std::env::var_os("CI").is_none(),
            "soffice is missing: run .ci/setup"
        );
        eprintln!("soffice is missing: LibreOffice checks skipped");
    }
    found
}

/// A fresh directory of our own under the system's temporary directory,
/// removed when dropped (a failed test's too), unless `AMEND_KEEP_DOCX` is
/// set (to look at the files).
pub struct TempDir(PathBuf);

impl TempDir {
    /// `amend-PREFIX-PID-NAME` under the temporary directory, empty.
    pub fn new(prefix: &str, name: &str) -> TempDir {
        let dir =
            std::env::temp_dir().join(format!("amend-{prefix}-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }
}

impl std::ops::Deref for TempDir {
    type Target = Path;
    fn deref(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        if std::env::var_os("AMEND_KEEP_DOCX").is_some() {
            eprintln!("kept {}", self.0.display());
        } else {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }
}

/// Converts `file` with LibreOffice (`to`: "txt:Text", "pdf") into `dir`,
/// with a profile of its own so that other LibreOffice runs do not interfere.
pub fn convert(soffice: &Path, dir: &Path, file: &Path, to: &str) -> PathBuf {
    let profile = format!("file://{}", dir.join("profile").display());
    let out = Command::new(soffice)
        .arg(format!("-env:UserInstallation={profile}"))
        .args(["--headless", "--norestore", "--convert-to", to, "--outdir"])
        .arg(dir)
        .arg(file)
        .output()
        .expect("soffice runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let ext = to.split(':').next().unwrap();
    let made = dir.join(file.with_extension(ext).file_name().unwrap());
    assert!(
        made.is_file(),
        "no {}: {}",
        made.display(),
        String::from_utf8_lossy(&out.stdout)
    );
    made
}
