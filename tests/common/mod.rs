//! What the .docx tests share: LibreOffice to read and render exports,
//! temporary directories that clean up after themselves, and Word's *Reject
//! All* played on a document part.
// each test file uses a part of it
#![allow(dead_code)]

use std::io::{Cursor, Read as _, Write as _};
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

/// A `word/document.xml` as Word's *Reject All* leaves it: inserted runs and
/// wholly inserted paragraphs out, deleted runs back as text, deleted
/// paragraph marks kept.
pub fn reject_all_xml(xml: &str) -> String {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut writer = quick_xml::Writer::new(Vec::new());
    let mut skip = 0usize;
    let mut para: Vec<Event<'static>> = Vec::new();
    let mut inserted_mark = false;
    loop {
        let event = reader.read_event().unwrap().into_owned();
        let name = |e: &quick_xml::events::BytesStart| e.local_name().as_ref().to_vec();
        let keep = match &event {
            _ if skip > 0 => {
                match &event {
                    Event::Start(_) => skip += 1,
                    Event::End(_) => skip -= 1,
                    _ => {}
                }
                None
            }
            Event::Start(e) if name(e) == b"ins" => {
                skip = 1;
                None
            }
            Event::Empty(e) if name(e) == b"ins" => {
                inserted_mark = true;
                None
            }
            Event::Empty(e) if name(e) == b"del" => None,
            Event::Start(e) if name(e) == b"del" => None,
            Event::End(e) if e.local_name().as_ref() == b"del" => None,
            Event::Start(e) if name(e) == b"delText" => {
                Some(Event::Start(quick_xml::events::BytesStart::new("w:t")))
            }
            Event::End(e) if e.local_name().as_ref() == b"delText" => {
                Some(Event::End(quick_xml::events::BytesEnd::new("w:t")))
            }
            Event::Eof => break,
            e => Some(e.clone()),
        };
        let Some(event) = keep else { continue };
        let starts_para = matches!(&event, Event::Start(e) if name(e) == b"p");
        let ends_para = matches!(&event, Event::End(e) if e.local_name().as_ref() == b"p");
        if starts_para || !para.is_empty() {
            para.push(event);
            if ends_para {
                if !std::mem::take(&mut inserted_mark) {
                    para.drain(..).for_each(|e| writer.write_event(e).unwrap());
                }
                para.clear();
            }
        } else {
            writer.write_event(event).unwrap();
        }
    }
    String::from_utf8(writer.into_inner()).unwrap()
}

/// Every part of a .docx package, in its order: (name, bytes).
pub fn parts(docx: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut zip = zip::ZipArchive::new(Cursor::new(docx)).unwrap();
    (0..zip.len())
        .map(|i| {
            let mut f = zip.by_index(i).unwrap();
            let mut bytes = Vec::new();
            f.read_to_end(&mut bytes).unwrap();
            (f.name().to_string(), bytes)
        })
        .collect()
}

/// The package's `word/document.xml`.
pub fn document_xml(docx: &[u8]) -> String {
    let part = parts(docx)
        .into_iter()
        .find(|(n, _)| n == "word/document.xml");
    String::from_utf8(part.expect("a word/document.xml").1).unwrap()
}

/// The package with another `word/document.xml`.
pub fn with_document(docx: &[u8], xml: &str) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    for (name, bytes) in parts(docx) {
        zip.start_file(name.as_str(), options).unwrap();
        let bytes = if name == "word/document.xml" {
            xml.as_bytes().to_vec()
        } else {
            bytes
        };
        zip.write_all(&bytes).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

/// Runs the `amend` command line: its exit code, standard output and
/// standard error.
pub fn amend_cli(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_amend"))
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// The Alingsås example with a board of 15 members (fictional but for the
/// three proposers) so roll calls can be recorded; m1 chairs.
pub fn example_with_board() -> amend::Case {
    let mut c = amend::Case::from_json(include_str!(
        "../../examples/alingsas-ks-2023-217/case.json"
    ))
    .expect("the example case reads");
    let board = [
        ("m1", "Anna Berg", "M"),
        ("m2", "Bo Carlsson", "M"),
        ("m3", "Cecilia Dahl", "M"),
        ("s1", "David Ek", "S"),
        ("s2", "Eva Fors", "S"),
        ("s3", "Fredrik Gran", "S"),
        ("s4", "Gunilla Hed", "S"),
        ("kd", "Hans Ivarsson", "KD"),
        ("l1", "Ingrid Jönsson", "L"),
        ("sd1", "Johan Karlsson", "SD"),
        ("sd2", "Karin Lund", "SD"),
        ("ap", "Lars Mattsson", "AP"),
    ];
    for (id, name, party) in board {
        c.members.push(amend::case::Member {
            id: id.into(),
            name: name.into(),
            party: party.into(),
            substitute: false,
        });
    }
    c.meeting.chair = Some("m1".into());
    c.procedure.present_count = None;
    c
}
