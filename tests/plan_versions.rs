//! `amend diff` of two versions of a plan compares them as plans: the
//! example plan rewrapped, re-hyphenated and paginated is the same plan;
//! one sentence changed is that one change; a moved paragraph is a move.

// Native only: `wasm-pack test` builds every test target for wasm32.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use amend::diff::Tag;
use amend::doc::{BlockKind, Document, SourceFormat};
use amend::plan::versions::compare_versions;
use common::amend_cli;

const PLAN: &str = include_str!("../examples/alingsas-ks-2023-217/plan.txt");

fn read(text: &str) -> Document {
    Document::parse(text, SourceFormat::Text).expect("the plan reads")
}

/// `text` wrapped at `width` columns as a word processor would, and the
/// first long word that would start a line broken with a hyphen instead.
fn wrap(text: &str, width: usize, hyphenate: &mut bool) -> String {
    let mut lines: Vec<String> = vec![String::new()];
    for word in text.split_whitespace() {
        let line = lines.last_mut().unwrap();
        if line.is_empty() || line.chars().count() + 1 + word.chars().count() <= width {
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
            continue;
        }
        let room = width.saturating_sub(line.chars().count() + 2);
        let letters = word.chars().all(char::is_alphabetic);
        if *hyphenate && letters && word.chars().count() > 10 && room >= 5 {
            *hyphenate = false;
            let cut: String = word.chars().take(room).collect();
            let rest: String = word.chars().skip(room).collect();
            line.push(' ');
            line.push_str(&cut);
            line.push('-');
            lines.push(rest);
        } else {
            lines.push(word.to_string());
        }
    }
    lines.join("\n")
}

/// The example plan as another PDF would give it: every paragraph wrapped
/// at 60 columns (one word hyphenated in each of the first paragraphs), a
/// page footer and a page break every eight blocks.
fn rewrapped() -> String {
    let doc = read(PLAN);
    let mut out = Vec::new();
    let mut hyphens = 0;
    for (i, b) in doc.blocks.iter().enumerate() {
        let mut hyphenate = hyphens < 6;
        out.push(match b.kind {
            BlockKind::Paragraph => wrap(&b.text, 60, &mut hyphenate),
            BlockKind::ListItem => format!("• {}", b.text),
            _ => b.text.clone(),
        });
        if !hyphenate {
            hyphens += 1;
        }
        if i % 8 == 7 {
            out.push(format!("Sida {} av 9\n\u{c}", i / 8 + 1));
        }
    }
    assert!(hyphens >= 3, "the test hyphenates words");
    out.join("\n\n") + "\n"
}

fn temp(name: &str, text: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("amend-versions-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

#[test]
fn the_plan_rewrapped_rehyphenated_and_paginated_is_the_same_plan() {
    let new = rewrapped();
    assert!(
        new.contains("-\n"),
        "some words are hyphenated at a line's end"
    );
    assert_ne!(new, PLAN);
    let v = compare_versions(&read(PLAN), &read(&new));
    let changes: Vec<_> = v.chunks.iter().filter(|c| c.tag != Tag::Equal).collect();
    assert!(changes.is_empty(), "{changes:#?}");

    let (old_file, new_file) = (temp("old.txt", PLAN), temp("new.txt", &new));
    let (code, out, err) = amend_cli(&[
        "diff",
        old_file.to_str().unwrap(),
        new_file.to_str().unwrap(),
        "--format",
        "critic",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(
        !out.contains("{--") && !out.contains("{++") && !out.contains("{>>"),
        "{out}"
    );
    // the files' texts as they are differ in hundreds of places
    let (code, raw, _) = amend_cli(&[
        "diff",
        "--raw",
        old_file.to_str().unwrap(),
        new_file.to_str().unwrap(),
        "--format",
        "critic",
    ]);
    assert_eq!(code, 1);
    assert!(
        raw.matches("{++").count() > 50,
        "{}",
        raw.matches("{++").count()
    );
}

#[test]
fn one_sentence_changed_is_exactly_that_change() {
    assert!(PLAN.contains("Åtgärderna är av övergripande karaktär."));
    // one word of that sentence, wherever the new wrapping breaks it
    let changed = rewrapped()
        .replacen("övergripande karaktär.", "strategisk karaktär.", 1)
        .replacen("övergripande\nkaraktär.", "strategisk\nkaraktär.", 1);
    assert!(changed.contains("strategisk"));
    let v = compare_versions(&read(PLAN), &read(&changed));
    let changes: Vec<(Tag, &str)> = v
        .chunks
        .iter()
        .filter(|c| c.tag != Tag::Equal)
        .map(|c| (c.tag, c.text.as_str()))
        .collect();
    assert_eq!(
        changes,
        [(Tag::Delete, "övergripande"), (Tag::Insert, "strategisk")]
    );
    let (old_file, new_file) = (temp("old2.txt", PLAN), temp("new2.txt", &changed));
    let (code, out, _) = amend_cli(&[
        "diff",
        old_file.to_str().unwrap(),
        new_file.to_str().unwrap(),
        "--format",
        "critic",
    ]);
    assert_eq!(code, 1);
    assert_eq!(
        out.matches("{~~").count() + out.matches("{--").count() + out.matches("{++").count(),
        1,
        "{out}"
    );
    assert!(out.contains("{~~övergripande~>strategisk~~}"), "{out}");
    assert!(!out.contains("{>>"), "no empty comments: {out}");
}

#[test]
fn a_moved_paragraph_is_named_as_a_move() {
    // paragraphs as the file has them: the long ones that start no section
    let paras: Vec<&str> = PLAN
        .split("\n\n")
        .filter(|p| {
            p.len() > 400
                && p.starts_with(char::is_uppercase)
                && !p.starts_with(|c: char| c.is_ascii_digit())
        })
        .collect();
    let (first, third) = (paras[1], paras[3]);
    // the second long paragraph moved to after the fourth
    let moved = PLAN.replacen(&format!("{first}\n\n"), "", 1).replacen(
        &format!("{third}\n\n"),
        &format!("{third}\n\n{first}\n\n"),
        1,
    );
    assert_ne!(moved, PLAN);
    assert_eq!(moved.len(), PLAN.len());
    let v = compare_versions(&read(PLAN), &read(&moved));
    // moving one paragraph over others may as well be read as moving those
    // over it: either way every change is a whole paragraph that moved
    assert!(!v.moved.is_empty());
    let moved_texts: Vec<&str> = v.moved.iter().map(|m| m.text.as_str()).collect();
    for c in v.chunks.iter().filter(|c| c.tag != Tag::Equal) {
        for p in c
            .text
            .split("\n\n")
            .map(str::trim)
            .filter(|p| !p.is_empty())
        {
            assert!(moved_texts.contains(&p), "{:?} is a change, not a move", p);
        }
    }
    let first_joined = first.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        moved_texts.len() == 1 && first_joined.starts_with(&moved_texts[0][..40])
            || moved_texts.len() > 1,
        "{moved_texts:?}"
    );
    let (old_file, new_file) = (temp("old3.txt", PLAN), temp("new3.txt", &moved));
    let (code, _, err) = amend_cli(&[
        "diff",
        old_file.to_str().unwrap(),
        new_file.to_str().unwrap(),
    ]);
    assert_eq!(code, 1);
    assert!(err.contains("moved: block"), "{err}");
}
