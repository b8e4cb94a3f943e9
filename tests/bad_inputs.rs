//! Every bad input in `tests/bad/` gives its own error, with a message that
//! says what is wrong and where; none panics.

// Native only: `wasm-pack test` builds every test target for wasm32.
#![cfg(not(target_arch = "wasm32"))]

use amend::doc::{Document, SourceFormat};
use amend::error::Error;
use amend::Case;
use std::path::{Path, PathBuf};

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/bad")
}

/// What to do with a file.
#[derive(Debug, Clone, Copy)]
enum Run {
    /// Read the case and locate its amendments (as `amend check`).
    Check,
    /// Read the case and apply these amendments.
    Apply(&'static [&'static str]),
    /// Parse the file as a plan text.
    Plan,
    /// Parse the file as a plan text, read as UTF-8 with replacement
    /// characters.
    PlanLossy,
}

struct Bad {
    file: &'static str,
    run: Run,
    code: &'static str,
    /// Parts the message must have.
    says: &'static [&'static str],
}

const CORPUS: &[Bad] = &[
    Bad {
        file: "quote_not_found.json",
        run: Run::Check,
        code: "quote_not_found",
        says: &[
            "amendment m1, operation 1 (replace)",
            "the quoted passage is not in the plan",
            "”Personalen ska få sämre villkor och fler kollegor”",
            "closest match",
            "page 2, section ”Personal”",
            "”Personalen ska få bättre villkor och fler kollegor.”",
        ],
    },
    Bad {
        file: "quote_ambiguous.json",
        run: Run::Check,
        code: "quote_ambiguous",
        says: &[
            "amendment m1, operation 1 (delete)",
            "stands 2 times",
            "”Kostnaderna ska ned.”",
            "\n  1. page 1, section ”Lokaler”",
            "\n  2. page 2, section ”Drift”",
        ],
    },
    Bad {
        file: "occurrence_out_of_range.json",
        run: Run::Check,
        code: "no_such_occurrence",
        says: &[
            "amendment m1, operation 1 (delete)",
            "occurrence 3 asked for",
            "stands only 2 times",
            "”Kostnaderna ska ned.”",
        ],
    },
    Bad {
        file: "heading_not_found.json",
        run: Run::Check,
        code: "heading_not_found",
        says: &[
            "amendment m1, operation 1 (delete_section)",
            "there is no heading ”Personalpolitik”",
            "closest match",
            "page 2, section ”Personal”",
        ],
    },
    Bad {
        file: "heading_ambiguous.json",
        run: Run::Check,
        code: "heading_ambiguous",
        says: &[
            "amendment m1, operation 1 (delete_section)",
            "the heading ”Uppföljning” stands 2 times",
            "\n  1. page 1, section ”Uppföljning”",
            "\n  2. page 2, section ”Uppföljning”",
        ],
    },
    Bad {
        file: "not_in_section.json",
        run: Run::Check,
        code: "not_in_section",
        says: &[
            "amendment m1, operation 1 (delete)",
            "not in section ”Lokaler”",
            "page 2, section ”Drift”",
            "”Driftkostnaderna ska ned.”",
        ],
    },
    Bad {
        file: "section_not_found.json",
        run: Run::Check,
        code: "heading_not_found",
        says: &[
            "amendment m1, operation 1 (delete)",
            "there is no heading ”Ekonomi och drift”",
        ],
    },
    Bad {
        file: "replace_without_text.json",
        run: Run::Check,
        code: "missing_field",
        says: &[
            "amendment m1, operation 1 (replace)",
            "\"text\"",
            "is missing",
        ],
    },
    Bad {
        file: "empty_replacement.json",
        run: Run::Check,
        code: "empty_text",
        says: &[
            "amendment m1, operation 1 (replace)",
            "\"text\"",
            "is empty",
        ],
    },
    Bad {
        file: "quote_without_words.json",
        run: Run::Check,
        code: "empty_text",
        says: &["amendment m1, operation 1 (delete)", "has no words"],
    },
    Bad {
        file: "insert_without_position.json",
        run: Run::Check,
        code: "missing_field",
        says: &[
            "amendment m1, operation 1 (insert)",
            "\"position\"",
            "is missing",
        ],
    },
    Bad {
        file: "section_without_heading.json",
        run: Run::Check,
        code: "missing_field",
        says: &[
            "amendment m1, operation 1 (insert)",
            "\"new_heading\"",
            "is missing",
        ],
    },
    Bad {
        file: "no_operations.json",
        run: Run::Check,
        code: "no_operations",
        says: &["amendment m1 has no operations"],
    },
    Bad {
        file: "conflict_adopted.json",
        run: Run::Apply(&["m1", "m2"]),
        code: "conflict",
        says: &[
            "m1",
            "m2",
            "conflict",
            "deletes the section",
            "say which wins",
        ],
    },
    Bad {
        file: "self_overlap.json",
        run: Run::Check,
        code: "bad_operation",
        says: &[
            "amendment m1, operation 2 (delete)",
            "operation 1",
            "the same words",
        ],
    },
    Bad {
        file: "self_overlap.json",
        run: Run::Apply(&["m1"]),
        code: "bad_operation",
        says: &["amendment m1, operation 2 (delete)", "operation 1"],
    },
    Bad {
        file: "broken.json",
        run: Run::Check,
        code: "json",
        says: &[
            "not valid JSON",
            "expected `,` or `}`",
            "(line 5, column 3)",
        ],
    },
    Bad {
        file: "truncated.json",
        run: Run::Check,
        code: "json",
        says: &["not valid JSON", "EOF", "line "],
    },
    Bad {
        file: "not_a_case.json",
        run: Run::Check,
        code: "not_a_case",
        says: &["no \"format\" field", "amend/1"],
    },
    Bad {
        file: "not_an_object.json",
        run: Run::Check,
        code: "not_a_case",
        says: &["no \"format\" field"],
    },
    Bad {
        file: "format_version.json",
        run: Run::Check,
        code: "format_version",
        says: &["\"format\": \"amend/2\"", "reads \"amend/1\""],
    },
    Bad {
        file: "duplicate_id.json",
        run: Run::Check,
        code: "duplicate_id",
        says: &["”m1” is used twice", "two amendments"],
    },
    Bad {
        file: "reserved_id.json",
        run: Run::Check,
        code: "reserved_id",
        says: &["the id ”reject”", "avslag", "give it another id"],
    },
    Bad {
        file: "unknown_proposer.json",
        run: Run::Check,
        code: "unknown_member",
        says: &["amendment m1", "no member ”zz”", "proposer"],
    },
    Bad {
        file: "unknown_supporter.json",
        run: Run::Check,
        code: "unknown_member",
        says: &["amendment m1", "no member ”hha”", "supporter"],
    },
    Bad {
        file: "unknown_amendment_on_apply.json",
        run: Run::Apply(&["m1", "m9"]),
        code: "unknown_amendment",
        says: &["no amendment ”m9”", "the case has: m1"],
    },
    Bad {
        file: "unknown_action.json",
        run: Run::Check,
        code: "json",
        says: &["unknown variant `strike`", "delete_section", "line "],
    },
    Bad {
        file: "ops_not_a_list.json",
        run: Run::Check,
        code: "json",
        says: &["invalid type", "expected a sequence", "line "],
    },
    Bad {
        file: "empty_plan.json",
        run: Run::Check,
        code: "empty_plan",
        says: &["the plan text is empty"],
    },
    Bad {
        file: "huge_line.txt",
        run: Run::Plan,
        code: "block_too_long",
        says: &[
            "101999 characters",
            "page 1",
            "”lokal lokal",
            "the most accepted is 100000",
        ],
    },
    Bad {
        file: "binary.txt",
        run: Run::Plan,
        code: "not_text",
        says: &["line 3", "control character U+0000"],
    },
    Bad {
        file: "not_utf8.txt",
        run: Run::PlanLossy,
        code: "not_text",
        says: &["line 3", "U+FFFD"],
    },
];

/// The one error a bad input gives.
fn error_of(path: &Path, run: Run) -> Error {
    let bytes = std::fs::read(path).unwrap();
    match run {
        Run::Plan => {
            let text = String::from_utf8(bytes).unwrap();
            Document::parse(&text, SourceFormat::Auto).unwrap_err()
        }
        Run::PlanLossy => {
            assert!(String::from_utf8(bytes.clone()).is_err());
            let text = String::from_utf8_lossy(&bytes);
            Document::parse(&text, SourceFormat::Auto).unwrap_err()
        }
        Run::Check => {
            let text = String::from_utf8(bytes).unwrap();
            let case = match Case::from_json(&text) {
                Ok(c) => c,
                Err(e) => return e,
            };
            let analysis = match case.analyze() {
                Ok(a) => a,
                Err(e) => return e,
            };
            assert_eq!(
                analysis.errors.len(),
                1,
                "{}: {:#?}",
                path.display(),
                analysis.errors
            );
            analysis.errors[0].clone()
        }
        Run::Apply(ids) => {
            let text = String::from_utf8(bytes).unwrap();
            let case = Case::from_json(&text).unwrap();
            let ids: Vec<String> = ids.iter().map(|s| s.to_string()).collect();
            case.apply(&ids, &[]).unwrap_err()
        }
    }
}

#[test]
fn every_bad_input_gives_its_own_error() {
    let mut failures = Vec::new();
    for bad in CORPUS {
        let e = error_of(&dir().join(bad.file), bad.run);
        let msg = e.to_string();
        if e.code() != bad.code {
            failures.push(format!(
                "{} ({:?}): code {} instead of {}: {msg}",
                bad.file,
                bad.run,
                e.code(),
                bad.code
            ));
            continue;
        }
        for part in bad.says {
            if !msg.contains(part) {
                failures.push(format!("{}: message lacks {part:?}: {msg}", bad.file));
            }
        }
        // the error serialises for the browser, with its kind
        let json = serde_json::to_value(&e).unwrap();
        assert!(json.get("error").is_some(), "{json}");
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn the_corpus_is_all_in_the_table() {
    let mut files: Vec<String> = std::fs::read_dir(dir())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    assert!(files.len() >= 20, "{files:?}");
    for f in &files {
        assert!(
            CORPUS.iter().any(|b| b.file == f),
            "tests/bad/{f} is not checked"
        );
    }
    for b in CORPUS {
        assert!(files.iter().any(|f| f == b.file), "{} is missing", b.file);
    }
}

#[test]
fn quote_not_found_names_the_nearest_passage() {
    let e = error_of(&dir().join("quote_not_found.json"), Run::Check);
    let Error::QuoteNotFound { at, quote, nearest } = &e else {
        panic!("{e:?}");
    };
    assert_eq!(at.amendment, "m1");
    assert_eq!(at.op, 1);
    assert_eq!(at.action, "replace");
    assert_eq!(quote, "Personalen ska få sämre villkor och fler kollegor");
    let n = nearest.as_ref().expect("a nearest match");
    assert_eq!(
        n.text,
        "Personalen ska få bättre villkor och fler kollegor."
    );
    assert_eq!(n.place.page, 2);
    assert_eq!(n.place.section.as_deref(), Some("Personal"));
    // one word of eight differs
    assert!(
        (0.8..1.0).contains(&n.similarity),
        "similarity {}",
        n.similarity
    );
    let percent = format!("closest match, {:.0} %", n.similarity * 100.0);
    assert!(e.to_string().contains(&percent), "{e}");
    // and the help shows what the plan has
    assert!(e
        .help()
        .unwrap()
        .contains("Personalen ska få bättre villkor och fler kollegor."));
}

#[test]
fn ambiguous_quote_lists_every_place() {
    let e = error_of(&dir().join("quote_ambiguous.json"), Run::Check);
    let Error::QuoteAmbiguous { places, .. } = &e else {
        panic!("{e:?}");
    };
    let at: Vec<(u32, Option<&str>)> = places
        .iter()
        .map(|p| (p.page, p.section.as_deref()))
        .collect();
    assert_eq!(at, [(1, Some("Lokaler")), (2, Some("Drift"))]);
    assert!(e.help().unwrap().contains("occurrence"));
    // naming the occurrence or the section resolves it
    let text = std::fs::read_to_string(dir().join("quote_ambiguous.json")).unwrap();
    for (field, value) in [
        ("occurrence", serde_json::json!(2)),
        ("section", serde_json::json!("Drift")),
        ("page", serde_json::json!(2)),
    ] {
        let mut v: serde_json::Value = serde_json::from_str(&text).unwrap();
        v["amendments"][0]["ops"][0][field] = value;
        let case = Case::from_json(&v.to_string()).unwrap();
        let (_, applied) = case.apply(&["m1".to_string()], &[]).unwrap();
        assert!(
            applied
                .text
                .contains("## Lokaler\n\nVi ska ha färre lokaler. Kostnaderna ska ned."),
            "{field}: {}",
            applied.text
        );
        assert!(
            applied
                .text
                .contains("## Drift\n\nDriftkostnaderna ska ned.\n"),
            "{field}: {}",
            applied.text
        );
    }
}

#[test]
fn json_errors_give_line_and_column() {
    let e = error_of(&dir().join("broken.json"), Run::Check);
    assert_eq!(
        e,
        Error::Json {
            message: "expected `,` or `}`".into(),
            line: 5,
            column: 3
        }
    );
}

#[test]
fn a_plan_too_large_is_refused_before_it_is_read() {
    let big = "Lokaler ska vara få.\n\n".repeat(amend::doc::MAX_PLAN_BYTES / 20);
    assert!(big.len() > amend::doc::MAX_PLAN_BYTES);
    let e = Document::parse(&big, SourceFormat::Auto).unwrap_err();
    assert_eq!(e.code(), "plan_too_large");
    assert_eq!(
        e,
        Error::PlanTooLarge {
            bytes: big.len(),
            max: amend::doc::MAX_PLAN_BYTES
        }
    );
    assert!(e.to_string().contains(&big.len().to_string()));
    // a case with it says the same
    let case = Case::new("Stor", &big);
    assert_eq!(case.analyze().unwrap_err().code(), "plan_too_large");
}

#[test]
fn a_long_block_is_refused_even_in_markdown() {
    let text = format!("# Plan\n\n{}\n", "ord ".repeat(30_000).trim());
    let e = Document::parse(&text, SourceFormat::Markdown).unwrap_err();
    assert!(
        matches!(
            e,
            Error::BlockTooLong {
                chars: 119_999,
                max: 100_000,
                page: 1,
                ..
            }
        ),
        "{e:?}"
    );
    // one character under the limit is fine
    let ok = format!("# Plan\n\n{}\n", "x".repeat(amend::doc::MAX_BLOCK_CHARS));
    assert!(Document::parse(&ok, SourceFormat::Markdown).is_ok());
}

#[test]
fn preferring_an_unknown_amendment_is_an_error() {
    let text = std::fs::read_to_string(dir().join("conflict_adopted.json")).unwrap();
    let case = Case::from_json(&text).unwrap();
    let e = case
        .apply(
            &["m1".to_string(), "m2".to_string()],
            &[("m3".to_string(), "m1".to_string())],
        )
        .unwrap_err();
    assert_eq!(e.code(), "unknown_amendment");
    assert!(e.to_string().contains("”m3”"), "{e}");
    // the right preference resolves the conflict
    let (_, applied) = case
        .apply(
            &["m1".to_string(), "m2".to_string()],
            &[("m1".to_string(), "m2".to_string())],
        )
        .unwrap();
    assert_eq!(applied.dropped, vec![("m2".to_string(), "m1".to_string())]);
    assert!(applied.text.contains("fler lokaler"));
}
