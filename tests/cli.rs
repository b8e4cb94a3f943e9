//! The `amend` command line: exit codes, what goes to stdout and stderr, and
//! every output format.

// Native only: `wasm-pack test` builds every test target for wasm32.
#![cfg(not(target_arch = "wasm32"))]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn example() -> String {
    root()
        .join("examples/alingsas-ks-2023-217/case.json")
        .display()
        .to_string()
}

fn bad(name: &str) -> String {
    root().join("tests/bad").join(name).display().to_string()
}

fn amend(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_amend"))
        .args(args)
        .env_remove("NO_COLOR")
        .output()
        .expect("run amend")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("stdout is UTF-8")
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).expect("stderr is UTF-8")
}

fn code(o: &Output) -> i32 {
    o.status.code().expect("exited, not killed")
}

/// A scratch directory of this test process.
fn scratch(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("amend-cli-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn write(dir: &Path, name: &str, text: &str) -> String {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p.display().to_string()
}

/// The example case in `dir` with its C addition never put to the meeting:
/// minutes that are a draft.
fn undecided_example(dir: &Path) -> String {
    let mut v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(example()).unwrap()).unwrap();
    v["procedure"]["propositions"]
        .as_array_mut()
        .unwrap()
        .retain(|p| p["alternatives"][0] != "c-tillagg");
    write(dir, "case.json", &serde_json::to_string_pretty(&v).unwrap())
}

#[test]
fn check_lists_the_conflict_and_the_identical_pair() {
    let o = amend(&["check", &example()]);
    let out = stdout(&o);
    assert_eq!(code(&o), 0, "{out}\n{}", stderr(&o));
    assert!(out.contains("6 located, 0 not"), "{out}");
    for id in ["mp1", "mp2", "v1", "v2", "mp-tillagg", "c-tillagg"] {
        assert!(out.contains(&format!("✓ {id}")), "{id}: {out}");
    }
    assert!(out.contains("conflicts: 1\n"), "{out}");
    assert!(out.contains("mp1 ⟷ v2"), "{out}");
    assert!(out.contains("deletes the section"), "{out}");
    assert!(out.contains("identical (likalydande): 1\n"), "{out}");
    assert!(out.contains("mp2 = v1"), "{out}");
    assert!(!stderr(&o).contains("error"), "{}", stderr(&o));
}

#[test]
fn check_with_a_quote_not_found_exits_1_naming_the_nearest_match() {
    let o = amend(&["check", &bad("quote_not_found.json")]);
    assert_eq!(code(&o), 1);
    let err = stderr(&o);
    assert!(
        err.starts_with("error: amendment m1, operation 1 (replace)"),
        "{err}"
    );
    assert!(
        err.contains("”Personalen ska få sämre villkor och fler kollegor”"),
        "{err}"
    );
    assert!(err.contains("closest match"), "{err}");
    assert!(err.contains("%, page 2, section ”Personal”"), "{err}");
    assert!(err.contains("--> "), "{err}");
    assert!(
        err.contains("help: the plan has: ”Personalen ska få bättre villkor och fler kollegor.”"),
        "{err}"
    );
    // stdout still lists what was found, with the failing amendment marked
    let out = stdout(&o);
    assert!(out.contains("0 located, 1 not"), "{out}");
    assert!(out.contains("✗ m1"), "{out}");
}

#[test]
fn unreadable_or_broken_files_exit_2() {
    let o = amend(&["check", &bad("no-such-file.json")]);
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o).starts_with("error: cannot read"),
        "{}",
        stderr(&o)
    );

    let o = amend(&["check", &bad("broken.json")]);
    assert_eq!(code(&o), 2);
    let err = stderr(&o);
    assert!(
        err.contains("error: the case file is not valid JSON"),
        "{err}"
    );
    assert!(err.contains("(line 5, column 3)"), "{err}");
    assert!(err.contains("broken.json"), "{err}");

    let o = amend(&["check", &bad("not_utf8.txt")]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("not UTF-8"), "{}", stderr(&o));

    let o = amend(&["check", &bad("format_version.json")]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("amend/2"), "{}", stderr(&o));
}

#[test]
fn no_bad_input_makes_the_cli_panic() {
    let mut n = 0;
    for entry in std::fs::read_dir(root().join("tests/bad")).unwrap() {
        let path = entry.unwrap().path();
        let file = path.display().to_string();
        // two of them are fine to check, and fail only when applied
        let o = match path.file_name().unwrap().to_str().unwrap() {
            "conflict_adopted.json" => amend(&["apply", &file, "--adopt", "m1,m2"]),
            "unknown_amendment_on_apply.json" => amend(&["apply", &file, "--adopt", "m1,m9"]),
            _ => amend(&["check", &file]),
        };
        let err = stderr(&o);
        assert!(
            matches!(code(&o), 1 | 2),
            "{}: exit {:?}",
            path.display(),
            o.status
        );
        assert!(err.contains("error:"), "{}: {err}", path.display());
        assert!(!err.contains("panicked"), "{}: {err}", path.display());
        n += 1;
    }
    assert!(n >= 20);
}

#[test]
fn apply_prints_the_adopted_text() {
    let o = amend(&[
        "apply",
        &example(),
        "--adopt",
        "mp2,v1",
        "--format",
        "markdown",
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.starts_with("# Kommunkoncernövergripande ekonomisk handlingsplan\n\n"));
    assert!(!out.contains("Nämndbuffertar"), "{out}");
    assert!(out.contains(
        "bolagsstämman efter ägarens ställningstagande.\n\n### Effektivisera den politiska målstyrningen\n"
    ));
    // the same as the library gives
    let case = amend::Case::from_json(&std::fs::read_to_string(example()).unwrap()).unwrap();
    let (_, applied) = case
        .apply(&["mp2".to_string(), "v1".to_string()], &[])
        .unwrap();
    assert_eq!(out, applied.text);

    // plain text by default: no Markdown markers
    let o = amend(&["apply", &example(), "--adopt", "v2"]);
    assert_eq!(code(&o), 0);
    let out = stdout(&o);
    assert!(!out.contains("# "), "{out}");
    assert!(out.contains("• en hög inflation"), "{out}");
    assert!(out.contains("samtidigt som vi använder våra ekonomiska resurser på rätt sätt."));

    // nothing adopted: the original
    let o = amend(&["apply", &example(), "--format", "markdown"]);
    assert_eq!(code(&o), 0);
    assert_eq!(stdout(&o), case.document().unwrap().canonical);
}

#[test]
fn apply_with_a_conflict_needs_prefer() {
    let o = amend(&["apply", &example(), "--adopt", "mp1,v2"]);
    assert_eq!(code(&o), 2);
    let err = stderr(&o);
    assert!(err.contains("error: mp1 and v2 conflict"), "{err}");
    assert!(err.contains("help: pass --prefer"), "{err}");
    assert!(stdout(&o).is_empty());

    let o = amend(&[
        "apply",
        &example(),
        "--adopt",
        "mp1,v2",
        "--prefer",
        "mp1:v2",
        "--format",
        "markdown",
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(stderr(&o).contains("note: v2 is left out: it conflicts with mp1, which wins"));
    assert!(!stdout(&o).contains("Effektivisera den politiska målstyrningen"));

    let o = amend(&["apply", &example(), "--adopt", "v2", "--prefer", "v2"]);
    assert_eq!(code(&o), 2, "a malformed --prefer is a usage error");
    assert!(stderr(&o).contains("WINNER:LOSER"), "{}", stderr(&o));

    let o = amend(&["apply", &example(), "--adopt", "v9"]);
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o).contains("there is no amendment ”v9”"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn track_as_critic_markup() {
    let o = amend(&["track", &example(), "--adopt", "v2", "--format", "critic"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("{~~"), "{out}");
    assert!(out.contains("{>>Emily Munter (V)"), "{out}");
    assert!(out.contains("~>Vi~~}"), "{out}");
    assert!(
        out.contains(
            "{~~håller nere kostnaderna~>använder våra ekonomiska resurser på rätt sätt~~}"
        ),
        "{out}"
    );
    assert!(!out.contains("{++") && !out.contains("{--"), "{out}");
    // not a terminal: CriticMarkup is the default, without colour
    let o = amend(&["track", &example(), "--adopt", "v2"]);
    assert_eq!(stdout(&o), out);
    assert!(!out.contains('\x1b'));
}

#[test]
fn track_as_html() {
    let o = amend(&[
        "track",
        &example(),
        "--adopt",
        "v2,c-tillagg",
        "--format",
        "html",
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.starts_with("<!doctype html>"), "{out}");
    assert!(out.contains("<html lang=\"sv\">"));
    // no scripts, nothing fetched: only the page's own style
    assert!(
        out.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'\">"),
        "{out}"
    );
    assert!(!out.contains("<script"));
    assert!(
        out.contains("<del title=\"Emily Munter (V), ändringsförslag 2\""),
        "{out}"
    );
    assert!(
        out.contains("<ins title=\"Emily Munter (V), ändringsförslag 2\""),
        "{out}"
    );
    assert!(
        out.contains("<ins title=\"Heidi Hankanen Ängberg (C), tilläggsförslag\""),
        "{out}"
    );
    assert!(out.contains("håller nere kostnaderna</del>"), "{out}");
    let o = amend(&[
        "track",
        &example(),
        "--adopt",
        "v2",
        "--format",
        "html",
        "--lang",
        "en",
    ]);
    assert!(stdout(&o).contains("<html lang=\"en\">"));
}

#[test]
fn html_escapes_user_text() {
    let dir = scratch("escape");
    let case = serde_json::json!({
        "format": "amend/1",
        "title": "Plan <för> \"alla\" & ingen",
        "plan": { "format": "markdown", "text": "# Plan\n\n## Mål\n\nKostnader & <intäkter> ska \"balansera\".\n" },
        "members": [ { "id": "e", "name": "Eva <b>Ek</b> & Co", "party": "C" } ],
        "amendments": [ {
            "id": "c1", "proposer": "e", "kind": "change", "wording": "…",
            "ops": [ { "action": "replace", "quote": "<intäkter>", "text": "<script>alert('x')</script>" } ]
        } ]
    });
    let path = write(&dir, "case.json", &case.to_string());
    let o = amend(&["track", &path, "--adopt", "c1", "--format", "html"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let out = stdout(&o);
    assert!(!out.contains("<script>"), "{out}");
    assert!(!out.contains("<intäkter>"), "{out}");
    assert!(!out.contains("<b>"), "{out}");
    assert!(
        !out.contains("<script") && !out.contains("</script"),
        "{out}"
    );
    // (the word diff keeps the shared "<" and ">" outside the change)
    assert!(
        out.contains("script&gt;alert(&#39;x&#39;)&lt;/script"),
        "{out}"
    );
    assert!(out.contains("&lt;<del"), "{out}");
    assert!(out.contains(">intäkter</del>"), "{out}");
    assert!(out.contains("Kostnader &amp; "), "{out}");
    assert!(
        out.contains("title=\"Eva &lt;b&gt;Ek&lt;/b&gt; &amp; Co (C)"),
        "{out}"
    );
    assert!(
        out.contains("<title>Plan &lt;för&gt; &quot;alla&quot; &amp; ingen</title>"),
        "{out}"
    );
    // the clean text as HTML too
    let o = amend(&["apply", &path, "--adopt", "c1", "--format", "html"]);
    assert_eq!(code(&o), 0);
    let out = stdout(&o);
    assert!(!out.contains("<script>"), "{out}");
    assert!(out.contains("&lt;script&gt;"), "{out}");
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn diff_exits_1_when_texts_differ_and_0_when_equal() {
    let dir = scratch("diff");
    let a = write(
        &dir,
        "a.txt",
        "# Plan\n\nVi ska ha goda resultat.\n\nOförändrat stycke.\n",
    );
    let b = write(
        &dir,
        "b.txt",
        "# Plan\n\nVi ska ha bra resultat.\n\nOförändrat stycke.\n",
    );
    let a2 = write(
        &dir,
        "a2.txt",
        "# Plan\n\nVi ska ha goda resultat.\n\nOförändrat stycke.\n",
    );

    let o = amend(&["diff", &a, &b, "--format", "critic"]);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    assert_eq!(
        stdout(&o),
        "# Plan\n\nVi ska ha {~~goda~>bra~~} resultat.\n\nOförändrat stycke.\n"
    );

    let o = amend(&["diff", &a, &a2, "--format", "critic"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(stdout(&o), std::fs::read_to_string(&a).unwrap());

    // a case file stands for its plan text
    let plan = root().join("examples/alingsas-ks-2023-217/plan.txt");
    let o = amend(&["diff", &example(), &plan.display().to_string()]);
    assert_eq!(code(&o), 0, "{}", stdout(&o));

    let o = amend(&["diff", &a, &dir.join("missing.txt").display().to_string()]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("error: cannot read"));
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn minutes_with_a_proposal_never_decided_are_a_draft_and_say_so() {
    let dir = scratch("draft");
    let case = undecided_example(&dir);

    let o = amend(&["minutes", &case]);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    assert!(stdout(&o).is_empty(), "{}", stdout(&o));
    let err = stderr(&o);
    assert!(
        err.contains("error: ")
            && err.contains("the minutes are a draft: 1 proposal was never decided"),
        "{err}"
    );
    assert!(
        err.contains("Heidi Hankanen Ängbergs (C) tilläggsförslag har inte avgjorts"),
        "{err}"
    );
    assert!(err.contains("--draft"), "{err}");

    let o = amend(&["minutes", &case, "--draft"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(
        stdout(&o).starts_with("UTKAST – protokollet är inte färdigt: Heidi Hankanen Ängbergs (C) tilläggsförslag har inte avgjorts.\n\nFörslag till beslut"),
        "{}",
        stdout(&o)
    );
    let o = amend(&["minutes", &case, "--draft", "--lang", "en"]);
    assert!(
        stdout(&o).starts_with("DRAFT – the minutes are not complete: "),
        "{}",
        stdout(&o)
    );
    // amend decide prints them marked, and warns
    let o = amend(&["decide", &case]);
    assert!(
        stdout(&o).contains("\nUTKAST – protokollet är inte färdigt"),
        "{}",
        stdout(&o)
    );
    assert!(stderr(&o).contains("warning: "), "{}", stderr(&o));

    // the complete case: no notice
    let o = amend(&["minutes", &example()]);
    assert_eq!(code(&o), 0);
    assert!(stdout(&o).starts_with("Förslag till beslut"));
}

#[test]
fn minutes_as_html_and_docx() {
    let dir = scratch("minutes-formats");
    // text stays the default
    let text = stdout(&amend(&["minutes", &example()]));
    assert_eq!(
        stdout(&amend(&["minutes", &example(), "--format", "text"])),
        text
    );

    let o = amend(&["minutes", &example(), "--format", "html"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let page = stdout(&o);
    assert!(
        page.starts_with("<!doctype html>\n<html lang=\"sv\">"),
        "{page}"
    );
    for title in [
        "Förslag till beslut på sammanträdet",
        "Beslutsgång",
        "Beslut",
        "Reservation",
    ] {
        assert!(page.contains(&format!("<h2>{title}</h2>")), "{title}");
    }
    let o = amend(&["minutes", &example(), "--format", "html", "--lang", "en"]);
    assert!(stdout(&o).contains("<h2>Decision procedure</h2>"));

    // a .docx only to a file
    let o = amend(&["minutes", &example(), "--format", "docx"]);
    assert_eq!(code(&o), 2);
    assert!(stdout(&o).is_empty());
    assert!(
        stderr(&o).contains(
            "error: a .docx file is not written to the terminal: give a file with -o FILE.docx"
        ),
        "{}",
        stderr(&o)
    );
    let file = dir.join("protokoll.docx");
    let o = amend(&[
        "minutes",
        &example(),
        "--format",
        "docx",
        "-o",
        file.to_str().unwrap(),
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(stdout(&o).is_empty());
    let bytes = std::fs::read(&file).unwrap();
    assert_eq!(&bytes[..2], b"PK");
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").unwrap(), &mut xml)
        .unwrap();
    assert!(xml.contains(">§ 217 Kommunkoncernövergripande ekonomisk handlingsplan<"));
    assert!(xml.contains(">Beslutsgång<"));

    // -o for text and HTML too
    let html = dir.join("protokoll.html");
    let o = amend(&[
        "minutes",
        &example(),
        "--format",
        "html",
        "-o",
        html.to_str().unwrap(),
    ]);
    assert_eq!(code(&o), 0);
    assert_eq!(std::fs::read_to_string(&html).unwrap(), page);
}

#[test]
fn draft_minutes_in_every_format_need_draft_and_carry_the_notice() {
    let dir = scratch("minutes-draft-formats");
    let case = undecided_example(&dir);
    let file = dir.join("utkast.docx");
    let out = file.to_str().unwrap();
    for format in ["html", "docx"] {
        let o = amend(&["minutes", &case, "--format", format, "-o", out]);
        assert_eq!(code(&o), 1, "{format}: {}", stderr(&o));
        assert!(stderr(&o).contains("--draft"), "{}", stderr(&o));
        assert!(!file.exists(), "{format}: nothing is written");
    }
    let o = amend(&["minutes", &case, "--format", "html", "--draft"]);
    assert_eq!(code(&o), 0);
    assert!(stdout(&o).contains(
        "<div class=\"notice\" role=\"note\"><p>UTKAST – protokollet är inte färdigt: Heidi Hankanen Ängbergs (C) tilläggsförslag har inte avgjorts.</p></div>"
    ));
    let o = amend(&["minutes", &case, "--format", "docx", "--draft", "-o", out]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(stderr(&o).contains("warning: "), "{}", stderr(&o));
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&file).unwrap()).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").unwrap(), &mut xml)
        .unwrap();
    assert!(xml.contains(">UTKAST – protokollet är inte färdigt: "));
}

#[test]
fn members_pasted_from_minutes_are_added_once() {
    let dir = scratch("members");
    let list = write(
        &dir,
        "list.txt",
        "Beslutande ledamöter\nAmanda Andersson (MP)\nDaniel Filipsson (M), ordförande\n\nTjänstgörande ersättare\nKent Lindberg (L) för Bo Berg (M)\n",
    );
    let out = dir.join("case.json").display().to_string();
    let o = amend(&["members", &example(), "--add", &list, "-o", &out]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(
        stderr(&o).contains("2 of 3 listed members added (1 already there)"),
        "{}",
        stderr(&o)
    );
    let o = amend(&["members", &out]);
    let listed = stdout(&o);
    assert!(
        listed.contains("df       Daniel Filipsson (M)\n"),
        "{listed}"
    );
    assert!(
        listed.contains("kl       Kent Lindberg (L)  ersättare\n"),
        "{listed}"
    );
    assert_eq!(listed.matches("Amanda Andersson").count(), 1, "{listed}");
    // a line that names no member is an error naming it; the case is not written
    let bad = write(&dir, "bad.txt", "Anna Andersson (S)\n(S)\n");
    let o = amend(&["members", &example(), "--add", &bad, "-o", &out]);
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o).contains("line 2: ”(S)” is not a member"),
        "{}",
        stderr(&o)
    );
}
